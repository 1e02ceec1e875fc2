//! sRGB ↔ linear light. Pigment absorbs light, so compositing happens on linear values.

use std::sync::OnceLock;

/// Entries of the linear → sRGB table; 4096 keeps dark tones within one 8-bit step.
const LINEAR_STEPS: usize = 4096;

struct Tables {
    to_linear: [f32; 256],
    to_srgb: Vec<u8>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut to_linear = [0.0f32; 256];
        for (i, v) in to_linear.iter_mut().enumerate() {
            *v = srgb_to_linear(i as f32 / 255.0);
        }
        let to_srgb = (0..LINEAR_STEPS)
            .map(|i| (linear_to_srgb(i as f32 / (LINEAR_STEPS - 1) as f32) * 255.0).round() as u8)
            .collect();
        Tables { to_linear, to_srgb }
    })
}

/// Exact sRGB transfer function, value in 0..=1.
pub fn srgb_to_linear(v: f32) -> f32 {
    if v <= 0.040_45 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

/// Exact inverse transfer function, value in 0..=1.
pub fn linear_to_srgb(v: f32) -> f32 {
    if v <= 0.003_130_8 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    }
}

/// Fast conversions through tables (for the render loop).
#[derive(Clone, Copy)]
pub struct Lut {
    tables: &'static Tables,
}

impl Lut {
    pub fn get() -> Lut {
        Lut { tables: tables() }
    }

    #[inline]
    pub fn linear(&self, srgb: u8) -> f32 {
        self.tables.to_linear[srgb as usize]
    }

    /// Linear 0..=1 (clamped) to an sRGB byte.
    #[inline]
    pub fn srgb(&self, linear: f32) -> u8 {
        let i = (linear.clamp(0.0, 1.0) * (LINEAR_STEPS - 1) as f32 + 0.5) as usize;
        self.tables.to_srgb[i.min(LINEAR_STEPS - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_round_trip_every_byte() {
        let lut = Lut::get();
        for v in 0..=255u8 {
            assert_eq!(lut.srgb(lut.linear(v)), v, "{v}");
        }
        assert_eq!(lut.srgb(-1.0), 0);
        assert_eq!(lut.srgb(2.0), 255);
    }

    #[test]
    fn mid_grey_is_about_a_fifth_of_the_light() {
        assert!((srgb_to_linear(0.5) - 0.214).abs() < 0.001);
    }
}
