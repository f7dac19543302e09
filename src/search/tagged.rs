//! The postings tagged with the skills a query names, and their facet counts, kept per
//! segment.
//!
//! A query that names a skill also finds every posting tagged with it
//! ([`super::skill_query::widen`]): `gestion de projet` matches 1,185 postings of the 100k
//! replica by its words and 15,634 with the tag. Counting the facets of those tagged postings
//! hit by hit repeats the same work on every such search. When a search counts every match
//! (no filter, date bound or location counted hit by hit), every live tagged posting is a
//! match, so the collector skips them as they come and adds their counts, computed once per
//! segment and range of documents, at the end: the counts are the same, the work is that
//! of the postings matched by words only.

use std::ops::Range;
use std::sync::Arc;

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Opstamp, SegmentReader, Term, TERMINATED};

use super::cache::FewKept;
use super::ords::SegmentOrds;

/// The skills a search's query names (concept ids), with the field that holds the tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// The `skill` facet field.
    pub field: Field,
    /// The recognised concept ids.
    pub ids: Arc<[String]>,
}

/// Most sets of tagged postings kept per segment (one per combination of recognised skills).
const KEPT_SETS: usize = 16;

/// Most ranges of documents whose counts are kept per set (one per way the segment is cut
/// into slices, and the first sixteenth of each for counting by complement).
const KEPT_RANGES: usize = 8;

/// Non-zero counts of a set of documents: (slot, count) pairs, slots as in [`SegmentOrds`].
pub type SparseCounts = Arc<[(u32, u32)]>;

/// The live postings of one segment tagged with one of a set of skills.
pub struct TaggedDocs {
    /// The postings, as a set (deleted postings are not in it).
    bits: BitSet,
    /// The same postings, in order.
    docs: Vec<DocId>,
    /// Counts of the postings within ranges of documents.
    ranges: FewKept<Range<DocId>, SparseCounts, KEPT_RANGES>,
}

impl TaggedDocs {
    /// Reads the live postings of `reader` tagged in `field` with one of `ids`.
    fn read(reader: &SegmentReader, field: Field, ids: &[String]) -> tantivy::Result<Self> {
        let inverted = reader.inverted_index(field)?;
        let alive = reader.alive_bitset();
        let mut bits = BitSet::with_max_value(reader.max_doc());
        let mut docs = Vec::new();
        for id in ids.iter() {
            let term = Term::from_field_text(field, id);
            let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) && bits.insert(doc) {
                    docs.push(doc);
                }
                doc = postings.advance();
            }
        }
        docs.sort_unstable();
        Ok(TaggedDocs {
            bits,
            docs,
            ranges: FewKept::default(),
        })
    }

    /// Whether `doc` is one of the tagged postings.
    #[inline]
    #[must_use]
    pub fn contains(&self, doc: DocId) -> bool {
        self.bits.contains(doc)
    }

    /// Whether no posting is tagged.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The counts (slots of `table`, in every facet) of the tagged postings within `range`:
    /// computed on first use, kept for the few ranges searches ask for.
    pub fn range_counts(&self, table: &SegmentOrds, range: Range<DocId>) -> SparseCounts {
        self.ranges.get_or_insert_with(range.clone(), || {
            let from = self.docs.partition_point(|d| *d < range.start);
            let to = self.docs.partition_point(|d| *d < range.end);
            let mut dense = table.take_counts();
            table.count_every_facet(&self.docs[from..to], &mut dense);
            let counts: SparseCounts = dense
                .iter()
                .enumerate()
                .filter(|(_, c)| **c != 0)
                .map(|(slot, c)| (slot as u32, *c))
                .collect();
            table.give_back(dense);
            counts
        })
    }
}

/// What a set of tagged postings is read for: the skills, and the segment's deletions at the
/// time (see [`SegmentReader::delete_opstamp`]).
type SetKey = (Arc<[String]>, Option<Opstamp>);

/// The sets of tagged postings of one segment (see [`TaggedDocs`]), by skills and deletions.
#[derive(Default)]
pub struct TaggedSets {
    kept: FewKept<SetKey, Arc<TaggedDocs>, KEPT_SETS>,
}

impl TaggedSets {
    /// The postings of `reader`'s segment tagged with one of `tagged`'s skills, read if they
    /// are not kept yet.
    pub fn get(&self, reader: &SegmentReader, tagged: &Tagged) -> tantivy::Result<Arc<TaggedDocs>> {
        let deletes = reader.delete_opstamp();
        self.kept
            .get_or_compute((Arc::clone(&tagged.ids), deletes), || {
                // Sets read under older deletions are of no more use.
                self.kept.retain(|(_, d)| *d == deletes);
                TaggedDocs::read(reader, tagged.field, &tagged.ids).map(Arc::new)
            })
    }
}
