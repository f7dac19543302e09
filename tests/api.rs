//! The HTTP API over a small index written by the tests.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get as get_route;
use axum::Router;
use chrono::NaiveDate;
use common::{day, fixture, fixture_with, get, send, write_index, Reply};
use serde_json::Value;
use vacancy_search::search::{Engine, FacetField, DEFAULT_UNKNOWN_CLOSING_DAYS};
use vacancy_search::server::{router, with_middleware, AppState, Settings};
use vacancy_search::Posting;

fn ids(reply: &Reply) -> Vec<String> {
    reply.json()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

fn assert_error(reply: &Reply, status: StatusCode, code: &str) -> String {
    assert_eq!(
        reply.status,
        status,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert!(
        reply
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/json")),
        "content type {:?}",
        reply.header("content-type")
    );
    let json = reply.json();
    assert_eq!(json["error"]["code"], code, "{json}");
    json["error"]["message"].as_str().unwrap().to_owned()
}

/// Every hit of a search, paging through with `per_page`.
async fn all_pages(app: &Router, params: &str, per_page: usize) -> Vec<String> {
    let mut out = Vec::new();
    for page in 1.. {
        let r = get(
            app,
            &format!("/api/search?{params}&page={page}&per_page={per_page}"),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
        let got = ids(&r);
        if got.is_empty() {
            break;
        }
        out.extend(got);
    }
    out
}

fn facet_value(p: &Posting, facet: FacetField) -> Option<&str> {
    match facet {
        FacetField::Grade => p.grade.as_deref(),
        FacetField::Unit => p.unit.as_deref(),
        FacetField::Department => p.department.as_deref(),
        FacetField::Organization => p.organization.as_deref(),
        FacetField::DutyStation => p.duty_station.as_deref(),
        FacetField::ContractType => p.contract_type.as_deref(),
        FacetField::Language => Some(p.language.as_str()),
        FacetField::Country => p.country.as_deref(),
        FacetField::Region => p.region.as_deref(),
        FacetField::Subregion => p.subregion.as_deref(),
        // Multi-valued and hierarchical: tested in tests/skills.rs.
        FacetField::Skill | FacetField::Occupation => None,
    }
}

/// The single-valued facets whose values these tests take from the postings.
fn plain_facets() -> impl Iterator<Item = FacetField> {
    FacetField::ALL
        .into_iter()
        .filter(|f| !matches!(f, FacetField::Skill | FacetField::Occupation))
}

fn passes(p: &Posting, filters: &[(FacetField, &str)], skip: Option<FacetField>) -> bool {
    let mut by_facet: BTreeMap<FacetField, Vec<&str>> = BTreeMap::new();
    for (f, v) in filters {
        by_facet.entry(*f).or_default().push(v);
    }
    by_facet
        .iter()
        .filter(|(f, _)| Some(**f) != skip)
        .all(|(f, values)| facet_value(p, *f).is_some_and(|v| values.contains(&v)))
}

fn query_of(filters: &[(FacetField, &str)]) -> String {
    filters
        .iter()
        .map(|(f, v)| format!("{}={}", f.name(), v.replace(' ', "+")))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn title_match_ranks_above_body_only_match() {
    let fx = fixture();
    let r = get(&fx.app, "/api/search?q=hydrologist").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(ids(&r), ["hydro-title", "hydro-body"]);
    let hits = r.json()["hits"].clone();
    assert!(hits[0]["score"].as_f64().unwrap() > hits[1]["score"].as_f64().unwrap());
    assert_eq!(r.json()["total"], 2);
}

#[tokio::test]
async fn a_query_with_unbalanced_syntax_answers_with_its_words() {
    let fx = fixture();
    let r = get(&fx.app, "/api/search?q=hydrologist+AND+(").await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&r.body)
    );
    assert_eq!(r.json()["read_as_words"], true);
    assert_eq!(ids(&r), ["hydro-title", "hydro-body"]);
    let r = get(&fx.app, "/api/search?q=hydrologist").await;
    assert_eq!(r.json()["read_as_words"], false);
}

#[tokio::test]
async fn french_morphology_through_the_api() {
    let fx = fixture();
    for q in [
        "competences",
        "compétence",
        "l%27emploi",
        "emploi",
        "formateur",
        "COMPETENCES",
    ] {
        let r = get(&fx.app, &format!("/api/search?q={q}")).await;
        assert_eq!(r.status, StatusCode::OK, "{q}");
        assert!(
            ids(&r).contains(&"fr-competences".to_owned()),
            "{q}: {:?}",
            ids(&r)
        );
    }
}

#[tokio::test]
async fn snippets_mark_matches_and_escape_html() {
    let fx = fixture();
    let r = get(&fx.app, "/api/search?q=malware").await;
    let json = r.json();
    let snippet = json["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>malware</mark>"), "{snippet}");
    assert!(!snippet.contains("<script>"), "{snippet}");
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    // Browsing (no query) still escapes.
    let r = get(&fx.app, "/api/search?organization=ITU").await;
    let snippet = r.json()["hits"][0]["snippet"].as_str().unwrap().to_owned();
    assert!(!snippet.contains("<script>"), "{snippet}");
}

#[tokio::test]
async fn each_filter_alone_matches_an_independent_count() {
    let fx = fixture();
    for facet in plain_facets() {
        let values: BTreeSet<&str> = fx
            .postings
            .iter()
            .filter_map(|p| facet_value(p, facet))
            .collect();
        assert!(!values.is_empty(), "{facet:?}");
        for value in values {
            let filters = [(facet, value)];
            let expected: BTreeSet<String> = fx
                .postings
                .iter()
                .filter(|p| passes(p, &filters, None))
                .map(|p| p.id.clone())
                .collect();
            let got: BTreeSet<String> = all_pages(&fx.app, &query_of(&filters), 100)
                .await
                .into_iter()
                .collect();
            assert_eq!(got, expected, "{facet:?}={value}");
        }
    }
}

#[tokio::test]
async fn combined_filters_and_disjunctive_facet_counts() {
    let fx = fixture();
    let combos: Vec<Vec<(FacetField, &str)>> = vec![
        vec![(FacetField::Grade, "P3"), (FacetField::Grade, "P4")],
        vec![(FacetField::Grade, "P3"), (FacetField::Region, "Europe")],
        vec![
            (FacetField::Organization, "WHO"),
            (FacetField::Organization, "FAO"),
            (FacetField::Language, "fr"),
            (FacetField::ContractType, "fixed-term"),
        ],
        vec![
            (FacetField::Country, "KEN"),
            (FacetField::Unit, "Water"),
            (FacetField::Department, "Operations"),
        ],
        vec![
            (FacetField::DutyStation, "Geneva"),
            (FacetField::Subregion, "Western Europe"),
        ],
    ];
    for filters in combos {
        let r = get(
            &fx.app,
            &format!("/api/search?per_page=100&{}", query_of(&filters)),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
        let json = r.json();
        let expected: BTreeSet<String> = fx
            .postings
            .iter()
            .filter(|p| passes(p, &filters, None))
            .map(|p| p.id.clone())
            .collect();
        let got: BTreeSet<String> = ids(&r).into_iter().collect();
        assert_eq!(got, expected, "{filters:?}");
        assert_eq!(json["total"], expected.len() as u64);
        for facet in plain_facets() {
            // A facet's counts ignore its own filter but apply all the others.
            let mut counts: BTreeMap<String, u64> = BTreeMap::new();
            for p in fx
                .postings
                .iter()
                .filter(|p| passes(p, &filters, Some(facet)))
            {
                if let Some(v) = facet_value(p, facet) {
                    *counts.entry(v.to_owned()).or_default() += 1;
                }
            }
            let listed: BTreeMap<String, u64> = json["facets"][facet.name()]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    (
                        c["value"].as_str().unwrap().to_owned(),
                        c["count"].as_u64().unwrap(),
                    )
                })
                .collect();
            assert_eq!(listed, counts, "{filters:?}: facet {}", facet.name());
        }
    }
}

#[tokio::test]
async fn open_keeps_future_and_recent_undated_closings() {
    let fx = fixture();
    let today = chrono::Local::now().date_naive();
    let recent = today - chrono::Days::new(DEFAULT_UNKNOWN_CLOSING_DAYS.into());
    let expected: BTreeSet<String> = fx
        .postings
        .iter()
        .filter(|p| match p.closing {
            Some(c) => c >= today,
            None => p.published.is_some_and(|d| d >= recent),
        })
        .map(|p| p.id.clone())
        .collect();
    let got: BTreeSet<String> = all_pages(&fx.app, "open=true", 100)
        .await
        .into_iter()
        .collect();
    assert_eq!(got, expected);
    assert!(!got.contains("html-body")); // closed in 2001
                                         // No closing date and published in 2025: no longer counted as open.
    assert!(!got.contains("fr-competences"));
    let everything = all_pages(&fx.app, "open=false", 100).await;
    assert_eq!(everything.len(), fx.postings.len());
}

#[tokio::test]
async fn date_ranges_filter() {
    let fx = fixture();
    let (from, to) = (day(2024, 1, 10), day(2024, 2, 20));
    let expected: BTreeSet<String> = fx
        .postings
        .iter()
        .filter(|p| p.published.is_some_and(|d| d >= from && d <= to))
        .map(|p| p.id.clone())
        .collect();
    assert!(!expected.is_empty());
    let got: BTreeSet<String> = all_pages(
        &fx.app,
        "published_after=2024-01-10&published_before=2024-02-20",
        100,
    )
    .await
    .into_iter()
    .collect();
    assert_eq!(got, expected);
    let expected: BTreeSet<String> = fx
        .postings
        .iter()
        .filter(|p| p.closing.is_some_and(|d| d <= day(2010, 1, 1)))
        .map(|p| p.id.clone())
        .collect();
    let got: BTreeSet<String> = all_pages(&fx.app, "closing_before=2010-01-01", 100)
        .await
        .into_iter()
        .collect();
    assert_eq!(got, expected);
}

#[tokio::test]
async fn sorting_by_published_and_closing() {
    let fx = fixture();
    let by_id: BTreeMap<&str, &Posting> = fx.postings.iter().map(|p| (p.id.as_str(), p)).collect();
    let published: Vec<NaiveDate> = all_pages(&fx.app, "sort=published", 9)
        .await
        .iter()
        .map(|id| by_id[id.as_str()].published.unwrap())
        .collect();
    assert_eq!(published.len(), fx.postings.len());
    assert!(published.windows(2).all(|w| w[0] >= w[1]), "{published:?}");
    let closing: Vec<Option<NaiveDate>> = all_pages(&fx.app, "sort=closing", 9)
        .await
        .iter()
        .map(|id| by_id[id.as_str()].closing)
        .collect();
    assert_eq!(closing.len(), fx.postings.len());
    let known = closing.iter().take_while(|c| c.is_some()).count();
    assert!(
        closing[known..].iter().all(Option::is_none),
        "unknown closings last"
    );
    assert!(
        closing[..known].windows(2).all(|w| w[0] <= w[1]),
        "{closing:?}"
    );
}

#[tokio::test]
async fn pagination_has_no_overlap_or_gap() {
    let fx = fixture();
    for (params, per_page) in [
        ("q=", 7),
        ("q=projects", 4),
        ("sort=closing", 5),
        ("grade=P2", 2),
    ] {
        let first = get(&fx.app, &format!("/api/search?{params}&per_page=100"))
            .await
            .json();
        let total = first["total"].as_u64().unwrap() as usize;
        let whole: Vec<String> = first["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(whole.len(), total);
        let paged = all_pages(&fx.app, params, per_page).await;
        assert_eq!(paged, whole, "{params}");
        let r = get(
            &fx.app,
            &format!("/api/search?{params}&per_page={per_page}&page=2"),
        )
        .await;
        assert_eq!(r.json()["page"], 2);
        assert_eq!(r.json()["per_page"], per_page);
    }
}

#[tokio::test]
async fn posting_by_id_and_unknown_id() {
    let fx = fixture();
    let r = get(&fx.app, "/api/postings/fr-competences").await;
    assert_eq!(r.status, StatusCode::OK);
    let expected = serde_json::to_value(&fx.postings[2]).unwrap();
    assert_eq!(r.json(), expected);
    let r = get(&fx.app, "/api/postings/nope%20nope").await;
    let message = assert_error(&r, StatusCode::NOT_FOUND, "not_found");
    assert!(message.contains("nope nope"), "{message}");
}

#[tokio::test]
async fn invalid_requests_are_json_errors() {
    let fx = fixture();
    let deep = format!("{}a{}", "(".repeat(1000), ")".repeat(1000));
    let long = "word ".repeat(2048);
    let cases: Vec<(String, StatusCode, &str, Option<&str>)> = vec![
        ("q=-".into(), StatusCode::BAD_REQUEST, "invalid_query", None),
        (
            format!("q={deep}"),
            StatusCode::BAD_REQUEST,
            "invalid_query",
            None,
        ),
        (
            format!("q={}", long.replace(' ', "+")),
            StatusCode::BAD_REQUEST,
            "invalid_query",
            None,
        ),
        (
            "q=title:/re.*/".into(),
            StatusCode::BAD_REQUEST,
            "invalid_query",
            None,
        ),
        (
            "q=salary:5".into(),
            StatusCode::BAD_REQUEST,
            "invalid_query",
            None,
        ),
        (
            "page=0".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("page"),
        ),
        (
            "page=-1".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("page"),
        ),
        (
            "page=abc".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("abc"),
        ),
        (
            "page=1000000000".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("page"),
        ),
        (
            "per_page=0".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("per_page"),
        ),
        (
            "per_page=100000".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("per_page"),
        ),
        (
            "page=1&page=2".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("more than once"),
        ),
        (
            "colour=red".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("duty_station"),
        ),
        (
            "published_after=2025-02-30".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("2025-02-30"),
        ),
        (
            "published_after=2025-03-01&published_before=2025-01-01".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("published_after"),
        ),
        (
            "closing_after=2025-03-01&closing_before=2025-01-01".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("closing_after"),
        ),
        (
            "sort=random".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("random"),
        ),
        (
            "q=%00".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("`q`"),
        ),
        (
            "q=%FF".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("`q`"),
        ),
        (
            "grade=%FF".into(),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("`grade`"),
        ),
    ];
    for (params, status, code, needle) in cases {
        let r = get(&fx.app, &format!("/api/search?{params}")).await;
        let message = assert_error(&r, status, code);
        if let Some(needle) = needle {
            assert!(message.contains(needle), "{params}: {message}");
        }
        assert!(message.len() < 600, "{params}: message too long: {message}");
    }
}

#[tokio::test]
async fn fallback_method_and_body_errors_are_json() {
    let fx = fixture();
    assert_error(
        &get(&fx.app, "/nowhere").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &get(&fx.app, "/assets/evil.js").await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let r = send(
        &fx.app,
        Request::post("/api/search").body(Body::empty()).unwrap(),
    )
    .await;
    assert_error(&r, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    assert!(
        r.header("allow").is_some_and(|a| a.contains("GET")),
        "{:?}",
        r.headers
    );
    let r = send(
        &fx.app,
        Request::delete("/healthz").body(Body::empty()).unwrap(),
    )
    .await;
    assert_error(&r, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    let big = vec![b'x'; 100 * 1024];
    let r = send(
        &fx.app,
        Request::post("/api/search")
            .header("content-length", big.len())
            .body(Body::from(big))
            .unwrap(),
    )
    .await;
    assert_error(&r, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
}

#[tokio::test]
async fn panics_timeouts_and_overload_are_json_errors() {
    let settings = Settings {
        request_timeout: Duration::from_millis(300),
        max_concurrent: 1,
        max_queued: 0,
        ..Settings::default()
    };
    let state = AppState::new(settings);
    let routes = Router::new()
        .route(
            "/panic",
            get_route(|| async {
                if true {
                    panic!("boom");
                }
                "unreachable"
            }),
        )
        .route(
            "/slow",
            get_route(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        )
        .route(
            "/busy",
            get_route(|| async {
                tokio::time::sleep(Duration::from_millis(150)).await;
                "done"
            }),
        );
    let app = with_middleware(routes, state);
    let message = assert_error(
        &get(&app, "/panic").await,
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
    );
    assert!(!message.contains("boom"));
    // Still serving after the panic.
    let r = get(&app, "/busy").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_error(
        &get(&app, "/slow").await,
        StatusCode::SERVICE_UNAVAILABLE,
        "timeout",
    );
    let (a, b) = tokio::join!(get(&app, "/busy"), async {
        tokio::time::sleep(Duration::from_millis(30)).await;
        get(&app, "/busy").await
    });
    assert_eq!(a.status, StatusCode::OK);
    assert_error(&b, StatusCode::SERVICE_UNAVAILABLE, "overloaded");
    assert_eq!(b.header("retry-after"), Some("1"));
}

#[tokio::test]
async fn healthz_before_and_after_the_engine_is_set() {
    let fx = fixture();
    let state = AppState::new(Settings::default());
    let app = router(state.clone());
    let r = get(&app, "/healthz").await;
    assert_error(&r, StatusCode::SERVICE_UNAVAILABLE, "not_ready");
    assert_error(
        &get(&app, "/api/search?q=x").await,
        StatusCode::SERVICE_UNAVAILABLE,
        "not_ready",
    );
    assert_error(
        &get(&app, "/api/postings/x").await,
        StatusCode::SERVICE_UNAVAILABLE,
        "not_ready",
    );
    // The page is served without an index.
    assert_eq!(get(&app, "/").await.status, StatusCode::OK);
    state.set_engine(fx.engine.clone());
    let r = get(&app, "/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    let generation = fx.engine.generation();
    assert_eq!(generation.len(), 16);
    assert!(
        generation.bytes().all(|b| b.is_ascii_hexdigit()),
        "{generation}"
    );
    assert_eq!(
        r.json(),
        serde_json::json!({"status": "ok", "documents": fx.postings.len(), "generation": generation})
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route() {
    let fx = fixture();
    get(&fx.app, "/api/search?q=water").await;
    get(&fx.app, "/api/search?page=0").await;
    get(&fx.app, "/api/postings/gen-01").await;
    get(&fx.app, "/no/such/place").await;
    let r = get(&fx.app, "/metrics").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r
        .header("content-type")
        .unwrap()
        .contains("openmetrics-text"));
    let text = r.text();
    for line in [
        r#"vacancy_http_requests_total{route="/api/search",method="GET",status="200"} 1"#,
        r#"vacancy_http_requests_total{route="/api/search",method="GET",status="400"} 1"#,
        r#"vacancy_http_requests_total{route="/api/postings/{id}",method="GET",status="200"} 1"#,
        r#"vacancy_http_requests_total{route="unmatched",method="GET",status="404"} 1"#,
        r#"vacancy_http_request_duration_seconds_count{route="/api/search"} 2"#,
    ] {
        assert!(text.contains(line), "missing {line} in\n{text}");
    }
    assert!(
        text.contains(&format!("vacancy_index_documents {}", fx.postings.len())),
        "{text}"
    );
    assert!(text.trim_end().ends_with("# EOF"));
}

#[tokio::test]
async fn metrics_show_the_stored_postings_read_again_from_the_cache() {
    let fx = fixture();
    let gauge = |text: &str, name: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in\n{text}"))
    };
    let search = "/api/search?q=water&per_page=5";
    assert_eq!(get(&fx.app, search).await.status, StatusCode::OK);
    let text = get(&fx.app, "/metrics").await.text();
    let (hits, misses) = (
        gauge(&text, "vacancy_doc_store_cache_hits"),
        gauge(&text, "vacancy_doc_store_cache_misses"),
    );
    assert!(misses > 0, "the first page decompressed nothing:\n{text}");
    // The same page again: its postings' blocks are all in the cache.
    assert_eq!(get(&fx.app, search).await.status, StatusCode::OK);
    let text = get(&fx.app, "/metrics").await.text();
    assert_eq!(gauge(&text, "vacancy_doc_store_cache_misses"), misses);
    assert!(
        gauge(&text, "vacancy_doc_store_cache_hits") > hits,
        "{text}"
    );
}

#[tokio::test]
async fn metrics_series_stay_bounded_under_made_up_methods_and_paths() {
    let fx = fixture();
    let series = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("vacancy_http_requests_total{"))
            .count()
    };
    let before = series(&get(&fx.app, "/metrics").await.text());
    for i in 0..50 {
        let method = axum::http::Method::from_bytes(format!("FOO{i}").as_bytes()).unwrap();
        let request = Request::builder()
            .method(method)
            .uri(format!("/no/such/path/{i}"))
            .body(Body::empty())
            .unwrap();
        send(&fx.app, request).await;
        get(&fx.app, &format!("/unknown-{i}?x={i}")).await;
    }
    let text = get(&fx.app, "/metrics").await.text();
    // 100 requests with 50 methods and 100 paths add at most a few series (`other`/`GET` on
    // the `unmatched` route, by status), never one per method or path.
    assert!(series(&text) <= before + 4, "{text}");
    assert!(!text.contains("FOO"), "{text}");
    assert!(!text.contains("/no/such/path"), "{text}");
    assert!(
        text.contains(r#"route="unmatched",method="other""#),
        "{text}"
    );
}

#[tokio::test]
async fn page_and_assets_with_caching_headers() {
    let fx = fixture();
    let r = get(&fx.app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(
        r.header("content-security-policy"),
        Some("default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'")
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert!(r.text().contains("/assets/app.js"));
    let etag = r.header("etag").unwrap().to_owned();
    let again = send(
        &fx.app,
        Request::get("/")
            .header("if-none-match", &etag)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    let stale = send(
        &fx.app,
        Request::get("/")
            .header("if-none-match", "\"other\"")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(stale.status, StatusCode::OK);
    let mut etags = BTreeSet::from([etag]);
    for (file, kind, needle) in [
        ("app.js", "text/javascript; charset=utf-8", "import"),
        ("i18n.js", "text/javascript; charset=utf-8", "export"),
        ("style.css", "text/css; charset=utf-8", "{"),
    ] {
        let r = get(&fx.app, &format!("/assets/{file}")).await;
        assert_eq!(r.status, StatusCode::OK, "{file}");
        assert_eq!(r.header("content-type"), Some(kind), "{file}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert!(r.text().contains(needle), "{file}");
        assert!(
            etags.insert(r.header("etag").unwrap().to_owned()),
            "{file}: etags differ"
        );
    }
}

#[tokio::test]
async fn openapi_document_describes_every_route_and_parameter() {
    let fx = fixture();
    let doc = get(&fx.app, "/api/openapi.json").await.json();
    let paths = doc["paths"].as_object().unwrap();
    for route in [
        "/api/search",
        "/api/postings/{id}",
        "/api/skills",
        "/healthz",
        "/metrics",
        "/api/openapi.json",
        "/",
        "/assets/{file}",
        "/api/search.atom",
        "/api/postings/{id}/similar",
        "/postings/{id}",
        "/sitemap.xml",
        "/sitemaps/{file}",
        "/robots.txt",
    ] {
        assert!(paths[route]["get"].is_object(), "{route} missing");
    }
    // The feed takes every search parameter and header, then its conditional-request headers.
    let feed: BTreeSet<&str> = paths["/api/search.atom"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let mut expected: BTreeSet<&str> = vacancy_search::search::params::known_params()
        .into_iter()
        .collect();
    expected.extend(["Accept-Language", "If-None-Match", "If-Modified-Since"]);
    assert_eq!(feed, expected);
    let listed: BTreeSet<&str> = paths["/api/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["in"] == "query")
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let known: BTreeSet<&str> = vacancy_search::search::params::known_params()
        .into_iter()
        .collect();
    assert_eq!(listed, known);
    // The schema of a response has exactly the keys of a real response.
    let response = get(&fx.app, "/api/search?q=water").await.json();
    let keys = |v: &Value| -> BTreeSet<String> { v.as_object().unwrap().keys().cloned().collect() };
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        keys(&schemas["SearchResponse"]["properties"]),
        keys(&response)
    );
    assert_eq!(
        keys(&schemas["Hit"]["properties"]),
        keys(&response["hits"][0])
    );
    // A value of a facet without labels (grade) has every key but the label, which the
    // schema does not require (skill values carry it: see tests/skills.rs).
    let properties = keys(&schemas["FacetCount"]["properties"]);
    let grade = keys(&response["facets"]["grade"][0]);
    assert_eq!(properties.difference(&grade).collect::<Vec<_>>(), ["label"]);
    assert!(grade.is_subset(&properties));
    let required: BTreeSet<String> = schemas["FacetCount"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(required, grade);
    let posting = get(&fx.app, "/api/postings/gen-00").await.json();
    assert_eq!(keys(&schemas["Posting"]["properties"]), keys(&posting));
    let error = get(&fx.app, "/api/search?page=0").await.json();
    assert_eq!(keys(&schemas["ErrorBody"]["properties"]), keys(&error));
}

#[tokio::test]
async fn reload_shows_a_new_commit() {
    let fx = fixture();
    let r = get(&fx.app, "/api/search?q=glaciologist").await;
    assert_eq!(r.json()["total"], 0);
    drop(r);
    let new = Posting {
        id: "glacier".into(),
        title: Some("Glaciologist".into()),
        language: "en".into(),
        body: "Measures ice mass in mountain ranges.".into(),
        ..Posting::default()
    };
    write_index(fx.dir.path(), &[new]);
    // Manual reload policy: not visible until reloaded.
    assert_eq!(
        get(&fx.app, "/api/search?q=glaciologist").await.json()["total"],
        0
    );
    fx.engine.reload().unwrap();
    let r = get(&fx.app, "/api/search?q=glaciologist").await;
    assert_eq!(ids(&r), ["glacier"]);
    let health = get(&fx.app, "/healthz").await.json();
    assert_eq!(health["documents"], fx.postings.len() as u64 + 1);
}

#[tokio::test]
async fn a_state_can_switch_engines() {
    let fx = fixture();
    let other = tempfile::TempDir::new().unwrap();
    write_index(other.path(), &fx.postings[..3]);
    fx.state
        .set_engine(Engine::open_manual(other.path()).unwrap());
    assert_eq!(get(&fx.app, "/healthz").await.json()["documents"], 3);
}

#[tokio::test]
async fn custom_settings_are_applied() {
    let fx = fixture_with(Settings {
        max_body_bytes: 10,
        ..Settings::default()
    });
    let r = send(
        &fx.app,
        Request::get("/api/search")
            .header("content-length", 11)
            .body(Body::from("x".repeat(11)))
            .unwrap(),
    )
    .await;
    assert_error(&r, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
}

#[tokio::test]
async fn lang_parameter_and_accept_language_give_the_query_language() {
    let fx = fixture();
    let reply = get(&fx.app, "/api/search?q=competences&lang=es").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["query_language"], "es");
    let message = assert_error(
        &get(&fx.app, "/api/search?q=competences&lang=de").await,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
    );
    assert!(message.contains("`lang`"), "{message}");
    let request = Request::get("/api/search?q=P3")
        .header("accept-language", "de-DE, fr;q=0.8, en;q=0.5")
        .body(Body::empty())
        .unwrap();
    let reply = send(&fx.app, request).await;
    assert_eq!(reply.json()["query_language"], "fr");
    let reply = get(&fx.app, "/api/search?q=P3").await;
    assert!(reply.json()["query_language"].is_null());
    assert!(reply.json()["did_you_mean"].is_null());
}

/// `facets`, `facet_size` and `snippets` trim the work and the response, and the counts that
/// remain are those of the full request.
#[tokio::test]
async fn facets_facet_size_and_snippets_trim_the_response() {
    let fx = fixture();
    let full = get(&fx.app, "/api/search?q=&sort=published").await.json();
    let trimmed = get(
        &fx.app,
        "/api/search?q=&sort=published&facets=organization,location&facet_size=1&snippets=false",
    )
    .await
    .json();
    let names: BTreeSet<&str> = trimmed["facets"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(names, BTreeSet::from(["organization", "location"]));
    assert_eq!(trimmed["total"], full["total"]);
    for facet in ["organization", "location"] {
        let list = trimmed["facets"][facet].as_array().unwrap();
        assert_eq!(list.len(), 1, "{facet}: {list:?}");
        assert_eq!(list[0], full["facets"][facet][0], "{facet}");
    }
    for hit in trimmed["hits"].as_array().unwrap() {
        assert_eq!(hit["snippet"], "", "{hit}");
    }
    assert_eq!(
        ids(&get(&fx.app, "/api/search?q=&sort=published&snippets=false").await),
        ids(&get(&fx.app, "/api/search?q=&sort=published").await)
    );
    let none = get(&fx.app, "/api/search?q=malware&facets=none")
        .await
        .json();
    assert!(none["facets"].as_object().unwrap().is_empty(), "{none}");
    assert!(none["total"].as_u64().unwrap() > 0);

    for bad in [
        "facets=grades",
        "facet_size=0",
        "facet_size=1001",
        "snippets=maybe",
    ] {
        let r = get(&fx.app, &format!("/api/search?q=a&{bad}")).await;
        let message = assert_error(&r, StatusCode::BAD_REQUEST, "invalid_parameter");
        let name = bad.split('=').next().unwrap();
        assert!(message.contains(name), "{bad}: {message}");
    }
}

/// `fields` keeps only the named properties of each hit, in their usual order, `id` always;
/// the hits, their order and scores are those of the full request (`fields=id,score` reads
/// the ids from a column instead of the stored postings).
#[tokio::test]
async fn fields_keeps_only_the_named_hit_properties() {
    let fx = fixture();
    for q in [
        "q=project+management",
        "q=&sort=published",
        "q=comp%C3%A9tences&lang=fr",
    ] {
        let full = get(&fx.app, &format!("/api/search?{q}")).await.json();
        let full_hits = full["hits"].as_array().unwrap();
        assert!(!full_hits.is_empty(), "{q}");
        for (fields, keys) in [
            ("id", vec!["id"]),
            ("id,score", vec!["id", "score"]),
            ("score", vec!["id", "score"]),
            (
                "grade,title,snippet",
                vec!["id", "title", "grade", "snippet"],
            ),
            ("skills,closing", vec!["id", "closing", "skills"]),
        ] {
            let trimmed = get(&fx.app, &format!("/api/search?{q}&fields={fields}"))
                .await
                .json();
            assert_eq!(trimmed["total"], full["total"], "{q} {fields}");
            assert_eq!(trimmed["facets"], full["facets"], "{q} {fields}");
            let hits = trimmed["hits"].as_array().unwrap();
            assert_eq!(hits.len(), full_hits.len(), "{q} {fields}");
            for (hit, whole) in hits.iter().zip(full_hits) {
                let shown: BTreeSet<&str> = hit
                    .as_object()
                    .unwrap()
                    .keys()
                    .map(String::as_str)
                    .collect();
                assert_eq!(
                    shown,
                    BTreeSet::from_iter(keys.iter().copied()),
                    "{q} {fields}"
                );
                for key in keys.iter() {
                    assert_eq!(hit[*key], whole[*key], "{q} fields={fields}: {key}");
                }
            }
        }
    }
    let all = "id,title,organization,grade,unit,department,duty_station,country,region,\
               subregion,contract_type,language,published,closing,score,snippet,skills,occupation";
    let mut every = get(&fx.app, &format!("/api/search?q=project&fields={all}"))
        .await
        .json();
    let mut whole = get(&fx.app, "/api/search?q=project").await.json();
    every["took_ms"] = 0.into();
    whole["took_ms"] = 0.into();
    assert_eq!(every, whole);
    for bad in ["fields=body", "fields=id,titel"] {
        let r = get(&fx.app, &format!("/api/search?q=a&{bad}")).await;
        let message = assert_error(&r, StatusCode::BAD_REQUEST, "invalid_parameter");
        assert!(message.contains("fields"), "{bad}: {message}");
    }
}

/// Beyond the requests in flight, requests queue and are answered in turn; only those that
/// could not start within the queue's deadline, or that find the queue full, get 503
/// `overloaded` with `Retry-After`.
#[tokio::test]
async fn a_burst_queues_instead_of_being_refused() {
    let busy = || {
        Router::new().route(
            "/busy",
            get_route(|| async {
                tokio::time::sleep(Duration::from_millis(100)).await;
                "done"
            }),
        )
    };
    let queued = with_middleware(
        busy(),
        AppState::new(Settings {
            max_concurrent: 1,
            max_queued: 8,
            queue_timeout: Duration::from_secs(5),
            ..Settings::default()
        }),
    );
    let (r1, r2, r3, r4) = tokio::join!(
        get(&queued, "/busy"),
        get(&queued, "/busy"),
        get(&queued, "/busy"),
        get(&queued, "/busy")
    );
    let replies = [r1, r2, r3, r4];
    for r in &replies {
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&r.body)
        );
    }

    // A short deadline: the request behind a slow one is refused once it has waited.
    let impatient = with_middleware(
        busy(),
        AppState::new(Settings {
            max_concurrent: 1,
            max_queued: 8,
            queue_timeout: Duration::from_millis(20),
            ..Settings::default()
        }),
    );
    let (a, b) = tokio::join!(get(&impatient, "/busy"), async {
        tokio::time::sleep(Duration::from_millis(10)).await;
        get(&impatient, "/busy").await
    });
    assert_eq!(a.status, StatusCode::OK);
    assert_error(&b, StatusCode::SERVICE_UNAVAILABLE, "overloaded");
    assert_eq!(b.header("retry-after"), Some("1"));

    // A full queue refuses at once.
    let full = with_middleware(
        busy(),
        AppState::new(Settings {
            max_concurrent: 1,
            max_queued: 1,
            queue_timeout: Duration::from_secs(5),
            ..Settings::default()
        }),
    );
    let (a, b, c) = tokio::join!(
        get(&full, "/busy"),
        async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            get(&full, "/busy").await
        },
        async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let started = std::time::Instant::now();
            (get(&full, "/busy").await, started.elapsed())
        }
    );
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(b.status, StatusCode::OK, "queued behind the first");
    assert_error(&c.0, StatusCode::SERVICE_UNAVAILABLE, "overloaded");
    assert!(
        c.1 < Duration::from_millis(90),
        "refused at once, not after waiting: {:?}",
        c.1
    );
}
