//! # vacancy-search
//!
//! Full-text search for job vacancies published by international organisations.

#![warn(missing_docs)]

pub mod error;
pub mod posting;
pub mod search;
pub mod source;

pub use error::{Error, Result};
pub use posting::Posting;
