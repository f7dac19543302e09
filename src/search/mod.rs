//! Searching the index: requests, ranked hits, facet counts and snippets.

mod catalog;
mod collector;
mod engine;
mod export;
mod location;
mod ords;
mod query;
mod request;
mod response;
mod similar;
mod snippet;
mod stats;

pub use catalog::ListedPosting;
pub use engine::{Engine, MAX_FACET_VALUES};
pub use export::{Export, ExportFormat, EXPORT_COLUMNS};
pub use location::{location_path, parse_location, LOCATION_FACET, LOCATION_LEVELS};
pub use query::{check_query_text, ParsedQuery, MAX_QUERY_CLAUSES, TITLE_BOOST};
pub use request::{
    FacetField, SearchRequest, SortOrder, DEFAULT_PER_PAGE, MAX_FILTER_VALUES, MAX_PAGE_DEPTH,
    MAX_PER_PAGE, MAX_QUERY_BYTES, MAX_QUERY_DEPTH,
};
pub use response::{FacetCount, Hit, SearchResponse};
pub use similar::{SimilarRequest, DEFAULT_SIMILAR};
pub use snippet::{escape_html, leading_excerpt, SNIPPET_CHARS};
pub use stats::{MonthCount, Stats, StatsCount, MAX_STATS_FACETS};
