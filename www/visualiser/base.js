// Behind the element: the shadow DOM in its locale, the session, and the features
// (photo, look, design, view, output), each owning its fields, wiring, attributes and
// events; plus what all of them use: notices, errors, progress, change events.
import { template } from './template.js';
import { loadTranslator, pickLocale } from './messages.js';
import { Session } from './session.js';
import { EngineError } from './engine.js';
import { SECTIONS, ctaFromAttributes, optionsFromAttributes, sectionsFromAttribute } from './config.js';
import { PhotoFeature } from './photo.js';
import { LookFeature } from './look.js';
import { DesignFeature } from './design.js';
import { ViewFeature } from './view.js';
import { OutputFeature } from './output.js';

export const STYLES = new URL('./styles.css', import.meta.url).href;
/** Waits shorter than this show no progress overlay. */
const BUSY_DELAY_MS = 250;

/** A feature has `wire(listen, cleanup)` (per build), `show()` (state into fresh
 * controls) and `attributeChanged(name)` for its `static attributes`. */
export class Widget {
  t = (key) => key; // until the table loads
  session = null;
  ready = null;
  #element;
  #notice = null; // { key, scope }
  #cleanup = [];
  #fineTuneOpen = false; // kept across rebuilds
  #builds = 0; // only the latest build happens
  #started = false; // attribute changes apply from then on
  #firstBuild = null; // resolves to whether it happened

  constructor(element) {
    this.#element = element;
    this.photo = new PhotoFeature(this);
    this.look = new LookFeature(this);
    this.design = new DesignFeature(this);
    this.view = new ViewFeature(this);
    this.output = new OutputFeature(this);
    this.features = [this.photo, this.look, this.design, this.view, this.output];
  }

  get element() {
    return this.#element;
  }

  $(selector) {
    return this.#element.shadowRoot.querySelector(selector);
  }

  $$(selector) {
    return this.#element.shadowRoot.querySelectorAll(selector);
  }

  emit(type, detail, init = {}) {
    return this.#element.dispatchEvent(new CustomEvent(type, { detail, ...init }));
  }

  connect() {
    this.#firstBuild = this.#build();
    this.session = new Session({
      frame: (frame) => this.view.showFrame(frame),
      options: (options) => this.look.reflect(options),
      design: (design) => this.design.showDesign(design),
      error: (error) => this.fail(error?.message ? error : new EngineError({ code: 'worker-crashed', message: 'The renderer stopped unexpectedly and was restarted.' })),
      restored: () => this.view.redraw(),
    });
    this.ready = this.#start();
    this.ready.catch((error) => this.fail(error));
  }

  disconnect() {
    this.#builds++;
    this.#started = false;
    this.output.flushUrl();
    this.view.stop();
    this.#unwire();
    this.session?.terminate();
    this.session = null;
  }

  attributeChanged(name, previous, value) {
    if (previous === value || !this.#started) return; // before start-up, #start reads them all
    if (name === 'locale') this.#relocalise().catch((error) => this.fail(error));
    else if (name === 'controls') this.showSections();
    else if (name === 'mode') this.#showFineTune();
    else for (const feature of this.features) if (feature.constructor.attributes?.includes(name)) feature.attributeChanged(name);
  }

  /** The shadow DOM in the element's locale, wired; false if overtaken (a newer build, a removal). */
  async #build() {
    const build = ++this.#builds;
    const t = await loadTranslator(pickLocale(this.#element));
    if (build !== this.#builds) return false;
    this.#unwire();
    this.#fineTuneOpen = this.$('.fine-tune')?.open ?? this.#fineTuneOpen; // its toggle event may be late
    this.t = t;
    this.#element.shadowRoot.innerHTML = template(this.t, STYLES);
    const listen = (target, type, handler, options) => {
      target.addEventListener(type, handler, options);
      this.#cleanup.push(() => target.removeEventListener(type, handler, options));
    };
    const fineTune = this.$('.fine-tune');
    listen(fineTune, 'toggle', () => (this.#fineTuneOpen = fineTune.open));
    listen(this.$('.cancel'), 'click', () => this.#cancel());
    for (const feature of this.features) feature.wire(listen, (undo) => this.#cleanup.push(undo));
    this.#showFineTune();
    return true;
  }

  #unwire() {
    this.#cleanup.forEach((undo) => undo());
    this.#cleanup = [];
  }

  /** A new locale: controls built again, same state. */
  async #relocalise() {
    if (!(await this.#build())) return;
    for (const feature of this.features) feature.show();
    if (this.#notice) this.say(this.#notice.key, this.#notice.scope);
  }

  async #start() {
    const { session } = this;
    const [built] = await Promise.all([this.#firstBuild, session.start()]);
    if (!built) return;
    this.#started = true;
    this.look.show();
    this.output.show();
    const linked = this.output.linkedSettings();
    const configured = this.attributeOptions();
    if (Object.keys(configured).length) await this.look.apply(configured, { silent: true });
    await this.photo.start();
    if (linked) await this.output.applySettings(linked).catch((error) => this.fail(error));
    this.emit('ready');
  }

  /** The options the `density` and `shade` attributes ask for. */
  attributeOptions() {
    const { ranges, shades, defaults } = this.session;
    return ranges ? optionsFromAttributes(this.#element, ranges, shades, defaults) : {};
  }

  showSections() {
    const shown = sectionsFromAttribute(this.#element);
    for (const name of SECTIONS) {
      for (const part of this.$$(`[data-section="${name}"], [data-part-of="${name}"]`)) part.hidden = !shown.has(name);
    }
    const fineTune = this.$('.fine-tune');
    fineTune.hidden = ![...fineTune.querySelectorAll('section')].some((part) => !part.hidden);
    this.$('.app').classList.toggle('no-panel', shown.size === 0 && !ctaFromAttributes(this.#element));
  }

  /** Open in clinic mode, or when the person opened it. */
  #showFineTune() {
    this.$('.fine-tune').open = this.#element.getAttribute('mode') === 'clinic' || this.#fineTuneOpen;
  }

  /** A change took effect: redraw, sync the URL, fire `change`. */
  changed(detail) {
    this.view.render();
    this.output.syncUrl();
    this.emit('change', detail);
  }

  /** Shows notice `key` (or none) about `scope`: 'coverage', 'tool', 'edit', 'options',
   * 'photo' or 'settings' (any change); `stale(scope)` clears it. */
  say(key, scope) {
    this.#notice = key ? { key, scope } : null;
    this.$('.notice').textContent = key ? this.t(key) : '';
  }

  stale(...scopes) {
    if (this.#notice && scopes.includes(this.#notice.scope)) this.say(null);
  }

  /** Runs `work` with a progress overlay (and Cancel) if it takes a while. */
  async busy(text, work) {
    const busy = this.$('.busy');
    this.progress(text);
    const timer = setTimeout(() => (busy.hidden = false), BUSY_DELAY_MS);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
      this.$('.busy').hidden = true;
    }
  }

  progress(key) {
    this.$('.busy-text').textContent = this.t(key);
  }

  #cancel() {
    this.say('cancelled', 'settings');
    this.session.cancel().catch((error) => this.fail(error));
  }

  fail(error) {
    if (error?.code === 'cancelled') return;
    const shown = this.$('.error');
    // Before the first build, said once its table has the words and the DOM a place for it.
    if (!shown && this.#firstBuild) return void this.#firstBuild.then((built) => (built ? this.fail(error) : this.#report(error)), () => this.#report(error));
    this.#report(error, shown);
  }

  #report(error, shown = null) {
    const message = this.#plainWords(error) ?? error?.message ?? String(error);
    if (shown) shown.textContent = message;
    this.emit('error', { code: error?.code ?? 'internal', message });
  }

  /** An error in words for a person, or null. */
  #plainWords(error) {
    const { code, field } = error ?? {};
    if (code === 'load-failed') return this.t('loadFailed', { origin: new URL(STYLES).origin });
    if (code !== 'invalid-option') return null;
    const range = this.session?.ranges?.[field];
    if (range && OPTION_NAMES[field]) return this.t('invalidNumber', { name: this.t(OPTION_NAMES[field]), min: range.min, max: range.max });
    if (field === 'pigment') return this.t('invalidColour');
    if (field === 'healing') return this.t('invalidHealing', { choices: ['fresh', 'healed', 'aged'].map((k) => this.t(k)).join(', ') });
    return null;
  }
}

/** What each option is called on the controls (message keys). */
const OPTION_NAMES = { density: 'density', dotMm: 'dotSize', sizeVariation: 'sizeVariation', dilution: 'shadeStrength', years: 'years', sessions: 'sessions' };
