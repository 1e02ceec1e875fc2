//! Rasterising one dot into a frame and compositing it as light-absorbing pigment.

use crate::bitmap::Bitmap;
use crate::colour::{Lut, LINEAR_STEPS};

/// Smallest semi-axis the footprint is drawn with, in pixels. Smaller dots keep their
/// true pigment amount but spread it over about one pixel, so they never pop in or out
/// as they move across pixel boundaries.
const MIN_FOOTPRINT_RADIUS: f32 = 0.6;

/// One dot in output pixel coordinates (pixel (0,0) covers [0,1)×[0,1)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    /// Centre, sub-pixel.
    pub x: f32,
    pub y: f32,
    /// Semi-axes in pixels (true size, may be far below one pixel).
    pub rx: f32,
    pub ry: f32,
    /// Rotation of the `rx` axis, radians.
    pub angle: f32,
    /// Soft edge width as a fraction of the radius.
    pub softness: f32,
    /// Fraction of light absorbed per linear channel under full coverage.
    pub absorb: [f32; 3],
    /// Standard deviation of the subsurface-scatter halo, pixels.
    pub halo_sigma: f32,
    /// Pigment in the halo relative to the core (0 = no halo).
    pub halo_ratio: f32,
}

/// How far the halo is drawn, in standard deviations (what lies beyond is folded back
/// in by the normalisation, so no pigment is lost).
const HALO_REACH_SIGMAS: f32 = 2.0;
/// Footprints larger than this (pixels) are drawn on their visible part only.
const BIG_FOOTPRINT_PX: i64 = 64 * 64;
/// Coverage below which a pixel is left alone (under 1/8 of an 8-bit step on skin).
const NEGLIGIBLE_WEIGHT: f32 = 1.0 / 2048.0;

/// Draws dots; owns scratch buffers so drawing allocates nothing per dot.
pub struct Splatter {
    lut: Lut,
    /// Core weights over the core's box, row-major, already scaled to its area.
    core: Vec<f32>,
    /// The halo's separable Gaussian factors per column and per row (rows carry the scale).
    halo_x: Vec<f32>,
    halo_y: Vec<f32>,
    /// Where this frame's pixel (0, 0) sits in the picture's own pixel grid, so the
    /// dither pattern is anchored to the picture (exact seams between export strips).
    dither_origin: (i64, i64),
}

impl Default for Splatter {
    fn default() -> Self {
        Splatter {
            lut: Lut::get(),
            core: Vec::with_capacity(256),
            halo_x: Vec::with_capacity(32),
            halo_y: Vec::with_capacity(32),
            dither_origin: (0, 0),
        }
    }
}

impl Splatter {
    /// Anchors the dither pattern: the frame's pixel (0, 0) is pixel `(x, y)` of the
    /// whole picture at this resolution.
    pub fn set_dither_origin(&mut self, x: i64, y: i64) {
        self.dither_origin = (x, y);
    }

    /// Composites `dot` into `target` (straight RGBA8 sRGB; alpha untouched) as a
    /// multiplicative filter in linear light. A dot is a core (the deposit: an
    /// anti-aliased ellipse with a soft edge) plus a faint Gaussian halo (light scattered
    /// in the skin above it). Energy-conserving: the core's weights sum to its true area
    /// in pixels and the halo's to `halo_ratio` times that, even when part of the dot
    /// falls off the frame, so the pigment a region receives does not depend on the
    /// resolution.
    pub fn draw(&mut self, target: &mut Bitmap, dot: &Dot) {
        let area = std::f32::consts::PI * dot.rx * dot.ry;
        if area.is_nan() || area <= 0.0 || !dot.x.is_finite() || !dot.y.is_finite() {
            return;
        }
        let ea = dot.rx.max(MIN_FOOTPRINT_RADIUS);
        let eb = dot.ry.max(MIN_FOOTPRINT_RADIUS);
        let r_mean = (ea * eb).sqrt();
        let edge = (dot.softness * 2.0 * r_mean).max(1.0);
        let sigma = dot.halo_sigma.max(MIN_FOOTPRINT_RADIUS);
        let with_halo = dot.halo_ratio > 0.0;
        let core_reach = ea.max(eb) + edge * 0.5 + 0.5;
        let reach = core_reach.max(if with_halo { HALO_REACH_SIGMAS * sigma } else { 0.0 });
        let bounds = |r: f32| {
            (
                (dot.x - r).floor() as i64,
                (dot.y - r).floor() as i64,
                (dot.x + r).ceil() as i64,
                (dot.y + r).ceil() as i64,
            )
        };
        let (x0, y0, x1, y1) = bounds(reach);
        let (w, h) = (target.width() as i64, target.height() as i64);
        if x1 <= 0 || y1 <= 0 || x0 >= w || y0 >= h {
            return;
        }
        // A dot much larger than a pixel (extreme zoom) is evaluated on the visible part
        // only, with its pigment known analytically: its profile is resolved exactly.
        let big = x1.saturating_sub(x0).saturating_mul(y1.saturating_sub(y0)) > BIG_FOOTPRINT_PX;
        let (x0, y0, x1, y1) = if big { (x0.max(0), y0.max(0), x1.min(w), y1.min(h)) } else { (x0, y0, x1, y1) };
        let (fw, fh) = ((x1 - x0) as usize, (y1 - y0) as usize);

        // The core (anti-aliased ellipse with a soft edge) over its own, smaller box.
        let (cx0, cy0, cx1, cy1) = bounds(core_reach);
        let (cx0, cy0, cx1, cy1) =
            (cx0.max(x0), cy0.max(y0), cx1.min(x1).max(cx0.max(x0)), cy1.min(y1).max(cy0.max(y0)));
        let cw = (cx1 - cx0) as usize;
        let (sin, cos) = dot.angle.sin_cos();
        let (inv_a, inv_b) = (1.0 / ea, 1.0 / eb);
        let inv_edge = r_mean / edge;
        self.core.clear();
        let mut core_sum = 0.0f32;
        for py in cy0..cy1 {
            let dy = py as f32 + 0.5 - dot.y;
            for px in cx0..cx1 {
                let dx = px as f32 + 0.5 - dot.x;
                let u = (dx * cos + dy * sin) * inv_a;
                let v = (dy * cos - dx * sin) * inv_b;
                let t = (0.5 - ((u * u + v * v).sqrt() - 1.0) * inv_edge).clamp(0.0, 1.0);
                let core = t * t * (3.0 - 2.0 * t);
                core_sum += core;
                self.core.push(core);
            }
        }
        if core_sum <= 0.0 && !big {
            return;
        }
        let core_scale = if big { 1.0 } else { area / core_sum };
        self.core.iter_mut().for_each(|c| *c *= core_scale);

        // The halo is a Gaussian: separable, so one exp per row and per column.
        self.halo_x.clear();
        self.halo_y.clear();
        if with_halo {
            let inv_two_sigma2 = 0.5 / (sigma * sigma);
            let gauss = |d: f32| (-d * d * inv_two_sigma2).exp();
            self.halo_x.extend((x0..x1).map(|px| gauss(px as f32 + 0.5 - dot.x)));
            self.halo_y.extend((y0..y1).map(|py| gauss(py as f32 + 0.5 - dot.y)));
            let sum = if big {
                2.0 * std::f32::consts::PI * sigma * sigma
            } else {
                self.halo_x.iter().sum::<f32>() * self.halo_y.iter().sum::<f32>()
            };
            let scale = if sum > 0.0 { area * dot.halo_ratio / sum } else { 0.0 };
            self.halo_y.iter_mut().for_each(|g| *g *= scale);
        } else {
            self.halo_x.resize(fw, 0.0);
            self.halo_y.resize(fh, 0.0);
        }

        // Composite the visible part, in fixed point: absorption and weight in 1/65536
        // steps (integer maths keeps this loop fast in wasm).
        let (to_linear, to_srgb) = self.lut.fixed_tables();
        let stride = w as usize * 4;
        let data = target.data_mut();
        let absorb = dot.absorb.map(|a| (a.clamp(0.0, 1.0) * 65536.0) as u32);
        for py in y0.max(0)..y1.min(h) {
            let gy = self.halo_y[(py - y0) as usize];
            let core_row = (cy0..cy1).contains(&py).then(|| (py - cy0) as usize * cw);
            for px in x0.max(0)..x1.min(w) {
                let mut weight = self.halo_x[(px - x0) as usize] * gy;
                if let Some(row) = core_row {
                    if (cx0..cx1).contains(&px) {
                        weight += self.core[row + (px - cx0) as usize];
                    }
                }
                if weight < NEGLIGIBLE_WEIGHT {
                    continue;
                }
                let weight = (weight.min(1.0) * 65536.0) as u32;
                let i = py as usize * stride + px as usize * 4;
                // Dithered rounding: changes smaller than one 8-bit step still add up to
                // the right tone over an area instead of vanishing (tone conservation at
                // low resolution). Pigment only absorbs, so never brighter than before.
                let dither = dither(px.wrapping_add(self.dither_origin.0), py.wrapping_add(self.dither_origin.1));
                for (value, absorb) in data[i..i + 3].iter_mut().zip(absorb) {
                    let keep = 65536 - ((absorb * weight) >> 16);
                    let linear = (u32::from(to_linear[*value as usize]) * keep) >> 16;
                    let fixed = u32::from(to_srgb[(linear >> 4).min(LINEAR_STEPS as u32 - 1) as usize]);
                    *value = (((fixed + dither) >> 8) as u8).min(*value);
                }
            }
        }
    }
}

/// A fixed pseudo-random offset in 0..256 per output pixel (8.8 fixed-point rounding).
#[inline]
fn dither(x: i64, y: i64) -> u32 {
    let h = (x as u32).wrapping_mul(0x9E37_79B1) ^ (y as u32).wrapping_mul(0x85EB_CA77);
    (h ^ (h >> 15)).wrapping_mul(0x2C1B_3C6D) >> 24
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colour::srgb_to_linear;

    fn dot(x: f32, y: f32, r: f32) -> Dot {
        Dot { x, y, rx: r, ry: r, angle: 0.3, softness: 0.3, absorb: [0.5; 3], halo_sigma: 0.0, halo_ratio: 0.0 }
    }

    /// Light removed from the frame, in pixel units of linear light (channel 1).
    fn absorbed(frame: &Bitmap, base: u8) -> f32 {
        let b = srgb_to_linear(f32::from(base) / 255.0);
        frame.data().chunks_exact(4).map(|p| b - srgb_to_linear(f32::from(p[1]) / 255.0)).sum()
    }

    #[test]
    fn pigment_amount_is_independent_of_sub_pixel_position_and_size() {
        let base = 200u8;
        let expected_per_area = srgb_to_linear(200.0 / 255.0) * 0.5;
        for r in [0.15f32, 0.4, 1.0, 3.0] {
            for offset in [0.0f32, 0.25, 0.5, 0.77] {
                let mut frame = Bitmap::filled(16, 16, [base, base, base, 255]).expect("size");
                Splatter::default().draw(&mut frame, &dot(8.0 + offset, 8.0 + offset * 0.6, r));
                let got = absorbed(&frame, base);
                let want = std::f32::consts::PI * r * r * expected_per_area;
                // 8-bit rounding of a few pixels bounds the accuracy for tiny dots.
                assert!((got - want).abs() < 0.02 + want * 0.06, "r {r} offset {offset}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn the_halo_adds_its_share_of_pigment_around_the_core() {
        let base = 180u8;
        let per_area = srgb_to_linear(180.0 / 255.0) * 0.5;
        let mut frame = Bitmap::filled(24, 24, [base, base, base, 255]).expect("size");
        let d = Dot { halo_sigma: 2.0, halo_ratio: 1.5, ..dot(12.3, 11.8, 1.0) };
        Splatter::default().draw(&mut frame, &d);
        let want = std::f32::consts::PI * 2.5 * per_area;
        let got = absorbed(&frame, base);
        assert!((got - want).abs() < 0.05 * want, "{got} vs {want}");
        // The halo reaches beyond the core.
        assert!(frame.pixel(15, 12)[1] < base);
    }

    #[test]
    fn huge_dots_cost_only_their_visible_part_and_keep_their_tone() {
        // A 0.3 mm dot at an absurd zoom: a million pixels across, frame of 32 px.
        let mut frame = Bitmap::filled(32, 32, [200, 200, 200, 255]).expect("size");
        let d = Dot { halo_sigma: 4e5, halo_ratio: 1.0, ..dot(16.0, 16.0, 1e6) };
        Splatter::default().draw(&mut frame, &d);
        // Deep inside the core: half the light absorbed (absorb 0.5), halo negligible.
        let ratio = srgb_to_linear(f32::from(frame.pixel(16, 16)[1]) / 255.0) / srgb_to_linear(200.0 / 255.0);
        assert!((ratio - 0.5).abs() < 0.02, "{ratio}");
        // A big dot near the edge of the frame is still drawn.
        let mut frame = Bitmap::filled(32, 32, [200, 200, 200, 255]).expect("size");
        Splatter::default().draw(&mut frame, &dot(-40.0, 16.0, 60.0));
        assert!(frame.pixel(2, 16)[1] < 150);
    }

    #[test]
    fn dots_off_or_across_the_edge_never_write_out_of_bounds() {
        let mut frame = Bitmap::filled(4, 4, [255, 255, 255, 255]).expect("size");
        let mut s = Splatter::default();
        for (x, y) in [(-3.0, -3.0), (-0.5, 2.0), (4.2, 1.0), (1e9, 1e9), (f32::NAN, 0.0)] {
            s.draw(&mut frame, &dot(x, y, 1.5));
        }
        // Only the dot straddling the left edge touched the frame.
        assert!(frame.pixel(0, 2)[1] < 255);
        assert_eq!(frame.pixel(3, 3), [255, 255, 255, 255]);
    }

    #[test]
    fn alpha_is_kept_and_darkening_is_multiplicative() {
        let mut fair = Bitmap::filled(9, 9, [230, 200, 180, 128]).expect("size");
        let mut dark = Bitmap::filled(9, 9, [70, 45, 35, 255]).expect("size");
        let d = dot(4.5, 4.5, 2.5);
        Splatter::default().draw(&mut fair, &d);
        Splatter::default().draw(&mut dark, &d);
        assert_eq!(fair.pixel(4, 4)[3], 128);
        // Full coverage in the centre: half the light in every channel, on any skin.
        for (frame, base) in [(&fair, [230u8, 200, 180]), (&dark, [70, 45, 35])] {
            let p = frame.pixel(4, 4);
            for c in 0..3 {
                let ratio = srgb_to_linear(f32::from(p[c]) / 255.0) / srgb_to_linear(f32::from(base[c]) / 255.0);
                assert!((ratio - 0.5).abs() < 0.03, "{ratio}");
            }
        }
    }
}
