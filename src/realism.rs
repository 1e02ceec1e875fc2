//! The measures of real healed SMP from `shared/docs/smp-domain.md` ("The dot"), so the
//! renderer can be held to the figures measured on real results: dark spots (size and
//! share of skin), darkening and band-passed texture, all in CIE L* and millimetres.
//!
//! The recipe: L* per pixel; background = Gaussian blur σ 1.5 mm, fine = blur σ 0.05 mm;
//! a pixel is dark spot where background − fine > 4 L*; spots are 4-connected
//! components of at least 2 pixels, diameter 2·√(area/π). Texture = blur(σ 0.1 mm) −
//! blur(σ 0.8 mm), its standard deviation. Measure on frames of at least ~15 px/mm:
//! below that the fine blur is less than a pixel and small spots merge.
//!
//! Used by the tests and by `examples/realism.rs`; nothing in the page calls it.

use crate::bitmap::Bitmap;
use crate::colour::srgb_to_linear;

/// A spot must be this much darker than its surround (L*).
pub const SPOT_CONTRAST: f32 = 4.0;
/// Smallest spot counted, pixels.
pub const MIN_SPOT_PIXELS: usize = 2;

/// CIE L* (0–100) of every pixel of straight sRGB RGBA8 `frame`, row-major.
pub fn lightness(frame: &Bitmap) -> Vec<f32> {
    frame
        .data()
        .chunks_exact(4)
        .map(|p| {
            let [r, g, b] = [p[0], p[1], p[2]].map(|v| srgb_to_linear(f32::from(v) / 255.0));
            l_star(0.2126 * r + 0.7152 * g + 0.0722 * b)
        })
        .collect()
}

/// CIELAB (D65) of one straight sRGB colour: `[L*, a*, b*]`.
pub fn lab(rgb: [u8; 3]) -> [f32; 3] {
    let [r, g, b] = rgb.map(|v| srgb_to_linear(f32::from(v) / 255.0));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
    let f = |t: f32| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
    [l_star(y), 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
}

/// CIE L* of relative luminance `y` (0–1).
pub fn l_star(y: f32) -> f32 {
    let y = y.clamp(0.0, 1.0);
    if y > 216.0 / 24389.0 {
        116.0 * y.cbrt() - 16.0
    } else {
        y * 24389.0 / 27.0
    }
}

/// Gaussian blur of a `width × height` plane with standard deviation `sigma` pixels;
/// edges are extended (clamped), so a flat plane stays flat. Exact (sampled kernel)
/// for small σ; above 4 px three box blurs of matched variance (within 5 %), so the
/// 1.5 mm background at 20 px/mm costs no more than the fine blur.
pub fn blur(plane: &[f32], width: usize, height: usize, sigma: f32) -> Vec<f32> {
    if sigma < 0.2 || width == 0 || height == 0 {
        return plane.to_vec();
    }
    let mut out = plane.to_vec();
    let mut line = Vec::new();
    // Rows, then columns: each line is read out, blurred, written back.
    for (count, len, at) in [
        (height, width, &(|l: usize, i: usize| l * width + i) as &dyn Fn(usize, usize) -> usize),
        (width, height, &|l: usize, i: usize| i * width + l),
    ] {
        for l in 0..count {
            line.clear();
            line.extend((0..len).map(|i| out[at(l, i)]));
            let blurred = blur_line(&line, sigma);
            for (i, v) in blurred.into_iter().enumerate() {
                out[at(l, i)] = v;
            }
        }
    }
    out
}

fn blur_line(line: &[f32], sigma: f32) -> Vec<f32> {
    let len = line.len() as i64;
    let get = |i: i64| line[i.clamp(0, len - 1) as usize];
    if sigma <= 4.0 {
        let reach = (3.0 * sigma).ceil() as i64;
        let kernel: Vec<f32> = (-reach..=reach).map(|d| (-(d * d) as f32 / (2.0 * sigma * sigma)).exp()).collect();
        let total: f32 = kernel.iter().sum();
        return (0..len)
            .map(|i| kernel.iter().zip(-reach..).map(|(k, d)| k * get(i + d)).sum::<f32>() / total)
            .collect();
    }
    // Three box passes of odd widths `narrow` and `narrow + 2`, as many of each as
    // makes their variances, (w² − 1)/12 each, add up to σ² (Kovesi 2010).
    let ideal = (4.0 * sigma * sigma + 1.0).sqrt();
    let narrow = {
        let w = ideal.floor() as i64;
        if w % 2 == 0 {
            w - 1
        } else {
            w
        }
    }
    .max(1);
    let n = narrow as f32;
    let wide_count = ((12.0 * sigma * sigma - 3.0 * n * n - 12.0 * n - 9.0) / (-4.0 * n - 4.0)).round().clamp(0.0, 3.0);
    let narrow_passes = wide_count as usize;
    let radii: Vec<i64> = (0..3).map(|pass| if pass < narrow_passes { narrow / 2 } else { narrow / 2 + 1 }).collect();
    let mut current: Vec<f32> = line.to_vec();
    for r in radii {
        let get = |i: i64| current[i.clamp(0, len - 1) as usize];
        let mut sum: f32 = (-r..=r).map(get).sum();
        let mut next = Vec::with_capacity(current.len());
        for i in 0..len {
            next.push(sum / (2 * r + 1) as f32);
            sum += get(i + r + 1) - get(i - r);
        }
        current = next;
    }
    current
}

/// What the recipe measures inside a region of one frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    /// Mean L* of the region.
    pub mean_l: f32,
    /// L* of the region's mean luminance: its tone seen from arm's length, where dots
    /// and skin blur together.
    pub arm_l: f32,
    /// Median diameter of the dark spots, mm (0 when there are none).
    pub spot_median_mm: f32,
    /// Share of the region's pixels that are dark spot.
    pub spot_share: f32,
    /// Number of spots counted.
    pub spots: usize,
    /// Standard deviation of L* band-passed to 0.1–0.8 mm.
    pub texture_sd: f32,
}

/// Measures `frame` (straight sRGB RGBA8, at `px_per_mm`) inside `region` (one flag
/// per pixel, row-major). Blurs see the whole frame, so leave a margin of a few mm
/// around the region for the 1.5 mm background.
pub fn measure(frame: &Bitmap, px_per_mm: f32, region: &[bool]) -> Measures {
    let (w, h) = (frame.width() as usize, frame.height() as usize);
    let region: Vec<bool> = (0..w * h).map(|i| region.get(i).copied().unwrap_or(false)).collect();
    let l = lightness(frame);
    let background = blur(&l, w, h, 1.5 * px_per_mm);
    let fine = blur(&l, w, h, 0.05 * px_per_mm);
    let dark: Vec<bool> = (0..w * h).map(|i| region[i] && background[i] - fine[i] > SPOT_CONTRAST).collect();
    let sizes = components(&dark, w, h);
    let mut diameters: Vec<f32> = sizes
        .iter()
        .filter(|&&n| n >= MIN_SPOT_PIXELS)
        .map(|&n| 2.0 * (n as f32 / std::f32::consts::PI).sqrt() / px_per_mm)
        .collect();
    diameters.sort_by(f32::total_cmp);
    let inside = region.iter().filter(|&&r| r).count().max(1) as f32;
    let spot_pixels: usize = sizes.iter().filter(|&&n| n >= MIN_SPOT_PIXELS).sum();
    let near = blur(&l, w, h, 0.1 * px_per_mm);
    let far = blur(&l, w, h, 0.8 * px_per_mm);
    let band: Vec<f32> = (0..w * h).filter(|&i| region[i]).map(|i| near[i] - far[i]).collect();
    let band_mean = band.iter().sum::<f32>() / inside;
    let variance = band.iter().map(|v| (v - band_mean).powi(2)).sum::<f32>() / inside;
    let luminance: f32 = frame
        .data()
        .chunks_exact(4)
        .zip(&region)
        .filter(|(_, &r)| r)
        .map(|(p, _)| {
            let [r, g, b] = [p[0], p[1], p[2]].map(|v| srgb_to_linear(f32::from(v) / 255.0));
            0.2126 * r + 0.7152 * g + 0.0722 * b
        })
        .sum();
    Measures {
        mean_l: (0..w * h).filter(|&i| region[i]).map(|i| l[i]).sum::<f32>() / inside,
        arm_l: l_star(luminance / inside),
        spot_median_mm: diameters.get(diameters.len() / 2).copied().unwrap_or(0.0),
        spot_share: spot_pixels as f32 / inside,
        spots: diameters.len(),
        texture_sd: variance.sqrt(),
    }
}

/// Sizes (pixels) of the 4-connected components of `set`.
fn components(set: &[bool], width: usize, height: usize) -> Vec<usize> {
    let mut seen = vec![false; set.len()];
    let mut sizes = Vec::new();
    let mut stack = Vec::new();
    for start in 0..set.len() {
        if !set[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut size = 0;
        while let Some(i) = stack.pop() {
            size += 1;
            let (x, y) = (i % width, i / width);
            let mut visit = |j: usize| {
                if set[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < width {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - width);
            }
            if y + 1 < height {
                visit(i + width);
            }
        }
        sizes.push(size);
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disc_frame(side: u32, px_per_mm: f32, discs: &[(f32, f32, f32)], skin: u8, ink: u8) -> Bitmap {
        let mut frame = Bitmap::filled(side, side, [skin, skin, skin, 255]).expect("size");
        for y in 0..side {
            for x in 0..side {
                let inside = discs.iter().any(|&(cx, cy, d)| {
                    let (dx, dy) = (x as f32 + 0.5 - cx * px_per_mm, y as f32 + 0.5 - cy * px_per_mm);
                    (dx * dx + dy * dy).sqrt() <= 0.5 * d * px_per_mm
                });
                if inside {
                    frame.data_mut()[(y * side + x) as usize * 4..][..3].fill(ink);
                }
            }
        }
        frame
    }

    #[test]
    fn l_star_matches_known_values() {
        assert!((l_star(1.0) - 100.0).abs() < 1e-3);
        assert!((l_star(0.18) - 49.5).abs() < 0.1);
        assert_eq!(l_star(0.0), 0.0);
    }

    #[test]
    fn wide_blurs_match_the_gaussian() {
        // An impulse blurred with σ = 10 px: the box approximation keeps the total and
        // the spread (variance within 3 %).
        let mut impulse = vec![0.0f32; 201];
        impulse[100] = 1.0;
        let out = blur(&impulse, 201, 1, 10.0);
        let total: f32 = out.iter().sum();
        let variance: f32 = out.iter().enumerate().map(|(i, v)| v * (i as f32 - 100.0).powi(2)).sum();
        assert!((total - 1.0).abs() < 1e-3, "{total}");
        assert!((variance / 100.0 - 1.0).abs() < 0.05, "{variance}");
    }

    #[test]
    fn bare_skin_has_no_spots_and_no_texture() {
        let frame = Bitmap::filled(120, 120, [200, 160, 140, 255]).expect("size");
        let m = measure(&frame, 20.0, &vec![true; 120 * 120]);
        assert_eq!((m.spots, m.spot_share), (0, 0.0));
        assert!(m.texture_sd < 1e-3, "{m:?}");
    }

    #[test]
    fn dark_discs_are_found_at_their_size_and_share() {
        // A grid of 0.6 mm discs 2 mm apart at 20 px/mm: share π·0.3²/4 ≈ 7 %.
        let px_per_mm = 20.0;
        let discs: Vec<(f32, f32, f32)> =
            (0..6).flat_map(|i| (0..6).map(move |j| (1.0 + 2.0 * i as f32, 1.0 + 2.0 * j as f32, 0.6))).collect();
        let frame = disc_frame(240, px_per_mm, &discs, 200, 120);
        let m = measure(&frame, px_per_mm, &vec![true; 240 * 240]);
        // The fine blur (σ 0.05 mm) widens a crisp, high-contrast disc by about a pixel
        // on each side: that is the recipe's own reading, applied alike to real photos.
        assert_eq!(m.spots, 36, "{m:?}");
        assert!((0.6..0.72).contains(&m.spot_median_mm), "{m:?}");
        let share = |d: f32| std::f32::consts::PI * (0.5 * d) * (0.5 * d) / 4.0;
        assert!((share(0.6)..share(0.72)).contains(&m.spot_share), "{m:?}");
        assert!(m.texture_sd > 3.0, "{m:?}");
        // Faint discs (less than the threshold darker) are not spots.
        let faint = disc_frame(240, px_per_mm, &discs, 200, 196);
        assert_eq!(measure(&faint, px_per_mm, &vec![true; 240 * 240]).spots, 0);
    }
}
