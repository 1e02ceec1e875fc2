//! The treatment design for one photo: scale and face frame, hairline, treatment area,
//! scar and coverage mode, turned into the weight map the renderer reads.

use crate::coverage::WeightMap;
use crate::error::{Error, Result};
use crate::feather::{self, smoothstep};
use crate::frame::{FaceFrame, GLABELLA_ABOVE_PUPILS_MM, IPD_MM};
use crate::hairline::{behind_mm, Hairline, Preset};
use crate::mask::{backdrop, check_stroke, select_from_tap, skin_guess, skin_likeness, Mask, MaskEditor};
pub use crate::scene::HEAD_WIDTH_MM;
use crate::scene::SCALE_RANGE;
use crate::Bitmap;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
/// The user's scale correction, as a factor on the automatic scale.
pub const SCALE_CORRECTION_RANGE: (f32, f32) = (0.5, 2.0);
/// Crown / top coverage starts this far behind the designed hairline (the frontal zone
/// is left alone) and builds up over `CROWN_FEATHER_MM`, also inward from the temples.
pub const CROWN_SETBACK_MM: f32 = 20.0;
pub const CROWN_FEATHER_MM: f32 = 10.0;
/// The head in the face frame, for full scalp coverage without a selected scalp: an
/// ellipse `HEAD_WIDTH_MM` wide centred this far above the glabella, this tall.
const HEAD_CENTRE_MM: f32 = 50.0;
const HEAD_RADIUS_Y_MM: f32 = 120.0;
/// The most a bowed head's front scalp is taken to be foreshortened (see
/// `Design::set_foreshortening`).
pub const MIN_FORESHORTENING: f32 = 0.35;
/// The most a turned head's eye distance is taken to be shortened (see
/// `Design::set_pupils_turned`): about 53° from face-on, where a view becomes a profile.
pub const MIN_EYE_TURN: f32 = 0.6;
/// Undo steps kept over hairline and mask edits together.
const HISTORY_STEPS: usize = 100;

/// One undoable edit: the hairline (and preset) before it, or a mask edit (the mask
/// keeps its own states).
#[derive(Debug, Clone)]
enum Step {
    Hairline(Preset, Hairline),
    Mask { scar: bool },
}

impl Step {
    /// Whether undo and redo reach this step in the current mode: hairline edits
    /// always, mask edits only on the mask being edited (the scar in scar coverage).
    fn applies(&self, scar: bool) -> bool {
        match self {
            Step::Hairline(..) => true,
            Step::Mask { scar: s } => *s == scar,
        }
    }
}

/// Where the photo's scale (pixels per mm) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScaleSource {
    /// Guessed from the photo's size: a placeholder until something better is known.
    Guess,
    /// Given with the photo (a sample, or set through the API).
    Given,
    /// The pupil markers (adult interpupillary distance).
    Eyes,
    /// The selected scalp's width (adult head width).
    ScalpWidth,
    /// The head's outline found by the photo analysis (no eyes in view).
    HeadSize,
}

/// What the dots cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// Behind the new hairline, within the treatment area, feathered at the front.
    Hairline,
    /// The top and vertex: the treatment area from `CROWN_SETBACK_MM` behind the
    /// hairline back, between the temples; the frontal zone and the sides are left.
    Crown,
    /// The whole scalp (shaved Norwood 7 look): the treatment area and, without a
    /// selected scalp, the head below it (sides included), down to the designed hairline
    /// and, beside it, to the brows.
    Full,
    /// A painted scar, filled at the chosen density.
    Scar,
    /// The treatment area, but only where skin shows between the hairs (long hair).
    Thinning,
}

/// The treatment area: an ellipse in photo pixels, feathered over `feather_mm`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub centre: [f32; 2],
    pub radii: [f32; 2],
    pub feather_mm: f32,
}

impl Area {
    /// Where a fresh design starts: the top of a head centred in a `width × height`
    /// photo, feathered over 6 mm.
    pub fn default_for(width: u32, height: u32) -> Area {
        let (w, h) = (width as f32, height as f32);
        Area { centre: [0.5 * w, 0.2 * h], radii: [0.3 * w, 0.17 * h], feather_mm: 6.0 }
    }
}

/// Everything that decides where dots go on one photo.
#[derive(Debug, Clone)]
pub struct Design {
    width: u32,
    height: u32,
    frame: FaceFrame,
    pupils: Option<[[f32; 2]; 2]>,
    preset: Preset,
    hairline: Hairline,
    area: Area,
    /// A selected and brushed scalp mask; replaces the ellipse once there is one.
    scalp: Option<MaskEditor>,
    /// The painted scar (scar coverage).
    scar: Option<MaskEditor>,
    coverage: Coverage,
    /// The automatic scale (px/mm) and where it came from, before the user's correction.
    auto_scale: f32,
    scale_source: ScaleSource,
    scale_correction: f32,
    /// The skin colour (OKLab) from the last tap on the scalp, if any.
    tapped_skin: Option<[f32; 3]>,
    /// Undo and redo steps, newest last.
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The photo's backdrop (thinning coverage keeps off it), found once when needed.
    backdrop: OnceCell<Option<Mask>>,
    /// How foreshortened the front of the head is in the photo (1: upright face; less
    /// when it is bowed toward the camera): presets' heights are multiplied by it.
    foreshortening: f32,
    /// How much shorter the eye distance looks than face-on (1: facing the camera; less
    /// when the head is turned): the scale from the pupils is divided by it.
    eye_turn: f32,
}

impl Design {
    /// Defaults for a photo: an upright face frame guessed from the photo (glabella a
    /// little below the middle), the natural preset, the top of the head as the area.
    pub fn new(width: u32, height: u32, px_per_mm: f32) -> Design {
        let (w, h) = (width as f32, height as f32);
        let preset = Preset::Natural;
        Design {
            width,
            height,
            frame: FaceFrame::upright([0.5 * w, 0.62 * h], px_per_mm),
            pupils: None,
            preset,
            hairline: Hairline::preset(preset, width ^ height.rotate_left(16)),
            area: Area::default_for(width, height),
            scalp: None,
            scar: None,
            coverage: Coverage::Hairline,
            auto_scale: px_per_mm,
            scale_source: ScaleSource::Guess,
            scale_correction: 1.0,
            tapped_skin: None,
            undo: Vec::new(),
            redo: Vec::new(),
            backdrop: OnceCell::new(),
            foreshortening: 1.0,
            eye_turn: 1.0,
        }
    }

    pub fn frame(&self) -> &FaceFrame {
        &self.frame
    }

    pub fn pupils(&self) -> Option<[[f32; 2]; 2]> {
        self.pupils
    }

    /// Where the pupils are (photo px, left then right): the markers once placed, else
    /// where the face frame puts them. Hairline edits never move them.
    pub fn eyes(&self) -> [[f32; 2]; 2] {
        self.pupils.unwrap_or_else(|| {
            let y = -GLABELLA_ABOVE_PUPILS_MM;
            [self.frame.to_px([-IPD_MM / 2.0, y]), self.frame.to_px([IPD_MM / 2.0, y])]
        })
    }

    /// A warning when the hairline sits lower on the head than artists would place it.
    pub fn hairline_warning(&self) -> Option<String> {
        self.hairline.plausibility_warning(self.foreshortening)
    }

    pub fn hairline(&self) -> &Hairline {
        &self.hairline
    }

    pub fn preset(&self) -> Preset {
        self.preset
    }

    /// Whether the hairline's points were moved by hand away from the preset's (which
    /// then only names where the design started).
    pub fn reshaped(&self) -> bool {
        self.preset_line(self.preset).points() != self.hairline.points()
    }

    /// A preset's line for this photo (its seed) and foreshortening.
    #[inline(never)]
    fn preset_line(&self, preset: Preset) -> Hairline {
        Hairline::preset(preset, self.width ^ self.height.rotate_left(16)).foreshortened(self.foreshortening)
    }

    pub fn coverage(&self) -> Coverage {
        self.coverage
    }

    /// The selected and brushed scalp area, once there is one.
    pub fn scalp_mask(&self) -> Option<&Mask> {
        self.scalp.as_ref().map(MaskEditor::mask)
    }

    /// The scale everything downstream uses, px/mm (automatic × correction).
    pub fn px_per_mm(&self) -> f32 {
        self.frame.px_per_mm
    }

    pub fn scale_source(&self) -> ScaleSource {
        self.scale_source
    }

    pub fn scale_correction(&self) -> f32 {
        self.scale_correction
    }

    /// Places the face frame from the pupils (photo px), the head turned as before;
    /// returns the new scale (px/mm).
    pub fn set_pupils(&mut self, left: [f32; 2], right: [f32; 2]) -> Result<f32> {
        self.set_pupils_turned(left, right, self.eye_turn)
    }

    /// As `set_pupils`, with how much shorter the eye distance looks in this photo than
    /// face-on (1: facing the camera; down to `MIN_EYE_TURN` for a head turned part
    /// way): the scale the pupils give is divided by it, now and when they are placed
    /// again by hand. A refusal leaves the design as it was.
    pub fn set_pupils_turned(&mut self, left: [f32; 2], right: [f32; 2], eye_turn: f32) -> Result<f32> {
        if !(MIN_EYE_TURN..=1.0).contains(&eye_turn) {
            return Err(Error::InvalidRequest("the eye turn must be between 0.6 and 1".into()));
        }
        self.check_reach(&[left, right], "the pupil markers")?;
        let frame = FaceFrame::from_pupils_corrected(left, right, self.scale_correction / eye_turn)?;
        checked_scale(frame.px_per_mm, "the pupil markers")?;
        self.eye_turn = eye_turn;
        self.frame = frame;
        self.pupils = Some([left, right]);
        self.auto_scale = self.frame.px_per_mm / self.scale_correction;
        self.scale_source = ScaleSource::Eyes;
        Ok(self.frame.px_per_mm)
    }

    /// A scale known with the photo (px/mm, before correction). Pupils, once placed,
    /// take precedence: they measure this very face.
    pub fn set_scale(&mut self, px_per_mm: f32) -> Result<()> {
        checked_scale(px_per_mm, "the scale")?;
        if self.pupils.is_none() {
            self.frame = self.frame_for(px_per_mm, self.scale_correction)?;
            self.auto_scale = px_per_mm;
            self.scale_source = ScaleSource::Given;
        }
        Ok(())
    }

    /// The user's correction of the automatic scale: a factor in
    /// `SCALE_CORRECTION_RANGE` (above 1: the head is smaller than assumed, so
    /// each mm covers more pixels).
    pub fn set_scale_correction(&mut self, factor: f32) -> Result<()> {
        let (lo, hi) = SCALE_CORRECTION_RANGE;
        if !(lo..=hi).contains(&factor) {
            return Err(Error::option("scaleCorrection", format!("must be between {lo} and {hi} (got {factor})")));
        }
        self.frame = self.frame_for(self.auto_scale, factor)?;
        self.scale_correction = factor;
        Ok(())
    }

    /// The face frame an automatic scale and a correction give (from the pupils when
    /// placed), refused when its scale is outside what the renderer takes.
    fn frame_for(&self, auto_scale: f32, correction: f32) -> Result<FaceFrame> {
        let frame = match self.pupils {
            Some([left, right]) => FaceFrame::from_pupils_corrected(left, right, correction / self.eye_turn)?,
            None => FaceFrame { px_per_mm: auto_scale * correction, ..self.frame },
        };
        checked_scale(frame.px_per_mm, "the corrected scale")?;
        Ok(frame)
    }

    /// Starts again from a preset (its own edge softness included), undoably.
    pub fn set_preset(&mut self, preset: Preset) {
        self.begin_hairline_edit();
        self.preset = preset;
        self.hairline = self.preset_line(preset);
    }

    /// Starts an undo step for the hairline: the moves that follow (one drag) undo together.
    pub fn begin_hairline_edit(&mut self) {
        self.record(Step::Hairline(self.preset, self.hairline.clone()));
    }

    /// A new undo step; whatever could be redone is gone.
    fn record(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > HISTORY_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Moves hairline point `index` to a photo position, optionally mirrored.
    pub fn move_point(&mut self, index: usize, photo_px: [f32; 2], mirror: bool) -> Result<()> {
        if !photo_px.iter().all(|v| v.is_finite()) {
            return Err(Error::InvalidRequest("a hairline point must be on the photo".into()));
        }
        self.hairline.move_point(index, self.frame.to_mm(photo_px), mirror)
    }

    pub fn set_edge_softness(&mut self, mm: f32) -> Result<()> {
        self.hairline.set_feather_mm(mm)
    }

    pub fn set_coverage(&mut self, coverage: Coverage) {
        self.coverage = coverage;
    }

    pub fn set_area(&mut self, area: Area) -> Result<()> {
        let ok = area.centre.iter().all(|v| v.is_finite())
            && area.radii.iter().all(|r| r.is_finite() && *r > 0.0)
            && area.feather_mm.is_finite()
            && area.feather_mm >= 0.0;
        if !ok {
            return Err(Error::InvalidRequest(
                "the treatment area needs a centre, positive radii and a feather".into(),
            ));
        }
        self.area = area;
        Ok(())
    }

    /// One tap on bald or thinning skin: the suggested scalp area (undoable). It also
    /// remembers the skin colour (for thinning coverage) and, on a photo without pupils
    /// or a given scale, measures the scale from the area's width.
    pub fn select_scalp(&mut self, photo: &Bitmap, tap: [f32; 2]) -> Result<()> {
        if (photo.width(), photo.height()) != (self.width, self.height) {
            return Err(Error::InvalidRequest("that photo is not the one this design is for".into()));
        }
        let selection = select_from_tap(photo, tap)?;
        let span = selection.mask.span_px();
        self.record(Step::Mask { scar: false });
        match &mut self.scalp {
            Some(editor) => editor.replace(selection.mask)?,
            None => {
                let mut editor = MaskEditor::new(Mask::empty(self.width, self.height)?);
                editor.replace(selection.mask)?;
                self.scalp = Some(editor);
            }
        }
        self.tapped_skin = Some(selection.skin);
        // A selection narrower than a tenth of the photo is a patch, not a head.
        let wide_enough = span.filter(|&s| s >= 0.1 * self.width.max(self.height) as f32);
        if let (Some(span), ScaleSource::Guess | ScaleSource::ScalpWidth) = (wide_enough, self.scale_source) {
            let (lo, hi) = SCALE_RANGE;
            let corrected = (span / HEAD_WIDTH_MM * self.scale_correction).clamp(lo, hi);
            let auto = corrected / self.scale_correction;
            // Rounding can still land a hair outside the range: then the scale stays.
            if let Ok(frame) = self.frame_for(auto, self.scale_correction) {
                self.frame = frame;
                self.auto_scale = auto;
                self.scale_source = ScaleSource::ScalpWidth;
            }
        }
        Ok(())
    }

    /// The treatment area the photo analysis found (the person's head, on the working
    /// grid of `Mask::from_cells`): replaces the scalp selection; not an undo step, it
    /// is where editing starts.
    pub fn set_scalp_area(&mut self, area: Mask) -> Result<()> {
        let mut editor = MaskEditor::new(Mask::empty(self.width, self.height)?);
        editor.replace(Mask::from_fn(self.width, self.height, |x, y| area.sample(x, y))?)?;
        self.scalp = Some(editor);
        Ok(())
    }

    /// How foreshortened the front of the head is in this photo (1: upright; down to
    /// `MIN_FORESHORTENING` for a head bowed toward the camera): the preset's heights
    /// above the glabella are multiplied by it, now and when a preset is chosen later.
    pub fn set_foreshortening(&mut self, factor: f32) -> Result<()> {
        if !(MIN_FORESHORTENING..=1.0).contains(&factor) {
            return Err(Error::InvalidRequest(format!(
                "foreshortening must be between {MIN_FORESHORTENING} and 1 (got {factor})"
            )));
        }
        self.foreshortening = factor;
        self.hairline = self.preset_line(self.preset);
        Ok(())
    }

    /// An upright face frame for a photo without eyes in view: the glabella (or where
    /// the design's origin goes) at `origin` (photo px), the scale measured from the
    /// head's size. Pupils placed before are forgotten.
    pub fn set_head_frame(&mut self, origin: [f32; 2], px_per_mm: f32) -> Result<()> {
        self.check_reach(&[origin], "the head frame's origin")?;
        checked_scale(px_per_mm * self.scale_correction, "the head's size")?;
        self.frame = FaceFrame::upright(origin, px_per_mm * self.scale_correction);
        self.pupils = None;
        self.auto_scale = px_per_mm;
        self.scale_source = ScaleSource::HeadSize;
        Ok(())
    }

    /// Refuses positions (photo px) that are not numbers within ten photo sizes of the
    /// photo: a face frame placed further off shows nothing of itself on the photo, and
    /// far enough off its positions overflow.
    fn check_reach(&self, points: &[[f32; 2]], what: &str) -> Result<()> {
        let reach = 10.0 * self.width.max(self.height) as f32;
        if points.iter().flatten().all(|v| v.abs() <= reach) {
            Ok(())
        } else {
            Err(Error::InvalidRequest(format!("{what} must be on or near the photo")))
        }
    }

    /// The mask the brush and undo work on: the scar in scar coverage, else the scalp.
    fn active_editor(&mut self) -> Result<&mut MaskEditor> {
        let slot = if self.coverage == Coverage::Scar { &mut self.scar } else { &mut self.scalp };
        if slot.is_none() {
            *slot = Some(MaskEditor::new(Mask::empty(self.width, self.height)?));
        }
        slot.as_mut().ok_or(Error::NoPhoto)
    }

    /// A brush (or eraser) stroke segment in photo pixels on the scalp area (or, in
    /// scar coverage, on the scar); `begin` starts a new undo step.
    /// A refused stroke changes nothing (no undo step, no empty mask in place of the area).
    pub fn brush(&mut self, from: [f32; 2], to: [f32; 2], radius_mm: f32, erase: bool, begin: bool) -> Result<()> {
        check_stroke(from, to, radius_mm)?;
        let px_per_mm = self.frame.px_per_mm;
        if begin {
            self.record(Step::Mask { scar: self.coverage == Coverage::Scar });
        }
        let editor = self.active_editor()?;
        if begin {
            editor.begin_stroke();
        }
        editor.paint(from, to, radius_mm, px_per_mm, erase);
        Ok(())
    }

    /// Undo (false) or redo (true) the last hairline edit or edit of the active mask;
    /// returns whether anything changed.
    pub fn step_history(&mut self, redo: bool) -> bool {
        let scar = self.coverage == Coverage::Scar;
        let (from, to) = if redo { (&mut self.redo, &mut self.undo) } else { (&mut self.undo, &mut self.redo) };
        let Some(at) = from.iter().rposition(|step| step.applies(scar)) else { return false };
        let back = match from.remove(at) {
            Step::Hairline(preset, hairline) => {
                let now = Step::Hairline(self.preset, std::mem::replace(&mut self.hairline, hairline));
                self.preset = preset;
                now
            }
            Step::Mask { scar } => {
                let slot = if scar { &mut self.scar } else { &mut self.scalp };
                if !slot.as_mut().is_some_and(|e| if redo { e.redo() } else { e.undo() }) {
                    return false;
                }
                Step::Mask { scar }
            }
        };
        to.push(back);
        true
    }

    /// (can undo, can redo): hairline edits and edits of the active mask.
    pub fn history(&self) -> (bool, bool) {
        let scar = self.coverage == Coverage::Scar;
        let reach = |steps: &[Step]| steps.iter().any(|step| step.applies(scar));
        (reach(&self.undo), reach(&self.redo))
    }

    /// Control points in photo pixels (for drawing handles).
    pub fn handles_px(&self) -> Vec<[f32; 2]> {
        self.hairline.points().iter().map(|&p| self.frame.to_px(p)).collect()
    }

    /// The hairline sampled in photo pixels (for drawing the curve).
    pub fn curve_px(&self) -> Vec<[f32; 2]> {
        self.hairline.curve(12).into_iter().map(|p| self.frame.to_px(p)).collect()
    }

    /// The weight map for the renderer; `photo` is the photo this design is for (the
    /// thinning mode looks at it for skin between the hairs).
    pub fn weight_map(&self, photo: &Bitmap) -> Result<WeightMap> {
        if (photo.width(), photo.height()) != (self.width, self.height) {
            return Err(Error::InvalidRequest("that photo is not the one this design is for".into()));
        }
        if self.coverage == Coverage::Scar {
            let scar = self.scar.as_ref().map(MaskEditor::mask);
            return WeightMap::from_fn(self.width, self.height, |x, y| scar.map_or(0.0, |m| m.sample(x, y)));
        }
        let curve = self.hairline.curve(16);
        let to_mm = self.frame.px_to_mm();
        // The line's two ends (the temple points), mm.
        let ends = [curve[0], curve[curve.len() - 1]];
        let area = self.area;
        let feather_px = area.feather_mm * self.frame.px_per_mm;
        let scalp = self.scalp.as_ref().map(MaskEditor::mask);
        let in_area = |x: f32, y: f32| -> f32 {
            if let Some(mask) = scalp {
                // The selected scalp ends at the brows.
                return mask.sample(x, y) * (to_mm([x, y])[1] / 5.0).clamp(0.0, 1.0);
            }
            feather::ellipse(x, y, area.centre, area.radii, feather_px)
        };
        // Thinning coverage stays on the person: never on the backdrop around the head.
        let backdrop = match self.coverage {
            Coverage::Thinning => self.backdrop.get_or_init(|| backdrop(photo).ok()).as_ref(),
            _ => None,
        };
        let on_person = |x: f32, y: f32| 1.0 - backdrop.map_or(0.0, |b| b.sample(x, y));
        let skin = match self.coverage {
            Coverage::Thinning => {
                self.tapped_skin.or_else(|| skin_guess(photo, |x, y| in_area(x, y) > 0.5 && on_person(x, y) > 0.5))
            }
            _ => None,
        };
        // Full scalp without a selected scalp: the treatment area stands for the top of
        // the head; the head below it (the sides) comes from the face frame.
        let head_below = |x: f32, y: f32| -> f32 {
            if self.coverage != Coverage::Full || scalp.is_some() {
                return 0.0;
            }
            let mm = to_mm([x, y]);
            let (u, v) = (mm[0] / (HEAD_WIDTH_MM / 2.0), (mm[1] - HEAD_CENTRE_MM) / HEAD_RADIUS_Y_MM);
            let outside_mm = ((u * u + v * v).sqrt() - 1.0) * HEAD_WIDTH_MM / 2.0;
            let below = if feather_px > 0.0 { (y - area.centre[1]) / feather_px } else { 1.0 };
            smoothstep(1.0 - outside_mm / area.feather_mm.max(1.0)) * smoothstep(below)
        };
        let map = WeightMap::from_fn(self.width, self.height, |x, y| {
            let weight = in_area(x, y).max(head_below(x, y));
            if weight <= 0.0 {
                return 0.0;
            }
            let mm = to_mm([x, y]);
            match self.coverage {
                Coverage::Hairline => weight * self.hairline.weight(&curve, mm),
                Coverage::Crown => match behind_mm(&curve, mm) {
                    Some(behind) => {
                        let inward = (mm[0] - ends[0][0]).min(ends[1][0] - mm[0]);
                        weight
                            * smoothstep((behind - CROWN_SETBACK_MM) / CROWN_FEATHER_MM)
                            * smoothstep(inward / CROWN_FEATHER_MM)
                    }
                    None => 0.0,
                },
                Coverage::Full => match behind_mm(&curve, mm) {
                    Some(_) => weight * self.hairline.weight(&curve, mm),
                    // Beside the hairline: the sides, from the height of its end (the
                    // temple point) up, as if the line went on level.
                    None => {
                        let end = if mm[0] < ends[0][0] { ends[0] } else { ends[1] };
                        weight * smoothstep((mm[1] - end[1]) / self.hairline.feather_mm().max(1.0))
                    }
                },
                Coverage::Scar => weight,
                Coverage::Thinning => {
                    let weight = weight * on_person(x, y);
                    if weight <= 0.0 {
                        return 0.0;
                    }
                    weight * skin.map_or(0.0, |s| visible_skin(photo, x, y, s))
                }
            }
        })?;
        Ok(map)
    }
}

/// Refuses a scale (px/mm) the renderer cannot use, naming what gave it.
fn checked_scale(px_per_mm: f32, what: &str) -> Result<f32> {
    let (lo, hi) = SCALE_RANGE;
    if px_per_mm.is_finite() && (lo..=hi).contains(&px_per_mm) {
        Ok(px_per_mm)
    } else {
        Err(Error::option("scale", format!("{what} give {px_per_mm} pixels per mm; it must be between {lo} and {hi}")))
    }
}

/// The share of skin (0..=1) in the photo around pixel (x, y), over a 3 × 3 block:
/// where the hairs part, dots go; over the hairs they would be hidden anyway.
fn visible_skin(photo: &Bitmap, x: f32, y: f32, skin: [f32; 3]) -> f32 {
    let (cx, cy) = (x as i64, y as i64);
    let (w, h) = (i64::from(photo.width()), i64::from(photo.height()));
    let mut sum = 0.0;
    for dy in -1..=1 {
        for dx in -1..=1 {
            let (px, py) = ((cx + dx).clamp(0, w - 1), (cy + dy).clamp(0, h - 1));
            sum += skin_likeness(photo.pixel(px as u32, py as u32), skin);
        }
    }
    sum / 9.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hairline_coverage_treats_behind_the_line_inside_the_area_only() {
        let photo = Bitmap::filled(400, 400, [200, 160, 140, 255]).expect("photo");
        let mut d = Design::new(400, 400, 2.0);
        d.set_pupils([140.0, 330.0], [266.0, 330.0]).expect("pupils");
        d.set_area(Area { centre: [200.0, 100.0], radii: [180.0, 160.0], feather_mm: 3.0 }).expect("area");
        let map = d.weight_map(&photo).expect("map");
        let frame = *d.frame();
        let above = frame.to_px([0.0, 110.0]);
        let below = frame.to_px([0.0, 50.0]);
        assert!(map.sample(above[0], above[1]) > 0.9);
        assert!(map.sample(below[0], below[1]) < 0.01);
    }

    #[test]
    fn crown_treats_the_top_behind_the_frontal_zone_and_full_the_whole_scalp_with_its_sides() {
        let photo = Bitmap::filled(400, 400, [200, 160, 140, 255]).expect("photo");
        let mut d = Design::new(400, 400, 2.0);
        d.set_pupils([140.0, 330.0], [266.0, 330.0]).expect("pupils");
        d.set_area(Area { centre: [200.0, 100.0], radii: [180.0, 160.0], feather_mm: 3.0 }).expect("area");
        let frame = *d.frame();
        let mut maps = Vec::new();
        for coverage in [Coverage::Hairline, Coverage::Crown, Coverage::Full] {
            d.set_coverage(coverage);
            maps.push(d.weight_map(&photo).expect("map"));
        }
        let at = |map: &WeightMap, mm: [f32; 2]| {
            let p = frame.to_px(mm);
            map.sample(p[0], p[1])
        };
        let [hairline, crown, full] = [&maps[0], &maps[1], &maps[2]];
        // Just behind the designed line (the frontal zone): full scalp, not the crown.
        assert!(at(full, [0.0, 95.0]) > 0.9 && at(hairline, [0.0, 95.0]) > 0.9);
        assert!(at(crown, [0.0, 95.0]) < 0.01, "crown leaves the frontal zone: {}", at(crown, [0.0, 95.0]));
        // Well back on the top: both.
        let top = [0.0, 80.0 + CROWN_SETBACK_MM + CROWN_FEATHER_MM + 5.0];
        assert!(at(crown, top) > 0.9 && at(full, top) > 0.9);
        // The sides, beside the temples: full scalp only.
        assert!(at(full, [-70.0, 70.0]) > 0.9, "full scalp takes the sides: {}", at(full, [-70.0, 70.0]));
        assert!(at(crown, [-70.0, 70.0]) < 0.01 && at(hairline, [-70.0, 70.0]) < 0.01);
        // In front of the hairline: nothing.
        assert!([hairline, crown, full].iter().all(|m| at(m, [0.0, 50.0]) < 0.01));
        assert_ne!(crown, full);
        // Without a selected scalp, full scalp also takes the head below a small area: the sides.
        d.set_area(Area { centre: [200.0, 60.0], radii: [60.0, 40.0], feather_mm: 3.0 }).expect("area");
        let side = frame.to_px([-68.0, 60.0]);
        d.set_coverage(Coverage::Full);
        assert!(d.weight_map(&photo).expect("map").sample(side[0], side[1]) > 0.9, "the side of the head");
        d.set_coverage(Coverage::Crown);
        assert!(d.weight_map(&photo).expect("map").sample(side[0], side[1]) < 0.01);
    }

    #[test]
    fn a_selected_and_brushed_scalp_replaces_the_ellipse_and_undoes() {
        let photo = Bitmap::filled(200, 200, [220, 180, 160, 255]).expect("photo");
        let mut d = Design::new(200, 200, 2.0);
        d.set_coverage(Coverage::Full);
        // 1 px/mm: the hairline crosses at y ≈ 98, the brows at y ≈ 178.
        d.set_pupils([85.0, 190.0], [148.0, 190.0]).expect("pupils");
        d.select_scalp(&photo, [100.0, 50.0]).expect("select");
        let map = d.weight_map(&photo).expect("map");
        assert!(
            map.sample(100.0, 40.0) > 0.9 && map.sample(10.0, 10.0) > 0.9,
            "the scalp behind the line and beside it"
        );
        assert!(map.sample(100.0, 195.0) < 0.1, "not below the brows");
        d.brush([0.0, 20.0], [199.0, 20.0], 5.0, true, true).expect("erase");
        assert!(d.weight_map(&photo).expect("map").sample(100.0, 20.0) < 0.1);
        assert_eq!(d.history(), (true, false));
        assert!(d.step_history(false));
        assert!(d.weight_map(&photo).expect("map").sample(100.0, 20.0) > 0.9);
        assert!(d.step_history(true) && d.history() == (true, false));
    }

    #[test]
    fn a_refused_brush_stroke_changes_nothing() {
        let photo = Bitmap::filled(200, 200, [220, 180, 160, 255]).expect("photo");
        let mut d = Design::new(200, 200, 2.0);
        let before = d.weight_map(&photo).expect("map");
        for radius in [0.0, f32::NAN, 500.0] {
            assert!(d.brush([10.0, 10.0], [20.0, 20.0], radius, false, true).is_err());
        }
        assert!(d.brush([f32::INFINITY, 10.0], [20.0, 20.0], 5.0, true, true).is_err());
        assert_eq!(d.history(), (false, false), "no undo step");
        assert!(d.scalp_mask().is_none() && d.weight_map(&photo).expect("map") == before, "the area stays");
    }

    #[test]
    fn handles_follow_presets_and_moves() {
        let mut d = Design::new(640, 640, 3.0);
        d.set_pupils([215.0, 445.0], [455.0, 440.0]).expect("pupils");
        let natural = d.handles_px();
        d.set_preset(Preset::Mature);
        let mature = d.handles_px();
        let middle = natural.len() / 2;
        assert!(mature[middle][1] < natural[middle][1], "a mature line sits higher in the photo");
        assert!(!d.reshaped(), "a preset as chosen");
        d.move_point(middle, [330.0, 200.0], true).expect("move");
        let moved = d.handles_px()[middle];
        assert!((moved[1] - 200.0).abs() < 1.0);
        assert!(d.reshaped(), "moved by hand");
        d.set_foreshortening(0.8).expect("factor");
        assert!(!d.reshaped(), "a new foreshortening starts again from the preset");
        d.begin_hairline_edit();
        d.move_point(middle, [330.0, 200.0], true).expect("move");
        assert!(d.step_history(false) && !d.reshaped(), "undoing the move gives the preset back");
        assert!(d.move_point(middle, [f32::NAN, 1.0], false).is_err());
        assert!(d.curve_px().len() > 20);
    }

    #[test]
    fn hairline_drags_and_presets_undo_in_one_history_with_the_masks() {
        let photo = crown_photo();
        let mut d = Design::new(400, 400, 2.0);
        d.set_pupils([140.0, 330.0], [266.0, 330.0]).expect("pupils");
        let start = d.handles_px();
        assert_eq!(d.history(), (false, false));
        // One drag: a begin, then many moves.
        d.begin_hairline_edit();
        for y in [200.0, 190.0, 180.0] {
            d.move_point(0, [start[0][0] - 5.0, y], true).expect("move");
        }
        assert_eq!(d.history(), (true, false));
        d.select_scalp(&photo, [200.0, 200.0]).expect("select");
        d.set_preset(Preset::Mature);
        let mature = d.handles_px();
        assert!(d.step_history(false), "undo the preset");
        assert_eq!(d.preset(), Preset::Natural);
        assert!(d.step_history(false), "undo the selection");
        assert!(d.scalp_mask().is_some_and(|m| m.sample(200.0, 200.0) < 0.01));
        assert!(d.step_history(false), "undo the drag");
        assert_eq!(d.handles_px(), start, "the whole drag is one step");
        assert_eq!(d.history(), (false, true));
        assert!(d.step_history(true) && d.step_history(true) && d.step_history(true));
        assert_eq!((d.handles_px(), d.preset()), (mature, Preset::Mature));
        // A new edit drops what could be redone.
        assert!(d.step_history(false));
        d.begin_hairline_edit();
        d.move_point(3, [200.0, 150.0], true).expect("move");
        assert_eq!(d.history(), (true, false));
        // Scar coverage: hairline edits still undo, the scalp's steps wait.
        d.set_coverage(Coverage::Scar);
        assert!(d.step_history(false), "the last move");
        assert!(d.step_history(false), "the drag before the selection");
        assert!(!d.step_history(false), "the scalp selection is not reached from the scar");
    }

    #[test]
    fn moving_the_hairline_never_moves_the_eyes() {
        let mut d = Design::new(640, 640, 3.0);
        let eyes = d.eyes();
        assert!((eyes[1][0] - eyes[0][0] - IPD_MM * 3.0).abs() < 0.01 && eyes[0][1] > 0.62 * 640.0);
        d.begin_hairline_edit();
        d.move_point(0, [100.0, 150.0], true).expect("move the temple points");
        d.set_preset(Preset::Mature);
        assert_eq!(d.eyes(), eyes);
        d.set_pupils([215.0, 445.0], [455.0, 440.0]).expect("pupils");
        assert_eq!(d.eyes(), [[215.0, 445.0], [455.0, 440.0]]);
    }

    #[test]
    fn thinning_coverage_keeps_off_a_skin_coloured_backdrop() {
        // A wall the colour of fair skin; a head of dark hair with scalp between strands.
        let skin = [226, 188, 168, 255];
        let mut photo = Bitmap::filled(400, 400, skin).expect("photo");
        let head = |x: u32, y: u32| {
            (x as f32 - 200.0).powi(2) / 125.0f32.powi(2) + (y as f32 - 300.0).powi(2) / 200.0f32.powi(2) <= 1.0
        };
        for y in 0..400 {
            for x in (0..400).filter(|&x| head(x, y) && x % 9 >= 4) {
                photo.set_pixel(x, y, [50, 36, 28, 255]);
            }
        }
        let mut d = Design::new(400, 400, 2.0);
        d.set_area(Area { centre: [200.0, 120.0], radii: [190.0, 120.0], feather_mm: 2.0 }).expect("area");
        d.set_coverage(Coverage::Thinning);
        let map = d.weight_map(&photo).expect("map");
        assert!(map.sample(40.0, 40.0) < 0.01 && map.sample(200.0, 40.0) < 0.01, "the wall stays bare");
        assert!(map.sample(200.0, 200.5) > 0.5, "scalp between the strands: {}", map.sample(200.0, 200.5));
        // After a tap on the scalp too.
        d.select_scalp(&photo, [200.0, 200.5]).expect("tap");
        assert!(d.weight_map(&photo).expect("map").sample(200.0, 40.0) < 0.01);
    }

    /// A bald head (fair skin) 300 px wide on a dark background, pupils not shown.
    fn crown_photo() -> Bitmap {
        let mut photo = Bitmap::filled(400, 400, [30, 30, 35, 255]).expect("photo");
        for y in 0..400 {
            for x in 0..400 {
                if (x as f32 - 200.0).powi(2) + (y as f32 - 200.0).powi(2) <= 150.0f32.powi(2) {
                    photo.set_pixel(x, y, [225, 185, 165, 255]);
                }
            }
        }
        photo
    }

    #[test]
    fn without_pupils_the_scale_comes_from_the_scalp_width_and_the_user_corrects_it() {
        let photo = crown_photo();
        let mut d = Design::new(400, 400, 9.0);
        assert_eq!(d.scale_source(), ScaleSource::Guess);
        d.select_scalp(&photo, [200.0, 200.0]).expect("select");
        assert_eq!(d.scale_source(), ScaleSource::ScalpWidth);
        assert!((d.px_per_mm() - 300.0 / HEAD_WIDTH_MM).abs() < 0.05, "{}", d.px_per_mm());
        let measured = d.px_per_mm();
        d.set_scale_correction(1.25).expect("correct");
        assert!((d.px_per_mm() - 1.25 * measured).abs() < 1e-4);
        assert!(d.set_scale_correction(3.0).is_err() && d.set_scale_correction(f32::NAN).is_err());
        assert!((d.px_per_mm() - 1.25 * measured).abs() < 1e-4, "a refused correction changes nothing");
        // Pupils take over, and the correction still applies to them.
        let eyes = d.set_pupils([100.0, 300.0], [289.0, 300.0]).expect("pupils");
        assert!((eyes - 3.0 * 1.25).abs() < 1e-3 && d.scale_source() == ScaleSource::Eyes);
        d.select_scalp(&photo, [200.0, 200.0]).expect("select again");
        assert_eq!(d.scale_source(), ScaleSource::Eyes, "a tap does not override the eyes");
        // A scale given with the photo is not overridden by a tap either.
        let mut given = Design::new(400, 400, 9.0);
        given.set_scale(5.0).expect("given");
        given.select_scalp(&photo, [200.0, 200.0]).expect("select");
        assert_eq!((given.scale_source(), given.px_per_mm()), (ScaleSource::Given, 5.0));
        assert!(given.set_scale(0.0).is_err() && given.set_scale(f32::INFINITY).is_err());
    }

    #[test]
    fn scar_coverage_fills_the_painted_scar_only_with_its_own_undo() {
        let photo = crown_photo();
        let mut d = Design::new(400, 400, 2.0);
        d.select_scalp(&photo, [200.0, 200.0]).expect("select");
        d.set_coverage(Coverage::Scar);
        assert_eq!(d.history(), (false, false), "the scar has its own history");
        assert!(d.weight_map(&photo).expect("map").sample(200.0, 200.0) < 0.01, "nothing painted yet");
        d.brush([150.0, 200.0], [250.0, 200.0], 2.0, false, true).expect("paint the scar");
        let map = d.weight_map(&photo).expect("map");
        assert!(map.sample(200.0, 200.0) > 0.95, "inside the scar");
        assert!(map.sample(200.0, 230.0) < 0.01, "the scalp around it is not treated");
        assert!(d.step_history(false) && d.weight_map(&photo).expect("map").sample(200.0, 200.0) < 0.01);
        d.set_coverage(Coverage::Full);
        assert_eq!(d.history(), (true, false), "the scalp selection's history is back");
    }

    #[test]
    fn thinning_coverage_puts_dots_between_the_hairs_only() {
        // Dark hairs, 2 px wide every 8 px, over fair skin: the gaps are scalp.
        let mut photo = Bitmap::filled(400, 400, [225, 185, 165, 255]).expect("photo");
        for y in 0..400 {
            for x in (0..400).filter(|x| x % 8 < 2) {
                photo.set_pixel(x, y, [45, 32, 25, 255]);
            }
        }
        let mut d = Design::new(400, 400, 2.0);
        d.set_area(Area { centre: [200.0, 200.0], radii: [150.0, 150.0], feather_mm: 2.0 }).expect("area");
        d.set_coverage(Coverage::Thinning);
        let guessed = d.weight_map(&photo).expect("map");
        assert!(guessed.sample(204.5, 200.5) > 0.9, "between hairs: {}", guessed.sample(204.5, 200.5));
        assert!(guessed.sample(200.5, 200.5) < 0.6, "on a hair: {}", guessed.sample(200.5, 200.5));
        assert!(guessed.sample(20.0, 20.0) < 0.01, "outside the area");
        // Tapping the skin sets the reference colour explicitly.
        d.select_scalp(&photo, [204.5, 200.5]).expect("tap the skin");
        let tapped = d.weight_map(&photo).expect("map");
        assert!(tapped.sample(204.5, 200.5) > 0.9);
    }

    #[test]
    fn a_design_refuses_another_photo() {
        let d = Design::new(400, 400, 2.0);
        let other = Bitmap::filled(300, 400, [0; 4]).expect("photo");
        assert!(d.weight_map(&other).is_err());
        assert!(Design::new(400, 400, 2.0).select_scalp(&other, [1.0, 1.0]).is_err());
    }

    #[test]
    fn an_analysed_area_bounds_the_dots_and_brush_edits_it() {
        let photo = Bitmap::filled(400, 400, [200, 160, 140, 255]).expect("photo");
        let mut d = Design::new(400, 400, 2.0);
        d.set_pupils([150.0, 300.0], [250.0, 300.0]).expect("pupils");
        // The analysis's area: the left half of the photo, on a coarse 100 × 100 grid.
        let cells: Vec<u8> = (0..100 * 100).map(|i| if i % 100 < 50 { 255 } else { 0 }).collect();
        d.set_scalp_area(Mask::from_cells(400, 400, 100, 100, cells).expect("cells")).expect("area");
        d.set_coverage(Coverage::Full);
        let map = d.weight_map(&photo).expect("map");
        // Above the hairline, inside the area: dots; outside it: none.
        assert!(map.sample(120.0, 20.0) > 0.9, "{}", map.sample(120.0, 20.0));
        assert!(map.sample(300.0, 20.0) < 0.01);
        // The area is where editing starts: the brush adds to it, undo takes that back.
        d.brush([300.0, 20.0], [300.0, 20.0], 10.0, false, true).expect("brush");
        assert!(d.weight_map(&photo).expect("map").sample(300.0, 20.0) > 0.9);
        assert!(d.step_history(false));
        assert!(d.weight_map(&photo).expect("map").sample(300.0, 20.0) < 0.01);
        assert!(!d.history().0, "the area itself is no undo step");
    }

    #[test]
    fn foreshortening_lowers_the_hairline_and_stays_for_later_presets() {
        let mut d = Design::new(400, 400, 2.0);
        let top = |d: &Design| d.hairline().points().iter().map(|p| p[1]).fold(0.0f32, f32::max);
        let upright = top(&d);
        d.set_foreshortening(0.75).expect("factor");
        assert!((top(&d) - 0.75 * upright).abs() < 1.0, "{} vs {upright}", top(&d));
        d.set_preset(Preset::Mature);
        let mut upright_mature = Design::new(400, 400, 2.0);
        upright_mature.set_preset(Preset::Mature);
        let mature = top(&upright_mature);
        assert!((top(&d) - 0.75 * mature).abs() < 1.0);
        assert!(d.set_foreshortening(0.3).is_err() && d.set_foreshortening(f32::NAN).is_err());
    }

    #[test]
    fn a_turned_head_takes_its_scale_from_the_eye_distance_face_on() {
        let mut d = Design::new(640, 640, 2.0);
        d.set_pupils([200.0, 400.0], [326.0, 400.0]).expect("pupils");
        let face_on = d.px_per_mm();
        d.set_pupils_turned([200.0, 400.0], [326.0, 400.0], 0.8).expect("turned");
        assert!((d.px_per_mm() - face_on / 0.8).abs() < 1e-3, "{} vs {face_on}", d.px_per_mm());
        // Placed again by hand, the pupils keep the head's turn; the user's correction
        // applies on top.
        d.set_pupils([210.0, 400.0], [336.0, 400.0]).expect("pupils");
        assert!((d.px_per_mm() - face_on / 0.8).abs() < 1e-3);
        d.set_scale_correction(1.1).expect("correction");
        assert!((d.px_per_mm() - face_on / 0.8 * 1.1).abs() < 1e-3);
        for bad in [0.5, 1.01, f32::NAN, f32::INFINITY] {
            assert!(d.set_pupils_turned([200.0, 400.0], [326.0, 400.0], bad).is_err(), "{bad}");
        }
        assert!((d.px_per_mm() - face_on / 0.8 * 1.1).abs() < 1e-3, "a refused turn changes nothing");
        // A turn whose scale the renderer cannot take is refused and changes nothing.
        let mut close_up = Design::new(16000, 1000, 2.0);
        let (left, right) = ([100.0, 500.0], [6400.0, 500.0]);
        close_up.set_pupils(left, right).expect("pupils");
        close_up.set_scale_correction(2.0).expect("correction");
        let before = close_up.px_per_mm();
        assert_eq!(before, SCALE_RANGE.1, "the largest scale the renderer takes");
        assert!(close_up.set_pupils_turned(left, right, 0.9).is_err());
        assert_eq!(close_up.px_per_mm(), before);
        close_up.set_scale_correction(1.0).expect("correction");
        assert_eq!(close_up.px_per_mm(), before / 2.0, "the refused turn was not kept");
    }

    #[test]
    fn a_face_frame_far_off_the_photo_is_refused() {
        let mut d = Design::new(400, 300, 2.0);
        // Found by fuzzing: pupils at the largest f32 put the frame's origin at infinity.
        assert!(d.set_pupils([f32::MAX, 77.0], [f32::MAX, 45.0]).is_err());
        assert!(d.set_pupils([-5000.0, 0.0], [-4940.0, 0.0]).is_err());
        assert!(d.set_head_frame([200.0, -1e30], 1.5).is_err());
        assert!(d.eyes().iter().flatten().all(|v| v.is_finite() && v.abs() < 1000.0));
        // A glabella well below a photo of the crown is within reach.
        d.set_head_frame([200.0, 1500.0], 1.5).expect("below the photo");
        d.set_pupils([150.0, 300.0], [250.0, 300.0]).expect("on the photo");
    }

    #[test]
    fn a_head_frame_sets_the_scale_and_forgets_the_pupils() {
        let mut d = Design::new(400, 400, 2.0);
        d.set_pupils([150.0, 300.0], [250.0, 300.0]).expect("pupils");
        d.set_head_frame([200.0, 500.0], 1.5).expect("frame");
        assert_eq!((d.px_per_mm(), d.scale_source(), d.pupils()), (1.5, ScaleSource::HeadSize, None));
        assert!(d.set_head_frame([f32::NAN, 0.0], 1.5).is_err());
        assert!(d.set_head_frame([0.0, 0.0], 1e6).is_err());
        assert_eq!(d.px_per_mm(), 1.5, "a refused frame changes nothing");
    }
}
