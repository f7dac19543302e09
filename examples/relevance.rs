//! Ranking report: runs every query of a relevance collection against an index, in process,
//! and prints nDCG@10, P@10 and R@50 overall and per query language.
//!
//! ```text
//! cargo run --example relevance -- INDEX_DIR [COLLECTION_DIR] [--per-query] [--run FILE]
//! ```
//! `COLLECTION_DIR` holds `queries.tsv` and `qrels.tsv` (default `../shared/relevance`
//! relative to the crate root). The queries are sent as a searcher sends them: text only, no
//! `lang` (the engine infers it), 50 results. `--run FILE` also writes the TREC run.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use vacancy_search::relevance::{read_qrels, read_topics, report, RECALL_DEPTH};
use vacancy_search::search::{Engine, SearchRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let mut per_query = false;
    let mut run_file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--per-query" => per_query = true,
            "--run" => run_file = Some(PathBuf::from(args.next().ok_or("--run needs a file")?)),
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    let index = positional
        .first()
        .ok_or("usage: relevance INDEX_DIR [COLLECTION_DIR] [--per-query] [--run FILE]")?;
    let collection = positional
        .get(1)
        .cloned()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/relevance"));
    let topics = read_topics(&collection.join("queries.tsv"))?;
    let qrels = read_qrels(&collection.join("qrels.tsv"))?;
    let engine = Engine::open_manual(index)?;
    let mut runs = BTreeMap::new();
    let mut out = match &run_file {
        Some(path) => Some(std::fs::File::create(path)?),
        None => None,
    };
    for topic in &topics {
        let request = SearchRequest {
            per_page: RECALL_DEPTH,
            ..SearchRequest::new(topic.query.clone())
        };
        let response = engine.search(&request)?;
        if let Some(out) = out.as_mut() {
            for (rank, hit) in response.hits.iter().enumerate() {
                writeln!(
                    out,
                    "{} Q0 {} {} {} engine",
                    topic.id,
                    hit.posting.id,
                    rank + 1,
                    1000 - rank
                )?;
            }
        }
        runs.insert(
            topic.id.clone(),
            response
                .hits
                .into_iter()
                .map(|h| h.posting.id)
                .collect::<Vec<_>>(),
        );
    }
    let report = report(&topics, &qrels, &runs);
    if per_query {
        for (topic, s) in &report.per_query {
            println!(
                "{} {:<2} {:>6.4} {:>5.2} {:>5.2}  {}",
                topic.id, topic.lang, s.ndcg, s.precision, s.recall, topic.query
            );
        }
    }
    print!("{report}");
    Ok(())
}
