//! Pigment shades: the presets a client chooses from, and a suggestion from the
//! person's own hair or stubble. SMP pigment is carbon diluted with water: the shade
//! is mostly the dilution, with a slight warm or cool tint.

use crate::bitmap::Bitmap;
use crate::colour::srgb_to_linear;
use crate::error::{Error, Result};
use crate::options::DILUTION;
use serde::Serialize;

/// A pigment colour (`#rrggbb`) and its dilution (0 = undiluted … 0.9 = very watery).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shade {
    pub id: &'static str,
    pub pigment: &'static str,
    pub dilution: f32,
}

const NEUTRAL: &str = "#1d1a19";
const WARM: &str = "#2b1f19";
const COOL: &str = "#191b20";

/// From light (grey or blond hair, fair skin) to dark (black hair, dark skin).
pub const PRESETS: [Shade; 6] = [
    Shade { id: "very-light", pigment: COOL, dilution: 0.75 },
    Shade { id: "light", pigment: NEUTRAL, dilution: 0.6 },
    Shade { id: "medium-brown", pigment: WARM, dilution: 0.42 },
    Shade { id: "medium", pigment: NEUTRAL, dilution: 0.3 },
    Shade { id: "dark", pigment: NEUTRAL, dilution: 0.15 },
    Shade { id: "black", pigment: NEUTRAL, dilution: 0.0 },
];

/// Suggests a shade from a patch of the photo around (x, y) (photo pixels) with the
/// given radius: the darkest quarter of the patch is taken as hair or stubble, and the
/// dilution and tint follow from its lightness and warmth.
pub fn suggest(photo: &Bitmap, x: f32, y: f32, radius_px: f32) -> Result<Shade> {
    let inside = x.is_finite() && y.is_finite() && x >= 0.0 && y >= 0.0;
    if !inside || x >= photo.width() as f32 || y >= photo.height() as f32 {
        return Err(Error::InvalidRequest("pick a point on the photo to sample the hair colour".into()));
    }
    let r = radius_px.clamp(1.0, 64.0);
    let (x0, x1) = ((x - r).max(0.0) as u32, ((x + r) as u32).min(photo.width() - 1));
    let (y0, y1) = ((y - r).max(0.0) as u32, ((y + r) as u32).min(photo.height() - 1));
    let mut samples: Vec<[f32; 3]> = Vec::new();
    for py in y0..=y1 {
        for px in x0..=x1 {
            let p = photo.pixel(px, py);
            if p[3] > 128 {
                samples.push([0, 1, 2].map(|c| srgb_to_linear(f32::from(p[c]) / 255.0)));
            }
        }
    }
    if samples.is_empty() {
        return Err(Error::InvalidRequest("that part of the photo is transparent: pick hair or stubble".into()));
    }
    let luma = |s: &[f32; 3]| 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
    samples.sort_by(|a, b| luma(a).total_cmp(&luma(b)));
    let dark = &samples[..samples.len().div_ceil(4)];
    let n = dark.len() as f32;
    let mean = [0, 1, 2].map(|c| dark.iter().map(|s| s[c]).sum::<f32>() / n);
    Ok(shade_for(mean))
}

/// Maps a hair colour (linear RGB) to a shade: lightness → dilution, warmth → tint.
pub fn shade_for(hair: [f32; 3]) -> Shade {
    let lightness = (0.2126 * hair[0] + 0.7152 * hair[1] + 0.0722 * hair[2]).clamp(0.0, 1.0).cbrt();
    // Black hair (lightness ≈ 0.2) → undiluted; grey or blond (≈ 0.7) → very dilute.
    let dilution = ((lightness - 0.2) / 0.55 * DILUTION.max).clamp(DILUTION.min, DILUTION.max);
    let warmth = (hair[0] - hair[2]) / (hair[0] + hair[2] + 1e-4);
    let pigment = if warmth > 0.35 {
        WARM
    } else if warmth < 0.05 {
        COOL
    } else {
        NEUTRAL
    };
    Shade { id: "suggested", pigment, dilution: (dilution * 100.0).round() / 100.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{parse_hex_colour, Options};

    #[test]
    fn presets_are_valid_options_and_go_from_light_to_dark() {
        for pair in PRESETS.windows(2) {
            assert!(pair[0].dilution > pair[1].dilution);
        }
        for shade in PRESETS {
            let o = Options { pigment: shade.pigment.into(), dilution: shade.dilution, ..Options::default() };
            assert!(o.validate().is_ok(), "{shade:?}");
        }
    }

    #[test]
    fn dark_hair_gets_strong_pigment_and_light_hair_dilute() {
        let black = shade_for([0.01, 0.01, 0.01]);
        let blond = shade_for([0.45, 0.35, 0.2]);
        let grey = shade_for([0.4, 0.4, 0.42]);
        assert!(black.dilution < 0.1, "{black:?}");
        assert!(blond.dilution > 0.6 && grey.dilution > 0.6, "{blond:?} {grey:?}");
        assert_eq!(blond.pigment, WARM);
        assert_eq!(grey.pigment, COOL);
        assert!(parse_hex_colour(blond.pigment).is_ok());
    }

    #[test]
    fn suggestion_follows_the_darkest_pixels_of_the_patch() {
        // Half stubble (dark brown), half skin: the suggestion follows the stubble.
        let mut photo = Bitmap::filled(20, 20, [230, 190, 170, 255]).expect("size");
        for y in 0..20 {
            for x in 0..10 {
                let i = (y * 20 + x) * 4;
                photo.data_mut()[i..i + 3].copy_from_slice(&[40, 30, 25]);
            }
        }
        let shade = suggest(&photo, 10.0, 10.0, 6.0).expect("inside");
        assert!(shade.dilution < 0.25, "{shade:?}");
        assert!(suggest(&photo, -1.0, 5.0, 3.0).is_err());
        assert!(suggest(&photo, 5.0, f32::NAN, 3.0).is_err());
        assert!(suggest(&photo, 25.0, 5.0, 3.0).is_err());
    }
}
