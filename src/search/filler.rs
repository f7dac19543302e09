//! The words a job seeker writes around what they look for: `I am looking for a job in
//! monitoring and evaluation`, `je cherche un poste de chargé de programme`, `busco trabajo
//! de asistente`.
//!
//! In an index of vacancies these words say nothing about which vacancy is meant: every
//! posting is a job, and many happen to write `looking`, `poste` or `trabajo` somewhere.
//! They are still searched (a posting that has them all is a fine answer), but when no
//! posting has every word of the query, the engine first leaves them out and asks again for
//! every other word, before it settles for postings with any of the words (see
//! [`super::ParsedQuery::without_filler`]). Without them, the sentence above finds the
//! monitoring and evaluation postings in West Africa (688 of the 100,000 of the benchmark
//! replica) where any of its words matched 87,011.
//!
//! The lists are written for this project, accent-folded and lower case as
//! [`crate::analysis::fold`] gives them. They hold the verbs of looking and wanting, the
//! nouns for a job in general, and the pronouns and auxiliaries of such sentences that the
//! stop words do not already drop; not words that name a kind of job (`research`,
//! `recherche`: a research post is a post).

use crate::analysis::fold;

/// English filler words.
const ENGLISH: &[&str] = &[
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
];

/// French filler words (folded).
const FRENCH: &[&str] = &[
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
    "emploi",
    "emplois",
    "poste",
    "postes",
    "travail",
    "travailler",
    "boulot",
    "job",
    "jobs",
    "offre",
    "offres",
    "opportunite",
    "opportunites",
    "carriere",
];

/// Spanish filler words (folded).
const SPANISH: &[&str] = &[
    "yo",
    "estoy",
    "quiero",
    "quisiera",
    "necesito",
    "busco",
    "buscando",
    "buscar",
    "encontrar",
    "postular",
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

/// Whether `word` (one word, as typed) is a filler word of English, French or Spanish.
#[must_use]
pub fn is_filler(word: &str) -> bool {
    let folded = fold(word);
    [ENGLISH, FRENCH, SPANISH]
        .iter()
        .any(|list| list.contains(&folded.as_str()))
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
            (ENGLISH, Lang::English),
            (FRENCH, Lang::French),
            (SPANISH, Lang::Spanish),
        ] {
            for word in list {
                assert_eq!(fold(word), *word, "{word} is not folded");
                assert!(!lang.is_stop_word(word), "{word} is already a stop word");
            }
        }
    }
}
