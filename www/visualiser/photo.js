// Feature: the photo in (inputs, drop, paste, samples), its zero-tap design and what
// was found, the sample's credit. Fires `photo`.
import { EngineError } from './engine.js';
import { SAMPLES } from '../samples/samples.js';
import { designFromAttributes, sampleFromAttribute } from './config.js';

export class PhotoFeature {
  static attributes = ['sample', 'hairline', 'coverage'];
  #w;
  #warmed = false;

  constructor(widget) {
    this.#w = widget;
  }

  get info() {
    const photo = this.#w.session?.photo;
    return photo ? { width: photo.width, height: photo.height, format: photo.format } : undefined;
  }

  wire(listen) {
    const w = this.#w;
    for (const selector of ['.file-input', '.camera-input']) {
      listen(w.$(selector), 'click', () => this.#warm()); // the picker opens
      listen(w.$(selector), 'change', (event) => {
        const [file] = event.target.files;
        event.target.value = '';
        if (file) this.loadImage(file);
      });
    }
    listen(w.$('.sample'), 'click', () => this.#loadSample(SAMPLES[0]).catch((error) => w.fail(error)));
    listen(w.element, 'paste', (event) => {
      const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
      if (file) {
        event.preventDefault();
        this.loadImage(file);
      }
    });
    const stage = w.$('.stage');
    listen(w.element, 'dragover', (event) => {
      if ([...(event.dataTransfer?.types ?? [])].includes('Files')) {
        this.#warm();
        event.preventDefault();
        stage.classList.add('dropping');
      }
    });
    listen(w.element, 'dragleave', () => stage.classList.remove('dropping'));
    listen(w.element, 'drop', (event) => {
      event.preventDefault();
      stage.classList.remove('dropping');
      const [file] = event.dataTransfer?.files ?? [];
      if (file) this.loadImage(file);
    });
  }

  /** Readies the analysis while a photo is being chosen (a photo's load retries it). */
  #warm() {
    if (!this.#warmed) this.#w.session.request('warmAnalysis').catch(() => {});
    this.#warmed = true;
  }

  show() {
    this.#showCredit(this.#w.session?.photo?.sample);
  }

  attributeChanged(name) {
    const w = this.#w;
    if (name === 'sample') this.#loadConfiguredSample().catch((error) => w.fail(error));
    else if (w.session.photo) w.session.applyEdits(this.#attributeEdits()).then(() => w.view.render(), (e) => w.fail(e));
  }

  async start() {
    if (sampleFromAttribute(this.#w.element) === null) this.#w.say('dropHint', 'photo');
    await this.#loadConfiguredSample();
  }

  async loadImage(source) {
    const { session } = this.#w;
    const load = session.nextLoad(); // the latest call wins, whatever finishes reading first
    try {
      const bytes = typeof source === 'string' || source instanceof URL ? await fetchPhoto(source, this.#w.t) : await source.arrayBuffer();
      await this.#open(bytes, null, load);
    } catch (error) {
      this.#w.fail(error);
      if (error.photoLost) await session.restore().catch((e) => this.#w.fail(e));
    }
  }

  #attributeEdits() {
    const { preset, coverage } = designFromAttributes(this.#w.element);
    return [...(preset ? [{ op: 'preset', args: { preset } }] : []), ...(coverage ? [{ op: 'coverage', args: { coverage } }] : [])];
  }

  /** The `sample` attribute's: built in, a URL, or none. */
  async #loadConfiguredSample() {
    const sample = sampleFromAttribute(this.#w.element);
    if (sample === null) return;
    await (sample === undefined ? this.#loadSample(SAMPLES[0]) : this.#loadSample({ url: sample }, { builtIn: false }));
  }

  async #loadSample(sample, { builtIn = true } = {}) {
    const { session } = this.#w;
    const load = session.nextLoad();
    // At start-up the worker may be opening it already.
    const opened = await session.takeOpened(builtIn ? sample.url : null);
    if (opened) return this.#open(opened.bytes, sample, load, opened.reply);
    const response = await fetch(sample.url).catch((error) => {
      throw builtIn ? new EngineError({ code: 'load-failed', message: error.message }) : error;
    });
    if (!response.ok) throw new EngineError({ code: 'sample-missing', message: `The sample photo could not be loaded (${response.status}).` });
    await this.#open(await response.arrayBuffer(), builtIn ? sample : null, load);
  }

  /** Opens bytes with the attributes' design; an own photo (no `sample`) is analysed. */
  async #open(bytes, sample, load, opening = null) {
    const w = this.#w;
    const analyse = !sample;
    const reply = await w.busy('opening', () =>
      w.session.open(bytes, sample, load, { analyse, edits: this.#attributeEdits(), opening, onProgress: (key) => w.progress(key) }),
    );
    if (!reply) return; // a newer photo won
    const { photo, found, ms } = reply;
    if (ms) Object.assign(w.element.dataset, { analysisLoadMs: ms.load.toFixed(1), analysisMs: ms.place.toFixed(1) }); // for the benchmark
    w.view.newPhoto(photo.width, photo.height);
    this.#showCredit(sample);
    w.$('.error').textContent = '';
    w.say(photo.warning ? 'warningIncomplete' : analyse ? foundNotice(found) : null, 'photo');
    w.design.showDesign(w.session.design);
    if (w.session.options) w.look.reflect(w.session.options);
    w.view.render();
    w.emit('photo', this.info);
  }

  #showCredit(sample) {
    const credit = this.#w.$('.credit');
    credit.replaceChildren();
    if (!sample?.credit) return;
    const link = Object.assign(document.createElement('a'), { href: sample.licenceUrl, textContent: sample.credit, target: '_blank', rel: 'noopener' });
    credit.append(link);
  }
}

function foundNotice(found) {
  if (!found) return 'foundUnavailable';
  if (found.faces > 1) return 'foundFaces';
  return `found-${found.view === 'three-quarter' ? 'front' : found.view}`; // the same words
}

async function fetchPhoto(url, t) {
  const failed = (code, status) => new EngineError({ code, message: t('photoNotLoaded', { status }) });
  const response = await fetch(url).catch(() => {
    throw failed('network', t('networkFailed'));
  });
  if (!response.ok) throw failed(response.status === 404 || response.status === 410 ? 'photo-not-found' : 'network', `HTTP ${response.status}`);
  return response.arrayBuffer();
}
