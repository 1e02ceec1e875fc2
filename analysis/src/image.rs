//! The photo as the analysis sees it: straight (not premultiplied) RGBA8, rows top to
//! bottom, stride `4 × width`, usually a copy downscaled to `ANALYSIS_SIDE`.

use crate::error::{Error, Result};

/// The analysis copy's longer side, px: enough for the 256-px models and colour rules.
pub const ANALYSIS_SIDE: u32 = 384;

#[derive(Debug, Clone)]
pub struct Rgba {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl Rgba {
    pub fn new(width: u32, height: u32, pixels: Vec<u8>) -> Result<Rgba> {
        if width == 0 || height == 0 || width > 8192 || height > 8192 {
            return Err(Error::Photo(format!("a {width}×{height} photo cannot be analysed")));
        }
        if pixels.len() as u64 != 4 * width as u64 * height as u64 {
            return Err(Error::Photo(format!("{} bytes do not make a {width}×{height} RGBA photo", pixels.len())));
        }
        Ok(Rgba { width, height, pixels })
    }

    pub fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = 4 * (y as usize * self.width as usize + x as usize);
        [self.pixels[i], self.pixels[i + 1], self.pixels[i + 2], self.pixels[i + 3]]
    }

    /// Bilinear sample of RGB (0–1) at photo position (x, y) in pixels, edges clamped.
    pub fn sample(&self, x: f32, y: f32) -> [f32; 3] {
        let fx = (x - 0.5).clamp(0.0, (self.width - 1) as f32);
        let fy = (y - 0.5).clamp(0.0, (self.height - 1) as f32);
        let (x0, y0) = (fx as u32, fy as u32);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
        let (a, b, c, d) = (self.pixel(x0, y0), self.pixel(x1, y0), self.pixel(x0, y1), self.pixel(x1, y1));
        [0, 1, 2].map(|i| {
            let top = a[i] as f32 + (b[i] as f32 - a[i] as f32) * tx;
            let bottom = c[i] as f32 + (d[i] as f32 - c[i] as f32) * tx;
            (top + (bottom - top) * ty) / 255.0
        })
    }

    /// A box-filtered copy whose longer side is at most `side` px.
    pub fn downscaled(&self, side: u32) -> Rgba {
        let long = self.width.max(self.height);
        if long <= side {
            return self.clone();
        }
        let f = long as f32 / side as f32;
        let (w, h) =
            (((self.width as f32 / f).round() as u32).max(1), ((self.height as f32 / f).round() as u32).max(1));
        let mut pixels = Vec::with_capacity((4 * w * h) as usize);
        for y in 0..h {
            let (y0, y1) =
                ((y as f32 * f) as u32, (((y + 1) as f32 * f) as u32).clamp((y as f32 * f) as u32 + 1, self.height));
            for x in 0..w {
                let (x0, x1) =
                    ((x as f32 * f) as u32, (((x + 1) as f32 * f) as u32).clamp((x as f32 * f) as u32 + 1, self.width));
                let mut sum = [0u32; 4];
                for yy in y0..y1 {
                    for xx in x0..x1 {
                        let p = self.pixel(xx, yy);
                        (0..4).for_each(|c| sum[c] += p[c] as u32);
                    }
                }
                let n = (y1 - y0) * (x1 - x0);
                pixels.extend(sum.map(|s| ((s + n / 2) / n) as u8));
            }
        }
        Rgba { width: w, height: h, pixels }
    }
}

/// Where a model's square input sits on the photo: input px = (photo px − offset) × scale.
#[derive(Debug, Clone, Copy)]
pub struct Letterbox {
    pub scale: f32,
    pub offset: [f32; 2],
}

impl Letterbox {
    /// The whole photo centred in a `side`-px square, aspect kept.
    pub fn fit(photo: &Rgba, side: u32) -> Letterbox {
        let scale = side as f32 / photo.width.max(photo.height) as f32;
        let offset =
            [-(side as f32 / scale - photo.width as f32) / 2.0, -(side as f32 / scale - photo.height as f32) / 2.0];
        Letterbox { scale, offset }
    }

    pub fn to_photo(&self, input: [f32; 2]) -> [f32; 2] {
        [input[0] / self.scale + self.offset[0], input[1] / self.scale + self.offset[1]]
    }

    /// The model input (NHWC, RGB) mapped to `lo..hi`; outside the photo is `lo`.
    pub fn tensor(&self, photo: &Rgba, side: u32, lo: f32, hi: f32) -> Vec<f32> {
        let mut out = Vec::with_capacity((side * side * 3) as usize);
        for y in 0..side {
            for x in 0..side {
                let p = self.to_photo([x as f32 + 0.5, y as f32 + 0.5]);
                if p[0] < 0.0 || p[1] < 0.0 || p[0] >= photo.width as f32 || p[1] >= photo.height as f32 {
                    out.extend([lo; 3]);
                } else {
                    out.extend(photo.sample(p[0], p[1]).map(|v| lo + (hi - lo) * v));
                }
            }
        }
        out
    }
}
