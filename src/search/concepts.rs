//! ESCO skills and ISCO-08 occupations in search responses: labels in the request's
//! language, the occupation hierarchy, and occupation filters of any level.

use std::collections::HashMap;

use super::response::{HitOccupation, Labelled};
use super::FacetCount;
use crate::analysis::Lang;
use crate::skills::catalog;
use crate::{Error, Posting, Result};

/// The label language of a request (English when not given).
#[must_use]
pub fn label_lang(lang: Option<Lang>) -> Lang {
    lang.unwrap_or(Lang::English)
}

/// `id` labelled with the skill's preferred label in `lang`, if it is a known skill.
#[must_use]
pub fn skill(id: &str, lang: Lang) -> Option<Labelled> {
    catalog().skill(id).map(|s| Labelled {
        id: id.to_owned(),
        label: s.concept.label(lang).to_owned(),
    })
}

/// Adds the labels of skill facet values.
pub fn label_skills(counts: &mut [FacetCount], lang: Lang) {
    for count in counts {
        count.label = skill(&count.value, lang).map(|s| s.label);
    }
}

/// The unit groups an `occupation` filter value stands for: a known ISCO-08 code of 1 to 4
/// digits selects every unit group under it.
pub fn occupation_units(codes: &[String]) -> Result<Vec<String>> {
    let mut units = Vec::new();
    for code in codes {
        let code = code.trim();
        if catalog().isco_group(code).is_none() {
            return Err(Error::param(
                "occupation",
                format!(
                    "`{}` is not an ISCO-08 group code (1 to 4 digits, e.g. 2 or 2421)",
                    crate::error::echo(code)
                ),
            ));
        }
        units.extend(
            catalog()
                .isco_units_under(code)
                .into_iter()
                .map(str::to_owned),
        );
    }
    units.sort_unstable();
    units.dedup();
    Ok(units)
}

/// Occupation counts down the ISCO-08 hierarchy, like the location drill-down: the major
/// groups, then the children of each selected group and of its ancestors; each labelled in
/// `lang`, most frequent first within a level, levels in order.
#[must_use]
pub fn occupation_tree(
    units: &HashMap<String, u64>,
    selected: &[String],
    lang: Lang,
) -> Vec<FacetCount> {
    let mut by_code: HashMap<&str, u64> = HashMap::new();
    for (unit, count) in units {
        for len in 1..=unit.len().min(4) {
            if let Some(prefix) = unit.get(..len) {
                *by_code.entry(prefix).or_insert(0) += count;
            }
        }
    }
    // The groups whose children are listed: the root, each selected code and its ancestors.
    let mut open: Vec<&str> = vec![""];
    for code in selected {
        let code = code.trim();
        for len in 1..code.len().min(4) {
            if let Some(prefix) = code.get(..len) {
                open.push(prefix);
            }
        }
        if code.len() < 4 {
            open.push(code);
        }
    }
    open.sort_unstable();
    open.dedup();
    let mut out = Vec::new();
    for parent in open {
        let mut level: Vec<FacetCount> = by_code
            .iter()
            .filter(|(code, _)| code.len() == parent.len() + 1 && code.starts_with(parent))
            .map(|(code, count)| FacetCount {
                value: (*code).to_owned(),
                count: *count,
                label: catalog().isco_group(code).map(|g| g.label(lang).to_owned()),
            })
            .collect();
        level.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        out.extend(level);
    }
    out
}

/// A posting's skills and occupation, labelled in `lang`.
#[must_use]
pub fn posting_concepts(posting: &Posting, lang: Lang) -> (Vec<Labelled>, Option<HitOccupation>) {
    let skills = posting
        .skills
        .iter()
        .filter_map(|id| skill(id, lang))
        .collect();
    let occupation = posting
        .occupation
        .as_deref()
        .and_then(|id| catalog().occupation(id))
        .map(|o| HitOccupation {
            id: o.concept.id.to_owned(),
            label: o.concept.label(lang).to_owned(),
            isco: o.isco.to_owned(),
            isco_label: catalog()
                .isco_group(o.isco)
                .map_or_else(String::new, |g| g.label(lang).to_owned()),
        });
    (skills, occupation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occupation_filters_expand_to_units_and_refuse_unknown_codes() {
        let units = occupation_units(&["24".into()]).unwrap();
        assert!(units.contains(&"2421".to_owned()));
        assert!(units.iter().all(|u| u.starts_with("24") && u.len() == 4));
        assert!(occupation_units(&["99999".into()]).is_err());
        assert!(occupation_units(&["x".into()]).is_err());
    }

    #[test]
    fn occupation_tree_lists_majors_then_the_selected_path() {
        let units: HashMap<String, u64> = [
            ("2421".to_owned(), 3),
            ("2422".to_owned(), 2),
            ("1120".to_owned(), 1),
        ]
        .into();
        let tree = occupation_tree(&units, &["24".into()], Lang::French);
        let values: Vec<(&str, u64)> = tree.iter().map(|c| (c.value.as_str(), c.count)).collect();
        assert_eq!(values, vec![("2", 5), ("1", 1), ("24", 5), ("242", 5)]);
        assert_eq!(
            tree[0].label.as_deref(),
            Some("Professions intellectuelles et scientifiques")
        );
    }
}
