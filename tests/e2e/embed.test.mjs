// Embedding: the widget on a foreign host page, from another sub-path, under a strict
// CSP and aggressive global CSS; configured by attributes, driven by its API, emitting
// its events, themed by custom properties, twice on one page, cleaned up when removed;
// and the size budget of what it transfers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { openBrowser, startServer } from './harness.mjs';

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const HOST = 'tests/e2e/host/index.html';
/** The widget's files: what a visitor downloads (the optional sample photo aside). */
const WIDGET_FILES = [
  'hairline.js', 'worker.js', 'pkg/hairline.js', 'pkg/hairline_bg.wasm', 'samples/samples.js', 'visualiser/boot.js',
  'visualiser/config.js', 'visualiser/element.js', 'visualiser/base.js', 'visualiser/session.js', 'visualiser/engine.js',
  'visualiser/protocol.js', 'visualiser/photo.js', 'visualiser/look.js', 'visualiser/design.js', 'visualiser/view.js',
  'visualiser/output.js', 'visualiser/gestures.js', 'visualiser/messages.js', 'visualiser/settings.js',
  'visualiser/template.js', 'visualiser/viewport.js', 'visualiser/styles.css',
];
/** A widget loads one of these, its locale's message table: the largest is counted. */
const MESSAGE_TABLES = ['visualiser/messages/en.js', 'visualiser/messages/es.js', 'visualiser/messages/de.js'];
/** Loaded when first used, never with the page: not in the first-load budget. */
const ON_DEMAND_FILES = ['visualiser/hairline-editor.js'];
const BUDGET_BYTES = 300 * 1024;

let server;
let browser;
let page;
before(async () => {
  // The whole repository is served, so the host page and the widget live on different
  // sub-paths (/tests/e2e/host/ and /www/); every response carries the strict policy.
  server = await startServer({ root: '.', headers: () => ({ 'content-security-policy': POLICY }) });
  browser = await openBrowser();
  page = browser.page;
  await page.goto(server.url + HOST);
  await page.waitForFunction(() => Number(document.querySelector('#first')?.dataset.rendered ?? 0) >= 1, null, { timeout: 30_000 });
});
after(async () => {
  await browser.close();
  server.server.close();
});

const widget = (selector = '#first') => page.locator(selector);
const inside = (selector, host = '#first') => page.locator(host).locator(selector);

/** Resolves with the detail of the next `type` event of the element `selector`. */
function nextEvent(type, selector = '#first') {
  return page.evaluate(
    ([t, s]) => new Promise((resolve) => {
      document.querySelector(s).addEventListener(t, (e) => resolve(e.detail ?? null), { once: true });
    }),
    [type, selector],
  );
}

test('loads from another sub-path under the strict CSP and renders the sample', async () => {
  const state = await page.evaluate(() => {
    const el = document.querySelector('#first');
    return { photo: el.photo, rendered: Number(el.dataset.rendered), violations: window.cspViolations };
  });
  assert.equal(state.photo.width, 640);
  assert.ok(state.rendered >= 1);
  assert.deepEqual(state.violations, []);
});

test('attributes configure density, shade, hairline style, coverage and the call-to-action', async () => {
  const options = await widget().evaluate((el) => el.options);
  assert.equal(options.density, 120);
  assert.equal(options.dilution, 0.15, 'the "dark" shade');
  const design = await widget().evaluate((el) => el.designSettings);
  assert.equal(design.preset, 'mature');
  assert.equal(design.coverage, 'crown');
  assert.equal(await inside('.cta').textContent(), 'Book a consultation');
  assert.equal(await widget().evaluate((el) => el.ctaHref), 'https://clinic.example/book');
  // Changed later, through the matching properties.
  const changed = nextEvent('change');
  await widget().evaluate((el) => { el.density = 80; });
  assert.equal((await changed).options.density, 80);
  await widget().evaluate((el) => { el.controls = 'look out'; });
  assert.equal(await inside('[data-section="hairline"]').isVisible(), false);
  assert.equal(await inside('[data-section="look"]').isVisible(), true);
  await widget().evaluate((el) => { el.controls = null; });
  assert.equal(await inside('[data-section="hairline"]').isVisible(), true);
});

test('invalid attribute values are reported once and fall back to defaults', async () => {
  const warnings = [];
  const listener = (message) => message.type() === 'warning' && warnings.push(message.text());
  page.on('console', listener);
  const defaults = await page.evaluate(async () => {
    const el = document.querySelector('#first');
    el.setAttribute('density', 'lots');
    el.setAttribute('density', 'lots'); // the same value again: no second report
    el.setAttribute('coverage', 'everywhere');
    el.setAttribute('controls', 'look sideways');
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { density: el.options.density, sections: [...el.shadowRoot.querySelectorAll('[data-section]')].filter((s) => !s.hidden).length };
  });
  page.off('console', listener);
  assert.equal(warnings.filter((w) => w.includes('density="lots"')).length, 1, warnings.join('\n'));
  assert.ok(warnings.some((w) => w.includes('coverage="everywhere"')));
  assert.ok(warnings.some((w) => w.includes('sideways')));
  assert.equal(defaults.density, 110, 'an invalid density gives the default, as the warning says');
  assert.equal(defaults.sections, 6, 'an invalid controls list shows every section');
  // Back to the page's density; its change event must not reach the next test.
  await page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('#first');
    const back = (e) => {
      if (e.detail.options?.density !== 80) return;
      el.removeEventListener('change', back);
      resolve();
    };
    el.addEventListener('change', back);
    el.removeAttribute('coverage');
    el.removeAttribute('controls');
    el.setAttribute('density', '80');
  }));
});

test('the host page CSS does not distort the widget; custom properties theme it', async () => {
  const look = await page.evaluate(() => {
    const root = document.querySelector('#first').shadowRoot;
    const label = getComputedStyle(root.querySelector('label[for="density"]'));
    const cta = getComputedStyle(root.querySelector('.cta'));
    const canvas = root.querySelector('canvas.after').getBoundingClientRect();
    return { colour: label.color, font: label.fontFamily, spacing: label.letterSpacing, ctaBackground: cta.backgroundColor, ctaRadius: cta.borderTopLeftRadius, canvasWidth: canvas.width };
  });
  assert.notEqual(look.colour, 'rgb(255, 0, 255)');
  assert.doesNotMatch(look.font, /Comic Sans/);
  assert.equal(look.spacing, 'normal');
  assert.ok(look.canvasWidth > 200, `canvas ${look.canvasWidth} px wide`);
  assert.equal(look.ctaBackground, 'rgb(1, 2, 3)', 'themed by --hairline-accent');
  assert.equal(look.ctaRadius, '3px', 'themed by --hairline-radius');
  // And the widget leaks nothing out: no globals beyond the element, no styles.
  const leaks = await page.evaluate(() => ({
    styles: [...document.querySelectorAll('style, link[rel="stylesheet"]')].map((s) => s.getAttribute('href') ?? 'inline'),
    globals: Object.keys(window).filter((k) => /hairline|visualiser|wasm/i.test(k)),
  }));
  assert.deepEqual(leaks.styles, ['host.css']);
  assert.deepEqual(leaks.globals, []);
});

test('API calls and events: loadImage, options, exportImage, reset, cta', async () => {
  const detail = await page.evaluate(async () => {
    const el = document.querySelector('#first');
    const seen = {};
    for (const type of ['photo', 'change', 'render', 'export', 'error', 'cta']) {
      el.addEventListener(type, (e) => { seen[type] ??= e.detail; });
    }
    const canvas = new OffscreenCanvas(300, 200);
    const context = canvas.getContext('2d');
    context.fillStyle = '#c9967a';
    context.fillRect(0, 0, 300, 200);
    await el.loadImage(await canvas.convertToBlob({ type: 'image/png' }));
    el.options = { density: 150 };
    await new Promise((resolve) => setTimeout(resolve, 300));
    const blob = await el.exportImage({ type: 'image/jpeg', quality: 0.8 });
    el.options = { density: 9999 }; // refused: an error event, nothing changes
    await new Promise((resolve) => setTimeout(resolve, 200));
    await el.reset();
    el.addEventListener('cta', (e) => e.preventDefault(), { once: true }); // the host handles it
    el.shadowRoot.querySelector('.cta').click();
    await new Promise((resolve) => el.addEventListener('cta', resolve, { once: true }));
    return {
      photo: seen.photo,
      change: seen.change?.options?.density,
      render: seen.render && Object.keys(seen.render).sort(),
      exportType: seen.export?.type,
      blob: { size: blob.size, type: blob.type },
      error: seen.error,
      afterReset: el.options.density,
      cta: seen.cta && { result: seen.cta.result?.type, size: seen.cta.result?.size, density: seen.cta.options?.density, href: seen.cta.href },
      url: location.href,
    };
  });
  assert.deepEqual({ width: detail.photo.width, height: detail.photo.height }, { width: 300, height: 200 });
  assert.equal(detail.change, 150);
  assert.deepEqual(detail.render, ['frameMs', 'height', 'ms', 'width']);
  assert.equal(detail.exportType, 'image/jpeg');
  assert.equal(detail.blob.type, 'image/jpeg');
  assert.ok(detail.blob.size > 1000);
  assert.equal(detail.error.code, 'invalid-option');
  assert.match(detail.error.message, /^Dichte muss eine Zahl/, 'in plain words, in the host page\'s language');
  assert.equal(detail.afterReset, 80, 'reset returns to the density the attribute asks for');
  assert.equal(detail.cta.result, 'image/jpeg');
  assert.ok(detail.cta.size > 1000);
  assert.equal(detail.cta.href, 'https://clinic.example/book');
  assert.match(detail.url, /host\/index\.html$/, 'a cancelled cta does not navigate');
});

test('zero taps under the strict CSP: the analysis loads and finds the face', async () => {
  const photo = [...(await readFile(new URL('../../../shared/photos/L6_19-Front.jpg', import.meta.url)))];
  const state = await page.evaluate(async (bytes) => {
    const el = document.querySelector('#first');
    const opened = new Promise((resolve) => el.addEventListener('photo', resolve, { once: true }));
    await el.loadImage(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }));
    await opened;
    return { notice: el.shadowRoot.querySelector('.notice').textContent, violations: window.cspViolations };
  }, photo);
  assert.match(state.notice, /^Gesicht gefunden/, 'found, and said in the host page\'s language');
  assert.deepEqual(state.violations, []);
});

test('two instances work independently; removing one frees its worker', async () => {
  const result = await page.evaluate(async () => {
    const second = document.createElement('hairline-visualiser');
    second.id = 'second';
    second.setAttribute('density', '40');
    second.setAttribute('locale', 'es');
    document.querySelector('main').append(second);
    await second.ready;
    const first = document.querySelector('#first');
    const densities = [first.options.density, second.options.density];
    const startedBefore = window.workerLog.started;
    const terminatedBefore = window.workerLog.terminated;
    second.remove();
    return { densities, startedBefore, terminated: window.workerLog.terminated - terminatedBefore, label: second.shadowRoot.querySelector('.sample').textContent };
  });
  assert.notEqual(result.densities[0], result.densities[1]);
  assert.equal(result.densities[1], 40);
  assert.equal(result.label, 'Probar con un ejemplo', 'its own locale');
  assert.ok(result.startedBefore >= 2);
  assert.equal(result.terminated, 1, 'the removed element terminated its worker');
  // The first one still works.
  const changed = nextEvent('render');
  await widget().evaluate((el) => { el.options = { density: 100 }; });
  await changed;
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
});

test('changing the locale rebuilds the controls in that language, state kept', async () => {
  const before = await widget().evaluate((el) => ({ density: el.options.density, label: el.shadowRoot.querySelector('.sample').textContent }));
  assert.equal(before.label, 'Beispiel ansehen', 'the host page is German');
  const rendered = nextEvent('render');
  await widget().evaluate((el) => { el.locale = 'es'; });
  await rendered;
  const after = await widget().evaluate((el) => ({
    density: el.options.density,
    label: el.shadowRoot.querySelector('.sample').textContent,
    slider: el.shadowRoot.querySelector('#density').value,
    canvas: el.shadowRoot.querySelector('canvas.after').width,
  }));
  assert.equal(after.label, 'Probar con un ejemplo');
  assert.equal(after.density, before.density);
  assert.equal(Number(after.slider), before.density, 'the rebuilt slider shows the current density');
  assert.ok(after.canvas > 200, 'the new canvas holds a frame');
  const changed = nextEvent('change');
  await inside('#density').fill('60');
  assert.equal((await changed).options.density, 60, 'the rebuilt controls work');
  await widget().evaluate((el) => { el.locale = null; });
});

test('the widget transfers at most 300 KB gzipped', async () => {
  const gzipped = async (file) => gzipSync(await readFile(`www/${file}`), { level: 9 }).length;
  let total = 0;
  for (const file of WIDGET_FILES) total += await gzipped(file);
  total += Math.max(...(await Promise.all(MESSAGE_TABLES.map(gzipped))));
  assert.ok(total <= BUDGET_BYTES, `${(total / 1024).toFixed(1)} KB gzipped, budget ${BUDGET_BYTES / 1024} KB`);
  // The lists above must keep up with the widget: every module it imports is in one.
  const served = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  const widgetFiles = served.filter((p) => p.startsWith('/www/') && !p.endsWith('.jpg')).map((p) => p.slice('/www/'.length));
  const listed = [...WIDGET_FILES, ...MESSAGE_TABLES, ...ON_DEMAND_FILES];
  for (const file of widgetFiles) assert.ok(listed.includes(file), `${file} is loaded but not counted`);
  // The host page is German: its table comes first and the English one never (Spanish
  // only once a test switched to it).
  const tables = widgetFiles.filter((file) => MESSAGE_TABLES.includes(file));
  assert.equal(tables[0], 'visualiser/messages/de.js');
  assert.ok(!tables.includes('visualiser/messages/en.js'));
});

test('the iframe variant: configured by its URL, grows to its content, forwards events', async () => {
  const framePage = await browser.context.newPage();
  await framePage.goto(server.url + 'tests/e2e/host/frame-host.html');
  const frame = framePage.frameLocator('iframe[data-hairline]');
  await frame.locator('hairline-visualiser').waitFor();
  const inner = framePage.frames().find((f) => f.url().includes('frame.html'));
  await inner.waitForFunction(() => Number(document.querySelector('hairline-visualiser').dataset.rendered ?? 0) >= 1, null, { timeout: 30_000 });
  const config = await inner.evaluate(() => {
    const el = document.querySelector('hairline-visualiser');
    return { density: el.options.density, hairlineShown: !el.shadowRoot.querySelector('[data-section="hairline"]').hidden, label: el.shadowRoot.querySelector('h2').textContent };
  });
  assert.equal(config.density, 90);
  assert.equal(config.hairlineShown, false);
  await framePage.waitForFunction(() => document.querySelector('iframe[data-hairline]').getBoundingClientRect().height > 300);
  const forwarded = framePage.evaluate(() => new Promise((resolve) => {
    document.querySelector('iframe[data-hairline]').addEventListener('change', (e) => resolve(e.detail), { once: true });
  }));
  await inner.evaluate(() => { document.querySelector('hairline-visualiser').options = { density: 70 }; });
  assert.equal((await forwarded).options.density, 70);
  assert.deepEqual(await framePage.evaluate(() => window.cspViolations ?? []), []);
  await framePage.close();
});

test('no console errors, page errors or failed requests', () => {
  assert.deepEqual(browser.problems, []);
});
