//! From the user's query text to a tantivy query, one language at a time.
//!
//! The text is parsed once with tantivy's query grammar (`AND`, `OR`, `-`, `+`, phrases in
//! double quotes, `title:`/`body:` prefixes, `word*` prefixes, `^` boosts). The parsed tree is
//! then turned into one sub-query per indexed language, each analysed with that language's
//! analyzer against that language's fields, and the sub-queries are OR'ed. Each posting lives
//! in the fields of one language only, so a stop word of French (`de`) disappears from the
//! French sub-query instead of being required of French postings.
//!
//! The typed text is checked and prepared for the grammar in `text`, the parsed tree is
//! rewritten in `tree` (alternatives, prefixes, elisions), and `build` makes each language's
//! tantivy query from it.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::query::{EmptyQuery, Occur, Query};
use tantivy::query_grammar::{self, UserInputAst};
use tantivy::tokenizer::TextAnalyzer;

use super::combine::{boosted, dense_or, join_union, union};
use super::language::WordWeights;
use super::phrase_matches::PhraseMatches;
use super::prefix::PrefixTerms;
use super::typo::Correction;
use crate::analysis::Lang;
use crate::schema::Fields;
use crate::{Error, Result};

mod build;
#[cfg(test)]
mod tests;
mod text;
mod tree;

use build::{filler_candidate, plain_word, LangBuilder};
pub use text::check_query_text;
use text::{join_spaced_slashes, plain_text_ast, plain_words, straight_quotes};
use tree::{collect_literals, count_leaves, mark_prefixes, restore_elisions, split_alternatives};

/// How much more a match in the title weighs than one in the body.
pub const TITLE_BOOST: f32 = 3.0;

/// How much more a posting in the query's language weighs than one in another language.
pub const QUERY_LANG_BOOST: f32 = 1.5;

/// Extra weight of a posting whose title holds the query's words together, in order.
pub const TITLE_PHRASE_BOOST: f32 = 2.0;

/// Extra weight of a posting whose body holds the query's words within a small window.
pub const BODY_PROXIMITY_BOOST: f32 = 1.0;

/// Words allowed between (or swaps among) the query's words for the body proximity boost.
pub const PROXIMITY_SLOP: u32 = 3;

/// Weight of a match found only through a typo correction, below an exact match.
pub const TYPO_WEIGHT: f32 = 0.5;

/// Words allowed between the words of a synonym's form (`cash and voucher assistance`).
pub const SYNONYM_SLOP: u32 = 1;

/// Most terms the prefix ending a phrase stands for (`"data anal"*`: analysis, analyst,
/// analytics...), those held by most postings: each is a phrase query of its own.
pub const MAX_PHRASE_PREFIX_TERMS: usize = 32;

/// Most words and phrases in one query.
pub const MAX_QUERY_CLAUSES: usize = 32;

/// A parsed query, ready to be turned into tantivy queries.
#[derive(Debug, Clone)]
pub struct ParsedQuery {
    ast: UserInputAst,
    /// Whether the text's syntax could not be read and its words were taken as plain words
    /// (see [`ParsedQuery::parse`]).
    as_words: bool,
}

impl ParsedQuery {
    /// Parses `text`, after reading its typographic double quotes and guillemets as `"`
    /// (`“project management”`, `« gestion de projet »`) and dropping the gender and number
    /// endings written onto its words (`chargé(e)` is `chargé`; see
    /// [`crate::analysis::inclusive`]) and joining alternatives spaced around a slash
    /// (`P3 / P4` is `P3/P4`).
    ///
    /// A text the grammar cannot read (an unbalanced parenthesis or quote, a stray bracket
    /// or colon, a keyword with nothing to join: text pasted from a notice, or typed as
    /// words) is searched as its plain words, as a search box would, and
    /// [`ParsedQuery::read_as_words`] says so; only a text without any word is an error,
    /// which says where the text is wrong. Syntax that reads well but asks for what the
    /// index cannot do (an unknown field, a regex or a range) is an error when the query
    /// is built. Size, depth and control characters are checked first
    /// ([`check_query_text`]).
    pub fn parse(text: &str) -> Result<ParsedQuery> {
        check_query_text(text)?;
        let text = straight_quotes(text);
        let text = crate::analysis::inclusive::strip_parenthesised(&text);
        let text = &*join_spaced_slashes(&text);
        let (ast, errors) = match plain_text_ast(text) {
            Some(ast) => (ast, Vec::new()),
            None => query_grammar::parse_query_lenient(text),
        };
        let (ast, as_words) = match errors.first() {
            None => (ast, false),
            Some(error) => match plain_words(text) {
                Some(words) => (words, true),
                None => {
                    return Err(Error::InvalidQuery(format!(
                        "{} (at character {} of the query)",
                        error.message,
                        text[..error.pos.min(text.len())].chars().count() + 1
                    )))
                }
            },
        };
        let clauses = count_leaves(&ast);
        if clauses > MAX_QUERY_CLAUSES {
            return Err(Error::InvalidQuery(format!(
                "the query has {clauses} words or phrases; the limit is {MAX_QUERY_CLAUSES}"
            )));
        }
        // A lone word or phrase is a clause of one, so that clause-level rules (synonyms)
        // apply to it too.
        let mut ast = match ast {
            UserInputAst::Leaf(_) => UserInputAst::Clause(vec![(None, ast)]),
            other => other,
        };
        mark_prefixes(&mut ast);
        split_alternatives(&mut ast);
        restore_elisions(&mut ast);
        Ok(ParsedQuery { ast, as_words })
    }

    /// Whether the text's syntax could not be read, so that its words were searched as
    /// plain words (see [`ParsedQuery::parse`]).
    #[must_use]
    pub fn read_as_words(&self) -> bool {
        self.as_words
    }

    /// The text of every prefix (`coord*`, `"data anal"*`) the query looks for, without its
    /// star.
    #[must_use]
    pub fn prefixes(&self) -> Vec<String> {
        let mut out = Vec::new();
        collect_literals(&self.ast, false, true, &mut out);
        out
    }

    /// The same query with its implicit AND between words turned into OR, when it has at
    /// least two such words; explicit `AND`, `+`, `-` and phrases are kept.
    #[must_use]
    pub fn relaxed(&self) -> Option<ParsedQuery> {
        let UserInputAst::Clause(clauses) = &self.ast else {
            return None;
        };
        let implicit = clauses.iter().filter(|(occur, _)| occur.is_none()).count();
        if implicit < 2 {
            return None;
        }
        let clauses = clauses
            .iter()
            .map(|(occur, ast)| {
                let occur = occur.or(Some(query_grammar::Occur::Should));
                (occur, ast.clone())
            })
            .collect();
        Some(ParsedQuery {
            ast: UserInputAst::Clause(clauses),
            as_words: self.as_words,
        })
    }

    /// Whether the query reads as a job seeker's sentence (`I am looking for a job in…`,
    /// `je cherche un poste de…`): one of its implicitly required words is a cue (see
    /// `search::filler`).
    #[must_use]
    pub fn reads_as_sentence(&self) -> bool {
        let UserInputAst::Clause(clauses) = &self.ast else {
            return false;
        };
        let shouted = self.shouted();
        clauses.iter().any(|(occur, ast)| {
            occur.is_none() && filler_candidate(ast, shouted).is_some_and(super::filler::is_cue)
        })
    }

    /// The same query without its filler words (`looking`, `job`, `busco`: see
    /// `search::filler`), and those words as typed, when it has some among its implicitly
    /// required words and at least one searched word besides them (not a function word
    /// `plan` drops); `None` otherwise. Explicit `AND`, `+`, `-` and phrases are kept.
    #[must_use]
    pub fn without_filler(&self, plan: &QueryPlan) -> Option<(ParsedQuery, Vec<String>)> {
        let UserInputAst::Clause(clauses) = &self.ast else {
            return None;
        };
        let shouted = self.shouted();
        let filler = |(occur, ast): &(Option<query_grammar::Occur>, UserInputAst)| {
            occur.is_none() && filler_candidate(ast, shouted).is_some_and(super::filler::is_filler)
        };
        let (left_out, kept): (Vec<_>, Vec<_>) = clauses.iter().cloned().partition(filler);
        let searched = kept.iter().any(|(occur, ast)| {
            *occur != Some(query_grammar::Occur::MustNot)
                && plain_word(ast).is_none_or(|word| !plan.drops(word))
        });
        let left_out: Vec<String> = left_out
            .iter()
            .filter_map(|(_, ast)| filler_candidate(ast, shouted).map(str::to_owned))
            .collect();
        (!left_out.is_empty() && searched).then(|| {
            let ast = UserInputAst::Clause(kept);
            let as_words = self.as_words;
            (ParsedQuery { ast, as_words }, left_out)
        })
    }

    /// Whether the query is typed in capitals throughout (`LOOKING FOR A JOB IN NUTRITION`):
    /// then a word in capitals is not taken for an acronym.
    fn shouted(&self) -> bool {
        !self
            .literals()
            .iter()
            .any(|literal| literal.chars().any(char::is_lowercase))
    }

    /// The text of every word or phrase the query looks for (not those it excludes).
    #[must_use]
    pub fn literals(&self) -> Vec<String> {
        let mut out = Vec::new();
        collect_literals(&self.ast, false, false, &mut out);
        out
    }

    /// The words the query looks for, as typed.
    #[must_use]
    pub fn words(&self) -> Vec<String> {
        self.literals()
            .iter()
            .flat_map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .collect()
    }

    /// The tantivy query over every language's fields, every word at weight 1 and no
    /// query language.
    pub fn to_query(&self, fields: &Fields, analyzers: &Analyzers) -> Result<Box<dyn Query>> {
        self.to_ranked_query(fields, analyzers, &QueryPlan::default())
    }

    /// The tantivy query over every language's fields, ranked as `plan` says.
    pub fn to_ranked_query(
        &self,
        fields: &Fields,
        analyzers: &Analyzers,
        plan: &QueryPlan,
    ) -> Result<Box<dyn Query>> {
        Ok(self.build(fields, analyzers, plan, false)?.query)
    }

    /// The same ranking as [`ParsedQuery::to_ranked_query`], split in two: the query that
    /// finds and scores postings, and the proximity boosts, which only reorder what the
    /// first finds. A posting's score under the whole query is the sum of its scores under
    /// both, so the boosts can be added to the best postings only (see
    /// `super::rescore`) instead of checking word positions in every match.
    pub fn to_split_query(
        &self,
        fields: &Fields,
        analyzers: &Analyzers,
        plan: &QueryPlan,
    ) -> Result<SplitQuery> {
        self.build(fields, analyzers, plan, true)
    }

    fn build(
        &self,
        fields: &Fields,
        analyzers: &Analyzers,
        plan: &QueryPlan,
        split: bool,
    ) -> Result<SplitQuery> {
        let mut per_lang: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut boosts: Vec<Box<dyn Query>> = Vec::new();
        for lang in Lang::ALL {
            let mut builder = LangBuilder {
                lang,
                fields,
                analyzer: analyzers.get(lang),
                plan,
                boosts: split.then(Vec::new),
                rarest: None,
            };
            let weight = if plan.lang == Some(lang) {
                QUERY_LANG_BOOST
            } else {
                1.0
            };
            if let Some(query) = builder.build(&self.ast)? {
                // A posting is in one language: at most one of these clauses matches it, so
                // their clauses can join one union (see `join_union`).
                join_union(&mut per_lang, boosted(query, weight));
            }
            for (_, query) in builder.boosts.unwrap_or_default() {
                boosts.push(boosted(query, weight));
            }
        }
        let query = dense_or(&per_lang)
            .or_else(|| union(per_lang))
            .unwrap_or_else(|| Box::new(EmptyQuery));
        Ok(SplitQuery { query, boosts })
    }
}

/// A query and the optional boosts that only reorder its matches
/// (see [`ParsedQuery::to_split_query`]).
pub struct SplitQuery {
    /// Finds the postings and scores them.
    pub query: Box<dyn Query>,
    /// Proximity boosts (phrase queries, each with its weight) whose scores add up to the
    /// postings' scores; empty when the query has no two words to bring together.
    pub boosts: Vec<Box<dyn Query>>,
}

/// How a query is ranked beyond BM25: the query's language and each word's weight per
/// language.
#[derive(Debug, Clone, Default)]
pub struct QueryPlan {
    /// The language postings are preferred in, if any.
    pub lang: Option<Lang>,
    /// Weights of the query's words in each language's sub-query.
    pub weights: WordWeights,
    /// Typed word → its correction, for words with no or very few matches.
    pub corrections: HashMap<String, Correction>,
    /// Plain words left out of every language's sub-query: function words of the query's
    /// language (`de` in a Spanish query is not searched for in English postings).
    pub dropped: Vec<String>,
    /// Where the matches of the synonym table's phrases are kept (see `PhraseMatches`);
    /// `None`: each search finds them again.
    pub phrases: Option<Arc<PhraseMatches>>,
    /// The terms each one-word prefix stands for (see `search::prefix`); a prefix not listed
    /// is searched by tantivy's phrase prefix query (its first 50 terms in term order).
    pub prefixes: PrefixTerms,
}

impl QueryPlan {
    /// Whether the plain word `word` is left out of every language's sub-query (see
    /// [`QueryPlan::dropped`]).
    fn drops(&self, word: &str) -> bool {
        self.dropped.iter().any(|d| d == word)
    }
}

/// One analyzer per language, built once and cloned per query.
#[derive(Clone)]
pub struct Analyzers {
    analyzers: Vec<TextAnalyzer>,
}

impl Default for Analyzers {
    fn default() -> Self {
        Analyzers {
            analyzers: Lang::ALL.iter().map(|l| l.analyzer()).collect(),
        }
    }
}

impl Analyzers {
    /// A fresh handle on `lang`'s analyzer.
    #[must_use]
    pub fn get(&self, lang: Lang) -> TextAnalyzer {
        self.analyzers[lang.index()].clone()
    }
}
