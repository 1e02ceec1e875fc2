//! Renders a photo with the default pipeline to a PNG, for looking at results.
//! `cargo run --release --example render -- PHOTO OUT.png [px_per_mm] [zoom] [options-json]`
//! With a zoom > 1 the centre of the treatment area is rendered magnified.
use hairline::{Options, Scene, View};
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output, rest @ ..] = args.as_slice() else {
        return Err("usage: render PHOTO OUT.png [px_per_mm] [zoom] [options-json]".into());
    };
    let photo = hairline::photo::decode(&std::fs::read(input)?)?;
    let (w, h) = (photo.bitmap.width(), photo.bitmap.height());
    let mut scene = Scene::new();
    scene.set_photo(photo.bitmap);
    if let Some(scale) = rest.first() {
        scene.set_px_per_mm(scale.parse()?)?;
        scene.set_weight_map(hairline::scene::default_area(w, h, scene.px_per_mm())?)?;
    }
    let zoom: f64 = rest.get(1).map_or(Ok(1.0), |z| z.parse())?;
    if let Some(json) = rest.get(2) {
        scene.set_options(Options::from_json(json)?)?;
    }
    let view = if zoom > 1.0 {
        let (rw, rh) = (f64::from(w) / zoom, f64::from(h) / zoom);
        View {
            x: f64::from(w) * 0.5 - rw / 2.0,
            y: f64::from(h) * 0.2 - rh / 2.0,
            width: rw,
            height: rh,
            out_width: w,
            out_height: h,
        }
    } else {
        View::full(w, h)
    };
    let frame = scene.render(view)?;
    image::save_buffer(output, frame.data(), frame.width(), frame.height(), image::ExtendedColorType::Rgba8)?;
    Ok(())
}
