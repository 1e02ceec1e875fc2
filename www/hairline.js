// Entry point: defines <hairline-visualiser>. Everything it loads (worker, wasm,
// styles, sample) is found relative to this file, so it works from any base URL.
// Start-up work begins before the element's modules arrive (see visualiser/boot.js).
import { boot } from './visualiser/boot.js';

boot();
const { HairlineVisualiser } = await import('./visualiser/element.js');

if (!customElements.get('hairline-visualiser')) {
  customElements.define('hairline-visualiser', HairlineVisualiser);
}

export { HairlineVisualiser };
