//! The analysis's one error type.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A model file could not be read or run.
    Model(String),
    /// The photo given for analysis is unusable (size, buffer length).
    Photo(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Model(m) => write!(f, "analysis model: {m}"),
            Error::Photo(m) => write!(f, "analysis photo: {m}"),
        }
    }
}

impl std::error::Error for Error {}
