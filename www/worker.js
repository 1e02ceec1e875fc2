// Owns the wasm instance: all decoding and rendering happen here, off the UI thread.
// Protocol: { id, op, ...args } in; { id, ok: true, result } or
// { id, ok: false, error: { code, message } } out. Pixel buffers travel transferred.
import init, { Visualiser } from './pkg/hairline.js';

const ready = init({ module_or_path: new URL('./pkg/hairline_bg.wasm', import.meta.url) });
let visualiser;

/** Formats the core leaves to the browser (after checking their header): GIF and BMP
 * everywhere, AVIF in most engines, HEIC and TIFF in Safari. */
const BROWSER_FORMATS = new Set(['GIF', 'BMP', 'AVIF', 'HEIC', 'TIFF']);

async function decodeWithBrowser(bytes) {
  const bitmap = await createImageBitmap(new Blob([bytes]), { imageOrientation: 'from-image' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    visualiser.loadPixels(bitmap.width, bitmap.height, new Uint8Array(data.buffer));
    return { width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

/** Straight RGBA bytes → encoded image Blob, off the main thread. */
async function encode(width, height, pixels, type, quality) {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(pixels.buffer), width, height), 0, 0);
  return canvas.convertToBlob({ type, quality });
}

const handlers = {
  ranges: () => ({ ranges: Visualiser.optionRanges(), shades: Visualiser.shadePresets(), defaults: Visualiser.defaultOptions() }),
  async load({ bytes }) {
    const view = new Uint8Array(bytes);
    // Empty, oversized and zero-sized files are refused here, before any decoding.
    const { format, decodable } = Visualiser.probePhoto(view);
    if (decodable || !BROWSER_FORMATS.has(format)) return visualiser.loadPhoto(view);
    try {
      return { ...(await decodeWithBrowser(view)), format, orientation: 1, warning: null };
    } catch {
      return visualiser.loadPhoto(view); // throws the core's message: names the format, says what to do
    }
  },
  options: ({ options }) => {
    visualiser.setOptions(options);
    return visualiser.options();
  },
  reset: () => {
    visualiser.setOptions(Visualiser.defaultOptions());
    return visualiser.options();
  },
  scale: ({ pxPerMm }) => {
    visualiser.setScale(pxPerMm);
    return visualiser.scale;
  },
  area: ({ cx, cy, rx, ry, featherMm }) => visualiser.setTreatmentEllipse(cx, cy, rx, ry, featherMm),
  suggestShade: ({ x, y }) => visualiser.suggestShade(x, y),
  info: () => ({ width: visualiser.width, height: visualiser.height, scale: visualiser.scale, options: visualiser.options() }),
  render: ({ view, withBase }) => {
    const started = performance.now();
    const args = [view.x, view.y, view.width, view.height, view.outWidth, view.outHeight];
    const pixels = visualiser.render(...args);
    const base = withBase ? visualiser.renderBase(...args) : null;
    return { width: view.outWidth, height: view.outHeight, pixels, base, ms: performance.now() - started };
  },
  async export({ type = 'image/png', quality = 0.92, beforeAfter = false }) {
    const { width, height } = visualiser;
    const after = visualiser.renderFull();
    if (!beforeAfter) return encode(width, height, after, type, quality);
    const before = visualiser.renderBase(0, 0, width, height, width, height);
    // Side by side: before on the left, after on the right.
    const both = new Uint8Array(width * 2 * height * 4);
    const row = width * 4;
    for (let y = 0; y < height; y++) {
      both.set(before.subarray(y * row, (y + 1) * row), y * row * 2);
      both.set(after.subarray(y * row, (y + 1) * row), y * row * 2 + row);
    }
    return encode(width * 2, height, both, type, quality);
  },
};

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    await ready;
    visualiser ??= new Visualiser();
    const handler = handlers[op];
    if (!handler) throw Object.assign(new Error(`unknown request ${op}`), { code: 'internal' });
    const result = await handler(data);
    const transfer = [result?.pixels?.buffer, result?.base?.buffer].filter(Boolean);
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    self.postMessage({ id, ok: false, error: { code: error?.code ?? 'internal', message: String(error?.message ?? error) } });
  }
};
