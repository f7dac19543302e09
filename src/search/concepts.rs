//! ESCO skills and ISCO-08 occupations in search responses: labels in the request's
//! language, the occupation hierarchy, and occupation filters of any level.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tantivy::Searcher;

use super::response::{HitOccupation, Labelled};
use super::{Engine, FacetCount, FacetField};
use crate::analysis::Lang;
use crate::skills::catalog;
use crate::store::generation_id;
use crate::{Error, Posting, Result};

/// The label language of a request (English when not given).
#[must_use]
pub fn label_lang(lang: Option<Lang>) -> Lang {
    lang.unwrap_or(Lang::English)
}

/// `id` labelled with the skill's preferred label in `lang`, if it is a known skill.
#[must_use]
pub fn skill(id: &str, lang: Lang) -> Option<Labelled> {
    skill_label(id, lang).map(|label| Labelled {
        id: id.to_owned(),
        label: label.to_owned(),
    })
}

/// The preferred label in `lang` of the skill with id `id`, if it is a known skill.
fn skill_label(id: &str, lang: Lang) -> Option<&'static str> {
    catalog().skill(id).map(|s| s.concept.label(lang))
}

/// Adds the labels of skill facet values.
pub fn label_skills(counts: &mut [FacetCount], lang: Lang) {
    for count in counts {
        count.label = skill_label(&count.value, lang).map(str::to_owned);
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
    units: &[(String, u64)],
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
    concepts(
        posting.skills.iter().map(String::as_str),
        posting.occupation.as_deref(),
        lang,
    )
}

/// The skills of the ids `skills` and the occupation of the id `occupation`, labelled in
/// `lang` (ids the catalogue does not know are left out).
pub fn concepts<'a>(
    skills: impl IntoIterator<Item = &'a str>,
    occupation: Option<&str>,
    lang: Lang,
) -> (Vec<Labelled>, Option<HitOccupation>) {
    let skills = skills
        .into_iter()
        .filter_map(|id| skill(id, lang))
        .collect();
    let occupation = occupation
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

/// A skill suggested for what a searcher typed (`/api/skills`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SkillSuggestion {
    /// ESCO concept id (a `skill` filter value).
    pub id: String,
    /// Preferred label in the request's language.
    pub label: String,
    /// The alternative label the typed text matched, when it did not match the preferred
    /// label (`PM` for `project management`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
    /// Live postings tagged with the skill (a `skill=ID` filter finds this many).
    pub count: u64,
}

/// Postings per skill id in one index generation.
type SkillCounts = Arc<HashMap<String, u64>>;

/// Skill counts of the last few index generations seen (several engines may share a
/// process: tests, tools). Generations are named by their segments, so never confused.
static SKILL_COUNTS: Mutex<Vec<(String, SkillCounts)>> = Mutex::new(Vec::new());

/// Most generations whose skill counts are remembered.
const SKILL_COUNT_GENERATIONS: usize = 4;

impl Engine {
    /// Skills for what a searcher typed: those at least one live posting is tagged with, whose
    /// label in `lang` starts with `prefix` or has a word that does, ranked by match quality
    /// and posting count (see [`crate::skills::suggest`]); at most `limit`.
    pub fn suggest_skills(
        &self,
        prefix: &str,
        lang: Lang,
        limit: usize,
    ) -> Result<Vec<SkillSuggestion>> {
        let counts = self.skill_counts()?;
        let count = |id: &str| counts.get(id).copied().unwrap_or(0);
        Ok(crate::skills::suggest(prefix, lang, limit, count)
            .into_iter()
            .map(|s| SkillSuggestion {
                id: s.id.to_owned(),
                label: s.label.to_owned(),
                matched: s.matched.map(str::to_owned),
                count: s.count,
            })
            .collect())
    }

    /// Live postings per skill id in the generation searched now, counted once per
    /// generation from the `skill` facet column.
    pub fn skill_counts(&self) -> Result<Arc<HashMap<String, u64>>> {
        let searcher = self.searcher();
        let generation = generation_id(
            searcher
                .segment_readers()
                .iter()
                .map(|r| (r.segment_id(), r.delete_opstamp())),
        );
        let known = SKILL_COUNTS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|(g, _)| *g == generation)
            .map(|(_, c)| Arc::clone(c));
        if let Some(counts) = known {
            return Ok(counts);
        }
        let counts = Arc::new(count_skills(&searcher)?);
        let mut cache = SKILL_COUNTS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !cache.iter().any(|(g, _)| *g == generation) {
            if cache.len() >= SKILL_COUNT_GENERATIONS {
                cache.remove(0);
            }
            cache.push((generation, Arc::clone(&counts)));
        }
        Ok(counts)
    }
}

/// Live postings per value of the `skill` facet column, over every segment of `searcher`.
fn count_skills(searcher: &Searcher) -> Result<HashMap<String, u64>> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut value = String::new();
    for segment in searcher.segment_readers() {
        let Some(column) = segment.fast_fields().str(FacetField::Skill.name())? else {
            continue;
        };
        let mut by_ord = vec![0u64; column.num_terms()];
        for doc in segment.doc_ids_alive() {
            for ord in column.term_ords(doc) {
                if let Some(n) = usize::try_from(ord).ok().and_then(|o| by_ord.get_mut(o)) {
                    *n += 1;
                }
            }
        }
        for (ord, n) in by_ord.into_iter().enumerate() {
            if n == 0 {
                continue;
            }
            value.clear();
            column
                .ord_to_str(ord as u64, &mut value)
                .map_err(|e| Error::InvalidIndex(format!("skill column: {e}")))?;
            *counts.entry(value.clone()).or_insert(0) += n;
        }
    }
    Ok(counts)
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
        let units = [
            ("2421".to_owned(), 3),
            ("2422".to_owned(), 2),
            ("1120".to_owned(), 1),
        ];
        let tree = occupation_tree(&units, &["24".into()], Lang::French);
        let values: Vec<(&str, u64)> = tree.iter().map(|c| (c.value.as_str(), c.count)).collect();
        assert_eq!(values, vec![("2", 5), ("1", 1), ("24", 5), ("242", 5)]);
        assert_eq!(
            tree[0].label.as_deref(),
            Some("Professions intellectuelles et scientifiques")
        );
    }
}
