// Start-up, run by hairline.js before the element's modules arrive: the wasm compile,
// the first element's worker, its built-in sample and all modules start at once, not
// one after another. No imports, so this runs one request after hairline.js.

const WASM_URL = new URL('../pkg/hairline_bg.wasm', import.meta.url);
const WORKER_URL = new URL('../worker.js', import.meta.url);
const MODULES = ['../samples/samples.js', './config.js', './element.js', './base.js', './session.js', './engine.js', './protocol.js', './photo.js', './look.js', './design.js', './view.js', './output.js', './viewport.js', './template.js', './messages.js', './gestures.js', './settings.js'];
/** The id of the start-up's `load` of the sample (protocol.js; an engine numbers its own from 1). */
export const OPENING_ID = 0;

/** The wasm module, compiled once per page and handed to every instance's worker. */
let compiled = null;
export function wasmModule() {
  compiled ??= WebAssembly.compileStreaming(fetch(WASM_URL)).catch(async () => {
    // A server without the application/wasm type: compile from the bytes instead.
    const response = await fetch(WASM_URL);
    return WebAssembly.compile(await response.arrayBuffer());
  });
  return compiled;
}

/** A worker from the page's origin, as browsers require: for a widget from another one
 * (a CDN), a blob: worker that imports ours (CORS). */
let blobUrl;
function newWorker() {
  const url = WORKER_URL.origin === location.origin ? WORKER_URL : (blobUrl ??= URL.createObjectURL(new Blob([`import ${JSON.stringify(WORKER_URL)}`], { type: 'text/javascript' })));
  try {
    return new Worker(url, { type: 'module' });
  } catch {
    // Refused at once (CSP, in some engines): fails as a worker whose script did not load.
    const worker = Object.assign(new EventTarget(), { terminate() {}, postMessage: () => setTimeout(() => worker.onerror?.(new Event('error'))) });
    return worker;
  }
}

/** The worker started for the first element: `{ worker, failed, opening }`. */
let spare = null;

/** A worker, the wasm module on its way to it: `{ worker, opening }` (an `Opening` or null). */
export function startWorker() {
  if (spare) {
    const { worker, failed, opening } = spare;
    spare = null;
    if (!failed) return { worker, opening };
    opening.cancel();
    worker.terminate(); // its error went unheard: a fresh one reports its own
  }
  const worker = newWorker();
  wasmModule().then(
    (module) => worker.postMessage({ op: 'module', module }),
    (error) => worker.postMessage({ op: 'module', error: String(error?.message ?? error) }),
  );
  return { worker, opening: null };
}

/**
 * The built-in sample, fetched at once and sent to `worker` to open (an ordinary `load`,
 * with its settings) when it arrives, unless cancelled first. `posted`: the bytes once sent, or
 * null (cancelled, another sample named, or the fetch failed: the element then fetches
 * it itself and reports why). `reply`: the worker's answer, which may come before an
 * engine listens. Once cancelled it is not the latest photo either: one sent later is.
 */
class Opening {
  url = null;
  cancelled = false;

  constructor(worker, element) {
    this.reply = new Promise((resolve) => {
      const listen = ({ data }) => {
        if (data?.id !== OPENING_ID || 'progress' in data) return;
        worker.removeEventListener('message', listen);
        resolve(data);
      };
      worker.addEventListener('message', listen);
    });
    this.posted = (async () => {
      const [{ sampleFromAttribute }, { SAMPLES }] = await Promise.all([import('./config.js'), import('../samples/samples.js')]);
      if (this.cancelled || sampleFromAttribute(element) !== undefined) return null;
      const { url, pxPerMm, area, pupils } = SAMPLES[0];
      const response = await fetch(url);
      if (!response.ok) return null;
      const bytes = await response.arrayBuffer();
      if (this.cancelled) return null;
      const copy = bytes.slice(0);
      worker.postMessage({ id: OPENING_ID, op: 'load', bytes: copy, sample: { pxPerMm, area, pupils } }, [copy]);
      this.url = url;
      return bytes;
    })().catch(() => null);
  }

  cancel() {
    this.cancelled = true;
  }
}

export function boot() {
  wasmModule().catch(() => {}); // a failure is reported by the worker that needs it
  const element = document.querySelector('hairline-visualiser');
  if (element && !customElements.get('hairline-visualiser')) {
    // Before the modules, so that its script is among the first requests to go out.
    const { worker } = startWorker();
    const own = { worker, failed: false, opening: new Opening(worker, element) };
    worker.addEventListener('error', () => (own.failed = true), { once: true });
    spare = own;
  }
  for (const module of MODULES) import(module).catch(() => {}); // the real import reports a failure
  // The message table the first element will load.
  if (element) import('./messages.js').then(({ pickLocale, loadTranslator }) => loadTranslator(pickLocale(element))).catch(() => {});
}
