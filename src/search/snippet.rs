//! Snippets: the part of a posting's body shown under its title.

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;

/// Escapes text for HTML.
#[must_use]
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The beginning of `body`, cut at a word boundary near [`SNIPPET_CHARS`], HTML-escaped:
/// the snippet when nothing in the body matched (or when browsing).
#[must_use]
pub fn leading_excerpt(body: &str) -> String {
    let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = match text.char_indices().nth(SNIPPET_CHARS) {
        None => return escape_html(&text),
        Some((i, _)) => i,
    };
    let head = &text[..cut];
    let head = head.rfind(' ').map_or(head, |space| &head[..space]);
    format!("{}…", escape_html(head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html("<b>R&D</b> \"x\" 'y'"),
            "&lt;b&gt;R&amp;D&lt;/b&gt; &quot;x&quot; &#39;y&#39;"
        );
    }

    #[test]
    fn excerpt_cuts_on_a_word() {
        let body = "mot ".repeat(200);
        let excerpt = leading_excerpt(&body);
        assert!(excerpt.ends_with("mot…"), "{excerpt}");
        assert!(excerpt.chars().count() <= SNIPPET_CHARS + 1);
        assert_eq!(leading_excerpt("a\n\n b <c>"), "a b &lt;c&gt;");
    }
}
