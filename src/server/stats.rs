//! `GET /api/stats`: counts of every posting matching a search, by one or two facets, with
//! monthly histograms; [`StatsQuery`] is shared with `GET /api/stats.csv`.

use axum::extract::{RawQuery, State};
use axum::Json;

use super::params::parse_params_with;
use super::{ApiError, AppState};
use crate::search::{FacetField, Stats, MAX_STATS_FACETS, MAX_STATS_SERIES};
use crate::{Error, Result};

/// The search parameters of the routes over every matching posting, for the OpenAPI document
/// (`params(..., FilterParams)`); the handlers read them with
/// [`crate::search::params::parse_params_with`].
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes parameters; never built.
pub(super) struct FilterParams {
    /// Query text, as for /api/search
    q: Option<String>,
    /// Location path, as for /api/search (repeatable)
    #[param(style = Form, explode)]
    location: Option<Vec<String>>,
    /// Facet filters as for /api/search: grade, unit, department, organization, duty_station, contract_type, language, country, region, subregion, skill, occupation (repeatable)
    #[param(style = Form, explode)]
    grade: Option<Vec<String>>,
    /// As for /api/search
    open: Option<bool>,
    /// As for /api/search; also published_before, closing_after, closing_before
    published_after: Option<chrono::NaiveDate>,
}

/// Counts of every posting matching the search parameters, by one or two facets, with
/// monthly histograms of publication and closing dates.
#[utoipa::path(
    get,
    path = "/api/stats",
    tag = "search",
    params(
        ("by" = String, Query, description = "One or two facet names, comma-separated (grade, unit, department, organization, duty_station, contract_type, language, country, region, subregion, skill, occupation); by skill, a posting counts under each of its skills"),
        ("series" = Option<usize>, Query, description = "0 to 10, with a single `by` facet: monthly histograms (`series`) of that many most frequent values, each as if filtered on its value"),
        FilterParams,
    ),
    responses(
        (status = 200, description = "Counts over all matching postings", body = Stats),
        super::error::SearchErrors,
    )
)]
pub async fn stats(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Stats>, ApiError> {
    let engine = state.engine().ok_or_else(ApiError::not_ready)?;
    let query = StatsQuery::parse(raw.as_deref())?;
    let stats = state
        .run_blocking("stats", move || query.run(&engine))
        .await??;
    Ok(Json(stats))
}

/// What `/api/stats` and `/api/stats.csv` count: the search, the `by` facets and `series`.
pub(super) struct StatsQuery {
    request: crate::search::SearchRequest,
    /// The facets counted by, one or two.
    pub(super) by: Vec<FacetField>,
    series: Option<usize>,
}

impl StatsQuery {
    /// Reads the search parameters with `by` and `series`.
    pub(super) fn parse(raw: Option<&str>) -> Result<StatsQuery> {
        let today = chrono::Local::now().date_naive();
        let (request, extras) = parse_params_with(raw, today, &["by", "series"])?;
        let by = parse_by(extras.get("by").map(String::as_str))?;
        let series = parse_series(extras.get("series").map(String::as_str), &by)?;
        Ok(StatsQuery {
            request,
            by,
            series,
        })
    }

    /// Counts (blocking: run it on the blocking pool).
    pub(super) fn run(&self, engine: &crate::search::Engine) -> Result<Stats> {
        match self.series {
            Some(top) => engine.stats_with_series(&self.request, self.by[0], top),
            None => engine.stats(&self.request, &self.by),
        }
    }
}

/// Parses `series`: how many values get monthly histograms; only with a single `by` facet.
fn parse_series(value: Option<&str>, by: &[FacetField]) -> Result<Option<usize>> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let top: usize = value
        .parse()
        .ok()
        .filter(|n| *n <= MAX_STATS_SERIES)
        .ok_or_else(|| {
            let shown = crate::error::echo(value);
            Error::param(
                "series",
                format!("`{shown}` is not a number from 0 to {MAX_STATS_SERIES}"),
            )
        })?;
    if by.len() != 1 {
        return Err(Error::param("series", "needs a single `by` facet"));
    }
    Ok(Some(top))
}

/// Parses `by`: one or two facet names, comma-separated.
fn parse_by(value: Option<&str>) -> Result<Vec<FacetField>> {
    let value = value.unwrap_or("").trim();
    if value.is_empty() {
        return Err(Error::param(
            "by",
            format!("required: 1 to {MAX_STATS_FACETS} facet names, comma-separated"),
        ));
    }
    value
        .split(',')
        .map(|name| {
            FacetField::from_name(name.trim()).ok_or_else(|| {
                let shown = crate::error::echo(name);
                Error::param("by", format!("`{shown}` is not a facet"))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_takes_facet_names() {
        assert_eq!(
            parse_by(Some("region, grade")).unwrap(),
            [FacetField::Region, FacetField::Grade]
        );
        assert!(parse_by(None).is_err());
        assert!(parse_by(Some("salary")).is_err());
    }

    #[test]
    fn series_is_a_small_number_with_one_facet() {
        let one = [FacetField::Grade];
        assert_eq!(parse_series(None, &one).unwrap(), None);
        assert_eq!(parse_series(Some("5"), &one).unwrap(), Some(5));
        assert!(parse_series(Some("11"), &one).is_err());
        assert!(parse_series(Some("-1"), &one).is_err());
        assert!(parse_series(Some("5"), &[FacetField::Grade, FacetField::Region]).is_err());
    }
}
