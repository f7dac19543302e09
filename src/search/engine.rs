//! The search engine: an open index, its reader, and the search itself.

use std::collections::btree_map::Entry;
use std::collections::hash_map::Entry as HashEntry;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use tantivy::query::{AllQuery, Bm25StatisticsProvider, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, Term};

use super::cache::GenerationCache;
use super::collector::{CollectorKey, DayRange, FacetedCollector, TopAndCounts};
use super::columns::SegmentColumns;
use super::language::{Vocabulary, WordWeights};
use super::narrow::narrow;
use super::ord_cache::OrdCache;
use super::phrase_matches::PhraseMatches;
use super::prefix::PrefixTerms;
use super::query::{Analyzers, ParsedQuery, QueryPlan};
use super::slices::{Slicer, DEFAULT_MIN_SLICED_COST};
use super::snippet::{leading_excerpt, Highlighter};
use super::tagged::Tagged;
use super::term_stats::TermStats;
use super::topk::RankBy;
use super::typo::{correct, Correction};
use super::{concepts, skill_query};
use super::{
    label_lang, occupation_units, parse_location, rescore, Export, ExportFormat, FacetCount,
    FacetField, FacetSelection, Hit, MonthCount, SearchRequest, SearchResponse, SortOrder, Stats,
    StatsCount, LOCATION_FACET, MAX_FACET_SIZE, MAX_FILTER_VALUES, MAX_PAGE_DEPTH, MAX_PER_PAGE,
    MAX_STATS_FACETS, RESCORE_DEPTH,
};
use crate::analysis::Lang;
use crate::schema::{day_number, Fields, StoredPosting};
use crate::store::{generation_id, metas_generation, open_index};
use crate::{Error, Posting, Result};

/// How many days after its publication a posting whose closing date is unknown counts as
/// open (see [`Engine::with_unknown_closing_days`]).
pub const DEFAULT_UNKNOWN_CLOSING_DAYS: u32 = 60;

/// An open index, ready to search. Cheap to share between threads (`Arc<Engine>`).
pub struct Engine {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyzers: Analyzers,
    ords: Arc<OrdCache>,
    /// Matches of the synonym table's phrases, per segment.
    phrases: Arc<PhraseMatches>,
    unknown_closing_days: u32,
    typos: GenerationCache<String, Option<Correction>>,
    /// Collector results of requests without query text (browsing, filtering), per
    /// generation.
    browse: GenerationCache<CollectorKey, Arc<TopAndCounts>>,
    /// Runs the collector, on several threads when cores are idle.
    slicer: Slicer,
    /// Terms' document counts and fields' token counts, per generation.
    term_stats: TermStats,
    /// See [`Engine::with_counting_shortcuts`].
    shortcuts: bool,
}

/// Most typo lookups remembered (emptied when full or when the index changes). Rare words
/// repeat across searches (the same typo, the same specialist word), and their lookup costs a
/// few thousand term lookups.
const TYPO_CACHE_ENTRIES: usize = 10_000;

/// Most answers to requests without query text remembered per index generation. Each holds
/// the top hits' addresses and the facet counts (a few hundred values): some tens of kB.
const BROWSE_CACHE_ENTRIES: usize = 256;

/// Decompressed blocks of stored postings kept in memory for the whole index, shared evenly
/// by the segments open when the engine starts (never fewer than tantivy's own 100 per
/// segment). A block is 16 kB of postings or a little more (about two postings), so this is
/// some 20–30 MB. The hits of popular searches come back page after page: the blocks of a
/// few hundred result pages stay decompressed, where tantivy's 100 per segment hold about
/// twenty pages and the decompression was 6 % of a search request's time.
const DOC_STORE_CACHE_BLOCKS: usize = 1_024;

/// Tantivy's default number of blocks cached per segment.
const MIN_SEGMENT_CACHE_BLOCKS: usize = 100;

/// The blocks of stored postings cached per segment for an index of `segments` segments.
fn doc_store_cache_blocks(segments: usize) -> usize {
    (DOC_STORE_CACHE_BLOCKS / segments.max(1)).max(MIN_SEGMENT_CACHE_BLOCKS)
}

/// Deepest result list kept in the browse cache (exports and deep pages are not kept).
const BROWSE_CACHE_MAX_HITS: usize = 1_000;

impl Engine {
    /// Opens the index in `dir`. The engine picks up new commits by itself shortly after the
    /// indexer makes them.
    pub fn open(dir: &Path) -> Result<Engine> {
        Self::open_with(dir, ReloadPolicy::OnCommitWithDelay)
    }

    /// Opens the index in `dir`; new commits are seen only after [`Engine::reload`].
    pub fn open_manual(dir: &Path) -> Result<Engine> {
        Self::open_with(dir, ReloadPolicy::Manual)
    }

    fn open_with(dir: &Path, policy: ReloadPolicy) -> Result<Engine> {
        let (index, fields) = open_index(dir)?;
        let segments = index.searchable_segment_ids()?.len();
        let reader = index
            .reader_builder()
            .reload_policy(policy)
            .doc_store_cache_num_blocks(doc_store_cache_blocks(segments))
            .try_into()?;
        crate::skills::warm_up();
        Ok(Engine {
            index,
            reader,
            fields,
            analyzers: Analyzers::default(),
            ords: Arc::default(),
            phrases: Arc::default(),
            unknown_closing_days: DEFAULT_UNKNOWN_CLOSING_DAYS,
            typos: GenerationCache::new(TYPO_CACHE_ENTRIES),
            browse: GenerationCache::new(BROWSE_CACHE_ENTRIES),
            slicer: Slicer::new(Slicer::default_threads(), DEFAULT_MIN_SLICED_COST),
            term_stats: TermStats::default(),
            shortcuts: true,
        })
    }

    /// Sets how many threads one search may use (default: the available cores; 1: every
    /// search on the calling thread). A search is split into slices of documents only while
    /// fewer searches than this are running, so that concurrent searches keep one core each.
    /// Results do not depend on it.
    #[must_use]
    pub fn with_search_threads(mut self, threads: usize) -> Self {
        self.slicer = Slicer::new(threads, self.slicer.min_cost());
        self
    }

    /// Sets the least estimated work (about the postings the query walks) of a search split
    /// over several threads (default [`DEFAULT_MIN_SLICED_COST`]; 0 splits every search
    /// while threads are idle, even when splitting does not seem to pay, as tests do).
    #[must_use]
    pub fn with_min_sliced_cost(mut self, cost: u64) -> Self {
        self.slicer = Slicer::new(self.slicer.threads(), cost);
        self
    }

    /// Whether facet counts may come from counts kept per segment (default on: the same
    /// counts, fewer documents read): a search matching most documents of a range counts
    /// the documents it does not match and takes them from the range's whole counts; the
    /// postings a search finds through a skill its query names are counted together from
    /// their kept counts. Off counts every match, as tests compare.
    #[must_use]
    pub fn with_counting_shortcuts(mut self, on: bool) -> Self {
        self.shortcuts = on;
        self
    }

    /// How many threads one search may use (see [`Engine::with_search_threads`]).
    #[must_use]
    pub fn search_threads(&self) -> usize {
        self.slicer.threads()
    }

    /// Sets how many days after its publication a posting whose closing date is unknown
    /// counts as open in open-only searches (default [`DEFAULT_UNKNOWN_CLOSING_DAYS`]);
    /// a posting with neither date is never open.
    #[must_use]
    pub fn with_unknown_closing_days(mut self, days: u32) -> Self {
        self.unknown_closing_days = days;
        self
    }

    /// Days after its publication that a posting without closing date counts as open.
    #[must_use]
    pub fn unknown_closing_days(&self) -> u32 {
        self.unknown_closing_days
    }

    /// Makes the latest commit visible now.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Switches to the commit `meta.json` describes now when the engine serves another one;
    /// returns whether it switched. tantivy's watcher reloads on each change of `meta.json`,
    /// but only once: when the files of that commit were not all there yet (a copy tool that
    /// wrote `meta.json` first) or could not be opened, the engine stays on its generation.
    /// Calling this now and then retries until the commit can be opened.
    pub fn refresh(&self) -> Result<bool> {
        let metas = self.index.load_metas()?;
        if metas_generation(&metas) == self.generation() {
            return Ok(false);
        }
        self.reader.reload()?;
        Ok(true)
    }

    /// The generation of the index this engine searches now (see
    /// [`crate::store::generation_id`]).
    #[must_use]
    pub fn generation(&self) -> String {
        let searcher = self.reader.searcher();
        generation_id(
            searcher
                .segment_readers()
                .iter()
                .map(|r| (r.segment_id(), r.delete_opstamp())),
        )
    }

    /// Live postings in the index.
    #[must_use]
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Reads of stored postings' blocks served from the cache and decompressed, since the
    /// index generation searched now was opened.
    #[must_use]
    pub fn doc_store_cache(&self) -> (usize, usize) {
        let stats = self.reader.searcher().doc_store_cache_stats();
        (stats.cache_hits, stats.cache_misses)
    }

    /// The tantivy index (for tools and benchmarks).
    #[must_use]
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The whole posting `id`, if the index has it.
    pub fn posting(&self, id: &str) -> Result<Option<Posting>> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(
            &query,
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        match top.first() {
            Some((_, address)) => Ok(Some(self.load(&searcher, *address)?)),
            None => Ok(None),
        }
    }

    /// Runs a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        let _running = self.slicer.enter();
        validate(request)?;
        let run = self.run(request, request.page * request.per_page, Vec::new())?;
        let hits = self.hits(&run.searcher, &run.found, request, run.query.as_deref())?;
        let lang = label_lang(request.lang);
        let recognized_skills = run
            .recognized
            .iter()
            .filter_map(|id| concepts::skill(id, lang))
            .collect();
        let mut facets = facet_counts(run.found.counts, request);
        if request.facets.location() {
            facets.insert(
                LOCATION_FACET.to_owned(),
                sorted_counts(run.found.location, &[], request.facet_size),
            );
        }
        Ok(SearchResponse {
            total: run.found.total,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            page: request.page,
            per_page: request.per_page,
            hits,
            facets,
            relaxed: run.relaxed,
            left_out: run.left_out,
            read_as_words: run.read_as_words,
            query_language: run.lang.map(|l| l.suffix().to_owned()),
            did_you_mean: run.did_you_mean,
            recognized_skills,
        })
    }

    /// Counts every posting matching `request` by the values of `by` (one or two facets),
    /// with monthly histograms of their publication and closing dates. `page`, `per_page`
    /// and `sort` of the request are ignored.
    pub fn stats(&self, request: &SearchRequest, by: &[FacetField]) -> Result<Stats> {
        if by.is_empty() || by.len() > MAX_STATS_FACETS {
            return Err(Error::param(
                "by",
                format!("give 1 to {MAX_STATS_FACETS} facets to count by"),
            ));
        }
        if by.len() == 2 && by[0] == by[1] {
            return Err(Error::param("by", "the same facet is given twice"));
        }
        let _running = self.slicer.enter();
        validate(&paging_ignored(request))?;
        let group_by = by
            .iter()
            .map(|f| FacetField::ALL.iter().position(|a| a == f).unwrap_or(0))
            .collect();
        let request = SearchRequest {
            facets: FacetSelection::none(),
            ..request.clone()
        };
        let run = self.run(&request, 0, group_by)?;
        let mut counts: Vec<StatsCount> = run
            .found
            .groups
            .into_iter()
            .map(|(values, count)| StatsCount { values, count })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.values.cmp(&b.values)));
        Ok(Stats {
            total: run.found.total,
            by: by.to_vec(),
            counts,
            published_by_month: by_month(&run.found.published_days),
            closing_by_month: by_month(&run.found.closing_days),
            series: Vec::new(),
        })
    }

    /// Finds every posting matching `request`, in the request's order, ready to be written
    /// in chunks with [`Export::write_next`]. Only addresses are kept in memory.
    pub fn start_export(
        &self,
        request: &SearchRequest,
        format: ExportFormat,
        include_body: bool,
    ) -> Result<Export> {
        let _running = self.slicer.enter();
        validate(&paging_ignored(request))?;
        let request = SearchRequest {
            facets: FacetSelection::none(),
            ..request.clone()
        };
        let run = self.run(&request, usize::MAX, Vec::new())?;
        let addresses = run.found.top.into_iter().map(|(_, a)| a).collect();
        Ok(Export::new(
            run.searcher,
            addresses,
            format,
            include_body,
            label_lang(request.lang),
        ))
    }

    /// Writes every posting matching `request` to `out` (CSV with a header row, or JSON
    /// Lines); returns the number of postings written. `page` and `per_page` are ignored.
    pub fn export(
        &self,
        request: &SearchRequest,
        out: &mut dyn std::io::Write,
        format: ExportFormat,
        include_body: bool,
    ) -> Result<u64> {
        let mut export = self.start_export(request, format, include_body)?;
        export.write_header(out)?;
        let mut written = 0u64;
        while !export.is_done() {
            written += export.write_next(out, EXPORT_CHUNK)? as u64;
        }
        Ok(written)
    }

    /// Runs the collector for `request`: a job seeker's sentence without its filler words,
    /// and when no posting has every word, without general words for a job, then any of the
    /// words (see `search::filler`).
    fn run(&self, request: &SearchRequest, limit: usize, group_by: Vec<usize>) -> Result<Matched> {
        let text = request.query.trim();
        let parsed = if text.is_empty() || text == "*" {
            None
        } else {
            Some(ParsedQuery::parse(text)?)
        };
        let searcher = self.reader.searcher();
        let statistics = self.term_stats.of(&searcher);
        let plan = match &parsed {
            Some(parsed) => self.plan(&searcher, &statistics, parsed, request)?,
            None => QueryPlan::default(),
        };
        // A job seeker's sentence is searched without the filler around what it asks for
        // (`I am looking for a job in`); its own words still told the plan its language.
        let trimmed = parsed
            .as_ref()
            .filter(|sentence| sentence.reads_as_sentence())
            .and_then(|sentence| sentence.without_filler(&plan));
        let (parsed, mut left_out) = match trimmed {
            Some((trimmed, filler)) => (Some(trimmed), filler),
            None => (parsed, Vec::new()),
        };
        // Skills the query names, in any label language: their tagged postings are found too.
        let recognized = if parsed.is_some() {
            skill_query::recognize(text)
        } else {
            Vec::new()
        };
        let skill_field = self.fields.facet(FacetField::Skill);
        let (query, mut boosts): (Box<dyn Query>, _) = match &parsed {
            Some(parsed) => {
                let split = parsed.to_split_query(&self.fields, &self.analyzers, &plan)?;
                (
                    skill_query::widen(split.query, &recognized, skill_field),
                    split.boosts,
                )
            }
            None => (Box::new(AllQuery), Vec::new()),
        };
        let rank_by = match (request.sort, parsed.is_some()) {
            (SortOrder::Relevance, true) => RankBy::Score,
            (SortOrder::Relevance, false) | (SortOrder::Published, _) => RankBy::PublishedDesc,
            (SortOrder::Closing, _) => RankBy::ClosingAsc,
        };
        let location = request
            .location
            .iter()
            .map(|p| parse_location(p))
            .collect::<Result<Vec<_>>>()?;
        let segments = searcher.segment_readers();
        let live: Vec<_> = segments.iter().map(|r| r.segment_id()).collect();
        self.ords.retain(&live);
        self.phrases.retain(&live);
        let grouped = !group_by.is_empty();
        let filters: Vec<Vec<String>> = FacetField::ALL
            .iter()
            .map(|f| match (f, request.filters.get(f)) {
                (FacetField::Occupation, Some(codes)) => occupation_units(codes),
                (_, values) => Ok(values.cloned().unwrap_or_default()),
            })
            .collect::<Result<_>>()?;
        // Filters of facets not counted narrow the query itself (see `narrow`).
        let uncounted: Vec<(tantivy::schema::Field, &[String])> = FacetField::ALL
            .iter()
            .zip(&filters)
            .filter(|(f, _)| !request.facets.counts(**f))
            .map(|(f, values)| (self.fields.facet(*f), values.as_slice()))
            .collect();
        // Proximity boosts are added to the best postings by word scores afterwards; a query
        // without boosts (one word, a phrase) keeps only the page it shows.
        let rescoring = rank_by == RankBy::Score && limit > 0 && !boosts.is_empty();
        let collector = FacetedCollector {
            group_by,
            limit: if rescoring {
                limit.max(RESCORE_DEPTH)
            } else {
                limit
            },
            rank_by,
            scored: parsed.is_some() && limit > 0,
            filters: filters.clone(),
            published: day_range(request.published_after, request.published_before),
            closing: open_range(request),
            unknown_closing_published_min: request
                .open_on
                .map(|today| day_number(today) - i64::from(self.unknown_closing_days)),
            location,
            ords: Arc::clone(&self.ords),
            facet_values: (segments.len() == 1).then_some(request.facet_size),
            counted: FacetField::ALL
                .iter()
                .enumerate()
                .filter(|(_, f)| request.facets.counts(**f))
                .map(|(i, _)| i)
                .collect(),
            count_location: request.facets.location(),
            complement: self.shortcuts,
            tagged: (self.shortcuts && !recognized.is_empty()).then(|| Tagged {
                field: skill_field,
                ids: recognized.iter().map(|id| (*id).to_owned()).collect(),
            }),
            floor: None,
        };
        let mut found = if parsed.is_none() && limit <= BROWSE_CACHE_MAX_HITS && !grouped {
            // No query text: the answer depends on the parameters and the index only.
            let generation = searcher.generation().generation_id();
            let found = self
                .browse
                .get_or_compute(generation, collector.key(), || {
                    let narrowed = narrow(&*query, &uncounted);
                    self.slicer
                        .search(
                            &searcher,
                            &statistics,
                            narrowed.as_deref().unwrap_or(&*query),
                            &collector,
                        )
                        .map(Arc::new)
                })?;
            TopAndCounts::clone(&found)
        } else {
            let narrowed = narrow(&*query, &uncounted);
            self.slicer.search(
                &searcher,
                &statistics,
                narrowed.as_deref().unwrap_or(&*query),
                &collector,
            )?
        };
        let mut query = query;
        let mut relaxed = false;
        if let Some(parsed) = parsed.as_ref().filter(|_| found.total == 0) {
            // No posting has every word. First every word but the filler (general words for
            // a job: `position`, `empleo`), then any of the words left, as job boards do.
            let (trimmed, filler) = parsed.without_filler(&plan).unzip();
            let any = trimmed.as_ref().unwrap_or(parsed).relaxed();
            for (attempt, some) in [(trimmed.as_ref(), false), (any.as_ref(), true)] {
                let Some(attempt) = attempt else {
                    continue;
                };
                let split = attempt.to_split_query(&self.fields, &self.analyzers, &plan)?;
                let widened = skill_query::widen(split.query, &recognized, skill_field);
                let narrowed = narrow(&*widened, &uncounted);
                found = self.slicer.search(
                    &searcher,
                    &statistics,
                    narrowed.as_deref().unwrap_or(&*widened),
                    &collector,
                )?;
                if found.total > 0 {
                    (query, boosts, relaxed) = (widened, split.boosts, some);
                    left_out.extend(filler.into_iter().flatten());
                    break;
                }
            }
        }
        if rescoring {
            let top = std::mem::take(&mut found.top);
            found.top = rescore(&searcher, &statistics, &boosts, top, limit)?;
        }
        Ok(Matched {
            searcher,
            found,
            query: parsed.is_some().then_some(query),
            relaxed,
            left_out,
            read_as_words: parsed.as_ref().is_some_and(ParsedQuery::read_as_words),
            lang: plan.lang,
            did_you_mean: did_you_mean(text, &plan),
            recognized,
        })
    }

    /// The query's language and its words' weights per language.
    fn plan(
        &self,
        searcher: &Searcher,
        statistics: &dyn Bm25StatisticsProvider,
        parsed: &ParsedQuery,
        request: &SearchRequest,
    ) -> Result<QueryPlan> {
        let vocabulary = Vocabulary::new(searcher, statistics, &self.fields, &self.analyzers)?;
        let literals = parsed.literals();
        let weights = WordWeights::compute(&vocabulary, literals.iter().map(String::as_str))?;
        let lang = match request.lang {
            Some(lang) => Some(lang),
            None => vocabulary.infer(&parsed.words())?.or(request.accept_lang),
        };
        let prefixes = parsed.prefixes();
        let mut corrections = Vec::new();
        for literal in literals
            .iter()
            .filter(|l| !l.contains(char::is_whitespace) && !prefixes.contains(l))
        {
            let generation = searcher.generation().generation_id();
            let found = self.typos.get_or_compute(generation, literal.clone(), || {
                correct(&vocabulary, literal)
            })?;
            if let Some(correction) = found {
                corrections.push(correction);
            }
        }
        let dropped = function_words(&literals, lang);
        Ok(QueryPlan {
            lang,
            weights,
            dropped,
            corrections: corrections
                .into_iter()
                .map(|c| (c.typed.clone(), c))
                .collect(),
            phrases: Some(Arc::clone(&self.phrases)),
            prefixes: self.prefix_terms(searcher, &prefixes)?,
        })
    }

    /// The terms each one-word prefix of `prefixes` stands for in each language's title and
    /// body, keyed as [`QueryPlan::prefixes`] says: the terms beginning with the prefix as
    /// the language analyses it and as typed (folded only), and the stems it passes (see
    /// [`super::prefix`]).
    fn prefix_terms(&self, searcher: &Searcher, prefixes: &[String]) -> Result<PrefixTerms> {
        let mut out = PrefixTerms::new();
        for prefix in prefixes {
            for lang in Lang::ALL {
                let analyzer = self.analyzers.get(lang);
                let Some((stem, folded)) = super::prefix::prefix_and_typed(&analyzer, prefix)
                else {
                    continue;
                };
                for field in [self.fields.title(lang), self.fields.body(lang)] {
                    if let HashEntry::Vacant(slot) = out.entry((field, stem.clone())) {
                        let expanded = super::prefix::expand(searcher, field, &[&stem, &folded])?;
                        slot.insert(Arc::from(expanded));
                    }
                }
            }
        }
        Ok(out)
    }

    fn hits(
        &self,
        searcher: &Searcher,
        found: &TopAndCounts,
        request: &SearchRequest,
        query: Option<&dyn Query>,
    ) -> Result<Vec<Hit>> {
        let offset = (request.page - 1) * request.per_page;
        let mut highlighters: BTreeMap<Lang, Highlighter> = BTreeMap::new();
        let lang = label_lang(request.lang);
        let mut hits = Vec::with_capacity(request.per_page);
        let shown = request.fields;
        // What the shown properties need, decided once for the page.
        let snippets = request.snippets && shown.shows("snippet");
        let concepts = shown.shows("skills") || shown.shows("occupation");
        let mut id_columns: BTreeMap<u32, Arc<SegmentColumns>> = BTreeMap::new();
        let statistics = self.term_stats.of(searcher);
        for (score, address) in found.top.iter().skip(offset) {
            let score = if query.is_some() { *score } else { 0.0 };
            if !shown.needs_posting() {
                let column = match id_columns.entry(address.segment_ord) {
                    Entry::Occupied(entry) => entry.into_mut(),
                    Entry::Vacant(entry) => entry.insert(
                        self.ords
                            .columns(searcher.segment_reader(address.segment_ord))?,
                    ),
                };
                let id = column.id_of(address.doc_id)?.ok_or_else(|| {
                    Error::InvalidIndex("the index has no fast column of posting ids".to_owned())
                })?;
                let id = Posting {
                    id,
                    ..Posting::default()
                };
                let mut hit = Hit::new(id, score, String::new());
                hit.shown = shown;
                hits.push(hit);
                continue;
            }
            // The stored record is read in place: no JSON is parsed and the body is not copied.
            let record = crate::schema::read_record(searcher, *address)?;
            let stored = StoredPosting::decode(&record.0)?;
            let snippet = match query {
                _ if !snippets => String::new(),
                Some(query) => {
                    let lang = Lang::for_code(stored.language);
                    let highlighter = match highlighters.entry(lang) {
                        Entry::Occupied(entry) => entry.into_mut(),
                        Entry::Vacant(entry) => {
                            let field = self.fields.body(lang);
                            entry.insert(Highlighter::create(&statistics, query, field, lang)?)
                        }
                    };
                    highlighter.snippet(stored.body)
                }
                None => leading_excerpt(stored.body),
            };
            let (skills, occupation) = if concepts {
                concepts::concepts(stored.skills.iter().copied(), stored.occupation, lang)
            } else {
                (Vec::new(), None)
            };
            let mut hit = Hit::new(stored.without_body(), score, snippet);
            hit.skills = skills;
            hit.occupation = occupation;
            hit.shown = shown;
            hits.push(hit);
        }
        Ok(hits)
    }

    /// The searcher of the latest reloaded commit (for the other search operations).
    pub(super) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The schema's fields (for the other search operations).
    pub(super) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The stored posting at `address`.
    pub(super) fn load(
        &self,
        searcher: &Searcher,
        address: tantivy::DocAddress,
    ) -> Result<Posting> {
        crate::schema::read_posting(searcher, address)
    }
}

/// What one collector run found.
struct Matched {
    searcher: Searcher,
    found: TopAndCounts,
    /// The query that matched, when there was query text (for snippets).
    query: Option<Box<dyn Query>>,
    relaxed: bool,
    /// The query's filler words that were not searched, as typed (see
    /// [`SearchResponse::left_out`]).
    left_out: Vec<String>,
    /// Whether the query's syntax could not be read and its words were searched as plain
    /// words (see [`ParsedQuery::parse`]).
    read_as_words: bool,
    /// The query's language, if any.
    lang: Option<Lang>,
    /// The query with its typos corrected, when that finds clearly more postings.
    did_you_mean: Option<String>,
    /// ESCO skills the query names.
    recognized: Vec<&'static str>,
}

/// The single words of `literals` that are function words of the query language (of any
/// query language when it is unknown), when some other word is left to search for.
fn function_words(literals: &[String], lang: Option<Lang>) -> Vec<String> {
    let langs: &[Lang] = match lang {
        Some(ref l) => std::slice::from_ref(l),
        None => &super::language::QUERY_LANGS,
    };
    let stop = |w: &String| {
        !w.contains(char::is_whitespace) && langs.iter().any(|l| l.is_stop_word(&w.to_lowercase()))
    };
    if literals.iter().all(stop) {
        return Vec::new();
    }
    literals.iter().filter(|w| stop(w)).cloned().collect()
}

/// `text` with every word worth correcting replaced by its correction.
fn did_you_mean(text: &str, plan: &QueryPlan) -> Option<String> {
    let mut out = text.to_owned();
    let mut changed = false;
    for correction in plan.corrections.values() {
        if !correction.worth_suggesting() {
            continue;
        }
        let words: Vec<&str> = out.split(' ').collect();
        if words.contains(&correction.typed.as_str()) {
            out = words
                .iter()
                .map(|w| {
                    if *w == correction.typed {
                        correction.word.as_str()
                    } else {
                        w
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            changed = true;
        }
    }
    changed.then_some(out)
}

/// Postings written per chunk by [`Engine::export`].
const EXPORT_CHUNK: usize = 256;

/// `request` with paging at its defaults, for operations over every match.
fn paging_ignored(request: &SearchRequest) -> SearchRequest {
    SearchRequest {
        page: 1,
        per_page: super::DEFAULT_PER_PAGE,
        ..request.clone()
    }
}

/// Day counts summed per month, oldest first.
fn by_month(days: &std::collections::HashMap<i64, u64>) -> Vec<MonthCount> {
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    for (day, count) in days {
        let Some(date) = NaiveDate::default().checked_add_signed(chrono::TimeDelta::days(*day))
        else {
            continue;
        };
        *months.entry(date.format("%Y-%m").to_string()).or_insert(0) += count;
    }
    months
        .into_iter()
        .map(|(month, count)| MonthCount { month, count })
        .collect()
}

fn validate(request: &SearchRequest) -> Result<()> {
    if request.per_page == 0 || request.per_page > MAX_PER_PAGE {
        return Err(Error::param(
            "per_page",
            format!("must be between 1 and {MAX_PER_PAGE}"),
        ));
    }
    if request.page == 0 {
        return Err(Error::param("page", "pages are numbered from 1"));
    }
    if request.facet_size == 0 || request.facet_size > MAX_FACET_SIZE {
        return Err(Error::param(
            "facet_size",
            format!("must be between 1 and {MAX_FACET_SIZE}"),
        ));
    }
    if request.page.saturating_mul(request.per_page) > MAX_PAGE_DEPTH {
        return Err(Error::param(
            "page",
            format!(
                "results can be paged to a depth of {MAX_PAGE_DEPTH} (page × per_page); \
                 narrow the search instead"
            ),
        ));
    }
    for path in &request.location {
        parse_location(path)?;
    }
    let values: usize =
        request.filters.values().map(Vec::len).sum::<usize>() + request.location.len();
    if values > MAX_FILTER_VALUES {
        return Err(Error::param(
            "filters",
            format!("at most {MAX_FILTER_VALUES} filter values in all"),
        ));
    }
    for (name, after, before) in [
        (
            "published_after",
            request.published_after,
            request.published_before,
        ),
        (
            "closing_after",
            request.closing_after,
            request.closing_before,
        ),
    ] {
        if let (Some(a), Some(b)) = (after, before) {
            if a > b {
                return Err(Error::param(
                    name,
                    format!("{a} is after the end of the range ({b})"),
                ));
            }
        }
    }
    Ok(())
}

fn day_range(after: Option<NaiveDate>, before: Option<NaiveDate>) -> DayRange {
    match (after, before) {
        (None, None) => DayRange::ANY,
        // Unknown dates hold sentinel values at the extremes, which bounded ranges exclude.
        (a, b) => DayRange {
            min: a.map_or(i64::MIN + 1, day_number),
            max: b.map_or(i64::MAX - 1, day_number),
        },
    }
}

fn open_range(request: &SearchRequest) -> DayRange {
    let mut range = day_range(request.closing_after, request.closing_before);
    if let Some(today) = request.open_on {
        // Open: closing today or later, or unknown (the `NO_CLOSING` sentinel is i64::MAX;
        // the collector keeps those only for a while after publication).
        if range == DayRange::ANY {
            range = DayRange {
                min: day_number(today),
                max: i64::MAX,
            };
        } else {
            range.min = range.min.max(day_number(today));
        }
    }
    range
}

fn facet_counts(
    counts: Vec<super::collector::FacetValues>,
    request: &SearchRequest,
) -> BTreeMap<String, Vec<FacetCount>> {
    let mut out = BTreeMap::new();
    let lang = label_lang(request.lang);
    for (facet, values) in FacetField::ALL.iter().zip(counts) {
        if !request.facets.counts(*facet) {
            continue;
        }
        let selected = request.filters.get(facet).map_or(&[][..], Vec::as_slice);
        let list = match facet {
            FacetField::Occupation => concepts::occupation_tree(&values, selected, lang),
            FacetField::Skill => {
                let mut list = sorted_counts(values, selected, request.facet_size);
                concepts::label_skills(&mut list, lang);
                list
            }
            _ => sorted_counts(values, selected, request.facet_size),
        };
        out.insert(facet.name().to_owned(), list);
    }
    out
}

/// Counts most frequent first, cut to `size` (keeping `selected` values).
fn sorted_counts(
    values: impl IntoIterator<Item = (String, u64)>,
    selected: &[String],
    size: usize,
) -> Vec<FacetCount> {
    let mut list: Vec<FacetCount> = values
        .into_iter()
        .map(|(value, count)| FacetCount {
            value,
            count,
            label: None,
        })
        .collect();
    // Each value comes once, so no two are equal and an unstable sort orders them alike.
    list.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    if list.len() > size {
        let tail = list.split_off(size);
        list.extend(tail.into_iter().filter(|c| selected.contains(&c.value)));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_doc_store_cache_is_shared_by_the_segments_down_to_tantivys_default() {
        assert_eq!(doc_store_cache_blocks(0), DOC_STORE_CACHE_BLOCKS);
        assert_eq!(doc_store_cache_blocks(1), DOC_STORE_CACHE_BLOCKS);
        assert_eq!(doc_store_cache_blocks(4), DOC_STORE_CACHE_BLOCKS / 4);
        assert_eq!(doc_store_cache_blocks(40), MIN_SEGMENT_CACHE_BLOCKS);
    }

    #[test]
    fn counts_are_cut_to_the_size_keeping_the_selected_values() {
        let counts = [("a", 5), ("b", 4), ("c", 3), ("d", 1), ("e", 4)]
            .into_iter()
            .map(|(v, n)| (v.to_owned(), n))
            .collect::<std::collections::HashMap<String, u64>>();
        let list = sorted_counts(counts, &["d".to_owned()], 2);
        let shown: Vec<(&str, u64)> = list.iter().map(|c| (c.value.as_str(), c.count)).collect();
        assert_eq!(shown, [("a", 5), ("b", 4), ("d", 1)]);
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn function_words_of_the_query_language_are_dropped_when_words_remain() {
        let q = words(&["captación", "de", "fondos"]);
        assert_eq!(function_words(&q, Some(Lang::Spanish)), words(&["de"]));
        assert_eq!(function_words(&q, None), words(&["de"]));
        assert!(function_words(&q, Some(Lang::English)).is_empty());
        assert!(function_words(&words(&["de", "la"]), None).is_empty());
        assert!(function_words(&words(&["\"de la\""]), None).is_empty());
    }
}
