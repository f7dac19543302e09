//! From recognised label lines to [`Posting`] fields (shared by notices and feed records).
//!
//! For each field the first acceptable value wins, in the order the labels appear:
//! the first non-empty value for text fields, the first value that parses for grades and
//! dates (so `Deadline extended: Youth Officer` does not hide a later `Closing date:`).

use super::contract::{
    contract_for_grade_class, contract_in_title, leading_contract, parse_contract,
    reads_as_duration, stated_contract, stated_duration, ContractType,
};
use super::dates::{parse_date, NumericOrder};
use super::grade::{grade_in_title, grade_pattern_in_title, parse_grade};
use super::labels::{chained, Field, LabelLine};
use super::language::language_code;
use super::text::{fold, is_number_of_posts, is_placeholder, squash_spaces};
use super::Posting;

/// Longest text value kept for a field (characters); longer values are cut.
pub const MAX_VALUE_CHARS: usize = 200;

/// The label values found in a text, in order.
#[derive(Debug, Default)]
pub struct LabelValues<'a> {
    values: Vec<(Field, &'a str)>,
    /// A `Title and Grade:` style label was seen: its value may hold the grade.
    title_with_grade: Option<&'a str>,
}

impl<'a> LabelValues<'a> {
    /// Records a label line (and the label chained in its value, if any:
    /// `Position Number: Posting Date: 06-Nov-2024`).
    pub fn push(&mut self, mut line: LabelLine<'a>) {
        // A date label without colon has the whole line as value: stop when the inner
        // value does not get shorter.
        while let Some(inner) = chained(line.value) {
            if inner.value.len() >= line.value.len() {
                break;
            }
            line = inner;
        }
        if line.value.is_empty() {
            return;
        }
        if line.field == Field::Title && fold(line.label).contains("grad") {
            self.title_with_grade.get_or_insert(line.value);
        }
        self.values.push((line.field, line.value));
    }

    /// True when no recognised label was recorded.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Values of one field, in order.
    pub fn of(&self, field: Field) -> impl Iterator<Item = &'a str> + '_ {
        self.values
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, v)| *v)
    }

    /// The first value of `field` that is not a placeholder (`N/A`), cleaned (whitespace
    /// squashed, at most [`MAX_VALUE_CHARS`] characters).
    pub fn text(&self, field: Field) -> Option<String> {
        self.text_where(field, |_| true)
    }

    /// [`LabelValues::text`] of the first value that `keep` keeps too.
    pub fn text_where(&self, field: Field, keep: impl Fn(&str) -> bool) -> Option<String> {
        self.of(field)
            .find(|v| !is_placeholder(v) && keep(v))
            .map(clean_value)
    }

    /// The first value of a date field that parses as a date, read in `order`.
    pub fn date(&self, field: Field, order: NumericOrder) -> Option<chrono::NaiveDate> {
        self.of(field).find_map(|v| parse_date(v, order))
    }

    /// The first language value that names a language.
    pub fn language(&self) -> Option<&'static str> {
        self.of(Field::Language).find_map(language_code)
    }

    /// Fills `posting`'s fields from the labels, leaving fields already set untouched.
    /// `order` chooses the reading of ambiguous numeric dates.
    pub fn fill(&self, posting: &mut Posting, order: NumericOrder) {
        set_if_none(&mut posting.title, || self.text(Field::Title));
        set_if_none(&mut posting.organization, || self.text(Field::Organization));
        set_if_none(&mut posting.vacancy_number, || {
            self.text_where(Field::VacancyNumber, |v| !is_number_of_posts(v))
        });
        set_if_none(&mut posting.job_id, || {
            self.of(Field::JobId)
                .filter(|v| !is_placeholder(v))
                .find_map(first_token)
        });
        set_if_none(&mut posting.department, || self.text(Field::Department));
        set_if_none(&mut posting.unit, || {
            self.text(Field::Unit).or_else(|| self.text(Field::Section))
        });
        set_if_none(&mut posting.duty_station, || self.text(Field::DutyStation));
        set_if_none(&mut posting.contract_duration, || {
            self.of(Field::ContractDuration)
                .find(|v| reads_as_duration(v))
                .map(clean_value)
        });
        set_if_none(&mut posting.published, || {
            self.date(Field::Published, order)
        });
        set_if_none(&mut posting.closing, || self.date(Field::Closing, order));
        if posting.grade.is_none() {
            // A grade label, else a title label naming the grade (`Title and Grade:`), else
            // a grade written in a labelled title (`JOB TITLE:: Business Transformation
            // Officer (NOB)`; class words such as `Intern` are left to the board's title).
            let grade = self
                .of(Field::Grade)
                .find_map(parse_grade)
                .or_else(|| self.title_with_grade.and_then(grade_in_title))
                .or_else(|| self.of(Field::Title).find_map(grade_pattern_in_title));
            if let Some(g) = grade {
                posting.grade = Some(g.canonical);
                posting.grade_raw = Some(g.raw);
            }
        }
        if posting.contract_type.is_none() {
            // A contract label, else (or when the label's value names no known contract:
            // `Staff position`) a duration that names one (`Eighteen-month fixed term
            // appointment`, `Contrat à durée indéterminée`).
            let stated = posting
                .contract_duration
                .as_deref()
                .and_then(parse_contract)
                .filter(|c| c.is_known());
            // A label naming a known contract: the first, else the first whose value starts
            // with one (FAO's `Type of Requisition : PSA` after `Job Type: Non-staff
            // opportunities`); else the duration's; else the first label's value.
            let mut labelled = self.of(Field::ContractType).find_map(parse_contract);
            let known = if labelled.as_ref().is_some_and(ContractType::is_known) {
                labelled.take()
            } else {
                self.of(Field::ContractType).find_map(leading_contract)
            };
            if let Some(c) = known.or(stated).or(labelled) {
                posting.contract_type = Some(c.canonical.to_string());
                posting.contract_type_raw = Some(clean_value(&c.raw));
            }
        }
    }
}

/// Sets `slot` from `make` when it is empty.
fn set_if_none<T>(slot: &mut Option<T>, make: impl FnOnce() -> Option<T>) {
    if slot.is_none() {
        *slot = make();
    }
}

/// Whitespace squashed, cut to [`MAX_VALUE_CHARS`] characters.
pub fn clean_value(v: &str) -> String {
    let s = squash_spaces(v);
    match s.char_indices().nth(MAX_VALUE_CHARS) {
        Some((i, _)) => s[..i].trim_end().to_string(),
        None => s,
    }
}

/// The first word of an identifier value, trailing punctuation removed
/// (`492270 Work type: Regular` → `492270`).
/// A recruitment system's id in a label's value: its first word, or, when that word has no
/// digit, the first of its next two words that has one (`Requisition - 2024201577`, as a
/// Workday board writes it, is `2024201577`).
fn first_token(v: &str) -> Option<String> {
    let words: Vec<&str> = v
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', ';', '.', ':']))
        .filter(|w| !w.is_empty() && *w != "-")
        .take(3)
        .collect();
    let with_digit = words.iter().find(|w| w.bytes().any(|b| b.is_ascii_digit()));
    with_digit.or(words.first()).map(|w| (*w).to_string())
}

/// Completes the contract's duration when the text's labels gave none, from a sentence of
/// the body (`Appointment … is for an initial period of one year`, see [`stated_duration`]),
/// and the contract type when they gave none: the one the job title names beside the job
/// (`Order Entry Clerk (Individual Contractor)`, see [`contract_in_title`]), else the one a
/// sentence of the body states (`This is a temporary appointment for 6 months`, see
/// [`stated_contract`]), else the one a grade class implies (a consultant, intern or volunteer
/// grade, a service contract's level).
pub fn derive_contract(posting: &mut Posting) {
    if posting.contract_duration.is_none() {
        posting.contract_duration = stated_duration(&posting.body);
    }
    if posting.contract_type.is_some() {
        return;
    }
    let named = posting
        .title
        .as_deref()
        .and_then(contract_in_title)
        .or_else(|| stated_contract(&posting.body));
    if let Some(c) = named {
        posting.contract_type = Some(c.canonical.to_string());
        posting.contract_type_raw = Some(clean_value(&c.raw));
    } else if let Some(c) = posting.grade.as_deref().and_then(contract_for_grade_class) {
        posting.contract_type = Some(c.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::super::labels::parse_label_line;
    use super::*;

    fn values(lines: &[&'static str]) -> LabelValues<'static> {
        let mut v = LabelValues::default();
        for l in lines {
            if let Some(l) = parse_label_line(l) {
                v.push(l);
            }
        }
        v
    }

    #[test]
    fn first_parsable_value_wins() {
        let v = values(&[
            "Deadline extended: Youth Officer",
            "Closing date: 20 November 2024",
            "Grade: N/A",
            "Grade level: G-5",
            "Job no: 492270 Work type: Regular",
        ]);
        let mut p = Posting::default();
        v.fill(&mut p, NumericOrder::English);
        assert_eq!(p.closing.unwrap().to_string(), "2024-11-20");
        assert_eq!(p.grade.as_deref(), Some("G5"));
        assert_eq!(p.grade_raw.as_deref(), Some("G-5"));
        assert_eq!(p.job_id.as_deref(), Some("492270"));
    }

    /// A posting filled from `lines` alone.
    fn filled(lines: &[&'static str]) -> Posting {
        let mut p = Posting::default();
        values(lines).fill(&mut p, NumericOrder::English);
        p
    }

    #[test]
    fn a_number_of_posts_is_no_vacancy_number() {
        // WFP Madagascar's notice gives the number of posts under the label.
        let p = filled(&[
            "Vacancy Number: One",
            "Date of Publication: November 06, 2024",
        ]);
        assert_eq!(p.vacancy_number, None);
        // A reference after it, under another of the label's wordings, is taken.
        let p = filled(&["Vacancy Number: One (1)", "Vacancy No.: WFP/MDG/24/017"]);
        assert_eq!(p.vacancy_number.as_deref(), Some("WFP/MDG/24/017"));
        let p = filled(&["Vacancy Number: 24"]);
        assert_eq!(p.vacancy_number.as_deref(), Some("24"));
    }

    #[test]
    fn placeholders_are_no_values_and_a_known_contract_label_wins() {
        // FAO's non-staff notices.
        let p = filled(&[
            "Job Type: Non-staff opportunities",
            "Type of Requisition : PSA (Personal Services Agreement)",
            "Post Number : N/A",
            "Job ID: -",
            "Vacancy number: TBD",
        ]);
        assert_eq!(p.vacancy_number, None);
        assert_eq!(p.job_id, None);
        assert_eq!(p.contract_type.as_deref(), Some("consultancy"));
        assert_eq!(
            p.contract_type_raw.as_deref(),
            Some("PSA (Personal Services Agreement)")
        );
        // A contract named further on in prose does not outrank the first label.
        let p = filled(&[
            "Contract Type: National contract",
            "Contract: DRC will offer the successful applicant a Regular contract.",
        ]);
        assert_eq!(p.contract_type_raw.as_deref(), Some("National contract"));
    }

    #[test]
    fn a_section_is_the_unit_only_when_no_unit_is_named() {
        let v = values(&[
            "Division: International Data Centre Division",
            "Section: Capacity Building and Training Section",
            "Unit: Training and Outreach Unit",
        ]);
        let mut p = Posting::default();
        v.fill(&mut p, NumericOrder::English);
        assert_eq!(p.unit.as_deref(), Some("Training and Outreach Unit"));
        assert_eq!(
            p.department.as_deref(),
            Some("International Data Centre Division")
        );
        let v = values(&["Section: Capacity Building and Training Section"]);
        let mut p = Posting::default();
        v.fill(&mut p, NumericOrder::English);
        assert_eq!(
            p.unit.as_deref(),
            Some("Capacity Building and Training Section")
        );
    }

    #[test]
    fn a_job_id_is_the_first_word_with_a_digit() {
        assert_eq!(
            first_token("Requisition - 2024201577").as_deref(),
            Some("2024201577")
        );
        assert_eq!(first_token("492270 Work type").as_deref(), Some("492270"));
        assert_eq!(first_token("REQ-12, Geneva").as_deref(), Some("REQ-12"));
        // Without a digit in its first words, the first word.
        assert_eq!(first_token("ABCD efgh").as_deref(), Some("ABCD"));
        assert_eq!(first_token(" - ").as_deref(), None);
        let v = values(&["Job requisition id : Requisition - 2024201577"]);
        let mut p = Posting::default();
        v.fill(&mut p, NumericOrder::English);
        assert_eq!(p.job_id.as_deref(), Some("2024201577"));
    }

    #[test]
    fn preset_fields_win() {
        let v = values(&["Duty Station: Bonn, Germany", "Title: From label"]);
        let mut p = Posting {
            duty_station: Some("Bonn".into()),
            ..Posting::default()
        };
        v.fill(&mut p, NumericOrder::English);
        assert_eq!(p.duty_station.as_deref(), Some("Bonn"));
        assert_eq!(p.title.as_deref(), Some("From label"));
    }

    #[test]
    fn title_and_grade() {
        let v = values(&["Title and Grade: Intern, Clean Energy Scenarios"]);
        let mut p = Posting::default();
        v.fill(&mut p, NumericOrder::English);
        assert_eq!(p.title.as_deref(), Some("Intern, Clean Energy Scenarios"));
        assert_eq!(p.grade.as_deref(), Some("intern"));
        derive_contract(&mut p);
        assert_eq!(p.contract_type.as_deref(), Some("internship"));
    }

    #[test]
    fn a_contract_named_in_the_title_and_one_a_grade_implies() {
        // The title's (the World Bank's `Extended Term Consultant` has grade `EC3`, no class).
        let mut p = Posting {
            title: Some("Extended Term Consultant, HR Analyst, Washington".to_string()),
            grade: Some("EC3".to_string()),
            ..Posting::default()
        };
        derive_contract(&mut p);
        assert_eq!(p.contract_type.as_deref(), Some("consultancy"));
        assert_eq!(
            p.contract_type_raw.as_deref(),
            Some("Extended Term Consultant")
        );
        // The grade's, when the title names none.
        let mut p = Posting {
            title: Some("Monitoring Officer, Gaziantep".to_string()),
            grade: Some("NPSA8".to_string()),
            ..Posting::default()
        };
        derive_contract(&mut p);
        assert_eq!(p.contract_type.as_deref(), Some("service-contract"));
        assert_eq!(p.contract_type_raw, None);
        // One the text gave stays.
        let mut p = Posting {
            title: Some("Driver (Temporary Appointment), Juba".to_string()),
            contract_type: Some("fixed-term".to_string()),
            ..Posting::default()
        };
        derive_contract(&mut p);
        assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
        // A sentence stating the post's contract comes before the grade's.
        let mut p = Posting {
            title: Some("Programme Analyst, Kabul".to_string()),
            grade: Some("consultant".to_string()),
            body: "Special Notice\nThis is a temporary appointment for 6 months.".to_string(),
            ..Posting::default()
        };
        derive_contract(&mut p);
        assert_eq!(p.contract_type.as_deref(), Some("temporary"));
        assert_eq!(
            p.contract_type_raw.as_deref(),
            Some("temporary appointment")
        );
    }

    #[test]
    fn chained_label_in_value() {
        let v = values(&["Position Number: Posting Date: 06-Nov-2024"]);
        let mut p = Posting::default();
        v.fill(&mut p, NumericOrder::English);
        assert_eq!(p.vacancy_number, None);
        assert_eq!(p.published.unwrap().to_string(), "2024-11-06");
    }

    #[test]
    fn date_label_without_colon_does_not_loop() {
        let v = values(&["Apply Before 11/13/2024, 04:59 AM"]);
        let mut p = Posting::default();
        v.fill(&mut p, NumericOrder::English);
        assert_eq!(p.closing.unwrap().to_string(), "2024-11-13");
    }

    #[test]
    fn long_values_are_cut() {
        let long = "x".repeat(500);
        assert_eq!(clean_value(&long).chars().count(), MAX_VALUE_CHARS);
    }
}
