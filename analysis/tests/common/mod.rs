//! What the worker does with an analysis (www/worker.js, `understand`), for tests.

use hairline::design::{Coverage, Design};
use hairline::mask::Mask;
use hairline_analysis::understand::{Analysis, Models};
use std::path::Path;

pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

pub fn models() -> Models {
    let read = |name: &str| std::fs::read(root().join(format!("www/models/{name}.hlnn"))).expect("model file");
    Models::parse(&read("face_detection_short_range"), &read("face_landmark"), &read("selfie_segmentation"))
        .expect("models parse")
}

/// Applies an analysis to a fresh design for a `w × h` photo, as the worker does
/// (www/analysis.js, `apply`): a frame the renderer refuses leaves no dots.
pub fn apply(design: &mut Design, analysis: &Analysis, w: u32, h: u32) {
    let (fw, fh) = (w as f32, h as f32);
    let framed = match (analysis.pupils, analysis.head_frame) {
        (Some([a, b]), _) => {
            design.set_pupils_turned([a[0] * fw, a[1] * fh], [b[0] * fw, b[1] * fh], analysis.eye_turn).is_ok()
        }
        (_, Some(f)) => design.set_head_frame([f.origin[0] * fw, f.origin[1] * fh], f.width_per_mm * fw).is_ok(),
        _ => true,
    };
    if !framed {
        let empty = vec![0; analysis.area.len()];
        let area = Mask::from_cells(w, h, analysis.area_width, analysis.area_height, empty).expect("area");
        design.set_scalp_area(area).expect("area");
        return;
    }
    design.set_foreshortening(analysis.foreshortening).expect("foreshortening");
    match analysis.coverage {
        Some("hairline") => design.set_coverage(Coverage::Hairline),
        Some("full") => design.set_coverage(Coverage::Full),
        _ => {}
    }
    let area = Mask::from_cells(w, h, analysis.area_width, analysis.area_height, analysis.area.clone()).expect("area");
    design.set_scalp_area(area).expect("area");
}
