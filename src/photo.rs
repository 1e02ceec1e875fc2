//! Photo bytes → upright straight-RGBA bitmap, with limits checked from the header
//! before any large allocation.

use crate::bitmap::{Bitmap, MAX_SIDE};
use crate::error::{Error, Result};
use image::{ColorType, ImageDecoder, ImageFormat, ImageReader, Limits};

use std::io::Cursor;

/// Largest photo accepted: 50 MP phone cameras (8160×6120) fit.
pub const MAX_MEGAPIXELS: f64 = 52.0;
/// Largest file accepted.
pub const MAX_BYTES: usize = 80 * 1024 * 1024;
/// Decoder working memory cap (the RGBA result plus the decoder's own buffers).
const MAX_DECODE_ALLOC: u64 = 512 * 1024 * 1024;

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
    Gif,
    Bmp,
    Tiff,
    Avif,
    Heic,
    Svg,
    Unknown,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::WebP => "WebP",
            Format::Gif => "GIF",
            Format::Bmp => "BMP",
            Format::Tiff => "TIFF",
            Format::Avif => "AVIF",
            Format::Heic => "HEIC",
            Format::Svg => "SVG",
            Format::Unknown => "unknown",
        }
    }

    fn decoder_format(self) -> Option<ImageFormat> {
        Some(match self {
            Format::Jpeg => ImageFormat::Jpeg,
            Format::Png => ImageFormat::Png,
            Format::WebP => ImageFormat::WebP,
            _ => return None,
        })
    }
}

/// Identifies the format from magic bytes (never from a file name).
pub fn sniff(bytes: &[u8]) -> Format {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        Format::Jpeg
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Format::Png
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Format::WebP
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Format::Gif
    } else if starts(b"BM") && bytes.len() >= 26 {
        Format::Bmp
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Format::Tiff
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        match &bytes[8..12] {
            b"avif" | b"avis" => Format::Avif,
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1" => Format::Heic,
            _ => Format::Unknown,
        }
    } else if looks_like_svg(bytes) {
        Format::Svg
    } else {
        Format::Unknown
    }
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    (trimmed.starts_with("<?xml") || trimmed.starts_with("<svg") || trimmed.starts_with("<!doctype svg"))
        && text.contains("<svg")
}

/// A decoded photo and what we learnt on the way.
#[derive(Debug, Clone)]
pub struct Photo {
    /// Upright pixels (EXIF orientation applied); straight RGBA8 sRGB.
    pub bitmap: Bitmap,
    pub format: Format,
    /// The EXIF orientation that was applied (1 = none).
    pub orientation: u8,
    /// Something the user should know although the photo opened (e.g. it is incomplete).
    pub warning: Option<String>,
}

/// What the header of a file says, checked against our limits before anything is
/// decoded (by us or by the browser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub format: Format,
    /// Dimensions from the header, where we can read them without decoding.
    pub size: Option<(u32, u32)>,
    /// Whether [`decode`] handles the format; if not, a browser may.
    pub decodable: bool,
    /// Whether the file ends as its format says a whole picture ends (JPEG and PNG are
    /// checked; other formats count as complete). A browser shows an incomplete picture
    /// as though nothing were wrong; [`decode`] warns.
    pub complete: bool,
    /// A JPEG's EXIF orientation (1–8) from its header; 1 for other formats.
    pub orientation: u8,
}

/// Sniffs the format and checks the header's size against the limits: refuses empty,
/// oversized or zero-sized pictures in microseconds, whoever decodes them afterwards.
pub fn probe(bytes: &[u8]) -> Result<Probe> {
    if bytes.is_empty() {
        return Err(Error::Corrupt("The file is empty (0 bytes): choose the photo again.".into()));
    }
    if bytes.len() > MAX_BYTES {
        return Err(Error::TooLarge(format!(
            "The file is {} MB; the limit is {} MB. Use a smaller copy of the photo.",
            bytes.len() / (1024 * 1024),
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let format = sniff(bytes);
    let size = header_dimensions(bytes, format);
    if let Some((width, height)) = size {
        check_dimensions(width, height)?;
    }
    Ok(Probe {
        format,
        size,
        decodable: format.decoder_format().is_some(),
        complete: !looks_truncated(bytes, format),
        orientation: if format == Format::Jpeg { jpeg_orientation(bytes) } else { 1 },
    })
}

/// Decodes JPEG, PNG and WebP; refuses everything else with a message that names the
/// format and says what to do. Size limits are checked from the header, before the
/// pixels are decoded.
pub fn decode(bytes: &[u8]) -> Result<Photo> {
    // Refuse oversized pictures from the header alone, before the decoder allocates.
    let Probe { format, .. } = probe(bytes)?;
    let Some(image_format) = format.decoder_format() else {
        return Err(unsupported(format));
    };
    let corrupt = |e: image::ImageError| {
        Error::Corrupt(format!(
            "This {} file is damaged or incomplete and cannot be opened ({e}). Try exporting the photo again.",
            format.name()
        ))
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => too_large_unknown(format),
        other => corrupt(other),
    })?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    let orientation = orientation_of(&mut decoder);
    let colour = decoder.color_type();
    let mut raw = vec![0u8; usize::try_from(decoder.total_bytes()).map_err(|_| too_large_unknown(format))?];
    decoder.read_image(&mut raw).map_err(|e| match e {
        image::ImageError::Limits(_) => too_large_unknown(format),
        other => corrupt(other),
    })?;
    if colour.bytes_per_pixel() / colour.channel_count() == 2 {
        widen_low_byte_sixteen_bit(&mut raw);
    }
    let rgba = to_rgba8(&raw, colour, width, height).ok_or_else(|| {
        Error::UnsupportedFormat(format!(
            "This {} photo uses a pixel layout ({colour:?}) we cannot read. Save it as an 8-bit JPEG or PNG.",
            format.name()
        ))
    })?;
    let upright = orient(Bitmap::from_rgba(width, height, rgba)?, orientation)?;
    let warning = looks_truncated(bytes, format).then(|| {
        "This photo file seems to be incomplete, so part of it may show as grey. If it looks wrong, copy or export \
         the photo again."
            .to_owned()
    });
    Ok(Photo { bitmap: upright, format, orientation, warning })
}

/// The EXIF orientation (1–8). Some writers prefix WebP's EXIF chunk with JPEG's
/// `Exif\0\0` marker, which the decoder's own reading misses, so look again.
fn orientation_of(decoder: &mut impl ImageDecoder) -> u8 {
    use image::metadata::Orientation;
    let found = decoder.orientation().ok().filter(|o| *o != Orientation::NoTransforms);
    let found = found.or_else(|| {
        let exif = decoder.exif_metadata().ok().flatten()?;
        Orientation::from_exif_chunk(exif.strip_prefix(b"Exif\0\0").unwrap_or(&exif))
    });
    found.map_or(1, orientation_code)
}

/// Some tools store 8-bit values in a 16-bit file without scaling them (so the
/// picture would show black). When no sample uses the high byte, scale them up.
fn widen_low_byte_sixteen_bit(raw: &mut [u8]) {
    let uses_high_byte = raw.chunks_exact(2).any(|s| u16::from_ne_bytes([s[0], s[1]]) > 255);
    if uses_high_byte {
        return;
    }
    for sample in raw.chunks_exact_mut(2) {
        let v = u16::from_ne_bytes([sample[0], sample[1]]) * 257;
        sample.copy_from_slice(&v.to_ne_bytes());
    }
}

/// True when the file stops before its format's end marker.
fn looks_truncated(bytes: &[u8], format: Format) -> bool {
    let trimmed = {
        let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        &bytes[..end]
    };
    match format {
        // The end marker cannot occur inside the compressed data, so one after the scan
        // starts is the end: phones may append a trailer (Samsung's) after it.
        Format::Jpeg => match jpeg_segments(bytes).find(|&(marker, _, _)| marker == 0xDA) {
            Some((_, scan, _)) => {
                let from = scan.max(bytes.len().saturating_sub(JPEG_TRAILER_WINDOW));
                !bytes[from..].windows(2).any(|pair| pair == [0xFF, 0xD9])
            }
            None => !trimmed.ends_with(&[0xFF, 0xD9]),
        },
        Format::Png => !bytes.windows(4).rev().take(64).any(|w| w == b"IEND"),
        _ => false,
    }
}

/// How far from a JPEG's end its end marker is looked for (trailers are smaller).
const JPEG_TRAILER_WINDOW: usize = 64 * 1024;

/// Width and height as the file's header states them, without decoding.
pub fn header_dimensions(bytes: &[u8], format: Format) -> Option<(u32, u32)> {
    let le16 = |i: usize| Some(u32::from(u16::from_le_bytes([*bytes.get(i)?, *bytes.get(i + 1)?])));
    let be32 = |i: usize| Some(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
    let le24 = |i: usize| Some(u32::from_le_bytes([*bytes.get(i)?, *bytes.get(i + 1)?, *bytes.get(i + 2)?, 0]));
    let le32 = |i: usize| Some(i32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
    match format {
        Format::Png => (bytes.get(12..16)? == b"IHDR").then_some((be32(16)?, be32(20)?)),
        Format::Gif => Some((le16(6)?, le16(8)?)),
        Format::Bmp => Some((le32(18)?.unsigned_abs(), le32(22)?.unsigned_abs())),
        Format::WebP => match bytes.get(12..16)? {
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            b"VP8 " => Some((le16(26)? & 0x3fff, le16(28)? & 0x3fff)),
            b"VP8L" => {
                let bits = u32::from_le_bytes(bytes.get(21..25)?.try_into().ok()?);
                Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
            }
            _ => None,
        },
        Format::Jpeg => jpeg_dimensions(bytes),
        _ => None,
    }
}

/// Walks JPEG marker segments up to the first start-of-frame.
fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let is_frame = |marker: u8| (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
    let (_, _, frame) = jpeg_segments(bytes).find(|&(marker, _, _)| is_frame(marker))?;
    let height = u16::from_be_bytes([*frame.get(1)?, *frame.get(2)?]);
    let width = u16::from_be_bytes([*frame.get(3)?, *frame.get(4)?]);
    Some((u32::from(width), u32::from(height)))
}

/// The marker segments of a JPEG up to and including its first scan header, as
/// `(marker, where the payload starts, payload)` (the payload cut short where the file
/// is). Stops early at anything that is not a segment.
fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = (u8, usize, &[u8])> {
    let mut i = 2;
    let mut scanned = false;
    std::iter::from_fn(move || {
        if scanned {
            return None;
        }
        while *bytes.get(i)? == 0xFF && *bytes.get(i + 1)? == 0xFF {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            i += 2;
            return Some((marker, i, &bytes[i..i]));
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        if length < 2 {
            return None;
        }
        let start = i + 4;
        let payload = bytes.get(start..(i + 2 + length).min(bytes.len()))?;
        scanned = marker == 0xDA;
        i += 2 + length;
        Some((marker, start, payload))
    })
}

/// A JPEG's EXIF orientation (1–8) from its header, without decoding; 1 when it has none.
fn jpeg_orientation(bytes: &[u8]) -> u8 {
    jpeg_segments(bytes)
        .filter(|&(marker, _, _)| marker == 0xE1)
        .find_map(|(_, _, payload)| image::metadata::Orientation::from_exif_chunk(payload.strip_prefix(b"Exif\0\0")?))
        .map_or(1, orientation_code)
}

/// Converts decoded samples (native-endian for 16/32-bit types, as `image` delivers
/// them) to straight RGBA8. We do it here rather than through `DynamicImage`, whose
/// generic conversions would triple the size of the wasm module.
fn to_rgba8(raw: &[u8], colour: ColorType, width: u32, height: u32) -> Option<Vec<u8>> {
    let pixels = width as usize * height as usize;
    let mut out = Vec::with_capacity(pixels * 4);
    let u16_at = |i: usize| (u16::from_ne_bytes([raw[2 * i], raw[2 * i + 1]]) >> 8) as u8;
    let f32_at = |i: usize| {
        let v = f32::from_ne_bytes([raw[4 * i], raw[4 * i + 1], raw[4 * i + 2], raw[4 * i + 3]]);
        (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8
    };
    let channels = usize::from(colour.channel_count());
    let sample: &dyn Fn(usize) -> u8 = match colour {
        ColorType::L8 | ColorType::La8 | ColorType::Rgb8 | ColorType::Rgba8 => &|i| raw[i],
        ColorType::L16 | ColorType::La16 | ColorType::Rgb16 | ColorType::Rgba16 => &u16_at,
        ColorType::Rgb32F | ColorType::Rgba32F => &f32_at,
        _ => return None,
    };
    if raw.len() < pixels * usize::from(colour.bytes_per_pixel()) {
        return None;
    }
    for p in 0..pixels {
        let i = p * channels;
        let px = match channels {
            1 => [sample(i), sample(i), sample(i), 255],
            2 => [sample(i), sample(i), sample(i), sample(i + 1)],
            3 => [sample(i), sample(i + 1), sample(i + 2), 255],
            _ => [sample(i), sample(i + 1), sample(i + 2), sample(i + 3)],
        };
        out.extend_from_slice(&px);
    }
    Some(out)
}

/// Applies an EXIF orientation (1–8) so the result is upright.
pub fn orient(bitmap: Bitmap, orientation: u8) -> Result<Bitmap> {
    if !(2..=8).contains(&orientation) {
        return Ok(bitmap);
    }
    let (w, h) = (bitmap.width() as usize, bitmap.height() as usize);
    let swap = orientation >= 5;
    let (ow, oh) = if swap { (h, w) } else { (w, h) };
    let src = bitmap.data();
    let mut out = vec![0u8; src.len()];
    for y in 0..h {
        for x in 0..w {
            // Where the stored pixel (x, y) lands in the upright picture.
            let (ux, uy) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (h - 1 - y, x),
                7 => (h - 1 - y, w - 1 - x),
                _ => (y, w - 1 - x),
            };
            let s = (y * w + x) * 4;
            let d = (uy * ow + ux) * 4;
            out[d..d + 4].copy_from_slice(&src[s..s + 4]);
        }
    }
    Bitmap::from_rgba(ow as u32, oh as u32, out)
}

/// Refuses sizes we cannot hold; the message gives the size and the limit.
pub fn check_dimensions(width: u32, height: u32) -> Result<()> {
    if width == 0 || height == 0 {
        return Err(Error::Corrupt(format!(
            "The file says the picture is {width}x{height} pixels, which is empty: it is damaged."
        )));
    }
    let megapixels = f64::from(width) * f64::from(height) / 1e6;
    if width > MAX_SIDE || height > MAX_SIDE || megapixels > MAX_MEGAPIXELS {
        return Err(Error::TooLarge(format!(
            "The photo is {width}x{height} pixels ({megapixels:.0} megapixels); the limit is {MAX_MEGAPIXELS:.0} megapixels \
             and {MAX_SIDE} pixels per side. Use a smaller copy of it."
        )));
    }
    Ok(())
}

fn too_large_unknown(format: Format) -> Error {
    Error::TooLarge(format!(
        "This {} photo needs more memory to open than we allow; use a smaller copy of it.",
        format.name()
    ))
}

fn unsupported(format: Format) -> Error {
    Error::UnsupportedFormat(match format {
        Format::Heic => "This is an HEIC photo (the iPhone default), which cannot be opened here. Share or export it \
                         as JPEG (on iPhone: Settings › Camera › Formats › Most Compatible) and try again."
            .into(),
        Format::Svg => "This is an SVG drawing, not a photo. Choose a JPEG, PNG or WebP photo.".into(),
        Format::Unknown => "This file is not a picture we can open. Choose a JPEG, PNG or WebP photo.".into(),
        other => format!("{} photos cannot be opened here. Save the photo as JPEG or PNG and try again.", other.name()),
    })
}

fn orientation_code(o: image::metadata::Orientation) -> u8 {
    #[allow(clippy::enum_glob_use)]
    use image::metadata::Orientation::*;
    match o {
        NoTransforms => 1,
        FlipHorizontal => 2,
        Rotate180 => 3,
        FlipVertical => 4,
        Rotate90FlipH => 5,
        Rotate90 => 6,
        Rotate270FlipH => 7,
        Rotate270 => 8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Format::Jpeg);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Format::WebP);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Format::Heic);
        assert_eq!(sniff(b"\0\0\0\x18ftypavif\0\0\0\0"), Format::Avif);
        assert_eq!(sniff(b"  <?xml version='1.0'?><svg></svg>"), Format::Svg);
        assert_eq!(sniff(b"hello"), Format::Unknown);
        assert_eq!(sniff(b""), Format::Unknown);
    }

    #[test]
    fn orientations_put_the_top_left_pixel_where_exif_says() {
        // 2x1 picture: red then green. Orientation 6 = rotate 90° clockwise to view.
        let src = Bitmap::from_rgba(2, 1, vec![255, 0, 0, 255, 0, 255, 0, 255]).expect("size");
        let six = orient(src.clone(), 6).expect("ok");
        assert_eq!((six.width(), six.height()), (1, 2));
        assert_eq!(six.pixel(0, 0), [255, 0, 0, 255]);
        let eight = orient(src.clone(), 8).expect("ok");
        assert_eq!(eight.pixel(0, 0), [0, 255, 0, 255]);
        let three = orient(src.clone(), 3).expect("ok");
        assert_eq!(three.pixel(0, 0), [0, 255, 0, 255]);
        assert_eq!(orient(src.clone(), 1).expect("ok"), src);
        for o in 1..=8 {
            let once = orient(src.clone(), o).expect("ok");
            assert_eq!(u64::from(once.width()) * u64::from(once.height()), 2);
        }
    }

    #[test]
    fn sixteen_bit_and_grey_samples_convert() {
        let grey16 = 0xABCDu16.to_ne_bytes();
        assert_eq!(to_rgba8(&grey16, ColorType::L16, 1, 1), Some(vec![0xAB, 0xAB, 0xAB, 255]));
        assert_eq!(to_rgba8(&[7, 9], ColorType::La8, 1, 1), Some(vec![7, 7, 7, 9]));
        assert_eq!(to_rgba8(&[1, 2], ColorType::Rgb8, 1, 1), None);
    }

    #[test]
    fn header_dimensions_are_read_without_decoding() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&60_000u32.to_be_bytes());
        png.extend_from_slice(&60_000u32.to_be_bytes());
        assert_eq!(header_dimensions(&png, Format::Png), Some((60_000, 60_000)));
        assert!(matches!(decode(&png), Err(Error::TooLarge(m)) if m.contains("60000x60000")));
        // SOI, an APP0 segment, then SOF0 declaring 3000 high by 4000 wide.
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x0B, 0xB8, 0x0F, 0xA0, 3];
        assert_eq!(header_dimensions(&jpeg, Format::Jpeg), Some((4000, 3000)));
        assert_eq!(header_dimensions(&jpeg[..12], Format::Jpeg), None);
        assert_eq!(header_dimensions(b"GIF89a\x10\x00\x20\x00", Format::Gif), Some((16, 32)));
        let gif_bomb = probe(b"GIF89a\x60\xea\x60\xea").unwrap_err();
        assert_eq!(gif_bomb.code(), "too-large");
        let gif = probe(b"GIF89a\x10\x00\x20\x00").expect("small gif");
        assert_eq!((gif.size, gif.decodable), (Some((16, 32)), false));
    }

    #[test]
    fn eight_bit_values_in_sixteen_bit_files_are_widened_only_then() {
        let mut low: Vec<u8> = [200u16, 3].iter().flat_map(|v| v.to_ne_bytes()).collect();
        widen_low_byte_sixteen_bit(&mut low);
        assert_eq!(to_rgba8(&low, ColorType::L16, 2, 1), Some(vec![200, 200, 200, 255, 3, 3, 3, 255]));
        let mut full: Vec<u8> = [0xC800u16, 3].iter().flat_map(|v| v.to_ne_bytes()).collect();
        widen_low_byte_sixteen_bit(&mut full);
        assert_eq!(to_rgba8(&full, ColorType::L16, 2, 1), Some(vec![200, 200, 200, 255, 0, 0, 0, 255]));
    }

    #[test]
    fn truncation_is_noticed() {
        assert!(looks_truncated(&[0xFF, 0xD8, 0xFF, 0xDB, 1, 2], Format::Jpeg));
        assert!(!looks_truncated(&[0xFF, 0xD8, 0xFF, 0xD9, 0, 0], Format::Jpeg));
    }

    #[test]
    fn dimensions_are_limited() {
        assert!(check_dimensions(8160, 6120).is_ok());
        assert!(matches!(check_dimensions(20000, 14000), Err(Error::TooLarge(_))));
        assert!(matches!(check_dimensions(9000, 9000), Err(Error::TooLarge(_))));
        assert!(matches!(check_dimensions(0, 10), Err(Error::Corrupt(_))));
    }

    #[test]
    fn refusals_name_the_format_and_what_to_do() {
        let heic = decode(b"\0\0\0\x18ftypheic\0\0\0\0").unwrap_err().to_string();
        assert!(heic.contains("HEIC") && heic.contains("JPEG"), "{heic}");
        let tiff = decode(b"II*\0\x08\0\0\0").unwrap_err();
        assert_eq!(tiff.code(), "unsupported-format");
        assert!(tiff.to_string().contains("TIFF"));
        assert_eq!(decode(b"").unwrap_err().code(), "corrupt-image");
    }
}
