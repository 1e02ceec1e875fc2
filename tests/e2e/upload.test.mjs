// Every way a photo comes in (picker, camera, drag-and-drop, paste, sample) and every
// awkward file in shared/bad-inputs/ behaving as its MANIFEST.md says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, SHARED, inWidget, nextEvent, frameDigest } from './harness.mjs';

let session;
before(async () => {
  session = await openPage();
});
after(() => session.close());

const photo = () => session.page.evaluate(() => document.querySelector('hairline-visualiser').photo);
const sharedFile = (path) => new URL(path, SHARED).pathname;

/** Loads through the file picker and waits for the outcome: a new frame or an error event. */
async function pick(path, selector = '.file-input') {
  const { page } = session;
  const outcome = page.evaluate(() => new Promise((resolve) => {
    const widget = document.querySelector('hairline-visualiser');
    const done = (result) => {
      widget.removeEventListener('photo', loaded);
      widget.removeEventListener('error', failed);
      resolve(result);
    };
    const loaded = () => done({ loaded: true });
    const failed = (e) => done({ error: e.detail });
    widget.addEventListener('photo', loaded);
    widget.addEventListener('error', failed);
  }));
  await inWidget(page, selector).setInputFiles(sharedFile(path));
  return outcome;
}

test('the file picker opens a photo', async () => {
  const outcome = await pick('photos/L6_19-Front.jpg');
  assert.deepEqual(outcome, { loaded: true });
  assert.deepEqual(await photo(), { width: 640, height: 640, format: 'JPEG' });
  assert.equal(await inWidget(session.page, '.credit').textContent(), '');
});

test('the camera input (capture) opens a photo', async () => {
  const capture = await inWidget(session.page, '.camera-input').getAttribute('capture');
  assert.equal(capture, 'user');
  assert.deepEqual(await pick('photos/L2_21-Front.jpg', '.camera-input'), { loaded: true });
});

test('drag and drop opens a photo', async () => {
  const { page } = session;
  const bytes = [...(await readFile(sharedFile('photos/L7_16-Front.jpg')))];
  const digest = await frameDigest(page);
  const opened = nextEvent(page, 'photo');
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'head.jpg', { type: 'image/jpeg' }));
    const stage = document.querySelector('hairline-visualiser').shadowRoot.querySelector('.stage');
    stage.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
    stage.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
  }, bytes);
  await opened;
  await page.waitForTimeout(100);
  assert.notEqual(await frameDigest(page), digest);
});

test('pasting an image opens it', async () => {
  const { page } = session;
  const bytes = [...(await readFile(sharedFile('photos/L5_10-Front.jpg')))];
  const digest = await frameDigest(page);
  const opened = nextEvent(page, 'photo');
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'clip.jpg', { type: 'image/jpeg' }));
    const stage = document.querySelector('hairline-visualiser').shadowRoot.querySelector('.stage');
    stage.focus();
    stage.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, composed: true, cancelable: true }));
  }, bytes);
  await opened;
  await page.waitForTimeout(100);
  assert.notEqual(await frameDigest(page), digest);
});

test('"Try a sample" brings the sample back with its credit', async () => {
  const { page } = session;
  const opened = nextEvent(page, 'photo');
  await inWidget(page, '.sample').click();
  await opened;
  assert.match(await inWidget(page, '.credit').textContent(), /CC BY 4\.0/);
});

// What each file in shared/bad-inputs/ must do (MANIFEST.md). Sizes are upright.
const LOADS = {
  'Portrait_6.jpg': [1200, 1800],
  'hopper_orientation_6.jpg': [128, 128],
  'hopper_orientation_6.webp': [128, 128],
  'hopper_gray.jpg': [128, 128],
  'concert.jpg': [400, 267],
  'Channel_digital_image_CMYK_color.jpg': [500, 333],
  'Channel_digital_image_CMYK_color_no_profile.jpg': [500, 333],
  'gain-map.jpg': [3840, 2160],
  'girl-3.out.png': [852, 480],
  'grey16.png': [640, 640],
  'progressive.jpg': [640, 640],
  'L4_18-Front.webp': [640, 640],
  'L4_18-Front.bmp': [640, 640],
  'animated.gif': [64, 64],
  'truncated.jpg': [2725, 2225],
};
const REFUSES = {
  'bomb-60000x60000.png': ['too-large', /60000x60000/],
  'giant-image.jpg': ['too-large', /20000x14000/],
  'empty.jpg': ['corrupt-image', /empty/],
  'not-an-image.jpg': ['unsupported-format', /not a picture/],
  'random-bytes.png': ['corrupt-image', /damaged/],
  'zero-width.png': ['corrupt-image', /damaged|empty/],
  'drawing.svg': ['unsupported-format', /SVG/],
  'IMG_5195.HEIC': ['unsupported-format', /HEIC.*JPEG/],
  'L4_18-Front.tiff': ['unsupported-format', /TIFF/],
};

for (const [file, [width, height]] of Object.entries(LOADS)) {
  test(`bad input ${file} loads upright at ${width}x${height}`, async () => {
    const outcome = await pick(`bad-inputs/${file}`);
    assert.deepEqual(outcome, { loaded: true }, JSON.stringify(outcome));
    const opened = await photo();
    assert.deepEqual([opened.width, opened.height], [width, height]);
    const notice = await inWidget(session.page, '.notice').textContent();
    if (file === 'truncated.jpg') assert.match(notice, /incomplete/);
    else assert.equal(notice, '');
    assert.equal(await inWidget(session.page, '.error').textContent(), '');
  });
}

test('bad input hopper.avif loads where the browser decodes AVIF, else is refused naming AVIF', async () => {
  const outcome = await pick('bad-inputs/hopper.avif');
  if (outcome.loaded) {
    const opened = await photo();
    assert.equal(opened.format, 'AVIF');
    assert.ok(opened.width > 0);
  } else {
    assert.equal(outcome.error.code, 'unsupported-format');
    assert.match(outcome.error.message, /AVIF/);
  }
});

for (const [file, [code, message]] of Object.entries(REFUSES)) {
  test(`bad input ${file} is refused (${code}) and the open photo stays`, async () => {
    await pick('photos/L3_2-Front.jpg');
    await session.page.waitForTimeout(200);
    const digest = await frameDigest(session.page);
    const before = await photo();
    const started = Date.now();
    const outcome = await pick(`bad-inputs/${file}`);
    assert.ok(outcome.error, `${file} was not refused`);
    assert.equal(outcome.error.code, code);
    assert.match(outcome.error.message, message);
    assert.match(await inWidget(session.page, '.error').textContent(), message);
    assert.deepEqual(await photo(), before);
    await session.page.waitForTimeout(100);
    assert.equal(await frameDigest(session.page), digest);
    if (file.startsWith('bomb')) assert.ok(Date.now() - started < 2000, `bomb took ${Date.now() - started} ms`);
  });
}

test('no console errors, page errors or failed requests through all of it', () => {
  assert.deepEqual(session.problems, []);
});
