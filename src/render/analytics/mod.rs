//! The analytics page, rendered on the server from a [`Dashboard`]: a choropleth map by
//! country, trend lines per month, cross-tabs and top lists, each chart an SVG whose
//! countries, cells and bars are ordinary links narrowing the page (same URL parameters as
//! the search page), each with a table view of the same numbers and downloads (SVG, CSV).
//! Pure rendering: nothing here reads the index or knows HTTP.

mod bars;
mod colour;
mod heat;
mod labels;
mod map;
mod svg;
mod trend;
mod view;
mod world;

use maud::{html, Markup, DOCTYPE};

pub use bars::{top_values, TOP_BARS};
pub use heat::{CrossTab, HEAT_COLUMNS, HEAT_ROWS};
pub use labels::{facet_name, value_name, UiLang};
pub use trend::{Dates, Lines};
pub use view::View;
pub use world::{world, World};

use crate::search::{Dashboard, FacetField, Stats, CROSS_TABS, TOP_LISTS, TREND_FACETS};

/// One chart of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Postings by country.
    Map,
    /// Postings per month, by publication or closing date.
    Trend(Dates),
    /// The cross-tab of [`CROSS_TABS`]`[i]`.
    CrossTab(usize),
    /// The top list of [`TOP_LISTS`]`[i]`.
    Top(usize),
}

impl Chart {
    /// Every chart, in page order.
    #[must_use]
    pub fn all() -> Vec<Chart> {
        let mut all = vec![
            Chart::Map,
            Chart::Trend(Dates::Published),
            Chart::Trend(Dates::Closing),
        ];
        all.extend((0..CROSS_TABS.len()).map(Chart::CrossTab));
        all.extend((0..TOP_LISTS.len()).map(Chart::Top));
        all
    }

    /// The chart's name in addresses and element ids: `map`, `published`, `closing`,
    /// `region-grade`, `top-organization`...
    #[must_use]
    pub fn id(self) -> String {
        match self {
            Chart::Map => "map".to_owned(),
            Chart::Trend(Dates::Published) => "published".to_owned(),
            Chart::Trend(Dates::Closing) => "closing".to_owned(),
            Chart::CrossTab(i) => {
                format!("{}-{}", CROSS_TABS[i][0].name(), CROSS_TABS[i][1].name())
            }
            Chart::Top(i) => format!("top-{}", TOP_LISTS[i].name()),
        }
    }

    /// The chart named `id` (see [`Chart::id`]).
    #[must_use]
    pub fn from_id(id: &str) -> Option<Chart> {
        Chart::all().into_iter().find(|c| c.id() == id)
    }

    /// The `by` (and `series`) of the `/api/stats` request behind the chart.
    #[must_use]
    pub fn stats_request(self, view: &View) -> (Vec<FacetField>, Option<usize>) {
        match self {
            Chart::Map => (vec![FacetField::Country], None),
            Chart::Trend(_) => (vec![view.trend], Some(crate::search::TREND_SERIES)),
            Chart::CrossTab(i) => (CROSS_TABS[i].to_vec(), None),
            Chart::Top(i) => (vec![TOP_LISTS[i]], None),
        }
    }

    fn stats(self, d: &Dashboard) -> &Stats {
        match self {
            Chart::Map => &d.countries,
            Chart::Trend(_) => &d.trend,
            Chart::CrossTab(i) => &d.cross_tabs[i],
            Chart::Top(i) => &d.tops[i],
        }
    }

    /// The chart's heading in the view's language.
    #[must_use]
    pub fn title(self, view: &View) -> String {
        let l = view.lang.labels();
        let lang = view.lang;
        match self {
            Chart::Map => l.map.to_owned(),
            Chart::Trend(dates) => format!(
                "{} ({} {})",
                match dates {
                    Dates::Published => l.published_per_month,
                    Dates::Closing => l.closing_per_month,
                },
                l.trend_by.to_lowercase(),
                facet_name(lang, view.trend).to_lowercase()
            ),
            Chart::CrossTab(i) => format!(
                "{} × {}",
                facet_name(lang, CROSS_TABS[i][0]),
                facet_name(lang, CROSS_TABS[i][1])
            ),
            Chart::Top(i) => facet_name(lang, TOP_LISTS[i]).to_owned(),
        }
    }

    /// The chart alone, as an SVG element (a standalone document once serialised).
    #[must_use]
    pub fn svg(self, d: &Dashboard, view: &View) -> Markup {
        let title = self.title(view);
        let stats = self.stats(d);
        match self {
            Chart::Map => map::map(stats, view, &title),
            Chart::Trend(dates) => trend::trend(stats, dates, view, &title),
            Chart::CrossTab(i) => heat::heat(stats, CROSS_TABS[i], view, &title),
            Chart::Top(i) => bars::bars(stats, TOP_LISTS[i], view, &title),
        }
    }

    /// The same numbers as the chart, as a table.
    fn table(self, d: &Dashboard, view: &View) -> Markup {
        let l = view.lang.labels();
        let lang = view.lang;
        let stats = self.stats(d);
        match self {
            Chart::Map | Chart::Top(_) => {
                let facet = stats.by[0];
                let rows: Vec<(&str, u64)> = match self {
                    Chart::Map => stats
                        .counts
                        .iter()
                        .filter_map(|c| Some((c.values.first()?.as_deref()?, c.count)))
                        .collect(),
                    _ => top_values(stats),
                };
                let on_map = world();
                html! {
                    table class="data-table" data-chart=(self.id()) {
                        thead { tr { th scope="col" { (facet_name(lang, facet)) } th scope="col" { (l.postings) } th scope="col" { (l.share) } } }
                        tbody {
                            @for (value, count) in rows {
                                tr data-value=(value) {
                                    th scope="row" {
                                        a href=(view.search_narrowed(facet, value)) { (value_name(lang, facet, value)) }
                                        @if self == Chart::Map && on_map.path(value).is_none() {
                                            " (" (l.not_on_map) ")"
                                        }
                                    }
                                    td class="num" data-count=(count) { (lang.number(count)) }
                                    td class="num" { (lang.percent(count, stats.total)) }
                                }
                            }
                        }
                    }
                }
            }
            Chart::Trend(dates) => {
                let lines = Lines::new(stats, dates, view, l.all_matching);
                html! {
                    table class="data-table" data-chart=(self.id()) {
                        thead { tr {
                            th scope="col" { (l.month) }
                            @for (name, _) in &lines.lines { th scope="col" { (name) } }
                        } }
                        tbody {
                            @for (i, month) in lines.months.iter().enumerate() {
                                tr data-month=(month) {
                                    th scope="row" { (month) }
                                    @for (_, counts) in &lines.lines {
                                        td class="num" data-count=(counts[i]) { (lang.number(counts[i])) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Chart::CrossTab(i) => {
                let tab = CrossTab::new(stats);
                let facets = CROSS_TABS[i];
                let name = |facet: FacetField, v: &Option<String>| match v {
                    Some(v) => value_name(lang, facet, v),
                    None => l.none.to_owned(),
                };
                html! {
                    table class="data-table" data-chart=(self.id()) {
                        thead { tr {
                            th scope="col" { (facet_name(lang, facets[0])) " \\ " (facet_name(lang, facets[1])) }
                            @for column in &tab.columns { th scope="col" { (name(facets[1], column)) } }
                            th scope="col" { (l.total) }
                        } }
                        tbody {
                            @for (r, row) in tab.rows.iter().enumerate() {
                                tr data-value=[row.as_deref()] {
                                    th scope="row" { (name(facets[0], row)) }
                                    @for (c, column) in tab.columns.iter().enumerate() {
                                        td class="num" data-column=[column.as_deref()] data-count=(tab.cells[r][c]) {
                                            (lang.number(tab.cells[r][c]))
                                            " (" (lang.percent(tab.cells[r][c], tab.row_totals[r])) ")"
                                        }
                                    }
                                    td class="num" data-count=(tab.row_totals[r]) { (lang.number(tab.row_totals[r])) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The chart's section of the page: heading, chart, downloads and table view.
    fn section(self, d: &Dashboard, view: &View) -> Markup {
        let l = view.lang.labels();
        let id = self.id();
        let (by, series) = self.stats_request(view);
        let wide = matches!(self, Chart::Map | Chart::CrossTab(_));
        html! {
            section class={ "chart" @if wide { " chart-wide" } } id={ "chart-" (id) } data-chart=(id) aria-labelledby={ "heading-" (id) } {
                h3 id={ "heading-" (id) } { (self.title(view)) }
                @if self == Chart::Map { p class="note" { (l.map_note) } }
                div class="figure" { (self.svg(d, view)) }
                p class="downloads" {
                    (l.download) ": "
                    a href=(view.chart_svg_url(&id)) download={ (id) ".svg" } data-format="svg" { "SVG" }
                    " · "
                    a href=(view.stats_csv_url(&by, series)) download={ (id) ".csv" } data-format="csv" { "CSV" }
                    // Drawn by the page's script from the SVG; shown only when it runs.
                    span hidden { " · " a href="#" download={ (id) ".png" } data-format="png" { "PNG" } }
                }
                details class="table-view" {
                    summary { (l.table_view) }
                    (self.table(d, view))
                }
            }
        }
    }
}

/// The whole analytics page.
#[must_use]
pub fn page(d: &Dashboard, view: &View) -> Markup {
    let l = view.lang.labels();
    let lang = view.lang;
    let filters: Vec<(&str, &str)> = view.filters().collect();
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (l.title) }
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/analytics/analytics.css";
                script type="module" src="/analytics/analytics.js" {}
            }
            body {
                header class="site-header" {
                    p class="brand" { a href=(view.search_url()) { (l.search_page) } }
                    h1 { (l.title) }
                    form class="search-form" role="search" action="/analytics" method="get" {
                        label for="q" class="visually-hidden" { (l.search_label) }
                        input id="q" name="q" type="search" value=(view.query()) maxlength="1000";
                        @for (key, value) in &filters {
                            input type="hidden" name=(key) value=(value);
                        }
                        @if !view.open_only() { input type="hidden" name="open" value="false"; }
                        input type="hidden" name="lang" value=(lang.code());
                        @if view.trend != FacetField::Organization {
                            input type="hidden" name="trend" value=(view.trend.name());
                        }
                        button type="submit" { (l.search_button) }
                    }
                    nav class="lang-picker" aria-label=(l.language) {
                        @for other in UiLang::ALL {
                            @if other == lang {
                                span aria-current="true" lang=(other.code()) { (other.native_name()) }
                            } @else {
                                a href=(view.in_lang(other)) lang=(other.code()) hreflang=(other.code()) { (other.native_name()) }
                            }
                        }
                    }
                }
                main id="main" {
                    section class="summary" aria-label=(l.filters) {
                        p class="total" { strong id="total" data-total=(d.total()) { (lang.number(d.total())) } " " (l.matching) }
                        @if d.total() == 0 { p class="notice" role="status" { (l.no_match) } }
                        p {
                            @if view.open_only() {
                                (l.showing_open) " " a href=(view.with_open(false)) { (l.include_closed) }
                            } @else {
                                (l.showing_all) " " a href=(view.with_open(true)) { (l.open_only) }
                            }
                        }
                        @if !filters.is_empty() {
                            ul class="chips" {
                                @for (key, value) in &filters {
                                    @let facet = FacetField::from_name(key);
                                    @let shown = facet.map_or_else(|| (*value).to_owned(), |f| value_name(lang, f, value));
                                    @let named = facet.map_or(*key, |f| facet_name(lang, f));
                                    li { a href=(view.without(key, value)) aria-label={ (l.remove_filter) ": " (named) " " (shown) } data-filter=(key) {
                                        (named) ": " (shown) " ×"
                                    } }
                                }
                                li { a href=(view.cleared()) { (l.clear_filters) } }
                            }
                        }
                        p { a id="open-in-search" href=(view.search_url()) { (l.open_in_search) } }
                    }
                    (Chart::Map.section(d, view))
                    h2 { (l.trends) }
                    nav class="trend-picker" aria-label=(l.trend_by) {
                        (l.trend_by) ": "
                        @for facet in TREND_FACETS {
                            @if facet == view.trend {
                                strong aria-current="true" { (facet_name(lang, facet)) }
                            } @else {
                                a href=(view.with_trend(facet)) { (facet_name(lang, facet)) }
                            }
                            " "
                        }
                    }
                    div class="charts" {
                        (Chart::Trend(Dates::Published).section(d, view))
                        (Chart::Trend(Dates::Closing).section(d, view))
                    }
                    h2 { (l.cross_tabs) }
                    div class="charts" {
                        @for i in 0..CROSS_TABS.len() { (Chart::CrossTab(i).section(d, view)) }
                    }
                    h2 { (l.top_lists) }
                    div class="charts" {
                        @for i in 0..TOP_LISTS.len() { (Chart::Top(i).section(d, view)) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_ids_round_trip() {
        for chart in Chart::all() {
            assert_eq!(Chart::from_id(&chart.id()), Some(chart));
        }
        assert_eq!(Chart::from_id("region-grade"), Some(Chart::CrossTab(0)));
        assert_eq!(Chart::from_id("top-skill"), Some(Chart::Top(5)));
        assert_eq!(Chart::from_id("pie"), None);
    }
}
