//! Everything the analytics page shows for one request, computed with [`Engine::stats`]:
//! counts by country (the map), trend lines, two cross-tabs and top lists.

use super::{Engine, FacetField, SearchRequest, Stats};
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

impl Engine {
    /// The analytics page's aggregates for `request`, trend lines by `trend`. The eleven
    /// counts run on two threads; each is one [`Engine::stats`] call.
    pub fn dashboard(&self, request: &SearchRequest, trend: FacetField) -> Result<Dashboard> {
        let (first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(|| -> Result<(Stats, Vec<Stats>)> {
                let trend = self.stats_with_series(request, trend, TREND_SERIES)?;
                let cross_tabs = CROSS_TABS
                    .iter()
                    .map(|by| self.stats(request, by))
                    .collect::<Result<Vec<_>>>()?;
                Ok((trend, cross_tabs))
            });
            let here = (|| -> Result<(Stats, Vec<Stats>)> {
                let countries = self.stats(request, &[FacetField::Country])?;
                let tops = TOP_LISTS
                    .iter()
                    .map(|by| self.stats(request, &[*by]))
                    .collect::<Result<Vec<_>>>()?;
                Ok((countries, tops))
            })();
            (here, other.join())
        });
        let (countries, tops) = first?;
        let (trend, cross_tabs) = match second {
            Ok(result) => result?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        Ok(Dashboard {
            countries,
            trend,
            cross_tabs,
            tops,
        })
    }
}
