//! The tables and columns kept per segment for every search of an engine.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::SegmentReader;

use super::columns::SegmentColumns;
use super::ords::SegmentOrds;
use super::tagged::{Tagged, TaggedDocs, TaggedSets};

/// The tables and columns of the segments searched so far, shared by every search of an
/// engine.
///
/// The cache-wide lock is held only to find or insert a segment's slot; a table is built
/// outside it, in the segment's own [`OnceLock`], so a search never waits for the table of a
/// segment it does not read (after a commit, searches of the old segments go on while the
/// first search of a new segment builds its table). Columns map the segment's files: those
/// of segments merged away are let go at the next search ([`OrdCache::retain`]).
#[derive(Default)]
pub struct OrdCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentSlot>>>,
}

/// What [`OrdCache`] keeps of one segment, each filled by the first search that needs it
/// (the tagged postings, by each search that names skills not kept yet).
#[derive(Default)]
struct SegmentSlot {
    table: OnceLock<Arc<SegmentOrds>>,
    columns: OnceLock<Arc<SegmentColumns>>,
    tagged: TaggedSets,
}

impl OrdCache {
    /// The columns of `reader`'s segment, opened if they are not cached yet (two searches
    /// may both open them; one copy is kept). The segment's lock is not held while opening.
    pub fn columns(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentColumns>> {
        let slot = self.slot(reader.segment_id());
        if let Some(columns) = slot.columns.get() {
            return Ok(Arc::clone(columns));
        }
        let opened = Arc::new(SegmentColumns::open(reader)?);
        Ok(Arc::clone(slot.columns.get_or_init(|| opened)))
    }

    /// The live postings of `reader`'s segment tagged with one of `tagged`'s skills, read if
    /// they are not cached yet.
    pub fn tagged(
        &self,
        reader: &SegmentReader,
        tagged: &Tagged,
    ) -> tantivy::Result<Arc<TaggedDocs>> {
        self.slot(reader.segment_id()).tagged.get(reader, tagged)
    }

    /// The table of `reader`'s segment, built from `columns` if it is not cached yet.
    pub fn get(
        &self,
        reader: &SegmentReader,
        columns: &[Option<StrColumn>],
        multi: &[bool],
        together: &[&[usize]],
    ) -> Arc<SegmentOrds> {
        self.get_or_build(reader.segment_id(), || {
            SegmentOrds::build(columns, multi, together, reader.max_doc())
        })
    }

    /// The table cached for `id`, or the one `build` makes (run once per segment, outside the
    /// cache-wide lock).
    fn get_or_build(&self, id: SegmentId, build: impl FnOnce() -> SegmentOrds) -> Arc<SegmentOrds> {
        let slot = self.slot(id);
        Arc::clone(slot.table.get_or_init(|| Arc::new(build())))
    }

    /// The slot of segment `id`, made empty if there is none.
    fn slot(&self, id: SegmentId) -> Arc<SegmentSlot> {
        let mut segments = self.segments.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(segments.entry(id).or_default())
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
                    SegmentOrds::of_one_slot(1)
                })
            })
        };
        building.recv().unwrap();
        // The first build is still running: another segment's table is served meanwhile.
        let (done, served) = mpsc::channel();
        {
            let cache = Arc::clone(&cache);
            std::thread::spawn(move || {
                done.send(cache.get_or_build(other, || SegmentOrds::of_one_slot(2)))
            });
        }
        let table_other = served
            .recv_timeout(Duration::from_secs(10))
            .expect("a search of another segment waited for the slow build");
        assert_eq!(table_other.slot(0, 0), 2);
        release.send(()).unwrap();
        assert_eq!(builder.join().unwrap().slot(0, 0), 1);
        // Built once: later calls get the cached table, not a new build.
        assert_eq!(
            cache
                .get_or_build(slow, || SegmentOrds::of_one_slot(9))
                .slot(0, 0),
            1
        );
    }
}
