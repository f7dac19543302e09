//! Measures the gazetteer against a JSON Lines feed whose records carry both a free-text
//! `location` and an alpha-3 `country`.
//!
//! The `country` field is hidden from the resolver; the country resolved from `location`
//! (falling back to `job_title` and `job_desc`) is compared with it.
//!
//! ```text
//! cargo run --example gazetteer_accuracy [-- path/to/feed.jsonl]
//! ```
//! Without an argument it reads `../shared/corpus/unjobs-2024-11-07.jsonl` relative to the
//! crate root, and exits quietly if that file is absent.

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Instant;

use vacancy_search::geo::{gazetteer, Resolution};

fn main() -> std::io::Result<()> {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpus/unjobs-2024-11-07.jsonl")
        });
    if !path.exists() {
        eprintln!("{} not found; nothing to measure", path.display());
        return Ok(());
    }
    let start = Instant::now();
    let g = gazetteer();
    let _ = g.country("CHE");
    println!(
        "gazetteer loaded in {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );

    let file = std::io::BufReader::new(std::fs::File::open(&path)?);
    let (mut measured, mut agree, mut agree_location_only) = (0usize, 0usize, 0usize);
    let (mut remote, mut multiple, mut unknown, mut country_only) =
        (0usize, 0usize, 0usize, 0usize);
    let mut disagreements = Vec::new();
    for line in file.lines() {
        let line = line?;
        let Ok(rec) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let field = |k: &str| {
            rec.get(k)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let (Some(location), Some(expected)) = (field("location"), field("country")) else {
            continue;
        };
        measured += 1;
        let texts: Vec<&str> = [field("job_title"), field("job_desc")]
            .into_iter()
            .flatten()
            .collect();
        if g.resolve(location, None).country() == Some(expected) {
            agree_location_only += 1;
        }
        let r = g.resolve_posting(Some(location), None, &texts);
        match &r {
            Resolution::Remote => remote += 1,
            Resolution::Multiple => multiple += 1,
            Resolution::Unknown => unknown += 1,
            Resolution::Country { .. } => country_only += 1,
            Resolution::Place(_) => {}
        }
        if r.country() == Some(expected) {
            agree += 1;
        } else {
            disagreements.push(format!(
                "{location:?} expected {expected}, got {r:?} (title: {:?})",
                field("job_title").unwrap_or("")
            ));
        }
    }
    let pct = if measured == 0 {
        0.0
    } else {
        100.0 * agree as f64 / measured as f64
    };
    println!("records with location and country: {measured}");
    println!("country agreement: {agree}/{measured} = {pct:.2}%");
    println!(
        "location field alone: {agree_location_only}/{measured} = {:.2}%",
        if measured == 0 {
            0.0
        } else {
            100.0 * agree_location_only as f64 / measured as f64
        }
    );
    println!("resolved as Country only: {country_only}; Remote: {remote}; Multiple: {multiple}; Unknown: {unknown}");
    println!("first disagreements:");
    for d in disagreements.iter().take(30) {
        println!("  {d}");
    }
    Ok(())
}
