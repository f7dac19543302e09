//! The frame shared by the charts: a standalone SVG document (downloadable as is) that is
//! also valid inline in the page, labelled for assistive technology.

use maud::{html, Markup, PreEscaped};

/// An `<svg>` of `width` x `height` with a `<title>`; `interactive` charts (links inside)
/// are a `group` whose links are reached one by one, the others a single `img`.
pub fn frame(width: u32, height: u32, title: &str, interactive: bool, body: Markup) -> Markup {
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width=(width) height=(height)
            viewBox={ "0 0 " (width) " " (height) } role=(if interactive { "group" } else { "img" })
            aria-label=(title) font-family="sans-serif" {
            title { (title) }
            (body)
        }
    }
}

/// `text` cut to `chars` characters with an ellipsis.
#[must_use]
pub fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A message in the middle of an empty chart.
pub fn empty(width: u32, height: u32, message: &str) -> Markup {
    html! {
        text x=(width / 2) y=(height / 2) text-anchor="middle" font-size="14" fill="#555" {
            (message)
        }
    }
}

/// Markup from a string of trusted SVG (produced by plotters).
pub fn trusted(svg: String) -> Markup {
    PreEscaped(svg)
}
