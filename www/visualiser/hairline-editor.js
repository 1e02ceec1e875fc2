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
  #dragged = null; // the marker under the pointer while it is dragged

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
    // The elements stay (a dragged one keeps its pointer capture); only their places change.
    const keys = new Set(['curve']);
    this.#element('path', 'curve').setAttribute('d', design.curve.map((p, i) => `${i ? 'L' : 'M'}${stage(p).x.toFixed(1)} ${stage(p).y.toFixed(1)}`).join(' '));
    design.handles.forEach((point, index) => {
      const key = `point-${index}`;
      keys.add(key);
      const label = this.#t('handleLabel', { index: index + 1, count: design.handles.length });
      this.#marker('handle', key, stage(point), 9, label, (photo) => this.#onMovePoint({ index, ...photo }));
    });
    // Where the eyes are comes from the face frame, never from the hairline's points.
    (design.pupils ?? design.eyes).forEach((point, side) => {
      const key = `pupil-${side}`;
      keys.add(key).add(`${key}-cross`);
      this.#marker('pupil', key, stage(point), 12, this.#t(side ? 'pupilRight' : 'pupilLeft'), ({ x, y }) => {
        const both = [...(this.#design.pupils ?? this.#design.eyes)];
        both[side] = [x, y];
        this.#onPupils({ left: both[0], right: both[1] });
      });
      this.#element('path', `${key}-cross`, 'pupil-cross');
    });
    for (const child of [...this.#svg.children]) if (!keys.has(child.dataset.key)) child.remove();
    this.#placeCrosses();
  }

  /** The crosses follow their pupil markers (also while one is dragged). */
  #placeCrosses() {
    for (const side of [0, 1]) {
      const marker = this.#svg.querySelector(`[data-key="pupil-${side}"]`);
      const cross = this.#svg.querySelector(`[data-key="pupil-${side}-cross"]`);
      if (!marker || !cross) continue;
      const [x, y] = ['cx', 'cy'].map((a) => Number(marker.getAttribute(a)));
      cross.setAttribute('d', `M${x - 7} ${y}H${x + 7}M${x} ${y - 7}V${y + 7}`);
    }
  }

  /** The overlay's element for `key`, made the first time. */
  #element(tag, key, className) {
    let element = this.#svg.querySelector(`[data-key="${key}"]`);
    if (!element) {
      element = document.createElementNS(SVG, tag);
      element.dataset.key = key;
      if (className) element.setAttribute('class', className);
      this.#svg.append(element);
    }
    return element;
  }

  /** A draggable marker at `at` (stage px); `move(photoPoint)` hears where it goes. */
  #marker(kind, key, at, radius, label, move) {
    let circle = this.#svg.querySelector(`[data-key="${key}"]`);
    if (!circle) {
      circle = this.#element('circle', key, kind);
      Object.entries({ r: radius, tabindex: 0, role: 'button' }).forEach(([k, v]) => circle.setAttribute(k, v));
      this.#listen(circle);
    }
    circle.move = move;
    circle.setAttribute('aria-label', label);
    // While dragged it stays under the pointer, whatever older answers say.
    if (this.#dragged !== circle) Object.entries({ cx: at.x, cy: at.y }).forEach(([k, v]) => circle.setAttribute(k, v));
  }

  /** Pointer and keys on a marker: `begin` marks the first move of a drag or key press (one undo step each). */
  #listen(circle) {
    let begin = false;
    circle.addEventListener('pointerdown', (event) => {
      event.stopPropagation();
      circle.setPointerCapture(event.pointerId);
      circle.focus();
      this.#dragged = circle;
      begin = true;
    });
    circle.addEventListener('pointermove', (event) => {
      if (this.#dragged !== circle || !circle.hasPointerCapture(event.pointerId)) return;
      const box = this.#svg.getBoundingClientRect();
      const [x, y] = [event.clientX - box.left, event.clientY - box.top];
      circle.setAttribute('cx', x);
      circle.setAttribute('cy', y);
      this.#placeCrosses();
      circle.move({ ...this.#viewport.toPhoto(x, y), begin });
      begin = false;
    });
    circle.addEventListener('lostpointercapture', () => {
      if (this.#dragged !== circle) return;
      this.#dragged = null;
      this.draw();
    });
    circle.addEventListener('keydown', (event) => {
      const step = (event.shiftKey ? 5 : 1) * KEY_STEP;
      const delta = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[event.key];
      if (!delta) return;
      event.preventDefault();
      event.stopPropagation();
      const here = this.#viewport.toPhoto(Number(circle.getAttribute('cx')), Number(circle.getAttribute('cy')));
      circle.move({ x: here.x + delta[0] / this.#viewport.scale, y: here.y + delta[1] / this.#viewport.scale, begin: true });
    });
  }
}

/** Wraps an async function so that at most one call runs and only the latest waits
 * (keeping `begin` from one it replaces: an undo step must not be lost). */
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
    if (running) waiting = { ...args, begin: Boolean(args.begin || waiting?.begin) };
    else run(args);
  };
}
