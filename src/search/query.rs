//! From the user's query text to a tantivy query, one language at a time.
//!
//! The text is parsed once with tantivy's query grammar (`AND`, `OR`, `-`, `+`, phrases in
//! double quotes, `title:`/`body:` prefixes, `word*` prefixes, `^` boosts). The parsed tree is
//! then turned into one sub-query per indexed language, each analysed with that language's
//! analyzer against that language's fields, and the sub-queries are OR'ed. Each posting lives
//! in the fields of one language only, so a stop word of French (`de`) disappears from the
//! French sub-query instead of being required of French postings.

use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhrasePrefixQuery,
    PhraseQuery, Query, TermQuery, TermSetQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use std::collections::HashMap;
use std::sync::Arc;

use super::combine::{all_of, boosted, dense_or, join_union, lazy_union, union};
use super::either_field::EitherFieldQuery;
use super::language::WordWeights;
use super::lazy_union::LazyUnionQuery;
use super::pair_phrase::PairPhraseQuery;
use super::phrase_matches::PhraseMatches;
use super::prefix::PrefixTerms;
use super::synonyms::Synonyms;
use super::term_clause::{boost_query, TermClause};
use super::typo::Correction;
use super::{MAX_QUERY_BYTES, MAX_QUERY_DEPTH};
use crate::analysis::pairs::PairSet;
use crate::analysis::Lang;
use crate::posting::grade;
use crate::schema::Fields;
use crate::{Error, Result};

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

/// Most terms the prefix ending a phrase stands for (`"data anal"*`: analysis, analyst,
/// analytics...), those held by most postings: each is a phrase query of its own.
pub const MAX_PHRASE_PREFIX_TERMS: usize = 32;

/// Most words and phrases in one query.
pub const MAX_QUERY_CLAUSES: usize = 32;

/// Which text fields a literal targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Both,
    Title,
    Body,
}

/// Checks the raw query text before any parser runs: size, nesting depth, control characters.
pub fn check_query_text(text: &str) -> Result<()> {
    if text.len() > MAX_QUERY_BYTES {
        return Err(Error::InvalidQuery(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            text.len()
        )));
    }
    if let Some(pos) = text.find(|c: char| c.is_control() && !c.is_whitespace()) {
        return Err(Error::InvalidQuery(format!(
            "the query contains a control character at byte {pos}"
        )));
    }
    let mut depth = 0usize;
    let mut in_quotes = false;
    for (pos, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            '(' if !in_quotes => {
                depth += 1;
                if depth > MAX_QUERY_DEPTH {
                    return Err(Error::InvalidQuery(format!(
                        "parentheses are nested deeper than {MAX_QUERY_DEPTH} levels at byte {pos}"
                    )));
                }
            }
            ')' if !in_quotes => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// A parsed query, ready to be turned into tantivy queries.
#[derive(Debug, Clone)]
pub struct ParsedQuery {
    ast: UserInputAst,
    /// Whether the text's syntax could not be read and its words were taken as plain words
    /// (see [`ParsedQuery::parse`]).
    as_words: bool,
}

/// Characters of the query grammar that a text read as plain words (see
/// [`ParsedQuery::parse`]) treats as spaces.
const SYNTAX_CHARS: &[char] = &[
    '(', ')', '[', ']', '{', '}', '"', ':', '^', '~', '/', '\\', '!', '<', '>', '=',
];

/// The grammar's keywords, searched in lower case when the text is read as plain words.
const KEYWORDS: &[&str] = &["AND", "OR", "NOT", "IN", "TO"];

/// `text` as plain words (see [`ParsedQuery::parse`]): the grammar's punctuation taken as
/// spaces, its keywords in lower case, a leading `+` or `-` dropped; a trailing `*` still
/// marks a prefix. `None` when no word is left.
fn plain_words(text: &str) -> Option<UserInputAst> {
    let spaced: String = text
        .chars()
        .map(|c| if SYNTAX_CHARS.contains(&c) { ' ' } else { c })
        .collect();
    let clauses: Vec<_> = spaced
        .split_whitespace()
        .map(|word| word.trim_start_matches(['+', '-']))
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| {
            let phrase = match KEYWORDS.contains(&word) {
                true => word.to_lowercase(),
                false => word.to_owned(),
            };
            let literal = UserInputLiteral {
                field_name: None,
                phrase,
                delimiter: Delimiter::None,
                slop: 0,
                prefix: false,
            };
            (
                None,
                UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal))),
            )
        })
        .collect();
    (!clauses.is_empty()).then_some(UserInputAst::Clause(clauses))
}

/// Typographic double quotes and guillemets, which phones type for `"` (`“project
/// management”`) and French writes (`« gestion de projet »`): phrase quotes, as `"` is.
const TYPED_QUOTES: &[char] = &[
    '\u{201c}', '\u{201d}', '\u{201e}', '\u{201f}', '\u{ab}', '\u{bb}',
];

/// `text` with its typed double quotes and guillemets (see [`TYPED_QUOTES`]) as `"`; the
/// spaces French writes inside guillemets go.
fn straight_quotes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(TYPED_QUOTES) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut after_opening = false;
    for c in text.chars() {
        if after_opening && c.is_whitespace() {
            continue;
        }
        after_opening = c == '\u{ab}';
        if c == '\u{bb}' {
            out.truncate(out.trim_end().len());
        }
        out.push(if TYPED_QUOTES.contains(&c) { '"' } else { c });
    }
    out.into()
}

/// `text` with the alternatives a searcher spaced out (`P3 / P4`, `emploi / stage`) joined
/// as [`alternatives`] reads them (`P3/P4`); a lone slash between anything else stays.
fn join_spaced_slashes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.split_whitespace().any(|token| token == "/") {
        return text.into();
    }
    let mut tokens: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(token) = words.next() {
        if token == "/" {
            if let (Some(before), Some(after)) = (tokens.last_mut(), words.peek()) {
                let joined = format!("{before}/{after}");
                if alternatives(&joined).is_some() {
                    *before = joined;
                    words.next();
                    continue;
                }
            }
        }
        tokens.push(token.to_owned());
    }
    tokens.join(" ").into()
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
        let (ast, errors) = query_grammar::parse_query_lenient(text);
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

/// Calls `f` with each leaf of `ast` (a leaf `f` replaces is not visited again).
fn each_leaf(ast: &mut UserInputAst, f: &mut impl FnMut(&mut UserInputAst)) {
    match ast {
        UserInputAst::Clause(clauses) => {
            for (_, ast) in clauses {
                each_leaf(ast, f);
            }
        }
        UserInputAst::Boost(inner, _) => each_leaf(inner, f),
        UserInputAst::Leaf(_) => f(ast),
    }
}

/// The alternatives an unquoted word joins with slashes (`P3/P4`, `emploi/stage`,
/// `Nairobi/Geneva`), or with hyphens when each is a grade code (`P3-P4`, `G5-G6`): a
/// searcher writing them means either, where the analyzer would read the word as a phrase of
/// its parts (found only where a notice writes them the same way). `None` for any other word:
/// `e-mail`, `P-3`, `11/2024` (a part without a letter), `coordinador/a` (a written ending,
/// see [`crate::analysis::inclusive`]), `www.ilo.org/careers?id=3` (not words).
fn alternatives(word: &str) -> Option<Vec<&str>> {
    // A word: letters and digits, perhaps joined by a hyphen, a full stop or an apostrophe
    // (not a path or a pasted address: `www.ilo.org/jobs?id=3`).
    let is_word = |part: &str| {
        part.chars().any(char::is_alphabetic)
            && part
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '\u{2019}'))
    };
    if word.contains('/') {
        let parts: Vec<&str> = word.split('/').collect();
        let readable = parts.iter().all(|p| is_word(p))
            && !parts[1..]
                .iter()
                .any(|p| crate::analysis::inclusive::is_slash_ending(p));
        return (parts.len() >= 2 && readable).then_some(parts);
    }
    let parts: Vec<&str> = word.split('-').collect();
    let is_grade = |part: &str| {
        grade::parse_grade(part).is_some_and(|g| {
            grade::is_known_grade(&g.canonical) && g.canonical.chars().any(|c| c.is_ascii_digit())
        })
    };
    let grades = parts.len() >= 2 && parts.iter().all(|p| is_grade(p));
    grades.then_some(parts)
}

/// The word or phrase `node` is, when it is one.
fn literal_of(node: &UserInputAst) -> Option<&UserInputLiteral> {
    match node {
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(literal) => Some(literal),
            _ => None,
        },
        _ => None,
    }
}

/// `literal` with `phrase` in place of its own, as an optional clause of an OR.
fn should_literal(
    literal: &UserInputLiteral,
    phrase: String,
) -> (Option<query_grammar::Occur>, UserInputAst) {
    let mut one = literal.clone();
    one.phrase = phrase;
    (
        Some(query_grammar::Occur::Should),
        UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(one))),
    )
}

/// Searches an unquoted word joining alternatives ([`alternatives`]) as the OR of them.
fn split_alternatives(ast: &mut UserInputAst) {
    each_leaf(ast, &mut |node| {
        let Some(literal) = literal_of(node) else {
            return;
        };
        if literal.delimiter != Delimiter::None || literal.prefix {
            return;
        }
        let Some(parts) = alternatives(&literal.phrase) else {
            return;
        };
        let either = parts
            .into_iter()
            .map(|part| should_literal(literal, part.to_owned()))
            .collect();
        *node = UserInputAst::Clause(either);
    });
}

/// Reads an unquoted word ending in `*` (`coord*`) as a prefix, as the grammar reads a quoted
/// one (`"coord"*`): it keeps the star in the word (a wildcard for tantivy's own query
/// parser), which the analyzers would then drop, searching `coord` as a whole word. A word
/// with a star elsewhere (`co*rd`) is left as it is.
fn mark_prefixes(ast: &mut UserInputAst) {
    each_leaf(ast, &mut |leaf| {
        let UserInputAst::Leaf(leaf) = leaf else {
            return;
        };
        let UserInputLeaf::Literal(literal) = leaf.as_mut() else {
            return;
        };
        if literal.delimiter != Delimiter::None || literal.prefix {
            return;
        }
        let Some(start) = literal.phrase.strip_suffix('*') else {
            return;
        };
        let start = start.trim_end_matches('*');
        if !start.is_empty() && !start.contains('*') {
            literal.phrase = start.to_owned();
            literal.prefix = true;
        }
    });
}

/// Looks for the hyphenated words and quoted phrases holding an elision typed without its
/// apostrophe (`côte-d-ivoire`, `"cote d ivoire"`; see [`super::elision`]) as typed or with
/// the apostrophe given back: either matches (`"grade D officer"` keeps its `D`), and a
/// posting matching both scores as the better of the two (see [`elision_forms`]).
fn restore_elisions(ast: &mut UserInputAst) {
    each_leaf(ast, &mut |node| {
        let Some(literal) = literal_of(node) else {
            return;
        };
        let in_phrase = literal.delimiter != Delimiter::None;
        let Some(restored) = super::elision::restore(&literal.phrase, in_phrase) else {
            return;
        };
        let with_apostrophe = should_literal(literal, restored);
        let typed = std::mem::replace(node, UserInputAst::Clause(Vec::new()));
        *node = UserInputAst::Clause(vec![
            (Some(query_grammar::Occur::Should), typed),
            with_apostrophe,
        ]);
    });
}

/// The two forms of a word or phrase that [`restore_elisions`] searched as typed and with its
/// apostrophe given back, when `clauses` are those two. They are searched as a disjunction
/// that scores the better match, not the sum: in French, where `d` is a word the analyzer
/// removes, a posting holding `Côte d'Ivoire` matches both forms, and summed they ranked it
/// above the same name in English or Spanish, which matches one.
fn elision_forms(
    clauses: &[(Option<query_grammar::Occur>, UserInputAst)],
) -> Option<(&UserInputLiteral, &UserInputLiteral)> {
    fn literal(
        (occur, ast): &(Option<query_grammar::Occur>, UserInputAst),
    ) -> Option<&UserInputLiteral> {
        literal_of(ast).filter(|_| *occur == Some(query_grammar::Occur::Should))
    }
    let [first, second] = clauses else {
        return None;
    };
    let (typed, restored) = (literal(first)?, literal(second)?);
    let in_phrase = typed.delimiter != Delimiter::None;
    let is_restored = super::elision::restore(&typed.phrase, in_phrase).as_ref()
        == Some(&restored.phrase)
        && typed.field_name == restored.field_name
        && typed.delimiter == restored.delimiter
        && typed.prefix == restored.prefix
        && typed.slop == restored.slop;
    is_restored.then_some((typed, restored))
}

/// The text of the literals of `ast` that are not excluded, of those `prefixes_only` says.
fn collect_literals(
    ast: &UserInputAst,
    excluded: bool,
    prefixes_only: bool,
    out: &mut Vec<String>,
) {
    match ast {
        UserInputAst::Clause(clauses) => {
            for (occur, ast) in clauses {
                let excluded = excluded || *occur == Some(query_grammar::Occur::MustNot);
                collect_literals(ast, excluded, prefixes_only, out);
            }
        }
        UserInputAst::Boost(inner, _) => collect_literals(inner, excluded, prefixes_only, out),
        UserInputAst::Leaf(leaf) => {
            if let UserInputLeaf::Literal(literal) = leaf.as_ref() {
                if !excluded && (literal.prefix || !prefixes_only) {
                    out.push(literal.phrase.clone());
                }
            }
        }
    }
}

fn count_leaves(ast: &UserInputAst) -> usize {
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().map(|(_, a)| count_leaves(a)).sum(),
        UserInputAst::Boost(inner, _) => count_leaves(inner),
        UserInputAst::Leaf(_) => 1,
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

struct LangBuilder<'a> {
    lang: Lang,
    fields: &'a Fields,
    analyzer: TextAnalyzer,
    plan: &'a QueryPlan,
    /// When set, proximity boosts are gathered here instead of joining their clause.
    boosts: Option<Vec<(Occur, Box<dyn Query>)>>,
    /// While the required plain words of an AND are built: the postings of this language
    /// holding the rarest of them (see [`LAZY_UNION_RATIO`]).
    rarest: Option<u64>,
}

impl LangBuilder<'_> {
    /// Every posting of this language (the positive side of an exclusion-only query).
    fn all_of_language(&self) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.text_lang, self.lang.suffix()),
            IndexRecordOption::Basic,
        ))
    }

    fn build(&mut self, ast: &UserInputAst) -> Result<Option<Box<dyn Query>>> {
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
            terms = super::prefix::prefix_term(&self.analyzer, text)
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
fn plain_word(ast: &UserInputAst) -> Option<&str> {
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
/// an elided article, which [`restore_elisions`] turned into its two forms (`d'emploi`); not
/// an acronym typed in capitals (`FIND Geneva`, the foundation), unless the whole query is
/// (`shouted`).
fn filler_candidate(ast: &UserInputAst, shouted: bool) -> Option<&str> {
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
/// each scoring 1 as tantivy's prefix query does.
fn expanded_query(field: Field, terms: &[String]) -> Box<dyn Query> {
    if terms.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(TermSetQuery::new(super::prefix::field_terms(field, terms)))
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

#[cfg(test)]
mod tests {
    use super::super::combine::union_clauses;
    use super::super::dense_or::DenseOrQuery;
    use super::*;

    #[test]
    fn rejects_long_and_deep_queries_before_parsing() {
        assert!(check_query_text(&"a".repeat(MAX_QUERY_BYTES + 1)).is_err());
        let deep = format!("{}a{}", "(".repeat(400), ")".repeat(400));
        let err = check_query_text(&deep).unwrap_err().to_string();
        assert!(err.contains("nested deeper"), "{err}");
        assert!(check_query_text("\"((((((((((((((((((((\"").is_ok());
        assert!(check_query_text("a\u{0}b").is_err());
    }

    #[test]
    fn a_word_ending_in_a_star_is_a_prefix() {
        let parsed =
            ParsedQuery::parse("coord** \"data anal\"* title:nutri* co*rd -excl* *").unwrap();
        assert_eq!(parsed.prefixes(), ["coord", "data anal", "nutri"]);
        assert!(parsed.literals().contains(&"co*rd".to_owned()));
        assert!(!parsed.literals().iter().any(|l| l.starts_with("coord*")));
    }

    #[test]
    fn syntax_errors_say_where() {
        // A text without any word: nothing to search as words.
        let err = ParsedQuery::parse("-").unwrap_err().to_string();
        assert!(err.starts_with("invalid query:"), "{err}");
        assert!(err.contains("at character"), "{err}");
    }

    #[test]
    fn a_text_the_grammar_cannot_read_is_read_as_its_words() {
        for (text, words) in [
            ("officer)", vec!["officer"]),
            ("(officer", vec!["officer"]),
            ("\"unclosed phrase", vec!["unclosed", "phrase"]),
            ("WASH: [urgent] {x}", vec!["WASH", "urgent", "x"]),
            ("OR officer NOT", vec!["or", "officer", "not"]),
            ("a:b:c http://x.org", vec!["a", "b", "c", "http", "x.org"]),
            ("x^ -y +z", vec!["x", "y", "z"]),
        ] {
            let parsed = ParsedQuery::parse(text).unwrap();
            assert!(parsed.read_as_words(), "{text}");
            assert_eq!(parsed.words(), words, "{text}");
        }
        // A trailing star still marks a prefix.
        let parsed = ParsedQuery::parse("coord* (").unwrap();
        assert!(parsed.read_as_words());
        assert_eq!(parsed.prefixes(), ["coord"]);
        // Syntax that reads is syntax.
        for text in ["a AND (b OR c)", "\"a b\" -c", "title:a", "officer"] {
            assert!(!ParsedQuery::parse(text).unwrap().read_as_words(), "{text}");
        }
    }

    #[test]
    fn a_quoted_form_of_the_synonym_table_keeps_its_matches() {
        let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
        let analyzers = Analyzers::default();
        let plan = QueryPlan {
            phrases: Some(Arc::new(PhraseMatches::default())),
            ..QueryPlan::default()
        };
        let shape = |text: &str| {
            let query = ParsedQuery::parse(text)
                .unwrap()
                .to_ranked_query(&fields, &analyzers, &plan)
                .unwrap();
            format!("{query:?}")
        };
        assert!(shape("\"monitoring and evaluation\"").contains("KeptPhraseQuery"));
        // Not a form of the table: read by positions (or word pairs) as before.
        assert!(!shape("\"monitoring evaluation\"").contains("KeptPhraseQuery"));
        assert!(!shape("\"evaluation and monitoring\"").contains("KeptPhraseQuery"));
    }

    #[test]
    fn alternatives_are_words_joined_by_slashes_or_grade_codes_by_hyphens() {
        for (word, parts) in [
            ("P3/P4", &["P3", "P4"][..]),
            ("P-3/P-4", &["P-3", "P-4"]),
            ("P3-P4", &["P3", "P4"]),
            ("G5-G6-G7", &["G5", "G6", "G7"]),
            ("emploi/stage", &["emploi", "stage"]),
            (
                "Nairobi/Genève/New-York",
                &["Nairobi", "Genève", "New-York"],
            ),
        ] {
            assert_eq!(alternatives(word).as_deref(), Some(parts), "{word}");
        }
        for word in [
            "e-mail",
            "P-3",
            "NO-B",
            "follow-up",
            "11/2024",
            "coordinador/a",
            "collaborateur/trice",
            "www.ilo.org/careers?id=3",
            "a//b",
            "/",
        ] {
            assert_eq!(alternatives(word), None, "{word}");
        }
    }

    #[test]
    fn alternatives_spaced_around_a_slash_are_joined() {
        for (typed, joined) in [
            ("P3 / P4", "P3/P4"),
            ("emploi / stage Dakar", "emploi/stage Dakar"),
            ("P3 / P4 / P5 Geneva", "P3/P4/P5 Geneva"),
        ] {
            assert_eq!(join_spaced_slashes(typed), joined, "{typed}");
            let parsed = ParsedQuery::parse(typed).unwrap();
            assert!(!parsed.read_as_words(), "{typed}");
            assert_eq!(
                format!("{:?}", parsed.ast),
                format!("{:?}", ParsedQuery::parse(joined).unwrap().ast),
                "{typed}"
            );
        }
        // Not alternatives: a written ending, numbers, a slash at an end or alone.
        for typed in ["coordinador / a", "11 / 2024", "/ P3", "P3 /", "/", "a b"] {
            assert_eq!(join_spaced_slashes(typed), typed, "{typed}");
        }
    }

    #[test]
    fn typed_quotes_and_guillemets_quote_phrases() {
        let straight = ParsedQuery::parse("\"project management\" officer").unwrap();
        for typed in [
            "“project management” officer",
            "„project management“ officer",
            "« project management » officer",
        ] {
            let parsed = ParsedQuery::parse(typed).unwrap();
            assert!(!parsed.read_as_words(), "{typed}");
            assert_eq!(
                format!("{:?}", parsed.ast),
                format!("{:?}", straight.ast),
                "{typed}"
            );
        }
    }

    #[test]
    fn endings_written_onto_words_are_dropped_before_parsing() {
        let parsed = ParsedQuery::parse("chargé(e) de projet administratif(ve)").unwrap();
        assert!(!parsed.read_as_words());
        assert_eq!(parsed.words(), ["chargé", "de", "projet", "administratif"]);
        let parsed = ParsedQuery::parse("(a OR b) Tunis (TUN)").unwrap();
        assert!(!parsed.read_as_words());
        assert_eq!(parsed.words(), ["a", "b", "Tunis", "TUN"]);
    }

    #[test]
    fn unknown_fields_and_regexes_are_refused() {
        let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
        let analyzers = Analyzers::default();
        for q in ["salary:100", "title:/a.*/"] {
            let parsed = ParsedQuery::parse(q).unwrap();
            assert!(parsed.to_query(&fields, &analyzers).is_err(), "{q}");
        }
        let ok = ParsedQuery::parse("title:audit -body:intern").unwrap();
        assert!(ok.to_query(&fields, &analyzers).is_ok());
    }

    #[test]
    fn an_and_holding_a_word_far_more_frequent_than_its_rarest_moves_lazily() {
        let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
        let analyzers = Analyzers::default();
        // English postings: `officer` 50 times as frequent as `procurement`, `budget` about
        // as frequent; none of them in French or Spanish postings.
        let plan = QueryPlan {
            weights: WordWeights::with_postings(&[
                ("procurement", [None, Some(100), None]),
                ("officer", [None, Some(5_000), None]),
                ("budget", [None, Some(300), None]),
            ]),
            ..QueryPlan::default()
        };
        let lazy_unions = |text: &str| {
            let query = ParsedQuery::parse(text)
                .unwrap()
                .to_split_query(&fields, &analyzers, &plan)
                .unwrap()
                .query;
            format!("{query:?}").matches("EitherFieldQuery").count()
        };
        // tantivy's intersection seeks every word to the rarest one's postings: each word's
        // union moves lazily, not only the far more frequent one's.
        assert_eq!(lazy_unions("procurement officer"), 2);
        assert_eq!(lazy_unions("procurement officer budget"), 3);
        // Words about as frequent are walked together, a window at a time.
        assert_eq!(lazy_unions("procurement budget"), 0);
        // A single word, an OR and an excluded word are walked, not sought.
        assert_eq!(lazy_unions("officer"), 0);
        assert_eq!(lazy_unions("procurement OR officer"), 0);
        assert_eq!(lazy_unions("procurement -officer"), 0);
    }

    #[test]
    fn a_dropped_function_word_is_not_the_rarest_of_its_and() {
        let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
        let analyzers = Analyzers::default();
        // English postings: `de` (a French query's function word, in a few English postings)
        // far rarer than `charge` and `programme`, both common.
        let weights = || {
            WordWeights::with_postings(&[
                ("de", [None, Some(40), None]),
                ("charge", [None, Some(3_000), None]),
                ("programme", [None, Some(6_000), None]),
            ])
        };
        let lazy_unions = |plan: &QueryPlan| {
            let query = ParsedQuery::parse("charge de programme")
                .unwrap()
                .to_split_query(&fields, &analyzers, plan)
                .unwrap()
                .query;
            format!("{query:?}").matches("EitherFieldQuery").count()
        };
        // Searched for, `de` is the rarest: the AND is an intersection sought lazily, each
        // of its three words.
        let kept = QueryPlan {
            weights: weights(),
            ..QueryPlan::default()
        };
        assert_eq!(lazy_unions(&kept), 3);
        // Dropped, it is searched nowhere: the two common words are walked together.
        let dropped = QueryPlan {
            weights: weights(),
            dropped: vec!["de".to_owned()],
            ..QueryPlan::default()
        };
        assert_eq!(lazy_unions(&dropped), 0);
    }

    #[test]
    fn a_word_in_every_language_is_one_union_of_terms() {
        let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
        let analyzers = Analyzers::default();
        let plan = QueryPlan {
            lang: Some(Lang::English),
            ..QueryPlan::default()
        };
        let query = ParsedQuery::parse("nutrition")
            .unwrap()
            .to_ranked_query(&fields, &analyzers, &plan)
            .unwrap();
        let clauses = union_clauses(&*query).expect("a union");
        // Title and body in each language, no union inside.
        assert_eq!(clauses.len(), 2 * Lang::ALL.len());
        assert!(clauses
            .iter()
            .all(|(_, clause)| union_clauses(&**clause).is_none()));
        // Words that must all match: one AND per language, the ANDs walked together a
        // window at a time.
        let and = ParsedQuery::parse("nutrition officer")
            .unwrap()
            .to_split_query(&fields, &analyzers, &plan)
            .unwrap()
            .query;
        assert!(and.downcast_ref::<DenseOrQuery>().is_some(), "{and:?}");
        let ands = format!("{and:?}").matches("DenseAndQuery").count();
        assert_eq!(ands, Lang::ALL.len(), "{and:?}");
        // Words of which any may match: one OR of every language's words, walked a window
        // at a time.
        let or = ParsedQuery::parse("nutrition OR health")
            .unwrap()
            .to_split_query(&fields, &analyzers, &plan)
            .unwrap()
            .query;
        assert!(or.downcast_ref::<DenseOrQuery>().is_some(), "{or:?}");
        let relaxed = ParsedQuery::parse("nutrition officer")
            .unwrap()
            .relaxed()
            .unwrap()
            .to_split_query(&fields, &analyzers, &plan)
            .unwrap()
            .query;
        assert!(
            relaxed.downcast_ref::<DenseOrQuery>().is_some(),
            "{relaxed:?}"
        );
    }

    #[test]
    fn joined_unions_score_as_nested_ones_bit_for_bit() {
        use tantivy::collector::TopDocs;
        use tantivy::schema::{Schema, TEXT};
        use tantivy::{doc, Index};

        let mut schema = Schema::builder();
        let title_en = schema.add_text_field("title_en", TEXT);
        let body_en = schema.add_text_field("body_en", TEXT);
        let title_fr = schema.add_text_field("title_fr", TEXT);
        let body_fr = schema.add_text_field("body_fr", TEXT);
        let tag = schema.add_text_field("tag", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        let words = ["data", "budget", "audit data", "data data budget", "travel"];
        for n in 0..400usize {
            let title = words[n % 5];
            let body = words[(n * 7 + 3) % 5];
            let tagged = if n % 3 == 0 { "t1" } else { "t2" };
            let doc = if n % 4 == 0 {
                doc!(title_fr => title, body_fr => body, tag => tagged)
            } else {
                doc!(title_en => title, body_en => body, tag => tagged)
            };
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            ))
        };
        let word = |title, body| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(term(title, "data"), TITLE_BOOST)),
                ),
                (Occur::Should, term(body, "data")),
            ]))
        };
        let tagged = || -> Box<dyn Query> {
            Box::new(tantivy::query::ConstScoreQuery::new(term(tag, "t1"), 0.25))
        };
        // As nested unions: each language's word boosted, then the tag beside them.
        let nested = BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BooleanQuery::new(vec![
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(word(title_en, body_en), 1.5)),
                    ),
                    (Occur::Should, word(title_fr, body_fr)),
                ])),
            ),
            (Occur::Should, tagged()),
        ]);
        let mut languages = Vec::new();
        join_union(&mut languages, boosted(word(title_en, body_en), 1.5));
        join_union(&mut languages, boosted(word(title_fr, body_fr), 1.0));
        let mut joined = Vec::new();
        join_union(&mut joined, Box::new(BooleanQuery::new(languages)));
        joined.push((Occur::Should, tagged()));
        assert_eq!(joined.len(), 5, "one union of five clauses");
        let joined = BooleanQuery::new(joined);
        let top = TopDocs::with_limit(400).order_by_score();
        let mut a = searcher.search(&nested, &top).unwrap();
        let mut b = searcher.search(&joined, &top).unwrap();
        assert!(a.len() > 100);
        a.sort_by_key(|(_, doc)| *doc);
        b.sort_by_key(|(_, doc)| *doc);
        let bits = |v: &[(f32, tantivy::DocAddress)]| -> Vec<(u32, tantivy::DocAddress)> {
            v.iter().map(|(s, d)| (s.to_bits(), *d)).collect()
        };
        assert_eq!(bits(&a), bits(&b));
    }

    #[test]
    fn too_many_clauses() {
        let many = (0..=MAX_QUERY_CLAUSES)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>();
        assert!(ParsedQuery::parse(&many.join(" ")).is_err());
    }

    #[test]
    fn filler_words_are_left_out_only_around_other_searched_words() {
        let plan = QueryPlan {
            dropped: vec!["for".into(), "a".into(), "in".into()],
            ..QueryPlan::default()
        };
        let trimmed = |text: &str| {
            ParsedQuery::parse(text)
                .unwrap()
                .without_filler(&plan)
                .map(|(q, left_out)| (q.words(), left_out))
        };
        let words = |w: &[&str]| w.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            trimmed("I am looking for a job in nutrition"),
            Some((
                words(&["for", "a", "in", "nutrition"]),
                words(&["I", "am", "looking", "job"])
            ))
        );
        assert_eq!(
            trimmed("busco empleo +salud"),
            Some((words(&["salud"]), words(&["busco", "empleo"])))
        );
        // Nothing but filler and function words: nothing to search without them.
        assert_eq!(trimmed("looking for a job"), None);
        // No filler among the implicit words: explicit `+job`, a phrase, `-job`.
        assert_eq!(trimmed("+job nutrition"), None);
        assert_eq!(trimmed("\"job offer\" nutrition"), None);
        assert_eq!(trimmed("nutrition officer"), None);
        let sentence = |text: &str| ParsedQuery::parse(text).unwrap().reads_as_sentence();
        assert!(sentence("I am looking for a job in nutrition"));
        assert!(sentence("busco empleo +salud"));
        assert!(!sentence("youth employment"));
        assert!(sentence("nutrition jobs"));
        // An acronym in capitals is not a cue, unless the whole query is in capitals.
        assert!(!sentence("FIND Geneva"));
        assert!(sentence("LOOKING FOR A JOB IN NUTRITION"));
        assert_eq!(
            trimmed("looking for jobs at FIND"),
            Some((words(&["for", "at", "FIND"]), words(&["looking", "jobs"])))
        );
        assert_eq!(
            trimmed("LOOKING FOR A JOB IN NUTRITION"),
            Some((
                words(&["FOR", "A", "IN", "NUTRITION"]),
                words(&["LOOKING", "JOB"])
            ))
        );
        assert_eq!(
            ParsedQuery::parse("offres d'emploi à Dakar")
                .unwrap()
                .without_filler(&plan)
                .map(|(q, left_out)| (q.words(), left_out)),
            Some((words(&["à", "Dakar"]), words(&["offres", "d'emploi"])))
        );
        assert!(!sentence("+looking nutrition"));
        assert!(!sentence("\"looking for\" nutrition"));
        assert_eq!(
            trimmed("nutrition -job position"),
            Some((words(&["nutrition"]), words(&["position"])))
        );
    }
}
