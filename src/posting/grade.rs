//! Grades and levels → a canonical form.
//!
//! | written                                   | canonical                  |
//! |-------------------------------------------|----------------------------|
//! | `P-2`, `P 2`, `P2`                        | `P2` (P1..P7)              |
//! | `D-1`                                     | `D1` (D1, D2)              |
//! | `G-5`, `GS-5`, `GS5`                      | `G5` (G1..G7)              |
//! | `NO-B`, `NOB`, `NO B`                     | `NOB` (NOA..NOE)           |
//! | `ASG`, `USG`                              | `ASG`, `USG`               |
//! | `ICS-10`, `SB-4`, `LICA 9`, `SC L4`...    | `ICS10`, `SB4`, `LICA9`... |
//! | Consultant, Consultancy, Consultor(a)...  | `consultant`               |
//! | Intern(ship), Stagiaire, Stage, Pasante   | `intern`                   |
//! | UN Volunteer, Volontaire, Voluntario      | `volunteer`                |
//!
//! A value with none of these (`EC3`, `PL2`, `Senior Executive Officer (SEO)`) keeps a cleaned
//! uppercase form when it is short and reads as a code (at most 12 characters and 2 words,
//! with a digit or without lower-case letters; spaces and dashes removed: `EC3`), else the
//! short acronym in parentheses (`SEO`), else nothing: a word such as `Remuneration` in the
//! grade's place is the next heading of a notice that left its grade out.
//! Placeholders (`N/A`, `No grade`, `TBD`, `-`) give nothing.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{fold, squash_spaces};

/// A grade: canonical form and the value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    /// Canonical form (`P2`, `G5`, `NOB`, `ICS10`, `consultant`...).
    pub canonical: String,
    /// The value as written, whitespace squashed.
    pub raw: String,
}

static KNOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?:
            (?P<sl>USG|ASG)
          | (?P<p>[PD])[-\x20]?(?P<pn>[1-7])
          | GS?[-\x20]?(?P<gn>[1-7])
          | NO[-\x20]?(?P<no>[A-E])
          | (?P<sc>ICS|IICA|LICA|NPSA|IPSA|SB|SC|FS|NOA|PSA)[-\x20]?(?:(?i:l(?:evel)?)[-\x20]?)?(?P<scn>\d{1,2})
        )\b",
    )
    .unwrap()
});

/// Looks for a known grade pattern (not a class word) in `upper` (already uppercase).
fn known_pattern(upper: &str) -> Option<String> {
    for c in KNOWN.captures_iter(upper) {
        if let Some(m) = c.name("sl") {
            return Some(m.as_str().to_string());
        }
        if let (Some(p), Some(n)) = (c.name("p"), c.name("pn")) {
            if p.as_str() == "D" && !matches!(n.as_str(), "1" | "2") {
                continue;
            }
            return Some(format!("{}{}", p.as_str(), n.as_str()));
        }
        if let Some(n) = c.name("gn") {
            return Some(format!("G{}", n.as_str()));
        }
        if let Some(l) = c.name("no") {
            return Some(format!("NO{}", l.as_str()));
        }
        if let (Some(s), Some(n)) = (c.name("sc"), c.name("scn")) {
            return Some(format!("{}{}", s.as_str(), n.as_str()));
        }
    }
    None
}

/// The grade class named by a word in the value (`consultant`, `intern`, `volunteer`).
fn class_word(folded: &str) -> Option<&'static str> {
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        let class = match word {
            "consultant" | "consultants" | "consultancy" | "consultante" | "consultor"
            | "consultora" | "consultoria" | "consultance" => "consultant",
            "intern" | "interns" | "internship" | "internships" | "stagiaire" | "stage"
            | "pasante" | "pasantia" | "trainee" | "trainees" => "intern",
            "volunteer" | "volunteers" | "volontaire" | "volontaires" | "voluntario"
            | "voluntaria" | "unv" => "volunteer",
            _ => continue,
        };
        return Some(class);
    }
    None
}

/// A placeholder (see [`super::text::is_placeholder`]) or a grade's own words for none.
fn is_placeholder(folded: &str) -> bool {
    super::text::is_placeholder(folded)
        || matches!(
            folded.trim_matches(|c: char| !c.is_alphanumeric()),
            "no grade" | "ungraded" | "unclassified"
        )
}

/// Whether a value outside the known scales reads as a grade's code rather than a word: it
/// has a digit (`EC3`, `PL 2`, `FS02`), or it is a short code written without lower-case
/// letters (`GF`, `S`). A word in a label's place (`Remuneration`, `Senior`, `Level`) is
/// what a notice shows when the grade itself is missing, often the next heading.
fn looks_like_code(raw: &str) -> bool {
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    raw.chars().any(|c| c.is_numeric()) || (letters <= 5 && !raw.chars().any(char::is_lowercase))
}

/// The cleaned form of a code outside the known scales (`upper` already uppercase): spaces
/// and dashes removed (`EC 3` → `EC3`), a grade word repeated before it left out (WTO's
/// `Grade 9` → `9`), and a range of two numbers or of two levels of one scale kept as one
/// (CERN's `6-7`, not `67`; ESA's `L2 - L4`, `L2-L4`).
fn code_form(upper: &str) -> String {
    let mut words = upper.split_whitespace().peekable();
    let repeated = ["GRADE", "GRADO", "LEVEL", "NIVEAU", "NIVEL"];
    if words.peek().is_some_and(|w| repeated.contains(w)) {
        words.next();
    }
    let rest: String = words.collect::<Vec<_>>().join(" ");
    if let Some((a, b)) = rest.split_once('-') {
        let (a, b) = (a.trim(), b.trim());
        let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        // Two levels of one scale (ESA's `L2 - L4`): the same letters, each with a number.
        let letters = |s: &str| s.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
        let level = |s: &str| {
            let l = letters(s);
            l.len() < s.len() && !l.is_empty() && l.chars().all(|c| c.is_ascii_alphabetic())
        };
        if (number(a) && number(b)) || (level(a) && level(b) && letters(a) == letters(b)) {
            return format!("{a}-{b}");
        }
    }
    rest.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Parses the value of a grade label (`P-2`, `GS-5`, `NO-B`, `Internship`...).
/// Returns `None` for placeholders and garbage.
pub fn parse_grade(value: &str) -> Option<Grade> {
    let raw = squash_spaces(value);
    let folded = fold(&raw);
    if raw.is_empty() || is_placeholder(&folded) {
        return None;
    }
    let upper = raw.to_uppercase();
    if let Some(c) = known_pattern(&upper) {
        return Some(Grade { canonical: c, raw });
    }
    if let Some(c) = class_word(&folded) {
        return Some(Grade {
            canonical: c.to_string(),
            raw,
        });
    }
    // A dash between spaces joins two levels (`L2 - L4`); it is no word.
    let words = raw.split_whitespace().filter(|w| *w != "-").count();
    if raw.chars().count() <= 12
        && words <= 2
        && raw
            .chars()
            .all(|c| c.is_alphanumeric() || " -.".contains(c))
        && looks_like_code(&raw)
    {
        let canonical = code_form(&upper);
        if !canonical.is_empty() {
            return Some(Grade { canonical, raw });
        }
    }
    // `Senior Executive Officer (SEO)`: the short acronym in parentheses.
    if let (Some(open), Some(close)) = (raw.rfind('('), raw.rfind(')')) {
        if open < close {
            let inner = &raw[open + 1..close];
            if (2..=6).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Some(Grade {
                    canonical: inner.to_ascii_uppercase(),
                    raw,
                });
            }
        }
    }
    None
}

/// True for a canonical grade of a known scale or class (`P2`, `G5`, `NOB`, `SB4`,
/// `consultant`...), false for a value kept in its cleaned written form (`EC3`, `SEO`).
#[must_use]
pub fn is_known_grade(canonical: &str) -> bool {
    matches!(canonical, "consultant" | "intern" | "volunteer")
        || known_pattern(canonical).as_deref() == Some(canonical)
}

/// Looks for a grade in a job title (`Associate Officer (P-2)`, `Finance Intern, Gambella`).
/// Only the known patterns and class words count, never the uppercase fallback.
pub fn grade_in_title(title: &str) -> Option<Grade> {
    grade_pattern_in_title(title).or_else(|| {
        Some(Grade {
            canonical: class_word(&fold(title))?.to_string(),
            raw: squash_spaces(title),
        })
    })
}

/// Looks for a grade pattern in a job title (`Business Transformation Officer (NOB)`), not
/// the class words [`grade_in_title`] also reads (`Intern`, `Consultant`): what a title label
/// in the text adds to the board's own title, which gives those first.
pub fn grade_pattern_in_title(title: &str) -> Option<Grade> {
    Some(Grade {
        canonical: known_pattern(&title.to_uppercase())?,
        raw: squash_spaces(title),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> Option<String> {
        parse_grade(s).map(|g| g.canonical)
    }

    #[test]
    fn professional_and_general_service() {
        for s in ["P-2", "P 2", "P2", "p2", "P-2 (Professional)"] {
            assert_eq!(canon(s).as_deref(), Some("P2"), "{s}");
        }
        for s in ["G-5", "GS-5", "GS5", "G5", "Grade 5 (G5)"] {
            assert_eq!(canon(s).as_deref(), Some("G5"), "{s}");
        }
        assert_eq!(canon("D-1").as_deref(), Some("D1"));
        assert_eq!(canon("D2").as_deref(), Some("D2"));
        assert_eq!(canon("ASG").as_deref(), Some("ASG"));
        assert_eq!(canon("USG").as_deref(), Some("USG"));
    }

    #[test]
    fn national_officers() {
        for s in ["NO-B", "NOB", "NO B", "nob"] {
            assert_eq!(canon(s).as_deref(), Some("NOB"), "{s}");
        }
        assert_eq!(canon("NO-C").as_deref(), Some("NOC"));
    }

    #[test]
    fn service_contract_levels() {
        assert_eq!(canon("ICS-10").as_deref(), Some("ICS10"));
        assert_eq!(canon("SB-4").as_deref(), Some("SB4"));
        // WFP writes a service contract's level with an L (`SC L4`).
        assert_eq!(canon("SC L4").as_deref(), Some("SC4"));
        assert_eq!(canon("SC Level 6").as_deref(), Some("SC6"));
        assert_eq!(canon("LICA-9").as_deref(), Some("LICA9"));
        assert_eq!(canon("NPSA 9").as_deref(), Some("NPSA9"));
        assert_eq!(canon("ICS-9 / IICA-1 / LICA-9").as_deref(), Some("ICS9"));
    }

    #[test]
    fn classes() {
        assert_eq!(canon("Consultant").as_deref(), Some("consultant"));
        assert_eq!(canon("Consultancy").as_deref(), Some("consultant"));
        assert_eq!(canon("Internship").as_deref(), Some("intern"));
        assert_eq!(canon("Stagiaire").as_deref(), Some("intern"));
        assert_eq!(canon("Pasante").as_deref(), Some("intern"));
        assert_eq!(canon("UN Volunteer").as_deref(), Some("volunteer"));
        assert_eq!(
            canon("Volontaire des Nations Unies").as_deref(),
            Some("volunteer")
        );
        assert_eq!(canon("Voluntario").as_deref(), Some("volunteer"));
    }

    #[test]
    fn unknown_and_garbage() {
        assert_eq!(canon("EC3").as_deref(), Some("EC3"));
        assert_eq!(canon("pl 2").as_deref(), Some("PL2"));
        assert_eq!(
            canon("Senior Executive Officer (SEO)").as_deref(),
            Some("SEO")
        );
        assert_eq!(canon("N/A"), None);
        assert_eq!(canon("No grade"), None);
        assert_eq!(canon(""), None);
        assert_eq!(canon("12 Matric Certificate. edM9hY8 XdNMt"), None);
        // Short codes without a digit are kept when written as codes...
        assert_eq!(canon("GF").as_deref(), Some("GF"));
        assert_eq!(canon("S").as_deref(), Some("S"));
        // ...but a word standing where the grade is missing (the next heading) is not one.
        assert_eq!(canon("Remuneration"), None);
        assert_eq!(canon("Senior"), None);
        assert_eq!(canon("Duty Station"), None);
        assert_eq!(canon("REMUNERATION"), None);
        // Outside the P1..P7 range: kept as a cleaned unknown grade.
        assert_eq!(canon("P-9").as_deref(), Some("P9"));
        // A range of two numbers stays one (CERN), a grade word before the code goes (WTO).
        assert_eq!(canon("6-7").as_deref(), Some("6-7"));
        // Two levels of one scale too (ESA's `Grade Band: L2 - L4`), not levels of two.
        assert_eq!(canon("L2 - L4").as_deref(), Some("L2-L4"));
        assert_eq!(canon("A2-A4").as_deref(), Some("A2-A4"));
        assert_eq!(canon("FS-5").as_deref(), Some("FS5"));
        assert_eq!(canon("L2-B4").as_deref(), Some("L2B4"));
        assert_eq!(canon("Grade 9").as_deref(), Some("9"));
        assert_eq!(canon("4B").as_deref(), Some("4B"));
    }

    #[test]
    fn keeps_raw() {
        let g = parse_grade("  P-2 ").unwrap();
        assert_eq!((g.canonical.as_str(), g.raw.as_str()), ("P2", "P-2"));
    }

    #[test]
    fn from_titles() {
        let t = |s: &str| grade_in_title(s).map(|g| g.canonical);
        assert_eq!(
            t("Associate Capacity Building Officer (P-2)").as_deref(),
            Some("P2")
        );
        assert_eq!(
            t("Finance Intern, Gambella, Ethiopia").as_deref(),
            Some("intern")
        );
        assert_eq!(t("Youth Officer, NO-B (FT)").as_deref(), Some("NOB"));
        assert_eq!(t("Accounts Officer, Houghton, United States"), None);
        assert_eq!(t("Director, Budget"), None);
        // Patterns only: class words are the board title's.
        let p = |s: &str| grade_pattern_in_title(s).map(|g| g.canonical);
        assert_eq!(
            p("Business Transformation Officer (NOB)").as_deref(),
            Some("NOB")
        );
        assert_eq!(p("Finance Intern"), None);
        assert_eq!(p("Director, Budget"), None);
    }
}
