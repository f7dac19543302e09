//! Dates stated in running text rather than under a `Label:` line.
//!
//! Feed texts say their deadline in many ways: `application deadline (February 2 2025 23:59
//! CET time)`, `Deadline for Applications is November 13, 2024.`, `Date limite de dépôt des
//! candidatures Le 25 novembre 2024`, `La fecha límite para aplicar a esta vacante es el 19
//! de noviembre de 2024`, and the job boards' own `Posted 14 Jan 2025 Expires 30 Jan 2025`.
//!
//! Rule ([`stated_dates`]): a date phrase ([`CLOSING_PHRASES`], [`PUBLISHED_PHRASES`], whole
//! words, case and accents ignored) followed, on the same line (or on the next non-blank
//! line when nothing but punctuation follows it), by a date (see [`super::dates`]) with only
//! *connecting* words between them: parenthesised text, `is`, `on the`, `for applications`,
//! `de dépôt des candidatures`, `para aplicar a esta vacante es el`, weekdays, times and
//! time zones (see [`is_connector`]). Anything else between phrase and date means prose:
//! `meet deadlines`, `the deadline for the report is 5 May 2025` give nothing.
//! The first phrase of each kind with a date wins.

use chrono::NaiveDate;

use super::dates::{find_date, NumericOrder};
use super::text::{fold, word_spans};

/// Phrases (folded words) that announce a closing date.
pub const CLOSING_PHRASES: &[&[&str]] = &[
    &["deadline"],
    &["closing", "date"],
    &["close", "date"],
    &["closure", "date"],
    &["expires"],
    &["expiry", "date"],
    &["expiration", "date"],
    &["apply", "by"],
    &["apply", "before"],
    &["applications", "close"],
    &["date", "de", "cloture"],
    &["date", "limite"],
    &["delai", "de", "candidature"],
    &["fecha", "limite"],
    &["fecha", "de", "cierre"],
    &["fecha", "de", "vencimiento"],
    &["plazo", "de", "postulacion"],
    &["plazo", "de", "presentacion"],
    &["plazo", "para", "postulaciones"],
];

/// Phrases (folded words) that announce a publication date.
pub const PUBLISHED_PHRASES: &[&[&str]] = &[
    &["posted"],
    &["publication", "date"],
    &["date", "of", "publication"],
    &["posting", "date"],
    &["date", "posted"],
    &["date", "de", "publication"],
    &["publie", "le"],
    &["fecha", "de", "publicacion"],
];

/// Most connecting words allowed between a phrase and its date.
const MAX_CONNECTORS: usize = 12;

/// Longest stretch (bytes) after a phrase searched for its date.
const WINDOW_BYTES: usize = 160;

/// Dates found in running text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StatedDates {
    /// The first stated publication date.
    pub published: Option<NaiveDate>,
    /// The first stated closing date.
    pub closing: Option<NaiveDate>,
}

/// Words of `text` (runs of letters and digits): byte start, byte end, folded form.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    word_spans(text)
        .into_iter()
        .map(|(s, e)| (s, e, fold(&text[s..e])))
        .collect()
}

/// Finds the stated publication and closing dates of `text` (see the module documentation).
pub fn stated_dates(text: &str, order: NumericOrder) -> StatedDates {
    let mut found = StatedDates::default();
    let words = words(text);
    for i in 0..words.len() {
        if found.published.is_some() && found.closing.is_some() {
            break;
        }
        for (phrases, slot) in [
            (CLOSING_PHRASES, &mut found.closing),
            (PUBLISHED_PHRASES, &mut found.published),
        ] {
            if slot.is_some() {
                continue;
            }
            if !board_word_in_place(text, &words, i) {
                continue;
            }
            if let Some(end) = phrase_at(text, &words, i, phrases) {
                *slot = date_after(text, end, order);
            }
        }
    }
    found
}

/// Words that announce a date only in a job board's own lines (`Posted 14 Jan 2025`,
/// `Expires 30 Jan 2025`), not in prose (`the contract expires on 31 December 2025`).
const BOARD_WORDS: &[&str] = &["posted", "expires"];

/// False when word `i` is a [`BOARD_WORDS`] word that neither starts its line nor follows a
/// date's year (`Posted 14 Jan 2025 Expires 30 Jan 2025`).
fn board_word_in_place(text: &str, words: &[(usize, usize, String)], i: usize) -> bool {
    if !BOARD_WORDS.contains(&words[i].2.as_str()) {
        return true;
    }
    let line_start = text[..words[i].0].rfind('\n').map_or(0, |n| n + 1);
    let starts_line = text[line_start..words[i].0].trim().is_empty();
    let after_year = i > 0 && {
        let prev = &words[i - 1];
        prev.0 >= line_start && prev.2.len() == 4 && prev.2.bytes().all(|b| b.is_ascii_digit())
    };
    starts_line || after_year
}

/// When one of `phrases` starts at word `i` (its words separated by spaces or punctuation
/// on one line), the byte where the phrase ends.
fn phrase_at(
    text: &str,
    words: &[(usize, usize, String)],
    i: usize,
    phrases: &[&[&str]],
) -> Option<usize> {
    phrases.iter().find_map(|phrase| {
        let span = words.get(i..i + phrase.len())?;
        let same = span.iter().zip(phrase.iter()).all(|(w, p)| w.2 == *p);
        let one_line = span
            .windows(2)
            .all(|w| !text[w[0].1..w[1].0].contains('\n'));
        (same && one_line).then(|| span[span.len() - 1].1)
    })
}

/// The date right after a phrase ending at byte `end`, when only connecting words separate
/// them.
fn date_after(text: &str, end: usize, order: NumericOrder) -> Option<NaiveDate> {
    let rest = &text[end..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let mut window = if rest[..line_end].chars().any(char::is_alphanumeric) {
        &rest[..line_end]
    } else {
        // `Deadline:` alone on its line: the next non-blank line.
        let next = rest[line_end..].trim_start();
        &next[..next.find('\n').unwrap_or(next.len())]
    };
    if window.len() > WINDOW_BYTES {
        let mut cut = WINDOW_BYTES;
        while !window.is_char_boundary(cut) {
            cut -= 1;
        }
        window = &window[..cut];
    }
    let (pos, date) = find_date(window, order)?;
    connectors_only(&window[..pos]).then_some(date)
}

/// True when `gap` holds only connecting words (parenthesised text is skipped).
fn connectors_only(gap: &str) -> bool {
    let mut bare = String::with_capacity(gap.len());
    let mut depth = 0usize;
    for c in gap.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    // A sentence end between phrase and date: another sentence.
    if bare.contains(". ") {
        return false;
    }
    let words = words(&bare);
    words.len() <= MAX_CONNECTORS
        && words
            .iter()
            .all(|(s, e, folded)| is_connector(&bare[*s..*e], folded))
}

/// A word that may stand between a date phrase and its date: small grammatical words, the
/// words of `for applications` / `de dépôt des candidatures` / `para aplicar a esta vacante`,
/// weekdays, times (`23:59`, `11:59pm`) and time zones (`CET`, `GMT`).
pub fn is_connector(word: &str, folded: &str) -> bool {
    if folded.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    if word.len() <= 5 && word.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    matches!(
        folded,
        // English
        "is" | "are" | "was" | "on" | "the" | "of" | "at" | "by" | "before" | "for" | "to"
            | "all" | "application" | "applications" | "applying" | "apply" | "submission"
            | "submissions" | "submitting" | "receiving" | "receipt" | "this" | "vacancy"
            | "position" | "post" | "role" | "job" | "will" | "be" | "has" | "been"
            | "extended" | "set" | "date" | "midnight" | "noon" | "midday" | "time" | "local"
            | "hours"
            | "hrs" | "am" | "pm" | "h" | "central" | "eastern" | "pacific" | "standard"
            | "european" | "no" | "later" | "than" | "until" | "till" | "inclusive"
            | "and" | "cvs" | "cv" | "proposals" | "offers" | "offer" | "announcement"
            // French
            | "le" | "la" | "les" | "des" | "de" | "du" | "d" | "l" | "au" | "a" | "est"
            | "sont" | "fixee" | "fixe" | "depot" | "candidatures" | "candidature"
            | "dossiers" | "dossier" | "reception" | "soumission" | "offres" | "pour" | "ce"
            | "cette" | "poste" | "avant" | "jusqu" | "minuit" | "midi" | "heure" | "heures"
            | "locale" | "avis" | "vacance"
            // Spanish
            | "el" | "los" | "las" | "del" | "es" | "para" | "aplicar" | "postular"
            | "postularse" | "esta" | "este" | "vacante" | "puesto" | "convocatoria"
            | "aplicacion" | "solicitudes" | "solicitud" | "postulaciones" | "postulacion"
            | "envio" | "presentacion" | "propuestas" | "recepcion" | "hojas" | "vida"
            | "hasta" | "antes" | "medianoche" | "hora" | "horas" | "mediodia"
            // Weekdays
            | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday"
            | "sunday" | "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri"
            | "sat" | "sun" | "lundi" | "mardi" | "mercredi" | "jeudi" | "vendredi"
            | "samedi" | "dimanche" | "lunes" | "martes" | "miercoles" | "jueves" | "viernes"
            | "sabado" | "domingo"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closing(text: &str) -> Option<String> {
        stated_dates(text, NumericOrder::English)
            .closing
            .map(|d| d.to_string())
    }

    #[test]
    fn deadlines_in_sentences() {
        for (text, want) in [
            (
                "application deadline (February 2 2025 23:59 CET time)",
                "2025-02-02",
            ),
            (
                "Deadline for Applications is November 13, 2024.",
                "2024-11-13",
            ),
            (
                "Please note that deadline for application is on the 27th November 2024.",
                "2024-11-27",
            ),
            (
                "The application deadline is 11:59PM Central time on JANUARY 5, 2025.",
                "2025-01-05",
            ),
            ("Closing Date  4 Feb 2025", "2025-02-04"),
            ("DEADLINE  12 March 2025", "2025-03-12"),
            ("Date de clôture 28 février 2025 à 12H00", "2025-02-28"),
            (
                "Date limite de dépôt des candidatures Le 25 novembre 2024",
                "2024-11-25",
            ),
            (
                "La fecha límite para aplicar a esta vacante es el 19 de noviembre de 2024.",
                "2024-11-19",
            ),
            (
                "Fecha límite: domingo 17 de noviembre de 2024",
                "2024-11-17",
            ),
            ("Apply by 15 March 2025", "2025-03-15"),
            ("Posted 14 Jan 2025 Expires 30 Jan 2025", "2025-01-30"),
            ("Deadline:\n\nWednesday 27th November 2024", "2024-11-27"),
            (
                "Applications close at midday on 21 November 2024.",
                "2024-11-21",
            ),
            (
                "On-siteClosing date: November 19, 2024  Kathmandu",
                "2024-11-19",
            ),
            (
                "Deadline of Application: 20 November 2024Target Start Date",
                "2024-11-20",
            ),
        ] {
            assert_eq!(closing(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn prose_is_not_a_deadline() {
        for text in [
            "Ability to meet deadlines 24 November 2024",
            "The deadline for the report is 5 May 2025.",
            "remain on the list for 12 months from the closing date for applications, from which 2024",
            "Deadline. Interviews will take place on 3 March 2025.",
            "Expires 01 Jan 0001",
        ] {
            assert_eq!(closing(text), None, "{text}");
        }
    }

    #[test]
    fn board_posted_line() {
        let d = stated_dates(
            "Posted 14 Jan 2025\n\nExpires 30 Jan 2025",
            NumericOrder::English,
        );
        assert_eq!(
            d.published.map(|d| d.to_string()).as_deref(),
            Some("2025-01-14")
        );
        assert_eq!(
            d.closing.map(|d| d.to_string()).as_deref(),
            Some("2025-01-30")
        );
        // `posted` in prose is no publication date.
        let d = stated_dates(
            "will be posted in Geneva from 1 June 2025",
            NumericOrder::English,
        );
        assert_eq!(d.published, None);
        // The board's words count only at a line start or right after a date.
        let both = stated_dates(
            "Posted 14 Jan 2025 Expires 30 Jan 2025",
            NumericOrder::English,
        );
        assert_eq!(
            both.closing.map(|d| d.to_string()).as_deref(),
            Some("2025-01-30")
        );
        let prose = stated_dates(
            "The contract expires on 31 December 2025.",
            NumericOrder::English,
        );
        assert_eq!(prose.closing, None);
    }
}
