//! Closing dates stated in a sentence about applying, without a deadline phrase.
//!
//! Many notices give their deadline only in their instructions: `applications should reach
//! us no later than 23h59 Wednesday 27 November 2024`, `Please submit your application by
//! 5pm on the 22nd November 2024`, `Les candidats doivent postuler au plus tard le 27
//! novembre 2024`, `Envíe su solicitud (…) en línea hasta el 05.11.2024`.
//!
//! Rule ([`deadline_in_line`]): in one sentence, a word about applying ([`is_applying`]: `apply`,
//! `application`, `submit`, `CV`, `candidature`, `postuler`, `solicitud`, the `vacancy`
//! itself…), then within [`REACH_BYTES`] a word of time limit
//! ([`LIMITS`]: `by`, `before`, `until`, `no later than`, `au plus tard`, `avant`,
//! `jusqu'au`, `d'ici`, `hasta`, `antes`…), then a date with only
//! connecting words before it, as after a deadline phrase ([`super::stated`]). A word about
//! something else between the two ([`is_other_matter`]: `start`, `completed`, `deliverables`,
//! `contract`, `interviews`…) means the date is not the application's: `applications will be
//! reviewed and the consultant will start by 1 March 2025` gives nothing, nor does `This
//! position is available until 30 June 2025`. With a reference day (when the notice was
//! published or listed), a date more than [`DAYS_BEFORE`] days before it or more than
//! [`DAYS_AFTER`] after it is an old text's or another matter's (`to fill the position by
//! December 15, 2019` in a notice of 2024), and a day written without its year takes the
//! year that follows the reference.

use chrono::NaiveDate;

use super::dates::NumericOrder;
use super::stated::{date_after, phrase_at, FoldedWords};

/// Words of time limit (folded), each a phrase of one or more words.
const LIMITS: &[&[&str]] = &[
    &["by"],
    &["before"],
    &["until"],
    &["till"],
    &["no", "later", "than"],
    &["not", "later", "than"],
    &["prior", "to"],
    &["due"],
    &["close"],
    &["closes"],
    &["closed"],
    &["au", "plus", "tard"],
    &["avant"],
    &["jusqu"],
    &["d", "ici"],
    &["hasta"],
    &["antes"],
    &["a", "mas", "tardar"],
];

/// Farthest a word of time limit may stand after the word about applying (bytes).
const REACH_BYTES: usize = 200;

/// Earliest accepted date, in days before the reference day: a board may list a notice
/// some weeks after it was written.
const DAYS_BEFORE: i64 = 60;

/// Latest accepted date, in days after the reference day.
const DAYS_AFTER: i64 = 366;

/// Beginnings of the words about applying (folded): a line without one is not read word
/// by word.
pub(super) const STEMS: &[&str] = &[
    "appl",
    "submi",
    "send",
    "cv",
    "resume",
    "postul",
    "candidatur",
    "dossier",
    "parvenir",
    "soumet",
    "envoy",
    "solicitud",
    "enviar",
    "envie",
    "advert",
    "vacanc",
    "posting",
];

/// A word (folded) about applying: sending an application, a CV, a candidature.
fn is_applying(word: &str) -> bool {
    matches!(
        word,
        "apply"
            | "applying"
            | "application"
            | "applications"
            | "submit"
            | "submitted"
            | "submitting"
            | "submission"
            | "submissions"
            | "send"
            | "cv"
            | "cvs"
            | "resume"
            | "resumes"
            | "postuler"
            | "postulez"
            | "candidature"
            | "candidatures"
            | "dossier"
            | "dossiers"
            | "parvenir"
            | "soumettre"
            | "envoyer"
            | "postular"
            | "postularse"
            | "postule"
            | "postulen"
            | "postulacion"
            | "postulaciones"
            | "aplicar"
            | "solicitud"
            | "solicitudes"
            | "enviar"
            | "envie"
            | "envien"
            | "advert"
            | "advertisement"
            | "vacancy"
            | "posting"
    )
}

/// A word (folded) about another matter than applying, whose dates are not deadlines for
/// applications: the work's start and end, its deliverables, the contract, the selection.
fn is_other_matter(word: &str) -> bool {
    matches!(
        word,
        "start"
            | "starts"
            | "starting"
            | "commence"
            | "commencing"
            | "begin"
            | "beginning"
            | "completed"
            | "completion"
            | "deliverable"
            | "deliverables"
            | "delivered"
            | "report"
            | "reports"
            | "contract"
            | "assignment"
            | "available"
            | "born"
            | "age"
            | "interview"
            | "interviews"
            | "reviewed"
            | "review"
            | "screening"
            | "shortlisted"
            | "notified"
            | "contacted"
            | "informed"
            | "selected"
            | "selection"
            | "fill"
            | "filled"
            | "travel"
            | "mission"
            | "duration"
            | "period"
            | "valid"
            | "validity"
            | "extended"
            | "extension"
            | "expected"
            | "held"
            | "join"
            | "joining"
            | "payment"
            | "entretien"
            | "entretiens"
            | "debut"
            | "commencer"
            | "prise"
            | "fonctions"
            | "entrevista"
            | "entrevistas"
            | "inicio"
            | "iniciar"
            | "comenzar"
            | "contrato"
            | "entrega"
    )
}

/// The closing date the first sentence about applying that states one states in `text`
/// (see the module documentation).
#[cfg(test)]
fn deadline(text: &str, order: NumericOrder, reference: Option<NaiveDate>) -> Option<NaiveDate> {
    let mut from = 0;
    text.split('\n').find_map(|line| {
        let words = FoldedWords::new(text, from, from + line.len());
        from += line.len() + 1;
        deadline_in_line(&words, order, reference)
    })
}

/// The closing date the first sentence about applying in a line's `words` states, the date
/// itself possibly on the next line (see the module documentation).
pub(super) fn deadline_in_line(
    words: &FoldedWords<'_>,
    order: NumericOrder,
    reference: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let plausible = |date: NaiveDate| {
        reference.is_none_or(|r| {
            let days = (date - r).num_days();
            (-DAYS_BEFORE..=DAYS_AFTER).contains(&days)
        })
    };
    for i in (0..words.len()).filter(|&i| is_applying(words.folded(i))) {
        for j in i + 1..words.len() {
            if words.start(j) - words.end(i) > REACH_BYTES
                || sentence_ends_before(words, j)
                || is_other_matter(words.folded(j))
            {
                break;
            }
            let Some(end) = phrase_at(words, j, LIMITS) else {
                continue;
            };
            if let Some(date) =
                date_after(words.text, end, order, reference).filter(|d| plausible(*d))
            {
                return Some(date);
            }
        }
    }
    None
}

/// Whether a sentence ends between word `j - 1` and word `j`: a full stop, a question or
/// exclamation mark, then spaces, then a capital (`p.m. on`, `Nov. 15` go on), unless the
/// full stop ends a title (`to the attention of Ms. Tayoun before 30th November`).
fn sentence_ends_before(words: &FoldedWords<'_>, j: usize) -> bool {
    let gap = &words.text[words.end(j - 1)..words.start(j)];
    let title = matches!(
        words.folded(j - 1),
        "mr" | "mrs" | "ms" | "dr" | "prof" | "mme" | "mlle" | "sr" | "sra" | "srta" | "st"
    );
    !title
        && gap.contains(['.', '!', '?'])
        && gap.ends_with(char::is_whitespace)
        && words.text[words.start(j)..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(text: &str) -> Option<String> {
        let listed = NaiveDate::from_ymd_opt(2024, 11, 7);
        deadline(text, NumericOrder::English, listed).map(|d| d.to_string())
    }

    #[test]
    fn deadlines_in_instructions() {
        for (text, want) in [
            (
                "applications should reach us no later than 23h59 Wednesday 27 November 2024 (Paris time).",
                "2024-11-27",
            ),
            (
                "Candidates should apply no later than midnight 27 November 2024 (CET)",
                "2024-11-27",
            ),
            (
                "Please submit your application by 5pm on the 22nd November 2024.",
                "2024-11-22",
            ),
            (
                "please complete your application online at the latest by 25 november 2024.",
                "2024-11-25",
            ),
            (
                "Application must be submitted before 29th November 2024",
                "2024-11-29",
            ),
            (
                "Applications accepted until EOD on Monday, November 18, 2024.",
                "2024-11-18",
            ),
            (
                "send your CV by email to jobs@example.org before 15th November 2024.",
                "2024-11-15",
            ),
            (
                "Applications will be accepted until November 27 and will be reviewed",
                "2024-11-27",
            ),
            (
                "Please submit your application online at our job portal until\n\nNovember 04th 2024.",
                "2024-11-04",
            ),
            (
                "Les candidats doivent postuler au plus tard le 27 novembre 2024 à minuit (CET).",
                "2024-11-27",
            ),
            (
                "les candidatures devront nous parvenir au plus tard le mercredi 27 novembre 2024",
                "2024-11-27",
            ),
            ("Postuler avant 19/11/2024 15:30", "2024-11-19"),
            (
                "Envíe su solicitud (carta de motivación, CV, diplomas y certificados) en línea hasta el 05.11.2024.",
                "2024-11-05",
            ),
            (
                "We will continue to accept applications until December 2, 2024, or until filled.",
                "2024-12-02",
            ),
            (
                "Please send your CV to the attention of Ms. Tayoun before 30th November 2024.",
                "2024-11-30",
            ),
            (
                "NB: This advert will close on 20th November 2024. Applications will be reviewed",
                "2024-11-20",
            ),
            (
                "remplir le formulaire en ligne (incluant l'envoi de CV et Lettre de Motivation) d'ici le 22/11/24 au plus tard",
                "2024-11-22",
            ),
            ("Envoyez votre candidature d’ici le 2 décembre 2024.", "2024-12-02"),
            (
                "Submit a cover letter and your CV on or before 17:00 hrs., 10 November 2024.",
                "2024-11-10",
            ),
            ("This vacancy will close on 29 November 2024 at midnight.", "2024-11-29"),
        ] {
            assert_eq!(on(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn other_dates_in_sentences_about_applying_are_not_deadlines() {
        for text in [
            // No word about applying in the sentence of the date.
            "This position is temporarily available until 30 June 2025. Please apply online.",
            "This role is full time until April 14, 2025. Please only apply if you are eligible.",
            "Fixed term appointment until 31 December 2026",
            // Another matter between applying and the date.
            "Applications will be reviewed and the consultant will start by 13 January 2025.",
            "Submit the inception report by 15 December 2024.",
            "Applications are welcome; interviews will be held before 20 December 2024.",
            // A date years away from the listing: an old text.
            "Qualified candidates are invited to apply to fill the position by December 15, 2019.",
            "Veuillez envoyer les dossiers de candidature au plus tard le vendredi 24 Novembre 2023",
            // A limit word without a date after it.
            "Apply by email to the address below.",
            "Notre objectif est de tripler le nombre de dossiers traités d'ici 2030.",
            // A vacancy's other matters.
            "The vacancy is for an assignment until 31 December 2025.",
            "This vacancy will be reviewed by the panel before 15 December 2024.",
        ] {
            assert_eq!(on(text), None, "{text}");
        }
    }

    #[test]
    fn a_sentence_ends_at_a_full_stop_before_a_capital() {
        assert_eq!(
            on("Send your application by 6 p.m. on 13 November 2024."),
            Some("2024-11-13".to_owned())
        );
        assert_eq!(
            on("Send your application. By 20 November 2024 we will decide."),
            None
        );
    }
}
