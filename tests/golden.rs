//! Golden images: reference scenes rendered and compared with `tests/images/*.png`
//! within a tolerance (per channel) and an outlier budget. On failure the actual render
//! and an amplified difference are written to `tests/output/golden/` (git-ignored).
//! To accept an intended change: `make golden` (UPDATE_GOLDEN=1), then look at the PNGs.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{flat, scene, SKIN_TONES};
use hairline::options::Healing;
use hairline::{Bitmap, Options};
use std::path::PathBuf;

/// Largest per-channel difference that still counts as equal.
const TOLERANCE: u8 = 3;
/// Share of pixels allowed beyond the tolerance.
const MAX_OUTLIERS: f64 = 0.002;

fn check(name: &str, frame: &Bitmap) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let golden_path = root.join("tests/images").join(format!("{name}.png"));
    let save = |path: &PathBuf, bitmap: &Bitmap| {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        image::save_buffer(path, bitmap.data(), bitmap.width(), bitmap.height(), image::ExtendedColorType::Rgba8)
            .expect("write png");
    };
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        save(&golden_path, frame);
        return;
    }
    let golden = image::open(&golden_path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `make golden` to create it)", golden_path.display()))
        .into_rgba8();
    let same_size = golden.dimensions() == (frame.width(), frame.height());
    let mut outliers = 0usize;
    let mut diff = frame.clone();
    if same_size {
        for (i, (a, b)) in frame.data().chunks_exact(4).zip(golden.as_raw().chunks_exact(4)).enumerate() {
            let worst = (0..4).map(|c| a[c].abs_diff(b[c])).max().unwrap_or(0);
            if worst > TOLERANCE {
                outliers += 1;
            }
            let shown = worst.saturating_mul(16);
            diff.data_mut()[i * 4..i * 4 + 4].copy_from_slice(&[shown, shown, shown, 255]);
        }
    }
    let pixels = (frame.width() * frame.height()) as usize;
    let allowed = (pixels as f64 * MAX_OUTLIERS) as usize;
    if !same_size || outliers > allowed {
        let out = root.join("tests/output/golden");
        save(&out.join(format!("{name}-actual.png")), frame);
        save(&out.join(format!("{name}-diff.png")), &diff);
        panic!(
            "{name}: {outliers} of {pixels} pixels differ by more than {TOLERANCE} (allowed {allowed}), size match \
             {same_size}; see {}",
            out.display()
        );
    }
}

#[test]
fn skin_tones_from_very_fair_to_very_dark() {
    // Six 96×96 patches side by side, full treatment, default healed dots at 8 px/mm.
    let mut photo = flat(96 * 6, 96, [0, 0, 0]);
    for (i, tone) in SKIN_TONES.iter().enumerate() {
        for y in 0..96 {
            for x in 0..96 {
                let at = ((y * 96 * 6 + i as u32 * 96 + x) * 4) as usize;
                photo.data_mut()[at..at + 3].copy_from_slice(tone);
            }
        }
    }
    let mut s = scene(photo, 8.0, |_, _| 1.0, Options::default());
    check("skin_tones", &s.render_full().expect("render"));
}

#[test]
fn gradient_weight_map_gives_a_broken_edge() {
    let mut s = scene(flat(384, 128, SKIN_TONES[1]), 8.0, |x, _| x / 384.0, Options::default());
    check("gradient_weight", &s.render_full().expect("render"));
}

#[test]
fn each_healing_stage() {
    for (name, healing, years) in [
        ("stage_fresh", Healing::Fresh, 5.0),
        ("stage_healed", Healing::Healed, 5.0),
        ("stage_aged", Healing::Aged, 10.0),
    ] {
        let options = Options { healing, years, ..Options::default() };
        let mut s = scene(flat(192, 128, SKIN_TONES[2]), 10.0, |_, _| 1.0, options);
        check(name, &s.render_full().expect("render"));
    }
}

#[test]
fn sub_pixel_dots_at_low_scale() {
    let mut s = scene(flat(192, 128, SKIN_TONES[1]), 3.0, |_, _| 1.0, Options::default());
    check("sub_pixel", &s.render_full().expect("render"));
}

#[test]
fn one_and_four_sessions() {
    for (name, sessions) in [("sessions_1", 1), ("sessions_4", 4)] {
        let options = Options { sessions, ..Options::default() };
        let mut s = scene(flat(192, 128, SKIN_TONES[2]), 10.0, |_, _| 1.0, options);
        check(name, &s.render_full().expect("render"));
    }
}
