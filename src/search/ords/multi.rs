//! Multi-valued facets (skills): every value of a document, as offsets into one array and
//! again as rows of a fixed width, what counting reads.

use tantivy::columnar::StrColumn;
use tantivy::DocId;

use super::rows::Rows;

/// Values of a multi-valued facet held in a document's fixed-width row (see [`Fixed`]).
pub(super) const FIXED_READ: usize = 8;

/// Slots after a multi-valued facet's sink that fixed-width rows point their unused places
/// at (see [`Fixed`]): one per place and per document number modulo four.
pub(super) const PAD_SLOTS: u32 = 4 * FIXED_READ as u32;

/// Slots of a facet of `terms` values in the flat array of counts: its values, its sink, and
/// for a multi-valued facet its pads (see [`Fixed`]).
pub(super) fn facet_span(terms: u32, multi_valued: bool) -> u32 {
    let pads = if multi_valued { PAD_SLOTS } else { 0 };
    terms.saturating_add(1).saturating_add(pads)
}

/// Every slot of every document in one multi-valued column.
pub(super) struct MultiOrds {
    /// `doc`'s values are `ords[starts[doc]..starts[doc + 1]]`.
    pub(super) starts: Vec<u32>,
    /// Term ordinals (two bytes each when the column has fewer than 65,535 terms).
    pub(super) ords: Rows,
    /// The same values in rows of a fixed width, what counting reads (`None` when the
    /// column has too many terms for two bytes).
    pub(super) fixed: Option<Fixed>,
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
/// [`super::SegmentOrds::expand`] puts back.
pub(super) struct Fixed {
    pub(super) rows: FixedRows,
    /// One bit per document: whether it has more values than its row holds.
    pub(super) overflow: Vec<u64>,
    /// Per word of `overflow`: the documents flagged in the words before it.
    pub(super) rank: Vec<u32>,
    /// The `i`th flagged document's values past its row are `extra[ends[i]..ends[i + 1]]`.
    pub(super) ends: Vec<u32>,
    pub(super) extra: Vec<u16>,
}

/// The rows of a [`Fixed`]: ordinals in two bytes, or positions (see [`Coded`]) in one.
pub(super) enum FixedRows {
    Narrow(Vec<u16>),
    Byte(Vec<u8>, Coded),
}

/// Where a facet counted from one-byte rows counts its values: its [`CODED`] most frequent
/// values in a segment first, most frequent first (their *codes*, what the rows hold), then
/// the [`PAD_SLOTS`] pads, then the other values in the order of their ordinals, which a
/// document holds in its `extra` values instead of its row (a document with a value outside
/// the first ones is flagged in `overflow`), then the sink. The facet spans as many slots as
/// in ordinal order.
pub(super) struct Coded {
    /// The ordinal counted at each position, [`NO_ORDINAL`] at the pads.
    pub(super) ordinal: Box<[u32]>,
}

/// Values of a facet that one-byte rows hold (the pads take the other codes up to 255).
pub(super) const CODED: usize = 255 - PAD_SLOTS as usize;

/// The ordinal of a pad's position (see [`Coded`]).
pub(super) const NO_ORDINAL: u32 = u32::MAX;

/// Most documents, one in so many of a segment, whose values a one-byte row may leave in
/// `extra` (see [`Fixed`]); with more, rows of two bytes are read instead.
pub(super) const CODED_OVERFLOW: usize = 32;

impl Fixed {
    /// The rows of `starts` and `ords` (a column's values as offsets), whose values are below
    /// `terms`: of one byte when few enough documents overflow them, of two otherwise; `None`
    /// when a pad would not fit in two bytes.
    pub(super) fn build(starts: &[u32], ords: &[u32], terms: usize) -> Option<Fixed> {
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
    pub(super) fn fill<'a>(
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
    pub(super) fn extra(&self, doc: DocId) -> &[u16] {
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
    pub(super) fn first(&self, doc: DocId) -> u32 {
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
    pub(super) fn reorder(&self, slots: &mut [u32]) {
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
    pub(super) fn build(column: &StrColumn, max_doc: DocId) -> MultiOrds {
        MultiOrds::from_docs(
            (0..max_doc).map(|doc| column.term_ords(doc).filter_map(|o| u32::try_from(o).ok())),
            column.num_terms(),
        )
    }

    /// The table of documents whose values are `docs`, one iterator of ordinals (below
    /// `terms`) per document in order.
    pub(super) fn from_docs<D: Iterator<Item = u32>>(
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
    pub(super) fn range(&self, doc: DocId) -> std::ops::Range<usize> {
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
pub(super) fn count_values<T: Copy + Into<u32>>(
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
pub(super) fn count_fixed<T: Copy + Into<usize>>(
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
