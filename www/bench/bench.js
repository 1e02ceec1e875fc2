// Times the wasm renderer on the main thread against a plain JavaScript Canvas2D peer
// that draws the same dots as radial-gradient arcs. Driven by scripts/bench.mjs.
// Built by scripts/bench.sh with the bench-api exports (render, dots, setTreatmentUniform).
import init, { Visualiser } from './pkg/hairline.js';

const out = document.getElementById('out');

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), runs: samples.length };
}

function time(fn, { runs = 30, warmup = 3 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  // Also at least a second of warm-up: V8 first runs wasm from a quick baseline
  // compile and swaps in optimised code from a background thread later.
  for (const start = performance.now(); performance.now() - start < 1000; ) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

/** A skin-toned photo with a little texture (straight RGBA). */
function photo(width, height) {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.set([214 + (i % 7), 170, 140, 255], i * 4);
  }
  return data;
}

function scene(width, height, pxPerMm, options) {
  const vis = new Visualiser();
  vis.loadPixels(width, height, photo(width, height));
  vis.setScale(pxPerMm);
  vis.setTreatmentUniform(1);
  vis.setOptions(options);
  return vis;
}

const densityFor = (dots, width, height, pxPerMm) => dots / (((width / pxPerMm) * (height / pxPerMm)) / 100);

/** The wasm render of the whole frame, put on a canvas straight from wasm memory. */
function wasmFrame(vis, width, height, context) {
  return () => {
    // A view of wasm memory: put at once, never kept.
    const view = vis.renderView(0, 0, width, height, width, height);
    const pixels = new Uint8ClampedArray(view.buffer, view.byteOffset, view.length);
    context.putImageData(new ImageData(pixels, width, height), 0, 0);
    context.getImageData(0, 0, 1, 1); // force completion
  };
}

/** The same frame copied out of wasm memory first, as the page's worker does it. */
function wasmFrameCopied(vis, width, height, context) {
  return () => {
    const pixels = vis.render(0, 0, width, height, width, height);
    context.putImageData(new ImageData(new Uint8ClampedArray(pixels.buffer), width, height), 0, 0);
    context.getImageData(0, 0, 1, 1);
  };
}

/** The Canvas2D peer: base photo, then every dot as a radial-gradient arc. */
function canvasPeer(vis, width, height, context) {
  const dots = vis.dots(0, 0, width, height, width, height);
  const base = new ImageData(new Uint8ClampedArray(photo(width, height).buffer), width, height);
  return {
    count: dots.length / 8,
    run: () => {
      context.putImageData(base, 0, 0);
      for (let i = 0; i < dots.length; i += 8) {
        const [x, y, rx, ry, , absorb, halo] = dots.subarray(i, i + 8);
        const r = Math.max(rx, ry, halo * 2, 0.6);
        const gradient = context.createRadialGradient(x, y, 0, x, y, r);
        gradient.addColorStop(0, `rgba(20, 18, 18, ${absorb})`);
        gradient.addColorStop(1, 'rgba(20, 18, 18, 0)');
        context.fillStyle = gradient;
        context.beginPath();
        context.arc(x, y, r, 0, Math.PI * 2);
        context.fill();
      }
      context.getImageData(0, 0, 1, 1); // force completion
    },
  };
}

async function main() {
  await init({ module_or_path: new URL('./pkg/hairline_bg.wasm', import.meta.url) });
  const results = {};
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: false });

  // Standard scene: 1920×1080, ≈20,000 healed impressions (≈40,000 needle deposits) at 8 px/mm.
  const [w, h] = [1920, 1080];
  Object.assign(canvas, { width: w, height: h });
  const standard = scene(w, h, 8, { density: densityFor(20000, w, h, 8), healing: 'healed' });
  const count = standard.dots(0, 0, w, h, w, h).length / 8;
  results.standard = { dots: count, ...time(wasmFrame(standard, w, h, context), { runs: 40 }) };
  // The renderer's share of it: the frame drawn in wasm memory, not put anywhere.
  results.standardRenderOnly = time(() => standard.renderView(0, 0, w, h, w, h), { runs: 40 });
  results.standardCopiedOut = time(wasmFrameCopied(standard, w, h, context), { runs: 20 });
  const peer = canvasPeer(standard, w, h, context);
  results.canvasPeer = { dots: peer.count, ...time(peer.run, { runs: 10, warmup: 1 }) };
  results.speedup = results.canvasPeer.median / results.standard.median;

  // The smallest fresh impressions (0.2 mm × 1.12 ≈ 4.5 px at 20 px/mm), highest density.
  const fresh = scene(w, h, 20, { density: 180, dotMm: 0.2, healing: 'fresh' });
  results.fresh6px = { dots: fresh.dots(0, 0, w, h, w, h).length / 8, ...time(wasmFrame(fresh, w, h, context), { runs: 20 }) };
  fresh.free();

  // Growth with dot count (1920×1080) and with frame size (same density).
  results.byDots = {};
  for (const dots of [6500, 10000, 20000, 40000, 55000]) {
    const vis = scene(w, h, 8, { density: densityFor(dots, w, h, 8) });
    results.byDots[dots] = time(wasmFrame(vis, w, h, context), { runs: 20 }).median;
    vis.free();
  }
  results.bySize = {};
  for (const [fw, fh] of [[960, 540], [1920, 1080], [3840, 2160]]) {
    const frameCanvas = Object.assign(document.createElement('canvas'), { width: fw, height: fh });
    const vis = scene(fw, fh, 8, { density: densityFor(20000, w, h, 8) });
    results.bySize[`${fw}x${fh}`] = time(wasmFrame(vis, fw, fh, frameCanvas.getContext('2d')), { runs: 10 }).median;
    vis.free();
  }

  // A full 12-megapixel export render (strips, as the worker does it).
  const big = scene(4000, 3000, 16, {});
  results.export12mp = time(() => {
    for (let y = 0; y < 3000; y += 262) big.renderRows(y, Math.min(262, 3000 - y), true);
  }, { runs: 6, warmup: 1 });
  big.free();
  standard.free();

  window.benchResults = results;
  out.textContent = JSON.stringify(results, null, 2);
}

main().catch((error) => {
  window.benchResults = { error: String(error?.stack ?? error) };
  out.textContent = String(error?.stack ?? error);
});
