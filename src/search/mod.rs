//! Searching the index: requests, ranked hits, facet counts and snippets.

mod collector;
mod engine;
mod query;
mod request;
mod response;
mod snippet;

pub use engine::{Engine, MAX_FACET_VALUES};
pub use query::{check_query_text, ParsedQuery, MAX_QUERY_CLAUSES, TITLE_BOOST};
pub use request::{
    FacetField, SearchRequest, SortOrder, DEFAULT_PER_PAGE, MAX_FILTER_VALUES, MAX_PAGE_DEPTH,
    MAX_PER_PAGE, MAX_QUERY_BYTES, MAX_QUERY_DEPTH,
};
pub use response::{FacetCount, Hit, SearchResponse};
pub use snippet::{escape_html, leading_excerpt, SNIPPET_CHARS};
