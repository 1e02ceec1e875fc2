// A 12-megapixel phone photo: the UI thread never blocks for more than 50 ms while
// the user drags sliders, zooms and pans (rendering runs in the worker), and a slow
// decode can be cancelled without losing the open photo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, inWidget, nextEvent, renderCount, waitForRenders } from './harness.mjs';

let session;
before(async () => {
  session = await openPage();
  // Make a 4000×3000 JPEG in the page (skin-like gradient with noise).
  await session.page.evaluate(async () => {
    const make = async (width, height) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#e8c4aa');
      gradient.addColorStop(1, '#8a5a3c');
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      for (let i = 0; i < 4000; i++) {
        context.fillStyle = `rgb(${(i * 37) % 255} ${(i * 91) % 255} ${(i * 53) % 255} / 0.3)`;
        context.fillRect((i * 7919) % width, (i * 104729) % height, 24, 24);
      }
      return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
    };
    window.bigPhoto = await make(4000, 3000);
    window.hugePhoto = await make(8000, 6000);
  });
});
after(() => session.close());

test('no main-thread task over 50 ms while interacting with a 12 MP photo', async () => {
  const { page } = session;
  const opened = nextEvent(page, 'photo');
  const started = Date.now();
  await page.evaluate(() => document.querySelector('hairline-visualiser').loadImage(window.bigPhoto));
  const photo = await opened;
  console.log(`# 12 MP photo to first preview: ${Date.now() - started} ms`);
  assert.deepEqual([photo.width, photo.height], [4000, 3000]);

  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  const slider = inWidget(page, '#density');
  for (let value = 40; value <= 176; value += 8) await slider.fill(String(value));
  for (let step = 3; step <= 10; step++) await inWidget(page, '#dot-size').fill(String(step / 10));
  const box = await inWidget(page, '.stage').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 + 60, { steps: 12 });
  await page.mouse.up();
  const drawn = await renderCount(page);
  await waitForRenders(page, drawn); // let the last frame land
  await page.waitForTimeout(500);
  const longTasks = await page.evaluate(() => window.longTasks);
  assert.deepEqual(longTasks.filter((ms) => ms > 50), [], `long tasks: ${longTasks.join(', ')}`);
  assert.deepEqual(session.problems, []);
});

test('a slow decode shows progress and can be cancelled; the open photo stays', async () => {
  const { page } = session;
  const before = await page.evaluate(() => document.querySelector('hairline-visualiser').photo);
  // 48 MP: slow enough to decode that the progress overlay appears.
  await page.evaluate(() => {
    document.querySelector('hairline-visualiser').loadImage(window.hugePhoto); // not awaited: we cancel it
  });
  await inWidget(page, '.busy').waitFor({ state: 'visible' });
  assert.match(await inWidget(page, '.busy-text').textContent(), /Opening/);
  await inWidget(page, '.cancel').click();
  await inWidget(page, '.busy').waitFor({ state: 'hidden' });
  assert.match(await inWidget(page, '.notice').textContent(), /Cancelled/);
  const drawn = await renderCount(page);
  await waitForRenders(page, drawn + 1);
  assert.deepEqual(await page.evaluate(() => document.querySelector('hairline-visualiser').photo), before);
  // Still fully working after the restart.
  const changed = nextEvent(page, 'change');
  await inWidget(page, '#density').fill('90');
  assert.equal((await changed).options.density, 90);
  assert.deepEqual(session.problems, []);
});

test('on a 2× screen a dragged slider draws at CSS resolution, then sharp when it stops', async () => {
  const phone = await openPage({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  try {
    const { page } = phone;
    const widths = await page.evaluate(async () => {
      const el = document.querySelector('hairline-visualiser');
      const slider = el.shadowRoot.querySelector('#density');
      const widths = [];
      el.addEventListener('render', (event) => widths.push(event.detail.width));
      for (let i = 0; i < 12; i++) {
        slider.value = String(60 + i * 10);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000)); // settle, then the sharp frame
      return widths;
    });
    const stage = await inWidget(page, '.stage').boundingBox();
    const css = Math.round(stage.width);
    assert.ok(widths.slice(0, -1).includes(css), `no draft frame at ${css} px among ${widths}`);
    assert.equal(widths.at(-1), css * 2, `the last frame is sharp: ${widths}`);
    const canvas = await inWidget(page, 'canvas.after').evaluate((c) => [c.width, c.height]);
    assert.equal(canvas[0], css * 2);
    assert.deepEqual(phone.problems, []);
  } finally {
    await phone.close();
  }
});
