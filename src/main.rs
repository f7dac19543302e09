//! `vacancy`: the command line of vacancy-search.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use vacancy_search::ingest::{index_paths, IndexReport, COMMIT_EVERY};
use vacancy_search::search::{Engine, ExportFormat, FacetFilter, SearchRequest, SortOrder};
use vacancy_search::source::{read_sources, SourceItem};
use vacancy_search::{enrich, Error, Posting};

/// mimalloc rather than the system allocator: a search decompresses document-store blocks
/// and analyses bodies into short-lived buffers, which glibc's allocator keeps returning to
/// the kernel and faulting back in (a fifth of search time in profiles).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, documented in the README.
mod exit {
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

#[derive(Parser)]
#[command(name = "vacancy", version, about = "Search engine for job vacancies")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
struct ParseArgs {
    /// Notice files, JSON Lines feeds or directories.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// One JSON object per posting.
    #[arg(long)]
    json: bool,
    /// Print only the fill rate of each field over all postings (and how many values did
    /// not normalise), instead of the postings.
    #[arg(long, conflicts_with = "json")]
    stats: bool,
}

#[derive(Args)]
struct IndexArgs {
    /// Index directory.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    index: PathBuf,
    /// Commit every N postings: a killed run loses at most N postings of work.
    #[arg(long, value_name = "N", default_value_t = COMMIT_EVERY, value_parser = positive)]
    commit_every: usize,
    /// Files and directories to index.
    #[arg(default_value = "corpus")]
    paths: Vec<PathBuf>,
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
struct SearchArgs {
    /// Index directory.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    index: PathBuf,
    /// Print the API's JSON response body.
    #[arg(long)]
    json: bool,
    /// Facet filter FIELD=VALUE (repeatable; e.g. grade=P2).
    #[arg(long = "filter", value_name = "FIELD=VALUE")]
    filters: Vec<FacetFilter>,
    /// Only postings still open today.
    #[arg(long)]
    open: bool,
    /// relevance, published or closing.
    #[arg(long, default_value = "relevance")]
    sort: SortOrder,
    /// Page number.
    #[arg(long, default_value_t = 1)]
    page: usize,
    /// Hits per page.
    #[arg(long, default_value_t = vacancy_search::search::DEFAULT_PER_PAGE)]
    per_page: usize,
    /// Query text (empty: browse).
    query: Vec<String>,
}

#[derive(Args)]
struct ExportArgs {
    /// Index directory.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    index: PathBuf,
    /// csv or jsonl.
    #[arg(long, default_value = "csv")]
    format: ExportFormat,
    /// Include the body of each posting.
    #[arg(long)]
    body: bool,
    /// Facet filter FIELD=VALUE (repeatable; e.g. region=Africa).
    #[arg(long = "filter", value_name = "FIELD=VALUE")]
    filters: Vec<FacetFilter>,
    /// Only postings still open today.
    #[arg(long)]
    open: bool,
    /// Output file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Query text (empty: every posting).
    query: Vec<String>,
}

#[derive(Args)]
struct ServeArgs {
    /// Index directory.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    index: PathBuf,
    /// Address to listen on.
    #[arg(long, env = "VACANCY_ADDR", default_value = "127.0.0.1:8080")]
    addr: String,
    /// Corpus indexed when the index does not exist yet.
    #[arg(long, env = "VACANCY_CORPUS", default_value = "corpus")]
    corpus: PathBuf,
    /// Days after publication that a posting without closing date counts as open.
    #[arg(long, env = "VACANCY_UNKNOWN_CLOSING_DAYS",
          default_value_t = vacancy_search::search::DEFAULT_UNKNOWN_CLOSING_DAYS)]
    unknown_closing_days: u32,
    /// Public address of the service (`https://jobs.example.org`) for the absolute links of
    /// feeds, posting pages and the sitemap; default: the request's Host over http.
    #[arg(long, env = "VACANCY_PUBLIC_URL")]
    public_url: Option<String>,
    /// A read replica: never build or write the index (nor take its writer lock); wait for
    /// a first published generation when there is none, and follow the next ones.
    #[arg(long, env = "VACANCY_READ_ONLY")]
    read_only: bool,
}

#[derive(Args)]
struct PublishArgs {
    /// Index directory written by `vacancy index`.
    #[arg(long, env = "VACANCY_INDEX", default_value = "index")]
    index: PathBuf,
    /// Directory that replicas serve (`vacancy serve --read-only --index DEST`).
    #[arg(long, value_name = "DEST")]
    to: PathBuf,
    /// Published generations whose files are kept (replicas may still be on an older one).
    #[arg(long, default_value_t = vacancy_search::publish::DEFAULT_KEEP, value_parser = positive)]
    keep: usize,
    /// Print what was done as one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["url", "index"])))]
struct BenchArgs {
    /// Base URL of a running service, e.g. http://127.0.0.1:8080.
    #[arg(long)]
    url: Option<String>,
    /// Index directory, searched in this process instead of over HTTP.
    #[arg(long)]
    index: Option<PathBuf>,
    /// Query file: one query per line, plain text or a `?query-string`, optionally
    /// `CLASS<TAB>` first (default: a built-in mix of every class).
    #[arg(long)]
    queries: Option<PathBuf>,
    /// Connections (or threads in-process) sending requests back to back.
    #[arg(long, default_value_t = vacancy_search::bench::DEFAULT_CONCURRENCY,
          value_parser = clap::value_parser!(u16).range(1..=4096).map(usize::from))]
    concurrency: usize,
    /// Measured period: seconds, or with a unit (30s, 500ms, 1m).
    #[arg(long, default_value = "10", value_parser = duration)]
    duration: Duration,
    /// Warm-up before measuring, not counted.
    #[arg(long, default_value = "2", value_parser = duration)]
    warmup: Duration,
    /// Hits per page for queries that do not say.
    #[arg(long, default_value_t = vacancy_search::bench::DEFAULT_PER_PAGE,
          value_parser = clap::value_parser!(u8).range(1..=100).map(usize::from))]
    per_page: usize,
    /// Longest wait for one response; also for reaching the service at the start.
    #[arg(long, default_value = "5", value_parser = duration)]
    timeout: Duration,
    /// Print the report as one JSON object.
    #[arg(long)]
    json: bool,
}

/// A `--duration`-style value for clap.
fn duration(text: &str) -> Result<Duration, String> {
    vacancy_search::bench::parse_duration(text).map_err(|e| match e {
        Error::InvalidParameter { message, .. } => message,
        other => other.to_string(),
    })
}

#[derive(Args)]
struct GenerateArgs {
    /// Number of postings.
    #[arg(long)]
    count: u64,
    /// Random seed: the same seed gives the same file.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Languages, comma-separated (fr, en, es).
    #[arg(long, default_value = "en,fr,es", value_delimiter = ',')]
    languages: Vec<String>,
    /// Output file.
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tantivy=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse(args),
        Command::Index(args) => index(args),
        Command::Search(args) => search(args),
        Command::Serve(args) => serve(args),
        Command::Generate(args) => generate(args),
        Command::Export(args) => export(args),
        Command::Bench(args) => bench(args),
        Command::Publish(args) => publish(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("error: {error:#}");
            let locked = error
                .downcast_ref::<Error>()
                .is_some_and(|e| matches!(e, Error::IndexLocked(_)));
            ExitCode::from(if locked { exit::LOCKED } else { exit::FAILURE })
        }
    }
}

fn parse(args: ParseArgs) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut rejected = 0;
    let mut stats = vacancy_search::posting::stats::FillStats::new();
    for item in read_sources(&args.paths) {
        match item {
            SourceItem::Posting {
                mut posting,
                origin,
            } => {
                enrich::enrich(&mut posting);
                vacancy_search::skills::tag(&mut posting);
                if args.stats {
                    stats.add(&posting);
                } else if args.json {
                    serde_json::to_writer(&mut out, &posting)?;
                    writeln!(out)?;
                } else {
                    let place = match origin.line {
                        Some(line) => format!("{}:{line}", origin.file.display()),
                        None => origin.file.display().to_string(),
                    };
                    writeln!(out, "== {place}")?;
                    print_posting(&mut out, &posting)?;
                }
            }
            SourceItem::Rejected(rejection) => {
                rejected += 1;
                eprintln!("rejected: {rejection}");
            }
        }
    }
    if args.stats {
        stats.rejected = rejected;
        write!(out, "{stats}")?;
    }
    out.flush()?;
    Ok(if rejected > 0 {
        exit::REJECTED
    } else {
        exit::SUCCESS
    })
}

fn print_posting(out: &mut impl Write, posting: &Posting) -> std::io::Result<()> {
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

fn index(args: IndexArgs) -> anyhow::Result<u8> {
    let report = index_with_progress(&args.index, &args.paths, args.commit_every)?;
    print_report(&report);
    Ok(if report.rejected.is_empty() {
        exit::SUCCESS
    } else {
        exit::REJECTED
    })
}

/// Indexes with a progress bar on a terminal.
fn index_with_progress(
    index: &Path,
    paths: &[PathBuf],
    commit_every: usize,
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
    let report = index_paths(index, paths, commit_every, |p| {
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

fn print_report(report: &IndexReport) {
    for rejection in &report.rejected {
        eprintln!("rejected: {rejection}");
    }
    eprintln!(
        "indexed {} postings ({} added, {} replaced), {} rejected, in {:.2} s: {:.0} postings/s, {:.1} MB/s of text; {} postings in the index; {} duty stations not resolved (region Unknown)",
        report.indexed(),
        report.added,
        report.replaced,
        report.rejected.len(),
        report.elapsed.as_secs_f64(),
        report.postings_per_second(),
        report.megabytes_per_second(),
        report.documents,
        report.unresolved_stations,
    );
}

fn search(args: SearchArgs) -> anyhow::Result<u8> {
    let engine = Engine::open_manual(&args.index)?;
    let mut request = build_request(&args.query, args.filters, args.open);
    request.sort = args.sort;
    request.page = args.page;
    request.per_page = args.per_page;
    let response = engine.search(&request)?;
    if args.json {
        println!("{}", serde_json::to_string(&response)?);
        return Ok(exit::SUCCESS);
    }
    println!(
        "{} postings ({:.1} ms), page {}",
        response.total, response.took_ms, response.page
    );
    for hit in &response.hits {
        println!(
            "\n{:>6.2}  {}  [{}]",
            hit.score,
            hit.title.as_deref().unwrap_or("(no title)"),
            hit.id
        );
        let facts: Vec<&str> = [
            hit.organization.as_deref(),
            hit.grade.as_deref(),
            hit.duty_station.as_deref(),
            hit.contract_type.as_deref(),
            Some(hit.language.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        println!("        {}", facts.join(" · "));
        if let Some(closing) = hit.closing {
            println!("        closes {closing}");
        }
        println!("        {}", plain_snippet(&hit.snippet));
    }
    Ok(exit::SUCCESS)
}

/// A request from the command line's query words, `FIELD=VALUE` filters and `--open`.
fn build_request(query: &[String], filters: Vec<FacetFilter>, open: bool) -> SearchRequest {
    let mut request = SearchRequest::new(query.join(" "));
    for filter in filters {
        request = request.filter(filter.field, filter.value);
    }
    if open {
        request.open_on = Some(chrono::Local::now().date_naive());
    }
    request
}

fn export(args: ExportArgs) -> anyhow::Result<u8> {
    let engine = Engine::open_manual(&args.index)?;
    let request = build_request(&args.query, args.filters, args.open);
    let format = args.format;
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let rows = engine.export(&request, &mut out, format, args.body)?;
    out.flush()?;
    eprintln!("exported {rows} postings");
    Ok(exit::SUCCESS)
}

/// The snippet for a terminal: marks as brackets, entities decoded.
fn plain_snippet(html: &str) -> String {
    let html = html.split_whitespace().collect::<Vec<_>>().join(" ");
    html.replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn serve(args: ServeArgs) -> anyhow::Result<u8> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let public_url = match args.public_url.as_deref() {
            Some(url) => Some(vacancy_search::render::Site::new(url).context("--public-url")?),
            None => None,
        };
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let state = vacancy_search::server::AppState::new(vacancy_search::server::Settings {
            public_url,
            ..Default::default()
        });
        let index = args.index.clone();
        let corpus = args.corpus.clone();
        let unknown_closing_days = args.unknown_closing_days;
        let ready = state.clone();
        let read_only = args.read_only;
        let build = tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            if read_only {
                wait_for_index(&index);
            } else if !vacancy_search::store::index_exists(&index) {
                tracing::info!(
                    "no index at {}: building it from {}",
                    index.display(),
                    corpus.display()
                );
                let report = index_with_progress(&index, &[corpus], COMMIT_EVERY)?;
                print_report(&report);
            }
            let engine = Engine::open(&index)?.with_unknown_closing_days(unknown_closing_days);
            tracing::info!("{} postings ready", engine.num_docs());
            ready.set_engine(std::sync::Arc::new(engine));
            Ok(())
        });
        tokio::spawn(vacancy_search::server::follow_commits(
            state.clone(),
            vacancy_search::server::REFRESH_EVERY,
        ));
        tracing::info!("listening on http://{}", listener.local_addr()?);
        let server = tokio::spawn(vacancy_search::server::serve(
            listener,
            state,
            vacancy_search::server::shutdown_signal(),
        ));
        build.await??;
        server.await??;
        tracing::info!("stopped");
        Ok(exit::SUCCESS)
    })
}

/// Waits until `index` holds a committed index (a replica started before the first publish).
fn wait_for_index(index: &Path) {
    if !vacancy_search::store::index_exists(index) {
        tracing::info!("no index at {} yet: waiting for one", index.display());
        while !vacancy_search::store::index_exists(index) {
            std::thread::sleep(vacancy_search::server::REFRESH_EVERY);
        }
    }
}

fn publish(args: PublishArgs) -> anyhow::Result<u8> {
    let done =
        vacancy_search::publish::publish(&args.index, &args.to, args.keep).with_context(|| {
            format!(
                "publishing {} to {}",
                args.index.display(),
                args.to.display()
            )
        })?;
    if args.json {
        println!("{}", serde_json::to_string(&done)?);
    } else if done.changed {
        println!(
            "published generation {} ({} postings, opstamp {}) to {}: {} files ({} linked, {} copied, {:.1} MB; {} already there); {} old files removed",
            done.generation, done.documents, done.opstamp, args.to.display(), done.files,
            done.linked, done.copied, done.bytes_copied as f64 / 1e6, done.reused, done.removed
        );
    } else {
        println!(
            "{} already serves generation {} ({} postings): nothing to do",
            args.to.display(),
            done.generation,
            done.documents
        );
    }
    Ok(exit::SUCCESS)
}

fn generate(args: GenerateArgs) -> anyhow::Result<u8> {
    let config = vacancy_search::generate::GeneratorConfig {
        count: args.count,
        seed: args.seed,
        languages: args.languages,
    };
    let file = std::fs::File::create(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let stats = vacancy_search::generate::generate(&config, std::io::BufWriter::new(file))?;
    eprintln!(
        "wrote {} postings ({:.1} MB) to {}",
        stats.postings,
        stats.bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(exit::SUCCESS)
}

fn bench(args: BenchArgs) -> anyhow::Result<u8> {
    use vacancy_search::bench::{run, BenchConfig, Target, Workload};
    let today = chrono::Local::now().date_naive();
    let workload = match &args.queries {
        Some(path) => Workload::from_file(path, today)?,
        None => Workload::builtin(today),
    };
    let target = match (args.url, args.index) {
        (Some(url), None) => Target::Http(url),
        (None, Some(index)) => Target::Index(index),
        _ => bail!("give exactly one of --url and --index"),
    };
    let mut config = BenchConfig::new(target, workload);
    config.concurrency = args.concurrency;
    config.duration = args.duration;
    config.warmup = args.warmup;
    config.per_page = args.per_page;
    config.timeout = args.timeout;
    eprintln!(
        "benchmarking {} with {} queries, concurrency {}: {:.1} s of warm-up, then {:.1} s measured",
        match &config.target {
            Target::Http(url) => url.clone(),
            Target::Index(dir) => format!("{} (in-process)", dir.display()),
        },
        config.workload.queries.len(),
        config.concurrency,
        config.warmup.as_secs_f64(),
        config.duration.as_secs_f64(),
    );
    let report = run(&config)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write!(out, "{report}")?;
    }
    out.flush()?;
    Ok(if report.total.errors > 0 {
        exit::BENCH_ERRORS
    } else {
        exit::SUCCESS
    })
}
