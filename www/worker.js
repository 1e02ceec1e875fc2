// Owns the wasm instance: all decoding and rendering happen here, off the UI thread.
// Answers the requests of visualiser/protocol.js. Pixel buffers travel transferred.
import init, { Visualiser } from './pkg/hairline.js';
import { OPS } from './visualiser/protocol.js';

// The page compiles the wasm module once and sends it to each instance's worker.
let moduleArrived;
const ready = new Promise((resolve, reject) => {
  moduleArrived = ({ module, error }) => (error ? reject(Object.assign(new Error(`The renderer could not start: ${error}`), { code: 'load-failed' })) : resolve(init({ module_or_path: module })));
});
ready.catch(() => {}); // each request reports it
let broken = false; // after a panic the instance's state cannot be trusted
let visualiser;

/** Formats the core leaves to the browser (after checking their header): GIF and BMP
 * everywhere, AVIF in most engines, HEIC and TIFF in Safari. */
const BROWSER_FORMATS = new Set(['GIF', 'BMP', 'AVIF', 'HEIC', 'TIFF']);

async function browserPixels(bytes) {
  const bitmap = await createImageBitmap(new Blob([bytes]), { imageOrientation: 'from-image' });
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  try {
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas this large here');
    context.drawImage(bitmap, 0, 0);
    bitmap.close(); // each copy goes as soon as the next exists: phones run short of memory
    const { data } = context.getImageData(0, 0, width, height);
    return { width, height, data: new Uint8Array(data.buffer) };
  } finally {
    bitmap.close();
    canvas.width = canvas.height = 0;
  }
}

/** Phone-sized JPEGs are decoded by the browser, several times faster than the core's
 * decoder in wasm (a 12 MP photo: see BENCHMARKS.md). Not above 16.7 MP, the largest
 * canvas iOS Safari allows; small ones and incomplete files stay with the core, which
 * warns when a picture is cut short (a browser shows the missing part as grey). */
const BROWSER_JPEG_PIXELS = { min: 4_000_000, max: 16_777_216 };

/** Opens pixels the browser decoded. */
function openPixels({ width, height, data }) {
  visualiser.clearPhoto(); // never two large photos in memory at once
  visualiser.loadPixels(width, height, data);
  return { width, height };
}

/** Pixels per strip when exporting (about 4 MB of RGBA). */
const EXPORT_STRIP_PIXELS = 1 << 20;

/** Runs `work` with the weight map recomputed once at the end (batches may nest). */
let batchDepth = 0;
function batched(work) {
  if (batchDepth++ === 0) visualiser.deferRefresh(true);
  try {
    return work();
  } finally {
    if (--batchDepth === 0) visualiser.deferRefresh(false);
  }
}

/** What a sample photo comes with (scale, treatment area, pupils): one weight map. */
function applySample({ pxPerMm, area, pupils }) {
  visualiser.setScale(pxPerMm);
  visualiser.setTreatmentEllipse(area.cx, area.cy, area.rx, area.ry, area.featherMm);
  if (pupils) visualiser.setPupils(pupils.left[0], pupils.left[1], pupils.right[0], pupils.right[1]);
}

/** The photo analysis: imported when first asked for, never at start-up. */
const analysis = () => import('./analysis.js');

/**
 * Whether the browser decodes a photo rather than the core, from its header: formats
 * only a browser reads; a sample (a small JPEG we ship: a few ms in the browser, ~110
 * ms in the core's decoder before the engine has warmed up); and whole phone-sized
 * JPEGs (see BROWSER_JPEG_PIXELS).
 */
function browserDecodes({ format, decodable, width, height, complete }, sample) {
  if (!decodable) return BROWSER_FORMATS.has(format);
  if (sample) return true;
  const pixels = (width ?? 0) * (height ?? 0);
  return format === 'JPEG' && complete && pixels >= BROWSER_JPEG_PIXELS.min && pixels <= BROWSER_JPEG_PIXELS.max;
}

/** Opens photo bytes; `sample`: what a sample photo comes with. */
async function openPhoto({ bytes, sample }) {
  const view = new Uint8Array(bytes);
  // Empty, oversized and zero-sized files are refused here, before any decoding.
  const probe = Visualiser.probePhoto(view);
  const { format, width, height, orientation } = probe;
  try {
    let pixels = browserDecodes(probe, sample) ? await browserPixels(view).catch(() => null) : null;
    // Orientations 5–8 turn a JPEG a quarter: a browser that did not is not used.
    const [uprightWidth, uprightHeight] = orientation >= 5 ? [height, width] : [width, height];
    if (pixels && format === 'JPEG' && (pixels.width !== uprightWidth || pixels.height !== uprightHeight)) pixels = null;
    // Without the browser's pixels the core decodes, or throws its message: it names the
    // format and says what to do.
    const open = () => (pixels ? { ...openPixels(pixels), format, orientation, warning: null } : visualiser.loadPhoto(view));
    if (!sample) return open();
    return batched(() => {
      const info = open(); // its weight map waits for the sample's settings
      applySample(sample);
      return info;
    });
  } catch (error) {
    // The old photo was dropped to make room: tell the page to reopen it.
    if (visualiser.width === 0) error.photoLost = true;
    throw error;
  }
}

/**
 * Finds the scalp in the open photo and places the zero-tap design (analysis.js):
 * `{ found, ms: { load, place } }`, `found` null when the analysis could not run (its
 * files did not load, or it failed): the photo then waits for a tap.
 */
async function understand() {
  const started = performance.now();
  try {
    const module = await analysis();
    await module.loadAnalyser();
    const loaded = performance.now();
    const found = await module.analyse(visualiser);
    found.view = batched(() => module.apply(visualiser, found));
    return { found, ms: { load: loaded - started, place: performance.now() - loaded } };
  } catch {
    return { found: null, ms: null };
  }
}

/** Design edits that once succeeded, applied again in order with one weight map at the end. */
async function replay(edits) {
  // An analysis among them needs its module first.
  const module = edits.some(({ op }) => op === 'analysed') ? await analysis() : null;
  batched(() => {
    for (const { op, args } of edits) {
      if (!OPS[op]?.edit) continue;
      try {
        if (op === 'analysed') module.apply(visualiser, args.found);
        else handlers[op](args);
      } catch {
        // It worked before; if it no longer does, the rest still applies.
      }
    }
  });
}

const handlers = {
  warmAnalysis: () => analysis().then((module) => module.warm()).catch(() => {}), // a photo tries again
  ranges: () => ({ ranges: Visualiser.optionRanges(), shades: Visualiser.shadePresets(), defaults: Visualiser.defaultOptions() }),
  // Loads run one after another in the order they were asked for (some wait for the
  // browser's decoder), so the last one asked for is the photo that stays open.
  async load({ bytes, sample, analyse = false, options = null, edits = [] }, progress) {
    const photo = await openPhoto({ bytes, sample });
    if (analyse) progress('analysing');
    const { found, ms } = analyse ? await understand() : { found: null, ms: null };
    if (options) visualiser.setOptions(options);
    if (edits.length) await replay(edits);
    return { photo: { ...photo, width: visualiser.width, height: visualiser.height }, found, design: visualiser.design(), options: visualiser.options(), ms };
  },
  options: ({ options }) => {
    visualiser.setOptions(options);
    return visualiser.options();
  },
  reset: () => {
    visualiser.setOptions(Visualiser.defaultOptions());
    return visualiser.options();
  },
  suggestShade: ({ x, y }) => visualiser.suggestShade(x, y),
  pupils: ({ left, right }) => {
    visualiser.setPupils(left[0], left[1], right[0], right[1]);
    return visualiser.design();
  },
  preset: ({ preset }) => {
    visualiser.setHairlinePreset(preset);
    return visualiser.design();
  },
  // `begin`: the first move of a drag, which starts one undo step.
  movePoint: ({ index, x, y, mirror, begin }) => {
    if (begin) visualiser.beginHairlineEdit();
    visualiser.moveHairlinePoint(index, x, y, mirror);
    return visualiser.design();
  },
  softness: ({ mm }) => {
    visualiser.setEdgeSoftness(mm);
    return visualiser.design();
  },
  selectScalp: ({ x, y }) => {
    visualiser.selectScalp(x, y);
    return visualiser.design();
  },
  // A brush or eraser stroke through `points` (photo px; the page sends what piled up
  // while the previous request was busy), with one weight-map computation at the end.
  brush: ({ points, radiusMm, erase, begin }) => {
    batched(() => points.forEach(([x, y], i) => {
      const [fromX, fromY] = points[Math.max(0, i - 1)];
      visualiser.brushScalp(fromX, fromY, x, y, radiusMm, erase, begin && i === 0);
    }));
    return visualiser.design();
  },
  history: ({ redo }) => {
    visualiser.stepScalpHistory(redo);
    return visualiser.design();
  },
  scaleCorrection: ({ factor }) => {
    visualiser.setScaleCorrection(factor);
    return visualiser.design();
  },
  coverage: ({ coverage }) => {
    visualiser.setCoverage(coverage);
    return visualiser.design();
  },
  render: ({ view, withBase }) => {
    const started = performance.now();
    const args = [view.x, view.y, view.width, view.height, view.outWidth, view.outHeight];
    // Copied out of wasm memory at once, into a buffer the page sent back if it has one.
    const frame = visualiser.renderView(...args);
    const pixels = frameBuffer(frame.length);
    pixels.set(frame);
    const base = withBase ? visualiser.renderBase(...args) : null;
    return { width: view.outWidth, height: view.outHeight, pixels, base, ms: performance.now() - started };
  },
  memory: async () => ({ wasmBytes: (await ready).memory.buffer.byteLength, jsHeapBytes: self.performance?.memory?.usedJSHeapSize ?? null }),
  panicForTests: () => visualiser.__panicForTests(),
  // `labels`: { before, after }, written on the halves of a before/after image.
  async export({ type = 'image/png', quality = 0.92, beforeAfter = false, labels = null }) {
    const { width, height } = visualiser;
    // Assembled strip by strip in JS memory: wasm never holds a second full-size image.
    const columns = beforeAfter ? 2 : 1;
    const out = new Uint8ClampedArray(width * columns * height * 4);
    const row = width * 4;
    const strip = Math.max(1, Math.floor(EXPORT_STRIP_PIXELS / width));
    for (let y = 0; y < height; y += strip) {
      const rows = Math.min(strip, height - y);
      const after = visualiser.renderRows(y, rows, true);
      const before = beforeAfter ? visualiser.renderRows(y, rows, false) : null;
      for (let r = 0; r < rows; r++) {
        const at = (y + r) * row * columns;
        if (before) out.set(before.subarray(r * row, (r + 1) * row), at);
        out.set(after.subarray(r * row, (r + 1) * row), at + (columns - 1) * row);
      }
    }
    const canvas = new OffscreenCanvas(width * columns, height);
    const context = canvas.getContext('2d');
    context.putImageData(new ImageData(out, width * columns, height), 0, 0);
    if (beforeAfter && labels) [labels.before, labels.after].forEach((text, i) => label(context, String(text), i * width, width, height));
    return canvas.convertToBlob({ type, quality });
  },
};

/** Writes `text` in the top left corner of the half starting at `left`: white on a dark box. */
function label(context, text, left, width, height) {
  const size = Math.max(12, Math.round(Math.min(width, height) * 0.045));
  const pad = Math.round(size / 2);
  context.font = `600 ${size}px system-ui, sans-serif`;
  context.textBaseline = 'middle';
  const box = { x: left + pad, y: pad, w: Math.min(context.measureText(text).width + 2 * pad, width - 2 * pad), h: 2 * size };
  context.fillStyle = 'rgb(0 0 0 / 0.6)';
  context.fillRect(box.x, box.y, box.w, box.h);
  context.fillStyle = '#fff';
  context.fillText(text, box.x + pad, box.y + size, box.w - 2 * pad);
}

/** The photo asked for last, while it opens: requests not marked `beside` wait for it. */
let opening = null;

/** Frame buffers the page has drawn and sent back: reused, so a drag allocates nothing. */
const spareFrames = [];
const SPARE_FRAMES = 3;

function frameBuffer(length) {
  const i = spareFrames.findIndex((buffer) => buffer.byteLength === length);
  return i >= 0 ? new Uint8Array(spareFrames.splice(i, 1)[0]) : new Uint8Array(length);
}

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  if (op === 'module') return moduleArrived(data);
  if (op === 'recycle') {
    if (spareFrames.length >= SPARE_FRAMES) spareFrames.shift();
    spareFrames.push(data.buffer);
    return;
  }
  try {
    const handler = OPS[op] && handlers[op];
    if (!handler) throw Object.assign(new Error(`unknown request ${op}`), { code: 'internal' });
    // Which photo it waits for is decided as it arrives: the one asked for last until now.
    const after = OPS[op].beside ? null : opening;
    const work = (async () => {
      await ready;
      visualiser ??= new Visualiser();
      await after;
      return handler(data, (progress) => self.postMessage({ id, progress }));
    })();
    if (op === 'load') opening = work.catch(() => {});
    const result = await work;
    const transfer = [result?.pixels?.buffer, result?.base?.buffer].filter(Boolean);
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError || broken) {
      // A Rust panic (a bug): report it once and ask to be replaced by a fresh worker.
      broken = true;
      self.postMessage({ id, ok: false, fatal: true, error: { code: 'internal', message: 'Something went wrong inside the visualiser. It has restarted with your photo and settings.' } });
      return;
    }
    self.postMessage({ id, ok: false, error: { code: error?.code ?? 'internal', message: String(error?.message ?? error), field: error?.field, photoLost: Boolean(error?.photoLost) } });
  }
};
