// Feature: what leaves the widget: downloads, sharing, the call to action, settings
// (file, `sync-url`), reset. Fires `export` and `cta`.
import { EngineError } from './engine.js';
import { SETTINGS_VERSION, decodeFragment, encodeFragment, parseSettings, settingsBlob } from './settings.js';
import { ctaFromAttributes, designFromAttributes } from './config.js';

/** Browsers refuse a flood of history changes. */
const URL_SYNC_MS = 250;

export class OutputFeature {
  static attributes = ['cta-text', 'cta-href'];
  #w;
  #urlTimer = null;
  #urlStale = false;

  constructor(widget) {
    this.#w = widget;
  }

  wire(listen) {
    const w = this.#w;
    listen(w.$('.cta'), 'click', () => this.#pressCta());
    listen(w.$('.reset'), 'click', () => this.reset().catch((error) => w.fail(error)));
    listen(w.$('.save-settings'), 'click', () => download(settingsBlob(this.settings), 'hairline-settings.json'));
    listen(w.$('.settings-input'), 'change', (event) => this.#loadSettings(event));
    for (const button of w.$$('[data-export]')) listen(button, 'click', () => this.#download(button.dataset.export));
    const share = w.$('.share');
    listen(share, 'click', () => this.#share());
    share.hidden = !canShareFiles();
  }

  show() {
    const w = this.#w;
    const cta = ctaFromAttributes(w.element);
    w.$('.cta-row').hidden = !cta;
    w.$('.cta').textContent = cta?.text ?? '';
    w.showSections();
  }

  attributeChanged() {
    this.show();
  }

  get settings() {
    const { session, design } = this.#w;
    return { version: SETTINGS_VERSION, options: session?.options ? { ...session.options } : undefined, design: design.settings };
  }

  async exportImage({ type = 'image/png', quality = 0.92, beforeAfter = false } = {}) {
    const w = this.#w;
    const labels = { before: w.t('exportBefore'), after: w.t('exportAfter') };
    const blob = await w.busy('exporting', () => w.session.request('export', { type, quality, beforeAfter, labels }));
    w.emit('export', { blob, type, beforeAfter });
    return blob;
  }

  async reset() {
    const w = this.#w;
    const { session } = w;
    await session.request('reset');
    await session.setOptions(w.attributeOptions());
    const coverage = designFromAttributes(w.element).coverage ?? 'hairline';
    if (session.photo && session.design?.coverage !== coverage) await session.applyEdits([{ op: 'coverage', args: { coverage } }]);
    w.design.setTool(null);
    w.look.setPicking(false);
    w.$('.error').textContent = '';
    w.say(null);
    w.changed({ options: { ...session.options } });
  }

  linkedSettings() {
    const w = this.#w;
    if (!w.element.hasAttribute('sync-url')) return null;
    try {
      return decodeFragment(location.hash);
    } catch {
      w.fail(new EngineError({ code: 'invalid-settings', message: 'The settings in this link are damaged; defaults are shown.' }));
      return null;
    }
  }

  async applySettings(settings) {
    const w = this.#w;
    await w.session.setOptions(settings.options);
    const design = settings.design;
    if (design && typeof design === 'object') {
      const edits = [];
      if (design.preset) edits.push({ op: 'preset', args: { preset: String(design.preset) } });
      if (design.coverage) edits.push({ op: 'coverage', args: { coverage: String(design.coverage) } });
      if (design.edgeSoftness !== undefined) edits.push({ op: 'softness', args: { mm: Number(design.edgeSoftness) } });
      await w.session.applyEdits(edits);
    }
    w.changed({ options: { ...w.session.options } });
  }

  async #loadSettings(event) {
    const w = this.#w;
    const [file] = event.target.files;
    event.target.value = '';
    if (!file) return;
    try {
      await this.applySettings(parseSettings(await file.text()));
      w.say('settingsLoaded', 'settings');
    } catch (error) {
      w.fail(error);
    }
  }

  /** The host page gets the result and may cancel the link. */
  async #pressCta() {
    const w = this.#w;
    const cta = ctaFromAttributes(w.element);
    if (!cta) return;
    try {
      const blob = w.session.photo ? await this.exportImage({ type: 'image/jpeg', quality: 0.9 }) : null;
      const { options, design } = this.settings;
      if (w.emit('cta', { result: blob, options, design, href: cta.href }, { cancelable: true }) && cta.href) location.assign(cta.href);
    } catch (error) {
      w.fail(error);
    }
  }

  async #download(kind) {
    const beforeAfter = kind === 'both';
    const type = beforeAfter ? 'image/jpeg' : kind;
    try {
      const blob = await this.exportImage({ type, beforeAfter });
      download(blob, `hairline${beforeAfter ? '-before-after' : ''}.${type === 'image/png' ? 'png' : 'jpg'}`);
    } catch (error) {
      this.#w.fail(error);
    }
  }

  async #share() {
    try {
      const blob = await this.exportImage({ type: 'image/jpeg', beforeAfter: true });
      await navigator.share({ files: [new File([blob], 'hairline-before-after.jpg', { type: 'image/jpeg' })] });
    } catch (error) {
      if (error.name !== 'AbortError') this.#w.fail(error);
    }
  }

  /** Writes the settings to the URL at once, then at most every URL_SYNC_MS. */
  syncUrl() {
    if (!this.#w.element.hasAttribute('sync-url')) return;
    if (this.#urlTimer) {
      this.#urlStale = true;
      return;
    }
    history.replaceState(null, '', `#${encodeFragment(this.settings)}`);
    this.#urlTimer = setTimeout(() => {
      this.#urlTimer = null;
      if (this.#urlStale) {
        this.#urlStale = false;
        this.syncUrl();
      }
    }, URL_SYNC_MS);
  }

  flushUrl() {
    clearTimeout(this.#urlTimer);
    this.#urlTimer = null;
    if (this.#urlStale && this.#w.element.hasAttribute('sync-url')) history.replaceState(null, '', `#${encodeFragment(this.settings)}`);
    this.#urlStale = false;
  }
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
