//! The choropleth: every country of the outline table coloured by its count, each country
//! with postings a link narrowing the page to it.

use std::collections::HashMap;

use maud::{html, Markup};

use super::colour::{fill, level, viridis, EMPTY};
use super::svg::frame;
use super::world::world;
use super::{value_name, View};
use crate::search::{FacetField, Stats};

/// Counts by country code (postings without a country left out).
#[must_use]
pub fn by_country(stats: &Stats) -> HashMap<&str, u64> {
    stats
        .counts
        .iter()
        .filter_map(|c| Some((c.values.first()?.as_deref()?, c.count)))
        .collect()
}

/// The map of `stats` (counts by country).
pub fn map(stats: &Stats, view: &View, title: &str) -> Markup {
    let w = world();
    let counts = by_country(stats);
    let max = counts.values().copied().max().unwrap_or(0);
    let l = view.lang.labels();
    let selected: Vec<&str> = view
        .filters()
        .filter(|(k, _)| *k == "country")
        .map(|(_, v)| v)
        .collect();
    let legend_y = w.height + 12;
    // Upper bounds of five steps of the square-root scale, without repeats for small maxima.
    let mut steps: Vec<u64> = [0.2f64, 0.4, 0.6, 0.8, 1.0]
        .iter()
        .map(|s| ((s * s * max as f64).ceil() as u64).max(1))
        .collect();
    steps.dedup();
    let body = html! {
        rect x="0" y="0" width=(w.width) height=(w.height + 48) fill="#f4f8fb" {}
        g stroke="#ffffff" stroke-width="0.4" {
            @for (code, path) in &w.countries {
                @let count = counts.get(code).copied().unwrap_or(0);
                @let name = value_name(view.lang, FacetField::Country, code);
                @if count > 0 {
                    @let label = format!("{name}: {} {}", view.lang.number(count), l.postings);
                    a href=(view.narrowed(FacetField::Country, code)) class="country"
                        data-country=(code) data-count=(count) aria-label=(label) {
                        title { (label) }
                        path d=(path) fill=(fill(count, max))
                            stroke=[selected.contains(code).then_some("#d62728")]
                            stroke-width=[selected.contains(code).then_some("1.5")] {}
                    }
                } @else {
                    path d=(path) fill=(EMPTY) { title { (name) } }
                }
            }
        }
        g font-size="12" fill="#333" {
            rect x="12" y=(legend_y) width="14" height="14" fill=(EMPTY) {}
            text x="30" y=(legend_y + 11) { "0" }
            @if max > 0 {
                @for (i, value) in steps.iter().enumerate() {
                    @let x = 70 + i * 90;
                    rect x=(x) y=(legend_y) width="14" height="14" fill=(viridis(level(*value, max))) {}
                    text x=(x + 18) y=(legend_y + 11) { "≤ " (view.lang.number(*value)) }
                }
            }
        }
    };
    frame(w.width, w.height + 48, title, true, body)
}
