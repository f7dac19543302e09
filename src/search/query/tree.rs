//! Rewrites of the parsed tree: alternatives, prefixes, elisions, and reading its literals.

use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};

use crate::posting::grade;
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
pub(super) fn alternatives(word: &str) -> Option<Vec<&str>> {
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
pub(super) fn split_alternatives(ast: &mut UserInputAst) {
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
pub(super) fn mark_prefixes(ast: &mut UserInputAst) {
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
/// apostrophe (`côte-d-ivoire`, `"cote d ivoire"`; see [`crate::search::elision`]) as typed or with
/// the apostrophe given back: either matches (`"grade D officer"` keeps its `D`), and a
/// posting matching both scores as the better of the two (see [`elision_forms`]).
pub(super) fn restore_elisions(ast: &mut UserInputAst) {
    each_leaf(ast, &mut |node| {
        let Some(literal) = literal_of(node) else {
            return;
        };
        let in_phrase = literal.delimiter != Delimiter::None;
        let Some(restored) = crate::search::elision::restore(&literal.phrase, in_phrase) else {
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
pub(super) fn elision_forms(
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
    let is_restored = crate::search::elision::restore(&typed.phrase, in_phrase).as_ref()
        == Some(&restored.phrase)
        && typed.field_name == restored.field_name
        && typed.delimiter == restored.delimiter
        && typed.prefix == restored.prefix
        && typed.slop == restored.slop;
    is_restored.then_some((typed, restored))
}

/// The text of the literals of `ast` that are not excluded, of those `prefixes_only` says.
pub(super) fn collect_literals(
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

pub(super) fn count_leaves(ast: &UserInputAst) -> usize {
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().map(|(_, a)| count_leaves(a)).sum(),
        UserInputAst::Boost(inner, _) => count_leaves(inner),
        UserInputAst::Leaf(_) => 1,
    }
}
