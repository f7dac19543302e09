//! # vacancy-search
//!
//! Full-text search for job vacancies published by international organisations.

#![warn(missing_docs)]

pub mod error;
pub mod generate;
pub mod posting;
pub mod search;

pub use error::{Error, Result};
pub use posting::Posting;
