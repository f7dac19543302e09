//! # vacancy-search
//!
//! Full-text search for job vacancies published by international organisations.

#![warn(missing_docs)]

pub mod analysis;
pub mod bench;
pub mod directory;
pub mod enrich;
pub mod error;
pub mod generate;
pub mod geo;
pub mod indexer;
pub mod ingest;
pub mod posting;
pub mod publish;
pub mod schema;
pub mod search;
pub mod server;
pub mod source;
pub mod store;

pub use error::{Error, Result};
pub use posting::Posting;
