//! Trend charts, drawn by plotters: postings per month (published or closing), one line for
//! every matching posting and one per most frequent value of the trend facet.

use std::collections::{BTreeMap, BTreeSet};

use maud::Markup;
use plotters::prelude::*;

use super::colour::LINES;
use super::svg::{shorten, trusted};
use super::{value_name, View};
use crate::search::{MonthCount, Stats};

const WIDTH: u32 = 760;
const HEIGHT: u32 = 340;

/// Which dates a trend chart counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// Publication months.
    Published,
    /// Closing months.
    Closing,
}

/// The lines of a trend chart: months in order, then (name, count per month) with every
/// matching posting first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    /// Every month of any line, in order (`YYYY-MM`).
    pub months: Vec<String>,
    /// Each line's name and its count per month (0 where it has none).
    pub lines: Vec<(String, Vec<u64>)>,
}

fn months_of(stats: &Stats, dates: Dates) -> Vec<(&str, &[MonthCount])> {
    let mut out: Vec<(&str, &[MonthCount])> = Vec::new();
    let total = match dates {
        Dates::Published => &stats.published_by_month[..],
        Dates::Closing => &stats.closing_by_month[..],
    };
    out.push(("", total));
    for s in &stats.series {
        let months = match dates {
            Dates::Published => &s.published_by_month[..],
            Dates::Closing => &s.closing_by_month[..],
        };
        out.push((s.value.as_str(), months));
    }
    out
}

impl Lines {
    /// The lines of `stats` (with series) for `dates`; the first is named `all`.
    #[must_use]
    pub fn new(stats: &Stats, dates: Dates, view: &View, all: &str) -> Lines {
        let raw = months_of(stats, dates);
        let months: BTreeSet<&str> = raw
            .iter()
            .flat_map(|(_, m)| m.iter().map(|c| c.month.as_str()))
            .collect();
        let months: Vec<String> = months.into_iter().map(str::to_owned).collect();
        let lines = raw
            .iter()
            .map(|(value, counts)| {
                let by: BTreeMap<&str, u64> =
                    counts.iter().map(|c| (c.month.as_str(), c.count)).collect();
                let name = if value.is_empty() {
                    all.to_owned()
                } else {
                    value_name(view.lang, view.trend, value)
                };
                let per_month = months
                    .iter()
                    .map(|m| by.get(m.as_str()).copied().unwrap_or(0))
                    .collect();
                (name, per_month)
            })
            .collect();
        Lines { months, lines }
    }
}

/// The chart of `lines` as an SVG document, or a plotters error message.
fn draw(lines: &Lines, title: &str, empty: &str) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let n = lines.months.len();
        let max = lines
            .lines
            .iter()
            .flat_map(|(_, c)| c.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        let y_top = (max as f64 * 1.15).ceil();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(52)
            .build_cartesian_2d(-0.5f64..(n.max(1) as f64 - 0.5), 0f64..y_top)
            .map_err(|e| e.to_string())?;
        let months = &lines.months;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n.clamp(1, 12))
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                months.get(i as usize).cloned().unwrap_or_default()
            })
            .y_labels(6)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style(("sans-serif", 13))
            .draw()
            .map_err(|e| e.to_string())?;
        if n == 0 {
            root.draw(&Text::new(
                empty.to_owned(),
                (WIDTH as i32 / 2 - 120, HEIGHT as i32 / 2),
                ("sans-serif", 15),
            ))
            .map_err(|e| e.to_string())?;
        }
        for (i, (name, counts)) in lines.lines.iter().enumerate() {
            let colour = if i == 0 {
                RGBColor(120, 120, 120)
            } else {
                LINES[(i - 1) % LINES.len()]
            };
            let points: Vec<(f64, f64)> = counts
                .iter()
                .enumerate()
                .map(|(x, c)| (x as f64, *c as f64))
                .collect();
            let width = if i == 0 { 3 } else { 2 };
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(width)))
                .map_err(|e| e.to_string())?
                .label(shorten(name, 28))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(width))
                });
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|p| Circle::new(*p, if i == 0 { 3 } else { 2 }, colour.filled())),
                )
                .map_err(|e| e.to_string())?;
        }
        if n > 0 {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(200, 200, 200))
                .label_font(("sans-serif", 12))
                .draw()
                .map_err(|e| e.to_string())?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    // Labelled for assistive technology; the numbers are in the table view.
    let label = maud::html! { (title) }.into_string();
    Ok(svg
        .replacen(
            "<svg ",
            &format!("<svg class=\"chart-svg\" role=\"img\" aria-label=\"{label}\" "),
            1,
        )
        .replacen(">\n", &format!(">\n<title>{label}</title>\n"), 1))
}

/// The trend chart of `stats` for `dates`.
pub fn trend(stats: &Stats, dates: Dates, view: &View, title: &str) -> Markup {
    let l = view.lang.labels();
    let lines = Lines::new(stats, dates, view, l.all_matching);
    match draw(&lines, title, l.no_match) {
        Ok(svg) => trusted(svg),
        Err(e) => {
            tracing::warn!("trend chart not drawn: {e}");
            super::svg::frame(
                WIDTH,
                HEIGHT,
                title,
                false,
                super::svg::empty(WIDTH, HEIGHT, &e),
            )
        }
    }
}
