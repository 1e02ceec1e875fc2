//! The pixel buffer every stage passes around.

use crate::error::{Error, Result};

/// Largest side we render or hold, in pixels (canvas limits of mobile browsers).
pub const MAX_SIDE: u32 = 16_384;

/// An image in **straight (non-premultiplied) RGBA8, sRGB-encoded**, bytes in R, G, B, A
/// order, rows top to bottom, stride exactly `width * 4` bytes, no padding. This is the
/// layout of a canvas `ImageData`, so it crosses to JS with one copy.
#[derive(Clone, PartialEq, Eq)]
pub struct Bitmap {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl std::fmt::Debug for Bitmap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Bitmap({}x{})", self.width, self.height)
    }
}

impl Bitmap {
    /// Opaque black of the given size.
    pub fn new(width: u32, height: u32) -> Result<Self> {
        check_size(width, height)?;
        let mut data = vec![0u8; width as usize * height as usize * 4];
        data.chunks_exact_mut(4).for_each(|p| p[3] = 255);
        Ok(Bitmap { width, height, data })
    }

    /// Wraps RGBA bytes laid out as described on the type.
    pub fn from_rgba(width: u32, height: u32, data: Vec<u8>) -> Result<Self> {
        check_size(width, height)?;
        let expected = width as usize * height as usize * 4;
        if data.len() != expected {
            return Err(Error::InvalidRequest(format!(
                "pixel data has {} bytes but {width}x{height} RGBA needs {expected}",
                data.len()
            )));
        }
        Ok(Bitmap { width, height, data })
    }

    /// A flat colour, for tests and reference scenes.
    pub fn filled(width: u32, height: u32, rgba: [u8; 4]) -> Result<Self> {
        let mut b = Bitmap::new(width, height)?;
        b.data.chunks_exact_mut(4).for_each(|p| p.copy_from_slice(&rgba));
        Ok(b)
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn data(&self) -> &[u8] {
        &self.data
    }

    pub fn data_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }

    pub fn into_data(self) -> Vec<u8> {
        self.data
    }

    /// The size of `downscaled(max_side)`.
    pub fn downscaled_size(&self, max_side: u32) -> (u32, u32) {
        let long = self.width.max(self.height);
        if long <= max_side.max(1) {
            return (self.width, self.height);
        }
        let ratio = long as f64 / max_side.max(1) as f64;
        let size = |v: u32| ((v as f64 / ratio).round() as u32).max(1);
        (size(self.width), size(self.height))
    }

    /// A copy at most `max_side` px on its longer side (itself when already that small),
    /// each pixel the mean of at most 4 × 4 samples spread over the block it covers: as
    /// smooth as a full box filter for analysis, and a 12 MP photo takes a few ms.
    pub fn downscaled(&self, max_side: u32) -> Bitmap {
        let (w, h) = self.downscaled_size(max_side);
        if (w, h) == (self.width, self.height) {
            return self.clone();
        }
        // Source rows (or columns) that output row (or column) i covers, sampled.
        let samples = |i: u32, of: u32, out: u32| {
            let start = (i as u64 * of as u64 / out as u64) as u32;
            let end = (((i + 1) as u64 * of as u64).div_ceil(out as u64) as u32).clamp(start + 1, of);
            (start..end).step_by(((end - start) / 4).max(1) as usize)
        };
        let stride = self.width as usize * 4;
        let mut data = Vec::with_capacity(w as usize * h as usize * 4);
        for y in 0..h {
            for x in 0..w {
                let mut sum = [0u32; 4];
                let mut n = 0;
                for sy in samples(y, self.height, h) {
                    let row = &self.data[sy as usize * stride..][..stride];
                    for sx in samples(x, self.width, w) {
                        let p = &row[sx as usize * 4..][..4];
                        (0..4).for_each(|c| sum[c] += u32::from(p[c]));
                        n += 1;
                    }
                }
                data.extend(sum.map(|v| ((v + n / 2) / n) as u8));
            }
        }
        Bitmap { width: w, height: h, data }
    }

    /// The RGBA bytes of pixel (x, y); caller keeps x, y in bounds.
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = (y as usize * self.width as usize + x as usize) * 4;
        [self.data[i], self.data[i + 1], self.data[i + 2], self.data[i + 3]]
    }

    /// Sets pixel (x, y) to straight RGBA bytes; caller keeps x, y in bounds.
    pub fn set_pixel(&mut self, x: u32, y: u32, rgba: [u8; 4]) {
        let i = (y as usize * self.width as usize + x as usize) * 4;
        self.data[i..i + 4].copy_from_slice(&rgba);
    }

    /// Half size with 2×2 box averaging (odd edges repeat); never below 1×1.
    pub fn half(&self) -> Bitmap {
        let w = self.width.div_ceil(2);
        let h = self.height.div_ceil(2);
        let mut data = vec![0u8; w as usize * h as usize * 4];
        let sw = self.width as usize;
        for y in 0..h as usize {
            let y0 = (2 * y).min(self.height as usize - 1);
            let y1 = (2 * y + 1).min(self.height as usize - 1);
            for x in 0..w as usize {
                let x0 = (2 * x).min(sw - 1);
                let x1 = (2 * x + 1).min(sw - 1);
                for c in 0..4 {
                    let sum = u32::from(self.data[(y0 * sw + x0) * 4 + c])
                        + u32::from(self.data[(y0 * sw + x1) * 4 + c])
                        + u32::from(self.data[(y1 * sw + x0) * 4 + c])
                        + u32::from(self.data[(y1 * sw + x1) * 4 + c]);
                    data[(y * w as usize + x) * 4 + c] = ((sum + 2) / 4) as u8;
                }
            }
        }
        Bitmap { width: w, height: h, data }
    }
}

fn check_size(width: u32, height: u32) -> Result<()> {
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(Error::InvalidRequest(format!(
            "image size {width}x{height} is outside 1..={MAX_SIDE} pixels per side"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_checked() {
        assert!(Bitmap::new(0, 5).is_err());
        assert!(Bitmap::new(MAX_SIDE + 1, 5).is_err());
        assert!(Bitmap::from_rgba(2, 2, vec![0; 15]).is_err());
        assert!(Bitmap::from_rgba(2, 2, vec![0; 16]).is_ok());
    }

    #[test]
    fn half_averages_and_handles_odd_sizes() {
        let mut b = Bitmap::filled(3, 1, [0, 0, 0, 255]).expect("size");
        b.data_mut()[0] = 200; // pixel (0,0) red
        let h = b.half();
        assert_eq!((h.width(), h.height()), (2, 1));
        assert_eq!(h.pixel(0, 0), [100, 0, 0, 255]);
        assert_eq!(h.pixel(1, 0), [0, 0, 0, 255]);
    }

    #[test]
    fn downscaled_keeps_the_aspect_and_averages_blocks() {
        let mut b = Bitmap::filled(400, 200, [0, 0, 0, 255]).expect("size");
        for y in 0..200 {
            for x in 0..200 {
                b.set_pixel(x, y, [200, 100, 50, 255]);
            }
        }
        let small = b.downscaled(100);
        assert_eq!((small.width(), small.height()), (100, 50));
        assert_eq!(small.pixel(10, 10), [200, 100, 50, 255]);
        assert_eq!(small.pixel(90, 40), [0, 0, 0, 255]);
        // A photo already small enough is copied as it is.
        assert_eq!(b.downscaled(400).data(), b.data());
    }
}
