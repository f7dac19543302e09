//! Plain-text vacancy notices: a header of `Label: value` lines, then prose.
//!
//! ```text
//! Grade: P2
//! No. du poste: ALG/DC/P/2025/02
//! Date de publication:14 mai 2025
//! ...
//! Selon l'Article 4.2 (e) du Statut du personnel, ...
//! ```
//!
//! Rules ([`parse_notice`]):
//! - a UTF-8 byte-order mark is dropped; CRLF and LF line ends are both fine;
//! - the header is the leading run of label lines (see [`super::labels`]); blank lines and
//!   stray punctuation lines (`;,`) may sit among them. Label lines whose label is not
//!   recognised are allowed inside the run, but the header ends after the last recognised
//!   one, so an unrecognised `Note: ...` right after the header stays in the body;
//! - the body is everything after the header, with punctuation-only lines dropped, runs of
//!   blank lines collapsed to one (paragraph breaks kept) and lines right-trimmed;
//! - id: the `Job ID` value, else the file stem;
//! - title: the title label, else [`infer_title`] from the body's introduction;
//! - a line may hold several labels (`Job ID: 12521 Department: RO-Asia ...`, see
//!   [`labels_in_line`]); dates stated in sentences fill what no label gave (see
//!   [`super::stated`]);
//! - organisation: the label, else [`organization_from_acronyms`]; then its canonical
//!   value (see [`super::organization`]), the value as written kept in `organization_raw`;
//! - language: a `Langue:`/`Language:`/`Idioma:` label naming a language, else detected;
//! - a notice without any recognised label is a [`ParseFailure`].

use std::sync::LazyLock;

use regex::Regex;

use super::dates::NumericOrder;
use super::extract::{derive_contract, LabelValues};
use super::failure::ParseFailure;
use super::labels::{labels_in_line, split_label};
use super::language::detect_language;
use super::organization::normalize_organization;
use super::repair::repair;
use super::stated::stated_dates_wanted;
use super::text::{is_punctuation_only, join_lines};
use super::Posting;

/// The reason given for a notice without any recognisable label.
pub const NO_FIELD_REASON: &str =
    "no recognisable vacancy field (expected labels such as Grade:, Job ID:, Lieu d'affectation:)";

/// Unrecognised label lines allowed in the header run have labels of at most this many words.
const MAX_UNKNOWN_LABEL_WORDS: usize = 6;

/// How much of the body (bytes) is searched for an introductory title sentence.
const TITLE_SEARCH_BYTES: usize = 8_000;

/// Parses a plain-text notice. `file_stem` is the id used when the notice has no Job ID.
pub fn parse_notice(text: &str, file_stem: &str) -> Result<Posting, ParseFailure> {
    // Mangled characters mended first (byte-order marks go with the invisible characters).
    let repaired = repair(text);
    let text = repaired.as_ref();
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();

    let mut labels = LabelValues::default();
    let mut header_end = 0;
    for (i, line) in lines.iter().enumerate() {
        if is_punctuation_only(line) {
            continue;
        }
        let found = labels_in_line(line);
        if !found.is_empty() {
            for l in found {
                labels.push(l);
            }
            header_end = i + 1;
            continue;
        }
        match split_label(line) {
            Some((label, value))
                if !value.is_empty()
                    && label.split_whitespace().count() <= MAX_UNKNOWN_LABEL_WORDS => {}
            _ => break,
        }
    }
    if labels.is_empty() {
        return Err(ParseFailure::new(NO_FIELD_REASON));
    }

    let body = clean_body(&lines[header_end..]);
    let mut posting = Posting {
        id: String::new(),
        body,
        ..Posting::default()
    };
    posting.title = labels.text(super::labels::Field::Title);
    if posting.title.is_none() {
        posting.title = infer_title(&posting.body);
    }
    posting.language = match labels.language() {
        Some(code) => code.to_string(),
        None => detect_language(posting.title.as_deref().unwrap_or(""), &posting.body),
    };
    let order = NumericOrder::shown_in(text, NumericOrder::for_language(&posting.language));
    labels.fill(&mut posting, order);
    if posting.organization.is_none() {
        posting.organization = organization_from_acronyms(&posting.body).map(str::to_string);
    }
    normalize_organization(&mut posting);
    if posting.closing.is_none() || posting.published.is_none() {
        let stated = stated_dates_wanted(
            text,
            order,
            posting.published,
            posting.published.is_none(),
            posting.closing.is_none(),
        );
        posting.closing = posting.closing.or(stated.closing);
        posting.published = posting.published.or(stated.published);
    }
    derive_contract(&mut posting);
    posting.id = match &posting.job_id {
        Some(id) => id.clone(),
        None => file_stem.to_string(),
    };
    Ok(posting)
}

/// Joins body lines: punctuation-only lines dropped, blank-line runs collapsed, trimmed.
fn clean_body(lines: &[&str]) -> String {
    join_lines(lines.iter().copied(), is_punctuation_only)
}

static TITLE_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?:
            (?:cherche|souhaite|envisage)\s+[àa]\s+recruter | recrute
          | (?:is|are)\s+(?:currently\s+)?(?:seeking|looking\s+for|recruiting|hiring)
          | (?:busca|requiere\s+contratar|desea\s+contratar|est[áa]\s+buscando|necesita\s+contratar)
        )
        \s+
        (?:(?:un\(e\)|une?|un/une|un\(a\)|un/a|una|an?|one|the|des|a)\s+)?
        (?P<title>[^\n]{3,400})",
    )
    .unwrap()
});

/// Phrases that end an inferred title (folded to lowercase for matching).
const TITLE_STOPS: &[&str] = &[
    " dans le cadre",
    " pour ",
    " afin ",
    " qui ",
    " basé",
    " base a ",
    " in the framework",
    " within ",
    " to ",
    " who ",
    " for its ",
    " for the ",
    " based in ",
    " en el marco",
    " para ",
    " que ",
    " quien",
    " con sede",
];

/// Infers a title from the introduction when no title label exists.
///
/// Rule: the first sentence of the form FR `cherche à recruter un(e) X` / `recrute un X`,
/// EN `is seeking a/an X` / `is looking for a X` / `is recruiting a X`, ES `busca un/a X` /
/// `requiere contratar un(a) X`, within the first 8 000 bytes of the body. X runs to the
/// first `,` `.` `;` `:` or one of the phrases that start a complement (`dans le cadre`,
/// `pour`, `in the framework`, `to`, `who`, `en el marco`, `para`...). The result must have
/// 3 to 150 characters; its first letter is uppercased.
pub fn infer_title(body: &str) -> Option<String> {
    let mut end = body.len().min(TITLE_SEARCH_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let caps = TITLE_INTRO.captures(&body[..end])?;
    let mut title = caps.name("title")?.as_str();
    if let Some(i) = title.find([',', '.', ';', ':']) {
        title = &title[..i];
    }
    let lower = title.to_lowercase();
    // Byte offsets agree between `title` and `lower` only for case-stable text; find the
    // stop in `lower` then cut `title` at the same char count.
    let cut_chars = TITLE_STOPS
        .iter()
        .filter_map(|stop| lower.find(stop))
        .min()
        .map(|byte| lower[..byte].chars().count());
    if let Some(n) = cut_chars {
        title = match title.char_indices().nth(n) {
            Some((i, _)) => &title[..i],
            None => title,
        };
    }
    let title = title.trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\\');
    let len = title.chars().count();
    if !(3..=150).contains(&len) {
        return None;
    }
    let mut chars = title.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Known acronyms (as whole uppercase words) → organisation. Kept modest on purpose.
const ACRONYMS: &[(&str, &str)] = &[
    ("ILO", "ILO"),
    ("BIT", "ILO"),
    ("OIT", "ILO"),
    ("UNDP", "UNDP"),
    ("PNUD", "UNDP"),
    ("UNICEF", "UNICEF"),
    ("UNHCR", "UNHCR"),
    ("ACNUR", "UNHCR"),
    ("FAO", "FAO"),
    ("WHO", "WHO"),
    ("OMS", "WHO"),
    ("UNESCO", "UNESCO"),
    ("IOM", "IOM"),
    ("OIM", "IOM"),
    ("WFP", "WFP"),
    ("UNFPA", "UNFPA"),
    ("UNOPS", "UNOPS"),
];

/// How much of the text (bytes) is scanned for acronyms.
const ACRONYM_SEARCH_BYTES: usize = 6_000;

/// The organisation whose acronym occurs most often (ties: the earliest) in the first
/// 6 000 bytes of `text`: `BIT`, `OIT`, `ILO` → `ILO`; `PNUD`, `UNDP` → `UNDP`...
pub fn organization_from_acronyms(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(ACRONYM_SEARCH_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // (organisation, count, first position)
    let mut seen: Vec<(&'static str, usize, usize)> = Vec::new();
    for (pos, word) in
        text[..end]
            .split(|c: char| !c.is_alphanumeric())
            .scan(0usize, |offset, w| {
                let here = *offset;
                *offset += w.len() + 1;
                Some((here, w))
            })
    {
        if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_uppercase()) {
            continue;
        }
        if let Some(&(_, org)) = ACRONYMS.iter().find(|(a, _)| *a == word) {
            match seen.iter_mut().find(|(o, _, _)| *o == org) {
                Some(entry) => entry.1 += 1,
                None => seen.push((org, 1, pos)),
            }
        }
    }
    seen.into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(org, _, _)| org)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infers_french_title() {
        let body = "Le Bureau de l'OIT pour la région (BP-X) cherche à recruter un(e) Chargé(e) \
                    de programme en emploi des jeunes dans le cadre du projet \"Avenir\", financé par l'UE.";
        assert_eq!(
            infer_title(body).as_deref(),
            Some("Chargé(e) de programme en emploi des jeunes")
        );
    }

    #[test]
    fn infers_english_and_spanish_titles() {
        assert_eq!(
            infer_title("The Office is seeking a programme analyst to support the team.")
                .as_deref(),
            Some("Programme analyst")
        );
        assert_eq!(
            infer_title("UNICEF is looking for an Education Specialist, based in Dakar.")
                .as_deref(),
            Some("Education Specialist")
        );
        assert_eq!(
            infer_title("La oficina busca un/a Asistente de proyecto para apoyar al equipo.")
                .as_deref(),
            Some("Asistente de proyecto")
        );
        assert_eq!(
            infer_title(
                "La OIT requiere contratar un(a) Oficial de Programa en el marco del proyecto."
            )
            .as_deref(),
            Some("Oficial de Programa")
        );
    }

    #[test]
    fn no_intro_no_title() {
        assert_eq!(infer_title("Duties and responsibilities follow."), None);
    }

    #[test]
    fn acronyms() {
        assert_eq!(
            organization_from_acronyms("le BIT invite... l'OIT est... (UNDP)"),
            Some("ILO")
        );
        assert_eq!(organization_from_acronyms("who knows"), None);
        assert_eq!(organization_from_acronyms("PNUD Bolivia"), Some("UNDP"));
    }

    #[test]
    fn body_cleaning() {
        let lines = ["Intro", ";,", "", "", "- point", "   ", "End  "];
        assert_eq!(clean_body(&lines), "Intro\n\n- point\n\nEnd");
    }

    #[test]
    fn minimal_notice() {
        let p = parse_notice("\u{feff}Grade: P3\r\nJob ID: 77\r\n\r\nText.", "stem").unwrap();
        assert_eq!(p.id, "77");
        assert_eq!(p.grade.as_deref(), Some("P3"));
        assert_eq!(p.body, "Text.");
    }

    #[test]
    fn no_field_is_a_failure() {
        let err = parse_notice("Just some prose.\nNothing else.", "x").unwrap_err();
        assert_eq!(err.reason, NO_FIELD_REASON);
    }
}
