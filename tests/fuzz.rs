//! Fuzz-style property tests on stable Rust: the notice parser, the feed reader and the search
//! parameters → query path get random inputs and mutations of the project's own notices and
//! feeds. None may panic or take more than [`TIME_LIMIT`] on one input, and no HTTP request
//! may get a 5xx.
//!
//! Long run: `PROPTEST_CASES=200000 cargo test --release --test fuzz`.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use proptest::prelude::*;
use vacancy_search::posting::{parse_feed_record, parse_notice};
use vacancy_search::search::params::parse_search_params;
use vacancy_search::source::{read_sources, SourceItem};

/// Longest time one input may take, generous for debug builds on a loaded machine.
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// Files of `dir` (not recursive) ending in `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every notice of `corpus/` and `tests/fixtures/`.
fn notice_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut paths = files(&root().join("corpus/notices"), "txt");
        paths.extend(files(&root().join("tests/fixtures/notices"), "txt"));
        paths.extend(files(&root().join("tests/fixtures/bad"), "txt"));
        let seeds: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
        assert!(seeds.len() > 10, "notice seeds found: {}", seeds.len());
        // Lazy tables and regexes are built by the first call, outside the time limit.
        parse_notice(&String::from_utf8_lossy(&seeds[0]), "warm-up").ok();
        seeds
    })
}

/// Every feed line of `corpus/` and `tests/fixtures/`.
fn feed_seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut paths = files(&root().join("corpus"), "jsonl");
        paths.extend(files(&root().join("tests/fixtures"), "jsonl"));
        paths.extend(files(&root().join("tests/fixtures/bad"), "jsonl"));
        let mut seeds = Vec::new();
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            seeds.extend(
                bytes
                    .split(|b| *b == b'\n')
                    .filter(|l| !l.is_empty())
                    .map(<[u8]>::to_vec),
            );
        }
        assert!(seeds.len() > 20, "feed seeds found: {}", seeds.len());
        parse_feed_record(&String::from_utf8_lossy(&seeds[0])).ok();
        seeds
    })
}

/// Labels of the three languages, inserted to make headers with repeated or misplaced fields.
const LABELS: &[&str] = &[
    "Grade: ",
    "Grado: ",
    "Job ID: ",
    "Date de clôture : ",
    "Closing date: ",
    "Fecha de cierre: ",
    "Lieu d'affectation : ",
    "Duty Station: ",
    "Type de contrat: ",
    "Posting Title: ",
    "Vacancy No.: ",
    "\"job_desc\": \"",
    "\"id\": ",
];

/// One edit of a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    /// Flips bit `bit` of the byte at `at`.
    Flip { at: usize, bit: u8 },
    /// Inserts `bytes` at `at`.
    Insert { at: usize, bytes: Vec<u8> },
    /// Deletes up to `len` bytes from `at`.
    Delete { at: usize, len: usize },
    /// Cuts everything from `at`.
    Truncate { at: usize },
    /// Repeats the line holding byte `at` right after it.
    DuplicateLine { at: usize },
    /// Inserts a label (with `value`) as a new line before byte `at`.
    Label {
        at: usize,
        label: usize,
        value: String,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        2 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        2 => (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::Delete { at, len }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        2 => any::<usize>().prop_map(|at| Mutation::DuplicateLine { at }),
        2 => (any::<usize>(), 0..LABELS.len(), "\\PC{0,30}")
            .prop_map(|(at, label, value)| Mutation::Label { at, label, value }),
    ]
}

/// Applies `mutations` to `bytes` in order; positions wrap around the current length.
fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        let pos = |at: usize| if len == 0 { 0 } else { at % (len + 1) };
        match m {
            Mutation::Flip { at, bit } => {
                if len > 0 {
                    bytes[at % len] ^= 1 << bit;
                }
            }
            Mutation::Insert { at, bytes: new } => {
                let at = pos(*at);
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Delete { at, len: n } => {
                let at = pos(*at);
                let end = (at + n).min(len);
                bytes.drain(at..end);
            }
            Mutation::Truncate { at } => bytes.truncate(pos(*at)),
            Mutation::DuplicateLine { at } => {
                let at = pos(*at).min(len);
                let start = bytes[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = bytes[at..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(len, |i| at + i + 1);
                let line: Vec<u8> = bytes[start..end].to_vec();
                bytes.splice(end..end, line);
            }
            Mutation::Label { at, label, value } => {
                let at = pos(*at).min(len);
                let start = bytes[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                let line = format!("{}{value}\n", LABELS[*label]);
                bytes.splice(start..start, line.into_bytes());
            }
        }
    }
    bytes
}

/// A seed index and the mutations applied to that seed.
fn mutated(count: usize) -> impl Strategy<Value = (usize, Vec<Mutation>)> {
    (0..count, prop::collection::vec(mutation(), 0..6))
}

/// Runs `f`, failing if it takes longer than [`TIME_LIMIT`].
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    assert!(took < TIME_LIMIT, "{what} took {took:?}");
    out
}

/// Text shaped like a notice: label-ish lines, dates, punctuation and arbitrary characters.
fn notice_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        (0..LABELS.len(), "[0-9A-Za-zéñç/.,:() -]{0,40}")
            .prop_map(|(l, v)| format!("{}{v}", LABELS[l])),
        "[0-9]{1,2} (janvier|mai|March|abril|13|0) [0-9]{2,4}",
        "[;,.: -]{0,5}",
        "\\PC{0,80}",
        ".{0,80}",
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: common::proptest_cases(1_000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn notice_parser_survives_mutated_notices((seed, edits) in mutated(notice_seeds().len())) {
        let bytes = mutate(notice_seeds()[seed].clone(), &edits);
        let text = String::from_utf8_lossy(&bytes);
        let parsed = timed("parse_notice", || parse_notice(&text, "fuzz"));
        if let Ok(posting) = parsed {
            prop_assert!(!posting.id.is_empty());
        }
    }

    #[test]
    fn notice_parser_survives_random_text(text in notice_like()) {
        notice_seeds();
        timed("parse_notice", || parse_notice(&text, "fuzz")).ok();
    }

    #[test]
    fn feed_parser_survives_mutated_records((seed, edits) in mutated(feed_seeds().len())) {
        let bytes = mutate(feed_seeds()[seed].clone(), &edits);
        let line = String::from_utf8_lossy(&bytes);
        if let Ok(posting) = timed("parse_feed_record", || parse_feed_record(&line)) {
            prop_assert!(!posting.id.is_empty());
        }
    }

    #[test]
    fn feed_parser_survives_random_json(line in "[{}\\[\\]\":,0-9a-z_ \\\\nu.-]{0,200}|\\PC{0,200}") {
        feed_seeds();
        timed("parse_feed_record", || parse_feed_record(&line)).ok();
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: common::proptest_cases(300),
        ..ProptestConfig::default()
    })]

    /// Whole mutated feeds (bytes, so invalid UTF-8 and NUL bytes too) through the file reader:
    /// every line is a posting or a rejection naming its line.
    #[test]
    fn feed_reader_survives_mutated_files(
        picks in prop::collection::vec(0..feed_seeds().len(), 1..6),
        edits in prop::collection::vec(mutation(), 0..8),
    ) {
        let mut feed = Vec::new();
        for pick in picks {
            feed.extend_from_slice(&feed_seeds()[pick]);
            feed.push(b'\n');
        }
        let feed = mutate(feed, &edits);
        let dir = common::ram_tempdir();
        let path = dir.path().join("feed.jsonl");
        std::fs::write(&path, &feed).unwrap();
        let items: Vec<SourceItem> = timed("read_sources", || read_sources(std::slice::from_ref(&path)).collect());
        let lines = feed.split(|b| *b == b'\n').count();
        for item in &items {
            match item {
                SourceItem::Posting { origin, .. } => {
                    prop_assert!(origin.line.is_some_and(|l| l >= 1 && l <= lines));
                }
                SourceItem::Rejected(r) => {
                    prop_assert_eq!(&r.file, &path);
                }
            }
        }
    }
}

/// The query-text pieces random queries are made of: operators, field syntax for known and
/// unknown fields, regexes, ranges, quotes, parentheses, unicode and control characters.
const QUERY_PIECES: &[&str] = &[
    "(",
    ")",
    "(",
    ")",
    "\"",
    "\"",
    " ",
    " ",
    " ",
    "AND",
    "OR",
    "NOT",
    "-",
    "+",
    "title:",
    "body:",
    "grade:",
    "foo:",
    "id:",
    "*",
    "^2",
    "^",
    "~2",
    "/wat.*/",
    "[a TO z]",
    "{1 TO 5}",
    "IN [a b]",
    ":",
    "\\",
    "'",
    "hydrologist",
    "eau",
    "compétences",
    "de",
    "the",
    "日本",
    "🦀",
    "\u{0}",
    "\u{1b}",
    "\u{7f}",
    "\u{200b}",
    "%",
    "&",
    "=",
    "\t",
    "\n",
];

fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(QUERY_PIECES), 0..60)
            .prop_map(|parts| parts.concat()),
        2 => "\\PC{0,120}",
        1 => ".{0,120}",
        1 => (0usize..1_200, 0usize..1_200, "[a-z]{0,6}")
            .prop_map(|(open, close, word)| format!("{}{word}{}", "(".repeat(open), ")".repeat(close))),
        // Up to 30 kB: beyond the query limit, within what a URI may hold.
        1 => (1usize..30_000).prop_map(|n| "a ".repeat(n / 2)),
    ]
}

/// Names and values of search parameters, valid and not.
fn param() -> impl Strategy<Value = (String, String)> {
    let name = prop::sample::select(vec![
        "q",
        "page",
        "per_page",
        "sort",
        "open",
        "published_after",
        "published_before",
        "closing_after",
        "closing_before",
        "grade",
        "organization",
        "region",
        "language",
        "contract_type",
        "location",
        "by",
        "nope",
        "",
        "q[]",
        "PAGE",
    ]);
    let value = prop_oneof![
        prop::sample::select(vec![
            "0",
            "1",
            "2",
            "-1",
            "abc",
            "1000000000",
            "100000",
            "18446744073709551616",
            "true",
            "false",
            "relevance",
            "published",
            "closing",
            "2025-02-30",
            "2025-01-01",
            "1999-12-31",
            "P3",
            "/Africa/Northern Africa",
            "",
            "%00",
            "%FF",
            "%",
            "%zz",
            "+",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,20}",
    ];
    (name.prop_map(str::to_owned), value)
}

/// The shared index and router, and a runtime to drive it.
fn server() -> &'static (common::Fixture, tokio::runtime::Runtime) {
    static SERVER: OnceLock<(common::Fixture, tokio::runtime::Runtime)> = OnceLock::new();
    SERVER.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let fx = common::fixture();
        // The first search builds lazy state, outside the time limit.
        runtime.block_on(common::get(&fx.app, "/api/search?q=warm"));
        (fx, runtime)
    })
}

/// Sends `GET uri` and checks the answer is never a server error, and is JSON (but for
/// successful CSV exports).
fn get_ok(uri: &str) -> Result<(), TestCaseError> {
    let (fx, runtime) = server();
    let reply = timed("GET /api/search", || {
        runtime.block_on(common::get(&fx.app, uri))
    });
    prop_assert!(
        !reply.status.is_server_error(),
        "{} for {uri:.200}: {}",
        reply.status,
        String::from_utf8_lossy(&reply.body)
    );
    if reply.status.is_success() && uri.starts_with("/api/export.csv") {
        return Ok(());
    }
    let body = reply.json();
    if !reply.status.is_success() {
        // Errors never echo unbounded input.
        prop_assert!(
            reply.body.len() < 4_096,
            "{} bytes of error",
            reply.body.len()
        );
        prop_assert!(
            body["error"].is_object() || body["error"].is_string(),
            "{body}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: common::proptest_cases(1_000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn search_never_answers_5xx_to_random_queries(q in query_text()) {
        let encoded = utf8_percent_encode(&q, NON_ALPHANUMERIC).to_string();
        get_ok(&format!("/api/search?q={encoded}"))?;
    }

    #[test]
    fn search_never_answers_5xx_to_random_parameters(
        params in prop::collection::vec(param(), 0..6),
        raw in prop::bool::ANY,
    ) {
        let query: Vec<String> = params
            .iter()
            .map(|(name, value)| {
                // Half the time values go as written (raw `%`, `+`, broken escapes), else
                // encoded.
                let value = if raw {
                    value.chars().filter(|c| c.is_ascii_graphic()).collect()
                } else {
                    utf8_percent_encode(value, NON_ALPHANUMERIC).to_string()
                };
                format!("{name}={value}")
            })
            .collect();
        let query = query.join("&");
        for route in ["/api/search", "/api/stats", "/api/export.csv"] {
            let uri = format!("{route}?{query}");
            // Some raw strings are not valid URIs at all: the HTTP layer refuses them first.
            if uri.parse::<axum::http::Uri>().is_ok() {
                get_ok(&uri)?;
            }
        }
    }

    #[test]
    fn parameter_parsing_survives_any_query_string(raw in "[a-z_=&%+0-9A-F]{0,80}|\\PC{0,80}") {
        server();
        let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        timed("parse_search_params", || parse_search_params(Some(&raw), today)).ok();
    }
}
