//! sRGB ↔ linear light. Pigment absorbs light, so compositing happens on linear values.

use std::sync::OnceLock;

/// Entries of the linear → sRGB table; 4096 keeps dark tones within one 8-bit step.
pub const LINEAR_STEPS: usize = 4096;

struct Tables {
    to_linear: [f32; 256],
    /// Linear light in 16-bit fixed point (0..=65535), for the integer render loop.
    to_linear16: [u16; 256],
    to_srgb: [u8; LINEAR_STEPS],
    /// sRGB in 8.8 fixed point (value × 256), for dithered rounding.
    to_srgb_fixed: [u16; LINEAR_STEPS],
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut to_linear = [0.0f32; 256];
        for (i, v) in to_linear.iter_mut().enumerate() {
            *v = srgb_to_linear(i as f32 / 255.0);
        }
        let mut to_srgb = [0u8; LINEAR_STEPS];
        for (i, v) in to_srgb.iter_mut().enumerate() {
            *v = (linear_to_srgb(i as f32 / (LINEAR_STEPS - 1) as f32) * 255.0).round() as u8;
        }
        let to_linear16 = to_linear.map(|v| (v * 65535.0).round() as u16);
        let mut to_srgb_fixed = [0u16; LINEAR_STEPS];
        for (i, v) in to_srgb_fixed.iter_mut().enumerate() {
            *v = (linear_to_srgb(i as f32 / (LINEAR_STEPS - 1) as f32) * 255.0 * 256.0).round().min(65280.0) as u16;
        }
        Tables { to_linear, to_linear16, to_srgb, to_srgb_fixed }
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

    /// The fixed-point tables themselves, for loops that want them in registers:
    /// (sRGB byte → 16-bit linear, 12-bit linear index → sRGB × 256).
    pub fn fixed_tables(&self) -> (&'static [u16; 256], &'static [u16; LINEAR_STEPS]) {
        (&self.tables.to_linear16, &self.tables.to_srgb_fixed)
    }

    /// Linear light of an sRGB byte in 16-bit fixed point (0..=65535).
    #[inline]
    pub fn linear16(&self, srgb: u8) -> u32 {
        u32::from(self.tables.to_linear16[srgb as usize])
    }

    /// 16-bit fixed-point linear light (0..=65535, larger is clamped) to an sRGB byte.
    #[inline]
    pub fn srgb16(&self, linear: u32) -> u8 {
        // 65535 / 16 ≈ 4095: the same table as `srgb`, indexed by the top 12 bits, rounded.
        self.tables.to_srgb[((linear + 8) >> 4).min(LINEAR_STEPS as u32 - 1) as usize]
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
        for v in 0..=255u8 {
            assert_eq!(lut.srgb16(lut.linear16(v)), v, "fixed point {v}");
        }
        assert_eq!(lut.srgb16(u32::MAX >> 4), 255);
        assert_eq!(lut.srgb(2.0), 255);
    }

    #[test]
    fn mid_grey_is_about_a_fifth_of_the_light() {
        assert!((srgb_to_linear(0.5) - 0.214).abs() < 0.001);
    }
}
