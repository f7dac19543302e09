//! Counting a dense search's facets by complement (see [`Complement`]): the documents a
//! search does not match are taken away from the counts of the whole range.

use std::ops::Range;
use std::sync::Arc;

use tantivy::{DocId, Score};

use super::{FacetedSegment, TopK, BUCKETS, WINDOW};
use crate::search::ords::{Counted, FilterKey};

/// Counting a dense search's facets by complement: when a search matches most documents of a
/// range, counting the few it does not match and taking them from the counts of the whole
/// range ([`SegmentOrds::range_counts`](super::SegmentOrds::range_counts), kept per segment) touches fewer documents. The
/// first sixteenth of the range is counted hit by hit and tells how dense the search is; the
/// rest is counted by complement when more than [`COMPLEMENT_DENSITY`] of the first part
/// (of its documents within the search's days) matched. Bounds on days (`open=true`) are
/// allowed: the whole is then the range's documents within the days (counted once per range
/// and bounds), and an unmatched document is taken away only if it lies within them.
///
/// Facet filters on single-valued facets are allowed too: the whole is then what the search
/// would count if it matched every document of the range (a document passing every filter
/// counted in every facet, one failing a single filter in that facet only;
/// [`SegmentOrds::range_counts_filtered`](super::SegmentOrds::range_counts_filtered), kept per range, days and filters), and an
/// unmatched document is taken away as it would have been counted. A skill or location
/// filter, a location drill-down counted hit by hit, or grouping keeps counting hit by hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Complement {
    /// Every hit is counted.
    Off,
    /// Hits of `start..decide` are counted and `matched`; at `decide` the rest is settled.
    Watching {
        start: DocId,
        decide: DocId,
        end: DocId,
        matched: u32,
    },
    /// The documents of `from..end` not matched are taken away from its counts; `next` is the
    /// first one not seen yet.
    On {
        from: DocId,
        next: DocId,
        end: DocId,
    },
}

/// Share of matched documents in the first part of a range above which the rest of it is
/// counted by complement (see [`Complement`]).
const COMPLEMENT_DENSITY: f64 = 0.6;

/// The documents skipped between the first one not seen yet (`next`) and the match `doc`;
/// `next` moves past `doc`.
#[inline]
pub(super) fn skipped(next: &mut DocId, doc: DocId) -> Range<DocId> {
    debug_assert!(doc >= *next, "hits of a range come in order");
    let gap = *next..doc;
    *next = doc + 1;
    gap
}

impl FacetedSegment {
    /// The counts of the documents of `range` within the search's days, in every facet
    /// (see [`SegmentOrds::range_counts`](super::SegmentOrds::range_counts)).
    fn range_counts(&self, range: Range<DocId>) -> Arc<Vec<u32>> {
        if self.every_day() {
            return self.table.range_counts(range);
        }
        self.table
            .range_counts_where(range, self.days_key(), |doc| self.days_of(doc).is_some())
    }

    /// Everything [`FacetedSegment::days_of`] decides by: the bounds, and whether the closing
    /// day is read (the rule for postings without one applies only then).
    fn days_key(&self) -> FilterKey {
        [
            self.published.min,
            self.published.max,
            self.closing.min,
            self.closing.max,
            self.unknown_closing_published_min.unwrap_or(i64::MIN),
            i64::from(self.needs_closing()),
        ]
    }

    /// Whether a dense search may count by complement through its facet filters: it has
    /// some, all on single-valued facets, and nothing else (a skill or location filter, a
    /// location drill-down counted per hit, grouping) decides where a match counts.
    fn by_filters(&self) -> bool {
        !self.value_filters.is_empty()
            && self.multi_filters.is_empty()
            && !self.location_filtered
            && !self.location_per_hit
            && self.group_by.is_empty()
    }

    /// How `doc` is counted under the search's facet filters (see [`Counted`]), when
    /// [`FacetedSegment::by_filters`]. A document failing one filter is counted in its facet
    /// whether the search counts that facet or not: the range's counts are shared by
    /// searches counting other facets, and a facet not counted is never read.
    #[inline]
    fn counted_as(&self, doc: DocId) -> Counted {
        if !self.within_days(doc) {
            return Counted::Nowhere;
        }
        if self.passing.is_some() && self.passes_value_filters(doc) {
            return Counted::Everywhere;
        }
        let mut counted = Counted::Everywhere;
        for (_, filter) in &self.value_filters {
            if let Err(slot) = self.table.check(filter, doc) {
                if counted != Counted::Everywhere {
                    return Counted::Nowhere;
                }
                counted = Counted::At(slot);
            }
        }
        counted
    }

    /// A filtered search's counts of every document of `range`, as if it matched them all
    /// (see [`SegmentOrds::range_counts_filtered`](super::SegmentOrds::range_counts_filtered)).
    fn filtered_range_counts(&self, range: Range<DocId>) -> Arc<Vec<u32>> {
        self.table
            .range_counts_filtered(range, self.days_key(), &self.filters, |doc| {
                self.counted_as(doc)
            })
    }

    /// A filtered search at matched document `doc` (within its days): whether `doc` is
    /// counted as it comes. Counting by complement, it is not; the documents skipped since
    /// the last match are taken away instead.
    #[inline]
    pub(super) fn step_filtered(&mut self, doc: DocId) -> bool {
        match &mut self.complement {
            Complement::Off => true,
            Complement::Watching {
                decide, matched, ..
            } if doc < *decide => {
                *matched += 1;
                true
            }
            Complement::Watching { .. } => {
                if self.decide() {
                    self.step_filtered(doc)
                } else {
                    true
                }
            }
            Complement::On { next, .. } => {
                let gap = skipped(next, doc);
                if !gap.is_empty() {
                    self.take_away_filtered(gap);
                }
                false
            }
        }
    }

    /// Counting a filtered search by complement: takes away the unmatched documents `gap` as
    /// the range's counts hold them (see [`FacetedSegment::counted_as`]).
    fn take_away_filtered(&mut self, gap: Range<DocId>) {
        for missed in gap {
            match self.counted_as(missed) {
                Counted::Everywhere => self.pend(missed),
                Counted::At(slot) => {
                    if let Some(count) = self.counts.get_mut(slot as usize) {
                        *count = count.wrapping_sub(1);
                    }
                }
                Counted::Nowhere => {}
            }
        }
    }

    /// Whether `matched` hits among the documents of `watched` make the search dense there:
    /// more than [`COMPLEMENT_DENSITY`] of those within its days (of all of them when its
    /// days are not bounded). Measured against all of them, a search bounded to the open
    /// postings, a share of the index, would rarely count as dense.
    ///
    /// Through facet filters the rule is the same, however few matches pass them: hit by hit,
    /// each match is checked against the filters' rows and counted in every facet or in its
    /// failed filter's; by complement, each match is only looked up in the bits of the
    /// documents passing them ([`SegmentOrds::passing`](super::SegmentOrds::passing)), and
    /// the fewer unmatched documents are checked and taken away instead.
    fn dense(&self, watched: Range<DocId>, matched: u32) -> bool {
        let within = if self.every_day() {
            f64::from(watched.end - watched.start)
        } else {
            watched.filter(|&doc| self.days_of(doc).is_some()).count() as f64
        };
        f64::from(matched) > COMPLEMENT_DENSITY * within
    }

    /// Tells this collector that it is given the documents `start..end`, in order, and
    /// nothing else; with `complement`, it may count their facets by complement if the search
    /// is dense there and counts every match within its days (see [`Complement`]).
    #[inline]
    pub(in crate::search) fn within(&mut self, start: DocId, end: DocId, complement: bool) {
        self.span = start..end;
        let decide = start + (end - start) / 16;
        self.complement_filtered = self.by_filters();
        if complement
            && (self.counts_every_match_in_days() || self.complement_filtered)
            && decide > start
        {
            self.complement = Complement::Watching {
                start,
                decide,
                end,
                matched: 0,
            };
        }
    }

    /// At the first hit `doc` past the watched part of the range: counts the rest by
    /// complement if the search is dense there, hit by hit otherwise, from `doc` on.
    #[inline(never)]
    pub(super) fn decide_complement(&mut self, doc: DocId) {
        self.decide();
        self.count_hit(doc);
    }

    /// At the first match past the watched part of the range: whether the rest is counted by
    /// complement (the search is dense there) or hit by hit, as the state now says.
    #[inline(never)]
    fn decide(&mut self) -> bool {
        let Complement::Watching {
            start,
            decide,
            end,
            matched,
        } = self.complement
        else {
            return matches!(self.complement, Complement::On { .. });
        };
        if self.dense(start..decide, matched) {
            self.flush();
            if self.complement_filtered {
                self.passing = Some(self.table.passing(&self.filters, &self.value_filters));
            }
            self.complement = Complement::On {
                from: decide,
                next: decide,
                end,
            };
            true
        } else {
            // Counted hit by hit from here on, as a search that may not count by complement.
            self.complement = Complement::Off;
            self.complement_filtered = false;
            false
        }
    }

    /// Counting by complement: takes away the unmatched documents `gap` (those within the
    /// search's days: the range's counts hold only those).
    #[inline]
    pub(super) fn count_gap(&mut self, gap: Range<DocId>) {
        if self.every_day() {
            for missed in gap {
                self.pend(missed);
            }
        } else {
            for missed in gap {
                if self.days_of(missed).is_some() {
                    self.pend(missed);
                }
            }
        }
    }

    /// Counts everything pending; counting by complement, takes away the documents not matched
    /// up to the range's end and adds the range's counts; adds the counts of the tagged
    /// postings skipped.
    #[inline]
    pub(super) fn settle(&mut self) {
        if let Some(tagged) = self.tagged.take() {
            // Counting by complement from `from` on, the tagged postings before it were skipped.
            let skipped = match self.complement {
                Complement::On { from, .. } => self.span.start..from,
                _ => self.span.clone(),
            };
            for &(slot, add) in tagged.range_counts(&self.table, skipped).iter() {
                if let Some(count) = self.counts.get_mut(slot as usize) {
                    *count = count.wrapping_add(add);
                }
            }
        }
        if let Complement::On { from, next, end } = self.complement {
            let whole = if self.complement_filtered {
                self.take_away_filtered(next..end);
                self.flush();
                self.filtered_range_counts(from..end)
            } else {
                self.count_gap(next..end);
                self.flush();
                self.range_counts(from..end)
            };
            for (count, add) in self.counts.iter_mut().zip(whole.iter()) {
                *count = count.wrapping_add(*add);
            }
        } else {
            self.flush();
        }
        self.complement = Complement::Off;
    }

    /// [`FacetedSegment::collect_window`] for a plain search counting by complement whose
    /// segment has no deleted postings, from a window starting at or after `next`, the first
    /// document not seen yet: what it does match by match, a word of 64 documents at a time.
    /// The documents not matched up to the window's last match are taken away (those before
    /// the window since the last match too), and only the matches scoring at least the top
    /// hits' floor are offered: the others would be turned away, the floor only rising. A
    /// plain search accepts every day, so no document is left out for its days.
    #[inline]
    pub(super) fn collect_window_by_complement(
        &mut self,
        start: DocId,
        next: DocId,
        bits: &[u64; BUCKETS],
        scores: &[Score; WINDOW as usize],
    ) {
        debug_assert!(self.plain && self.every_day());
        let Some(last) = bits.iter().rposition(|&word| word != 0) else {
            return;
        };
        if next < start {
            self.count_gap(next..start);
        }
        let mut hits = 0u64;
        let mut end = start;
        for (bucket, &word) in bits[..=last].iter().enumerate() {
            let first = start + (bucket * 64) as DocId;
            hits += u64::from(word.count_ones());
            let mut missed = !word;
            if bucket == last {
                // Not past the last match: those are taken away with the next window's gap.
                let highest = 63 - word.leading_zeros();
                missed &= (1u64 << highest).wrapping_sub(1);
                end = first + highest + 1;
            }
            while missed != 0 {
                self.pend(first + missed.trailing_zeros());
                missed &= missed - 1;
            }
            let floor = self.top.bar();
            let mut above = 0u64;
            for (k, &score) in scores[bucket * 64..][..64].iter().enumerate() {
                above |= u64::from(TopK::clears(f64::from(score), floor)) << k;
            }
            above &= word;
            while above != 0 {
                let k = above.trailing_zeros() as usize;
                self.offer(first + k as DocId, scores[bucket * 64 + k]);
                above &= above - 1;
            }
        }
        if let Complement::On { next, .. } = &mut self.complement {
            *next = end;
        }
        self.total += hits;
    }
}
