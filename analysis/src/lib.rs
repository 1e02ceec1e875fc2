//! Photo understanding for Hairline, loaded lazily after the first photo: MediaPipe's
//! face detector and person segmenter, run by a small interpreter (`nn`), turned into
//! what the designer needs (`understand`): pupils and scale, the view, a scalp mask.

pub mod error;
pub mod nn;

pub use error::{Error, Result};
pub mod face;
pub mod image;
pub mod landmarks;
pub mod segment;
pub mod understand;

pub mod fuzzing;
#[cfg(target_arch = "wasm32")]
pub mod web;
