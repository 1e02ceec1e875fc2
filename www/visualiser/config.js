// Configuration by attributes: what each one means, how it is read and checked. An
// invalid value is reported once in the console and its default is used instead; a
// host page's typo never breaks the widget.

/** Panel sections the `controls` attribute can show, in order. */
export const SECTIONS = ['photo', 'look', 'hairline', 'area', 'view', 'out'];
const PRESETS = ['natural', 'youthful', 'mature', 'widows-peak', 'defined'];
const COVERAGES = ['hairline', 'crown', 'full', 'scar', 'thinning'];

/** Attributes the element reacts to (each has a property of the camel-cased name). */
export const ATTRIBUTES = ['density', 'shade', 'hairline', 'coverage', 'sample', 'controls', 'locale', 'cta-text', 'cta-href', 'mode'];

const reported = new WeakMap(); // element → Set of "name=value" already reported

function warnOnce(element, name, value, why) {
  const seen = reported.get(element) ?? new Set();
  reported.set(element, seen);
  const key = `${name}=${value}`;
  if (seen.has(key)) return;
  seen.add(key);
  console.warn(`<hairline-visualiser>: ignoring ${name}="${value}": ${why}; using the default.`);
}

/**
 * Options implied by the `density` and `shade` attributes (absent ones are left out; an
 * invalid one gives the default): `{ density?, pigment?, dilution? }`. `ranges`,
 * `shades` and `defaults` (the default options) come from the core.
 */
export function optionsFromAttributes(element, ranges, shades, defaults = {}) {
  const options = {};
  const density = element.getAttribute('density');
  if (density !== null) {
    const value = Number(density);
    const { min, max } = ranges.density;
    if (density.trim() !== '' && Number.isFinite(value) && value >= min && value <= max) options.density = value;
    else {
      warnOnce(element, 'density', density, `it must be a number of dots per cm² from ${min} to ${max}`);
      options.density = ranges.density.default;
    }
  }
  const shade = element.getAttribute('shade');
  if (shade !== null) {
    const preset = shades.find((s) => s.id === shade.trim().toLowerCase());
    if (preset) Object.assign(options, { pigment: preset.pigment, dilution: preset.dilution });
    else if (/^#[0-9a-f]{6}$/i.test(shade.trim())) options.pigment = shade.trim().toLowerCase();
    else {
      warnOnce(element, 'shade', shade, `it must be one of ${shades.map((s) => s.id).join(', ')} or a colour like #2b2622`);
      Object.assign(options, { pigment: defaults.pigment, dilution: defaults.dilution });
    }
  }
  return options;
}

/** The hairline style and coverage from attributes (an invalid one: the default): `{ preset?, coverage? }`. */
export function designFromAttributes(element) {
  const design = {};
  for (const [name, key, allowed] of [['hairline', 'preset', PRESETS], ['coverage', 'coverage', COVERAGES]]) {
    const value = element.getAttribute(name);
    if (value === null) continue;
    if (allowed.includes(value)) design[key] = value;
    else {
      warnOnce(element, name, value, `it must be one of ${allowed.join(', ')}`);
      design[key] = allowed[0];
    }
  }
  return design;
}

/**
 * The sample photo: `undefined` for the built-in one, `null` for none ("none"), or an
 * absolute URL resolved against the page.
 */
export function sampleFromAttribute(element) {
  const sample = element.getAttribute('sample');
  if (sample === null || sample.trim() === '') return undefined;
  if (sample.trim().toLowerCase() === 'none') return null;
  try {
    return new URL(sample, document.baseURI).href;
  } catch {
    warnOnce(element, 'sample', sample, 'it is not a URL');
    return undefined;
  }
}

/** The panel sections to show (a Set of `SECTIONS`); all of them by default. */
export function sectionsFromAttribute(element) {
  const controls = element.getAttribute('controls');
  if (controls === null || controls.trim() === '' || controls.trim() === 'all') return new Set(SECTIONS);
  if (controls.trim() === 'none') return new Set();
  const names = controls.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((n) => !SECTIONS.includes(n));
  if (unknown.length) {
    warnOnce(element, 'controls', controls, `${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not one of all, none, ${SECTIONS.join(', ')}`);
    return new Set(SECTIONS);
  }
  return new Set(names);
}

/** The call-to-action: `{ text, href }` (href may be null: event only), or null. */
export function ctaFromAttributes(element) {
  const text = element.getAttribute('cta-text')?.trim();
  const rawHref = element.getAttribute('cta-href');
  let href = null;
  if (rawHref) {
    try {
      const url = new URL(rawHref, document.baseURI);
      if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' || url.protocol === 'tel:') href = url.href;
      else warnOnce(element, 'cta-href', rawHref, 'only http, https, mailto and tel links are followed');
    } catch {
      warnOnce(element, 'cta-href', rawHref, 'it is not a URL');
    }
  }
  return text ? { text, href } : null;
}
