// The widget's state and its one line to the worker: the photo's bytes, the applied
// options and design, the journal of design edits, and restore() into a fresh worker.
import { Engine } from './engine.js';

export class Session {
  photo = null; // { width, height, format, sample }
  options = null;
  design = null;
  ranges = null; // from the core: ranges, shades, defaults
  shades = [];
  defaults = null;

  #engine;
  #on;
  #current = null; // { bytes, sample }
  #journal = [];
  #loads = 0; // the latest load wins
  #optionsSent = 0; // a load's options yield to those of a later request
  // Edits not answered yet. Controls show an answer only when none is pending, so an
  // older answer never undoes a newer choice (a slider jumping back).
  #pending = { options: 0, design: 0 };

  /** `on`: frame, options and design (to show), error (a crash), restored. */
  constructor(on) {
    this.#on = on;
    this.#engine = new Engine(on.frame, (error) => this.#recover(error));
  }

  async start() {
    Object.assign(this, await this.#engine.request('ranges'));
  }

  /** A stateless request (export, suggestShade, memory, …). */
  request(op, args, extra) {
    return this.#engine.request(op, args, extra);
  }

  render(view, withBase) {
    this.#engine.render(view, withBase);
  }

  recycle(buffer) {
    this.#engine.recycle(buffer);
  }

  isLatest(load) {
    return load === this.#loads;
  }

  nextLoad() {
    return ++this.#loads;
  }

  takeOpened(url) {
    return this.#engine.takeOpened(url);
  }

  /**
   * Opens `bytes` (transferred) with a sample's settings, the analysis and `edits`;
   * `opening`: the start-up's answer. Resolves to the answer, or null if a newer load
   * won. On failure the previous photo stays.
   */
  async open(bytes, sample, load, { analyse = false, edits = [], onProgress, opening = null } = {}) {
    if (!this.isLatest(load)) return null;
    const keep = bytes.slice(0);
    const optionsSent = opening ? 0 : this.#optionsSent;
    const reply = await (opening ?? this.#engine.request('load', { bytes, sample: sampleSettings(sample), analyse, edits }, { transfer: [bytes], onProgress }));
    if (!this.isLatest(load)) return null;
    this.#current = { bytes: keep, sample };
    this.#journal = [...(reply.found ? [{ op: 'analysed', args: { found: reply.found } }] : []), ...(opening ? [] : edits)];
    this.photo = { width: reply.photo.width, height: reply.photo.height, format: reply.photo.format, sample };
    this.design = reply.design;
    if (optionsSent === this.#optionsSent) this.options = reply.options;
    if (opening && edits.length) await this.applyEdits(edits);
    return reply;
  }

  /** Resolves to whether the controls show the answer. */
  setOptions(changes) {
    this.#optionsSent++;
    return this.#tracked('options', 'options', { options: changes });
  }

  async edit(op, args) {
    const shown = await this.#tracked('design', op, args);
    this.#journal.push({ op, args });
    return shown;
  }

  /** In order, each journalled once it succeeded. */
  async applyEdits(edits) {
    for (const { op, args } of edits) {
      this.design = await this.#engine.request(op, args);
      this.#journal.push({ op, args });
    }
    if (edits.length) this.#on.design(this.design);
  }

  async #tracked(kind, op, args) {
    this.#pending[kind]++;
    let answer;
    try {
      answer = await this.#engine.request(op, args);
    } catch (error) {
      // Back to what the worker holds.
      if (--this.#pending[kind] === 0 && this[kind]) this.#on[kind](this[kind]);
      throw error;
    }
    this[kind] = answer;
    const shown = --this.#pending[kind] === 0;
    if (shown) this.#on[kind](answer);
    return shown;
  }

  /** The last good photo, options and design into a fresh worker, in one request. */
  async restore() {
    if (!this.#current) return;
    const { bytes, sample } = this.#current;
    const copy = bytes.slice(0);
    const reply = await this.#engine.request('load', { bytes: copy, sample: sampleSettings(sample), options: this.options, edits: this.#journal }, { transfer: [copy] });
    this.design = reply.design;
    this.#on.design(reply.design);
    this.#on.restored();
  }

  cancel() {
    this.#engine.restart();
    return this.restore();
  }

  #recover(error) {
    this.#on.error(error);
    this.#engine.restart();
    this.restore().catch((e) => this.#on.error(e));
  }

  terminate() {
    this.#engine.terminate();
  }
}

function sampleSettings(sample) {
  return sample ? { pxPerMm: sample.pxPerMm, area: sample.area, pupils: sample.pupils } : null;
}
