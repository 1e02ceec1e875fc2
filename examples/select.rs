//! Shows one-tap selection on a photo: `cargo run --release --example select -- PHOTO X Y OUT.png`
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, x, y, output] = args.as_slice() else {
        return Err("usage: select PHOTO X Y OUT.png".into());
    };
    let mut photo = hairline::photo::decode(&std::fs::read(input)?)?.bitmap;
    let mask = hairline::mask::select_from_tap(&photo, [x.parse()?, y.parse()?])?.mask;
    let (w, h) = (photo.width(), photo.height());
    for py in 0..h {
        for px in 0..w {
            let m = mask.sample(px as f32 + 0.5, py as f32 + 0.5);
            let i = ((py * w + px) * 4) as usize;
            let p = &mut photo.data_mut()[i..i + 3];
            p[0] = (f32::from(p[0]) * (1.0 - 0.4 * m) + 255.0 * 0.4 * m) as u8;
        }
    }
    image::save_buffer(output, photo.data(), w, h, image::ExtendedColorType::Rgba8)?;
    Ok(())
}
