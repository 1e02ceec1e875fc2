//! Hairline: a scalp micropigmentation visualiser.
//!
//! The core (everything here but `web`) is plain Rust with no browser types and is
//! tested natively; `Session` is one visualisation as the page edits it. `web` is the
//! only module with `#[wasm_bindgen]` items, a thin skin over `Session`.

pub mod bitmap;
pub mod colour;
pub mod coverage;
pub mod design;
pub mod error;
pub mod feather;
pub mod frame;
pub mod fuzzing;
pub mod hairline;
pub mod mask;
pub mod options;
pub mod pattern;
pub mod photo;
pub mod pigment;
pub mod realism;
pub mod rng;
pub mod scene;
pub mod session;
pub mod shade;
pub mod splat;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use bitmap::Bitmap;
pub use coverage::WeightMap;
pub use error::{Error, Result};
pub use options::Options;
pub use scene::{Scene, View};
pub use session::Session;
