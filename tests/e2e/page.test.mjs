// The demo page: it opens with the sample rendered with dots, looks right on a phone
// and on a desktop (screenshots kept for review), is accessible, and errs nowhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { openPage, canvasPixels, meanTone, inWidget } from './harness.mjs';

const SCREENSHOTS = new URL('../output/screenshots/', import.meta.url);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

for (const [name, options] of [
  ['desktop 1440x900', { viewport: { width: 1440, height: 900 } }],
  ['phone 375x667', { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true }],
]) {
  test(`${name}: the sample opens rendered, credited, accessible, without errors`, async () => {
    const session = await openPage(options);
    try {
      const { page, problems } = session;
      const frame = await canvasPixels(page);
      const ratio = options.deviceScaleFactor ?? 1;
      const box = await inWidget(page, '.stage').boundingBox();
      // Rendered at the screen's real resolution.
      assert.equal(frame.width, Math.round(box.width * ratio));
      const tone = meanTone(frame);
      assert.ok(tone > 20 && tone < 235, `tone ${tone}`);
      assert.match(await inWidget(page, '.credit').textContent(), /uze.*CC BY 4\.0/);
      const photo = await page.evaluate(() => document.querySelector('hairline-visualiser').photo);
      assert.deepEqual(photo, { width: 640, height: 640, format: 'JPEG' });
      // Nothing overflows the phone's width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px too wide`);

      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ['violations'] });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, []);

      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: new URL(`${name.split(' ')[0]}.png`, SCREENSHOTS).pathname, fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await session.close();
    }
  });
}

test('keyboard reaches every control with a visible focus ring', async () => {
  const session = await openPage();
  try {
    const { page } = session;
    const seen = new Set();
    for (let i = 0; i < 45; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        if (document.activeElement?.tagName !== 'HAIRLINE-VISUALISER') return null;
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        const style = getComputedStyle(el);
        const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        const parentRing = el.parentElement && getComputedStyle(el.parentElement).outlineStyle !== 'none';
        return { name: el.getAttribute('aria-label') || el.id || el.className || el.textContent.trim(), ring: ring || parentRing };
      });
      if (!focused) continue;
      assert.ok(focused.ring, `no visible focus on ${focused.name}`);
      seen.add(focused.name);
    }
    for (const expected of ['density', 'dot-size', 'dilution', 'Zoom in', 'hold', 'new-pattern', 'split-toggle', 'reset']) {
      assert.ok([...seen].some((s) => s.includes(expected)), `never focused ${expected}: ${[...seen].join(' | ')}`);
    }
  } finally {
    await session.close();
  }
});
