// Endurance and failure: a panic in the core is contained, rapid-fire work never shows
// stale results or deadlocks, exports carry no metadata from the original, and memory
// stays bounded over a long session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, inWidget, nextEvent, frameDigest, SHARED } from './harness.mjs';

let session;
before(async () => {
  session = await openPage({ extraArgs: ['--js-flags=--expose-gc', '--enable-precise-memory-info'] });
  const photos = {};
  for (const name of ['L2_2-Front.jpg', 'L4_31-Front.jpg', 'L6_15-Front.jpg', 'L7_12-Left.jpg']) {
    photos[name] = [...(await readFile(new URL(`photos/${name}`, SHARED)))];
  }
  photos.exif = [...(await readFile(new URL('bad-inputs/Portrait_6.jpg', SHARED)))];
  await session.page.evaluate(async (files) => {
    window.testPhotos = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new Blob([new Uint8Array(v)], { type: 'image/jpeg' })]));
    const canvas = new OffscreenCanvas(4000, 3000);
    const context = canvas.getContext('2d');
    context.fillStyle = '#c9967a';
    context.fillRect(0, 0, 4000, 3000);
    context.fillStyle = '#3b2a20';
    for (let i = 0; i < 3000; i++) context.fillRect((i * 7919) % 4000, (i * 104729) % 3000, 30, 30);
    window.testPhotos.big = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  }, photos);
});
after(() => session.close());

const widget = 'hairline-visualiser';

test('a panic in the core becomes an error event and the widget keeps working, design and all', async () => {
  const { page } = session;
  // A design worth keeping: another hairline style, a moved handle, a scale correction.
  for (const edit of [
    () => inWidget(page, '#preset').selectOption('mature'),
    () => inWidget(page, '#scale-correction').fill('80'),
    () => inWidget(page, 'input[name="coverage"][value="crown"]').check(),
  ]) {
    const changed = nextEvent(page, 'change');
    const rendered = nextEvent(page, 'render');
    await edit();
    await changed;
    await rendered;
  }
  await page.waitForTimeout(200);
  const before = await page.evaluate((w) => document.querySelector(w).photo, widget);
  const designBefore = await page.evaluate((w) => document.querySelector(w).designSettings, widget);
  const digestBefore = await frameDigest(page);
  const error = nextEvent(page, 'error');
  const restored = nextEvent(page, 'render');
  const thrown = await page.evaluate((w) => document.querySelector(w).__panicForTests().then(() => null, (e) => e.message), widget);
  assert.match(thrown, /went wrong/);
  const detail = await error;
  assert.equal(detail.code, 'internal');
  assert.match(detail.message, /restarted/);
  assert.match(await inWidget(page, '.error').textContent(), /restarted/);
  await restored;
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate((w) => document.querySelector(w).designSettings, widget), designBefore);
  assert.equal(await inWidget(page, '#scale-correction').inputValue(), '80');
  assert.equal(await frameDigest(page), digestBefore, 'the restarted worker draws the same picture');
  const changed = nextEvent(page, 'change');
  const rendered = nextEvent(page, 'render');
  await inWidget(page, '#density').fill('60');
  assert.equal((await changed).options.density, 60);
  await rendered;
  assert.deepEqual(await page.evaluate((w) => document.querySelector(w).photo, widget), before);
  // The panic message reaches the console (that is the panic hook's job); nothing else may.
  const others = session.problems.filter((p) => !/deliberate panic|RuntimeError: unreachable/.test(p));
  assert.deepEqual(others, []);
  session.problems.length = 0;
});

test('photos dropped one after another: the last one wins', async () => {
  const { page } = session;
  const final = await page.evaluate(async (w) => {
    const el = document.querySelector(w);
    const loads = [el.loadImage(window.testPhotos.big), el.loadImage(window.testPhotos['L2_2-Front.jpg']), el.loadImage(window.testPhotos.exif)];
    await Promise.all(loads);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return el.photo;
  }, widget);
  assert.deepEqual(final, { width: 1200, height: 1800, format: 'JPEG' });
});

test('the worker opens photos in the order they were sent, even a sample the browser decodes', async () => {
  const { page } = session;
  const info = await page.evaluate(async () => {
    const worker = new Worker(new URL('worker.js', location.href), { type: 'module' });
    const module = await WebAssembly.compileStreaming(fetch(new URL('pkg/hairline_bg.wasm', location.href)));
    const answers = new Map();
    worker.onmessage = ({ data }) => answers.get(data.id)?.(data);
    const ask = (id, message, transfer = []) => new Promise((resolve) => {
      answers.set(id, resolve);
      worker.postMessage({ id, ...message }, transfer);
    });
    worker.postMessage({ op: 'module', module });
    const sample = await (await fetch(new URL('samples/sample.jpg', location.href))).arrayBuffer();
    const photo = await window.testPhotos.exif.arrayBuffer();
    // Sent back to back: the sample (decoded by the browser, which takes a while) first.
    const order = [];
    const first = ask(1, { op: 'load', bytes: sample, sample: { pxPerMm: 3.6, area: { cx: 322, cy: 170, rx: 215, ry: 175, featherMm: 5 } } }, [sample]).then((a) => (order.push(1), a));
    const second = ask(2, { op: 'load', bytes: photo }, [photo]).then((a) => (order.push(2), a));
    const [, { result }] = await Promise.all([first, second]);
    // A request sent after both waits for the last photo: an export of it is its size.
    const { result: blob } = await ask(3, { op: 'export', type: 'image/png' });
    const bitmap = await createImageBitmap(blob);
    worker.terminate();
    return { order, width: result.photo.width, height: result.photo.height, exported: [bitmap.width, bitmap.height] };
  });
  assert.deepEqual(info, { order: [1, 2], width: 1200, height: 1800, exported: [1200, 1800] });
});

test('exports during slider drags finish, and no stale frame lands last', async () => {
  const { page } = session;
  const result = await page.evaluate(async (w) => {
    const el = document.querySelector(w);
    const frames = [];
    el.addEventListener('render', () => frames.push(el.options.density));
    const exported = el.exportImage({ type: 'image/png' });
    for (let d = 40; d <= 180; d += 10) el.options = { density: d };
    const blob = await exported;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { size: blob.size, type: blob.type, last: frames.at(-1), density: el.options.density };
  }, widget);
  assert.equal(result.type, 'image/png');
  assert.ok(result.size > 1000);
  assert.equal(result.density, 180);
  assert.equal(result.last, 180);
});

test('exported files carry no EXIF or GPS from the original', async () => {
  const { page } = session;
  const bytes = await page.evaluate(async (w) => {
    const el = document.querySelector(w);
    await el.loadImage(window.testPhotos.exif);
    const blob = await el.exportImage({ type: 'image/jpeg' });
    return [...new Uint8Array(await blob.arrayBuffer())];
  }, widget);
  const original = await readFile(new URL('bad-inputs/Portrait_6.jpg', SHARED));
  assert.ok(original.includes(Buffer.from('Exif')), 'the original has EXIF');
  assert.ok(!Buffer.from(bytes).includes(Buffer.from('Exif')), 'the export has none');
});

test('memory stays bounded over 500 renders, 50 photo loads and 20 exports', async () => {
  const { page } = session;
  const figures = await page.evaluate(async (w) => {
    const el = document.querySelector(w);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
    const measure = async () => {
      // Collect twice around a pause: transferred frames are freed a little later.
      window.gc?.();
      await new Promise((resolve) => setTimeout(resolve, 200));
      window.gc?.();
      const { wasmBytes } = await el.memoryUsage();
      return { wasmBytes, jsHeapBytes: performance.memory?.usedJSHeapSize ?? 0 };
    };
    const nextRender = () => new Promise((resolve) => el.addEventListener('render', resolve, { once: true }));
    await el.loadImage(window.testPhotos.big);
    await settle();
    const first = await measure();
    const names = ['L2_2-Front.jpg', 'L4_31-Front.jpg', 'L6_15-Front.jpg', 'L7_12-Left.jpg', 'exif'];
    let renders = 0;
    for (let load = 0; load < 50; load++) {
      await el.loadImage(load % 10 === 9 ? window.testPhotos.big : window.testPhotos[names[load % names.length]]);
      for (let i = 0; i < 10; i++) {
        const drawn = nextRender();
        el.options = { density: 40 + ((load * 10 + i) % 140) };
        await drawn;
        renders++;
      }
      if (load % 5 === 1 || load % 5 === 4) await el.exportImage({ type: load % 2 ? 'image/png' : 'image/jpeg', beforeAfter: load % 10 === 9 });
    }
    const last = await measure();
    return { first, last, renders };
  }, widget);
  console.log(`# memory after first 12 MP load: wasm ${(figures.first.wasmBytes / 2 ** 20).toFixed(1)} MiB, JS heap ${(figures.first.jsHeapBytes / 2 ** 20).toFixed(1)} MiB`);
  console.log(`# memory after ${figures.renders} renders, 50 loads, 20 exports: wasm ${(figures.last.wasmBytes / 2 ** 20).toFixed(1)} MiB, JS heap ${(figures.last.jsHeapBytes / 2 ** 20).toFixed(1)} MiB`);
  assert.equal(figures.renders, 500);
  const margin = 16 * 2 ** 20;
  assert.ok(figures.last.wasmBytes <= figures.first.wasmBytes * 1.1 + margin, 'wasm memory bounded');
  assert.ok(figures.last.jsHeapBytes <= figures.first.jsHeapBytes * 1.25 + margin, 'JS heap bounded');
  assert.deepEqual(session.problems, []);
});
