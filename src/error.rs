//! The one error type of the core. Every message says what is wrong and, where the
//! user can act, what to do; `code()` gives a stable machine-readable name for hosts.

use std::fmt;

/// Anything the core refuses. Never a panic: bad input always ends up here.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// An option is out of its allowed range or malformed; names the field.
    Option { field: &'static str, message: String },
    /// The settings text (JSON) could not be read.
    Settings(String),
    /// The file is not a picture we can open; the message names the format.
    UnsupportedFormat(String),
    /// The picture is larger than we accept; checked from the header before decoding.
    TooLarge(String),
    /// The file claims to be a supported picture but its data is broken.
    Corrupt(String),
    /// A render or geometry request that cannot be satisfied (size, region, scale).
    InvalidRequest(String),
    /// A render was asked for before any photo was loaded.
    NoPhoto,
}

impl Error {
    /// Stable identifier for hosts (the `code` of JS errors and `error` events).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Option { .. } => "invalid-option",
            Error::Settings(_) => "invalid-settings",
            Error::UnsupportedFormat(_) => "unsupported-format",
            Error::TooLarge(_) => "too-large",
            Error::Corrupt(_) => "corrupt-image",
            Error::InvalidRequest(_) => "invalid-request",
            Error::NoPhoto => "no-photo",
        }
    }

    pub(crate) fn option(field: &'static str, message: impl Into<String>) -> Self {
        Error::Option { field, message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Option { field, message } => write!(f, "{field}: {message}"),
            Error::Settings(m)
            | Error::UnsupportedFormat(m)
            | Error::TooLarge(m)
            | Error::Corrupt(m)
            | Error::InvalidRequest(m) => f.write_str(m),
            Error::NoPhoto => f.write_str("No photo is loaded yet: choose a photo first."),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
