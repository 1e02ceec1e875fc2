//! Reference scenes shared by the golden-image and property tests.
#![allow(dead_code)]

use hairline::{Bitmap, Options, Scene, View, WeightMap};

/// Skin tones from very fair to very dark (sRGB), roughly Fitzpatrick I–VI.
pub const SKIN_TONES: [[u8; 3]; 6] =
    [[246, 224, 206], [232, 196, 170], [208, 160, 128], [170, 118, 86], [120, 78, 52], [70, 44, 30]];

/// A flat photo of one colour.
pub fn flat(width: u32, height: u32, rgb: [u8; 3]) -> Bitmap {
    Bitmap::filled(width, height, [rgb[0], rgb[1], rgb[2], 255]).expect("size")
}

/// A scene over `photo` at `px_per_mm`, with `weight` and `options`.
pub fn scene(photo: Bitmap, px_per_mm: f32, weight: impl Fn(f32, f32) -> f32, options: Options) -> Scene {
    let (w, h) = (photo.width(), photo.height());
    let mut scene = Scene::new();
    scene.set_photo(photo);
    scene.set_px_per_mm(px_per_mm).expect("scale");
    scene.set_weight_map(WeightMap::from_fn(w, h, weight).expect("map")).expect("map");
    scene.set_options(options).expect("options");
    scene
}

/// Renders the whole photo 1:1.
pub fn render_full(scene: &mut Scene) -> Bitmap {
    scene.render_full().expect("render")
}

/// The view of the whole photo at `out_width × out_height`.
pub fn whole(photo_w: u32, photo_h: u32, out_w: u32, out_h: u32) -> View {
    View { x: 0.0, y: 0.0, width: f64::from(photo_w), height: f64::from(photo_h), out_width: out_w, out_height: out_h }
}

/// Exact sRGB decoding of one byte.
pub fn linear(v: u8) -> f64 {
    f64::from(hairline::colour::srgb_to_linear(f32::from(v) / 255.0))
}

/// Mean linear light of channel `c` over a block.
pub fn block_mean(frame: &Bitmap, x0: u32, y0: u32, w: u32, h: u32, c: usize) -> f64 {
    let mut sum = 0.0;
    for y in y0..y0 + h {
        for x in x0..x0 + w {
            sum += linear(frame.pixel(x, y)[c]);
        }
    }
    sum / f64::from(w * h)
}
