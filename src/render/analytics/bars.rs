//! Top lists: one horizontal bar per most frequent value, each a link narrowing the page.

use maud::{html, Markup};

use super::svg::{empty, frame, shorten};
use super::{value_name, View};
use crate::search::{FacetField, Stats};

/// Bars in a top list.
pub const TOP_BARS: usize = 10;

const WIDTH: u32 = 520;
const ROW: u32 = 26;
const LABEL: u32 = 190;
const BAR_COLOUR: &str = "#31688e";

/// The values of a one-facet `stats` shown as bars: the most frequent, with a value.
#[must_use]
pub fn top_values(stats: &Stats) -> Vec<(&str, u64)> {
    stats
        .counts
        .iter()
        .filter_map(|c| Some((c.values.first()?.as_deref()?, c.count)))
        .take(TOP_BARS)
        .collect()
}

/// The top list of `facet`.
pub fn bars(stats: &Stats, facet: FacetField, view: &View, title: &str) -> Markup {
    let rows = top_values(stats);
    let max = rows.first().map_or(0, |(_, c)| *c).max(1);
    let height = ROW * (rows.len().max(2) as u32) + 8;
    let l = view.lang.labels();
    let span = f64::from(WIDTH - LABEL - 70);
    let body = html! {
        @if rows.is_empty() {
            (empty(WIDTH, height, l.no_match))
        }
        @for (i, (value, count)) in rows.iter().enumerate() {
            @let y = 4 + ROW * i as u32;
            @let name = value_name(view.lang, facet, value);
            @let label = format!("{name}: {} {}", view.lang.number(*count), l.postings);
            @let length = (span * *count as f64 / max as f64).max(1.0);
            a href=(view.narrowed(facet, value)) class="bar" data-value=(value)
                data-count=(count) aria-label=(label) {
                title { (label) }
                rect x="0" y=(y) width=(WIDTH) height=(ROW - 2) fill="#ffffff" fill-opacity="0" {}
                text x=(LABEL - 6) y=(y + 17) text-anchor="end" font-size="13" fill="#222" {
                    (shorten(&name, 26))
                }
                rect x=(LABEL) y=(y + 3) width=(format!("{length:.1}")) height=(ROW - 8) fill=(BAR_COLOUR) {}
                text x=(format!("{:.1}", f64::from(LABEL) + length + 6.0)) y=(y + 17) font-size="13" fill="#222" {
                    (view.lang.number(*count))
                }
            }
        }
    };
    frame(WIDTH, height, title, true, body)
}
