//! The statistics BM25 reads (each term's document count, each field's token count), kept
//! for the searcher's generation.
//!
//! Every term clause asks for its term's document count when its weight is built, and for
//! its field's token count: tantivy's searcher looks the term up in the dictionary of every
//! segment and adds the fields' counts of every segment, each time. A query of three words
//! in four languages' titles and bodies builds some sixty weights (the AND's term clauses
//! twice: tantivy's weight, and the one read block by block), the proximity boosts and the
//! snippets' terms ask again, and a relaxed query builds its weights a second time.
//! [`TermStats`] keeps the numbers by term and by field until the searcher's generation
//! changes, or until it holds [`KEPT_TERMS`] terms, then forgets them all at once (bounded
//! memory, nothing stale). The numbers are the searcher's own, so the scores are the same bit
//! for bit.

use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Most terms kept per generation: ~64 bytes each, a few megabytes at most.
pub const KEPT_TERMS: usize = 50_000;

/// The statistics kept for one generation (see the [module](self)).
#[derive(Default)]
pub struct TermStats {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    generation: u64,
    doc_freqs: FxHashMap<Term, u64>,
    tokens: FxHashMap<Field, u64>,
}

impl Kept {
    /// The maps of `generation`: emptied when they belonged to another one.
    fn of(&mut self, generation: u64) -> &mut Kept {
        if self.generation != generation {
            self.doc_freqs.clear();
            self.tokens.clear();
            self.generation = generation;
        }
        self
    }
}

impl TermStats {
    /// The statistics of `searcher`, read through what is kept for its generation.
    #[must_use]
    pub fn of<'a>(&'a self, searcher: &'a Searcher) -> Statistics<'a> {
        Statistics {
            searcher,
            stats: self,
            generation: searcher.generation().generation_id(),
        }
    }

    /// Terms kept now.
    #[cfg(test)]
    fn terms(&self) -> usize {
        self.lock().doc_freqs.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One searcher's BM25 statistics, remembered for its generation: a
/// [`Bm25StatisticsProvider`] giving the numbers the searcher gives.
pub struct Statistics<'a> {
    searcher: &'a Searcher,
    stats: &'a TermStats,
    generation: u64,
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&tokens) = self.stats.lock().of(self.generation).tokens.get(&field) {
            return Ok(tokens);
        }
        let tokens = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        self.stats
            .lock()
            .of(self.generation)
            .tokens
            .insert(field, tokens);
        Ok(tokens)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        // A sum over the segments, with nothing to look up.
        Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&count) = self.stats.lock().of(self.generation).doc_freqs.get(term) {
            return Ok(count);
        }
        // Looked up without the lock: two searches may look the same term up at once, and
        // both find the same count.
        let count = self.searcher.doc_freq(term)?;
        let mut kept = self.stats.lock();
        let kept = kept.of(self.generation);
        if kept.doc_freqs.len() >= KEPT_TERMS {
            kept.doc_freqs.clear();
        }
        kept.doc_freqs.insert(term.clone(), count);
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter, ReloadPolicy};

    #[test]
    fn counts_are_the_searchers_and_follow_new_generations() {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer(15_000_000).expect("writer");
        writer
            .add_document(doc!(title => "water officer", body => "water and sanitation"))
            .expect("add");
        writer
            .add_document(doc!(title => "finance officer", body => "budgets"))
            .expect("add");
        writer.commit().expect("commit");
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .expect("reader");
        let kept = TermStats::default();
        let terms = |field, words: &[&str]| -> Vec<Term> {
            words
                .iter()
                .map(|w| Term::from_field_text(field, w))
                .collect()
        };
        let check = |searcher: &Searcher| {
            let stats = kept.of(searcher);
            // Twice: computed, then kept.
            for _ in 0..2 {
                for term in terms(title, &["water", "officer", "absent"])
                    .into_iter()
                    .chain(terms(body, &["water", "budgets"]))
                {
                    assert_eq!(
                        stats.doc_freq(&term).expect("kept"),
                        searcher.doc_freq(&term).expect("searcher"),
                        "{term:?}"
                    );
                }
                for field in [title, body] {
                    assert_eq!(
                        stats.total_num_tokens(field).expect("kept"),
                        Bm25StatisticsProvider::total_num_tokens(searcher, field)
                            .expect("searcher")
                    );
                }
                assert_eq!(
                    stats.total_num_docs().expect("kept"),
                    Bm25StatisticsProvider::total_num_docs(searcher).expect("searcher")
                );
            }
        };
        let first = reader.searcher();
        check(&first);
        assert_eq!(kept.terms(), 5);
        assert_eq!(
            kept.of(&first)
                .doc_freq(&terms(title, &["officer"])[0])
                .ok(),
            Some(2)
        );
        // A new generation: the old counts are forgotten, the new ones read.
        writer
            .add_document(doc!(title => "water engineer", body => "water pumps"))
            .expect("add");
        writer.commit().expect("commit");
        reader.reload().expect("reload");
        let second = reader.searcher();
        check(&second);
        assert_eq!(
            kept.of(&second).doc_freq(&terms(title, &["water"])[0]).ok(),
            Some(2)
        );
        assert_eq!(kept.terms(), 5);
    }
}
