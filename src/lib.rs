//! # vacancy-search
//!
//! Full-text search for job vacancies published by international organisations, in French,
//! English and Spanish (other languages are folded but not stemmed).
//!
//! A notice (`Grade: P2`, `Lieu d'affectation: Tunis`, … then prose) or a JSON Lines feed
//! record becomes a [`Posting`]: its header fields extracted and normalised (grades, dates,
//! contract types, duty stations placed in a country and a UN region), its language detected.
//! Postings are indexed with one analyzer per language (elision, accent folding, stop words,
//! Snowball stemming) and searched with ranked hits, snippets and disjunctive facet counts.
//!
//! ```
//! use vacancy_search::indexer::Indexer;
//! use vacancy_search::posting::parse_notice;
//! use vacancy_search::search::{Engine, FacetField, SearchRequest};
//!
//! let notice = "Grade: P3\n\
//!               Job ID: 4021\n\
//!               Lieu d'affectation: Dakar\n\
//!               Type de contrat: Durée déterminée\n\
//!               Le Bureau cherche à recruter un(e) Spécialiste des compétences \
//!               pour piloter la formation professionnelle.";
//! let mut posting = parse_notice(notice, "dakar-p3")?;
//! vacancy_search::enrich::enrich(&mut posting); // Dakar → SEN, Africa, Western Africa
//!
//! let dir = tempfile::tempdir()?;
//! let mut indexer = Indexer::open(dir.path())?;
//! indexer.upsert(&posting)?;
//! indexer.finish()?;
//!
//! let engine = Engine::open_manual(dir.path())?;
//! // `competence`, without accent and in the singular, meets `compétences`.
//! let request = SearchRequest::new("competence").filter(FacetField::Grade, "P3");
//! let response = engine.search(&request)?;
//! assert_eq!(response.total, 1);
//! assert_eq!(response.hits[0].posting.id, "4021");
//! assert_eq!(response.hits[0].posting.country.as_deref(), Some("SEN"));
//! assert!(response.hits[0].snippet.contains("<mark>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Layers
//!
//! Data flows one way, from the text of a notice to an HTTP response: a module uses only
//! modules of its own row or of the rows above it, and no two modules use each other
//! (`tests/layers.rs` reads every `crate::` path of `src/` and holds both rules).
//!
//! ```text
//! error  fingerprint           one error enum for every layer (crate::Error, its ErrorCode);
//!                              a hash stable across builds (FNV-1a) for identities on disk
//! posting/  analysis/  geo/    pure: parsing notices and feeds, per-language analyzers,
//!                              gazetteer
//! skills/                      ESCO skills and occupations: the table and the tagger (pure)
//! source  schema  enrich       reading files; postings → tantivy documents (FacetField);
//! directory                    placing duty stations; the index directory (read-only too)
//! store                        opening the index with its analyzers and schema version
//! indexer  search/  relevance  the single writer (upsert by id, batch commits, count);
//!                              requests and query strings → queries → one-pass faceted
//!                              collector → responses; scoring a ranking against judgments
//! ingest  publish  render/     a whole indexing run; copying a commit to read replicas;
//!                              Atom feeds, posting pages, sitemaps, calendars
//! server/  bench/  generate/   the axum service; the load generator (drives the service or
//!                              search); the synthetic corpus generator
//! main.rs  cli.rs (binary)     the `vacancy` command line: arguments in, library calls out
//! ```
//!
//! # Features
//!
//! The engine needs none. `server` adds the axum service, `bench` the load generator,
//! `generate` the corpus generator, `cli` (the default) all of them and the `vacancy` binary.

#![warn(missing_docs)]

pub mod analysis;
#[cfg(feature = "bench")]
pub mod bench;
pub mod directory;
pub mod enrich;
pub mod error;
pub mod fingerprint;
#[cfg(feature = "generate")]
pub mod generate;
pub mod geo;
pub mod indexer;
pub mod ingest;
pub mod posting;
pub mod publish;
pub mod relevance;
#[cfg(feature = "server")]
pub mod render;
pub mod schema;
pub mod search;
#[cfg(feature = "server")]
pub mod server;
pub mod skills;
pub mod source;
pub mod store;

pub use error::{Error, ErrorCode, Result};
pub use posting::Posting;
