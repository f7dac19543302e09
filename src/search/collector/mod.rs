//! One pass over the matching documents: filters, top-k and disjunctive facet counts.
//!
//! The query given to tantivy carries only the text (or matches everything when browsing);
//! facet and date filters are applied here, from fast fields. A document that fails no facet
//! filter is a hit: it is ranked and counted in every facet. A document that fails exactly one
//! facet's filter is counted in that facet only: this is how a facet's counts ignore its own
//! filter (disjunctive counts) without a second search.
//!
//! A search that matches most documents of a range counts the documents it does not match
//! instead, taken away from the range's counts (`complement`).

mod complement;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::AliveBitSet;
use tantivy::query::Weight;
use tantivy::{BitSet, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::columns::SegmentColumns;
use super::days::Days;
use super::dense_or::DenseOrScorer;
use super::facet_names::{counted_ords, most_frequent, named_counts};
use super::ord_cache::OrdCache;
use super::ords::{ChildMap, Place, SegmentOrds, ValueFilter};
use super::tagged::{Tagged, TaggedDocs};
use super::topk::{RankBy, RankKey, SharedFloor, TopK};
use super::window::{BUCKETS, WINDOW};
use super::FacetField;
use complement::{skipped, Complement};

/// Inclusive bounds on a day-number fast field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayRange {
    /// Smallest accepted value.
    pub min: i64,
    /// Largest accepted value.
    pub max: i64,
}

impl DayRange {
    /// Accepts everything.
    pub const ANY: DayRange = DayRange {
        min: i64::MIN,
        max: i64::MAX,
    };

    /// Whether `value` lies in the range (both bounds tested, without a branch).
    #[inline]
    fn contains(self, value: i64) -> bool {
        (self.min <= value) & (value <= self.max)
    }

    fn is_any(self) -> bool {
        self == DayRange::ANY
    }
}

/// What the collector finds.
#[derive(Debug, Default, Clone)]
pub struct TopAndCounts {
    /// Documents passing every filter.
    pub total: u64,
    /// The best `limit` hits, best first, with their scores.
    pub top: Vec<(Score, DocAddress)>,
    /// Per facet (in [`FacetField::ALL`] order), each value counted with its count.
    pub counts: Vec<FacetValues>,
    /// Location drill-down: child path → count.
    pub location: HashMap<String, u64>,
    /// With [`FacetedCollector::group_by`]: the hits' values of those facets → count.
    pub groups: HashMap<Vec<Option<String>>, u64>,
    /// With [`FacetedCollector::group_by`]: hits per publication day (known days only).
    pub published_days: HashMap<i64, u64>,
    /// With [`FacetedCollector::group_by`]: hits per closing day (known days only).
    pub closing_days: HashMap<i64, u64>,
}

/// One facet's counts: each value once, with its count, in no particular order.
pub type FacetValues = Vec<(String, u64)>;

/// Facets counted together (see [`super::ords`]'s groups): their values go together (a duty
/// station, its country, subregion and region; an organisation, its departments and units; a
/// grade, its contract and the posting's language), so a segment has few combinations of them.
const COUNTED_TOGETHER: [&[usize]; 3] = [
    &[
        facet_index(FacetField::DutyStation),
        facet_index(FacetField::Country),
        facet_index(FacetField::Subregion),
        facet_index(FacetField::Region),
    ],
    &[
        facet_index(FacetField::Organization),
        facet_index(FacetField::Department),
        facet_index(FacetField::Unit),
    ],
    &[
        facet_index(FacetField::Grade),
        facet_index(FacetField::ContractType),
        facet_index(FacetField::Language),
    ],
];

/// Position of `facet` in [`FacetField::ALL`].
const fn facet_index(facet: FacetField) -> usize {
    let mut i = 0;
    while i < FacetField::ALL.len() {
        if FacetField::ALL[i] as usize == facet as usize {
            return i;
        }
        i += 1;
    }
    panic!("every FacetField is in FacetField::ALL")
}

/// Hits counted in the facets together (see [`FacetedSegment::flush`]).
const COUNT_BATCH: usize = 64;

/// Average distance between the documents of a batch of hits above which their facet values
/// are read ahead (see [`FacetedSegment::flush`]).
const SPARSE_GAP: usize = 8;

/// Filter slot of the location filter (after the facets).
const LOCATION_SLOT: usize = FacetField::ALL.len();

/// The collector; see the module documentation.
#[derive(Clone)]
pub struct FacetedCollector {
    /// Hits to keep (offset + page size).
    pub limit: usize,
    /// Ranking.
    pub rank_by: RankBy,
    /// Whether the query's scores matter.
    pub scored: bool,
    /// Accepted values per facet, in [`FacetField::ALL`] order; empty means no filter.
    pub filters: Vec<Vec<String>>,
    /// Bounds on the `published` field.
    pub published: DayRange,
    /// Bounds on the `closing` field.
    pub closing: DayRange,
    /// When set (open-only searches), a posting whose closing date is unknown is kept only
    /// when published on or after this day (days since 1970-01-01).
    pub unknown_closing_published_min: Option<i64>,
    /// Location filter: paths of 1 to 4 levels, OR'ed; empty means no filter. The location
    /// counts list the children of these paths (of the root when empty).
    pub location: Vec<Vec<String>>,
    /// Facets (indexes in [`FacetField::ALL`]) whose value combinations are counted over the
    /// hits, with day histograms; empty for a plain search.
    pub group_by: Vec<usize>,
    /// The engine's facet ordinal tables.
    pub ords: Arc<OrdCache>,
    /// When set, only this many most frequent values per facet are named (plus the values
    /// filtered on). Only right when the search covers a single segment: across segments, a
    /// value's total is not known until every segment's counts are merged.
    pub facet_values: Option<usize>,
    /// Facets (indexes in [`FacetField::ALL`]) counted; the others' counts stay empty.
    pub counted: Vec<usize>,
    /// Whether the location drill-down is counted.
    pub count_location: bool,
    /// Shared by the collectors of one search split into parts (see [`super::slices`]).
    pub(super) floor: Option<Arc<SharedFloor>>,
    /// Whether a segment (or a slice of one) that the search matches almost whole may count
    /// its facets by complement (see [`Complement`]); the counts are the same either way.
    pub complement: bool,
    /// The skills whose tagged postings the query matches whatever their words (see
    /// [`super::skill_query::widen`]): when every match is counted, those postings are
    /// counted from counts kept per segment (see [`super::tagged`]), not hit by hit.
    pub tagged: Option<Tagged>,
}

/// Everything a [`FacetedCollector`]'s result depends on besides the query and the index:
/// two collectors with equal keys find the same on the same searcher.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CollectorKey {
    limit: usize,
    rank_by: RankBy,
    scored: bool,
    filters: Vec<Vec<String>>,
    published: DayRange,
    closing: DayRange,
    unknown_closing_published_min: Option<i64>,
    location: Vec<Vec<String>>,
    group_by: Vec<usize>,
    facet_values: Option<usize>,
    counted: Vec<usize>,
    count_location: bool,
}

impl FacetedCollector {
    /// This collector's [`CollectorKey`].
    #[must_use]
    pub fn key(&self) -> CollectorKey {
        CollectorKey {
            limit: self.limit,
            rank_by: self.rank_by,
            scored: self.scored,
            filters: self.filters.clone(),
            published: self.published,
            closing: self.closing,
            unknown_closing_published_min: self.unknown_closing_published_min,
            location: self.location.clone(),
            group_by: self.group_by.clone(),
            facet_values: self.facet_values,
            counted: self.counted.clone(),
            count_location: self.count_location,
        }
    }
}

/// One location path resolved in a segment.
struct SegmentPath {
    /// The path as listed (`/Africa`; empty for the root).
    name: String,
    /// Term ordinal per level; `None` when a level's value is absent from the segment.
    ords: Option<Vec<u64>>,
    /// Counts of the next level's ordinals under this path.
    children: Vec<u32>,
}

/// Per-segment state of [`FacetedCollector`].
pub struct FacetedSegment {
    segment: SegmentOrdinal,
    rank_by: RankBy,
    /// The segment's facet and date columns.
    columns: Arc<SegmentColumns>,
    /// Facet ordinals per document (in [`FacetField::ALL`] order).
    table: Arc<SegmentOrds>,
    /// See [`FacetedCollector::facet_values`].
    facet_values: Option<usize>,
    /// Facet index of each location level.
    level_facets: Vec<usize>,
    /// The root's location children are the region counts (no location or region filter),
    /// so they are not counted twice.
    root_from_region: bool,
    /// With no location path and the region filtered (and counted): the accepted regions'
    /// ordinals. The root's location children are then the region counts of these values,
    /// zero for the others.
    root_region_accepted: Option<Vec<u64>>,
    /// For each filtered single-valued facet: (facet index, accepted ords sorted).
    filters: Vec<(usize, Vec<u64>)>,
    /// The same filters, each decided from a document's row (see
    /// [`SegmentOrds::value_filter`]).
    value_filters: Vec<(usize, ValueFilter)>,
    /// The segment's documents passing `value_filters`, once a search counting by complement
    /// through them has found itself dense (see [`SegmentOrds::passing`]).
    passing: Option<Arc<BitSet>>,
    /// For each filtered multi-valued facet: (facet index, accepted ords sorted); a document
    /// passes when one of its values is accepted.
    multi_filters: Vec<(usize, Vec<u64>)>,
    /// Multi-valued facets (indexes) present in the segment; the ordinal table holds no
    /// value for them, they are read from their columns.
    multi: Vec<usize>,
    /// Where the counted single-valued facets lie in the table's rows, when not all of them
    /// are counted; `None`: all.
    single: Option<Vec<Place>>,
    /// Facets counted, by index in [`FacetField::ALL`].
    counted: Vec<bool>,
    /// Whether the location drill-down is counted.
    count_location: bool,
    /// Whether some location path counts its children hit by hit (the root's children are
    /// the region counts when there is no location or region filter).
    location_per_hit: bool,
    /// Whether every hit is kept and counted as it comes, ranked by score: no filter, date
    /// bound, location path or grouping to check (see [`SegmentCollector::collect`]).
    plain: bool,
    /// Whether the only thing to check of a hit ranked by score is its values of
    /// single-valued facets: filters on them, and nothing else that
    /// [`FacetedSegment::plain`] excludes (see [`FacetedSegment::collect_passing`]).
    value_filtered: bool,
    /// Whether the only thing to check of a hit ranked by score is its days: bounds on them
    /// (`open=true`, `published_after`...), and nothing else that [`FacetedSegment::plain`]
    /// excludes (see [`FacetedSegment::collect_within_days`]).
    days_bounded: bool,
    /// Hits not counted in the facets yet (see [`FacetedSegment::flush`]); counting by
    /// complement, the documents not matched instead.
    pending: Vec<DocId>,
    /// Whether the facets are counted over the documents the search does not match.
    complement: Complement,
    /// Whether counting by complement goes through the facet filters (see
    /// [`FacetedSegment::by_filters`]).
    complement_filtered: bool,
    /// The documents this collector is given (see [`FacetedSegment::within`]).
    span: Range<DocId>,
    /// The postings matched whatever their words, counted together when the collector is
    /// settled (see [`FacetedCollector::tagged`]); `None` once they are.
    tagged: Option<Arc<TaggedDocs>>,
    /// Counts of every facet's values, indexed by slot (see [`SegmentOrds`]).
    counts: Vec<u32>,
    published: DayRange,
    closing: DayRange,
    unknown_closing_published_min: Option<i64>,
    /// The segment's days, when this search reads them (see [`FacetedSegment::reads_days`]).
    days: Option<Arc<Days>>,
    total: u64,
    top: TopK,
    location_filtered: bool,
    /// The location paths as one filter of the rows, when their levels are counted together
    /// (see [`SegmentOrds::path_filter`]).
    location_filter: Option<ValueFilter>,
    /// For each location path, its children as one look-up of the rows, when its levels and
    /// the next are counted together (see [`SegmentOrds::path_children`]).
    child_maps: Vec<Option<ChildMap>>,
    paths: Vec<SegmentPath>,
    group_by: Vec<usize>,
    groups: HashMap<(Option<u64>, Option<u64>), u32>,
    published_days: HashMap<i64, u32>,
    closing_days: HashMap<i64, u32>,
}

impl FacetedCollector {
    /// [`Collector::collect_segment`] for a query whose scorer in the segment is `scorer`,
    /// an OR walked a window at a time: its matches handed on a window at a time (see
    /// [`FacetedSegment::collect_window`]). Finds what tantivy's collection of the segment
    /// finds.
    pub(super) fn collect_windows(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
        scorer: &mut DenseOrScorer,
    ) -> tantivy::Result<SegmentFruit> {
        let mut child = self.for_segment(segment, reader)?;
        child.within(0, reader.max_doc(), self.complement);
        let alive = reader.alive_bitset();
        scorer.for_each_window(&mut |(start, bits, scores)| {
            child.collect_window(start, bits, scores, alive);
        });
        Ok(child.harvest())
    }
}

/// Calls `each` with every match of a window (its first document `start`, its matches'
/// bits and scores), in order.
#[inline]
fn each_match(
    start: DocId,
    bits: &[u64; BUCKETS],
    scores: &[Score; WINDOW as usize],
    mut each: impl FnMut(DocId, Score),
) {
    for (bucket, &word) in bits.iter().enumerate() {
        let mut word = word;
        while word != 0 {
            let delta = bucket * 64 + word.trailing_zeros() as usize;
            each(start + delta as DocId, scores[delta]);
            word &= word - 1;
        }
    }
}

impl Collector for FacetedCollector {
    type Fruit = TopAndCounts;
    type Child = FacetedSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetedSegment> {
        let opened = self.ords.columns(reader)?;
        let columns = &opened.facets;
        let mut filters = Vec::new();
        for (i, column) in columns.iter().enumerate() {
            let wanted = &self.filters[i];
            if !wanted.is_empty() {
                let mut ords = Vec::new();
                if let Some(column) = column {
                    for value in wanted {
                        if let Some(ord) = column.dictionary().term_ord(value.as_bytes())? {
                            ords.push(ord);
                        }
                    }
                }
                ords.sort_unstable();
                filters.push((i, ords));
            }
        }
        let (multi_filters, filters): (Vec<_>, Vec<_>) = filters
            .into_iter()
            .partition(|(i, _)| FacetField::ALL[*i].is_multi_valued());
        let counted: Vec<bool> = (0..columns.len())
            .map(|i| self.counted.contains(&i))
            .collect();
        let multi: Vec<usize> = (0..columns.len())
            .filter(|i| {
                FacetField::ALL[*i].is_multi_valued() && columns[*i].is_some() && counted[*i]
            })
            .collect();
        let single_counted: Vec<usize> = (0..columns.len())
            .filter(|i| !FacetField::ALL[*i].is_multi_valued() && counted[*i])
            .collect();
        let all_single = single_counted.len()
            == FacetField::ALL
                .iter()
                .filter(|f| !f.is_multi_valued())
                .count();
        let root = [Vec::new()];
        let wanted: &[Vec<String>] = if self.location.is_empty() {
            &root
        } else {
            &self.location
        };
        let mut paths = Vec::with_capacity(wanted.len());
        for levels in wanted {
            let mut ords = Some(Vec::with_capacity(levels.len()));
            for (level, value) in levels.iter().enumerate() {
                let column = &columns[facet_index(super::LOCATION_LEVELS[level])];
                let ord = match column {
                    Some(c) => c.dictionary().term_ord(value.as_bytes())?,
                    None => None,
                };
                match (ord, ords.as_mut()) {
                    (Some(ord), Some(list)) => list.push(ord),
                    _ => ords = None,
                }
            }
            let children = match super::LOCATION_LEVELS.get(levels.len()) {
                Some(child) if ords.is_some() => vec![
                    0u32;
                    columns[facet_index(*child)]
                        .as_ref()
                        .map_or(0, |c| c.num_terms())
                ],
                _ => Vec::new(),
            };
            paths.push(SegmentPath {
                name: super::location_path(levels),
                ords,
                children,
            });
        }
        let multi_flags: Vec<bool> = FacetField::ALL
            .iter()
            .map(|f| f.is_multi_valued())
            .collect();
        let table = self
            .ords
            .get(reader, columns, &multi_flags, &COUNTED_TOGETHER);
        let value_filters = filters
            .iter()
            .map(|(facet, accepted)| (*facet, table.value_filter(*facet, accepted)))
            .collect();
        let levels: Vec<usize> = super::LOCATION_LEVELS
            .iter()
            .map(|l| facet_index(*l))
            .collect();
        let location_filter = if self.location.is_empty() {
            None
        } else {
            let named: Vec<&[u64]> = paths.iter().filter_map(|p| p.ords.as_deref()).collect();
            table.path_filter(&levels, &named)
        };
        let single = (!all_single).then(|| table.places(&single_counted));
        let counts = table.take_counts();
        let region = facet_index(FacetField::Region);
        let root_from_region =
            self.location.is_empty() && self.filters[region].is_empty() && counted[region];
        // The region filtered, the hits' regions are the accepted values' counts (a posting
        // failing the region filter has another region).
        let root_region_accepted = (self.location.is_empty() && counted[region])
            .then(|| filters.iter().find(|(f, _)| *f == region))
            .flatten()
            .map(|(_, accepted)| accepted.clone());
        let location_per_hit = self.count_location
            && paths.iter().any(|p| {
                p.ords.as_ref().is_some_and(|ords| {
                    !(ords.is_empty() && (root_from_region || root_region_accepted.is_some()))
                        && super::LOCATION_LEVELS.get(ords.len()).is_some()
                })
            });
        // Only searches counting children hit by hit read them.
        let child_maps = match location_per_hit {
            true => paths
                .iter()
                .map(|p| {
                    p.ords
                        .as_deref()
                        .and_then(|ords| table.path_children(&levels, ords))
                })
                .collect(),
            false => Vec::new(),
        };
        let mut child = FacetedSegment {
            segment,
            rank_by: self.rank_by,
            table,
            facet_values: self.facet_values,
            level_facets: super::LOCATION_LEVELS
                .iter()
                .map(|l| facet_index(*l))
                .collect(),
            root_from_region,
            root_region_accepted,
            single,
            counted,
            count_location: self.count_location,
            location_per_hit,
            plain: false,
            value_filtered: false,
            days_bounded: false,
            pending: Vec::with_capacity(COUNT_BATCH),
            complement: Complement::Off,
            complement_filtered: false,
            span: 0..reader.max_doc(),
            tagged: None,
            columns: Arc::clone(&opened),
            filters,
            value_filters,
            passing: None,
            multi_filters,
            multi,
            counts,
            published: self.published,
            closing: self.closing,
            unknown_closing_published_min: self.unknown_closing_published_min,
            days: None,
            total: 0,
            top: TopK::sharing(self.limit, self.floor.clone()),
            location_filtered: !self.location.is_empty(),
            location_filter,
            child_maps,
            paths,
            group_by: self.group_by.clone(),
            groups: HashMap::new(),
            published_days: HashMap::new(),
            closing_days: HashMap::new(),
        };
        // Nothing to check of a hit ranked by score but, perhaps, single-valued facets or days.
        let no_checks_but_values_and_days = child.multi_filters.is_empty()
            && !child.location_filtered
            && child.group_by.is_empty()
            && child.rank_by == RankBy::Score;
        let values_only = no_checks_but_values_and_days && child.every_day();
        child.plain = values_only && child.filters.is_empty();
        child.value_filtered = values_only && !child.value_filters.is_empty();
        child.days_bounded =
            no_checks_but_values_and_days && !child.every_day() && child.filters.is_empty();
        if child.reads_days() {
            child.days = Some(opened.days());
        }
        if let Some(tagged) = self.tagged.as_ref().filter(|_| child.counts_every_match()) {
            let docs = self.ords.tagged(reader, tagged)?;
            child.tagged = (!docs.is_empty()).then_some(docs);
        }
        Ok(child)
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    /// tantivy's own collection of a segment (every live match, in order, scored when the
    /// collector needs scores), with counting by complement allowed over the whole segment.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFruit> {
        let mut child = self.for_segment(segment, reader)?;
        child.within(0, reader.max_doc(), self.complement);
        let alive = reader.alive_bitset();
        if self.scored {
            weight.for_each(reader, &mut |doc, score| {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    child.collect(doc, score);
                }
            })?;
        } else {
            weight.for_each_no_score(reader, &mut |docs| {
                for &doc in docs {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        child.collect(doc, 0.0);
                    }
                }
            })?;
        }
        Ok(child.harvest())
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<TopAndCounts> {
        let mut merged = TopAndCounts {
            counts: vec![FacetValues::new(); FacetField::ALL.len()],
            ..TopAndCounts::default()
        };
        let mut top = TopK::new(self.limit);
        let mut counts = Vec::with_capacity(fruits.len());
        for fruit in fruits {
            merged.total += fruit.total;
            for (path, count) in fruit.location {
                *merged.location.entry(path).or_insert(0) += count;
            }
            for (key, count) in fruit.groups {
                *merged.groups.entry(key).or_insert(0) += count;
            }
            for (day, count) in fruit.published_days {
                *merged.published_days.entry(day).or_insert(0) += count;
            }
            for (day, count) in fruit.closing_days {
                *merged.closing_days.entry(day).or_insert(0) += count;
            }
            for key in fruit.top {
                top.push(key);
            }
            counts.push(fruit.counts);
        }
        if let Some(summed) = sum_by_value(counts) {
            merged.counts = summed;
        }
        merged.top = top
            .into_sorted()
            .into_iter()
            .map(|k| (k.score, k.doc))
            .collect();
        Ok(merged)
    }
}

/// Each facet's counts of several segments added up by value (hashed with `rustc-hash`:
/// SipHash was 1 % of a search); one segment's are taken as they are, each value once.
/// `None` for no segment.
fn sum_by_value(mut segments: Vec<Vec<FacetValues>>) -> Option<Vec<FacetValues>> {
    if segments.len() <= 1 {
        return segments.pop();
    }
    let mut by_value: Vec<rustc_hash::FxHashMap<String, u64>> = Vec::new();
    by_value.resize_with(FacetField::ALL.len(), Default::default);
    for counts in segments {
        for (into, from) in by_value.iter_mut().zip(counts) {
            into.reserve(from.len());
            for (value, count) in from {
                *into.entry(value).or_insert(0) += count;
            }
        }
    }
    Some(
        by_value
            .into_iter()
            .map(|m| m.into_iter().collect())
            .collect(),
    )
}

/// What one segment found.
pub struct SegmentFruit {
    total: u64,
    top: Vec<RankKey>,
    counts: Vec<Vec<(String, u64)>>,
    location: Vec<(String, u64)>,
    groups: Vec<(Vec<Option<String>>, u64)>,
    published_days: Vec<(i64, u64)>,
    closing_days: Vec<(i64, u64)>,
}

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
    fn needs_closing(&self) -> bool {
        !self.group_by.is_empty() || !self.closing.is_any() || self.rank_by == RankBy::ClosingAsc
    }

    /// Whether the search reads the days of its matches.
    fn reads_days(&self) -> bool {
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
    /// facet values are read ahead in one pass first ([`SegmentOrds::prefetch`]): when the
    /// hits are a small share of the segment, each row is a cache miss, and these misses
    /// overlap instead of being paid one after another.
    #[inline(never)]
    fn flush(&mut self) {
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
    fn counts_every_match(&self) -> bool {
        self.counts_every_match_in_days() && self.every_day()
    }

    /// Whether every match within the search's days is counted in every facet as it is (no
    /// filter or location path decides whether or where a match counts; the days may be
    /// bounded, as `open=true` bounds them).
    fn counts_every_match_in_days(&self) -> bool {
        self.filters.is_empty()
            && self.multi_filters.is_empty()
            && !self.location_filtered
            && !self.location_per_hit
    }

    /// Whether the search accepts every day (no bound on publication or closing).
    fn every_day(&self) -> bool {
        self.published.is_any()
            && self.closing.is_any()
            && self.unknown_closing_published_min.is_none()
    }

    /// `doc`'s publication and closing days (0 for those the search does not read), if it
    /// lies within the search's days; `None` if it does not.
    #[inline]
    fn days_of(&self, doc: DocId) -> Option<(i64, i64)> {
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
    fn within_days(&self, doc: DocId) -> bool {
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
        let clears = TopK::clears(f64::from(score), self.top.floor());
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
        let clears = TopK::clears(f64::from(score), self.top.floor());
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
    fn passes_value_filters(&self, doc: DocId) -> bool {
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
    fn count_hit(&mut self, doc: DocId) {
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
    fn pend(&mut self, doc: DocId) {
        self.pending.push(doc);
        if self.pending.len() == COUNT_BATCH {
            self.flush();
        }
    }
}

impl FacetedSegment {
    /// Adds what `other` found to this collector: both collect the same segment (same
    /// collector, same ordinal table) over disjoint ranges of documents (see
    /// [`super::slices`]). Counts, totals, groups and kept hits then stand as if one collector
    /// had seen both ranges, so [`SegmentCollector::harvest`] names and cuts the facet values
    /// from the segment's whole counts.
    pub(super) fn absorb(&mut self, mut other: FacetedSegment) {
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
        for key in other.top.into_sorted() {
            self.top.push(key);
        }
    }
}

impl FacetedSegment {
    /// Offers the match `doc` to the top hits of a search ranked by score.
    #[inline]
    fn offer(&mut self, doc: DocId, score: Score) {
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
    pub(super) fn collect_window(
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
            let Some(child) = super::LOCATION_LEVELS.get(ords.len()) else {
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
            top: self.top.into_sorted(),
            counts,
            location,
            groups,
            published_days: days(&self.published_days),
            closing_days: days(&self.closing_days),
        }
    }
}
