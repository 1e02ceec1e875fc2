//! Renders a photo with the default pipeline to a PNG, for looking at results.
//! `cargo run --release --example render -- PHOTO OUT.png [px_per_mm] [zoom] [options-json]`
//! With a zoom > 1 the centre of the treatment area is rendered magnified.
use hairline::options::OptionsChange;
use hairline::{Session, View};
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output, rest @ ..] = args.as_slice() else {
        return Err("usage: render PHOTO OUT.png [px_per_mm] [zoom] [options-json]".into());
    };
    let mut session = Session::new();
    session.load_photo(&std::fs::read(input)?)?;
    let (w, h) = session.photo_size();
    if let Some(scale) = rest.first() {
        session.set_scale(scale.parse()?)?;
    }
    let zoom: f64 = rest.get(1).map_or(Ok(1.0), |z| z.parse())?;
    if let Some(json) = rest.get(2) {
        session.set_options(serde_json::from_str::<OptionsChange>(json)?)?;
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
    let frame = session.render_view(view)?;
    image::save_buffer(output, frame.data(), frame.width(), frame.height(), image::ExtendedColorType::Rgba8)?;
    Ok(())
}
