// Cross-engine smoke test: the same five steps through plain W3C WebDriver in Chromium,
// Firefox ESR and WebKitGTK: the sample renders, a photo loads through the JS API, an
// option changes and redraws, and the result exports. Run from the repo root:
//   node --test --test-concurrency=1 tests/engines/     (ENGINES=chromium,firefox to pick)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../../scripts/serve.mjs';
import { ENGINES, SIZE, selected, checkInstalled } from './engines.mjs';
import { freePort, startDriver, startXvfb, newSession, waitFor } from './webdriver.mjs';

const chosen = selected();

// ---- page scripts (serialised and run in the browser, so no closures over test code)

/** Frames drawn so far, or 0 before the element has drawn any. */
const rendered = () => Number(document.querySelector('hairline-visualiser')?.dataset.rendered ?? 0);

/** What the page looks like, to explain a timeout. */
const pageState = () => {
  const el = document.querySelector('hairline-visualiser');
  return {
    readyState: document.readyState,
    defined: Boolean(customElements.get('hairline-visualiser')),
    rendered: el?.dataset.rendered ?? null,
    errorText: el?.shadowRoot?.querySelector('.error')?.textContent ?? null,
    notice: el?.shadowRoot?.querySelector('.notice')?.textContent ?? null,
    userAgent: navigator.userAgent,
  };
};

/** Records the widget's `error` events from now on, for the later steps' messages. */
const watchErrors = () => {
  window.smokeErrors = [];
  document.querySelector('hairline-visualiser').addEventListener('error', (e) => window.smokeErrors.push(e.detail));
  return true;
};

/** Draws a skin-toned 320×240 JPEG in a <canvas> and opens it with loadImage(). */
const upload = async () => {
  const el = document.querySelector('hairline-visualiser');
  const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#e0ac8a';
  ctx.fillRect(0, 0, 320, 240);
  ctx.fillStyle = '#c68e6a'; // a darker oval, so it is not a perfectly flat image
  ctx.beginPath();
  ctx.ellipse(160, 120, 90, 70, 0, 0, 2 * Math.PI);
  ctx.fill();
  const blob = await new Promise((ok) => canvas.toBlob(ok, 'image/jpeg', 0.9));
  await el.loadImage(blob); // resolves either way; failures arrive as `error` events
  const notice = el.shadowRoot.querySelector('.notice').textContent;
  return { blobWidth: canvas.width, blobType: blob.type, photo: el.photo ?? null, notice, errors: window.smokeErrors };
};

/** Sets the density (the default is 110) and waits for `change`, then for a new frame. */
const setDensity = async (density) => {
  const el = document.querySelector('hairline-visualiser');
  const before = Number(el.dataset.rendered);
  const changed = new Promise((ok, fail) => {
    el.addEventListener('change', ok, { once: true });
    setTimeout(() => fail(new Error(`no change event in 20 s; errors: ${JSON.stringify(window.smokeErrors)}`)), 20_000);
  });
  el.options = { density };
  await changed;
  const deadline = Date.now() + 20_000;
  while (Number(el.dataset.rendered) <= before && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
  return { density: el.options.density, before, after: Number(el.dataset.rendered), errors: window.smokeErrors };
};

const exportPng = async () => {
  const blob = await document.querySelector('hairline-visualiser').exportImage({ type: 'image/png' });
  return { size: blob.size, type: blob.type, errors: window.smokeErrors };
};

// ---- one test per engine

for (const engine of ENGINES) {
  const skip = !chosen.has(engine.name) && `not in ENGINES=${process.env.ENGINES}`;
  test(engine.name, { skip, timeout: 240_000 }, async (t) => {
    checkInstalled(engine); // missing browser or driver: fail, naming what to install
    const started = Date.now();
    const { server, url } = await serve({ root: 'www', port: 0 });
    const port = await freePort();
    const [command, args] = engine.command(engine.driver, port);
    let xvfb;
    let driver;
    let session;
    try {
      xvfb = engine.xvfb ? await startXvfb(SIZE) : undefined;
      const env = xvfb ? { DISPLAY: xvfb.display } : {};
      driver = await startDriver({ name: engine.name, command, args, port, env });
      session = await newSession(driver, engine.capabilities(engine.browser)).catch((error) => {
        throw new Error(`${error.message}\n--- driver log:\n${driver.log()}`);
      });
      t.diagnostic(engine.version(session.capabilities));
      await session.timeouts({ script: 60_000, pageLoad: 60_000 });

      // 1. the page loads and draws the sample photo with its dots
      await session.navigate(url);
      await waitFor(session, rendered, { what: 'the first frame (data-rendered >= 1)' }).catch(async (error) => {
        throw new Error(`${error.message}; page: ${JSON.stringify(await session.execute(pageState))}`);
      });
      await session.execute(watchErrors);

      // 2. a photo made in the page opens through the JS API
      const opened = await session.executeAsync(upload);
      assert.equal(opened.photo?.width, opened.blobWidth, `photo after loadImage: ${JSON.stringify(opened)}`);
      // The photo analysis (its wasm uses SIMD) loaded and ran in this engine.
      assert.match(opened.notice, /^(Face found|Side view|Top of the head|No head found|More than one face)/, JSON.stringify(opened));

      // 3. an option set through the API is applied and redraws
      const changed = await session.executeAsync(setDensity, 60);
      assert.equal(changed.density, 60, `options after change: ${JSON.stringify(changed)}`);
      assert.ok(changed.after > changed.before, `no new frame after the change: ${JSON.stringify(changed)}`);

      // 4. the result exports as a PNG
      const exported = await session.executeAsync(exportPng);
      assert.equal(exported.type, 'image/png', JSON.stringify(exported));
      assert.ok(exported.size > 1000, `export too small: ${JSON.stringify(exported)}`);
      assert.deepEqual(exported.errors, [], 'the widget reported errors');
      t.diagnostic(`${engine.name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await session?.close().catch(() => {});
      await driver?.stop();
      await xvfb?.stop();
      server.closeAllConnections();
      server.close();
    }
  });
}
