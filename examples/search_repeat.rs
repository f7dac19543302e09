//! Runs every query of a file through the engine a given number of times, in process and on
//! one thread, and serialises each answer as the service would: a fixed amount of work, for
//! counting instructions rather than timing them.
//!
//! ```text
//! cargo build --release --example search_repeat
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='search_repeat::measured' \
//!     target/release/examples/search_repeat INDEX_DIR QUERIES [ROUNDS]
//! callgrind_annotate --inclusive=yes callgrind.out.*
//! ```
//! `QUERIES` holds one query a line, as `vacancy bench --queries` reads them: plain text, or
//! a `?query-string` with parameters (`#` comments and `CLASS<TAB>` prefixes are skipped). Each is asked for 10 hits (the peers' page) unless it
//! says otherwise. Every query runs once first, not measured (the per-thread word maps and
//! the segments' columns fill then); `measured` then runs `ROUNDS` rounds (default 2).
//! Instruction counts of the same binary, index and queries repeat to within 0.1 %, whatever
//! else the machine is doing; seconds on a shared 2-core machine drift by ±10 %. Without
//! valgrind the program prints the mean time of a search.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use vacancy_search::search::params::parse_search_params;
use vacancy_search::search::{Engine, SearchRequest};

/// The service's allocator, so that the instructions counted are those the service spends.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(index), Some(queries)) = (args.first(), args.get(1)) else {
        eprintln!("usage: search_repeat INDEX_DIR QUERIES [ROUNDS]");
        return ExitCode::from(2);
    };
    let rounds = match args.get(2).map(|r| r.parse::<usize>()) {
        None => 2,
        Some(Ok(rounds)) if rounds > 0 => rounds,
        Some(_) => {
            eprintln!("ROUNDS must be a positive number");
            return ExitCode::from(2);
        }
    };
    match run(Path::new(index), Path::new(queries), rounds) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(index: &Path, queries: &Path, rounds: usize) -> Result<(), String> {
    let engine = Engine::open(index)
        .map_err(|e| format!("{}: {e}", index.display()))?
        .with_search_threads(1);
    let text =
        std::fs::read_to_string(queries).map_err(|e| format!("{}: {e}", queries.display()))?;
    // A fixed day, so that `open=true` queries do the same work on any day.
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).expect("a valid date");
    let mut requests = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        // A `CLASS<TAB>` prefix only names the query's class.
        let line = line.split_once('\t').map_or(line, |(_, query)| query);
        let query_string = match line.strip_prefix('?') {
            Some(params) if params.contains("per_page=") => params.to_owned(),
            Some(params) => format!("{params}&per_page=10"),
            None => format!("q={}&per_page=10", encode(line)),
        };
        let request = parse_search_params(Some(&query_string), today)
            .map_err(|e| format!("{}:{}: {e}", queries.display(), number + 1))?;
        requests.push(request);
    }
    for request in &requests {
        engine.search(request).map_err(|e| e.to_string())?;
    }
    let started = Instant::now();
    let hits = measured(&engine, &requests, rounds)?;
    let searches = rounds * requests.len();
    println!(
        "{searches} searches ({hits} hits), {:.3} ms each",
        started.elapsed().as_secs_f64() * 1000.0 / searches.max(1) as f64
    );
    Ok(())
}

/// The measured part: `rounds` rounds of `requests`, each answer serialised to JSON.
/// Returns the number of hits shown.
#[inline(never)]
fn measured(engine: &Engine, requests: &[SearchRequest], rounds: usize) -> Result<usize, String> {
    let mut hits = 0;
    for _ in 0..rounds {
        for request in requests {
            let response = engine.search(request).map_err(|e| e.to_string())?;
            hits += response.hits.len();
            let json = response.to_json().map_err(|e| e.to_string())?;
            std::hint::black_box(json);
        }
    }
    Ok(hits)
}

/// `text` percent-encoded for a query string (every byte but ASCII letters and digits).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
