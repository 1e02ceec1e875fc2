//! Overlays of the zero-tap design on photos, for review (tests/output/analysis/):
//! `cargo run --release -p hairline-analysis --example zero_tap_overlay -- <photo>...`
#[path = "../tests/common/mod.rs"]
mod common;

use hairline::design::Design;
use hairline_analysis::image::Rgba;
use hairline_analysis::understand::analyse;

fn main() {
    let root = common::root().display().to_string();
    let models = common::models();
    let out_dir = format!("{root}/tests/output/analysis");
    std::fs::create_dir_all(&out_dir).expect("dir");
    for path in std::env::args().skip(1) {
        let photo = hairline::photo::decode(&std::fs::read(&path).expect("photo")).expect("decodes").bitmap;
        let (w, h) = (photo.width(), photo.height());
        let analysis = analyse(&models, &Rgba::new(w, h, photo.data().to_vec()).expect("rgba")).expect("analyses");
        let mut design = Design::new(w, h, 2.0);
        common::apply(&mut design, &analysis, w, h);
        let map = design.weight_map(&photo).expect("map");
        let scalp = design.scalp_mask().cloned();
        let mut out = image::RgbaImage::from_raw(w, h, photo.data().to_vec()).expect("img");
        for (x, y, p) in out.enumerate_pixels_mut() {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let s = scalp.as_ref().map_or(0.0, |m| m.sample(fx, fy));
            let wgt = map.sample(fx, fy);
            p[1] = (p[1] as f32 * (1.0 - 0.4 * s) + 255.0 * 0.4 * s) as u8;
            p[0] = (p[0] as f32 * (1.0 - 0.6 * wgt) + 255.0 * 0.6 * wgt) as u8;
        }
        let mut dot = |pt: [f32; 2], c: [u8; 4]| {
            for dy in -3..=3 {
                for dx in -3..=3 {
                    let (x, y) = (pt[0] as i32 + dx, pt[1] as i32 + dy);
                    if x >= 0 && y >= 0 && (x as u32) < w && (y as u32) < h {
                        out.put_pixel(x as u32, y as u32, image::Rgba(c));
                    }
                }
            }
        };
        for p in design.curve_px() {
            dot(p, [255, 255, 0, 255]);
        }
        for p in design.eyes() {
            dot(p, [0, 0, 255, 255]);
        }
        let labels: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{root}/tests/data/photo_labels.json")).expect("labels"),
        )
        .expect("json");
        let name = std::path::Path::new(&path).file_name().expect("name").to_string_lossy().to_string();
        let entry = labels["photos"].as_array().expect("photos").iter().find(|e| e["file"] == name.as_str()).cloned();
        let mut bottoms = Vec::new();
        if let Some(e) = entry {
            for r in e["scalp"].as_array().expect("scalp") {
                let r: Vec<f32> = r.as_array().expect("r").iter().map(|v| v.as_f64().expect("v") as f32).collect();
                bottoms.push((
                    design.frame().to_mm([(r[0] + r[2]) / 2.0, r[3]])[1].round(),
                    design.frame().to_mm([(r[0] + r[2]) / 2.0, r[1]])[1].round(),
                ));
            }
        }
        let top = design.hairline().points().iter().map(|p| p[1]).fold(0.0f32, f32::max);
        println!(
            "{name}: {:?} scale {:.2} line top {top:.0} mm, scalp rects (bottom, top) mm {bottoms:?}",
            analysis.view,
            design.px_per_mm()
        );
        let name = std::path::Path::new(&path).file_stem().expect("name").to_string_lossy().to_string();
        out.save(format!("{out_dir}/{name}.png")).expect("save");
        // What the person sees: the photo with the zero-tap design rendered.
        let mut scene = hairline::Scene::new();
        scene.set_photo(photo.clone());
        scene.set_px_per_mm(design.px_per_mm()).expect("scale");
        scene.set_weight_map(map).expect("map");
        let render = scene.render(hairline::View::full(w, h)).expect("render");
        image::RgbaImage::from_raw(w, h, render.data().to_vec())
            .expect("img")
            .save(format!("{out_dir}/{name}-render.png"))
            .expect("save");
    }
}
