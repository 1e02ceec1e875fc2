//! A contact sheet of every shared photo through the default pipeline, to judge
//! placement at a glance: one tap on the scalp (the seeds below), the scale measured
//! from the selected scalp's width (no pupil markers), the natural hairline preset,
//! hairline coverage, default options.
//!
//! `cargo run --release --example review_sheet -- [OUT.png] [--grid]`
//! (default `target/review-sheet.png`; `--grid` adds a line every 80 photo pixels,
//! handy when choosing a seed).
//!
//! Each tile shows the result with the selected area's outline (cyan), the hairline
//! (yellow) and the tap (red). Tiles run left to right, top to bottom, in the order of
//! `SEEDS`; the program prints the same order with the measured scale.
use hairline::design::Design;
use hairline::scene::guess_px_per_mm;
use hairline::{Bitmap, Options, Scene, View};
use std::error::Error;
use std::path::Path;

/// Where a person would tap each photo (photo pixels, 640 × 640): bald or thinning skin
/// on the top of the head, away from shine edges and hair.
const SEEDS: [(&str, [f32; 2]); 14] = [
    ("L2_2-Front.jpg", [300.0, 540.0]),  // the forehead: little to treat (control)
    ("L2_21-Front.jpg", [320.0, 160.0]), // buzzed crown
    ("L2_24-Front.jpg", [320.0, 160.0]), // buzzed crown
    ("L3_2-Front.jpg", [300.0, 260.0]),  // forehead below the receding line
    ("L3_37-Left.jpg", [150.0, 200.0]),  // receded temple
    ("L4_18-Front.jpg", [320.0, 160.0]),
    ("L4_31-Front.jpg", [320.0, 160.0]),
    ("L5_10-Front.jpg", [320.0, 160.0]),
    ("L5_17-Front.jpg", [330.0, 200.0]),
    ("L6_15-Front.jpg", [320.0, 160.0]),
    ("L6_19-Front.jpg", [320.0, 160.0]),
    ("L6_25-Front.jpg", [320.0, 160.0]),
    ("L7_12-Left.jpg", [320.0, 160.0]),
    ("L7_16-Front.jpg", [320.0, 160.0]),
];
const TILE: u32 = 480;
const COLUMNS: u32 = 4;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let grid = args.iter().any(|a| a == "--grid");
    let out = args.iter().find(|a| !a.starts_with("--")).map_or("target/review-sheet.png", String::as_str);
    let photos = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/photos");
    let rows = (SEEDS.len() as u32).div_ceil(COLUMNS);
    let mut sheet = Bitmap::filled(TILE * COLUMNS, TILE * rows, [24, 24, 28, 255])?;
    for (i, (file, seed)) in SEEDS.iter().enumerate() {
        let photo = hairline::photo::decode(&std::fs::read(photos.join(file))?)?.bitmap;
        let (w, h) = (photo.width(), photo.height());
        let mut design = Design::new(w, h, guess_px_per_mm(w));
        let selected = design.select_scalp(&photo, *seed);
        let map = design.weight_map(&photo)?;
        let mut scene = Scene::new();
        scene.set_photo(photo);
        scene.set_px_per_mm(design.px_per_mm())?;
        scene.set_weight_map(map)?;
        scene.set_options(Options::default())?;
        let mut tile = scene.render(View { out_width: TILE, out_height: TILE, ..View::full(w, h) })?;
        let k = TILE as f32 / w.max(h) as f32;
        if grid {
            for g in (80..w.max(h)).step_by(80) {
                let at = g as f32 * k;
                line(&mut tile, [at, 0.0], [at, TILE as f32], [255, 255, 255, 70]);
                line(&mut tile, [0.0, at], [TILE as f32, at], [255, 255, 255, 70]);
            }
        }
        if let Some(mask) = design.scalp_mask() {
            outline(&mut tile, |x, y| mask.sample(x / k, y / k) >= 0.5, [0, 220, 255, 255]);
        }
        let curve = design.curve_px();
        for pair in curve.windows(2) {
            line(&mut tile, pair[0].map(|v| v * k), pair[1].map(|v| v * k), [255, 214, 0, 255]);
        }
        let [sx, sy] = seed.map(|v| v * k);
        line(&mut tile, [sx - 7.0, sy], [sx + 7.0, sy], [255, 40, 40, 255]);
        line(&mut tile, [sx, sy - 7.0], [sx, sy + 7.0], [255, 40, 40, 255]);
        paste(&mut sheet, &tile, (i as u32 % COLUMNS) * TILE, (i as u32 / COLUMNS) * TILE);
        let area = design
            .scalp_mask()
            .map_or(0.0, |m| m.data().iter().filter(|&&v| v >= 128).count() as f32 / m.data().len() as f32);
        println!(
            "{:>2}. {file:<16} tap {seed:?}  scale {:.2} px/mm ({:?}){}  area {:.0}% of the photo{}",
            i + 1,
            design.px_per_mm(),
            design.scale_source(),
            match &selected {
                Ok(()) => String::new(),
                Err(e) => format!(" selection failed: {e}"),
            },
            area * 100.0,
            design.hairline_warning().map_or(String::new(), |w| format!("  ⚠ {w}")),
        );
    }
    image::save_buffer(out, sheet.data(), sheet.width(), sheet.height(), image::ExtendedColorType::Rgba8)?;
    println!("wrote {out}");
    Ok(())
}

/// Blends `rgba` (straight alpha) into pixel (x, y) when it is on the bitmap.
fn plot(bitmap: &mut Bitmap, x: i64, y: i64, rgba: [u8; 4]) {
    if x < 0 || y < 0 || x >= i64::from(bitmap.width()) || y >= i64::from(bitmap.height()) {
        return;
    }
    let (x, y) = (x as u32, y as u32);
    let old = bitmap.pixel(x, y);
    let a = u32::from(rgba[3]);
    let mix = |c: usize| ((u32::from(rgba[c]) * a + u32::from(old[c]) * (255 - a)) / 255) as u8;
    bitmap.set_pixel(x, y, [mix(0), mix(1), mix(2), 255]);
}

/// A 2 px line, sampled every half pixel.
fn line(bitmap: &mut Bitmap, from: [f32; 2], to: [f32; 2], rgba: [u8; 4]) {
    let steps = ((to[0] - from[0]).hypot(to[1] - from[1]) * 2.0).ceil().max(1.0) as usize;
    for s in 0..=steps {
        let t = s as f32 / steps as f32;
        let (x, y) = (from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t);
        for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            plot(bitmap, x as i64 + dx, y as i64 + dy, rgba);
        }
    }
}

/// Marks the pixels where `inside` changes from a neighbour to the next.
fn outline(bitmap: &mut Bitmap, inside: impl Fn(f32, f32) -> bool, rgba: [u8; 4]) {
    let (w, h) = (bitmap.width() as usize, bitmap.height() as usize);
    let cells: Vec<bool> = (0..w * h).map(|i| inside((i % w) as f32 + 0.5, (i / w) as f32 + 0.5)).collect();
    for y in 0..h {
        for x in 0..w {
            let here = cells[y * w + x];
            let edge = (x + 1 < w && cells[y * w + x + 1] != here) || (y + 1 < h && cells[(y + 1) * w + x] != here);
            if edge {
                plot(bitmap, x as i64, y as i64, rgba);
                plot(bitmap, x as i64 + 1, y as i64, rgba);
            }
        }
    }
}

fn paste(sheet: &mut Bitmap, tile: &Bitmap, x0: u32, y0: u32) {
    for y in 0..tile.height() {
        for x in 0..tile.width() {
            sheet.set_pixel(x0 + x, y0 + y, tile.pixel(x, y));
        }
    }
}
