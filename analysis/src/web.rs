//! The only module with `#[wasm_bindgen]` items: the worker's handle on the analysis.
//! It converts JS values to core types and errors to JS `Error`s; no logic lives here.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::image::Rgba;
use crate::understand::{analyse, Analysis, Models};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn js_error(error: crate::Error) -> JsValue {
    JsError::new(&error.to_string()).into()
}

/// The three models, parsed once, and the last analysis (for its area).
#[wasm_bindgen]
pub struct Analyser {
    models: Models,
    last: Option<Analysis>,
}

#[wasm_bindgen]
impl Analyser {
    /// From the `.hlnn` files: face detector, face mesh, person segmenter.
    #[wasm_bindgen(constructor)]
    pub fn new(face: &[u8], mesh: &[u8], person: &[u8]) -> Result<Analyser, JsValue> {
        Ok(Analyser { models: Models::parse(face, mesh, person).map_err(js_error)?, last: None })
    }

    /// Analyses a photo (straight RGBA8, stride `width * 4`): `{ view, faces,
    /// faceScore, pupils, eyeTurn, headFrame, pitch, foreshortening, coverage, areaWidth,
    /// areaHeight, personShare }`, positions as fractions of the photo's size (see
    /// `understand::Analysis`); the area's cells come from `area()`.
    pub fn analyse(&mut self, width: u32, height: u32, rgba: Vec<u8>) -> Result<JsValue, JsValue> {
        let photo = Rgba::new(width, height, rgba).map_err(js_error)?;
        let analysis = analyse(&self.models, &photo).map_err(js_error)?;
        let info = analysis
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
        self.last = Some(analysis);
        Ok(info)
    }

    /// The last analysis's treatment area (`areaWidth × areaHeight` bytes, 0–255), a copy.
    pub fn area(&self) -> Vec<u8> {
        self.last.as_ref().map_or_else(Vec::new, |a| a.area.clone())
    }
}
