//! Criterion benchmarks: parsing, language detection, analysis, indexing and search.
//!
//! Run with `cargo bench`; CI only compiles them. The corpus is generated in memory with the
//! project's own generator (deterministic), so the figures are comparable from run to run.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::tokenizer::TokenStream;
use vacancy_search::analysis::Lang;
use vacancy_search::generate::{generate, GeneratorConfig};
use vacancy_search::indexer::Indexer;
use vacancy_search::posting::{detect_language, parse_feed_record};
use vacancy_search::search::{Engine, FacetField, SearchRequest, SortOrder};
use vacancy_search::Posting;

/// Postings in the benchmark corpus (kept small so `cargo bench` stays quick).
const CORPUS: u64 = 2_000;

fn corpus_lines() -> Vec<String> {
    let config = GeneratorConfig {
        languages: vec!["en".into(), "fr".into(), "es".into()],
        ..GeneratorConfig::new(CORPUS, 7)
    };
    let mut out = Vec::new();
    generate(&config, &mut out).expect("generate");
    String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn postings(lines: &[String]) -> Vec<Posting> {
    lines
        .iter()
        .map(|l| parse_feed_record(l).expect("generated records parse"))
        .collect()
}

fn generating(c: &mut Criterion) {
    let config = GeneratorConfig {
        languages: vec!["en".into(), "fr".into(), "es".into()],
        ..GeneratorConfig::new(500, 1)
    };
    let bytes = generate(&config, std::io::sink()).expect("generate").bytes;
    let mut group = c.benchmark_group("generate");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("feed_records", |b| {
        b.iter(|| black_box(generate(&config, std::io::sink()).expect("generate")))
    });
    group.finish();
}

fn parsing(c: &mut Criterion) {
    let lines = corpus_lines();
    let bytes: usize = lines.iter().map(String::len).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("feed_records", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(parse_feed_record(line).ok());
            }
        })
    });
    group.finish();

    let postings = postings(&lines[..200]);
    let bytes: usize = postings.iter().map(|p| p.body.len()).sum();
    let mut group = c.benchmark_group("language");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("detect", |b| {
        b.iter(|| {
            for p in &postings {
                black_box(detect_language(p.title.as_deref().unwrap_or(""), &p.body));
            }
        })
    });
    group.finish();
}

fn analysis(c: &mut Criterion) {
    let postings = postings(&corpus_lines()[..300]);
    let mut group = c.benchmark_group("analyze");
    for lang in [Lang::French, Lang::English, Lang::Spanish] {
        let texts: Vec<&str> = postings
            .iter()
            .filter(|p| Lang::for_code(&p.language) == lang)
            .map(|p| p.body.as_str())
            .collect();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        let mut analyzer = lang.analyzer();
        group.bench_function(lang.suffix(), |b| {
            b.iter(|| {
                let mut n = 0usize;
                for text in &texts {
                    let mut stream = analyzer.token_stream(text);
                    while stream.advance() {
                        n += 1;
                    }
                }
                black_box(n)
            })
        });
    }
    group.finish();
}

fn indexing(c: &mut Criterion) {
    let postings = postings(&corpus_lines()[..500]);
    let bytes: usize = postings.iter().map(|p| p.body.len()).sum();
    let mut group = c.benchmark_group("index");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("500_postings", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |dir| {
                let mut indexer = Indexer::open(dir.path()).expect("open");
                for p in &postings {
                    indexer.upsert(p).expect("upsert");
                }
                indexer.finish().expect("finish");
                dir
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn searching(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut indexer = Indexer::open(dir.path()).expect("open");
    for p in postings(&corpus_lines()) {
        indexer.upsert(&p).expect("upsert");
    }
    indexer.finish().expect("finish");
    let engine = Engine::open_manual(dir.path()).expect("engine");
    let mut filtered = SearchRequest::new("programme");
    filtered
        .filters
        .insert(FacetField::Language, vec!["en".into()]);
    let mut browse = SearchRequest::new("");
    browse.sort = SortOrder::Published;
    let classes = [
        ("single_term", SearchRequest::new("evaluation")),
        (
            "several_terms",
            SearchRequest::new("supply chain management"),
        ),
        ("phrase", SearchRequest::new("\"gestion de projet\"")),
        ("with_filters", filtered),
        ("browse_by_date", browse),
        ("rare_term", SearchRequest::new("epidemiology")),
    ];
    let mut group = c.benchmark_group("search");
    for (name, request) in &classes {
        group.bench_function(*name, |b| {
            b.iter(|| black_box(engine.search(request).expect("search")))
        });
    }
    group.finish();

    // The floor our layers are compared with: tantivy's own query parser over the same
    // fields (AND, the index's analyzers) and a bare `TopDocs` of 10 addresses — no facet
    // counts, no filters, no stored postings, no snippets.
    let index = engine.index();
    let schema = index.schema();
    let fields: Vec<_> = ["title", "body"]
        .iter()
        .flat_map(|prefix| {
            Lang::ALL.map(|lang| {
                schema
                    .get_field(&format!("{prefix}_{}", lang.suffix()))
                    .expect("text field")
            })
        })
        .collect();
    let mut parser = QueryParser::for_index(index, fields);
    parser.set_conjunction_by_default();
    let searcher = index.reader().expect("reader").searcher();
    let mut group = c.benchmark_group("bare_tantivy_top_docs");
    for (name, request) in &classes {
        if request.query.is_empty() {
            continue;
        }
        let query = parser.parse_query(&request.query).expect("query");
        let top = TopDocs::with_limit(10).order_by_score();
        group.bench_function(*name, |b| {
            b.iter(|| black_box(searcher.search(&query, &top).expect("search")))
        });
    }
    group.finish();
}

criterion_group!(benches, generating, parsing, analysis, indexing, searching);
criterion_main!(benches);
