//! Aggregates over every posting matching a request: counts by one or two facets and
//! monthly histograms of publication and closing dates.

use serde::{Deserialize, Serialize};

use super::FacetField;

/// Most facets a [`Stats`] request may group by.
pub const MAX_STATS_FACETS: usize = 2;

/// How many matching postings have one combination of facet values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StatsCount {
    /// One value per facet of [`Stats::by`], in that order; `null` for postings without one.
    pub values: Vec<Option<String>>,
    /// Matching postings with these values.
    pub count: u64,
}

/// How many matching postings have a date in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MonthCount {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Matching postings with a date in it.
    pub count: u64,
}

/// Aggregates over all the postings matching a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Stats {
    /// Postings matching the query and every filter.
    pub total: u64,
    /// The facets counted, in order.
    #[schema(value_type = Vec<String>)]
    pub by: Vec<FacetField>,
    /// Counts per combination of values, most frequent first (ties by values); they add up
    /// to `total`, except by `skill`: a posting counts once under each of its skills.
    pub counts: Vec<StatsCount>,
    /// Matching postings per publication month, in order (postings without a date left out).
    pub published_by_month: Vec<MonthCount>,
    /// Matching postings per closing month, in order (postings without a date left out).
    pub closing_by_month: Vec<MonthCount>,
}
