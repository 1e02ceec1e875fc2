// The UI thread's handle on the rendering worker: promise-based requests, renders where
// the latest request wins (at most one in flight, at most one waiting), and a restart
// that cancels long work (decoding, export) and rebuilds the worker's state.

export class EngineError extends Error {
  constructor({ code, message, photoLost = false }) {
    super(message);
    this.code = code;
    this.photoLost = photoLost;
  }
}

const CANCELLED = { code: 'cancelled', message: 'Cancelled.' };
const WASM_URL = new URL('../pkg/hairline_bg.wasm', import.meta.url);

/** The wasm module, compiled once per page and handed to every instance's worker. */
let compiled = null;
function wasmModule() {
  compiled ??= WebAssembly.compileStreaming(fetch(WASM_URL)).catch(async () => {
    // A server without the application/wasm type: compile from the bytes instead.
    const response = await fetch(WASM_URL);
    return WebAssembly.compile(await response.arrayBuffer());
  });
  return compiled;
}

export class Engine {
  #worker = null;
  #nextId = 1;
  #pending = new Map();
  #renderInFlight = false;
  #queued = null;
  #onFrame;
  #onCrash;

  /**
   * `onFrame({ width, height, pixels, base, view, ms })` receives every finished render;
   * `onCrash(error)` hears when the worker died (it is restarted by the caller).
   */
  constructor(onFrame, onCrash = () => {}) {
    this.#onFrame = onFrame;
    this.#onCrash = onCrash;
    this.#spawn();
  }

  #spawn() {
    const worker = new Worker(new URL('../worker.js', import.meta.url), { type: 'module' });
    this.#worker = worker;
    // Requests sent meanwhile wait in the worker until the module arrives.
    wasmModule().then(
      (module) => worker.postMessage({ op: 'module', module }),
      (error) => worker.postMessage({ op: 'module', error: String(error?.message ?? error) }),
    );
    this.#worker.onmessage = ({ data }) => {
      const entry = this.#pending.get(data.id);
      if (!entry) return;
      this.#pending.delete(data.id);
      if (data.ok) entry.resolve(data.result);
      else entry.reject(new EngineError(data.error));
      if (data.fatal) this.#onCrash(new EngineError(data.error));
    };
    this.#worker.onerror = (event) => {
      event.preventDefault?.();
      const error = new EngineError({ code: 'worker-crashed', message: `The renderer stopped unexpectedly (${event.message ?? 'unknown error'}).` });
      this.#failAll(error);
      this.#onCrash(error);
    };
  }

  #failAll(error) {
    for (const entry of this.#pending.values()) entry.reject(error);
    this.#pending.clear();
    this.#renderInFlight = false;
    this.#queued = null;
  }

  request(op, args = {}, transfer = []) {
    if (!this.#worker) return Promise.reject(new EngineError({ code: 'closed', message: 'The visualiser was removed.' }));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, op, ...args }, transfer);
    });
  }

  /**
   * Decodes photo file bytes (the buffer is transferred); the previous photo stays if
   * this fails. A sample's `{ pxPerMm, area, pupils }` are applied with it.
   */
  loadPhoto(arrayBuffer, sample = null) {
    const settings = sample && { pxPerMm: sample.pxPerMm, area: sample.area, pupils: sample.pupils };
    return this.request('load', { bytes: arrayBuffer, sample: settings }, [arrayBuffer]);
  }

  /** Schedules a render of `view`; stale requests are dropped, never queued. */
  render(view, withBase) {
    // A waiting request that needed the base keeps needing it.
    this.#queued = { view, withBase: withBase || Boolean(this.#queued?.withBase) };
    if (!this.#renderInFlight) this.#pump();
  }

  async #pump() {
    const next = this.#queued;
    if (!next) return;
    this.#queued = null;
    this.#renderInFlight = true;
    let frame;
    try {
      frame = { ...(await this.request('render', next)), view: next.view };
    } catch (error) {
      frame = { error, view: next.view };
    }
    this.#renderInFlight = false;
    // Frames finish in request order, so this is always newer than what is shown.
    if (frame.error?.code !== 'cancelled') this.#onFrame(frame);
    if (this.#queued) this.#pump();
  }

  /** Stops whatever the worker is doing (pending requests fail as cancelled) and starts a fresh one. */
  restart() {
    this.#worker?.terminate();
    this.#failAll(new EngineError(CANCELLED));
    this.#spawn();
  }

  terminate() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#failAll(new EngineError({ code: 'closed', message: 'The visualiser was removed.' }));
  }
}
