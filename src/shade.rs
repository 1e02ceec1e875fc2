//! Pigment shades: the presets a client chooses from, and a suggestion from the
//! person's own hair or stubble. SMP pigment is carbon diluted with water: the shade
//! is mostly the dilution, with a slight warm or cool tint.

use crate::bitmap::Bitmap;
use crate::colour::srgb_to_linear;
use crate::coverage::WeightMap;
use crate::error::{Error, Result};
use crate::options::{Options, DENSITY, DILUTION};
use crate::realism::l_star;
use crate::scene::{Scene, View};
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

/// The pixel bounds `(x0, y0, x1, y1)` (inclusive) of the square of radius `r` around
/// photo point (x, y), which must lie on the photo.
fn patch(photo: &Bitmap, x: f32, y: f32, r: f32) -> Result<(u32, u32, u32, u32)> {
    let inside = x.is_finite() && y.is_finite() && x >= 0.0 && y >= 0.0;
    if !inside || x >= photo.width() as f32 || y >= photo.height() as f32 {
        return Err(Error::InvalidRequest("pick a point on the photo to sample the hair colour".into()));
    }
    let (x0, x1) = ((x - r).max(0.0) as u32, ((x + r) as u32).min(photo.width() - 1));
    let (y0, y1) = ((y - r).max(0.0) as u32, ((y + r) as u32).min(photo.height() - 1));
    Ok((x0, y0, x1, y1))
}

/// Suggests a shade from a patch of the photo around (x, y) (photo pixels) with the
/// given radius, taken as hair or stubble as a whole (its mean colour, as seen from
/// arm's length): the dilution and tint follow from its lightness and warmth. Used when
/// there is no treated area to match against ([`match_hair`]).
pub fn suggest(photo: &Bitmap, x: f32, y: f32, radius_px: f32) -> Result<Shade> {
    Ok(shade_for(patch_mean(photo, x, y, radius_px.clamp(1.0, 64.0))?))
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

/// Pigment, dilution and density that make treated scalp read, at arm's length, as
/// the person's own short hair: what "match my hair" applies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HairMatch {
    pub id: &'static str,
    pub pigment: &'static str,
    pub dilution: f32,
    pub density: f32,
    /// L* of the hair patch and of the treated scalp with these settings (arm's length:
    /// the mean over an area, dots and skin together).
    pub hair_lightness: f32,
    pub treated_lightness: f32,
}

/// Mean linear RGB of the opaque pixels within `radius_px` of (x, y) (photo pixels).
fn patch_mean(photo: &Bitmap, x: f32, y: f32, radius_px: f32) -> Result<[f32; 3]> {
    let r = radius_px.clamp(1.0, 200.0);
    let (x0, y0, x1, y1) = patch(photo, x, y, r)?;
    let (mut sum, mut n) = ([0.0f32; 3], 0.0f32);
    for py in y0..=y1 {
        for px in x0..=x1 {
            let p = photo.pixel(px, py);
            let (dx, dy) = (px as f32 + 0.5 - x, py as f32 + 0.5 - y);
            if p[3] > 128 && dx * dx + dy * dy <= r * r {
                for c in 0..3 {
                    sum[c] += srgb_to_linear(f32::from(p[c]) / 255.0);
                }
                n += 1.0;
            }
        }
    }
    if n == 0.0 {
        return Err(Error::InvalidRequest("that part of the photo is transparent: pick hair or stubble".into()));
    }
    Ok(sum.map(|v| v / n))
}

fn lightness_of(linear: [f32; 3]) -> f32 {
    l_star(0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2])
}

/// Side of the skin patch the match is rendered on (mm) and its resolution (px/mm):
/// large against the dot spacing, small enough to render in about a millisecond.
const PATCH_MM: f32 = 16.0;
const PATCH_PX_PER_MM: f32 = 6.0;

/// Mean L* of `skin` (straight sRGB) treated with `options`, from a render of a flat patch.
fn treated_lightness(skin: [u8; 3], options: &Options) -> Result<f32> {
    let side = (PATCH_MM * PATCH_PX_PER_MM) as u32;
    let mut scene = Scene::new();
    scene.set_photo(Bitmap::filled(side, side, [skin[0], skin[1], skin[2], 255])?);
    scene.set_px_per_mm(PATCH_PX_PER_MM)?;
    scene.set_weight_map(WeightMap::uniform(side, side, 1.0)?)?;
    scene.set_options(options.clone())?;
    let frame = scene.render(View::full(side, side))?;
    let mut sum = [0.0f32; 3];
    for p in frame.data().chunks_exact(4) {
        for c in 0..3 {
            sum[c] += srgb_to_linear(f32::from(p[c]) / 255.0);
        }
    }
    let n = (side * side) as f32;
    Ok(lightness_of(sum.map(|v| v / n)))
}

/// Matches the treatment to the hair or stubble around (x, y) (photo pixels, a patch of
/// `radius_px`) on scalp of colour `skin` (straight sRGB, the treated area's mean),
/// keeping the other `options`. The tint follows the hair's warmth; dilution, then (if
/// even undiluted pigment is too light, or the most dilute too dark) density are chosen
/// so the treated scalp's mean L* meets the hair's. Grey or blond hair gets a light,
/// sparse result, never near-black.
pub fn match_hair(
    photo: &Bitmap,
    x: f32,
    y: f32,
    radius_px: f32,
    skin: [u8; 3],
    options: &Options,
) -> Result<HairMatch> {
    let hair = patch_mean(photo, x, y, radius_px)?;
    let target = lightness_of(hair);
    let tint = shade_for(hair).pigment;
    let with = |dilution: f32, density: f32| Options { pigment: tint.to_owned(), dilution, density, ..options.clone() };
    let density = options.density;
    let reach = |dilution: f32, density: f32| treated_lightness(skin, &with(dilution, density));
    let (darkest, lightest) = (reach(DILUTION.min, density)?, reach(DILUTION.max, density)?);
    // Lightness rises with dilution and falls with density: bisect whichever can meet
    // the target, the other held at its limit.
    let bisect = |mut low: f32, mut high: f32, f: &dyn Fn(f32) -> Result<f32>, rising: bool| -> Result<f32> {
        for _ in 0..12 {
            let mid = 0.5 * (low + high);
            let too_light = f(mid)? > target;
            if too_light == rising {
                high = mid;
            } else {
                low = mid;
            }
        }
        Ok(0.5 * (low + high))
    };
    let (dilution, density) = if target < darkest {
        let d = bisect(density, DENSITY.max, &|d| reach(DILUTION.min, d), false)?;
        (DILUTION.min, d)
    } else if target > lightest {
        let d = bisect(DENSITY.min, density, &|d| reach(DILUTION.max, d), false)?;
        (DILUTION.max, d)
    } else {
        (bisect(DILUTION.min, DILUTION.max, &|v| reach(v, density), true)?, density)
    };
    let (dilution, density) = ((dilution * 100.0).round() / 100.0, density.round());
    Ok(HairMatch {
        id: "suggested",
        pigment: tint,
        dilution,
        density,
        hair_lightness: target,
        treated_lightness: reach(dilution, density)?,
    })
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
    fn matched_scalp_reads_as_the_hair_from_grey_to_black() {
        let skin = [225u8, 190, 165];
        for (hair, density_moves) in [([40u8, 32, 28], true), ([185, 155, 135], false), ([175, 172, 170], true)] {
            let photo = Bitmap::filled(40, 40, [hair[0], hair[1], hair[2], 255]).expect("size");
            let m = match_hair(&photo, 20.0, 20.0, 10.0, skin, &Options::default()).expect("match");
            let hair_l = lightness_of(hair.map(|v| srgb_to_linear(f32::from(v) / 255.0)));
            assert!((m.hair_lightness - hair_l).abs() < 0.5);
            // Black stubble on fair skin is darker than any treated scalp: the strongest
            // pigment at a raised density; light grey hair: the most dilute, sparser.
            if density_moves {
                assert_ne!(m.density, Options::default().density, "{m:?}");
            } else {
                assert!((m.treated_lightness - hair_l).abs() < 3.0, "{m:?}");
            }
        }
        // Grey or white hair lighter than the scalp: the lightest treatment there is,
        // never a dark one.
        let grey = Bitmap::filled(40, 40, [236, 234, 230, 255]).expect("size");
        let m = match_hair(&grey, 20.0, 20.0, 10.0, skin, &Options::default()).expect("match");
        assert!(m.dilution == DILUTION.max && m.density < 40.0 && m.pigment == COOL, "{m:?}");
        assert!(match_hair(&grey, -1.0, 5.0, 3.0, skin, &Options::default()).is_err());
    }

    #[test]
    fn suggestion_follows_the_patch_as_a_whole() {
        // Stubble and skin half and half reads lighter than the stubble alone; grey hair
        // is never suggested a dark shade.
        let mut photo = Bitmap::filled(20, 20, [230, 190, 170, 255]).expect("size");
        for y in 0..20 {
            for x in 0..10 {
                let i = (y * 20 + x) * 4;
                photo.data_mut()[i..i + 3].copy_from_slice(&[40, 30, 25]);
            }
        }
        let stubble = suggest(&photo, 4.0, 10.0, 3.0).expect("inside");
        let mixed = suggest(&photo, 10.0, 10.0, 6.0).expect("inside");
        assert!(stubble.dilution < 0.1 && mixed.dilution > stubble.dilution, "{stubble:?} {mixed:?}");
        let grey = Bitmap::filled(20, 20, [180, 180, 184, 255]).expect("size");
        assert!(suggest(&grey, 10.0, 10.0, 6.0).expect("inside").dilution > 0.6);
        assert!(suggest(&photo, -1.0, 5.0, 3.0).is_err());
        assert!(suggest(&photo, 5.0, f32::NAN, 3.0).is_err());
        assert!(suggest(&photo, 25.0, 5.0, 3.0).is_err());
    }
}
