// Feature: the stage: viewport, frames, taps and the keyboard crosshair, before/after
// (hold, split). Fires `render`.
import { Viewport } from './viewport.js';
import { gestures } from './gestures.js';

/** Full resolution again this long after the last drag move. */
const DRAFT_SETTLE_MS = 200;

export class ViewFeature {
  #w;
  viewport = null;
  #baseView = null; // the photo layer's
  #styled = false; // the stage has its real size
  #drafting = null;
  #crosshair = null; // stage CSS px
  #split = 50;

  constructor(widget) {
    this.#w = widget;
  }

  wire(listen, cleanup) {
    const w = this.#w;
    const stage = w.$('.stage');
    this.#styled = false;
    const styled = () => {
      this.#styled = true;
      this.render();
    };
    for (const type of ['load', 'error']) w.$('link[rel="stylesheet"]').addEventListener(type, styled, { once: true });
    for (const button of w.$$('[data-zoom]')) listen(button, 'click', () => this.#zoomButton(button.dataset.zoom));
    listen(stage, 'keydown', (event) => this.#stageKeys(event));
    cleanup(
      gestures(stage, {
        tap: (x, y) => this.#tap(x, y),
        pan: (dx, dy) => this.#change(() => this.viewport.panBy(dx, dy)),
        zoom: (factor, x, y) => this.#change(() => this.viewport.zoomAt(factor, x, y)),
        paint: { active: () => w.design.painting, stroke: (at, begin) => this.#stroke(at, begin) },
      }),
    );
    const resize = new ResizeObserver(() => this.render());
    resize.observe(stage);
    cleanup(() => resize.disconnect());
    this.#wireHold(listen);
    this.#wireSplit(listen);
  }

  show() {
    this.redraw();
  }

  redraw() {
    this.#baseView = null;
    this.render();
  }

  stop() {
    clearTimeout(this.#drafting);
    this.#drafting = null;
  }

  newPhoto(width, height) {
    this.viewport = new Viewport(width, height);
    this.#baseView = null;
  }

  /** During a drag a dense screen gets CSS-resolution frames (¼ of the pixels at 2×). */
  draft() {
    if ((window.devicePixelRatio || 1) <= 1) return;
    clearTimeout(this.#drafting);
    this.#drafting = setTimeout(() => {
      this.#drafting = null;
      this.render();
    }, DRAFT_SETTLE_MS);
  }

  render() {
    const w = this.#w;
    if (!w.session?.photo || !this.viewport || !this.#styled) return;
    const stage = w.$('.stage');
    const ratio = window.devicePixelRatio || 1;
    this.viewport.resize(stage.clientWidth, stage.clientHeight, ratio);
    const view = this.viewport.view();
    // Zoomed in, a swipe pans the photo; at fit it scrolls the page (styles.css).
    stage.classList.toggle('zoomed', this.viewport.zoom > 1.001);
    if (this.#drafting) {
      view.outWidth = Math.max(1, Math.round(view.outWidth / ratio));
      view.outHeight = Math.max(1, Math.round(view.outHeight / ratio));
    }
    const withBase = !sameView(view, this.#baseView);
    if (withBase) this.#baseView = view;
    w.session.render(view, withBase);
    w.design.drawOverlay();
  }

  showFrame({ width, height, pixels, base, ms, sentAt, error }) {
    const w = this.#w;
    if (error) return w.fail(error);
    put(w.$('canvas.after'), width, height, pixels);
    const before = w.$('canvas.before');
    if (base) put(before, width, height, base);
    // Copied: the buffers go back.
    w.session?.recycle(pixels.buffer);
    if (base) w.session?.recycle(base.buffer);
    before.hidden = false;
    const { dataset } = w.element;
    dataset.rendered = String(Number(dataset.rendered ?? 0) + 1);
    // ms: the worker's; frameMs: request to canvas.
    w.emit('render', { width, height, ms, frameMs: performance.now() - sentAt });
  }

  #change(change) {
    if (!this.viewport) return;
    change();
    this.render();
  }

  #zoomButton(kind) {
    const v = this.viewport;
    this.#change(() => {
      if (kind === 'in') v.zoomAt(1.5);
      else if (kind === 'out') v.zoomAt(1 / 1.5);
      else if (kind === 'fit') v.fit();
      else v.setZoom(v.actualSizeZoom);
    });
  }

  #tap(x, y) {
    const w = this.#w;
    if (!this.viewport) return;
    const at = this.viewport.toPhoto(x, y);
    if (w.design.tool === 'select') w.design.select(at);
    else if (w.look.picking) w.look.pick(at);
  }

  #stroke(at, begin) {
    if (this.viewport) this.#w.design.stroke(this.viewport.toPhoto(at.x, at.y), begin);
  }

  #stageKeys(event) {
    const w = this.#w;
    const stage = w.$('.stage');
    if (event.target !== stage || !this.viewport) return;
    const arrow = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    const aim = this.#crosshair;
    // With a tool armed the arrows move the crosshair, Enter applies.
    if (aim && arrow) {
      const step = event.shiftKey ? 50 : 10;
      // It stays on the photo, and on the stage.
      const { clientWidth: width, clientHeight: height } = stage;
      const { photo } = w.session;
      const [from, to] = [this.viewport.toStage(0, 0), this.viewport.toStage(photo.width, photo.height)];
      const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
      this.#crosshair = { x: clamp(aim.x + arrow[0] * step, Math.max(0, from.x), Math.min(width, to.x)), y: clamp(aim.y + arrow[1] * step, Math.max(0, from.y), Math.min(height, to.y)) };
      this.showCrosshair(true);
    } else if (aim && (event.key === 'Enter' || event.key === ' ')) {
      if (w.design.painting) this.#stroke(aim, true);
      else this.#tap(aim.x, aim.y);
    } else if (arrow) this.#change(() => this.viewport.panBy(-40 * arrow[0], -40 * arrow[1]));
    else if (event.key === '+' || event.key === '=') this.#zoomButton('in');
    else if (event.key === '-') this.#zoomButton('out');
    else if (event.key === '0') this.#zoomButton('fit');
    else return;
    event.preventDefault();
  }

  /** The keyboard's crosshair while a tool is armed; `moved`: announce where. */
  showCrosshair(moved = false) {
    const w = this.#w;
    const on = Boolean(this.viewport && (w.design.tool || w.look.picking));
    const [crosshair, status, stage] = [w.$('.crosshair'), w.$('.crosshair-status'), w.$('.stage')];
    if (!on) this.#crosshair = null;
    else this.#crosshair ??= { x: stage.clientWidth / 2, y: stage.clientHeight / 2 };
    crosshair.hidden = !on;
    if (!on) return void (status.textContent = '');
    const { x, y } = this.#crosshair;
    crosshair.style.setProperty('--x', `${x}px`);
    crosshair.style.setProperty('--y', `${y}px`);
    const at = this.viewport.toPhoto(x, y);
    const { photo } = w.session;
    const share = (v, size) => Math.round((100 * v) / size);
    status.textContent = moved ? w.t('crosshairAt', { x: share(at.x, photo.width), y: share(at.y, photo.height) }) : w.t('crosshairHint');
  }

  #wireHold(listen) {
    const w = this.#w;
    const hold = w.$('.hold');
    const show = (on) => w.$('.stage').classList.toggle('holding', on);
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
    const w = this.#w;
    const [split, stage, toggle] = [w.$('.split'), w.$('.stage'), w.$('.split-toggle')];
    listen(toggle, 'click', () => this.#setCompare(toggle.getAttribute('aria-pressed') !== 'true'));
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

  #setCompare(on) {
    const w = this.#w;
    w.$('.split-toggle').setAttribute('aria-pressed', String(on));
    w.$('.split').hidden = !on;
    w.$('.stage').classList.toggle('comparing', on);
    this.#setSplit(this.#split);
  }

  #setSplit(percent) {
    const w = this.#w;
    this.#split = Math.min(100, Math.max(0, percent));
    w.$('.stage').style.setProperty('--split', `${this.#split}%`);
    w.$('.split').setAttribute('aria-valuenow', String(Math.round(this.#split)));
  }
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
