// A minimal W3C WebDriver client over Node's built-in fetch: start a driver binary on a
// free port, open a session, navigate and run page scripts. Just enough for the smoke
// suite, so the same steps run unchanged in Chromium, Firefox and WebKit.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';

/** A loopback port nobody is listening on right now (the driver binds it just after). */
export async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

export function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Spawns a helper process, keeping the tail of its output to explain failures. It gets
 * its own process group, so stop() can also end anything it left behind.
 */
function launch(command, args, { env = {}, fd3 = false } = {}) {
  const child = spawn(command, args, {
    detached: true,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(fd3 ? ['pipe'] : [])],
  });
  let log = '';
  const keep = (chunk) => (log = (log + chunk).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const gone = new Promise((ok) => {
    child.once('exit', (code, signal) => ok((exited = signal ?? code)));
    child.once('error', (error) => ok((exited = error.message)));
  });
  const kill = (target, signal) => {
    try {
      process.kill(target, signal);
    } catch {} // already gone
  };
  return {
    child,
    log: () => log,
    exited: () => exited,
    // The process itself first, so it can shut down and reap its own children (this
    // machine's init does not reap orphans); the group is killed only as a last resort.
    async stop() {
      if (exited === null) kill(child.pid, 'SIGTERM');
      const timer = setTimeout(() => kill(-child.pid, 'SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Starts Xvfb on a free display (it writes the number to fd 3); resolves to { display, stop }. */
export async function startXvfb({ width, height, timeout = 15_000 }) {
  const xvfb = launch('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], { fd3: true });
  let number = '';
  let timer;
  await new Promise((ok) => {
    xvfb.child.stdio[3].on('data', (chunk) => (number += chunk).includes('\n') && ok());
    xvfb.child.once('exit', ok);
    timer = setTimeout(ok, timeout);
  });
  clearTimeout(timer);
  if (!number.includes('\n') || xvfb.exited() !== null) {
    await xvfb.stop();
    throw new Error(`Xvfb did not start (exit ${xvfb.exited()}):\n${xvfb.log()}`);
  }
  return { display: `:${number.trim()}`, stop: () => xvfb.stop() };
}

/** Starts a WebDriver server and waits until its /status says ready. */
export async function startDriver({ name, command, args, port, env, timeout = 30_000 }) {
  const driver = { ...launch(command, args, { env }), url: `http://127.0.0.1:${port}` };
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (driver.exited() !== null) throw new Error(`${name}: driver exited (${driver.exited()}) before it was ready:\n${driver.log()}`);
    try {
      const status = await (await fetch(`${driver.url}/status`)).json();
      if (status.value?.ready) return driver;
    } catch {} // not listening yet
    await sleep(200);
  }
  await driver.stop();
  throw new Error(`${name}: driver not ready on port ${port} after ${timeout} ms:\n${driver.log()}`);
}

/** One WebDriver command; a WebDriver error becomes a thrown Error with its message. */
async function command(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 500)}`);
  }
  const value = json.value;
  if (!response.ok) { // W3C errors always come with a 4xx/5xx status
    throw new Error(`${method} ${path}: ${value?.error ?? response.status}: ${value?.message ?? text.slice(0, 500)}`);
  }
  return value;
}

/** Opens a session; returns helpers bound to it. */
export async function newSession(driver, capabilities) {
  const created = await command(driver.url, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
  const base = `${driver.url}/session/${created.sessionId}`;
  const session = {
    capabilities: created.capabilities,
    timeouts: (timeouts) => command(base, 'POST', '/timeouts', timeouts),
    navigate: (url) => command(base, 'POST', '/url', { url }),
    /** Runs `fn` (a plain function, serialised) in the page and returns its value. */
    execute: (fn, ...args) => command(base, 'POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments);`, args }),
    /**
     * Runs async `fn` through Execute Async Script and resolves to what its promise
     * resolves to; a rejection in the page comes back as a thrown Error with its stack.
     */
    async executeAsync(fn, ...args) {
      const script = `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1))).then(
          (value) => done({ ok: true, value: value === undefined ? null : value }),
          (error) => done({ ok: false, failure: String(error) + '\\n' + ((error && error.stack) || '') }));`;
      const result = await command(base, 'POST', '/execute/async', { script, args });
      if (!result?.ok) throw new Error(`page script failed: ${result?.failure}`);
      return result.value;
    },
    close: () => command(base, 'DELETE', ''),
  };
  return session;
}

/** Polls `fn` in the page until it returns something truthy; returns that value. */
export async function waitFor(session, fn, { timeout = 60_000, interval = 250, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await session.execute(fn);
    if (last) return last;
    await sleep(interval);
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
}
