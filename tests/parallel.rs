//! Searches split into slices of documents on several threads find exactly what one thread
//! finds: the same hits in the same order, totals, facet counts, snippets, stats and exports.
//! The split is forced (every search, 2 to 5 slices) over generated postings in one segment
//! and in several, both with deleted postings, and in one segment without; a range lost or
//! counted twice changes a total or a count. Over the same segments, a location path finds
//! what its levels given as facet filters find (the path is decided from the rows' location
//! combinations).

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use tantivy::SegmentMeta;
use tempfile::TempDir;

use vacancy_search::generate::{generate, GeneratorConfig};
use vacancy_search::indexer::Indexer;
use vacancy_search::search::{
    Engine, ExportFormat, FacetField, SearchRequest, SortOrder, DEFAULT_MIN_SLICED_COST,
};

/// Indexes `count` generated postings into a new index (segments of at most `bound`
/// postings, a commit every `every`), then deletes every fifth posting. Returns the
/// directory holding it, the index's path and its segments.
fn build(count: u64, bound: u32, every: usize) -> (TempDir, PathBuf, Vec<SegmentMeta>) {
    build_deleting(count, bound, every, true)
}

/// [`build`], deleting every fifth posting only when `delete` says so.
fn build_deleting(
    count: u64,
    bound: u32,
    every: usize,
    delete: bool,
) -> (TempDir, PathBuf, Vec<SegmentMeta>) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let mut lines = Vec::new();
    generate(&GeneratorConfig::new(count, 11), &mut lines).unwrap();
    let file = dir.join("feed.jsonl");
    std::fs::write(&file, lines).unwrap();
    let index = dir.join("index");
    let indexer = Indexer::open_with_segment_bound(&index, bound).unwrap();
    vacancy_search::ingest::index_paths_with(indexer, &[file], every, |_| {}).unwrap();
    let mut ids: Vec<String> = common::stored_postings(&index)
        .into_iter()
        .map(|p| p.id)
        .collect();
    ids.sort();
    let mut indexer = Indexer::open_with_segment_bound(&index, bound).unwrap();
    for id in ids.iter().step_by(5).filter(|_| delete) {
        assert!(indexer.delete(id).unwrap());
    }
    indexer.finish().unwrap();
    let (opened, _) = vacancy_search::store::open_index(&index).unwrap();
    let segments = opened.searchable_segment_metas().unwrap();
    (temp, index, segments)
}

/// The response as JSON, without the time it took.
fn answer(engine: &Engine, request: &SearchRequest) -> serde_json::Value {
    let mut json = serde_json::to_value(engine.search(request).unwrap()).unwrap();
    json.as_object_mut().unwrap().remove("took_ms");
    json
}

fn requests(plain: &Engine) -> Vec<SearchRequest> {
    let texts = [
        "",
        "supply chain",
        "gestion de projet",
        "agua y saneamiento",
        "programme officer",
        "consultant",
        "\"project management\"",
        "évaluation",
        "coordinador",
    ];
    let mut out = Vec::new();
    for text in texts {
        out.push(SearchRequest::new(text));
        let deep = SearchRequest {
            per_page: 50,
            page: 2,
            ..SearchRequest::new(text)
        };
        out.push(deep);
        out.push(SearchRequest {
            sort: SortOrder::Published,
            facet_size: 3,
            ..SearchRequest::new(text)
        });
        out.push(SearchRequest {
            sort: SortOrder::Closing,
            ..SearchRequest::new(text)
        });
    }
    // Bounds on days: two that most postings pass (dense searches are then counted by
    // complement within the days) and one that few pass (open on a day of mid-2025; the
    // generator publishes postings over 2024–2027, each open 14 to 56 days).
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    for text in ["", "programme", "consultant", "supply chain"] {
        out.push(SearchRequest {
            closing_after: day(2024, 3, 1),
            ..SearchRequest::new(text)
        });
        out.push(SearchRequest {
            published_after: day(2024, 2, 1),
            published_before: day(2027, 10, 1),
            ..SearchRequest::new(text)
        });
        out.push(SearchRequest {
            open_on: day(2025, 6, 15),
            ..SearchRequest::new(text)
        });
    }
    // Filters on values that exist: the most frequent grade and country.
    let all = answer(plain, &SearchRequest::new(""));
    let first = |facet: &str| {
        all["facets"][facet][0]["value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let grade = first("grade");
    let country = first("country");
    for text in ["", "programme", "supply chain"] {
        let mut request = SearchRequest::new(text);
        request
            .filters
            .insert(FacetField::Grade, vec![grade.clone()]);
        out.push(request.clone());
        request
            .filters
            .insert(FacetField::Country, vec![country.clone()]);
        out.push(request);
    }
    // Filters that most postings pass, on searches matching most postings: counted by
    // complement through the filters. The region filtered, the location tree's root children
    // come from the region counts. Some postings fail one filter, some two.
    let language = first("language");
    let region = first("region");
    let contract = first("contract_type");
    for text in ["", "programme", "consultant"] {
        let mut request = SearchRequest::new(text);
        request
            .filters
            .insert(FacetField::Language, vec![language.clone()]);
        out.push(request.clone());
        request
            .filters
            .insert(FacetField::Region, vec![region.clone()]);
        out.push(request.clone());
        request
            .filters
            .insert(FacetField::ContractType, vec![contract.clone()]);
        out.push(request.clone());
        out.push(SearchRequest {
            closing_after: day(2024, 3, 1),
            sort: SortOrder::Published,
            ..request.clone()
        });
        out.push(SearchRequest {
            facets: "region,grade,location".parse().unwrap(),
            ..request.clone()
        });
        out.push(SearchRequest {
            facets: "country,organization".parse().unwrap(),
            ..request
        });
    }
    out
}

/// Every request answered by engines splitting into 2 to 5 slices, and by one thread, equals
/// the answer of one thread counting every match (no counting by complement, no kept counts
/// of the postings tagged with a skill the query names); some requests must match many
/// postings, some most of them, and some must name skills, for the comparison to mean
/// something.
fn assert_same_as_one_thread(index: &Path) {
    let plain = Engine::open_manual(index)
        .unwrap()
        .with_search_threads(1)
        .with_counting_shortcuts(false);
    let requests = requests(&plain);
    let expected: Vec<_> = requests.iter().map(|r| answer(&plain, r)).collect();
    let broad = expected
        .iter()
        .filter(|a| a["total"].as_u64().unwrap() > 100)
        .count();
    assert!(broad > 10, "too few broad requests: {broad}");
    let postings = expected[0]["total"].as_u64().unwrap();
    let dense = expected
        .iter()
        .filter(|a| a["total"].as_u64().unwrap() * 10 > postings * 7)
        .count();
    assert!(
        dense > 4,
        "too few requests matching most postings: {dense}"
    );
    // The words of these match most postings, so the filters are gone through by complement.
    let matches_most = |text: &str| {
        answer(&plain, &SearchRequest::new(text))["total"]
            .as_u64()
            .unwrap()
            * 10
            > postings * 7
    };
    let filtered_dense = requests
        .iter()
        .zip(&expected)
        .filter(|(r, a)| {
            r.filters.contains_key(&FacetField::Region)
                && a["total"].as_u64().unwrap() > 0
                && matches_most(&r.query)
        })
        .count();
    assert!(
        filtered_dense >= 8,
        "too few requests matching most postings with a region filter: {filtered_dense}"
    );
    // The region filtered, the location tree's root children are the hits' regions: the
    // accepted ones only, adding up to the total.
    for (request, answer) in requests.iter().zip(&expected) {
        let Some(regions) = request.filters.get(&FacetField::Region) else {
            continue;
        };
        let Some(children) = answer["facets"]["location"].as_array() else {
            continue;
        };
        let mut sum = 0;
        for child in children {
            let path = child["value"].as_str().unwrap();
            assert!(
                regions.iter().any(|r| path == format!("/{r}")),
                "{path} under a filter on {regions:?}"
            );
            sum += child["count"].as_u64().unwrap();
        }
        assert_eq!(
            sum,
            answer["total"].as_u64().unwrap(),
            "{:?}",
            request.query
        );
    }
    let dated = |r: &SearchRequest| {
        r.open_on.is_some() || r.closing_after.is_some() || r.published_after.is_some()
    };
    let dense_dated = requests
        .iter()
        .zip(&expected)
        .filter(|(r, a)| dated(r) && a["total"].as_u64().unwrap() * 10 > postings * 7)
        .count();
    assert!(
        dense_dated >= 4,
        "too few requests with bounds on days matching most postings: {dense_dated}"
    );
    // Indexing tagged the postings, so the taggers of the three languages are ready.
    let naming_skills = expected
        .iter()
        .filter(|a| !a["recognized_skills"].as_array().unwrap().is_empty())
        .count();
    assert!(
        naming_skills > 4,
        "too few requests naming skills: {naming_skills}"
    );
    for threads in 1..=5 {
        let split = Engine::open_manual(index)
            .unwrap()
            .with_search_threads(threads)
            .with_min_sliced_cost(0);
        assert_eq!(split.search_threads(), threads);
        for (request, expected) in requests.iter().zip(&expected) {
            let found = answer(&split, request);
            assert_eq!(
                &found, expected,
                "{threads} threads, query {:?}",
                request.query
            );
        }
        for text in ["programme", ""] {
            let request = SearchRequest::new(text);
            let by = [FacetField::Country, FacetField::Skill];
            assert_eq!(
                serde_json::to_value(split.stats(&request, &by).unwrap()).unwrap(),
                serde_json::to_value(plain.stats(&request, &by).unwrap()).unwrap(),
            );
            let export = |engine: &Engine| {
                let mut out = Vec::new();
                engine
                    .export(&request, &mut out, ExportFormat::Csv, false)
                    .unwrap();
                out
            };
            assert_eq!(export(&split), export(&plain), "{threads} threads");
        }
    }
}

#[test]
fn split_searches_find_what_one_thread_finds_in_one_segment() {
    let (_dir, index, segments) = build(300, 100_000, 1_000);
    assert_eq!(segments.len(), 1);
    assert!(segments[0].has_deletes());
    assert_same_as_one_thread(&index);
}

#[test]
fn split_searches_find_what_one_thread_finds_across_segments() {
    let (_dir, index, segments) = build(300, 70, 35);
    assert!(segments.len() >= 3, "{} segments", segments.len());
    assert!(segments.iter().any(|s| s.has_deletes()));
    assert_same_as_one_thread(&index);
}

#[test]
fn one_thread_counting_by_complement_finds_what_counting_every_match_finds() {
    // Without deleted postings, the one-thread search of an OR of words (every query of
    // several words, one AND per language) takes a dense window's matches in a few steps
    // each when counting by complement (`FacetedSegment::collect_window`); a single word's
    // matches filtered by region come one by one (`FacetedSegment::collect_passing`).
    let (_dir, index, segments) = build_deleting(300, 100_000, 1_000, false);
    assert_eq!(segments.len(), 1);
    assert!(!segments[0].has_deletes());
    assert_same_as_one_thread(&index);
}

#[test]
fn the_default_threshold_gives_the_same_results() {
    // The default threshold: most searches of this small index are not split; the results
    // are the same either way.
    let (_dir, index, _) = build(120, 100_000, 1_000);
    let plain = Engine::open_manual(&index).unwrap().with_search_threads(1);
    let default = Engine::open_manual(&index)
        .unwrap()
        .with_search_threads(2)
        .with_min_sliced_cost(DEFAULT_MIN_SLICED_COST);
    for request in requests(&plain) {
        assert_eq!(answer(&default, &request), answer(&plain, &request));
    }
}

#[test]
fn a_location_path_finds_what_its_levels_as_filters_find() {
    let (_dir, index, segments) = build(300, 70, 35);
    assert!(segments.len() >= 3, "{} segments", segments.len());
    let engine = Engine::open_manual(&index).unwrap();
    let all = answer(&engine, &SearchRequest::new(""));
    let value = |answer: &serde_json::Value, facet: &str, i: usize| {
        answer["facets"][facet][i]["value"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (first, second) = (value(&all, "region", 0), value(&all, "region", 1));
    let mut in_first = SearchRequest::new("");
    in_first
        .filters
        .insert(FacetField::Region, vec![first.clone()]);
    let subregion = value(&answer(&engine, &in_first), "subregion", 0);
    let ids = |answer: &serde_json::Value| {
        let mut ids: Vec<String> = answer["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    for text in ["", "programme", "consultant"] {
        let cases = [
            (
                vec![format!("/{first}")],
                vec![(FacetField::Region, vec![first.clone()])],
            ),
            (
                vec![format!("/{first}/{subregion}")],
                vec![
                    (FacetField::Region, vec![first.clone()]),
                    (FacetField::Subregion, vec![subregion.clone()]),
                ],
            ),
            (
                vec![format!("/{first}"), format!("/{second}")],
                vec![(FacetField::Region, vec![first.clone(), second.clone()])],
            ),
        ];
        for (paths, filters) in cases {
            let by_path = SearchRequest {
                location: paths.clone(),
                per_page: 100,
                ..SearchRequest::new(text)
            };
            let mut by_filters = SearchRequest {
                per_page: 100,
                ..SearchRequest::new(text)
            };
            by_filters.filters.extend(filters);
            let (a, b) = (answer(&engine, &by_path), answer(&engine, &by_filters));
            assert!(a["total"].as_u64().unwrap() > 0, "{text:?} {paths:?}");
            assert_eq!(a["total"], b["total"], "{text:?} {paths:?}");
            assert_eq!(ids(&a), ids(&b), "{text:?} {paths:?}");
            // Facets neither filter touches count the same postings.
            for facet in ["grade", "organization", "skill"] {
                assert_eq!(a["facets"][facet], b["facets"][facet], "{facet} {paths:?}");
            }
        }
    }
}

#[test]
fn windows_counted_by_complement_find_what_a_search_bounded_in_days_finds() {
    // Past the window where a plain search decides whether to count by complement, a dense
    // OR takes each window's matches 64 documents at a time
    // (`FacetedSegment::collect_window_by_complement`: the unmatched ones taken away, only
    // the matches above the top hits' floor offered); a sparse one takes them one by one. A
    // search bounded by a day before every posting is not plain and takes them one by one.
    // Several windows of 4,096 postings, none deleted.
    let (_dir, index, segments) = build_deleting(10_000, 100_000, 100_000, false);
    assert_eq!(segments.len(), 1);
    assert!(!segments[0].has_deletes());
    let engine = Engine::open_manual(&index).unwrap().with_search_threads(1);
    // Two dense ORs (most postings match: by complement), two sparse ones.
    for text in [
        "programme officer",
        "chargé de programme",
        "supply chain",
        "gestion de projet",
    ] {
        for (page, per_page) in [(1, 10), (3, 50)] {
            let plain = SearchRequest {
                page,
                per_page,
                ..SearchRequest::new(text)
            };
            let bounded = SearchRequest {
                published_after: NaiveDate::from_ymd_opt(2000, 1, 1),
                ..plain.clone()
            };
            let found = answer(&engine, &plain);
            assert!(found["total"].as_u64().unwrap() > 500, "{text}");
            assert_eq!(found, answer(&engine, &bounded), "{text}");
        }
    }
}
