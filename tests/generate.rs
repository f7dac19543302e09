//! Integration tests of the synthetic corpus generator.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate};
use serde_json::Value;
use vacancy_search::generate::{generate, GenerateStats, GeneratorConfig};
use vacancy_search::Error;

fn run(config: &GeneratorConfig) -> (Vec<u8>, GenerateStats) {
    let mut out = Vec::new();
    let stats = generate(config, &mut out).expect("generate");
    (out, stats)
}

fn records(bytes: &[u8]) -> Vec<serde_json::Map<String, Value>> {
    std::str::from_utf8(bytes)
        .expect("utf-8")
        .lines()
        .map(
            |line| match serde_json::from_str::<Value>(line).expect("valid JSON line") {
                Value::Object(map) => map,
                other => panic!("not an object: {other}"),
            },
        )
        .collect()
}

fn config(count: u64, seed: u64, languages: &[&str]) -> GeneratorConfig {
    GeneratorConfig {
        languages: languages.iter().map(|s| s.to_string()).collect(),
        ..GeneratorConfig::new(count, seed)
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = run(&GeneratorConfig::new(30, 7)).0;
    let b = run(&GeneratorConfig::new(30, 7)).0;
    let c = run(&GeneratorConfig::new(30, 8)).0;
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn a_short_run_is_a_prefix_of_a_longer_one() {
    let short = run(&GeneratorConfig::new(5, 3)).0;
    let long = run(&GeneratorConfig::new(20, 3)).0;
    assert!(long.starts_with(&short));
}

#[test]
fn count_and_stats_are_honoured() {
    let (out, stats) = run(&GeneratorConfig::new(37, 1));
    assert_eq!(stats.postings, 37);
    assert_eq!(stats.bytes, out.len() as u64);
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 37);
    assert!(out.ends_with(b"\n"));
}

#[test]
fn zero_postings_give_empty_output() {
    let (out, stats) = run(&GeneratorConfig::new(0, 1));
    assert!(out.is_empty());
    assert_eq!(
        stats,
        GenerateStats {
            postings: 0,
            bytes: 0
        }
    );
}

#[test]
fn unknown_or_missing_language_is_refused() {
    let mut out = Vec::new();
    for langs in [&["en", "de"][..], &[][..]] {
        let err = generate(&config(10, 1, langs), &mut out).unwrap_err();
        assert!(
            matches!(err, Error::InvalidParameter { ref name, .. } if name == "languages"),
            "{err}"
        );
    }
    assert!(out.is_empty());
    // Case and spaces are forgiven; duplicates and order do not change the corpus.
    let a = run(&config(20, 4, &["EN", " fr"])).0;
    let b = run(&config(20, 4, &["fr", "en", "en"])).0;
    assert_eq!(a, b);
}

#[test]
fn every_line_is_a_feed_record() {
    let (out, _) = run(&GeneratorConfig::new(300, 11));
    let recs = records(&out);
    assert_eq!(recs.len(), 300);
    let keys: HashSet<&str> = [
        "id",
        "job_title",
        "org",
        "posting_date",
        "link",
        "is_un",
        "country",
        "location",
        "job_desc",
        "language",
    ]
    .into();
    let mut ids = HashSet::new();
    let mut orgs = HashSet::new();
    let mut is_un = HashSet::new();
    for r in &recs {
        assert_eq!(r.keys().map(String::as_str).collect::<HashSet<_>>(), keys);
        let id = r["id"].as_u64().expect("numeric id");
        assert!(ids.insert(id), "duplicate id {id}");
        assert_eq!(
            r["link"].as_str().unwrap(),
            format!("https://example.org/vacancies/{id}")
        );
        let date = DateTime::parse_from_rfc3339(r["posting_date"].as_str().unwrap())
            .expect("ISO datetime");
        assert!(
            (2024..=2027).contains(&chrono::Datelike::year(&date)),
            "{date}"
        );
        let country = r["country"].as_str().unwrap();
        assert!(
            country.len() == 3 && country.chars().all(|c| c.is_ascii_uppercase()),
            "{country}"
        );
        for key in ["job_title", "org", "location"] {
            assert!(!r[key].as_str().unwrap().is_empty(), "{key}");
        }
        orgs.insert(r["org"].as_str().unwrap().to_string());
        is_un.insert(r["is_un"].as_bool().expect("boolean is_un"));
    }
    assert!(orgs.len() >= 12, "{orgs:?}");
    assert_eq!(is_un.len(), 2);
}

#[test]
fn bodies_are_2_to_15_kb_with_header_labels_in_their_language() {
    let (out, _) = run(&GeneratorConfig::new(400, 5));
    let recs = records(&out);
    let mut sizes = Vec::new();
    for r in &recs {
        let body = r["job_desc"].as_str().unwrap();
        assert!(
            (2_000..=15_000).contains(&body.len()),
            "body of {} bytes",
            body.len()
        );
        sizes.push(body.len());
        let labels: &[&str] = match r["language"].as_str().unwrap() {
            "en" => &[
                "Grade: ",
                "Duty Station: ",
                "Deadline for Application: ",
                "Contract type: ",
            ],
            "fr" => &[
                "Grade: ",
                "Lieu d'affectation: ",
                "Date de clôture: ",
                "Type de contrat: ",
            ],
            "es" => &[
                "Grado: ",
                "Lugar de destino: ",
                "Fecha de cierre: ",
                "Tipo de contrato: ",
            ],
            other => panic!("language {other}"),
        };
        for label in labels {
            assert!(body.contains(label), "{label} missing");
        }
        let station = format!("{}, ", r["location"].as_str().unwrap());
        assert!(body.contains(&station), "duty station {station} missing");
    }
    sizes.sort_unstable();
    // A spread of sizes, not one size.
    assert!(
        sizes[sizes.len() / 10] < 5_000 && sizes[sizes.len() * 9 / 10] > 9_000,
        "{sizes:?}"
    );
}

#[test]
fn deadlines_fall_two_to_eight_weeks_after_publication() {
    let (out, _) = run(&config(100, 9, &["en"]));
    for r in records(&out) {
        let posted = DateTime::parse_from_rfc3339(r["posting_date"].as_str().unwrap())
            .unwrap()
            .date_naive();
        let body = r["job_desc"].as_str().unwrap();
        let line = body
            .lines()
            .find_map(|l| l.strip_prefix("Deadline for Application: "))
            .expect("deadline");
        let deadline = NaiveDate::parse_from_str(line, "%d %B %Y").expect(line);
        let days = (deadline - posted).num_days();
        assert!((14..=56).contains(&days), "{days} days");
    }
}

#[test]
fn postings_are_published_within_the_configured_window() {
    let first = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let config = GeneratorConfig {
        first_published: first,
        published_days: 90,
        ..GeneratorConfig::new(300, 5)
    };
    let (out, _) = run(&config);
    let mut days = HashSet::new();
    for r in records(&out) {
        let posted = DateTime::parse_from_rfc3339(r["posting_date"].as_str().unwrap())
            .unwrap()
            .date_naive();
        let day = (posted - first).num_days();
        assert!((0..90).contains(&day), "{posted}");
        days.insert(day);
    }
    // Spread over the window, not piled on its first day.
    assert!(days.len() > 45, "{} distinct days", days.len());
}

#[test]
fn an_empty_or_unwritable_publication_window_is_refused() {
    for (first, days) in [
        (NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), 0),
        (NaiveDate::from_ymd_opt(9999, 12, 1).unwrap(), 10),
    ] {
        let config = GeneratorConfig {
            first_published: first,
            published_days: days,
            ..GeneratorConfig::new(5, 1)
        };
        let err = generate(&config, Vec::new()).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidParameter { name, .. } if name == "published_days"),
            "{err}"
        );
    }
}

#[test]
fn language_mix_follows_the_configuration() {
    let count = 2_000;
    let (out, _) = run(&GeneratorConfig::new(count, 21));
    let mut by_lang: HashMap<String, u64> = HashMap::new();
    for r in records(&out) {
        *by_lang
            .entry(r["language"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let share = |l: &str| by_lang.get(l).copied().unwrap_or(0) as f64 / count as f64;
    assert!((0.65..0.75).contains(&share("en")), "{by_lang:?}");
    assert!((0.16..0.24).contains(&share("fr")), "{by_lang:?}");
    assert!((0.07..0.13).contains(&share("es")), "{by_lang:?}");

    let (out, _) = run(&config(600, 21, &["fr", "es"]));
    let langs: Vec<String> = records(&out)
        .iter()
        .map(|r| r["language"].as_str().unwrap().to_string())
        .collect();
    let fr = langs.iter().filter(|l| *l == "fr").count() as f64 / langs.len() as f64;
    assert!(langs.iter().all(|l| l == "fr" || l == "es"));
    assert!((0.58..0.75).contains(&fr), "{fr}");
}

fn word_counts(bodies: &[String]) -> Vec<u64> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for body in bodies {
        for word in body
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            *counts.entry(word.to_lowercase()).or_default() += 1;
        }
    }
    let mut freqs: Vec<u64> = counts.into_values().collect();
    freqs.sort_unstable_by(|a, b| b.cmp(a));
    freqs
}

#[test]
fn word_frequencies_are_long_tailed() {
    let (out, _) = run(&GeneratorConfig::new(200, 2));
    let bodies: Vec<String> = records(&out)
        .iter()
        .map(|r| r["job_desc"].as_str().unwrap().to_string())
        .collect();
    let freqs = word_counts(&bodies);
    let total: u64 = freqs.iter().sum();
    let distinct = freqs.len();
    assert!(distinct > 2_000, "only {distinct} distinct words");
    // The ten most frequent words cover far more than ten uniform shares.
    let top10: u64 = freqs[..10].iter().sum();
    let uniform_share = 10.0 / distinct as f64;
    let top_share = top10 as f64 / total as f64;
    assert!(top_share > 10.0 * uniform_share, "top 10 cover {top_share}");
    // Frequency falls with rank, by orders of magnitude, and the tail is full of rare words.
    assert!(
        freqs[0] > 3 * freqs[9] && freqs[9] > 3 * freqs[99] && freqs[99] > 3 * freqs[999],
        "{:?}",
        &freqs[..10]
    );
    let rare = freqs.iter().filter(|&&f| f <= 2).count();
    assert!(
        rare as f64 > 0.1 * distinct as f64,
        "{rare} rare words of {distinct}"
    );
}

#[test]
fn field_phrases_hit_realistic_fractions() {
    let (out, _) = run(&GeneratorConfig::new(1_000, 13));
    let recs = records(&out);
    let fraction = |lang: &str, phrase: &str| {
        let of_lang: Vec<&str> = recs
            .iter()
            .filter(|r| r["language"] == lang)
            .map(|r| r["job_desc"].as_str().unwrap())
            .collect();
        of_lang
            .iter()
            .filter(|b| b.to_lowercase().contains(phrase))
            .count() as f64
            / of_lang.len() as f64
    };
    for (lang, phrase) in [
        ("en", "supply chain"),
        ("en", "monitoring and evaluation"),
        ("fr", "gestion de projet"),
    ] {
        let f = fraction(lang, phrase);
        println!("{lang} \"{phrase}\": {:.1}% of postings", f * 100.0);
        assert!((0.03..0.6).contains(&f), "{phrase}: {f}");
    }
}
