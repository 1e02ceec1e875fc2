// The iframe variant of the widget, for site builders that strip scripts: the query
// string carries the attributes (?density=120&shade=dark&cta-text=Book…), and the page
// tells its parent its height and the widget's events through postMessage. Messages go
// only to the origin named by ?origin= (default: this page's own origin), because the
// `cta` event carries the visitor's result.
import { ATTRIBUTES } from './visualiser/config.js';

const params = new URLSearchParams(location.search);
const widget = document.querySelector('hairline-visualiser');
for (const name of ATTRIBUTES) {
  if (params.has(name)) widget.setAttribute(name, params.get(name));
}
// Defined only now, so the element starts with its attributes (the locale included).
await import('./hairline.js');

let parentOrigin = location.origin;
try {
  if (params.has('origin')) parentOrigin = new URL(params.get('origin')).origin;
} catch {
  console.warn(`hairline frame: ignoring origin="${params.get('origin')}": it is not a URL.`);
}

const post = (type, detail) => {
  if (window.parent !== window) window.parent.postMessage({ source: 'hairline', type, detail }, parentOrigin);
};

new ResizeObserver(() => post('resize', { height: Math.ceil(document.documentElement.scrollHeight) })).observe(document.body);
for (const type of ['ready', 'photo', 'change', 'error', 'export', 'cta']) {
  widget.addEventListener(type, (event) => {
    // The frame's parent cannot cancel a cta across the frame boundary: it follows the
    // link itself if it wants to, so the frame never navigates away.
    if (type === 'cta') event.preventDefault();
    post(type, event.detail);
  });
}
