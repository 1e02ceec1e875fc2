// What a visitor sees (issue 13, the guided flow): photo → result at once → the few
// choices that matter → before/after → call-to-action, everything else behind
// "Fine-tune" (open in mode="clinic"); on a phone the photo stays in view while the
// controls scroll, and a swipe on it scrolls the page unless a tool is armed or it is
// zoomed. Screenshots of each step at 375 and 1440 px go to tests/output/guided/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { openPage, SHARED, inWidget, nextEvent } from './harness.mjs';

const SHOTS = new URL('../output/guided/', import.meta.url);
// The looks a client chooses between: shaved, hairline, crown, density boost.
const LOOKS = ['full', 'hairline', 'crown', 'thinning'].map((look) => `input[name="coverage"][value="${look}"]`);
const ESSENTIAL = ['#density', '.swatches .swatch', '#preset', ...LOOKS, '.split-toggle', '[data-export="image/png"]'];
const FINE = ['#dot-size', '#dilution', 'input[name="healing"][value="fresh"]', 'input[name="coverage"][value="scar"]', '.tool[data-tool="brush"]', '#scale-correction', '.save-settings'];

const visible = (page, selector) => inWidget(page, selector).first().isVisible();

for (const [name, options] of [
  ['1440', { viewport: { width: 1440, height: 900 } }],
  ['375', { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true }],
]) {
  test(`${name} px: a visitor sees the choices that matter; Fine-tune holds the rest`, async () => {
    const session = await openPage(options, '', { guided: true });
    const { page } = session;
    const shot = async (step) => page.screenshot({ path: new URL(`${name}-${step}.png`, SHOTS).pathname, fullPage: false });
    try {
      await mkdir(SHOTS, { recursive: true });
      await shot('1-sample');
      const opened = nextEvent(page, 'photo');
      await inWidget(page, '.file-input').setInputFiles(new URL('photos/L6_19-Front.jpg', SHARED).pathname);
      await opened;
      await page.waitForTimeout(400);
      await shot('2-result');
      for (const selector of ESSENTIAL) assert.ok(await visible(page, selector), `${selector} is shown`);
      for (const selector of FINE) assert.ok(!(await visible(page, selector)), `${selector} waits in Fine-tune`);

      // Adjusting a choice: on the phone the photo stays in view.
      await inWidget(page, '#preset').scrollIntoViewIfNeeded();
      const changed = nextEvent(page, 'change');
      await inWidget(page, '#preset').selectOption('youthful');
      await changed;
      const stage = await inWidget(page, '.stage').boundingBox();
      const height = await page.evaluate(() => innerHeight);
      assert.ok(stage.y > -1 && stage.y + stage.height <= height + 1, `the photo is in view: ${JSON.stringify(stage)} in ${height}`);
      await page.waitForTimeout(300);
      await shot('3-choices');

      await inWidget(page, '.split-toggle').click();
      await page.waitForTimeout(300);
      await shot('4-before-after');
      await inWidget(page, '.split-toggle').click();

      await inWidget(page, '.fine-tune > summary').click();
      for (const selector of FINE) assert.ok(await visible(page, selector), `${selector} shown in Fine-tune`);
      await inWidget(page, '.fine-tune > summary').scrollIntoViewIfNeeded();
      await shot('5-fine-tune');
      assert.deepEqual(session.problems, []);
    } finally {
      await session.close();
    }
  });
}

test('mode="clinic" opens Fine-tune for staff; a visitor\'s choice to open it survives a change of language', async () => {
  const session = await openPage({}, '', { guided: true });
  const { page } = session;
  try {
    const open = () => page.evaluate(() => document.querySelector('hairline-visualiser').shadowRoot.querySelector('.fine-tune').open);
    assert.equal(await open(), false);
    await page.evaluate(() => { document.querySelector('hairline-visualiser').mode = 'clinic'; });
    assert.equal(await open(), true);
    await page.evaluate(() => { document.querySelector('hairline-visualiser').mode = null; });
    await inWidget(page, '.fine-tune > summary').click(); // closed by the person…
    assert.equal(await open(), false);
    await inWidget(page, '.fine-tune > summary').click(); // …and opened again
    await page.evaluate(() => { document.querySelector('hairline-visualiser').locale = 'es'; });
    // The Spanish table loads first.
    await page.waitForFunction(() => document.querySelector('hairline-visualiser').shadowRoot.querySelector('.sample').textContent === 'Probar con un ejemplo');
    assert.equal(await open(), true);
    assert.equal(await inWidget(page, '.fine-tune > summary').textContent(), 'Ajuste fino');
    // Hiding every section Fine-tune holds parts of hides Fine-tune itself.
    await page.evaluate(() => { document.querySelector('hairline-visualiser').controls = 'photo view'; });
    assert.equal(await inWidget(page, '.fine-tune').isVisible(), false);
  } finally {
    await session.close();
  }
});

test('a swipe on the photo scrolls the page, unless a tool is armed or the photo is zoomed in', async () => {
  const session = await openPage({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });
  const { page } = session;
  try {
    const touchAction = () => page.evaluate(() => getComputedStyle(document.querySelector('hairline-visualiser').shadowRoot.querySelector('.stage')).touchAction);
    assert.equal(await touchAction(), 'pan-y');
    await inWidget(page, '.tool[data-tool="brush"]').click();
    assert.equal(await touchAction(), 'none', 'the brush takes every touch');
    await inWidget(page, '.tool[data-tool="brush"]').click();
    assert.equal(await touchAction(), 'pan-y');
    const rendered = nextEvent(page, 'render');
    await inWidget(page, '[data-zoom="in"]').click();
    await rendered;
    assert.equal(await touchAction(), 'none', 'zoomed in, a swipe pans the photo');
  } finally {
    await session.close();
  }
});
