//! Feed texts written in HTML, turned into the plain lines the parsers read.
//!
//! Many boards send a posting's description as an HTML fragment:
//! `<p><strong>Duty Station:</strong> Bonn, Germany</p><ul><li>Manage…</li></ul>`. Read as
//! text, its tags stuck to the labels' values (`</strong> Bonn, Germany</p><p><b>` was a
//! duty station), were indexed as words and showed on the page. Here block elements become
//! line breaks (paragraphs and headings a blank line, list items a `- ` bullet), table cells
//! are spaced, other tags are dropped with `<script>`, `<style>` and comments, and the line
//! breaks the text already had are kept, so a text mixing plain paragraphs and a few tags
//! keeps its layout.
//!
//! A text is read as HTML only when it holds a tag of an element descriptions use (`<p>`,
//! `<br/>`, `<li>`, `<strong>`…): `salary < 5000` or `<5 years>` are left as written.

use std::borrow::Cow;

use super::text::join_lines;

/// Elements whose tags end a line.
const LINE_ELEMENTS: &[&str] = &["br", "tr", "dt", "dd"];
/// Elements whose tags end a paragraph (a blank line).
const PARAGRAPH_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "thead",
    "tbody",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "title",
];
/// Elements dropped inline, recognised as HTML beside the block ones.
const INLINE_ELEMENTS: &[&str] = &[
    "strong", "b", "i", "em", "u", "span", "a", "font", "sup", "sub", "small", "td", "th", "li",
];
/// Elements whose content is not text.
const SKIPPED_ELEMENTS: &[&str] = &["script", "style", "head"];
/// Longest tag looked for (attributes included); a longer `<…>` is text.
const MAX_TAG_BYTES: usize = 2_000;

/// `text` with its HTML markup turned into lines; borrowed when it holds none.
#[must_use]
pub fn html_to_text(text: &str) -> Cow<'_, str> {
    if !looks_like_html(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if let Some(end) = tail.strip_prefix("<!--").and_then(|c| c.find("-->")) {
            rest = &tail[4 + end + 3..];
            continue;
        }
        let Some(tag) = Tag::parse(tail) else {
            out.push('<');
            rest = &tail[1..];
            continue;
        };
        rest = &tail[tag.len..];
        let is = |elements: &[&str]| tag.is_one_of(elements);
        if is(SKIPPED_ELEMENTS) && !tag.closing {
            // Without its closing tag, only the opening one goes: nothing written is lost.
            let close = format!("</{}", tag.name);
            if let Some(after) = find_ignoring_case(rest, &close)
                .and_then(|at| rest[at..].find('>').map(|end| &rest[at + end + 1..]))
            {
                rest = after;
            }
            continue;
        }
        if is(&["li"]) && !tag.closing {
            end_line(&mut out);
            out.push_str("- ");
        } else if is(LINE_ELEMENTS) || is(&["li"]) {
            end_line(&mut out);
        } else if is(PARAGRAPH_ELEMENTS) {
            end_paragraph(&mut out);
        } else if is(&["td", "th"]) && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    Cow::Owned(join_lines(out.lines(), |_| false))
}

/// True when `text` holds a tag of an element that descriptions use.
fn looks_like_html(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let tail = &rest[open..];
        if Tag::parse(tail).is_some_and(|tag| {
            tag.is_one_of(LINE_ELEMENTS)
                || tag.is_one_of(PARAGRAPH_ELEMENTS)
                || tag.is_one_of(INLINE_ELEMENTS)
        }) {
            return true;
        }
        rest = &tail[1..];
    }
    false
}

/// One tag at the start of a text.
struct Tag<'a> {
    /// Element name, as written.
    name: &'a str,
    /// `</name>`.
    closing: bool,
    /// Bytes from `<` to `>` included.
    len: usize,
}

impl<'a> Tag<'a> {
    /// The tag `text` starts with: `<`, an optional `/`, a name starting with a letter, then
    /// attributes up to the first `>` outside a quoted value (within [`MAX_TAG_BYTES`], no
    /// `<` outside a quoted value before it). When a quote opens and never closes there, the
    /// tag ends at the first `>`, as if nothing were quoted.
    fn parse(text: &'a str) -> Option<Tag<'a>> {
        let inner = text.strip_prefix('<')?;
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, inner),
        };
        if !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name_len = inner
            .find(|c: char| !c.is_ascii_alphanumeric() && c != ':')
            .unwrap_or(inner.len());
        let after_name = inner[name_len..].chars().next()?;
        if !(after_name == '>' || after_name == '/' || after_name.is_whitespace()) {
            return None;
        }
        // Bytes, not a `str` slice: the window may end inside a character.
        let window = &text.as_bytes()[..text.len().min(MAX_TAG_BYTES)];
        let attributes = text.len() - inner.len() + name_len;
        let end = match quoted_end(window, attributes) {
            Some(end) => end,
            None => {
                let end = window.iter().position(|&b| b == b'>')?;
                if window[1..end].contains(&b'<') {
                    return None;
                }
                end
            }
        };
        Some(Tag {
            name: &inner[..name_len],
            closing,
            len: end + 1,
        })
    }

    /// Whether the tag is of one of `elements` (lowercase names), in any case.
    fn is_one_of(&self, elements: &[&str]) -> bool {
        elements.iter().any(|e| e.eq_ignore_ascii_case(self.name))
    }
}

/// The `>` ending a tag whose attributes start at `from` of `window`, passing over `>` and
/// `<` inside quoted values (`title="salary > 5000"`). `None` when a `<` outside quotes
/// comes first, or when no tag end follows every quote's close (an unclosed quote).
fn quoted_end(window: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    // A quote opens a value only after `=` (and white space): `<p class=x'y>` quotes nothing.
    let mut after_equals = false;
    for (at, &b) in window.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => {
                quote = None;
                after_equals = false;
            }
            Some(_) => {}
            None => match b {
                b'>' => return Some(at),
                b'<' => return None,
                b'"' | b'\'' if after_equals => quote = Some(b),
                b'=' => after_equals = true,
                _ if b.is_ascii_whitespace() => {}
                _ => after_equals = false,
            },
        }
    }
    None
}

/// Where `needle` (ASCII) starts in `haystack`, whatever the case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Ends the current line, unless the text is empty or already at a line's start.
fn end_line(out: &mut String) {
    trim_end_spaces(out);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Ends the current paragraph with a blank line, unless the text is empty or already there.
fn end_paragraph(out: &mut String) {
    end_line(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn trim_end_spaces(out: &mut String) {
    let kept = out.trim_end_matches([' ', '\t', '\u{a0}']).len();
    out.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_elements_become_lines_and_bullets() {
        let html = "<p><strong>Grade:</strong> P-3</p><p><b>Duty Station:</b> Bonn, Germany</p>\
                    <h3>Duties</h3><ul><li>Manage programmes</li><li>Monitor results<br/>and \
                    report</li></ul><table><tr><td>Languages</td><td>English</td></tr></table>";
        assert_eq!(
            html_to_text(html),
            "Grade: P-3\n\nDuty Station: Bonn, Germany\n\nDuties\n\n- Manage programmes\n\
             - Monitor results\nand report\n\nLanguages English"
        );
    }

    #[test]
    fn scripts_styles_comments_and_attributes_go() {
        let html = "<div class=\"intro\" style='x'>Hello<!-- hidden <p> --> <SPAN \
                    lang=\"fr\">monde</SPAN></div><style>p { color: red }</style>\
                    <script type=\"text/javascript\">var a = '<p>';</script><P>End</P>";
        assert_eq!(html_to_text(html), "Hello monde\n\nEnd");
    }

    #[test]
    fn a_greater_than_sign_in_a_quoted_attribute_does_not_end_the_tag() {
        let html = "<p><a href=\"apply?a=1&b=2\" title=\"Salary > 5000 <USD>\">Apply</a> now</p>\
                    <p class = 'x>y'>Grade: P-3</p><p data-x=a'b>Text</p>";
        assert_eq!(html_to_text(html), "Apply now\n\nGrade: P-3\n\nText");
        // An unclosed quote: the tag ends at the first `>`, as before, and nothing is lost.
        assert_eq!(
            html_to_text("<p><b title=\"oops>Bold</b> text</p>"),
            "Bold text"
        );
    }

    #[test]
    fn line_breaks_already_there_are_kept() {
        let text = "Family Type: Family <p></p><p></p>\n\nResidential location: Bonn\nTarget";
        assert_eq!(
            html_to_text(text),
            "Family Type: Family\n\nResidential location: Bonn\nTarget"
        );
    }

    #[test]
    fn text_without_tags_is_kept_as_written() {
        for text in [
            "salary < 5000 and > 3000",
            "experience <5 years>",
            "a <unknown> word",
            "x<y and y>z",
            "plain\n\ntext",
        ] {
            assert!(matches!(html_to_text(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn a_lone_bracket_in_html_stays_text() {
        assert_eq!(html_to_text("<p>less than < 5</p>"), "less than < 5");
        assert_eq!(html_to_text("<br>an unclosed <p"), "an unclosed <p");
        // A tag left open before a long non-ASCII text: the look-ahead window ends mid-letter.
        let long = format!("<p>x <p {}", "é".repeat(1_500));
        assert_eq!(html_to_text(&long), long[3..]);
        assert_eq!(
            html_to_text("<p>kept <!-- never closed</p>"),
            "kept <!-- never closed"
        );
        assert_eq!(
            html_to_text("<p>kept</p><script>never closed"),
            "kept\n\nnever closed"
        );
    }
}
