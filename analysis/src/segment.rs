//! The person: MediaPipe's selfie segmenter (256 × 256 input, person vs. background).

use crate::error::{Error, Result};
use crate::image::{Letterbox, Rgba};
use crate::nn::Model;

const SIDE: u32 = 256;

/// A probability map over the photo, `width × height` cells, row-major, 0–1.
#[derive(Debug, Clone)]
pub struct ProbabilityMap {
    pub width: u32,
    pub height: u32,
    pub values: Vec<f32>,
    /// Photo px per cell.
    pub px_per_cell: f32,
}

impl ProbabilityMap {
    /// The probability at photo position (x, y) px (nearest cell; 0 outside).
    pub fn at(&self, x: f32, y: f32) -> f32 {
        let (cx, cy) = (x / self.px_per_cell, y / self.px_per_cell);
        if cx < 0.0 || cy < 0.0 || cx >= self.width as f32 || cy >= self.height as f32 {
            return 0.0;
        }
        self.values[cy as usize * self.width as usize + cx as usize]
    }
}

/// Where the person is, on a grid of the photo's shape at the model's resolution.
pub fn person(model: &Model, photo: &Rgba) -> Result<ProbabilityMap> {
    let fit = Letterbox::fit(photo, SIDE);
    let outputs = model.run(&fit.tensor(photo, SIDE, 0.0, 1.0))?;
    let Some(map) = outputs.first().filter(|m| m.len() == (SIDE * SIDE) as usize) else {
        return Err(Error::Model("the person segmenter's output has an unexpected size".into()));
    };
    // Crop the letterbox back to the photo's shape.
    let px_per_cell = 1.0 / fit.scale;
    let (w, h) = (
        ((photo.width as f32 * fit.scale).round() as u32).clamp(1, SIDE),
        ((photo.height as f32 * fit.scale).round() as u32).clamp(1, SIDE),
    );
    let (ox, oy) = ((-fit.offset[0] * fit.scale).round() as u32, (-fit.offset[1] * fit.scale).round() as u32);
    let mut values = Vec::with_capacity((w * h) as usize);
    for y in 0..h {
        for x in 0..w {
            let (sx, sy) = ((x + ox).min(SIDE - 1), (y + oy).min(SIDE - 1));
            values.push(map[(sy * SIDE + sx) as usize]);
        }
    }
    Ok(ProbabilityMap { width: w, height: h, values, px_per_cell })
}
