//! Zero taps on the 14 real photos: the analysis, then the design it places, rendered,
//! scored against the hand labels of tests/data/photo_labels.json (rectangles of scalp
//! to treat, forehead, other face skin, background and own hair, in the 640-px photos).
//!
//! Ink is the darkening the dots add (linear-light luminance, photo minus render). Hair
//! rectangles are neutral: dots over a person's own hair are a legitimate density boost
//! and hardly show. Per photo: no ink on face or background; at most 10 % of the
//! labelled ink on the forehead; and, where scalp is labelled, ≥ 90 % of the labelled
//! ink on it and ≥ 80 % of it treated. Faces to the camera are not taken as turned.
//!
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{apply, models, root};
use hairline::design::Design;
use hairline::{Options, Scene, View as Region};
use hairline_analysis::image::Rgba;
use hairline_analysis::understand::analyse;
use serde_json::Value;

fn luminance(p: [u8; 4]) -> f64 {
    let lin = |v: u8| {
        let c = v as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(p[0]) + 0.7152 * lin(p[1]) + 0.0722 * lin(p[2])
}

#[test]
fn zero_taps_put_the_dots_on_the_scalp_and_nowhere_else() {
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/data/photo_labels.json")).expect("labels"))
            .expect("json");
    let models = models();
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for entry in labels["photos"].as_array().expect("photos") {
        let file = entry["file"].as_str().expect("file");
        let bytes = std::fs::read(root().join(format!("../shared/photos/{file}"))).expect("photo");
        let photo = hairline::photo::decode(&bytes).expect("decodes").bitmap;
        let (w, h) = (photo.width(), photo.height());
        let analysis = analyse(&models, &Rgba::new(w, h, photo.data().to_vec()).expect("rgba")).expect("analyses");
        let mut scene = Scene::new();
        scene.set_photo(photo.clone());
        let mut design = Design::new(w, h, scene.px_per_mm());
        apply(&mut design, &analysis, w, h);
        scene.set_options(Options::default()).expect("options");
        scene.set_px_per_mm(design.px_per_mm()).expect("scale");
        let map = design.weight_map(&photo).expect("weights");
        scene.set_weight_map(map.clone()).expect("map");
        let render = scene.render(Region::full(w, h)).expect("renders");
        let ink = |x: u32, y: u32| (luminance(photo.pixel(x, y)) - luminance(render.pixel(x, y))).max(0.0);
        let rects = |class: &str| -> Vec<[u32; 4]> {
            entry[class]
                .as_array()
                .expect("class")
                .iter()
                .map(|r| [0, 1, 2, 3].map(|i| r[i].as_u64().expect("coord") as u32))
                .collect()
        };
        let sum = |class: &str, f: &dyn Fn(u32, u32) -> f64| -> (f64, f64) {
            let (mut total, mut n) = (0.0, 0.0);
            for r in rects(class) {
                for y in r[1]..r[3].min(h) {
                    for x in r[0]..r[2].min(w) {
                        total += f(x, y);
                        n += 1.0;
                    }
                }
            }
            (total, n)
        };
        let [scalp, forehead, face, background] = ["scalp", "forehead", "face", "background"].map(|c| sum(c, &ink).0);
        let labelled = scalp + forehead + face + background;
        let (treated, scalp_px) =
            sum("scalp", &|x, y| f64::from(u8::from(map.sample(x as f32 + 0.5, y as f32 + 0.5) >= 0.5)));
        let share = |part: f64| if labelled > 0.0 { part / labelled } else { 0.0 };
        let line = format!(
            "{file}: {:?} pitch {:.0?}; ink on scalp {:.2}, forehead {:.2}, face {:.2}, background {:.2} (labelled ink {labelled:.1}); scalp treated {:.2}",
            analysis.view,
            analysis.pitch,
            share(scalp),
            share(forehead),
            share(face),
            share(background),
            if scalp_px > 0.0 { treated / scalp_px } else { f64::NAN },
        );
        // "No ink" allows the soft edge of a feathered area: under 1 % of the labelled ink
        // and under 0.5 of a fully inked pixel's darkening per 1000 px.
        let tiny = |part: f64, n: f64| share(part) < 0.01 || part < 0.0005 * n;
        let (_, face_n) = sum("face", &|_, _| 0.0);
        let (_, bg_n) = sum("background", &|_, _| 0.0);
        if !tiny(face, face_n) || !tiny(background, bg_n) {
            failures.push(format!("{line}: ink on face or background"));
        }
        // Faces to the camera keep their eye distance: the turn taken from the mesh's
        // depth leaves their scale within 7 %.
        if entry["view"] == "front" && analysis.pupils.is_some() && analysis.eye_turn < 0.93 {
            failures.push(format!("{line}: eye turn {:.2} for a face to the camera", analysis.eye_turn));
        }
        if share(forehead) > 0.1 {
            failures.push(format!("{line}: ink on the forehead"));
        }
        if scalp_px > 0.0 && share(scalp) < 0.9 && labelled > 0.0 {
            failures.push(format!("{line}: under 90 % of the ink on the scalp"));
        }
        if scalp_px > 0.0 && treated / scalp_px < 0.8 {
            failures.push(format!("{line}: under 80 % of the labelled scalp treated"));
        }
        report.push(line);
    }
    eprintln!("{}", report.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
