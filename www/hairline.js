// Entry point: defines <hairline-visualiser>. Everything it loads (worker, wasm,
// styles, sample) is found relative to this file, so it works from any base URL.
import { boot } from './visualiser/boot.js';

boot();
const { HairlineVisualiser } = await import('./visualiser/element.js');

if (!customElements.get('hairline-visualiser')) {
  customElements.define('hairline-visualiser', HairlineVisualiser);
}

export { HairlineVisualiser };
