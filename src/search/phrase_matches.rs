//! The matches of the synonym table's phrases, kept per segment.
//!
//! A query naming a concept of the synonym table also looks for every other form of the
//! concept (see [`super::Synonyms`]), and most forms are phrases of common words
//! (`monitoring and evaluation`, `gestion de l'information`). Such a phrase is an optional
//! clause: every posting holding all its words has its word positions read and compared,
//! whether or not the phrase is there. For `suivi et évaluation` on the 100k replica that was
//! three fifths of the search.
//!
//! The forms are few and fixed by the table, so their matches are worth keeping: the first
//! search that needs a form's phrase in a segment walks it as tantivy's phrase scorer does and
//! keeps every matching posting with the phrase's count there; later searches read that list.
//! Scores are computed as tantivy's phrase scorer computes them (the same BM25 weight, field
//! norms and counts), so results do not change. tantivy does not expose the phrase scorer's
//! count, so it is read back from the score: BM25 grows strictly with the count, and the one
//! count giving the scorer's exact score is it. Lists of segments merged away are
//! let go at the next search ([`PhraseMatches::retain`]); the lists held together stay under
//! [`MAX_KEPT_MATCHES`].

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Most matches kept over all lists (8 bytes each: 64 MB). A list that would pass the bound is
/// used by its search and not kept.
pub const MAX_KEPT_MATCHES: usize = 8 * 1024 * 1024;

/// A posting holding the phrase, and how many times it holds it.
type Match = (DocId, u32);

/// What identifies a phrase: its terms with their offsets (the field is in the terms) and
/// its slop.
type PhraseKey = (Vec<(usize, Term)>, u32);

/// The kept matches of phrases, per segment; shared by every search of an engine.
#[derive(Default)]
pub struct PhraseMatches {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    segments: HashMap<SegmentId, HashMap<PhraseKey, Arc<[Match]>>>,
    /// Matches held over all lists.
    total: usize,
}

impl fmt::Debug for PhraseMatches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("PhraseMatches")
            .field("segments", &kept.segments.len())
            .field("matches", &kept.total)
            .finish()
    }
}

impl PhraseMatches {
    /// The phrase `terms` (offsets and terms of one field) within `slop`, its matches kept by
    /// this cache once found.
    #[must_use]
    pub fn query(self: &Arc<Self>, mut terms: Vec<(usize, Term)>, slop: u32) -> Box<dyn Query> {
        terms.sort_by_key(|(offset, _)| *offset);
        Box::new(KeptPhraseQuery {
            phrase: PhraseQuery::new_with_offset_and_slop(terms.clone(), slop),
            key: Arc::new((terms, slop)),
            matches: Arc::clone(self),
        })
    }

    /// Drops the lists of segments not in `live`.
    pub fn retain(&self, live: &[SegmentId]) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.segments.keys().any(|id| !live.contains(id)) {
            kept.segments.retain(|id, _| live.contains(id));
            kept.total = kept.segments.values().flatten().map(|(_, m)| m.len()).sum();
        }
    }

    /// The kept list of `key` in `segment`, if any.
    fn get(&self, segment: SegmentId, key: &PhraseKey) -> Option<Arc<[Match]>> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.segments.get(&segment)?.get(key).cloned()
    }

    /// Keeps `matches` as the list of `key` in `segment`, unless that passes
    /// [`MAX_KEPT_MATCHES`] or another search kept it first.
    fn keep(&self, segment: SegmentId, key: &PhraseKey, matches: &Arc<[Match]>) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.total + matches.len() > MAX_KEPT_MATCHES {
            return;
        }
        let lists = kept.segments.entry(segment).or_default();
        if lists.contains_key(key) {
            return;
        }
        lists.insert(key.clone(), Arc::clone(matches));
        kept.total += matches.len();
    }

    /// Matches held now.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .total
    }
}

/// A phrase query whose matches are kept per segment (see the module documentation).
#[derive(Clone)]
struct KeptPhraseQuery {
    phrase: PhraseQuery,
    key: Arc<PhraseKey>,
    matches: Arc<PhraseMatches>,
}

impl fmt::Debug for KeptPhraseQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("KeptPhraseQuery")
            .field(&self.phrase)
            .finish()
    }
}

impl Query for KeptPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let EnableScoring::Enabled {
            searcher,
            statistics_provider,
        } = scoring
        else {
            // Without scores there are no counts to keep: tantivy's phrase weight as it is.
            return self.phrase.weight(scoring);
        };
        // The weight tantivy's phrase weight scores with (see `PhraseQuery::weight`).
        let bm25 = Bm25Weight::for_terms(statistics_provider, &self.phrase.phrase_terms())?;
        let mut kept = HashMap::new();
        for reader in searcher.segment_readers() {
            if let Some(found) = self.matches.get(reader.segment_id(), &self.key) {
                kept.insert(reader.segment_id(), found);
            }
        }
        // tantivy's phrase weight (which works its BM25 weight out again) only when some
        // segment's matches are still to be found.
        let phrase = if kept.len() < searcher.segment_readers().len() {
            Some(self.phrase.weight(scoring)?)
        } else {
            None
        };
        Ok(Box::new(KeptPhraseWeight {
            phrase,
            bm25,
            kept,
            key: Arc::clone(&self.key),
            matches: Arc::clone(&self.matches),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.phrase.query_terms(visitor);
    }
}

struct KeptPhraseWeight {
    /// tantivy's phrase weight, to find the matches of the segments that have no kept list;
    /// `None` when every segment of the searcher has one.
    phrase: Option<Box<dyn Weight>>,
    bm25: Bm25Weight,
    /// The lists kept when the weight was made, by segment (held here, so that a list let go
    /// meanwhile by a search of a newer commit is still read).
    kept: HashMap<SegmentId, Arc<[Match]>>,
    key: Arc<PhraseKey>,
    matches: Arc<PhraseMatches>,
}

impl KeptPhraseWeight {
    /// tantivy's phrase weight, present whenever a segment has no kept list.
    fn phrase(&self) -> tantivy::Result<&dyn Weight> {
        self.phrase.as_deref().ok_or_else(|| {
            tantivy::TantivyError::InternalError(
                "a segment outside the searcher the phrase weight was made for".to_owned(),
            )
        })
    }

    /// The matches of the phrase in `reader`'s segment: kept ones, or found now (and kept);
    /// `None` when a count cannot be read back from a score (see the module documentation).
    fn segment_matches(
        &self,
        reader: &SegmentReader,
        fieldnorms: &FieldNormReader,
    ) -> tantivy::Result<Option<Arc<[Match]>>> {
        let segment = reader.segment_id();
        if let Some(found) = self.kept.get(&segment) {
            return Ok(Some(Arc::clone(found)));
        }
        let mut scorer = self.phrase()?.scorer(reader, 1.0)?;
        let mut found = Vec::new();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            let Some(count) = count_of(&self.bm25, fieldnorms.fieldnorm_id(doc), scorer.score())
            else {
                return Ok(None);
            };
            found.push((doc, count));
            doc = scorer.advance();
        }
        let found: Arc<[Match]> = found.into();
        self.matches.keep(segment, &self.key, &found);
        Ok(Some(found))
    }

    /// The field norms of the phrase's field, read as tantivy's phrase weight reads them (a
    /// constant norm for a field without).
    fn fieldnorms(&self, reader: &SegmentReader) -> tantivy::Result<FieldNormReader> {
        let field = self.key.0[0].1.field();
        Ok(reader
            .fieldnorms_readers()
            .get_field(field)?
            .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)))
    }
}

/// Highest phrase count read back from a score.
const MAX_COUNT: u32 = 1 << 20;

/// The count `c` for which `bm25` scores `score` on a document of norm `fieldnorm_id`:
/// BM25 grows strictly with the count, so a binary search finds the only one.
fn count_of(bm25: &Bm25Weight, fieldnorm_id: u8, score: Score) -> Option<u32> {
    let (mut low, mut high) = (1, MAX_COUNT);
    while low < high {
        let mid = low + (high - low) / 2;
        if bm25.score(fieldnorm_id, mid) < score {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    (bm25.score(fieldnorm_id, low) == score).then_some(low)
}

impl Weight for KeptPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let fieldnorms = self.fieldnorms(reader)?;
        let Some(matches) = self.segment_matches(reader, &fieldnorms)? else {
            return self.phrase()?.scorer(reader, boost);
        };
        Ok(Box::new(KeptScorer {
            matches,
            at: 0,
            fieldnorms,
            bm25: self.bm25.boost_by(boost),
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if let Some(phrase) = &self.phrase {
            return phrase.explain(reader, doc);
        }
        let fieldnorms = self.fieldnorms(reader)?;
        let found = self
            .segment_matches(reader, &fieldnorms)?
            .and_then(|matches| {
                let at = matches.binary_search_by_key(&doc, |m| m.0).ok()?;
                Some(matches[at].1)
            });
        let Some(count) = found else {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        };
        // As tantivy's phrase weight explains a match.
        let fieldnorm_id = fieldnorms.fieldnorm_id(doc);
        let mut explanation =
            Explanation::new("Phrase Scorer", self.bm25.score(fieldnorm_id, count));
        explanation.add_detail(self.bm25.explain(fieldnorm_id, count));
        Ok(explanation)
    }
}

/// Walks a kept list of matches, scoring each as tantivy's phrase scorer does.
struct KeptScorer {
    matches: Arc<[Match]>,
    /// The current match.
    at: usize,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
}

impl DocSet for KeptScorer {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.matches.len());
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let rest = &self.matches[self.at..];
        // Most seeks land close by: gallop, then search the last step.
        let mut step = 1;
        while step < rest.len() && rest[step].0 < target {
            step *= 2;
        }
        let end = (step + 1).min(rest.len());
        self.at += rest[..end].partition_point(|m| m.0 < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.matches.get(self.at).map_or(TERMINATED, |m| m.0)
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.matches.len() - self.at).unwrap_or(u32::MAX)
    }
}

impl Scorer for KeptScorer {
    fn score(&mut self) -> Score {
        let (doc, count) = self.matches[self.at];
        self.bm25.score(self.fieldnorms.fieldnorm_id(doc), count)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::BoostQuery;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, Searcher};

    use super::*;

    /// Postings holding `monitoring and evaluation` no, once or several times, with words
    /// between, in two segments.
    fn searcher() -> (Searcher, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let texts = [
            "monitoring and evaluation officer",
            "evaluation and monitoring of projects",
            "monitoring evaluation monitoring and evaluation, monitoring of evaluation",
            "a long text about monitoring, then much later about evaluation of results",
            "monitoring monitoring evaluation evaluation",
            "nothing to see here",
        ];
        for (i, text) in texts.iter().enumerate() {
            writer.add_document(doc!(body => *text)).unwrap();
            if i == 2 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        (searcher, body)
    }

    fn terms(field: tantivy::schema::Field, words: &[(usize, &str)]) -> Vec<(usize, Term)> {
        words
            .iter()
            .map(|(offset, w)| (*offset, Term::from_field_text(field, w)))
            .collect()
    }

    fn ranked(searcher: &Searcher, query: &dyn Query) -> Vec<(u32, u32, u32)> {
        searcher
            .search(query, &TopDocs::with_limit(10).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, address)| (score.to_bits(), address.segment_ord, address.doc_id))
            .collect()
    }

    #[test]
    fn kept_phrases_find_and_score_as_tantivy_phrases() {
        let (searcher, body) = searcher();
        let matches = Arc::new(PhraseMatches::default());
        for (words, slop) in [
            (&[(0, "monitoring"), (2, "evaluation")][..], 1),
            (&[(0, "monitoring"), (1, "evaluation")][..], 0),
            (&[(0, "monitoring"), (1, "evaluation")][..], 3),
            (&[(0, "evaluation"), (1, "of")][..], 0),
        ] {
            let plain = PhraseQuery::new_with_offset_and_slop(terms(body, words), slop);
            let expected = ranked(&searcher, &plain);
            assert!(!expected.is_empty(), "{words:?} matches something");
            // Found, then read back from the kept lists; boosted as the query builder does.
            for _ in 0..2 {
                let kept = matches.query(terms(body, words), slop);
                assert_eq!(
                    ranked(&searcher, kept.as_ref()),
                    expected,
                    "{words:?} ~{slop}"
                );
                let boosted = BoostQuery::new(kept.box_clone(), 1.7);
                let plain_boosted = BoostQuery::new(Box::new(plain.clone()), 1.7);
                assert_eq!(
                    ranked(&searcher, &boosted),
                    ranked(&searcher, &plain_boosted)
                );
                assert_eq!(
                    searcher.search(kept.as_ref(), &Count).unwrap(),
                    searcher.search(&plain, &Count).unwrap()
                );
            }
        }
        assert!(matches.len() > 0);
    }

    #[test]
    fn kept_phrases_explain_as_tantivy_phrases() {
        let (searcher, body) = searcher();
        let matches = Arc::new(PhraseMatches::default());
        let words = [(0, "monitoring"), (2, "evaluation")];
        let plain = PhraseQuery::new_with_offset_and_slop(terms(body, &words), 1);
        let kept = matches.query(terms(body, &words), 1);
        // Found once, so that the second weight reads every segment's list back.
        ranked(&searcher, kept.as_ref());
        let found = ranked(&searcher, &plain);
        for (_, segment, doc) in &found {
            let address = tantivy::DocAddress::new(*segment, *doc);
            let expected = plain.explain(&searcher, address).unwrap().value();
            assert_eq!(kept.explain(&searcher, address).unwrap().value(), expected);
        }
        // A document the phrase does not match (segments come in any order), after a match
        // of its segment: tantivy's own explain seeks from the first match.
        let missing = (0..2u32)
            .flat_map(|segment| (0..3u32).map(move |doc| tantivy::DocAddress::new(segment, doc)))
            .find(|a| {
                let matched = |d: u32| found.iter().any(|(_, s, f)| *s == a.segment_ord && *f == d);
                !matched(a.doc_id) && (0..a.doc_id).any(matched)
            })
            .unwrap();
        assert!(plain.explain(&searcher, missing).is_err());
        assert!(kept.explain(&searcher, missing).is_err());
    }

    #[test]
    fn lists_of_segments_gone_are_dropped() {
        let (searcher, body) = searcher();
        let matches = Arc::new(PhraseMatches::default());
        let kept = matches.query(terms(body, &[(0, "monitoring"), (2, "evaluation")]), 1);
        let found = ranked(&searcher, kept.as_ref());
        assert_eq!(matches.len(), found.len());
        let first = searcher.segment_readers()[0].segment_id();
        matches.retain(&[first]);
        let in_first = found.iter().filter(|(_, segment, _)| *segment == 0).count();
        assert_eq!(matches.len(), in_first);
        matches.retain(&[]);
        assert_eq!(matches.len(), 0);
    }

    #[test]
    fn counts_are_read_back_from_scores() {
        let (searcher, body) = searcher();
        let bm25 = Bm25Weight::for_terms(
            &searcher,
            &[
                Term::from_field_text(body, "monitoring"),
                Term::from_field_text(body, "evaluation"),
            ],
        )
        .unwrap();
        for norm in [0u8, 7, 40, 255] {
            for count in [1, 2, 3, 17, 1000] {
                let score = bm25.score(norm, count);
                assert_eq!(count_of(&bm25, norm, score), Some(count));
            }
        }
        assert_eq!(count_of(&bm25, 7, 0.0), None);
    }
}
