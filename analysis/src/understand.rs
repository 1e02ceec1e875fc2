//! From the models' findings to a zero-tap design: the view, the face frame (pupils,
//! or the head's size), how foreshortened the front scalp is, the coverage, and the
//! treatment area. The renderer's `Design` takes these through its ordinary setters, so
//! every automatic choice stays correctable by hand.

use crate::error::Result;
use crate::face::{self, Face};
use crate::image::{Rgba, ANALYSIS_SIDE};
use crate::landmarks::{self, Mesh};
use crate::nn::Model;
use crate::segment::{self, ProbabilityMap};
use serde::Serialize;

/// A face at or above this detector score is trusted. MediaPipe's own threshold is 0.5,
/// but a close-up of a hairline with no eyes in frame scored 0.54 there; a weaker
/// candidate (down to `face::MIN_SCORE`) means "maybe a face": no automatic design,
/// unless a second look zoomed out finds it trusted at two scales (`second_look`).
/// (The face mesh's presence score does not settle it: it confirmed a misplaced 0.42
/// candidate on the forehead of a bowed head, and gave under 0.02 to bowed dark-skinned
/// faces the detector was sure of.)
const TRUSTED_SCORE: f32 = 0.6;
/// The second look at a doubtful face: the photo shrunk this many times in the
/// detector's input.
const SECOND_LOOK_ZOOM_OUT: [f32; 2] = [1.5, 1.75];
/// Nose offset from the eyes' midpoint, in eye distances, beyond which the face is
/// turned (three-quarter) or seen from the side (profile).
const THREE_QUARTER_TURN: f32 = 0.25;
const PROFILE_TURN: f32 = 0.5;
/// Adult interpupillary distance, mm (the renderer's `IPD_MM`).
const IPD_MM: f32 = 63.0;
/// Adult head width and length (glabella to the back of the head), mm: the scale when
/// no eyes are in view (the renderer's `HEAD_WIDTH_MM` is the same width).
const HEAD_WIDTH_MM: f32 = 150.0;
const HEAD_LENGTH_MM: f32 = 195.0;
/// The glabella sits this far above the pupils, mm (the renderer's face frame agrees).
const GLABELLA_ABOVE_PUPILS_MM: f32 = 12.0;
/// Without a face, the area reaches this many head widths below the top of the head's
/// outline (the top and crown, not the shoulders).
const TOP_VIEW_HEAD_DEPTH: f32 = 0.8;
/// Without a face, the design's origin sits this far below the photo, mm: the hairline
/// passes under the photo and the whole top counts.
const TOP_VIEW_ORIGIN_BELOW_MM: f32 = 100.0;
/// The pitch alone foreshortens no further than this (see `foreshortening`); the head's
/// outline may bound it down to the renderer's least (its `MIN_FORESHORTENING`).
const PITCH_FORESHORTENING_FLOOR: f32 = 0.6;
const MIN_FORESHORTENING: f32 = 0.35;
/// The renderer's `MIN_EYE_TURN`.
const MIN_EYE_TURN: f32 = 0.6;
/// Under this share of the photo on a person, there is no one to design for.
const MIN_PERSON_SHARE: f32 = 0.05;
/// The typical mid-frontal point, mm above the glabella (the renderer's natural preset;
/// the domain's 7–10 cm rule, 8 typical).
const MID_FRONTAL_MM: f32 = 80.0;
/// The midline of the forehead and the top of the head, seen from the side, as an arc of
/// this radius, mm, with the glabella this far below the arc's centre, degrees: on an
/// upright head the designed mid-frontal point then sits two thirds of the way from the
/// glabella to the top of the outline (the vertex, 10.5–12 cm above it). See
/// `hairline_share_of_head_top`.
const HEAD_ARC_RADIUS_MM: f32 = 95.0;
const GLABELLA_BELOW_ARC_CENTRE_DEG: f32 = 10.0;
/// The mesh reads an upright face as pitched this much (its forehead-top-to-chin line
/// leans back a little): bowing is counted from here.
const UPRIGHT_PITCH: f32 = 10.0;

/// The loaded models (parsed once per worker).
pub struct Models {
    pub face: Model,
    pub mesh: Model,
    pub person: Model,
}

impl Models {
    /// From the three `.hlnn` files: face detector, face mesh, person segmenter.
    pub fn parse(face: &[u8], mesh: &[u8], person: &[u8]) -> Result<Models> {
        Ok(Models { face: Model::parse(face)?, mesh: Model::parse(mesh)?, person: Model::parse(person)? })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    /// Face to the camera (bowed included): the hairline is designed from the eyes.
    Front,
    /// Face turned part way: as front.
    ThreeQuarter,
    /// The side of the head: temples, top and behind the ear, from the eye, the ear and
    /// the head's outline (see `Profile`).
    Profile,
    /// No face, a head: the top of the head, from the head's width.
    Top,
    /// Nothing to design on (no person, two faces, a doubtful face): no dots until a tap.
    None,
}

/// A face frame without pupils: the design's origin and its scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeadFrame {
    /// Fractions of the photo's width and height.
    pub origin: [f32; 2],
    /// Millimetres to pixels as a fraction of the photo's width: px/mm = this × width.
    pub width_per_mm: f32,
}

/// The analysis of one photo. Positions are fractions of the photo's width and height
/// (0–1), so they hold for any copy of it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    pub view: View,
    /// Faces the detector is sure of (score ≥ 0.6).
    pub faces: usize,
    pub face_score: Option<f32>,
    /// Front and three-quarter views: the pupils (centres of the eye openings), left
    /// then right in the photo.
    pub pupils: Option<[[f32; 2]; 2]>,
    /// Profile and top views: the scale from the head's size, the origin under the photo
    /// (the hairline passes below it: the treatment area is the design).
    pub head_frame: Option<HeadFrame>,
    /// Head pitch toward the camera from the face mesh's depth, degrees.
    pub pitch: Option<f32>,
    /// Heights on the front scalp look this much shorter than on an upright face: from
    /// the pitch, and no more than the head's outline above the glabella leaves room for.
    pub foreshortening: f32,
    /// The eye distance looks this much shorter than face-on (a turned head): the face
    /// mesh's eye distance in the photo against the same in 3D (its depth included).
    pub eye_turn: f32,
    /// "hairline" (front views) or "full" (profile, top); None when nothing is found.
    pub coverage: Option<&'static str>,
    /// The treatment area: `area_width × area_height` cells, row-major, 0–255, over the
    /// whole photo (all zero when nothing is found).
    pub area_width: u32,
    pub area_height: u32,
    #[serde(skip)]
    pub area: Vec<u8>,
    /// Share of the photo on the person.
    pub person_share: f32,
}

/// Analyses a photo (straight RGBA8; any size, it is downscaled first).
pub fn analyse(models: &Models, photo: &Rgba) -> Result<Analysis> {
    let small = photo.downscaled(ANALYSIS_SIDE);
    let mut candidates: Vec<Face> = face::detect(&models.face, &small)?;
    if let Some(face) = second_look(models, &small, &candidates)? {
        candidates = vec![face];
    }
    let person = segment::person(&models.person, &small)?;
    let person_share = person.values.iter().filter(|&&v| v > 0.5).count() as f32 / person.values.len().max(1) as f32;
    let (w, h) = (small.width as f32, small.height as f32);
    let norm = |p: [f32; 2]| [p[0] / w, p[1] / h];
    let mut analysis = Analysis {
        view: View::None,
        faces: candidates.iter().filter(|f| f.score >= TRUSTED_SCORE).count(),
        face_score: candidates.first().map(|f| f.score),
        pupils: None,
        head_frame: None,
        pitch: None,
        foreshortening: 1.0,
        eye_turn: 1.0,
        coverage: None,
        area_width: person.width,
        area_height: person.height,
        area: vec![0; person.values.len()],
        person_share,
    };
    let head = head_extent(&person);
    // A photo of two people, or of a wall, gets no automatic design.
    let Some(head) = head.filter(|_| analysis.faces <= 1 && person_share >= MIN_PERSON_SHARE) else {
        return Ok(analysis);
    };
    let mut head_bottom = f32::INFINITY;
    let mut profile: Option<Profile> = None;
    match candidates.first() {
        // No face at all: the top of a head.
        None => {
            let px_per_mm = head.width / HEAD_WIDTH_MM;
            analysis.view = View::Top;
            analysis.head_frame = Some(HeadFrame {
                origin: norm([head.centre_x, h + TOP_VIEW_ORIGIN_BELOW_MM * px_per_mm]),
                width_per_mm: px_per_mm / w,
            });
            analysis.coverage = Some("full");
            head_bottom = head.top + TOP_VIEW_HEAD_DEPTH * head.width;
        }
        Some(face) if face.score < TRUSTED_SCORE => return Ok(analysis),
        Some(face) => {
            let [a, b] = face.eyes;
            let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
            let distance = dx.hypot(dy).max(1e-3);
            let mid = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
            // The nose's offset along the eye line, in eye distances.
            let turn = ((face.nose[0] - mid[0]) * dx + (face.nose[1] - mid[1]) * dy) / (distance * distance);
            let eyes_to_box = distance / (face.bounds[2] - face.bounds[0]).max(1e-3);
            if turn.abs() > PROFILE_TURN || eyes_to_box < 0.3 {
                // The visible eye is the one on the nose's side, the visible ear the one
                // behind it; the treatment area is the design (see `Profile`), so the
                // frame's origin goes under the photo, as for a top view, and only
                // carries the scale from the head's length.
                let forward = if turn < 0.0 { -1.0 } else { 1.0 };
                let (eye, tragion) = if turn < 0.0 { (a, face.ears[1]) } else { (b, face.ears[0]) };
                let px_per_mm = head.width / HEAD_LENGTH_MM;
                analysis.view = View::Profile;
                analysis.head_frame = Some(HeadFrame {
                    origin: norm([eye[0], h + TOP_VIEW_ORIGIN_BELOW_MM * px_per_mm]),
                    width_per_mm: px_per_mm / w,
                });
                analysis.coverage = Some("full");
                profile = Some(Profile::new(&person, head.top, eye, tragion, forward, px_per_mm));
            } else {
                analysis.view = if turn.abs() > THREE_QUARTER_TURN { View::ThreeQuarter } else { View::Front };
                // The pupils: centres of the mesh's eye openings (the detector's eye
                // keypoints sit a fifth of the eye distance too close together here).
                let mesh: Mesh = landmarks::mesh(&models.mesh, &small, face)?;
                let eyes = [mesh.mean(&landmarks::EYE_LEFT_IN_PHOTO), mesh.mean(&landmarks::EYE_RIGHT_IN_PHOTO)];
                analysis.pupils = Some(if eyes[0][0] <= eyes[1][0] { eyes } else { [eyes[1], eyes[0]] }.map(norm));
                let pitch = mesh_pitch(&mesh);
                analysis.pitch = Some(pitch);
                analysis.foreshortening = foreshortening(pitch);
                // The head's outline above the glabella bounds the hairline's height.
                let [l, r] = eyes;
                let (dx, dy) = (r[0] - l[0], r[1] - l[1]);
                let ipd_px = dx.hypot(dy).max(1e-3);
                analysis.eye_turn = eye_turn(&mesh, ipd_px);
                let up = if dx >= 0.0 { [dy / ipd_px, -dx / ipd_px] } else { [-dy / ipd_px, dx / ipd_px] };
                // The renderer's scale: the eye distance face-on.
                let px_per_mm = ipd_px / analysis.eye_turn / IPD_MM;
                let glabella = [
                    (l[0] + r[0]) / 2.0 + up[0] * GLABELLA_ABOVE_PUPILS_MM * px_per_mm,
                    (l[1] + r[1]) / 2.0 + up[1] * GLABELLA_ABOVE_PUPILS_MM * px_per_mm,
                ];
                // It bounds the design by what the photo shows, whatever the scale: a
                // face the mesh reads too large (squinting, blurred eyes) no longer lifts
                // the hairline off the scalp.
                if let Some(top_px) = outline_above(&person, glabella, up, ipd_px / 4.0) {
                    let most = hairline_share_of_head_top(pitch) * top_px / px_per_mm / MID_FRONTAL_MM;
                    analysis.foreshortening = analysis.foreshortening.min(most).max(MIN_FORESHORTENING);
                }
                analysis.coverage = Some("hairline");
            }
        }
    }
    // The person, its soft edge sharpened so the segmenter's haze stays off the backdrop;
    // the design keeps the dots behind the hairline or above the brows.
    let cell = person.px_per_cell;
    for (i, value) in analysis.area.iter_mut().enumerate() {
        let y = ((i / person.width as usize) as f32 + 0.5) * cell;
        let on_person = smooth((person.values[i] - 0.35) / 0.3);
        let x = ((i % person.width as usize) as f32 + 0.5) * cell;
        let above_shoulders = smooth((head_bottom - y) / (0.05 * head.width));
        let design = profile.as_ref().map_or(1.0, |p| p.weight(x, y));
        *value = (on_person * above_shoulders * design * 255.0).round() as u8;
    }
    Ok(analysis)
}

/// Where the designed mid-frontal point (`MID_FRONTAL_MM` along the forehead) is seen, as
/// a share of the way from the glabella up to the top of the head's outline, for a head
/// at this mesh pitch, degrees. The head's midline is an arc (`HEAD_ARC_RADIUS_MM`);
/// bowing turns the arc toward the camera, so the forehead drops and its height shrinks
/// while the outline's top stays the arc's top: 0.67 upright, 0.45 at a pitch of 45°.
/// The arc was chosen on the 14 labelled photos and needs a larger, held-out set to
/// confirm; it bounds the hairline only where the pitch curve leaves it higher.
fn hairline_share_of_head_top(pitch: f32) -> f32 {
    let bow = (pitch - UPRIGHT_PITCH).clamp(0.0, 80.0).to_radians();
    let glabella = -GLABELLA_BELOW_ARC_CENTRE_DEG.to_radians() - bow;
    let hairline = glabella + MID_FRONTAL_MM / HEAD_ARC_RADIUS_MM;
    (hairline.sin() - glabella.sin()) / (1.0 - glabella.sin())
}

fn smooth(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// The scalp of a head seen from the side, in analysis px: behind a frontal-temporal line
/// from the mid-frontal point (on the forehead's outline, `MID_FRONTAL_MM` above the
/// glabella) down to in front of the ear, above the ear and, behind it, down to the
/// nape; never the ear itself. The ear's place comes from the detector's tragion
/// keypoint, which lands anywhere from the tragion to the middle of the ear: the ear's
/// exclusion is sized for that.
struct Profile {
    /// The tragion, px.
    tragion: [f32; 2],
    /// +1 when the face looks toward +x, -1 toward -x.
    forward: f32,
    px_per_mm: f32,
    /// The frontal-temporal line: the mid-frontal point and the sideburn point, px.
    front: [f32; 2],
    sideburn: [f32; 2],
}

/// Adult ear around the tragion, mm, each edge with the keypoint's error (~10 mm) added:
/// its front edge (the sideburn point a little further forward), back edge (25–30 mm
/// behind the tragion), top (about 35 mm above it); the nape's hairline below the
/// tragion behind the ear; the soft edge of the profile's area.
const EAR_KEYPOINT_ERROR_MM: f32 = 10.0;
const EAR_FRONT_MM: f32 = 20.0;
const SIDEBURN_FRONT_MM: f32 = 25.0;
const EAR_BACK_MM: f32 = 40.0;
const EAR_TOP_MM: f32 = 45.0;
const NAPE_BELOW_TRAGION_MM: f32 = 25.0;
const PROFILE_EDGE_MM: f32 = 4.0;

impl Profile {
    #[inline(never)]
    fn new(
        person: &ProbabilityMap,
        head_top: f32,
        eye: [f32; 2],
        tragion: [f32; 2],
        forward: f32,
        px_per_mm: f32,
    ) -> Profile {
        let glabella_y = eye[1] - GLABELLA_ABOVE_PUPILS_MM * px_per_mm;
        // The forehead's outline at the mid-frontal height, no higher than the front
        // view allows upright (`hairline_share_of_head_top`; a head cut off by the photo's top
        // edge does not bound it), or the head's first row below it: the person's
        // frontmost cell on that row.
        let mut height = MID_FRONTAL_MM * px_per_mm;
        if head_top > 0.0 {
            height = height.min(hairline_share_of_head_top(UPRIGHT_PITCH) * (glabella_y - head_top).max(0.0));
        }
        let cell = person.px_per_cell;
        let (w, h) = (person.width as usize, person.height as usize);
        let first_row = ((glabella_y - height) / cell).max(0.0) as usize;
        let frontmost = |row: usize| {
            let on = |x: usize| person.values[row * w + x] > 0.5;
            if forward < 0.0 {
                (0..w).find(|&x| on(x))
            } else {
                (0..w).rev().find(|&x| on(x))
            }
        };
        let front = (first_row..h)
            .find_map(|row| frontmost(row).map(|x| [(x as f32 + 0.5) * cell, (row as f32 + 0.5) * cell]))
            .unwrap_or([eye[0], glabella_y - height]);
        let sideburn = [tragion[0] + forward * SIDEBURN_FRONT_MM * px_per_mm, tragion[1]];
        Profile { tragion, forward, px_per_mm, front, sideburn }
    }

    /// 0–1 at (x, y) px.
    #[inline(never)]
    fn weight(&self, x: f32, y: f32) -> f32 {
        let edge = |mm: f32| smooth(0.5 + mm / PROFILE_EDGE_MM);
        let s = self.px_per_mm;
        // mm behind the tragion and above it.
        let behind = (self.tragion[0] - x) * self.forward / s;
        let above = (self.tragion[1] - y) / s;
        // Behind the frontal-temporal line: its normal pointing backward.
        let (dx, dy) = (self.sideburn[0] - self.front[0], self.sideburn[1] - self.front[1]);
        let length = dx.hypot(dy).max(1e-3);
        let mut normal = [dy / length, -dx / length];
        if normal[0] * self.forward > 0.0 {
            normal = [-normal[0], -normal[1]];
        }
        let behind_line = ((x - self.front[0]) * normal[0] + (y - self.front[1]) * normal[1]) / s;
        let ear = edge(behind + EAR_FRONT_MM) * edge(EAR_BACK_MM - behind) * edge(EAR_TOP_MM - above);
        // In front of the ear the sideburn ends at the tragion's height (plus the
        // keypoint's error); behind it the nape goes lower.
        let low = if behind < 0.0 { edge(above - EAR_KEYPOINT_ERROR_MM) } else { edge(above + NAPE_BELOW_TRAGION_MM) };
        edge(behind_line) * (1.0 - ear) * low
    }
}

/// The head in the person map, in analysis px: the top of its outline, its widest span
/// in the upper part (down to a head width below the top) and that span's centre.
#[derive(Debug, Clone, Copy)]
struct HeadExtent {
    top: f32,
    width: f32,
    centre_x: f32,
}

fn head_extent(person: &ProbabilityMap) -> Option<HeadExtent> {
    let (w, h) = (person.width as usize, person.height as usize);
    let on = |x: usize, y: usize| person.values[y * w + x] > 0.5;
    let top = (0..h).find(|&y| (0..w).filter(|&x| on(x, y)).count() >= (w / 20).max(1))?;
    let mut best = (0usize, 0usize);
    for y in top..h {
        if let (Some(first), Some(last)) = ((0..w).find(|&x| on(x, y)), (0..w).rev().find(|&x| on(x, y))) {
            if last - first > best.1 - best.0 {
                best = (first, last);
            }
        }
        if best.1 > best.0 && y - top > best.1 - best.0 {
            break;
        }
    }
    let cell = person.px_per_cell;
    Some(HeadExtent {
        top: top as f32 * cell,
        width: (best.1 + 1 - best.0) as f32 * cell,
        centre_x: (best.0 + best.1 + 1) as f32 / 2.0 * cell,
    })
}

/// A doubtful best candidate (a bowed head filling the frame scores low) gets a second
/// look with the photo zoomed out at two scales; a face found at both, trusted at both
/// and in the same place (eyes within a quarter of their distance) replaces it. A
/// pattern that only looks like a face at one scale (the hairline of a close-up with no
/// eyes in frame) does not pass both.
#[inline(never)]
fn second_look(models: &Models, photo: &Rgba, candidates: &[Face]) -> Result<Option<Face>> {
    if !candidates.first().is_some_and(|f| f.score < TRUSTED_SCORE) {
        return Ok(None);
    }
    let mut found = Vec::new();
    for zoom_out in SECOND_LOOK_ZOOM_OUT {
        let faces = face::detect_zoomed_out(&models.face, photo, zoom_out)?;
        match faces.first() {
            Some(&f) if f.score >= TRUSTED_SCORE && faces.iter().filter(|f| f.score >= TRUSTED_SCORE).count() == 1 => {
                found.push(f)
            }
            _ => return Ok(None),
        }
    }
    let (a, b) = (found[0], found[1]);
    let distance = (a.eyes[1][0] - a.eyes[0][0]).hypot(a.eyes[1][1] - a.eyes[0][1]);
    let apart = (0..2).map(|i| (a.eyes[i][0] - b.eyes[i][0]).hypot(a.eyes[i][1] - b.eyes[i][1])).fold(0.0, f32::max);
    Ok((apart <= 0.25 * distance).then_some(if a.score >= b.score { a } else { b }))
}

/// How far the person's outline reaches from `from` along `up` (a unit vector), photo
/// px: the farthest point on the person along three parallel rays `spread` px apart
/// (a notch or a stray gap in the mask does not end it). None when the person reaches
/// the photo's edge that way: the top of the head is out of frame.
#[inline(never)]
fn outline_above(person: &ProbabilityMap, from: [f32; 2], up: [f32; 2], spread: f32) -> Option<f32> {
    let step = person.px_per_cell / 2.0;
    let (w, h) = (person.width as f32 * person.px_per_cell, person.height as f32 * person.px_per_cell);
    let mut reach = 0.0f32;
    for offset in [-spread, 0.0, spread] {
        let start = [from[0] - up[1] * offset, from[1] + up[0] * offset];
        let mut t = 0.0;
        loop {
            let p = [start[0] + up[0] * t, start[1] + up[1] * t];
            if p[0] < 0.0 || p[1] < 0.0 || p[0] >= w || p[1] >= h {
                if person.at(p[0] - up[0] * step, p[1] - up[1] * step) > 0.5 {
                    return None;
                }
                break;
            }
            if person.at(p[0], p[1]) > 0.5 {
                reach = reach.max(t);
            }
            t += step;
        }
    }
    (reach > 0.0).then_some(reach)
}

/// How much shorter the mesh's eye distance (`seen`, between the eye openings' centres
/// in the photo, px) is than in 3D: the cosine of the head's turn, near 1 face-on, 0.57
/// on the labelled profile. Kept within what the renderer takes (a turn beyond is a
/// profile).
fn eye_turn(mesh: &Mesh, seen: f32) -> f32 {
    let depth = mesh.mean_depth(&landmarks::EYE_RIGHT_IN_PHOTO) - mesh.mean_depth(&landmarks::EYE_LEFT_IN_PHOTO);
    let turn = seen / seen.hypot(depth);
    if turn.is_nan() {
        1.0
    } else {
        turn.clamp(MIN_EYE_TURN, 1.0)
    }
}

/// Pitch from the mesh: the angle of the forehead-top-to-chin line out of the photo's
/// plane (its depth difference against its length in the photo), degrees.
fn mesh_pitch(mesh: &Mesh) -> f32 {
    let (top, chin) = (mesh.points[landmarks::FOREHEAD_TOP], mesh.points[landmarks::CHIN]);
    let length = (top[0] - chin[0]).hypot(top[1] - chin[1]).max(1e-3);
    (chin[2] - top[2]).atan2(length).to_degrees()
}

/// Up to a slight bow (10°) the design's heights hold; beyond that the front scalp's
/// heights shrink as the squared cosine of the pitch: the forehead tips toward the lens
/// while the top turns away. This curve was chosen on the 14 labelled photos (the bald
/// scalp began 56–75 mm above the glabella on heads bowed 42–51°) and needs a larger,
/// held-out set to confirm.
fn foreshortening(pitch: f32) -> f32 {
    let f = (pitch.max(UPRIGHT_PITCH).to_radians().cos() / UPRIGHT_PITCH.to_radians().cos()).powi(2);
    f.clamp(PITCH_FORESHORTENING_FLOOR, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hairline_takes_a_smaller_share_of_the_head_the_more_it_is_bowed() {
        let share = |pitch: f32| hairline_share_of_head_top(pitch);
        // Upright: two thirds of glabella to vertex (8 of 10.5–12 cm as seen).
        assert!((0.64..=0.70).contains(&share(0.0)), "{}", share(0.0));
        assert_eq!(share(0.0), share(UPRIGHT_PITCH));
        assert!((0.42..=0.48).contains(&share(45.0)), "{}", share(45.0));
        let mut last = share(UPRIGHT_PITCH);
        for pitch in (15..=90).step_by(5) {
            let next = share(pitch as f32);
            assert!(next < last && next > 0.0, "{pitch}°: {next} after {last}");
            last = next;
        }
    }
}
