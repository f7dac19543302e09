//! Everything the analytics page shows for one request, computed with [`Engine::stats`]:
//! counts by country (the map), trend lines, two cross-tabs and top lists.

use super::{Engine, FacetField, SearchRequest, Stats, StatsCount};
use crate::Result;

/// Values given a trend line ([`Stats::series`]) on the analytics page.
pub const TREND_SERIES: usize = 5;

/// Facets the trend lines may follow.
pub const TREND_FACETS: [FacetField; 5] = [
    FacetField::Organization,
    FacetField::Grade,
    FacetField::Region,
    FacetField::ContractType,
    FacetField::Skill,
];

/// The cross-tabs: rows by the first facet, columns by the second.
pub const CROSS_TABS: [[FacetField; 2]; 2] = [
    [FacetField::Region, FacetField::Grade],
    [FacetField::Organization, FacetField::ContractType],
];

/// Facets with a top list, in page order.
pub const TOP_LISTS: [FacetField; 6] = [
    FacetField::Region,
    FacetField::DutyStation,
    FacetField::Organization,
    FacetField::Grade,
    FacetField::ContractType,
    FacetField::Skill,
];

/// The aggregates of the analytics page, each exactly what `/api/stats` answers for the
/// same request and `by` (and `series` for the trend).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    /// By country, with the monthly histograms of every matching posting.
    pub countries: Stats,
    /// By the trend facet, with [`TREND_SERIES`] series.
    pub trend: Stats,
    /// One per [`CROSS_TABS`] entry, in order.
    pub cross_tabs: Vec<Stats>,
    /// One per [`TOP_LISTS`] entry, in order.
    pub tops: Vec<Stats>,
}

impl Dashboard {
    /// Postings matching the request.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.countries.total
    }
}

/// The counts by one facet of `pair` (stats by two single-valued facets): each value's sum
/// over the other facet, in [`Engine::stats`] order. For single-valued facets this is exactly
/// what [`Engine::stats`] by that facet alone answers (`null` included), from the same pass.
fn marginal(pair: &Stats, which: usize) -> Stats {
    let mut sums: std::collections::HashMap<Option<String>, u64> = std::collections::HashMap::new();
    for c in &pair.counts {
        *sums.entry(c.values[which].clone()).or_default() += c.count;
    }
    let mut counts: Vec<StatsCount> = sums
        .into_iter()
        .map(|(value, count)| StatsCount {
            values: vec![value],
            count,
        })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.values.cmp(&b.values)));
    Stats {
        total: pair.total,
        by: vec![pair.by[which]],
        counts,
        published_by_month: pair.published_by_month.clone(),
        closing_by_month: pair.closing_by_month.clone(),
        series: Vec::new(),
    }
}

/// Pairs of single-valued facets counted in one pass each; every single-valued chart of the
/// page is one of them or a marginal of one.
const PASSES: [[FacetField; 2]; 3] = [
    [FacetField::Country, FacetField::DutyStation],
    CROSS_TABS[0],
    CROSS_TABS[1],
];

impl Engine {
    /// The analytics page's aggregates for `request`, trend lines by `trend`: three passes
    /// by two single-valued facets (country × duty station and the two cross-tabs, whose
    /// marginals are the map and the single-valued top lists), one by skill, one by the trend
    /// facet unless a marginal gives it, and one narrowed pass per trend line, on three
    /// threads. Every [`Stats`] equals what [`Engine::stats`] (or
    /// [`Engine::stats_with_series`] for the trend) answers for the same request.
    pub fn dashboard(&self, request: &SearchRequest, trend: FacetField) -> Result<Dashboard> {
        // Three similar shares of work (about 30 % of the matching postings' cost each):
        // two pairs; the skills; the last pair and the trend lines, which by organization
        // (the default) need no other pass than the narrowed ones.
        let (pairs, skills, last) = std::thread::scope(|scope| {
            let pairs = scope.spawn(|| {
                PASSES[..2]
                    .iter()
                    .map(|by| self.stats(request, by))
                    .collect::<Result<Vec<_>>>()
            });
            // Trend lines by skill start from the skills' pass, on its thread.
            let skills = scope.spawn(|| -> Result<(Stats, Option<Stats>)> {
                let skills = self.stats(request, &[FacetField::Skill])?;
                if trend != FacetField::Skill {
                    return Ok((skills, None));
                }
                let mut trend_stats = skills.clone();
                self.add_series(&mut trend_stats, request, TREND_SERIES)?;
                Ok((skills, Some(trend_stats)))
            });
            let last = (|| -> Result<(Stats, Option<Stats>)> {
                let pair = self.stats(request, &PASSES[2])?;
                if trend == FacetField::Skill {
                    return Ok((pair, None));
                }
                let mut trend_stats = match PASSES[2].iter().position(|f| *f == trend) {
                    Some(which) => marginal(&pair, which),
                    None => self.stats(request, &[trend])?,
                };
                self.add_series(&mut trend_stats, request, TREND_SERIES)?;
                Ok((pair, Some(trend_stats)))
            })();
            (joined(pairs.join()), joined(skills.join()), last)
        });
        let (mut pairs, (skills, skill_trend)) = (pairs?, skills?);
        let (pair, other_trend) = last?;
        let trend = skill_trend
            .or(other_trend)
            .expect("one thread counts the trend lines");
        pairs.push(pair);
        let single = |facet: FacetField| -> Stats {
            let (pass, which) = find_in(&PASSES, facet).expect("a single-valued facet of a pass");
            marginal(&pairs[pass], which)
        };
        let tops = TOP_LISTS
            .iter()
            .map(|facet| {
                if facet.is_multi_valued() {
                    skills.clone()
                } else {
                    single(*facet)
                }
            })
            .collect();
        Ok(Dashboard {
            countries: single(FacetField::Country),
            trend,
            cross_tabs: pairs[1..].to_vec(),
            tops,
        })
    }
}

/// The value of a finished scoped thread, its panic resumed.
fn joined<T>(result: std::thread::Result<T>) -> T {
    match result {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// The pass counting `facet` and its position in the pair.
fn find_in(passes: &[[FacetField; 2]], facet: FacetField) -> Option<(usize, usize)> {
    passes
        .iter()
        .enumerate()
        .find_map(|(i, pair)| pair.iter().position(|f| *f == facet).map(|w| (i, w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marginals_sum_the_other_facet_in_stats_order() {
        let pair = Stats::region_grade(&[
            (Some("Africa"), Some("P3"), 4),
            (Some("Europe"), Some("P3"), 2),
            (None, Some("P4"), 2),
            (Some("Europe"), None, 1),
        ]);
        let regions = marginal(&pair, 0);
        assert_eq!(regions.by, [FacetField::Region]);
        let listed: Vec<(Option<&str>, u64)> = regions
            .counts
            .iter()
            .map(|c| (c.values[0].as_deref(), c.count))
            .collect();
        // Most frequent first, as Engine::stats sorts them; `null` is a value.
        assert_eq!(
            listed,
            [(Some("Africa"), 4), (Some("Europe"), 3), (None, 2)]
        );
        assert_eq!(regions.total, 9);
        let grades = marginal(&pair, 1);
        assert_eq!(grades.counts[0].values, [Some("P3".to_owned())]);
        assert_eq!(grades.counts[0].count, 6);
    }
}
