//! Text made safe for XML: characters XML 1.0 forbids are dropped.

use std::borrow::Cow;

/// True for the characters XML 1.0 allows in a document (tab, line breaks and everything
/// from U+0020 except surrogates, U+FFFE and U+FFFF).
#[must_use]
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML 1.0 forbids (control characters), which no escaping
/// can carry; borrowed when there is none.
#[must_use]
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| is_xml_char(*c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(xml_safe("a\u{0}b\u{1b}c\u{FFFF}\td"), "abc\td");
        assert!(matches!(xml_safe("plain <text>"), Cow::Borrowed(_)));
    }
}
