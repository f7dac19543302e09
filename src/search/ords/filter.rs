//! Filters on single-valued facets and location paths, read from a segment's rows.

use std::sync::Arc;

use tantivy::{BitSet, DocId};

use super::SegmentOrds;

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
pub(super) const NO_CHILD: u32 = u32::MAX;

/// Whether `combination` (a group's values) lies under `path`: each level's ordinal (its rank
/// in the group and number of values in `ranks`, in the path's order) is the path's.
pub(super) fn under(combination: &[u32], ranks: &[(usize, u32)], path: &[u64]) -> bool {
    path.iter()
        .zip(ranks)
        .all(|(&ord, &(rank, len))| combination[rank] < len && u64::from(combination[rank]) == ord)
}

impl SegmentOrds {
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
        self.kept.passing.get_or_insert_with(key.to_vec(), || {
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
}
