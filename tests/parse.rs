//! Parsing of the notice and feed fixtures, bad inputs, and (when present) the shared seed
//! notice and feed.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use vacancy_search::posting::{parse_feed_record, parse_notice, Posting};
use vacancy_search::source::{read_sources, Rejection, SourceItem};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The shared material directory: `$VACANCY_SHARED_DIR` if set, else `../shared` next to
/// the crate (as in the lead's checkout).
fn shared_dir() -> PathBuf {
    match std::env::var_os("VACANCY_SHARED_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn collect(paths: &[PathBuf]) -> (Vec<(Posting, Option<usize>)>, Vec<Rejection>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for item in read_sources(paths) {
        match item {
            SourceItem::Posting { posting, origin } => ok.push((posting, origin.line)),
            SourceItem::Rejected(r) => bad.push(r),
        }
    }
    (ok, bad)
}

fn notice(name: &str) -> Posting {
    let (mut ok, bad) = collect(&[fixtures().join("notices").join(name)]);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok.len(), 1);
    ok.remove(0).0
}

#[test]
fn french_notice_with_bom_crlf_and_quirks() {
    let p = notice("fr-oit-dakar.txt");
    assert_eq!(p.id, "40411");
    assert_eq!(p.job_id.as_deref(), Some("40411"));
    assert_eq!(p.grade.as_deref(), Some("P3"));
    assert_eq!(p.grade_raw.as_deref(), Some("P3"));
    assert_eq!(p.vacancy_number.as_deref(), Some("DAK/TC/P/2025/07"));
    assert_eq!(p.published, date(2025, 4, 2));
    assert_eq!(p.closing, date(2025, 5, 1));
    assert_eq!(p.department.as_deref(), Some("BR-Afrique"));
    assert_eq!(p.unit.as_deref(), Some("ETD-Dakar"));
    assert_eq!(p.duty_station.as_deref(), Some("Dakar"));
    assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
    assert_eq!(p.contract_type_raw.as_deref(), Some("Durée déterminée"));
    assert_eq!(
        p.contract_duration.as_deref(),
        Some("24 mois (renouvelables)")
    );
    assert_eq!(
        p.title.as_deref(),
        Some("Spécialiste de la protection sociale des travailleurs ruraux")
    );
    assert_eq!(
        p.organization.as_deref(),
        Some("ILO - International Labour Organization")
    );
    assert_eq!(p.language, "fr");
    assert!(p.body.starts_with("Ce poste relève"), "{}", p.body);
    assert!(!p.body.contains(";,"));
    assert!(!p.body.contains('\r'));
    assert!(p.body.contains("bailleurs.\n\nLe BIT"));
    assert!(p.body.ends_with("domaine connexe."));
}

#[test]
fn english_notice() {
    let p = notice("en-undp-nairobi.txt");
    assert_eq!(p.id, "en-undp-nairobi");
    assert_eq!(p.job_id, None);
    assert_eq!(
        p.title.as_deref(),
        Some("Programme Analyst, Climate Finance")
    );
    assert_eq!(
        p.organization.as_deref(),
        Some("UNDP - United Nations Development Programme")
    );
    assert_eq!(p.grade.as_deref(), Some("NOB"));
    assert_eq!(p.grade_raw.as_deref(), Some("NO-B"));
    assert_eq!(p.vacancy_number.as_deref(), Some("UNDP/KEN/2025/113"));
    assert_eq!(p.published, date(2025, 4, 14));
    assert_eq!(p.closing, date(2025, 5, 2));
    assert_eq!(p.duty_station.as_deref(), Some("Nairobi, Kenya"));
    assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
    assert_eq!(p.contract_duration.as_deref(), Some("1 year, renewable"));
    assert_eq!(
        p.department.as_deref(),
        Some("Bureau for Policy and Programme Support")
    );
    assert_eq!(p.unit.as_deref(), Some("Nature, Climate and Energy"));
    assert_eq!(p.language, "en");
    assert!(p.body.starts_with("Note: internal"), "{}", p.body);
}

#[test]
fn spanish_notice() {
    let p = notice("es-pnud-lima.txt");
    assert_eq!(p.id, "es-pnud-lima");
    assert_eq!(
        p.title.as_deref(),
        Some("Asistente de Programa en Gobernanza Local")
    );
    assert_eq!(p.grade.as_deref(), Some("G6"));
    assert_eq!(p.vacancy_number.as_deref(), Some("PER/2025/019"));
    assert_eq!(p.published, date(2025, 3, 3));
    assert_eq!(p.closing, date(2025, 3, 20));
    assert_eq!(p.department.as_deref(), Some("Oficina de País"));
    assert_eq!(p.unit.as_deref(), Some("Gobernanza Democrática"));
    assert_eq!(p.duty_station.as_deref(), Some("Lima, Perú"));
    assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
    assert_eq!(p.contract_duration.as_deref(), Some("12 meses"));
    assert_eq!(
        p.organization.as_deref(),
        Some("UNDP - United Nations Development Programme")
    );
    assert_eq!(p.organization_raw.as_deref(), Some("PNUD"));
    assert_eq!(p.language, "es");
}

#[test]
fn feed_fixture() {
    let (ok, bad) = collect(&[fixtures().join("feed.jsonl")]);
    assert!(bad.is_empty(), "{bad:?}");
    let ids: Vec<_> = ok.iter().map(|(p, l)| (p.id.as_str(), *l)).collect();
    assert_eq!(
        ids,
        [
            ("900001", Some(1)),
            ("ext-42", Some(2)),
            ("900003", Some(3))
        ]
    );

    let p = &ok[0].0;
    assert_eq!(
        p.title.as_deref(),
        Some("Programme Officer (Energy Access), Bonn, Germany")
    );
    assert_eq!(p.organization.as_deref(), Some("Example Energy Agency"));
    assert_eq!(p.grade.as_deref(), Some("P3"));
    assert_eq!(p.published, date(2025, 3, 10));
    assert_eq!(p.closing, date(2025, 3, 31));
    assert_eq!(p.contract_duration.as_deref(), Some("2 years"));
    assert_eq!(p.duty_station.as_deref(), Some("Bonn"));
    assert_eq!(p.country.as_deref(), Some("DEU"));
    assert_eq!(p.link.as_deref(), Some("https://example.org/jobs/900001"));
    assert_eq!(p.language, "en");

    let p = &ok[1].0;
    assert_eq!(p.duty_station.as_deref(), Some("Quito, Ecuador"));
    assert_eq!(p.closing, date(2025, 2, 15));
    assert_eq!(p.published, date(2025, 2, 1));
    assert_eq!(p.contract_type.as_deref(), Some("consultancy"));
    assert_eq!(p.grade.as_deref(), Some("SB4"));
    assert_eq!(p.language, "es");

    let p = &ok[2].0;
    assert_eq!(p.closing, date(2025, 2, 14));
    assert_eq!(p.grade.as_deref(), Some("intern"));
    assert_eq!(p.contract_type.as_deref(), Some("internship"));
    assert_eq!(p.language, "en");
}

#[test]
fn bad_feed_lines_are_rejected_and_good_ones_kept() {
    let file = fixtures().join("bad/mixed.jsonl");
    let (ok, bad) = collect(std::slice::from_ref(&file));
    let good: Vec<_> = ok.iter().map(|(p, l)| (p.id.as_str(), *l)).collect();
    assert_eq!(good, [("1", Some(1)), ("7", Some(8))]);
    let got: Vec<_> = bad.iter().map(|r| (r.line, r.reason.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                Some(2),
                "not valid JSON: EOF while parsing a value at column 22"
            ),
            (Some(4), "record has no id"),
            (Some(6), "record is not a JSON object"),
            (Some(7), "record has no id"),
        ]
    );
    assert_eq!(
        bad[1].to_string(),
        format!("{}:4: record has no id", file.display())
    );
    assert_eq!(ok[1].0.closing, date(2025, 12, 12));
}

#[test]
fn bad_files_are_rejected_and_the_rest_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
        p
    };
    write("1-good.txt", b"Grade: P4\nJob ID: 501\n\nBody.");
    write(
        "2-invalid-utf8.txt",
        b"Grade: P4\nJob ID: 502\n\nCaf\xe9 au lait.",
    );
    write("3-binary.txt", b"Grade: P4\x00\x01\x02");
    write("4-empty.txt", b"");
    write("5-no-field.txt", b"Only prose here.\nNothing else.");
    write(
        "6-feed.jsonl",
        b"{\"id\": 601}\n{\"id\": 602, \"job_desc\": \"Caf\xe9\"}\n{\"id\": 603}\n",
    );
    write("7-binary.jsonl", b"\x00\x01\x02\x03");
    write("8-empty.jsonl", b"");
    let mut big = b"Grade: P4\n".to_vec();
    big.resize(vacancy_search::source::MAX_NOTICE_BYTES as usize + 1, b'a');
    write("9-big.txt", &big);
    write("99-good.txt", b"Job ID: 999\n\nBody.");

    let (ok, bad) = collect(&[dir.path().to_path_buf()]);
    let good: Vec<_> = ok.iter().map(|(p, _)| p.id.as_str()).collect();
    assert_eq!(good, ["501", "601", "603", "999"]);
    let got: Vec<_> = bad
        .iter()
        .map(|r| {
            (
                r.file.file_name().unwrap().to_string_lossy().into_owned(),
                r.line,
                r.reason.clone(),
            )
        })
        .collect();
    let expect = |f: &str, l: Option<usize>, r: &str| (f.to_string(), l, r.to_string());
    assert_eq!(
        got,
        [
            expect("2-invalid-utf8.txt", None, "invalid UTF-8 at byte 26"),
            expect("3-binary.txt", None, "binary data (NUL byte at byte 9)"),
            expect("4-empty.txt", None, "empty file"),
            expect(
                "5-no-field.txt",
                None,
                "no recognisable vacancy field (expected labels such as Grade:, Job ID:, Lieu d'affectation:)"
            ),
            expect("6-feed.jsonl", Some(2), "invalid UTF-8 at byte 40"),
            expect("7-binary.jsonl", None, "binary file (NUL byte at byte 0)"),
            expect("8-empty.jsonl", None, "empty file"),
            expect(
                "9-big.txt",
                None,
                "file too large (1048577 bytes; a notice may have at most 1048576)"
            ),
        ]
    );
}

#[test]
fn fixture_bad_notices() {
    let (ok, bad) = collect(&[
        fixtures().join("bad/no-field.txt"),
        fixtures().join("bad/empty.txt"),
        fixtures().join("notices/es-pnud-lima.txt"),
    ]);
    assert_eq!(ok.len(), 1);
    let reasons: Vec<_> = bad.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            vacancy_search::posting::notice::NO_FIELD_REASON,
            "empty file"
        ]
    );
}

/// The shared seed notice, when this worktree sits next to `shared/`.
#[test]
fn shared_seed_notice() {
    let path = shared_dir().join("seed/ilo-tunis-p2-fr.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        common::shared_missing(&format!("seed check: {} not found", path.display()));
        return;
    };
    let p = parse_notice(&text, "ilo-tunis-p2-fr").unwrap();
    assert_eq!(p.grade.as_deref(), Some("P2"));
    assert_eq!(p.vacancy_number.as_deref(), Some("ALG/DC/P/2025/02"));
    assert_eq!(p.published, date(2025, 5, 14));
    assert_eq!(p.closing, date(2025, 6, 3));
    assert_eq!(p.job_id.as_deref(), Some("12979"));
    assert_eq!(p.id, "12979");
    assert_eq!(p.department.as_deref(), Some("BR-Afrique"));
    assert_eq!(p.unit.as_deref(), Some("BP-Alger"));
    assert_eq!(p.duty_station.as_deref(), Some("Tunis"));
    assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
    assert_eq!(p.language, "fr");
    assert_eq!(
        p.organization.as_deref(),
        Some("ILO - International Labour Organization")
    );
    println!("seed title: {:?}", p.title);
    println!("seed duration: {:?}", p.contract_duration);
    assert!(p.title.is_some());
}

/// The shared feed, when present: every record parses or is rejected with a reason.
#[test]
fn shared_feed() {
    let path = shared_dir().join("corpus/unjobs-2024-11-07.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        common::shared_missing(&format!("feed check: {} not found", path.display()));
        return;
    };
    let (mut total, mut ok, mut grade, mut closing, mut published, mut rejected) =
        (0, 0, 0, 0, 0, 0);
    let mut langs = std::collections::BTreeMap::<String, usize>::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        total += 1;
        match parse_feed_record(line) {
            Ok(p) => {
                ok += 1;
                grade += usize::from(p.grade.is_some());
                closing += usize::from(p.closing.is_some());
                published += usize::from(p.published.is_some());
                *langs.entry(p.language).or_default() += 1;
            }
            Err(f) => {
                assert!(!f.reason.is_empty());
                rejected += 1;
            }
        }
    }
    println!(
        "shared feed: {total} records, {ok} parsed, {rejected} rejected; \
         grade {grade}, closing {closing}, published {published}; languages {langs:?}"
    );
    assert_eq!(ok + rejected, total);
    assert!(ok > total * 9 / 10);
}

fn inline(name: &str) -> Posting {
    let (mut ok, bad) = collect(&[fixtures().join("inline").join(name)]);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok.len(), 1);
    ok.remove(0).0
}

/// Header fields of an inline-label notice: (vacancy number, published, closing, job id,
/// department, unit, contract type).
type Header<'a> = (
    &'a str,
    Option<NaiveDate>,
    Option<NaiveDate>,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

fn header(p: &Posting) -> Header<'_> {
    (
        p.vacancy_number.as_deref().unwrap_or("-"),
        p.published,
        p.closing,
        p.job_id.as_deref().unwrap_or("-"),
        p.department.as_deref().unwrap_or("-"),
        p.unit.as_deref().unwrap_or("-"),
        p.contract_type.as_deref().unwrap_or("-"),
    )
}

#[test]
fn inline_labels_in_three_languages() {
    let cases = [
        (
            "en-ilo-inline.txt",
            (
                "DC/EXAMPLEVILLE/GS/2025/03",
                date(2025, 2, 3),
                date(2025, 2, 17),
                "40101",
                "RO-Asia and the Pacific",
                "CO-Example City",
                "fixed-term",
            ),
            ("Hanoi", "G6", "12 months"),
        ),
        (
            "fr-oit-inline.txt",
            (
                "DC/RABAT/P/2025/11",
                date(2025, 3, 10),
                date(2025, 3, 24),
                "40202",
                "BR-Afrique",
                "BP-Alger",
                "fixed-term",
            ),
            ("Rabat", "P3", "24 mois"),
        ),
        (
            "es-oit-inline.txt",
            (
                "LIMA/TC/NOB/2025/08",
                date(2025, 5, 5),
                date(2025, 5, 19),
                "40303",
                "OR-América Latina y el Caribe",
                "OP-Lima",
                "fixed-term",
            ),
            ("Lima", "NOB", "12 meses"),
        ),
    ];
    for (file, want, (station, grade, duration)) in cases {
        let p = inline(file);
        assert_eq!(header(&p), want, "{file}");
        assert_eq!(p.duty_station.as_deref(), Some(station), "{file}");
        assert_eq!(p.grade.as_deref(), Some(grade), "{file}");
        assert_eq!(p.contract_duration.as_deref(), Some(duration), "{file}");
        assert!(!p.body.contains("Job ID"), "{file}: {}", p.body);
    }
}

/// The postings of the feed `tests/fixtures/inline/NAME`, every record read.
fn inline_feed(name: &str) -> Vec<Posting> {
    let (ok, bad) = collect(&[fixtures().join("inline").join(name)]);
    assert!(bad.is_empty(), "{bad:?}");
    ok.into_iter().map(|(p, _)| p).collect()
}

#[test]
fn feed_deadlines_in_every_form() {
    let feed = inline_feed("feed.jsonl");
    let closing: Vec<(&str, Option<NaiveDate>)> =
        feed.iter().map(|p| (p.id.as_str(), p.closing)).collect();
    assert_eq!(
        closing,
        vec![
            // A label after an empty label; the deadline of a report in prose is ignored.
            ("inl-1", date(2025, 2, 14)),
            // `application deadline (February 2 2025 23:59 CET time)` in a sentence.
            ("inl-2", date(2025, 2, 2)),
            // The board's `Posted ... Expires ...` lines.
            ("inl-3", date(2025, 1, 30)),
            // `La fecha límite para aplicar a esta vacante es el ...`.
            ("inl-4", date(2025, 2, 19)),
            // `Date de clôture 28 février 2025 à 12H00` without colon.
            ("inl-5", date(2025, 2, 28)),
            // `Closing Date  4 Feb 2026` without colon.
            ("inl-6", date(2026, 2, 4)),
            // Only prose: `meeting tight deadlines`, `the closing date for the report was`.
            ("inl-7", None),
        ]
    );
}

#[test]
fn feed_deadlines_stated_in_instructions_or_without_their_year() {
    let feed = inline_feed("deadlines.jsonl");
    let closing: Vec<(&str, Option<NaiveDate>)> =
        feed.iter().map(|p| (p.id.as_str(), p.closing)).collect();
    assert_eq!(
        closing,
        vec![
            // `please submit your application and CV by 5pm on the 22nd November 2025`.
            ("dl-1", date(2025, 11, 22)),
            // `Les candidatures devront nous parvenir au plus tard le mercredi 26 novembre`.
            ("dl-2", date(2025, 11, 26)),
            // `Envíe su solicitud (…) en línea en nuestro portal hasta el 05.12.2025`.
            ("dl-3", date(2025, 12, 5)),
            // `Closing Date: Wednesday 14th January`, listed 10 December: the next January.
            ("dl-4", date(2026, 1, 14)),
            // The post's availability and the start date are not deadlines.
            ("dl-5", None),
            // A date six years before the listing is an old text's.
            ("dl-6", None),
        ]
    );
}

#[test]
fn feed_boards_own_labels_for_grades_contracts_units_and_languages() {
    let feed = inline_feed("boards.jsonl");
    let by_id = |id: &str| feed.iter().find(|p| p.id == id).unwrap();
    // UNV: a volunteer category and the host entity, written with its office.
    let p = by_id("bd-1");
    assert_eq!(
        p.organization.as_deref(),
        Some("WHO - World Health Organization")
    );
    assert_eq!(p.grade.as_deref(), Some("volunteer"));
    assert_eq!(p.contract_type.as_deref(), Some("volunteer"));
    // A Workday board's employment category.
    assert_eq!(by_id("bd-2").contract_type.as_deref(), Some("permanent"));
    // UNDP's board: the vacancy type and the bureau.
    let p = by_id("bd-3");
    assert_eq!(p.contract_type.as_deref(), Some("service-contract"));
    assert_eq!(p.department.as_deref(), Some("Regional Bureau for Africa"));
    // Division, section and unit: the unit is the most precise.
    let p = by_id("bd-4");
    assert_eq!(
        (p.department.as_deref(), p.unit.as_deref()),
        (
            Some("International Data Centre Division"),
            Some("Outreach and Training Unit")
        )
    );
    // English about the organisation first, the job in Spanish: a Spanish posting.
    let p = by_id("bd-5");
    assert_eq!(p.language, "es");
    assert_eq!(p.grade.as_deref(), Some("SC5"));
    // A schedule of deliverables states the work's deadlines, not the applications'.
    assert_eq!(by_id("bd-6").closing, None);
    // UNICEF's and ICAP's boards write the publication date as `Advertised:` (years back for
    // a notice still listed); the board's own date stays `listed`, and an empty closing
    // label gives no deadline.
    let p = by_id("bd-7");
    assert_eq!(
        (p.published, p.listed, p.closing),
        (date(2025, 1, 13), date(2025, 1, 15), date(2025, 1, 27))
    );
    let p = by_id("bd-8");
    assert_eq!(
        (p.published, p.listed, p.closing),
        (date(2021, 3, 15), date(2025, 1, 15), None)
    );
    // WFP's `JOB TITLE::` names the grade the board's title leaves out.
    let p = by_id("bd-9");
    assert_eq!(p.grade.as_deref(), Some("NOB"));
    assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
}

/// Boards run a table's cells into one line (`Job Ref #: KX-204 Industry: Logistics Job Type:
/// Permanent Positions Available: 3`): each value ends where the next label begins, whether
/// the posting keeps that label or not, and a label left empty takes neither the next label
/// nor prose for its value.
#[test]
fn feed_labels_run_together_end_each_others_values() {
    let feed = inline_feed("run_together.jsonl");
    let by_id = |id: &str| feed.iter().find(|p| p.id == id).unwrap();
    let p = by_id("rt-1");
    assert_eq!(p.vacancy_number.as_deref(), Some("KX-204"));
    assert_eq!(p.contract_type_raw.as_deref(), Some("Permanent"));
    let p = by_id("rt-2");
    assert_eq!(p.vacancy_number.as_deref(), Some("2231"));
    assert_eq!(p.department.as_deref(), Some("SPM"));
    assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
    assert_eq!(p.contract_duration.as_deref(), Some("2 years"));
    assert_eq!(p.closing, date(2025, 12, 5));
    // Cells ending in colons and a rule of underscores.
    let p = by_id("rt-3");
    assert_eq!(p.contract_type_raw.as_deref(), Some("Contrat de service"));
    assert_eq!(
        p.contract_duration.as_deref(),
        Some("6 mois (renouvelables)")
    );
    assert_eq!(p.unit.as_deref(), Some("Nutrition"));
    assert_eq!(p.grade.as_deref(), Some("SC6"));
    // An empty duration label followed by prose, or by another label.
    let p = by_id("rt-4");
    assert_eq!(p.contract_type.as_deref(), Some("permanent"));
    assert_eq!(p.contract_duration, None);
    let p = by_id("rt-5");
    assert_eq!(p.contract_duration, None);
    assert_ne!(
        p.duty_station_raw.as_deref(),
        Some("Reports to: Fleet Manager")
    );
    // Words in parentheses are the value's own.
    let p = by_id("rt-6");
    assert_eq!(
        p.contract_duration.as_deref(),
        Some("5 months (fixed start date: 1st March 2026)")
    );
    assert_eq!(p.contract_type.as_deref(), Some("internship"));
    // A label alone on its line, without colon, takes the next line when it reads as its
    // field's value; the duration names the contract type.
    let p = by_id("rt-7");
    assert_eq!(p.vacancy_number.as_deref(), Some("VA7-3310-2025"));
    assert_eq!(
        p.contract_duration.as_deref(),
        Some("Eighteen-month fixed term appointment, with the possibility of renewal.")
    );
    assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
    let p = by_id("rt-8");
    assert_eq!(
        (p.contract_type.as_deref(), p.grade.as_deref()),
        (None, None)
    );
    // The UN's consultancy form: `Expected duration` alone, its value a sentence.
    assert_eq!(
        by_id("rt-9").contract_duration.as_deref(),
        Some(
            "Five (5) months upon the signature of the contract, with the possibility of renewal."
        )
    );
    // A contract label naming no known contract gives way to a duration that names one.
    let p = by_id("rt-10");
    assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
}

#[test]
fn feed_publication_listing_organisations_contracts_entities() {
    let feed = inline_feed("feed.jsonl");
    let by_id = |id: &str| feed.iter().find(|p| p.id == id).unwrap();
    // The notice's own publication date wins; the board's date is kept as `listed`.
    let p = by_id("inl-3");
    assert_eq!(p.published, date(2025, 1, 14));
    assert_eq!(p.listed, date(2025, 1, 10));
    assert_eq!(p.contract_type.as_deref(), Some("fixed-term"));
    let p = by_id("inl-1");
    assert_eq!(
        (p.published, p.listed),
        (date(2025, 1, 20), date(2025, 1, 20))
    );
    // One canonical value per body, the raw value kept.
    let ilo = Some("ILO - International Labour Organization");
    assert_eq!(by_id("inl-4").organization.as_deref(), ilo);
    assert_eq!(by_id("inl-5").organization.as_deref(), ilo);
    assert_eq!(
        by_id("inl-5").organization_raw.as_deref(),
        Some("Organisation internationale du Travail (OIT)")
    );
    assert_eq!(
        by_id("inl-6").organization,
        by_id("inl-7").organization,
        "UNHCR and ACNUR are one body"
    );
    assert_eq!(
        by_id("inl-1").organization.as_deref(),
        Some("IOM - International Organization for Migration")
    );
    assert_eq!(
        by_id("inl-3").organization.as_deref(),
        Some("DRC - Danish Refugee Council")
    );
    // Contract types and grades of real notices.
    let p = by_id("inl-2");
    assert_eq!(p.contract_type.as_deref(), Some("service-contract"));
    assert_eq!(p.grade.as_deref(), Some("NPSA8"));
    assert_eq!(by_id("inl-4").contract_type.as_deref(), Some("consultancy"));
    assert_eq!(by_id("inl-5").contract_type.as_deref(), Some("consultancy"));
    assert_eq!(by_id("inl-6").contract_type.as_deref(), Some("consultancy"));
    // HTML entities decoded in titles and text.
    assert_eq!(p.title.as_deref(), Some("Communication Officer & Editor"));
    assert!(p.body.contains("Política & Café."), "{}", p.body);
}

#[test]
fn feed_descriptions_written_in_html_are_read_as_lines() {
    // As boards send them: labels in <strong>, duties in a list, entities, and the same
    // markup escaped once more.
    let desc = "<p><strong>Grade:</strong> P-3</p><p><strong>Duty Station:</strong> Bonn, \
                Germany</p><p><b>Deadline:</b> 20 November 2027</p><h3>Duties</h3><ul><li>\
                Manage&nbsp;programmes</li><li>Monitor results</li></ul><p>Languages: English \
                &amp; French</p>";
    for desc in [
        desc.to_owned(),
        desc.replace('<', "&lt;").replace('>', "&gt;"),
    ] {
        let record = serde_json::json!({
            "id": "html-1",
            "job_title": "Programme Officer",
            "org": "UNDP",
            "job_desc": desc,
        })
        .to_string();
        let p = parse_feed_record(&record).unwrap();
        assert_eq!(p.grade.as_deref(), Some("P3"));
        assert_eq!(p.duty_station.as_deref(), Some("Bonn, Germany"));
        assert_eq!(p.closing, date(2027, 11, 20));
        assert!(!p.body.contains(['<', '>']), "{}", p.body);
        assert!(p
            .body
            .contains("Duties\n\n- Manage\u{a0}programmes\n- Monitor results"));
        assert!(
            p.body.ends_with("Languages: English & French"),
            "{}",
            p.body
        );
    }
}
