//! Word pairs: the terms of two neighbouring words, indexed as one term.
//!
//! A phrase of two common words (`"project management"`) matches postings that hold both
//! words almost everywhere; tantivy's phrase query reads and compares the positions of both
//! words in every one of them, and on the 100k replica that was nine tenths of the search.
//! The body is therefore also indexed as some of its pairs of neighbouring terms (`project
//! management` is the term `project manag`, held with how many times the pair occurs), so
//! such a phrase is one posting list (see `search::pair_phrase`).
//!
//! A pair is made of the terms at positions `p` and `p + 1` of the language's analyzer,
//! joined by one space (terms hold none): the tokens the phrase query would find side by
//! side. A removed stop word keeps its position, so no pair spans it. A phrase with a stop
//! word in the middle (`"gestion de projet"`, `"monitoring and evaluation"`) is its two
//! outer terms two positions apart, whatever lies between, as tantivy's phrase query reads
//! it: those are kept as *skip pairs*, the terms at `p` and `p + 2` joined by two spaces
//! ([`pair_term_at`]).
//!
//! Every pair of a body would cost indexing a third of its speed, so only the pairs of a
//! [`PairSet`] are kept: those of the phrases searchers type most, the names of skills and
//! occupations (the ESCO labels, see `crate::skills`), and every job title made of a head
//! noun and one other word (`programme officer`, `chargé de programme`: every pair ending in
//! an English head, every pair and skip pair beginning with a French or Spanish one). A
//! phrase whose pair is not in the set is searched by positions as before: same results, at
//! the old cost.

use rustc_hash::FxHashSet;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

use super::Lang;

/// The pairs kept in a language's pair field.
#[derive(Debug, Clone)]
pub struct PairSet {
    /// Each pair and skip pair, as [`pair_term_at`] writes it.
    pairs: FxHashSet<Box<str>>,
    /// The first terms of the pairs and skip pairs, as a filter: the bit of each first term's hash is set
    /// (see [`PairSet::may_begin`]). Most words of a body begin no pair; they are passed over
    /// after one look at this 8 kB table, which stays in the processor's cache, where a set of
    /// the words themselves was a hash table of pointers to follow for every word of every
    /// body (5 % of indexing). The few words let through by another word's bit go on to the
    /// pair's own look-up, which settles them.
    firsts: Box<[u64]>,
    /// The bits of each pair and skip pair (see [`pair_bit`]), as a filter before `pairs`:
    /// a frequent first term (`project`, `gestion`) begins pairs with a few of the words
    /// that follow it in a body, and most of its neighbours are settled here, without
    /// writing the pair's term or looking it up in `pairs` (a string to hash and a pointer
    /// to follow to the term to compare).
    pair_bits: Box<[u64]>,
    /// Terms every pair ending in is kept, whatever its first term (the heads of English
    /// job titles: `programme officer`; see [`PairSet::keep_ending_in`]).
    ends: FxHashSet<Box<str>>,
    /// The bits of `ends`, as `firsts` holds those of the first terms.
    end_bits: Box<[u64]>,
    /// Terms every pair and skip pair beginning with is kept, whatever its other term (the
    /// heads of French and Spanish job titles: `chargé de programme`; see
    /// [`PairSet::keep_beginning_with`]). Their bits are in `firsts` and `begin_bits`.
    begins: FxHashSet<Box<str>>,
    /// The bits of `begins` alone.
    begin_bits: Box<[u64]>,
}

/// Bits of [`PairSet::firsts`]: the ~3,000 first terms of a language's ESCO labels set ~5 %
/// of them, so about one word in twenty that begins no pair is let through.
const FIRST_BITS: usize = 1 << 16;

/// Bits of [`PairSet::pair_bits`] (128 kB): a language's 26,000–34,000 pairs and skip pairs
/// set about 3 % of them.
const PAIR_BITS: usize = 1 << 20;

/// The hash of a term, from which its bits in the filters are taken (computed once per
/// term of a text, whichever filters look at it).
fn term_hash(term: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(term)
}

/// The bit of a term of hash `hash` in [`PairSet::firsts`], `end_bits` or `begin_bits`.
fn term_bit(hash: u64) -> usize {
    // The high bits: FxHash mixes them best.
    (hash >> (64 - FIRST_BITS.trailing_zeros())) as usize
}

/// The bit in [`PairSet::pair_bits`] of the pair of terms of hashes `first` and `second`,
/// `gap` positions apart.
fn pair_bit(first: u64, second: u64, gap: usize) -> usize {
    // The high bits of a product depend on every bit of what is multiplied.
    let mixed = (first ^ second.rotate_left(29) ^ gap as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> (64 - PAIR_BITS.trailing_zeros())) as usize
}

/// Whether `bit` is set in `bits`.
#[inline]
fn has_bit(bits: &[u64], bit: usize) -> bool {
    bits[bit / 64] & (1 << (bit % 64)) != 0
}

/// Sets `bit` in `bits`.
fn set_bit(bits: &mut [u64], bit: usize) {
    bits[bit / 64] |= 1 << (bit % 64);
}

/// A term with its [`term_hash`].
#[derive(Debug, Clone, Copy)]
struct Hashed<'a> {
    term: &'a str,
    hash: u64,
}

impl<'a> Hashed<'a> {
    fn new(term: &'a str) -> Hashed<'a> {
        Hashed {
            term,
            hash: term_hash(term),
        }
    }
}

impl Default for PairSet {
    fn default() -> Self {
        PairSet {
            pairs: FxHashSet::default(),
            firsts: vec![0; FIRST_BITS / 64].into_boxed_slice(),
            pair_bits: vec![0; PAIR_BITS / 64].into_boxed_slice(),
            ends: FxHashSet::default(),
            end_bits: vec![0; FIRST_BITS / 64].into_boxed_slice(),
            begins: FxHashSet::default(),
            begin_bits: vec![0; FIRST_BITS / 64].into_boxed_slice(),
        }
    }
}

impl PairSet {
    /// Keeps the pair `first second`.
    pub fn insert(&mut self, first: &str, second: &str) {
        self.insert_at(first, second, 1);
    }

    /// Keeps the pair of `first` and `second`, `gap` positions apart (2: a skip pair).
    pub fn insert_at(&mut self, first: &str, second: &str, gap: usize) {
        let first_hash = term_hash(first);
        set_bit(&mut self.firsts, term_bit(first_hash));
        set_bit(
            &mut self.pair_bits,
            pair_bit(first_hash, term_hash(second), gap),
        );
        self.pairs
            .insert(pair_term_at(first, second, gap).into_boxed_str());
    }

    /// Keeps every pair (not skip pair) whose second term is `last`, whatever its first.
    pub fn keep_ending_in(&mut self, last: &str) {
        set_bit(&mut self.end_bits, term_bit(term_hash(last)));
        self.ends.insert(last.into());
    }

    /// Keeps every pair and skip pair whose first term is `first`, whatever its second.
    pub fn keep_beginning_with(&mut self, first: &str) {
        let bit = term_bit(term_hash(first));
        set_bit(&mut self.firsts, bit);
        set_bit(&mut self.begin_bits, bit);
        self.begins.insert(first.into());
    }

    /// Keeps every pair of `other` too.
    pub fn extend(&mut self, other: PairSet) {
        self.pairs.extend(other.pairs);
        self.ends.extend(other.ends);
        self.begins.extend(other.begins);
        for (into, from) in [
            (&mut self.firsts, &other.firsts),
            (&mut self.pair_bits, &other.pair_bits),
            (&mut self.end_bits, &other.end_bits),
            (&mut self.begin_bits, &other.begin_bits),
        ] {
            for (into, from) in into.iter_mut().zip(from.iter()) {
                *into |= from;
            }
        }
    }

    /// Whether some pair kept may end with `last` whatever its first term (see
    /// [`PairSet::keep_ending_in`]): `false` for nearly every other word.
    #[inline]
    fn may_end(&self, last: Hashed) -> bool {
        has_bit(&self.end_bits, term_bit(last.hash))
    }

    /// Whether the pair of `first` and `second`, `gap` positions apart, is kept; its term
    /// (as [`pair_term_at`] writes it) is then in `term`. Each way of keeping a pair is
    /// asked of its filter first, so most pairs kept by none are settled without writing
    /// their term.
    fn keeps(&self, first: Hashed, second: Hashed, gap: usize, term: &mut String) -> bool {
        let write = |term: &mut String| {
            term.clear();
            push_pair(term, first.term, second.term, gap);
        };
        if has_bit(&self.pair_bits, pair_bit(first.hash, second.hash, gap)) {
            write(term);
            if self.pairs.contains(term.as_str()) {
                return true;
            }
        }
        let kept = (gap == 1 && self.may_end(second) && self.ends.contains(second.term))
            || (has_bit(&self.begin_bits, term_bit(first.hash))
                && self.begins.contains(first.term));
        if kept {
            write(term);
        }
        kept
    }

    /// Whether some pair kept may begin with `first`: `false` for nearly every word that
    /// begins none, `true` for every word that begins one.
    #[inline]
    #[must_use]
    fn may_begin(&self, first: Hashed) -> bool {
        has_bit(&self.firsts, term_bit(first.hash))
    }

    /// Whether the pair `first second` is kept.
    #[must_use]
    pub fn contains(&self, first: &str, second: &str) -> bool {
        self.contains_at(first, second, 1)
    }

    /// Whether the pair of `first` and `second`, `gap` positions apart, is kept.
    #[must_use]
    pub fn contains_at(&self, first: &str, second: &str, gap: usize) -> bool {
        self.keeps(
            Hashed::new(first),
            Hashed::new(second),
            gap,
            &mut String::new(),
        )
    }
}

impl<'a> FromIterator<(&'a str, &'a str)> for PairSet {
    fn from_iter<I: IntoIterator<Item = (&'a str, &'a str)>>(pairs: I) -> PairSet {
        let mut set = PairSet::default();
        for (first, second) in pairs {
            set.insert(first, second);
        }
        set
    }
}

/// Where a language's [`PairSet`] comes from, asked when a text is analysed (so that it is
/// built on first use, not when an index is opened); `None`: the language keeps no pairs.
pub type PairSource = fn(Lang) -> Option<&'static PairSet>;

/// Registers each language's pair analyzer under its [`Lang::pairs_analyzer_name`], keeping
/// the pairs `source` gives.
pub fn register(tokenizers: &TokenizerManager, source: PairSource) {
    for lang in Lang::ALL {
        tokenizers.register(lang.pairs_analyzer_name(), lang.pairs_analyzer(source));
    }
}

/// The term of the pair `first second`.
#[must_use]
pub fn pair_term(first: &str, second: &str) -> String {
    pair_term_at(first, second, 1)
}

/// The term of the pair of `first` and `second`, `gap` positions apart: joined by `gap`
/// spaces (terms hold none), so that a skip pair's term is never a pair's.
#[must_use]
pub fn pair_term_at(first: &str, second: &str, gap: usize) -> String {
    let mut term = String::with_capacity(first.len() + gap + second.len());
    push_pair(&mut term, first, second, gap);
    term
}

/// Appends the term of [`pair_term_at`] to `term`.
fn push_pair(term: &mut String, first: &str, second: &str, gap: usize) {
    term.push_str(first);
    term.extend(std::iter::repeat_n(' ', gap));
    term.push_str(second);
}

/// The pairs of neighbouring terms the tokenizer `T` makes that are in the language's
/// [`PairSet`] (see the [module](self)).
#[derive(Clone)]
pub struct PairTokenizer<T> {
    inner: T,
    lang: Lang,
    source: PairSource,
}

impl<T> PairTokenizer<T> {
    /// The pairs of `inner`'s tokens (`lang`'s analyzer) that `source` keeps.
    pub fn new(inner: T, lang: Lang, source: PairSource) -> PairTokenizer<T> {
        PairTokenizer {
            inner,
            lang,
            source,
        }
    }
}

impl<T: Tokenizer> Tokenizer for PairTokenizer<T> {
    type TokenStream<'a> = PairStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PairStream {
            known: (self.source)(self.lang),
            inner: self.inner.token_stream(text),
            before: Terms::default(),
            two_before: Terms::default(),
            current: Terms::default(),
            position: None,
            next_pair: None,
            next_skip: None,
            token: Token::default(),
        }
    }
}

/// The terms at one position, in one buffer (kept from position to position: no
/// allocation per word).
#[derive(Default)]
struct Terms {
    text: String,
    /// Each term's bytes in `text`, with its [`term_hash`] and its offsets in the analysed
    /// text.
    terms: Vec<(std::ops::Range<usize>, u64, usize, usize)>,
}

impl Terms {
    fn clear(&mut self) {
        self.text.clear();
        self.terms.clear();
    }

    fn push(&mut self, token: &Token) {
        let start = self.text.len();
        self.text.push_str(&token.text);
        self.terms.push((
            start..self.text.len(),
            term_hash(&token.text),
            token.offset_from,
            token.offset_to,
        ));
    }

    /// The `i`th term with its offsets.
    fn get(&self, i: usize) -> Option<(Hashed<'_>, usize, usize)> {
        let (range, hash, from, to) = self.terms.get(i)?;
        let term = Hashed {
            term: &self.text[range.clone()],
            hash: *hash,
        };
        Some((term, *from, *to))
    }

    /// The last term with its offsets.
    fn last(&self) -> Option<(Hashed<'_>, usize, usize)> {
        self.get(self.terms.len().checked_sub(1)?)
    }
}

/// The token stream of [`PairTokenizer`].
pub struct PairStream<S> {
    /// The pairs kept; `None`: none.
    known: Option<&'static PairSet>,
    inner: S,
    /// Terms at the position just before `position`; empty when that position has none.
    before: Terms,
    /// Terms two positions before `position`; empty when that position has none.
    two_before: Terms,
    /// Terms at `position` (one, but for analyzers that stack several tokens on a
    /// position).
    current: Terms,
    /// The position of the last token read.
    position: Option<usize>,
    /// The next pair to give: an index into `before`, paired with the last of `current`.
    next_pair: Option<usize>,
    /// The next skip pair to give: an index into `two_before`, paired with the last of
    /// `current`.
    next_skip: Option<usize>,
    token: Token,
}

/// Writes into `token` the next kept pair (`gap` 1) or skip pair (`gap` 2) of a term of
/// `earlier`, from its term number `*next` on, with `last`, the last term read, at
/// `position`; `false` (and `*next` cleared) when none is left.
fn next_kept(
    token: &mut Token,
    known: &PairSet,
    earlier: &Terms,
    next: &mut Option<usize>,
    last: Option<(Hashed, usize, usize)>,
    gap: usize,
    position: usize,
) -> bool {
    // Whether a pair ending in the last term may be kept whatever its first term.
    let may_end = gap == 1 && last.is_some_and(|(second, _, _)| known.may_end(second));
    while let (Some(i), Some((second, _, to))) = (*next, last) {
        let Some((first, from, _)) = earlier.get(i) else {
            break;
        };
        *next = Some(i + 1);
        if !may_end && !known.may_begin(first) {
            continue;
        }
        if !known.keeps(first, second, gap, &mut token.text) {
            continue;
        }
        token.offset_from = from;
        token.offset_to = to;
        token.position = position.saturating_sub(gap);
        token.position_length = gap + 1;
        return true;
    }
    *next = None;
    false
}

impl<S: TokenStream> TokenStream for PairStream<S> {
    fn advance(&mut self) -> bool {
        let Some(known) = self.known else {
            return false;
        };
        loop {
            let position = self.position.unwrap_or(0);
            let last = self.current.last();
            if next_kept(
                &mut self.token,
                known,
                &self.before,
                &mut self.next_pair,
                last,
                1,
                position,
            ) || next_kept(
                &mut self.token,
                known,
                &self.two_before,
                &mut self.next_skip,
                last,
                2,
                position,
            ) {
                return true;
            }
            if !self.inner.advance() {
                return false;
            }
            let token = self.inner.token();
            if token.text.is_empty() {
                continue;
            }
            match self.position {
                Some(position) if position == token.position => {}
                Some(position) if position + 1 == token.position => {
                    // current → before → two_before; the old two_before's buffer is reused.
                    std::mem::swap(&mut self.two_before, &mut self.before);
                    std::mem::swap(&mut self.before, &mut self.current);
                    self.current.clear();
                }
                Some(position) if position + 2 == token.position => {
                    std::mem::swap(&mut self.two_before, &mut self.current);
                    self.before.clear();
                    self.current.clear();
                }
                _ => {
                    self.two_before.clear();
                    self.before.clear();
                    self.current.clear();
                }
            }
            self.position = Some(token.position);
            self.current.push(token);
            self.next_pair = (!self.before.terms.is_empty()).then_some(0);
            self.next_skip = (!self.two_before.terms.is_empty()).then_some(0);
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lang;

    /// Every pair of the tests' texts.
    fn test_pairs(lang: Lang) -> Option<&'static PairSet> {
        static SETS: std::sync::OnceLock<[PairSet; 2]> = std::sync::OnceLock::new();
        static HEADS: std::sync::OnceLock<[PairSet; 2]> = std::sync::OnceLock::new();
        let sets = SETS.get_or_init(|| {
            // A skip pair is written with two spaces, as its term is.
            let set = |pairs: &[&'static str]| {
                let mut set = PairSet::default();
                for pair in pairs {
                    match pair.split_once("  ") {
                        Some((first, second)) => set.insert_at(first, second, 2),
                        None => {
                            let (first, second) = pair.split_once(' ').expect("a pair");
                            set.insert(first, second);
                        }
                    }
                }
                set
            };
            [
                set(&[
                    "project manag",
                    "senior data",
                    "data analyst",
                    "manag project",
                    "monitor  evalu",
                ]),
                set(&["projet gestion", "gestion financier", "gestion  projet"]),
            ]
        });
        // Heads of job titles: `offic` ends any English pair, `charg` begins any French pair
        // or skip pair.
        let sets = HEADS.get_or_init(|| {
            let [mut english, mut french] = sets.clone();
            english.keep_ending_in("offic");
            french.keep_beginning_with("charg");
            [english, french]
        });
        match lang {
            Lang::English => Some(&sets[0]),
            Lang::French => Some(&sets[1]),
            _ => None,
        }
    }

    fn pairs(lang: Lang, text: &str) -> Vec<(String, usize)> {
        crate::analysis::tokens(&mut lang.pairs_analyzer(test_pairs), text)
    }

    #[test]
    fn the_filter_of_first_terms_lets_every_first_term_through_and_few_others() {
        // As many first terms as a language's ESCO labels have.
        let firsts: Vec<String> = (0..3_000).map(|i| format!("first{i}")).collect();
        let mut set = PairSet::default();
        for first in &firsts {
            set.insert(first, "second");
        }
        let mut merged = PairSet::default();
        merged.insert("other", "second");
        merged.extend(set.clone());
        for first in &firsts {
            let hashed = Hashed::new(first);
            assert!(set.may_begin(hashed) && merged.may_begin(hashed), "{first}");
            assert!(set.contains(first, "second"), "{first}");
            assert!(!set.contains(first, "third"), "{first}");
        }
        assert!(merged.contains("other", "second") && !set.contains("other", "second"));
        let others: Vec<String> = (0..20_000).map(|i| format!("word{i}")).collect();
        let through = others
            .iter()
            .filter(|w| set.may_begin(Hashed::new(w)))
            .count();
        assert!(through < others.len() / 10, "{through} let through");
        assert!(others.iter().all(|w| !set.contains(w, "second")));
        // The filter of pairs lets each pair through (with the right gap) and few other
        // neighbours of its first terms.
        let second = Hashed::new("second");
        for first in &firsts {
            let first = Hashed::new(first);
            assert!(has_bit(
                &merged.pair_bits,
                pair_bit(first.hash, second.hash, 1)
            ));
        }
        let through = firsts
            .iter()
            .zip(&others)
            .flat_map(|(first, other)| {
                let (first, other) = (Hashed::new(first), Hashed::new(other));
                [
                    pair_bit(first.hash, other.hash, 1),
                    pair_bit(first.hash, second.hash, 2),
                    pair_bit(other.hash, first.hash, 1),
                ]
            })
            .filter(|&bit| has_bit(&set.pair_bits, bit))
            .count();
        assert!(through < 3 * firsts.len() / 50, "{through} let through");
    }

    #[test]
    fn a_head_of_job_titles_keeps_every_pair_on_its_side() {
        // English heads come last: any word right before `officer` (punctuation between
        // them too, as for a phrase), none after it, none across a stop word.
        assert_eq!(
            pairs(
                Lang::English,
                "Programme Officer, officer training; officer of the day, Field Officers"
            ),
            vec![
                ("programm offic".to_owned(), 0),
                ("offic offic".to_owned(), 1),
                ("train offic".to_owned(), 3),
                ("field offic".to_owned(), 8),
            ]
        );
        // French heads come first: any word after `chargé`, side by side or across a stop
        // word, nothing before it.
        assert_eq!(
            pairs(Lang::French, "Chargé de programme, nouveau chargé suivi"),
            vec![
                ("charg  programm".to_owned(), 0),
                ("charg suiv".to_owned(), 4),
            ]
        );
        let english = test_pairs(Lang::English).expect("English pairs");
        assert!(english.contains("anything", "offic"));
        assert!(!english.contains("offic", "anything"));
        assert!(!english.contains_at("anything", "offic", 2));
        assert!(english.contains("project", "manag"), "listed pairs stay");
        let french = test_pairs(Lang::French).expect("French pairs");
        assert!(french.contains("charg", "anything") && french.contains_at("charg", "x", 2));
        assert!(!french.contains("anything", "charg"));
    }

    #[test]
    fn neighbouring_terms_make_pairs_that_no_stop_word_bridges() {
        assert_eq!(
            pairs(Lang::English, "Project management of the Project Managers"),
            vec![
                ("project manag".to_owned(), 0),
                ("project manag".to_owned(), 4),
            ]
        );
        assert_eq!(
            pairs(Lang::French, "gestion de projets, gestion financière"),
            vec![
                ("gestion  projet".to_owned(), 0),
                ("projet gestion".to_owned(), 2),
                ("gestion financier".to_owned(), 3),
            ]
        );
        assert!(pairs(Lang::English, "management").is_empty());
        assert!(pairs(Lang::English, "").is_empty());
    }

    #[test]
    fn skip_pairs_join_the_terms_two_positions_apart_whatever_lies_between() {
        // Positions: monitoring 0, and 1 (removed), evaluation 2, monitoring 3, evaluation 4,
        // monitoring 5, of 6 (removed), evaluation 7, and 8 (removed), monitoring 9, data 10,
        // evaluation 11.
        assert_eq!(
            pairs(
                Lang::English,
                "Monitoring and evaluation; monitoring evaluation, monitoring of evaluation \
                 and monitoring data evaluation."
            ),
            vec![
                ("monitor  evalu".to_owned(), 0),
                ("monitor  evalu".to_owned(), 5),
                ("monitor  evalu".to_owned(), 9),
            ]
        );
        // Three positions apart is no skip pair.
        assert!(pairs(Lang::English, "monitoring of the evaluation").is_empty());
        assert_eq!(
            pairs(
                Lang::French,
                "gestion des projets, gestion financière des projets"
            ),
            vec![
                ("gestion  projet".to_owned(), 0),
                ("projet gestion".to_owned(), 2),
                ("gestion financier".to_owned(), 3),
            ]
        );
        let set = test_pairs(Lang::French).expect("French pairs");
        assert!(set.contains_at("gestion", "projet", 2) && !set.contains("gestion", "projet"));
        assert!(!set.contains_at("projet", "gestion", 2));
        assert_ne!(pair_term_at("a", "b", 2), pair_term("a", "b"));
    }

    #[test]
    fn a_pair_spans_its_two_words() {
        let mut analyzer = Lang::English.pairs_analyzer(test_pairs);
        let text = "Senior data analyst";
        let mut stream = analyzer.token_stream(text);
        let mut spans = Vec::new();
        while let Some(token) = stream.next() {
            spans.push(&text[token.offset_from..token.offset_to]);
        }
        assert_eq!(spans, vec!["Senior data", "data analyst"]);
    }

    #[test]
    fn the_pair_term_joins_two_terms_as_the_tokenizer_does() {
        assert_eq!(pair_term("project", "manag"), "project manag");
    }
}
