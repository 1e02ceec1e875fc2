//! Soft edges, written once: the smoothstep every feathered edge eases with, and the
//! feathered ellipse of the treatment area.

/// 0 at `t ≤ 0`, 1 at `t ≥ 1`, easing in and out between (`3t² − 2t³`).
#[inline]
pub fn smoothstep(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Weight of point `(x, y)` in an ellipse (centre and radii in the same units): 1
/// inside, easing to 0 over `feather` outside its edge (0: a hard edge).
#[inline]
pub fn ellipse(x: f32, y: f32, centre: [f32; 2], radii: [f32; 2], feather: f32) -> f32 {
    let u = (x - centre[0]) / radii[0];
    let v = (y - centre[1]) / radii[1];
    // Distance outside the edge, approximately in the radii's units.
    let outside = ((u * u + v * v).sqrt() - 1.0) * (radii[0] * radii[1]).sqrt();
    if outside <= 0.0 {
        1.0
    } else if feather <= 0.0 {
        0.0
    } else {
        smoothstep(1.0 - outside / feather)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smoothstep_is_clamped_and_symmetric() {
        assert_eq!((smoothstep(-1.0), smoothstep(0.0), smoothstep(1.0), smoothstep(2.0)), (0.0, 0.0, 1.0, 1.0));
        assert_eq!(smoothstep(0.5), 0.5);
        assert!((smoothstep(0.25) + smoothstep(0.75) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn the_ellipse_is_full_inside_and_feathered_outside() {
        let (centre, radii) = ([10.0, 20.0], [4.0, 2.0]);
        assert_eq!(ellipse(10.0, 20.0, centre, radii, 3.0), 1.0);
        assert_eq!(ellipse(14.5, 20.0, centre, radii, 0.0), 0.0, "a hard edge");
        let mid = ellipse(14.5, 20.0, centre, radii, 3.0);
        assert!(mid > 0.5 && mid < 1.0, "{mid}");
        assert_eq!(ellipse(30.0, 20.0, centre, radii, 3.0), 0.0);
    }
}
