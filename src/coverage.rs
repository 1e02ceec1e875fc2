//! The treatment weight map: where dots go and at what share of the chosen density.

use crate::error::{Error, Result};
use crate::feather;

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
    /// The largest weight in each `BLOCK × BLOCK` block of cells, row-major: lets the
    /// renderer skip the parts of a frame where no dot can be.
    block_max: Vec<u8>,
}

/// Side of the blocks `block_max` summarises, in cells.
const BLOCK: usize = 8;

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
        let (bw, bh) = ((width as usize).div_ceil(BLOCK), (height as usize).div_ceil(BLOCK));
        let mut block_max = vec![0u8; bw * bh];
        for (y, row) in data.chunks_exact(width as usize).enumerate() {
            let blocks = &mut block_max[(y / BLOCK) * bw..(y / BLOCK + 1) * bw];
            for (block, cells) in blocks.iter_mut().zip(row.chunks(BLOCK)) {
                *block = cells.iter().fold(*block, |max, &w| max.max(w));
            }
        }
        Ok(WeightMap { width, height, cells_per_px, data, block_max })
    }

    /// An upper bound of [`WeightMap::sample`] over the photo-pixel rectangle
    /// `[x0, x1] × [y0, y1]` (never below the true maximum; 0 where nothing is treated).
    pub fn max_in(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> f32 {
        if !(x0 <= x1 && y0 <= y1) {
            return 0.0;
        }
        // Bilinear sampling reads the cells around a point: widen by one cell.
        let cell = |v: f32, limit: u32| (v * self.cells_per_px).floor().clamp(-1.0, limit as f32) as i64;
        let (cx0, cx1) = (cell(x0, self.width) - 1, cell(x1, self.width) + 1);
        let (cy0, cy1) = (cell(y0, self.height) - 1, cell(y1, self.height) + 1);
        let (cx0, cy0) = (cx0.max(0) as usize, cy0.max(0) as usize);
        let (cx1, cy1) =
            ((cx1.max(0) as usize).min(self.width as usize - 1), (cy1.max(0) as usize).min(self.height as usize - 1));
        if cx0 > cx1 || cy0 > cy1 {
            return 0.0;
        }
        let bw = (self.width as usize).div_ceil(BLOCK);
        let mut max = 0u8;
        for by in cy0 / BLOCK..=cy1 / BLOCK {
            for bx in cx0 / BLOCK..=cx1 / BLOCK {
                max = max.max(self.block_max[by * bw + bx]);
            }
        }
        f32::from(max) / 255.0
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
        Self::from_fn(photo_w, photo_h, |x, y| feather::ellipse(x, y, centre, radii, feather_px))
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
    fn the_block_maximum_bounds_every_sample_and_is_zero_away_from_the_area() {
        for (w, h) in [(200u32, 100u32), (4000, 3000), (37, 1500)] {
            let (fw, fh) = (w as f32, h as f32);
            let m = WeightMap::ellipse(w, h, [0.4 * fw, 0.3 * fh], [0.15 * fw, 0.1 * fh], 0.02 * fw).expect("valid");
            let mut state = 12345u32;
            let mut next = |limit: f32| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                (state >> 8) as f32 / 16_777_216.0 * limit
            };
            for _ in 0..300 {
                let (x0, y0) = (next(1.2 * fw) - 0.1 * fw, next(1.2 * fh) - 0.1 * fh);
                let (x1, y1) = (x0 + next(0.3 * fw), y0 + next(0.3 * fh));
                let bound = m.max_in(x0, y0, x1, y1);
                for _ in 0..20 {
                    let (x, y) = (x0 + next(x1 - x0), y0 + next(y1 - y0));
                    assert!(m.sample(x, y) <= bound, "{w}x{h}: sample at ({x}, {y}) above bound {bound}");
                }
            }
            // Far from the ellipse nothing is treated; across it, everything is.
            assert_eq!(m.max_in(0.9 * fw, 0.8 * fh, fw, fh), 0.0);
            assert_eq!(m.max_in(0.0, 0.0, fw, fh), 1.0);
            assert_eq!(m.max_in(2.0 * fw, 0.0, 3.0 * fw, fh), 0.0);
        }
    }

    #[test]
    fn invalid_shapes_are_refused() {
        assert!(WeightMap::ellipse(10, 10, [5.0, 5.0], [0.0, 3.0], 1.0).is_err());
        assert!(WeightMap::ellipse(10, 10, [f32::NAN, 5.0], [2.0, 3.0], 1.0).is_err());
        assert!(WeightMap::uniform(0, 10, 1.0).is_err());
    }
}
