//! The only module with `#[wasm_bindgen]` items: a thin skin over [`Session`]. Each
//! method converts JS values to core types, calls one `Session` method, and turns its
//! error into a JS `Error` carrying a `code`. No logic lives here.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::design::{Area, Coverage};
use crate::error::Error;
use crate::hairline::Preset;
use crate::options::{OptionsChange, RANGES};
use crate::photo;
use crate::scene::View;
use crate::session::Session;
use crate::shade;
use crate::Bitmap;
use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated: panics (bugs) reach the console with a
/// readable message and stack.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A JS `Error` with the human message and a stable `code` property (and, for an
/// option, the `field` it names, so a page can say it in its own words).
fn js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code().into());
    if let Error::Option { field, .. } = &error {
        let _ = js_sys::Reflect::set(&js, &"field".into(), &(*field).into());
    }
    js.into()
}

fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::json_compatible()
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serializer()).map_err(|e| js_error(Error::Settings(e.to_string())))
}

/// A partial options object from JS: a plain object (from any realm) or a `Map`, each
/// field known and given a value. serde-wasm-bindgen alone skips unknown, null and
/// undefined fields silently and does not say which field it could not read.
fn options_change(changes: &JsValue) -> Result<OptionsChange, Error> {
    let not_plain = || Error::Settings("options must be a plain object".into());
    let object: js_sys::Object = if let Some(map) = changes.dyn_ref::<js_sys::Map>() {
        js_sys::Object::from_entries(map).map_err(|_| not_plain())?
    } else if changes.is_object() && !js_sys::Array::is_array(changes) {
        // Its prototype is some realm's Object.prototype, or null.
        let prototype = js_sys::Object::get_prototype_of(changes);
        if !(prototype.is_null() || js_sys::Object::get_prototype_of(&prototype).is_null()) {
            return Err(not_plain());
        }
        changes.clone().unchecked_into()
    } else {
        return Err(not_plain());
    };
    let names: Vec<String> = js_sys::Object::keys(&object).iter().filter_map(|k| k.as_string()).collect();
    OptionsChange::check_names(names.iter().map(String::as_str))?;
    let given: Vec<(&'static str, JsValue)> = OptionsChange::FIELDS
        .into_iter()
        .filter(|field| names.iter().any(|name| name == field))
        .map(|field| (field, js_sys::Reflect::get(&object, &field.into()).unwrap_or(JsValue::UNDEFINED)))
        .collect();
    if let Some((field, _)) = given.iter().find(|(_, value)| value.is_null() || value.is_undefined()) {
        return Err(Error::option(field, "needs a value (it was null or undefined)"));
    }
    serde_wasm_bindgen::from_value(object.into()).map_err(|error| {
        let text = error.to_string();
        let text = text.strip_prefix("Error: ").unwrap_or(&text).to_owned();
        // Which field could not be read: the first that fails alone.
        let field = given.iter().find(|(field, value)| {
            let alone = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&alone, &(*field).into(), value);
            serde_wasm_bindgen::from_value::<OptionsChange>(alone.into()).is_err()
        });
        match field {
            Some((field, _)) => Error::option(field, text),
            None => Error::Settings(format!("settings are not valid: {text}")),
        }
    })
}

/// A name such as "widows-peak" as the core enum it names (through its serde names).
fn parse_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    use serde::de::IntoDeserializer;
    let name: serde::de::value::StrDeserializer<'_, serde::de::value::Error> = name.into_deserializer();
    T::deserialize(name).ok()
}

/// The region of the photo (x, y, width, height in photo pixels) rendered at
/// `out_width × out_height`: how every render method takes its view.
fn view(x: f64, y: f64, width: f64, height: f64, out_width: u32, out_height: u32) -> View {
    View { x, y, width, height, out_width, out_height }
}

/// One visualisation: a photo, where the dots go, and how they look.
#[wasm_bindgen]
#[derive(Default)]
pub struct Visualiser {
    session: Session,
}

#[wasm_bindgen]
impl Visualiser {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Visualiser {
        Visualiser::default()
    }

    /// Decodes photo file bytes (JPEG, PNG, WebP), honouring EXIF orientation. On
    /// success returns `{ width, height, format, orientation, warning }`. A file refused
    /// from its header leaves the open photo alone; once decoding starts the old photo
    /// is dropped first, so memory never holds two large photos (if the decoder then
    /// fails, `width` reads 0 and the caller reopens the previous file).
    #[wasm_bindgen(js_name = loadPhoto)]
    pub fn load_photo(&mut self, bytes: &[u8]) -> Result<JsValue, JsValue> {
        to_js(&self.session.load_photo(bytes).map_err(js_error)?)
    }

    /// Takes pixels the browser already decoded: straight RGBA8, stride `width * 4`.
    #[wasm_bindgen(js_name = loadPixels)]
    pub fn load_pixels(&mut self, width: u32, height: u32, rgba: Vec<u8>) -> Result<(), JsValue> {
        self.session.load_pixels(width, height, rgba).map_err(js_error)
    }

    /// Drops the open photo (before handing over a large browser-decoded one).
    #[wasm_bindgen(js_name = clearPhoto)]
    pub fn clear_photo(&mut self) {
        self.session.clear_photo();
    }

    /// Width of the open photo in pixels (0 when none).
    #[wasm_bindgen(getter)]
    pub fn width(&self) -> u32 {
        self.session.photo_size().0
    }

    /// Height of the open photo in pixels (0 when none).
    #[wasm_bindgen(getter)]
    pub fn height(&self) -> u32 {
        self.session.photo_size().1
    }

    /// The current options as a plain object (see `Options` for the fields).
    pub fn options(&self) -> Result<JsValue, JsValue> {
        to_js(self.session.options())
    }

    /// Applies a full or partial options object over the current one. Invalid or unknown
    /// fields are refused by name and nothing changes.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, changes: JsValue) -> Result<(), JsValue> {
        let change = options_change(&changes).map_err(js_error)?;
        self.session.set_options(change).map_err(js_error)
    }

    /// The default options (what "Reset" returns to).
    #[wasm_bindgen(js_name = defaultOptions)]
    pub fn default_options() -> Result<JsValue, JsValue> {
        to_js(&crate::Options::default())
    }

    /// Checks a file's header before anyone decodes it: returns `{ format, width,
    /// height, decodable, complete, orientation }` (format: "JPEG", "PNG", "WebP", "GIF", "BMP",
    /// "TIFF", "AVIF", "HEIC", "SVG" or "unknown"; size null when the header is not read;
    /// decodable: whether `loadPhoto` takes it, else a browser may; complete: whether
    /// the file ends as a whole picture does; orientation: a JPEG's EXIF orientation,
    /// 1–8) or throws for empty and oversized files.
    #[wasm_bindgen(js_name = probePhoto)]
    pub fn probe_photo(bytes: &[u8]) -> Result<JsValue, JsValue> {
        let probe = photo::probe(bytes).map_err(js_error)?;
        to_js(&ProbeInfo {
            format: probe.format.name(),
            width: probe.size.map(|s| s.0),
            height: probe.size.map(|s| s.1),
            decodable: probe.decodable,
            complete: probe.complete,
            orientation: probe.orientation,
        })
    }

    /// Allowed range and default of every numeric option, for building controls.
    #[wasm_bindgen(js_name = optionRanges)]
    pub fn option_ranges() -> Result<JsValue, JsValue> {
        to_js(&RANGES)
    }

    /// Photo scale in pixels per mm.
    #[wasm_bindgen(getter)]
    pub fn scale(&self) -> f32 {
        self.session.px_per_mm()
    }

    /// A scale known with the photo, pixels per mm (pupil markers, once placed, win).
    #[wasm_bindgen(js_name = setScale)]
    pub fn set_scale(&mut self, px_per_mm: f32) -> Result<(), JsValue> {
        self.session.set_scale(px_per_mm).map_err(js_error)
    }

    /// The user's correction of the automatic scale, a factor from 0.5 to 2 (above 1:
    /// the head is smaller than assumed, so dots and brushes shrink on the photo).
    #[wasm_bindgen(js_name = setScaleCorrection)]
    pub fn set_scale_correction(&mut self, factor: f32) -> Result<(), JsValue> {
        self.session.set_scale_correction(factor).map_err(js_error)
    }

    /// Treatment area as an ellipse in photo pixels, feathered over `feather_mm`.
    #[wasm_bindgen(js_name = setTreatmentEllipse)]
    pub fn set_treatment_ellipse(
        &mut self,
        cx: f32,
        cy: f32,
        rx: f32,
        ry: f32,
        feather_mm: f32,
    ) -> Result<(), JsValue> {
        let area = Area { centre: [cx, cy], radii: [rx, ry], feather_mm };
        self.session.set_treatment_ellipse(area).map_err(js_error)
    }

    /// Places the face frame from the two pupils (photo pixels): sets the scale from
    /// the interpupillary distance and the head tilt.
    #[wasm_bindgen(js_name = setPupils)]
    pub fn set_pupils(
        &mut self,
        left_x: f32,
        left_y: f32,
        right_x: f32,
        right_y: f32,
        eye_turn: Option<f32>,
    ) -> Result<(), JsValue> {
        self.session.set_pupils([left_x, left_y], [right_x, right_y], eye_turn).map_err(js_error)
    }

    /// Starts the hairline from a preset: "natural", "youthful", "mature",
    /// "widows-peak" or "defined".
    #[wasm_bindgen(js_name = setHairlinePreset)]
    pub fn set_hairline_preset(&mut self, preset: &str) -> Result<(), JsValue> {
        let preset: Preset = parse_name(preset).ok_or_else(|| {
            js_error(Error::option(
                "hairlinePreset",
                format!("must be natural, youthful, mature, widows-peak or defined (got {preset:?})"),
            ))
        })?;
        self.session.set_preset(preset).map_err(js_error)
    }

    /// Starts an undo step for the hairline: the moves that follow (one drag) undo
    /// together.
    #[wasm_bindgen(js_name = beginHairlineEdit)]
    pub fn begin_hairline_edit(&mut self) -> Result<(), JsValue> {
        self.session.begin_hairline_edit().map_err(js_error)
    }

    /// Moves hairline control point `index` to (x, y) in photo pixels; with `mirror`
    /// its partner on the other side follows.
    #[wasm_bindgen(js_name = moveHairlinePoint)]
    pub fn move_hairline_point(&mut self, index: usize, x: f32, y: f32, mirror: bool) -> Result<(), JsValue> {
        self.session.move_hairline_point(index, [x, y], mirror).map_err(js_error)
    }

    /// Edge softness: how far behind the hairline density builds up, mm.
    #[wasm_bindgen(js_name = setEdgeSoftness)]
    pub fn set_edge_softness(&mut self, mm: f32) -> Result<(), JsValue> {
        self.session.set_edge_softness(mm).map_err(js_error)
    }

    /// What the dots cover: "hairline", "crown", "full", "scar" or "thinning".
    #[wasm_bindgen(js_name = setCoverage)]
    pub fn set_coverage(&mut self, coverage: &str) -> Result<(), JsValue> {
        let coverage: Coverage = parse_name(coverage).ok_or_else(|| {
            js_error(Error::option(
                "coverage",
                format!("must be hairline, crown, full, scar or thinning (got {coverage:?})"),
            ))
        })?;
        self.session.set_coverage(coverage).map_err(js_error)
    }

    /// One tap (photo pixels) on bald or thinning skin: suggests the scalp area.
    #[wasm_bindgen(js_name = selectScalp)]
    pub fn select_scalp(&mut self, x: f32, y: f32) -> Result<(), JsValue> {
        self.session.select_scalp([x, y]).map_err(js_error)
    }

    /// A brush (or, with `erase`, eraser) stroke segment from (x0, y0) to (x1, y1) in
    /// photo pixels, `radius_mm` wide; `begin` marks the first segment of a stroke
    /// (one undo step per stroke).
    #[wasm_bindgen(js_name = brushScalp)]
    #[allow(clippy::too_many_arguments)]
    pub fn brush_scalp(
        &mut self,
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        radius_mm: f32,
        erase: bool,
        begin: bool,
    ) -> Result<(), JsValue> {
        self.session.brush([x0, y0], [x1, y1], radius_mm, erase, begin).map_err(js_error)
    }

    /// Undoes (or with `redo`, redoes) the last hairline edit, or selection or stroke
    /// of the scalp (or, in scar coverage, of the scar).
    #[wasm_bindgen(js_name = stepScalpHistory)]
    pub fn step_scalp_history(&mut self, redo: bool) -> Result<bool, JsValue> {
        self.session.step_history(redo).map_err(js_error)
    }

    /// With `true`, design edits that follow only update the design; with `false`, the
    /// weight map catches up once. For replaying a long list of edits quickly.
    #[wasm_bindgen(js_name = deferRefresh)]
    pub fn defer_refresh(&mut self, defer: bool) -> Result<(), JsValue> {
        self.session.defer_refresh(defer).map_err(js_error)
    }

    /// A copy of the open photo at most `max_side` px on its longer side, for the photo
    /// analysis: its width as 4 bytes (u32, little-endian), then its pixels, straight
    /// RGBA8, stride width × 4.
    #[wasm_bindgen(js_name = analysisCopy)]
    pub fn analysis_copy(&self, max_side: u32) -> Result<Vec<u8>, JsValue> {
        self.session.analysis_copy(max_side).map_err(js_error)
    }

    /// The treatment area the photo analysis found: `width × height` cells (row-major,
    /// 0–255) spread over the photo. Replaces the scalp selection (not an undo step).
    #[wasm_bindgen(js_name = setScalpArea)]
    pub fn set_scalp_area(&mut self, width: u32, height: u32, cells: Vec<u8>) -> Result<(), JsValue> {
        self.session.set_scalp_area(width, height, cells).map_err(js_error)
    }

    /// How foreshortened the front of the head is (0.35–1, from the photo analysis): the
    /// hairline preset's heights are multiplied by it.
    #[wasm_bindgen(js_name = setForeshortening)]
    pub fn set_foreshortening(&mut self, factor: f32) -> Result<(), JsValue> {
        self.session.set_foreshortening(factor).map_err(js_error)
    }

    /// An upright face frame for a photo without eyes in view: origin (photo px) and the
    /// scale from the head's size (px/mm).
    #[wasm_bindgen(js_name = setHeadFrame)]
    pub fn set_head_frame(&mut self, x: f32, y: f32, px_per_mm: f32) -> Result<(), JsValue> {
        self.session.set_head_frame([x, y], px_per_mm).map_err(js_error)
    }

    /// The design for drawing it: `{ preset, coverage, edgeSoftness, scale,
    /// scaleSource, scaleCorrection, pupils, eyes, handles: [[x, y]], curve: [[x, y]],
    /// warning, canUndo, canRedo }`, positions in photo pixels; pupils: the markers once
    /// placed (else null), eyes: the pupils or where the face frame puts them; scaleSource
    /// is "guess", "given", "eyes", "scalp-width" or "head-size".
    pub fn design(&self) -> Result<JsValue, JsValue> {
        to_js(&self.session.design_info().map_err(js_error)?)
    }

    /// Renders the photo region (x, y, width, height in photo pixels) into an
    /// `out_width × out_height` frame (straight RGBA8, stride `out_width * 4`) and returns a
    /// view of it in wasm memory, not a copy:
    /// no copy at all for a caller that puts it on a canvas at once. The view is valid
    /// only until the next call into this module (which may move or reuse the memory):
    /// never keep it, nor an `ImageData` made on it.
    #[wasm_bindgen(js_name = renderView)]
    pub fn render_view(
        &mut self,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        out_width: u32,
        out_height: u32,
    ) -> Result<js_sys::Uint8Array, JsValue> {
        let frame = self.session.render_view(view(x, y, width, height, out_width, out_height)).map_err(js_error)?;
        // SAFETY: the view is handed straight to JS and nothing in this call allocates
        // after it is made; the doc comment tells callers not to keep it.
        Ok(unsafe { js_sys::Uint8Array::view(frame.data()) })
    }

    /// The same region as `render` but without pigment: the "before" picture.
    #[wasm_bindgen(js_name = renderBase)]
    pub fn render_base(
        &mut self,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        out_width: u32,
        out_height: u32,
    ) -> Result<Vec<u8>, JsValue> {
        let view = view(x, y, width, height, out_width, out_height);
        self.session.render_base(view).map(Bitmap::into_data).map_err(js_error)
    }

    /// Rows `y .. y + rows` of the full-resolution result, with pigment (or without it
    /// when `with_pigment` is false): straight RGBA8, stride `width * 4`, a copy. Exports
    /// are assembled from such strips so wasm memory never holds a second full-size
    /// image.
    #[wasm_bindgen(js_name = renderRows)]
    pub fn render_rows(&mut self, y: u32, rows: u32, with_pigment: bool) -> Result<Vec<u8>, JsValue> {
        self.session.render_rows(y, rows, with_pigment).map(Bitmap::into_data).map_err(js_error)
    }

    /// The shade presets, light to dark: `[{ id, pigment, dilution }]`.
    #[wasm_bindgen(js_name = shadePresets)]
    pub fn shade_presets() -> Result<JsValue, JsValue> {
        to_js(&shade::PRESETS)
    }

    /// "Match my hair": `{ id, pigment, dilution, density, hairLightness,
    /// treatedLightness }` that make the treated scalp read, at arm's length, as the hair
    /// or stubble around photo point (x, y) (a patch 3 mm in radius): tone within a few
    /// L* of that hair where the allowed settings reach it.
    #[wasm_bindgen(js_name = suggestShade)]
    pub fn suggest_shade(&mut self, x: f32, y: f32) -> Result<JsValue, JsValue> {
        to_js(&self.session.suggest_shade([x, y]).map_err(js_error)?)
    }

    /// Panics on purpose: lets the end-to-end tests prove that a bug in the core ends as
    /// an `error` event and a restarted, working widget. Not part of the API.
    #[wasm_bindgen(js_name = __panicForTests)]
    #[allow(clippy::panic)]
    pub fn panic_for_tests(&self) {
        panic!("deliberate panic requested by a test");
    }
}

/// Exports only the benchmark page and the browser tests use (`--features bench-api`):
/// kept out of the shipped module, whose transfer budget is tight.
#[cfg(feature = "bench-api")]
#[wasm_bindgen]
impl Visualiser {
    /// Renders the photo region (x, y, width, height in photo pixels) into an
    /// `out_width × out_height` frame: straight RGBA8, stride `out_width * 4`, returned as a
    /// fresh `Uint8Array` (a copy, never a view of wasm memory).
    pub fn render(
        &mut self,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        out_width: u32,
        out_height: u32,
    ) -> Result<Vec<u8>, JsValue> {
        let view = view(x, y, width, height, out_width, out_height);
        self.session.render_view(view).map(|frame| frame.data().to_vec()).map_err(js_error)
    }

    /// The dots `render` would draw for the same arguments, as a flat array of
    /// `[x, y, rx, ry, angle, absorbGreen, haloSigma, haloRatio]` per dot (output pixels):
    /// for the benchmark's plain Canvas2D peer, which draws the same dots.
    pub fn dots(
        &mut self,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        out_width: u32,
        out_height: u32,
    ) -> Result<Vec<f32>, JsValue> {
        let dots = self.session.dots(view(x, y, width, height, out_width, out_height)).map_err(js_error)?;
        Ok(dots.iter().flat_map(|d| [d.x, d.y, d.rx, d.ry, d.angle, d.absorb[1], d.halo_sigma, d.halo_ratio]).collect())
    }

    /// Treatment everywhere at `weight` (0..=1): for benchmarks and full-scalp tests.
    #[wasm_bindgen(js_name = setTreatmentUniform)]
    pub fn set_treatment_uniform(&mut self, weight: f32) -> Result<(), JsValue> {
        self.session.set_treatment_uniform(weight).map_err(js_error)
    }
}

#[derive(serde::Serialize)]
struct ProbeInfo {
    format: &'static str,
    width: Option<u32>,
    height: Option<u32>,
    decodable: bool,
    complete: bool,
    orientation: u8,
}
