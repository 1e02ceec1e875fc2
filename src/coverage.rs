//! The treatment weight map: where dots go and at what share of the chosen density.

use crate::error::{Error, Result};

/// Longest side of a weight map. The map is smooth (edges are feathered over
/// millimetres), so it is stored coarser than large photos and sampled bilinearly.
pub const MAX_MAP_SIDE: u32 = 1024;

/// Per-pixel treatment weight for one photo: 0 = untouched skin or hair, 1 = full
/// density. Stored row-major as `u8` (0..=255 ↔ 0..=1), `width × height` cells, each
/// cell covering `1 / cells_per_px` photo pixels per side.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightMap {
    width: u32,
    height: u32,
    cells_per_px: f32,
    data: Vec<u8>,
}

impl WeightMap {
    /// Evaluates `weight(x, y)` (photo pixel coordinates, value clamped to 0..=1) at
    /// every cell centre of a map for a `photo_w × photo_h` photo.
    pub fn from_fn(photo_w: u32, photo_h: u32, weight: impl Fn(f32, f32) -> f32) -> Result<Self> {
        if photo_w == 0 || photo_h == 0 {
            return Err(Error::InvalidRequest("weight map needs a photo of at least 1x1".into()));
        }
        let cells_per_px = (MAX_MAP_SIDE as f32 / photo_w.max(photo_h) as f32).min(1.0);
        let width = ((photo_w as f32 * cells_per_px).round() as u32).max(1);
        let height = ((photo_h as f32 * cells_per_px).round() as u32).max(1);
        let mut data = Vec::with_capacity(width as usize * height as usize);
        for y in 0..height {
            for x in 0..width {
                let px = (x as f32 + 0.5) / cells_per_px;
                let py = (y as f32 + 0.5) / cells_per_px;
                data.push(to_byte(weight(px, py)));
            }
        }
        Ok(WeightMap { width, height, cells_per_px, data })
    }

    /// The same weight everywhere.
    pub fn uniform(photo_w: u32, photo_h: u32, weight: f32) -> Result<Self> {
        Self::from_fn(photo_w, photo_h, |_, _| weight)
    }

    /// An ellipse (centre and radii in photo pixels) at full weight, feathered to zero
    /// over `feather_px` outside its edge: the simple stand-in for a treatment area.
    pub fn ellipse(photo_w: u32, photo_h: u32, centre: [f32; 2], radii: [f32; 2], feather_px: f32) -> Result<Self> {
        if !(radii[0] > 0.0 && radii[1] > 0.0 && feather_px >= 0.0 && centre.iter().all(|v| v.is_finite())) {
            return Err(Error::InvalidRequest("ellipse needs positive radii and a finite centre".into()));
        }
        let mean_r = (radii[0] * radii[1]).sqrt();
        Self::from_fn(photo_w, photo_h, |x, y| {
            let u = (x - centre[0]) / radii[0];
            let v = (y - centre[1]) / radii[1];
            // Distance outside the edge, approximately in pixels.
            let outside = ((u * u + v * v).sqrt() - 1.0) * mean_r;
            if outside <= 0.0 {
                1.0
            } else if feather_px <= 0.0 {
                0.0
            } else {
                let t = (1.0 - outside / feather_px).clamp(0.0, 1.0);
                t * t * (3.0 - 2.0 * t)
            }
        })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    /// Width of the photo this map was made for, in photo pixels.
    pub fn photo_width(&self) -> u32 {
        (self.width as f32 / self.cells_per_px).round() as u32
    }

    /// Height of the photo this map was made for, in photo pixels.
    pub fn photo_height(&self) -> u32 {
        (self.height as f32 / self.cells_per_px).round() as u32
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    /// Bilinear weight at photo pixel coordinates; 0 outside the photo.
    pub fn sample(&self, x: f32, y: f32) -> f32 {
        let fx = x * self.cells_per_px - 0.5;
        let fy = y * self.cells_per_px - 0.5;
        if !(fx > -1.0 && fy > -1.0 && fx < self.width as f32 && fy < self.height as f32) {
            return 0.0;
        }
        let clamp_x = |v: i64| v.clamp(0, self.width as i64 - 1) as usize;
        let clamp_y = |v: i64| v.clamp(0, self.height as i64 - 1) as usize;
        let (x0, y0) = (fx.floor(), fy.floor());
        let (tx, ty) = (fx - x0, fy - y0);
        let (xa, xb) = (clamp_x(x0 as i64), clamp_x(x0 as i64 + 1));
        let (ya, yb) = (clamp_y(y0 as i64), clamp_y(y0 as i64 + 1));
        let at = |x: usize, y: usize| f32::from(self.data[y * self.width as usize + x]);
        let top = at(xa, ya) + (at(xb, ya) - at(xa, ya)) * tx;
        let bottom = at(xa, yb) + (at(xb, yb) - at(xa, yb)) * tx;
        (top + (bottom - top) * ty) / 255.0
    }
}

fn to_byte(w: f32) -> u8 {
    (w.clamp(0.0, 1.0) * 255.0).round() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipse_is_full_inside_zero_outside_and_feathered_between() {
        let m = WeightMap::ellipse(200, 100, [100.0, 50.0], [40.0, 20.0], 10.0).expect("valid");
        assert!((m.sample(100.0, 50.0) - 1.0).abs() < 1e-3);
        assert_eq!(m.sample(5.0, 5.0), 0.0);
        let mid = m.sample(145.0, 50.0);
        assert!(mid > 0.2 && mid < 0.8, "{mid}");
        assert_eq!(m.sample(-5.0, 50.0), 0.0);
        assert_eq!(m.sample(300.0, 50.0), 0.0);
    }

    #[test]
    fn large_photos_get_a_coarser_map_that_still_covers_them() {
        let m = WeightMap::from_fn(4000, 3000, |x, _| x / 4000.0).expect("valid");
        assert_eq!((m.width(), m.height()), (1024, 768));
        assert!((m.sample(2000.0, 1500.0) - 0.5).abs() < 0.01);
        assert!(m.sample(3999.0, 2999.0) > 0.99);
    }

    #[test]
    fn invalid_shapes_are_refused() {
        assert!(WeightMap::ellipse(10, 10, [5.0, 5.0], [0.0, 3.0], 1.0).is_err());
        assert!(WeightMap::ellipse(10, 10, [f32::NAN, 5.0], [2.0, 3.0], 1.0).is_err());
        assert!(WeightMap::uniform(0, 10, 1.0).is_err());
    }
}
