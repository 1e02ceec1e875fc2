//! The face frame: millimetres on the forehead from two pupil positions in the photo.
//! Origin at the glabella (between the eyebrows), x to the person's left-to-right as
//! seen in the photo, y up the forehead; the scale comes from the interpupillary
//! distance. Everything the hairline designer does is in this frame.

use crate::error::{Error, Result};

/// Adult interpupillary distance, mm (average of women and men).
pub const IPD_MM: f32 = 63.0;
/// Height of the glabella above the line through the pupils, mm.
pub const GLABELLA_ABOVE_PUPILS_MM: f32 = 12.0;
/// Outer eye corners, mm either side of the midline at pupil height.
pub const OUTER_EYE_CORNER_MM: f32 = 45.0;

/// A similarity transform between photo pixels and face millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceFrame {
    /// The glabella in photo pixels.
    pub origin: [f32; 2],
    pub px_per_mm: f32,
    /// Head tilt (roll): angle of the pupil line in the photo, radians.
    pub tilt: f32,
}

impl FaceFrame {
    /// From the two pupils (photo pixels, either order).
    pub fn from_pupils(a: [f32; 2], b: [f32; 2]) -> Result<FaceFrame> {
        FaceFrame::from_pupils_corrected(a, b, 1.0)
    }

    /// From the two pupils, with the scale they imply multiplied by `correction` (the
    /// user's fix for an eye distance far from the average).
    pub fn from_pupils_corrected(a: [f32; 2], b: [f32; 2], correction: f32) -> Result<FaceFrame> {
        if !a.iter().chain(&b).all(|v| v.is_finite()) {
            return Err(Error::InvalidRequest("pupil positions must be numbers".into()));
        }
        let (left, right) = if a[0] <= b[0] { (a, b) } else { (b, a) };
        let (dx, dy) = (right[0] - left[0], right[1] - left[1]);
        let distance = (dx * dx + dy * dy).sqrt();
        if distance < 8.0 {
            return Err(Error::InvalidRequest(
                "the two pupil markers are too close together: place one on each pupil".into(),
            ));
        }
        let px_per_mm = distance / IPD_MM * correction;
        let tilt = dy.atan2(dx);
        let mid = [(left[0] + right[0]) / 2.0, (left[1] + right[1]) / 2.0];
        let mut frame = FaceFrame { origin: mid, px_per_mm, tilt };
        frame.origin = frame.to_px([0.0, GLABELLA_ABOVE_PUPILS_MM]);
        Ok(frame)
    }

    /// A frame for a photo without pupils: upright, glabella at `origin` (photo px).
    pub fn upright(origin: [f32; 2], px_per_mm: f32) -> FaceFrame {
        FaceFrame { origin, px_per_mm, tilt: 0.0 }
    }

    /// Face mm (x right, y up) → photo pixels (y down).
    pub fn to_px(&self, mm: [f32; 2]) -> [f32; 2] {
        let (sin, cos) = self.tilt.sin_cos();
        let (x, y) = (mm[0] * self.px_per_mm, -mm[1] * self.px_per_mm);
        [self.origin[0] + x * cos - y * sin, self.origin[1] + x * sin + y * cos]
    }

    /// Photo pixels → face mm.
    pub fn to_mm(&self, px: [f32; 2]) -> [f32; 2] {
        self.px_to_mm()(px)
    }

    /// `to_mm` with the tilt's sine and cosine worked out once, for a map's millions of
    /// cells (the same results).
    pub fn px_to_mm(&self) -> impl Fn([f32; 2]) -> [f32; 2] {
        let (sin, cos) = self.tilt.sin_cos();
        let (origin, px_per_mm) = (self.origin, self.px_per_mm);
        move |px| {
            let (dx, dy) = (px[0] - origin[0], px[1] - origin[1]);
            let (x, y) = (dx * cos + dy * sin, -dx * sin + dy * cos);
            [x / px_per_mm, -y / px_per_mm]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pupils_give_scale_tilt_and_a_glabella_above_them() {
        let f = FaceFrame::from_pupils([100.0, 300.0], [289.0, 300.0]).expect("valid");
        assert!((f.px_per_mm - 3.0).abs() < 1e-4);
        assert!(f.tilt.abs() < 1e-6);
        assert!((f.origin[0] - 194.5).abs() < 1e-3 && (f.origin[1] - 264.0).abs() < 1e-3);
        let tilted = FaceFrame::from_pupils([289.0, 330.0], [100.0, 300.0]).expect("either order");
        assert!(tilted.tilt > 0.1);
    }

    #[test]
    fn millimetres_and_pixels_round_trip() {
        let f = FaceFrame::from_pupils([120.0, 410.0], [300.0, 380.0]).expect("valid");
        for mm in [[0.0, 0.0], [40.0, 80.0], [-62.5, 42.0], [10.0, -30.0]] {
            let back = f.to_mm(f.to_px(mm));
            assert!((back[0] - mm[0]).abs() < 1e-3 && (back[1] - mm[1]).abs() < 1e-3, "{mm:?} → {back:?}");
        }
        // Up the forehead is up in the photo when the head is upright.
        let upright = FaceFrame::upright([200.0, 300.0], 4.0);
        assert_eq!(upright.to_px([0.0, 10.0]), [200.0, 260.0]);
    }

    #[test]
    fn impossible_pupils_are_refused() {
        assert!(FaceFrame::from_pupils([1.0, 1.0], [3.0, 2.0]).is_err());
        assert!(FaceFrame::from_pupils([f32::NAN, 1.0], [300.0, 2.0]).is_err());
    }
}
