//! The checks each fuzz target runs (`fuzz/`), shared with the regression test that
//! replays saved inputs on the stable toolchain (`tests/fuzz_regressions.rs`). Each
//! function takes arbitrary bytes, must never panic, and asserts the invariants that
//! hold for whatever the core accepted.
#![doc(hidden)]

use crate::bitmap::MAX_SIDE;
use crate::coverage::WeightMap;
use crate::design::{Area, Coverage, Design};
use crate::hairline::Preset;
use crate::options::{Options, OptionsChange};
use crate::photo;
use crate::scene::{Scene, View, SCALE_RANGE};
use crate::session::Session;
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
    if let Ok(change) = serde_json::from_str::<OptionsChange>(&text) {
        if let Ok(merged) = Options::default().merged(change) {
            assert!(merged.validate().is_ok());
        }
    }
}

/// Every coverage mode.
const COVERAGES: [Coverage; 5] =
    [Coverage::Hairline, Coverage::Crown, Coverage::Full, Coverage::Scar, Coverage::Thinning];

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

    /// Mostly a value in `lo..=hi`, else a hostile one: NaN, ±infinity, huge, tiny,
    /// negative, or any bit pattern.
    fn hostile(&mut self, lo: f32, hi: f32) -> f32 {
        match self.byte() {
            0..=199 => self.within(lo, hi),
            200..=207 => f32::NAN,
            208..=215 => f32::INFINITY,
            216..=223 => f32::NEG_INFINITY,
            224..=231 => f32::MAX,
            232..=239 => -1e30,
            240..=243 => -f32::MIN_POSITIVE,
            244..=247 => -hi,
            _ => self.any_f32(),
        }
    }

    /// Mostly a size in `0..=limit`, sometimes far beyond it.
    fn size(&mut self, limit: u32) -> u32 {
        match self.byte() {
            0..=239 => self.word() % (limit + 1),
            240..=247 => u32::MAX,
            _ => self.word(),
        }
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
        dot_mm: r.within(0.0, 1.3),
        size_variation: r.within(0.0, 0.6),
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

/// The hairline designer and the mask tools with arbitrary points, scales and orders of
/// operations: nothing panics, errors leave a usable design, and every weight map made
/// fits the photo with weights in 0..=1.
pub fn design(data: &[u8]) {
    let mut r = Reader(data);
    let (pw, ph) = (u32::from(r.byte() % 64) + 1, u32::from(r.byte() % 64) + 1);
    let Ok(mut photo) = Bitmap::filled(pw, ph, [r.byte(), r.byte(), r.byte(), 255]) else { return };
    // A few patches of another colour, so selections have edges to stop at.
    for _ in 0..r.byte() % 4 {
        let (x0, y0, size) = (u32::from(r.byte()) % pw, u32::from(r.byte()) % ph, u32::from(r.byte() % 32));
        let rgba = [r.byte(), r.byte(), r.byte(), 255];
        for y in y0..(y0 + size).min(ph) {
            for x in x0..(x0 + size).min(pw) {
                photo.set_pixel(x, y, rgba);
            }
        }
    }
    let point = |r: &mut Reader| {
        if r.byte() > 230 {
            [r.any_f32(), r.any_f32()]
        } else {
            [r.within(-20.0, 90.0), r.within(-20.0, 90.0)]
        }
    };
    let mut design = Design::new(pw, ph, r.within(0.5, 20.0));
    for _ in 0..r.byte() % 24 {
        let result = match r.byte() % 12 {
            0 => design.set_pupils(point(&mut r), point(&mut r)).map(|_| ()),
            1 => design.set_scale(if r.byte() > 200 { r.any_f32() } else { r.within(0.0, 250.0) }),
            2 => design.set_scale_correction(if r.byte() > 200 { r.any_f32() } else { r.within(0.0, 3.0) }),
            3 => {
                design.set_preset(Preset::ALL[usize::from(r.byte()) % Preset::ALL.len()]);
                Ok(())
            }
            4 => design.move_point(usize::from(r.byte() % 12), point(&mut r), r.byte() % 2 == 0),
            5 => design.set_edge_softness(if r.byte() > 200 { r.any_f32() } else { r.within(-1.0, 20.0) }),
            6 => {
                design.set_coverage(COVERAGES[usize::from(r.byte()) % COVERAGES.len()]);
                Ok(())
            }
            7 => design.set_area(Area {
                centre: point(&mut r),
                radii: [r.within(-1.0, 80.0), if r.byte() > 240 { r.any_f32() } else { r.within(0.0, 80.0) }],
                feather_mm: r.within(-1.0, 20.0),
            }),
            8 => design.select_scalp(&photo, point(&mut r)),
            9 => {
                let radius = if r.byte() > 220 { r.any_f32() } else { r.within(0.0, 120.0) };
                design.brush(point(&mut r), point(&mut r), radius, r.byte() % 2 == 0, r.byte() % 2 == 0)
            }
            10 => {
                design.step_history(r.byte() % 2 == 0);
                Ok(())
            }
            _ => design.weight_map(&photo).map(|map| {
                assert_eq!((map.photo_width(), map.photo_height()), (pw, ph));
            }),
        };
        if let Err(error) = result {
            assert!(!error.to_string().is_empty());
        }
        let (scale, (lo, hi)) = (design.px_per_mm(), SCALE_RANGE);
        assert!(scale.is_finite() && (lo..=hi).contains(&scale), "scale left the renderer's range: {scale}");
        assert!(design.handles_px().iter().chain(&design.curve_px()).all(|p| p.iter().all(|v| v.is_finite())));
    }
    let map = design.weight_map(&photo).expect("a design always gives a map for its own photo");
    assert_eq!((map.photo_width(), map.photo_height()), (pw, ph));
}

/// The whole session as the page drives it: any sequence of every operation the wasm
/// binding offers, with hostile numbers (NaN, infinities, huge, negative) and sizes.
/// Nothing panics; errors carry a message; the scale stays in the renderer's range and
/// is the one the design reports; renders have the asked size; and the cached render
/// the page uses equals a fresh scene's uncached render of the same design.
pub fn session(data: &[u8]) {
    let mut r = Reader(data);
    let mut session = Session::new();
    let point = |r: &mut Reader| [r.hostile(-20.0, 90.0), r.hostile(-20.0, 90.0)];
    let view = |r: &mut Reader| View {
        x: f64::from(r.hostile(-40.0, 80.0)),
        y: f64::from(r.hostile(-40.0, 80.0)),
        width: f64::from(r.hostile(0.0, 120.0)),
        height: f64::from(r.hostile(0.0, 120.0)),
        out_width: u32::from(r.byte() % 80),
        out_height: u32::from(r.byte() % 80),
    };
    for _ in 0..r.byte() % 40 {
        let result = match r.byte() % 28 {
            0 => {
                let (w, h) = (u32::from(r.byte() % 64), u32::from(r.byte() % 64));
                let rgba = [r.byte(), r.byte(), r.byte(), r.byte()];
                // Sometimes a byte count that does not match the size.
                let extra = usize::from(r.byte() % 8 == 0);
                let pixels = (0..(w * h) as usize * 4 + extra).map(|i| rgba[i % 4]).collect();
                session.clear_photo();
                session.load_pixels(w, h, pixels)
            }
            1 => {
                let length = usize::from(r.byte() % 64).min(r.0.len());
                let (bytes, rest) = r.0.split_at(length);
                r.0 = rest;
                session.load_photo(bytes).map(|info| assert!(info.width > 0 && info.height > 0))
            }
            2 => {
                session.clear_photo();
                Ok(())
            }
            3 => {
                let change = OptionsChange {
                    density: (r.byte() % 2 == 0).then(|| r.hostile(0.0, 300.0)),
                    dot_mm: (r.byte() % 2 == 0).then(|| r.hostile(0.0, 1.5)),
                    size_variation: (r.byte() % 4 == 0).then(|| r.hostile(0.0, 0.6)),
                    pigment: (r.byte() % 4 == 0).then(|| format!("#{:02x}{:02x}{:02x}", r.byte(), r.byte(), r.byte())),
                    dilution: (r.byte() % 4 == 0).then(|| r.hostile(0.0, 1.0)),
                    healing: (r.byte() % 4 == 0).then(|| {
                        [crate::options::Healing::Fresh, crate::options::Healing::Healed, crate::options::Healing::Aged]
                            [usize::from(r.byte() % 3)]
                    }),
                    years: (r.byte() % 4 == 0).then(|| r.hostile(0.0, 20.0)),
                    sessions: (r.byte() % 4 == 0).then(|| r.byte() % 6),
                    seed: (r.byte() % 4 == 0).then(|| r.word() % 4),
                };
                session.set_options(change)
            }
            4 => session.set_scale(r.hostile(0.0, 250.0)),
            5 => session.set_scale_correction(r.hostile(0.0, 3.0)),
            6 => session.set_treatment_ellipse(Area {
                centre: point(&mut r),
                radii: [r.hostile(-1.0, 80.0), r.hostile(-1.0, 80.0)],
                feather_mm: r.hostile(-1.0, 20.0),
            }),
            7 => session.set_pupils(point(&mut r), point(&mut r), None),
            8 => session.set_preset(Preset::ALL[usize::from(r.byte()) % Preset::ALL.len()]),
            9 => session.begin_hairline_edit(),
            10 => {
                let index = if r.byte() > 240 { usize::MAX } else { usize::from(r.byte() % 12) };
                session.move_hairline_point(index, point(&mut r), r.byte() % 2 == 0)
            }
            11 => session.set_edge_softness(r.hostile(-1.0, 20.0)),
            12 => session.set_coverage(COVERAGES[usize::from(r.byte()) % COVERAGES.len()]),
            13 => session.select_scalp(point(&mut r)),
            14 => {
                session.brush(point(&mut r), point(&mut r), r.hostile(0.0, 40.0), r.byte() % 2 == 0, r.byte() % 2 == 0)
            }
            15 => session.step_history(r.byte() % 2 == 0).map(|_| ()),
            16 => session.defer_refresh(r.byte() % 2 == 0),
            17 => session.analysis_copy(r.size(128)).map(|copy| assert!(copy.len() >= 4)),
            18 => {
                let (w, h) = (r.size(80), r.size(80));
                let cells = (0..(u64::from(w) * u64::from(h)).min(8192) + u64::from(r.byte() % 4 == 0))
                    .map(|i| if i % 3 == 0 { 255 } else { 0 })
                    .collect();
                session.set_scalp_area(w, h, cells)
            }
            19 => session.set_foreshortening(r.hostile(0.0, 1.2)),
            20 => session.set_head_frame(point(&mut r), r.hostile(0.0, 250.0)),
            21 => session.design_info().map(|info| {
                assert_eq!(info.scale, session.px_per_mm(), "the design's scale is the session's");
                let positions = info.handles.iter().chain(&info.curve).chain(&info.eyes);
                assert!(positions.flatten().all(|v| v.is_finite()));
            }),
            22 => {
                let view = view(&mut r);
                session.render_view(view).map(|frame| {
                    assert_eq!((frame.width(), frame.height()), (view.out_width, view.out_height));
                })
            }
            23 => {
                let view = view(&mut r);
                session.render_base(view).map(|frame| {
                    assert_eq!((frame.width(), frame.height()), (view.out_width, view.out_height));
                })
            }
            24 => {
                let (y, rows) = (r.size(80), r.size(80));
                let with_pigment = r.byte() % 2 == 0;
                session.render_rows(y, rows, with_pigment).map(|strip| assert_eq!(strip.height(), rows))
            }
            25 => session.suggest_shade(point(&mut r)).map(|shade| assert!(!shade.id.is_empty())),
            26 => session.set_pupils(point(&mut r), point(&mut r), Some(r.hostile(0.0, 1.2))),
            _ => session.load_pixels(r.size(64), r.size(64), vec![0; usize::from(r.byte())]),
        };
        if let Err(error) = result {
            assert!(!error.to_string().is_empty());
        }
        if let Some(design) = session.design() {
            let (scale, (lo, hi)) = (session.px_per_mm(), SCALE_RANGE);
            assert!(scale.is_finite() && (lo..=hi).contains(&scale), "scale left the renderer's range: {scale}");
            assert_eq!(scale, design.px_per_mm());
        }
    }
    cached_render_equals_a_fresh_one(&mut session);
}

/// The cached frame the page shows equals what a fresh scene, given the session's
/// photo, scale, options and design, renders uncached.
fn cached_render_equals_a_fresh_one(session: &mut Session) {
    let (Some(photo), Some(design)) = (session.photo(), session.design()) else { return };
    let mut fresh = Scene::new();
    fresh.set_photo(photo.clone());
    fresh.set_px_per_mm(design.px_per_mm()).expect("the design's scale is in range");
    fresh.set_options(session.options().clone()).expect("the session's options are valid");
    fresh.set_weight_map(design.weight_map(photo).expect("a design has a map for its photo")).expect("a photo");
    let (w, h) = (photo.width(), photo.height());
    for view in [
        View::full(w, h),
        View { x: -3.5, y: 2.25, width: f64::from(w) / 2.0, height: 7.0, out_width: 40, out_height: 28 },
    ] {
        let expected = fresh.render(view).expect("renders");
        let cached = session.render_view(view).expect("renders");
        assert!(*cached == expected, "the cached render differs from a fresh one for {view:?}");
    }
}
