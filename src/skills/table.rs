//! The ESCO tables of `data/esco/` (made by `scripts/gen_skills.py`), compiled in and parsed
//! once: skills, occupations and ISCO-08 groups with their English, French and Spanish labels.

use rustc_hash::FxHashMap;

use crate::analysis::Lang;

const SKILLS_TSV: &str = include_str!("../../data/esco/skills.tsv");
const OCCUPATIONS_TSV: &str = include_str!("../../data/esco/occupations.tsv");
const ISCO_TSV: &str = include_str!("../../data/esco/isco.tsv");

/// FNV-1a hash of the skill and occupation tables, as 16 hex digits (stable across builds).
#[must_use]
pub fn labels_hash() -> String {
    crate::fingerprint::fnv1a_hex(SKILLS_TSV.bytes().chain(OCCUPATIONS_TSV.bytes()))
}

/// The languages the tables have labels in, in column order.
pub const LABEL_LANGS: [Lang; 3] = [Lang::English, Lang::French, Lang::Spanish];

/// What kind of ESCO skill concept a skill is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkillKind {
    /// A skill or competence (`manage budgets`).
    Skill,
    /// Knowledge (`project management`, `statistics`).
    Knowledge,
    /// A language (`French`, `Arabic`): knowledge directly under ESCO's `language` group.
    Language,
}

/// ESCO's reuse level of a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reuse {
    /// Useful in any occupation.
    Transversal,
    /// Useful in several sectors.
    CrossSector,
    /// Specific to a sector.
    SectorSpecific,
    /// Specific to an occupation.
    OccupationSpecific,
}

/// One concept with its labels: preferred label first, then the alternative labels.
#[derive(Debug, Clone)]
pub struct Concept {
    /// The UUID at the end of the ESCO concept URI.
    pub id: &'static str,
    /// Labels per language, in [`LABEL_LANGS`] order; each list may be empty.
    pub labels: [Vec<&'static str>; 3],
}

impl Concept {
    /// The preferred label in `lang` (English for other languages, and when the concept has
    /// no label in `lang`).
    #[must_use]
    pub fn label(&self, lang: Lang) -> &'static str {
        self.labels(lang)
            .first()
            .or_else(|| self.labels[0].first())
            .copied()
            .unwrap_or(self.id)
    }

    /// Every label in `lang` (English for other languages), preferred first.
    #[must_use]
    pub fn labels(&self, lang: Lang) -> &[&'static str] {
        &self.labels[lang_column(lang)]
    }
}

/// The column of `lang` in [`LABEL_LANGS`]; other languages read English.
#[must_use]
pub fn lang_column(lang: Lang) -> usize {
    LABEL_LANGS.iter().position(|l| *l == lang).unwrap_or(0)
}

/// An ESCO skill.
#[derive(Debug, Clone)]
pub struct Skill {
    /// Id and labels.
    pub concept: Concept,
    /// Skill, knowledge or language.
    pub kind: SkillKind,
    /// Reuse level.
    pub reuse: Reuse,
}

/// An ESCO occupation.
#[derive(Debug, Clone)]
pub struct Occupation {
    /// Id and labels.
    pub concept: Concept,
    /// Its ISCO-08 unit group (4 digits).
    pub isco: &'static str,
}

/// An ISCO-08 group: major (1 digit), sub-major (2), minor (3) or unit (4).
#[derive(Debug, Clone)]
pub struct IscoGroup {
    /// The code, 1 to 4 digits.
    pub code: &'static str,
    /// The parent group's code; `None` for a major group.
    pub parent: Option<&'static str>,
    /// Preferred labels in [`LABEL_LANGS`] order.
    pub labels: [&'static str; 3],
}

impl IscoGroup {
    /// The label in `lang` (English for other languages).
    #[must_use]
    pub fn label(&self, lang: Lang) -> &'static str {
        let label = self.labels[lang_column(lang)];
        if label.is_empty() {
            self.labels[0]
        } else {
            label
        }
    }
}

/// Every ESCO table, with lookups by id and code.
#[derive(Debug)]
pub struct Catalog {
    /// Skills, sorted by id.
    pub skills: Vec<Skill>,
    /// Occupations, sorted by id.
    pub occupations: Vec<Occupation>,
    /// ISCO-08 groups, sorted by code.
    pub isco: Vec<IscoGroup>,
    // Hashed with `rustc-hash`: every skill facet value of a response is looked up here.
    skill_by_id: FxHashMap<&'static str, u32>,
    occupation_by_id: FxHashMap<&'static str, u32>,
    isco_by_code: FxHashMap<&'static str, u32>,
}

fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').collect())
}

fn label_lists(cells: &[&'static str]) -> [Vec<&'static str>; 3] {
    let list = |i: usize| -> Vec<&'static str> {
        cells
            .get(i)
            .map(|c| c.split('|').filter(|l| !l.is_empty()).collect())
            .unwrap_or_default()
    };
    [list(0), list(1), list(2)]
}

impl Catalog {
    /// Parses the compiled-in tables.
    ///
    /// # Panics
    /// On a malformed row: the tables are generated and checked by the tests.
    #[must_use]
    pub fn load() -> Catalog {
        let skills: Vec<Skill> = rows(SKILLS_TSV)
            .map(|f| {
                assert!(f.len() >= 4, "skills.tsv: short row {f:?}");
                Skill {
                    concept: Concept {
                        id: f[0],
                        labels: label_lists(&f[3..]),
                    },
                    kind: match f[1] {
                        "K" => SkillKind::Knowledge,
                        "L" => SkillKind::Language,
                        _ => SkillKind::Skill,
                    },
                    reuse: match f[2] {
                        "T" => Reuse::Transversal,
                        "C" => Reuse::CrossSector,
                        "S" => Reuse::SectorSpecific,
                        _ => Reuse::OccupationSpecific,
                    },
                }
            })
            .collect();
        let occupations: Vec<Occupation> = rows(OCCUPATIONS_TSV)
            .map(|f| {
                assert!(f.len() >= 3, "occupations.tsv: short row {f:?}");
                Occupation {
                    concept: Concept {
                        id: f[0],
                        labels: label_lists(&f[2..]),
                    },
                    isco: f[1],
                }
            })
            .collect();
        let isco: Vec<IscoGroup> = rows(ISCO_TSV)
            .map(|f| {
                assert!(f.len() >= 5, "isco.tsv: short row {f:?}");
                IscoGroup {
                    code: f[0],
                    parent: (!f[1].is_empty()).then_some(f[1]),
                    labels: [f[2], f[3], f[4]],
                }
            })
            .collect();
        let index = |ids: Vec<&'static str>| -> FxHashMap<&'static str, u32> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id, i as u32))
                .collect()
        };
        Catalog {
            skill_by_id: index(skills.iter().map(|s| s.concept.id).collect()),
            occupation_by_id: index(occupations.iter().map(|o| o.concept.id).collect()),
            isco_by_code: index(isco.iter().map(|g| g.code).collect()),
            skills,
            occupations,
            isco,
        }
    }

    /// The skill with id `id`.
    #[must_use]
    pub fn skill(&self, id: &str) -> Option<&Skill> {
        self.skill_by_id.get(id).map(|i| &self.skills[*i as usize])
    }

    /// The occupation with id `id`.
    #[must_use]
    pub fn occupation(&self, id: &str) -> Option<&Occupation> {
        self.occupation_by_id
            .get(id)
            .map(|i| &self.occupations[*i as usize])
    }

    /// The ISCO-08 group with code `code`.
    #[must_use]
    pub fn isco_group(&self, code: &str) -> Option<&IscoGroup> {
        self.isco_by_code.get(code).map(|i| &self.isco[*i as usize])
    }

    /// The unit groups (4-digit codes) at or under the group `code`, sorted.
    #[must_use]
    pub fn isco_units_under(&self, code: &str) -> Vec<&'static str> {
        self.isco
            .iter()
            .filter(|g| g.code.len() == 4 && g.code.starts_with(code))
            .map(|g| g.code)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_with_every_concept() {
        let catalog = Catalog::load();
        assert_eq!(catalog.skills.len(), 13_485);
        assert_eq!(catalog.occupations.len(), 2_942);
        assert_eq!(catalog.isco.len(), 619);
        let pm = catalog
            .skill("7111b95d-0ce3-441a-9d92-4c75d05c4388")
            .unwrap();
        assert_eq!(pm.concept.label(Lang::English), "project management");
        assert_eq!(pm.concept.label(Lang::French), "gestion de projets");
        assert_eq!(pm.concept.label(Lang::Spanish), "gestión de proyectos");
        assert_eq!(pm.kind, SkillKind::Knowledge);
        let french = catalog
            .skill("e747e77e-0ea1-4001-8b07-1d11946b5f1b")
            .unwrap();
        assert_eq!(french.kind, SkillKind::Language);
        assert_eq!(french.concept.label(Lang::French), "français");
    }

    #[test]
    fn isco_hierarchy_follows_codes() {
        let catalog = Catalog::load();
        for group in &catalog.isco {
            match group.parent {
                Some(parent) => {
                    assert!(group.code.starts_with(parent), "{}", group.code);
                    assert_eq!(parent.len() + 1, group.code.len());
                }
                None => assert_eq!(group.code.len(), 1),
            }
        }
        for occupation in &catalog.occupations {
            assert!(catalog.isco_group(occupation.isco).is_some());
        }
        let units = catalog.isco_units_under("24");
        assert!(units.contains(&"2421"));
        assert!(units.iter().all(|u| u.len() == 4 && u.starts_with("24")));
    }
}
