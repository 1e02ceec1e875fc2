// The page–worker protocol, for both sides. `{ id, op, ...args }` is answered
// `{ id, ok: true, result }` or `{ id, ok: false, error: { code, message, field?, photoLost? } }`,
// maybe after `{ id, progress }` (a message key). Without id or answer: `module` (the
// wasm) and `recycle` (a frame's buffer back). boot.js sends the start-up sample's `load`.

/** `edit`: a design edit (answers the design; journalled, replayed). `beside`: not
 * waiting for the photo being opened. */
export const OPS = {
  /** → `{ ranges, shades, defaults }` */
  ranges: { beside: true },
  warmAnalysis: { beside: true }, // before a photo is chosen
  /** `{ bytes, sample?, analyse?, options?, edits? }` → `{ photo, found, design, options, ms }`:
   * the photo, the scalp found (or null), options and edits applied, in one reply. */
  load: {},
  /** `{ options }` (partial) → options */
  options: {},
  /** → the defaults, applied */
  reset: {},
  /** `{ x, y }` → a shade matching the hair there */
  suggestShade: {},
  /** `{ view, withBase }` → `{ width, height, pixels, base, ms }` (straight RGBA) */
  render: {},
  /** `{ type, quality, beforeAfter, labels }` → Blob */
  export: {},
  memory: {},
  panicForTests: {},
  analysed: { edit: true }, // `{ found }`, replayed only
  pupils: { edit: true },
  preset: { edit: true },
  movePoint: { edit: true },
  softness: { edit: true },
  selectScalp: { edit: true },
  brush: { edit: true },
  history: { edit: true },
  scaleCorrection: { edit: true },
  coverage: { edit: true },
};
