//! From the parsed tree to tantivy queries, one language at a time.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhrasePrefixQuery,
    PhraseQuery, Query, TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::tree::elision_forms;
use super::{
    QueryPlan, BODY_PROXIMITY_BOOST, MAX_PHRASE_PREFIX_TERMS, PROXIMITY_SLOP, SYNONYM_SLOP,
    TITLE_BOOST, TITLE_PHRASE_BOOST, TYPO_WEIGHT,
};
use crate::analysis::pairs::PairSet;
use crate::analysis::Lang;
use crate::schema::Fields;
use crate::search::combine::{all_of, boosted, lazy_union, union};
use crate::search::either_field::EitherFieldQuery;
use crate::search::lazy_union::LazyUnionQuery;
use crate::search::pair_phrase::PairPhraseQuery;
use crate::search::phrase_matches::PhraseMatches;
use crate::search::synonyms::Synonyms;
use crate::search::term_clause::{boost_query, TermClause};
use crate::search::term_set::TermSetClause;
use crate::{Error, Result};
/// A word of an AND whose title-or-body union is looked for this many times as often as its
/// rarest word's is sought through the lazy union of [`EitherFieldQuery`]: the AND moves it
/// far ahead at each step, where tantivy's buffered union would fill a window of 4,096
/// documents to use one. The rarest word, the words of about as many postings (which the AND
/// moves a few documents at a time) and single words (walked from end to end) keep tantivy's
/// union, faster there.
const LAZY_UNION_RATIO: u64 = 4;

/// Whether a word (or each word of a concept) found in `postings` postings is sought far
/// ahead in an AND whose rarest word is found in `rarest` (see [`LAZY_UNION_RATIO`]).
fn far_more_frequent(postings: u64, rarest: u64) -> bool {
    postings >= rarest.saturating_mul(LAZY_UNION_RATIO)
}

/// Which text fields a literal targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Both,
    Title,
    Body,
}

pub(super) struct LangBuilder<'a> {
    pub(super) lang: Lang,
    pub(super) fields: &'a Fields,
    pub(super) analyzer: TextAnalyzer,
    pub(super) plan: &'a QueryPlan,
    /// When set, proximity boosts are gathered here instead of joining their clause.
    pub(super) boosts: Option<Vec<(Occur, Box<dyn Query>)>>,
    /// While the required plain words of an AND are built: the postings of this language
    /// holding the rarest of them (see [`LAZY_UNION_RATIO`]).
    pub(super) rarest: Option<u64>,
}

impl LangBuilder<'_> {
    /// Every posting of this language (the positive side of an exclusion-only query).
    fn all_of_language(&self) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.text_lang, self.lang.suffix()),
            IndexRecordOption::Basic,
        ))
    }

    pub(super) fn build(&mut self, ast: &UserInputAst) -> Result<Option<Box<dyn Query>>> {
        match ast {
            UserInputAst::Clause(clauses) => self.build_clause(clauses),
            UserInputAst::Boost(inner, boost) => Ok(self
                .build(inner)?
                .map(|q| boost_query(q, boost.into_inner() as f32))),
            UserInputAst::Leaf(leaf) => self.build_leaf(leaf),
        }
    }

    fn build_clause(
        &mut self,
        clauses: &[(Option<query_grammar::Occur>, UserInputAst)],
    ) -> Result<Option<Box<dyn Query>>> {
        if let Some((typed, restored)) = elision_forms(clauses) {
            let forms: Vec<Box<dyn Query>> = [typed, restored]
                .into_iter()
                .filter_map(|literal| self.build_literal(literal).transpose())
                .collect::<Result<_>>()?;
            return Ok(match forms.len() {
                0 | 1 => forms.into_iter().next(),
                _ => Some(Box::new(DisjunctionMaxQuery::new(forms))),
            });
        }
        let plain: Vec<Option<&str>> = clauses
            .iter()
            .map(|(occur, ast)| {
                (*occur != Some(query_grammar::Occur::MustNot))
                    .then(|| plain_word(ast))
                    .flatten()
            })
            .collect();
        let groups = synonym_groups(&plain);
        let together: Vec<&str> = plain.iter().flatten().copied().collect();
        // The rarest required plain word, when the AND has two or more of them. A function
        // word the plan drops is searched nowhere: it is not one of them.
        let required: Vec<u64> = clauses
            .iter()
            .zip(&plain)
            .filter(|((occur, _), _)| matches!(occur, None | Some(query_grammar::Occur::Must)))
            .filter_map(|(_, word)| {
                let word = (*word).filter(|w| !self.plan.drops(w))?;
                self.plan.weights.postings(word, self.lang)
            })
            .collect();
        let rarest = required
            .iter()
            .copied()
            .min()
            .filter(|_| required.len() >= 2);
        let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut i = 0;
        while i < clauses.len() {
            let occur = match clauses[i].0 {
                None | Some(query_grammar::Occur::Must) => Occur::Must,
                Some(query_grammar::Occur::Should) => Occur::Should,
                Some(query_grammar::Occur::MustNot) => Occur::MustNot,
            };
            if let Some((len, alternatives)) = groups.get(&i) {
                // A concept whose every word is far more frequent than the AND's rarest word
                // is sought lazily, its words too (see `LazyUnionQuery`).
                let sought_far = occur == Occur::Must
                    && rarest.is_some_and(|rarest| {
                        plain[i..i + len]
                            .iter()
                            .flatten()
                            .filter(|w| !self.plan.drops(w))
                            .filter_map(|w| self.plan.weights.postings(w, self.lang))
                            .min()
                            .is_some_and(|least| far_more_frequent(least, rarest))
                    });
                self.rarest = rarest.filter(|_| sought_far);
                let built = self.build_synonyms(&clauses[i..i + len], alternatives, sought_far);
                self.rarest = None;
                if let Some(query) = built? {
                    subs.push((occur, query));
                }
                i += len;
                continue;
            }
            // Only this AND's own required plain words (leaves: no nested AND sees it) are
            // compared with its rarest word.
            self.rarest = rarest.filter(|_| occur == Occur::Must && plain[i].is_some());
            let built = self.build(&clauses[i].1);
            self.rarest = None;
            if let Some(query) = built? {
                subs.push((occur, query));
            }
            i += 1;
        }
        if subs.is_empty() {
            return Ok(None);
        }
        if subs.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            subs.push((Occur::Must, self.all_of_language()));
        }
        if together.len() >= 2 {
            let proximity = self.proximity(&together.join(" "));
            match &mut self.boosts {
                Some(boosts) => boosts.extend(proximity),
                None => subs.extend(proximity),
            }
        }
        if subs.len() == 1 && subs[0].0 != Occur::MustNot {
            return Ok(subs.pop().map(|(_, q)| q));
        }
        Ok(Some(all_of(subs)))
    }

    /// The words of `clauses` as typed, or any form of the concept they name; a union that
    /// moves lazily when the concept is `sought_far` in an AND (see [`LazyUnionQuery`]).
    fn build_synonyms(
        &mut self,
        clauses: &[(Option<query_grammar::Occur>, UserInputAst)],
        alternatives: &[String],
        sought_far: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut typed: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (_, ast) in clauses {
            if let Some(query) = self.build(ast)? {
                typed.push((Occur::Must, query));
            }
        }
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        match typed.len() {
            0 => {}
            1 => any.push((Occur::Should, typed.pop().expect("one").1)),
            _ => any.push((Occur::Should, all_of(typed))),
        }
        for text in alternatives {
            if let Some(query) = self.text_query(text, Target::Both, SYNONYM_SLOP, false, true) {
                any.push((Occur::Should, query));
            }
        }
        Ok(match any.len() {
            0 => None,
            1 => any.pop().map(|(_, q)| q),
            _ if sought_far => Some(Box::new(LazyUnionQuery::new(
                any.into_iter().map(|(_, q)| lazy_union(q)).collect(),
            ))),
            _ => Some(Box::new(BooleanQuery::new(any))),
        })
    }

    /// Optional boosts for postings holding the words of `text` together: as a phrase in
    /// the title, within [`PROXIMITY_SLOP`] in the body. Never required.
    fn proximity(&mut self, text: &str) -> Vec<(Occur, Box<dyn Query>)> {
        let terms = self.analyse(text);
        if terms.len() < 2 {
            return Vec::new();
        }
        let weight = self.plan.weights.get(text, self.lang);
        let title = field_query(self.fields.title(self.lang), None, &terms, 1, false, None);
        let body = field_query(
            self.fields.body(self.lang),
            None,
            &terms,
            PROXIMITY_SLOP,
            false,
            None,
        );
        vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(title, TITLE_PHRASE_BOOST * weight)) as Box<dyn Query>,
            ),
            (
                Occur::Should,
                Box::new(BoostQuery::new(body, BODY_PROXIMITY_BOOST * weight)),
            ),
        ]
    }

    /// This language's terms of `text`, positions relative to the first kept word.
    fn analyse(&mut self, text: &str) -> Vec<(usize, String)> {
        let mut terms: Vec<(usize, String)> = Vec::new();
        let mut stream = self.analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            terms.push((token.position, token.text.clone()));
        }
        let first = terms.first().map_or(0, |t| t.0);
        terms.into_iter().map(|(p, t)| (p - first, t)).collect()
    }

    fn build_leaf(&mut self, leaf: &UserInputLeaf) -> Result<Option<Box<dyn Query>>> {
        match leaf {
            UserInputLeaf::Literal(literal) => self.build_literal(literal),
            UserInputLeaf::All => Ok(Some(self.all_of_language())),
            UserInputLeaf::Range { .. } => Err(Error::InvalidQuery(
                "range queries are not supported; use the date filters".into(),
            )),
            UserInputLeaf::Set { .. } => Err(Error::InvalidQuery(
                "set queries (`IN [...]`) are not supported".into(),
            )),
            UserInputLeaf::Exists { field } => Err(Error::InvalidQuery(format!(
                "`{}:*` is not supported; use the facet filters",
                crate::error::echo(field)
            ))),
            UserInputLeaf::Regex { .. } => Err(Error::InvalidQuery(
                "regular expressions are not supported".into(),
            )),
        }
    }

    fn build_literal(&mut self, literal: &UserInputLiteral) -> Result<Option<Box<dyn Query>>> {
        let target = match literal.field_name.as_deref() {
            None => Target::Both,
            Some("title") => Target::Title,
            Some("body") => Target::Body,
            Some(other) => {
                return Err(Error::InvalidQuery(format!(
                    "unknown field `{}`; the fields are `title:` and `body:` \
                     (filter facets with parameters such as grade=P2)",
                    crate::error::echo(other)
                )))
            }
        };
        let plain = literal.delimiter == Delimiter::None && !literal.prefix;
        if plain && self.plan.drops(&literal.phrase) {
            return Ok(None);
        }
        let slop = if literal.delimiter == Delimiter::None {
            0
        } else {
            literal.slop
        };
        // A quoted form of the synonym table (`"monitoring and evaluation"`, which ESCO's
        // labels give no word pair) keeps its matches per segment, as the table's forms do
        // when a query names their concept.
        let keep = literal.delimiter != Delimiter::None
            && !literal.prefix
            && Synonyms::shipped().is_form(&literal.phrase);
        let Some(query) = self.text_query(&literal.phrase, target, slop, literal.prefix, keep)
        else {
            return Ok(None);
        };
        let query = boosted(query, self.plan.weights.get(&literal.phrase, self.lang));
        let correction = self.plan.corrections.get(&literal.phrase);
        let fixed =
            correction.and_then(|c| self.text_query(&c.word, target, slop, literal.prefix, false));
        Ok(Some(match fixed {
            Some(fixed) => Box::new(BooleanQuery::new(vec![
                (Occur::Should, query),
                (Occur::Should, Box::new(BoostQuery::new(fixed, TYPO_WEIGHT))),
            ])),
            None => query,
        }))
    }

    /// `text` analysed in this language, in the title (boosted) and the body as `target`
    /// says: one term, or a phrase when it analyses to several. With `keep` (the synonym
    /// table's forms), the phrase's matches are kept per segment by the plan's
    /// [`PhraseMatches`].
    fn text_query(
        &mut self,
        text: &str,
        target: Target,
        slop: u32,
        prefix: bool,
        keep: bool,
    ) -> Option<Box<dyn Query>> {
        // Positions relative to the first kept word, so removed stop words leave gaps.
        let mut terms = self.analyse(text);
        if prefix && terms.is_empty() {
            // A stop word begins other words: `de*` is searched as typed.
            terms = crate::search::prefix::prefix_term(&self.analyzer, text)
                .map(|term| vec![(0, term)])
                .unwrap_or_default();
        }
        if terms.is_empty() {
            return None;
        }
        let plan = self.plan;
        let kept = plan.phrases.as_ref().filter(|_| keep);
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let lang = self.lang;
        let query_of = |field: Field, pairs: Option<(Field, &PairSet)>| {
            let expanded = terms
                .last()
                .filter(|_| prefix)
                .and_then(|(_, last)| plan.prefixes.get(&(field, last.clone())));
            match (expanded, terms.len()) {
                (Some(expanded), 1) => expanded_query(field, expanded),
                (Some(expanded), _) => phrase_prefix_query(field, &terms, slop, expanded),
                (None, _) => field_query(field, pairs, &terms, slop, prefix, kept),
            }
        };
        if target != Target::Body {
            let q = query_of(self.fields.title(lang), None);
            per_field.push((Occur::Should, boost_query(q, TITLE_BOOST)));
        }
        if target != Target::Title {
            // Only a phrase of two terms may be read from the word pairs.
            let pairs = (terms.len() == 2)
                .then(|| crate::skills::phrase_pairs(lang))
                .flatten()
                .map(|set| (self.fields.pairs(lang), set));
            per_field.push((Occur::Should, query_of(self.fields.body(lang), pairs)));
        }
        let sought_far = self.rarest.is_some_and(|rarest| {
            plan.weights
                .postings(text, lang)
                .is_some_and(|postings| far_more_frequent(postings, rarest))
        });
        Some(match (per_field.len(), sought_far) {
            (1, _) => per_field.pop().expect("one field").1,
            (_, true) => {
                let (_, body) = per_field.pop().expect("the body");
                let (_, title) = per_field.pop().expect("the title");
                Box::new(EitherFieldQuery::new(title, body))
            }
            (_, false) => Box::new(BooleanQuery::new(per_field)),
        })
    }
}

/// Runs of consecutive plain words naming a concept of the synonym table: first clause →
/// (number of clauses, the concept's other forms).
fn synonym_groups(plain: &[Option<&str>]) -> HashMap<usize, (usize, Vec<String>)> {
    let mut groups = HashMap::new();
    let mut start = 0;
    while start < plain.len() {
        let run = plain[start..].iter().take_while(|w| w.is_some()).count();
        if run == 0 {
            start += 1;
            continue;
        }
        let words: Vec<String> = plain[start..start + run]
            .iter()
            .flatten()
            .map(|w| (*w).to_owned())
            .collect();
        for found in Synonyms::shipped().find(&words) {
            groups.insert(start + found.start, (found.len, found.alternatives));
        }
        start += run;
    }
    groups
}

/// The text of a plain word or unquoted words with no field, prefix or boost: what a
/// searcher types without query syntax.
pub(super) fn plain_word(ast: &UserInputAst) -> Option<&str> {
    match ast {
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(l)
                if l.field_name.is_none() && !l.prefix && l.delimiter == Delimiter::None =>
            {
                Some(&l.phrase)
            }
            _ => None,
        },
        _ => None,
    }
}

/// The word of `ast` as typed when it may be a filler word: a plain word, or one written with
/// an elided article, which [`super::tree::restore_elisions`] turned into its two forms (`d'emploi`); not
/// an acronym typed in capitals (`FIND Geneva`, the foundation), unless the whole query is
/// (`shouted`).
pub(super) fn filler_candidate(ast: &UserInputAst, shouted: bool) -> Option<&str> {
    let word = match plain_word(ast) {
        Some(word) => word,
        None => {
            let UserInputAst::Clause(clauses) = ast else {
                return None;
            };
            let (typed, _) = elision_forms(clauses)?;
            (typed.field_name.is_none() && !typed.prefix && typed.delimiter == Delimiter::None)
                .then_some(typed.phrase.as_str())?
        }
    };
    let acronym = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !word.chars().any(char::is_lowercase);
    (shouted || !acronym).then_some(word)
}

/// The postings holding one of `terms` (a prefix's, see [`QueryPlan::prefixes`]) in `field`,
/// each scoring 1 as tantivy's prefix query does (see [`TermSetClause`]).
fn expanded_query(field: Field, terms: &[String]) -> Box<dyn Query> {
    // A prefix standing for no term of the field is an empty set, which a union of sets
    // can still join.
    Box::new(TermSetClause::new(
        field,
        crate::search::prefix::field_terms(field, terms),
    ))
}

/// The phrase of `terms` (offsets and terms) in `field` whose last word is one of `expanded`
/// (the terms its prefix stands for, held by most postings first): the OR of a phrase for
/// each of the first [`MAX_PHRASE_PREFIX_TERMS`].
fn phrase_prefix_query(
    field: Field,
    terms: &[(usize, String)],
    slop: u32,
    expanded: &[String],
) -> Box<dyn Query> {
    let Some(((at, _), words)) = terms.split_last() else {
        return Box::new(EmptyQuery);
    };
    let head: Vec<(usize, Term)> = words
        .iter()
        .map(|(pos, text)| (*pos, Term::from_field_text(field, text)))
        .collect();
    let phrases: Vec<(Occur, Box<dyn Query>)> = expanded
        .iter()
        .take(MAX_PHRASE_PREFIX_TERMS)
        .map(|last| {
            let mut phrase = head.clone();
            phrase.push((*at, Term::from_field_text(field, last)));
            let query: Box<dyn Query> =
                Box::new(PhraseQuery::new_with_offset_and_slop(phrase, slop));
            (Occur::Should, query)
        })
        .collect();
    union(phrases).unwrap_or_else(|| Box::new(EmptyQuery))
}

/// The query of `terms` (offsets and terms) in `field`: a term query for one term, else a
/// phrase (prefix) query within `slop`, its matches kept by `kept` when given; a phrase of
/// two terms side by side, or two positions apart, is read from `pairs`, the field's word
/// pairs, when they keep it.
fn field_query(
    field: tantivy::schema::Field,
    pairs: Option<(Field, &PairSet)>,
    terms: &[(usize, String)],
    slop: u32,
    prefix: bool,
    kept: Option<&Arc<PhraseMatches>>,
) -> Box<dyn Query> {
    if let (Some((pairs, kept_pairs)), [(a, first), (b, second)], 0, false, None) =
        (pairs, terms, slop, prefix, kept)
    {
        let gap = b.wrapping_sub(*a);
        if (gap == 1 || gap == 2) && kept_pairs.contains_at(first, second, gap) {
            return Box::new(PairPhraseQuery::at(field, pairs, first, second, gap));
        }
    }
    let terms: Vec<(usize, Term)> = terms
        .iter()
        .map(|(pos, text)| (*pos, Term::from_field_text(field, text)))
        .collect();
    if prefix {
        return Box::new(PhrasePrefixQuery::new_with_offset(terms));
    }
    if terms.len() == 1 {
        let term = terms.into_iter().next().expect("one term").1;
        return Box::new(TermClause::new(term));
    }
    if let Some(kept) = kept {
        return kept.query(terms, slop);
    }

    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}
