//! JSON Lines feed records (one JSON object per line).
//!
//! ```json
//! {"id": 1730981008228, "job_title": "...", "org": "...", "posting_date": "2024-11-07T12:03:28.000Z",
//!  "link": "https://...", "location": "Bonn", "country": "DEU", "job_desc": "...\n\nGrade: P-3\n\n..."}
//! ```
//!
//! Rules ([`parse_feed_record`]):
//! - `id` (number or non-empty string) is required; unknown keys are ignored; keys of an
//!   unexpected type (a number for `job_title`) count as absent;
//! - labelled fields are taken from `job_desc` lines; the whole description is scanned,
//!   first acceptable value per field wins;
//! - HTML entities (`&iacute;`, `&amp;`, `&#233;`) in the title, organisation, location and
//!   description are decoded before anything else reads them;
//! - labels are also found after a value on the same line (`Job ID: 12521 Department: ...`,
//!   see [`labels_in_line`]), and dates stated in sentences when no label gives them (see
//!   [`super::stated`]);
//! - explicit feed keys win over extracted values: `job_title` over `Title:`, `org` over
//!   `Organization:`, `location` over `Duty Station:`;
//! - `posting_date` is the date the board listed the posting (`listed`); `published` is the
//!   notice's own publication date (`Publication date:`, `Posted 14 Jan 2025`) when stated,
//!   else `listed`;
//! - the organisation gets its canonical value (see [`super::organization`]), the value as
//!   written kept in `organization_raw`;
//!   `country` is kept as given; `language`/`lang` wins over detection;
//! - when neither a grade label nor `Title and Grade:` gives a grade, the job title is
//!   searched for a known grade pattern or class word (`(P-2)`, `Intern`);
//! - the body is `job_desc`, trimmed.

use serde::Deserialize;
use serde_json::Value;

use super::contract::parse_contract;
use super::dates::{parse_date, NumericOrder};
use super::extract::{clean_value, derive_contract, LabelValues, MAX_VALUE_CHARS};
use super::failure::ParseFailure;
use super::grade::grade_in_title;
use super::html::html_to_text;
use super::labels::{bare_label, fits, labels_in_line, parse_label_line, Field};
use super::language::{detect_language, language_code};
use super::organization::normalize_organization;
use super::repair::repair;
use super::stated::stated_dates_wanted;
use super::text::{decode_entities, fold};
use super::Posting;

/// The keys read from a record. Values are kept as JSON so that a key of an unexpected type
/// does not reject the whole record.
#[derive(Debug, Deserialize)]
struct Record {
    id: Option<Value>,
    job_title: Option<Value>,
    org: Option<Value>,
    posting_date: Option<Value>,
    link: Option<Value>,
    location: Option<Value>,
    country: Option<Value>,
    job_desc: Option<Value>,
    language: Option<Value>,
    lang: Option<Value>,
}

/// A trimmed non-empty string value.
fn string(v: &Option<Value>) -> Option<&str> {
    match v {
        Some(Value::String(s)) => Some(s.trim()).filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// A trimmed non-empty string value: HTML entities decoded, HTML markup turned into lines
/// (see [`html_to_text`]), mangled characters mended (see [`repair`]).
fn text(v: &Option<Value>) -> Option<String> {
    string(v)
        .map(|raw| {
            let decoded = decode_entities(raw);
            let lines = html_to_text(&decoded);
            repair(&lines).trim().to_string()
        })
        .filter(|s| !s.is_empty())
}

/// Describes a serde_json error by its column (records are single lines).
fn json_failure(e: &serde_json::Error) -> ParseFailure {
    let full = e.to_string();
    let what = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    ParseFailure::new(format!("not valid JSON: {what} at column {}", e.column()))
}

/// Parses one feed line into a posting.
pub fn parse_feed_record(line: &str) -> Result<Posting, ParseFailure> {
    let trimmed = line.trim_start_matches('\u{feff}').trim();
    if !trimmed.starts_with('{') {
        return Err(
            match serde_json::from_str::<serde::de::IgnoredAny>(trimmed) {
                Ok(_) => ParseFailure::new("record is not a JSON object"),
                Err(e) => json_failure(&e),
            },
        );
    }
    let record: Record = serde_json::from_str(trimmed).map_err(|e| json_failure(&e))?;

    let id = match &record.id {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => return Err(ParseFailure::new("record has no id")),
    };
    let desc = text(&record.job_desc).unwrap_or_default();
    let desc = desc.as_str();

    let mut labels = LabelValues::default();
    let lines: Vec<&str> = desc.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        let mut found = labels_in_line(l);
        // A label alone on its line, without colon (`Contract Duration`): its value must
        // read as one of its field.
        let bare = found.is_empty();
        if bare {
            found.extend(bare_label(l));
        }
        let last = found.len().saturating_sub(1);
        for (k, mut label_line) in found.into_iter().enumerate() {
            if label_line.value.is_empty() && k == last {
                // Boards often put the value in the next paragraph: `Deadline:\n\n04-12-2024`.
                // A bare label's value is checked, so it may be as long as any value.
                let longest = if bare {
                    MAX_VALUE_CHARS
                } else {
                    MAX_NEXT_LINE_CHARS
                };
                if let Some(next) = next_value_line(&lines[i + 1..], longest)
                    .filter(|next| !bare || fits(label_line.field, next))
                {
                    label_line.value = next;
                }
            }
            labels.push(label_line);
        }
    }

    let mut posting = Posting {
        id,
        title: text(&record.job_title).as_deref().map(clean_value),
        organization: text(&record.org)
            .filter(|org| !is_timestamp_note(org))
            .as_deref()
            .map(clean_value),
        link: string(&record.link).map(str::to_string),
        duty_station: text(&record.location).as_deref().map(clean_value),
        country: string(&record.country).map(str::to_string),
        body: desc.to_string(),
        ..Posting::default()
    };
    posting.language = match string(&record.language)
        .or(string(&record.lang))
        .and_then(language_code)
    {
        Some(code) => code.to_string(),
        None => detect_language(posting.title.as_deref().unwrap_or(""), desc),
    };
    let order = NumericOrder::for_language(&posting.language);
    posting.listed = string(&record.posting_date).and_then(|d| parse_date(d, order));
    let order = agreeing_order(&labels, NumericOrder::shown_in(desc, order), posting.listed);
    labels.fill(&mut posting, order);
    // Dates stated in sentences or board lines (`Posted 14 Jan 2025 Expires 30 Jan 2025`)
    // when no label gave them; the notice's own publication date wins over the listing's.
    let stated = stated_dates_wanted(
        desc,
        order,
        posting.published.or(posting.listed),
        posting.published.is_none(),
        posting.closing.is_none(),
    );
    posting.closing = posting.closing.or(stated.closing);
    posting.published = posting.published.or(stated.published).or(posting.listed);
    normalize_organization(&mut posting);
    if posting.grade.is_none() {
        // The board's title, else the notice's own heading, which boards often shorten
        // (`Health Officer, NO-B, Fixed-Term, Kassala, Sudan` listed as `Health Officer,
        // Kassala, Sudan`).
        let grade = posting.title.as_deref().and_then(|title| {
            grade_in_title(title).or_else(|| heading_of(desc, title).and_then(grade_in_title))
        });
        if let Some(g) = grade {
            posting.grade = Some(g.canonical);
            posting.grade_raw = Some(g.raw);
        }
    }
    if posting.vacancy_number.is_none() {
        // A reference written before the title on the notice's first line (IOM's
        // `VN-US97-2024-088 Operations Focal Point (Field Support, Airport)`).
        posting.vacancy_number = posting
            .title
            .as_deref()
            .and_then(|title| reference_before_title(desc, title))
            .map(str::to_string);
    }
    derive_contract(&mut posting);
    Ok(posting)
}

/// The reading of ambiguous numeric dates that agrees with the board's listing date: when
/// the stated publication date reads differently in the two orders (`11/05/2024`), the
/// reading on or before the listing date and closest to it wins (a notice is published
/// before a board lists it). Without such a publication date, when the labelled closing
/// date reads differently, the other reading wins only if it alone falls from a month
/// before the listing date to a year after it (`Deadline for Applications: 04/12/2024` in an
/// English notice listed on 7 November 2024 is 4 December, not 12 April).
fn agreeing_order(
    labels: &LabelValues<'_>,
    order: NumericOrder,
    listed: Option<chrono::NaiveDate>,
) -> NumericOrder {
    let other = match order {
        NumericOrder::English => NumericOrder::DayFirst,
        NumericOrder::DayFirst => NumericOrder::English,
    };
    let Some(listed) = listed else {
        return order;
    };
    let (Some(a), Some(b)) = (
        labels.date(Field::Published, order),
        labels.date(Field::Published, other),
    ) else {
        let plausible = |d: chrono::NaiveDate| (-31..=366).contains(&(d - listed).num_days());
        return match (
            labels.date(Field::Closing, order),
            labels.date(Field::Closing, other),
        ) {
            (Some(a), Some(b)) if !plausible(a) && plausible(b) => other,
            _ => order,
        };
    };
    let distance = |d: chrono::NaiveDate| {
        let days = (listed - d).num_days();
        if days >= -1 {
            days
        } else {
            i64::MAX
        }
    };
    if distance(b) < distance(a) {
        other
    } else {
        order
    }
}

/// Longest line taken as the value of the label line above it.
const MAX_NEXT_LINE_CHARS: usize = 80;

/// The first non-blank line among `rest`, when it has at most `longest` characters and is
/// not itself a label line.
fn next_value_line<'a>(rest: &[&'a str], longest: usize) -> Option<&'a str> {
    let line = rest.iter().map(|l| l.trim()).find(|l| !l.is_empty())?;
    (line.chars().count() <= longest && parse_label_line(line).is_none()).then_some(line)
}

/// The first line of `desc` when it is the notice's own heading for `title`: at most
/// 200 characters, starting with the title's first part (before its first
/// comma; any case and accents), or with a short lead ending in `:` or `-` before it
/// (`Readvertisement: Regional Adviser Gender, P5`, or `Avis de vacance de poste -
/// Chauffeur(e)s, Grade GS2` for `Chauffeur(e)s, Conakry`), or with a lead whose last part
/// (after its last `:` or `-`, or the whole lead) names the appointment type
/// (`Readvertisement: Temporary Appointment Risk and Compliance Specialist, P-3`). A sentence
/// that names the title (`The Administrative Assistant reports to the Liaison Officer (P-4).`)
/// is no heading.
fn heading_of<'a>(desc: &'a str, title: &str) -> Option<&'a str> {
    const MAX_HEADING_CHARS: usize = 200;
    const MAX_LEAD_BYTES: usize = 60;
    let line = first_line(desc)?;
    let first_part = title_first_part(title)?;
    if line.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    let folded = heading_folded(line);
    let lead = folded[..folded.find(&first_part)?].trim_end();
    (lead.is_empty()
        || (lead.len() <= MAX_LEAD_BYTES
            && (lead.ends_with([':', '-', '–']) || names_an_appointment(lead))))
    .then_some(line)
}

/// The reference that begins the first line of `desc` when the rest of that line is the
/// notice's heading for `title` (it starts with the title's first part, any case and
/// accents): `VN-US97-2024-088 Operations Focal Point` or `EC-CO-013/24 Plan Nacional PMM`.
/// A reference is one word of ASCII capitals, digits and separators with at least two
/// separators (`-`, `/`) and three digits, so a title's own first word (`COVID-19 Project
/// Assistant`) is none.
fn reference_before_title<'a>(desc: &'a str, title: &str) -> Option<&'a str> {
    let (reference, rest) = first_line(desc)?.split_once(char::is_whitespace)?;
    let first_part = title_first_part(title)?;
    let count = |test: fn(&u8) -> bool| reference.bytes().filter(test).count();
    let is_reference = reference.len() <= 40
        && reference
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"-/._".contains(&b))
        && count(|b| b.is_ascii_uppercase()) >= 2
        && count(|b| b.is_ascii_digit()) >= 3
        && count(|b| b"-/".contains(b)) >= 2;
    (is_reference && heading_folded(rest.trim()).starts_with(&first_part)).then_some(reference)
}

/// A heading folded to compare with a title's first part, its commas left out: boards drop
/// them from the title's parentheses (`Education Specialist (Access Quality and Skills)` for
/// the heading's `(Access, Quality, and Skills)`), and the first part has none.
fn heading_folded(heading: &str) -> String {
    fold(heading).replace(',', "")
}

/// The first non-blank line of `desc`, trimmed.
fn first_line(desc: &str) -> Option<&str> {
    desc.lines().map(str::trim).find(|l| !l.is_empty())
}

/// A board title's first part (before its first comma), folded, when it has at least three
/// characters: what a notice's heading begins with.
fn title_first_part(title: &str) -> Option<String> {
    let first_part = fold(title.split(',').next()?.trim());
    (first_part.chars().count() >= 3).then_some(first_part)
}

/// Whether the last part of a heading's lead (after its last `:` or `-`, or the whole lead)
/// is an appointment type of at most three words (`Temporary Appointment`, `Fixed-Term`).
fn names_an_appointment(lead: &str) -> bool {
    const MAX_WORDS: usize = 3;
    let last = lead.rsplit([':', '–']).next().unwrap_or(lead);
    // A hyphen inside the type (`Fixed-Term`) is no separator: split on ` - ` only.
    let last = last.rsplit(" - ").next().unwrap_or(last).trim();
    !last.is_empty()
        && last.split_whitespace().count() <= MAX_WORDS
        && parse_contract(last).is_some_and(|c| c.is_known())
}

/// Some boards put a last-update note where the organisation belongs
/// (`Updated: 2024-11-07T04:46:57Z`): that is no organisation.
fn is_timestamp_note(org: &str) -> bool {
    let org = org.trim();
    org.strip_prefix("Updated:")
        .is_some_and(|rest| rest.trim().starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ambiguous_deadline_reads_the_way_that_follows_the_listing() {
        let closing = |date: &str, listed: &str| {
            let desc = format!("About us\n\nDeadline for Applications:\n\n{date} (midnight)");
            let line = serde_json::json!({"id": 8, "job_title": "Analyst", "job_desc": desc,
                "posting_date": listed, "language": "en"});
            parse_feed_record(&line.to_string())
                .unwrap()
                .closing
                .map(|d| d.to_string())
        };
        // Month first, as English notices write slashes, unless only day first is plausible.
        assert_eq!(
            closing("04/12/2024", "2024-11-07").as_deref(),
            Some("2024-12-04")
        );
        assert_eq!(
            closing("12/04/2024", "2024-11-07").as_deref(),
            Some("2024-12-04")
        );
        // Both plausible: the language's order.
        assert_eq!(
            closing("12/01/2024", "2024-11-07").as_deref(),
            Some("2024-12-01")
        );
        // Neither plausible: the language's order too.
        assert_eq!(
            closing("03/04/2020", "2024-11-07").as_deref(),
            Some("2020-03-04")
        );
    }

    /// The posting of a record with only a board title and a description.
    fn titled(title: &str, desc: &str) -> Posting {
        let line = serde_json::json!({"id": 7, "job_title": title, "job_desc": desc});
        parse_feed_record(&line.to_string()).unwrap()
    }

    #[test]
    fn a_grade_in_the_notice_heading_counts_when_the_board_title_lost_it() {
        let grade = |title: &str, desc: &str| titled(title, desc).grade;
        assert_eq!(
            grade(
                "Health Officer, Kassala, Sudan",
                "Health Officer, NO-B, Fixed-Term, Kassala, Sudan, #81685\n\nJob no: 576986"
            )
            .as_deref(),
            Some("NOB")
        );
        assert_eq!(
            grade(
                "Chauffeur(e)s, Conakry, Guinea",
                "Avis de vacance de poste - Chauffeur(e)s - Grade GS2 fixed term"
            )
            .as_deref(),
            Some("G2")
        );
        // A first line that is not the notice's heading, or prose, gives none.
        assert_eq!(
            grade(
                "Administrative Assistant, Arauca",
                "The Administrative Assistant reports to the Liaison Officer (P-4).",
            ),
            None
        );
        assert_eq!(
            grade(
                "Regional Adviser Gender, Kathmandu",
                "Readvertisement: Regional Adviser Gender, P5, Fixed Term"
            )
            .as_deref(),
            Some("P5")
        );
        assert_eq!(
            grade(
                "Risk and Compliance Specialist, Geneva, Switzerland",
                "Readvertisement: Temporary Appointment Risk and Compliance Specialist, P-3"
            )
            .as_deref(),
            Some("P3")
        );
        assert_eq!(
            grade(
                "Data Officer, Juba",
                "Fixed-Term Data Officer, NO-B, Juba, South Sudan"
            )
            .as_deref(),
            Some("NOB")
        );
        // The board dropped the commas inside the title's parentheses.
        assert_eq!(
            grade(
                "Education Specialist (Access Quality and Skills), Hawassa, Awasa, Ethiopia",
                "Education Specialist (Access, Quality, and Skills), NO-C, Hawassa, SNNPR"
            )
            .as_deref(),
            Some("NOC")
        );
        // A lead of words that name no appointment type is no heading's.
        assert_eq!(
            grade(
                "Data Officer, Juba",
                "We are hiring a temporary Data Officer, NO-B, for Juba"
            ),
            None
        );
        assert_eq!(
            grade(
                "Field Assistant, Arauca",
                "About us\n\nThe Field Assistant reports to the Head of Office (P-4)."
            ),
            None
        );
    }

    #[test]
    fn a_reference_before_the_title_on_the_first_line_is_the_vacancy_number() {
        let number = |title: &str, desc: &str| titled(title, desc).vacancy_number;
        assert_eq!(
            number(
                "Operations Focal Point (Field Support, Airport), New York",
                "VN-US97-2024-088 Operations Focal Point (Field Support, Airport)\n\nNew York"
            )
            .as_deref(),
            Some("VN-US97-2024-088")
        );
        assert_eq!(
            number(
                "Plan Nacional PMM, Quito, Ecuador",
                "EC-CO-013/24 Plan Nacional PMM\n\nQuito"
            )
            .as_deref(),
            Some("EC-CO-013/24")
        );
        // A labelled vacancy number wins.
        assert_eq!(
            number(
                "Plan Nacional PMM, Quito, Ecuador",
                "EC-CO-013/24 Plan Nacional PMM\n\nVacancy Number: CFA/2024/77"
            )
            .as_deref(),
            Some("CFA/2024/77")
        );
        // A title's own first word, a line that is not the heading, a code with no title.
        for (title, desc) in [
            (
                "Project Assistant, Juba",
                "COVID-19 Project Assistant\n\nJuba",
            ),
            ("Field Officer, Juba", "VN-SS-2024-011 Driver\n\nJuba"),
            ("Field Officer, Juba", "VN-SS-2024-011\n\nField Officer"),
            ("Field Officer, Juba", "2024-11-06 Field Officer\n\nJuba"),
        ] {
            assert_eq!(number(title, desc), None, "{desc}");
        }
    }

    #[test]
    fn a_label_alone_takes_its_value_from_the_next_paragraph() {
        let line = r#"{"id": 6, "job_title": "Analyst", "job_desc": "Application Deadline:\n\n04-12-2024\n\nGrade:\n\nP-3\n\nDeadline for Applications:\n\nDuty Station: Rome"}"#;
        let posting = parse_feed_record(line).unwrap();
        assert_eq!(
            posting.closing,
            chrono::NaiveDate::from_ymd_opt(2024, 12, 4)
        );
        assert_eq!(posting.grade.as_deref(), Some("P3"));
    }

    #[test]
    fn ambiguous_numeric_dates_agree_with_the_listing_date() {
        let line = r#"{"id": 8, "lang": "es", "posting_date": "2024-11-07T10:00:00Z", "job_desc": "Posting Date 11/05/2024, 08:49 PM\nApply Before 11/12/2024, 05:59 AM"}"#;
        let p = parse_feed_record(line).unwrap();
        assert_eq!(p.published, chrono::NaiveDate::from_ymd_opt(2024, 11, 5));
        assert_eq!(p.closing, chrono::NaiveDate::from_ymd_opt(2024, 11, 12));
        assert_eq!(p.listed, chrono::NaiveDate::from_ymd_opt(2024, 11, 7));
    }

    #[test]
    fn update_notes_are_not_organisations() {
        let line = r#"{"id": 5, "job_title": "Supply Officer", "org": "Updated: 2024-11-07T04:46:57Z", "job_desc": "Grade: P-2"}"#;
        let posting = parse_feed_record(line).unwrap();
        assert_eq!(posting.organization, None);
        assert!(is_timestamp_note(" Updated: 2024-11-07"));
        assert!(!is_timestamp_note("Updated Org"));
    }

    #[test]
    fn full_record() {
        let line = r#"{"id": 17, "job_title": "Programme Officer (P-3), Bonn, Germany", "org": "Org A",
            "posting_date": "2024-11-07T12:03:28.000Z", "link": "https://example.org/17",
            "location": "Bonn", "country": "DEU", "is_un": true,
            "job_desc": "Intro\n\nDuty Station: Bonn, Germany\n\nClosing Date: 11/20/2024 (MM/DD/YYYY)\n\nContract type: Fixed Term\n\nThe Office works on climate policy and the officer will support the team with analysis and reporting."}"#;
        let p = parse_feed_record(line).unwrap();
        assert_eq!(p.id, "17");
        assert_eq!(p.grade.as_deref(), Some("P3"));
        assert_eq!(p.duty_station.as_deref(), Some("Bonn"));
        assert_eq!(p.country.as_deref(), Some("DEU"));
        assert_eq!(p.published.unwrap().to_string(), "2024-11-07");
        assert_eq!(p.closing.unwrap().to_string(), "2024-11-20");
        assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
        assert_eq!(p.language, "en");
    }

    #[test]
    fn string_id_and_explicit_language() {
        let p = parse_feed_record(r#"{"id": " ab-1 ", "lang": "fr", "job_desc": "Grade: G-5"}"#)
            .unwrap();
        assert_eq!((p.id.as_str(), p.language.as_str()), ("ab-1", "fr"));
        assert_eq!(p.grade.as_deref(), Some("G5"));
    }

    #[test]
    fn failures() {
        let r = |l: &str| parse_feed_record(l).unwrap_err().reason;
        assert_eq!(r(r#"{"job_title": "x"}"#), "record has no id");
        assert_eq!(r(r#"{"id": "", "job_title": "x"}"#), "record has no id");
        assert_eq!(r(r#"{"id": null}"#), "record has no id");
        assert_eq!(
            r("garbage line"),
            "not valid JSON: expected value at column 1"
        );
        assert_eq!(r("[1, 2]"), "record is not a JSON object");
        assert!(r(r#"{"id": 1,"#).starts_with("not valid JSON: EOF while parsing"));
    }

    #[test]
    fn wrong_types_count_as_absent() {
        let p = parse_feed_record(r#"{"id": 5, "job_title": 12, "country": null}"#).unwrap();
        assert_eq!((p.title, p.country), (None, None));
    }
}
