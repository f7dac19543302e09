//! Searching the index: requests, ranked hits, facet counts and snippets.

mod cache;
mod catalog;
mod collector;
mod columns;
mod combine;
mod concepts;
mod dashboard;
mod days;
mod dense_and;
mod dense_or;
mod either_field;
mod elision;
mod engine;
mod explain;
mod export;
mod facet_names;
mod filler;
mod language;
mod lazy_union;
mod location;
mod narrow;
mod ord_cache;
mod ords;
mod pair_phrase;
pub mod params;
mod phrase_matches;
mod prefix;
mod query;
mod request;
mod rescore;
mod response;
mod response_json;
#[cfg(test)]
mod scorer_tests;
mod similar;
pub mod skill_query;
mod slices;
mod snippet;
mod stats;
mod synonyms;
mod tagged;
mod term_clause;
mod term_set;
mod term_stats;
mod topk;
mod typo;
mod window;

pub use catalog::ListedPosting;
pub use concepts::{label_lang, occupation_units, SkillSuggestion};
pub use dashboard::{Dashboard, CROSS_TABS, TOP_LISTS, TREND_FACETS, TREND_SERIES};
pub use engine::{Engine, DEFAULT_UNKNOWN_CLOSING_DAYS};
pub use export::{Export, ExportFormat, EXPORT_COLUMNS};
pub use language::{Vocabulary, WordWeights, MIN_WORD_WEIGHT, QUERY_LANGS};
pub use location::{location_path, parse_location, LOCATION_FACET, LOCATION_LEVELS};
pub use query::{
    check_query_text, Analyzers, ParsedQuery, QueryPlan, SplitQuery, MAX_QUERY_CLAUSES,
    QUERY_LANG_BOOST, TITLE_BOOST,
};
pub use request::{
    FacetField, FacetFilter, FacetSelection, HitFields, SearchRequest, SortOrder,
    DEFAULT_FACET_SIZE, DEFAULT_PER_PAGE, MAX_FACET_SIZE, MAX_FILTER_VALUES, MAX_PAGE_DEPTH,
    MAX_PER_PAGE, MAX_QUERY_BYTES, MAX_QUERY_DEPTH,
};
pub use rescore::{rescore, RESCORE_DEPTH};
pub use response::{FacetCount, Hit, HitOccupation, Labelled, SearchResponse};
pub use similar::{SimilarRequest, DEFAULT_SIMILAR};
pub use slices::DEFAULT_MIN_SLICED_COST;
pub use snippet::{collapsed_head, escape_html, leading_excerpt, plain_snippet, SNIPPET_CHARS};
pub use stats::{MonthCount, Stats, StatsCount, StatsSeries, MAX_STATS_FACETS, MAX_STATS_SERIES};
pub use synonyms::{Found, Synonyms};
pub use typo::{correct, Correction};
