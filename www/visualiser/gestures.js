// Pointer gestures on the stage: tap, one-finger or mouse drag to pan, two-finger pinch
// to zoom (and pan), wheel to zoom. Coordinates are CSS pixels relative to the stage.
// Returns a function that removes the listeners.

const TAP_SLOP_PX = 6;

export function gestures(stage, { tap, pan, zoom, paint = null }) {
  const pointers = new Map();
  let moved = false;
  let pinch = null;

  const local = (event) => {
    const box = stage.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const ignored = (event) => Boolean(event.target.closest?.('button, .split, input, label, circle'));

  const down = (event) => {
    if (ignored(event)) return;
    stage.setPointerCapture?.(event.pointerId);
    pointers.set(event.pointerId, { ...local(event), startX: event.clientX, startY: event.clientY });
    if (pointers.size === 1) moved = false;
    if (pointers.size === 2) pinch = pinchState();
    if (pointers.size === 1 && paint?.active()) paint.stroke(local(event), true);
  };

  const pinchState = () => {
    const [a, b] = [...pointers.values()];
    return { distance: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  };

  const move = (event) => {
    const pointer = pointers.get(event.pointerId);
    if (!pointer) return;
    const now = local(event);
    if (Math.hypot(event.clientX - pointer.startX, event.clientY - pointer.startY) > TAP_SLOP_PX) moved = true;
    const dx = now.x - pointer.x;
    const dy = now.y - pointer.y;
    Object.assign(pointer, now);
    if (pointers.size === 1 && paint?.active()) {
      paint.stroke(now, false);
    } else if (pointers.size === 1 && moved) {
      pan(dx, dy);
    } else if (pointers.size === 2 && pinch) {
      const next = pinchState();
      if (pinch.distance > 0 && next.distance > 0) zoom(next.distance / pinch.distance, next.x, next.y);
      pan(next.x - pinch.x, next.y - pinch.y);
      pinch = next;
    }
  };

  const up = (event) => {
    const pointer = pointers.get(event.pointerId);
    if (!pointer) return;
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0 && !moved && event.type === 'pointerup') tap(pointer.x, pointer.y);
  };

  const wheel = (event) => {
    if (ignored(event)) return;
    event.preventDefault();
    const { x, y } = local(event);
    zoom(Math.exp(-event.deltaY / 400), x, y);
  };

  stage.addEventListener('pointerdown', down);
  stage.addEventListener('pointermove', move);
  stage.addEventListener('pointerup', up);
  stage.addEventListener('pointercancel', up);
  stage.addEventListener('wheel', wheel, { passive: false });
  return () => {
    stage.removeEventListener('pointerdown', down);
    stage.removeEventListener('pointermove', move);
    stage.removeEventListener('pointerup', up);
    stage.removeEventListener('pointercancel', up);
    stage.removeEventListener('wheel', wheel);
  };
}
