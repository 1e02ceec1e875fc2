// <hairline-visualiser>: the whole visualiser as one element with its own shadow DOM.
// Pixels come from the wasm core in a worker; this file wires the DOM to it.
import { Engine, EngineError } from './engine.js';
import { Viewport } from './viewport.js';
import { template } from './template.js';
import { pickLocale, translator } from './messages.js';
import { gestures } from './gestures.js';
import { HairlineEditor } from './hairline-editor.js';
import { SETTINGS_VERSION, decodeFragment, encodeFragment, parseSettings, settingsBlob } from './settings.js';
import { SAMPLES } from '../samples/samples.js';
import { ATTRIBUTES, SECTIONS, ctaFromAttributes, designFromAttributes, optionsFromAttributes, sampleFromAttribute, sectionsFromAttribute } from './config.js';

const STYLES = new URL('./styles.css', import.meta.url).href;
/** Waits shorter than this show no progress overlay. */
const BUSY_DELAY_MS = 250;
/** How long after the last slider or handle move the frame is drawn again at full resolution. */
const DRAFT_SETTLE_MS = 200;
/** Least time between two writes of the settings to the URL (browsers throttle more). */
const URL_SYNC_MS = 250;

export class HairlineVisualiser extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #t = translator('en');
  #shades = [];
  #defaults = null; // the default options
  #notice = null; // the notice shown: { key, scope } (see #say)
  #crosshair = null; // the keyboard's point on the stage (CSS px) while a tool needs one
  #engine = null;
  #ui = {};
  #photo = null; // { width, height, format, sample }
  #current = null; // what to restore after a cancel or a worker crash: { bytes, sample }
  #options = null;
  #ranges = null;
  #viewport = null;
  #baseView = null;
  #resize = null;
  #ready = null;
  #picking = false;
  #split = 50;
  #loads = 0; // photo loads started: a newer load makes an older one's result stale
  #editor = null;
  #styled = false; // the shadow DOM's stylesheet is in: the stage has its real size
  #design = null;
  #tool = null; // 'select' | 'brush' | 'erase' | null
  #lastStroke = null; // the stroke's latest point (photo px)
  #strokes = []; // stroke pieces waiting for the worker: { points, begin, erase, radiusMm }
  #stroking = false; // a stroke piece is being applied
  #strokeStyle = { erase: false, radiusMm: 5 }; // of the stroke being drawn
  #journal = []; // design edits since the photo opened, replayed into a restarted worker
  #fineTuneOpen = false; // the person opened Fine-tune (kept when the controls are rebuilt)
  // Edits sent and not answered yet. The controls show the worker's answer only once
  // none is pending: an older edit's answer must not undo a choice made since (a dragged
  // slider jumped back, a radio unticked).
  #designPending = 0;
  #optionPending = 0;
  #cleanup = [];
  #drafting = null; // timer while a slider or handle is being dragged
  #urlTimer = null; // while set, a URL write waits for it
  #urlStale = false;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    this.#buildUi();
    this.#engine = new Engine((frame) => this.#showFrame(frame), (error) => this.#recover(error));
    this.#wire((selector) => this.shadowRoot.querySelector(selector));
    this.#ready = this.#start();
    this.#ready.catch((error) => this.#fail(error));
  }

  /** The shadow DOM in the element's locale. */
  #buildUi() {
    this.#t = translator(pickLocale(this));
    this.shadowRoot.innerHTML = template(this.#t, STYLES);
    const $ = (selector) => this.shadowRoot.querySelector(selector);
    // Frames are sized to the stage, so none is drawn before the styles give it its size.
    this.#styled = false;
    const styled = () => {
      this.#styled = true;
      this.#render();
    };
    for (const type of ['load', 'error']) $('link[rel="stylesheet"]').addEventListener(type, styled, { once: true });
    this.#ui = {
      fineTune: $('.fine-tune'),
      stage: $('.stage'),
      after: $('canvas.after'),
      before: $('canvas.before'),
      split: $('.split'),
      busy: $('.busy'),
      busyText: $('.busy-text'),
      error: $('.error'),
      notice: $('.notice'),
      crosshair: $('.crosshair'),
      crosshairStatus: $('.crosshair-status'),
      credit: $('.credit'),
      swatches: $('.swatches'),
      customColour: $('.custom-colour'),
      pick: $('.pick'),
      years: $('.years'),
      share: $('.share'),
      splitToggle: $('.split-toggle'),
      preset: $('.preset'),
      softness: $('.softness'),
      softnessValue: $('.softness-value'),
      editHairline: $('.edit-hairline'),
      mirror: $('.mirror'),
      warning: $('.warning'),
      scaleCorrection: $('.scale-correction'),
      scaleCorrectionValue: $('.scale-correction-value'),
      scaleSource: $('.scale-source'),
      cta: $('.cta'),
      ctaRow: $('.cta-row'),
    };
    this.#editor = new HairlineEditor($('.overlay'), this.#t, {
      onMovePoint: ({ index, x, y, begin }) => {
        this.#draft();
        return this.#designChange('movePoint', { index, x, y, mirror: this.#ui.mirror.checked, begin });
      },
      onPupils: (pupils) => this.#designChange('pupils', pupils),
    });
  }

  /** A new locale: the controls are built again in it and show the same state. */
  #relocalise() {
    this.#fineTuneOpen = this.#ui.fineTune?.open ?? this.#fineTuneOpen; // its toggle event may not have come yet
    this.#resize?.disconnect();
    this.#cleanup.forEach((undo) => undo());
    this.#cleanup = [];
    this.#buildUi();
    this.#wire((selector) => this.shadowRoot.querySelector(selector));
    this.#buildControls(this.#ranges, this.#shades);
    this.#showCta();
    if (this.#options) this.#reflect(this.#options);
    if (this.#design) this.#showDesign(this.#design);
    const notice = this.#notice;
    this.#setTool(this.#tool);
    this.#setPicking(false);
    if (notice) this.#say(notice.key, notice.scope);
    if (this.#photo) {
      this.#showCredit(this.#photo.sample);
      this.#baseView = null; // new canvases: draw the photo again too
      this.#render();
    }
  }

  disconnectedCallback() {
    clearTimeout(this.#drafting);
    this.#drafting = null;
    clearTimeout(this.#urlTimer);
    this.#urlTimer = null;
    if (this.#urlStale && this.hasAttribute('sync-url')) history.replaceState(null, '', `#${encodeFragment(this.settings)}`);
    this.#urlStale = false;
    this.#resize?.disconnect();
    this.#cleanup.forEach((undo) => undo());
    this.#cleanup = [];
    this.#engine?.terminate();
    this.#engine = null;
  }

  // ---------------------------------------------------------------- public API

  /** Resolves once the first photo (the sample) is on screen. */
  get ready() {
    return this.#ready;
  }

  /** The open photo: `{ width, height, format }` (upright pixels), or undefined. */
  get photo() {
    return this.#photo ? { width: this.#photo.width, height: this.#photo.height, format: this.#photo.format } : undefined;
  }

  /** Current rendering options (a copy). */
  get options() {
    return this.#options ? { ...this.#options } : undefined;
  }

  /** Applies a full or partial options object; invalid values fire `error` and change nothing. */
  set options(changes) {
    this.#setOptions(changes);
  }

  /** Opens a photo from a File, a Blob or a URL. On failure the current photo stays. */
  async loadImage(source) {
    const load = ++this.#loads; // the latest call wins, whatever finishes reading first
    try {
      const bytes = typeof source === 'string' || source instanceof URL ? await fetchPhoto(source, this.#t) : await source.arrayBuffer();
      await this.#open(bytes, null, load);
    } catch (error) {
      this.#fail(error);
      if (error.photoLost) await this.#restore().catch((e) => this.#fail(e));
    }
  }

  /** The result at the photo's full resolution as a Blob (`beforeAfter`: side by side). */
  async exportImage({ type = 'image/png', quality = 0.92, beforeAfter = false } = {}) {
    const labels = { before: this.#t('exportBefore'), after: this.#t('exportAfter') };
    const blob = await this.#busy(this.#t('exporting'), () => this.#engine.request('export', { type, quality, beforeAfter, labels }));
    this.dispatchEvent(new CustomEvent('export', { detail: { blob, type, beforeAfter } }));
    return blob;
  }

  /** Back to the default options and coverage, and those the attributes set (the photo
   * and its hairline stay); no tool armed, no error or notice left. */
  async reset() {
    await this.#engine.request('reset');
    const options = await this.#engine.request('options', { options: this.#attributeOptions() });
    const coverage = designFromAttributes(this).coverage ?? 'hairline';
    if (this.#photo && this.#design?.coverage !== coverage) await this.#applyEdits([{ op: 'coverage', args: { coverage } }]);
    this.#setTool(null);
    this.#setPicking(false);
    this.#ui.error.textContent = '';
    this.#say(null);
    this.#applied(options);
  }

  /** The options the `density` and `shade` attributes ask for. */
  #attributeOptions() {
    return this.#ranges ? optionsFromAttributes(this, this.#ranges, this.#shades, this.#defaults) : {};
  }

  attributeChangedCallback(name, previous, value) {
    if (previous === value || !this.#ranges) return; // before start-up, #start reads them all
    if (name === 'density' || name === 'shade') this.#setOptions(this.#attributeOptions());
    else if ((name === 'hairline' || name === 'coverage') && this.#photo) this.#applyAttributeDesign().then(() => this.#render(), (e) => this.#fail(e));
    else if (name === 'controls') this.#showSections();
    else if (name === 'cta-text' || name === 'cta-href') this.#showCta();
    else if (name === 'sample') this.#loadConfiguredSample().catch((error) => this.#fail(error));
    else if (name === 'locale') this.#relocalise();
    else if (name === 'mode') this.#showFineTune();
  }

  /** Applies the `hairline` and `coverage` attributes to the open photo's design. */
  async #applyAttributeDesign() {
    const { preset, coverage } = designFromAttributes(this);
    const edits = [];
    if (preset) edits.push({ op: 'preset', args: { preset } });
    if (coverage) edits.push({ op: 'coverage', args: { coverage } });
    await this.#applyEdits(edits);
  }

  /** Design edits in order, each kept in the journal once it succeeded; shows the result. */
  async #applyEdits(edits) {
    let design = null;
    for (const { op, args } of edits) {
      design = await this.#engine.request(op, args);
      this.#journal.push({ op, args });
    }
    if (design) this.#showDesign(design);
  }

  #showSections() {
    const shown = sectionsFromAttribute(this);
    for (const name of SECTIONS) {
      for (const part of this.shadowRoot.querySelectorAll(`[data-section="${name}"], [data-part-of="${name}"]`)) part.hidden = !shown.has(name);
    }
    // Fine-tune holds parts of several sections: shown while one is.
    const fineTune = this.#ui.fineTune;
    fineTune.hidden = ![...fineTune.querySelectorAll('section')].some((part) => !part.hidden);
    this.shadowRoot.querySelector('.app').classList.toggle('no-panel', shown.size === 0 && !ctaFromAttributes(this));
  }

  /** Fine-tune is open in clinic mode, or when the person opened it (kept across locales). */
  #showFineTune() {
    this.#ui.fineTune.open = this.getAttribute('mode') === 'clinic' || this.#fineTuneOpen;
  }

  #showCta() {
    const cta = ctaFromAttributes(this);
    this.#ui.ctaRow.hidden = !cta;
    this.#ui.cta.textContent = cta?.text ?? '';
    this.#showSections();
  }

  /** The call-to-action: the host page gets the current result (and may cancel the link). */
  async #pressCta() {
    const cta = ctaFromAttributes(this);
    if (!cta) return;
    try {
      const blob = this.#photo ? await this.exportImage({ type: 'image/jpeg', quality: 0.9 }) : null;
      const event = new CustomEvent('cta', { cancelable: true, detail: { result: blob, options: this.options, design: this.designSettings, href: cta.href } });
      if (this.dispatchEvent(event) && cta.href) location.assign(cta.href);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Opens the sample the `sample` attribute names: the built-in one, a URL, or none. */
  async #loadConfiguredSample() {
    const sample = sampleFromAttribute(this);
    if (sample === null) return;
    await (sample === undefined ? this.#loadSample(SAMPLES[0]) : this.#loadSample({ url: sample }, { builtIn: false }));
  }

  /** The settings that reproduce this design on another photo (never the photo itself). */
  get settings() {
    return { version: SETTINGS_VERSION, options: this.options, design: this.designSettings };
  }

  /** Applies saved settings: options, then the hairline style, coverage and edge softness. */
  async #applySettings(settings) {
    const options = await this.#engine.request('options', { options: settings.options });
    const design = settings.design;
    if (design && typeof design === 'object') {
      const edits = [];
      if (design.preset) edits.push({ op: 'preset', args: { preset: String(design.preset) } });
      if (design.coverage) edits.push({ op: 'coverage', args: { coverage: String(design.coverage) } });
      if (design.edgeSoftness !== undefined) edits.push({ op: 'softness', args: { mm: Number(design.edgeSoftness) } });
      await this.#applyEdits(edits);
    }
    this.#applied(options);
  }

  /** Memory of this instance's worker: `{ wasmBytes, jsHeapBytes }` (for diagnostics and tests). */
  memoryUsage() {
    return this.#engine.request('memory');
  }

  /** Test hook: makes the core panic, to prove the widget survives it. */
  __panicForTests() {
    return this.#engine.request('panicForTests');
  }

  // ---------------------------------------------------------------- start-up

  async #start() {
    const { ranges, shades, defaults } = await this.#engine.request('ranges');
    this.#ranges = ranges;
    this.#shades = shades;
    this.#defaults = defaults;
    this.#buildControls(ranges, shades);
    this.#showCta();
    const linked = this.hasAttribute('sync-url') ? this.#readFragment() : null;
    const configured = this.#attributeOptions();
    if (Object.keys(configured).length) this.#applied(await this.#engine.request('options', { options: configured }), { silent: true });
    if (sampleFromAttribute(this) === null) this.#say('dropHint', 'photo');
    await this.#loadConfiguredSample();
    if (linked) await this.#applySettings(linked).catch((error) => this.#fail(error));
    this.dispatchEvent(new CustomEvent('ready'));
  }

  /** Settings carried by the page's URL fragment, if any. */
  #readFragment() {
    try {
      return decodeFragment(location.hash);
    } catch {
      this.#fail(new EngineError({ code: 'invalid-settings', message: 'The settings in this link are damaged; defaults are shown.' }));
      return null;
    }
  }

  /** Opens a sample photo; a built-in one comes with its scale, area and credit. */
  async #loadSample(sample, { builtIn = true } = {}) {
    const load = ++this.#loads;
    // At start-up the worker may be opening it already.
    const opened = await this.#engine.takeOpened(builtIn ? sample.url : null);
    if (opened) return this.#open(opened.bytes, sample, load, opened.reply);
    const response = await fetch(sample.url).catch((error) => {
      throw builtIn ? new EngineError({ code: 'load-failed', message: error.message }) : error;
    });
    if (!response.ok) throw new EngineError({ code: 'sample-missing', message: `The sample photo could not be loaded (${response.status}).` });
    await this.#open(await response.arrayBuffer(), builtIn ? sample : null, load);
  }

  // ---------------------------------------------------------------- photo in

  /** `opening`: the worker's answer if it was sent the photo at start-up already. */
  async #open(bytes, sample, load, opening = null) {
    if (load !== this.#loads) return; // a newer photo was chosen meanwhile: it wins
    const keep = bytes.slice(0);
    const info = await this.#busy(this.#t('opening'), () => opening ?? this.#engine.loadPhoto(bytes, sample));
    if (load !== this.#loads) return; // a newer photo was dropped meanwhile: it wins
    // A person's own photo: find the scalp (a sample has its design). Cancel: old photo back.
    const found = sample ? {} : await this.#understand();
    if (load !== this.#loads) return;
    this.#current = { bytes: keep, sample };
    this.#journal = found.edit ? [found.edit] : [];
    await this.#applyAttributeDesign();
    const [state, design] = await Promise.all([this.#engine.request('info'), this.#engine.request('design')]);
    if (load !== this.#loads) return;
    this.#photo = { width: state.width, height: state.height, format: info.format, sample };
    this.#viewport = new Viewport(state.width, state.height);
    this.#baseView = null;
    this.#showCredit(sample);
    this.#ui.error.textContent = '';
    this.#say(info.warning ? 'warningIncomplete' : found.notice, 'photo');
    this.#showDesign(design);
    this.#applied(state.options, { silent: true }); // renders
    this.dispatchEvent(new CustomEvent('photo', { detail: this.photo }));
  }

  /** The zero-tap design: `{ notice, edit }`, what was found and the edit replaying it. */
  async #understand() {
    try {
      const { found, ms } = await this.#busy(this.#t('analysing'), () => this.#engine.request('understand'));
      Object.assign(this.dataset, { analysisLoadMs: ms.load.toFixed(1), analysisMs: ms.place.toFixed(1) }); // for the benchmark
      const view = found.view === 'three-quarter' ? 'front' : found.view; // the same words
      const notice = found.faces > 1 ? 'foundFaces' : `found-${view}`;
      return { notice, edit: { op: 'analysed', args: { found } } };
    } catch (error) {
      if (error.code === 'cancelled') throw error;
      return { notice: 'foundUnavailable' };
    }
  }

  /**
   * A design edit: the worker recomputes where dots go, then the view is redrawn.
   * Resolves to whether the controls now show its answer (it succeeded, and no later
   * edit is pending).
   */
  async #designChange(op, args) {
    this.#stale('settings', op === 'coverage' && 'coverage');
    this.#designPending++;
    let design;
    try {
      design = await this.#engine.request(op, args);
    } catch (error) {
      this.#fail(error);
      // The controls go back to what the worker holds.
      if (--this.#designPending === 0 && this.#design) this.#showDesign(this.#design);
      return false;
    }
    const last = --this.#designPending === 0;
    if (last) this.#showDesign(design);
    else this.#design = design;
    this.#journal.push({ op, args });
    this.#render();
    this.#syncUrl();
    this.dispatchEvent(new CustomEvent('change', { detail: { options: this.options, design: this.designSettings } }));
    return last;
  }

  #showDesign(design) {
    this.#design = design;
    this.#ui.preset.value = design.preset;
    this.#ui.softness.value = design.edgeSoftness;
    this.#ui.softnessValue.textContent = this.#t('edgeSoftnessValue', { value: design.edgeSoftness.toFixed(1) });
    for (const radio of this.shadowRoot.querySelectorAll('input[name="coverage"]')) radio.checked = radio.value === design.coverage;
    this.#ui.warning.textContent = design.warning ?? '';
    const percent = Math.round(design.scaleCorrection * 100);
    this.#ui.scaleCorrection.value = percent;
    this.#ui.scaleCorrectionValue.textContent = this.#t('scaleCorrectionValue', { value: percent });
    this.#ui.scaleSource.textContent = this.#t(`scaleSource-${design.scaleSource}`);
    this.shadowRoot.querySelector('.undo').disabled = !design.canUndo;
    this.shadowRoot.querySelector('.redo').disabled = !design.canRedo;
    this.#editor.update(design, this.#viewport);
  }

  /** The hairline design as settings (preset, coverage, edge softness). */
  get designSettings() {
    const d = this.#design;
    return d ? { preset: d.preset, coverage: d.coverage, edgeSoftness: d.edgeSoftness } : undefined;
  }

  /** After a cancel or a crash: a fresh worker gets the last good photo, options and design back. */
  async #restore() {
    if (!this.#current) return;
    const { bytes, sample } = this.#current;
    await this.#engine.loadPhoto(bytes.slice(0), sample);
    if (this.#options) await this.#engine.request('options', { options: this.#options });
    // Every edit in the journal once succeeded on this photo: replay them in one go.
    if (this.#journal.length) this.#showDesign(await this.#engine.request('replay', { edits: this.#journal }));
    this.#baseView = null;
    this.#render();
  }

  #recover(error) {
    this.#fail(error?.message ? error : new EngineError({ code: 'worker-crashed', message: 'The renderer stopped unexpectedly and was restarted.' }));
    this.#engine.restart();
    this.#restore().catch((error) => this.#fail(error));
  }

  /** Runs `work`, showing a progress overlay with Cancel if it takes more than a moment. */
  async #busy(text, work) {
    const { busy, busyText } = this.#ui;
    const timer = setTimeout(() => {
      busyText.textContent = text;
      busy.hidden = false;
    }, BUSY_DELAY_MS);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
      busy.hidden = true;
    }
  }

  #cancel() {
    this.#engine.restart();
    this.#say('cancelled', 'settings');
    this.#restore().catch((error) => this.#fail(error));
  }

  // ---------------------------------------------------------------- options

  async #setOptions(changes) {
    this.#stale('options', 'settings');
    this.#optionPending++;
    let options;
    try {
      options = await this.#engine.request('options', { options: changes });
    } catch (error) {
      this.#fail(error);
      // The controls go back to what is applied.
      if (--this.#optionPending === 0 && this.#options) this.#reflect(this.#options);
      return;
    }
    this.#applied(options, { stale: --this.#optionPending > 0 });
  }

  /** Options the worker applied; `stale` while a later change is pending (the controls keep it). */
  #applied(options, { silent = false, stale = false } = {}) {
    this.#options = options;
    if (!stale) this.#reflect(options);
    this.#render();
    if (silent) return;
    this.#syncUrl();
    this.dispatchEvent(new CustomEvent('change', { detail: { options: { ...options } } }));
  }

  /** Shows `options` in the controls. */
  #reflect(options) {
    const root = this.shadowRoot;
    for (const input of root.querySelectorAll('input[data-option]')) input.value = options[input.dataset.option];
    const show = (key, text) => (root.querySelector(`[data-output="${key}"]`).textContent = text);
    show('density', this.#t('densityValue', { value: Math.round(options.density) }));
    show('dotMm', this.#t('dotSizeValue', { value: options.dotMm.toFixed(2) }));
    show('dilution', this.#t('shadeStrengthValue', { value: Math.round(options.dilution * 100) }));
    show('years', this.#t('yearsValue', { value: Math.round(options.years) }));
    for (const radio of root.querySelectorAll('input[name="healing"]')) radio.checked = radio.value === options.healing;
    for (const radio of root.querySelectorAll('input[name="sessions"]')) radio.checked = Number(radio.value) === options.sessions;
    this.#ui.years.hidden = options.healing !== 'aged';
    this.#ui.customColour.value = options.pigment;
    for (const swatch of this.#ui.swatches.querySelectorAll('[role="radio"]')) {
      // The presets' dilutions come as f32 widened (0.6 → 0.6000000238…), the options' as typed.
      const on = swatch.dataset.pigment.toLowerCase() === options.pigment.toLowerCase() && Math.abs(Number(swatch.dataset.dilution) - options.dilution) < 1e-4;
      swatch.setAttribute('aria-checked', String(on));
      swatch.tabIndex = on ? 0 : -1;
    }
    if (!this.#ui.swatches.querySelector('[aria-checked="true"]')) this.#ui.swatches.firstElementChild?.setAttribute('tabindex', '0');
  }

  #buildControls(ranges, shades) {
    const root = this.shadowRoot;
    for (const input of root.querySelectorAll('input[data-option]')) {
      const range = ranges[input.dataset.option];
      Object.assign(input, { min: range.min, max: range.max });
      if (input.step !== '1') input.step = '0.01';
    }
    this.#ui.swatches.replaceChildren(
      ...shades.map((shade) => {
        const swatch = document.createElement('button');
        swatch.type = 'button';
        swatch.setAttribute('role', 'radio');
        swatch.setAttribute('aria-checked', 'false');
        swatch.className = 'swatch';
        swatch.dataset.pigment = shade.pigment;
        swatch.dataset.dilution = String(shade.dilution);
        swatch.title = this.#t(`shade-${shade.id}`);
        swatch.setAttribute('aria-label', swatch.title);
        // CSSOM, not a style attribute: allowed under a strict style-src policy.
        swatch.style.setProperty('--swatch', shadePreview(shade));
        swatch.addEventListener('click', () => this.#setOptions({ pigment: shade.pigment, dilution: shade.dilution }));
        return swatch;
      }),
    );
  }

  // ---------------------------------------------------------------- wiring

  #wire($) {
    const root = this.shadowRoot;
    const listen = (target, type, handler, options) => {
      target.addEventListener(type, handler, options);
      this.#cleanup.push(() => target.removeEventListener(type, handler, options));
    };
    listen($('.fine-tune'), 'toggle', () => { this.#fineTuneOpen = this.#ui.fineTune.open; });
    this.#showFineTune();
    for (const selector of ['.file-input', '.camera-input']) {
      listen($(selector), 'change', (event) => {
        const [file] = event.target.files;
        event.target.value = '';
        if (file) this.loadImage(file);
      });
    }
    listen($('.sample'), 'click', () => this.#loadSample(SAMPLES[0]).catch((error) => this.#fail(error)));
    listen(this.#ui.cta, 'click', () => this.#pressCta());
    for (const input of root.querySelectorAll('input[data-option]')) {
      listen(input, 'input', () => {
        this.#draft();
        this.#setOptions({ [input.dataset.option]: Number(input.value) });
      });
    }
    for (const radio of root.querySelectorAll('input[name="healing"]')) {
      listen(radio, 'change', () => this.#setOptions({ healing: radio.value }));
    }
    for (const radio of root.querySelectorAll('input[name="sessions"]')) {
      listen(radio, 'change', () => this.#setOptions({ sessions: Number(radio.value) }));
    }
    listen(this.#ui.customColour, 'input', () => {
      this.#draft();
      this.#setOptions({ pigment: this.#ui.customColour.value });
    });
    listen(this.#ui.preset, 'change', () => this.#designChange('preset', { preset: this.#ui.preset.value }));
    listen(this.#ui.softness, 'input', () => {
      this.#draft();
      this.#designChange('softness', { mm: Number(this.#ui.softness.value) });
    });
    for (const radio of root.querySelectorAll('input[name="coverage"]')) {
      listen(radio, 'change', () => this.#coverageChosen(radio.value));
    }
    const correction = this.#ui.scaleCorrection;
    listen(correction, 'input', () => (this.#ui.scaleCorrectionValue.textContent = this.#t('scaleCorrectionValue', { value: correction.value })));
    listen(correction, 'change', () => this.#designChange('scaleCorrection', { factor: Number(correction.value) / 100 }));
    for (const button of root.querySelectorAll('.tool')) {
      listen(button, 'click', () => this.#setTool(this.#tool === button.dataset.tool ? null : button.dataset.tool));
    }
    const brushSize = $('.brush-size');
    listen(brushSize, 'input', () => ($('.brush-size-value').textContent = this.#t('brushSizeValue', { value: brushSize.value })));
    listen($('.undo'), 'click', () => this.#designChange('history', { redo: false }));
    listen($('.redo'), 'click', () => this.#designChange('history', { redo: true }));
    listen(this.#ui.editHairline, 'click', () => {
      const on = this.#ui.editHairline.getAttribute('aria-pressed') !== 'true';
      this.#ui.editHairline.setAttribute('aria-pressed', String(on));
      this.#editor.visible = on;
      if (on) this.#say('editHint', 'edit');
      else this.#stale('edit');
    });
    listen(this.#ui.swatches, 'keydown', (event) => this.#swatchKeys(event));
    listen(this.#ui.pick, 'click', () => this.#setPicking(!this.#picking));
    listen($('.new-pattern'), 'click', () => this.#setOptions({ seed: crypto.getRandomValues(new Uint32Array(1))[0] }));
    listen(this.#ui.splitToggle, 'click', () => this.#setCompare(this.#ui.splitToggle.getAttribute('aria-pressed') !== 'true'));
    listen($('.cancel'), 'click', () => this.#cancel());
    listen($('.reset'), 'click', () => this.reset().catch((error) => this.#fail(error)));
    listen($('.save-settings'), 'click', () => download(settingsBlob(this.settings), 'hairline-settings.json'));
    listen($('.settings-input'), 'change', (event) => this.#loadSettings(event));
    for (const button of root.querySelectorAll('[data-export]')) {
      listen(button, 'click', () => this.#download(button.dataset.export));
    }
    listen(this.#ui.share, 'click', () => this.#share());
    this.#ui.share.hidden = !canShareFiles();
    for (const button of root.querySelectorAll('[data-zoom]')) {
      listen(button, 'click', () => this.#zoomButton(button.dataset.zoom));
    }
    this.#wireHold($('.hold'), listen);
    this.#wireSplit(listen);
    this.#wireDrop(listen);
    listen(this, 'paste', (event) => {
      const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
      if (file) {
        event.preventDefault();
        this.loadImage(file);
      }
    });
    listen(this.#ui.stage, 'keydown', (event) => this.#stageKeys(event));
    this.#cleanup.push(
      gestures(this.#ui.stage, {
        tap: (x, y) => this.#tap(x, y),
        pan: (dx, dy) => this.#viewChange(() => this.#viewport.panBy(dx, dy)),
        zoom: (factor, x, y) => this.#viewChange(() => this.#viewport.zoomAt(factor, x, y)),
        paint: {
          active: () => this.#tool === 'brush' || this.#tool === 'erase',
          stroke: (at, begin) => this.#stroke(at, begin),
        },
      }),
    );
    this.#resize = new ResizeObserver(() => this.#render());
    this.#resize.observe(this.#ui.stage);
  }

  #wireHold(hold, listen) {
    const show = (on) => this.#ui.stage.classList.toggle('holding', on);
    listen(hold, 'pointerdown', () => show(true));
    for (const type of ['pointerup', 'pointerleave', 'pointercancel', 'blur']) listen(hold, type, () => show(false));
    listen(hold, 'keydown', (event) => {
      if (event.key === ' ' || event.key === 'Enter') {
        event.preventDefault();
        show(true);
      }
    });
    listen(hold, 'keyup', () => show(false));
  }

  #wireSplit(listen) {
    const { split, stage } = this.#ui;
    let dragging = false;
    listen(split, 'pointerdown', (event) => {
      dragging = true;
      split.setPointerCapture(event.pointerId);
      event.stopPropagation();
    });
    listen(split, 'pointermove', (event) => {
      if (!dragging) return;
      const box = stage.getBoundingClientRect();
      this.#setSplit(((event.clientX - box.left) / box.width) * 100);
    });
    for (const type of ['pointerup', 'pointercancel']) listen(split, type, () => (dragging = false));
    listen(split, 'keydown', (event) => {
      const step = { ArrowLeft: -2, ArrowRight: 2, PageDown: -10, PageUp: 10 }[event.key];
      if (step !== undefined) {
        event.preventDefault();
        event.stopPropagation();
        this.#setSplit(this.#split + step);
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        this.#setSplit(event.key === 'Home' ? 0 : 100);
      }
    });
  }

  #wireDrop(listen) {
    const { stage } = this.#ui;
    listen(this, 'dragover', (event) => {
      if ([...(event.dataTransfer?.types ?? [])].includes('Files')) {
        event.preventDefault();
        stage.classList.add('dropping');
      }
    });
    listen(this, 'dragleave', () => stage.classList.remove('dropping'));
    listen(this, 'drop', (event) => {
      event.preventDefault();
      stage.classList.remove('dropping');
      const [file] = event.dataTransfer?.files ?? [];
      if (file) this.loadImage(file);
    });
  }

  #swatchKeys(event) {
    const swatches = [...this.#ui.swatches.querySelectorAll('[role="radio"]')];
    const index = swatches.indexOf(this.shadowRoot.activeElement);
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (index < 0 || step === undefined) return;
    event.preventDefault();
    const next = swatches[(index + step + swatches.length) % swatches.length];
    next.focus();
    next.click();
  }

  #stageKeys(event) {
    if (event.target !== this.#ui.stage || !this.#viewport) return;
    const arrow = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    const aim = this.#crosshair;
    // A tool that needs a point: the arrows move the crosshair, Enter or Space applies there.
    if (aim && arrow) {
      const step = event.shiftKey ? 50 : 10;
      // It stays on the photo, and on the stage.
      const { clientWidth: w, clientHeight: h } = this.#ui.stage;
      const [from, to] = [this.#viewport.toStage(0, 0), this.#viewport.toStage(this.#photo.width, this.#photo.height)];
      const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
      this.#crosshair = { x: clamp(aim.x + arrow[0] * step, Math.max(0, from.x), Math.min(w, to.x)), y: clamp(aim.y + arrow[1] * step, Math.max(0, from.y), Math.min(h, to.y)) };
      this.#showCrosshair(true);
    } else if (aim && (event.key === 'Enter' || event.key === ' ')) {
      if (this.#tool === 'brush' || this.#tool === 'erase') this.#stroke(aim, true);
      else this.#tap(aim.x, aim.y);
    } else if (arrow) this.#viewChange(() => this.#viewport.panBy(-40 * arrow[0], -40 * arrow[1]));
    else if (event.key === '+' || event.key === '=') this.#zoomButton('in');
    else if (event.key === '-') this.#zoomButton('out');
    else if (event.key === '0') this.#zoomButton('fit');
    else return;
    event.preventDefault();
  }

  /**
   * The crosshair the keyboard aims the select, match and brush tools with: shown while
   * one is armed; `moved` announces where it is (a share of the photo across and down).
   */
  #showCrosshair(moved = false) {
    const on = Boolean(this.#viewport && (this.#tool || this.#picking));
    const { crosshair, crosshairStatus, stage } = this.#ui;
    if (!on) this.#crosshair = null;
    else this.#crosshair ??= { x: stage.clientWidth / 2, y: stage.clientHeight / 2 };
    crosshair.hidden = !on;
    if (!on) return void (crosshairStatus.textContent = '');
    const { x, y } = this.#crosshair;
    crosshair.style.setProperty('--x', `${x}px`);
    crosshair.style.setProperty('--y', `${y}px`);
    const at = this.#viewport.toPhoto(x, y);
    const share = (v, size) => Math.round((100 * v) / size);
    crosshairStatus.textContent = moved ? this.#t('crosshairAt', { x: share(at.x, this.#photo.width), y: share(at.y, this.#photo.height) }) : this.#t('crosshairHint');
  }

  #zoomButton(kind) {
    if (!this.#viewport) return;
    const v = this.#viewport;
    this.#viewChange(() => {
      if (kind === 'in') v.zoomAt(1.5);
      else if (kind === 'out') v.zoomAt(1 / 1.5);
      else if (kind === 'fit') v.fit();
      else v.setZoom(v.actualSizeZoom);
    });
  }

  #viewChange(change) {
    if (!this.#viewport) return;
    change();
    this.#render();
  }

  #setPicking(on) {
    this.#picking = on;
    this.#ui.pick.setAttribute('aria-pressed', String(on));
    this.#ui.stage.classList.toggle('picking', on);
    if (on) this.#say('pickFromHairHint', 'tool');
    else this.#stale('tool');
    this.#showCrosshair();
  }

  /**
   * Shows the notice `key` (none: null). `scope` says what state it is about; it goes
   * when that state changes (#stale): 'coverage', 'tool', 'edit', 'options', 'photo',
   * or 'settings' (any change).
   */
  #say(key, scope) {
    this.#notice = key ? { key, scope } : null;
    this.#ui.notice.textContent = key ? this.#t(key) : '';
  }

  /** Clears the notice if it is about one of `scopes` (falsy ones are ignored). */
  #stale(...scopes) {
    if (this.#notice && scopes.includes(this.#notice.scope)) this.#say(null);
  }

  /** A coverage mode from the controls: scar arms the brush, thinning the tap on the
   * scalp (its colour and area); leaving them disarms the tool. */
  async #coverageChosen(coverage) {
    // Not after a failure, nor when another choice followed (that one says its own).
    if (!(await this.#designChange('coverage', { coverage }))) return;
    this.#setTool({ scar: 'brush', thinning: 'select' }[coverage] ?? null);
    if (coverage === 'scar' || coverage === 'thinning') this.#say(`${coverage}Hint`, 'coverage');
  }

  #setTool(tool) {
    this.#tool = tool;
    for (const button of this.shadowRoot.querySelectorAll('.tool')) button.setAttribute('aria-pressed', String(button.dataset.tool === tool));
    this.#ui.stage.classList.toggle('painting', Boolean(tool));
    if (tool === 'select') this.#say('selectHint', 'tool');
    else this.#stale('tool');
    this.#showCrosshair();
  }

  /** A brush or eraser stroke reaching `at` (stage CSS px). Points that arrive while
   * the worker is busy are sent together, so a fast stroke never queues up work. */
  #stroke(at, begin) {
    if (!this.#viewport) return;
    const { x, y } = this.#viewport.toPhoto(at.x, at.y);
    const waiting = this.#strokes.at(-1);
    if (begin || !this.#lastStroke) {
      const radiusMm = Number(this.shadowRoot.querySelector('.brush-size').value) / 2;
      this.#strokes.push({ points: [[x, y]], begin: true, erase: this.#tool === 'erase', radiusMm });
    } else if (waiting) {
      waiting.points.push([x, y]);
    } else {
      const { erase, radiusMm } = this.#strokeStyle;
      this.#strokes.push({ points: [this.#lastStroke, [x, y]], begin: false, erase, radiusMm });
    }
    this.#lastStroke = [x, y];
    this.#sendStrokes();
  }

  async #sendStrokes() {
    if (this.#stroking || !this.#strokes.length) return;
    this.#stroking = true;
    const piece = this.#strokes.shift();
    this.#strokeStyle = { erase: piece.erase, radiusMm: piece.radiusMm };
    await this.#designChange('brush', piece);
    this.#stroking = false;
    this.#sendStrokes();
  }

  async #tap(stageX, stageY) {
    if (this.#tool === 'select' && this.#viewport) {
      this.#setTool(null);
      const at = this.#viewport.toPhoto(stageX, stageY);
      return this.#designChange('selectScalp', { x: at.x, y: at.y });
    }
    if (!this.#picking || !this.#viewport) return;
    this.#setPicking(false);
    const point = this.#viewport.toPhoto(stageX, stageY);
    try {
      const shade = await this.#engine.request('suggestShade', point);
      await this.#setOptions({ pigment: shade.pigment, dilution: shade.dilution, density: shade.density });
      // Dark short hair on light skin can be darker than any natural treatment reaches.
      const reached = !(shade.treatedLightness > shade.hairLightness + 3);
      this.#say(reached ? 'shadeSuggested' : 'shadeDarkestReached', 'options');
    } catch (error) {
      this.#fail(error);
    }
  }

  #setCompare(on) {
    this.#ui.splitToggle.setAttribute('aria-pressed', String(on));
    this.#ui.split.hidden = !on;
    this.#ui.stage.classList.toggle('comparing', on);
    this.#setSplit(this.#split);
  }

  #setSplit(percent) {
    this.#split = Math.min(100, Math.max(0, percent));
    this.#ui.stage.style.setProperty('--split', `${this.#split}%`);
    this.#ui.split.setAttribute('aria-valuenow', String(Math.round(this.#split)));
  }

  async #loadSettings(event) {
    const [file] = event.target.files;
    event.target.value = '';
    if (!file) return;
    try {
      await this.#applySettings(parseSettings(await file.text()));
      this.#say('settingsLoaded', 'settings');
    } catch (error) {
      this.#fail(error);
    }
  }

  async #download(kind) {
    const beforeAfter = kind === 'both';
    const type = beforeAfter ? 'image/jpeg' : kind;
    try {
      const blob = await this.exportImage({ type, beforeAfter });
      download(blob, `hairline${beforeAfter ? '-before-after' : ''}.${type === 'image/png' ? 'png' : 'jpg'}`);
    } catch (error) {
      if (error.code !== 'cancelled') this.#fail(error);
    }
  }

  async #share() {
    try {
      const blob = await this.exportImage({ type: 'image/jpeg', beforeAfter: true });
      await navigator.share({ files: [new File([blob], 'hairline-before-after.jpg', { type: 'image/jpeg' })] });
    } catch (error) {
      if (error.name !== 'AbortError' && error.code !== 'cancelled') this.#fail(error);
    }
  }

  // ---------------------------------------------------------------- drawing

  /**
   * A slider or handle is moving: on a high-density screen, frames are drawn at CSS
   * resolution (a quarter of the pixels at 2×, a ninth at 3×) so the canvas keeps up,
   * and once more at the screen's own resolution when the movement stops.
   */
  #draft() {
    if ((window.devicePixelRatio || 1) <= 1) return;
    clearTimeout(this.#drafting);
    this.#drafting = setTimeout(() => {
      this.#drafting = null;
      this.#render();
    }, DRAFT_SETTLE_MS);
  }

  /**
   * Writes the settings to the URL fragment (with `sync-url`) at once, then at most
   * every URL_SYNC_MS while they keep changing: a drag changes them every frame, and
   * browsers refuse a flood of history changes.
   */
  #syncUrl() {
    if (!this.hasAttribute('sync-url')) return;
    if (this.#urlTimer) {
      this.#urlStale = true;
      return;
    }
    history.replaceState(null, '', `#${encodeFragment(this.settings)}`);
    this.#urlTimer = setTimeout(() => {
      this.#urlTimer = null;
      if (this.#urlStale) {
        this.#urlStale = false;
        this.#syncUrl();
      }
    }, URL_SYNC_MS);
  }

  #render() {
    if (!this.#photo || !this.#engine || !this.#viewport || !this.#styled) return;
    const { stage } = this.#ui;
    const ratio = window.devicePixelRatio || 1;
    this.#viewport.resize(stage.clientWidth, stage.clientHeight, ratio);
    const view = this.#viewport.view();
    // Zoomed in, a swipe pans the photo; at fit it scrolls the page (styles.css).
    stage.classList.toggle('zoomed', this.#viewport.zoom > 1.001);
    if (this.#drafting) {
      view.outWidth = Math.max(1, Math.round(view.outWidth / ratio));
      view.outHeight = Math.max(1, Math.round(view.outHeight / ratio));
    }
    const withBase = !sameView(view, this.#baseView);
    if (withBase) this.#baseView = view;
    this.#engine.render(view, withBase);
    this.#editor.update(this.#design, this.#viewport);
  }

  #showFrame({ width, height, pixels, base, ms, sentAt, error }) {
    if (error) return this.#fail(error);
    put(this.#ui.after, width, height, pixels);
    if (base) put(this.#ui.before, width, height, base);
    // Put copies the pixels: the buffers can go back to the worker.
    this.#engine?.recycle(pixels.buffer);
    if (base) this.#engine?.recycle(base.buffer);
    this.#ui.before.hidden = false;
    this.dataset.rendered = String(Number(this.dataset.rendered ?? 0) + 1);
    // ms: the worker's render; frameMs: from asking the worker to the frame on the canvas.
    const frameMs = performance.now() - sentAt;
    this.dispatchEvent(new CustomEvent('render', { detail: { width, height, ms, frameMs } }));
  }

  /** An invalid option or a refused file said for a person, in the element's language (else null). */
  #plainWords(error) {
    const { code, field } = error ?? {};
    if (code === 'load-failed') return this.#t('loadFailed', { origin: new URL(STYLES).origin });
    if (code !== 'invalid-option') return null;
    const range = this.#ranges?.[field];
    if (range && OPTION_NAMES[field]) return this.#t('invalidNumber', { name: this.#t(OPTION_NAMES[field]), min: range.min, max: range.max });
    if (field === 'pigment') return this.#t('invalidColour');
    if (field === 'healing') return this.#t('invalidHealing', { choices: ['fresh', 'healed', 'aged'].map((k) => this.#t(k)).join(', ') });
    return null;
  }

  #showCredit(sample) {
    const { credit } = this.#ui;
    credit.replaceChildren();
    if (!sample) return;
    const link = Object.assign(document.createElement('a'), { href: sample.licenceUrl, textContent: sample.credit, target: '_blank', rel: 'noopener' });
    credit.append(link);
  }

  #fail(error) {
    if (error?.code === 'cancelled') return;
    const message = this.#plainWords(error) ?? error?.message ?? String(error);
    this.#ui.error.textContent = message;
    this.dispatchEvent(new CustomEvent('error', { detail: { code: error?.code ?? 'internal', message } }));
  }
}

/** What each option is called on the controls (message keys). */
const OPTION_NAMES = { density: 'density', dotMm: 'dotSize', sizeVariation: 'sizeVariation', dilution: 'shadeStrength', years: 'years', sessions: 'sessions' };

/** The bytes of a photo at `url`; a request that fails or finds nothing is a load error. */
async function fetchPhoto(url, t) {
  const failed = (code, status) => new EngineError({ code, message: t('photoNotLoaded', { status }) });
  const response = await fetch(url).catch(() => {
    throw failed('network', t('networkFailed'));
  });
  if (!response.ok) throw failed(response.status === 404 || response.status === 410 ? 'photo-not-found' : 'network', `HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Draws straight RGBA bytes (a transferred copy, never a view of wasm memory). */
function put(canvas, width, height, pixels) {
  if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
  const data = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  canvas.getContext('2d').putImageData(new ImageData(data, width, height), 0, 0);
}

function sameView(a, b) {
  return Boolean(a && b) && ['x', 'y', 'width', 'height', 'outWidth', 'outHeight'].every((k) => a[k] === b[k]);
}

/** How a shade looks over fair skin, for its swatch. */
function shadePreview({ pigment, dilution }) {
  const skin = [232, 196, 170];
  const rgb = [1, 3, 5].map((i) => parseInt(pigment.slice(i, i + 2), 16));
  const strength = 0.85 * (1 - 0.85 * dilution);
  const mix = rgb.map((c, i) => Math.round(skin[i] + (c - skin[i]) * strength));
  return `rgb(${mix.join(' ')})`;
}

function canShareFiles() {
  try {
    return Boolean(navigator.canShare?.({ files: [new File([new Uint8Array(1)], 'x.jpg', { type: 'image/jpeg' })] }));
  } catch {
    return false;
  }
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Every configuration attribute has a property of its camel-cased name that reflects it
// (`el.ctaText = 'Book'` is `el.setAttribute('cta-text', 'Book')`; null removes it).
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
