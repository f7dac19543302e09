//! Splitting text into words, with elided articles and possessives removed.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::inclusive;

/// Apostrophes found in real notices: ASCII, typographic right quote, modifier letter.
const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{02BC}'];

fn is_apostrophe(c: char) -> bool {
    APOSTROPHES.contains(&c)
}

/// A word is a run of letters and digits; an apostrophe between two of them stays inside the
/// word (`aujourd'hui`), except where it follows one of the language's elided articles
/// (`l'emploi` gives `emploi`, `qu’il` gives `il`) or starts an English possessive
/// (`organization's` gives `organization`). Gender and number endings written onto a word
/// (`chargé(e)`, `coordinateur·trice`, `year(s)`) are skipped with it (see
/// [`super::inclusive`]). Offsets always point at the emitted text, so highlighting marks
/// `emploi`, not `l'emploi`.
#[derive(Clone, Debug, Default)]
pub struct WordTokenizer {
    elisions: &'static [&'static str],
    strip_possessive: bool,
    token: Token,
}

impl WordTokenizer {
    /// A tokenizer that removes the given elided articles (lower case, without apostrophe).
    #[must_use]
    pub fn with_elisions(elisions: &'static [&'static str]) -> Self {
        WordTokenizer {
            elisions,
            ..WordTokenizer::default()
        }
    }

    /// Also removes a trailing `'s` (English possessive).
    #[must_use]
    pub fn strip_possessive(mut self) -> Self {
        self.strip_possessive = true;
        self
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        self.token.position = usize::MAX;
        WordStream {
            text,
            cursor: 0,
            hyphen: None,
            curly: false,
            elisions: self.elisions,
            strip_possessive: self.strip_possessive,
            token: &mut self.token,
        }
    }
}

/// The token stream of [`WordTokenizer`].
pub struct WordStream<'a> {
    text: &'a str,
    cursor: usize,
    /// Where the current word holds a hyphen left out of its term (a grade code, `P-3`).
    hyphen: Option<usize>,
    /// Whether the current word holds a typographic apostrophe, normalised to `'`.
    curly: bool,
    elisions: &'static [&'static str],
    strip_possessive: bool,
    token: &'a mut Token,
}

impl WordStream<'_> {
    /// Finds the next word as a byte range, or `None` at the end of the text.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        self.hyphen = None;
        let base = self.next_start()?;
        // Most words are ASCII letters and digits ended by ASCII punctuation or white space:
        // such a word is found byte by byte. Any other ending (an apostrophe, a character
        // beyond ASCII) is left to the general loop below, from the word's start.
        let bytes = self.text.as_bytes();
        let end = base
            + bytes[base..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len() - base);
        if bytes.get(end).is_none_or(|b| b.is_ascii() && *b != b'\'') {
            self.curly = false;
            self.cursor = match bytes.get(end) {
                Some(b'(' | b'.' | b'/') => inclusive::ending_end(self.text, end),
                Some(b'-') => return Some(self.code_or_word(base, end)),
                _ => end,
            };
            return Some((base, end));
        }
        self.word_from(base)
    }

    /// The word starting at `base` (see [`WordStream::next_word`]), character by character.
    fn word_from(&mut self, base: usize) -> Option<(usize, usize)> {
        self.hyphen = None;
        let mut start = base;
        let mut end = base;
        self.curly = false;
        let mut chars = self.text[base..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = base + i;
            if c.is_alphanumeric() {
                end = at + c.len_utf8();
                continue;
            }
            let joins = is_apostrophe(c)
                && chars
                    .peek()
                    .is_some_and(|&(_, next)| next.is_alphanumeric());
            if !joins {
                break;
            }
            let after = at + c.len_utf8();
            if self.is_elision(&self.text[start..at]) {
                // Drop the article and its apostrophe: the word starts after it.
                start = after;
                end = after;
            } else if self.strip_possessive && self.is_possessive_s(after) {
                self.cursor = after + 1;
                return Some((start, end));
            } else {
                end = after;
                self.curly |= c != '\'';
            }
        }
        self.cursor = end.max(start);
        if end == start {
            // Only an article with nothing after it: move on.
            return self.next_word();
        }
        if self.text.as_bytes().get(end) == Some(&b'-') {
            return Some(self.code_or_word(start, end));
        }
        self.cursor = inclusive::ending_end(self.text, end);
        Some((start, end))
    }

    /// The word `start..end`, followed by a hyphen: with what follows the hyphen when the
    /// two make a grade code (see [`code_end`]), the hyphen left out of the term; the word
    /// alone otherwise.
    fn code_or_word(&mut self, start: usize, end: usize) -> (usize, usize) {
        match code_end(self.text, start, end) {
            Some(code_end) => {
                self.hyphen = Some(end);
                self.cursor = code_end;
                (start, code_end)
            }
            None => {
                self.cursor = end;
                (start, end)
            }
        }
    }

    /// Where the next word starts (its first letter or digit), or `None` at the end of the
    /// text.
    fn next_start(&self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut at = self.cursor;
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    return Some(at);
                }
                at += 1;
            } else {
                let c = self.text[at..].chars().next()?;
                if c.is_alphanumeric() {
                    return Some(at);
                }
                at += c.len_utf8();
            }
        }
        None
    }

    fn is_elision(&self, head: &str) -> bool {
        !self.elisions.is_empty()
            && head.len() <= 8
            && self
                .elisions
                .iter()
                .any(|article| head.eq_ignore_ascii_case(article))
    }

    /// True when the byte at `at` is an `s` that ends the word.
    fn is_possessive_s(&self, at: usize) -> bool {
        let rest = &self.text[at..];
        let mut chars = rest.chars();
        matches!(chars.next(), Some('s' | 'S')) && !chars.next().is_some_and(char::is_alphanumeric)
    }
}

/// Where a grade code written with a hyphen ends, when the word `start..end` of `text` and
/// what follows its hyphen make one: one to three capital letters, then one or two digits
/// (`P-3`, `G-5`, `GS-6`, `ICS-10`) or, after `NO`, one letter (`NO-B`, a national
/// officer's grade). Notices write `P3` and `P-3` alike; read as one term, either finds both.
/// `UN-Habitat`, `COVID-19` and `e-learning` stay two words.
fn code_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let word = &text.as_bytes()[start..end];
    if word.is_empty() || word.len() > 3 || !word.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let after = text.as_bytes().get(end + 1..)?;
    let tail = after
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let code = &after[..tail];
    let digits = (1..=2).contains(&code.len()) && code.iter().all(u8::is_ascii_digit);
    let letter = word == b"NO" && code.len() == 1 && code[0].is_ascii_uppercase();
    // The code must end the word: not followed by an apostrophe or a letter beyond ASCII.
    let ends = text[end + 1 + tail..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() && !is_apostrophe(c));
    ((digits || letter) && ends).then_some(end + 1 + tail)
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        match self.next_word() {
            Some((from, to)) => {
                self.token.text.clear();
                match self.hyphen {
                    Some(hyphen) => {
                        self.token.text.push_str(&self.text[from..hyphen]);
                        self.token.text.push_str(&self.text[hyphen + 1..to]);
                    }
                    None => self.token.text.push_str(&self.text[from..to]),
                }
                if self.curly {
                    for a in &APOSTROPHES[1..] {
                        if self.token.text.contains(*a) {
                            self.token.text = self.token.text.replace(*a, "'");
                        }
                    }
                }
                self.token.offset_from = from;
                self.token.offset_to = to;
                self.token.position = self.token.position.wrapping_add(1);
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(tokenizer: &mut WordTokenizer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn splits_on_punctuation_and_keeps_offsets() {
        let mut t = WordTokenizer::default();
        assert_eq!(
            words(&mut t, "P 2, Tunis (TUN)"),
            vec![
                ("P".into(), 0, 1, 0),
                ("2".into(), 2, 3, 1),
                ("Tunis".into(), 5, 10, 2),
                ("TUN".into(), 12, 15, 3),
            ]
        );
    }

    #[test]
    fn french_elisions_with_both_apostrophes() {
        let mut t = WordTokenizer::with_elisions(&["l", "d", "qu"]);
        assert_eq!(
            words(&mut t, "l'emploi d’expérience qu'il aujourd'hui"),
            vec![
                ("emploi".into(), 2, 8, 0),
                ("expérience".into(), 13, 24, 1),
                ("il".into(), 28, 30, 2),
                ("aujourd'hui".into(), 31, 42, 3),
            ]
        );
    }

    #[test]
    fn article_alone_and_trailing_apostrophe() {
        let mut t = WordTokenizer::with_elisions(&["l"]);
        assert_eq!(
            words(&mut t, "l' x' "),
            vec![("l".into(), 0, 1, 0), ("x".into(), 3, 4, 1)]
        );
    }

    #[test]
    fn typographic_apostrophes_inside_words_become_plain() {
        let mut t = WordTokenizer::default();
        assert_eq!(
            words(&mut t, "aujourd’hui rock’n'roll"),
            vec![
                ("aujourd'hui".into(), 0, 13, 0),
                ("rock'n'roll".into(), 14, 27, 1),
            ]
        );
    }

    #[test]
    fn english_possessive() {
        let mut t = WordTokenizer::default().strip_possessive();
        assert_eq!(
            words(&mut t, "UNICEF's staff’s sons"),
            vec![
                ("UNICEF".into(), 0, 6, 0),
                ("staff".into(), 9, 14, 1),
                ("sons".into(), 19, 23, 2),
            ]
        );
    }

    #[test]
    fn endings_written_onto_words_are_not_words() {
        let mut t = WordTokenizer::with_elisions(&["l", "d"]);
        assert_eq!(
            words(
                &mut t,
                "Chargé(e) de programme, expert·e·s et coordinador/a (TUN)"
            ),
            vec![
                ("Chargé".into(), 0, 7, 0),
                ("de".into(), 11, 13, 1),
                ("programme".into(), 14, 23, 2),
                ("expert".into(), 25, 31, 3),
                ("et".into(), 38, 40, 4),
                ("coordinador".into(), 41, 52, 5),
                ("TUN".into(), 56, 59, 6),
            ]
        );
        assert_eq!(
            words(&mut t, "year(s) HIV/AIDS")
                .into_iter()
                .map(|w| w.0)
                .collect::<Vec<_>>(),
            ["year", "HIV", "AIDS"]
        );
    }

    #[test]
    fn grade_codes_written_with_a_hyphen_are_one_word() {
        let mut t = WordTokenizer::default();
        assert_eq!(
            words(&mut t, "P-3, GS-6 et NO-B; ICS-10."),
            vec![
                ("P3".into(), 0, 3, 0),
                ("GS6".into(), 5, 9, 1),
                ("et".into(), 10, 12, 2),
                ("NOB".into(), 13, 17, 3),
                ("ICS10".into(), 19, 25, 4),
            ]
        );
        for (text, kept) in [
            ("UN-Habitat", &["UN", "Habitat"][..]),
            ("COVID-19", &["COVID", "19"]),
            ("e-learning", &["e", "learning"]),
            ("p-3", &["p", "3"]),
            ("P-300", &["P", "300"]),
            ("P-3a", &["P", "3a"]),
            ("AB-C", &["AB", "C"]),
            ("P-", &["P"]),
        ] {
            let found: Vec<String> = words(&mut t, text).into_iter().map(|w| w.0).collect();
            assert_eq!(found, kept, "{text}");
        }
    }

    /// The words of `text` found by the general loop alone, as [`words`] gives them.
    fn words_char_by_char(
        tokenizer: &mut WordTokenizer,
        text: &str,
    ) -> Vec<(String, usize, usize, usize)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(base) = stream.next_start() {
            let Some((from, to)) = stream.word_from(base) else {
                break;
            };
            let mut word = match stream.hyphen {
                Some(hyphen) => format!("{}{}", &text[from..hyphen], &text[hyphen + 1..to]),
                None => text[from..to].to_owned(),
            };
            if stream.curly {
                word = word.replace(['\u{2019}', '\u{02BC}'], "'");
            }
            out.push((word, from, to, out.len()));
        }
        out
    }

    proptest::proptest! {
        /// Words found byte by byte are those the general loop finds.
        #[test]
        fn ascii_words_are_found_as_the_general_loop_finds_them(
            text in "[a-zA-Z0-9 ,.'’ʼ-]{0,12}(l'|d’|qu'|'s |é|ü |İ|\\.|[a-z]|\\(e\\)|\\(s|·e|\\.e|/a|\\.|P-3|NO-B|-1é){0,6}[a-z' ]{0,8}",
        ) {
            for tokenizer in [
                WordTokenizer::default(),
                WordTokenizer::with_elisions(&["l", "d", "qu"]),
                WordTokenizer::default().strip_possessive(),
            ] {
                let mut a = tokenizer.clone();
                let mut b = tokenizer;
                proptest::prop_assert_eq!(words(&mut a, &text), words_char_by_char(&mut b, &text));
            }
        }
    }

    #[test]
    fn empty_and_symbol_only_text() {
        let mut t = WordTokenizer::default();
        assert!(words(&mut t, "").is_empty());
        assert!(words(&mut t, ";, - ' ’").is_empty());
    }
}
