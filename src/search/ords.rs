//! Per-segment tables of facet term ordinals.
//!
//! Counting a hit in every facet reads one term ordinal per facet. Read from the fast-field
//! columns, each read goes through the column's optional index (most facets are missing
//! from some postings); read from these tables it is one row of a flat array. A table costs
//! 4 bytes per facet per document and is built once per segment, on the first search that
//! meets the segment; tables of segments merged away are dropped.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

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
#[derive(Default)]
pub struct OrdCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentOrds>>>,
}

impl OrdCache {
    /// The table of `reader`'s segment, built from `columns` if it is not cached yet.
    pub fn get(&self, reader: &SegmentReader, columns: &[Option<StrColumn>]) -> Arc<SegmentOrds> {
        let id = reader.segment_id();
        let mut segments = self.segments.lock().unwrap_or_else(PoisonError::into_inner);
        segments
            .entry(id)
            .or_insert_with(|| Arc::new(SegmentOrds::build(columns, reader.max_doc())))
            .clone()
    }

    /// Drops the tables of segments not in `live`.
    pub fn retain(&self, live: &[SegmentId]) {
        let mut segments = self.segments.lock().unwrap_or_else(PoisonError::into_inner);
        if segments.len() > live.len() || segments.keys().any(|id| !live.contains(id)) {
            segments.retain(|id, _| live.contains(id));
        }
    }
}
