//! What a search does in one segment: reading days and facets, filtering, counting and
//! ranking each match, and what the segment found.

use std::collections::HashMap;

use tantivy::collector::SegmentCollector;
use tantivy::fastfield::AliveBitSet;
use tantivy::{DocAddress, DocId, Score};

use super::complement::{skipped, Complement};
use super::{
    each_match, facet_index, FacetedSegment, SegmentFruit, COUNT_BATCH, LOCATION_SLOT, SPARSE_GAP,
};
use crate::search::facet_names::{counted_ords, most_frequent, named_counts};
use crate::search::topk::{RankBy, RankKey, TopK};
use crate::search::window::{BUCKETS, WINDOW};
use crate::search::FacetField;

impl FacetedSegment {
    /// Whether a match's publication day is read: to group, filter or rank by it.
    #[inline]
    fn needs_published(&self) -> bool {
        !self.group_by.is_empty()
            || !self.published.is_any()
            || self.rank_by == RankBy::PublishedDesc
    }

    /// Whether a match's closing day is read: to group, filter or rank by it (and then the
    /// publication day of those without one, for open postings).
    #[inline]
    pub(super) fn needs_closing(&self) -> bool {
        !self.group_by.is_empty() || !self.closing.is_any() || self.rank_by == RankBy::ClosingAsc
    }

    /// Whether the search reads the days of its matches.
    pub(super) fn reads_days(&self) -> bool {
        self.needs_published() || self.needs_closing()
    }

    /// `doc`'s publication day ([`crate::schema::NO_PUBLISHED`] without one).
    #[inline]
    fn published_of(&self, doc: DocId) -> i64 {
        match &self.days {
            Some(days) => days.published(doc),
            None => self
                .columns
                .published
                .first(doc)
                .unwrap_or(crate::schema::NO_PUBLISHED),
        }
    }

    /// `doc`'s closing day ([`crate::schema::NO_CLOSING`] without one).
    #[inline]
    fn closing_of(&self, doc: DocId) -> i64 {
        match &self.days {
            Some(days) => days.closing(doc),
            None => self
                .columns
                .closing
                .first(doc)
                .unwrap_or(crate::schema::NO_CLOSING),
        }
    }

    /// The term ordinal of `doc` in facet column `facet`.
    #[inline]
    fn ord(&self, facet: usize, doc: DocId) -> Option<u64> {
        self.table.doc_ord(facet, doc).map(u64::from)
    }

    /// Whether `doc` lies under `path` (ordinals per level).
    fn under(&self, path: &[u64], doc: DocId) -> bool {
        path.iter()
            .zip(&self.level_facets)
            .all(|(ord, facet)| self.ord(*facet, doc) == Some(*ord))
    }

    /// Whether `doc` lies under one of the requested location paths.
    #[inline]
    fn under_location(&self, doc: DocId) -> bool {
        match &self.location_filter {
            Some(filter) => self.table.check(filter, doc).is_ok(),
            None => self
                .paths
                .iter()
                .any(|p| p.ords.as_ref().is_some_and(|ords| self.under(ords, doc))),
        }
    }

    fn count_location(&mut self, doc: DocId) {
        for i in 0..self.paths.len() {
            let path = &self.paths[i];
            let Some(ords) = &path.ords else { continue };
            if ords.is_empty() && (self.root_from_region || self.root_region_accepted.is_some()) {
                continue;
            }
            if let Some(Some(map)) = self.child_maps.get(i) {
                if let Some(ord) = self.table.child(map, doc) {
                    if let Some(slot) = self.paths[i].children.get_mut(ord as usize) {
                        *slot += 1;
                    }
                }
                continue;
            }
            let Some(&child) = self.level_facets.get(ords.len()) else {
                continue;
            };
            if !self.under(ords, doc) {
                continue;
            }
            if let Some(ord) = self.table.doc_ord(child, doc) {
                if let Some(slot) = self.paths[i].children.get_mut(ord as usize) {
                    *slot += 1;
                }
            }
        }
    }

    fn count_group(&mut self, doc: DocId, published: i64, closing: i64) {
        let first = self
            .group_by
            .first()
            .map_or(vec![None], |f| self.ords(*f, doc));
        let second = self
            .group_by
            .get(1)
            .map_or(vec![None], |f| self.ords(*f, doc));
        // A posting with several values of a multi-valued facet counts under each.
        for a in &first {
            for b in &second {
                *self.groups.entry((*a, *b)).or_insert(0) += 1;
            }
        }
        if published != crate::schema::NO_PUBLISHED {
            *self.published_days.entry(published).or_insert(0) += 1;
        }
        if closing != crate::schema::NO_CLOSING {
            *self.closing_days.entry(closing).or_insert(0) += 1;
        }
    }

    fn count(&mut self, facet: usize, doc: DocId) {
        if !self.counted[facet] {
            return;
        }
        if FacetField::ALL[facet].is_multi_valued() {
            self.table.count_values(facet, &[doc], &mut self.counts, 1);
            return;
        }
        let slot = self.table.slot(facet, doc);
        if let Some(count) = self.counts.get_mut(slot as usize) {
            *count += 1;
        }
    }

    /// The ordinals of `doc` in `facet` (several for a multi-valued facet).
    fn ords(&self, facet: usize, doc: DocId) -> Vec<Option<u64>> {
        if !FacetField::ALL[facet].is_multi_valued() {
            return vec![self.ord(facet, doc)];
        }
        let ords: Vec<Option<u64>> = self
            .table
            .values(facet, doc)
            .map(|slot| self.table.ord(facet, slot).map(u64::from))
            .collect();
        if ords.is_empty() {
            vec![None]
        } else {
            ords
        }
    }

    /// Whether `doc` has a value accepted by a multi-valued facet's filter.
    fn accepts(&self, facet: usize, accepted: &[u64], doc: DocId) -> bool {
        self.table.values(facet, doc).any(|slot| {
            self.table
                .ord(facet, slot)
                .is_some_and(|o| accepted.binary_search(&u64::from(o)).is_ok())
        })
    }

    /// Counts the pending hits in every counted facet (and the location drill-down). Their
    /// facet values are read ahead in one pass first ([`crate::search::ords::SegmentOrds::prefetch`]): when the
    /// hits are a small share of the segment, each row is a cache miss, and these misses
    /// overlap instead of being paid one after another.
    #[inline(never)]
    pub(super) fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let rows = self.location_per_hit || self.single.as_ref().is_none_or(|s| !s.is_empty());
        // Hits close together are read in order anyway (the processor's own prefetcher
        // follows them): only sparse batches are read ahead.
        let span = pending
            .last()
            .zip(pending.first())
            .map_or(0, |(l, f)| l.abs_diff(*f));
        if span as usize > pending.len() * SPARSE_GAP {
            std::hint::black_box(self.table.prefetch(&pending, rows, &self.multi));
        }
        // Counting by complement, the pending documents are those not matched: taken away.
        let delta = if matches!(self.complement, Complement::On { .. }) {
            u32::MAX
        } else {
            1
        };
        self.table
            .count(&pending, self.single.as_deref(), &mut self.counts, delta);
        for &facet in &self.multi {
            self.table
                .count_values(facet, &pending, &mut self.counts, delta);
        }
        if self.location_per_hit {
            for &doc in &pending {
                self.count_location(doc);
            }
        }
        self.pending = pending;
        self.pending.clear();
    }

    /// Whether every match is counted in every facet as it is (no filter, date bound or
    /// location path decides whether or where a match counts).
    pub(super) fn counts_every_match(&self) -> bool {
        self.counts_every_match_in_days() && self.every_day()
    }

    /// Whether every match within the search's days is counted in every facet as it is (no
    /// filter or location path decides whether or where a match counts; the days may be
    /// bounded, as `open=true` bounds them).
    pub(super) fn counts_every_match_in_days(&self) -> bool {
        self.filters.is_empty()
            && self.multi_filters.is_empty()
            && !self.location_filtered
            && !self.location_per_hit
    }

    /// Whether the search accepts every day (no bound on publication or closing).
    pub(super) fn every_day(&self) -> bool {
        self.published.is_any()
            && self.closing.is_any()
            && self.unknown_closing_published_min.is_none()
    }

    /// `doc`'s publication and closing days (0 for those the search does not read), if it
    /// lies within the search's days; `None` if it does not.
    #[inline]
    pub(super) fn days_of(&self, doc: DocId) -> Option<(i64, i64)> {
        let published = if self.needs_published() {
            self.published_of(doc)
        } else {
            0
        };
        if !self.published.contains(published) {
            return None;
        }
        let closing = if self.needs_closing() {
            self.closing_of(doc)
        } else {
            0
        };
        if !self.closing.contains(closing) {
            return None;
        }
        if let Some(min) = self.unknown_closing_published_min {
            // Closing date unknown: open only for a bounded time after publication.
            if closing == crate::schema::NO_CLOSING && self.published_of(doc) < min {
                return None;
            }
        }
        Some((published, closing))
    }

    /// Whether `doc` lies within the search's days.
    #[inline]
    pub(super) fn within_days(&self, doc: DocId) -> bool {
        self.days.is_none() || self.days_of(doc).is_some()
    }

    /// A match of a search counting by complement whose only checks are filters on
    /// single-valued facets ([`FacetedSegment::value_filtered`]): what
    /// [`SegmentCollector::collect`] does with it once the documents skipped before it are
    /// taken away. It adds nothing to the counts (they come from the range's): to the total
    /// if it passes the filters, to the top hits if it passes and scores at least their
    /// floor. Whether a match passes follows no pattern (29 % of `programme`'s matches pass
    /// `region=Africa` in a million generated postings): it is worked out without a branch
    /// on the answer, and the floor, which most matches of a long search fall below, is
    /// tested first.
    #[inline]
    fn collect_passing(&mut self, doc: DocId, score: Score) {
        let passes = self.passes_value_filters(doc);
        self.total += u64::from(passes);
        // One branch, on both tests at once: left to itself, the compiler tests `passes`
        // first, a branch mispredicted on every other match.
        let clears = TopK::clears(f64::from(score), self.top.bar());
        if std::hint::black_box(u8::from(clears) & u8::from(passes)) != 0 {
            self.offer(doc, score);
        }
    }

    /// A match of a search whose only check is its days, counted hit by hit
    /// ([`FacetedSegment::days_bounded`], no counting by complement, no tagged postings):
    /// what [`SegmentCollector::collect`] does with it, without a branch on whether it lies
    /// within the days. Where a bound splits the matches (`open=true` on a live board, or
    /// `published_after` a recent day), whether one lies within follows no pattern, and the
    /// answer comes only once its days are read: a branch on it is mispredicted often, and
    /// late. It is added to the batch to count and taken off again if outside; offered to
    /// the top hits on one branch over both tests.
    #[inline]
    fn collect_within_days(&mut self, doc: DocId, score: Score) {
        let within = self.within_days_flag(doc);
        self.total += u64::from(within);
        self.pending.push(doc);
        let kept = self.pending.len() - usize::from(!within);
        self.pending.truncate(kept);
        if self.pending.len() == COUNT_BATCH {
            self.flush();
        }
        let clears = TopK::clears(f64::from(score), self.top.bar());
        if std::hint::black_box(u8::from(clears) & u8::from(within)) != 0 {
            self.offer(doc, score);
        }
    }

    /// Whether `doc` lies within the search's days ([`FacetedSegment::days_of`]), worked out
    /// without a branch on the answer. The same rule as `days_of`, kept in two forms on
    /// purpose: `days_of` reads the closing day only for postings published within the
    /// bounds, and built on this one it made day-bounded searches counted by complement 15 %
    /// slower (`?q=officer&open=true` and two others at 1M, 9.0 → 10.4 ms); the test
    /// `matches_bounded_in_days_are_kept_and_counted_as_their_dates_say` pins this form.
    #[inline]
    fn within_days_flag(&self, doc: DocId) -> bool {
        // Read once, for the bounds on publication or for postings without a closing day
        // (any publication day passes the bounds when there are none).
        let published = if self.needs_published() || self.unknown_closing_published_min.is_some() {
            self.published_of(doc)
        } else {
            0
        };
        let closing = if self.needs_closing() {
            self.closing_of(doc)
        } else {
            0
        };
        let mut within = self.published.contains(published) & self.closing.contains(closing);
        if let Some(min) = self.unknown_closing_published_min {
            // Closing date unknown: open only for a bounded time after publication.
            within &= (closing != crate::schema::NO_CLOSING) | (published >= min);
        }
        within
    }

    /// Whether `doc` passes every filter on a single-valued facet: read from the bits of
    /// the documents passing them when the search has them, else from `doc`'s row.
    #[inline(always)]
    pub(super) fn passes_value_filters(&self, doc: DocId) -> bool {
        match &self.passing {
            Some(bits) => doc < bits.max_value() && bits.contains(doc),
            None => self.value_filters.iter().fold(true, |passes, (_, filter)| {
                passes & self.table.check(filter, doc).is_ok()
            }),
        }
    }

    /// Counts the hit `doc` in the facets, now or in a batch, hit by hit or by complement
    /// (a tagged posting is counted with the others when the collector is settled).
    ///
    /// Called for every hit: inlined into [`SegmentCollector::collect`], with the decision
    /// to count by complement, taken once per range, out of line.
    #[inline(always)]
    pub(super) fn count_hit(&mut self, doc: DocId) {
        match &mut self.complement {
            Complement::Off => {
                if self.tagged.as_ref().is_none_or(|t| !t.contains(doc)) {
                    self.pend(doc);
                }
            }
            Complement::Watching {
                decide, matched, ..
            } if doc < *decide => {
                *matched += 1;
                if self.tagged.as_ref().is_none_or(|t| !t.contains(doc)) {
                    self.pend(doc);
                }
            }
            Complement::Watching { .. } => self.decide_complement(doc),
            Complement::On { next, .. } => {
                let gap = skipped(next, doc);
                if !gap.is_empty() {
                    self.count_gap(gap);
                }
            }
        }
    }

    /// Adds `doc` to the batch to count, counting the batch when full.
    #[inline(always)]
    pub(super) fn pend(&mut self, doc: DocId) {
        self.pending.push(doc);
        if self.pending.len() == COUNT_BATCH {
            self.flush();
        }
    }
}

impl FacetedSegment {
    /// Adds what `other` found to this collector: both collect the same segment (same
    /// collector, same ordinal table) over disjoint ranges of documents (see
    /// [`crate::search::slices`]). Counts, totals, groups and kept hits then stand as if one collector
    /// had seen both ranges, so [`SegmentCollector::harvest`] names and cuts the facet values
    /// from the segment's whole counts.
    pub(in crate::search) fn absorb(&mut self, mut other: FacetedSegment) {
        debug_assert_eq!(self.segment, other.segment);
        self.settle();
        other.settle();
        self.total += other.total;
        for (into, from) in self.counts.iter_mut().zip(&other.counts) {
            *into += *from;
        }
        for (into, from) in self.paths.iter_mut().zip(&other.paths) {
            for (a, b) in into.children.iter_mut().zip(&from.children) {
                *a += *b;
            }
        }
        for (key, count) in other.groups.drain() {
            *self.groups.entry(key).or_insert(0) += count;
        }
        for (day, count) in other.published_days.drain() {
            *self.published_days.entry(day).or_insert(0) += count;
        }
        for (day, count) in other.closing_days.drain() {
            *self.closing_days.entry(day).or_insert(0) += count;
        }
        self.table.give_back(std::mem::take(&mut other.counts));
        // The other piece's keys come in no order with this one's.
        self.top.ties_lose(false);
        for key in other.top.into_best() {
            self.top.push(key);
        }
    }
}

impl FacetedSegment {
    /// Offers the match `doc` to the top hits of a search ranked by score.
    #[inline]
    pub(super) fn offer(&mut self, doc: DocId, score: Score) {
        self.top.push(RankKey {
            primary: f64::from(score),
            score,
            doc: DocAddress::new(self.segment, doc),
        });
    }

    /// Collects the matches of one window (its first document `start`, its matches' `bits`
    /// and `scores`): what [`SegmentCollector::collect`] does for each match in turn, without
    /// a call through a pointer per match. Once a plain search counts by complement (most of
    /// a dense query's matches), a match takes a few steps: the documents skipped since the
    /// last match taken away, the match offered to the top hits.
    ///
    /// Deleted postings (not `alive`) are left out, as tantivy's collection leaves them.
    pub(in crate::search) fn collect_window(
        &mut self,
        start: DocId,
        bits: &[u64; BUCKETS],
        scores: &[Score; WINDOW as usize],
        alive: Option<&AliveBitSet>,
    ) {
        let dead = |doc: DocId| alive.is_some_and(|a| !a.is_alive(doc));
        if !self.plain {
            each_match(start, bits, scores, |doc, score| {
                if !dead(doc) {
                    self.collect(doc, score);
                }
            });
            return;
        }
        if alive.is_none() {
            if let Complement::On { next, .. } = self.complement {
                if next <= start {
                    self.collect_window_by_complement(start, next, bits, scores);
                    return;
                }
            }
        }
        let mut hits = 0u64;
        each_match(start, bits, scores, |doc, score| {
            if dead(doc) {
                return;
            }
            let Complement::On { next, .. } = &mut self.complement else {
                self.collect(doc, score);
                return;
            };
            let gap = skipped(next, doc);
            if !gap.is_empty() {
                self.count_gap(gap);
            }
            hits += 1;
            self.offer(doc, score);
        });
        self.total += hits;
    }
}

impl SegmentCollector for FacetedSegment {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.plain {
            self.total += 1;
            self.count_hit(doc);
            self.offer(doc, score);
            return;
        }
        if self.days_bounded && self.complement == Complement::Off && self.tagged.is_none() {
            self.collect_within_days(doc, score);
            return;
        }
        if self.value_filtered
            && self.complement_filtered
            && matches!(self.complement, Complement::On { .. })
        {
            // Takes away the documents skipped before `doc` (and counts nothing of it).
            self.step_filtered(doc);
            self.collect_passing(doc, score);
            return;
        }
        let grouping = !self.group_by.is_empty();
        // Without a day read, every document lies within the search's days.
        let days = match self.days {
            Some(_) => self.days_of(doc),
            None => Some((0, 0)),
        };
        let Some((published, closing)) = days else {
            return;
        };
        // Counting a filtered search by complement, a match is not counted as it comes.
        let counting = !self.complement_filtered || self.step_filtered(doc);
        let mut failed: Option<usize> = None;
        // Where to count `doc` if it fails a single-valued facet's filter and no other.
        let mut failed_slot: Option<u32> = None;
        for (facet, filter) in &self.value_filters {
            if let Err(slot) = self.table.check(filter, doc) {
                if failed.is_some() {
                    return;
                }
                failed = Some(*facet);
                failed_slot = Some(slot);
            }
        }
        for (facet, accepted) in &self.multi_filters {
            if !self.accepts(*facet, accepted, doc) {
                if failed.is_some() {
                    return;
                }
                failed = Some(*facet);
            }
        }
        if self.location_filtered && !self.under_location(doc) {
            if failed.is_some() {
                return;
            }
            failed = Some(LOCATION_SLOT);
        }
        if failed == Some(LOCATION_SLOT) {
            // Not under any requested path: no child of them to count.
            return;
        }
        if let Some(facet) = failed {
            if !counting {
                return;
            }
            match failed_slot {
                Some(slot) if self.counted[facet] => {
                    if let Some(count) = self.counts.get_mut(slot as usize) {
                        *count += 1;
                    }
                }
                Some(_) => {}
                None => self.count(facet, doc),
            }
            return;
        }
        self.total += 1;
        if self.complement_filtered {
            if counting {
                self.pend(doc);
            }
        } else {
            self.count_hit(doc);
        }
        if grouping {
            self.count_group(doc, published, closing);
        }
        let primary = match self.rank_by {
            RankBy::Score => f64::from(score),
            RankBy::PublishedDesc => published as f64,
            RankBy::ClosingAsc => -(closing as f64),
        };
        self.top.push(RankKey {
            primary,
            score,
            doc: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(mut self) -> SegmentFruit {
        self.settle();
        self.table.expand(&mut self.counts);
        let mut counts = Vec::with_capacity(self.counts.len());
        for (facet, column) in self.columns.facets.iter().enumerate() {
            if column.is_none() || !self.counted[facet] {
                counts.push(Vec::new());
                continue;
            }
            let facet_counts = &self.counts[self.table.range(facet)];
            let mut ords = counted_ords(facet_counts);
            // Occupation counts are summed up the ISCO-08 hierarchy: every unit is needed.
            let limit = self
                .facet_values
                .filter(|_| FacetField::ALL[facet] != FacetField::Occupation);
            if let Some(limit) = limit {
                let filtered = self
                    .filters
                    .iter()
                    .chain(&self.multi_filters)
                    .find(|(f, _)| *f == facet)
                    .map_or(&[][..], |(_, accepted)| accepted.as_slice());
                ords = most_frequent(ords, facet_counts, limit, filtered);
            }
            counts.push(named_counts(
                self.columns.values(facet),
                facet_counts,
                &ords,
            ));
        }
        let mut location = Vec::new();
        for path in self.paths.iter().filter(|_| self.count_location) {
            let Some(ords) = &path.ords else { continue };
            let Some(child) = crate::search::LOCATION_LEVELS.get(ords.len()) else {
                continue;
            };
            let child = facet_index(*child);
            if self.columns.facets[child].is_none() {
                continue;
            }
            let regions = &self.counts[self.table.range(facet_index(FacetField::Region))];
            let accepted_regions: Vec<u32>;
            let children = match &self.root_region_accepted {
                _ if !ords.is_empty() => &path.children,
                _ if self.root_from_region => regions,
                Some(accepted) => {
                    accepted_regions = (0u64..)
                        .zip(regions)
                        .map(|(ord, &count)| {
                            if accepted.binary_search(&ord).is_ok() {
                                count
                            } else {
                                0
                            }
                        })
                        .collect();
                    &accepted_regions
                }
                None => &path.children,
            };
            let ords = counted_ords(children);
            for (child, count) in named_counts(self.columns.values(child), children, &ords) {
                let mut name = String::with_capacity(path.name.len() + 1 + child.len());
                name.push_str(&path.name);
                name.push('/');
                name.push_str(&child);
                location.push((name, count));
            }
        }
        let mut groups = Vec::with_capacity(self.groups.len());
        for ((first, second), count) in &self.groups {
            let mut values = Vec::with_capacity(self.group_by.len());
            for (facet, ord) in self.group_by.iter().zip([first, second]) {
                let value = ord
                    .and_then(|ord| self.columns.values(*facet).get(ord as usize))
                    .map(|value| String::from(&**value));
                values.push(value);
            }
            groups.push((values, u64::from(*count)));
        }
        self.table.give_back(std::mem::take(&mut self.counts));
        let days = |map: &HashMap<i64, u32>| -> Vec<(i64, u64)> {
            map.iter().map(|(d, c)| (*d, u64::from(*c))).collect()
        };
        SegmentFruit {
            total: self.total,
            top: self.top.into_best(),
            counts,
            location,
            groups,
            published_days: days(&self.published_days),
            closing_days: days(&self.closing_days),
        }
    }
}
