//! Adding a query's proximity boosts to the scores of its best postings only.
//!
//! Checking word positions costs a read of the positions of every posting that has all the
//! words; for two frequent words (`programme officer`) that is most of the index. The boosts
//! only reorder postings the words already found, so the search keeps the best
//! [`RESCORE_DEPTH`] postings by their word scores, and the boosts are computed for those
//! alone: the order at the top is the one the whole query would give whenever the postings
//! that the boosts lift into the first page come from the first [`RESCORE_DEPTH`].

use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Query, Scorer};
use tantivy::schema::Field;
use tantivy::{DocAddress, DocId, Score, Searcher, SeekDangerResult, TERMINATED};

use crate::Result;

/// How many of the best postings by word scores get their proximity boosts added.
pub const RESCORE_DEPTH: usize = 200;

/// `top` (best first) with the scores of `boosts` added, best first again, cut to `limit`.
/// Ties go to the earlier document, as in the collector. The boosts are scored from
/// `statistics` (the searcher itself, or what is kept of its statistics).
pub fn rescore(
    searcher: &Searcher,
    statistics: &dyn Bm25StatisticsProvider,
    boosts: &[Box<dyn Query>],
    mut top: Vec<(Score, DocAddress)>,
    limit: usize,
) -> Result<Vec<(Score, DocAddress)>> {
    if !top.is_empty() && !boosts.is_empty() {
        // Positions are read forward only: visit the postings in index order.
        let mut order: Vec<usize> = (0..top.len()).collect();
        order.sort_unstable_by_key(|&i| top[i].1);
        let mut holding = Vec::new();
        for boost in boosts {
            // Made when a segment first has postings to check (none may have the field).
            let mut weight = None;
            let field = single_field(&**boost);
            let mut start = 0;
            while start < order.len() {
                let segment = top[order[start]].1.segment_ord;
                let end = start
                    + order[start..]
                        .iter()
                        .take_while(|&&i| top[i].1.segment_ord == segment)
                        .count();
                let reader = searcher.segment_reader(segment);
                // A boost in one field (a phrase in one language's title or body) can only
                // match the postings with words in that field: the others are not sought.
                let norms = match field {
                    Some(field) => reader.fieldnorms_readers().get_field(field)?,
                    None => None,
                };
                holding.clear();
                holding.extend(order[start..end].iter().copied().filter(|&i| {
                    norms
                        .as_ref()
                        .is_none_or(|n| n.fieldnorm_id(top[i].1.doc_id) != 0)
                }));
                start = end;
                let Some(&first) = holding.first() else {
                    continue;
                };
                // Placed on the first posting to check, not on the first match of the segment:
                // a phrase rare in this language's fields would otherwise be searched for
                // through every posting holding its words, up to its first match.
                let first = top[first].1.doc_id;
                let weight = match &mut weight {
                    Some(weight) => weight,
                    None => weight.insert(boost.weight(
                        EnableScoring::enabled_from_statistics_provider(statistics, searcher),
                    )?),
                };
                let (found, mut scorer) = weight.scorer_danger(reader, first, 1.0)?;
                add_scores(&mut *scorer, found, first, &holding, &mut top);
            }
        }
    }
    top.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    top.truncate(limit);
    Ok(top)
}

/// The one field every term of `query` is in, if there is one.
fn single_field(query: &dyn Query) -> Option<Field> {
    let mut field = None;
    let mut single = true;
    query.query_terms(&mut |term, _| match field {
        None => field = Some(term.field()),
        Some(f) => single &= f == term.field(),
    });
    field.filter(|_| single)
}

/// Adds `scorer`'s score to each posting of `top` at `order` (one segment, ascending
/// documents) that it matches, checking each posting alone (`seek_danger`) rather than
/// scanning the matches between them. `found` is where the scorer was created: at `first`
/// (the first posting of `order`) or, on a miss, below its next match.
fn add_scores(
    scorer: &mut dyn Scorer,
    found: SeekDangerResult,
    first: DocId,
    order: &[usize],
    top: &mut [(Score, DocAddress)],
) {
    let (mut at, mut lower) = match found {
        SeekDangerResult::Found => (Some(first), first),
        SeekDangerResult::SeekLowerBound(bound) => (None, bound),
    };
    for &i in order {
        let doc = top[i].1.doc_id;
        if lower == TERMINATED {
            return;
        }
        if doc < lower {
            continue;
        }
        if at != Some(doc) {
            match scorer.seek_danger(doc) {
                SeekDangerResult::Found => at = Some(doc),
                SeekDangerResult::SeekLowerBound(bound) => {
                    at = None;
                    lower = bound;
                    continue;
                }
            }
        }
        top[i].0 += scorer.score();
        lower = doc + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{BoostQuery, PhraseQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, Term};

    /// An index of two bodies, one per language; each posting writes in one of them.
    fn two_languages() -> (Index, Field, Field) {
        let mut schema = Schema::builder();
        let en = schema.add_text_field("body_en", TEXT);
        let fr = schema.add_text_field("body_fr", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        for i in 0..300 {
            let posting = match i % 3 {
                0 => doc!(en => format!("programme officer {i} in the field")),
                1 => doc!(en => format!("officer of the programme {i}")),
                _ => doc!(fr => format!("chargé de programme officier {i} programme officer")),
            };
            writer.add_document(posting).expect("add");
        }
        writer.commit().expect("commit");
        (index, en, fr)
    }

    fn phrase(field: Field, words: &[&str], boost: Score) -> Box<dyn Query> {
        let terms = words
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect();
        Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), boost))
    }

    #[test]
    fn boosts_add_what_their_scorers_score_postings_without_their_field_included() {
        let (index, en, fr) = two_languages();
        let searcher = index.reader().expect("reader").searcher();
        let boosts = vec![
            phrase(en, &["programme", "officer"], 2.0),
            phrase(fr, &["programme", "officer"], 1.0),
        ];
        // Every posting, with a word score falling with its number: all of them rescored.
        let top: Vec<(Score, DocAddress)> = (0..300u32)
            .map(|doc| (1000.0 - doc as Score, DocAddress::new(0, doc)))
            .collect();
        let rescored = rescore(&searcher, &searcher, &boosts, top.clone(), 300).expect("rescore");
        // What each boost's own scorer scores each posting, walked through every match.
        let mut expected = top;
        for boost in &boosts {
            let weight = boost
                .weight(EnableScoring::enabled_from_searcher(&searcher))
                .expect("weight");
            let mut scorer = weight
                .scorer(searcher.segment_reader(0), 1.0)
                .expect("scorer");
            while scorer.doc() != TERMINATED {
                expected[scorer.doc() as usize].0 += scorer.score();
                scorer.advance();
            }
        }
        expected.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let bits = |v: &[(Score, DocAddress)]| -> Vec<(u32, u32)> {
            v.iter().map(|(s, a)| (s.to_bits(), a.doc_id)).collect()
        };
        assert_eq!(bits(&rescored), bits(&expected));
        // The English phrase lifts the first of every three, the French one every third.
        let lifted = rescored
            .iter()
            .filter(|(s, a)| *s > 1000.0 - a.doc_id as Score);
        assert_eq!(lifted.count(), 200);
    }
}
