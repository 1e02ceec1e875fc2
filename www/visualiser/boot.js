// Start-up. The first frame waits for the wasm module, a worker, the sample photo and
// the widget's modules. hairline.js starts all of them at once, as soon as it runs,
// instead of one after another as each import level and round trip reveals the next;
// and the first element's worker opens the built-in sample (fetching it itself) without
// waiting for the element to ask. No static imports: this runs one request after
// hairline.js.

const WASM_URL = new URL('../pkg/hairline_bg.wasm', import.meta.url);
const WORKER_URL = new URL('../worker.js', import.meta.url);
/** The widget's modules (element.js and what it imports), requested together. */
const MODULES = ['../samples/samples.js', './config.js', './element.js', './engine.js', './viewport.js', './template.js', './messages.js', './gestures.js', './hairline-editor.js', './settings.js'];
/** The request id of the sample opened at start-up (an engine numbers its own from 1). */
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

/** A worker started before any element asked for one: `{ worker, failed, opening }`. */
let spare = null;

/**
 * A worker with the wasm module on its way to it (requests sent meanwhile wait there):
 * `{ worker, opening }`. For the worker started at start-up, `opening` resolves with
 * `{ url, reply }` once it was asked to open the sample at `url` (a request with id
 * `OPENING_ID`; `reply` resolves with its answer, which may come before anyone
 * listens), or with null if it was not; for any other worker it is null.
 */
export function startWorker() {
  if (spare) {
    const { worker, failed, opening } = spare;
    spare = null;
    if (!failed) return { worker, opening };
    worker.terminate(); // its error went unheard: a fresh one reports its own
  }
  const worker = new Worker(WORKER_URL, { type: 'module' });
  wasmModule().then(
    (module) => worker.postMessage({ op: 'module', module }),
    (error) => worker.postMessage({ op: 'module', error: String(error?.message ?? error) }),
  );
  return { worker, opening: null };
}

/** Asks `worker` to fetch and open the built-in `sample` with the settings it comes with. */
function openSample(worker, { url, pxPerMm, area, pupils }) {
  const reply = new Promise((resolve) => {
    const listen = ({ data }) => {
      if (data?.id !== OPENING_ID) return;
      worker.removeEventListener('message', listen);
      resolve(data);
    };
    worker.addEventListener('message', listen);
  });
  worker.postMessage({ id: OPENING_ID, op: 'open', url, sample: { pxPerMm, area, pupils } });
  return { url, reply };
}

/**
 * Starts everything the first frame needs: the wasm compile and the modules always;
 * when the page already holds a `<hairline-visualiser>` still to be defined, also a
 * worker for it, which opens the built-in sample unless the element names another.
 */
export function boot() {
  wasmModule().catch(() => {}); // a failure is reported by the worker that needs it
  const element = document.querySelector('hairline-visualiser');
  const first = element && !customElements.get('hairline-visualiser');
  let worker = null;
  if (first) {
    // Before the modules, so that its script is among the first requests to go out.
    worker = startWorker().worker;
    const own = { worker, failed: false, opening: null };
    worker.addEventListener('error', () => (own.failed = true), { once: true });
    spare = own;
  }
  for (const module of MODULES) import(module).catch(() => {}); // a failure is reported by the real import
  if (!first) return;
  spare.opening = Promise.all([import('./config.js'), import('../samples/samples.js')])
    .then(([{ sampleFromAttribute }, { SAMPLES }]) => (sampleFromAttribute(element) === undefined ? openSample(worker, SAMPLES[0]) : null))
    .catch(() => null); // the element meets the same failure and reports it
}
