//! Realism against real healed SMP: the recipe of `shared/docs/smp-domain.md` ("The
//! dot"), computed on the renderer's default result over the bald scalp of real photos
//! (`shared/photos/`, scalp rectangles and pupils labelled by hand in
//! `tests/data/photo_labels.json`, scale from a 63 mm pupil distance), must fall in the
//! bands measured on real healed results on fair skin, and stay visible and natural on
//! darker skin. Each scalp rectangle is rendered magnified to 20 px/mm (the recipe's
//! 0.05 mm blur needs that), with a 5 mm margin for its 1.5 mm background.
#![cfg(not(target_arch = "wasm32"))]

use hairline::realism::{measure, Measures};
use hairline::{Bitmap, Options, Scene, View, WeightMap};
use serde_json::Value;

const MEASURE_PX_PER_MM: f64 = 20.0;
const MARGIN_MM: f64 = 5.0;
const PUPIL_DISTANCE_MM: f32 = 63.0;

/// The recipe's measures over every scalp rectangle of one photo (pixel-weighted), before
/// and after, plus the mean CIELAB (a*, b*) of the treated skin before and after.
struct PhotoMeasures {
    file: String,
    skin: String,
    before: Measures,
    after: Measures,
    chroma: ([f32; 2], [f32; 2]),
}

fn labels() -> Value {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/tests/data/photo_labels.json")).expect("labels");
    serde_json::from_str(&text).expect("json")
}

fn rect(v: &Value) -> [f64; 4] {
    [0, 1, 2, 3].map(|i| v[i].as_f64().expect("number"))
}

/// Mean (a*, b*) of the flagged pixels.
fn mean_ab(frame: &Bitmap, region: &[bool]) -> [f32; 2] {
    let (mut a, mut b, mut n) = (0.0, 0.0, 0.0);
    for (p, _) in frame.data().chunks_exact(4).zip(region).filter(|(_, &inside)| inside) {
        let lab = hairline::realism::lab([p[0], p[1], p[2]]);
        a += lab[1];
        b += lab[2];
        n += 1.0;
    }
    [a / n, b / n]
}

fn measure_photo(photo: &Value, options: &Options) -> Option<PhotoMeasures> {
    let file = photo["file"].as_str().expect("file");
    let pupils = photo["pupils"].as_array()?;
    let scalp: Vec<[f64; 4]> = photo["scalp"].as_array()?.iter().map(rect).collect();
    if scalp.is_empty() {
        return None;
    }
    let (p0, p1) = (&pupils[0], &pupils[1]);
    let ipd = (p0[0].as_f64()? - p1[0].as_f64()?).hypot(p0[1].as_f64()? - p1[1].as_f64()?) as f32;
    let px_per_mm = ipd / PUPIL_DISTANCE_MM;
    let root = env!("CARGO_MANIFEST_DIR");
    let bytes = std::fs::read(format!("{root}/../shared/photos/{file}")).expect("photo");
    let bitmap = hairline::photo::decode(&bytes).expect("decodes").bitmap;
    let (w, h) = (bitmap.width(), bitmap.height());
    let mut scene = Scene::new();
    scene.set_photo(bitmap);
    scene.set_px_per_mm(px_per_mm).expect("scale");
    // Treat the labelled scalp (placement is not what this test measures).
    let inside = |x: f32, y: f32| {
        scalp.iter().any(|r| f64::from(x) >= r[0] && f64::from(x) < r[2] && f64::from(y) >= r[1] && f64::from(y) < r[3])
    };
    let weight = WeightMap::from_fn(w, h, |x, y| if inside(x, y) { 1.0 } else { 0.0 }).expect("map");
    scene.set_weight_map(weight).expect("map");
    scene.set_options(options.clone()).expect("options");

    let mut sums = [Vec::new(), Vec::new()];
    let mut chroma = ([0.0f32; 2], [0.0f32; 2]);
    let mut total = 0.0f32;
    let magnify = MEASURE_PX_PER_MM / f64::from(px_per_mm);
    for r in &scalp {
        let margin = MARGIN_MM * f64::from(px_per_mm);
        let (x, y) = (r[0] - margin, r[1] - margin);
        let (width, height) = (r[2] - r[0] + 2.0 * margin, r[3] - r[1] + 2.0 * margin);
        let (out_width, out_height) = ((width * magnify).round() as u32, (height * magnify).round() as u32);
        let view = View { x, y, width, height, out_width, out_height };
        let before = scene.render_base(view).expect("base");
        let after = scene.render(view).expect("render");
        let m = (margin * magnify).round() as u32;
        let region: Vec<bool> = (0..out_width * out_height)
            .map(|i| {
                let (px, py) = (i % out_width, i / out_width);
                px >= m && px < out_width - m && py >= m && py < out_height - m
            })
            .collect();
        let pixels = region.iter().filter(|&&f| f).count() as f32;
        let px_mm = MEASURE_PX_PER_MM as f32;
        sums[0].push((measure(&before, px_mm, &region), pixels));
        sums[1].push((measure(&after, px_mm, &region), pixels));
        let (b, a) = (mean_ab(&before, &region), mean_ab(&after, &region));
        for c in 0..2 {
            chroma.0[c] += b[c] * pixels;
            chroma.1[c] += a[c] * pixels;
        }
        total += pixels;
    }
    let mean = |list: &[(Measures, f32)]| {
        let weighted = |f: &dyn Fn(&Measures) -> f32| list.iter().map(|(m, n)| f(m) * n).sum::<f32>() / total;
        Measures {
            mean_l: weighted(&|m| m.mean_l),
            arm_l: weighted(&|m| m.arm_l),
            spot_median_mm: weighted(&|m| m.spot_median_mm),
            spot_share: weighted(&|m| m.spot_share),
            spots: list.iter().map(|(m, _)| m.spots).sum(),
            texture_sd: weighted(&|m| m.texture_sd),
        }
    };
    Some(PhotoMeasures {
        file: file.to_owned(),
        skin: photo["skin"].as_str().unwrap_or("").to_owned(),
        before: mean(&sums[0]),
        after: mean(&sums[1]),
        chroma: (chroma.0.map(|v| v / total), chroma.1.map(|v| v / total)),
    })
}

fn all_measures(options: &Options) -> Vec<PhotoMeasures> {
    let labels = labels();
    let photos = labels["photos"].as_array().expect("photos");
    let measured: Vec<PhotoMeasures> = photos.iter().filter_map(|p| measure_photo(p, options)).collect();
    for m in &measured {
        eprintln!(
            "{:16} {:15} L* {:5.1} → {:5.1} (darkening {:4.1}), spot median {:.2} mm, spots {:4.1} % (before {:4.1} %), texture SD {:4.1} (before {:3.1}), a*b* {:?} → {:?}",
            m.file,
            m.skin,
            m.before.mean_l,
            m.after.mean_l,
            m.before.mean_l - m.after.mean_l,
            m.after.spot_median_mm,
            100.0 * m.after.spot_share,
            100.0 * m.before.spot_share,
            m.after.texture_sd,
            m.before.texture_sd,
            m.chroma.0.map(|v| (v * 10.0).round() / 10.0),
            m.chroma.1.map(|v| (v * 10.0).round() / 10.0),
        );
    }
    measured
}

/// Bare scalp lighter than this (L*) is "fair" for the measured bands.
const FAIR_L: f32 = 60.0;

#[test]
fn default_result_matches_real_healed_smp_on_fair_skin_and_stays_natural_on_dark() {
    let measured = all_measures(&Options::default());
    let fair: Vec<&PhotoMeasures> = measured.iter().filter(|m| m.before.mean_l >= FAIR_L).collect();
    let darker: Vec<&PhotoMeasures> = measured.iter().filter(|m| m.before.mean_l < FAIR_L).collect();
    assert!(fair.len() >= 3 && !darker.is_empty(), "{} fair, {} darker", fair.len(), darker.len());
    for m in &fair {
        let darkening = m.before.mean_l - m.after.mean_l;
        let name = &m.file;
        assert!((2.4..=9.0).contains(&darkening), "{name}: darkening {darkening}");
        assert!((0.52..=0.69).contains(&m.after.spot_median_mm), "{name}: spot median {}", m.after.spot_median_mm);
        let added = m.after.spot_share - m.before.spot_share;
        assert!((0.25..=0.31).contains(&added), "{name}: spots cover {added}");
        assert!((5.6..=8.6).contains(&m.after.texture_sd), "{name}: texture {}", m.after.texture_sd);
    }
    let mean_darkening = fair.iter().map(|m| m.before.mean_l - m.after.mean_l).sum::<f32>() / fair.len() as f32;
    assert!((4.5..=7.5).contains(&mean_darkening), "mean darkening {mean_darkening} (real ≈ 6)");
    for m in &darker {
        let darkening = m.before.mean_l - m.after.mean_l;
        // Lower contrast than on fair skin, yet visible: darker and textured.
        assert!(darkening >= 1.5, "{}: darkening {darkening} (invisible)", m.file);
        assert!(m.after.texture_sd >= 1.5 + m.before.texture_sd * 0.5, "{}: texture {}", m.file, m.after.texture_sd);
        // No grey cast: the skin keeps most of its colour (CIELAB chroma) and its hue.
        let chroma = |ab: [f32; 2]| ab[0].hypot(ab[1]);
        let hue = |ab: [f32; 2]| ab[1].atan2(ab[0]).to_degrees();
        let (before, after) = m.chroma;
        assert!(chroma(after) >= 0.8 * chroma(before), "{}: chroma {before:?} → {after:?}", m.file);
        assert!((hue(after) - hue(before)).abs() < 12.0, "{}: hue {before:?} → {after:?}", m.file);
    }
}

#[test]
fn sessions_and_stages_are_visibly_different_on_real_skin() {
    let darkening = |options: Options| {
        let measured = all_measures(&options);
        measured.iter().map(|m| m.before.mean_l - m.after.mean_l).sum::<f32>() / measured.len() as f32
    };
    let (one, three) = (darkening(Options { sessions: 1, ..Options::default() }), darkening(Options::default()));
    assert!(three - one >= 1.5, "sessions 1 vs 3: {one} vs {three} L*");
    let fresh = darkening(Options { healing: hairline::options::Healing::Fresh, ..Options::default() });
    let aged = darkening(Options { healing: hairline::options::Healing::Aged, years: 10.0, ..Options::default() });
    assert!(fresh >= three + 3.0 && aged <= three - 1.0, "fresh {fresh}, healed {three}, aged {aged}");
}

/// Mean linear RGB over a rectangle `[x0, y0, x1, y1)` of photo pixels.
fn rect_mean_linear(bitmap: &Bitmap, r: [f64; 4]) -> [f32; 3] {
    let (mut sum, mut n) = ([0.0f32; 3], 0.0f32);
    for y in r[1] as u32..r[3] as u32 {
        for x in r[0] as u32..r[2] as u32 {
            let p = bitmap.pixel(x, y);
            (0..3).for_each(|c| sum[c] += hairline::colour::srgb_to_linear(f32::from(p[c]) / 255.0));
            n += 1.0;
        }
    }
    sum.map(|v| v / n.max(1.0))
}

/// "Match my hair" on the photos that show both bald scalp and the person's own short
/// hair: the treated scalp, seen at arm's length (its mean L*), reads within 3 L* of
/// that hair wherever the allowed settings reach it, and never darker than the hair.
#[test]
fn matching_the_hair_brings_the_treated_scalp_to_its_tone() {
    let labels = labels();
    let mut checked = 0;
    for photo in labels["photos"].as_array().expect("photos") {
        let (Some(hair), Some(scalp)) = (photo["hair"].as_array(), photo["scalp"].as_array()) else { continue };
        if hair.is_empty() || scalp.is_empty() || photo["pupils"].is_null() {
            continue;
        }
        let file = photo["file"].as_str().expect("file");
        let root = env!("CARGO_MANIFEST_DIR");
        let bitmap = hairline::photo::decode(&std::fs::read(format!("{root}/../shared/photos/{file}")).expect("photo"))
            .expect("decodes")
            .bitmap;
        // The hair as a whole (mean over its rectangle) and the tap at its centre.
        let h = rect(&hair[0]);
        let mean_l = |r: [f64; 4]| {
            let [r, g, b] = rect_mean_linear(&bitmap, r);
            hairline::realism::l_star(0.2126 * r + 0.7152 * g + 0.0722 * b)
        };
        let hair_l = mean_l(h);
        let radius = (0.5 * (h[2] - h[0]).min(h[3] - h[1])) as f32;
        let centre = [0.5 * (h[0] + h[2]) as f32, 0.5 * (h[1] + h[3]) as f32];
        let s = rect(&scalp[0]);
        let skin = rect_mean_linear(&bitmap, s).map(|v| (hairline::colour::linear_to_srgb(v) * 255.0).round() as u8);
        let matched = hairline::shade::match_hair(&bitmap, centre[0], centre[1], radius, skin, &Options::default())
            .expect("matches");
        let options = Options {
            pigment: matched.pigment.to_owned(),
            dilution: matched.dilution,
            density: matched.density,
            ..Options::default()
        };
        // The treated scalp on the photo itself, at arm's length.
        let measured = measure_photo(photo, &options).expect("measurable");
        let treated = measured.after.arm_l;
        eprintln!("{file}: hair L* {hair_l:.1}, scalp {:.1} → {treated:.1} with {matched:?}", measured.before.arm_l);
        let reachable =
            matched.dilution > hairline::options::DILUTION.min || matched.density < hairline::options::DENSITY.max;
        if reachable {
            assert!((treated - hair_l).abs() <= 3.0, "{file}: treated {treated} vs hair {hair_l}");
        } else {
            // Hair darker than any allowed treatment: the strongest, densest there is.
            assert!(treated > hair_l, "{file}");
        }
        assert!(treated >= hair_l - 3.0, "{file}: darker than the hair");
        checked += 1;
    }
    assert!(checked >= 3, "{checked} photos with hair and scalp");
}

/// The darkest skin (Fitzpatrick VI, L* ≈ 21) still shows the treatment at the default:
/// lower contrast than on fair skin, never invisible, never a grey cast.
#[test]
fn the_default_stays_visible_and_natural_on_very_dark_skin() {
    let (px_per_mm, side, margin) = (20.0f32, 600u32, 100u32);
    let skin = [70u8, 44, 30];
    let photo = Bitmap::filled(side, side, [skin[0], skin[1], skin[2], 255]).expect("size");
    let mut scene = Scene::new();
    scene.set_photo(photo.clone());
    scene.set_px_per_mm(px_per_mm).expect("scale");
    scene.set_weight_map(WeightMap::uniform(side, side, 1.0).expect("map")).expect("map");
    let frame = scene.render_full().expect("render");
    let region: Vec<bool> = (0..side * side)
        .map(|i| (margin..side - margin).contains(&(i % side)) && (margin..side - margin).contains(&(i / side)))
        .collect();
    let (before, after) = (measure(&photo, px_per_mm, &region), measure(&frame, px_per_mm, &region));
    let darkening = before.arm_l - after.arm_l;
    eprintln!(
        "very dark skin: darkening {darkening:.1} L*, spots {:.1} %, texture {:.1}",
        100.0 * after.spot_share,
        after.texture_sd
    );
    assert!(darkening >= 1.5 && after.spot_share >= 0.05 && after.texture_sd >= 1.5, "{after:?}");
    let chroma = |ab: [f32; 2]| ab[0].hypot(ab[1]);
    let (b, a) = (mean_ab(&photo, &region), mean_ab(&frame, &region));
    assert!(chroma(a) >= 0.75 * chroma(b), "grey cast: {b:?} → {a:?}");
}
