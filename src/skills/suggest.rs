//! Skill suggestions as a searcher types: labels starting with what was typed, or having a
//! word that does, accents and case ignored; only skills some posting holds, the most held
//! ranked higher.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use super::table::{lang_column, Catalog, LABEL_LANGS};
use crate::analysis::Lang;

/// Every label of one language, folded, with its skill.
struct Folded {
    /// (folded label, skill index, label index: 0 = preferred), sorted by label.
    labels: Vec<(String, u32, u32)>,
}

/// One suggested skill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// ESCO concept id.
    pub id: &'static str,
    /// Preferred label in the language asked.
    pub label: &'static str,
    /// The alternative label the typed text matched, when it did not match the preferred
    /// label as well (`PM` for `project management`).
    pub matched: Option<&'static str>,
    /// Postings tagged with the skill.
    pub count: u64,
}

/// Lower-cases and strips accents (`Gestión` → `gestion`).
#[must_use]
pub fn fold(text: &str) -> String {
    // ASCII has no marks to strip and lower-cases byte by byte: the same result, without
    // the decomposition (most words of English notices and of labels).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn folded(catalog: &Catalog, lang: Lang) -> &'static Folded {
    static FOLDED: [OnceLock<Folded>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    FOLDED[lang_column(lang)].get_or_init(|| {
        let mut labels = Vec::new();
        for (i, skill) in catalog.skills.iter().enumerate() {
            for (n, label) in skill.concept.labels(lang).iter().enumerate() {
                labels.push((fold(label), i as u32, n as u32));
            }
        }
        labels.sort_unstable();
        Folded { labels }
    })
}

/// How well a label matches the typed text: the whole label (3), its beginning (2), the
/// beginning of one of its words (1).
fn quality(label: &str, wanted: &str, word_start: &str) -> Option<u8> {
    if label == wanted {
        Some(3)
    } else if label.starts_with(wanted) {
        Some(2)
    } else if label.contains(word_start) {
        Some(1)
    } else {
        None
    }
}

/// A skill's rank: each step of match quality weighs as much as a posting count 7.4 times
/// (e²) larger, so that a label starting with the typed text comes before a label that only
/// has a word starting so unless the latter is far more frequent.
fn score(quality: u8, count: u64) -> f64 {
    2.0 * f64::from(quality) + (count as f64).ln_1p()
}

/// Up to `limit` skills for the typed `prefix` in `lang` (English for languages without
/// labels), among those `count` gives postings for: ranked by how well a label matches (whole
/// label, its beginning, a word's beginning; see [`score`]) mixed with the posting count, then
/// shorter labels first. Each skill shows its preferred label, and the alternative label typed
/// when only that one matched.
#[must_use]
pub fn suggest(
    catalog: &'static Catalog,
    prefix: &str,
    lang: Lang,
    limit: usize,
    count: impl Fn(&str) -> u64,
) -> Vec<Suggestion> {
    let lang = if LABEL_LANGS.contains(&lang) {
        lang
    } else {
        Lang::English
    };
    let wanted = fold(prefix.trim());
    if wanted.is_empty() || limit == 0 {
        return Vec::new();
    }
    let word_start = format!(" {wanted}");
    // Per skill: (quality, preferred, label length, label index) of its best label.
    let mut best: std::collections::HashMap<u32, (u8, bool, usize, u32)> =
        std::collections::HashMap::new();
    for (label, skill, n) in &folded(catalog, lang).labels {
        let Some(q) = quality(label, &wanted, &word_start) else {
            continue;
        };
        let candidate = (q, *n == 0, label.len(), *n);
        best.entry(*skill)
            .and_modify(|b| {
                if (candidate.0, candidate.1, std::cmp::Reverse(candidate.2))
                    > (b.0, b.1, std::cmp::Reverse(b.2))
                {
                    *b = candidate;
                }
            })
            .or_insert(candidate);
    }
    let mut ranked: Vec<(f64, Suggestion, usize)> = best
        .into_iter()
        .filter_map(|(skill, (q, _, len, n))| {
            let concept = &catalog.skills[skill as usize].concept;
            let count = count(concept.id);
            (count > 0).then(|| {
                let labels = concept.labels(lang);
                let matched = (n != 0).then(|| labels[n as usize]);
                let suggestion = Suggestion {
                    id: concept.id,
                    label: concept.label(lang),
                    matched,
                    count,
                };
                (score(q, count), suggestion, len)
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.2.cmp(&b.2))
            .then_with(|| a.1.id.cmp(b.1.id))
    });
    ranked.truncate(limit);
    ranked.into_iter().map(|(_, s, _)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::catalog;

    const PROJECT_MANAGEMENT: &str = "7111b95d-0ce3-441a-9d92-4c75d05c4388";

    fn every(_: &str) -> u64 {
        1
    }

    #[test]
    fn ascii_fold_is_the_decomposing_fold() {
        let slow = |text: &str| -> String {
            text.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect()
        };
        for text in [
            "",
            "C#",
            "Project MANAGEMENT",
            "c++ / SQL: 2024",
            "Gestión",
            "Ærø İ",
        ] {
            assert_eq!(fold(text), slow(text), "{text}");
        }
    }

    #[test]
    fn prefixes_find_labels_in_the_language_asked() {
        let found = suggest(catalog(), "gestion de proj", Lang::French, 5, every);
        assert_eq!(found[0].label, "gestion de projets");
        assert_eq!(found[0].matched, None);
        let found = suggest(catalog(), "GESTIÓN DE PROY", Lang::Spanish, 5, every);
        assert_eq!(found[0].id, PROJECT_MANAGEMENT);
        // A word inside the label.
        let found = suggest(catalog(), "projets", Lang::French, 50, every);
        assert!(found.iter().any(|s| s.label == "gestion de projets"));
        assert!(suggest(catalog(), "  ", Lang::French, 5, every).is_empty());
        assert_eq!(suggest(catalog(), "a", Lang::English, 3, every).len(), 3);
    }

    #[test]
    fn only_skills_with_postings_are_suggested_the_most_held_first() {
        let only_pm = |id: &str| u64::from(id == PROJECT_MANAGEMENT) * 4;
        let found = suggest(catalog(), "gestion", Lang::French, 10, only_pm);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].count, 4);
        assert!(suggest(catalog(), "gestion", Lang::French, 10, |_| 0).is_empty());

        // Two skills whose labels start with the text: the one more postings hold first.
        let all = suggest(catalog(), "gestion de", Lang::French, 2, every);
        let (a, b) = (all[0].id, all[1].id);
        let favour_b = |id: &str| if id == b { 50 } else { 1 };
        let found = suggest(catalog(), "gestion de", Lang::French, 2, favour_b);
        assert_eq!((found[0].id, found[1].id), (b, a));
    }

    #[test]
    fn an_alternative_label_typed_is_named_with_the_preferred_one() {
        // An alternative label of a skill whose preferred label does not start so.
        let (skill, alternative) = catalog()
            .skills
            .iter()
            .find_map(|s| {
                let labels = s.concept.labels(Lang::English);
                let preferred = fold(labels.first()?);
                labels[1..]
                    .iter()
                    .find(|l| l.len() > 6 && !preferred.contains(&fold(l)))
                    .map(|l| (s.concept.id, *l))
            })
            .unwrap();
        let only = |id: &str| u64::from(id == skill);
        let found = suggest(catalog(), alternative, Lang::English, 5, only);
        assert_eq!(found.len(), 1, "{alternative}: {found:?}");
        assert_eq!(found[0].matched, Some(alternative));
        assert_eq!(
            found[0].label,
            catalog().skill(skill).unwrap().concept.label(Lang::English)
        );
    }
}
