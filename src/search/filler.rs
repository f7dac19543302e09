//! The words a job seeker writes around what they look for: `I am looking for a job in
//! monitoring and evaluation`, `je cherche un poste de chargé de programme`, `busco trabajo
//! de asistente`.
//!
//! In an index of vacancies these words say nothing about which vacancy is meant: every
//! posting is a job, and many happen to write `looking`, `poste` or `trabajo` somewhere.
//! Required like any other word, they kept the postings that happen to write them: on the
//! 100k benchmark replica `looking for a job in nutrition` found 491 postings, a laboratory
//! technician's first, where `nutrition` finds 7,091, nutrition officers first. Two kinds:
//!
//! - **Cues**: the verbs of looking and wanting and the first-person words of a sentence
//!   (`looking`, `I am`, `je cherche`, `busco`, `quiero`). A query holding one reads as a
//!   sentence, and its filler words (cues and general words) are not searched at all (see
//!   [`super::ParsedQuery::without_filler`]).
//!   General words for a job in the plural are cues too (`nutrition jobs`, `vacancies in
//!   Kenya`, `offres d'emploi à Dakar`): nobody searches for a subject so named.
//! - **General words** for a job (`job`, `position`, `employment`, `poste`, `emploi`,
//!   `empleo`, `trabajo`): without a cue they may name what is sought (`youth employment`,
//!   `job classification`, `trabajo social`) and are searched as typed; they are left out
//!   only when no posting has every word of the query, before the engine settles for
//!   postings with any of the words.
//!
//! A word written with an elided article counts as the word (`d'emploi`, `j'aimerais`).
//!
//! The lists are written for this project, accent-folded and lower case as
//! [`crate::analysis::fold`] gives them, without the stop words the analyzers already drop;
//! not words that name a kind of job (`research`, `recherche`: a research post is a post).

use crate::analysis::fold;

/// English cues.
const ENGLISH_CUES: &[&str] = &[
    "i",
    "im",
    "am",
    "me",
    "my",
    "would",
    "like",
    "want",
    "wanted",
    "need",
    "looking",
    "look",
    "seeking",
    "seek",
    "find",
    "finding",
    "apply",
    "interested",
];

/// French cues (folded).
const FRENCH_CUES: &[&str] = &[
    "suis",
    "moi",
    "mon",
    "voudrais",
    "veux",
    "souhaite",
    "aimerais",
    "cherche",
    "chercher",
    "trouver",
    "postuler",
    "interesse",
];

/// Spanish cues (folded).
const SPANISH_CUES: &[&str] = &[
    "yo",
    "me",
    "estoy",
    "quiero",
    "quisiera",
    "gustaria",
    "necesito",
    "busco",
    "buscando",
    "buscar",
    "encontrar",
    "postular",
    "interesa",
];

/// General words for a job, in English, French and Spanish (folded).
const GENERAL: &[&str] = &[
    // English
    "job",
    "work",
    "employment",
    "position",
    "vacancy",
    "opportunity",
    "opportunities",
    "opening",
    "career",
    "careers",
    "role",
    "roles",
    // French
    "emploi",
    "poste",
    "travail",
    "travailler",
    "boulot",
    "offre",
    "opportunite",
    "opportunites",
    "carriere",
    // Spanish
    "empleo",
    "trabajo",
    "trabajar",
    "puesto",
    "vacante",
    "oferta",
    "oportunidad",
    "oportunidades",
    "plaza",
];

/// General words for a job in the plural, which are cues too: a searcher types `nutrition
/// jobs`, `vacancies in Kenya`, `emplois Dakar` for postings, never for a subject (the
/// subjects are singular: `job classification`, `youth employment`). Not `opportunities`
/// (`equal opportunities`).
const PLURAL_CUES: &[&str] = &[
    "jobs",
    "positions",
    "vacancies",
    "openings",
    "emplois",
    "postes",
    "offres",
    "empleos",
    "puestos",
    "vacantes",
    "ofertas",
    "plazas",
];

/// `word` folded, without an elided article (`d'emploi`: `emploi`, `J'aimerais`:
/// `aimerais`).
fn folded(word: &str) -> String {
    let word = word.rsplit(['\'', '\u{2019}']).next().unwrap_or(word);
    fold(word)
}

/// Whether `word` (one word, as typed) is a cue of English, French or Spanish: a query
/// holding one reads as a sentence.
#[must_use]
pub fn is_cue(word: &str) -> bool {
    is_folded_cue(&folded(word))
}

/// Whether `word` (one word, as typed) is a filler word: a cue or a general word for a job.
#[must_use]
pub fn is_filler(word: &str) -> bool {
    let word = folded(word);
    is_folded_cue(&word) || GENERAL.contains(&word.as_str())
}

/// [`is_cue`] of a word already [`folded`].
fn is_folded_cue(word: &str) -> bool {
    [ENGLISH_CUES, FRENCH_CUES, SPANISH_CUES, PLURAL_CUES]
        .iter()
        .any(|list| list.contains(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_the_search_are_filler_in_any_case_or_accent() {
        let filler = [
            "looking",
            "Job",
            "I",
            "poste",
            "Opportunité",
            "carrière",
            "busco",
        ];
        for word in filler {
            assert!(is_filler(word), "{word}");
        }
        let searched = [
            "monitoring",
            "research",
            "recherche",
            "Africa",
            "P3",
            "salud",
        ];
        for word in searched {
            assert!(!is_filler(word), "{word}");
        }
        // Only the verbs, first-person words and plurals make a sentence.
        let cues = [
            "Looking",
            "cherche",
            "busco",
            "I",
            "jobs",
            "J'aimerais",
            "empleos",
        ];
        for word in cues {
            assert!(is_cue(word), "{word}");
        }
        for word in ["job", "employment", "poste", "trabajo", "opportunities"] {
            assert!(!is_cue(word), "{word}");
        }
        assert!(is_filler("d'emploi") && is_filler("d\u{2019}offres"));
        assert!(!is_filler("l'homme"));
    }

    #[test]
    fn the_lists_are_folded_lower_case_and_sorted_out_of_stop_words() {
        use crate::analysis::Lang;
        for (list, lang) in [
            (ENGLISH_CUES, Lang::English),
            (FRENCH_CUES, Lang::French),
            (SPANISH_CUES, Lang::Spanish),
        ] {
            for word in list {
                assert_eq!(fold(word), *word, "{word} is not folded");
                assert!(!lang.is_stop_word(word), "{word} is already a stop word");
            }
        }
        for word in GENERAL.iter().chain(PLURAL_CUES) {
            assert_eq!(fold(word), *word, "{word} is not folded");
            assert!(
                !Lang::ALL.iter().any(|lang| lang.is_stop_word(word)),
                "{word} is already a stop word"
            );
        }
    }
}
