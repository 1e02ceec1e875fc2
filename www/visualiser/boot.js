// Start-up. The first frame waits for the wasm module, a worker, the sample photo and
// the widget's modules. hairline.js starts all of them at once, as soon as it runs,
// instead of one after another as each import level and round trip reveals the next;
// and the first element's worker opens the built-in sample without waiting for the
// element to ask. No static imports: this runs one request after hairline.js.

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
 * `{ worker, opening }`, `opening` being the `Opening` of the sample in the worker
 * started at start-up, or null.
 */
export function startWorker() {
  if (spare) {
    const { worker, failed, opening } = spare;
    spare = null;
    if (!failed) return { worker, opening };
    opening.cancel();
    worker.terminate(); // its error went unheard: a fresh one reports its own
  }
  const worker = new Worker(WORKER_URL, { type: 'module' });
  wasmModule().then(
    (module) => worker.postMessage({ op: 'module', module }),
    (error) => worker.postMessage({ op: 'module', error: String(error?.message ?? error) }),
  );
  return { worker, opening: null };
}

/**
 * The built-in sample, for the element that will open it: fetched at once and sent to
 * its worker to open (an `open` request, id `OPENING_ID`, with the settings the sample
 * comes with) as soon as the bytes arrive, before the element is even there to ask,
 * unless cancelled first. `posted` resolves with the bytes once sent, or with null if
 * they were not (cancelled; the element names another sample; or the fetch failed,
 * and the element, fetching it itself, reports why). `reply` resolves with the
 * worker's answer, which may come before anyone listens.
 */
class Opening {
  url = null;
  cancelled = false;

  constructor(worker, element) {
    this.reply = new Promise((resolve) => {
      const listen = ({ data }) => {
        if (data?.id !== OPENING_ID) return;
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
      worker.postMessage({ id: OPENING_ID, op: 'open', bytes: copy, sample: { pxPerMm, area, pupils } }, [copy]);
      this.url = url;
      return bytes;
    })().catch(() => null);
  }

  /**
   * Not to be sent after all; or, if it was, not to be taken as the photo opened last:
   * a photo sent after it replaces it in the worker.
   */
  cancel() {
    this.cancelled = true;
  }
}

/**
 * Starts everything the first frame needs: the wasm compile and the modules always;
 * when the page already holds a `<hairline-visualiser>` still to be defined, also a
 * worker for it, and its built-in sample unless it names another.
 */
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
  for (const module of MODULES) import(module).catch(() => {}); // a failure is reported by the real import
}
