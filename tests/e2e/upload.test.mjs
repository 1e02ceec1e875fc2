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

/** The notice after a good photo: what the photo analysis found, no warning. */
const FOUND = /^(Face found|Side view|Top of the head|No head found|More than one face)/;

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
    // No warning: only what the photo analysis found (see zero-tap.test.mjs).
    if (file === 'truncated.jpg') assert.match(notice, /incomplete/);
    else assert.match(notice, FOUND);
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

/**
 * Makes a `width × height` JPEG in the page, red above and blue below, optionally with
 * an EXIF orientation and cut to `keep` of its bytes; opens it with `loadImage` and
 * returns the outcome, the photo's size, the notice, and where red and blue show.
 */
async function openMadeJpeg({ width, height, orientation = 0, keep = 1 }) {
  return session.page.evaluate(async ({ width, height, orientation, keep }) => {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#dc1e1e';
    context.fillRect(0, 0, width, height / 2);
    context.fillStyle = '#1e1edc';
    context.fillRect(0, height / 2, width, height / 2);
    let bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    if (orientation) {
      // APP1 "Exif": a big-endian TIFF header and one IFD entry, Orientation (0x0112).
      const exif = [0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8,
        0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
      bytes = new Uint8Array([...bytes.subarray(0, 2), ...exif, ...bytes.subarray(2)]);
    }
    bytes = bytes.subarray(0, Math.floor(bytes.length * keep));
    const widget = document.querySelector('hairline-visualiser');
    const outcome = await new Promise((resolve) => {
      const done = (result) => {
        widget.removeEventListener('render', rendered);
        widget.removeEventListener('error', failed);
        resolve(result);
      };
      let opened = false;
      widget.addEventListener('photo', () => (opened = true), { once: true });
      const rendered = () => opened && done({ loaded: true });
      const failed = (e) => done({ error: e.detail });
      widget.addEventListener('render', rendered);
      widget.addEventListener('error', failed);
      widget.loadImage(new File([bytes], 'made.jpg', { type: 'image/jpeg' }));
    });
    const shown = widget.shadowRoot.querySelector('canvas.after');
    const { data } = shown.getContext('2d').getImageData(0, 0, shown.width, shown.height);
    // Mean column of clearly red and clearly blue pixels on the middle row.
    const row = Math.floor(shown.height / 2) * shown.width * 4;
    const columns = { red: [], blue: [] };
    for (let x = 0; x < shown.width; x++) {
      const [r, , b] = data.subarray(row + x * 4, row + x * 4 + 3);
      if (r > 120 && b < 90) columns.red.push(x);
      if (b > 120 && r < 90) columns.blue.push(x);
    }
    const mean = (xs) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length / shown.width : null);
    return {
      outcome,
      photo: widget.photo,
      notice: widget.shadowRoot.querySelector('.notice').textContent,
      red: mean(columns.red),
      blue: mean(columns.blue),
    };
  }, { width, height, orientation, keep });
}

test('a phone-sized JPEG (decoded by the browser) shows upright: EXIF orientation 6', async () => {
  const made = await openMadeJpeg({ width: 3000, height: 1500, orientation: 6 });
  assert.deepEqual(made.outcome, { loaded: true }, JSON.stringify(made.outcome));
  assert.deepEqual(made.photo, { width: 1500, height: 3000, format: 'JPEG' });
  assert.match(made.notice, FOUND);
  // Turned a quarter clockwise: the red top of the stored picture is now on the right.
  assert.ok(made.red !== null && made.blue !== null && made.red > made.blue, JSON.stringify(made));
});

test('a phone-sized JPEG cut short is left to the core, which warns that it is incomplete', async () => {
  const made = await openMadeJpeg({ width: 3000, height: 1500, keep: 0.6 });
  assert.deepEqual(made.outcome, { loaded: true }, JSON.stringify(made.outcome));
  assert.deepEqual(made.photo, { width: 3000, height: 1500, format: 'JPEG' });
  assert.match(made.notice, /incomplete/);
});

test('no console errors, page errors or failed requests through all of it', () => {
  assert.deepEqual(session.problems, []);
});
