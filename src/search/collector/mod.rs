//! One pass over the matching documents: filters, top-k and disjunctive facet counts.
//!
//! The query given to tantivy carries only the text (or matches everything when browsing);
//! facet and date filters are applied here, from fast fields. A document that fails no facet
//! filter is a hit: it is ranked and counted in every facet. A document that fails exactly one
//! facet's filter is counted in that facet only: this is how a facet's counts ignore its own
//! filter (disjunctive counts) without a second search.
//!
//! A search that matches most documents of a range counts the documents it does not match
//! instead, taken away from the range's counts (`complement`). What the collector does in
//! each segment, match by match, is in `segment`.

mod complement;
mod segment;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{BitSet, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::columns::SegmentColumns;
use super::days::Days;
use super::dense_or::DenseOrScorer;
use super::ord_cache::OrdCache;
use super::ords::{ChildMap, Place, SegmentOrds, ValueFilter};
use super::tagged::{Tagged, TaggedDocs};
use super::topk::{RankBy, RankKey, SharedFloor, TopK};
use super::window::{BUCKETS, WINDOW};
use super::FacetField;
use complement::Complement;

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
        // A child collects its piece's matches in ascending document order.
        child.top.ties_lose(child.rank_by == RankBy::Score);
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
