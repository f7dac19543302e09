//! Organisation names → one canonical value per body.
//!
//! The same body is written in many ways: `ILO - International Labour Organization`,
//! `Organisation internationale du Travail (OIT)`, `BIT`, `OIT`. The table
//! `data/orgs/organizations.tsv` (see `data/orgs/README.md` for its source) gives each body
//! its acronym, English, French and Spanish names and other known names; the canonical
//! value is `ACRONYM - English name` (`ILO - International Labour Organization`), or the
//! English name alone when the body has no distinct acronym (`Mercy Corps`).
//!
//! Rules ([`canonical_organization`]), names compared folded (case, accents and punctuation
//! ignored):
//! - the whole value is a known name or acronym: that body;
//! - `ACRONYM - Name` or `Name (ACRONYM)`: the *name* must be known, and the acronym, when
//!   known, must name the same body; a known acronym beside an unknown name is another body
//!   that shares the acronym (`Climate Policy Initiative (CPI)` is not the ICC's `CPI`), so
//!   nothing is matched;
//! - anything else is not matched, and the value is kept as written.
//!
//! A name listed for two bodies is never used to match (the table's tests refuse such rows).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::text::normalize_label;

/// The bundled table (tab-separated: acronym, English, French, Spanish, `|`-separated aliases).
pub const TABLE: &str = include_str!("../../data/orgs/organizations.tsv");

/// One body of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Acronym (`ILO`), possibly empty.
    pub acronym: String,
    /// English name.
    pub english: String,
    /// French name, possibly empty.
    pub french: String,
    /// Spanish name, possibly empty.
    pub spanish: String,
    /// Other names and acronyms (`BIT`, `OIT`).
    pub aliases: Vec<String>,
}

impl Organization {
    /// The canonical facet value: `ACRONYM - English name`, or the English name alone.
    #[must_use]
    pub fn canonical(&self) -> String {
        if self.acronym.is_empty()
            || normalize_label(&self.acronym) == normalize_label(&self.english)
        {
            self.english.clone()
        } else {
            format!("{} - {}", self.acronym, self.english)
        }
    }

    /// Every name of the body (acronym, names, aliases), non-empty.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [&self.acronym, &self.english, &self.french, &self.spanish]
            .into_iter()
            .map(String::as_str)
            .chain(self.aliases.iter().map(String::as_str))
            .filter(|n| !n.trim().is_empty())
    }
}

/// The parsed table and its name index.
#[derive(Debug)]
pub struct Directory {
    /// The bodies, in table order.
    pub bodies: Vec<Organization>,
    /// Folded name → body index; `None` for a name listed by two bodies.
    index: HashMap<String, Option<usize>>,
}

impl Directory {
    /// Parses the table text (lines starting with `#` and blank lines are skipped).
    #[must_use]
    pub fn parse(table: &str) -> Self {
        let mut bodies = Vec::new();
        for line in table.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t').map(str::trim);
            let mut next = || cols.next().unwrap_or("").to_string();
            let (acronym, english, french, spanish) = (next(), next(), next(), next());
            let aliases = next()
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect();
            bodies.push(Organization {
                acronym,
                english,
                french,
                spanish,
                aliases,
            });
        }
        let mut index: HashMap<String, Option<usize>> = HashMap::new();
        for (i, body) in bodies.iter().enumerate() {
            for name in body.names() {
                let key = normalize_label(name);
                if key.is_empty() {
                    continue;
                }
                index
                    .entry(key)
                    .and_modify(|e| {
                        if *e != Some(i) {
                            *e = None;
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        Directory { bodies, index }
    }

    /// Names listed for two bodies or more (folded).
    #[must_use]
    pub fn ambiguous_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .index
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k.as_str())
            .collect();
        names.sort_unstable();
        names
    }

    /// The body a whole name designates; `UN` may stand for `United Nations`
    /// (`UN High Commissioner for Refugees`).
    fn lookup(&self, name: &str) -> Option<usize> {
        let key = normalize_label(name);
        if let Some(found) = self.index.get(&key) {
            return *found;
        }
        let expanded = format!(" {key} ").replace(" un ", " united nations ");
        self.index.get(expanded.trim()).copied().flatten()
    }

    /// The body that `raw` names (see the module documentation), if any.
    #[must_use]
    pub fn find(&self, raw: &str) -> Option<&Organization> {
        let raw = raw.trim();
        if let Some(i) = self.lookup(raw) {
            return Some(&self.bodies[i]);
        }
        if let Some((acronym, name)) = split_acronym(raw) {
            let by_name = self.lookup(name)?;
            return match self.lookup(acronym) {
                Some(other) if other != by_name => None,
                _ => Some(&self.bodies[by_name]),
            };
        }
        self.find_before_office(raw)
    }

    /// A body's name or acronym of at most three words followed by the office or place it
    /// posts for, which starts with a capital (`UNICEF South Africa`, `WHO PHL`, `UN Women
    /// South Africa Multi-Country Office (SAMCO)`): the longest such name wins.
    fn find_before_office(&self, raw: &str) -> Option<&Organization> {
        const MAX_NAME_WORDS: usize = 3;
        let words: Vec<(usize, &str)> = raw
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - raw.as_ptr() as usize, w))
            .collect();
        (1..words.len().min(MAX_NAME_WORDS + 1))
            .rev()
            .filter(|&n| words[n].1.starts_with(char::is_uppercase))
            .find_map(|n| self.lookup(raw[..words[n].0].trim_end()))
            .map(|i| &self.bodies[i])
    }
}

/// Splits `ACRONYM - Name` and `Name (ACRONYM)` into (acronym, name).
fn split_acronym(raw: &str) -> Option<(&str, &str)> {
    if let Some((left, right)) = raw.split_once(" - ") {
        return Some((left.trim(), right.trim()));
    }
    let inner_end = raw.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    Some((inner_end[open + 1..].trim(), inner_end[..open].trim()))
}

/// The bundled directory.
pub fn directory() -> &'static Directory {
    static DIRECTORY: LazyLock<Directory> = LazyLock::new(|| Directory::parse(TABLE));
    &DIRECTORY
}

/// The canonical value of an organisation name, or `None` when the table does not know it.
#[must_use]
pub fn canonical_organization(raw: &str) -> Option<String> {
    directory().find(raw).map(Organization::canonical)
}

/// Sets `organization` to its canonical value (unknown names stay as written) and keeps the
/// value as written in `organization_raw` (unless already set).
pub fn normalize_organization(posting: &mut super::Posting) {
    let Some(raw) = posting.organization.clone() else {
        return;
    };
    if let Some(canonical) = canonical_organization(&raw) {
        posting.organization = Some(canonical);
    }
    if posting.organization_raw.is_none() {
        posting.organization_raw = Some(raw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Option<String> {
        canonical_organization(s)
    }

    #[test]
    fn no_name_belongs_to_two_bodies() {
        assert_eq!(directory().ambiguous_names(), Vec::<&str>::new());
        assert!(directory().bodies.len() > 100);
    }

    #[test]
    fn one_value_per_body_in_three_languages() {
        let ilo = Some("ILO - International Labour Organization".to_string());
        for s in [
            "ILO - International Labour Organization",
            "Organisation internationale du Travail (OIT)",
            "BIT",
            "OIT",
            "ilo",
            "Organización Internacional del Trabajo",
        ] {
            assert_eq!(canon(s), ilo, "{s}");
        }
        let undp = Some("UNDP - United Nations Development Programme".to_string());
        assert_eq!(canon("PNUD"), undp);
        assert_eq!(canon("UNDP"), undp);
        let iom = Some("IOM - International Organization for Migration".to_string());
        assert_eq!(
            canon("OIM - Organisation internationale pour les migrations"),
            iom
        );
        assert_eq!(canon("IOM - International Organization for Migration"), iom);
        assert_eq!(canon("OMS"), canon("WHO"));
        // A body followed by the office or place it posts for.
        assert_eq!(canon("UNICEF South Africa"), canon("UNICEF"));
        assert_eq!(canon("WHO PHL"), canon("WHO"));
        assert_eq!(canon("OMS Madagascar"), canon("WHO"));
        assert_eq!(canon("UNDP Country Office"), undp);
        // Not when what follows is prose, or the name is unknown.
        assert_eq!(canon("UNICEF and partners"), None);
        assert_eq!(canon("Acme Relief Bulgaria"), None);
        assert_eq!(canon("ACNUR"), canon("UNHCR"));
        assert_eq!(canon("HCR"), canon("UNHCR"));
        assert_eq!(canon("PAM"), canon("WFP - World Food Programme"));
        assert_eq!(canon("Mercy Corps").as_deref(), Some("Mercy Corps"));
        assert_eq!(
            canon("UNHCR - UN High Commissioner for Refugees"),
            canon("UNHCR")
        );
        assert_eq!(
            canon("International Rescue Committee (IRC)").as_deref(),
            Some("IRC - International Rescue Committee")
        );
    }

    #[test]
    fn never_merges_two_bodies() {
        // `CPI` is the French acronym of the ICC, but not of this body.
        assert_eq!(canon("Climate Policy Initiative (CPI)"), None);
        // A known acronym with another body's name.
        assert_eq!(canon("ILO - United Nations Development Programme"), None);
        assert_eq!(canon("Example Energy Agency"), None);
        assert_ne!(canon("UNDP"), canon("UNEP"));
    }

    #[test]
    fn keeps_the_raw_value() {
        let mut p = crate::Posting {
            organization: Some("PNUD".into()),
            ..crate::Posting::default()
        };
        normalize_organization(&mut p);
        assert_eq!(p.organization_raw.as_deref(), Some("PNUD"));
        assert_eq!(
            p.organization.as_deref(),
            Some("UNDP - United Nations Development Programme")
        );
        let mut p = crate::Posting {
            organization: Some("Example Energy Agency".into()),
            ..crate::Posting::default()
        };
        normalize_organization(&mut p);
        assert_eq!(p.organization.as_deref(), Some("Example Energy Agency"));
        assert_eq!(p.organization_raw.as_deref(), Some("Example Energy Agency"));
    }
}
