//! Which language a query is written in, and how much each word belongs to each language.
//!
//! Evidence, word by word:
//! - the index's own vocabulary: the share of each language's postings that contain the word
//!   as that language analyses it (`coordinateur` is in many French postings and almost no
//!   English ones);
//! - stop words and French elisions (`de`, `l'`, `the`);
//! - letters only one language writes (`ñ`, `ó` in Spanish; `è`, `ç` in French).
//!
//! Numbers, grades and codes (`P3`, `2024`) give no evidence. A query is given a language only
//! when one language clearly leads; short ambiguous queries (`consultant`, `Nairobi`) stay
//! neutral.
//!
//! The same vocabulary shares weigh each word in each language's sub-query (see
//! [`Vocabulary::weights`]): a word that a language's postings hardly use, and that matches
//! there only because that language's stemmer happens to reduce it to one of its stems (a
//! Spanish `sociales` in the French fields), counts less there.

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, Term, TERMINATED};

use super::query::Analyzers;
use crate::analysis::{analyse, Lang};
use crate::schema::Fields;
use crate::Result;

/// The languages a query can be in, in [`Lang::ALL`] order (without `Neutral`).
pub const QUERY_LANGS: [Lang; 3] = [Lang::French, Lang::English, Lang::Spanish];

/// Shortest stem that [`Vocabulary::is_ending_variant`] takes for a variant of a word.
pub const MIN_VARIANT_STEM: usize = 4;

/// Most postings of each language [`Vocabulary::is_written`] reads.
pub const WRITTEN_CHECKED: usize = 8;

/// Whether `text` holds `word` (lower case, accent-folded) as a whole word: letters and
/// digits on neither side once folded.
fn writes_word(text: &str, word: &str) -> bool {
    let folded = crate::posting::text::fold(text);
    let is_word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    folded.match_indices(word).any(|(at, _)| {
        !is_word_char(folded[..at].chars().next_back())
            && !is_word_char(folded[at + word.len()..].chars().next())
    })
}

/// Lowest weight of a word in a language whose postings hardly use it.
pub const MIN_WORD_WEIGHT: f32 = 0.2;

/// How far the leading language must be ahead of the next one, in words' worth of evidence.
const LEAD: f64 = 0.5;

/// Letters written in Spanish and not in French or English.
const SPANISH_LETTERS: &[char] = &['ñ', 'á', 'í', 'ó', 'ú', '¿', '¡'];
/// Letters written in French and not in Spanish or English.
const FRENCH_LETTERS: &[char] = &['à', 'â', 'ç', 'è', 'ê', 'ë', 'î', 'ï', 'ô', 'û', 'ù', 'œ'];

/// Per-language document frequencies of the index, for one searcher.
pub struct Vocabulary<'a> {
    searcher: &'a Searcher,
    /// The counts of the query's words, read through what is kept of the searcher's
    /// statistics (the typo candidates' are read from the searcher: thousands of terms that
    /// would crowd out the query terms).
    statistics: &'a dyn Bm25StatisticsProvider,
    fields: &'a Fields,
    analyzers: &'a Analyzers,
    /// Postings per language, in [`QUERY_LANGS`] order.
    postings: [u64; 3],
    /// Counts already looked up during this query, by text.
    known: RefCell<HashMap<String, [Option<u64>; 3]>>,
}

impl<'a> Vocabulary<'a> {
    /// Reads the number of postings of each language; the counts of the query's words come
    /// from `statistics` (the searcher itself, or what is kept of its statistics).
    pub fn new(
        searcher: &'a Searcher,
        statistics: &'a dyn Bm25StatisticsProvider,
        fields: &'a Fields,
        analyzers: &'a Analyzers,
    ) -> Result<Vocabulary<'a>> {
        let mut postings = [0; 3];
        for (slot, lang) in postings.iter_mut().zip(QUERY_LANGS) {
            *slot = statistics.doc_freq(&Term::from_field_text(fields.text_lang, lang.suffix()))?;
        }
        Ok(Vocabulary {
            searcher,
            statistics,
            fields,
            analyzers,
            postings,
            known: RefCell::default(),
        })
    }

    /// For `text` (a word or a phrase), the number of each language's postings holding all
    /// its terms as that language analyses them (the rarest term's count); `None` for a
    /// language whose analyzer keeps no term of it or that has no postings.
    pub fn counts(&self, text: &str) -> Result<[Option<u64>; 3]> {
        if let Some(known) = self.known.borrow().get(text) {
            return Ok(*known);
        }
        let mut out = [None; 3];
        for (i, lang) in QUERY_LANGS.into_iter().enumerate() {
            if self.postings[i] == 0 {
                continue;
            }
            let terms = analyse(&self.analyzers.get(lang), text);
            let mut least: Option<u64> = None;
            for term in &terms {
                let df = self
                    .statistics
                    .doc_freq(&Term::from_field_text(self.fields.body(lang), term))?;
                least = Some(least.map_or(df, |l| l.min(df)));
            }
            out[i] = least;
        }
        self.known.borrow_mut().insert(text.to_owned(), out);
        Ok(out)
    }

    /// Postings of any language holding `text` (a word) as their language analyses it.
    pub fn postings_with(&self, text: &str) -> Result<u64> {
        Ok(self.counts(text)?.iter().flatten().sum())
    }

    /// Postings of any language holding `word` (lower case, accent-folded, one word), stemmed
    /// as each language stems it; a language's stop words count 0 there. The cheap check of
    /// typo candidates.
    pub fn postings_with_folded(&self, word: &str) -> Result<u64> {
        let mut total = 0;
        for (i, lang) in QUERY_LANGS.into_iter().enumerate() {
            if self.postings[i] == 0 || lang.is_stop_word(word) {
                continue;
            }
            let stem = lang.stem_folded_word(word);
            total += self
                .searcher
                .doc_freq(&Term::from_field_text(self.fields.body(lang), &stem))?;
        }
        Ok(total)
    }

    /// Whether `candidate` (lower case, accent-folded, one word) differs from `typed` (the
    /// same) only in an ending its stemmer removes: in every language where some posting holds
    /// the candidate's stem, that stem (of at least `MIN_VARIANT_STEM` bytes) begins
    /// `typed`. `epidemiologis` (stem `epidemiolog`) is a variant of `epidemiologist`;
    /// `duriste` (Spanish stem `dur`, that of `dura`) is not one of `juriste`.
    pub fn is_ending_variant(&self, candidate: &str, typed: &str) -> Result<bool> {
        let mut held = false;
        for (i, lang) in QUERY_LANGS.into_iter().enumerate() {
            if self.postings[i] == 0 || lang.is_stop_word(candidate) {
                continue;
            }
            let stem = lang.stem_folded_word(candidate);
            let term = Term::from_field_text(self.fields.body(lang), &stem);
            if self.searcher.doc_freq(&term)? == 0 {
                continue;
            }
            if stem.len() < MIN_VARIANT_STEM || !typed.starts_with(&stem) {
                return Ok(false);
            }
            held = true;
        }
        Ok(held)
    }

    /// Whether some posting holding `word` (lower case, accent-folded, one word) as a stem
    /// writes `word` itself, whole, in its title or body. A spelling a letter away from a
    /// typed word may be no word at all and still stem as one (`ecologis`, `licencaado`): it
    /// can be searched, not shown as what the searcher meant. Reads at most
    /// `WRITTEN_CHECKED` postings of each language holding the stem.
    pub fn is_written(&self, word: &str) -> Result<bool> {
        for (i, lang) in QUERY_LANGS.into_iter().enumerate() {
            if self.postings[i] == 0 || lang.is_stop_word(word) {
                continue;
            }
            let term = Term::from_field_text(self.fields.body(lang), &lang.stem_folded_word(word));
            let mut checked = 0;
            for (ord, reader) in self.searcher.segment_readers().iter().enumerate() {
                let Some(mut postings) = reader
                    .inverted_index(term.field())?
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(tantivy::TantivyError::from)?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED && checked < WRITTEN_CHECKED {
                    let address = DocAddress::new(ord as u32, doc);
                    let record = crate::schema::read_record(self.searcher, address)?;
                    let stored = crate::schema::StoredPosting::decode(&record.0)?;
                    let title = stored.title.unwrap_or_default();
                    if writes_word(title, word) || writes_word(stored.body, word) {
                        return Ok(true);
                    }
                    checked += 1;
                    doc = postings.advance();
                }
            }
        }
        Ok(false)
    }

    /// [`Vocabulary::counts`] as shares of each language's postings.
    pub fn shares(&self, text: &str) -> Result<[Option<f64>; 3]> {
        let counts = self.counts(text)?;
        let mut out = [None; 3];
        for i in 0..3 {
            out[i] = counts[i].map(|c| c as f64 / self.postings[i] as f64);
        }
        Ok(out)
    }

    /// Weight of `text` in each language's sub-query, in [`Lang::ALL`] order: 1 for the
    /// languages that use it most, down to [`MIN_WORD_WEIGHT`] for those that hardly do.
    /// Words that no language uses, and the neutral fields, keep weight 1.
    pub fn weights(&self, text: &str) -> Result<[f32; 4]> {
        let shares = self.shares(text)?;
        let best = shares.iter().flatten().copied().fold(0.0, f64::max);
        let mut out = [1.0; 4];
        if best <= 0.0 {
            return Ok(out);
        }
        for (lang, share) in QUERY_LANGS.into_iter().zip(shares) {
            let Some(share) = share else { continue };
            out[lang.index()] = ((share / best).sqrt() as f32).clamp(MIN_WORD_WEIGHT, 1.0);
        }
        Ok(out)
    }

    /// The language `words` are written in, when one clearly leads.
    pub fn infer(&self, words: &[String]) -> Result<Option<Lang>> {
        let mut evidence = [0.0f64; 3];
        let mut counted = 0usize;
        for word in words {
            let lower = word.to_lowercase();
            if lower.chars().any(|c| c.is_ascii_digit()) || lower.chars().count() < 2 {
                continue;
            }
            let mut found = false;
            if lower.chars().any(|c| SPANISH_LETTERS.contains(&c)) {
                evidence[2] += 1.0;
                found = true;
            }
            if lower.chars().any(|c| FRENCH_LETTERS.contains(&c)) {
                evidence[0] += 1.0;
                found = true;
            }
            if has_french_elision(&lower) {
                evidence[0] += 1.0;
                found = true;
            }
            let stop: Vec<usize> = QUERY_LANGS
                .iter()
                .enumerate()
                .filter(|(_, l)| l.is_stop_word(&lower))
                .map(|(i, _)| i)
                .collect();
            if !stop.is_empty() {
                for i in &stop {
                    evidence[*i] += 1.0 / stop.len() as f64;
                }
                counted += 1;
                continue;
            }
            let shares = self.shares(&lower)?;
            let total: f64 = shares.iter().flatten().sum();
            if total > 0.0 {
                for (e, s) in evidence.iter_mut().zip(shares) {
                    *e += s.unwrap_or(0.0) / total;
                }
                found = true;
            }
            counted += usize::from(found);
        }
        if counted == 0 {
            return Ok(None);
        }
        let mut order = [0usize, 1, 2];
        order.sort_by(|a, b| evidence[*b].total_cmp(&evidence[*a]));
        let (best, second) = (evidence[order[0]], evidence[order[1]]);
        Ok((best - second >= LEAD).then_some(QUERY_LANGS[order[0]]))
    }
}

/// `l'`, `d'`, `qu'`... at the start of a word.
fn has_french_elision(word: &str) -> bool {
    let Some((head, tail)) = word.split_once(['\'', '’']) else {
        return false;
    };
    !tail.is_empty() && ["l", "d", "qu", "j", "n", "s", "c", "m", "t"].contains(&head)
}

/// Word weights per literal text, computed once per query, with the postings holding each
/// text in each language.
#[derive(Debug, Default, Clone)]
pub struct WordWeights {
    weights: HashMap<String, [f32; 4]>,
    postings: HashMap<String, [Option<u64>; 3]>,
}

impl WordWeights {
    /// Weights of every text in `texts` (see [`Vocabulary::weights`]).
    pub fn compute<'t>(
        vocabulary: &Vocabulary<'_>,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> Result<WordWeights> {
        let mut weights = HashMap::new();
        let mut postings = HashMap::new();
        for text in texts {
            if !weights.contains_key(text) {
                weights.insert(text.to_owned(), vocabulary.weights(text)?);
                postings.insert(text.to_owned(), vocabulary.counts(text)?);
            }
        }
        Ok(WordWeights { weights, postings })
    }

    /// Weights of 1 and the given postings of each text in each of [`QUERY_LANGS`] (tests
    /// build plans without an index).
    #[cfg(test)]
    pub(crate) fn with_postings(postings: &[(&str, [Option<u64>; 3])]) -> WordWeights {
        WordWeights {
            weights: HashMap::new(),
            postings: postings
                .iter()
                .map(|(text, counts)| ((*text).to_owned(), *counts))
                .collect(),
        }
    }

    /// The postings of `lang` holding `text` as that language analyses it (see
    /// [`Vocabulary::counts`]); `None` when unknown (a text not computed, the neutral fields).
    #[must_use]
    pub fn postings(&self, text: &str, lang: Lang) -> Option<u64> {
        let slot = QUERY_LANGS.iter().position(|l| *l == lang)?;
        self.postings.get(text).and_then(|counts| counts[slot])
    }

    /// The weight of `text` in `lang`'s sub-query (1 when unknown).
    #[must_use]
    pub fn get(&self, text: &str, lang: Lang) -> f32 {
        self.weights.get(text).map_or(1.0, |w| w[lang.index()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elisions_are_french_evidence() {
        assert!(has_french_elision("l'homme"));
        assert!(has_french_elision("d’expérience"));
        assert!(!has_french_elision("aujourd'hui"));
        assert!(!has_french_elision("l'"));
    }
}
