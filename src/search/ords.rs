//! Per-segment tables of facet term ordinals.
//!
//! Counting a hit in every facet reads one term ordinal per facet. Read from the fast-field
//! columns, each read goes through the column's optional index (most facets are missing
//! from some postings); read from these tables it is one row of a flat array. A table costs
//! 4 bytes per facet per document and is built once per segment, on the first search that
//! meets the segment; tables of segments merged away are dropped.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, SegmentReader};

/// The ordinal of a document with no value.
pub const NO_ORD: u32 = u32::MAX;

/// The facet ordinals of every document of one segment, row by row.
pub struct SegmentOrds {
    stride: usize,
    ords: Vec<u32>,
}

impl SegmentOrds {
    /// Reads every document's first ordinal in each column (`None`: the segment has no
    /// value for that facet).
    pub fn build(columns: &[Option<StrColumn>], max_doc: DocId) -> SegmentOrds {
        let stride = columns.len();
        let mut ords = vec![NO_ORD; stride * max_doc as usize];
        for (facet, column) in columns.iter().enumerate() {
            let Some(column) = column else { continue };
            for doc in 0..max_doc {
                if let Some(ord) = column.term_ords(doc).next() {
                    // Dictionaries beyond 4 billion terms do not occur; such a value is
                    // left uncounted rather than miscounted.
                    ords[doc as usize * stride + facet] = u32::try_from(ord).unwrap_or(NO_ORD);
                }
            }
        }
        SegmentOrds { stride, ords }
    }

    /// The ordinals of `doc`, one per facet, [`NO_ORD`] where it has none.
    #[inline]
    pub fn row(&self, doc: DocId) -> &[u32] {
        let start = doc as usize * self.stride;
        &self.ords[start..start + self.stride]
    }
}

/// The tables of the segments searched so far, shared by every search of an engine.
///
/// The cache-wide lock is held only to find or insert a segment's slot; a table is built
/// outside it, in the segment's own [`OnceLock`], so a search never waits for the table of a
/// segment it does not read (after a commit, searches of the old segments go on while the
/// first search of a new segment builds its table).
#[derive(Default)]
pub struct OrdCache {
    segments: Mutex<HashMap<SegmentId, Arc<OnceLock<Arc<SegmentOrds>>>>>,
}

impl OrdCache {
    /// The table of `reader`'s segment, built from `columns` if it is not cached yet.
    pub fn get(&self, reader: &SegmentReader, columns: &[Option<StrColumn>]) -> Arc<SegmentOrds> {
        self.get_or_build(reader.segment_id(), || {
            SegmentOrds::build(columns, reader.max_doc())
        })
    }

    /// The table cached for `id`, or the one `build` makes (run once per segment, outside the
    /// cache-wide lock).
    fn get_or_build(&self, id: SegmentId, build: impl FnOnce() -> SegmentOrds) -> Arc<SegmentOrds> {
        let slot = {
            let mut segments = self.segments.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(segments.entry(id).or_default())
        };
        Arc::clone(slot.get_or_init(|| Arc::new(build())))
    }

    /// Drops the tables of segments not in `live`.
    pub fn retain(&self, live: &[SegmentId]) {
        let mut segments = self.segments.lock().unwrap_or_else(PoisonError::into_inner);
        if segments.len() > live.len() || segments.keys().any(|id| !live.contains(id)) {
            segments.retain(|id, _| live.contains(id));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    fn table(value: u32) -> SegmentOrds {
        SegmentOrds {
            stride: 1,
            ords: vec![value],
        }
    }

    #[test]
    fn a_slow_build_does_not_hold_up_other_segments() {
        let cache = Arc::new(OrdCache::default());
        let (slow, other) = (SegmentId::generate_random(), SegmentId::generate_random());
        let (release, wait) = mpsc::channel::<()>();
        let (started, building) = mpsc::channel::<()>();
        let builder = {
            let cache = Arc::clone(&cache);
            std::thread::spawn(move || {
                cache.get_or_build(slow, || {
                    started.send(()).unwrap();
                    wait.recv().unwrap();
                    table(1)
                })
            })
        };
        building.recv().unwrap();
        // The first build is still running: another segment's table is served meanwhile.
        let (done, served) = mpsc::channel();
        {
            let cache = Arc::clone(&cache);
            std::thread::spawn(move || done.send(cache.get_or_build(other, || table(2))));
        }
        let table_other = served
            .recv_timeout(Duration::from_secs(10))
            .expect("a search of another segment waited for the slow build");
        assert_eq!(table_other.row(0), &[2]);
        release.send(()).unwrap();
        assert_eq!(builder.join().unwrap().row(0), &[1]);
        // Built once: later calls get the cached table, not a new build.
        assert_eq!(cache.get_or_build(slow, || table(9)).row(0), &[1]);
    }
}
