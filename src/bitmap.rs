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
}
