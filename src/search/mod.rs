//! Searching the index: requests, ranked hits, facet counts and snippets.

mod catalog;
mod collector;
mod concepts;
mod engine;
mod export;
mod language;
mod location;
mod ords;
pub mod params;
mod query;
mod request;
mod response;
mod similar;
pub mod skill_query;
mod snippet;
mod stats;
mod synonyms;
mod typo;

pub use catalog::ListedPosting;
pub use concepts::{label_lang, occupation_units};
pub use engine::{Engine, DEFAULT_UNKNOWN_CLOSING_DAYS, MAX_FACET_VALUES};
pub use export::{Export, ExportFormat, EXPORT_COLUMNS};
pub use language::{Vocabulary, WordWeights, MIN_WORD_WEIGHT, QUERY_LANGS};
pub use location::{location_path, parse_location, LOCATION_FACET, LOCATION_LEVELS};
pub use query::{
    check_query_text, ParsedQuery, QueryPlan, MAX_QUERY_CLAUSES, QUERY_LANG_BOOST, TITLE_BOOST,
};
pub use request::{
    FacetField, FacetFilter, SearchRequest, SortOrder, DEFAULT_PER_PAGE, MAX_FILTER_VALUES,
    MAX_PAGE_DEPTH, MAX_PER_PAGE, MAX_QUERY_BYTES, MAX_QUERY_DEPTH,
};
pub use response::{FacetCount, Hit, HitOccupation, Labelled, SearchResponse};
pub use similar::{SimilarRequest, DEFAULT_SIMILAR};
pub use snippet::{escape_html, leading_excerpt, plain_snippet, SNIPPET_CHARS};
pub use stats::{MonthCount, Stats, StatsCount, MAX_STATS_FACETS};
pub use synonyms::{Found, Synonyms};
pub use typo::{correct, Correction};
