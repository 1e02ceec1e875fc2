// Feature: the design (look, hairline style and handles, softness, and in Fine-tune
// the area tools, undo and scale correction).
/** Loaded on first use, not with the page. */
let editorModule = null;

export class DesignFeature {
  #w;
  #editor = null; // of this build, once asked for
  #tool = null; // 'select' | 'brush' | 'erase' | null
  #lastStroke = null; // photo px
  #strokes = []; // pieces waiting: { points, begin, erase, radiusMm }
  #stroking = false;
  #strokeStyle = { erase: false, radiusMm: 5 };

  constructor(widget) {
    this.#w = widget;
  }

  get tool() {
    return this.#tool;
  }

  get painting() {
    return this.#tool === 'brush' || this.#tool === 'erase';
  }

  get settings() {
    const d = this.#w.session?.design;
    return d ? { preset: d.preset, coverage: d.coverage, edgeSoftness: d.edgeSoftness } : undefined;
  }

  wire(listen) {
    const w = this.#w;
    this.#editor = null;
    const preset = w.$('.preset');
    listen(preset, 'change', () => this.edit('preset', { preset: preset.value }));
    const softness = w.$('.softness');
    listen(softness, 'input', () => {
      w.view.draft();
      this.edit('softness', { mm: Number(softness.value) });
    });
    for (const radio of w.$$('input[name="coverage"]')) listen(radio, 'change', () => this.#coverageChosen(radio.value));
    const correction = w.$('.scale-correction');
    listen(correction, 'input', () => (w.$('.scale-correction-value').textContent = w.t('scaleCorrectionValue', { value: correction.value })));
    listen(correction, 'change', () => this.edit('scaleCorrection', { factor: Number(correction.value) / 100 }));
    for (const button of w.$$('.tool')) listen(button, 'click', () => this.setTool(this.#tool === button.dataset.tool ? null : button.dataset.tool));
    const brushSize = w.$('.brush-size');
    listen(brushSize, 'input', () => (w.$('.brush-size-value').textContent = w.t('brushSizeValue', { value: brushSize.value })));
    listen(w.$('.undo'), 'click', () => this.edit('history', { redo: false }));
    listen(w.$('.redo'), 'click', () => this.edit('history', { redo: true }));
    const edit = w.$('.edit-hairline');
    listen(edit, 'click', async () => {
      const on = edit.getAttribute('aria-pressed') !== 'true';
      edit.setAttribute('aria-pressed', String(on));
      if (on) w.say('editHint', 'edit');
      else w.stale('edit');
      try {
        const editor = await this.#editorFor(w.$('.overlay'));
        if (editor) editor.visible = edit.getAttribute('aria-pressed') === 'true'; // as it is now
      } catch (error) {
        editorModule = null; // tried again on the next press
        w.fail(error);
      }
    });
  }

  /** The editor on `overlay`, or null if rebuilt meanwhile. */
  async #editorFor(overlay) {
    const w = this.#w;
    if (!this.#editor) {
      const { HairlineEditor } = await (editorModule ??= import('./hairline-editor.js'));
      if (this.#editor || w.$('.overlay') !== overlay) return this.#editor;
      this.#editor = new HairlineEditor(overlay, w.t, {
        onMovePoint: ({ index, x, y, begin }) => {
          w.view.draft();
          return this.edit('movePoint', { index, x, y, mirror: w.$('.mirror').checked, begin });
        },
        onPupils: (pupils) => this.edit('pupils', pupils),
      });
      this.drawOverlay();
    }
    return w.$('.overlay') === overlay ? this.#editor : null;
  }

  show() {
    this.setTool(this.#tool);
    const { design } = this.#w.session ?? {};
    if (design) this.showDesign(design);
  }

  showDesign(design) {
    const w = this.#w;
    w.$('.preset').value = design.reshaped ? 'custom' : design.preset;
    w.$('.softness').value = design.edgeSoftness;
    w.$('.softness-value').textContent = w.t('edgeSoftnessValue', { value: design.edgeSoftness.toFixed(1) });
    for (const radio of w.$$('input[name="coverage"]')) radio.checked = radio.value === design.coverage;
    w.$('.warning').textContent = design.warning ?? '';
    const percent = Math.round(design.scaleCorrection * 100);
    w.$('.scale-correction').value = percent;
    w.$('.scale-correction-value').textContent = w.t('scaleCorrectionValue', { value: percent });
    w.$('.scale-source').textContent = w.t(`scaleSource-${design.scaleSource}`);
    w.$('.undo').disabled = !design.canUndo;
    w.$('.redo').disabled = !design.canRedo;
    this.drawOverlay();
  }

  drawOverlay() {
    this.#editor?.update(this.#w.session?.design, this.#w.view.viewport);
  }

  /** Resolves to whether the controls show its answer. */
  async edit(op, args) {
    const w = this.#w;
    w.stale('settings', op === 'coverage' && 'coverage');
    let shown;
    try {
      shown = await w.session.edit(op, args);
    } catch (error) {
      w.fail(error);
      return false;
    }
    w.changed({ options: { ...w.session.options }, design: this.settings });
    return shown;
  }

  /** Scar arms the brush, thinning the tap on the scalp; others disarm. */
  async #coverageChosen(coverage) {
    // Not after a failure, nor when overtaken.
    if (!(await this.edit('coverage', { coverage }))) return;
    this.setTool({ scar: 'brush', thinning: 'select' }[coverage] ?? null);
    if (coverage === 'scar' || coverage === 'thinning') this.#w.say(`${coverage}Hint`, 'coverage');
  }

  setTool(tool) {
    const w = this.#w;
    this.#tool = tool;
    for (const button of w.$$('.tool')) button.setAttribute('aria-pressed', String(button.dataset.tool === tool));
    w.$('.stage').classList.toggle('painting', Boolean(tool));
    if (tool === 'select') w.say('selectHint', 'tool');
    else w.stale('tool');
    w.view.showCrosshair();
  }

  select(at) {
    this.setTool(null);
    return this.edit('selectScalp', at);
  }

  /** Points arriving while the worker is busy go together: a fast stroke never queues work. */
  stroke({ x, y }, begin) {
    const waiting = this.#strokes.at(-1);
    if (begin || !this.#lastStroke) {
      const radiusMm = Number(this.#w.$('.brush-size').value) / 2;
      this.#strokes.push({ points: [[x, y]], begin: true, erase: this.#tool === 'erase', radiusMm });
    } else if (waiting) {
      waiting.points.push([x, y]);
    } else {
      const { erase, radiusMm } = this.#strokeStyle;
      this.#strokes.push({ points: [this.#lastStroke, [x, y]], begin: false, erase, radiusMm });
    }
    this.#lastStroke = [x, y];
    this.#sendStrokes();
  }

  async #sendStrokes() {
    if (this.#stroking || !this.#strokes.length) return;
    this.#stroking = true;
    const piece = this.#strokes.shift();
    this.#strokeStyle = { erase: piece.erase, radiusMm: piece.radiusMm };
    await this.edit('brush', piece);
    this.#stroking = false;
    this.#sendStrokes();
  }
}
