//! Cross-tabs: a heat table of two facets, counts and shares of the row in each cell, each
//! cell a link narrowing the page to both values.

use std::collections::HashMap;

use maud::{html, Markup};

use super::colour::{fill, ink, level};
use super::svg::{empty, frame, shorten};
use super::{value_name, View};
use crate::search::{FacetField, Stats};

/// Rows and columns drawn: the most frequent values of each facet.
pub const HEAT_ROWS: usize = 10;
/// See [`HEAT_ROWS`].
pub const HEAT_COLUMNS: usize = 8;

const HEAD: u32 = 190;
const CELL_W: u32 = 84;
const CELL_H: u32 = 38;
const TOP: u32 = 30;

/// A cross-tab of two-facet [`Stats`]: the most frequent row and column values (`None`:
/// postings without one), every cell's count and each row's total over all its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossTab {
    /// Row values, most frequent first.
    pub rows: Vec<Option<String>>,
    /// Column values, most frequent first.
    pub columns: Vec<Option<String>>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<u64>>,
    /// Postings of each row, in every column (shown or not).
    pub row_totals: Vec<u64>,
}

fn most_frequent(totals: HashMap<Option<String>, u64>, limit: usize) -> Vec<Option<String>> {
    let mut values: Vec<(Option<String>, u64)> = totals.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    values.into_iter().take(limit).map(|(v, _)| v).collect()
}

impl CrossTab {
    /// The cross-tab of `stats` counted by two facets.
    #[must_use]
    pub fn new(stats: &Stats) -> CrossTab {
        let mut row_sums: HashMap<Option<String>, u64> = HashMap::new();
        let mut column_sums: HashMap<Option<String>, u64> = HashMap::new();
        let mut cells: HashMap<(&Option<String>, &Option<String>), u64> = HashMap::new();
        for c in &stats.counts {
            let [a, b] = [0, 1].map(|i| c.values.get(i).cloned().flatten());
            *row_sums.entry(a).or_default() += c.count;
            *column_sums.entry(b).or_default() += c.count;
        }
        for c in &stats.counts {
            if let [a, b] = &c.values[..] {
                cells.insert((a, b), c.count);
            }
        }
        let rows = most_frequent(row_sums.clone(), HEAT_ROWS);
        let columns = most_frequent(column_sums, HEAT_COLUMNS);
        let table = rows
            .iter()
            .map(|r| {
                columns
                    .iter()
                    .map(|c| cells.get(&(r, c)).copied().unwrap_or(0))
                    .collect()
            })
            .collect();
        let row_totals = rows.iter().map(|r| row_sums[r]).collect();
        CrossTab {
            rows,
            columns,
            cells: table,
            row_totals,
        }
    }
}

/// The heat table of `stats` counted by `facets`.
pub fn heat(stats: &Stats, facets: [FacetField; 2], view: &View, title: &str) -> Markup {
    let tab = CrossTab::new(stats);
    let l = view.lang.labels();
    let width = HEAD + CELL_W * (tab.columns.len().max(1) as u32 + 1) + 4;
    let height = TOP + CELL_H * tab.rows.len().max(2) as u32 + 4;
    let max = tab.cells.iter().flatten().copied().max().unwrap_or(0);
    let name = |facet: FacetField, value: &Option<String>| match value {
        Some(v) => value_name(view.lang, facet, v),
        None => l.none.to_owned(),
    };
    let body = html! {
        @if tab.rows.is_empty() {
            (empty(width, height, l.no_match))
        }
        g font-size="12" fill="#222" {
            @for (j, column) in tab.columns.iter().enumerate() {
                text x=(HEAD + CELL_W * j as u32 + CELL_W / 2) y=(TOP - 10) text-anchor="middle" {
                    (shorten(&name(facets[1], column), 11))
                }
            }
            @if !tab.rows.is_empty() {
                text x=(HEAD + CELL_W * tab.columns.len() as u32 + CELL_W / 2) y=(TOP - 10)
                    text-anchor="middle" font-weight="bold" { (l.total) }
            }
        }
        @for (i, row) in tab.rows.iter().enumerate() {
            @let y = TOP + CELL_H * i as u32;
            @let row_name = name(facets[0], row);
            text x=(HEAD - 8) y=(y + CELL_H / 2 + 4) text-anchor="end" font-size="12" fill="#222" {
                (shorten(&row_name, 26))
            }
            @for (j, column) in tab.columns.iter().enumerate() {
                @let count = tab.cells[i][j];
                @let x = HEAD + CELL_W * j as u32;
                @let share = view.lang.percent(count, tab.row_totals[i]);
                @let label = format!("{row_name} × {}: {} {} ({share} {})",
                    name(facets[1], column), view.lang.number(count), l.postings, l.row_share);
                @let cell = html! {
                    title { (label) }
                    rect x=(x + 1) y=(y + 1) width=(CELL_W - 2) height=(CELL_H - 2) fill=(fill(count, max)) {}
                    @if count > 0 {
                        @let ink = ink(level(count, max));
                        text x=(x + CELL_W / 2) y=(y + 16) text-anchor="middle" font-size="13"
                            font-weight="bold" fill=(ink) { (view.lang.number(count)) }
                        text x=(x + CELL_W / 2) y=(y + 31) text-anchor="middle" font-size="11"
                            fill=(ink) { (share) }
                    }
                };
                @match (row, column, count > 0) {
                    (Some(a), Some(b), true) => {
                        a href=(view.narrowed_by(&[(facets[0], a), (facets[1], b)])) class="cell"
                            data-row=(a) data-column=(b) data-count=(count) aria-label=(label) { (cell) }
                    }
                    _ => { g class="cell" data-count=(count) { (cell) } }
                }
            }
            text x=(HEAD + CELL_W * tab.columns.len() as u32 + CELL_W / 2) y=(y + CELL_H / 2 + 4)
                text-anchor="middle" font-size="13" font-weight="bold" fill="#222" {
                (view.lang.number(tab.row_totals[i]))
            }
        }
    };
    frame(width, height, title, true, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_total_every_column_and_cells_keep_their_counts() {
        let stats = Stats::region_grade(&[
            (Some("Africa"), Some("P3"), 4),
            (Some("Africa"), None, 2),
            (Some("Europe"), Some("P4"), 3),
            (Some("Europe"), Some("P3"), 1),
        ]);
        let tab = CrossTab::new(&stats);
        assert_eq!(
            tab.rows,
            [Some("Africa".to_owned()), Some("Europe".to_owned())]
        );
        assert_eq!(
            tab.columns,
            [Some("P3".to_owned()), Some("P4".to_owned()), None]
        );
        assert_eq!(tab.cells, [vec![4, 0, 2], vec![1, 3, 0]]);
        assert_eq!(tab.row_totals, [6, 4]);
    }
}
