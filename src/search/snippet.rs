//! Snippets: the part of a posting's body shown under its title.

use tantivy::snippet::SnippetGenerator;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;

/// Bytes of a body analysed at a time when looking for matches to show. Bodies run to
/// 15 kB and analysing them is most of a search's cost, so the snippet comes from the first
/// window holding a match rather than from the best fragment of the whole body.
pub const SNIPPET_WINDOW: usize = 3_000;

/// The snippet of `body` for the generator's query: the best fragment of the first
/// [`SNIPPET_WINDOW`] with a match, matches in `<mark>`, HTML-escaped; the leading excerpt
/// when nothing in the body matches.
#[must_use]
pub fn highlighted(generator: &SnippetGenerator, body: &str) -> String {
    for window in windows(body, SNIPPET_WINDOW) {
        let mut snippet = generator.snippet(window);
        if !snippet.highlighted().is_empty() {
            snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
            return snippet.to_html();
        }
    }
    leading_excerpt(body)
}

/// `text` cut into pieces of about `size` bytes, each ending at a whitespace (no word is
/// split) or at the end.
fn windows(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = size.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let end = rest[cut..]
            .find(char::is_whitespace)
            .map_or(rest.len(), |space| cut + space);
        let (window, tail) = rest.split_at(end);
        rest = tail;
        Some(window)
    })
}

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
    fn windows_cover_the_text_without_splitting_words() {
        let text = "alpha beta gamma délégué epsilon ".repeat(50);
        let pieces: Vec<&str> = windows(&text, 64).collect();
        assert_eq!(pieces.concat(), text);
        assert!(pieces.len() > 10);
        for piece in &pieces[1..] {
            assert!(piece.starts_with(char::is_whitespace), "{piece:?}");
        }
        assert_eq!(windows("", 10).count(), 0);
        assert_eq!(windows("short", 10).collect::<Vec<_>>(), vec!["short"]);
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
