// The demo page end to end: it loads, renders the sample with dots, a control changes
// the canvas, a photo can be uploaded, a bad file is refused without losing the photo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, openBrowser, waitForRenders, canvasPixels, meanTone } from './harness.mjs';

const SHARED = new URL('../../../shared/', import.meta.url);
let server;
let url;

before(async () => {
  ({ server, url } = await startServer());
});

after(() => server.close());

test('the page opens with the sample photo rendered with dots, with no errors', async () => {
  const browser = await openBrowser();
  try {
    const { page, problems } = browser;
    await page.goto(url);
    await waitForRenders(page);
    const frame = await canvasPixels(page);
    assert.ok(frame.width > 300 && frame.height > 300, `canvas ${frame.width}x${frame.height}`);
    const withDots = meanTone(frame);
    const credit = await page.locator('hairline-visualiser').evaluate((el) => el.shadowRoot.querySelector('.credit').textContent);
    assert.match(credit, /uze.*CC BY 4\.0/);
    assert.ok(withDots > 20 && withDots < 235, `tone ${withDots}`);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('moving the density slider changes the canvas', async () => {
  const browser = await openBrowser();
  try {
    const { page, problems } = browser;
    await page.goto(url);
    await waitForRenders(page);
    const slider = page.locator('hairline-visualiser').locator('#density');
    await slider.fill('30');
    await waitForRenders(page, 2);
    const sparse = meanTone(await canvasPixels(page));
    await slider.fill('250');
    await waitForRenders(page, 3);
    const dense = meanTone(await canvasPixels(page));
    assert.ok(dense < sparse - 0.5, `denser must be darker: ${dense} vs ${sparse}`);
    const label = await page.locator('hairline-visualiser').locator('.density-value').textContent();
    assert.equal(label, '250 dots per cm²');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('uploading a photo shows it; a bad file is refused and the photo stays', async () => {
  const browser = await openBrowser();
  try {
    const { page, problems } = browser;
    await page.goto(url);
    await waitForRenders(page);
    const input = page.locator('hairline-visualiser').locator('input[type=file]');
    await input.setInputFiles(new URL('photos/L7_16-Front.jpg', SHARED).pathname);
    await waitForRenders(page, 2);
    const uploaded = await canvasPixels(page);
    const credit = await page.locator('hairline-visualiser').locator('.credit').textContent();
    assert.equal(credit, '', 'no sample credit on the user photo');

    const errorEvent = page.evaluate(() => new Promise((resolve) => {
      document.querySelector('hairline-visualiser').addEventListener('error', (e) => resolve(e.detail), { once: true });
    }));
    await input.setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: await readFile(new URL('bad-inputs/not-an-image.jpg', SHARED)) });
    const detail = await errorEvent;
    assert.equal(detail.code, 'unsupported-format');
    const shown = await page.locator('hairline-visualiser').locator('.error').textContent();
    assert.match(shown, /not a picture/);
    const after = await canvasPixels(page);
    assert.deepEqual(after.data.slice(0, 4000), uploaded.data.slice(0, 4000), 'photo kept');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
