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
//! - **General words** for a job (`job`, `position`, `employment`, `poste`, `emploi`,
//!   `empleo`, `trabajo`): without a cue they may name what is sought (`youth employment`,
//!   `job classification`, `trabajo social`) and are searched as typed; they are left out
//!   only when no posting has every word of the query, before the engine settles for
//!   postings with any of the words.
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
    "jobs",
    "work",
    "employment",
    "position",
    "positions",
    "vacancy",
    "vacancies",
    "opportunity",
    "opportunities",
    "opening",
    "openings",
    "career",
    "careers",
    "role",
    "roles",
    // French
    "emploi",
    "emplois",
    "poste",
    "postes",
    "travail",
    "travailler",
    "boulot",
    "offre",
    "offres",
    "opportunite",
    "opportunites",
    "carriere",
    // Spanish
    "empleo",
    "empleos",
    "trabajo",
    "trabajar",
    "puesto",
    "puestos",
    "vacante",
    "vacantes",
    "oferta",
    "ofertas",
    "oportunidad",
    "oportunidades",
    "plaza",
    "plazas",
];

/// Whether `word` (one word, as typed) is a cue of English, French or Spanish: a query
/// holding one reads as a sentence.
#[must_use]
pub fn is_cue(word: &str) -> bool {
    let folded = fold(word);
    [ENGLISH_CUES, FRENCH_CUES, SPANISH_CUES]
        .iter()
        .any(|list| list.contains(&folded.as_str()))
}

/// Whether `word` (one word, as typed) is a filler word: a cue or a general word for a job.
#[must_use]
pub fn is_filler(word: &str) -> bool {
    is_cue(word) || GENERAL.contains(&fold(word).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_around_the_search_are_filler_in_any_case_or_accent() {
        for word in [
            "looking",
            "Job",
            "I",
            "poste",
            "Opportunité",
            "carrière",
            "busco",
        ] {
            assert!(is_filler(word), "{word}");
        }
        for word in [
            "monitoring",
            "research",
            "recherche",
            "Africa",
            "P3",
            "salud",
        ] {
            assert!(!is_filler(word), "{word}");
        }
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
        for word in GENERAL {
            assert_eq!(fold(word), *word, "{word} is not folded");
            assert!(
                !Lang::ALL.iter().any(|lang| lang.is_stop_word(word)),
                "{word} is already a stop word"
            );
        }
    }
}
