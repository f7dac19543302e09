//! Writing postings into the index: upsert by id, batch commits, one writer at a time, merges
//! of bounded size.

mod merge_policy;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tantivy::directory::error::{LockError, OpenWriteError};
use tantivy::index::SegmentId;
use tantivy::indexer::{IndexWriterOptions, NoMergePolicy};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{
    collector::Count, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError,
    Term,
};

use crate::schema::{to_document, Fields, SCHEMA_VERSION};
use crate::store::{open_or_create_index, CommitInfo};
use crate::{Error, Posting, Result};
pub use merge_policy::{final_merges, BoundedMergePolicy, MAX_SEGMENT_DOCS, SEGMENTS_PER_MERGE};

/// Memory the writer may use for its buffers, split between its threads.
pub const WRITER_MEMORY_BYTES: usize = 256 * 1024 * 1024;

/// What [`Indexer::upsert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// The id was new.
    Added,
    /// A posting with the same id was replaced.
    Replaced,
}

/// The single writer of an index.
///
/// Holding an `Indexer` holds the index's write lock: a second one on the same directory fails
/// at once with [`Error::IndexLocked`].
pub struct Indexer {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    /// The bulk writer; taken by [`Indexer::finish`], or by `drop`, which waits for its merges.
    writer: Option<IndexWriter>,
    /// Sees the last commit; used to tell additions from replacements.
    reader: IndexReader,
    /// Ids written since the last commit.
    uncommitted: HashSet<String>,
    /// Ids deleted since the last commit (and not written again since).
    deleted: HashSet<String>,
    info: CommitInfo,
    /// The segments the index held when this writer was opened.
    existing: HashSet<SegmentId>,
    /// Bound on the live postings of a merged segment.
    max_segment_docs: u32,
}

impl Indexer {
    /// Opens (or creates) the index in `dir` for writing, with an indexing thread per two
    /// cores (1 to 4) and merges bounded by [`MAX_SEGMENT_DOCS`].
    pub fn open(dir: &Path) -> Result<Indexer> {
        Indexer::open_with_segment_bound(dir, MAX_SEGMENT_DOCS)
    }

    /// Opens (or creates) the index in `dir` for writing; no merge, during the run or at its
    /// end ([`Indexer::finish`]), makes a segment of more than `max_segment_docs` live postings
    /// (see [`BoundedMergePolicy`]).
    pub fn open_with_segment_bound(dir: &Path, max_segment_docs: u32) -> Result<Indexer> {
        let (index, fields) = open_or_create_index(dir)?;
        // One per two cores: the texts reach tantivy analysed (`crate::analysis::pre_analysed`),
        // so parsing, enrichment, tagging and analysis (on as many threads as there are cores)
        // take about three fifths of a run's CPU and tantivy's writing two fifths. A second
        // indexing thread on two cores doubled the segments each commit flushes and the final
        // merge reads: 100k replica, 65-67 s of CPU and 36.7-38.0 s with two threads, 61-62 s
        // and 35.7-36.5 s with one (see docs/benchmarks.md).
        let threads = (std::thread::available_parallelism().map_or(1, |n| n.get()) / 2).clamp(1, 4);
        let existing = index
            .searchable_segment_ids()
            .map_err(|e| write_error(dir, e))?
            .into_iter()
            .collect();
        // One merge at a time: merges run beside the indexing threads on few cores, and each
        // reads its inputs through memory maps, so concurrent merges would add up.
        let options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(WRITER_MEMORY_BYTES / threads)
            .num_merge_threads(1)
            .build();
        let policy = BoundedMergePolicy::new(max_segment_docs);
        let max_segment_docs = policy.max_docs();
        let writer = index.writer_with_options(options).map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => {
                Error::IndexLocked(dir.to_path_buf())
            }
            other => write_error(dir, other),
        })?;
        writer.set_merge_policy(Box::new(policy));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Indexer {
            dir: dir.to_path_buf(),
            index,
            fields,
            writer: Some(writer),
            reader,
            uncommitted: HashSet::new(),
            deleted: HashSet::new(),
            info: CommitInfo {
                schema_version: SCHEMA_VERSION,
                pairs: crate::skills::phrase_pairs_fingerprint().to_owned(),
                ..CommitInfo::default()
            },
            existing,
            max_segment_docs,
        })
    }

    /// The directory of the index.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Records which sources this run reads (kept in every commit).
    pub fn set_sources(&mut self, sources: Vec<String>) {
        self.info.sources = sources;
    }

    /// Counts a read item (posting or rejection) for the commit record.
    pub fn count_read(&mut self) {
        self.info.read += 1;
    }

    /// Adds `posting`, replacing any posting with the same id (delete and add land in the same
    /// commit).
    pub fn upsert(&mut self, posting: &Posting) -> Result<Upsert> {
        let doc = to_document(&self.fields, posting)?;
        self.upsert_document(&posting.id, doc)
    }

    /// Adds `doc`, built by [`crate::schema::to_document`] from the posting `id` (possibly
    /// on another thread), replacing any posting with the same id.
    pub fn upsert_document(&mut self, id: &str, doc: TantivyDocument) -> Result<Upsert> {
        let existed = self.is_live(id)?;
        if existed {
            let term = Term::from_field_text(self.fields.id, id);
            self.writer().delete_term(term);
        }
        if let Err(e) = self.writer().add_document(doc) {
            return Err(self.worker_failure(e));
        }
        self.deleted.remove(id);
        self.uncommitted.insert(id.to_owned());
        Ok(if existed {
            Upsert::Replaced
        } else {
            Upsert::Added
        })
    }

    /// The index's fields (to build documents with [`crate::schema::to_document`]).
    #[must_use]
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Deletes the posting `id`; true if it existed.
    pub fn delete(&mut self, id: &str) -> Result<bool> {
        let existed = self.is_live(id)?;
        let term = Term::from_field_text(self.fields.id, id);
        self.writer().delete_term(term);
        self.uncommitted.remove(id);
        self.deleted.insert(id.to_owned());
        Ok(existed)
    }

    /// Postings written since the last commit.
    #[must_use]
    pub fn pending(&self) -> usize {
        self.uncommitted.len()
    }

    /// Commits what was written; `complete` says whether the run is over.
    pub fn commit(&mut self, complete: bool) -> Result<()> {
        self.info.complete = complete;
        let payload = serde_json::to_string(&self.info)?;
        let dir = self.dir.clone();
        let mut prepared = self
            .writer()
            .prepare_commit()
            .map_err(|e| write_error(&dir, e))?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(|e| write_error(&dir, e))?;
        self.reader.reload()?;
        self.uncommitted.clear();
        self.deleted.clear();
        Ok(())
    }

    /// Commits, waits for background merges, consolidates the segments this run wrote and
    /// removes files no longer used.
    ///
    /// An index of up to the bound on segments ([`MAX_SEGMENT_DOCS`] unless opened with
    /// [`Indexer::open_with_segment_bound`]) written by one run ends as one segment, which makes
    /// searches cheaper (per-segment set-up, facet values named once, no per-segment union of
    /// results), as Lucene's `forceMerge(1)` does. A larger run ends with segments of at most the
    /// bound, merged one at a time; a run adding postings to a large index merges what it wrote
    /// with the small segments only (see [`final_merges`]), never the whole index again.
    ///
    /// Returns the number of documents the finished index holds.
    pub fn finish(mut self) -> Result<u64> {
        self.commit(true)?;
        let documents = self.reader.searcher().num_docs();
        let writer = self.writer.take().expect("the writer lives until finish");
        writer
            .wait_merging_threads()
            .map_err(|e| write_error(&self.dir, e))?;
        let dir = std::mem::take(&mut self.dir);
        let index = self.index.clone();
        let existing = std::mem::take(&mut self.existing);
        let max_segment_docs = self.max_segment_docs;
        // The reader maps every segment: pages the merges below read would stay resident as
        // long as it lived.
        drop(self);
        // Merges finish after the commit, so the files they replaced can only be collected by
        // a writer opened afterwards; this keeps re-runs from growing the directory.
        let mut writer = finishing_writer(&index).map_err(|e| write_error(&dir, e))?;
        // Only the merges planned here, one at a time.
        writer.set_merge_policy(Box::new(NoMergePolicy));
        // The metas are dropped before the merges: a segment meta alive anywhere keeps its
        // files from being collected.
        let groups = final_merges(
            &index
                .searchable_segment_metas()
                .map_err(|e| write_error(&dir, e))?,
            &existing,
            max_segment_docs,
        );
        for group in groups {
            // Waited for, so its files are collected below by this same writer.
            writer
                .merge(&group)
                .wait()
                .map_err(|e| write_error(&dir, e))?;
        }
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| write_error(&dir, e))?;
        Ok(documents)
    }

    /// The error behind a failed `add_document`. When an indexing thread dies (disk full
    /// while flushing a segment), tantivy only says that the writer was killed; joining the
    /// threads, which preparing a commit does, gives the error that killed it. Nothing is
    /// committed: a commit that would prepare anyway is aborted.
    fn worker_failure(&mut self, error: TantivyError) -> Error {
        if matches!(error, TantivyError::ErrorInThread(_)) {
            match self.writer().prepare_commit() {
                Err(cause) => return write_error(&self.dir, cause),
                Ok(prepared) => {
                    let _ = prepared.abort();
                }
            }
        }
        write_error(&self.dir, error)
    }

    /// The bulk writer, which lives until [`Indexer::finish`] or `drop` takes it.
    fn writer(&mut self) -> &mut IndexWriter {
        self.writer
            .as_mut()
            .expect("only finish and drop take the writer")
    }

    /// Whether `id` is live once the pending writes and deletions are taken into account.
    fn is_live(&self, id: &str) -> Result<bool> {
        if self.uncommitted.contains(id) {
            return Ok(true);
        }
        if self.deleted.contains(id) {
            return Ok(false);
        }
        self.is_committed(id)
    }

    fn is_committed(&self, id: &str) -> Result<bool> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        Ok(self.reader.searcher().search(&query, &Count)? > 0)
    }
}

impl Drop for Indexer {
    /// Uncommitted writes are lost, as with tantivy's writer, but merges already running are
    /// waited for: a merge finishing after this writer's lock was released could otherwise
    /// commit segments that a later writer had deleted from, and bring those postings back.
    fn drop(&mut self) {
        if let Some(writer) = self.writer.take() {
            if let Err(error) = writer.wait_merging_threads() {
                tracing::warn!(dir = %self.dir.display(), %error, "a merge failed while the indexer was dropped");
            }
        }
    }
}

/// A failed write to the index in `dir`, as [`Error::IndexWrite`] with the operating
/// system's message when there is one (disk full, read-only file system).
fn write_error(dir: &Path, error: TantivyError) -> Error {
    let io = match &error {
        TantivyError::IoError(io) => Some(io),
        TantivyError::LockFailure(LockError::IoError(io), _) => Some(io),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => Some(io_error),
        _ => None,
    };
    Error::IndexWrite {
        path: dir.to_path_buf(),
        reason: io.map_or_else(|| error.to_string(), ToString::to_string),
    }
}

/// The writer [`Indexer::finish`] merges with, opened just after the bulk writer was dropped.
/// The lock file of a writer is released as the writer is dropped, but a busy lock was seen
/// once (a loaded machine, many test processes): a few short retries before giving up.
fn finishing_writer(index: &Index) -> tantivy::Result<IndexWriter> {
    let mut attempts = 0;
    loop {
        match index.writer_with_num_threads(1, 15_000_000) {
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) if attempts < 20 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}
