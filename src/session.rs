//! One visualisation as the page edits it: the open photo's [`Scene`] (what a render
//! needs) and its [`Design`] (where the dots go), kept in step in one place.
//!
//! The scale (pixels per mm) has one owner, the design: the pupils, a given scale, the
//! head frame, a scalp tap and the user's correction all set it there, and
//! [`Session::catch_up`] is the only code that hands it (with the weight map it
//! shapes) to the scene. Everything the wasm binding does is a method here, in plain
//! Rust, so it is tested natively and fuzzed as a whole (`fuzzing::session`).
//!
//! The public methods are `#[inline]`: each has one caller in the binding, and folded
//! into it the shipped wasm is smaller (its first-load budget is tight).

use crate::design::{Area, Coverage, Design, ScaleSource};
use crate::error::{Error, Result};
use crate::hairline::Preset;
use crate::mask::Mask;
use crate::options::{Options, OptionsChange};
use crate::photo;
use crate::scene::{guess_px_per_mm, Scene, View};
use crate::shade::{self, HairMatch};
use crate::Bitmap;
use serde::Serialize;

/// One visualisation: a photo, where the dots go, and how they look.
#[derive(Default)]
pub struct Session {
    scene: Scene,
    /// Where the dots go on the open photo (None while no photo is open).
    design: Option<Design>,
    /// While true, design edits only update the design (a replay of many edits).
    deferred: bool,
    /// The scene's scale and weight map are behind the design: set by every design
    /// edit, cleared by [`Session::catch_up`].
    behind: bool,
}

/// What opening a photo file found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoInfo {
    pub width: u32,
    pub height: u32,
    /// "JPEG", "PNG" or "WebP".
    pub format: &'static str,
    /// The EXIF orientation applied (1: none).
    pub orientation: u8,
    /// Something the user should know although the photo opened.
    pub warning: Option<String>,
}

/// The design as the page draws it; positions in photo pixels.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DesignInfo {
    pub preset: Preset,
    /// The hairline was moved by hand away from the preset's.
    pub reshaped: bool,
    pub coverage: Coverage,
    pub edge_softness: f32,
    /// Pixels per mm: the design's, which every render uses.
    pub scale: f32,
    pub scale_source: ScaleSource,
    pub scale_correction: f32,
    /// The pupil markers once placed.
    pub pupils: Option<[[f32; 2]; 2]>,
    /// The pupils, or where the face frame puts them.
    pub eyes: [[f32; 2]; 2],
    pub handles: Vec<[f32; 2]>,
    pub curve: Vec<[f32; 2]>,
    pub warning: Option<String>,
    pub can_undo: bool,
    pub can_redo: bool,
}

impl Session {
    #[inline]
    pub fn new() -> Session {
        Session::default()
    }

    // Photo.

    /// Decodes photo file bytes (JPEG, PNG, WebP), honouring EXIF orientation. A file
    /// refused from its header leaves the open photo alone; once decoding starts the
    /// old photo (and its design) is dropped first, so memory never holds two large
    /// photos.
    #[inline]
    pub fn load_photo(&mut self, bytes: &[u8]) -> Result<PhotoInfo> {
        if photo::probe(bytes)?.decodable {
            self.clear_photo();
        }
        let photo = photo::decode(bytes)?;
        let info = PhotoInfo {
            width: photo.bitmap.width(),
            height: photo.bitmap.height(),
            format: photo.format.name(),
            orientation: photo.orientation,
            warning: photo.warning,
        };
        self.open(photo.bitmap)?;
        Ok(info)
    }

    /// Takes pixels already decoded: straight RGBA8, stride `width * 4`.
    #[inline]
    pub fn load_pixels(&mut self, width: u32, height: u32, rgba: Vec<u8>) -> Result<()> {
        photo::check_dimensions(width, height)?;
        self.open(Bitmap::from_rgba(width, height, rgba)?)
    }

    /// Drops the open photo and its design (before taking a large new one).
    #[inline]
    pub fn clear_photo(&mut self) {
        self.scene.clear_photo();
        self.design = None;
        self.behind = false;
    }

    /// The open photo, if any.
    #[inline]
    pub fn photo(&self) -> Option<&Bitmap> {
        self.scene.photo()
    }

    /// The open photo's size in pixels ((0, 0) when none).
    #[inline]
    pub fn photo_size(&self) -> (u32, u32) {
        self.photo().map_or((0, 0), |photo| (photo.width(), photo.height()))
    }

    /// A fresh design for a photo just opened, at a scale guessed from its width.
    fn open(&mut self, photo: Bitmap) -> Result<()> {
        let (width, height) = (photo.width(), photo.height());
        self.scene.set_photo(photo);
        self.design = Some(Design::new(width, height, guess_px_per_mm(width)));
        self.edited()
    }

    // Options.

    #[inline]
    pub fn options(&self) -> &Options {
        self.scene.options()
    }

    /// Applies a partial change over the current options; on error nothing changes.
    #[inline]
    pub fn set_options(&mut self, change: OptionsChange) -> Result<()> {
        let options = self.scene.options().merged(change)?;
        self.scene.set_options(options)
    }

    // Scale: the design owns it.

    /// The scale every render uses, pixels per mm: the design's (the renderer's
    /// placeholder while no photo is open).
    #[inline]
    pub fn px_per_mm(&self) -> f32 {
        self.design.as_ref().map_or(self.scene.px_per_mm(), Design::px_per_mm)
    }

    /// A scale known with the photo, pixels per mm (pupil markers, once placed, win).
    #[inline]
    pub fn set_scale(&mut self, px_per_mm: f32) -> Result<()> {
        self.design_mut()?.set_scale(px_per_mm)?;
        self.edited()
    }

    /// The user's correction of the automatic scale, a factor from 0.5 to 2.
    #[inline]
    pub fn set_scale_correction(&mut self, factor: f32) -> Result<()> {
        self.design_mut()?.set_scale_correction(factor)?;
        self.edited()
    }

    /// Places the face frame from the two pupils (photo pixels): the scale from the
    /// interpupillary distance, and the head's tilt; `eye_turn` (0.6–1, a turned head,
    /// see `Design::set_pupils_turned`), or the turn as before.
    #[inline]
    pub fn set_pupils(&mut self, left: [f32; 2], right: [f32; 2], eye_turn: Option<f32>) -> Result<()> {
        let design = self.design_mut()?;
        match eye_turn {
            Some(turn) => design.set_pupils_turned(left, right, turn)?,
            None => design.set_pupils(left, right)?,
        };
        self.edited()
    }

    /// An upright face frame for a photo without eyes in view: origin (photo px) and the
    /// scale from the head's size (px/mm).
    #[inline]
    pub fn set_head_frame(&mut self, origin: [f32; 2], px_per_mm: f32) -> Result<()> {
        self.design_mut()?.set_head_frame(origin, px_per_mm)?;
        self.edited()
    }

    // Design.

    /// The treatment area as an ellipse in photo pixels.
    #[inline]
    pub fn set_treatment_ellipse(&mut self, area: Area) -> Result<()> {
        self.design_mut()?.set_area(area)?;
        self.edited()
    }

    /// Starts the hairline again from a preset (undoably).
    #[inline]
    pub fn set_preset(&mut self, preset: Preset) -> Result<()> {
        self.design_mut()?.set_preset(preset);
        self.edited()
    }

    /// Starts an undo step for the hairline: the moves that follow (one drag) undo
    /// together.
    #[inline]
    pub fn begin_hairline_edit(&mut self) -> Result<()> {
        // Only an undo step: nothing the scene shows changes.
        self.design_mut()?.begin_hairline_edit();
        Ok(())
    }

    /// Moves hairline control point `index` to a photo position; with `mirror` its
    /// partner on the other side follows.
    #[inline]
    pub fn move_hairline_point(&mut self, index: usize, to: [f32; 2], mirror: bool) -> Result<()> {
        self.design_mut()?.move_point(index, to, mirror)?;
        self.edited()
    }

    /// Edge softness: how far behind the hairline density builds up, mm.
    #[inline]
    pub fn set_edge_softness(&mut self, mm: f32) -> Result<()> {
        self.design_mut()?.set_edge_softness(mm)?;
        self.edited()
    }

    #[inline]
    pub fn set_coverage(&mut self, coverage: Coverage) -> Result<()> {
        self.design_mut()?.set_coverage(coverage);
        self.edited()
    }

    /// One tap (photo pixels) on bald or thinning skin: suggests the scalp area.
    #[inline]
    pub fn select_scalp(&mut self, tap: [f32; 2]) -> Result<()> {
        let (Some(photo), Some(design)) = (self.scene.photo(), self.design.as_mut()) else {
            return Err(Error::NoPhoto);
        };
        design.select_scalp(photo, tap)?;
        self.edited()
    }

    /// A brush (or eraser) stroke segment in photo pixels, `radius_mm` wide; `begin`
    /// marks a stroke's first segment (one undo step per stroke).
    #[inline]
    pub fn brush(&mut self, from: [f32; 2], to: [f32; 2], radius_mm: f32, erase: bool, begin: bool) -> Result<()> {
        self.design_mut()?.brush(from, to, radius_mm, erase, begin)?;
        self.edited()
    }

    /// Undoes (or with `redo`, redoes) the last hairline or mask edit; returns whether
    /// anything changed.
    #[inline]
    pub fn step_history(&mut self, redo: bool) -> Result<bool> {
        let changed = self.design_mut()?.step_history(redo);
        if changed {
            self.edited()?;
        }
        Ok(changed)
    }

    /// The treatment area the photo analysis found, `width × height` cells (0–255) over
    /// the photo: replaces the scalp selection (not an undo step).
    #[inline]
    pub fn set_scalp_area(&mut self, width: u32, height: u32, cells: Vec<u8>) -> Result<()> {
        let photo = self.scene.photo().ok_or(Error::NoPhoto)?;
        let area = Mask::from_cells(photo.width(), photo.height(), width, height, cells)?;
        self.design_mut()?.set_scalp_area(area)?;
        self.edited()
    }

    /// How foreshortened the front of the head is (0.35–1): the preset's heights are
    /// multiplied by it.
    #[inline]
    pub fn set_foreshortening(&mut self, factor: f32) -> Result<()> {
        self.design_mut()?.set_foreshortening(factor)?;
        self.edited()
    }

    /// The open photo's design, for reading.
    #[inline]
    pub fn design(&self) -> Option<&Design> {
        self.design.as_ref()
    }

    /// The design for drawing it.
    #[inline]
    pub fn design_info(&self) -> Result<DesignInfo> {
        let design = self.design.as_ref().ok_or(Error::NoPhoto)?;
        let (can_undo, can_redo) = design.history();
        Ok(DesignInfo {
            preset: design.preset(),
            reshaped: design.reshaped(),
            coverage: design.coverage(),
            edge_softness: design.hairline().feather_mm(),
            scale: design.px_per_mm(),
            scale_source: design.scale_source(),
            scale_correction: design.scale_correction(),
            pupils: design.pupils(),
            eyes: design.eyes(),
            handles: design.handles_px(),
            curve: design.curve_px(),
            warning: design.hairline_warning(),
            can_undo,
            can_redo,
        })
    }

    // Keeping the scene in step.

    /// With `true`, design edits that follow only update the design; with `false`, the
    /// scene catches up once. (A render catches up meanwhile: it never shows an outdated
    /// design.)
    #[inline]
    pub fn defer_refresh(&mut self, defer: bool) -> Result<()> {
        self.deferred = defer;
        if defer {
            Ok(())
        } else {
            self.catch_up()
        }
    }

    /// The design, for an edit. An edit the design refuses changes nothing (the session
    /// fuzz target checks that renders always match the design), so the scene follows
    /// only edits that succeed.
    fn design_mut(&mut self) -> Result<&mut Design> {
        self.design.as_mut().ok_or(Error::NoPhoto)
    }

    /// After a design edit: the scene follows now, or once refreshing resumes.
    fn edited(&mut self) -> Result<()> {
        self.behind = true;
        if self.deferred {
            Ok(())
        } else {
            self.catch_up()
        }
    }

    /// Hands the design's scale and weight map to the scene if it is behind: the one
    /// place the two are kept in step.
    fn catch_up(&mut self) -> Result<()> {
        if !self.behind {
            return Ok(());
        }
        let (Some(photo), Some(design)) = (self.scene.photo(), self.design.as_ref()) else {
            return Err(Error::NoPhoto);
        };
        let map = design.weight_map(photo)?;
        let px_per_mm = design.px_per_mm();
        self.scene.set_px_per_mm(px_per_mm)?;
        self.scene.set_weight_map(map)?;
        self.behind = false;
        Ok(())
    }

    // Rendering.

    /// Renders `view` into a frame the scene keeps and reuses (see
    /// [`Scene::render_frame`]): what the page shows, for every pan, zoom and edit.
    #[inline]
    pub fn render_view(&mut self, view: View) -> Result<&Bitmap> {
        self.catch_up()?;
        self.scene.render_frame(view)
    }

    /// The same view without pigment: the "before" picture.
    #[inline]
    pub fn render_base(&self, view: View) -> Result<Bitmap> {
        self.scene.render_base(view)
    }

    /// Rows `y .. y + rows` of the full-resolution result, with pigment or without:
    /// exports are assembled from such strips, so no second full-size image is held.
    #[inline]
    pub fn render_rows(&mut self, y: u32, rows: u32, with_pigment: bool) -> Result<Bitmap> {
        let width = self.scene.photo().ok_or(Error::NoPhoto)?.width();
        let view = View {
            x: 0.0,
            y: f64::from(y),
            width: f64::from(width),
            height: f64::from(rows),
            out_width: width,
            out_height: rows,
        };
        if with_pigment {
            self.catch_up()?;
            self.scene.render(view)
        } else {
            self.scene.render_base(view)
        }
    }

    /// A copy of the open photo at most `max_side` px on its longer side, for the photo
    /// analysis: its width as 4 bytes (u32, little-endian), then its pixels.
    #[inline]
    pub fn analysis_copy(&self, max_side: u32) -> Result<Vec<u8>> {
        let copy = self.scene.photo().ok_or(Error::NoPhoto)?.downscaled(max_side);
        let mut out = copy.width().to_le_bytes().to_vec();
        out.extend_from_slice(copy.data());
        Ok(out)
    }

    /// "Match my hair": the shade, dilution and density that make the treated scalp
    /// read as the hair around photo point `at` (a patch 3 mm in radius).
    #[inline]
    pub fn suggest_shade(&mut self, at: [f32; 2]) -> Result<HairMatch> {
        self.catch_up()?;
        let radius = 3.0 * self.px_per_mm();
        let skin = self.scene.treated_skin();
        let photo = self.scene.photo().ok_or(Error::NoPhoto)?;
        let [x, y] = at;
        match skin {
            Some(skin) => shade::match_hair(photo, x, y, radius, skin, self.scene.options()),
            None => {
                let shade = shade::suggest(photo, x, y, radius)?;
                Ok(HairMatch {
                    id: shade.id,
                    pigment: shade.pigment,
                    dilution: shade.dilution,
                    density: self.scene.options().density,
                    hair_lightness: f32::NAN,
                    treated_lightness: f32::NAN,
                })
            }
        }
    }
}

/// What only the benchmark page and the browser tests use (`bench-api`): kept out of
/// the shipped module.
#[cfg(any(test, feature = "bench-api"))]
impl Session {
    /// The dots `render_view` would draw for `view`, in output pixels.
    #[inline]
    pub fn dots(&mut self, view: View) -> Result<Vec<crate::splat::Dot>> {
        self.catch_up()?;
        self.scene.dots(view)
    }

    /// Treatment everywhere at `weight` (0..=1), until the next design edit.
    #[inline]
    pub fn set_treatment_uniform(&mut self, weight: f32) -> Result<()> {
        self.catch_up()?;
        let photo = self.scene.photo().ok_or(Error::NoPhoto)?;
        let map = crate::WeightMap::uniform(photo.width(), photo.height(), weight)?;
        self.scene.set_weight_map(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::IPD_MM;
    use crate::options::Healing;

    /// A session with a 240 × 200 skin-toned photo open (a darker band for the tap
    /// selection to stop at).
    fn open_session() -> Session {
        let mut photo = Bitmap::filled(240, 200, [222, 184, 160, 255]).expect("photo");
        for y in 150..200 {
            for x in 0..240 {
                photo.set_pixel(x, y, [40, 30, 25, 255]);
            }
        }
        let mut session = Session::new();
        session.load_pixels(240, 200, photo.into_data()).expect("pixels");
        session
    }

    /// What a fresh scene renders, uncached, from the session's photo, options and
    /// design (the design's scale and weight map).
    fn fresh_render(session: &Session, view: View) -> Bitmap {
        let (photo, design) = (session.photo().expect("photo"), session.design().expect("design"));
        let mut scene = Scene::new();
        scene.set_photo(photo.clone());
        scene.set_options(session.options().clone()).expect("options");
        scene.set_px_per_mm(design.px_per_mm()).expect("scale");
        scene.set_weight_map(design.weight_map(photo).expect("map")).expect("map");
        scene.render(view).expect("render")
    }

    fn assert_renders_its_design(session: &mut Session, view: View, after: &str) {
        let expected = fresh_render(session, view);
        let cached = session.render_view(view).expect("render");
        assert!(*cached == expected, "after {after}: the cached render differs from an uncached one of the design");
        let strip = session.render_rows(20, 30, true).expect("rows");
        let (w, _) = session.photo_size();
        let full_strip = fresh_render(session, View { y: 20.0, height: 30.0, out_height: 30, ..View::full(w, 30) });
        assert!(strip == full_strip, "after {after}: the export's strip differs");
    }

    #[test]
    fn the_cached_render_equals_the_uncached_one_after_every_edit() {
        let mut session = open_session();
        let views = [
            View::full(240, 200),
            View { x: 30.5, y: 10.25, width: 120.0, height: 80.0, out_width: 240, out_height: 160 },
            View { x: -20.0, y: -10.0, width: 300.0, height: 260.0, out_width: 75, out_height: 65 },
        ];
        type Edit = (&'static str, fn(&mut Session) -> Result<()>);
        let edits: [Edit; 12] = [
            ("nothing", |_| Ok(())),
            ("a given scale", |s| s.set_scale(3.0)),
            ("pupils", |s| s.set_pupils([90.0, 140.0], [150.0, 141.0], None)),
            ("a density", |s| s.set_options(OptionsChange { density: Some(160.0), ..Default::default() })),
            ("a preset", |s| s.set_preset(Preset::Mature)),
            ("full coverage", |s| s.set_coverage(Coverage::Full)),
            ("a scale correction", |s| s.set_scale_correction(1.3)),
            ("fresh healing and a seed", |s| {
                s.set_options(OptionsChange { healing: Some(Healing::Fresh), seed: Some(9), ..Default::default() })
            }),
            ("a scalp tap", |s| s.select_scalp([120.0, 60.0])),
            ("a brush stroke", |s| s.brush([20.0, 20.0], [200.0, 40.0], 4.0, true, true)),
            ("undo", |s| s.step_history(false).map(|_| ())),
            ("a head frame", |s| s.set_head_frame([120.0, 160.0], 1.2)),
        ];
        for (name, edit) in edits {
            edit(&mut session).unwrap_or_else(|e| panic!("{name}: {e}"));
            // Several views in turn, so each render starts from another view's caches.
            for view in views.iter().chain(&views) {
                assert_renders_its_design(&mut session, *view, name);
            }
        }
    }

    #[test]
    fn the_scale_has_one_owner() {
        let mut session = open_session();
        let scale = |s: &Session| (s.px_per_mm(), s.design_info().expect("info").scale, s.scene.px_per_mm());
        let guess = guess_px_per_mm(240);
        assert_eq!(scale(&session), (guess, guess, guess));
        session.set_scale(5.0).expect("scale");
        assert_eq!(scale(&session), (5.0, 5.0, 5.0));
        // Pupils 60 px apart: the interpupillary distance gives the scale, and renders use it.
        session.set_pupils([90.0, 140.0], [150.0, 140.0], None).expect("pupils");
        let eyes = 60.0 / IPD_MM;
        assert!((session.px_per_mm() - eyes).abs() < 1e-4, "{}", session.px_per_mm());
        assert_eq!(scale(&session), (session.px_per_mm(), session.px_per_mm(), session.px_per_mm()));
        assert_eq!(session.design_info().expect("info").scale_source, ScaleSource::Eyes);
        session.set_scale(7.0).expect("a given scale yields to the eyes");
        assert!((session.px_per_mm() - eyes).abs() < 1e-4);
        session.set_head_frame([120.0, 150.0], 2.5).expect("head frame");
        assert_eq!(scale(&session), (2.5, 2.5, 2.5));
        session.set_scale_correction(2.0).expect("correction");
        assert_eq!(scale(&session), (5.0, 5.0, 5.0));
        // While deferred the design still reports its scale at once; the scene follows
        // at the latest with the next render.
        session.defer_refresh(true).expect("defer");
        session.set_scale_correction(1.0).expect("correction");
        assert_eq!((session.px_per_mm(), session.design_info().expect("info").scale), (2.5, 2.5));
        let view = View::full(240, 200);
        let expected = fresh_render(&session, view);
        assert!(*session.render_view(view).expect("render") == expected);
        assert_eq!(session.scene.px_per_mm(), 2.5);
        session.defer_refresh(false).expect("resume");
        // A refused scale changes nothing anywhere.
        for bad in [f32::NAN, f32::INFINITY, -1.0, 0.0, 1e9] {
            assert!(session.set_scale(bad).is_err() && session.set_head_frame([1.0, 1.0], bad).is_err());
            assert_eq!(scale(&session), (2.5, 2.5, 2.5), "{bad}");
        }
        // A new photo starts again from a guess.
        session.load_pixels(600, 100, vec![128; 600 * 100 * 4]).expect("pixels");
        let guess = guess_px_per_mm(600);
        assert_eq!(scale(&session), (guess, guess, guess));
    }

    #[test]
    fn deferred_edits_reach_the_scene_once_refreshing_resumes() {
        let mut session = open_session();
        let view = View::full(240, 200);
        let before = session.render_view(view).expect("render").clone();
        session.defer_refresh(true).expect("defer");
        session.set_coverage(Coverage::Full).expect("coverage");
        session.set_pupils([90.0, 140.0], [150.0, 140.0], None).expect("pupils");
        assert!(session.behind, "deferred: the scene waits");
        session.defer_refresh(false).expect("resume");
        assert!(!session.behind);
        let after = session.render_view(view).expect("render").clone();
        assert!(after != before && after == fresh_render(&session, view));
        // A photo opened while deferred gets its design's weights at the next render.
        session.defer_refresh(true).expect("defer");
        session.load_pixels(240, 200, before.into_data()).expect("pixels");
        let expected = fresh_render(&session, view);
        assert!(*session.render_view(view).expect("render") == expected);
    }

    #[test]
    fn bad_input_is_refused_with_an_error_not_a_panic() {
        let mut empty = Session::new();
        let view = View::full(10, 10);
        let no_photo: [Result<()>; 17] = [
            empty.set_scale(3.0),
            empty.set_scale_correction(1.0),
            empty.set_treatment_ellipse(Area::default_for(10, 10)),
            empty.set_pupils([1.0, 1.0], [5.0, 1.0], None),
            empty.set_preset(Preset::Natural),
            empty.begin_hairline_edit(),
            empty.move_hairline_point(0, [1.0, 1.0], false),
            empty.set_edge_softness(3.0),
            empty.set_coverage(Coverage::Crown),
            empty.select_scalp([1.0, 1.0]),
            empty.brush([1.0, 1.0], [2.0, 2.0], 3.0, false, true),
            empty.step_history(false).map(|_| ()),
            empty.set_scalp_area(4, 4, vec![255; 16]),
            empty.set_foreshortening(0.8),
            empty.set_pupils([1.0, 1.0], [5.0, 1.0], Some(0.8)),
            empty.set_head_frame([1.0, 1.0], 2.0),
            empty.render_rows(0, 4, true).map(|_| ()),
        ];
        for (i, result) in no_photo.into_iter().enumerate() {
            assert_eq!(result.map_err(|e| e.code()), Err("no-photo"), "operation {i}");
        }
        assert_eq!(empty.render_view(view).map(|_| ()).map_err(|e| e.code()), Err("no-photo"));
        assert_eq!(empty.render_base(view).map_err(|e| e.code()), Err("no-photo"));
        assert_eq!(empty.design_info().map_err(|e| e.code()), Err("no-photo"));
        assert_eq!(empty.analysis_copy(64).map_err(|e| e.code()), Err("no-photo"));
        assert_eq!(empty.suggest_shade([1.0, 1.0]).map_err(|e| e.code()), Err("no-photo"));
        assert_eq!(empty.photo_size(), (0, 0));
        empty.defer_refresh(false).expect("nothing to catch up");

        let mut session = open_session();
        let code = |result: Result<()>| result.map_err(|e| e.code()).err();
        for bad in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -1e30, f32::MAX] {
            // Non-numbers are refused everywhere; huge and negative numbers wherever they
            // are out of range, and elsewhere taken without a panic.
            let refused = |result: Result<()>| result.is_err() || bad.is_finite();
            assert!(code(session.set_scale(bad)).is_some());
            assert!(code(session.set_scale_correction(bad)).is_some());
            assert!(code(session.set_head_frame([1.0, 1.0], bad)).is_some());
            assert!(code(session.set_foreshortening(bad)).is_some());
            assert!(code(session.set_pupils([90.0, 140.0], [150.0, 140.0], Some(bad))).is_some());
            assert!(code(session.set_edge_softness(bad)).is_some());
            assert!(code(session.set_options(OptionsChange { density: Some(bad), ..Default::default() })).is_some());
            assert!(refused(session.set_pupils([bad, 1.0], [2.0, 1.0], None)));
            assert!(refused(session.set_treatment_ellipse(Area { feather_mm: bad, ..Area::default_for(240, 200) })));
            assert!(refused(session.set_head_frame([bad, 1.0], 2.0)));
            assert!(refused(session.move_hairline_point(1, [bad, 1.0], true)));
            // A far-off region renders (empty, quickly); a region that is not one is refused.
            let view = View { x: f64::from(bad), ..View::full(240, 200) };
            let refused = session.render_view(view).map(|_| ()).map_err(|e| e.code()).err();
            assert_eq!(refused, (!bad.is_finite()).then_some("invalid-request"), "{bad}");
            let _ = session.select_scalp([bad, bad]);
            let _ = session.brush([bad, 0.0], [0.0, bad], 3.0, false, true);
            let _ = session.brush([0.0, 0.0], [1.0, 1.0], bad, false, true);
            let _ = session.suggest_shade([bad, bad]);
            let _ = session.design_info().expect("info");
        }
        assert!(code(session.move_hairline_point(usize::MAX, [1.0, 1.0], false)).is_some());
        assert!(code(session.set_scalp_area(0, 4, vec![])).is_some());
        assert!(code(session.set_scalp_area(60, 50, vec![0; 7])).is_some());
        assert!(session.render_rows(190, 0, true).is_err() && session.render_rows(u32::MAX, 5, false).is_ok());
        assert!(code(session.load_pixels(4, 4, vec![0; 15])).is_some());
        assert!(code(session.load_pixels(0, 4, vec![])).is_some());
        // Refused edits left the design as it was.
        let (now, fresh) = (session.design_info().expect("info"), open_session().design_info().expect("info"));
        assert_eq!((now.preset, now.edge_softness, now.scale_correction), (fresh.preset, fresh.edge_softness, 1.0));
    }

    #[test]
    fn a_file_refused_from_its_header_keeps_the_open_photo() {
        let mut session = open_session();
        assert_eq!(session.load_photo(b"not a picture").map_err(|e| e.code()), Err("unsupported-format"));
        assert_eq!(session.photo_size(), (240, 200));
        assert!(session.design_info().is_ok());
    }
}
