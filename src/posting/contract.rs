//! Contract types → a small canonical vocabulary.
//!
//! | canonical     | recognised wording (case and accents ignored)                            |
//! |---------------|---------------------------------------------------------------------------|
//! | `fixed-term`  | durée déterminée (or déterminé), fixed term, FTA, FT, JPO, plazo fijo,   |
//! |               | término fijo                                                              |
//! | `temporary`   | temporary (appointment), TA, TMP, temporaire, temporal                   |
//! | `short-term`  | short term, STA, court terme, corto plazo                                 |
//! | `consultancy` | consultant, consultancy, IC, ICA, SSA, PSA, LICA, IICA, consultoría,     |
//! |               | contrat de collaboration extérieure, external collaboration contract     |
//! | `internship`  | intern(ship), stage, stagiaire, pasantía, pasante, trainee               |
//! | `volunteer`   | volunteer, UNV, volontaire, voluntario                                    |
//! | `service-contract` | service contract (SC), NPSA, IPSA, personnel service agreement, SB  |
//! | `permanent`   | permanent, continuing, indefinite, regular, durée indéterminée, CDI,     |
//! |               | indefinido, indeterminado                                                 |
//! | `other`       | anything else that is not empty (a schedule alone, `Full-time`, is none) |
//!
//! Phrases match whole words. Rules are tried in the table's order (short-term, fixed-term,
//! temporary, permanent, internship, volunteer, consultancy, service-contract) and the first
//! rule with a phrase in the value wins: `Fixed-term (temporary funding)` is `fixed-term`.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::month_number;
use super::text::fold;

/// A contract type: canonical form and the value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractType {
    /// Canonical form (`fixed-term`, `temporary`, ...).
    pub canonical: &'static str,
    /// The value as written, trimmed.
    pub raw: String,
}

impl ContractType {
    /// Whether the value names one of the known contract types (not `other`).
    pub fn is_known(&self) -> bool {
        self.canonical != "other"
    }
}

/// (canonical, phrases). Phrases are folded and matched on word boundaries.
const RULES: &[(&str, &[&str])] = &[
    (
        "short-term",
        &[
            "short term",
            "sta",
            "court terme",
            "corto plazo",
            "courte duree",
        ],
    ),
    (
        "fixed-term",
        &[
            "fixed term",
            "fta",
            "ft",
            "jpo",
            "junior professional officer",
            "associate expert",
            "termino fijo",
            "duree determinee",
            "duree determine",
            "duree definie",
            "plazo fijo",
            "tiempo determinado",
            "duracion determinada",
            "definite",
            "cdd",
        ],
    ),
    (
        "temporary",
        &[
            "temporary",
            "temporaire",
            "temporal",
            "ta",
            "tmp",
            "temporary appointment",
        ],
    ),
    (
        "permanent",
        &[
            "permanent",
            "continuing",
            "indefinite",
            "open ended",
            "duree indeterminee",
            "duree indetermine",
            "indeterminado",
            "indeterminada",
            "regular",
            "indefini",
            "indefinido",
            "indefinida",
            "cdi",
        ],
    ),
    (
        "internship",
        &[
            "intern",
            "internship",
            "stage",
            "stagiaire",
            "pasantia",
            "pasante",
            "trainee",
            "traineeship",
        ],
    ),
    (
        "volunteer",
        &[
            "volunteer",
            "unv",
            "volontaire",
            "voluntario",
            "voluntariado",
            "volunteer assignment",
        ],
    ),
    (
        "consultancy",
        &[
            "consultant",
            "consultants",
            "cons",
            "consultancy",
            "consultance",
            "consultoria",
            "consultor",
            "consultora",
            "ic",
            "ica",
            "ssa",
            "psa",
            "lica",
            "iica",
            "individual contract",
            "individual contractor",
            "contrat de consultant",
            "special service agreement",
            "contrat de collaboration exterieure",
            "collaboration exterieure",
            "external collaboration contract",
            "external collaborator",
            "contrato de colaboracion externa",
            "consultation",
        ],
    ),
    (
        "service-contract",
        &[
            "service contract",
            "contrat de service",
            "contrato de servicio",
            "contrato de servicios",
            "npsa",
            "ipsa",
            "personnel service agreement",
            "sc",
            "sb",
        ],
    ),
];

/// Folds `value` to space-separated words (`Fixed-Term (FT)` → `fixed term ft`).
fn words(value: &str) -> String {
    let folded = fold(value);
    let mut out = String::with_capacity(folded.len() + 8);
    out.push(' ');
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        // A level glued to its contract's letters is a word of its own (`LICA4`, `IICA1`).
        let mut previous: Option<char> = None;
        for c in w.chars() {
            if previous.is_some_and(|p| p.is_alphabetic() && c.is_ascii_digit()) {
                out.push(' ');
            }
            out.push(c);
            previous = Some(c);
        }
        out.push(' ');
    }
    out
}

/// True when `phrase` occurs in `haystack` (space-delimited words) on word boundaries.
fn contains_words(haystack: &str, phrase: &str) -> bool {
    let bytes = haystack.as_bytes();
    haystack
        .match_indices(phrase)
        .any(|(i, _)| i > 0 && bytes[i - 1] == b' ' && bytes.get(i + phrase.len()) == Some(&b' '))
}

/// Values that say nothing of the contract: work schedules (`Full-time`, `Temps partiel`)
/// and staff categories (UNHCR's `Staff Member / Affiliate Type: General Service`).
const NOT_CONTRACTS: &[&str] = &[
    " full time ",
    " part time ",
    " fulltime ",
    " parttime ",
    " temps plein ",
    " temps partiel ",
    " tiempo completo ",
    " tiempo parcial ",
    " jornada completa ",
    " general service ",
    " professional ",
    " national officer ",
    " national professional officer ",
    " field service ",
];

/// Longest leading clause, in words, read by [`leading_contract`].
const MAX_LEADING_CLAUSE_WORDS: usize = 4;

/// The known contract type that a value starts with, the whole value as written: its first
/// clause (before a comma, semicolon, period or parenthesis) of at most four words names one
/// (`Fixed-term (with the possibility of renewal…)`, `Consultant / PSA (Personal Services
/// Agreement)`, the ECB's `Fixed-term contract, which may be extended…`). Prose that names a
/// contract further on (`DRC will offer the successful applicant a DRC's Regular contract…`)
/// does not.
pub fn leading_contract(value: &str) -> Option<ContractType> {
    let clause = value[..value.find([',', ';', '.', '(']).unwrap_or(value.len())].trim();
    let words = clause
        .split_whitespace()
        .filter(|w| w.contains(char::is_alphanumeric))
        .count();
    if words > MAX_LEADING_CLAUSE_WORDS {
        return None;
    }
    let mut contract = parse_contract(clause).filter(ContractType::is_known)?;
    contract.raw = value.trim().to_string();
    Some(contract)
}

/// Words a job title may write around a contract type's own words where it names the
/// contract beside the job (`Individual Contractor`, `ET Temporary`, `Temporary Appointment`),
/// folded.
const TITLE_CONTRACT_WORDS: &[&str] = &[
    "appointment",
    "agreement",
    "contract",
    "contractor",
    "individual",
    "extended",
    "et",
];

/// Every word of the table's phrases and of [`TITLE_CONTRACT_WORDS`], sorted: the words a
/// title's contract piece is made of.
static TITLE_VOCABULARY: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&str> = RULES
        .iter()
        .flat_map(|(_, phrases)| phrases.iter())
        .flat_map(|phrase| phrase.split_whitespace())
        .chain(TITLE_CONTRACT_WORDS.iter().copied())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// Words after which a title's contract piece gives its end date (`Temporary until December
/// 2025`), folded.
const UNTIL_WORDS: &[&str] = &["until", "jusqu", "hasta"];

/// The known contract type a job title names beside the job: a part in parentheses
/// (`Order Entry Clerk (Individual Contractor), Vienna`), or a piece between commas, dashes or
/// a colon (`Individual Contractor – Media Advisor, Tehran`, `Associate Specialist, Financial
/// Accelerator - GL C - Temporary until December 2025, Geneva`), made only of a contract's
/// words (at most four, an end date after `until` aside). A job's name holding such a word
/// among others (`Continuing Education Specialist`, `Officer, Contract`) names none, nor
/// does a two-letter code alone between commas (`Charleston, SC`: a place). The value is
/// the piece as written.
pub fn contract_in_title(title: &str) -> Option<ContractType> {
    let vocabulary = &*TITLE_VOCABULARY;
    let mut pieces = title.split([',', ';']).flat_map(|part| {
        part.split(['(', ')', ':', '–', '—'])
            .flat_map(|piece| piece.split(" - "))
            .map(move |piece| (piece.trim(), piece.trim() == part.trim()))
    });
    pieces.find_map(|(piece, whole_part)| {
        let folded = words(piece);
        let mut kept = folded
            .split_whitespace()
            .take_while(|w| !UNTIL_WORDS.contains(w))
            .peekable();
        kept.peek()?;
        let kept: Vec<&str> = kept.collect();
        // A code of two letters alone between commas is a place's (`Charleston, SC`).
        let lone_code = whole_part && kept.len() == 1 && kept[0].len() <= 2;
        if lone_code
            || kept.len() > MAX_LEADING_CLAUSE_WORDS
            || !kept.iter().all(|w| vocabulary.binary_search(w).is_ok())
        {
            return None;
        }
        parse_contract(&kept.join(" "))
            .filter(ContractType::is_known)
            .map(|contract| ContractType {
                raw: piece.to_string(),
                ..contract
            })
    })
}

/// A contract type's words in a sentence stating the post's contract (see
/// [`stated_contract`]).
const STATED_TYPES: &str =
    r"fixed[- ]term|temporary|permanent|short[- ]term|continuing|open[- ]ended";

/// Sentences that state the post's contract, each capturing the contract as written (`c`):
/// `This is a temporary appointment for 6 months` (the UN Secretariat's special notice),
/// `This is a full-time permanent position`, `The selected candidate will be employed on a
/// fixed-term contract`, `Candidate selected will be granted a fixed-term appointment`, a
/// sentence or line opening on `A 12-months temporary position …`; `Tendrás un contrato
/// indefinido`, `Nous offrons un contrat à durée déterminée`. Word boundaries are ASCII ones:
/// a Unicode boundary keeps the regex off its fast engines, and this one reads every body
/// without a contract label.
static STATED: LazyLock<Regex> = LazyLock::new(|| {
    let nouns = "appointment|contract|position|post|role|assignment";
    Regex::new(&format!(
        r"(?im)(?-u:\b)this (?:is|will be) an? (?:[\w-]+ ){{0,2}}?(?P<c1>(?:{STATED_TYPES}) (?:{nouns}))(?-u:\b)|(?-u:\b)(?:(?:selected|successful) (?:candidate|applicant)|candidate selected) will be (?:employed|granted|offered|appointed|hired|engaged|recruited) (?:on |under |with )?an? (?P<c2>(?:{STATED_TYPES}) (?:appointment|contract))(?-u:\b)|(?:^|[.!?]\s+)an? (?:\d+[- ]months? |one[- ]year |two[- ]year )?(?:full[- ]time )?(?P<c3>(?:{STATED_TYPES}) (?:position|contract|appointment))(?-u:\b)|(?-u:\b)(?:tendr[aá]s|ofrecemos|te ofrecemos|se ofrece) un (?P<c4>contrato (?:de trabajo )?(?:indefinido|temporal|a plazo fijo|de duraci[oó]n determinada))(?-u:\b)|(?-u:\b)(?:il s['’]agit d['’]un|nous (?:vous )?(?:offrons|proposons) un) (?P<c5>(?:contrat |poste )?(?:en )?(?:à durée (?:indéterminée|déterminée)|CDD|CDI))(?-u:\b)"
    ))
    .unwrap()
});

/// The known contract type a sentence of `body` states for the post, the contract as
/// written: what a notice without a contract label says in its conditions of service (`This
/// is a temporary appointment for 6 months`, `The selected candidate will be employed on a
/// fixed-term contract`, `Tendrás un contrato indefinido`). A sentence naming a contract of
/// someone else (`… including a Temporary Appointment holder, is not eligible`) states none.
pub fn stated_contract(body: &str) -> Option<ContractType> {
    let found = STATED.captures(body)?;
    let written = ["c1", "c2", "c3", "c4", "c5"]
        .iter()
        .find_map(|name| found.name(name))?;
    parse_contract(written.as_str()).filter(ContractType::is_known)
}

/// A sentence stating how long the post's contract runs, capturing the duration (`d`): the
/// UN Secretariat's `Appointment or assignment against this position is for an initial period
/// of one year`, `This is a temporary appointment for 6 months`, `This position is temporarily
/// available for three (3) months`, `Contract: Fixed-Term Appointment for 3 years`. ASCII
/// word boundaries, as in [`STATED`].
static STATED_DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:appointment|contract|assignment|position|post|consultancy)(?-u:\b)[^.\n]{0,40}?(?-u:\b)for (?:an? )?(?:initial )?(?:period of )?(?P<d>(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty[- ]four|thirty[- ]six)(?: \(\d{1,2}\))?[- ](?:months?|years?))(?-u:\b)",
    )
    .unwrap()
});

/// How long a sentence of `body` says the post's contract runs (`one year`, `6 months`, `three
/// (3) months`), as written: what a notice without a duration label says in its conditions
/// of service (`Appointment … is for an initial period of one year`). How long a candidate
/// stays eligible for a similar post (a roster) is no contract's duration.
pub fn stated_duration(body: &str) -> Option<String> {
    STATED_DURATION.captures_iter(body).find_map(|found| {
        let start = found.get(0)?.start();
        let mut from = start.saturating_sub(ROSTER_CONTEXT_BYTES);
        while !body.is_char_boundary(from) {
            from -= 1;
        }
        let before = body[from..start].to_lowercase();
        if ["eligible", "similar", "roster"]
            .iter()
            .any(|w| before.contains(w))
        {
            return None;
        }
        found.name("d").map(|d| d.as_str().to_string())
    })
}

/// Bytes read before a stated duration for the words of a roster (IOM's `candidates will
/// remain eligible to be appointed in a similar position for a period of 24 months`: how long
/// a candidate stays on the roster, not the contract).
const ROSTER_CONTEXT_BYTES: usize = 60;

/// Parses a contract type value. `None` for an empty value and for a work schedule or a
/// staff category alone (`Full-Time`, `General Service`), which is no contract type.
pub fn parse_contract(value: &str) -> Option<ContractType> {
    let raw = value.trim();
    if raw.is_empty() {
        return None;
    }
    let haystack = words(raw);
    if NOT_CONTRACTS.contains(&haystack.as_str()) {
        return None;
    }
    let canonical = RULES
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|p| contains_words(&haystack, p)))
        .map_or("other", |(c, _)| *c);
    Some(ContractType {
        canonical,
        raw: raw.to_string(),
    })
}

/// Words that make a value a contract's duration: units of time, open-ended terms, and the
/// words of a value still to be set (`To be determined`), folded.
const DURATION_WORDS: &str = "day days week weeks month months year years yr yrs \
    jour jours semaine semaines mois an ans annee annees \
    dia dias semana semanas mes meses ano anos \
    term ended ongoing continuing permanent indefinite indefinitely indeterminate \
    indetermine indeterminee indefinido indefinida indeterminado indeterminada \
    until jusqu hasta determined confirmed tbd tbc";

/// A date written in numbers (`18.12.2024`, `1/12/24`, `2025-03-31`), alone or joined to
/// another (`18.12.2024-31.03.2025`).
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(?:\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?:$|[^\d])")
        .unwrap()
});

/// Whether a `Duration:` value reads as one: a unit of time or an open-ended term (`6
/// months`, `Seis meses`, `Open-ended`, `To be determined`), or a date (`until 31 March
/// 2025`, `January-December 2025`, the UN consultancy form's `07.12.24 to 06.06.25`). Prose
/// run into an empty label (`Contract Duration: At IATA, we speak for the airlines…`) does
/// not.
pub fn reads_as_duration(value: &str) -> bool {
    if NUMERIC_DATE.is_match(value) {
        return true;
    }
    let haystack = words(value);
    let words: Vec<&str> = haystack.split_whitespace().collect();
    let number = |w: &&str| w.bytes().all(|b| b.is_ascii_digit());
    words
        .iter()
        .any(|w| DURATION_WORDS.split_whitespace().any(|d| d == *w))
        || words.windows(2).any(|pair| {
            let dated = |a: &&str, b: &&str| number(a) && month_number(b).is_some();
            dated(&pair[0], &pair[1]) || dated(&pair[1], &pair[0])
        })
}

/// The contract type implied by a grade class (`consultant` → `consultancy`,
/// `intern` → `internship`, `volunteer` → `volunteer`).
pub fn contract_for_grade_class(grade: &str) -> Option<&'static str> {
    match grade {
        "consultant" => Some("consultancy"),
        "intern" => Some("internship"),
        "volunteer" => Some("volunteer"),
        // Levels of non-staff contracts: UNDP/UNOPS personnel service agreements and
        // service contracts, local and international individual contractor agreements.
        g if ["NPSA", "IPSA", "SB", "SC"].iter().any(|p| level_of(g, p)) => {
            Some("service-contract")
        }
        g if ["LICA", "IICA"].iter().any(|p| level_of(g, p)) => Some("consultancy"),
        _ => None,
    }
}

/// True for `prefix` followed by a level number only (`SB4`, `NPSA10`).
fn level_of(grade: &str, prefix: &str) -> bool {
    grade
        .strip_prefix(prefix)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Option<&'static str> {
        parse_contract(s).map(|c| c.canonical)
    }

    #[test]
    fn vocabulary() {
        assert_eq!(c("Durée déterminée"), Some("fixed-term"));
        assert_eq!(c("Fixed Term"), Some("fixed-term"));
        assert_eq!(c("Fixed-term (36 months)"), Some("fixed-term"));
        assert_eq!(c("Fixed Term (FT)"), Some("fixed-term"));
        assert_eq!(c("Plazo fijo"), Some("fixed-term"));
        assert_eq!(c("Temporary appointment"), Some("temporary"));
        assert_eq!(c("TA"), Some("temporary"));
        assert_eq!(c("Contrat temporaire"), Some("temporary"));
        assert_eq!(c("Nombramiento temporal"), Some("temporary"));
        assert_eq!(c("Short-term"), Some("short-term"));
        assert_eq!(
            c("Special Service Agreement (SSA) / Consultant"),
            Some("consultancy")
        );
        assert_eq!(c("IC"), Some("consultancy"));
        assert_eq!(c("Consultoría"), Some("consultancy"));
        assert_eq!(c("Internship - 6 months"), Some("internship"));
        assert_eq!(c("UN Volunteer"), Some("volunteer"));
        assert_eq!(c("Permanent"), Some("permanent"));
        assert_eq!(c("Continuing appointment"), Some("permanent"));
        assert_eq!(c("Contrat à durée indéterminée"), Some("permanent"));
        assert_eq!(c("Project Appointment"), Some("other"));
        assert_eq!(c("  "), None);
    }

    #[test]
    fn wording_of_real_notices() {
        for (v, want) in [
            ("Contrat de collaboration extérieure", "consultancy"),
            ("External collaboration contract", "consultancy"),
            ("SSA", "consultancy"),
            ("IC", "consultancy"),
            ("Individual Contractor", "consultancy"),
            (
                "Local Individual Contractor Agreement (LICA)",
                "consultancy",
            ),
            ("Service Contract (SC)", "service-contract"),
            ("NPSA-8", "service-contract"),
            ("IPSA-11", "service-contract"),
            ("Temporary Appointment", "temporary"),
            ("TA", "temporary"),
            ("FTA", "fixed-term"),
            ("Continuing", "permanent"),
            ("UNV", "volunteer"),
            ("JPO", "fixed-term"),
            ("Contrato a Término Fijo", "fixed-term"),
            (
                "Contrat à Durée Déterminé d'Usage (CDDU- Expatrié)",
                "fixed-term",
            ),
            ("Full-time regular", "permanent"),
            ("UNOPS LICA4", "consultancy"),
            ("UNOPS IICA1", "consultancy"),
            ("CONS International", "consultancy"),
            ("National/Local Consultants", "consultancy"),
            ("Contrato por tiempo indeterminado", "permanent"),
        ] {
            assert_eq!(c(v), Some(want), "{v}");
        }
        // A schedule alone is no contract type.
        assert_eq!(c("Full-Time"), None);
        assert_eq!(c("General Service"), None);
        assert_eq!(c("Full-time, Permanent"), Some("permanent"));
    }

    #[test]
    fn non_staff_levels() {
        assert_eq!(contract_for_grade_class("NPSA8"), Some("service-contract"));
        assert_eq!(contract_for_grade_class("SB4"), Some("service-contract"));
        assert_eq!(contract_for_grade_class("LICA9"), Some("consultancy"));
        assert_eq!(contract_for_grade_class("SBX"), None);
    }

    #[test]
    fn word_boundaries() {
        // `ta` inside `Data` or `ic` inside `Public` must not count.
        assert_eq!(c("Data Public contract"), Some("other"));
    }

    #[test]
    fn keeps_raw() {
        assert_eq!(
            parse_contract(" Durée déterminée ").unwrap().raw,
            "Durée déterminée"
        );
    }

    #[test]
    fn grade_classes() {
        assert_eq!(contract_for_grade_class("intern"), Some("internship"));
        assert_eq!(contract_for_grade_class("P2"), None);
    }

    #[test]
    fn a_value_that_starts_with_a_known_contract() {
        let c = leading_contract("Fixed Term - 100 series").unwrap();
        assert_eq!(
            (c.canonical, c.raw.as_str()),
            ("fixed-term", "Fixed Term - 100 series")
        );
        assert_eq!(
            leading_contract("Fixed-term contract, which may be extended").map(|c| c.canonical),
            Some("fixed-term")
        );
        assert!(
            leading_contract("DRC will offer the successful applicant a Regular contract")
                .is_none()
        );
        assert!(leading_contract("Non-staff opportunities").is_none());
    }

    #[test]
    fn a_duration_reads_as_one() {
        for value in [
            "6 months",
            "Seis meses",
            "1 an renouvelable",
            "Un (1) año, prorrogable",
            "Open-ended, subject to funding",
            "To be determined",
            "Fixed term",
            "until 31 March 2025",
            "January-December 2025",
            "18.12.2024-31.03.2025",
            "07.12.24 to 06.06.25",
            "1/12/24 to 05/02/25",
        ] {
            assert!(reads_as_duration(value), "{value}");
        }
        for value in [
            "At IATA, we speak for the airlines of the world, serving over 300 of them",
            "About the team you are joining",
            "según disponibilidad presupuestal.",
            "Number of vacancies: 1",
            "Version 2.1.3 of the handbook",
            "",
        ] {
            assert!(!reads_as_duration(value), "{value}");
        }
    }

    #[test]
    fn a_title_names_a_contract_beside_the_job() {
        let c = |t: &str| contract_in_title(t).map(|c| (c.canonical, c.raw));
        let named = [
            (
                "Order Entry Clerk (Individual Contractor), Vienna, Austria",
                "consultancy",
                "Individual Contractor",
            ),
            (
                "Individual Contractor – Media Advisor, Tehran, Iran",
                "consultancy",
                "Individual Contractor",
            ),
            (
                "ET Temporary - Team Assistant, Tbilisi, Georgia",
                "temporary",
                "ET Temporary",
            ),
            (
                "Associate Specialist, Financial Accelerator - GL C - Temporary until December \
                 2025, Geneva, Switzerland",
                "temporary",
                "Temporary until December 2025",
            ),
            (
                "User Interface / User Experience Designer - STA, Jakarta",
                "short-term",
                "STA",
            ),
            (
                "Extended Term Consultant, Washington",
                "consultancy",
                "Extended Term Consultant",
            ),
            ("Chargé de programme (CDD), Dakar", "fixed-term", "CDD"),
            ("Driver (TA), Juba", "temporary", "TA"),
        ];
        for (title, canonical, raw) in named {
            assert_eq!(c(title), Some((canonical, raw.to_string())), "{title}");
        }
        // A job's name holding a contract's word among others names none, nor does a piece
        // naming no known type.
        for title in [
            "Continuing Education Specialist, Nairobi",
            "Officer, Contract, Lebanon",
            "Supervisory Contract Specialist, Anywhere in the U.S. (remote job)",
            "Temporal Clinical Nurse, Kigali",
            "Associate Programme Officer (part-time 50%), Geneva",
            "Session Lead (External Contractor), Cairo",
            "Regular Programme Coordinator, Kabul",
            "Programme Officer, Dakar",
            "Nurse, Charleston, SC",
        ] {
            assert_eq!(c(title), None, "{title}");
        }
    }

    #[test]
    fn a_sentence_states_the_posts_contract() {
        let c = |body: &str| stated_contract(body).map(|c| (c.canonical, c.raw));
        let stated = [
            (
                "Special Notice\nThe conditions of service are governed by the United Nations \
                 Staff Rules. This is a temporary appointment for 6 months, as it is a parental \
                 leave cover.",
                "temporary",
                "temporary appointment",
            ),
            (
                "Terms & conditions\nThis is a full-time permanent position, partly remote.",
                "permanent",
                "permanent position",
            ),
            (
                "The selected candidate will be employed on a fixed-term contract with a \
                 probationary period of one year.",
                "fixed-term",
                "fixed-term contract",
            ),
            (
                "Candidate selected will be granted a fixed-term appointment limited (\"FTA \
                 limited\").",
                "fixed-term",
                "fixed-term appointment",
            ),
            (
                "What we offer\nA 12-months temporary position with the possibility of \
                 extension.",
                "temporary",
                "temporary position",
            ),
            (
                "Estarás de alta en la Seguridad Social. Tendrás un contrato Indefinido \
                 directamente con Médicos sin Fronteras.",
                "permanent",
                "contrato Indefinido",
            ),
            (
                "Nous offrons un contrat à durée déterminée de 12 mois.",
                "fixed-term",
                "contrat à durée déterminée",
            ),
        ];
        for (body, canonical, raw) in stated {
            assert_eq!(c(body), Some((canonical, raw.to_string())), "{body}");
        }
        // Someone else's contract, a contract of the past, a contract in a list of who may
        // apply: none stated for the post.
        for body in [
            "An individual whose sister is a staff member of UNHCR, including a Temporary \
             Appointment holder, is not eligible to apply.",
            "This role was initially advertised as a fixed-term contract but is now \
             available as a permanent position.",
            "Staff members on a fixed-term contract may apply.",
            "You will manage temporary contracts of the field staff.",
        ] {
            assert_eq!(c(body), None, "{body}");
        }
    }

    #[test]
    fn a_sentence_states_how_long_the_contract_runs() {
        let stated = [
            (
                "Appointment or assignment against this position is for an initial period of \
                 one year and may be extended.",
                "one year",
            ),
            ("This is a temporary appointment for 6 months.", "6 months"),
            (
                "This position is temporarily available for three (3) months, possibility of \
                 extension.",
                "three (3) months",
            ),
            (
                "Type of Contract: Fixed-Term Appointment for 3 years including 1 year \
                 probation period.",
                "3 years",
            ),
            (
                "The consultancy is required for a period of 20 months, from November 2024.",
                "20 months",
            ),
        ];
        for (body, duration) in stated {
            assert_eq!(stated_duration(body).as_deref(), Some(duration), "{body}");
        }
        // How long a candidate stays on a roster, years of experience: no contract's.
        for body in [
            "Candidates will remain eligible to be appointed in a similar position for a \
             period of 24 months.",
            "Experience in a similar position for at least 5 years is required.",
            "The post holder will report to the Director.",
        ] {
            assert_eq!(stated_duration(body), None, "{body}");
        }
        // A roster's sentence first, the contract's after it.
        let body = "Eligible candidates may be appointed in a similar position for a period of \
                    24 months. This is a temporary appointment for 9 months.";
        assert_eq!(stated_duration(body).as_deref(), Some("9 months"));
    }
}
