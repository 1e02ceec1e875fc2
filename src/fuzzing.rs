//! The checks each fuzz target runs (`fuzz/`), shared with the regression test that
//! replays saved inputs on the stable toolchain (`tests/fuzz_regressions.rs`). Each
//! function takes arbitrary bytes, must never panic, and asserts the invariants that
//! hold for whatever the core accepted.
#![doc(hidden)]

use crate::bitmap::MAX_SIDE;
use crate::coverage::WeightMap;
use crate::options::Options;
use crate::photo;
use crate::scene::{Scene, View};
use crate::Bitmap;

/// Pictures larger than this are only probed, not decoded: decoding tens of
/// megapixels of noise teaches the fuzzer nothing about parsing and runs at a few
/// executions per second. (The limits themselves are tested on real files.)
const FUZZ_DECODE_MAX_PIXELS: u64 = 4_000_000;

/// Photo decoding with the project's limits.
pub fn decode(data: &[u8]) {
    let probe = photo::probe(data);
    if let Ok(photo::Probe { size: Some((w, h)), .. }) = probe {
        if u64::from(w) * u64::from(h) > FUZZ_DECODE_MAX_PIXELS {
            return;
        }
    }
    match photo::decode(data) {
        Ok(photo) => {
            let (w, h) = (photo.bitmap.width(), photo.bitmap.height());
            assert!(w > 0 && h > 0 && w <= MAX_SIDE && h <= MAX_SIDE);
            assert!(f64::from(w) * f64::from(h) <= photo::MAX_MEGAPIXELS * 1e6);
            assert_eq!(photo.bitmap.data().len(), w as usize * h as usize * 4);
            assert!(probe.is_ok(), "decoded what the probe refused");
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
}

/// Options parsing: settings JSON, and partial changes merged over valid options.
pub fn options(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(options) = Options::from_json(&text) {
        assert!(options.validate().is_ok());
        let again = Options::from_json(&options.to_json()).expect("own JSON reads back");
        assert_eq!(again.to_json(), options.to_json());
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Ok(merged) = Options::default().merged(value) {
            assert!(merged.validate().is_ok());
        }
    }
}

/// Reads little pieces of fuzz input as parameters, padding with zeros when it runs out.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
        self.0 = rest;
        first
    }

    fn word(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }

    /// Any f32 bit pattern, NaN and infinities included.
    fn any_f32(&mut self) -> f32 {
        f32::from_bits(self.word())
    }

    /// A value in `lo..=hi`.
    fn within(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * f32::from(self.byte()) / 255.0
    }
}

/// The renderer with arbitrary options, scale, treatment shape, photo size and view.
pub fn render(data: &[u8]) {
    let mut r = Reader(data);
    let (pw, ph) = (u32::from(r.byte() % 48) + 1, u32::from(r.byte() % 48) + 1);
    let rgba = [r.byte(), r.byte(), r.byte(), r.byte()];
    let Ok(photo) = Bitmap::filled(pw, ph, rgba) else { return };
    let mut scene = Scene::new();
    scene.set_photo(photo);
    // Options may be out of range on purpose: they must be refused, not rendered.
    let options = Options {
        density: if r.byte() > 200 { r.any_f32() } else { r.within(0.0, 300.0) },
        dot_mm: r.within(0.0, 0.3),
        size_variation: r.within(0.0, 0.5),
        pigment: format!("#{:02x}{:02x}{:02x}", r.byte(), r.byte(), r.byte()),
        dilution: r.within(0.0, 1.0),
        healing: [crate::options::Healing::Fresh, crate::options::Healing::Healed, crate::options::Healing::Aged]
            [usize::from(r.byte() % 3)],
        years: r.within(0.0, 20.0),
        sessions: r.byte() % 6,
        seed: r.word() % 4,
    };
    let valid = options.validate().is_ok();
    assert_eq!(scene.set_options(options).is_ok(), valid);
    let scale = if r.byte() > 220 { r.any_f32() } else { r.within(0.1, 250.0) };
    let _ = scene.set_px_per_mm(scale);
    let centre = [r.within(-20.0, 70.0), r.within(-20.0, 70.0)];
    let radii = [r.within(-1.0, 60.0), r.within(-1.0, 60.0)];
    if let Ok(map) = WeightMap::ellipse(pw, ph, centre, radii, r.within(-1.0, 30.0)) {
        scene.set_weight_map(map).expect("photo is set");
    }
    let view = View {
        x: f64::from(r.any_f32()),
        y: f64::from(r.within(-100.0, 100.0)),
        width: f64::from(r.within(-1.0, 200.0)),
        height: f64::from(if r.byte() > 240 { r.any_f32() } else { r.within(0.01, 200.0) }),
        out_width: u32::from(r.byte() % 96),
        out_height: u32::from(r.byte() % 96),
    };
    if let Ok(frame) = scene.render(view) {
        assert_eq!((frame.width(), frame.height()), (view.out_width, view.out_height));
    }
    // A far-off or gigantic region must cost nothing (it once walked billions of tiles).
    let far = View { x: 1e30, y: -1e30, width: 1e32, height: 1e32, out_width: 8, out_height: 8 };
    let _ = scene.render(far);
}
