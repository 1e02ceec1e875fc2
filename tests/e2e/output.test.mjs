// What leaves the visualiser: downloads at full resolution with the dots in them,
// settings through the URL fragment and a JSON file, and nothing over the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, inWidget, nextEvent, SHARED, waitForRenders, openBrowser, startServer } from './harness.mjs';

let session;
const requestsAfterReady = [];
before(async () => {
  session = await openPage();
  session.page.on('request', (request) => requestsAfterReady.push({ url: request.url(), method: request.method(), body: request.postData() }));
});
after(() => session.close());

/** Decodes an image file in the page: its size and the mean green of a region. */
function decodeInPage(page, bytes, region) {
  return page.evaluate(async ({ data, region: r }) => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(data)]));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const mean = (x, y, w, h) => {
      const { data: px } = context.getImageData(x, y, w, h);
      let sum = 0;
      for (let i = 1; i < px.length; i += 4) sum += px[i];
      return sum / (px.length / 4);
    };
    return { width: bitmap.width, height: bitmap.height, left: mean(...r.left), right: r.right ? mean(...r.right) : null };
  }, { data: [...bytes], region });
}

async function download(selector) {
  const { page } = session;
  const [file] = await Promise.all([page.waitForEvent('download'), inWidget(page, selector).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('PNG download: full resolution, with the dots', async () => {
  const { name, bytes } = await download('[data-export="image/png"]');
  assert.equal(name, 'hairline.png');
  assert.deepEqual([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  // The treated top of the head is darker than in the original photo.
  const result = await decodeInPage(session.page, bytes, { left: [220, 0, 200, 80] });
  const original = await decodeInPage(session.page, await readFile(new URL('../../www/samples/sample.jpg', import.meta.url)), { left: [220, 0, 200, 80] });
  assert.deepEqual([result.width, result.height], [640, 640]);
  assert.ok(result.left < original.left - 1, `dots darken the scalp: ${result.left} vs ${original.left}`);
});

test('JPEG download and the before/after image', async () => {
  const jpeg = await download('[data-export="image/jpeg"]');
  assert.equal(jpeg.name, 'hairline.jpg');
  assert.deepEqual([...jpeg.bytes.subarray(0, 2)], [0xff, 0xd8]);
  const both = await download('[data-export="both"]');
  assert.equal(both.name, 'hairline-before-after.jpg');
  const decoded = await decodeInPage(session.page, both.bytes, { left: [220, 0, 200, 80], right: [860, 0, 200, 80] });
  assert.deepEqual([decoded.width, decoded.height], [1280, 640]);
  assert.ok(decoded.right < decoded.left - 1, `after (right) is darker: ${decoded.right} vs ${decoded.left}`);
});

test('the export API returns a Blob and fires `export`', async () => {
  const result = await session.page.evaluate(async () => {
    const widget = document.querySelector('hairline-visualiser');
    const fired = new Promise((resolve) => widget.addEventListener('export', (e) => resolve(e.detail.type), { once: true }));
    const blob = await widget.exportImage({ type: 'image/jpeg', quality: 0.8 });
    return { size: blob.size, type: blob.type, fired: await fired };
  });
  assert.equal(result.type, 'image/jpeg');
  assert.equal(result.fired, 'image/jpeg');
  assert.ok(result.size > 10_000);
});

test('settings round-trip through the URL fragment', async () => {
  const { page } = session;
  const changed = nextEvent(page, 'change');
  await inWidget(page, '#density').fill('77');
  await changed;
  const url = page.url();
  assert.match(url, /#hairline=/);
  // A fresh browser opening that link gets the same settings.
  const other = await openBrowser();
  try {
    await other.page.goto(url);
    await waitForRenders(other.page);
    await other.page.waitForFunction(() => document.querySelector('hairline-visualiser').options?.density === 77);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
});

test('a long slider drag writes the URL a few times a second, not every frame', async () => {
  const { page } = session;
  const { writes, seconds, density, before } = await page.evaluate(async () => {
    const el = document.querySelector('hairline-visualiser');
    const before = el.options.density;
    const slider = el.shadowRoot.querySelector('#density');
    let writes = 0;
    const original = history.replaceState;
    history.replaceState = function (...args) {
      writes++;
      return original.apply(this, args);
    };
    const started = performance.now();
    for (let i = 0; i < 150; i++) {
      slider.value = String(40 + (i % 100) * 2);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    const seconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 600)); // the last write lands
    history.replaceState = original;
    return { writes, seconds, density: el.options.density, before };
  });
  assert.ok(writes >= 2 && writes <= Math.ceil(seconds * 4) + 2, `${writes} URL writes in ${seconds.toFixed(1)} s`);
  // The last value is what the URL holds.
  assert.equal(density, 40 + (149 % 100) * 2);
  const fragment = await page.evaluate(() => location.hash);
  const other = await openBrowser();
  try {
    await other.page.goto(session.url + fragment);
    await other.page.waitForFunction((d) => document.querySelector('hairline-visualiser').options?.density === d, density);
  } finally {
    await other.close();
  }
  // Leave the density as the tests after this one expect it.
  const restored = nextEvent(page, 'change');
  await page.evaluate((d) => { document.querySelector('hairline-visualiser').options = { density: d }; }, before);
  await restored;
});

test('settings round-trip through a JSON file; a bad file is refused', async () => {
  const { page } = session;
  const saved = await download('.save-settings');
  assert.equal(saved.name, 'hairline-settings.json');
  const settings = JSON.parse(saved.bytes.toString());
  assert.equal(settings.options.density, 77);
  assert.equal(settings.version, 1);
  assert.ok(!('photo' in settings) && !JSON.stringify(settings).includes('data:'), 'no photo in settings');
  const dir = await mkdtemp(join(tmpdir(), 'hairline-settings-'));
  assert.deepEqual(Object.keys(settings.design).sort(), ['coverage', 'edgeSoftness', 'preset']);
  settings.options.density = 140;
  settings.options.healing = 'fresh';
  settings.design.preset = 'mature';
  await writeFile(join(dir, 'good.json'), JSON.stringify(settings));
  const changed = nextEvent(page, 'change');
  await inWidget(page, '.settings-input').setInputFiles(join(dir, 'good.json'));
  const options = (await changed).options;
  assert.equal(options.density, 140);
  assert.equal(options.healing, 'fresh');
  assert.equal(await inWidget(page, '#density').inputValue(), '140');
  assert.equal(await inWidget(page, '.preset').inputValue(), 'mature');

  for (const [file, text, pattern] of [
    ['broken.json', '{"options": ', /not valid JSON/],
    ['other.json', '{"hello": 1}', /not a Hairline settings file/],
    ['range.json', '{"options": {"density": 5000}}', /Density must be a number between \d+ and \d+/],
  ]) {
    await writeFile(join(dir, file), text);
    const error = nextEvent(page, 'error');
    await inWidget(page, '.settings-input').setInputFiles(join(dir, file));
    assert.match((await error).message, pattern);
    assert.equal((await page.evaluate(() => document.querySelector('hairline-visualiser').options)).density, 140);
  }
});

test('after the page loaded: no request of any kind, and nothing of the photo stored', async () => {
  const { page } = session;
  const opened = nextEvent(page, 'photo');
  await inWidget(page, '.file-input').setInputFiles(new URL('photos/L6_25-Front.jpg', SHARED).pathname);
  await opened;
  await inWidget(page, '#density').fill('170');
  await download('[data-export="image/png"]');
  const network = requestsAfterReady.filter(({ url }) => !url.startsWith('blob:') && !url.startsWith('data:'));
  // Reopening the shipped sample and, with the first photo of one's own, the photo
  // analysis (its code and models) are the page's own static files, fetched with GET and
  // nothing attached; nothing else goes out.
  const analysis = ['analysis.js', 'pkg/analysis/hairline_analysis.js', 'pkg/analysis/hairline_analysis_bg.wasm',
    'models/face_detection_short_range.hlnn', 'models/face_landmark.hlnn', 'models/selfie_segmentation.hlnn'];
  const own = (url) => url.endsWith('/samples/sample.jpg') || analysis.some((file) => url === new URL(file, session.url).href);
  assert.deepEqual(network.filter(({ url }) => !own(url)), []);
  assert.deepEqual(network.filter(({ method, body }) => method !== 'GET' || body), []);
  assert.deepEqual(network.map(({ url }) => url).filter((url) => !url.endsWith('sample.jpg')).sort(), analysis.map((f) => new URL(f, session.url).href).sort());
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookies: document.cookie,
    databases: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookies: '', databases: 0, caches: 0 });
  assert.ok(!page.url().includes('data:') && page.url().length < 600, 'no photo in the URL');
  assert.deepEqual(session.problems, []);
});

test('a server that serves the page under a sub-path works the same', async () => {
  const { server, url } = await startServer();
  const other = await openBrowser();
  try {
    await other.page.goto(`${url}index.html?from=test`);
    await waitForRenders(other.page);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
    server.close();
  }
});
