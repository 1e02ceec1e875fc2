// The three engines: where their driver and browser live on Debian, how to start the
// driver and which capabilities make a headless session. Paths can be overridden with
// environment variables; scripts/setup.sh --test installs whatever is missing.
import { delimiter, join, resolve } from 'node:path';
import { executable } from './webdriver.mjs';

const env = process.env;
export const SIZE = { width: 1280, height: 900 }; // a desktop-sized window in every engine

/** First executable `name` on PATH, or undefined. */
function onPath(name) {
  return (env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find(executable);
}

// The GTK MiniBrowser cannot run without a display: without one, the test starts Xvfb.
const LOCAL_GECKODRIVER = resolve('.tools/bin/geckodriver');
const needsXvfb = !env.DISPLAY && !env.WAYLAND_DISPLAY;

export const ENGINES = [
  {
    name: 'chromium',
    driver: env.CHROMEDRIVER ?? '/usr/bin/chromedriver',
    browser: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    install: 'apt-get install chromium chromium-driver',
    command: (driver, port) => [driver, [`--port=${port}`]],
    capabilities: (browser) => ({
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: browser,
        args: ['--headless', '--no-sandbox', '--disable-gpu', `--window-size=${SIZE.width},${SIZE.height}`],
      },
    }),
    version: (caps) => `Chromium ${caps.browserVersion}, ChromeDriver ${caps.chrome?.chromedriverVersion?.split(' ')[0]}`,
  },
  {
    name: 'firefox',
    // Built from crates.io into .tools/ by scripts/setup.sh --test (Debian has no package).
    driver: env.GECKODRIVER ?? (executable(LOCAL_GECKODRIVER) ? LOCAL_GECKODRIVER : onPath('geckodriver') ?? LOCAL_GECKODRIVER),
    browser: env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    install: 'apt-get install firefox-esr; cargo install geckodriver --root .tools',
    // --websocket-port 0: the BiDi port defaults to 9222, which another browser may hold.
    command: (driver, port) => [driver, ['--port', String(port), '--host', '127.0.0.1', '--websocket-port', '0']],
    capabilities: (browser) => ({
      browserName: 'firefox',
      'moz:firefoxOptions': { binary: browser, args: ['-headless', '-width', String(SIZE.width), '-height', String(SIZE.height)] },
    }),
    version: (caps) => `Firefox ${caps.browserVersion}, geckodriver ${caps['moz:geckodriverVersion']}`,
  },
  {
    name: 'webkit',
    driver: env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver',
    browser: env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    xvfb: needsXvfb,
    extra: needsXvfb ? ['/usr/bin/Xvfb'] : [],
    install: 'apt-get install webkit2gtk-driver xvfb',
    command: (driver, port) => [driver, [`--port=${port}`]],
    capabilities: (browser) => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: browser, args: ['--automation'] },
    }),
    version: (caps) => `WebKitGTK ${caps.browserVersion} (MiniBrowser, WebKitWebDriver)${needsXvfb ? ' under Xvfb' : ''}`,
  },
];

/** Engines named in ENGINES=a,b (all when unset); an unknown name is a mistake, not a skip. */
export function selected() {
  if (!env.ENGINES) return new Set(ENGINES.map((e) => e.name));
  const names = env.ENGINES.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !ENGINES.some((e) => e.name === n));
  if (unknown.length) throw new Error(`ENGINES: unknown engine(s) ${unknown.join(', ')}; known: ${ENGINES.map((e) => e.name).join(', ')}`);
  return new Set(names);
}

/** Throws a clear error naming every missing file of `engine` and how to install it. */
export function checkInstalled(engine) {
  const missing = [engine.driver, engine.browser, ...(engine.extra ?? [])].filter((p) => !executable(p));
  if (missing.length) {
    throw new Error(`${engine.name}: not installed here, missing ${missing.join(', ')} ` +
      `(run scripts/setup.sh --test, or: ${engine.install}; or set ENGINES to leave ${engine.name} out)`);
  }
}
