//! Gender and number endings written onto a word: `chargé(e)`, `Assistant(e)`,
//! `administratif(ve)`, `coordinateur·trice`, `expert.e.s`, `coordinador/a`, `year(s)`.
//!
//! French notices write both genders in one word (inclusive writing), Spanish ones add `/a`,
//! English ones `(s)`. Split at its punctuation, such a word gives the word and a stray
//! ending (`chargé`, `e`): the ending is a word of its own, so `chargé(e) de programme` no
//! longer holds the phrase `chargé de programme`, and a query typed that way asks for a word
//! `e` besides (or, for the parenthesis, is not even read by the query grammar). The
//! tokenizer skips such endings ([`ending_end`]) and the query text drops them before it is
//! parsed ([`strip_parenthesised`]): the word alone stands for both forms, as the stemmer
//! already makes `chargée` and `chargé` one term.
//!
//! Only known endings are skipped, and only where they follow a word with nothing between:
//! `Tunis (TUN)`, `P-2`, `HIV/AIDS`, `www.ilo.org` keep every word.

use std::borrow::Cow;

/// Endings found between parentheses or after a middle dot (any case: titles are often in
/// capitals, `CHARGÉ(E)`).
const ENDINGS: &[&str] = &[
    "e", "es", "s", "a", "as", "ve", "ves", "ne", "nes", "le", "les", "se", "ses", "te", "tes",
    "euse", "euses", "rice", "rices", "trice", "trices", "ère", "ères", "ice", "ices",
];

/// Endings found after a slash (`coordinador/a`, `collaborateur/trice`), lower case only:
/// between two words a slash is more often an alternative (`HIV/AIDS`, `emploi/stage`).
const SLASH_ENDINGS: &[&str] = &[
    "a", "as", "e", "es", "ve", "ne", "euse", "rice", "trice", "ère",
];

/// Endings found after a full stop (`expert.e`, `coordinateur.trice`), lower case only.
/// `s` is not one (`U.S`), except after another ending (`expert.e.s`).
const DOT_ENDINGS: &[&str] = &[
    "e", "es", "ve", "ves", "ne", "nes", "le", "les", "euse", "euses", "rice", "rices", "trice",
    "trices", "ère", "ères",
];

/// The letters `text` begins with (possibly none).
fn letters(text: &str) -> &str {
    let len = text
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    &text[..len]
}

/// Whether `word` is one of `endings`, ignoring case when `any_case`.
fn is_ending(word: &str, endings: &[&str], any_case: bool) -> bool {
    if word.is_empty() || word.len() > 6 {
        return false;
    }
    let word = match any_case {
        true => Cow::Owned(word.to_lowercase()),
        false => Cow::Borrowed(word),
    };
    endings.contains(&&*word)
}

/// Whether `word` is an ending written after a slash (`a` of `coordinador/a`, `trice` of
/// `collaborateur/trice`), rather than a word of its own.
#[must_use]
pub fn is_slash_ending(word: &str) -> bool {
    is_ending(word, SLASH_ENDINGS, false)
}

/// Where the endings written onto the word that ends at byte `end` of `text` end: past
/// `(e)`, `(ve)`, `·trice`, `.e.s`, `/a`... (repeated, as in `chargé(e)s` or `expert·e·s`),
/// or `end` itself when none follows. An ending must itself end the word: `.est` or
/// `(ed.)` are not endings.
#[must_use]
pub fn ending_end(text: &str, end: usize) -> usize {
    let mut at = end;
    let mut after_ending = false;
    loop {
        let rest = &text[at..];
        let next = if let Some(inner) = rest.strip_prefix('(') {
            let word = letters(inner);
            let close = 1 + word.len();
            (is_ending(word, ENDINGS, true) && rest[close..].starts_with(')'))
                .then_some(at + close + 1)
        } else if let Some(inner) = rest.strip_prefix('\u{b7}') {
            let word = letters(inner);
            is_ending(word, ENDINGS, true).then_some(at + '\u{b7}'.len_utf8() + word.len())
        } else if let Some(inner) = rest.strip_prefix('.') {
            let word = letters(inner);
            let known = is_ending(word, DOT_ENDINGS, false) || (after_ending && word == "s");
            known.then_some(at + 1 + word.len())
        } else if let Some(inner) = rest.strip_prefix('/') {
            let word = letters(inner);
            is_ending(word, SLASH_ENDINGS, false).then_some(at + 1 + word.len())
        } else if after_ending {
            // Letters right after a closing parenthesis: `chargé(e)s`.
            let word = letters(rest);
            (text[..at].ends_with(')') && is_ending(word, ENDINGS, true)).then_some(at + word.len())
        } else {
            None
        };
        // The ending must end the word: no letter or digit right after it.
        match next {
            Some(next)
                if !text[next..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
                    || text[..next].ends_with(')') =>
            {
                at = next;
                after_ending = true;
            }
            _ => return at,
        }
    }
}

/// `text` without the parenthesised endings written onto its words (`chargé(e)` becomes
/// `chargé`), which the query grammar would read as a group; other parentheses stay.
#[must_use]
pub fn strip_parenthesised(text: &str) -> Cow<'_, str> {
    if !text.contains('(') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, c) in text.char_indices() {
        if c != '(' || at < copied {
            continue;
        }
        let follows_word = text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if !follows_word {
            continue;
        }
        let end = ending_end(text, at);
        if end > at {
            out.push_str(&text[copied..at]);
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `word` up to where its endings end.
    fn kept(word: &str, end: usize) -> &str {
        &word[ending_end(word, end)..]
    }

    #[test]
    fn endings_written_onto_words_are_skipped() {
        for (text, word) in [
            ("chargé(e)", "chargé"),
            ("CHARGÉ(E)", "CHARGÉ"),
            ("administratif(ve)", "administratif"),
            ("Coordinateur(trice)", "Coordinateur"),
            ("chargé(e)s", "chargé"),
            ("year(s)", "year"),
            ("coordinateur·trice", "coordinateur"),
            ("expert·e·s", "expert"),
            ("expert.e", "expert"),
            ("expert.e.s", "expert"),
            ("Coordinateur.trice", "Coordinateur"),
            ("coordinador/a", "coordinador"),
            ("collaborateur/trice", "collaborateur"),
        ] {
            assert_eq!(kept(text, word.len()), "", "{text}");
        }
        assert_eq!(kept("chargé(e) de", "chargé".len()), " de");
        assert_eq!(kept("chargé.e, et", "chargé".len()), ", et");
    }

    #[test]
    fn other_punctuation_after_a_word_is_left() {
        for (text, word) in [
            ("Tunis (TUN)", "Tunis"),
            ("UNICEF(Kenya)", "UNICEF"),
            ("HIV/AIDS", "HIV"),
            ("emploi/stage", "emploi"),
            ("U.S", "U"),
            ("www.ilo.org", "www"),
            ("the end.Elle", "the end"),
            ("chargé.est", "chargé"),
            ("f(x)", "f"),
            ("chargé(e", "chargé"),
            ("P-2", "P"),
        ] {
            assert_eq!(
                ending_end(text, word.len()),
                word.len(),
                "{text} keeps what follows {word}"
            );
        }
    }

    #[test]
    fn parenthesised_endings_leave_the_query_text() {
        assert_eq!(
            strip_parenthesised("chargé(e) de communication"),
            "chargé de communication"
        );
        assert_eq!(
            strip_parenthesised("Assistant(e) administratif(ve)"),
            "Assistant administratif"
        );
        assert_eq!(strip_parenthesised("officer(s)"), "officer");
        // Groups and parenthesised words are the grammar's.
        for text in ["(a OR b) c", "Tunis (TUN)", "x AND (y)", "f(x)", "plain"] {
            assert!(
                matches!(strip_parenthesised(text), Cow::Borrowed(_)),
                "{text}"
            );
            assert_eq!(strip_parenthesised(text), text);
        }
    }
}
