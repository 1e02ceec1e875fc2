//! Hostile and awkward photos through the analysis and the design it places: every
//! decodable file of shared/bad-inputs/, and seeded noise of many sizes and shapes
//! (the same checks the fuzz targets run: `fuzz/fuzz_targets/analysis.rs`).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{apply, models, root};
use hairline::design::Design;
use hairline_analysis::fuzzing;
use hairline_analysis::image::Rgba;
use hairline_analysis::understand::{analyse, View};

#[test]
fn every_decodable_bad_input_is_analysed_and_placed_without_a_panic() {
    let models = models();
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("../shared/bad-inputs")).expect("bad inputs") {
        let path = entry.expect("entry").path();
        let Ok(bytes) = std::fs::read(&path) else { continue };
        // The core's decoder with its limits; the browser's formats are left out here.
        let Ok(photo) = hairline::photo::decode(&bytes) else { continue };
        let (w, h) = (photo.bitmap.width(), photo.bitmap.height());
        let found = analyse(&models, &Rgba::new(w, h, photo.bitmap.data().to_vec()).expect("rgba")).expect("analyses");
        let mut design = Design::new(w, h, 2.0);
        apply(&mut design, &found, w, h);
        design.weight_map(&photo.bitmap).expect("weights");
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} bad inputs decoded");
}

#[test]
fn noise_of_any_size_and_shape_finds_nobody_and_never_panics() {
    let models = models();
    let mut state = 0x9E37_79B9u32;
    for (w, h) in [(1u16, 1u16), (3, 500), (500, 3), (17, 17), (300, 200), (511, 511), (64, 400)] {
        let mut data = [(w - 1).to_le_bytes(), (h - 1).to_le_bytes()].concat();
        for _ in 0..4096 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            data.push(state as u8);
        }
        let found = fuzzing::analysis(&models, &data);
        assert!(found.pupils.is_none() && found.view != View::Front, "{w}×{h} noise: {:?}", found.view);
    }
}

#[test]
fn flat_and_extreme_photos_are_analysed() {
    let models = models();
    for value in [0u8, 255] {
        fuzzing::analysis(&models, &[0xff, 0x01, 0x40, 0x01, value]);
    }
}

#[test]
fn hostile_model_files_never_panic() {
    let good = std::fs::read(root().join("www/models/face_detection_short_range.hlnn")).expect("model");
    // Flipped bytes across the file: each parses and runs, or is refused.
    for at in (8..good.len()).step_by(4099) {
        let mut bad = good.clone();
        bad[at] ^= 0xff;
        fuzzing::model_file(&bad);
    }
    fuzzing::model_file(b"HLNN\x01\0\0\0\x01\0\0\0\x04\xff\xff\xff\x7f");
}

/// Inputs the fuzz targets once crashed on (`fuzz/regressions/{analysis,model}/`).
#[test]
fn saved_fuzz_crashes_stay_fixed() {
    let models = models();
    for (target, check) in [("analysis", true), ("model", false)] {
        let dir = root().join(format!("fuzz/regressions/{target}"));
        for entry in std::fs::read_dir(&dir).into_iter().flatten() {
            let data = std::fs::read(entry.expect("entry").path()).expect("input");
            if check {
                fuzzing::analysis(&models, &data);
            } else {
                fuzzing::model_file(&data);
            }
        }
    }
}
