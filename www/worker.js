// Owns the wasm instance: all decoding and rendering happen here, off the UI thread.
// Protocol: { id, type, ...args } in; { id, ok: true, result } or
// { id, ok: false, error: { code, message } } out. Frames travel as transferred buffers.
import init, { Visualiser } from './pkg/hairline.js';

const ready = init({ module_or_path: new URL('./pkg/hairline_bg.wasm', import.meta.url) });
let visualiser;

const handlers = {
  ranges: () => Visualiser.optionRanges(),
  load: ({ bytes }) => visualiser.loadPhoto(new Uint8Array(bytes)),
  options: ({ options }) => {
    visualiser.setOptions(options);
    return visualiser.options();
  },
  scale: ({ pxPerMm }) => {
    visualiser.setScale(pxPerMm);
    return visualiser.scale;
  },
  area: ({ cx, cy, rx, ry, featherMm }) => visualiser.setTreatmentEllipse(cx, cy, rx, ry, featherMm),
  info: () => ({ width: visualiser.width, height: visualiser.height, scale: visualiser.scale, options: visualiser.options() }),
  render: ({ view }) => {
    const started = performance.now();
    const pixels = visualiser.render(view.x, view.y, view.width, view.height, view.outWidth, view.outHeight);
    return { width: view.outWidth, height: view.outHeight, pixels, ms: performance.now() - started };
  },
  export: () => {
    const pixels = visualiser.renderFull();
    return { width: visualiser.width, height: visualiser.height, pixels };
  },
};

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    await ready;
    visualiser ??= new Visualiser();
    const handler = handlers[type];
    if (!handler) throw Object.assign(new Error(`unknown request ${type}`), { code: 'internal' });
    const result = handler(data);
    const transfer = result?.pixels ? [result.pixels.buffer] : [];
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    self.postMessage({ id, ok: false, error: { code: error?.code ?? 'internal', message: String(error?.message ?? error) } });
  }
};
