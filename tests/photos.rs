//! Every awkward file in `../shared/bad-inputs/` gets the outcome its MANIFEST.md asks
//! for: the ones to load open upright with the right size; the others are refused with
//! a specific code and message, quickly.
#![cfg(not(target_arch = "wasm32"))]
use hairline::photo::{decode, Photo};
use std::time::Instant;

fn shared(path: &str) -> Vec<u8> {
    let full = format!("{}/../shared/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn load(path: &str) -> Photo {
    decode(&shared(path)).unwrap_or_else(|e| panic!("{path} should load: {e}"))
}

#[test]
fn files_that_must_load_open_upright_at_their_size() {
    for (file, width, height) in [
        ("bad-inputs/Portrait_6.jpg", 1200, 1800),
        ("bad-inputs/hopper_orientation_6.jpg", 128, 128),
        ("bad-inputs/hopper_orientation_6.webp", 128, 128),
        ("bad-inputs/hopper_gray.jpg", 128, 128),
        ("bad-inputs/concert.jpg", 400, 267),
        ("bad-inputs/Channel_digital_image_CMYK_color.jpg", 500, 333),
        ("bad-inputs/Channel_digital_image_CMYK_color_no_profile.jpg", 500, 333),
        ("bad-inputs/gain-map.jpg", 3840, 2160),
        ("bad-inputs/girl-3.out.png", 852, 480),
        ("bad-inputs/grey16.png", 640, 640),
        ("bad-inputs/progressive.jpg", 640, 640),
        ("bad-inputs/L4_18-Front.webp", 640, 640),
    ] {
        let photo = load(file);
        assert_eq!((photo.bitmap.width(), photo.bitmap.height()), (width, height), "{file}");
        assert!(photo.warning.is_none(), "{file}: {:?}", photo.warning);
    }
}

fn mean_rgb(photo: &Photo) -> [f64; 3] {
    let mut sum = [0f64; 3];
    for p in photo.bitmap.data().chunks_exact(4) {
        (0..3).for_each(|c| sum[c] += f64::from(p[c]));
    }
    let n = (photo.bitmap.data().len() / 4) as f64;
    sum.map(|s| s / n)
}

#[test]
fn gif_and_bmp_are_left_to_the_browser_after_a_header_check() {
    for (file, width, height) in [("bad-inputs/L4_18-Front.bmp", 640, 640), ("bad-inputs/animated.gif", 64, 64)] {
        let probe = hairline::photo::probe(&shared(file)).expect("header");
        assert_eq!((probe.size, probe.decodable), (Some((width, height)), false), "{file}");
    }
}

#[test]
fn orientation_six_is_applied_the_same_way_for_jpeg_and_webp() {
    let jpeg = load("bad-inputs/hopper_orientation_6.jpg");
    let webp = load("bad-inputs/hopper_orientation_6.webp");
    assert_eq!((jpeg.orientation, webp.orientation), (6, 6));
    // Same picture through two codecs: pixels agree closely once both are upright.
    let diff: f64 = jpeg.bitmap.data().iter().zip(webp.bitmap.data()).map(|(a, b)| f64::from(a.abs_diff(*b))).sum();
    let mean = diff / jpeg.bitmap.data().len() as f64;
    assert!(mean < 12.0, "mean difference {mean}");
    // Upright means it matches the upright greyscale copy of the same portrait better
    // than any rotation of it does.
    let grey = load("bad-inputs/hopper_gray.jpg").bitmap;
    let luma = |p: [u8; 4]| (u32::from(p[0]) * 3 + u32::from(p[1]) * 6 + u32::from(p[2])) / 10;
    let distance = |o: u8| {
        let turned = hairline::photo::orient(jpeg.bitmap.clone(), o).expect("orient");
        let mut sum = 0u64;
        for y in 0..128 {
            for x in 0..128 {
                sum += u64::from(luma(turned.pixel(x, y)).abs_diff(luma(grey.pixel(x, y))));
            }
        }
        sum
    };
    let upright = distance(1);
    for other in [3, 6, 8] {
        assert!(upright * 2 < distance(other), "orientation {other}: {} vs upright {upright}", distance(other));
    }
}

#[test]
fn colours_survive_cmyk_grey_and_sixteen_bit() {
    let cmyk = mean_rgb(&load("bad-inputs/Channel_digital_image_CMYK_color.jpg"));
    let plain = mean_rgb(&load("bad-inputs/Channel_digital_image_CMYK_color_no_profile.jpg"));
    // A park scene: green dominates, not inverted (CMYK inversion would make it magenta).
    assert!(cmyk[1] > cmyk[0] && cmyk[1] > cmyk[2], "{cmyk:?}");
    assert!(plain[1] > plain[0] && plain[1] > plain[2], "{plain:?}");
    let grey16 = mean_rgb(&load("bad-inputs/grey16.png"));
    let colour = mean_rgb(&load("photos/L4_18-Front.jpg"));
    let luma = 0.3 * colour[0] + 0.59 * colour[1] + 0.11 * colour[2];
    assert!((grey16[0] - luma).abs() < 20.0, "16-bit grey {grey16:?} vs photo luma {luma}");
}

#[test]
fn transparency_is_kept() {
    let girl = load("bad-inputs/girl-3.out.png");
    let transparent = girl.bitmap.data().chunks_exact(4).filter(|p| p[3] == 0).count();
    assert!(transparent > 1000);
}

#[test]
fn a_truncated_jpeg_loads_with_a_warning() {
    let photo = load("bad-inputs/truncated.jpg");
    assert_eq!((photo.bitmap.width(), photo.bitmap.height()), (2725, 2225));
    assert!(photo.warning.as_deref().is_some_and(|w| w.contains("incomplete")));
}

#[test]
fn files_to_refuse_are_refused_specifically_and_fast() {
    for (file, code, says) in [
        ("bad-inputs/bomb-60000x60000.png", "too-large", "60000x60000"),
        ("bad-inputs/giant-image.jpg", "too-large", "20000x14000"),
        ("bad-inputs/empty.jpg", "corrupt-image", "empty"),
        ("bad-inputs/not-an-image.jpg", "unsupported-format", "not a picture"),
        ("bad-inputs/random-bytes.png", "corrupt-image", "PNG"),
        ("bad-inputs/zero-width.png", "corrupt-image", "0x"),
        ("bad-inputs/drawing.svg", "unsupported-format", "SVG"),
        ("bad-inputs/IMG_5195.HEIC", "unsupported-format", "HEIC"),
        ("bad-inputs/hopper.avif", "unsupported-format", "AVIF"),
        ("bad-inputs/L4_18-Front.tiff", "unsupported-format", "TIFF"),
    ] {
        let bytes = shared(file);
        let started = Instant::now();
        let error = decode(&bytes).err().unwrap_or_else(|| panic!("{file} must be refused"));
        let elapsed = started.elapsed();
        assert_eq!(error.code(), code, "{file}: {error}");
        assert!(error.to_string().contains(says), "{file}: {error}");
        // Generous bound against accidental decoding of a bomb (real: microseconds).
        assert!(elapsed.as_millis() < 500, "{file} took {elapsed:?}");
    }
}

#[test]
fn the_probe_says_whether_a_file_ends_as_a_whole_picture() {
    for (file, complete) in [
        ("bad-inputs/truncated.jpg", false),
        ("bad-inputs/progressive.jpg", true),
        ("bad-inputs/gain-map.jpg", true),
        ("bad-inputs/girl-3.out.png", true),
        ("bad-inputs/L4_18-Front.webp", true),
    ] {
        let probe = hairline::photo::probe(&shared(file)).expect("header");
        assert_eq!(probe.complete, complete, "{file}");
    }
    // Padding or a phone's trailer after the end marker is still a whole picture.
    let mut padded = shared("bad-inputs/progressive.jpg");
    padded.extend([0; 16]);
    assert!(hairline::photo::probe(&padded).expect("header").complete);
    let mut trailer = shared("bad-inputs/progressive.jpg");
    trailer.extend(b"SEFHSEFT\x01\x02\x03 a trailer of some kind".repeat(40));
    assert!(hairline::photo::probe(&trailer).expect("header").complete);
    assert!(hairline::photo::decode(&trailer).expect("decodes").warning.is_none());
    // Cut inside the compressed data: incomplete, trailer or not.
    let whole = shared("bad-inputs/progressive.jpg");
    let cut = &whole[..whole.len() * 2 / 3];
    assert!(!hairline::photo::probe(cut).expect("header").complete);
    assert!(hairline::photo::decode(cut).map(|p| p.warning.is_some()).unwrap_or(true));
}

#[test]
fn the_probe_reads_a_jpeg_orientation_from_its_header() {
    for (file, orientation) in [
        ("bad-inputs/Portrait_6.jpg", 6),
        ("bad-inputs/hopper_orientation_6.jpg", 6),
        ("bad-inputs/progressive.jpg", 1),
        ("bad-inputs/hopper_orientation_6.webp", 1),
    ] {
        let probe = hairline::photo::probe(&shared(file)).expect("header");
        assert_eq!(probe.orientation, orientation, "{file}");
    }
    // The same as the decoder finds.
    for file in ["bad-inputs/Portrait_6.jpg", "bad-inputs/concert.jpg", "bad-inputs/gain-map.jpg"] {
        let bytes = shared(file);
        let probe = hairline::photo::probe(&bytes).expect("header");
        assert_eq!(probe.orientation, hairline::photo::decode(&bytes).expect("decodes").orientation, "{file}");
    }
}
