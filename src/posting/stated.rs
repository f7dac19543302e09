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
//! The first phrase of each kind with a date wins. A consultancy's schedule of work due
//! (`first draft of the report - Deadline: 20th November`) states the work's deadlines, not
//! the applications': those are passed over (see `WORK_DUE_WORDS`).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use chrono::NaiveDate;

use super::dates::{find_date, find_day_month, year_for, NumericOrder};
use super::text::{fold, fold_char, word_spans};

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
    &["last", "date", "of", "application"],
    &["last", "date", "for", "application"],
    &["last", "date", "for", "applications"],
    &["last", "day", "for", "applying"],
    &["last", "day", "to", "apply"],
    &["final", "date", "for", "application"],
    &["final", "date", "for", "applications"],
    &["posting", "end", "date"],
    &["left", "to", "apply"],
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
    &["issuance", "date"],
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

/// The words of a text with their folded forms held in one buffer: one allocation for a
/// whole body instead of one per word.
pub(super) struct FoldedWords<'a> {
    /// The whole text the words lie in.
    pub(super) text: &'a str,
    /// Byte start and end of each word in `text`, and the end of its folded form in
    /// `folded` (each form starts where the previous one ends).
    spans: Vec<(usize, usize, usize)>,
    folded: String,
}

impl<'a> FoldedWords<'a> {
    /// The words of `text[from..to]`, placed in `text`.
    pub(super) fn new(text: &'a str, from: usize, to: usize) -> Self {
        let spans = word_spans(&text[from..to]);
        let mut folded = String::with_capacity(to - from);
        let spans = spans
            .into_iter()
            .map(|(s, e)| {
                for c in text[from + s..from + e].chars() {
                    fold_char(c, &mut folded);
                }
                (from + s, from + e, folded.len())
            })
            .collect();
        FoldedWords {
            text,
            spans,
            folded,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Byte start of word `i` in the text.
    pub(super) fn start(&self, i: usize) -> usize {
        self.spans[i].0
    }

    /// Byte end of word `i` in the text.
    pub(super) fn end(&self, i: usize) -> usize {
        self.spans[i].1
    }

    /// The folded form of word `i`.
    pub(super) fn folded(&self, i: usize) -> &str {
        let from = if i == 0 { 0 } else { self.spans[i - 1].2 };
        &self.folded[from..self.spans[i].2]
    }
}

/// Whether `word` (folded) is the first word of one of `phrases`.
fn starts_a_phrase(word: &str, phrases: &[&[&str]]) -> bool {
    phrases.iter().any(|phrase| phrase[0] == word)
}

/// Finds the stated publication and closing dates of `text` (see the module documentation).
pub fn stated_dates(text: &str, order: NumericOrder) -> StatedDates {
    stated_dates_wanted(text, order, None, true, true)
}

/// [`stated_dates`] looking only for the kinds of date asked for (`published`, `closing`):
/// the same answer for those, and nothing for the others, at less cost when a label gave
/// one already. With a `reference` day (when the notice was published or listed), a closing
/// date may be written without its year (`Closing Date: 20th November`), and a sentence
/// about applying may state it (`applications should reach us no later than 27 November
/// 2024`; the crate's `posting::apply_by` module says how).
pub fn stated_dates_wanted(
    text: &str,
    order: NumericOrder,
    reference: Option<NaiveDate>,
    published: bool,
    closing: bool,
) -> StatedDates {
    let mut found = StatedDates::default();
    if !published && !closing {
        return found;
    }
    let mut wanted = [closing, published];
    // A deadline stated by a sentence about applying, used only when no phrase gives one.
    let mut applying = None;
    // Whether a schedule of work due was seen (see [`WORK_DUE_WORDS`]).
    let mut schedule = false;
    // A phrase lies on one line, and so does the part of a sentence about applying that
    // leads to its date: only the lines that may hold a phrase's first word or a word about
    // applying are split into words.
    for (from, to, holds) in lines_holding(text) {
        let read_applying = holds.applying && wanted[0] && applying.is_none();
        if !holds.first_word && !read_applying {
            continue;
        }
        let words = FoldedWords::new(text, from, to);
        if read_applying {
            applying = super::apply_by::deadline_in_line(&words, order, reference);
        }
        if !holds.first_word {
            continue;
        }
        for i in 0..words.len() {
            if !wanted[0] && !wanted[1] {
                return found;
            }
            let word = words.folded(i);
            for (k, (phrases, slot)) in [
                (CLOSING_PHRASES, &mut found.closing),
                (PUBLISHED_PHRASES, &mut found.published),
            ]
            .into_iter()
            .enumerate()
            {
                if !wanted[k] || !starts_a_phrase(word, phrases) {
                    continue;
                }
                if !board_word_in_place(&words, i) {
                    continue;
                }
                if let Some(end) = phrase_at(&words, i, phrases) {
                    // A deadline of the work's schedule, not of the applications: after a
                    // piece of work due on its line, or anywhere but at the start of a line
                    // once such a schedule began.
                    if k == 0
                        && !holds.applying
                        && ((schedule && i > 0) || names_work_due(&words, i))
                    {
                        schedule = true;
                        continue;
                    }
                    let reference = if k == 0 { reference } else { None };
                    *slot = date_after(text, end, order, reference);
                    wanted[k] = slot.is_none();
                }
            }
        }
    }
    if wanted[0] {
        found.closing = applying;
    }
    found
}

/// Words (folded) naming a piece of work due: a consultancy's schedule (`“Pink” (first) draft
/// of proposal technical narrative - Deadline: 20th November`). A deadline phrase after one
/// of them on a line with no word about applying is the work's deadline, and so is every
/// later one that does not start its line (`Revisions to the final proposal. Deadline: 2nd
/// December`).
const WORK_DUE_WORDS: &[&str] = &[
    "deliverable",
    "deliverables",
    "draft",
    "drafts",
    "milestone",
    "milestones",
    "livrable",
    "livrables",
    "entregable",
    "entregables",
    "borrador",
];

/// Whether a word before word `i` of its line names a piece of work due.
fn names_work_due(words: &FoldedWords<'_>, i: usize) -> bool {
    (0..i).any(|j| WORK_DUE_WORDS.contains(&words.folded(j)))
}

/// What a line may hold (see [`lines_holding`]).
#[derive(Debug, Clone, Copy, Default)]
struct Holds {
    /// A word that is the first word of a phrase.
    first_word: bool,
    /// A word that begins as a word about applying does ([`super::apply_by::STEMS`]).
    applying: bool,
}

/// The first words of every phrase (each once), then the beginnings of the words about
/// applying, found in any case; with how many patterns are of the first kind.
static LINE_WORDS: LazyLock<(AhoCorasick, usize)> = LazyLock::new(|| {
    let firsts: BTreeSet<&str> = CLOSING_PHRASES
        .iter()
        .chain(PUBLISHED_PHRASES)
        .map(|phrase| phrase[0])
        .collect();
    let count = firsts.len();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(
            firsts
                .into_iter()
                .chain(super::apply_by::STEMS.iter().copied()),
        )
        .expect("a few short words make an automaton");
    (automaton, count)
});

/// The byte ranges of the lines of `text`, in order, that may hold a phrase's first word
/// (a whole word: `final` is not in `finally`) or a word beginning as a word about
/// applying does, with which of the two. Words begin and end as [`word_spans`] splits them
/// (`2024Closing` holds `Closing`). An ASCII line is searched in any case; a line with other
/// characters (`Délai`, `PUBLIÉ`, `•`) is folded first, character by character as its words
/// would be, and anywhere in it counts.
fn lines_holding(text: &str) -> impl Iterator<Item = (usize, usize, Holds)> + '_ {
    let (words, firsts) = (&LINE_WORDS.0, LINE_WORDS.1);
    let mut from = 0;
    let mut folded = String::new();
    std::iter::from_fn(move || {
        while from < text.len() {
            let start = from;
            let end =
                memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |n| start + n);
            from = end + 1;
            let line = &text[start..end];
            let mut holds = Holds::default();
            // A line with characters outside ASCII is searched folded, where any place counts.
            let ascii = line.is_ascii();
            let searched = if ascii {
                line
            } else {
                folded.clear();
                for c in line.chars() {
                    fold_char(c, &mut folded);
                }
                folded.as_str()
            };
            // Most lines hold none: the automaton's quick test first.
            if !words.is_match(searched) {
                continue;
            }
            let bytes = searched.as_bytes();
            for m in words.find_overlapping_iter(searched) {
                let first = m.pattern().as_usize() < firsts;
                let at_word = !ascii
                    || (starts_word(bytes, m.start()) && (!first || ends_word(bytes, m.end())));
                holds.first_word |= first && at_word;
                holds.applying |= !first && at_word;
            }
            if holds.first_word || holds.applying {
                return Some((start, end, holds));
            }
        }
        None
    })
}

/// Whether an ASCII word starts at byte `at` of `line`, as [`word_spans`] splits words.
fn starts_word(line: &[u8], at: usize) -> bool {
    let Some(&prev) = at.checked_sub(1).map(|p| &line[p]) else {
        return true;
    };
    !prev.is_ascii_alphanumeric()
        || (line[at].is_ascii_uppercase() && (prev.is_ascii_lowercase() || prev.is_ascii_digit()))
}

/// Whether an ASCII word ends at byte `at` of `line`, as [`word_spans`] splits words.
fn ends_word(line: &[u8], at: usize) -> bool {
    at == line.len() || starts_word(line, at) || !line[at].is_ascii_alphanumeric()
}

/// Words that announce a date only in a job board's own lines (`Posted 14 Jan 2025`,
/// `Expires 30 Jan 2025`), not in prose (`the contract expires on 31 December 2025`).
const BOARD_WORDS: &[&str] = &["posted", "expires"];

/// False when word `i` is a [`BOARD_WORDS`] word that neither starts its line nor follows a
/// date's year (`Posted 14 Jan 2025 Expires 30 Jan 2025`).
fn board_word_in_place(words: &FoldedWords<'_>, i: usize) -> bool {
    if !BOARD_WORDS.contains(&words.folded(i)) {
        return true;
    }
    let text = words.text;
    let line_start = text[..words.start(i)].rfind('\n').map_or(0, |n| n + 1);
    let starts_line = text[line_start..words.start(i)].trim().is_empty();
    let after_year = i > 0 && {
        let prev = words.folded(i - 1);
        words.start(i - 1) >= line_start
            && prev.len() == 4
            && prev.bytes().all(|b| b.is_ascii_digit())
    };
    starts_line || after_year
}

/// When one of `phrases` starts at word `i` (its words separated by spaces or punctuation
/// on one line), the byte where the phrase ends.
pub(super) fn phrase_at(words: &FoldedWords<'_>, i: usize, phrases: &[&[&str]]) -> Option<usize> {
    phrases.iter().find_map(|phrase| {
        let last = i + phrase.len() - 1;
        if last >= words.len() {
            return None;
        }
        let same = phrase
            .iter()
            .enumerate()
            .all(|(k, p)| words.folded(i + k) == *p);
        let one_line =
            same && (i..last).all(|k| !words.text[words.end(k)..words.start(k + 1)].contains('\n'));
        one_line.then(|| words.end(last))
    })
}

/// The date right after a phrase ending at byte `end`, when only connecting words separate
/// them. With a `reference` day (when the notice was published or listed), a day and month
/// without a year count too (`Closing Date: 20th November`), in the year
/// [`super::dates::year_for`] gives.
pub(super) fn date_after(
    text: &str,
    end: usize,
    order: NumericOrder,
    reference: Option<NaiveDate>,
) -> Option<NaiveDate> {
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
    let full = find_date(window, order);
    // A day without its year can only come first when the full date does not.
    let short = reference.filter(|_| full.is_none_or(|(pos, _)| pos > 0));
    let short = short.and_then(|reference| {
        let (pos, month, day) = find_day_month(window)?;
        Some((pos, year_for(month, day, reference)?))
    });
    let (pos, date) = match (full, short) {
        (Some(full), Some(short)) if short.0 < full.0 => short,
        (Some(full), _) => full,
        (None, short) => short?,
    };
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
    // A sentence end between phrase and date: another sentence (`p.m. on` is not one).
    if ends_a_sentence(&bare) {
        return false;
    }
    let words = words(&bare);
    words.len() <= MAX_CONNECTORS
        && words
            .iter()
            .all(|(s, e, folded)| is_connector(&bare[*s..*e], folded))
}

/// Whether `text` holds a sentence end: a full stop, then spaces, then a capital.
fn ends_a_sentence(text: &str) -> bool {
    text.match_indices(". ").any(|(at, _)| {
        text[at + 1..]
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    })
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
            | "submit" | "submitted" | "accepted" | "received" | "due" | "close" | "closes"
            | "closed" | "closing" | "eod" | "cob" | "p" | "m" | "latest" | "or" | "should"
            | "must" | "reach" | "us" | "normally" | "end" | "day"
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

    /// The closing date stated in `text` of a notice listed on 7 November 2024.
    fn closing_listed_2024_11_07(text: &str) -> Option<String> {
        let listed = NaiveDate::from_ymd_opt(2024, 11, 7);
        stated_dates_wanted(text, NumericOrder::English, listed, false, true)
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
            // Lines with characters outside ASCII: an accented, capitalised first word, a
            // bullet, a first word after curly quotes and a long dash.
            ("DÉLAI DE CANDIDATURE : 3 décembre 2024", "2024-12-03"),
            ("• Deadline: 5 May 2025", "2025-05-05"),
            // `p.m. on` ends no sentence; new phrases and connectors.
            (
                "The deadline to submit is 11:59 p.m. on November 13, 2024.",
                "2024-11-13",
            ),
            ("Last Date of Application: November 20, 2024", "2024-11-20"),
            (
                "Last day for applying is Wednesday, November 20th,2024",
                "2024-11-20",
            ),
            ("Final date for application: 27/11/2024", "2024-11-27"),
            ("Posting End Date: 20/11/2024", "2024-11-20"),
            (
                "time left to apply : End Date: November 18, 2024 (10 days left to apply)",
                "2024-11-18",
            ),
            (
                "Issuance Date: 11/06/2024Closing date: 12/05/2024Closing Time: 3:00 PM ET",
                "2024-12-05",
            ),
            (
                "Note – see “How to apply”\nDeadline — 6 May 2025",
                "2025-05-06",
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
    fn a_schedule_of_work_due_is_not_the_application_deadline() {
        let closing = closing_listed_2024_11_07;
        let schedule = "#Deliverable / Deadline\n\n\
            1 \u{201c}Pink\u{201d} (first) draft of the narrative. - Deadline: 20th November\n\n\
            2 Final draft of the narrative. Deadline: 28th November\n\n\
            3 Revisions to the final proposal as per comments. Deadline: 2nd December\n";
        assert_eq!(closing(schedule), None);
        // The notice's own deadline after the schedule, starting its line or about applying.
        assert_eq!(
            closing(&format!("{schedule}\nDeadline: 15 November 2024")).as_deref(),
            Some("2024-11-15")
        );
        assert_eq!(
            closing(&format!(
                "{schedule}\nPlease send your application. Deadline: 16 November 2024"
            ))
            .as_deref(),
            Some("2024-11-16")
        );
        // Without a schedule, a deadline after other words on its line is read as before.
        assert_eq!(
            closing("Apply now on our website. Deadline: 20th November").as_deref(),
            Some("2024-11-20")
        );
        assert_eq!(
            closing("Position: Analyst. Deadline: 20 November 2024").as_deref(),
            Some("2024-11-20")
        );
    }

    #[test]
    fn a_deadline_without_its_year_takes_the_reference_year() {
        let closing = closing_listed_2024_11_07;
        for (text, want) in [
            (
                "Closing Date: Wednesday 20th November at 23.59 pm UK",
                "2024-11-20",
            ),
            (
                "The deadline for application is 20th November.",
                "2024-11-20",
            ),
            (
                "APPLICATIONS CLOSE Sunday 1 December 23:59 AEST.",
                "2024-12-01",
            ),
            ("Date limite : 10 janvier", "2025-01-10"),
            // A full date after it still wins when it comes first.
            ("Deadline: 3 December 2024", "2024-12-03"),
        ] {
            assert_eq!(closing(text).as_deref(), Some(want), "{text}");
        }
        // Without a reference day, a day without its year is no date.
        assert_eq!(
            stated_dates("Closing Date: 20th November", NumericOrder::English).closing,
            None
        );
        // Prose after the phrase is still prose.
        assert_eq!(closing("Ability to meet deadlines by 20 November"), None);
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

    #[test]
    fn only_the_kinds_asked_for() {
        let text = "Posted 14 Jan 2025\n\nExpires 30 Jan 2025";
        let both = stated_dates(text, NumericOrder::English);
        let closing = stated_dates_wanted(text, NumericOrder::English, None, false, true);
        assert_eq!(closing.closing, both.closing);
        assert_eq!(closing.published, None);
        let published = stated_dates_wanted(text, NumericOrder::English, None, true, false);
        assert_eq!(published.published, both.published);
        assert_eq!(published.closing, None);
        assert_eq!(
            stated_dates_wanted(text, NumericOrder::English, None, false, false),
            StatedDates::default()
        );
    }
}
