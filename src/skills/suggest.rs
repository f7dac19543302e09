//! Skill suggestions as a searcher types: labels starting with what was typed, or having a
//! word that does, accents and case ignored.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use super::table::{lang_column, Catalog, LABEL_LANGS};
use crate::analysis::Lang;

/// Every label of one language, folded, with its skill.
struct Folded {
    /// (folded label, skill index, preferred), sorted by label.
    labels: Vec<(String, u32, bool)>,
}

/// Lower-cases and strips accents (`Gestión` → `gestion`).
#[must_use]
pub fn fold(text: &str) -> String {
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
                labels.push((fold(label), i as u32, n == 0));
            }
        }
        labels.sort_unstable();
        Folded { labels }
    })
}

/// Up to `limit` skills (id, preferred label in `lang`) for the typed `prefix`: skills with a
/// label starting with it first, then those with a word of a label starting with it; shorter
/// labels first within each group. Languages without labels use English.
#[must_use]
pub fn suggest(
    catalog: &'static Catalog,
    prefix: &str,
    lang: Lang,
    limit: usize,
) -> Vec<(&'static str, &'static str)> {
    let lang = if LABEL_LANGS.contains(&lang) {
        lang
    } else {
        Lang::English
    };
    let wanted = fold(prefix.trim());
    if wanted.is_empty() {
        return Vec::new();
    }
    let table = folded(catalog, lang);
    // (group, label length, not preferred, skill): group 0 = label starts with the prefix.
    let mut ranked: Vec<(u8, usize, bool, u32)> = Vec::new();
    let start = table
        .labels
        .partition_point(|(l, _, _)| l.as_str() < wanted.as_str());
    for (label, skill, preferred) in table.labels[start..]
        .iter()
        .take_while(|(l, _, _)| l.starts_with(&wanted))
    {
        ranked.push((0, label.len(), !preferred, *skill));
    }
    let word_start = format!(" {wanted}");
    for (label, skill, preferred) in &table.labels {
        if label.contains(&word_start) {
            ranked.push((1, label.len(), !preferred, *skill));
        }
    }
    ranked.sort_unstable();
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for (_, _, _, skill) in ranked {
        let concept = &catalog.skills[skill as usize].concept;
        if out.iter().all(|(id, _)| *id != concept.id) {
            out.push((concept.id, concept.label(lang)));
            if out.len() == limit {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::catalog;

    #[test]
    fn prefixes_find_labels_in_the_language_asked() {
        let found = suggest(catalog(), "gestion de proj", Lang::French, 5);
        assert_eq!(found[0].1, "gestion de projets");
        let found = suggest(catalog(), "GESTIÓN DE PROY", Lang::Spanish, 5);
        assert_eq!(found[0].0, "7111b95d-0ce3-441a-9d92-4c75d05c4388");
        // A word inside the label.
        let found = suggest(catalog(), "projets", Lang::French, 50);
        assert!(found.iter().any(|(_, l)| *l == "gestion de projets"));
        assert!(suggest(catalog(), "  ", Lang::French, 5).is_empty());
        assert_eq!(suggest(catalog(), "a", Lang::English, 3).len(), 3);
    }
}
