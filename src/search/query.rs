//! From the user's query text to a tantivy query, one language at a time.
//!
//! The text is parsed once with tantivy's query grammar (`AND`, `OR`, `-`, `+`, phrases in
//! double quotes, `title:`/`body:` prefixes, `word*` prefixes, `^` boosts). The parsed tree is
//! then turned into one sub-query per indexed language, each analysed with that language's
//! analyzer against that language's fields, and the sub-queries are OR'ed. Each posting lives
//! in the fields of one language only, so a stop word of French (`de`) disappears from the
//! French sub-query instead of being required of French postings.

use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::{MAX_QUERY_BYTES, MAX_QUERY_DEPTH};
use crate::analysis::Lang;
use crate::schema::Fields;
use crate::{Error, Result};

/// How much more a match in the title weighs than one in the body.
pub const TITLE_BOOST: f32 = 3.0;

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
}

impl ParsedQuery {
    /// Parses `text`. Syntax errors say where the text is wrong.
    pub fn parse(text: &str) -> Result<ParsedQuery> {
        check_query_text(text)?;
        let (ast, errors) = query_grammar::parse_query_lenient(text);
        if let Some(error) = errors.first() {
            return Err(Error::InvalidQuery(format!(
                "{} (at character {} of the query)",
                error.message,
                text[..error.pos.min(text.len())].chars().count() + 1
            )));
        }
        let clauses = count_leaves(&ast);
        if clauses > MAX_QUERY_CLAUSES {
            return Err(Error::InvalidQuery(format!(
                "the query has {clauses} words or phrases; the limit is {MAX_QUERY_CLAUSES}"
            )));
        }
        Ok(ParsedQuery { ast })
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
        })
    }

    /// The tantivy query over every language's fields.
    pub fn to_query(&self, fields: &Fields, analyzers: &Analyzers) -> Result<Box<dyn Query>> {
        let mut per_lang: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for lang in Lang::ALL {
            let mut builder = LangBuilder {
                lang,
                fields,
                analyzer: analyzers.get(lang),
            };
            if let Some(query) = builder.build(&self.ast)? {
                per_lang.push((Occur::Should, query));
            }
        }
        Ok(match per_lang.len() {
            0 => Box::new(EmptyQuery),
            1 => per_lang.pop().expect("one query").1,
            _ => Box::new(BooleanQuery::new(per_lang)),
        })
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
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        self.analyzers[i].clone()
    }
}

struct LangBuilder<'a> {
    lang: Lang,
    fields: &'a Fields,
    analyzer: TextAnalyzer,
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
            UserInputAst::Boost(inner, boost) => Ok(self.build(inner)?.map(|q| {
                Box::new(BoostQuery::new(q, boost.into_inner() as f32)) as Box<dyn Query>
            })),
            UserInputAst::Leaf(leaf) => self.build_leaf(leaf),
        }
    }

    fn build_clause(
        &mut self,
        clauses: &[(Option<query_grammar::Occur>, UserInputAst)],
    ) -> Result<Option<Box<dyn Query>>> {
        let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (occur, ast) in clauses {
            let occur = match occur {
                None | Some(query_grammar::Occur::Must) => Occur::Must,
                Some(query_grammar::Occur::Should) => Occur::Should,
                Some(query_grammar::Occur::MustNot) => Occur::MustNot,
            };
            if let Some(query) = self.build(ast)? {
                subs.push((occur, query));
            }
        }
        if subs.is_empty() {
            return Ok(None);
        }
        if subs.iter().all(|(occur, _)| *occur == Occur::MustNot) {
            subs.push((Occur::Must, self.all_of_language()));
        }
        if subs.len() == 1 && subs[0].0 != Occur::MustNot {
            return Ok(subs.pop().map(|(_, q)| q));
        }
        Ok(Some(Box::new(BooleanQuery::new(subs))))
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
                truncate(field)
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
                    truncate(other)
                )))
            }
        };
        let mut terms: Vec<(usize, String)> = Vec::new();
        let mut stream = self.analyzer.token_stream(&literal.phrase);
        while let Some(token) = stream.next() {
            terms.push((token.position, token.text.clone()));
        }
        if terms.is_empty() {
            return Ok(None);
        }
        // Positions relative to the first kept word, so removed stop words leave gaps.
        let first = terms[0].0;
        let terms: Vec<(usize, String)> = terms.into_iter().map(|(p, t)| (p - first, t)).collect();
        let slop = if literal.delimiter == Delimiter::None {
            0
        } else {
            literal.slop
        };
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let lang = self.lang;
        if target != Target::Body {
            let q = field_query(self.fields.title(lang), &terms, slop, literal.prefix);
            per_field.push((Occur::Should, Box::new(BoostQuery::new(q, TITLE_BOOST))));
        }
        if target != Target::Title {
            per_field.push((
                Occur::Should,
                field_query(self.fields.body(lang), &terms, slop, literal.prefix),
            ));
        }
        Ok(Some(if per_field.len() == 1 {
            per_field.pop().expect("one field").1
        } else {
            Box::new(BooleanQuery::new(per_field))
        }))
    }
}

fn field_query(
    field: tantivy::schema::Field,
    terms: &[(usize, String)],
    slop: u32,
    prefix: bool,
) -> Box<dyn Query> {
    let terms: Vec<(usize, Term)> = terms
        .iter()
        .map(|(pos, text)| (*pos, Term::from_field_text(field, text)))
        .collect();
    if prefix {
        return Box::new(PhrasePrefixQuery::new_with_offset(terms));
    }
    if terms.len() == 1 {
        let term = terms.into_iter().next().expect("one term").1;
        return Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
    }
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

/// Cuts user text quoted back in an error message.
fn truncate(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
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
    fn syntax_errors_say_where() {
        let err = ParsedQuery::parse("audit AND (").unwrap_err().to_string();
        assert!(err.starts_with("invalid query:"), "{err}");
        assert!(err.contains("at character"), "{err}");
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
    fn too_many_clauses() {
        let many = (0..=MAX_QUERY_CLAUSES)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>();
        assert!(ParsedQuery::parse(&many.join(" ")).is_err());
    }
}
