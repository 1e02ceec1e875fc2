// Embedding from another origin (a CDN, a site builder): host pages on one origin
// (http://127.0.0.1:…) load the widget from another (http://localhost:…). With the CORS
// header and the documented CSP it loads, renders and opens photos; the iframe variant
// needs no CORS at all; a missing CORS header or a too strict CSP shows a loading error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrowser, startServer, canvasPixels, SHARED } from './harness.mjs';

const ACAO = { 'access-control-allow-origin': '*' };
/** The widget on another origin: same loopback server, reached by another host name. */
const otherOrigin = ({ url }) => url.replace('127.0.0.1', 'localhost').slice(0, -1);

/** Host pages, written for the widget servers' ports: `{ name: html }`. */
function hostPages({ cdn, scriptsOnly, plain }) {
  const widgetPage = (origin, lang = 'en') => `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <title>A clinic's page, the widget from a CDN</title>
  <link rel="icon" href="data:,">
  <script type="module" src="record.js"></script>
  <script type="module" src="${origin}/hairline.js"></script>
</head>
<body>
  <hairline-visualiser density="120"></hairline-visualiser>
</body>
</html>`;
  return {
    'widget.html': widgetPage(cdn),
    'scripts-only.html': widgetPage(scriptsOnly, 'de'),
    'no-worker-src.html': widgetPage(cdn),
    'frame.html': `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A site builder's page with the iframe variant</title>
  <link rel="icon" href="data:,">
  <script type="module" src="record.js"></script>
  <script src="${plain}/hairline-frame.js" defer></script>
</head>
<body>
  <iframe data-hairline title="Scalp micropigmentation preview" width="900" height="200"
    src="${plain}/frame.html?density=90&amp;controls=look%20out"></iframe>
</body>
</html>`,
    // Records what the test checks afterwards: CSP violations and the widget's error
    // events (they do not bubble, but capturing listeners on the document hear them).
    'record.js': `window.cspViolations = [];
window.widgetErrors = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
document.addEventListener('error', (e) => {
  if (e.target.localName === 'hairline-visualiser') window.widgetErrors.push(e.detail);
}, true);`,
  };
}

/** The policy README.md and embed.html document for a widget from `origin` (and the
 * pages' data: icon). */
const documentedPolicy = (origin) => `default-src 'self'; script-src 'self' ${origin} 'wasm-unsafe-eval'; worker-src blob: ${origin}; connect-src ${origin}; style-src 'self' ${origin}; frame-src ${origin}; img-src data:`;

let servers;
let origins;
let hostDir;
let host;
let browser;
before(async () => {
  servers = {
    cdn: await startServer({ cors: true }),
    // A server that sends the header for its .js files only: the wasm and sample fail.
    scriptsOnly: await startServer({ headers: (path) => (path.endsWith('.js') ? ACAO : {}) }),
    plain: await startServer(),
  };
  origins = Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, otherOrigin(server)]));
  hostDir = await mkdtemp(join(tmpdir(), 'hairline-host-'));
  for (const [name, html] of Object.entries(hostPages(origins))) await writeFile(join(hostDir, name), html);
  host = await startServer({
    root: hostDir,
    headers: (path) => {
      if (path === '/scripts-only.html') return { 'content-security-policy': documentedPolicy(origins.scriptsOnly) };
      if (path === '/no-worker-src.html') return { 'content-security-policy': documentedPolicy(origins.cdn).replace(/worker-src[^;]*; /, '') };
      if (path === '/frame.html') return { 'content-security-policy': documentedPolicy(origins.plain) };
      return { 'content-security-policy': documentedPolicy(origins.cdn) };
    },
  });
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
  for (const server of [host, ...Object.values(servers ?? {})]) server?.server.close();
  if (hostDir) await rm(hostDir, { recursive: true, force: true });
});

/** Opens a host page in a new tab. */
async function openHostPage(name) {
  const page = await browser.context.newPage();
  await page.goto(host.url + name);
  return page;
}

const rendered = (page) => page.waitForFunction(() => Number(document.querySelector('hairline-visualiser')?.dataset.rendered ?? 0) >= 1, null, { timeout: 30_000 });

test('a page on another origin loads the widget under the documented CSP and renders the sample', async () => {
  const page = await openHostPage('widget.html');
  await rendered(page);
  const state = await page.evaluate(() => {
    const el = document.querySelector('hairline-visualiser');
    return { origin: location.origin, photo: el.photo, density: el.options.density, error: el.shadowRoot.querySelector('.error').textContent, violations: window.cspViolations, errors: window.widgetErrors };
  });
  assert.notEqual(state.origin, origins.cdn);
  assert.equal(state.photo.width, 640, 'the built-in sample, fetched from the CDN');
  assert.equal(state.density, 120);
  assert.deepEqual({ error: state.error, errors: state.errors, violations: state.violations }, { error: '', errors: [], violations: [] });
  // Not a blank canvas: the photo with its dots, in many tones.
  const { data } = await canvasPixels(page);
  const tones = new Set();
  for (let i = 0; i < data.length; i += 4 * 97) tones.add(data[i] >> 3);
  assert.ok(tones.size > 10, `${tones.size} tones on the canvas`);
  // And its styles came from the CDN too (the stage is laid out, the panel styled).
  const width = await page.evaluate(() => document.querySelector('hairline-visualiser').shadowRoot.querySelector('canvas.after').getBoundingClientRect().width);
  assert.ok(width > 200, `canvas ${width} px wide`);
  await page.close();
});

test('a photo uploaded on that page opens, renders and gets its zero-tap design', async () => {
  const page = await openHostPage('widget.html');
  await rendered(page);
  const outcome = page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('hairline-visualiser');
    el.addEventListener('photo', (e) => resolve({ photo: e.detail }), { once: true });
    el.addEventListener('error', (e) => resolve({ error: e.detail }), { once: true });
  }));
  await page.locator('hairline-visualiser').locator('.file-input').setInputFiles(new URL('photos/L6_19-Front.jpg', SHARED).pathname);
  assert.deepEqual(await outcome, { photo: { width: 640, height: 640, format: 'JPEG' } });
  await page.waitForFunction(() => Number(document.querySelector('hairline-visualiser').dataset.rendered) >= 2);
  assert.equal(await page.evaluate(() => document.querySelector('hairline-visualiser').shadowRoot.querySelector('.credit').textContent), '', 'not the sample');
  // The photo analysis loaded from the widget's origin too (its code and models).
  const notice = await page.evaluate(() => document.querySelector('hairline-visualiser').shadowRoot.querySelector('.notice').textContent);
  assert.match(notice, /^Face found/);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  await page.close();
});

test('the iframe variant from a server without CORS headers grows to its content and forwards events', async () => {
  const page = await openHostPage('frame.html');
  const inner = await (await page.waitForSelector('iframe[data-hairline]')).contentFrame();
  await inner.waitForFunction(() => Number(document.querySelector('hairline-visualiser')?.dataset.rendered ?? 0) >= 1, null, { timeout: 30_000 });
  assert.equal(new URL(inner.url()).origin, origins.plain);
  assert.equal(await inner.evaluate(() => document.querySelector('hairline-visualiser').options.density), 90);
  // Without ?origin=: the helper script told the frame where to post.
  await page.waitForFunction(() => document.querySelector('iframe[data-hairline]').getBoundingClientRect().height > 300, null, { timeout: 10_000 });
  const forwarded = page.evaluate(() => new Promise((resolve) => {
    document.querySelector('iframe[data-hairline]').addEventListener('change', (e) => resolve(e.detail), { once: true });
  }));
  await inner.evaluate(() => { document.querySelector('hairline-visualiser').options = { density: 70 }; });
  assert.equal((await forwarded).options.density, 70);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  await page.close();
});

/** Waits for the widget's first error event on `page` and reads what it shows. */
async function loadingError(page) {
  await page.waitForFunction(() => window.widgetErrors?.length > 0, null, { timeout: 30_000 });
  return page.evaluate(() => {
    const el = document.querySelector('hairline-visualiser');
    const shown = el.shadowRoot.querySelector('.error');
    return { errors: window.widgetErrors, shown: shown.textContent, visible: shown.checkVisibility(), rendered: el.dataset.rendered };
  });
}

test('a widget server that sends no CORS header for its wasm: a visible loading error and an error event', async () => {
  const page = await openHostPage('scripts-only.html');
  const { errors, shown, visible, rendered: frames } = await loadingError(page);
  await page.waitForTimeout(500); // no restart loop, no second report
  assert.equal((await page.evaluate(() => window.widgetErrors)).length, 1);
  assert.equal(errors[0].code, 'load-failed');
  assert.equal(shown, errors[0].message);
  assert.match(shown, new RegExp(`^Die Vorschau konnte nicht von ${origins.scriptsOnly} geladen werden \\(CORS`), 'in the page\'s language, naming the server');
  assert.ok(visible);
  assert.equal(frames, undefined);
  // Another attempt says the same; it does not hang.
  await page.evaluate(() => document.querySelector('hairline-visualiser').loadImage(new Blob([new Uint8Array(8)])));
  assert.deepEqual((await page.evaluate(() => window.widgetErrors)).map((e) => e.code), ['load-failed', 'load-failed']);
  await page.close();
});

test('a host CSP without worker-src: the worker is refused, a visible loading error and an error event', async () => {
  const page = await openHostPage('no-worker-src.html');
  const { errors, shown, visible } = await loadingError(page);
  assert.deepEqual(errors.map((e) => e.code), ['load-failed']);
  assert.match(shown, new RegExp(`^The preview could not load from ${origins.cdn} \\(CORS or this page’s CSP\\)`));
  assert.ok(visible);
  assert.ok((await page.evaluate(() => window.cspViolations)).includes('worker-src blob'), 'the browser reports the refused blob: worker');
  await page.close();
});

test('a blob: worker refused at once (as some engines do under CSP): the same loading error', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url, options) {
        if (String(url).startsWith('blob:')) throw new DOMException('Refused by the page\'s CSP.', 'SecurityError');
        super(url, options);
      }
    };
  });
  await page.goto(host.url + 'widget.html');
  const { errors, shown, visible } = await loadingError(page);
  assert.deepEqual(errors.map((e) => e.code), ['load-failed']);
  assert.match(shown, /^The preview could not load from /);
  assert.ok(visible);
  await page.close();
});

test('no console errors, page errors or failed requests but the refused ones', () => {
  const refused = [
    new RegExp(`^(console error: Access to fetch at '|request failed: )${origins.scriptsOnly}/(pkg/hairline_bg\\.wasm|samples/sample\\.jpg)`),
    /^console error: Failed to load resource: net::ERR_FAILED$/,
    new RegExp(`^console error: Creating a worker from 'blob:${host.url}`),
  ];
  assert.deepEqual(browser.problems.filter((problem) => !refused.some((pattern) => pattern.test(problem))), []);
});
