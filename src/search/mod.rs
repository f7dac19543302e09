//! Searching the index: requests, ranked hits, facet counts and snippets.

mod request;
mod response;

pub use request::{
    FacetField, SearchRequest, SortOrder, DEFAULT_PER_PAGE, MAX_FILTER_VALUES, MAX_PAGE_DEPTH,
    MAX_PER_PAGE, MAX_QUERY_BYTES, MAX_QUERY_DEPTH,
};
pub use response::{FacetCount, Hit, SearchResponse};
