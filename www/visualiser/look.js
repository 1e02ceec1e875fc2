// Feature: the options, how the dots look (density, shade, match my hair, and in
// Fine-tune size, strength, healing, years, sessions, pattern); `density`, `shade`.
export class LookFeature {
  static attributes = ['density', 'shade'];
  #w;
  #picking = false; // match my hair: waiting for a tap

  constructor(widget) {
    this.#w = widget;
  }

  get picking() {
    return this.#picking;
  }

  wire(listen) {
    const w = this.#w;
    for (const input of w.$$('input[data-option]')) {
      listen(input, 'input', () => {
        w.view.draft();
        this.apply({ [input.dataset.option]: Number(input.value) });
      });
    }
    for (const radio of w.$$('input[name="healing"]')) listen(radio, 'change', () => this.apply({ healing: radio.value }));
    for (const radio of w.$$('input[name="sessions"]')) listen(radio, 'change', () => this.apply({ sessions: Number(radio.value) }));
    const colour = w.$('.custom-colour');
    listen(colour, 'input', () => {
      w.view.draft();
      this.apply({ pigment: colour.value });
    });
    const swatches = w.$('.swatches');
    listen(swatches, 'keydown', (event) => this.#swatchKeys(event));
    listen(swatches, 'click', (event) => {
      const swatch = event.target.closest('[role="radio"]');
      if (swatch) this.apply({ pigment: swatch.dataset.pigment, dilution: Number(swatch.dataset.dilution) });
    });
    listen(w.$('.pick'), 'click', () => this.setPicking(!this.#picking));
    listen(w.$('.new-pattern'), 'click', () => this.apply({ seed: crypto.getRandomValues(new Uint32Array(1))[0] }));
  }

  show() {
    const w = this.#w;
    const { ranges, shades, options } = w.session;
    if (!ranges) return;
    for (const input of w.$$('input[data-option]')) {
      const range = ranges[input.dataset.option];
      Object.assign(input, { min: range.min, max: range.max });
      if (input.step !== '1') input.step = '0.01';
    }
    w.$('.swatches').replaceChildren(...shades.map((shade) => this.#swatch(shade)));
    if (options) this.reflect(options);
    this.setPicking(false);
  }

  attributeChanged() {
    this.apply(this.#w.attributeOptions());
  }

  #swatch(shade) {
    const swatch = document.createElement('button');
    swatch.type = 'button';
    swatch.setAttribute('role', 'radio');
    swatch.setAttribute('aria-checked', 'false');
    swatch.className = 'swatch';
    swatch.dataset.pigment = shade.pigment;
    swatch.dataset.dilution = String(shade.dilution);
    swatch.title = this.#w.t(`shade-${shade.id}`);
    swatch.setAttribute('aria-label', swatch.title);
    // CSSOM, not a style attribute: allowed under a strict style-src policy.
    swatch.style.setProperty('--swatch', shadePreview(shade));
    return swatch;
  }

  /** Applies (partial) options; `silent`: no `change` (the page's own). */
  async apply(changes, { silent = false } = {}) {
    const w = this.#w;
    w.stale('options', 'settings');
    try {
      await w.session.setOptions(changes);
    } catch (error) {
      w.fail(error);
      return;
    }
    if (silent) w.view.render();
    else w.changed({ options: { ...w.session.options } });
  }

  reflect(options) {
    const w = this.#w;
    for (const input of w.$$('input[data-option]')) input.value = options[input.dataset.option];
    const show = (key, text) => (w.$(`[data-output="${key}"]`).textContent = text);
    show('density', w.t('densityValue', { value: Math.round(options.density) }));
    show('dotMm', w.t('dotSizeValue', { value: options.dotMm.toFixed(2) }));
    show('dilution', w.t('shadeStrengthValue', { value: Math.round(options.dilution * 100) }));
    show('years', w.t('yearsValue', { value: Math.round(options.years) }));
    for (const radio of w.$$('input[name="healing"]')) radio.checked = radio.value === options.healing;
    for (const radio of w.$$('input[name="sessions"]')) radio.checked = Number(radio.value) === options.sessions;
    w.$('.years').hidden = options.healing !== 'aged';
    w.$('.custom-colour').value = options.pigment;
    const swatches = w.$('.swatches');
    for (const swatch of swatches.querySelectorAll('[role="radio"]')) {
      // The presets' dilutions come as f32 widened (0.6 → 0.6000000238…), the options' as typed.
      const on = swatch.dataset.pigment.toLowerCase() === options.pigment.toLowerCase() && Math.abs(Number(swatch.dataset.dilution) - options.dilution) < 1e-4;
      swatch.setAttribute('aria-checked', String(on));
      swatch.tabIndex = on ? 0 : -1;
    }
    if (!swatches.querySelector('[aria-checked="true"]')) swatches.firstElementChild?.setAttribute('tabindex', '0');
  }

  #swatchKeys(event) {
    const swatches = [...this.#w.$$('.swatches [role="radio"]')];
    const index = swatches.indexOf(this.#w.element.shadowRoot.activeElement);
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (index < 0 || step === undefined) return;
    event.preventDefault();
    const next = swatches[(index + step + swatches.length) % swatches.length];
    next.focus();
    next.click();
  }

  setPicking(on) {
    const w = this.#w;
    this.#picking = on;
    w.$('.pick').setAttribute('aria-pressed', String(on));
    w.$('.stage').classList.toggle('picking', on);
    if (on) w.say('pickFromHairHint', 'tool');
    else w.stale('tool');
    w.view.showCrosshair();
  }

  async pick(at) {
    const w = this.#w;
    this.setPicking(false);
    try {
      const shade = await w.session.request('suggestShade', at);
      await this.apply({ pigment: shade.pigment, dilution: shade.dilution, density: shade.density });
      // Dark short hair on light skin can be darker than any natural treatment reaches.
      const reached = !(shade.treatedLightness > shade.hairLightness + 3);
      w.say(reached ? 'shadeSuggested' : 'shadeDarkestReached', 'options');
    } catch (error) {
      w.fail(error);
    }
  }
}

/** How a shade looks over fair skin, for its swatch. */
function shadePreview({ pigment, dilution }) {
  const skin = [232, 196, 170];
  const rgb = [1, 3, 5].map((i) => parseInt(pigment.slice(i, i + 2), 16));
  const strength = 0.85 * (1 - 0.85 * dilution);
  const mix = rgb.map((c, i) => Math.round(skin[i] + (c - skin[i]) * strength));
  return `rgb(${mix.join(' ')})`;
}
