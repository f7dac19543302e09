//! Splitting a duty-station string into normalised parts.

use super::normalize::normalize;

/// Splits on commas, semicolons, brackets, slashes and spaced dashes, and normalises each
/// part: `"Ginebra (Suiza)"` → `["ginebra", "suiza"]`.
pub fn split_segments(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        let spaced_dash = matches!(ch, '-' | '\u{2013}' | '\u{2014}')
            && i > 0
            && chars[i - 1] == ' '
            && chars.get(i + 1) == Some(&' ');
        if matches!(
            ch,
            ',' | ';' | '(' | ')' | '[' | ']' | '/' | '|' | '\n' | '\u{2022}'
        ) || spaced_dash
        {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(ch);
        }
    }
    parts.push(current);
    parts
        .iter()
        .map(|p| normalize(p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Leading words that introduce a place (`based in Rome`, `ville de Goma`).
const FILLERS: &[&str] = &[
    "based in ",
    "based at ",
    "located in ",
    "duty station ",
    "in ",
    "city of ",
    "base a ",
    "basee a ",
    "situe a ",
    "ville de ",
    "a ",
    "en ",
    "ciudad de ",
    "con sede en ",
    "sede en ",
    "greater ",
];

/// The segment without a leading filler phrase, if it had one.
pub fn strip_filler(seg: &str) -> Option<&str> {
    FILLERS
        .iter()
        .find_map(|f| seg.strip_prefix(f))
        .filter(|rest| !rest.is_empty())
}

const SUBDIVISION_WORDS_AFTER: &[&str] = &[
    " province",
    " state",
    " region",
    " department",
    " governorate",
    " district",
    " county",
    " prefecture",
];
const SUBDIVISION_WORDS_BEFORE: &[&str] = &[
    "province of ",
    "state of ",
    "region of ",
    "province de ",
    "province du ",
    "region de ",
    "region du ",
    "departement de ",
    "departement du ",
    "etat de ",
    "provincia de ",
    "provincia del ",
    "departamento de ",
    "departamento del ",
    "estado de ",
    "region del ",
];

/// The segment without a word such as `province` or `departamento de`, if it had one.
pub fn strip_subdivision_words(seg: &str) -> Option<&str> {
    SUBDIVISION_WORDS_AFTER
        .iter()
        .find_map(|w| seg.strip_suffix(w))
        .or_else(|| {
            SUBDIVISION_WORDS_BEFORE
                .iter()
                .find_map(|w| seg.strip_prefix(w))
        })
        .filter(|rest| !rest.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_separators_but_not_hyphens_inside_names() {
        assert_eq!(split_segments("Ginebra (Suiza)"), ["ginebra", "suiza"]);
        assert_eq!(
            split_segments("Washington, DC,United States"),
            ["washington", "dc", "united states"]
        );
        assert_eq!(split_segments("Port-au-Prince"), ["port au prince"]);
        assert_eq!(
            split_segments("Trainee - based in Rome, Italy"),
            ["trainee", "based in rome", "italy"]
        );
        assert!(split_segments(" , ").is_empty());
    }

    #[test]
    fn strips_fillers_and_subdivision_words() {
        assert_eq!(strip_filler("based in rome"), Some("rome"));
        assert_eq!(strip_filler("rome"), None);
        assert_eq!(strip_subdivision_words("kachin state"), Some("kachin"));
        assert_eq!(
            strip_subdivision_words("departamento de narino"),
            Some("narino")
        );
        assert_eq!(strip_subdivision_words("oromia"), None);
    }
}
