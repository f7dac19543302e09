//! Per-segment tables of facet term ordinals.
//!
//! Counting a hit in every facet reads one term ordinal per facet. Read from the fast-field
//! columns, each read goes through the column's optional index (most facets are missing
//! from some postings); read from these tables it is one row of a flat array. A table is
//! built once per segment, on the first search that meets the segment, and kept with the
//! segment's columns (`super::ord_cache`) until the segment is merged away. A table costs 2
//! bytes per place of a row per document (1 when every place has fewer than 255 values in
//! the segment, 4 when one has 65,535 or more), plus 12 to 20 bytes per document and 2 per
//! value for each multi-valued facet, which has no place in the rows. A single-valued facet
//! has a place of its own, or shares one with the facets counted together with it (see
//! [`Group`]): with the duty station and its places, the organisation and its units, the
//! grade, its contract and the language each counted together, a row of eleven facets has
//! four places.
//!
//! Multi-valued facets (skills) keep every value of a document: their ordinals lie in one
//! flat array per facet, a document's values between two offsets (a compressed sparse row
//! table, what filters read), and again in rows of a fixed width (see [`Fixed`], what
//! counting reads) instead of a column's multi-value index.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::columnar::StrColumn;
use tantivy::{BitSet, DocId};

use super::cache::FewKept;

mod count;
mod filter;
mod multi;
mod rows;
#[cfg(test)]
mod tests;

pub use filter::{ChildMap, ValueFilter};
use multi::{facet_span, Fixed, FixedRows, MultiOrds};
use rows::Rows;

/// The facet values of every document of one segment, as *slots*: indexes into one flat
/// array of counts that holds every facet's values one after the other (facet `f`'s value of
/// ordinal `o` is slot `base(f) + o`), plus one *sink* slot per facet after its values for
/// documents without a value. Counting a document in every facet is then one increment per
/// facet with no test, whatever the document lacks.
pub struct SegmentOrds {
    /// Ordinals per row: one per single-valued facet.
    stride: usize,
    /// Row by row: each document's ordinal in each single-valued facet (the facet's number of
    /// values, which is its sink, when it has no value). Multi-valued facets have no place
    /// in the rows: see `multi`.
    rows: Rows,
    /// Each facet's place in a row (`None` for multi-valued facets); the facets of a
    /// [`Group`] share one.
    column: Vec<Option<usize>>,
    /// First slot of what each place of a row counts: its facet's values, or its group's
    /// combinations.
    row_base: Vec<u32>,
    /// Facets counted together (see [`Group`]).
    groups: Vec<Group>,
    /// Each facet's group and rank in it, if it is in one (empty: no facet is).
    grouped: Vec<Option<(usize, usize)>>,
    /// First slot of each facet's values.
    base: Vec<u32>,
    /// Number of values (dictionary terms) of each facet in the segment.
    len: Vec<u32>,
    /// Per facet: every value of every document, for multi-valued facets; `None` for
    /// single-valued facets and facets the segment lacks.
    multi: Vec<Option<MultiOrds>>,
    /// What searches keep with the table.
    kept: Kept,
}

/// What searches keep with a segment's table: arrays of counts to reuse, and counts and
/// documents already found.
#[derive(Default)]
struct Kept {
    /// Arrays of counts given back by finished searches, all zero, ready for the next ones:
    /// an array has a slot per value of every facet (hundreds of kB on large segments),
    /// and a fresh one costs page faults and zeroing on every search.
    spare: Mutex<Vec<Vec<u32>>>,
    /// Counts of whole ranges of documents (see [`SegmentOrds::range_counts`]).
    ranges: FewKept<std::ops::Range<DocId>, Arc<Vec<u32>>, KEPT_RANGES>,
    /// Counts of the documents of ranges that a filter keeps, by range and filter (see
    /// [`SegmentOrds::range_counts_where`]).
    kept_ranges: FewKept<(std::ops::Range<DocId>, FilterKey), Arc<Vec<u32>>, KEPT_RANGES>,
    /// Counts of the documents of ranges under facet filters, by range, days and filters
    /// (see [`SegmentOrds::range_counts_filtered`]).
    filtered_ranges: FewKept<FilteredKey, Arc<Vec<u32>>, KEPT_FILTERED_RANGES>,
    /// The documents passing filters on single-valued facets, by filters (see
    /// [`SegmentOrds::passing`]).
    passing: FewKept<Vec<(usize, Vec<u64>)>, Arc<BitSet>, KEPT_FILTERED_RANGES>,
}

/// What names the counts of a range under facet filters: the range, the bounds on days
/// ([`FilterKey`]) and each filtered facet with its accepted ordinals.
type FilteredKey = (std::ops::Range<DocId>, FilterKey, Vec<(usize, Vec<u64>)>);

/// Most ranges' counts under facet filters kept per segment: one per range, days and
/// filters, so more than [`KEPT_RANGES`] (each is one array of counts).
const KEPT_FILTERED_RANGES: usize = 16;

/// How a document fares under a search's facet filters, for counting (see
/// [`SegmentOrds::range_counts_filtered`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// It passes them all: counted in every facet.
    Everywhere,
    /// It fails one filter only: counted in that facet, at this slot.
    At(u32),
    /// It is not counted (outside the search's days, or failing two filters or more).
    Nowhere,
}

/// What names a filter of documents by values of their own (a search's bounds on days, see
/// [`SegmentOrds::range_counts_where`]): equal keys, same documents kept.
pub type FilterKey = [i64; 6];

/// A place in the rows and the first slot of what it counts.
pub type Place = (usize, u32);

/// Single-valued facets counted together: their place in a row holds the number of the
/// document's *combination* of their values, and counting a document is one increment of its
/// combination's slot (after every facet's slots) instead of one per facet.
/// [`SegmentOrds::expand`] then adds each combination's count to its values' slots. Facets
/// whose values go together (a duty station, its country, subregion and region) have few
/// combinations, so expanding them costs less than the increments it saves on a search of
/// many hits.
struct Group {
    /// The facets, in order.
    facets: Vec<usize>,
    /// Combination `c`'s ordinal in `facets[j]` (the facet's sink when it has no value):
    /// `values[c * facets.len() + j]`.
    values: Vec<u32>,
    /// First slot of the combinations.
    base: u32,
}

impl Group {
    /// Number of combinations.
    fn len(&self) -> usize {
        self.values.len() / self.facets.len().max(1)
    }
}

/// Combinations a group may have in a segment whatever its facets' number of values (see
/// [`SegmentOrds::build`]): expanding them reads this many counts per search and segment, a
/// few microseconds.
const MOST_COMBINATIONS: usize = 4_096;

/// Most arrays of counts kept per segment for reuse (one per concurrent search).
const SPARE_COUNTS: usize = 16;

/// Most ranges whose counts are kept per segment ([`SegmentOrds::range_counts`]): searches
/// ask for a few (one per way the segment is cut into slices).
const KEPT_RANGES: usize = 8;

/// The combinations of values of `facets` that documents have (each as its ordinals, one
/// after another) and each document's combination, or `None` past `most` combinations or
/// when a facet's ordinals do not fit in 16 bits.
fn combinations(
    facets: &[usize],
    ords: &[Option<Vec<u32>>],
    most: usize,
    max_doc: DocId,
) -> Option<(Vec<u32>, Vec<u32>)> {
    let columns: Vec<&[u32]> = facets
        .iter()
        .map(|&f| ords.get(f).and_then(Option::as_deref))
        .collect::<Option<_>>()?;
    if columns.len() > 4 {
        return None;
    }
    let most = most.min(usize::from(u16::MAX) - 1);
    let mut ids: HashMap<u64, u32> = HashMap::new();
    let mut values: Vec<u32> = Vec::new();
    let mut of_doc = Vec::with_capacity(max_doc as usize);
    for doc in 0..max_doc as usize {
        let mut key = 0u64;
        for column in &columns {
            let ord = u16::try_from(column[doc]).ok()?;
            key = (key << 16) | u64::from(ord);
        }
        let next = ids.len() as u32;
        let id = *ids.entry(key).or_insert(next);
        if id == next {
            if ids.len() > most {
                return None;
            }
            values.extend(columns.iter().map(|column| column[doc]));
        }
        of_doc.push(id);
    }
    Some((values, of_doc))
}

impl SegmentOrds {
    /// Reads every document's first value in each single-valued column, and every value in
    /// each column `multi` flags (`None`: the segment has no value for that facet). Each of
    /// `together` (facet indexes) is counted as a [`Group`] when its single-valued facets
    /// present in the segment have few combinations in it (at most twice their values and
    /// sinks together or [`MOST_COMBINATIONS`], and fewer than 65,535), each facet on its own
    /// otherwise.
    pub fn build(
        columns: &[Option<StrColumn>],
        multi: &[bool],
        together: &[&[usize]],
        max_doc: DocId,
    ) -> SegmentOrds {
        let is_multi = |facet: usize| multi.get(facet).copied().unwrap_or(false);
        // Dictionaries beyond 4 billion terms do not occur; such a facet counts nothing.
        let len: Vec<u32> = columns
            .iter()
            .map(|c| {
                c.as_ref()
                    .map_or(0, |c| u32::try_from(c.num_terms()).unwrap_or(0))
            })
            .collect();
        // Each single-valued facet's ordinal per document, its sink when it has none.
        let ords: Vec<Option<Vec<u32>>> = columns
            .iter()
            .enumerate()
            .map(|(facet, values)| {
                (!is_multi(facet)).then(|| {
                    let mut ords = vec![len[facet]; max_doc as usize];
                    if let Some(values) = values {
                        for (doc, ord) in ords.iter_mut().enumerate() {
                            let first = values.term_ords(doc as DocId).next();
                            if let Some(Ok(value)) = first.map(u32::try_from) {
                                *ord = value;
                            }
                        }
                    }
                    ords
                })
            })
            .collect();
        let multi_ords = columns
            .iter()
            .enumerate()
            .map(|(facet, values)| match values {
                Some(values) if is_multi(facet) => Some(MultiOrds::build(values, max_doc)),
                _ => None,
            })
            .collect();
        SegmentOrds::assemble(&ords, len, multi_ords, together, max_doc)
    }

    /// The table of the single-valued facets' ordinals `ords` (per facet, per document;
    /// `None` for multi-valued facets, whose values are `multi`), each facet having `len`
    /// values; see [`SegmentOrds::build`].
    fn assemble(
        ords: &[Option<Vec<u32>>],
        len: Vec<u32>,
        multi: Vec<Option<MultiOrds>>,
        together: &[&[usize]],
        max_doc: DocId,
    ) -> SegmentOrds {
        let facets = ords.len();
        let mut base = Vec::with_capacity(facets);
        let mut next = 0u32;
        for (facet, &terms) in len.iter().enumerate() {
            base.push(next);
            let multi_valued = multi.get(facet).is_some_and(Option::is_some);
            next = next.saturating_add(facet_span(terms, multi_valued));
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut grouped: Vec<Option<(usize, usize)>> = vec![None; facets];
        // Each document's combination in each group.
        let mut combos: Vec<Vec<u32>> = Vec::new();
        for facets in together {
            // Facets the segment has a value of, single-valued.
            let mut facets: Vec<usize> = facets
                .iter()
                .copied()
                .filter(|&f| ords.get(f).is_some_and(Option::is_some) && len[f] > 0)
                .collect();
            facets.sort_unstable();
            facets.dedup();
            if facets.iter().any(|&f| grouped[f].is_some()) {
                continue;
            }
            if facets.len() < 2 {
                continue;
            }
            let values: usize = facets.iter().map(|&f| len[f] as usize + 1).sum();
            let most = (2 * values).max(MOST_COMBINATIONS);
            let Some((values, of_doc)) = combinations(&facets, ords, most, max_doc) else {
                continue;
            };
            for (rank, &facet) in facets.iter().enumerate() {
                grouped[facet] = Some((groups.len(), rank));
            }
            groups.push(Group {
                facets,
                values,
                base: 0,
            });
            combos.push(of_doc);
        }
        let mut slot = next;
        for group in &mut groups {
            group.base = slot;
            slot = slot.saturating_add(group.len() as u32);
        }
        // Places: a facet on its own, or the first facet of a group for the whole group.
        let mut column: Vec<Option<usize>> = vec![None; facets];
        let mut row_base: Vec<u32> = Vec::new();
        let mut largest: Vec<u32> = Vec::new();
        let mut fill: Vec<&[u32]> = Vec::new();
        for facet in 0..facets {
            let Some(facet_ords) = &ords[facet] else {
                continue;
            };
            match grouped[facet] {
                Some((g, 0)) => {
                    row_base.push(groups[g].base);
                    largest.push(groups[g].len() as u32);
                    fill.push(&combos[g]);
                }
                Some((g, _)) => {
                    let first = groups[g].facets[0];
                    column[facet] = column[first];
                    continue;
                }
                None => {
                    row_base.push(base[facet]);
                    largest.push(len[facet]);
                    fill.push(facet_ords);
                }
            }
            column[facet] = Some(row_base.len() - 1);
        }
        let stride = row_base.len();
        let mut rows = Vec::with_capacity(stride * max_doc as usize);
        for doc in 0..max_doc as usize {
            rows.extend(fill.iter().map(|values| values[doc]));
        }
        // A place's values run from 0 to its largest (its sink), inclusive.
        let rows = Rows::of(rows, largest.iter().copied().max().unwrap_or(0));
        SegmentOrds {
            stride,
            rows,
            column,
            row_base,
            groups,
            grouped,
            base,
            len,
            multi,
            kept: Kept::default(),
        }
    }

    /// Adds the count of each combination of values of the groups (see [`Group`]) to its
    /// values' slots, and empties it, and puts the slots of multi-valued facets counted from
    /// one-byte rows back in the order of their ordinals (see [`multi::Coded`]): after this,
    /// `counts` reads facet by facet. Counting goes on adding to combinations and positions,
    /// so a search expands once (and only once), when its counts are read.
    pub fn expand(&self, counts: &mut [u32]) {
        for (facet, multi) in self.multi.iter().enumerate() {
            if let Some(MultiOrds {
                fixed:
                    Some(Fixed {
                        rows: FixedRows::Byte(_, coded),
                        ..
                    }),
                ..
            }) = multi
            {
                let base = self.base[facet] as usize;
                let span = facet_span(self.len[facet], true) as usize;
                if let Some(slots) = counts.get_mut(base..base + span) {
                    coded.reorder(slots);
                }
            }
        }
        for group in &self.groups {
            let width = group.facets.len();
            for (combo, values) in group.values.chunks_exact(width).enumerate() {
                let Some(count) = counts.get_mut(group.base as usize + combo) else {
                    break;
                };
                let count = std::mem::take(count);
                if count == 0 {
                    continue;
                }
                for (&facet, &ord) in group.facets.iter().zip(values) {
                    if let Some(slot) = counts.get_mut((self.base[facet] + ord) as usize) {
                        *slot = slot.wrapping_add(count);
                    }
                }
            }
        }
    }

    /// An array of counts for this segment, one per slot, all zero.
    #[must_use]
    pub fn take_counts(&self) -> Vec<u32> {
        let spare = self
            .kept
            .spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        spare
            .filter(|c| c.len() == self.slots())
            .unwrap_or_else(|| vec![0; self.slots()])
    }

    /// Gives back an array from [`SegmentOrds::take_counts`] for another search to use.
    pub fn give_back(&self, mut counts: Vec<u32>) {
        counts.fill(0);
        let mut spare = self
            .kept
            .spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if spare.len() < SPARE_COUNTS {
            spare.push(counts);
        }
    }

    /// The slot of `doc`'s value in the single-valued `facet` (its sink when it has none,
    /// and always for a multi-valued facet).
    #[inline]
    #[must_use]
    pub fn slot(&self, facet: usize, doc: DocId) -> u32 {
        let Some(place) = self.column[facet] else {
            return self.base[facet] + self.len[facet];
        };
        let value = self.rows.get(doc as usize * self.stride + place);
        let ord = match self.grouped.get(facet).copied().flatten() {
            Some((group, rank)) => {
                let group = &self.groups[group];
                group
                    .values
                    .get(value as usize * group.facets.len() + rank)
                    .copied()
                    .unwrap_or(self.len[facet])
            }
            None => value,
        };
        self.base[facet] + ord
    }

    /// Size of the flat array of counts: every facet's values, sinks and pads, then the
    /// groups' combinations.
    #[must_use]
    pub fn slots(&self) -> usize {
        // The last facet's slots end the facets'.
        let multi_valued = matches!(self.multi.last(), Some(Some(_)));
        let facets = match (self.base.last(), self.len.last()) {
            (Some(&b), Some(&l)) => (b + facet_span(l, multi_valued)) as usize,
            _ => 0,
        };
        facets + self.groups.iter().map(Group::len).sum::<usize>()
    }

    /// The slots of `facet`'s values (its sink excluded), as a range of the flat array.
    #[must_use]
    pub fn range(&self, facet: usize) -> std::ops::Range<usize> {
        let base = self.base[facet] as usize;
        base..base + self.len[facet] as usize
    }

    /// The term ordinal of `slot` in `facet`; `None` for the sink.
    #[inline]
    #[must_use]
    pub fn ord(&self, facet: usize, slot: u32) -> Option<u32> {
        let ord = slot.wrapping_sub(self.base[facet]);
        (ord < self.len[facet]).then_some(ord)
    }

    /// The term ordinal of `doc`'s value of the single-valued `facet`, if any.
    #[inline]
    #[must_use]
    pub fn doc_ord(&self, facet: usize, doc: DocId) -> Option<u32> {
        self.ord(facet, self.slot(facet, doc))
    }

    /// Reads the rows of `docs` (ascending or not), and their values in the multi-valued
    /// `facets`, ahead of counting them. The reads of one pass do not depend on each other, so
    /// the processor overlaps their cache misses; counted one hit after another, each hit of
    /// a sparse result waits for its own misses. Returns a value folded from every read, for
    /// the caller to keep (`std::hint::black_box`) so that the reads are not optimised away.
    #[must_use]
    pub fn prefetch(&self, docs: &[DocId], rows: bool, facets: &[usize]) -> u32 {
        let mut folded = 0u32;
        let last = self.stride.saturating_sub(1);
        for &doc in docs {
            if rows {
                // A row may straddle two cache lines: read both ends.
                let start = doc as usize * self.stride;
                if start + last < self.rows.len() {
                    folded ^= self.rows.get(start) ^ self.rows.get(start + last);
                }
            }
            for &facet in facets {
                match self.multi.get(facet) {
                    // A row of 16 bytes lies within one cache line.
                    Some(Some(MultiOrds {
                        fixed: Some(fixed), ..
                    })) => folded ^= fixed.first(doc),
                    Some(Some(multi)) => {
                        folded ^= multi.starts.get(doc as usize).copied().unwrap_or(0);
                    }
                    _ => {}
                }
            }
        }
        // Without fixed-width rows, the values' offsets are read now (previous pass): read
        // the values.
        let offsets = facets
            .iter()
            .any(|&f| matches!(self.multi.get(f), Some(Some(m)) if m.fixed.is_none()));
        if !offsets {
            return folded;
        }
        for &doc in docs {
            for &facet in facets {
                if let Some(Some(multi)) = self.multi.get(facet) {
                    if multi.fixed.is_some() {
                        continue;
                    }
                    let range = multi.range(doc);
                    if !range.is_empty() {
                        folded ^= multi.ords.get(range.start);
                    }
                }
            }
        }
        folded
    }

    /// Every slot of `doc` in the multi-valued `facet` (none for other facets).
    pub fn values(&self, facet: usize, doc: DocId) -> impl Iterator<Item = u32> + '_ {
        let multi = self.multi.get(facet).and_then(Option::as_ref);
        let base = self.base[facet];
        multi
            .into_iter()
            .flat_map(move |m| m.range(doc).map(move |i| base + m.ords.get(i)))
    }
}

#[cfg(test)]
impl SegmentOrds {
    /// A table of one document and one facet, the document at slot `value` (for the tests
    /// of the modules that keep tables).
    pub(super) fn of_one_slot(value: u32) -> SegmentOrds {
        SegmentOrds::with_shape(
            1,
            Rows::Wide(vec![value]),
            vec![Some(0)],
            vec![0],
            (vec![0], vec![10]),
            vec![None],
        )
    }

    /// A table of the given rows, places, bases and numbers of values (`(base, len)`) and
    /// multi-valued columns, without groups, its caches empty (for tests).
    fn with_shape(
        stride: usize,
        rows: Rows,
        column: Vec<Option<usize>>,
        row_base: Vec<u32>,
        (base, len): (Vec<u32>, Vec<u32>),
        multi: Vec<Option<MultiOrds>>,
    ) -> SegmentOrds {
        SegmentOrds {
            stride,
            rows,
            column,
            row_base,
            groups: Vec::new(),
            grouped: Vec::new(),
            base,
            len,
            multi,
            kept: Kept::default(),
        }
    }
}
