// The UI thread's handle on the rendering worker: promise-based requests, and renders
// where the latest request wins (at most one in flight, at most one waiting).

export class EngineError extends Error {
  constructor({ code, message }) {
    super(message);
    this.code = code;
  }
}

export class Engine {
  #worker;
  #nextId = 1;
  #pending = new Map();
  #renderInFlight = false;
  #queuedView = null;
  #onFrame;

  /** `onFrame({ width, height, pixels, view, ms })` receives every finished render. */
  constructor(onFrame) {
    this.#onFrame = onFrame;
    this.#worker = new Worker(new URL('../worker.js', import.meta.url), { type: 'module' });
    this.#worker.onmessage = ({ data }) => {
      const entry = this.#pending.get(data.id);
      if (!entry) return;
      this.#pending.delete(data.id);
      if (data.ok) entry.resolve(data.result);
      else entry.reject(new EngineError(data.error));
    };
    this.#worker.onerror = (event) => {
      const error = new EngineError({ code: 'worker-crashed', message: `The renderer stopped: ${event.message ?? 'unknown error'}` });
      for (const entry of this.#pending.values()) entry.reject(error);
      this.#pending.clear();
    };
  }

  request(type, args = {}, transfer = []) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, type, ...args }, transfer);
    });
  }

  /** Decodes a photo file; the previous photo stays if this fails. */
  loadPhoto(arrayBuffer) {
    return this.request('load', { bytes: arrayBuffer }, [arrayBuffer]);
  }

  /** Schedules a render of `view`; stale requests are dropped, never queued. */
  render(view) {
    this.#queuedView = view;
    if (!this.#renderInFlight) this.#pump();
  }

  async #pump() {
    const view = this.#queuedView;
    if (!view) return;
    this.#queuedView = null;
    this.#renderInFlight = true;
    try {
      const frame = await this.request('render', { view });
      // Frames finish in request order, so this is always newer than what is shown.
      this.#onFrame({ ...frame, view });
    } catch (error) {
      this.#onFrame({ error, view });
    } finally {
      this.#renderInFlight = false;
      if (this.#queuedView) this.#pump();
    }
  }

  terminate() {
    this.#worker.terminate();
    this.#pending.clear();
  }
}
