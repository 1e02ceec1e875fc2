//! The wasm binding in a real browser (headless Chromium through
//! `wasm-bindgen-test-runner`): a render reaches a canvas and reads back intact.
#![cfg(target_arch = "wasm32")]

use hairline::web::Visualiser;
use wasm_bindgen::{Clamped, JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLE: &[u8] = include_bytes!("../www/samples/sample.jpg");

fn context(width: u32, height: u32) -> CanvasRenderingContext2d {
    let document = web_sys::window().and_then(|w| w.document()).expect("document");
    let canvas: HtmlCanvasElement = document.create_element("canvas").expect("canvas").dyn_into().expect("is a canvas");
    canvas.set_width(width);
    canvas.set_height(height);
    canvas.get_context("2d").expect("2d").expect("context").dyn_into().expect("is 2d")
}

fn mean_tone(pixels: &[u8]) -> f64 {
    let sum: u64 = pixels.chunks_exact(4).map(|p| u64::from(p[0]) + u64::from(p[1]) + u64::from(p[2])).sum();
    sum as f64 / (pixels.len() / 4 * 3) as f64
}

#[wasm_bindgen_test]
fn a_render_reaches_a_canvas_and_reads_back() {
    let mut vis = Visualiser::new();
    vis.load_photo(SAMPLE).expect("sample decodes");
    assert_eq!((vis.width(), vis.height()), (640, 640));
    let (w, h) = (320u32, 200u32);
    // A region over the top of the head, zoomed 2x so the dots are visible.
    let frame = vis.render(160.0, 40.0, 160.0, 100.0, w, h).expect("render");
    assert_eq!(frame.len(), (w * h * 4) as usize);

    let ctx = context(w, h);
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&frame), w, h).expect("image data");
    ctx.put_image_data(&image, 0.0, 0.0).expect("put");
    let back = ctx.get_image_data(0.0, 0.0, f64::from(w), f64::from(h)).expect("get").data().0;
    // Opaque pixels survive the canvas round trip exactly.
    assert_eq!(back, frame);

    // With no dots (lowest density, tiny dots, most dilute) the region is lighter.
    vis.set_options(js(r#"{"density": 20, "dotMm": 0.2, "dilution": 0.9}"#)).expect("valid options");
    let light = vis.render(160.0, 40.0, 160.0, 100.0, w, h).expect("render");
    assert!(mean_tone(&light) > mean_tone(&frame) + 1.0, "{} vs {}", mean_tone(&light), mean_tone(&frame));
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_a_code_and_the_photo_stays() {
    let mut vis = Visualiser::new();
    vis.load_photo(SAMPLE).expect("sample decodes");
    let error = vis.load_photo(b"not a picture").expect_err("refused");
    let error: js_sys::Error = error.dyn_into().expect("a JS Error");
    assert!(String::from(error.message()).contains("not a picture"));
    let code = js_sys::Reflect::get(&error, &JsValue::from_str("code")).expect("code");
    assert_eq!(code.as_string().as_deref(), Some("unsupported-format"));
    assert_eq!(vis.width(), 640, "the open photo is kept");

    let bad = vis.set_options(js(r#"{"density": 5000}"#));
    assert!(bad.is_err());
    let options = vis.options().expect("options");
    let density = js_sys::Reflect::get(&options, &JsValue::from_str("density")).expect("field");
    assert_eq!(density.as_f64(), Some(110.0), "options unchanged");
    assert!(vis.render(0.0, 0.0, 10.0, 10.0, 0, 10).is_err());
}

/// A JS value from JSON text: plain objects and arrays, as the page passes them.
fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("valid JSON")
}

fn message(error: JsValue) -> String {
    error.dyn_into::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

/// `code: message` of a JS error from the binding.
fn coded(error: JsValue) -> String {
    let code = js_sys::Reflect::get(&error, &JsValue::from_str("code")).ok().and_then(|c| c.as_string());
    format!("{}: {}", code.unwrap_or_default(), message(error))
}

#[wasm_bindgen_test]
fn options_and_names_from_plain_js_values() {
    let mut vis = Visualiser::new();
    vis.load_photo(SAMPLE).expect("sample decodes");
    vis.set_options(js(r#"{"density": 90, "healing": "aged", "sessions": 2}"#)).expect("valid change");
    let options = vis.options().expect("options");
    let field = |name: &str| js_sys::Reflect::get(&options, &JsValue::from_str(name)).expect("field");
    assert_eq!(field("density").as_f64(), Some(90.0));
    assert_eq!(field("healing").as_string().as_deref(), Some("aged"));
    assert_eq!(field("sessions").as_f64(), Some(2.0));
    for (bad, says) in [
        ("[1, 2]", "invalid-settings: options must be a plain object"),
        ("3", "invalid-settings: options must be a plain object"),
        ("null", "invalid-settings: options must be a plain object"),
        (r#""density""#, "invalid-settings: options must be a plain object"),
        (r#"{"densty": 80}"#, "invalid-settings: settings are not valid: unknown field `densty`"),
        (r#"{"sessions": 2.5}"#, "invalid-option: sessions: invalid type"),
        (r#"{"density": "80"}"#, "invalid-option: density: invalid type"),
        (r#"{"healing": "scabbed"}"#, "invalid-option: healing: unknown variant `scabbed`"),
        (r#"{"density": null}"#, "invalid-option: density: needs a value"),
        (r#"{"density": 5000}"#, "invalid-option: density:"),
    ] {
        let error = coded(vis.set_options(js(bad)).expect_err(bad));
        assert!(error.starts_with(says), "{bad}: {error}");
    }
    let undefined = js("{}");
    js_sys::Reflect::set(&undefined, &"seed".into(), &JsValue::UNDEFINED).expect("set");
    let error = coded(vis.set_options(undefined).expect_err("undefined"));
    assert!(error.starts_with("invalid-option: seed: needs a value"), "{error}");
    let sneaky: js_sys::Object = js_sys::Object::create(JsValue::NULL.unchecked_ref());
    js_sys::Reflect::set(&sneaky, &"density".into(), &JsValue::from_f64(80.0)).expect("set");
    vis.set_options(sneaky.into()).expect("an object without a prototype is plain");
    let map = js_sys::Map::new();
    map.set(&"density".into(), &JsValue::from_f64(90.0));
    vis.set_options(map.into()).expect("a Map of options");
    let unchanged = vis.options().expect("options");
    let density = js_sys::Reflect::get(&unchanged, &JsValue::from_str("density")).expect("field");
    assert_eq!(density.as_f64(), Some(90.0), "refused changes change nothing");

    vis.set_hairline_preset("widows-peak").expect("a preset by its name");
    vis.set_coverage("scar").expect("a coverage by its name");
    let design = vis.design().expect("design");
    let name = |key: &str| js_sys::Reflect::get(&design, &JsValue::from_str(key)).expect("field").as_string();
    assert_eq!((name("preset").as_deref(), name("coverage").as_deref()), (Some("widows-peak"), Some("scar")));
    let preset = message(vis.set_hairline_preset("widow").expect_err("unknown preset"));
    assert!(preset.contains("widows-peak") && preset.contains("\"widow\""), "{preset}");
    let coverage = message(vis.set_coverage("Scar").expect_err("names are lower case"));
    assert!(coverage.contains("thinning") && coverage.contains("\"Scar\""), "{coverage}");
}
