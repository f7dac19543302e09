//! `vacancy`: the command line of vacancy-search.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Parser;
use cli::{
    exit, BenchArgs, Cli, Command, ExportArgs, GenerateArgs, IndexArgs, ParseArgs, PublishArgs,
    SearchArgs, ServeArgs,
};
use vacancy_search::search::{Engine, SearchRequest};
use vacancy_search::source::{read_sources, SourceItem};
use vacancy_search::{enrich, Error};

/// mimalloc rather than the system allocator: a search decompresses document-store blocks
/// and analyses bodies into short-lived buffers, which glibc's allocator keeps returning to
/// the kernel and faulting back in (a fifth of search time in profiles).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::init_logging();
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
                    writeln!(out, "== {origin}")?;
                    cli::print_posting(&mut out, &posting)?;
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

fn index(args: IndexArgs) -> anyhow::Result<u8> {
    let report = cli::index_with_progress(
        &args.index,
        &args.paths,
        args.commit_every,
        args.max_segment_docs,
    )?;
    for rejection in &report.rejected {
        eprintln!("rejected: {rejection}");
    }
    eprintln!("{report}");
    Ok(if report.rejected.is_empty() {
        exit::SUCCESS
    } else {
        exit::REJECTED
    })
}

fn search(args: SearchArgs) -> anyhow::Result<u8> {
    let engine = Engine::open_manual(&args.index)?;
    let mut request = build_request(&args.query, args.filters, args.open);
    request.sort = args.sort;
    request.page = args.page;
    request.per_page = args.per_page;
    let response = engine.search(&request)?;
    if args.json {
        let mut out = std::io::stdout().lock();
        out.write_all(&response.to_json()?)?;
        writeln!(out)?;
    } else {
        print!("{response}");
    }
    Ok(exit::SUCCESS)
}

/// A request from the command line's query words, `FIELD=VALUE` filters and `--open`.
fn build_request(
    query: &[String],
    filters: Vec<vacancy_search::search::FacetFilter>,
    open: bool,
) -> SearchRequest {
    let mut request = SearchRequest::new(query.join(" ")).filters(filters);
    request.open_on = open.then(|| chrono::Local::now().date_naive());
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

fn serve(args: ServeArgs) -> anyhow::Result<u8> {
    let settings = args.settings()?;
    let served = args.served_index();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.http_threads())
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let shutdown = vacancy_search::server::shutdown_signal();
        vacancy_search::server::run(listener, settings, served, shutdown).await?;
        Ok(exit::SUCCESS)
    })
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
    } else {
        println!("{}", cli::published_line(&done, &args.to));
    }
    Ok(exit::SUCCESS)
}

fn generate(args: GenerateArgs) -> anyhow::Result<u8> {
    let config = vacancy_search::generate::GeneratorConfig {
        count: args.count,
        seed: args.seed,
        languages: args.languages,
        first_published: args.published_from,
        published_days: args.published_days,
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
    let config = BenchConfig {
        concurrency: args.concurrency,
        duration: args.duration,
        warmup: args.warmup,
        per_page: args.per_page,
        timeout: args.timeout,
        wait: args.wait,
        search_threads: args.search_threads,
        ..BenchConfig::new(target, workload)
    };
    eprintln!("{config}");
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
