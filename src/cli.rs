//! The `vacancy` command line's arguments (clap: what each subcommand takes, with defaults
//! and the checks clap makes, exit code 2 on a bad argument) and its terminal output that
//! the library does not give (a posting's fields, a progress bar).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use vacancy_search::indexer::{Indexer, MAX_SEGMENT_DOCS};
use vacancy_search::ingest::{index_paths_with, IndexReport, COMMIT_EVERY};
use vacancy_search::search::{ExportFormat, FacetFilter, SortOrder};
use vacancy_search::{Error, Posting};

/// Exit codes, documented in the README.
pub mod exit {
    /// Everything worked.
    pub const SUCCESS: u8 = 0;
    /// A fatal error: nothing or not everything was done.
    pub const FAILURE: u8 = 1;
    /// The command line was wrong (clap's own code).
    #[allow(dead_code)]
    pub const USAGE: u8 = 2;
    /// The run finished but some postings were rejected.
    pub const REJECTED: u8 = 3;
    /// Another indexer holds the index.
    pub const LOCKED: u8 = 4;
    /// `vacancy bench` ran, but some requests failed (errors; shed requests do not count).
    pub const BENCH_ERRORS: u8 = 5;
}

/// The command line.
#[derive(Parser)]
#[command(name = "vacancy", version, about = "Search engine for job vacancies")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Show what is extracted from notices and feeds.
    Parse(ParseArgs),
    /// Index notices and feeds.
    Index(IndexArgs),
    /// Search the index from the terminal.
    Search(SearchArgs),
    /// Serve the JSON API and the search page (building the index first if there is none).
    Serve(ServeArgs),
    /// Write a synthetic corpus of realistic postings as JSON Lines.
    Generate(GenerateArgs),
    /// Stream every matching posting as CSV or JSON Lines (for spreadsheets and pandas).
    Export(ExportArgs),
    /// Put a running service (--url) or an index (--index) under load; report throughput and
    /// latency percentiles, overall and per query class.
    Bench(BenchArgs),
    /// Copy the index's last commit to a directory served by read replicas, atomically.
    Publish(PublishArgs),
}

#[derive(Args)]
pub struct ParseArgs {
    /// Notice files, JSON Lines feeds or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// One JSON object per posting.
    #[arg(long)]
    pub json: bool,
    /// Print only the fill rate of each field over all postings (and how many values did
    /// not normalise), instead of the postings.
    #[arg(long, conflicts_with = "json")]
    pub stats: bool,
}

#[derive(Args)]
pub struct IndexArgs {
    /// Index directory.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// Commit every N postings: a killed run loses at most N postings of work.
    #[arg(long, value_name = "N", default_value_t = COMMIT_EVERY, value_parser = positive)]
    pub commit_every: usize,
    /// No merge makes a segment of more than N postings: bounds the memory a merge maps and
    /// the work a run redoes on a large index (one segment up to N, fastest to search).
    #[arg(long, value_name = "N", default_value_t = MAX_SEGMENT_DOCS,
          value_parser = clap::value_parser!(u32).range(2..))]
    pub max_segment_docs: u32,
    /// Files and directories to index.
    #[arg(default_value = "corpus")]
    pub paths: Vec<PathBuf>,
}

/// Parses a count of at least 1.
fn positive(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Args)]
pub struct SearchArgs {
    /// Index directory.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// Print the API's JSON response body.
    #[arg(long)]
    pub json: bool,
    /// Facet filter FIELD=VALUE (repeatable; e.g. grade=P2).
    #[arg(long = "filter", value_name = "FIELD=VALUE")]
    pub filters: Vec<FacetFilter>,
    /// Only postings still open today.
    #[arg(long)]
    pub open: bool,
    /// relevance, published or closing.
    #[arg(long, default_value = "relevance")]
    pub sort: SortOrder,
    /// Page number.
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    /// Hits per page.
    #[arg(long, default_value_t = vacancy_search::search::DEFAULT_PER_PAGE)]
    pub per_page: usize,
    /// Query text (empty: browse).
    pub query: Vec<String>,
}

#[derive(Args)]
pub struct ExportArgs {
    /// Index directory.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// csv or jsonl.
    #[arg(long, default_value = "csv")]
    pub format: ExportFormat,
    /// Include the body of each posting.
    #[arg(long)]
    pub body: bool,
    /// Facet filter FIELD=VALUE (repeatable; e.g. region=Africa).
    #[arg(long = "filter", value_name = "FIELD=VALUE")]
    pub filters: Vec<FacetFilter>,
    /// Only postings still open today.
    #[arg(long)]
    pub open: bool,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Query text (empty: every posting).
    pub query: Vec<String>,
}

#[derive(Args)]
pub struct ServeArgs {
    /// Index directory.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// Address to listen on.
    #[arg(long, env = "VACANCY_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Corpus indexed when the index does not exist yet.
    #[arg(long, env = "VACANCY_CORPUS", default_value = "corpus")]
    pub corpus: PathBuf,
    /// Days after publication that a posting without closing date counts as open.
    #[arg(long, env = "VACANCY_UNKNOWN_CLOSING_DAYS",
          default_value_t = vacancy_search::search::DEFAULT_UNKNOWN_CLOSING_DAYS)]
    pub unknown_closing_days: u32,
    /// Public address of the service (`https://jobs.example.org`) for the absolute links of
    /// feeds, posting pages and the sitemap; default: the request's Host over http.
    #[arg(long, env = "VACANCY_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// A read replica: never build or write the index (nor take its writer lock); wait for
    /// a first published generation when there is none, and follow the next ones.
    #[arg(long, env = "VACANCY_READ_ONLY")]
    pub read_only: bool,
    /// Threads one search may use while cores are idle (default: the available cores; 1:
    /// each search on one thread).
    #[arg(long, env = "VACANCY_SEARCH_THREADS",
          value_parser = clap::value_parser!(u16).range(1..=1024).map(usize::from))]
    pub search_threads: Option<usize>,
    /// Searches answered at once, each on a thread of its own; more wait their turn (default:
    /// the cores, at least 2). More than the cores only share them: a little more throughput
    /// under load, slower slowest answers.
    #[arg(long, env = "VACANCY_CONCURRENT_SEARCHES",
          value_parser = clap::value_parser!(u16).range(1..=1024).map(usize::from))]
    pub concurrent_searches: Option<usize>,
    /// Runtime threads reading requests and writing answers (default: a quarter of the
    /// cores, at least 1). Searches run on threads of their own (--concurrent-searches).
    #[arg(long, env = "VACANCY_HTTP_THREADS",
          value_parser = clap::value_parser!(u16).range(1..=1024).map(usize::from))]
    pub http_threads: Option<usize>,
}

impl ServeArgs {
    /// The runtime's threads: `--http-threads`, else
    /// [`vacancy_search::server::default_http_threads`].
    pub fn http_threads(&self) -> usize {
        self.http_threads
            .unwrap_or_else(vacancy_search::server::default_http_threads)
    }

    /// The service's limits and links, as these arguments set them.
    pub fn settings(&self) -> anyhow::Result<vacancy_search::server::Settings> {
        let defaults = vacancy_search::server::Settings::default();
        Ok(vacancy_search::server::Settings {
            public_url: match self.public_url.as_deref() {
                Some(url) => Some(vacancy_search::render::Site::new(url).context("--public-url")?),
                None => None,
            },
            concurrent_searches: self
                .concurrent_searches
                .unwrap_or(defaults.concurrent_searches),
            ..defaults
        })
    }

    /// The index to serve, as these arguments describe it.
    pub fn served_index(&self) -> vacancy_search::server::ServedIndex {
        vacancy_search::server::ServedIndex {
            index: self.index.clone(),
            corpus: self.corpus.clone(),
            read_only: self.read_only,
            unknown_closing_days: self.unknown_closing_days,
            search_threads: self.search_threads,
        }
    }
}

#[derive(Args)]
pub struct PublishArgs {
    /// Index directory written by `vacancy index`.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// Directory that replicas serve (`vacancy serve --read-only --index DEST`).
    #[arg(long, value_name = "DEST")]
    pub to: PathBuf,
    /// Published generations whose files are kept (replicas may still be on an older one).
    #[arg(long, default_value_t = vacancy_search::publish::DEFAULT_KEEP, value_parser = positive)]
    pub keep: usize,
    /// Print what was done as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["url", "index"])))]
pub struct BenchArgs {
    /// Base URL of a running service, e.g. http://127.0.0.1:8080.
    #[arg(long)]
    pub url: Option<String>,
    /// Index directory, searched in this process instead of over HTTP.
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Query file: one query per line, plain text or a `?query-string`, optionally
    /// `CLASS<TAB>` first (default: a built-in mix of every class).
    #[arg(long)]
    pub queries: Option<PathBuf>,
    /// Connections (or threads in-process) sending requests back to back.
    #[arg(long, default_value_t = vacancy_search::bench::DEFAULT_CONCURRENCY,
          value_parser = clap::value_parser!(u16).range(1..=4096).map(usize::from))]
    pub concurrency: usize,
    /// Measured period: seconds, or with a unit (30s, 500ms, 1m).
    #[arg(long, default_value = "10", value_parser = duration)]
    pub duration: Duration,
    /// Warm-up before measuring, not counted.
    #[arg(long, default_value = "2", value_parser = duration)]
    pub warmup: Duration,
    /// Hits per page for queries that do not say.
    #[arg(long, default_value_t = vacancy_search::bench::BENCH_PER_PAGE,
          value_parser = clap::value_parser!(u8).range(1..=100).map(usize::from))]
    pub per_page: usize,
    /// Longest wait for one response; also for reaching the service at the start.
    #[arg(long, default_value = "5", value_parser = duration)]
    pub timeout: Duration,
    /// Over HTTP: wait up to this long for a service that is starting (not listening yet, or
    /// answering /healthz with 503 not_ready) before the run; 0 fails at once.
    #[arg(long, default_value = "0", value_parser = duration)]
    pub wait: Duration,
    /// Print the report as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// In-process: threads one search may use while cores are idle (default: the available
    /// cores; 1: each search on one thread). Over HTTP, `vacancy serve --search-threads`.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1024).map(usize::from))]
    pub search_threads: Option<usize>,
}

/// A `--duration`-style value for clap.
fn duration(text: &str) -> Result<Duration, String> {
    vacancy_search::bench::parse_duration(text).map_err(|e| match e {
        Error::InvalidParameter { message, .. } => message,
        other => other.to_string(),
    })
}

#[derive(Args)]
pub struct GenerateArgs {
    /// Number of postings.
    #[arg(long)]
    pub count: u64,
    /// Random seed: the same seed gives the same file.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Languages, comma-separated (fr, en, es).
    #[arg(long, default_value = "en,fr,es", value_delimiter = ',')]
    pub languages: Vec<String>,
    /// First publication day (YYYY-MM-DD); each posting closes 14 to 56 days after its own.
    #[arg(long, default_value = "2024-01-01")]
    pub published_from: chrono::NaiveDate,
    /// Days over which publication is spread from --published-from. A window from 60 days ago,
    /// 90 days long, makes most postings open today, as on a live board.
    #[arg(long, default_value_t = vacancy_search::generate::PUBLISHED_DAYS)]
    pub published_days: u64,
    /// Output file.
    #[arg(long)]
    pub out: PathBuf,
}

/// A posting's fields, one a line (the body as its length).
pub fn print_posting(out: &mut impl Write, posting: &Posting) -> std::io::Result<()> {
    let value = serde_json::to_value(posting).map_err(std::io::Error::other)?;
    if let serde_json::Value::Object(map) = value {
        for (key, value) in map {
            let shown = match &value {
                serde_json::Value::Null => "—".to_owned(),
                serde_json::Value::String(s) if key == "body" => {
                    format!("{} chars", s.chars().count())
                }
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            writeln!(out, "  {key:<18} {shown}")?;
        }
    }
    Ok(())
}

/// Indexes with a progress bar on a terminal.
pub fn index_with_progress(
    index: &Path,
    paths: &[PathBuf],
    commit_every: usize,
    max_segment_docs: u32,
) -> anyhow::Result<IndexReport> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed} {pos} postings read ({per_sec}) {msg}",
            )
            .expect("valid template"),
        );
        Some(bar)
    } else {
        None
    };
    let indexer = Indexer::open_with_segment_bound(index, max_segment_docs)
        .with_context(|| format!("indexing into {}", index.display()))?;
    let report = index_paths_with(indexer, paths, commit_every, |p| {
        if let Some(bar) = &bar {
            bar.set_position(p.read);
            if p.rejected > 0 {
                bar.set_message(format!("{} rejected", p.rejected));
            }
        }
    })
    .with_context(|| format!("indexing into {}", index.display()))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(report)
}

/// What `vacancy publish` did, in one sentence.
pub fn published_line(done: &vacancy_search::publish::Published, to: &Path) -> String {
    if done.changed {
        format!(
            "published generation {} ({} postings, opstamp {}) to {}: {} files ({} linked, {} \
             copied, {:.1} MB; {} already there); {} old files removed",
            done.generation,
            done.documents,
            done.opstamp,
            to.display(),
            done.files,
            done.linked,
            done.copied,
            done.bytes_copied as f64 / 1e6,
            done.reused,
            done.removed
        )
    } else {
        format!(
            "{} already serves generation {} ({} postings): nothing to do",
            to.display(),
            done.generation,
            done.documents
        )
    }
}

/// Logs to standard error; `RUST_LOG` chooses what (default: `info`, tantivy's warnings).
pub fn init_logging() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tantivy=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
}
