// <hairline-visualiser>: the whole visualiser as one element with its own shadow DOM.
// Pixels come from the wasm core in a worker; this file only wires the DOM.
import { Engine } from './engine.js';
import { SAMPLES } from '../samples/samples.js';

const STYLES = new URL('./styles.css', import.meta.url).href;

const TEMPLATE = `
  <link rel="stylesheet" href="${STYLES}">
  <div class="frame" part="frame">
    <div class="stage" part="stage">
      <canvas part="canvas" role="img" aria-label="Your photo with scalp micropigmentation"></canvas>
      <p class="busy" hidden>Opening photo…</p>
    </div>
    <div class="panel" part="panel">
      <label class="button" part="button">
        <input type="file" accept="image/*" class="file">
        Choose a photo
      </label>
      <div class="control">
        <label for="density">Density</label>
        <input id="density" type="range" step="1">
        <output for="density" class="density-value"></output>
      </div>
      <p class="error" role="alert" part="error"></p>
      <p class="credit" part="credit"></p>
    </div>
  </div>`;

export class HairlineVisualiser extends HTMLElement {
  #engine;
  #canvas;
  #context;
  #photo = null;
  #resize;
  #ready;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = TEMPLATE;
  }

  connectedCallback() {
    const root = this.shadowRoot;
    this.#canvas = root.querySelector('canvas');
    this.#context = this.#canvas.getContext('2d');
    this.#engine = new Engine((frame) => this.#showFrame(frame));
    root.querySelector('.file').addEventListener('change', (event) => {
      const [file] = event.target.files;
      event.target.value = '';
      if (file) this.loadImage(file);
    });
    const density = root.querySelector('#density');
    density.addEventListener('input', () => this.#setOptions({ density: Number(density.value) }));
    this.#resize = new ResizeObserver(() => this.#render());
    this.#resize.observe(root.querySelector('.stage'));
    this.#ready = this.#start();
  }

  disconnectedCallback() {
    this.#resize?.disconnect();
    this.#engine?.terminate();
    this.#engine = null;
  }

  /** Resolves once the first photo (the sample) is on screen. */
  get ready() {
    return this.#ready;
  }

  /** Current rendering options (a copy). */
  get options() {
    return this.#photo ? { ...this.#photo.options } : undefined;
  }

  async #start() {
    const ranges = await this.#engine.request('ranges');
    const density = this.shadowRoot.querySelector('#density');
    Object.assign(density, { min: ranges.density.min, max: ranges.density.max, value: ranges.density.default });
    this.#showDensity(ranges.density.default);
    await this.#loadSample(SAMPLES[0]);
    this.dispatchEvent(new CustomEvent('ready'));
  }

  async #loadSample(sample) {
    const response = await fetch(sample.url);
    if (!response.ok) throw new Error(`sample photo missing (${response.status})`);
    await this.#open(await response.arrayBuffer(), sample);
  }

  /** Opens a photo (File or Blob). On failure the current photo stays and an `error` event fires. */
  async loadImage(blob) {
    try {
      await this.#open(await blob.arrayBuffer(), null);
    } catch (error) {
      this.#fail(error);
    }
  }

  async #open(bytes, sample) {
    const busy = this.shadowRoot.querySelector('.busy');
    busy.hidden = false;
    try {
      const info = await this.#engine.loadPhoto(bytes);
      if (sample) {
        await this.#engine.request('scale', { pxPerMm: sample.pxPerMm });
        await this.#engine.request('area', sample.area);
      }
      const state = await this.#engine.request('info');
      this.#photo = { ...info, ...state };
      this.#showCredit(sample);
      this.#clearError();
      this.#render();
    } finally {
      busy.hidden = true;
    }
  }

  async #setOptions(changes) {
    try {
      const options = await this.#engine.request('options', { options: changes });
      if (this.#photo) this.#photo.options = options;
      if ('density' in changes) this.#showDensity(options.density);
      this.#render();
      this.dispatchEvent(new CustomEvent('change', { detail: { options } }));
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Renders the whole photo fitted into the stage at the screen's real resolution. */
  #render() {
    if (!this.#photo || !this.#engine) return;
    const stage = this.shadowRoot.querySelector('.stage');
    const { width, height } = this.#photo;
    const fit = Math.min(stage.clientWidth / width, stage.clientHeight / height);
    if (!(fit > 0)) return;
    const cssWidth = Math.max(1, Math.floor(width * fit));
    const cssHeight = Math.max(1, Math.floor(height * fit));
    const ratio = window.devicePixelRatio || 1;
    this.#canvas.style.width = `${cssWidth}px`;
    this.#canvas.style.height = `${cssHeight}px`;
    const outWidth = Math.round(cssWidth * ratio);
    const outHeight = Math.round(cssHeight * ratio);
    this.#engine.render({ x: 0, y: 0, width, height, outWidth, outHeight });
  }

  #showFrame({ width, height, pixels, ms, error }) {
    if (error) return this.#fail(error);
    if (this.#canvas.width !== width || this.#canvas.height !== height) {
      this.#canvas.width = width;
      this.#canvas.height = height;
    }
    // `pixels` is a transferred copy, not a view of wasm memory: safe to wrap.
    const data = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    this.#context.putImageData(new ImageData(data, width, height), 0, 0);
    this.dataset.rendered = String(Number(this.dataset.rendered ?? 0) + 1);
    this.dispatchEvent(new CustomEvent('render', { detail: { width, height, ms } }));
  }

  #showDensity(value) {
    this.shadowRoot.querySelector('.density-value').textContent = `${Math.round(value)} dots per cm²`;
  }

  #showCredit(sample) {
    const credit = this.shadowRoot.querySelector('.credit');
    credit.replaceChildren();
    if (!sample) return;
    const link = Object.assign(document.createElement('a'), { href: sample.licenceUrl, textContent: sample.credit, target: '_blank', rel: 'noopener' });
    credit.append(link);
  }

  #fail(error) {
    this.shadowRoot.querySelector('.error').textContent = error.message;
    this.dispatchEvent(new CustomEvent('error', { detail: { code: error.code ?? 'internal', message: error.message } }));
  }

  #clearError() {
    this.shadowRoot.querySelector('.error').textContent = '';
  }
}
