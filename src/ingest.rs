//! A whole indexing run: read sources, upsert every posting, report what was refused.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::indexer::{Indexer, Upsert};
use crate::source::{read_sources, Rejection, SourceItem};
use crate::Result;

/// Postings per commit: a killed run loses at most this many.
pub const COMMIT_EVERY: usize = 10_000;

/// What an indexing run did.
#[derive(Debug, Default)]
pub struct IndexReport {
    /// Postings whose id was new.
    pub added: u64,
    /// Postings that replaced one with the same id.
    pub replaced: u64,
    /// Inputs refused, each with its file, line and reason.
    pub rejected: Vec<Rejection>,
    /// Bytes of posting text indexed (titles and bodies).
    pub text_bytes: u64,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// Live postings in the index at the end.
    pub documents: u64,
    /// Indexed postings whose duty station the gazetteer could not resolve (region
    /// [`crate::enrich::UNKNOWN`]).
    pub unresolved_stations: u64,
}

impl IndexReport {
    /// Postings indexed (added or replaced).
    #[must_use]
    pub fn indexed(&self) -> u64 {
        self.added + self.replaced
    }

    /// Postings indexed per second.
    #[must_use]
    pub fn postings_per_second(&self) -> f64 {
        self.indexed() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Megabytes of posting text indexed per second.
    #[must_use]
    pub fn megabytes_per_second(&self) -> f64 {
        self.text_bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Progress of a run, reported after every item.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Items read (postings and rejections).
    pub read: u64,
    /// Of which rejected.
    pub rejected: u64,
}

/// Indexes `paths` (files and directories) into the index in `dir`, creating it if needed,
/// committing every `commit_every` postings (normally [`COMMIT_EVERY`]).
///
/// One bad posting never stops the others: it is recorded in the report. Only failures of
/// the index itself (lock held, disk full, unreadable index) are errors; the index then stays
/// at its last commit.
pub fn index_paths(
    dir: &Path,
    paths: &[PathBuf],
    commit_every: usize,
    mut progress: impl FnMut(Progress),
) -> Result<IndexReport> {
    let started = Instant::now();
    let mut indexer = Indexer::open(dir)?;
    indexer.set_sources(paths.iter().map(|p| p.display().to_string()).collect());
    let mut report = IndexReport::default();
    for (read, item) in (1u64..).zip(read_sources(paths)) {
        indexer.count_read();
        match item {
            SourceItem::Posting { mut posting, .. } => {
                crate::enrich::enrich(&mut posting);
                if posting.region.as_deref() == Some(crate::enrich::UNKNOWN) {
                    report.unresolved_stations += 1;
                }
                report.text_bytes +=
                    (posting.body.len() + posting.title.as_ref().map_or(0, String::len)) as u64;
                match indexer.upsert(&posting)? {
                    Upsert::Added => report.added += 1,
                    Upsert::Replaced => report.replaced += 1,
                }
                if indexer.pending() >= commit_every {
                    indexer.commit(false)?;
                }
            }
            SourceItem::Rejected(rejection) => report.rejected.push(rejection),
        }
        progress(Progress {
            read,
            rejected: report.rejected.len() as u64,
        });
    }
    indexer.finish()?;
    report.documents = crate::search::Engine::open_manual(dir)?.num_docs();
    report.elapsed = started.elapsed();
    Ok(report)
}
