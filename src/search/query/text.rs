//! The typed text before and after the grammar: its checks, the rewrites that let the grammar
//! read it, and its plain words when the grammar cannot.

use tantivy::query_grammar::{Delimiter, Occur, UserInputAst, UserInputLeaf, UserInputLiteral};

use super::tree::alternatives;
use crate::search::{MAX_QUERY_BYTES, MAX_QUERY_DEPTH};
use crate::{Error, Result};
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

/// Characters of the query grammar that a text read as plain words (see
/// [`super::ParsedQuery::parse`]) treats as spaces.
const SYNTAX_CHARS: &[char] = &[
    '(', ')', '[', ']', '{', '}', '"', ':', '^', '~', '/', '\\', '!', '<', '>', '=',
];

/// The grammar's keywords, searched in lower case when the text is read as plain words.
const KEYWORDS: &[&str] = &["AND", "OR", "NOT", "IN", "TO"];

/// `text` as plain words (see [`super::ParsedQuery::parse`]): the grammar's punctuation taken as
/// spaces, its keywords in lower case, a leading `+` or `-` dropped; a trailing `*` still
/// marks a prefix. `None` when no word is left.
pub(super) fn plain_words(text: &str) -> Option<UserInputAst> {
    let spaced: String = text
        .chars()
        .map(|c| if SYNTAX_CHARS.contains(&c) { ' ' } else { c })
        .collect();
    let clauses: Vec<_> = spaced
        .split_whitespace()
        .map(|word| word.trim_start_matches(['+', '-']))
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| {
            word_clause(match KEYWORDS.contains(&word) {
                true => word.to_lowercase(),
                false => word.to_owned(),
            })
        })
        .collect();
    (!clauses.is_empty()).then_some(UserInputAst::Clause(clauses))
}

/// The clause of one plain word, as the grammar reads a word without syntax: a literal of no
/// field, no quotes, no slop, no prefix, and no occurrence of its own.
fn word_clause(phrase: String) -> (Option<Occur>, UserInputAst) {
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
}

/// Typographic double quotes and guillemets, which phones type for `"` (`“project
/// management”`) and French writes (`« gestion de projet »`): phrase quotes, as `"` is.
const TYPED_QUOTES: &[char] = &[
    '\u{201c}', '\u{201d}', '\u{201e}', '\u{201f}', '\u{ab}', '\u{bb}',
];

/// `text` with its typed double quotes and guillemets (see [`TYPED_QUOTES`]) as `"`; the
/// spaces French writes inside guillemets go.
pub(super) fn straight_quotes(text: &str) -> std::borrow::Cow<'_, str> {
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
pub(super) fn join_spaced_slashes(text: &str) -> std::borrow::Cow<'_, str> {
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

/// What the grammar reads in `text` when `text` is plain words, found without running it:
/// each distinct word a literal, in order, as a clause of their own (the grammar drops a
/// repeated clause). Plain words are letters and digits, with `-`, `.` or `,` inside a word,
/// between ASCII spaces, and no keyword; `None` for any other text, and for a text without
/// words, which the grammar reads. Most searches are such words, and the grammar's parser
/// costs as much as a short search's matching (`nom`'s combinators, tried in turn).
pub(super) fn plain_text_ast(text: &str) -> Option<UserInputAst> {
    let plain =
        |c: char| c.is_alphanumeric() || matches!(c, ' ' | '\t' | '\r' | '\n' | '-' | '.' | ',');
    if !text.chars().all(plain) {
        return None;
    }
    let mut clauses: Vec<(Option<Occur>, UserInputAst)> = Vec::new();
    for word in text.split_ascii_whitespace() {
        if !word.starts_with(char::is_alphanumeric) || KEYWORDS.contains(&word) {
            return None;
        }
        let clause = word_clause(word.to_owned());
        if !clauses.contains(&clause) {
            clauses.push(clause);
        }
    }
    (!clauses.is_empty()).then_some(UserInputAst::Clause(clauses))
}

#[cfg(test)]
mod tests {
    use tantivy::query_grammar::parse_query_lenient;

    use super::*;

    /// The grammar's reading of `text`, a lone word or phrase as a clause of one (as
    /// `ParsedQuery::parse` takes it).
    fn grammar(text: &str) -> (UserInputAst, bool) {
        let (ast, errors) = parse_query_lenient(text);
        let ast = match ast {
            UserInputAst::Leaf(_) => UserInputAst::Clause(vec![(None, ast)]),
            other => other,
        };
        (ast, errors.is_empty())
    }

    #[test]
    fn plain_words_read_as_the_grammar_reads_them() {
        for text in [
            "nutrition",
            "programme officer",
            "  chargé de   programme\t",
            "côte-d-ivoire",
            "public health public",
            "P4 Geneva 1.5 x,y",
        ] {
            assert_eq!(plain_text_ast(text), Some(grammar(text).0), "{text}");
        }
        // Syntax, keywords and texts without words are the grammar's.
        for text in [
            "",
            "   ",
            "P3/P4",
            "droits de l'homme",
            "\"project management\"",
            "health OR santé",
            "nutrition AND Kenya",
            "-consultant",
            "coord*",
            "title:officer",
            "santé\u{a0}publique",
        ] {
            assert_eq!(plain_text_ast(text), None, "{text}");
        }
    }

    proptest::proptest! {
        /// Whenever a text reads as plain words, the grammar reads it the same way, without
        /// an error.
        #[test]
        fn plain_words_agree_with_the_grammar(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    8 => "[a-cA-Cé0-9.,\\-]{1,3}",
                    1 => "(AND|OR|NOT|IN|TO|and|or)",
                    1 => "[a-z]{1,3}[/*:'\"~^()+!]",
                    1 => "[-+.,][a-z0-9]{0,3}",
                ],
                0..6,
            ),
            spaces in proptest::collection::vec("( |  |\t|\n| \u{a0}|  )", 6),
        ) {
            let mut text = String::new();
            for (word, space) in words.iter().zip(&spaces) {
                text.push_str(word);
                text.push_str(space);
            }
            if let Some(ast) = plain_text_ast(&text) {
                proptest::prop_assert_eq!((ast, true), grammar(&text), "{:?}", text);
            }
        }
    }
}
