//! The interpreter against TensorFlow Lite's own outputs (tests/data/nn_reference.json,
//! written by scripts/models/reference.py) on the same synthetic input.

use hairline_analysis::nn::Model;
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn synthetic(shape: &[usize], lo: f32, hi: f32) -> Vec<f32> {
    let (h, w, ch) = (shape[1], shape[2], shape[3]);
    let mut v = Vec::with_capacity(h * w * ch);
    for y in 0..h {
        for x in 0..w {
            for c in 0..ch {
                let s = 0.5 + 0.5 * (0.37 * x as f64 + 0.23 * (c + 1) as f64 * y as f64 + c as f64).sin();
                v.push(lo + (hi - lo) * s as f32);
            }
        }
    }
    v
}

fn check(name: &str) {
    let reference: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/data/nn_reference.json")).expect("reference"))
            .expect("json");
    let entry = &reference[name];
    let bytes = std::fs::read(root().join(format!("www/models/{name}.hlnn"))).expect("model file");
    let model = Model::parse(&bytes).expect("parses");
    let range = entry["input_range"].as_array().expect("range");
    let (lo, hi) = (range[0].as_f64().expect("lo") as f32, range[1].as_f64().expect("hi") as f32);
    let outputs = model.run(&synthetic(model.input_shape(), lo, hi)).expect("runs");
    for (i, expected) in entry["outputs"].as_array().expect("outputs").iter().enumerate() {
        assert_eq!(outputs[i].len() as u64, expected["len"].as_u64().expect("len"), "{name} output {i} length");
        let stride = expected["stride"].as_u64().expect("stride") as usize;
        let mut worst = 0.0f32;
        for (k, want) in expected["values"].as_array().expect("values").iter().enumerate() {
            let want = want.as_f64().expect("value") as f32;
            let got = outputs[i][k * stride];
            worst = worst.max((got - want).abs() / (1.0 + want.abs()));
        }
        assert!(worst < 2e-3, "{name} output {i}: worst relative error {worst}");
    }
}

#[test]
fn face_detector_matches_tensorflow_lite() {
    check("face_detection_short_range");
}

#[test]
fn person_segmenter_matches_tensorflow_lite() {
    check("selfie_segmentation");
}

#[test]
fn hostile_model_files_give_errors() {
    for bytes in [&b""[..], b"HLNN", b"HLNN\x01\0\0\0\xff\xff\xff\x7f", b"XXXX\x01\0\0\0"] {
        assert!(Model::parse(bytes).is_err());
    }
    let good = std::fs::read(root().join("www/models/face_detection_short_range.hlnn")).expect("model file");
    // Every truncation fails cleanly.
    for cut in (0..good.len()).step_by(997) {
        assert!(Model::parse(&good[..cut]).is_err(), "cut at {cut}");
    }
}

#[test]
fn face_landmarker_matches_tensorflow_lite() {
    check("face_landmark");
}
