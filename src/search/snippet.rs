//! Snippets: the part of a posting's body shown under its title.

use std::collections::BTreeMap;
use std::ops::Range;

use tantivy::query::{Bm25StatisticsProvider, Query};
use tantivy::schema::Field;
use tantivy::tokenizer::{TokenStream, Tokenizer};
use tantivy::{Score, Term};

use crate::analysis::{CachedAnalyzer, Lang};
use crate::Result;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;

/// Bytes of a body analysed for one snippet. Bodies run to 15 kB and analysing text is
/// most of a search's cost, so the body is first scanned (without analysis) for places where
/// a query term may start, and only a window from the first such place is analysed.
pub const SNIPPET_WINDOW: usize = 2_000;

/// Bytes of a body folded and scanned at a time.
const SCAN_BYTES: usize = 2_000;

/// Bytes of context kept before the first possible match.
const LEAD_BYTES: usize = 120;

/// Most prefixes a body is scanned for. A prefix query stands for hundreds of terms (see
/// `search::prefix`); past this many, the prefixes are shortened until as few begin them all
/// (a shorter one finds every place a longer one does, and some more).
const MAX_NEEDLES: usize = 24;

/// Longest term prefix looked for when scanning a body (longer prefixes, fewer windows
/// analysed for nothing: `stat` would stop at every `state` for `statistician`).
const PREFIX_BYTES: usize = 8;

/// Snippets of one field's text for one query.
pub struct Highlighter {
    /// The field's analyzer (see [`Highlighter::create`]), kept from one snippet to the
    /// next.
    analyzer: CachedAnalyzer,
    /// The query's terms on the field, with what each adds to a fragment's score.
    terms: TermScores,
    /// The first bytes of each query term, folded like [`fold`] folds the text.
    prefixes: Vec<memchr::memmem::Finder<'static>>,
    /// Each term's [`crate::analysis::term_start`], folded: a word that begins with none
    /// (and folds to ASCII) gives no term (see [`Highlighter::matches`]).
    starts: Vec<memchr::memmem::Finder<'static>>,
}

impl Highlighter {
    /// The highlighter of `query`'s terms on `field`, whose text `lang`'s analyzer analyses;
    /// each term's weight in a fragment comes from its document count in `statistics`.
    ///
    /// The text is analysed by [`Lang::cached_analyzer_finding`] the terms (kept from one
    /// snippet to the next): a word that cannot give one of them is not analysed, and the
    /// snippet is the one the whole analyzer gives.
    pub fn create(
        statistics: &dyn Bm25StatisticsProvider,
        query: &dyn Query,
        field: Field,
        lang: Lang,
    ) -> Result<Highlighter> {
        let mut terms: BTreeMap<String, Score> = BTreeMap::new();
        // Each term, and whether it is sought as a word of its own (not only in a phrase).
        let mut found: Vec<(Term, bool)> = Vec::new();
        query.query_terms(&mut |term, in_phrase| {
            if term.field() == field {
                found.push((term.clone(), !in_phrase));
            }
        });
        let words: Vec<&Term> = found
            .iter()
            .filter(|(_, word)| *word)
            .map(|(term, _)| term)
            .collect();
        for (term, _) in &found {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            // A function word of another language met only inside a phrase (`de` and `la` of
            // `tecnologías de la información`, a synonym's Spanish form searched in English
            // fields) is not marked alone: a snippet would show `<mark>de</mark>` in an English
            // posting that lacks the phrase, and scanning for its one letter would stop at
            // every word beginning with `d`.
            if crate::analysis::is_function_word(text) && !words.contains(&term) {
                continue;
            }
            let doc_freq = statistics.doc_freq(term)?;
            if doc_freq > 0 && !text.is_empty() {
                terms.insert(text.to_owned(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
        let analyzer = lang.cached_analyzer_finding(terms.keys().map(String::as_str));
        Ok(Highlighter::new(terms, analyzer))
    }

    /// The highlighter of `terms` (each with its score in a fragment), found by `analyzer`.
    fn new(terms: BTreeMap<String, Score>, analyzer: CachedAnalyzer) -> Highlighter {
        let prefixes: Vec<Vec<u8>> = terms
            .keys()
            .map(|term| {
                // Snowball rewrites at most a term's last two letters (`application` →
                // `appliqu`): its `term_start` begins every matching word. Shorter starts
                // than three bytes would stop the scan at too many words: a term of up to
                // five bytes is looked for by its first three, which a word whose stem
                // rewrote one of them (`dying` → `die`) lacks; its snippet is then the
                // leading excerpt.
                let start = crate::analysis::term_start(term).len();
                let mut end = start.max(term.len().min(3)).min(PREFIX_BYTES);
                while !term.is_char_boundary(end) {
                    end += 1;
                }
                fold(&term[..end])
            })
            .filter(|prefix| !prefix.is_empty())
            .collect();
        let starts = terms
            .keys()
            .map(|term| fold(crate::analysis::term_start(term)))
            .filter(|start| !start.is_empty())
            .collect();
        Highlighter {
            starts: finders(needles(starts)),
            prefixes: finders(needles(prefixes)),
            analyzer,
            terms: TermScores::new(terms),
        }
    }

    /// The snippet of `body`: the best fragment of the first window holding a match,
    /// matches in `<mark>`, HTML-escaped; the leading excerpt when nothing in the body
    /// matches.
    #[must_use]
    pub fn snippet(&mut self, body: &str) -> String {
        if self.prefixes.is_empty() {
            return leading_excerpt(body);
        }
        // The body is folded and scanned piece by piece: most matches are near the start.
        let mut from = 0;
        while from < body.len() {
            let piece_end = next_space(body, from + SCAN_BYTES);
            let piece = Folded::of(&body[from..piece_end]);
            let Some(found) = self
                .prefixes
                .iter()
                .filter_map(|finder| {
                    finder
                        .find_iter(&piece.bytes)
                        .find(|&i| may_begin_word(body, from + piece.origin(i)))
                })
                .min()
            else {
                from = piece_end;
                continue;
            };
            let at = from + piece.origin(found);
            let lead = at.saturating_sub(LEAD_BYTES);
            let start = if lead == 0 {
                0
            } else {
                next_space(body, lead).min(at)
            };
            let end = next_space(body, at + SNIPPET_WINDOW);
            let window = &body[start..end];
            if let Some(best) = self.best_fragment(window) {
                return best.to_html(window);
            }
            // A prefix inside other words only: look again after this window.
            from = end;
        }
        leading_excerpt(body)
    }

    /// The best fragment of `text`: the text is cut into fragments of at most
    /// [`SNIPPET_CHARS`] bytes, each begun by the first token that does not fit in the one
    /// before, and the fragment whose terms score highest wins, the first one on a tie.
    /// `None` when no token is a query term.
    ///
    /// This is what tantivy's `SnippetGenerator` does, without analysing every word: the
    /// matches are found among the words that may give a term ([`Highlighter::matches`]),
    /// and the fragments' bounds by analysing the few words around each
    /// ([`first_token_past`]); only the winner's own words are analysed for its
    /// end.
    fn best_fragment(&mut self, text: &str) -> Option<Fragment> {
        let matches = self.matches(text);
        let analyzer = &mut self.analyzer;
        let mut best: Option<(Fragment, usize)> = None;
        let mut next = 0;
        let mut start = 0;
        while next < matches.len() {
            let bound = first_token_past(analyzer, text, start, start + SNIPPET_CHARS);
            let end = bound.unwrap_or(text.len());
            let mut fragment = Fragment::starting_at(start);
            while let Some((range, score)) = matches.get(next).filter(|(r, _)| r.start < end) {
                fragment.score += score;
                fragment.marks.push(range.clone());
                next += 1;
            }
            if fragment.score > 0.0 && best.as_ref().is_none_or(|(b, _)| fragment.score > b.score) {
                best = Some((fragment, end));
            }
            match bound {
                Some(bound) => start = bound,
                None => break,
            }
        }
        let (mut fragment, end) = best?;
        // The fragment ends where its last token does (the text is not cut at `end`: a word
        // cut there could read as another token).
        let start = fragment.range.start;
        let mut tokens = analyzer.token_stream(&text[start..]);
        while let Some(token) = tokens.next().filter(|t| start + t.offset_from < end) {
            fragment.range.end = start + token.offset_to;
        }
        Some(fragment)
    }

    /// Every token of `text` that is a query term, in order, with its score: the words that
    /// begin with a term's start (or fold beyond ASCII) are analysed, the others cannot give
    /// a term (see [`crate::analysis::term_start`]).
    fn matches(&mut self, text: &str) -> Vec<(Range<usize>, Score)> {
        let folded = Folded::of(text);
        // Letters folding beyond ASCII are rare: looked for only in a text that has some.
        let beyond = if folded.bytes.is_ascii() {
            &[][..]
        } else {
            &folded.bytes[..]
        };
        let mut places: Vec<usize> = self
            .starts
            .iter()
            .flat_map(|finder| finder.find_iter(&folded.bytes))
            .chain(
                beyond
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| !b.is_ascii())
                    .map(|(i, _)| i),
            )
            .map(|i| folded.origin(i))
            .filter(|&at| may_begin_word(text, at) || !text.as_bytes()[at].is_ascii())
            .collect();
        places.sort_unstable();
        places.dedup();
        let mut found: Vec<(Range<usize>, Score)> = Vec::new();
        for at in places {
            if found.last().is_some_and(|(r, _)| at < r.end) {
                continue;
            }
            // Words never span white space: the stream from the last one finds the word at
            // `at` as the stream over the whole text does.
            let from = text[..at].rfind(char::is_whitespace).unwrap_or(0);
            let mut tokens = self.analyzer.token_stream(&text[from..]);
            while let Some(token) = tokens.next() {
                if from + token.offset_to <= at {
                    continue;
                }
                if from + token.offset_from <= at {
                    if let Some(score) = self.terms.score(&token.text) {
                        found.push((from + token.offset_from..from + token.offset_to, score));
                    }
                }
                break;
            }
        }
        found
    }
}

/// The query terms of one field, each with the score it adds to a fragment (the inverse of
/// its postings count, as tantivy scores snippet fragments), found by length, then bytes.
struct TermScores {
    /// `by_len[n]`: the terms of `n` bytes.
    by_len: Vec<Vec<(Box<str>, Score)>>,
}

impl TermScores {
    fn new(terms: BTreeMap<String, Score>) -> TermScores {
        let mut by_len: Vec<Vec<(Box<str>, Score)>> = Vec::new();
        for (term, score) in terms {
            if by_len.len() <= term.len() {
                by_len.resize_with(term.len() + 1, Vec::new);
            }
            by_len[term.len()].push((term.into_boxed_str(), score));
        }
        TermScores { by_len }
    }

    /// The score of the token `text`, lower-cased, if it is a term.
    fn score(&self, text: &str) -> Option<Score> {
        if !text.is_ascii() {
            return self.exact(&text.to_lowercase());
        }
        // Lower-casing ASCII keeps its length: no term of this length, no match (most
        // tokens). Analysers lower-case their tokens; the check keeps the look-up exact.
        if self.by_len.get(text.len()).is_none_or(Vec::is_empty) {
            return None;
        }
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.exact(&text.to_ascii_lowercase());
        }
        self.exact(text)
    }

    fn exact(&self, text: &str) -> Option<Score> {
        let same_len = self.by_len.get(text.len())?;
        same_len
            .iter()
            .find(|(term, _)| term.as_bytes() == text.as_bytes())
            .map(|&(_, score)| score)
    }
}

/// A run of tokens of a window that may become its snippet.
struct Fragment {
    /// Bytes of the window.
    range: Range<usize>,
    /// Sum of the scores of its query terms.
    score: Score,
    /// Where its query terms stand in the window, in order.
    marks: Vec<Range<usize>>,
}

impl Fragment {
    fn starting_at(start: usize) -> Fragment {
        Fragment {
            range: start..start,
            score: 0.0,
            marks: Vec::new(),
        }
    }

    /// The fragment of `window` as HTML: escaped, its terms in `<mark>` (overlapping marks
    /// merged).
    fn to_html(&self, window: &str) -> String {
        let mut html = String::with_capacity(self.range.len() + 64);
        let mut from = self.range.start;
        let mut marks = self.marks.clone();
        marks.sort_by_key(|m| (m.start, m.end));
        marks.dedup();
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
        for mark in marks {
            match merged.last_mut() {
                Some(last) if last.end > mark.start => last.end = last.end.max(mark.end),
                _ => merged.push(mark),
            }
        }
        for mark in merged {
            escape_html_into(&mut html, &window[from..mark.start]);
            html.push_str("<mark>");
            escape_html_into(&mut html, &window[mark.clone()]);
            html.push_str("</mark>");
            from = mark.end;
        }
        escape_html_into(&mut html, &window[from..self.range.end]);
        html
    }
}

/// The fewest of `prefixes` that find every place one of them does (a prefix that another
/// begins is left out), shortened until at most [`MAX_NEEDLES`] remain.
fn needles(mut prefixes: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let mut len = PREFIX_BYTES;
    loop {
        prefixes.sort();
        prefixes.dedup();
        // Sorted, the prefixes that one begins follow it.
        let mut kept: Vec<Vec<u8>> = Vec::with_capacity(prefixes.len());
        for prefix in prefixes {
            if !kept.last().is_some_and(|k| prefix.starts_with(k)) {
                kept.push(prefix);
            }
        }
        if kept.len() <= MAX_NEEDLES || len <= 1 {
            return kept;
        }
        len -= 1;
        prefixes = kept
            .into_iter()
            .map(|mut prefix| {
                prefix.truncate(len);
                prefix
            })
            .collect();
    }
}

/// A searcher for each of `needles`.
fn finders(needles: Vec<Vec<u8>>) -> Vec<memchr::memmem::Finder<'static>> {
    needles
        .iter()
        .map(|needle| memchr::memmem::Finder::new(needle).into_owned())
        .collect()
}

/// A text folded as the analyzers fold it ([`crate::posting::text::fold_letter`]:
/// `Évaluation` → `evaluation`, `œuvre` → `oeuvre`), with where each folded byte comes from
/// in the text, for finding where a term may occur.
struct Folded {
    /// The folded bytes.
    bytes: Vec<u8>,
    /// Where the folded bytes come from, in order: each run of ASCII and each other character
    /// of the text. Empty when the text is ASCII, whose folded bytes stand where the text's
    /// do (most bodies: nothing is recorded then).
    pieces: Vec<Piece>,
}

/// A run of ASCII of a text or one other character, and the folded bytes it gave.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// The first folded byte it gave.
    folded: u32,
    /// Its offset in the text.
    text: u32,
    /// One character: each of its folded bytes comes from its offset. A run of ASCII: each
    /// folded byte comes from the byte of the text it lower-cases.
    letter: bool,
}

impl Folded {
    fn of(text: &str) -> Folded {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return Folded {
                bytes: bytes.to_ascii_lowercase(),
                pieces: Vec::new(),
            };
        }
        let mut folded = Vec::with_capacity(text.len());
        let mut pieces = Vec::new();
        let mut letter = String::with_capacity(4);
        let mut at = 0;
        while at < bytes.len() {
            // Runs of ASCII (most of any body) are copied and lower-cased at once.
            let run_end = at + ascii_run(&bytes[at..]);
            if run_end > at {
                pieces.push(Piece {
                    folded: folded.len() as u32,
                    text: at as u32,
                    letter: false,
                });
                let from = folded.len();
                folded.extend_from_slice(&bytes[at..run_end]);
                folded[from..].make_ascii_lowercase();
            }
            let Some(c) = text[run_end..].chars().next() else {
                break;
            };
            letter.clear();
            crate::posting::text::fold_letter(c, &mut letter);
            pieces.push(Piece {
                folded: folded.len() as u32,
                text: run_end as u32,
                letter: true,
            });
            folded.extend_from_slice(letter.as_bytes());
            at = run_end + c.len_utf8();
        }
        Folded {
            bytes: folded,
            pieces,
        }
    }

    /// The offset in the text of folded byte `i`.
    fn origin(&self, i: usize) -> usize {
        // The last piece beginning at or before `i` gave it (a character that folds to
        // nothing begins where the next piece does, and gives no byte).
        let Some(at) = self
            .pieces
            .partition_point(|p| p.folded as usize <= i)
            .checked_sub(1)
        else {
            return i;
        };
        let piece = self.pieces[at];
        if piece.letter {
            piece.text as usize
        } else {
            piece.text as usize + (i - piece.folded as usize)
        }
    }
}

/// `text` folded (see [`Folded`]), for terms.
fn fold(text: &str) -> Vec<u8> {
    Folded::of(text).bytes
}

/// How many bytes `bytes` begins with are ASCII, read eight at a time.
fn ascii_run(bytes: &[u8]) -> usize {
    let mut run = 0;
    for word in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        run += 8;
    }
    run + bytes[run..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - run)
}

/// Whether a word may begin at byte `at` of `text`: at its start, or after a character that
/// is not a letter or a digit. Words are runs of letters and digits (see
/// [`crate::analysis::WordTokenizer`]), so a term's prefix found inside a run
/// (`communic` in `telecommunications`) cannot begin a matching word, and its window need
/// not be analysed. An apostrophe may join two runs into one word (`aujourd'hui`); a prefix
/// after one is kept, which costs at most a window analysed for nothing.
fn may_begin_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Where the first token of `text` at or after byte `from` (a token's start, or a place no
/// word spans) that ends past byte `limit` starts: the first token of the fragment after
/// the one starting at `from`. `None` when no token ends past `limit`.
fn first_token_past(
    analyzer: &mut CachedAnalyzer,
    text: &str,
    from: usize,
    limit: usize,
) -> Option<usize> {
    if limit >= text.len() {
        return None;
    }
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    // Tokens before the last white space up to `limit` end by `limit`.
    let start = text[from..cut]
        .rfind(char::is_whitespace)
        .map_or(from, |i| from + i);
    let mut tokens = analyzer.token_stream(&text[start..]);
    while let Some(token) = tokens.next() {
        if start + token.offset_to > limit {
            return Some(start + token.offset_from);
        }
    }
    None
}

/// The first whitespace at or after byte `at` of `text` (on a char boundary), or its end: a
/// cut there splits no word.
fn next_space(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut at = at;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |space| at + space)
}

/// A snippet for a terminal: `<mark>` as `[`, `</mark>` as `]`, the entities
/// [`escape_html`] writes decoded, white space collapsed.
#[must_use]
pub fn plain_snippet(html: &str) -> String {
    let html = html.split_whitespace().collect::<Vec<_>>().join(" ");
    html.replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Escapes text for HTML.
#[must_use]
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_html_into(&mut out, text);
    out
}

/// [`escape_html`] onto the end of `out`: the runs between markup characters are copied
/// whole (snippets are escaped on every search).
fn escape_html_into(out: &mut String, text: &str) {
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // `at` is an ASCII byte's offset: a character boundary.
        out.push_str(&text[from..at]);
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(&text[from..]);
}

/// The beginning of `body`, cut at a word boundary near [`SNIPPET_CHARS`], HTML-escaped:
/// the snippet when nothing in the body matched (or when browsing).
#[must_use]
pub fn leading_excerpt(body: &str) -> String {
    match collapsed_head(body, SNIPPET_CHARS) {
        (head, true) => format!("{}…", escape_html(&head)),
        (whole, false) => escape_html(&whole),
    }
}

/// The beginning of `text` with its white space collapsed to single spaces: all of it when
/// that has at most `chars` characters (and `false`), else what comes before the last space
/// before its `chars`th character (and `true`: it was cut). Only the words before the cut
/// are read, not the whole of a long body.
#[must_use]
pub fn collapsed_head(text: &str, chars: usize) -> (String, bool) {
    let mut out = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            count += 1;
        }
        out.push_str(word);
        count += word.chars().count();
        if count > chars {
            let cut = out.char_indices().nth(chars).map_or(out.len(), |(i, _)| i);
            let end = out[..cut].rfind(' ').unwrap_or(cut);
            out.truncate(end);
            return (out, true);
        }
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_collapsed_head_is_that_of_the_whole_collapsed_text() {
        // The whole text collapsed, then cut, as it was done before.
        fn whole_then_cut(text: &str, chars: usize) -> (String, bool) {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            match flat.char_indices().nth(chars) {
                None => (flat, false),
                Some((cut, _)) => {
                    let head = &flat[..cut];
                    (
                        head.rfind(' ').map_or(head, |s| &head[..s]).to_owned(),
                        true,
                    )
                }
            }
        }
        let mut next = numbers(7);
        let pieces = [
            "a",
            "mot",
            "évaluation",
            "  ",
            "\n\n",
            " ",
            "日本語",
            "x",
            "longword",
        ];
        for _ in 0..2_000 {
            let text: String = (0..next() % 40)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            for chars in [0, 1, 5, 12, 30] {
                assert_eq!(
                    collapsed_head(&text, chars),
                    whole_then_cut(&text, chars),
                    "{text:?} {chars}"
                );
            }
        }
    }

    /// Pseudo-random numbers from `seed` (a linear congruential generator), for test texts.
    fn numbers(mut seed: u64) -> impl FnMut() -> usize {
        move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        }
    }

    /// The best fragment as it was found before [`Highlighter::matches`]: every token
    /// analysed, in one stream.
    fn best_fragment_by_every_word(highlighter: &Highlighter, text: &str) -> Option<Fragment> {
        // The first of equals stays.
        fn keep_if_better(fragment: Fragment, best: &mut Option<Fragment>) {
            if fragment.score > 0.0 && best.as_ref().is_none_or(|b| fragment.score > b.score) {
                *best = Some(fragment);
            }
        }
        let mut analyzer = highlighter.analyzer.clone();
        let mut tokens = analyzer.token_stream(text);
        let mut best: Option<Fragment> = None;
        let mut current = Fragment::starting_at(0);
        while let Some(token) = tokens.next() {
            if token.offset_to - current.range.start > SNIPPET_CHARS {
                keep_if_better(current, &mut best);
                current = Fragment::starting_at(token.offset_from);
            }
            current.range.end = token.offset_to;
            if let Some(score) = highlighter.terms.score(&token.text) {
                current.score += score;
                current.marks.push(token.offset_from..token.offset_to);
            }
        }
        keep_if_better(current, &mut best);
        best
    }

    /// Finding the matches among the words that may give a term, and the fragments' bounds
    /// around them, gives the fragment that analysing every word gives: short terms, stop
    /// words, elisions, possessives, typographic apostrophes, hyphens, over-long words,
    /// accents beyond ASCII.
    #[test]
    fn fragments_from_the_words_that_may_match_are_those_of_every_word() {
        use crate::analysis::Lang;
        let words = [
            "L'évaluation",
            "d’information",
            "indicateurs",
            "organization's",
            "co-ordination",
            "de",
            "the",
            "y",
            "Ärzte",
            "ŒUVRE",
            "œuvres",
            "straße",
            "dying",
            "die",
            "r",
            "R&D",
            "aujourd'hui",
            "x".repeat(45).leak(),
            "programmes",
            "reprogrammation",
            "santé",
            "Santé",
            "données",
            "2024",
            "P-3",
            "ĳssel",
            "и",
            "данные",
            "-",
            "…",
            "qu'il",
            "l'",
            "D'",
            "it's",
            "Programmes,",
            "(santé)",
            "dying.",
            "\u{301}",
            "e\u{301}valuation",
        ];
        let mut next = numbers(23);
        for lang in [Lang::French, Lang::English, Lang::Spanish, Lang::Neutral] {
            for sample in [
                "die",
                "r",
                "indicateurs",
                "programmes santé",
                "œuvre ärzte данные",
            ] {
                let terms: BTreeMap<String, Score> = lang
                    .terms(sample)
                    .into_iter()
                    .enumerate()
                    .map(|(i, t)| (t, 1.0 / (1.0 + i as Score)))
                    .collect();
                let mut highlighter = Highlighter::new(terms, lang.cached_analyzer());
                for _ in 0..200 {
                    let len = 1 + next() % 300;
                    let text: Vec<&str> = (0..len).map(|_| words[next() % words.len()]).collect();
                    let text = text.join(match next() % 3 {
                        0 => " ",
                        1 => "\n ",
                        _ => ", ",
                    });
                    let found = highlighter.best_fragment(&text).map(|f| f.to_html(&text));
                    let expected =
                        best_fragment_by_every_word(&highlighter, &text).map(|f| f.to_html(&text));
                    assert_eq!(found, expected, "{lang:?} {sample}: {text}");
                }
            }
        }
    }

    /// The fragment search gives what tantivy's `SnippetGenerator` gives for the same terms
    /// and analyzer: the same fragment, marks and escaping.
    #[test]
    fn fragments_are_tantivys() {
        use crate::analysis::Lang;
        use tantivy::snippet::SnippetGenerator;
        let words = [
            "L'évaluation",
            "évaluations",
            "programme",
            "Programmes",
            "de",
            "R&D",
            "<santé>",
            "\"projet\"",
            "l'équipe's",
            "gestion",
            "et",
            "suivi",
            "données",
            "reprogrammation",
            "au",
            "niveau",
        ];
        let mut next = numbers(11);
        let field = tantivy::schema::Field::from_field_id(0);
        for terms in [
            &["evalu"][..],
            &["programm", "evalu", "r"],
            &["sant", "projet", "don", "equip"],
        ] {
            let terms: BTreeMap<String, Score> = terms
                .iter()
                .enumerate()
                .map(|(i, t)| ((*t).to_owned(), 1.0 / (2.0 + (i % 2) as Score)))
                .collect();
            let mut ours = Highlighter::new(terms.clone(), Lang::French.cached_analyzer());
            let theirs =
                SnippetGenerator::new(terms, Lang::French.analyzer(), field, SNIPPET_CHARS);
            for _ in 0..300 {
                let len = 1 + next() % 200;
                let text: Vec<&str> = (0..len).map(|_| words[next() % words.len()]).collect();
                let text = text.join(if next().is_multiple_of(2) { " " } else { "\n " });
                let mut expected = theirs.snippet(&text);
                expected.set_snippet_prefix_postfix("<mark>", "</mark>");
                let found = ours.best_fragment(&text).map(|f| f.to_html(&text));
                if expected.highlighted().is_empty() {
                    assert_eq!(found, None, "{text}");
                } else {
                    // tantivy writes an apostrophe `&#x27;`, this module `&#39;`.
                    let expected = expected.to_html().replace("&#x27;", "&#39;");
                    assert_eq!(found, Some(expected), "{text}");
                }
            }
        }
    }

    /// A function word of another language that the query holds only inside a phrase (`de`
    /// of a synonym's French form, searched in an English field) is not marked on its own;
    /// typed as a word of its own, it is.
    #[test]
    fn function_words_held_only_by_phrases_are_not_marked_alone() {
        use crate::analysis::Lang;
        use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
        use tantivy::schema::IndexRecordOption;

        struct Counts;
        impl Bm25StatisticsProvider for Counts {
            fn total_num_tokens(&self, _: Field) -> tantivy::Result<u64> {
                Ok(1_000)
            }
            fn total_num_docs(&self) -> tantivy::Result<u64> {
                Ok(10)
            }
            fn doc_freq(&self, _: &Term) -> tantivy::Result<u64> {
                Ok(1)
            }
        }
        let field = Field::from_field_id(0);
        let term_query = |text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            ))
        };
        let phrase_terms = Lang::English.terms("technologies de l'information");
        assert!(phrase_terms.iter().any(|t| t == "de"), "{phrase_terms:?}");
        let phrase = || -> Box<dyn Query> {
            let terms = phrase_terms.iter().map(|t| Term::from_field_text(field, t));
            Box::new(PhraseQuery::new(terms.collect()))
        };
        let body = "Duties include the installation and de-installation of servers, and \
                    the information security of the office.";
        let snippet_of = |query: &dyn Query| {
            Highlighter::create(&Counts, query, field, Lang::English)
                .unwrap()
                .snippet(body)
        };
        let in_phrase = BooleanQuery::new(vec![
            (Occur::Should, term_query("inform")),
            (Occur::Should, phrase()),
        ]);
        let snippet = snippet_of(&in_phrase);
        assert!(!snippet.contains("<mark>de</mark>"), "{snippet}");
        assert!(snippet.contains("<mark>information</mark>"), "{snippet}");
        let typed = BooleanQuery::new(vec![
            (Occur::Should, term_query("inform")),
            (Occur::Should, term_query("de")),
            (Occur::Should, phrase()),
        ]);
        let snippet = snippet_of(&typed);
        assert!(snippet.contains("<mark>de</mark>"), "{snippet}");
    }

    /// A French word whose stem rewrote more than its last letter (`indicateurs` gives
    /// `indiqu`) is found and marked; before, the body was scanned for `indiq` and the
    /// snippet fell back to the leading excerpt.
    #[test]
    fn words_whose_stems_rewrote_two_letters_are_marked() {
        use crate::analysis::Lang;
        let terms = Lang::French.terms("indicateurs");
        assert_eq!(terms, ["indiqu"]);
        let terms: BTreeMap<String, Score> = terms.into_iter().map(|t| (t, 1.0)).collect();
        let mut highlighter = Highlighter::new(terms, Lang::French.cached_analyzer());
        let filler = "Le poste exige une longue expérience du terrain. ".repeat(12);
        let body = format!("{filler}Suivre les indicateurs du programme.");
        let snippet = highlighter.snippet(&body);
        assert!(snippet.contains("<mark>indicateurs</mark>"), "{snippet}");
    }

    /// A term's start found inside another word (`program` in `reprogrammation`) is no place
    /// for the window: it starts before the first word that begins with it.
    #[test]
    fn a_start_inside_a_word_is_not_a_window() {
        use crate::analysis::Lang;
        let terms: BTreeMap<String, Score> = [("programm".to_owned(), 1.0)].into();
        let mut highlighter = Highlighter::new(terms, Lang::French.cached_analyzer());
        let filler = "Une équipe soudée assure le suivi des activités du bureau. ".repeat(40);
        let body = format!("La reprogrammation budgétaire. {filler}Le programme national.");
        assert!(may_begin_word(
            &body,
            body.find("programme national").unwrap()
        ));
        assert!(!may_begin_word(&body, body.find("programmation").unwrap()));
        assert!(may_begin_word("l'évaluation", 2));
        let snippet = highlighter.snippet(&body);
        assert!(
            snippet.contains("<mark>programme</mark> national"),
            "{snippet}"
        );
        assert!(!snippet.contains("reprogrammation"), "{snippet}");
    }

    /// Tokens are looked up lower-cased, as tantivy looks them up.
    #[test]
    fn terms_are_found_lower_cased() {
        let terms: BTreeMap<String, Score> = [("evalu", 0.5), ("été", 0.25), ("x", 1.0)]
            .into_iter()
            .map(|(t, s)| (t.to_owned(), s))
            .collect();
        let scores = TermScores::new(terms);
        assert_eq!(scores.score("evalu"), Some(0.5));
        assert_eq!(scores.score("EvAlu"), Some(0.5));
        assert_eq!(scores.score("ÉTÉ"), Some(0.25));
        assert_eq!(scores.score("X"), Some(1.0));
        assert_eq!(scores.score("evala"), None);
        assert_eq!(scores.score(""), None);
        assert_eq!(scores.score("a-very-long-token"), None);
    }

    #[test]
    fn plain_snippets_undo_the_markup() {
        let html = format!(
            "<mark>{}</mark>\n  and   more",
            escape_html("R&D <b> \"x\" 'y'")
        );
        assert_eq!(plain_snippet(&html), "[R&D <b> \"x\" 'y'] and more");
    }

    #[test]
    fn many_prefixes_are_shortened_to_few_that_find_them_all() {
        let few: Vec<Vec<u8>> = ["coordin", "coord", "nutrit", "coordon"]
            .iter()
            .map(|p| p.as_bytes().to_vec())
            .collect();
        assert_eq!(needles(few), [b"coord".to_vec(), b"nutrit".to_vec()]);
        let many: Vec<Vec<u8>> = (0..500)
            .map(|n| format!("{}{n:03}", ["ab", "cd", "ef"][n % 3]).into_bytes())
            .collect();
        let kept = needles(many.clone());
        assert!(kept.len() <= MAX_NEEDLES, "{}", kept.len());
        for prefix in &many {
            assert!(kept.iter().any(|k| prefix.starts_with(k)));
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html("<b>R&D</b> \"x\" 'y'"),
            "&lt;b&gt;R&amp;D&lt;/b&gt; &quot;x&quot; &#39;y&#39;"
        );
    }

    proptest::proptest! {
        /// Escaping runs at once gives what escaping each character does.
        #[test]
        fn escaping_by_runs_is_escaping_by_characters(text in "[a-zé<>&\"' ]{0,40}") {
            let mut expected = String::new();
            for c in text.chars() {
                match c {
                    '&' => expected.push_str("&amp;"),
                    '<' => expected.push_str("&lt;"),
                    '>' => expected.push_str("&gt;"),
                    '"' => expected.push_str("&quot;"),
                    '\'' => expected.push_str("&#39;"),
                    _ => expected.push(c),
                }
            }
            proptest::prop_assert_eq!(escape_html(&text), expected);
        }

        /// Folding runs of ASCII at once gives what folding each character does.
        #[test]
        fn folding_by_runs_is_folding_by_characters(text in "[a-zA-Z0-9 .,éÉœŒßÃİ’\\-]{0,80}") {
            let mut folded = Vec::new();
            let mut origins = Vec::new();
            for (at, c) in text.char_indices() {
                let mut letter = String::new();
                crate::posting::text::fold_letter(c, &mut letter);
                folded.extend_from_slice(letter.as_bytes());
                origins.extend(std::iter::repeat_n(at as u32, letter.len()));
            }
            proptest::prop_assert_eq!(with_origins(&text), (folded, origins));
        }
    }

    /// `text` folded, with the offset in `text` of each folded byte.
    fn with_origins(text: &str) -> (Vec<u8>, Vec<u32>) {
        let folded = Folded::of(text);
        let origins = (0..folded.bytes.len())
            .map(|i| folded.origin(i) as u32)
            .collect();
        (folded.bytes, origins)
    }

    /// An ASCII text is folded without recording where its bytes come from: their own offsets.
    #[test]
    fn ascii_folds_to_its_lower_case_at_the_same_offsets() {
        for text in ["", "Programme Officer, P-3 (2024)", "l'Équipe", "ŒUVRE x"] {
            let folded = Folded::of(text);
            assert_eq!(folded.pieces.is_empty(), text.is_ascii(), "{text}");
            if text.is_ascii() {
                assert_eq!(folded.bytes, text.to_ascii_lowercase().as_bytes());
                let offsets: Vec<usize> = (0..text.len()).map(|i| folded.origin(i)).collect();
                assert_eq!(offsets, (0..text.len()).collect::<Vec<_>>(), "{text}");
            }
        }
    }

    #[test]
    fn folding_keeps_offsets_into_the_text() {
        let text = "Évaluation d’œuvre SÃO";
        let (folded, origins) = with_origins(text);
        assert_eq!(
            String::from_utf8(folded.clone()).unwrap(),
            "evaluation d’oeuvre sao"
        );
        assert_eq!(folded.len(), origins.len());
        let oe = memchr::memmem::find(&folded, b"oeuvre").unwrap();
        assert_eq!(&text[origins[oe] as usize..], "œuvre SÃO");
        let sao = memchr::memmem::find(&folded, b"sao").unwrap();
        assert_eq!(&text[origins[sao] as usize..], "SÃO");
    }

    #[test]
    fn windows_start_and_end_on_word_boundaries() {
        let text = "alpha beta gamma délégué";
        assert_eq!(&text[next_space(text, 2)..], " beta gamma délégué");
        assert_eq!(&text[..next_space(text, 19)], "alpha beta gamma délégué");
        assert_eq!(&text[..next_space(text, 8)], "alpha beta");
        assert_eq!(next_space(text, 100), text.len());
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
