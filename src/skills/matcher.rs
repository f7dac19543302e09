//! Finding labels in analysed text: one trie over the analysed term sequences of every label
//! of one language, built once (see `skills::trie`).
//!
//! Text and labels go through the same analyzer (elision, lower-casing, accent folding, stop
//! words, Snowball stemming), so `gestion des projets` meets the label `gestion de projets`
//! and `managing projects` meets `manage projects`; the label's word order is kept. Each
//! analysed term is replaced by its number in the labels' vocabulary; terms not in the
//! vocabulary and sentence ends become numbers no label holds: a label never matches across
//! them. Matches are leftmost-longest and do not overlap, as an Aho-Corasick automaton in that
//! mode would find them.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::tokenizer::{TextAnalyzer, TokenStream, Tokenizer};

use super::suggest::fold;
use super::trie::TermTrie;
use crate::analysis::pairs::PairSet;
use crate::analysis::pre_analysed::PreAnalysedWriter;
use crate::analysis::{Analysed, CachedAnalyzer, Lang, WordMap};

/// Term number of a word no label holds.
const UNKNOWN: u32 = 0;
/// Term number of a sentence end.
const SENTENCE_END: u32 = 1;
/// A one-word label held by at least this many longer labels is a general word
/// ([`Pattern::general`]).
pub const GENERAL_WORD_LABELS: usize = 30;
/// Cached term of a word that analysis drops (a stop word, an over-long token).
const DROPPED: u32 = u32::MAX;
/// Cached term of a word that analysis splits into several terms (never seen with the
/// analyzers of `crate::analysis`, handled anyway): analysed each time.
const SEVERAL: u32 = u32::MAX - 1;
/// Words remembered per thread and matcher with their term numbers; word frequencies are
/// Zipfian, so most words of a posting are found here. Emptied when full.
const WORD_CACHE_ENTRIES: usize = 100_000;

/// Slot of the next matcher in the per-thread word caches.
static NEXT_CACHE_SLOT: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Word (as the tokenizer gives it) → term number, and the term the index's analyzer
    /// makes of it, one map per matcher (by its `cache_slot`).
    static WORD_TERMS: RefCell<Vec<WordMap<(u32, Analysed)>>> = const { RefCell::new(Vec::new()) };
}

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A concept, by its index in the list the matcher was built from.
    Concept(u32),
    /// A phrase that marks its sentence as boilerplate.
    Boilerplate,
}

/// One distinct analysed label.
#[derive(Debug, Clone, Copy)]
pub struct Pattern {
    /// What it stands for.
    pub target: Target,
    /// Analysed terms in the label.
    pub terms: usize,
    /// Whether it came from a preferred label.
    pub preferred: bool,
    /// Whether the analysed label is an alternative label of several concepts, so that it
    /// names none of them for sure.
    pub shared: bool,
    /// Whether the label is one word that many longer labels hold (`proyecto`,
    /// `communication`): a general word rather than the name of a skill.
    pub general: bool,
    /// Whether the label is a word also common outside skills (`source`, `plan`), which
    /// needs more evidence than a match.
    pub ambiguous: bool,
}

/// One analysed term of a scanned text.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    /// Number in the vocabulary (`UNKNOWN` when absent).
    pub id: u32,
    /// Sentence number, from 0.
    pub sentence: u32,
    /// Which of the scanned texts holds it.
    pub text: u32,
    /// Byte range of the word in the text.
    pub from: usize,
    /// End of that range.
    pub to: usize,
}

/// How a label is written: its words as typed (folded: lower case, no accents), one per
/// analysed term, for checks that stems alone cannot make (`economic` and `economics` share a
/// stem).
#[derive(Debug, Clone)]
pub struct Surface {
    /// The folded word of each analysed term.
    pub words: Box<[String]>,
    /// The whole label folded, when it holds characters that analysis drops (`c#`, `c++`).
    pub symbols: Option<Box<str>>,
    /// The words analysis drops between two analysed terms (`a` in `manage a team`), folded,
    /// one entry per pair of consecutive terms (see [`gap_words`]).
    pub gaps: Box<[Vec<String>]>,
}

/// The words of `gap` (text between two analysed terms: stop words, elided articles,
/// punctuation), folded; `&` counts as a word (`and`).
#[must_use]
pub fn gap_words(gap: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in gap.split(|c: char| !c.is_alphanumeric() && c != '&') {
        for (n, word) in part.split('&').enumerate() {
            if n > 0 {
                words.push("&".to_owned());
            }
            if !word.is_empty() {
                words.push(fold(word));
            }
        }
    }
    words
}

/// One label found in a text.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    /// Index of the pattern (see [`Matcher::surface`]).
    pub index: usize,
    /// The pattern.
    pub pattern: Pattern,
    /// Index of its first term in [`Scan::terms`].
    pub start: usize,
}

/// A scanned text: its terms and the labels found, leftmost-longest and not overlapping.
#[derive(Debug, Default)]
pub struct Scan {
    /// The text's analysed terms (sentence ends left out).
    pub terms: Vec<Term>,
    /// Boilerplate phrases found, in text order, then labels found, in text order.
    pub found: Vec<Found>,
    /// Sentences in the text.
    pub sentences: u32,
}

/// A trie over the analysed labels of one language.
pub struct Matcher {
    lang: Lang,
    analyzer: TextAnalyzer,
    /// The index's analysis of one word (the term written for pre-analysed texts).
    words: CachedAnalyzer,
    /// This matcher's map in [`WORD_TERMS`].
    cache_slot: usize,
    vocabulary: FxHashMap<String, u32>,
    /// Every pattern (labels and boilerplate phrases), by pattern index.
    automaton: TermTrie,
    /// The boilerplate phrases alone.
    boilerplate: TermTrie,
    patterns: Vec<Pattern>,
    surfaces: Vec<Surface>,
    /// Pattern index by analysed terms, for labels nested in longer ones.
    by_terms: FxHashMap<Vec<u32>, usize>,
    /// The pairs of neighbouring terms of the concept labels (see [`Matcher::take_pairs`]).
    pairs: PairSet,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("terms", &self.vocabulary.len())
            .field("patterns", &self.patterns.len())
            .finish_non_exhaustive()
    }
}

/// What a [`Matcher`] is built from.
pub struct Labels<'a> {
    /// The language whose analyzer reads the labels and the texts.
    pub lang: Lang,
    /// Concept labels: (concept index, label, preferred). An analysed label met twice keeps
    /// its first concept, so preferred labels should come first.
    pub concepts: Vec<(u32, &'a str, bool)>,
    /// Boilerplate phrases.
    pub boilerplate: &'a [&'a str],
    /// Labels that need more evidence than a match.
    pub ambiguous: &'a [&'a str],
}

/// Whether the text between two words ends a sentence.
fn ends_sentence(gap: &str) -> bool {
    gap.bytes()
        .any(|b| matches!(b, b'.' | b';' | b'!' | b'?' | b'\n'))
        || gap.contains('•')
}

impl Matcher {
    /// Builds the trie.
    #[must_use]
    pub fn build(labels: &Labels<'_>) -> Matcher {
        let mut analyzer = labels.lang.analyzer();
        let mut vocabulary: FxHashMap<String, u32> = FxHashMap::default();
        let mut words = Vec::new();
        let mut gaps = Vec::new();
        // A label's pairs of terms with how many positions apart they are: 1, or 2 across a
        // removed stop word (a skip pair, see `crate::analysis::pairs`).
        let mut label_pairs: Vec<(String, String, usize)> = Vec::new();
        let mut analyse = |text: &str,
                           vocabulary: &mut FxHashMap<String, u32>,
                           words: &mut Vec<String>,
                           gaps: &mut Vec<Vec<String>>,
                           label_pairs: &mut Vec<(String, String, usize)>|
         -> Vec<u32> {
            let mut stream = analyzer.token_stream(text);
            let mut ids = Vec::new();
            words.clear();
            gaps.clear();
            label_pairs.clear();
            let mut previous_end = None;
            let mut previous: Option<(String, usize)> = None;
            while let Some(token) = stream.next() {
                if let Some((term, position)) = &previous {
                    let gap = token.position.wrapping_sub(*position);
                    if gap == 1 || gap == 2 {
                        label_pairs.push((term.clone(), token.text.clone(), gap));
                    }
                }
                previous = Some((token.text.clone(), token.position));
                let next = vocabulary.len() as u32 + 2;
                ids.push(*vocabulary.entry(token.text.clone()).or_insert(next));
                words.push(fold(
                    text.get(token.offset_from..token.offset_to).unwrap_or(""),
                ));
                if let Some(end) = previous_end {
                    gaps.push(gap_words(text.get(end..token.offset_from).unwrap_or("")));
                }
                previous_end = Some(token.offset_to);
            }
            ids
        };
        let ambiguous: FxHashSet<Vec<u32>> = labels
            .ambiguous
            .iter()
            .map(|a| analyse(a, &mut vocabulary, &mut words, &mut gaps, &mut label_pairs))
            .collect();
        let mut surfaces = Vec::new();
        let mut seen: FxHashMap<Vec<u32>, usize> = FxHashMap::default();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut automaton = TermTrie::default();
        let mut boilerplate_trie = TermTrie::default();
        let boilerplate = labels
            .boilerplate
            .iter()
            .map(|b| (Target::Boilerplate, *b, false));
        let concepts = labels
            .concepts
            .iter()
            .map(|(i, label, preferred)| (Target::Concept(*i), *label, *preferred));
        let mut pairs = PairSet::default();
        for (target, label, preferred) in boilerplate.chain(concepts) {
            let ids = analyse(
                label,
                &mut vocabulary,
                &mut words,
                &mut gaps,
                &mut label_pairs,
            );
            if ids.is_empty() {
                continue;
            }
            if matches!(target, Target::Concept(_)) {
                for (first, second, gap) in label_pairs.drain(..) {
                    pairs.insert_at(&first, &second, gap);
                }
            }
            if let Some(&existing) = seen.get(&ids) {
                let first = &mut patterns[existing];
                if !first.preferred && first.target != target {
                    first.shared = true;
                }
                continue;
            }
            let symbols = label
                .chars()
                .any(|c| {
                    !c.is_alphanumeric() && !c.is_whitespace() && c != '-' && c != '\'' && c != '’'
                })
                .then(|| fold(label.trim()).into_boxed_str());
            surfaces.push(Surface {
                words: words.clone().into_boxed_slice(),
                symbols,
                gaps: gaps.clone().into_boxed_slice(),
            });
            let index = patterns.len() as u32;
            automaton.insert(&ids, index);
            // Boilerplate phrases are also searched on their own, so that a label
            // overlapping one (`work independently` in `work as independent contractors`)
            // cannot hide it.
            if target == Target::Boilerplate {
                boilerplate_trie.insert(&ids, index);
            }
            patterns.push(Pattern {
                target,
                terms: ids.len(),
                preferred,
                shared: false,
                general: false,
                ambiguous: ambiguous.contains(&ids),
            });
            seen.insert(ids, patterns.len() - 1);
        }
        // One-word labels held by many longer labels are general words.
        let mut holders: FxHashMap<u32, usize> = FxHashMap::default();
        for ids in seen.keys().filter(|ids| ids.len() > 1) {
            let mut distinct = ids.clone();
            distinct.sort_unstable();
            distinct.dedup();
            for id in distinct {
                *holders.entry(id).or_insert(0) += 1;
            }
        }
        for (ids, &index) in &seen {
            if ids.len() == 1 && holders.get(&ids[0]).copied().unwrap_or(0) >= GENERAL_WORD_LABELS {
                patterns[index].general = true;
            }
        }
        Matcher {
            lang: labels.lang,
            analyzer: labels.lang.analyzer(),
            words: labels.lang.cached_analyzer(),
            cache_slot: NEXT_CACHE_SLOT.fetch_add(1, Ordering::Relaxed),
            vocabulary,
            automaton,
            boilerplate: boilerplate_trie,
            patterns,
            surfaces,
            by_terms: seen,
            pairs,
        }
    }

    /// Takes the pairs of neighbouring terms in the concept labels: the phrases of two words
    /// that the index keeps as word pairs (see [`crate::analysis::pairs`]).
    pub fn take_pairs(&mut self) -> PairSet {
        std::mem::take(&mut self.pairs)
    }

    /// How the label of pattern `index` is written.
    #[must_use]
    pub fn surface(&self, index: usize) -> &Surface {
        &self.surfaces[index]
    }

    /// The vocabulary number of each analysed term of `word`s (for cue words).
    #[must_use]
    pub fn term_ids(&self, words: &[&str]) -> FxHashSet<u32> {
        let mut analyzer = self.analyzer.clone();
        let mut ids = FxHashSet::default();
        for word in words {
            let mut stream = analyzer.token_stream(word);
            while let Some(token) = stream.next() {
                if let Some(id) = self.vocabulary.get(&token.text) {
                    ids.insert(*id);
                }
            }
        }
        ids
    }

    /// Adds `words`' analysed terms to the vocabulary (cue words that no label holds), so
    /// that [`Matcher::term_ids`] finds them.
    pub fn add_terms(&mut self, words: &[&str]) {
        let mut analyzer = self.analyzer.clone();
        for word in words {
            let mut stream = analyzer.token_stream(word);
            while let Some(token) = stream.next() {
                let next = self.vocabulary.len() as u32 + 2;
                self.vocabulary.entry(token.text.clone()).or_insert(next);
            }
        }
    }

    /// The term number of one analysed term.
    fn term_id(&self, term: &str) -> u32 {
        self.vocabulary.get(term).copied().unwrap_or(UNKNOWN)
    }

    /// The term number the analyzer gives `word` (one word of the language's tokenizer):
    /// [`DROPPED`], [`SEVERAL`] or a number of the vocabulary.
    fn word_id(&self, word: &str, analyzer: &mut TextAnalyzer) -> u32 {
        let mut stream = analyzer.token_stream(word);
        let Some(first) = stream.next().map(|t| self.term_id(&t.text)) else {
            return DROPPED;
        };
        if stream.advance() {
            SEVERAL
        } else {
            first
        }
    }

    /// Analyses `texts` (one after another, each starting a sentence) and finds the labels.
    ///
    /// The text is split into words by the language's tokenizer and each word's term found
    /// in a per-thread cache (word → term number) filled by the whole analyzer: the same
    /// terms as analysing the text, at the cost of a look-up per word.
    #[must_use]
    pub fn scan(&self, texts: &[&str]) -> Scan {
        self.scan_with(texts, None)
    }

    /// [`Matcher::scan`], writing besides the terms the index's analyzer makes of each text
    /// into `written` (one writer per text; see [`crate::analysis::pre_analysed`]).
    #[must_use]
    pub fn scan_writing(&self, texts: &[&str], written: &mut [PreAnalysedWriter]) -> Scan {
        self.scan_with(texts, Some(written))
    }

    fn scan_with(&self, texts: &[&str], mut written: Option<&mut [PreAnalysedWriter]>) -> Scan {
        let mut analyzer = self.analyzer.clone();
        // Cloned at the first word not yet in the map.
        let mut words: Option<CachedAnalyzer> = None;
        let mut tokenizer = self.lang.tokenizer();
        let mut scan = Scan::default();
        // The term numbers scanned, sentence ends included.
        let mut haystack: Vec<u32> = Vec::new();
        let mut sentence = 0u32;
        // Haystack slot → term index (`usize::MAX` for sentence ends).
        let mut term_at: Vec<usize> = Vec::new();
        WORD_TERMS.with_borrow_mut(|caches| {
            let cache = WordMap::in_slot(caches, self.cache_slot);
            for (n, text) in texts.iter().enumerate() {
                if n > 0 && !scan.terms.is_empty() {
                    sentence += 1;
                    haystack.push(SENTENCE_END);
                    term_at.push(usize::MAX);
                }
                let mut previous_end = 0usize;
                let mut stream = tokenizer.token_stream(text);
                while let Some(token) = stream.next() {
                    let word = token.text.as_str();
                    let (id, indexed) = cache.get_or_insert_with(word, WORD_CACHE_ENTRIES, || {
                        let id = self.word_id(word, &mut analyzer);
                        let indexed = words
                            .get_or_insert_with(|| self.words.clone())
                            .analyse_word(word);
                        (id, indexed)
                    });
                    if let Some(writer) = written.as_deref_mut().and_then(|w| w.get_mut(n)) {
                        writer.push(indexed.term());
                    }
                    let id = *id;
                    let single;
                    let several: Vec<u32>;
                    let ids: &[u32] = match id {
                        DROPPED => continue,
                        SEVERAL => {
                            several = crate::analysis::analyse(&analyzer, word)
                                .iter()
                                .map(|t| self.term_id(t))
                                .collect();
                            &several
                        }
                        id => {
                            single = [id];
                            &single
                        }
                    };
                    let from = token.offset_from.min(text.len());
                    if previous_end > 0 && text.get(previous_end..from).is_some_and(ends_sentence) {
                        sentence += 1;
                        haystack.push(SENTENCE_END);
                        term_at.push(usize::MAX);
                    }
                    previous_end = token.offset_to.min(text.len()).max(from);
                    for &id in ids {
                        haystack.push(id);
                        term_at.push(scan.terms.len());
                        scan.terms.push(Term {
                            id,
                            sentence,
                            text: n as u32,
                            from,
                            to: previous_end,
                        });
                    }
                }
            }
        });
        scan.sentences = sentence + 1;
        // Every boilerplate phrase (its sentence is boilerplate), the shortest at each start.
        for at in 0..haystack.len() {
            if let Some((index, _)) = self.boilerplate.prefixes(&haystack[at..]).next() {
                let index = index as usize;
                scan.found.push(Found {
                    index,
                    pattern: self.patterns[index],
                    start: term_at[at],
                });
            }
        }
        for (index, at, _) in self.automaton.find_iter(&haystack) {
            let index = index as usize;
            if self.patterns[index].target == Target::Boilerplate {
                continue;
            }
            let start = term_at[at];
            scan.found.push(Found {
                index,
                pattern: self.patterns[index],
                start,
            });
            self.push_nested(&mut scan, start, self.patterns[index].terms);
        }
        scan
    }

    /// Adds the labels of two terms or more nested in the label found at `start`
    /// (`project management` in `perform project management`).
    fn push_nested(&self, scan: &mut Scan, start: usize, terms: usize) {
        if terms < 3 {
            return;
        }
        let ids: Vec<u32> = scan.terms[start..start + terms]
            .iter()
            .map(|t| t.id)
            .collect();
        for len in (2..terms).rev() {
            for offset in 0..=terms - len {
                if let Some(&index) = self.by_terms.get(&ids[offset..offset + len]) {
                    let pattern = self.patterns[index];
                    if matches!(pattern.target, Target::Concept(_)) {
                        scan.found.push(Found {
                            index,
                            pattern,
                            start: start + offset,
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(lang: Lang, labels: &[&str]) -> Matcher {
        Matcher::build(&Labels {
            lang,
            concepts: labels
                .iter()
                .enumerate()
                .map(|(i, l)| (i as u32, *l, true))
                .collect(),
            boilerplate: &["equal opportunity"],
            ambiguous: &["source"],
        })
    }

    fn concepts(scan: &Scan) -> Vec<u32> {
        scan.found
            .iter()
            .filter_map(|f| match f.pattern.target {
                Target::Concept(i) => Some(i),
                Target::Boilerplate => None,
            })
            .collect()
    }

    #[test]
    fn analysed_labels_meet_inflected_text_in_order() {
        let m = matcher(Lang::French, &["gestion de projets", "gestion"]);
        let scan = m.scan(&["Expérience en gestion des projets et en gestion."]);
        assert_eq!(concepts(&scan), vec![0, 1]);
        // Word order is kept.
        assert!(concepts(&m.scan(&["projets de gestion"])) == vec![1]);
    }

    #[test]
    fn cached_words_give_the_analyzers_terms() {
        let m = matcher(Lang::French, &["gestion de projets", "aujourd'hui"]);
        let text = "L’équipe gère aujourd’hui la Gestion des projets, d'après l'UNICEF.";
        let expected: Vec<u32> = crate::analysis::analyse(&Lang::French.analyzer(), text)
            .iter()
            .map(|t| m.term_id(t))
            .collect();
        // Twice: the second scan reads every word from the cache.
        for _ in 0..2 {
            let scan = m.scan(&[text]);
            let ids: Vec<u32> = scan.terms.iter().map(|t| t.id).collect();
            assert_eq!(ids, expected);
            assert_eq!(concepts(&scan), vec![1, 0]);
            assert_eq!(&text[scan.terms[0].from..scan.terms[0].to], "équipe");
        }
    }

    #[test]
    fn nested_labels_are_found_too() {
        let m = matcher(
            Lang::English,
            &["perform project management", "project management"],
        );
        assert_eq!(
            concepts(&m.scan(&["Perform project management."])),
            vec![0, 1]
        );
    }

    #[test]
    fn longest_label_wins_and_sentences_stop_matches() {
        let m = matcher(Lang::English, &["project management", "management"]);
        assert_eq!(
            concepts(&m.scan(&["Projects; project management."])),
            vec![0]
        );
        assert_eq!(
            concepts(&m.scan(&["A project. Management skills"])),
            vec![1]
        );
        let scan = m.scan(&["Title project", "management"]);
        assert_eq!(concepts(&scan), vec![1]);
        assert_eq!(scan.sentences, 2);
    }

    #[test]
    fn boilerplate_and_ambiguous_patterns_are_marked() {
        let m = matcher(Lang::English, &["source", "project management"]);
        let scan = m.scan(&["An equal opportunity employer; source"]);
        assert_eq!(scan.found.len(), 2);
        assert_eq!(scan.found[0].pattern.target, Target::Boilerplate);
        assert!(scan.found[1].pattern.ambiguous);
        assert_eq!(scan.terms[scan.found[1].start].sentence, 1);
    }
}
