//! Counting documents in every facet, or in some, from a segment's rows and columns.

use std::sync::Arc;

use tantivy::DocId;

use super::multi::count_values;
use super::rows::{count_rows, Rows};
use super::{Counted, FilterKey, Place, SegmentOrds};

impl SegmentOrds {
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
    /// for the few ranges searches ask for (see [`crate::search::collector`]'s counting by
    /// complement).
    pub fn range_counts(&self, range: std::ops::Range<DocId>) -> Arc<Vec<u32>> {
        self.kept.ranges.get_or_insert_with(range.clone(), || {
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
        self.kept
            .kept_ranges
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
        self.kept
            .filtered_ranges
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
