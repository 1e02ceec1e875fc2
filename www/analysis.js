// Worker side of the photo analysis, imported by worker.js when a person opens the
// photo picker or a photo of their own (never at start-up): loads the analysis wasm and
// its three models once, analyses a small copy of the open photo and applies the
// zero-tap design through the renderer's ordinary setters, so every choice stays
// correctable by hand.
import init, { Analyser } from './pkg/analysis/hairline_analysis.js';

/** The copy analysed: its longer side, px (the analysis works at 384). */
const ANALYSIS_SIDE = 384;
const MODELS = ['face_detection_short_range', 'face_landmark', 'selfie_segmentation'];

let analyser = null;

async function fetchModel(name) {
  const url = new URL(`models/${name}.hlnn`, import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`${url} answered ${response.status}`), { code: 'load-failed' });
  return new Uint8Array(await response.arrayBuffer());
}

/** Loads the analysis wasm and its models (once; a failed load is tried again later). */
export function loadAnalyser() {
  analyser ??= (async () => {
    const [, ...models] = await Promise.all([
      init({ module_or_path: new URL('pkg/analysis/hairline_analysis_bg.wasm', import.meta.url) }),
      ...MODELS.map(fetchModel),
    ]);
    return new Analyser(...models);
  })();
  // A failed load is tried again with the next photo.
  analyser.catch(() => { analyser = null; });
  return analyser;
}

/**
 * Loads the analysis and runs it once on a small grey picture, while a person is still
 * choosing a photo: the engine's first run of compiled wasm is its slowest (about 130
 * ms more in Chromium), and this pays it, with the files' load, ahead of the photo.
 */
export async function warm() {
  (await loadAnalyser()).analyse(32, 32, new Uint8Array(32 * 32 * 4).fill(128));
}

/**
 * Analyses the open photo: `{ view, faces, pupils, headFrame, foreshortening, coverage,
 * areaWidth, areaHeight, area, … }` (see the analysis crate's `Analysis`), what `apply`
 * takes; kept by the page, it rebuilds the design in a restarted worker.
 */
export async function analyse(visualiser) {
  const analyser = await loadAnalyser();
  const copy = visualiser.analysisCopy(ANALYSIS_SIDE); // width (u32 LE), then RGBA
  const width = new DataView(copy.buffer, copy.byteOffset).getUint32(0, true);
  const pixels = copy.subarray(4);
  const result = analyser.analyse(width, pixels.length / 4 / width, pixels);
  return { ...result, area: analyser.area() };
}

/**
 * Applies an analysis (`analyse`'s result) to the open photo's design; returns the view
 * placed: "none" when the photo is too small for a design at the scale found (the
 * renderer refuses it), which then gets no dots until a tap, like a photo of nobody.
 */
export function apply(visualiser, { view, pupils, eyeTurn, headFrame, foreshortening, coverage, areaWidth, areaHeight, area }) {
  const { width, height } = visualiser;
  try {
    if (pupils) visualiser.setPupils(pupils[0][0] * width, pupils[0][1] * height, pupils[1][0] * width, pupils[1][1] * height, eyeTurn);
    if (headFrame) visualiser.setHeadFrame(headFrame.origin[0] * width, headFrame.origin[1] * height, headFrame.widthPerMm * width);
  } catch {
    visualiser.setScalpArea(areaWidth, areaHeight, new Uint8Array(area.length));
    return 'none';
  }
  visualiser.setForeshortening(foreshortening);
  if (coverage) visualiser.setCoverage(coverage);
  visualiser.setScalpArea(areaWidth, areaHeight, area);
  return view;
}
