// The visualiser's markup. No inline styles or scripts (strict CSP); every string
// comes from the message table.
export function template(t, stylesUrl) {
  return `
  <link rel="stylesheet" href="${stylesUrl}">
  <div class="app" part="app">
    <div class="stage" part="stage" tabindex="0" aria-describedby="stage-help">
      <canvas class="before" part="canvas-before" role="img" aria-label="${t('beforeLabel')}" hidden></canvas>
      <canvas class="after" part="canvas" role="img" aria-label="${t('canvasLabel')}"></canvas>
      <svg class="overlay" part="overlay" hidden></svg>
      <div class="crosshair" part="crosshair" hidden></div>
      <p class="sr-only crosshair-status" role="status"></p>
      <div class="split" part="split" role="slider" tabindex="0" aria-label="${t('splitLabel')}"
           aria-valuemin="0" aria-valuemax="100" aria-valuenow="50" hidden><span></span></div>
      <div class="zoom" part="zoom">
        <button type="button" data-zoom="out" aria-label="${t('zoomOut')}">−</button>
        <button type="button" data-zoom="fit" aria-label="${t('zoomFit')}">⤢</button>
        <button type="button" data-zoom="actual" aria-label="${t('zoomActual')} 1:1">1:1</button>
        <button type="button" data-zoom="in" aria-label="${t('zoomIn')}">+</button>
      </div>
      <button type="button" class="hold" part="hold">${t('hold')}</button>
      <div class="busy" part="busy" role="status" hidden>
        <span class="spinner" aria-hidden="true"></span>
        <span class="busy-text"></span>
        <button type="button" class="cancel">${t('cancel')}</button>
      </div>
      <p id="stage-help" class="sr-only">${t('dropHint')}</p>
    </div>
    <div class="panel" part="panel">
      <section class="photo-in" data-section="photo" part="section section-photo">
        <div class="row">
          <label class="button primary" part="button">
            <input type="file" accept="image/*,.heic,.heif,.avif" class="file-input">${t('choosePhoto')}
          </label>
          <label class="button" part="button">
            <input type="file" accept="image/*" capture="user" class="camera-input">${t('takePhoto')}
          </label>
          <button type="button" class="button sample" part="button">${t('trySample')}</button>
        </div>
        <p class="hint">${t('dropHint')}</p>
        <p class="error" role="alert" part="error"></p>
        <p class="notice" role="status" part="notice"></p>
      </section>
      <section class="look" data-section="look" part="section section-look" aria-labelledby="look-title">
        <h2 id="look-title">${t('sectionLook')}</h2>
        <fieldset class="choice looks">
          <legend>${t('coverage')}</legend>
          ${['full', 'hairline', 'crown', 'thinning'].map((c) => `<label><input type="radio" name="coverage" value="${c}"> ${t(`coverage-${c}`)}</label>`).join('')}
        </fieldset>
        <div class="control">
          <label for="density">${t('density')}</label>
          <input id="density" type="range" step="1" data-option="density">
          <output for="density" data-output="density"></output>
        </div>
        <fieldset class="shades">
          <legend>${t('shade')}</legend>
          <div class="swatches" role="radiogroup" aria-label="${t('shade')}"></div>
          <div class="row">
            <label class="colour"><input type="color" class="custom-colour"> ${t('customColour')}</label>
            <button type="button" class="button pick" aria-pressed="false">${t('pickFromHair')}</button>
          </div>
        </fieldset>
      </section>
      <section class="hairline" data-section="hairline" part="section section-hairline" aria-labelledby="hairline-title">
        <h2 id="hairline-title">${t('sectionHairline')}</h2>
        <div class="control select">
          <label for="preset">${t('hairlineStyle')}</label>
          <select id="preset" class="preset">
            ${['natural', 'youthful', 'mature', 'widows-peak', 'defined'].map((p) => `<option value="${p}">${t(`preset-${p}`)}</option>`).join('')}
            <option value="custom" disabled>${t('preset-custom')}</option>
          </select>
        </div>
        <div class="row">
          <button type="button" class="button edit-hairline" aria-pressed="false">${t('editHairline')}</button>
          <label class="check"><input type="checkbox" class="mirror" checked> ${t('mirror')}</label>
        </div>
        <p class="warning" role="status"></p>
      </section>
      <section class="compare" data-section="view" part="section section-view" aria-labelledby="compare-title">
        <h2 id="compare-title">${t('sectionView')}</h2>
        <button type="button" class="button split-toggle" aria-pressed="false">${t('compare')}</button>
      </section>
      <div class="cta-row" hidden><button type="button" class="button primary cta" part="cta button"></button></div>
      <section class="out" data-section="out" part="section section-out" aria-labelledby="out-title">
        <h2 id="out-title">${t('sectionOut')}</h2>
        <div class="row">
          <button type="button" class="button" data-export="image/png">${t('downloadPng')}</button>
          <button type="button" class="button" data-export="image/jpeg">${t('downloadJpeg')}</button>
          <button type="button" class="button" data-export="both">${t('downloadBoth')}</button>
          <button type="button" class="button share" hidden>${t('share')}</button>
        </div>
        <p class="privacy">${t('privacy')}</p>
      </section>
      <details class="fine-tune" part="fine-tune">
        <summary>${t('fineTune')}</summary>
        <div class="fine-tune-body">
          <section class="look-more" data-part-of="look" aria-label="${t('sectionLook')}">
            <div class="control">
              <label for="dot-size">${t('dotSize')}</label>
              <input id="dot-size" type="range" step="0.01" data-option="dotMm">
              <output for="dot-size" data-output="dotMm"></output>
            </div>
            <div class="control">
              <label for="dilution">${t('shadeStrength')}</label>
              <input id="dilution" type="range" step="0.01" data-option="dilution">
              <output for="dilution" data-output="dilution"></output>
            </div>
            <fieldset class="choice">
              <legend>${t('healing')}</legend>
              <label><input type="radio" name="healing" value="fresh"> ${t('fresh')}</label>
              <label><input type="radio" name="healing" value="healed"> ${t('healed')}</label>
              <label><input type="radio" name="healing" value="aged"> ${t('aged')}</label>
            </fieldset>
            <div class="control years" hidden>
              <label for="years">${t('years')}</label>
              <input id="years" type="range" step="1" data-option="years">
              <output for="years" data-output="years"></output>
            </div>
            <fieldset class="choice">
              <legend>${t('sessions')}</legend>
              <label><input type="radio" name="sessions" value="1"> 1</label>
              <label><input type="radio" name="sessions" value="2"> 2</label>
              <label><input type="radio" name="sessions" value="3"> 3</label>
            </fieldset>
            <button type="button" class="button new-pattern">${t('newPattern')}</button>
          </section>
          <section class="hairline-more" data-part-of="hairline" aria-label="${t('sectionHairline')}">
            <div class="control">
              <label for="softness">${t('edgeSoftness')}</label>
              <input id="softness" type="range" min="0.3" max="15" step="0.1" class="softness">
              <output for="softness" class="softness-value"></output>
            </div>
          </section>
          <section class="scalp" data-section="area" part="section section-area" aria-labelledby="scalp-title">
            <h2 id="scalp-title">${t('scalpTools')}</h2>
            <label class="check"><input type="radio" name="coverage" value="scar"> ${t('coverage-scar')}</label>
            <div class="row" role="group" aria-label="${t('scalpTools')}">
              <button type="button" class="button tool" data-tool="select" aria-pressed="false">${t('toolSelect')}</button>
              <button type="button" class="button tool" data-tool="brush" aria-pressed="false">${t('toolBrush')}</button>
              <button type="button" class="button tool" data-tool="erase" aria-pressed="false">${t('toolErase')}</button>
            </div>
            <div class="control">
              <label for="brush-size">${t('brushSize')}</label>
              <input id="brush-size" type="range" min="2" max="40" step="1" value="10" class="brush-size">
              <output for="brush-size" class="brush-size-value">10 mm</output>
            </div>
            <div class="row">
              <button type="button" class="button undo" disabled>${t('undo')}</button>
              <button type="button" class="button redo" disabled>${t('redo')}</button>
            </div>
            <div class="control">
              <label for="scale-correction">${t('scaleCorrection')}</label>
              <input id="scale-correction" type="range" min="50" max="200" step="1" value="100" class="scale-correction" aria-describedby="scale-source">
              <output for="scale-correction" class="scale-correction-value">100 %</output>
            </div>
            <p id="scale-source" class="hint scale-source"></p>
          </section>
          <section class="settings" data-part-of="out" aria-label="${t('saveSettings')}">
            <div class="row">
              <button type="button" class="button save-settings">${t('saveSettings')}</button>
              <label class="button"><input type="file" accept="application/json,.json" class="settings-input">${t('loadSettings')}</label>
              <button type="button" class="button reset">${t('reset')}</button>
            </div>
          </section>
        </div>
      </details>
      <p class="credit" part="credit"></p>
    </div>
  </div>`;
}
