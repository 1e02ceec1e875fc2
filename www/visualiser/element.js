// <hairline-visualiser>: its public face (lifecycle, API, attribute reflection); the
// work happens in base.js and its features (hairline.d.ts documents the API).
import { Widget } from './base.js';
import { ATTRIBUTES } from './config.js';

export class HairlineVisualiser extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #w;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.#w = new Widget(this);
  }

  connectedCallback() {
    this.#w.connect();
  }

  disconnectedCallback() {
    this.#w.disconnect();
  }

  attributeChangedCallback(name, previous, value) {
    this.#w.attributeChanged(name, previous, value);
  }

  get ready() {
    return this.#w.ready;
  }

  get photo() {
    return this.#w.photo.info;
  }

  get options() {
    const options = this.#w.session?.options;
    return options ? { ...options } : undefined;
  }

  set options(changes) {
    this.#w.look.apply(changes);
  }

  get designSettings() {
    return this.#w.design.settings;
  }

  get settings() {
    return this.#w.output.settings;
  }

  loadImage(source) {
    return this.#w.photo.loadImage(source);
  }

  exportImage(options) {
    return this.#w.output.exportImage(options);
  }

  reset() {
    return this.#w.output.reset();
  }

  memoryUsage() {
    return this.#w.session.request('memory');
  }

  __panicForTests() {
    return this.#w.session.request('panicForTests');
  }
}

// Each attribute is reflected by a camel-cased property (null removes it).
for (const name of ATTRIBUTES) {
  const property = name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
  Object.defineProperty(HairlineVisualiser.prototype, property, {
    configurable: true,
    get() {
      return this.getAttribute(name);
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(name);
      else this.setAttribute(name, String(value));
    },
  });
}
