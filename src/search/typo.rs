//! Typo tolerance: a query word that (almost) no posting holds is looked up again with one
//! or two letters changed.
//!
//! Like Meilisearch's defaults, words of 5 to 8 letters get one edit and words of 9 letters
//! or more two (an edit: a letter added, removed, replaced, or two neighbours swapped).
//! Numbers, grades and codes (anything with a digit, words typed in capitals, the synonym
//! table's acronyms) are never corrected. Candidates are spelled from the typed word and
//! kept when the index's vocabulary, in some language, has them and some posting writes them
//! as spelt (or they only change the typed word's ending); the one most postings hold wins.
//! This runs only for rare words, so common queries never pay for it.

use super::language::Vocabulary;
use super::synonyms::Synonyms;
use crate::analysis::fold;
use crate::Result;

/// A word held by at most this many postings is looked up with edits.
pub const FEW_MATCHES: u64 = 2;
/// Shortest word corrected (one edit).
pub const MIN_TYPO_LETTERS: usize = 5;
/// Shortest word allowed two edits.
pub const TWO_TYPOS_LETTERS: usize = 9;
/// A correction is offered as `did_you_mean` when it finds at least this many times the
/// postings of the typed word (plus one) ...
pub const SUGGEST_RATIO: u64 = 3;
/// ... and at least this many postings.
pub const SUGGEST_MIN: u64 = 3;

const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";

/// A better-known spelling of a typed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The word as typed.
    pub typed: String,
    /// The corrected word (lower case, accents folded).
    pub word: String,
    /// Postings holding the typed word.
    pub typed_postings: u64,
    /// Postings holding the corrected word.
    pub postings: u64,
    /// Whether a posting holding the corrected word writes it as spelt (see
    /// [`Vocabulary::is_written`]); only then is it suggested. A spelling no posting writes
    /// is only searched, and only when it changes no more than the typed word's ending (see
    /// [`Vocabulary::is_ending_variant`]). Looked up only where it decides something: for
    /// such a variant, only when it finds enough postings to be suggested.
    pub written: bool,
}

impl Correction {
    /// Whether the correction is written by some posting and finds clearly more postings
    /// than the typed word.
    #[must_use]
    pub fn worth_suggesting(&self) -> bool {
        self.written && finds_clearly_more(self.typed_postings, self.postings)
    }
}

/// Whether `postings` are clearly more than the `typed` word's (enough to suggest the
/// spelling holding them).
fn finds_clearly_more(typed: u64, postings: u64) -> bool {
    postings >= SUGGEST_MIN && postings >= SUGGEST_RATIO * (typed + 1)
}

/// Most candidates, by postings held, checked before giving up on a correction
/// ([`Vocabulary::is_written`] reads stored postings, so this bounds a rare word's first
/// search).
pub const CHECKED_CANDIDATES: usize = 4;

/// Whether `word` (as typed) may be corrected: letters only, at least
/// [`MIN_TYPO_LETTERS`] of them, not typed in capitals, not an acronym of the table.
#[must_use]
pub fn correctable(word: &str) -> bool {
    let letters = word.chars().count();
    letters >= MIN_TYPO_LETTERS
        && word.chars().all(char::is_alphabetic)
        && word.chars().any(char::is_lowercase)
        && !Synonyms::shipped().is_form(word)
}

/// The correction of `word`, if it is rare in the index and a spelling within its allowed
/// edits is more common and written by some posting (or only changes its ending).
pub fn correct(vocabulary: &Vocabulary<'_>, word: &str) -> Result<Option<Correction>> {
    if !correctable(word) {
        return Ok(None);
    }
    let typed_postings = vocabulary.postings_with(word)?;
    if typed_postings > FEW_MATCHES {
        return Ok(None);
    }
    let folded = fold(word);
    if !folded.chars().all(|c| c.is_ascii_lowercase()) {
        return Ok(None);
    }
    let mut found = Vec::new();
    consider(vocabulary, &folded, &edits(&folded, true), &mut found)?;
    if found.is_empty() && folded.len() >= TWO_TYPOS_LETTERS {
        // Two edits: a deletion or a swap on top of a deletion or a swap (a full second
        // round would cost 50 times more lookups).
        let mut second = Vec::new();
        for candidate in edits(&folded, false) {
            second.extend(edits(&candidate, false));
        }
        second.sort_unstable();
        second.dedup();
        consider(vocabulary, &folded, &second, &mut found)?;
    }
    // Candidates are counted by their stems, and a spelling a letter away from a rare word
    // may be no word yet stem as a common one (`juriste` → `duriste`, whose Spanish stem is
    // that of `dura`): a spelling is taken when some posting writes it, or when it only
    // changes the typed word's ending (`epidemiologis`, whose stem `epidemiology` shares).
    found.retain(|(postings, _)| *postings > typed_postings);
    found.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for (postings, corrected) in found.into_iter().take(CHECKED_CANDIDATES) {
        // The variant check counts terms; the written check reads stored postings, so it
        // runs only when its answer is needed.
        let variant = vocabulary.is_ending_variant(&corrected, &folded)?;
        let needed = !variant || finds_clearly_more(typed_postings, postings);
        let written = needed && vocabulary.is_written(&corrected)?;
        if written || variant {
            return Ok(Some(Correction {
                typed: word.to_owned(),
                word: corrected,
                typed_postings,
                postings,
                written,
            }));
        }
    }
    Ok(None)
}

/// Adds to `found` each of `candidates` (other than `typed`) that some posting holds, with
/// the number of postings holding it.
fn consider(
    vocabulary: &Vocabulary<'_>,
    typed: &str,
    candidates: &[String],
    found: &mut Vec<(u64, String)>,
) -> Result<()> {
    for candidate in candidates {
        if candidate == typed || candidate.len() < 2 {
            continue;
        }
        let postings = vocabulary.postings_with_folded(candidate)?;
        if postings > 0 {
            found.push((postings, candidate.clone()));
        }
    }
    Ok(())
}

/// Every spelling one edit away from `word` (ASCII lower case): deletions, swaps of
/// neighbours and, when `all`, replacements and insertions.
fn edits(word: &str, all: bool) -> Vec<String> {
    let bytes = word.as_bytes();
    let n = bytes.len();
    let mut out = Vec::new();
    let at = |v: Vec<u8>| String::from_utf8(v).unwrap_or_default();
    for i in 0..n {
        let mut v = bytes.to_vec();
        v.remove(i);
        out.push(at(v));
        if i + 1 < n {
            let mut v = bytes.to_vec();
            v.swap(i, i + 1);
            out.push(at(v));
        }
    }
    if all {
        for i in 0..=n {
            for c in LETTERS.bytes() {
                if i < n && bytes[i] != c {
                    let mut v = bytes.to_vec();
                    v[i] = c;
                    out.push(at(v));
                }
                let mut v = bytes.to_vec();
                v.insert(i, c);
                out.push(at(v));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_grades_codes_and_short_words_are_never_corrected() {
        for word in ["P3", "2024", "UNDP", "GBV", "MHPSS", "data", "D-1", "mhpss"] {
            assert!(!correctable(word), "{word}");
        }
        assert!(correctable("agricultre"));
        assert!(correctable("évaluaton"));
    }

    #[test]
    fn edits_are_one_letter_away() {
        let e = edits("abc", true);
        for w in ["ab", "bc", "bac", "acb", "abcd", "xbc", "abx"] {
            assert!(e.contains(&w.to_owned()), "{w}");
        }
        assert!(!e.contains(&"abc".to_owned()));
        assert!(!edits("abc", false).contains(&"abx".to_owned()));
    }

    #[test]
    fn suggestions_need_clearly_more_postings() {
        let c = |typed_postings, postings| Correction {
            typed: "x".into(),
            word: "y".into(),
            typed_postings,
            postings,
            written: true,
        };
        assert!(c(0, 3).worth_suggesting());
        assert!(!c(0, 2).worth_suggesting());
        assert!(!c(2, 8).worth_suggesting());
        assert!(c(2, 9).worth_suggesting());
        // A spelling no posting writes is never suggested.
        let unwritten = Correction {
            written: false,
            ..c(0, 100)
        };
        assert!(!unwritten.worth_suggesting());
    }
}
