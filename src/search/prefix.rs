//! `word*`: the indexed terms a typed prefix stands for.
//!
//! The index holds stems, so the typed prefix is matched against stems in two ways. Terms
//! that begin with the prefix (as the field's analyzer folds and stems it, and as typed,
//! folded only) are the words that continue it: `coord*` gives `coordin` (coordinator,
//! coordination) and `coordon`. A stem is also shorter than the words it stands for, so a
//! prefix typed past the stem (`managem*`, `nutriti*`) finds the terms it begins with
//! (`manag`, `nutrit`), down to [`STEM_CUT`] letters shorter (such a stem may stand for
//! more words than the prefix does: `manag` is also manager's).
//!
//! The terms are looked up once per query in every segment's dictionary, and the
//! [`MAX_PREFIX_TERMS`] held by most postings are kept: a short prefix (`a*`) stands for
//! tens of thousands of terms, mostly rare words and typos, whose postings add little.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use crate::analysis::Lang;
use crate::Result;

/// The terms each one-word prefix of a query stands for, by field and the prefix as that
/// field's analyzer gives it (see [`prefix_term`]).
pub type PrefixTerms = HashMap<(Field, String), Arc<[String]>>;

/// Most terms one prefix stands for in one field: those held by most postings.
pub const MAX_PREFIX_TERMS: usize = 256;

/// Letters a stem may lack at the end of a typed prefix (`managem` → `manag`).
pub const STEM_CUT: usize = 2;

/// Shortest stem a longer typed prefix stands for (below, `des*` would find `de`).
const MIN_STEM_BYTES: usize = 4;

/// The one term a one-word prefix gives in a field `analyzer` analyses: the word as the
/// analyzer gives it, or as typed (folded) when the analyzer drops it as a stop word (`a*`,
/// `de*` begin many words); `None` for a prefix of several words.
pub fn prefix_term(analyzer: &TextAnalyzer, text: &str) -> Option<String> {
    one_term(crate::analysis::analyse(analyzer, text), text)
}

/// The term a prefix stands at in a field `analyzer` analyses, and the typed text it goes on
/// (folded): a one-word prefix's [`prefix_term`] and the whole text; for a phrase of several
/// terms (`"data anal"*`), its last term (`anal`) and its last word.
pub fn prefix_and_typed(analyzer: &TextAnalyzer, text: &str) -> Option<(String, String)> {
    let mut terms = crate::analysis::analyse(analyzer, text);
    if terms.len() >= 2 {
        let last_word = text.split_whitespace().last().unwrap_or(text);
        return terms
            .pop()
            .map(|term| (term, crate::analysis::fold(last_word)));
    }
    one_term(terms, text).map(|term| (term, crate::analysis::fold(text)))
}

/// The one term of `terms` (`text` analysed), or of `text` as typed (folded) when the
/// analyzer dropped every word as a stop word.
fn one_term(mut terms: Vec<String>, text: &str) -> Option<String> {
    if terms.is_empty() {
        terms = Lang::Neutral.terms(text);
    }
    match <[String; 1]>::try_from(terms) {
        Ok([term]) => Some(term),
        Err(_) => None,
    }
}

/// The terms of `field` that `prefixes` stand for (see the [module](self)), at most
/// [`MAX_PREFIX_TERMS`], those held by most postings first (ties in term order).
pub fn expand(searcher: &Searcher, field: Field, prefixes: &[&str]) -> Result<Vec<String>> {
    let mut unique: Vec<&str> = prefixes.iter().copied().filter(|p| !p.is_empty()).collect();
    unique.sort_unstable();
    unique.dedup();
    let stems: Vec<&str> = unique.iter().flat_map(|p| shorter_stems(p)).collect();
    // A prefix another begins adds no term to its range (sorted, it follows that one).
    let mut ranges: Vec<&str> = Vec::with_capacity(unique.len());
    for prefix in unique {
        if !ranges.last().is_some_and(|r| prefix.starts_with(r)) {
            ranges.push(prefix);
        }
    }
    let mut postings: HashMap<String, u64> = HashMap::new();
    // One segment's terms, each once however many ways it was reached.
    let mut segment: HashMap<String, u32> = HashMap::new();
    for reader in searcher.segment_readers() {
        let index = reader.inverted_index(field)?;
        let terms = index.terms();
        segment.clear();
        for prefix in &ranges {
            let mut stream = terms
                .range()
                .ge(prefix.as_bytes())
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                if !stream.key().starts_with(prefix.as_bytes()) {
                    break;
                }
                if let Ok(term) = std::str::from_utf8(stream.key()) {
                    segment.insert(term.to_owned(), stream.value().doc_freq);
                }
            }
        }
        for stem in &stems {
            if let Some(info) = terms
                .get(stem.as_bytes())
                .map_err(tantivy::TantivyError::from)?
            {
                segment.insert((*stem).to_owned(), info.doc_freq);
            }
        }
        for (term, doc_freq) in segment.drain() {
            *postings.entry(term).or_insert(0) += u64::from(doc_freq);
        }
    }
    Ok(most_held(postings))
}

/// The beginnings of `prefix` a stem of a word it begins may be: [`STEM_CUT`] letters shorter
/// at most, [`MIN_STEM_BYTES`] long at least.
fn shorter_stems(prefix: &str) -> impl Iterator<Item = &str> {
    let ends: Vec<usize> = prefix.char_indices().map(|(i, _)| i).skip(1).collect();
    let keep = ends.len().saturating_sub(STEM_CUT);
    ends.into_iter()
        .skip(keep)
        .filter(|&end| end >= MIN_STEM_BYTES)
        .map(move |end| &prefix[..end])
}

/// The [`MAX_PREFIX_TERMS`] terms held by most postings, most first.
fn most_held(postings: HashMap<String, u64>) -> Vec<String> {
    let mut terms: Vec<(String, u64)> = postings.into_iter().collect();
    terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(MAX_PREFIX_TERMS);
    terms.into_iter().map(|(term, _)| term).collect()
}

/// `terms` of `field` as tantivy terms.
pub fn field_terms(field: Field, terms: &[String]) -> Vec<Term> {
    terms
        .iter()
        .map(|term| Term::from_field_text(field, term))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    #[test]
    fn stems_shorter_than_the_prefix_are_its_last_letters_cut() {
        assert_eq!(
            shorter_stems("managem").collect::<Vec<_>>(),
            ["manag", "manage"]
        );
        assert_eq!(
            shorter_stems("dévelo").collect::<Vec<_>>(),
            ["déve", "dével"]
        );
        assert_eq!(shorter_stems("nutri").collect::<Vec<_>>(), ["nutr"]);
        assert!(shorter_stems("abc").next().is_none());
    }

    #[test]
    fn the_terms_held_by_most_postings_are_kept() {
        let mut postings: HashMap<String, u64> = (0..MAX_PREFIX_TERMS as u64 + 10)
            .map(|n| (format!("t{n:04}"), n % 7))
            .collect();
        postings.insert("common".into(), 1_000);
        let kept = most_held(postings);
        assert_eq!(kept.len(), MAX_PREFIX_TERMS);
        assert_eq!(kept[0], "common");
        // Ties in term order.
        assert!(kept[1] < kept[2]);
    }

    #[test]
    fn a_prefix_finds_the_terms_it_begins_and_the_stems_it_passes() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        for text in [
            "coordin coordin coordon",
            "coord coordenad",
            "manag nutrit",
            "man mana other",
        ] {
            writer.add_document(doc!(body => text)).expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let mut coord = expand(&searcher, body, &["coord"]).expect("expand");
        coord.sort();
        assert_eq!(coord, ["coord", "coordenad", "coordin", "coordon"]);
        assert_eq!(
            expand(&searcher, body, &["managem"]).expect("expand"),
            ["manag"]
        );
        assert_eq!(
            expand(&searcher, body, &["nutriti", "nutriti"]).expect("expand"),
            ["nutrit"]
        );
        assert!(expand(&searcher, body, &["zz"]).expect("expand").is_empty());
    }
}
