//! The `vacancy` binary: exit codes and reports.

use std::path::Path;
use std::process::Command;

fn vacancy() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vacancy"))
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum()
}

#[test]
fn index_reports_rejections_with_exit_code_3_and_keeps_the_rest() {
    let work = tempfile::tempdir().unwrap();
    let feed = work.path().join("feed.jsonl");
    std::fs::write(
        &feed,
        "{\"id\": 1, \"job_title\": \"Data analyst\", \"job_desc\": \"Grade: P-2\\n\\nAnalyse data.\"}\n\
         not json at all\n\
         {\"job_title\": \"No id\"}\n\
         {\"id\": 2, \"job_title\": \"Statistician\", \"job_desc\": \"Grade: P-3\\n\\nStatistics.\"}\n",
    )
    .unwrap();
    let index = work.path().join("index");
    let out = vacancy()
        .args(["index", "--index"])
        .arg(&index)
        .arg(&feed)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("feed.jsonl:2:"), "{stderr}");
    assert!(stderr.contains("feed.jsonl:3:"), "{stderr}");
    assert!(
        stderr.contains("indexed 2 postings (2 added, 0 replaced), 2 rejected"),
        "{stderr}"
    );

    let out = vacancy()
        .args(["search", "--json", "--index"])
        .arg(&index)
        .arg("statistics")
        .output()
        .unwrap();
    assert!(out.status.success());
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["total"], 1);
    assert_eq!(body["hits"][0]["id"], "2");
}

#[test]
fn reindexing_the_corpus_replaces_and_does_not_grow_the_index() {
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut sizes = Vec::new();
    for round in 0..3 {
        let out = vacancy()
            .args(["index", "--index"])
            .arg(&index)
            .arg(&corpus)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        if round > 0 {
            assert!(stderr.contains("(0 added, "), "{stderr}");
        }
        sizes.push(dir_size(&index));
    }
    // Replaced documents are merged away and their files collected.
    assert!(sizes[2] <= sizes[0] * 3 / 2, "index grew: {sizes:?}");
}

#[test]
fn a_second_indexer_fails_at_once_with_exit_code_4() {
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    let _writer = vacancy_search::indexer::Indexer::open(&index).unwrap();
    let out = vacancy()
        .args(["index", "--index"])
        .arg(&index)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("locked by another indexer"), "{stderr}");
}

#[test]
fn parse_json_has_the_documented_keys() {
    let notice = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/notices");
    let out = vacancy()
        .args(["parse", "--json"])
        .arg(&notice)
        .output()
        .unwrap();
    assert!(out.status.success());
    let first = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    for key in [
        "id",
        "title",
        "organization",
        "organization_raw",
        "grade",
        "vacancy_number",
        "job_id",
        "department",
        "unit",
        "duty_station",
        "contract_type",
        "contract_duration",
        "published",
        "listed",
        "closing",
        "language",
        "body",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn parse_stats_reports_fill_rates() {
    let feed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inline/feed.jsonl");
    let out = vacancy()
        .args(["parse", "--stats"])
        .arg(&feed)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("postings: 7 (rejected: 0)"), "{text}");
    let row = |field: &str| {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(field))
            .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>())
            .unwrap_or_else(|| panic!("no {field} row in {text}"))
    };
    // Six of the seven records state a deadline (the last one only in prose).
    assert_eq!(row("closing"), ["6", "85.7%", "0"]);
    assert_eq!(row("listed"), ["7", "100.0%", "0"]);
}

#[test]
fn export_writes_one_row_per_matching_posting() {
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    assert!(vacancy()
        .args(["index", "--index"])
        .arg(&index)
        .arg(&corpus)
        .output()
        .unwrap()
        .status
        .success());
    let search = vacancy()
        .args(["search", "--json", "--filter", "language=fr", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    let total = serde_json::from_slice::<serde_json::Value>(&search.stdout).unwrap()["total"]
        .as_u64()
        .unwrap();
    assert!(total > 0);
    let out = vacancy()
        .args([
            "export",
            "--format",
            "csv",
            "--filter",
            "language=fr",
            "--index",
        ])
        .arg(&index)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "region"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as u64, total);
    let language = headers.iter().position(|h| h == "language").unwrap();
    assert!(rows.iter().all(|r| &r[language] == "fr"));
}

#[test]
fn bad_sort_filter_and_format_are_usage_errors_with_exit_code_2() {
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    for (args, says) in [
        (vec!["search", "--sort", "salary", "audit"], "salary"),
        (vec!["search", "--filter", "grade", "audit"], "FIELD=VALUE"),
        (
            vec!["search", "--filter", "salary=high"],
            "unknown filter field `salary`",
        ),
        (vec!["export", "--format", "xlsx"], "xlsx"),
        (
            vec!["export", "--filter", "colour=blue"],
            "unknown filter field",
        ),
        (
            vec!["serve", "--read-only", "--concurrent-searches", "0"],
            "--concurrent-searches",
        ),
        (
            vec!["serve", "--read-only", "--http-threads", "0"],
            "--http-threads",
        ),
    ] {
        let out = vacancy()
            .args(&args)
            .arg("--index")
            .arg(&index)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

/// Live postings per segment of the index in `dir`.
fn segment_sizes(dir: &Path) -> Vec<u32> {
    let (index, _) = vacancy_search::store::open_index(dir).unwrap();
    let metas = index.searchable_segment_metas().unwrap();
    metas.iter().map(|s| s.num_docs()).collect()
}

/// Runs `command`, asserting that it succeeds; its standard output.
fn succeeds(command: &mut Command) -> Vec<u8> {
    let out = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{command:?}: {stderr}");
    out.stdout
}

#[test]
fn a_board_generated_around_today_is_mostly_open() {
    let work = tempfile::tempdir().unwrap();
    let feed = work.path().join("feed.jsonl");
    let from = chrono::Local::now().date_naive() - chrono::Days::new(60);
    succeeds(
        vacancy()
            .args([
                "generate",
                "--count",
                "120",
                "--seed",
                "5",
                "--published-days",
                "60",
            ])
            .args(["--published-from", &from.to_string(), "--out"])
            .arg(&feed),
    );
    let index = work.path().join("index");
    succeeds(vacancy().args(["index", "--index"]).arg(&index).arg(&feed));
    let total = |open: &[&str]| -> u64 {
        let stdout = succeeds(
            vacancy()
                .args(["search", "--json", "--per-page", "1", "--index"])
                .arg(&index)
                .args(open),
        );
        let answer: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
        answer["total"].as_u64().unwrap()
    };
    assert_eq!(total(&[]), 120);
    // Published over the 60 days before today, each open 14 to 56 days: more than half are
    // open today (~3 % would be with the default window, 2024–2027).
    let open = total(&["--open"]);
    assert!((30..=100).contains(&open), "{open} of 120 open");
    // An empty window is refused, naming the parameter.
    let out = vacancy()
        .args(["generate", "--count", "5", "--published-days", "0", "--out"])
        .arg(work.path().join("none.jsonl"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("published_days"));
}

#[test]
fn max_segment_docs_bounds_the_segments_an_index_run_leaves() {
    let work = tempfile::tempdir().unwrap();
    let feed = work.path().join("feed.jsonl");
    let out = vacancy()
        .args(["generate", "--count", "150", "--seed", "3", "--out"])
        .arg(&feed)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (bound, index) in [(Some("40"), "bounded"), (None, "default")] {
        let index = work.path().join(index);
        let mut command = vacancy();
        command.args(["index", "--commit-every", "10", "--index"]);
        command.arg(&index).arg(&feed);
        if let Some(bound) = bound {
            command.args(["--max-segment-docs", bound]);
        }
        let out = command.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let sizes = segment_sizes(&index);
        assert_eq!(sizes.iter().sum::<u32>(), 150, "{sizes:?}");
        match bound {
            Some(_) => assert!(
                sizes.len() >= 4 && sizes.iter().all(|&n| n <= 40),
                "{sizes:?}"
            ),
            None => assert_eq!(sizes, vec![150]),
        }
    }
    let out = vacancy()
        .args(["index", "--max-segment-docs", "1", "--index"])
        .arg(work.path().join("refused"))
        .arg(&feed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-segment-docs"));
}
