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

/// A filter on a single-valued facet, for one segment (see [`SegmentOrds::value_filter`]).
#[derive(Debug, Clone)]
pub struct ValueFilter {
    /// The facet's place in the rows; `None` when the segment has no value of it (no
    /// document passes).
    place: Option<usize>,
    /// For each value the place holds: whether the filter keeps it.
    accept: Box<[bool]>,
    /// For each value the place holds: the slot of the facet's value.
    slots: Box<[u32]>,
    /// The facet's sink (no value).
    sink: u32,
}

/// Each document's child under a location path, for one segment (see
/// [`SegmentOrds::path_children`]).
#[derive(Debug, Clone)]
pub struct ChildMap {
    /// The location group's place in the rows.
    place: usize,
    /// For each combination the place holds: its child's ordinal, or [`NO_CHILD`].
    child: Box<[u32]>,
}

/// A combination not under the path, or without a value in the next level.
const NO_CHILD: u32 = u32::MAX;

/// Whether `combination` (a group's values) lies under `path`: each level's ordinal (its rank
/// in the group and number of values in `ranks`, in the path's order) is the path's.
fn under(combination: &[u32], ranks: &[(usize, u32)], path: &[u64]) -> bool {
    path.iter()
        .zip(ranks)
        .all(|(&ord, &(rank, len))| combination[rank] < len && u64::from(combination[rank]) == ord)
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

/// The rows of a [`SegmentOrds`] (or a multi-valued column's ordinals): one byte per ordinal
/// when every place holds fewer than 255 values (a segment without units or departments,
/// whose groups have few combinations), two when fewer than 65,535 (the usual case), four
/// otherwise. Counting many hits streams through the rows; narrower rows are less traffic.
enum Rows {
    Byte(Vec<u8>),
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Rows {
    /// `values` in the narrowest rows that hold `largest`, the largest of them.
    fn of(values: Vec<u32>, largest: u32) -> Rows {
        if largest < u32::from(u8::MAX) {
            Rows::Byte(values.into_iter().map(|o| o as u8).collect())
        } else if largest < u32::from(u16::MAX) {
            Rows::Narrow(values.into_iter().map(|o| o as u16).collect())
        } else {
            Rows::Wide(values)
        }
    }

    #[inline]
    fn get(&self, i: usize) -> u32 {
        match self {
            Rows::Byte(rows) => u32::from(rows[i]),
            Rows::Narrow(rows) => u32::from(rows[i]),
            Rows::Wide(rows) => rows[i],
        }
    }

    fn len(&self) -> usize {
        match self {
            Rows::Byte(rows) => rows.len(),
            Rows::Narrow(rows) => rows.len(),
            Rows::Wide(rows) => rows.len(),
        }
    }
}

/// Adds `delta` (wrapping: `u32::MAX` subtracts one) for each of `docs` to the counts of its
/// slot in each place of its row in `places` (every place when `None`); `row_base` is the
/// first slot of each place's facet.
fn count_rows<T: Copy + Into<u32>>(
    rows: &[T],
    row_base: &[u32],
    docs: &[DocId],
    places: Option<&[(usize, u32)]>,
    counts: &mut [u32],
    delta: u32,
) {
    let stride = row_base.len();
    for &doc in docs {
        let start = doc as usize * stride;
        let Some(row) = rows.get(start..start + stride) else {
            continue;
        };
        match places {
            None => {
                for (&ord, &first) in row.iter().zip(row_base) {
                    if let Some(count) = counts.get_mut((first + ord.into()) as usize) {
                        *count = count.wrapping_add(delta);
                    }
                }
            }
            Some(places) => {
                for &(place, first) in places {
                    let slot = first + row[place].into();
                    if let Some(count) = counts.get_mut(slot as usize) {
                        *count = count.wrapping_add(delta);
                    }
                }
            }
        }
    }
}

/// Values of a multi-valued facet held in a document's fixed-width row (see [`Fixed`]).
const FIXED_READ: usize = 8;

/// Slots after a multi-valued facet's sink that fixed-width rows point their unused places
/// at (see [`Fixed`]): one per place and per document number modulo four.
const PAD_SLOTS: u32 = 4 * FIXED_READ as u32;

/// Slots of a facet of `terms` values in the flat array of counts: its values, its sink, and
/// for a multi-valued facet its pads (see [`Fixed`]).
fn facet_span(terms: u32, multi_valued: bool) -> u32 {
    let pads = if multi_valued { PAD_SLOTS } else { 0 };
    terms.saturating_add(1).saturating_add(pads)
}

/// Every slot of every document in one multi-valued column.
struct MultiOrds {
    /// `doc`'s values are `ords[starts[doc]..starts[doc + 1]]`.
    starts: Vec<u32>,
    /// Term ordinals (two bytes each when the column has fewer than 65,535 terms).
    ords: Rows,
    /// The same values in rows of a fixed width, what counting reads (`None` when the
    /// column has too many terms for two bytes).
    fixed: Option<Fixed>,
}

/// A multi-valued column's values as rows of [`FIXED_READ`] ordinals, one row per document:
/// counting a document is then a fixed number of increments read from one place, instead of
/// two offsets looked up before its values (two dependent cache misses when matches are
/// sparse) and a loop whose end the processor mispredicts from one document to the next
/// (most postings have eight skills or fewer: 4.6 on average on the 100k replica).
///
/// A document's places past its values hold a *pad*: the slot `terms + 1 + (doc % 4) * 8 +
/// place`, one of the [`PAD_SLOTS`] after the facet's sink, whose counts mean nothing. Pads
/// differ from one place and one document to the next, so the increments of consecutive
/// documents do not wait on each other's writes to one slot. A document with more values
/// than a row holds has its first ones in the row and is flagged in `overflow`; the rest
/// lie in `extra`, found by the number of flagged documents before it (a few kB per segment,
/// which stay in cache, where the column's offsets would be two more misses).
///
/// When a few values make nearly all of a segment's (the skills of a million generated
/// postings: 223 of 532 make 99.9 %), the rows hold one byte per place instead of two, and
/// the facet's slots are counted in another order (see [`Coded`]), which
/// [`SegmentOrds::expand`] puts back.
struct Fixed {
    rows: FixedRows,
    /// One bit per document: whether it has more values than its row holds.
    overflow: Vec<u64>,
    /// Per word of `overflow`: the documents flagged in the words before it.
    rank: Vec<u32>,
    /// The `i`th flagged document's values past its row are `extra[ends[i]..ends[i + 1]]`.
    ends: Vec<u32>,
    extra: Vec<u16>,
}

/// The rows of a [`Fixed`]: ordinals in two bytes, or positions (see [`Coded`]) in one.
enum FixedRows {
    Narrow(Vec<u16>),
    Byte(Vec<u8>, Coded),
}

/// Where a facet counted from one-byte rows counts its values: its [`CODED`] most frequent
/// values in a segment first, most frequent first (their *codes*, what the rows hold), then
/// the [`PAD_SLOTS`] pads, then the other values in the order of their ordinals, which a
/// document holds in its `extra` values instead of its row (a document with a value outside
/// the first ones is flagged in `overflow`), then the sink. The facet spans as many slots as
/// in ordinal order.
struct Coded {
    /// The ordinal counted at each position, [`NO_ORDINAL`] at the pads.
    ordinal: Box<[u32]>,
}

/// Values of a facet that one-byte rows hold (the pads take the other codes up to 255).
const CODED: usize = 255 - PAD_SLOTS as usize;

/// The ordinal of a pad's position (see [`Coded`]).
const NO_ORDINAL: u32 = u32::MAX;

/// Most documents, one in so many of a segment, whose values a one-byte row may leave in
/// `extra` (see [`Fixed`]); with more, rows of two bytes are read instead.
const CODED_OVERFLOW: usize = 32;

impl Fixed {
    /// The rows of `starts` and `ords` (a column's values as offsets), whose values are below
    /// `terms`: of one byte when few enough documents overflow them, of two otherwise; `None`
    /// when a pad would not fit in two bytes.
    fn build(starts: &[u32], ords: &[u32], terms: usize) -> Option<Fixed> {
        // The last pad, `terms + PAD_SLOTS`, must fit in two bytes.
        u16::try_from(terms + PAD_SLOTS as usize).ok()?;
        let docs = starts.len().saturating_sub(1);
        let values = |doc: usize| {
            ords.get(starts[doc] as usize..starts[doc + 1] as usize)
                .unwrap_or_default()
        };
        // Values by number of documents, most frequent first.
        let mut frequency = vec![0u32; terms];
        for &ord in ords {
            if let Some(f) = frequency.get_mut(ord as usize) {
                *f += 1;
            }
        }
        let mut by_frequency: Vec<u32> = (0..terms as u32).collect();
        by_frequency.sort_by_key(|&o| (std::cmp::Reverse(frequency[o as usize]), o));
        let coded = by_frequency.len().min(CODED);
        let mut position = vec![0u16; terms];
        for (code, &ord) in by_frequency[..coded].iter().enumerate() {
            position[ord as usize] = code as u16;
        }
        let mut ordinal = by_frequency[..coded].to_vec();
        ordinal.extend(std::iter::repeat_n(NO_ORDINAL, PAD_SLOTS as usize));
        let mut rest: Vec<u32> = by_frequency[coded..].to_vec();
        rest.sort_unstable();
        for &ord in &rest {
            position[ord as usize] = ordinal.len() as u16;
            ordinal.push(ord);
        }
        let in_row = |p: u16| usize::from(p) < coded;
        let overflowing = (0..docs)
            .filter(|&doc| {
                let v = values(doc);
                v.len() > FIXED_READ || v.iter().any(|&o| !in_row(position[o as usize]))
            })
            .count();
        if overflowing * CODED_OVERFLOW <= docs {
            let position = |o: u32| position[o as usize];
            let (rows, fixed) = Fixed::fill(docs, values, position, in_row, coded as u16)?;
            let rows = rows.into_iter().map(|p| p as u8).collect();
            let coded = Coded {
                ordinal: ordinal.into_boxed_slice(),
            };
            return Some(Fixed {
                rows: FixedRows::Byte(rows, coded),
                ..fixed
            });
        }
        let (rows, fixed) = Fixed::fill(docs, values, |o| o as u16, |_| true, terms as u16 + 1)?;
        Some(Fixed {
            rows: FixedRows::Narrow(rows),
            ..fixed
        })
    }

    /// Rows of `docs` documents whose values are `values(doc)`, each counted at
    /// `position(value)`: a row holds the first positions that `in_row` accepts, pads from
    /// `first_pad` on after them; the other positions go to `extra`. Returns the rows and
    /// the rest of the table (its rows left empty).
    fn fill<'a>(
        docs: usize,
        values: impl Fn(usize) -> &'a [u32],
        position: impl Fn(u32) -> u16,
        in_row: impl Fn(u16) -> bool,
        first_pad: u16,
    ) -> Option<(Vec<u16>, Fixed)> {
        let mut rows = Vec::with_capacity(docs * FIXED_READ);
        let mut fixed = Fixed {
            rows: FixedRows::Narrow(Vec::new()),
            overflow: vec![0u64; docs.div_ceil(64)],
            rank: Vec::with_capacity(docs.div_ceil(64)),
            ends: vec![0],
            extra: Vec::new(),
        };
        let mut row = Vec::with_capacity(FIXED_READ);
        for doc in 0..docs {
            if doc % 64 == 0 {
                fixed.rank.push(fixed.ends.len() as u32 - 1);
            }
            row.clear();
            let extra = fixed.extra.len();
            for &ord in values(doc) {
                let at = position(ord);
                if row.len() < FIXED_READ && in_row(at) {
                    row.push(at);
                } else {
                    fixed.extra.push(at);
                }
            }
            let pad = first_pad + (doc % 4 * FIXED_READ) as u16;
            rows.extend(
                (0..FIXED_READ).map(|place| row.get(place).copied().unwrap_or(pad + place as u16)),
            );
            if fixed.extra.len() > extra {
                fixed.overflow[doc / 64] |= 1 << (doc % 64);
                fixed.ends.push(u32::try_from(fixed.extra.len()).ok()?);
            }
        }
        Some((rows, fixed))
    }

    /// `doc`'s values past its row (none for most documents).
    #[inline]
    fn extra(&self, doc: DocId) -> &[u16] {
        let doc = doc as usize;
        let Some(&word) = self.overflow.get(doc / 64) else {
            return &[];
        };
        if word >> (doc % 64) & 1 == 0 {
            return &[];
        }
        let below = word & ((1u64 << (doc % 64)) - 1);
        let Some(&before) = self.rank.get(doc / 64) else {
            return &[];
        };
        let i = before as usize + below.count_ones() as usize;
        match (self.ends.get(i), self.ends.get(i + 1)) {
            (Some(&a), Some(&b)) => self.extra.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    /// The first value of `doc`'s row (for reading it ahead).
    #[inline]
    fn first(&self, doc: DocId) -> u32 {
        let at = doc as usize * FIXED_READ;
        match &self.rows {
            FixedRows::Narrow(rows) => rows.get(at).copied().map_or(0, u32::from),
            FixedRows::Byte(rows, _) => rows.get(at).copied().map_or(0, u32::from),
        }
    }
}

impl Coded {
    /// Puts a facet's `slots`, counted by position, back in the order of ordinals (its sink
    /// and pads empty).
    fn reorder(&self, slots: &mut [u32]) {
        let by_position = slots.to_vec();
        slots.fill(0);
        for (&ordinal, &count) in self.ordinal.iter().zip(&by_position) {
            if let Some(slot) = slots.get_mut(ordinal as usize) {
                *slot = count;
            }
        }
    }
}

impl MultiOrds {
    fn build(column: &StrColumn, max_doc: DocId) -> MultiOrds {
        MultiOrds::from_docs(
            (0..max_doc).map(|doc| column.term_ords(doc).filter_map(|o| u32::try_from(o).ok())),
            column.num_terms(),
        )
    }

    /// The table of documents whose values are `docs`, one iterator of ordinals (below
    /// `terms`) per document in order.
    fn from_docs<D: Iterator<Item = u32>>(
        docs: impl ExactSizeIterator<Item = D>,
        terms: usize,
    ) -> MultiOrds {
        let mut starts = Vec::with_capacity(docs.len() + 1);
        let mut ords = Vec::new();
        starts.push(0);
        for values in docs {
            ords.extend(values);
            // Beyond 4 billion values in a segment the rest are left uncounted.
            starts.push(u32::try_from(ords.len()).unwrap_or(u32::MAX));
        }
        let fixed = Fixed::build(&starts, &ords, terms);
        let ords = Rows::of(ords, u32::try_from(terms).unwrap_or(u32::MAX));
        MultiOrds {
            starts,
            ords,
            fixed,
        }
    }

    /// Where `doc`'s values lie in `ords` (none past the segment's last document).
    #[inline]
    fn range(&self, doc: DocId) -> std::ops::Range<usize> {
        let doc = doc as usize;
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&a), Some(&b)) if a <= b && b as usize <= self.ords.len() => {
                a as usize..b as usize
            }
            _ => 0..0,
        }
    }
}

/// Adds `delta` (wrapping) for each value of each of `docs` to `counts` (at `base` + its
/// ordinal, or its position when the rows are of one byte: see [`Coded`]), from the column's
/// fixed-width rows when it has them.
fn count_values<T: Copy + Into<u32>>(
    multi: &MultiOrds,
    ords: &[T],
    base: u32,
    docs: &[DocId],
    counts: &mut [u32],
    delta: u32,
) {
    let Some(counts) = counts.get_mut(base as usize..) else {
        return;
    };
    let mut add = |ord: usize| {
        if let Some(count) = counts.get_mut(ord) {
            *count = count.wrapping_add(delta);
        }
    };
    let Some(fixed) = &multi.fixed else {
        for &doc in docs {
            for &ord in ords.get(multi.range(doc)).unwrap_or_default() {
                add(ord.into() as usize);
            }
        }
        return;
    };
    match &fixed.rows {
        FixedRows::Narrow(rows) => count_fixed(fixed, rows, docs, add),
        FixedRows::Byte(rows, _) => count_fixed(fixed, rows, docs, add),
    }
}

/// Calls `add` with every position of each of `docs` in `fixed`, whose rows are `rows`.
#[inline]
fn count_fixed<T: Copy + Into<usize>>(
    fixed: &Fixed,
    rows: &[T],
    docs: &[DocId],
    mut add: impl FnMut(usize),
) {
    for &doc in docs {
        let at = doc as usize * FIXED_READ;
        let Some(row) = rows.get(at..at + FIXED_READ) else {
            continue;
        };
        // Two loops, not one over both: the row's fixed length is unrolled.
        for &position in row {
            add(position.into());
        }
        for &position in fixed.extra(doc) {
            add(usize::from(position));
        }
    }
}

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
            spare: Mutex::default(),
            ranges: FewKept::default(),
            kept_ranges: FewKept::default(),
            filtered_ranges: FewKept::default(),
            passing: FewKept::default(),
        }
    }

    /// Adds the count of each combination of values of the groups (see [`Group`]) to its
    /// values' slots, and empties it, and puts the slots of multi-valued facets counted from
    /// one-byte rows back in the order of their ordinals (see [`Coded`]): after this,
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
        let mut spare = self.spare.lock().unwrap_or_else(PoisonError::into_inner);
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

    /// A filter on the single-valued `facet` keeping the documents whose value's ordinal is
    /// one of `accepted` (sorted), decided from the document's row alone: what the value at
    /// the facet's place in the row (its ordinal, or its group's combination) means is worked
    /// out once per segment and search, not once per document.
    #[must_use]
    pub fn value_filter(&self, facet: usize, accepted: &[u64]) -> ValueFilter {
        let sink = self.base[facet] + self.len[facet];
        let Some(place) = self.column[facet] else {
            return ValueFilter {
                place: None,
                accept: Box::default(),
                slots: Box::default(),
                sink,
            };
        };
        // The facet's ordinal for each value its place in a row can hold.
        let ords: Vec<u32> = match self.grouped.get(facet).copied().flatten() {
            Some((group, rank)) => self
                .combinations(group)
                .map(|combination| combination[rank])
                .collect(),
            None => (0..=self.len[facet]).collect(),
        };
        let accept = ords
            .iter()
            .map(|&ord| ord < self.len[facet] && accepted.binary_search(&u64::from(ord)).is_ok())
            .collect();
        let slots = ords
            .iter()
            .map(|&ord| self.base[facet] + ord.min(self.len[facet]))
            .collect();
        ValueFilter {
            place: Some(place),
            accept,
            slots,
            sink,
        }
    }

    /// A filter keeping the documents that lie under one of `paths` (each the ordinals of its
    /// first levels, in the facets `levels`: a location path), decided from the row like
    /// [`SegmentOrds::value_filter`]'s. `None` unless every level a path names is counted in
    /// one group (then one place of the row holds them all); a document failing it is not
    /// counted anywhere, so [`SegmentOrds::check`]'s slot means nothing.
    #[must_use]
    pub fn path_filter(&self, levels: &[usize], paths: &[&[u64]]) -> Option<ValueFilter> {
        let depth = paths.iter().map(|p| p.len()).max()?;
        let (group, ranks) = self.one_group(levels.get(..depth)?)?;
        let accept = self
            .combinations(group)
            .map(|combination| paths.iter().any(|path| under(combination, &ranks, path)))
            .collect();
        Some(ValueFilter {
            place: self.column[levels[0]],
            accept,
            slots: Box::default(),
            sink: 0,
        })
    }

    /// For the location `path` (the ordinals of its first levels in the facets `levels`),
    /// each document's child: its ordinal in the next level if it lies under the path (see
    /// [`SegmentOrds::child`]). `None` unless the path's levels and the next are counted in
    /// one group.
    #[must_use]
    pub fn path_children(&self, levels: &[usize], path: &[u64]) -> Option<ChildMap> {
        let (group, ranks) = self.one_group(levels.get(..=path.len())?)?;
        let (child_rank, child_len) = ranks[path.len()];
        let child = self
            .combinations(group)
            .map(|combination| {
                let ord = combination[child_rank];
                if ord < child_len && under(combination, &ranks, path) {
                    ord
                } else {
                    NO_CHILD
                }
            })
            .collect();
        Some(ChildMap {
            place: self.column[levels[0]]?,
            child,
        })
    }

    /// `doc`'s child in `map`, if it lies under the map's path and has one.
    #[inline]
    #[must_use]
    pub fn child(&self, map: &ChildMap, doc: DocId) -> Option<u32> {
        let value = self.rows.get(doc as usize * self.stride + map.place) as usize;
        map.child.get(value).copied().filter(|&c| c != NO_CHILD)
    }

    /// The group all of `facets` are counted in, with each one's rank in it and number of
    /// values (its sink is no value); `None` unless there is one such group.
    fn one_group(&self, facets: &[usize]) -> Option<(usize, Vec<(usize, u32)>)> {
        let (group, _) = self.grouped.get(*facets.first()?).copied().flatten()?;
        let mut ranks = Vec::with_capacity(facets.len());
        for &facet in facets {
            match self.grouped.get(facet).copied().flatten() {
                Some((g, rank)) if g == group => ranks.push((rank, self.len[facet])),
                _ => return None,
            }
        }
        Some((group, ranks))
    }

    /// Each combination of `group`'s values, in order: its ordinal in each of the group's
    /// facets.
    fn combinations(&self, group: usize) -> impl Iterator<Item = &[u32]> + '_ {
        let group = &self.groups[group];
        group.values.chunks_exact(group.facets.len().max(1))
    }

    /// Whether `doc` passes `filter`: `Ok`, or `Err` with the slot of its value in the
    /// filter's facet (where a search counts a document that fails only this filter).
    #[inline]
    pub fn check(&self, filter: &ValueFilter, doc: DocId) -> Result<(), u32> {
        let Some(place) = filter.place else {
            return Err(filter.sink);
        };
        let value = self.rows.get(doc as usize * self.stride + place) as usize;
        match filter.accept.get(value) {
            Some(true) => Ok(()),
            _ => Err(filter.slots.get(value).copied().unwrap_or(filter.sink)),
        }
    }

    /// The documents of the segment that pass every filter of `filters` (facets and their
    /// filters, see [`SegmentOrds::value_filter`]), which `key` names (each filtered facet
    /// with its accepted ordinals): worked out on first use, one bit per document, and kept
    /// like the ranges' counts. A dense search checks its matches against the bits (one load
    /// from a few kB) instead of against their rows.
    pub fn passing(
        &self,
        key: &[(usize, Vec<u64>)],
        filters: &[(usize, ValueFilter)],
    ) -> Arc<BitSet> {
        self.passing.get_or_insert_with(key.to_vec(), || {
            let docs = self.rows.len().checked_div(self.stride).unwrap_or(0);
            let mut bits = BitSet::with_max_value(docs as DocId);
            for doc in 0..docs as DocId {
                if filters.iter().all(|(_, f)| self.check(f, doc).is_ok()) {
                    bits.insert(doc);
                }
            }
            Arc::new(bits)
        })
    }

    /// Where the single-valued facets of `facets` lie in a row, for [`SegmentOrds::count`]
    /// (a group's place once).
    #[must_use]
    pub fn places(&self, facets: &[usize]) -> Vec<Place> {
        let mut places: Vec<Place> = facets
            .iter()
            .filter_map(|&f| self.column[f].map(|place| (place, self.row_base[place])))
            .collect();
        places.sort_unstable();
        places.dedup();
        places
    }

    /// Adds `delta` for each of `docs` to `counts` (indexed by slot) in the facets at
    /// `places` of the rows (see [`SegmentOrds::places`]; every single-valued facet when
    /// `None`), groups' facets through their combinations (see [`SegmentOrds::expand`]).
    /// The additions wrap: a delta of `u32::MAX` takes the documents away.
    pub fn count(&self, docs: &[DocId], places: Option<&[Place]>, counts: &mut [u32], delta: u32) {
        match &self.rows {
            Rows::Byte(rows) => count_rows(rows, &self.row_base, docs, places, counts, delta),
            Rows::Narrow(rows) => count_rows(rows, &self.row_base, docs, places, counts, delta),
            Rows::Wide(rows) => count_rows(rows, &self.row_base, docs, places, counts, delta),
        }
    }

    /// Adds one for each of `docs` to `counts` (indexed by slot) in every facet, single- and
    /// multi-valued.
    pub fn count_every_facet(&self, docs: &[DocId], counts: &mut [u32]) {
        self.count(docs, None, counts, 1);
        for facet in 0..self.multi.len() {
            self.count_values(facet, docs, counts, 1);
        }
    }

    /// The counts (indexed by slot) of every document of `range`, deleted or not, in every
    /// facet: what a search matching all of them would count. Computed on first use and kept
    /// for the few ranges searches ask for (see [`super::collector`]'s counting by
    /// complement).
    pub fn range_counts(&self, range: std::ops::Range<DocId>) -> Arc<Vec<u32>> {
        self.ranges.get_or_insert_with(range.clone(), || {
            self.count_range(range, |_| Counted::Everywhere)
        })
    }

    /// [`SegmentOrds::range_counts`] of the documents of `range` that `keep` keeps (a
    /// search's bounds on days, named by `key`): what a search matching all of them would
    /// count. Kept like the ranges' counts, by range and key.
    pub fn range_counts_where(
        &self,
        range: std::ops::Range<DocId>,
        key: FilterKey,
        keep: impl Fn(DocId) -> bool,
    ) -> Arc<Vec<u32>> {
        self.kept_ranges
            .get_or_insert_with((range.clone(), key), || {
                self.count_range(range, |doc| {
                    if keep(doc) {
                        Counted::Everywhere
                    } else {
                        Counted::Nowhere
                    }
                })
            })
    }

    /// What a search under facet filters would count if it matched every document of
    /// `range`: each document counted as `outcome` says (in every facet, in one facet's slot,
    /// or not at all). Kept by range, `days` (the search's bounds on days) and `filters` (each
    /// filtered facet with its accepted ordinals), which must name everything `outcome`
    /// decides by.
    pub fn range_counts_filtered(
        &self,
        range: std::ops::Range<DocId>,
        days: FilterKey,
        filters: &[(usize, Vec<u64>)],
        outcome: impl Fn(DocId) -> Counted,
    ) -> Arc<Vec<u32>> {
        let key = (range.clone(), days, filters.to_vec());
        self.filtered_ranges
            .get_or_insert_with(key, || self.count_range(range, outcome))
    }

    /// The counts of the documents of `range`, each counted as `outcome` says.
    fn count_range(
        &self,
        range: std::ops::Range<DocId>,
        outcome: impl Fn(DocId) -> Counted,
    ) -> Arc<Vec<u32>> {
        let mut counts = vec![0u32; self.slots()];
        let mut chunk: Vec<DocId> = Vec::with_capacity(4_096);
        let mut from = range.start;
        while from < range.end {
            let to = range.end.min(from.saturating_add(4_096));
            chunk.clear();
            for doc in from..to {
                match outcome(doc) {
                    Counted::Everywhere => chunk.push(doc),
                    Counted::At(slot) => {
                        if let Some(count) = counts.get_mut(slot as usize) {
                            *count += 1;
                        }
                    }
                    Counted::Nowhere => {}
                }
            }
            self.count_every_facet(&chunk, &mut counts);
            from = to;
        }
        Arc::new(counts)
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

    /// Adds `delta` (wrapping) for every value of each of `docs` in the multi-valued `facet`
    /// to `counts` (indexed by slot, in the order [`SegmentOrds::expand`] puts back); nothing
    /// for other facets.
    pub fn count_values(&self, facet: usize, docs: &[DocId], counts: &mut [u32], delta: u32) {
        let Some(Some(multi)) = self.multi.get(facet) else {
            return;
        };
        let base = self.base[facet];
        match &multi.ords {
            Rows::Byte(ords) => count_values(multi, ords, base, docs, counts, delta),
            Rows::Narrow(ords) => count_values(multi, ords, base, docs, counts, delta),
            Rows::Wide(ords) => count_values(multi, ords, base, docs, counts, delta),
        }
    }
}

#[cfg(test)]
impl SegmentOrds {
    /// A table of one document and one facet, the document at slot `value` (for the tests
    /// of the modules that keep tables).
    pub(super) fn of_one_slot(value: u32) -> SegmentOrds {
        SegmentOrds {
            stride: 1,
            rows: Rows::Wide(vec![value]),
            column: vec![Some(0)],
            row_base: vec![0],
            groups: Vec::new(),
            grouped: Vec::new(),
            base: vec![0],
            len: vec![10],
            multi: vec![None],
            spare: Mutex::default(),
            ranges: FewKept::default(),
            kept_ranges: FewKept::default(),
            filtered_ranges: FewKept::default(),
            passing: FewKept::default(),
        }
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    /// Two facets of 3 and 2 values, three documents (the last has no value in facet 0).
    fn two_facets(rows: Rows) -> SegmentOrds {
        SegmentOrds {
            stride: 2,
            rows,
            column: vec![Some(0), Some(1)],
            row_base: vec![0, 4],
            groups: Vec::new(),
            grouped: Vec::new(),
            base: vec![0, 4],
            len: vec![3, 2],
            multi: vec![None, None],
            spare: Mutex::default(),
            ranges: FewKept::default(),
            kept_ranges: FewKept::default(),
            filtered_ranges: FewKept::default(),
            passing: FewKept::default(),
        }
    }

    #[test]
    fn rows_are_as_narrow_as_their_largest_value_allows() {
        let width = |largest: u32| match Rows::of(vec![0, largest], largest) {
            Rows::Byte(rows) => (1, u32::from(rows[1])),
            Rows::Narrow(rows) => (2, u32::from(rows[1])),
            Rows::Wide(rows) => (4, rows[1]),
        };
        assert_eq!(width(254), (1, 254));
        assert_eq!(width(255), (2, 255));
        assert_eq!(width(65_534), (2, 65_534));
        assert_eq!(width(65_535), (4, 65_535));
    }

    #[test]
    fn rows_of_every_width_count_alike() {
        let values = [2u32, 1, 0, 1, 3, 0];
        let byte = two_facets(Rows::of(values.to_vec(), 3));
        assert!(matches!(byte.rows, Rows::Byte(_)));
        let narrow = two_facets(Rows::Narrow(values.iter().map(|&v| v as u16).collect()));
        let wide = two_facets(Rows::Wide(values.to_vec()));
        for table in [&byte, &narrow, &wide] {
            let mut counts = vec![0u32; table.slots()];
            table.count(&[0, 1, 2], None, &mut counts, 1);
            // Facet 0: ords 0 and 2 once, the sink (slot 3) once; facet 1: ord 0 once, ord 1 twice.
            assert_eq!(counts, [1, 0, 1, 1, 1, 2, 0]);
            let mut counts = vec![0u32; table.slots()];
            table.count(&[1, 2], Some(&table.places(&[1])), &mut counts, 1);
            assert_eq!(counts, [0, 0, 0, 0, 1, 1, 0]);
            // A range's counts are those of its documents; a delta of u32::MAX takes away.
            let mut all = vec![0u32; table.slots()];
            table.count(&[0, 1, 2], None, &mut all, 1);
            assert_eq!(*table.range_counts(0..3), all);
            assert_eq!(*table.range_counts(0..3), all, "kept, the same");
            table.count(&[0, 2], None, &mut all, u32::MAX);
            let mut one = vec![0u32; table.slots()];
            table.count(&[1], None, &mut one, 1);
            assert_eq!(all, one);
            assert_eq!(table.doc_ord(0, 2), None);
            assert_eq!(table.doc_ord(1, 0), Some(1));
            assert_eq!(table.slot(0, 0), 2);
        }
    }

    #[test]
    fn multi_valued_facets_take_no_place_in_the_rows() {
        // Facet 0 single-valued (3 values), facet 1 multi-valued (2 values), facet 2
        // single-valued (2 values); rows hold facets 0 and 2 only.
        let table = SegmentOrds {
            stride: 2,
            rows: Rows::Narrow(vec![2, 1, 3, 0]),
            column: vec![Some(0), None, Some(1)],
            row_base: vec![0, 7],
            groups: Vec::new(),
            grouped: Vec::new(),
            base: vec![0, 4, 7],
            len: vec![3, 2, 2],
            multi: vec![None, None, None],
            spare: Mutex::default(),
            ranges: FewKept::default(),
            kept_ranges: FewKept::default(),
            filtered_ranges: FewKept::default(),
            passing: FewKept::default(),
        };
        assert_eq!(table.slots(), 10);
        let mut counts = vec![0u32; table.slots()];
        table.count(&[0, 1], None, &mut counts, 1);
        assert_eq!(counts, [0, 0, 1, 1, 0, 0, 0, 1, 1, 0]);
        let mut counts = vec![0u32; table.slots()];
        table.count(&[0, 1], Some(&table.places(&[1, 2])), &mut counts, 1);
        assert_eq!(counts, [0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
        assert_eq!(table.slot(1, 0), 6);
        assert_eq!(table.doc_ord(1, 0), None);
        assert_eq!(table.doc_ord(2, 1), Some(0));
        assert_eq!(table.doc_ord(0, 1), None);
        // Arrays of counts come back zeroed.
        let mut counts = table.take_counts();
        counts[3] = 5;
        table.give_back(counts);
        assert_eq!(table.take_counts(), vec![0; 10]);
    }

    /// A table of one multi-valued facet of `len` values whose first slot is `base`.
    fn one_multi_valued_facet(multi: MultiOrds, base: u32, len: u32) -> SegmentOrds {
        SegmentOrds {
            stride: 0,
            rows: Rows::Narrow(Vec::new()),
            column: vec![None],
            row_base: Vec::new(),
            groups: Vec::new(),
            grouped: Vec::new(),
            base: vec![base],
            len: vec![len],
            multi: vec![Some(multi)],
            spare: Mutex::default(),
            ranges: FewKept::default(),
            kept_ranges: FewKept::default(),
            filtered_ranges: FewKept::default(),
            passing: FewKept::default(),
        }
    }

    #[test]
    fn values_read_from_offsets_count_as_documents_one_by_one() {
        // Five documents with 2, 0, 3, 1 and 2 values of a facet of 4 values at slots 1..5.
        let multi = MultiOrds {
            starts: vec![0, 2, 2, 5, 6, 8],
            ords: Rows::Narrow(vec![0, 3, 1, 2, 3, 3, 0, 1]),
            fixed: None,
        };
        let table = one_multi_valued_facet(multi, 1, 4);
        for docs in [
            &[0, 1, 2, 3, 4][..],
            &[1, 2, 3],
            &[0, 2, 4],
            &[4, 3, 0, 1],
            &[2, 2, 3],
            &[3, 4, 5, 6],
        ] {
            let mut together = vec![0u32; table.slots()];
            table.count_values(0, docs, &mut together, 1);
            let mut alone = vec![0u32; table.slots()];
            for doc in docs {
                table.count_values(0, &[*doc], &mut alone, 1);
            }
            assert_eq!(together, alone, "{docs:?}");
            // Taken away again, by complement.
            table.count_values(0, docs, &mut together, u32::MAX);
            assert!(together.iter().all(|&c| c == 0), "{docs:?}");
        }
        let mut counts = vec![0u32; table.slots()];
        table.count_values(0, &[0, 1, 2, 3, 4], &mut counts, 1);
        assert_eq!(counts[..6], [0, 2, 2, 1, 3, 0]);
    }

    /// The counts (`slots` of them) of the values `lists` gives `docs`, a facet whose first
    /// slot is `base`.
    fn counts_of(lists: &[Vec<u32>], docs: &[DocId], base: usize, slots: usize) -> Vec<u32> {
        let mut counts = vec![0u32; slots];
        for &doc in docs {
            for &ord in &lists[doc as usize] {
                counts[base + ord as usize] += 1;
            }
        }
        counts
    }

    #[test]
    fn documents_with_few_or_many_values_count_each_value_once() {
        // Document `d` of 40 has `d % 21` values, spread over a facet of 30 values: none,
        // fewer than a fixed read, as many, and more.
        let lists: Vec<Vec<u32>> = (0..40u32)
            .map(|d| (0..d % 21).map(|k| (d * 7 + k * 3) % 30).collect())
            .collect();
        let multi = MultiOrds::from_docs(lists.iter().map(|l| l.iter().copied()), 30);
        let table = one_multi_valued_facet(multi, 2, 30);
        for docs in [
            (0..40).collect::<Vec<DocId>>(),
            (0..40).step_by(2).collect(),
            (0..40).step_by(3).collect(),
            vec![39],
            vec![8, 9, 10, 20, 21, 29, 30],
        ] {
            let expected = counts_of(&lists, &docs, 2, table.slots());
            let mut counts = vec![0u32; table.slots()];
            table.count_values(0, &docs, &mut counts, 1);
            // Values and sink; the pads after them count nothing meaningful.
            assert_eq!(counts[..33], expected[..33], "{docs:?}");
            table.count_values(0, &docs, &mut counts, u32::MAX);
            assert!(counts.iter().all(|&c| c == 0), "{docs:?}");
        }
    }

    #[test]
    fn one_byte_rows_count_as_two_byte_rows_once_put_back_in_order() {
        // 2,000 documents over a facet of 300 values: most have up to eight of the first 200
        // values (40 documents each); every 64th has one of the others too (32 values once
        // each, past the 223 coded), every 50th has twelve values.
        let lists: Vec<Vec<u32>> = (0..2_000u32)
            .map(|d| {
                let mut values: Vec<u32> = (0..d % 9).map(|k| (d * 7 + k * 11) % 200).collect();
                if d % 64 == 1 {
                    values.push(200 + d / 64);
                }
                if d % 50 == 0 {
                    values = (0..12).map(|k| (d + k * 13) % 200).collect();
                }
                values.sort_unstable();
                values.dedup();
                values
            })
            .collect();
        let multi = MultiOrds::from_docs(lists.iter().map(|l| l.iter().copied()), 300);
        let fixed = multi.fixed.as_ref().expect("fixed rows");
        let FixedRows::Byte(_, coded) = &fixed.rows else {
            panic!("one-byte rows expected");
        };
        // The most frequent values come first; the rare ones in ordinal order after the pads.
        assert_eq!(coded.ordinal.len(), 300 + PAD_SLOTS as usize);
        let rare = &coded.ordinal[CODED + PAD_SLOTS as usize..];
        assert!(rare.windows(2).all(|w| w[0] < w[1]));
        assert!(
            rare.contains(&231),
            "a value of the last document of every 64 is not coded"
        );
        let table = one_multi_valued_facet(multi, 2, 300);
        for docs in [
            (0..2_000).collect::<Vec<DocId>>(),
            (0..2_000).step_by(3).collect(),
            vec![0, 1, 50, 65, 100, 1_985, 1_999],
            vec![7],
        ] {
            let expected = counts_of(&lists, &docs, 2, table.slots());
            let mut counts = vec![0u32; table.slots()];
            table.count_values(0, &docs, &mut counts, 1);
            let mut by_complement = (*table.range_counts(0..2_000)).clone();
            let others: Vec<DocId> = (0..2_000).filter(|d| !docs.contains(d)).collect();
            table.count_values(0, &others, &mut by_complement, u32::MAX);
            table.expand(&mut counts);
            table.expand(&mut by_complement);
            // Values and sink; the pads after them count nothing.
            assert_eq!(counts[..303], expected[..303], "{docs:?}");
            assert_eq!(by_complement[..303], expected[..303], "{docs:?}");
            assert!(counts[303..].iter().all(|&c| c == 0), "{docs:?}");
        }
    }

    #[test]
    fn values_often_outside_the_most_frequent_keep_two_byte_rows() {
        // Every document has one of 400 values: most are outside the first 223.
        let lists: Vec<Vec<u32>> = (0..400u32).map(|d| vec![d]).collect();
        let multi = MultiOrds::from_docs(lists.iter().map(|l| l.iter().copied()), 400);
        assert!(matches!(
            multi.fixed.as_ref().map(|f| &f.rows),
            Some(FixedRows::Narrow(_))
        ));
    }

    /// Three single-valued facets of 3, 2 and 4 values and a multi-valued one between them,
    /// over 300 documents (pseudo-random values, sinks included), counted as `together` says.
    fn three_facets(together: &[&[usize]]) -> SegmentOrds {
        let len = vec![3, 2, 0, 4];
        let mut seed = 11u64;
        let mut next = |n: u32| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % u64::from(n)) as u32
        };
        let ords: Vec<Option<Vec<u32>>> = [Some(3), Some(2), None, Some(4)]
            .into_iter()
            .map(|values| values.map(|n| (0..300).map(|_| next(n + 1)).collect()))
            .collect();
        SegmentOrds::assemble(&ords, len, vec![None, None, None, None], together, 300)
    }

    #[test]
    fn facets_counted_together_count_as_facets_counted_alone() {
        let alone = three_facets(&[]);
        assert!(alone.groups.is_empty());
        for together in [&[&[0usize, 1][..]][..], &[&[3, 0, 1]], &[&[1, 3], &[0, 1]]] {
            let table = three_facets(together);
            assert!(!table.groups.is_empty(), "{together:?}");
            assert!(table.stride < alone.stride, "{together:?}");
            for doc in 0..300 {
                for facet in [0, 1, 3] {
                    assert_eq!(table.slot(facet, doc), alone.slot(facet, doc));
                    assert_eq!(table.doc_ord(facet, doc), alone.doc_ord(facet, doc));
                }
            }
            let docs: Vec<DocId> = (0..300).filter(|d| d % 3 != 1).collect();
            let taken: Vec<DocId> = (0..300).filter(|d| d % 7 == 0).collect();
            for facets in [None, Some(vec![1]), Some(vec![0, 3])] {
                let mut want = vec![0u32; alone.slots()];
                let mut got = vec![0u32; table.slots()];
                let places = facets.as_ref().map(|f| alone.places(f));
                alone.count(&docs, places.as_deref(), &mut want, 1);
                alone.count(&taken, places.as_deref(), &mut want, u32::MAX);
                let places = facets.as_ref().map(|f| table.places(f));
                table.count(&docs, places.as_deref(), &mut got, 1);
                table.count(&taken, places.as_deref(), &mut got, u32::MAX);
                // A document counted in one facet only goes to the facet's own slot.
                let slot = table.slot(1, 5);
                got[slot as usize] += 1;
                want[slot as usize] += 1;
                table.expand(&mut got);
                let counted: Vec<usize> = facets.clone().unwrap_or(vec![0, 1, 3]);
                for facet in counted {
                    assert_eq!(
                        got[table.range(facet).start..=table.range(facet).end],
                        want[alone.range(facet).start..=alone.range(facet).end],
                        "{together:?} {facets:?} facet {facet}"
                    );
                }
                assert!(got[alone.slots()..].iter().all(|&c| c == 0), "expanded");
            }
            // The whole range's counts, expanded, are every document's.
            let mut whole = (*table.range_counts(0..300)).clone();
            table.expand(&mut whole);
            assert_eq!(whole[..alone.slots()], *alone.range_counts(0..300));
        }
    }

    #[test]
    fn a_value_filter_keeps_and_counts_what_the_ordinals_say() {
        for together in [&[][..], &[&[0usize, 1, 3][..]][..], &[&[1, 3]]] {
            let table = three_facets(together);
            for (facet, accepted) in [(0, vec![1u64]), (1, vec![0, 1]), (3, vec![0, 2, 3])] {
                let filter = table.value_filter(facet, &accepted);
                for doc in 0..300 {
                    let ord = table.doc_ord(facet, doc);
                    let kept = ord.is_some_and(|o| accepted.contains(&u64::from(o)));
                    let want = if kept {
                        Ok(())
                    } else {
                        Err(table.slot(facet, doc))
                    };
                    assert_eq!(
                        table.check(&filter, doc),
                        want,
                        "{together:?} {facet} {doc}"
                    );
                }
            }
            // No value accepted: every document fails, counted at its own value.
            let none = table.value_filter(0, &[]);
            assert!((0..300).all(|doc| table.check(&none, doc) == Err(table.slot(0, doc))));
            // A facet the segment lacks: every document fails, counted in the sink.
            let lacking = table.value_filter(2, &[0]);
            let sink = table.range(2).end as u32;
            assert!((0..300).all(|doc| table.check(&lacking, doc) == Err(sink)));
        }
    }

    #[test]
    fn the_bits_of_the_passing_documents_are_those_every_filter_keeps() {
        let table = three_facets(&[&[1, 3]]);
        let key = vec![(0, vec![1u64, 2]), (3, vec![0, 3])];
        let filters: Vec<(usize, ValueFilter)> = key
            .iter()
            .map(|(facet, accepted)| (*facet, table.value_filter(*facet, accepted)))
            .collect();
        let bits = table.passing(&key, &filters);
        assert_eq!(bits.max_value(), 300);
        for doc in 0..300 {
            let kept = filters.iter().all(|(_, f)| table.check(f, doc).is_ok());
            assert_eq!(bits.contains(doc), kept, "{doc}");
        }
        assert!((0..300).any(|doc| bits.contains(doc)));
        assert!((0..300).any(|doc| !bits.contains(doc)));
        // Kept by filters: asked again, the same bits; other filters, others.
        assert!(Arc::ptr_eq(&bits, &table.passing(&key, &filters)));
        let other = vec![(0, vec![1u64])];
        let one: Vec<(usize, ValueFilter)> = vec![(0, table.value_filter(0, &[1]))];
        assert!(!Arc::ptr_eq(&bits, &table.passing(&other, &one)));
    }

    #[test]
    fn a_path_filter_keeps_the_documents_under_a_path() {
        let table = three_facets(&[&[0, 1, 3]]);
        let levels = [3, 1, 0];
        let all: [&[&[u64]]; 4] = [&[&[1]], &[&[1, 0]], &[&[2, 1, 3], &[0]], &[&[4, 0]]];
        for paths in all {
            let filter = table.path_filter(&levels, paths).unwrap();
            for doc in 0..300 {
                let under = paths.iter().any(|path| {
                    path.iter()
                        .zip(levels)
                        .all(|(&ord, facet)| table.doc_ord(facet, doc).map(u64::from) == Some(ord))
                });
                assert_eq!(table.check(&filter, doc).is_ok(), under, "{paths:?} {doc}");
            }
            assert!((0..300).any(|doc| table.check(&filter, doc).is_ok()) || paths[0][0] == 4);
        }
        // Levels not counted in one group: no filter from the rows.
        assert!(three_facets(&[]).path_filter(&levels, &[&[1]]).is_none());
        let apart = three_facets(&[&[1, 3]]);
        assert!(apart.path_filter(&levels, &[&[1, 0]]).is_some());
        assert!(apart.path_filter(&levels, &[&[1, 0, 2]]).is_none());
    }

    #[test]
    fn a_path_s_children_are_read_from_the_row() {
        let table = three_facets(&[&[0, 1, 3]]);
        let levels = [3, 1, 0];
        for path in [&[][..], &[1], &[2, 0], &[4]] {
            let map = table.path_children(&levels, path).unwrap();
            for doc in 0..300 {
                let under = path
                    .iter()
                    .zip(levels)
                    .all(|(&ord, facet)| table.doc_ord(facet, doc).map(u64::from) == Some(ord));
                let want = under
                    .then(|| table.doc_ord(levels[path.len()], doc))
                    .flatten();
                assert_eq!(table.child(&map, doc), want, "{path:?} {doc}");
            }
        }
        // A path at the last level has no children; levels apart have no map.
        assert!(table.path_children(&levels, &[1, 0, 2]).is_none());
        assert!(three_facets(&[]).path_children(&levels, &[1]).is_none());
    }

    #[test]
    fn a_range_under_filters_counts_each_document_as_its_outcome_says() {
        let table = three_facets(&[&[0, 1]]);
        let days = [0; 6];
        let filter = table.value_filter(0, &[1]);
        let outcome = |doc: DocId| {
            if doc.is_multiple_of(5) {
                return Counted::Nowhere;
            }
            match table.check(&filter, doc) {
                Ok(()) => Counted::Everywhere,
                Err(slot) => Counted::At(slot),
            }
        };
        let got = table.range_counts_filtered(10..250, days, &[(0, vec![1])], outcome);
        let mut want = vec![0u32; table.slots()];
        let kept: Vec<DocId> = (10..250)
            .filter(|&d| outcome(d) == Counted::Everywhere)
            .collect();
        table.count_every_facet(&kept, &mut want);
        for doc in 10..250 {
            if let Counted::At(slot) = outcome(doc) {
                want[slot as usize] += 1;
            }
        }
        assert_eq!(*got, want);
        // Kept: the same key gives the same counts whatever the outcome says now.
        let again =
            table.range_counts_filtered(10..250, days, &[(0, vec![1])], |_| Counted::Nowhere);
        assert!(Arc::ptr_eq(&got, &again));
        // Another filter is another key.
        let other =
            table.range_counts_filtered(10..250, days, &[(0, vec![2])], |_| Counted::Nowhere);
        assert!(other.iter().all(|&c| c == 0));
    }

    #[test]
    fn a_group_with_too_many_combinations_is_counted_facet_by_facet() {
        let len = vec![300, 300];
        let ords: Vec<Option<Vec<u32>>> = vec![
            Some((0..10_000).map(|d| d % 300).collect()),
            Some((0..10_000).map(|d| (d / 300) % 300).collect()),
        ];
        let table = SegmentOrds::assemble(&ords, len, vec![None, None], &[&[0, 1]], 10_000);
        assert!(table.groups.is_empty());
        assert_eq!(table.stride, 2);
    }
}
