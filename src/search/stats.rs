//! Aggregates over every posting matching a request: counts by one or two facets and
//! monthly histograms of publication and closing dates, optionally one pair of histograms
//! per most frequent value of the facet counted by (trend lines).

use serde::{Deserialize, Serialize};

use super::{Engine, FacetField, SearchRequest};
use crate::{Error, Result};

/// Most facets a [`Stats`] request may group by.
pub const MAX_STATS_FACETS: usize = 2;

/// Most values a [`Stats::series`] request may ask monthly histograms for.
pub const MAX_STATS_SERIES: usize = 10;

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
    /// Monthly histograms of the most frequent values of the (single) facet counted by,
    /// most frequent first; empty unless asked for (`series=N` of `/api/stats`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<StatsSeries>,
}

/// The monthly histograms of the postings matching a request that have one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StatsSeries {
    /// The facet value.
    pub value: String,
    /// Matching postings with this value: its entry of [`Stats::counts`].
    pub count: u64,
    /// Those postings per publication month, in order.
    pub published_by_month: Vec<MonthCount>,
    /// Those postings per closing month, in order.
    pub closing_by_month: Vec<MonthCount>,
}

impl Stats {
    /// Stats by region and grade with the given counts and no histograms (for tests).
    #[cfg(test)]
    #[must_use]
    pub(crate) fn region_grade(counts: &[(Option<&str>, Option<&str>, u64)]) -> Stats {
        Stats {
            total: counts.iter().map(|c| c.2).sum(),
            by: vec![FacetField::Region, FacetField::Grade],
            counts: counts
                .iter()
                .map(|(a, b, count)| StatsCount {
                    values: vec![a.map(str::to_owned), b.map(str::to_owned)],
                    count: *count,
                })
                .collect(),
            published_by_month: Vec::new(),
            closing_by_month: Vec::new(),
            series: Vec::new(),
        }
    }

    /// Writes the counts as CSV with a header row: one column per facet of [`Stats::by`]
    /// (empty for postings without a value), then `count`. With [`Stats::series`], the
    /// monthly histograms instead: `<facet>,month,published,closing`, first for every
    /// matching posting (an empty facet value), then for each series value.
    pub fn write_csv(&self, out: &mut dyn std::io::Write) -> Result<()> {
        let mut w = csv::Writer::from_writer(out);
        let csv_error = |e: csv::Error| match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::io("stats csv", io),
            other => Error::io("stats csv", std::io::Error::other(format!("{other:?}"))),
        };
        if self.series.is_empty() {
            let mut header: Vec<&str> = self.by.iter().map(|f| f.name()).collect();
            header.push("count");
            w.write_record(&header).map_err(csv_error)?;
            for c in &self.counts {
                let mut row: Vec<String> = c
                    .values
                    .iter()
                    .map(|v| super::export::formula_safe(v.as_deref().unwrap_or("")).into_owned())
                    .collect();
                row.push(c.count.to_string());
                w.write_record(&row).map_err(csv_error)?;
            }
        } else {
            let facet = self.by.first().map_or("value", |f| f.name());
            w.write_record([facet, "month", "published", "closing"])
                .map_err(csv_error)?;
            let lines = std::iter::once(("", &self.published_by_month, &self.closing_by_month))
                .chain(
                    self.series
                        .iter()
                        .map(|s| (s.value.as_str(), &s.published_by_month, &s.closing_by_month)),
                );
            for (value, published, closing) in lines {
                let mut months: std::collections::BTreeMap<&str, (u64, u64)> =
                    std::collections::BTreeMap::new();
                for m in published {
                    months.entry(&m.month).or_default().0 = m.count;
                }
                for m in closing {
                    months.entry(&m.month).or_default().1 = m.count;
                }
                let value = super::export::formula_safe(value);
                for (month, (p, c)) in months {
                    w.write_record([&*value, month, &p.to_string(), &c.to_string()])
                        .map_err(csv_error)?;
                }
            }
        }
        w.flush().map_err(|e| Error::io("stats csv", e))
    }
}

impl Engine {
    /// [`Engine::stats`] by one facet, with the monthly histograms of its `top` most
    /// frequent values (postings without a value are not a series). Each series is the
    /// histogram of the request narrowed to that value, as `/api/stats` answers it with the
    /// value as a filter: a series' months add up to its count (less undated postings).
    pub fn stats_with_series(
        &self,
        request: &SearchRequest,
        by: FacetField,
        top: usize,
    ) -> Result<Stats> {
        if top > MAX_STATS_SERIES {
            return Err(Error::param(
                "series",
                format!("at most {MAX_STATS_SERIES} values"),
            ));
        }
        let mut stats = self.stats(request, &[by])?;
        self.add_series(&mut stats, request, top)?;
        Ok(stats)
    }

    /// Adds to `stats` (by one facet, for `request`) the series of its `top` most frequent
    /// values, as [`Engine::stats_with_series`].
    pub(crate) fn add_series(
        &self,
        stats: &mut Stats,
        request: &SearchRequest,
        top: usize,
    ) -> Result<()> {
        let by = stats.by[0];
        let values: Vec<(String, u64)> = stats
            .counts
            .iter()
            .filter_map(|c| Some((c.values.first()?.clone()?, c.count)))
            .take(top)
            .collect();
        // Only the histograms of each narrowed pass are kept: group by a single-valued facet,
        // cheaper to count than a multi-valued one (a posting has many skills).
        let grouped_by = if by.is_multi_valued() {
            FacetField::Language
        } else {
            by
        };
        for (value, count) in values {
            let mut narrowed = request.clone();
            narrowed.filters.insert(by, vec![value.clone()]);
            let one = self.stats(&narrowed, &[grouped_by])?;
            stats.series.push(StatsSeries {
                value,
                count,
                published_by_month: one.published_by_month,
                closing_by_month: one.closing_by_month,
            });
        }
        Ok(())
    }
}
