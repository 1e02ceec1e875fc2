// The iframe variant of the widget, for site builders that strip scripts: the query
// string carries the attributes (?density=120&shade=dark&cta-text=Book…), and the page
// tells its parent its height and the widget's events through postMessage. Messages go
// only to the parent's origin, because the `cta` event carries the visitor's result: the
// one named by ?origin=, else a same-origin parent's, else the one the helper script
// (hairline-frame.js) answers a content-free hello from (the browser vouches for a
// message's origin). Until it is known, messages wait.
import { ATTRIBUTES } from './visualiser/config.js';

const params = new URLSearchParams(location.search);
const widget = document.querySelector('hairline-visualiser');
for (const name of ATTRIBUTES) {
  if (params.has(name)) widget.setAttribute(name, params.get(name));
}
// Defined only now, so the element starts with its attributes (the locale included).
await import('./hairline.js');

let parentOrigin = null;
try {
  if (params.has('origin')) parentOrigin = new URL(params.get('origin')).origin;
} catch {
  console.warn(`hairline frame: ignoring origin="${params.get('origin')}": it is not a URL.`);
}
try {
  parentOrigin ??= window.parent.location.origin; // throws across origins
} catch {}

const framed = window.parent !== window;
const waiting = []; // events before the origin is known (the first few: maybe nobody listens)
const post = (type, detail) => {
  if (!framed) return;
  if (parentOrigin) window.parent.postMessage({ source: 'hairline', type, detail }, parentOrigin);
  else if (type !== 'resize' && waiting.length < 20) waiting.push([type, detail]);
};
const postHeight = () => post('resize', { height: Math.ceil(document.documentElement.scrollHeight) });
if (framed && !parentOrigin) {
  window.addEventListener('message', (event) => {
    if (parentOrigin || event.source !== window.parent || event.data?.source !== 'hairline' || event.data.type !== 'host') return;
    parentOrigin = event.origin;
    for (const [type, detail] of waiting.splice(0)) post(type, detail);
    postHeight();
  });
  window.parent.postMessage({ source: 'hairline', type: 'hello' }, '*');
}

new ResizeObserver(postHeight).observe(document.body);
for (const type of ['ready', 'photo', 'change', 'error', 'export', 'cta']) {
  widget.addEventListener(type, (event) => {
    // The frame's parent cannot cancel a cta across the frame boundary: it follows the
    // link itself if it wants to, so the frame never navigates away.
    if (type === 'cta') event.preventDefault();
    post(type, event.detail);
  });
}
