//! Postings like a given one: tantivy's more-like-this over the title and body, same
//! language first, closed postings last (or left out).

use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue};
use tantivy::tokenizer::TokenStream;
use tantivy::{DocAddress, Searcher, Term};

use super::{leading_excerpt, Engine, Hit, MAX_PER_PAGE};
use crate::analysis::Lang;
use crate::geo::gazetteer;
use crate::schema::{day_number, NO_CLOSING};
use crate::{Error, Posting, Result};

/// Similar postings listed when the request does not say how many.
pub const DEFAULT_SIMILAR: usize = 5;

/// Candidates taken from each pass before ordering (same language, other languages).
const CANDIDATES: usize = 200;

/// Title terms weigh this much more than body terms.
const TITLE_WEIGHT: f32 = 2.0;

/// Most body terms in the query: enough for the words of a whole notice's template.
const BODY_TERMS: usize = 60;

/// Bodies longer than this (bytes) take only their words said at least twice.
const LONG_BODY_BYTES: usize = 3_000;

/// What `/api/postings/{id}/similar` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimilarRequest {
    /// The posting to find neighbours of.
    pub id: String,
    /// How many to return, 1 to [`MAX_PER_PAGE`].
    pub per_page: usize,
    /// Only postings closing on this day or later (or without a closing date); when `None`,
    /// closed postings are listed after the open ones.
    pub open_on: Option<NaiveDate>,
    /// The day that tells open from closed postings for ordering.
    pub today: NaiveDate,
}

/// A candidate with what orders it; its posting is loaded only if it makes the list.
struct Candidate {
    address: DocAddress,
    score: f32,
    same_language: bool,
    /// Closing day number ([`NO_CLOSING`] when unknown).
    closing: i64,
}

impl Engine {
    /// The postings most like `request.id`: those analysed in its language first (by
    /// more-like-this score over title and body), then postings in other languages sharing
    /// its rarer words (names, acronyms, places), closed postings last or — with `open_on` —
    /// left out. Never the posting itself. `None` when no posting has that id. Only the
    /// postings listed are loaded; the others are ordered from the fast fields.
    pub fn similar(&self, request: &SimilarRequest) -> Result<Option<Vec<Hit>>> {
        if request.per_page == 0 || request.per_page > MAX_PER_PAGE {
            return Err(Error::param(
                "per_page",
                format!("must be between 1 and {MAX_PER_PAGE}"),
            ));
        }
        let Some(posting) = self.posting(&request.id)? else {
            return Ok(None);
        };
        let searcher = self.searcher();
        let lang = Lang::for_code(&posting.language);
        let others: Vec<Lang> = Lang::ALL.into_iter().filter(|l| *l != lang).collect();
        let mut candidates = self.neighbours(&searcher, &posting, &[lang], true)?;
        let seen: HashSet<DocAddress> = candidates.iter().map(|c| c.address).collect();
        candidates.extend(
            self.neighbours(&searcher, &posting, &others, false)?
                .into_iter()
                .filter(|c| !seen.contains(&c.address)),
        );
        let today = day_number(request.today);
        if let Some(day) = request.open_on {
            let day = day_number(day);
            candidates.retain(|c| c.closing >= day);
        }
        let closed = |c: &Candidate| c.closing < today;
        candidates.sort_by(|a, b| {
            closed(a)
                .cmp(&closed(b))
                .then(b.same_language.cmp(&a.same_language))
                .then(b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
                .then(a.address.cmp(&b.address))
        });
        let mut hits = Vec::with_capacity(request.per_page);
        for candidate in candidates.into_iter().take(request.per_page) {
            let found = self.load(&searcher, candidate.address)?;
            let snippet = leading_excerpt(&found.body);
            hits.push(Hit::new(found, candidate.score, snippet));
        }
        Ok(Some(hits))
    }

    /// The words of `posting`'s duty station and country names (English, French, Spanish)
    /// as the analyzers of `langs` index them.
    fn place_words(
        &self,
        searcher: &Searcher,
        posting: &Posting,
        langs: &[Lang],
    ) -> Result<Vec<String>> {
        let mut names: Vec<&str> = [&posting.duty_station, &posting.duty_station_raw]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if let Some(country) = posting
            .country
            .as_deref()
            .and_then(|c| gazetteer().country(c))
        {
            names.extend([country.name_en, country.name_fr, country.name_es]);
        }
        let mut words = Vec::new();
        for lang in langs {
            let mut analyzer = searcher
                .index()
                .tokenizer_for_field(self.fields().body(*lang))?;
            for name in &names {
                let mut stream = analyzer.token_stream(name);
                while stream.advance() {
                    words.push(stream.token().text.clone());
                }
            }
        }
        words.sort();
        words.dedup();
        Ok(words)
    }

    /// Postings matching `posting`'s title and body analysed as each of `langs`, best first,
    /// without `posting` itself.
    fn neighbours(
        &self,
        searcher: &Searcher,
        posting: &Posting,
        langs: &[Lang],
        same_language: bool,
    ) -> Result<Vec<Candidate>> {
        let fields = self.fields();
        let title = posting.title.as_deref().unwrap_or("");
        let text = |field: Field, value: &str| (field, vec![OwnedValue::Str(value.to_owned())]);
        let titles: Vec<_> = langs
            .iter()
            .map(|l| text(fields.title(*l), title))
            .collect();
        let bodies: Vec<_> = langs
            .iter()
            .map(|l| text(fields.body(*l), &posting.body))
            .collect();
        // Place names say where, not what the job is: left out, or every posting of a
        // country would look alike.
        let places = self.place_words(searcher, posting, langs)?;
        // Terms shared with at least one other posting, and not in most of them.
        let max_df = (searcher.num_docs() / 2).max(2);
        let title_query = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            .with_max_doc_frequency(max_df)
            .with_min_term_frequency(1)
            .with_min_word_length(2)
            .with_max_query_terms(12)
            .with_stop_words(places.clone())
            .with_document_fields(titles);
        // In a long text, a word said once says little about it.
        let min_tf = if posting.body.len() > LONG_BODY_BYTES {
            2
        } else {
            1
        };
        let body_query = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            .with_max_doc_frequency(max_df)
            .with_min_term_frequency(min_tf)
            .with_min_word_length(3)
            .with_max_query_terms(BODY_TERMS)
            .with_stop_words(places)
            .with_document_fields(bodies);
        let itself = TermQuery::new(
            Term::from_field_text(fields.id, &posting.id),
            IndexRecordOption::Basic,
        );
        let query = BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(title_query), TITLE_WEIGHT)) as Box<dyn Query>,
            ),
            (Occur::Should, Box::new(body_query)),
            (Occur::MustNot, Box::new(itself)),
        ]);
        let top = searcher.search(&query, &TopDocs::with_limit(CANDIDATES).order_by_score())?;
        let mut closing_columns = HashMap::new();
        let mut out = Vec::with_capacity(top.len());
        for (score, address) in top {
            let column = match closing_columns.entry(address.segment_ord) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(
                    searcher
                        .segment_reader(address.segment_ord)
                        .fast_fields()
                        .i64("closing")?,
                ),
            };
            out.push(Candidate {
                address,
                score,
                same_language,
                closing: column.first(address.doc_id).unwrap_or(NO_CLOSING),
            });
        }
        Ok(out)
    }
}
