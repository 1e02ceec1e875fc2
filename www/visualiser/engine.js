// The UI thread's handle on the rendering worker: promise-based requests, renders where
// the latest request wins (at most one in flight, at most one waiting), and a restart
// that cancels long work (decoding, export) and rebuilds the worker's state.
import { OPENING_ID, startWorker } from './boot.js';
import { OPS } from './protocol.js';

export class EngineError extends Error {
  constructor({ code, message, field, photoLost = false }) {
    super(message);
    this.code = code;
    this.field = field; // the option an invalid-option error names
    this.photoLost = photoLost;
  }
}

const CANCELLED = { code: 'cancelled', message: 'Cancelled.' };

export class Engine {
  #worker = null;
  #nextId = 1;
  #pending = new Map();
  #renderInFlight = false;
  #queued = null;
  #onFrame;
  #onCrash;
  #opening = null; // { opening, reply } until taken
  #cancelOpening = () => {};
  #unloaded = null; // why its worker did not load: every request's answer

  /**
   * `onFrame({ width, height, pixels, base, view, ms, sentAt })` receives every finished render;
   * `onCrash(error)` hears when the worker died (it is restarted by the caller).
   */
  constructor(onFrame, onCrash = () => {}) {
    this.#onFrame = onFrame;
    this.#onCrash = onCrash;
    this.#spawn();
  }

  #spawn() {
    const { worker, opening } = startWorker();
    this.#worker = worker;
    this.#opening = null;
    this.#cancelOpening = () => {};
    this.#worker.onmessage = ({ data }) => this.#answer(data);
    if (opening) {
      // The sample it may open since start-up: its answer is this engine's to hand out.
      const reply = new Promise((resolve, reject) => this.#pending.set(OPENING_ID, { resolve, reject }));
      reply.catch(() => {}); // nobody may ask for it
      opening.reply.then((data) => this.#answer(data));
      this.#opening = { opening, reply };
      this.#cancelOpening = () => opening.cancel();
    }
    this.#worker.onerror = (event) => {
      event.preventDefault?.();
      // Not an ErrorEvent: its script did not load (CORS, CSP, 404), and would not again.
      if (!(event instanceof ErrorEvent)) return this.#failAll((this.#unloaded = new EngineError({ code: 'load-failed', message: 'The worker did not load.' })));
      const error = new EngineError({ code: 'worker-crashed', message: `The renderer stopped unexpectedly (${event.message ?? 'unknown error'}).` });
      this.#failAll(error);
      this.#onCrash(error);
    };
  }

  #answer(data) {
    const entry = this.#pending.get(data.id);
    if (!entry) return;
    if ('progress' in data) return entry.onProgress?.(data.progress);
    this.#pending.delete(data.id);
    if (data.ok) entry.resolve(data.result);
    else entry.reject(new EngineError(data.error));
    if (data.fatal) this.#onCrash(new EngineError(data.error));
  }

  /** The sample at `url` if the worker opens it since start-up and no photo was sent
   * after it: `{ bytes, reply }` (`reply`: the load's answer), else null. Once. */
  async takeOpened(url) {
    const { opening, reply } = this.#opening ?? {};
    this.#opening = null;
    if (!opening) return null;
    if (!url) opening.cancel();
    const bytes = await opening.posted;
    return bytes && !opening.cancelled && opening.url === url ? { bytes, reply } : null;
  }

  #failAll(error) {
    for (const entry of this.#pending.values()) entry.reject(error);
    this.#pending.clear();
    this.#renderInFlight = false;
    this.#queued = null;
  }

  /**
   * Sends request `op` of protocol.js; resolves to its result. `transfer`: buffers to
   * transfer; `onProgress(key)` hears what a long request is doing. A photo sent
   * replaces the one the worker may be opening since start-up.
   */
  request(op, args = {}, { transfer = [], onProgress } = {}) {
    if (!this.#worker) return Promise.reject(new EngineError({ code: 'closed', message: 'The visualiser was removed.' }));
    if (this.#unloaded) return Promise.reject(this.#unloaded);
    if (!OPS[op]) return Promise.reject(new EngineError({ code: 'internal', message: `unknown request ${op}` }));
    if (op === 'load') this.#cancelOpening();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, op, ...args }, transfer);
    });
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
    const sentAt = performance.now();
    let frame;
    try {
      frame = { ...(await this.request('render', next)), view: next.view, sentAt };
    } catch (error) {
      frame = { error, view: next.view, sentAt };
    }
    this.#renderInFlight = false;
    // Frames finish in request order, so this is always newer than what is shown.
    if (frame.error?.code !== 'cancelled') this.#onFrame(frame);
    if (this.#queued) this.#pump();
  }

  /** Gives a drawn frame's buffer back to the worker (transferred) for its next frames. */
  recycle(buffer) {
    this.#worker?.postMessage({ op: 'recycle', buffer }, [buffer]);
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
