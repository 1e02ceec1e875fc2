// Zero taps: a person opens a photo of their own and, with no further taps, the page
// finds the head and places the design (tests/data/photo_labels.json says where the
// scalp, face and background are), says what it found, and keeps it all correctable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, SHARED, inWidget, nextEvent, frameDigest } from './harness.mjs';

let session;
before(async () => {
  session = await openPage();
});
after(() => session.close());

const labels = JSON.parse(await readFile(new URL('../data/photo_labels.json', import.meta.url), 'utf8'));
const widget = 'hairline-visualiser';

/** Opens a file through the picker and waits for its photo (or error) event. */
async function open(path) {
  const { page } = session;
  const outcome = Promise.race([nextEvent(page, 'photo').then(() => 'photo'), nextEvent(page, 'error').then((e) => e)]);
  await inWidget(page, '.file-input').setInputFiles(new URL(path, SHARED).pathname);
  return outcome;
}

/**
 * Darkening the dots add inside rectangles of the photo (the full-resolution export
 * against the photo file, decoded by the browser): mean luminance drop per pixel,
 * 0–255, signed, so the two decoders' small differences average out.
 */
function darkening(rects, bytes) {
  return session.page.evaluate(async ({ widget, rects, bytes }) => {
    const el = document.querySelector(widget);
    const pixels = async (blob) => {
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      context.drawImage(bitmap, 0, 0);
      return { width: bitmap.width, data: context.getImageData(0, 0, bitmap.width, bitmap.height).data };
    };
    const after = await pixels(await el.exportImage({ type: 'image/png' }));
    const before = await pixels(new Blob([new Uint8Array(bytes)]));
    const luma = (d, i) => 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
    let sum = 0;
    let n = 0;
    for (const [x0, y0, x1, y1] of rects) {
      for (let y = y0; y < y1; y += 2) {
        for (let x = x0; x < x1; x += 2) {
          const i = (y * after.width + x) * 4;
          sum += luma(before.data, i) - luma(after.data, i);
          n++;
        }
      }
    }
    return n ? sum / n : 0;
  }, { widget, rects, bytes });
}

for (const file of ['L6_19-Front.jpg', 'L4_31-Front.jpg']) {
  test(`${file}: the face is found, the dots land on the scalp and nowhere else`, async () => {
    assert.equal(await open(`photos/${file}`), 'photo');
    const { page } = session;
    assert.match(await inWidget(page, '.notice').textContent(), /Face found: scale from your eyes/);
    assert.match(await inWidget(page, '.scale-source').textContent(), /eye/);
    const entry = labels.photos.find((p) => p.file === file);
    const bytes = [...(await readFile(new URL(`photos/${file}`, SHARED)))];
    const measure = (rects) => darkening(rects, bytes);
    const scalp = await measure(entry.scalp);
    const face = await measure([...entry.face, ...entry.forehead]);
    const background = await measure(entry.background);
    assert.ok(scalp > 4, `scalp darkened by ${scalp.toFixed(2)}`);
    assert.ok(Math.abs(face) < 0.5, `face and forehead darkened by ${face.toFixed(3)}`);
    assert.ok(Math.abs(background) < 0.5, `background darkened by ${background.toFixed(3)}`);
  });
}

test('an automatic design stays correctable and survives a restart of the renderer', async () => {
  const { page } = session;
  assert.equal(await open('photos/L6_19-Front.jpg'), 'photo');
  await page.waitForTimeout(200);
  const digest = await frameDigest(page);
  // The hairline preset, a manual tool, still works on the found design.
  const changed = nextEvent(page, 'change');
  await inWidget(page, '#preset').selectOption('mature');
  await changed;
  await page.waitForTimeout(300);
  assert.notEqual(await frameDigest(page), digest, 'a higher hairline changes the picture');
  const designBefore = await page.evaluate((w) => document.querySelector(w).designSettings, widget);
  const digestBefore = await frameDigest(page);
  const restored = nextEvent(page, 'render');
  await page.evaluate((w) => document.querySelector(w).__panicForTests().catch(() => {}), widget);
  await restored;
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate((w) => document.querySelector(w).designSettings, widget), designBefore);
  assert.equal(await frameDigest(page), digestBefore, 'the restarted worker rebuilds the same design');
});

test('a photo without a person says so and puts no dots anywhere', async () => {
  const { page } = session;
  // A plain wall: an even grey picture with a little noise.
  const outcome = page.evaluate(async (w) => {
    const canvas = new OffscreenCanvas(480, 640);
    const context = canvas.getContext('2d');
    const image = context.createImageData(480, 640);
    for (let i = 0; i < image.data.length; i += 4) {
      const v = 170 + ((i * 2654435761) >>> 28);
      image.data.set([v, v - 5, v - 12, 255], i);
    }
    context.putImageData(image, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const el = document.querySelector(w);
    const opened = new Promise((resolve) => el.addEventListener('photo', resolve, { once: true }));
    await el.loadImage(blob);
    await opened;
    const exported = await createImageBitmap(await el.exportImage({ type: 'image/png' }));
    const c = new OffscreenCanvas(480, 640).getContext('2d');
    c.drawImage(exported, 0, 0);
    const after = c.getImageData(0, 0, 480, 640).data;
    let changed = 0;
    for (let i = 0; i < after.length; i += 4) if (Math.abs(after[i] - image.data[i]) > 2) changed++;
    return changed;
  }, widget);
  assert.equal(await outcome, 0, 'no pixel darkened');
  assert.match(await inWidget(page, '.notice').textContent(), /No head found for sure: tap/);
});

test('when the analysis cannot load, the page says so and the next photo tries again', async () => {
  // A fresh page: its worker has not loaded the analysis yet.
  session.close();
  session = await openPage();
  const { page } = session;
  await page.route('**/models/**', (route) => route.fulfill({ status: 404, body: 'missing' }));
  try {
    assert.equal(await open('photos/L7_16-Front.jpg'), 'photo');
    assert.match(await inWidget(page, '.notice').textContent(), /Automatic placement did not load/);
  } finally {
    await page.unroute('**/models/**');
  }
  // The next photo tries again, and finds the face.
  assert.equal(await open('photos/L6_25-Front.jpg'), 'photo');
  assert.match(await inWidget(page, '.notice').textContent(), /Face found/);
});

test('opening the picker gets the analysis ready before a photo is chosen', async () => {
  // A fresh page: its worker has not loaded the analysis yet (that nothing of it loads
  // with the page is asserted in output.test.mjs).
  session.close();
  session = await openPage();
  const { page } = session;
  const fetched = [];
  page.on('request', (request) => {
    if (/hairline_analysis_bg\.wasm|\/models\//.test(request.url())) fetched.push(request.url());
  });
  const chooser = page.waitForEvent('filechooser');
  await inWidget(page, 'label:has(.file-input)').click();
  // The worker loads the wasm and the three models, and runs them once, while the
  // person is still choosing.
  const ready = Date.now() + 20_000;
  while (fetched.length < 4 && Date.now() < ready) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(fetched.length, 4, `the analysis' files before a photo: ${fetched.join(', ')}`);
  const outcome = nextEvent(page, 'photo');
  await (await chooser).setFiles(new URL('photos/L6_19-Front.jpg', SHARED).pathname);
  await outcome;
  assert.equal(fetched.length, 4, 'the photo loads nothing more for its analysis');
  assert.match(await inWidget(page, '.notice').textContent(), /Face found/);
});
