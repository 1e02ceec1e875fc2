//! Prints the realism measures (`hairline::realism`, the recipe of smp-domain.md) of the
//! renderer on flat skin tones, for calibrating the dot model against real healed SMP.
//! `cargo run --release --example realism -- [options-json]`
use hairline::realism::{measure, Measures};
use hairline::{Bitmap, Options, Scene, WeightMap};
use std::error::Error;

/// Renders `options` over a 30 mm square of `skin` at 20 px/mm and measures its inner
/// 20 mm; returns the measures before and after.
fn measure_on(skin: [u8; 3], options: &Options) -> Result<(Measures, Measures), Box<dyn Error>> {
    let px_per_mm = 20.0;
    let side = 600u32;
    let photo = Bitmap::filled(side, side, [skin[0], skin[1], skin[2], 255])?;
    let mut scene = Scene::new();
    scene.set_photo(photo.clone());
    scene.set_px_per_mm(px_per_mm)?;
    scene.set_weight_map(WeightMap::uniform(side, side, 1.0)?)?;
    scene.set_options(options.clone())?;
    let frame = scene.render_full()?;
    let margin = 100;
    let region: Vec<bool> = (0..side * side)
        .map(|i| {
            let (x, y) = (i % side, i / side);
            (margin..side - margin).contains(&x) && (margin..side - margin).contains(&y)
        })
        .collect();
    if let Ok(folder) = std::env::var("REALISM_PNG") {
        let path = format!("{folder}/{}-{}-{}.png", skin[0], skin[1], skin[2]);
        image::save_buffer(&path, frame.data(), side, side, image::ExtendedColorType::Rgba8)?;
    }
    Ok((measure(&photo, px_per_mm, &region), measure(&frame, px_per_mm, &region)))
}

fn main() -> Result<(), Box<dyn Error>> {
    let base = match std::env::args().nth(1) {
        Some(json) => Options::from_json(&json)?,
        None => Options::default(),
    };
    println!("real healed SMP (fair skin): darkening 2.4–9 (≈6) L*, spot median 0.52–0.69 mm, spots 25–31 %, texture SD 5.6–8.6");
    let tones: [(&str, [u8; 3]); 4] =
        [("very fair", [246, 224, 206]), ("fair", [232, 196, 170]), ("medium", [170, 118, 86]), ("dark", [70, 44, 30])];
    for (name, skin) in tones {
        let (before, after) = measure_on(skin, &base)?;
        println!(
            "{name:>9}: L* {:5.1} → {:5.1} (darkening {:4.1}), spot median {:.2} mm, spots {:4.1} %, texture SD {:4.1}, {} spots",
            before.mean_l,
            after.mean_l,
            before.mean_l - after.mean_l,
            after.spot_median_mm,
            100.0 * after.spot_share,
            after.texture_sd,
            after.spots
        );
    }
    Ok(())
}
