// Shared set-up for the end-to-end tests: a static server on a free loopback port and
// Debian's Chromium driven by playwright-core, recording every console error, page
// error and failed request so each test can insist there were none.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function startServer(options = {}) {
  return serve({ root: 'www', port: 0, ...options });
}

/** Opens a fresh browser profile; `problems` collects anything that went wrong. */
export async function openBrowser({ viewport = { width: 1440, height: 900 }, deviceScaleFactor = 1, hasTouch = false, isMobile = false, extraArgs = [] } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'hairline-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...FLAGS, ...extraArgs],
    headless: true,
    viewport,
    deviceScaleFactor,
    hasTouch,
    isMobile,
  });
  const problems = [];
  const watch = (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the visualiser has drawn at least `count` frames in total. */
export async function waitForRenders(page, count = 1) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('hairline-visualiser')?.dataset.rendered ?? 0) >= n,
    count,
    { timeout: 20_000 },
  );
}

/** Reads the visualiser's canvas pixels: { width, height, data: number[] }. */
export async function canvasPixels(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('hairline-visualiser').shadowRoot.querySelector('canvas.after');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    return { width: canvas.width, height: canvas.height, data: Array.from(data) };
  });
}

/** Mean of the RGB channels over the frame. */
export function meanTone({ data }) {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += data[i] + data[i + 1] + data[i + 2];
  return sum / ((data.length / 4) * 3);
}

export const SHARED = new URL('../../../shared/', import.meta.url);

/**
 * Opens the demo page (optionally with a URL suffix) and waits for the first frame. The
 * element is put in clinic mode (Fine-tune open, every control reachable) unless
 * `guided` asks for what a visitor sees.
 */
export async function openPage(options = {}, suffix = '', { guided = false } = {}) {
  const server = await startServer();
  const browser = await openBrowser(options);
  await browser.page.goto(server.url + suffix);
  await waitForRenders(browser.page);
  if (!guided) await browser.page.evaluate(() => document.querySelector('hairline-visualiser').setAttribute('mode', 'clinic'));
  return {
    ...browser,
    url: server.url,
    async close() {
      await browser.close();
      server.server.close();
    },
  };
}

/** The number of frames drawn so far. */
export function renderCount(page) {
  return page.evaluate(() => Number(document.querySelector('hairline-visualiser').dataset.rendered ?? 0));
}

/** Runs `action`, then waits until a frame newer than those before it is drawn. */
export async function afterRender(page, action) {
  const before = await renderCount(page);
  await action();
  await waitForRenders(page, before + 1);
  // Let a render that was queued behind it finish too.
  await page.waitForTimeout(50);
  await page.waitForFunction(
    (n) => Number(document.querySelector('hairline-visualiser').dataset.rendered) >= n,
    before + 1,
  );
}

/** A locator inside the visualiser's shadow root (playwright pierces open shadow roots). */
export function inWidget(page, selector) {
  return page.locator('hairline-visualiser').locator(selector);
}

/** Resolves with the detail of the next event of `type` the visualiser fires. */
export function nextEvent(page, type) {
  return page.evaluate(
    (t) => new Promise((resolve) => {
      document.querySelector('hairline-visualiser').addEventListener(t, (e) => resolve(e.detail ?? null), { once: true });
    }),
    type,
  );
}

/** Hashes the canvas pixels, to tell frames apart cheaply. */
export async function frameDigest(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('hairline-visualiser').shadowRoot.querySelector('canvas.after');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let h = 2166136261;
    for (let i = 0; i < data.length; i += 7) h = Math.imul(h ^ data[i], 16777619);
    return `${canvas.width}x${canvas.height}:${h >>> 0}`;
  });
}
