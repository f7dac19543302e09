//! A whole indexing run: read sources, upsert every posting, report what was refused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tantivy::TantivyDocument;

use crate::indexer::{Indexer, Upsert};
use crate::schema::{to_document_with, Fields};
use crate::source::{read_raw_sources, RawItem, Rejection, SourceItem};
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

/// The run's summary on one line (rejections are listed by the caller, one a line).
impl std::fmt::Display for IndexReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "indexed {} postings ({} added, {} replaced), {} rejected, in {:.2} s: {:.0} \
             postings/s, {:.1} MB/s of text; {} postings in the index; {} duty stations not \
             resolved (region Unknown)",
            self.indexed(),
            self.added,
            self.replaced,
            self.rejected.len(),
            self.elapsed.as_secs_f64(),
            self.postings_per_second(),
            self.megabytes_per_second(),
            self.documents,
            self.unresolved_stations,
        )
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

/// Items handed to a parsing thread at a time.
const CHUNK_ITEMS: usize = 32;

/// Parsed items that may wait for the writer. A commit stops the writer while it flushes its
/// segment (0.2–0.5 s at [`COMMIT_EVERY`] real postings); this many keep the parsing threads
/// busy meanwhile (about a second of parsing on two cores), for ~15 kB each (the document's
/// text and stored posting).
const WAITING_ITEMS: usize = 2_048;

/// A read item after parsing, enrichment and document building.
enum Prepared {
    Posting {
        id: String,
        doc: Result<TantivyDocument>,
        unresolved: bool,
        text_bytes: u64,
    },
    Rejected(Rejection),
}

/// Parses, enriches and turns `raw` into a tantivy document: everything but the write,
/// so that it can run on any thread.
fn prepare(raw: RawItem, fields: &Fields) -> Prepared {
    match raw.parse() {
        SourceItem::Posting { mut posting, .. } => {
            crate::enrich::enrich(&mut posting);
            // The terms of the title and body are written while tagging, so the index's
            // analyzer does not split and look up every word again.
            let pre = crate::skills::tag_for_index(&mut posting);
            Prepared::Posting {
                unresolved: posting.region.as_deref() == Some(crate::enrich::UNKNOWN),
                text_bytes: (posting.body.len() + posting.title.as_ref().map_or(0, String::len))
                    as u64,
                doc: to_document_with(fields, &posting, pre.as_ref()),
                id: posting.id,
            }
        }
        SourceItem::Rejected(rejection) => Prepared::Rejected(rejection),
    }
}

/// Indexes `paths` (files and directories) into the index in `dir`, creating it if needed,
/// committing every `commit_every` postings (normally [`COMMIT_EVERY`]).
///
/// One bad posting never stops the others: it is recorded in the report. Only failures of
/// the index itself (lock held, disk full, unreadable index) are errors; the index then stays
/// at its last commit.
///
/// Files are read on one thread, parsed on as many threads as there are cores, and written
/// in the order read: a posting read twice ends as its last version, and a killed run has
/// committed a prefix of the sources.
pub fn index_paths(
    dir: &Path,
    paths: &[PathBuf],
    commit_every: usize,
    progress: impl FnMut(Progress),
) -> Result<IndexReport> {
    index_paths_with(Indexer::open(dir)?, paths, commit_every, progress)
}

/// [`index_paths`] with an indexer opened by the caller, e.g. with its own bound on segments
/// ([`Indexer::open_with_segment_bound`]).
pub fn index_paths_with(
    mut indexer: Indexer,
    paths: &[PathBuf],
    commit_every: usize,
    mut progress: impl FnMut(Progress),
) -> Result<IndexReport> {
    let started = Instant::now();
    // The skill taggers, one per language, are built on their own threads while the first
    // postings are read and parsed, rather than by the first parsing thread to need each.
    crate::skills::warm_up();
    indexer.set_sources(paths.iter().map(|p| p.display().to_string()).collect());
    let fields = indexer.fields().clone();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let mut report = IndexReport::default();
    std::thread::scope(|scope| -> Result<()> {
        let (raw_tx, raw_rx) = mpsc::sync_channel::<(u64, Vec<RawItem>)>(workers * 2);
        let (done_tx, done_rx) =
            mpsc::sync_channel::<(u64, Vec<Prepared>)>(WAITING_ITEMS / CHUNK_ITEMS);
        scope.spawn(move || {
            let mut items = read_raw_sources(paths);
            for seq in 0u64.. {
                let chunk: Vec<RawItem> = items.by_ref().take(CHUNK_ITEMS).collect();
                // A closed channel means the run stopped on an error: stop reading.
                if chunk.is_empty() || raw_tx.send((seq, chunk)).is_err() {
                    break;
                }
            }
        });
        // Each parser holds the receiving end: when the run stops early and they all return,
        // it is dropped and the reader's next send fails instead of blocking.
        let raw_rx = Arc::new(Mutex::new(raw_rx));
        for _ in 0..workers {
            let (raw_rx, done_tx, fields) = (Arc::clone(&raw_rx), done_tx.clone(), &fields);
            scope.spawn(move || loop {
                let next = raw_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                let Ok((seq, chunk)) = next else { break };
                let prepared = chunk.into_iter().map(|raw| prepare(raw, fields)).collect();
                if done_tx.send((seq, prepared)).is_err() {
                    break;
                }
            });
        }
        drop((raw_rx, done_tx));
        // Chunks come back in any order; they are written in the order read.
        let mut waiting: BTreeMap<u64, Vec<Prepared>> = BTreeMap::new();
        let mut next_seq = 0u64;
        let mut read = 0u64;
        for (seq, chunk) in done_rx {
            waiting.insert(seq, chunk);
            while let Some(chunk) = waiting.remove(&next_seq) {
                next_seq += 1;
                for item in chunk {
                    read += 1;
                    indexer.count_read();
                    match item {
                        Prepared::Posting {
                            id,
                            doc,
                            unresolved,
                            text_bytes,
                        } => {
                            report.unresolved_stations += u64::from(unresolved);
                            report.text_bytes += text_bytes;
                            match indexer.upsert_document(&id, doc?)? {
                                Upsert::Added => report.added += 1,
                                Upsert::Replaced => report.replaced += 1,
                            }
                            if indexer.pending() >= commit_every {
                                indexer.commit(false)?;
                            }
                        }
                        Prepared::Rejected(rejection) => report.rejected.push(rejection),
                    }
                    progress(Progress {
                        read,
                        rejected: report.rejected.len() as u64,
                    });
                }
            }
        }
        Ok(())
    })?;
    report.documents = indexer.finish()?;
    report.elapsed = started.elapsed();
    Ok(report)
}
