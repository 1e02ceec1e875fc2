#![no_main]
//! Arbitrary photos (size and pixels from the input) through the photo analysis.
use hairline_analysis::understand::Models;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn models() -> &'static Models {
    static MODELS: OnceLock<Models> = OnceLock::new();
    MODELS.get_or_init(|| {
        let read = |name: &str| std::fs::read(format!("{}/../www/models/{name}.hlnn", env!("CARGO_MANIFEST_DIR"))).expect("model");
        Models::parse(&read("face_detection_short_range"), &read("face_landmark"), &read("selfie_segmentation")).expect("models")
    })
}

fuzz_target!(|data: &[u8]| {
    hairline_analysis::fuzzing::analysis(models(), data);
});
