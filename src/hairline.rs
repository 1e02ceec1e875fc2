//! The hairline: a smooth curve through a few control points in face millimetres
//! (see `frame.rs`), presets from the geometric rules of hairline design, mirror
//! editing with a little natural asymmetry, a plausibility check, and the feathered
//! weight ramp behind the line that becomes a broken, irregular edge of dots.

use crate::error::{Error, Result};
use crate::feather::smoothstep;
use crate::rng::{hash, unit};
use serde::{Deserialize, Serialize};

/// Accepted range for the mid-frontal point above the glabella, mm (7–10 cm).
pub const MID_FRONTAL_RANGE_MM: (f32, f32) = (70.0, 100.0);
/// Largest natural left–right difference, mm.
pub const MAX_ASYMMETRY_MM: f32 = 2.0;
/// Edge softness (feathering behind the line), mm.
pub const FEATHER_RANGE_MM: (f32, f32) = (0.3, 15.0);
/// Control points stay within this box of the face frame, mm.
const LIMIT_MM: f32 = 200.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// Adult, soft and broken: mid-frontal 8 cm above the glabella.
    Natural,
    /// Lower (7 cm) and straighter.
    Youthful,
    /// Conservative (9.5 cm) with receded temples.
    Mature,
    /// A small central peak pointing down.
    WidowsPeak,
    /// A crisp barber line-up.
    Defined,
}

impl Preset {
    pub const ALL: [Preset; 5] =
        [Preset::Natural, Preset::Youthful, Preset::Mature, Preset::WidowsPeak, Preset::Defined];

    /// Control points left to right (mm, face frame): temporal peak, frontotemporal
    /// point, mid-pupil (where the bell turns), …, mid-frontal point, … mirrored.
    fn points(self) -> Vec<[f32; 2]> {
        let half: &[[f32; 2]] = match self {
            Preset::Natural | Preset::Defined => &[[-62.0, 44.0], [-50.0, 80.0], [-28.0, 79.0], [0.0, 80.0]],
            Preset::Youthful => &[[-62.0, 42.0], [-49.0, 73.0], [-27.0, 71.5], [0.0, 71.0]],
            Preset::Mature => &[[-63.0, 50.0], [-49.0, 101.0], [-27.0, 95.0], [0.0, 93.0]],
            Preset::WidowsPeak => &[[-62.0, 44.0], [-50.0, 83.0], [-26.0, 83.0], [-11.0, 82.0], [0.0, 74.0]],
        };
        let mut points: Vec<[f32; 2]> = half.to_vec();
        points.extend(half.iter().rev().skip(1).map(|p| [-p[0], p[1]]));
        points
    }

    /// Default edge softness, mm: "defined" is a crisp line-up.
    pub fn feather_mm(self) -> f32 {
        match self {
            Preset::Defined => FEATHER_RANGE_MM.0,
            Preset::Youthful => 4.0,
            _ => 6.0,
        }
    }
}

/// A hairline in face millimetres.
#[derive(Debug, Clone, PartialEq)]
pub struct Hairline {
    points: Vec<[f32; 2]>,
    feather_mm: f32,
    seed: u32,
}

impl Hairline {
    /// A preset with a small seeded asymmetry (≤ 1 mm a point), so it is never a
    /// perfect mirror image.
    pub fn preset(preset: Preset, seed: u32) -> Hairline {
        let mut points = preset.points();
        for (i, p) in points.iter_mut().enumerate() {
            let jitter = |salt| (unit(hash(&[seed, i as u32, salt])) - 0.5) * MAX_ASYMMETRY_MM * 0.5;
            p[0] += jitter(1);
            p[1] += jitter(2);
        }
        Hairline { points, feather_mm: preset.feather_mm(), seed }
    }

    /// The same line with its heights above the glabella multiplied by `factor`: a
    /// head bowed toward the camera shows its front scalp foreshortened (see
    /// `Design::understand`).
    pub fn foreshortened(mut self, factor: f32) -> Hairline {
        self.points.iter_mut().for_each(|p| p[1] *= factor);
        self
    }

    pub fn points(&self) -> &[[f32; 2]] {
        &self.points
    }

    pub fn feather_mm(&self) -> f32 {
        self.feather_mm
    }

    pub fn set_feather_mm(&mut self, mm: f32) -> Result<()> {
        if !(mm.is_finite() && (FEATHER_RANGE_MM.0..=FEATHER_RANGE_MM.1).contains(&mm)) {
            return Err(Error::option(
                "edgeSoftness",
                format!("must be between {} and {} mm (got {mm})", FEATHER_RANGE_MM.0, FEATHER_RANGE_MM.1),
            ));
        }
        self.feather_mm = mm;
        Ok(())
    }

    /// Moves control point `index` to `to` (mm). With `mirror`, its mirror partner
    /// follows to the reflected position, keeping its own small offset. Points keep
    /// their left-to-right order (a point cannot pass its neighbours), so the line never
    /// folds back on itself.
    pub fn move_point(&mut self, index: usize, to: [f32; 2], mirror: bool) -> Result<()> {
        let n = self.points.len();
        if index >= n {
            return Err(Error::InvalidRequest(format!("there is no hairline point {index} (there are {n})")));
        }
        if !to.iter().all(|v| v.is_finite() && v.abs() <= LIMIT_MM) {
            return Err(Error::InvalidRequest("a hairline point must stay near the face".into()));
        }
        let partner = n - 1 - index;
        let before = self.points[index];
        self.points[index] = self.clamped(index, to);
        if mirror && partner != index {
            let moved = [self.points[index][0] - before[0], self.points[index][1] - before[1]];
            let target = [self.points[partner][0] - moved[0], self.points[partner][1] + moved[1]];
            self.points[partner] = self.clamped(partner, target);
        } else if partner == index {
            // The middle point stays near the midline.
            self.points[index][0] = self.points[index][0].clamp(-MAX_ASYMMETRY_MM * 4.0, MAX_ASYMMETRY_MM * 4.0);
        }
        Ok(())
    }

    /// Keeps x strictly between the neighbours' x (with a 2 mm gap).
    fn clamped(&self, index: usize, to: [f32; 2]) -> [f32; 2] {
        let lo = if index > 0 { self.points[index - 1][0] + 2.0 } else { -LIMIT_MM };
        let hi = if index + 1 < self.points.len() { self.points[index + 1][0] - 2.0 } else { LIMIT_MM };
        [to[0].clamp(lo.min(hi), hi.max(lo)), to[1].clamp(-LIMIT_MM, LIMIT_MM)]
    }

    /// The curve sampled densely (mm, left to right): centripetal Catmull-Rom through
    /// the control points, which is C1-smooth and never overshoots into loops.
    pub fn curve(&self, samples_per_segment: usize) -> Vec<[f32; 2]> {
        let p = &self.points;
        let n = p.len();
        let at = |i: isize| -> [f32; 2] {
            if i < 0 {
                [2.0 * p[0][0] - p[1][0], 2.0 * p[0][1] - p[1][1]]
            } else if i as usize >= n {
                [2.0 * p[n - 1][0] - p[n - 2][0], 2.0 * p[n - 1][1] - p[n - 2][1]]
            } else {
                p[i as usize]
            }
        };
        let mut out = Vec::with_capacity((n - 1) * samples_per_segment + 1);
        for i in 0..n as isize - 1 {
            let (p0, p1, p2, p3) = (at(i - 1), at(i), at(i + 1), at(i + 2));
            for s in 0..samples_per_segment {
                out.push(catmull_rom(p0, p1, p2, p3, s as f32 / samples_per_segment as f32));
            }
        }
        out.push(p[n - 1]);
        out
    }

    /// A warning when the line sits lower than the accepted range: allowed, but the
    /// person should know (it will look unnatural as they age).
    ///
    /// `foreshortening`: how much shorter heights look in this photo than on the head
    /// (1: not at all; see `Design::set_foreshortening`); the check is on the head.
    pub fn plausibility_warning(&self, foreshortening: f32) -> Option<String> {
        let on_head = |mm: f32| mm / foreshortening.max(0.1);
        let middle = on_head(self.points[self.points.len() / 2][1]);
        let lowest_front =
            on_head(self.points[1..self.points.len() - 1].iter().map(|p| p[1]).fold(f32::INFINITY, f32::min));
        if middle < MID_FRONTAL_RANGE_MM.0 || lowest_front < MID_FRONTAL_RANGE_MM.0 - 8.0 {
            Some(format!(
                "This hairline sits {:.0} cm above the brow: lower than the usual {:.0}–{:.0} cm. It may look \
                 unnatural as you age; most artists would place it higher.",
                middle.min(lowest_front + 8.0) / 10.0,
                MID_FRONTAL_RANGE_MM.0 / 10.0,
                MID_FRONTAL_RANGE_MM.1 / 10.0
            ))
        } else {
            None
        }
    }

    /// Treatment weight at a point (mm): 0 in front of the line, rising to 1 at
    /// `feather_mm` behind it, with a seeded low-frequency wobble of a few tenths of a
    /// millimetre so the front edge is not a perfect offset of the curve. Outside the
    /// line's left-right extent (behind the temples) the weight is 0.
    pub fn weight(&self, curve: &[[f32; 2]], mm: [f32; 2]) -> f32 {
        /// The wobble's amplitude, mm, and its largest reach (the two waves' sum).
        const WOBBLE_MM: f32 = 0.35;
        const WOBBLE_REACH_MM: f32 = WOBBLE_MM * 1.6;
        let Some(behind) = behind_mm(curve, mm) else { return 0.0 };
        // Clear of the soft edge whatever the wobble: the waves' hashes are skipped.
        if behind - WOBBLE_REACH_MM >= self.feather_mm {
            return 1.0;
        }
        if behind + WOBBLE_REACH_MM <= 0.0 {
            return 0.0;
        }
        let wobble = WOBBLE_MM * (wave(self.seed, mm[0] * 0.45) + 0.6 * wave(self.seed ^ 0xA5A5, mm[0] * 1.3));
        smoothstep((behind + wobble) / self.feather_mm)
    }
}

/// How far a point (mm) lies behind the curve (`Hairline::curve`), measured square to
/// it: negative in front of it; None outside its left-right extent.
pub fn behind_mm(curve: &[[f32; 2]], mm: [f32; 2]) -> Option<f32> {
    let (y, slope) = height_at(curve, mm[0])?;
    Some((mm[1] - y) / (1.0 + slope * slope).sqrt())
}

/// Height of a left-to-right polyline at x, and its slope; None outside its extent.
fn height_at(curve: &[[f32; 2]], x: f32) -> Option<(f32, f32)> {
    // Control points keep their left-to-right order, so the samples are (close to)
    // sorted by x: a binary search finds the segment.
    let (first, last) = (curve.first()?[0], curve.last()?[0]);
    if !(first..=last).contains(&x) {
        return None;
    }
    let i = curve.partition_point(|p| p[0] < x).clamp(1, curve.len() - 1) - 1;
    let (a, b) = (curve[i], curve[i + 1]);
    let dx = b[0] - a[0];
    if dx.abs() < 1e-6 {
        return Some((a[1].max(b[1]), 0.0));
    }
    let t = (x - a[0]) / dx;
    let slope = (b[1] - a[1]) / dx;
    Some((a[1] + t * (b[1] - a[1]), slope))
}

/// A smooth pseudo-random wave in -1..1.
fn wave(seed: u32, x: f32) -> f32 {
    let (i, f) = (x.floor(), x - x.floor());
    let at = |k: f32| unit(hash(&[seed, k as i32 as u32])) * 2.0 - 1.0;
    let s = f * f * (3.0 - 2.0 * f);
    at(i) + (at(i + 1.0) - at(i)) * s
}

/// Centripetal Catmull-Rom (α = ½) between p1 and p2.
fn catmull_rom(p0: [f32; 2], p1: [f32; 2], p2: [f32; 2], p3: [f32; 2], u: f32) -> [f32; 2] {
    let knot = |a: [f32; 2], b: [f32; 2]| ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt().sqrt().max(1e-4);
    let t0 = 0.0;
    let t1 = t0 + knot(p0, p1);
    let t2 = t1 + knot(p1, p2);
    let t3 = t2 + knot(p2, p3);
    let t = t1 + (t2 - t1) * u;
    let lerp = |a: [f32; 2], b: [f32; 2], ta: f32, tb: f32| {
        let w = (t - ta) / (tb - ta);
        [a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w]
    };
    let a1 = lerp(p0, p1, t0, t1);
    let a2 = lerp(p1, p2, t1, t2);
    let a3 = lerp(p2, p3, t2, t3);
    let b1 = lerp(a1, a2, t0, t2);
    let b2 = lerp(a2, a3, t1, t3);
    lerp(b1, b2, t1, t2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments_cross(a: [f32; 2], b: [f32; 2], c: [f32; 2], d: [f32; 2]) -> bool {
        let cross =
            |o: [f32; 2], p: [f32; 2], q: [f32; 2]| (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
        let (d1, d2) = (cross(c, d, a), cross(c, d, b));
        let (d3, d4) = (cross(a, b, c), cross(a, b, d));
        d1 * d2 < 0.0 && d3 * d4 < 0.0
    }

    fn turning_angles(curve: &[[f32; 2]]) -> Vec<f32> {
        curve
            .windows(3)
            .map(|w| {
                let a = (w[1][1] - w[0][1]).atan2(w[1][0] - w[0][0]);
                let b = (w[2][1] - w[1][1]).atan2(w[2][0] - w[1][0]);
                let mut d = (b - a).abs();
                if d > std::f32::consts::PI {
                    d = 2.0 * std::f32::consts::PI - d;
                }
                d
            })
            .collect()
    }

    #[test]
    fn every_preset_is_smooth_simple_and_in_its_range() {
        for preset in Preset::ALL {
            let line = Hairline::preset(preset, 3);
            let curve = line.curve(24);
            // Smooth: no corner sharper than a few degrees between dense samples.
            let sharpest = turning_angles(&curve).into_iter().fold(0.0, f32::max);
            assert!(sharpest < 0.35, "{preset:?}: corner of {sharpest} rad");
            // No self-intersection.
            for i in 0..curve.len() - 1 {
                for j in i + 2..curve.len() - 1 {
                    assert!(
                        !segments_cross(curve[i], curve[i + 1], curve[j], curve[j + 1]),
                        "{preset:?} crosses itself"
                    );
                }
            }
            // Mid-frontal point within 7–10 cm; frontotemporal angle open (the temples sit
            // lower than the frontotemporal points, the line turns down at the sides).
            let middle = line.points()[line.points().len() / 2][1];
            let allowed = if preset == Preset::WidowsPeak { (70.0, 100.0) } else { MID_FRONTAL_RANGE_MM };
            assert!((allowed.0 - 1.0..=allowed.1 + 1.0).contains(&middle), "{preset:?}: {middle}");
            let p = line.points();
            assert!(p[0][1] < p[1][1] - 20.0 && p[p.len() - 1][1] < p[p.len() - 2][1] - 20.0, "{preset:?}");
            assert!(line.plausibility_warning(1.0).is_none(), "{preset:?}");
            for factor in [0.6, crate::design::MIN_FORESHORTENING] {
                let seen = line.clone().foreshortened(factor);
                assert!(seen.plausibility_warning(factor).is_none(), "{preset:?} foreshortened {factor}");
            }
        }
    }

    #[test]
    fn presets_are_nearly_but_not_exactly_symmetric() {
        let line = Hairline::preset(Preset::Natural, 11);
        let p = line.points();
        let n = p.len();
        let mut any_difference = false;
        for i in 0..n / 2 {
            let (l, r) = (p[i], p[n - 1 - i]);
            let dx = (l[0] + r[0]).abs();
            let dy = (l[1] - r[1]).abs();
            assert!(dx <= MAX_ASYMMETRY_MM && dy <= MAX_ASYMMETRY_MM, "{l:?} {r:?}");
            any_difference |= dx > 0.01 || dy > 0.01;
        }
        assert!(any_difference);
    }

    #[test]
    fn mirror_editing_moves_the_partner_and_order_is_kept() {
        let mut line = Hairline::preset(Preset::Natural, 1);
        let before = line.points().to_vec();
        line.move_point(1, [before[1][0] - 3.0, before[1][1] + 10.0], true).expect("valid");
        let after = line.points();
        let n = after.len();
        assert!((after[n - 2][1] - (before[n - 2][1] + 10.0)).abs() < 1e-3);
        assert!((after[n - 2][0] - (before[n - 2][0] + 3.0)).abs() < 1e-3);
        // A point dragged past its neighbour stops short of it.
        line.move_point(2, [500.0, 80.0], false).expect_err("far away");
        line.move_point(2, [150.0, 80.0], false).expect("clamped");
        assert!(line.points()[2][0] < line.points()[3][0]);
        assert!(line.move_point(99, [0.0, 0.0], false).is_err());
        assert!(line.move_point(1, [f32::NAN, 0.0], false).is_err());
    }

    #[test]
    fn a_low_hairline_is_allowed_but_flagged() {
        let mut line = Hairline::preset(Preset::Natural, 2);
        let middle = line.points().len() / 2;
        line.move_point(middle, [0.0, 55.0], false).expect("allowed");
        assert!(line.plausibility_warning(1.0).is_some_and(|w| w.contains("lower")));
    }

    #[test]
    fn the_weight_ramps_up_behind_the_line_over_the_feather() {
        let line = Hairline::preset(Preset::Natural, 5);
        let curve = line.curve(16);
        assert_eq!(line.weight(&curve, [0.0, 60.0]), 0.0, "in front");
        assert!(line.weight(&curve, [0.0, 100.0]) > 0.99, "well behind");
        let mid = line.weight(&curve, [0.0, 83.0]);
        assert!(mid > 0.1 && mid < 0.9, "{mid}");
        assert_eq!(line.weight(&curve, [90.0, 100.0]), 0.0, "outside the temples");
        let mut crisp = Hairline::preset(Preset::Defined, 5);
        crisp.set_feather_mm(0.3).expect("valid");
        let curve = crisp.curve(16);
        assert!(crisp.weight(&curve, [0.0, 82.0]) > 0.99 && crisp.weight(&curve, [0.0, 78.5]) == 0.0);
        assert!(crisp.set_feather_mm(0.0).is_err() && crisp.set_feather_mm(f32::NAN).is_err());
    }
}
