//! Contract types → a small canonical vocabulary.
//!
//! | canonical     | recognised wording (case and accents ignored)                            |
//! |---------------|---------------------------------------------------------------------------|
//! | `fixed-term`  | durée déterminée, fixed term, FTA, FT, plazo fijo, tiempo determinado    |
//! | `temporary`   | temporary (appointment), TA, TMP, temporaire, temporal                   |
//! | `short-term`  | short term, STA, court terme, corto plazo                                 |
//! | `consultancy` | consultant, consultancy, IC, ICA, SSA, PSA, LICA, IICA, consultoría      |
//! | `internship`  | intern(ship), stage, stagiaire, pasantía, pasante, trainee               |
//! | `volunteer`   | volunteer, UNV, volontaire, voluntario                                    |
//! | `permanent`   | permanent, continuing, indefinite, durée indéterminée, indefinido, CDI   |
//! | `other`       | anything else that is not empty                                           |
//!
//! Phrases match whole words. Rules are tried in the table's order (short-term, fixed-term,
//! temporary, permanent, internship, volunteer, consultancy) and the first rule with a phrase
//! in the value wins: `Fixed-term (temporary funding)` is `fixed-term`.

use super::text::fold;

/// A contract type: canonical form and the value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractType {
    /// Canonical form (`fixed-term`, `temporary`, ...).
    pub canonical: &'static str,
    /// The value as written, trimmed.
    pub raw: String,
}

/// (canonical, phrases). Phrases are folded and matched on word boundaries.
const RULES: &[(&str, &[&str])] = &[
    (
        "short-term",
        &[
            "short term",
            "sta",
            "court terme",
            "corto plazo",
            "courte duree",
        ],
    ),
    (
        "fixed-term",
        &[
            "fixed term",
            "fta",
            "ft",
            "duree determinee",
            "duree definie",
            "plazo fijo",
            "tiempo determinado",
            "duracion determinada",
            "definite",
            "cdd",
        ],
    ),
    (
        "temporary",
        &[
            "temporary",
            "temporaire",
            "temporal",
            "ta",
            "tmp",
            "temporary appointment",
        ],
    ),
    (
        "permanent",
        &[
            "permanent",
            "continuing",
            "indefinite",
            "open ended",
            "duree indeterminee",
            "indefini",
            "indefinido",
            "indefinida",
            "cdi",
        ],
    ),
    (
        "internship",
        &[
            "intern",
            "internship",
            "stage",
            "stagiaire",
            "pasantia",
            "pasante",
            "trainee",
            "traineeship",
        ],
    ),
    (
        "volunteer",
        &[
            "volunteer",
            "unv",
            "volontaire",
            "voluntario",
            "voluntariado",
        ],
    ),
    (
        "consultancy",
        &[
            "consultant",
            "consultancy",
            "consultance",
            "consultoria",
            "consultor",
            "consultora",
            "ic",
            "ica",
            "ssa",
            "psa",
            "lica",
            "iica",
            "individual contract",
            "individual contractor",
            "contrat de consultant",
        ],
    ),
];

/// Folds `value` to space-separated words (`Fixed-Term (FT)` → `fixed term ft`).
fn words(value: &str) -> String {
    let folded = fold(value);
    let mut out = String::with_capacity(folded.len() + 2);
    out.push(' ');
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// True when `phrase` occurs in `haystack` (space-delimited words) on word boundaries.
fn contains_words(haystack: &str, phrase: &str) -> bool {
    let bytes = haystack.as_bytes();
    haystack
        .match_indices(phrase)
        .any(|(i, _)| i > 0 && bytes[i - 1] == b' ' && bytes.get(i + phrase.len()) == Some(&b' '))
}

/// Parses a contract type value. `None` only for an empty value.
pub fn parse_contract(value: &str) -> Option<ContractType> {
    let raw = value.trim();
    if raw.is_empty() {
        return None;
    }
    let haystack = words(raw);
    let canonical = RULES
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|p| contains_words(&haystack, p)))
        .map_or("other", |(c, _)| *c);
    Some(ContractType {
        canonical,
        raw: raw.to_string(),
    })
}

/// The contract type implied by a grade class (`consultant` → `consultancy`,
/// `intern` → `internship`, `volunteer` → `volunteer`).
pub fn contract_for_grade_class(grade: &str) -> Option<&'static str> {
    match grade {
        "consultant" => Some("consultancy"),
        "intern" => Some("internship"),
        "volunteer" => Some("volunteer"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Option<&'static str> {
        parse_contract(s).map(|c| c.canonical)
    }

    #[test]
    fn vocabulary() {
        assert_eq!(c("Durée déterminée"), Some("fixed-term"));
        assert_eq!(c("Fixed Term"), Some("fixed-term"));
        assert_eq!(c("Fixed-term (36 months)"), Some("fixed-term"));
        assert_eq!(c("Fixed Term (FT)"), Some("fixed-term"));
        assert_eq!(c("Plazo fijo"), Some("fixed-term"));
        assert_eq!(c("Temporary appointment"), Some("temporary"));
        assert_eq!(c("TA"), Some("temporary"));
        assert_eq!(c("Contrat temporaire"), Some("temporary"));
        assert_eq!(c("Nombramiento temporal"), Some("temporary"));
        assert_eq!(c("Short-term"), Some("short-term"));
        assert_eq!(
            c("Special Service Agreement (SSA) / Consultant"),
            Some("consultancy")
        );
        assert_eq!(c("IC"), Some("consultancy"));
        assert_eq!(c("Consultoría"), Some("consultancy"));
        assert_eq!(c("Internship - 6 months"), Some("internship"));
        assert_eq!(c("UN Volunteer"), Some("volunteer"));
        assert_eq!(c("Permanent"), Some("permanent"));
        assert_eq!(c("Continuing appointment"), Some("permanent"));
        assert_eq!(c("Contrat à durée indéterminée"), Some("permanent"));
        assert_eq!(c("Project Appointment"), Some("other"));
        assert_eq!(c("  "), None);
    }

    #[test]
    fn word_boundaries() {
        // `ta` inside `Data` or `ic` inside `Public` must not count.
        assert_eq!(c("Data Public contract"), Some("other"));
    }

    #[test]
    fn keeps_raw() {
        assert_eq!(
            parse_contract(" Durée déterminée ").unwrap().raw,
            "Durée déterminée"
        );
    }

    #[test]
    fn grade_classes() {
        assert_eq!(contract_for_grade_class("intern"), Some("internship"));
        assert_eq!(contract_for_grade_class("P2"), None);
    }
}
