//! The checks the analysis fuzz targets run (`fuzz/fuzz_targets/analysis.rs` and
//! `model.rs`), shared with `tests/hostile.rs`, which replays hostile inputs on the
//! stable toolchain. Each takes arbitrary bytes and must never panic.
#![doc(hidden)]

use crate::image::Rgba;
use crate::nn::Model;
use crate::understand::{analyse, Analysis, Models};

/// A photo from arbitrary bytes: two bytes each give the width and height (1–512), the
/// rest fill the pixels, repeated to the size (all zero when there are none).
pub fn photo_from(data: &[u8]) -> Rgba {
    let side = |i: usize| {
        1 + (u16::from_le_bytes([data.get(i).copied().unwrap_or(0), data.get(i + 1).copied().unwrap_or(0)]) % 512)
            as u32
    };
    let (w, h) = (side(0), side(2));
    let rest = data.get(4..).filter(|r| !r.is_empty()).unwrap_or(&[0]);
    let pixels = rest.iter().copied().cycle().take((4 * w * h) as usize).collect();
    // The size and length agree by construction.
    Rgba::new(w, h, pixels).unwrap_or_else(|_| unreachable!())
}

/// The analysis of any photo: it succeeds, and what it returns is well formed.
pub fn analysis(models: &Models, data: &[u8]) -> Analysis {
    let photo = photo_from(data);
    let found =
        analyse(models, &photo).unwrap_or_else(|e| panic!("a {}×{} photo was refused: {e}", photo.width, photo.height));
    assert_eq!(found.area.len(), (found.area_width * found.area_height) as usize);
    let fraction = |p: [f32; 2]| p.iter().all(|v| v.is_finite());
    assert!(found.pupils.is_none_or(|p| p.iter().all(|&q| fraction(q))));
    assert!(found.head_frame.is_none_or(|f| fraction(f.origin) && f.width_per_mm.is_finite() && f.width_per_mm > 0.0));
    assert!((0.6..=1.0).contains(&found.foreshortening));
    found
}

/// A model file from arbitrary bytes: parsed or refused; a parsed one runs or refuses
/// its input, never panics.
pub fn model_file(data: &[u8]) {
    let Ok(model) = Model::parse(data) else { return };
    let elements: usize = model.input_shape().iter().product();
    if elements <= 1 << 16 {
        let _ = model.run(&vec![0.5; elements]);
    }
}
