// The hairline overlay: the curve, draggable control points (mouse, touch, keyboard)
// and two pupil markers, drawn in SVG over the stage. Positions are photo pixels; the
// viewport maps them to the stage. Edits go out through callbacks, coalesced so only
// the latest position of a drag is ever waiting.
const SVG = 'http://www.w3.org/2000/svg';
/** Keyboard step, photo pixels per arrow press (times 5 with Shift). */
const KEY_STEP = 2;

export class HairlineEditor {
  #svg;
  #t;
  #design = null;
  #viewport = null;
  #onMovePoint;
  #onPupils;

  constructor(svg, t, { onMovePoint, onPupils }) {
    this.#svg = svg;
    this.#t = t;
    this.#onMovePoint = coalesce(onMovePoint);
    this.#onPupils = coalesce(onPupils);
  }

  // SVG elements have no `hidden` property: use the attribute itself.
  set visible(on) {
    this.#svg.toggleAttribute('hidden', !on);
    if (on) this.draw();
  }

  get visible() {
    return !this.#svg.hasAttribute('hidden');
  }

  update(design, viewport) {
    this.#design = design;
    this.#viewport = viewport;
    this.draw();
  }

  draw() {
    const design = this.#design;
    const viewport = this.#viewport;
    if (!this.visible || !design || !viewport) return;
    const stage = (p) => viewport.toStage(p[0], p[1]);
    const focused = this.#svg.querySelector(':focus')?.dataset.key;
    this.#svg.replaceChildren();
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', design.curve.map((p, i) => `${i ? 'L' : 'M'}${stage(p).x.toFixed(1)} ${stage(p).y.toFixed(1)}`).join(' '));
    this.#svg.append(path);
    design.handles.forEach((point, index) => {
      const label = this.#t('handleLabel', { index: index + 1, count: design.handles.length });
      this.#svg.append(this.#marker('handle', `point-${index}`, stage(point), 9, label, (photo) => this.#onMovePoint({ index, ...photo })));
    });
    const pupils = design.pupils ?? this.#guessPupils();
    pupils.forEach((point, side) => {
      const label = this.#t(side ? 'pupilRight' : 'pupilLeft');
      const marker = this.#marker('pupil', `pupil-${side}`, stage(point), 12, label, (photo) => {
        const both = [...pupils];
        both[side] = [photo.x, photo.y];
        this.#onPupils({ left: both[0], right: both[1] });
      });
      this.#svg.append(marker);
      const { x, y } = stage(point);
      for (const [x1, y1, x2, y2] of [[x - 7, y, x + 7, y], [x, y - 7, x, y + 7]]) {
        const line = document.createElementNS(SVG, 'line');
        Object.entries({ x1, y1, x2, y2, class: 'pupil-cross' }).forEach(([k, v]) => line.setAttribute(k, v));
        this.#svg.append(line);
      }
    });
    if (focused) this.#svg.querySelector(`[data-key="${focused}"]`)?.focus();
  }

  /** Pupils not placed yet: where the face frame's guess puts them. */
  #guessPupils() {
    const [left, right] = [this.#design.handles[0], this.#design.handles.at(-1)];
    const scale = this.#design.scale;
    const y = Math.max(left[1], right[1]) + 55 * scale;
    const mid = (left[0] + right[0]) / 2;
    return [[mid - 31.5 * scale, y], [mid + 31.5 * scale, y]];
  }

  #marker(kind, key, at, radius, label, move) {
    const circle = document.createElementNS(SVG, 'circle');
    Object.entries({ cx: at.x, cy: at.y, r: radius, class: kind, tabindex: 0, role: 'button', 'aria-label': label }).forEach(([k, v]) => circle.setAttribute(k, v));
    circle.dataset.key = key;
    const toPhoto = (event) => {
      const box = this.#svg.getBoundingClientRect();
      return this.#viewport.toPhoto(event.clientX - box.left, event.clientY - box.top);
    };
    circle.addEventListener('pointerdown', (event) => {
      event.stopPropagation();
      circle.setPointerCapture(event.pointerId);
      circle.focus();
    });
    circle.addEventListener('pointermove', (event) => {
      if (circle.hasPointerCapture(event.pointerId)) move(toPhoto(event));
    });
    circle.addEventListener('keydown', (event) => {
      const step = (event.shiftKey ? 5 : 1) * KEY_STEP;
      const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[event.key];
      if (!delta) return;
      event.preventDefault();
      event.stopPropagation();
      const here = this.#viewport.toPhoto(Number(circle.getAttribute('cx')), Number(circle.getAttribute('cy')));
      move({ x: here.x + delta[0] / this.#viewport.scale, y: here.y + delta[1] / this.#viewport.scale });
    });
    return circle;
  }
}

/** Wraps an async function so that at most one call runs and only the latest waits. */
function coalesce(fn) {
  let running = false;
  let waiting = null;
  const run = async (args) => {
    running = true;
    try {
      await fn(args);
    } finally {
      running = false;
      if (waiting) {
        const next = waiting;
        waiting = null;
        run(next);
      }
    }
  };
  return (args) => {
    if (running) waiting = args;
    else run(args);
  };
}
