//! `/analytics` over HTTP (issue #18): the page and its charts answer with the numbers of
//! `/api/stats`, in three languages, with links that narrow the search; bad parameters are
//! 4xx JSON errors. The browser test (tests/browser.rs) drives the same page in Chromium.

mod common;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use common::{fixture, get};

/// `(value, count)` of the elements of `html` that have `attribute="..."` then
/// `data-count="..."` (the order the renderer writes them in).
fn linked_counts(html: &str, class: &str, attribute: &str) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for part in html.split(&format!("class=\"{class}\"")).skip(1) {
        let value = part
            .split_once(&format!("{attribute}=\""))
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(v, _)| v.to_owned());
        let count = part
            .split_once("data-count=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(c, _)| c.parse::<u64>().unwrap());
        if let (Some(v), Some(c)) = (value, count) {
            out.insert(v, c);
        }
    }
    out
}

#[tokio::test]
async fn the_page_shows_the_numbers_of_stats() {
    let fx = fixture();
    let reply = get(&fx.app, "/analytics?open=false&language=en&lang=en").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(reply
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'self'"));
    let html = reply.text();
    let stats = get(&fx.app, "/api/stats?by=country&language=en")
        .await
        .json();
    let total = stats["total"].as_u64().unwrap();
    assert!(
        html.contains(&format!("data-total=\"{total}\"")),
        "total {total}"
    );
    let expected: BTreeMap<String, u64> = stats["counts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| Some((c["values"][0].as_str()?.to_owned(), c["count"].as_u64()?)))
        .collect();
    let map = linked_counts(&html, "country", "data-country");
    assert!(!map.is_empty());
    for (country, count) in &map {
        assert_eq!(expected.get(country), Some(count), "{country}");
    }
    // Every country link narrows the page and keeps its parameters.
    let (country, _) = map.iter().next().unwrap();
    assert!(html.contains(&format!(
        "href=\"/analytics?open=false&amp;language=en&amp;country={country}&amp;lang=en\""
    )));
    // The trend lines, the cross-tabs and the top lists are there with their downloads.
    for id in [
        "map",
        "published",
        "closing",
        "region-grade",
        "organization-contract_type",
        "top-organization",
        "top-skill",
    ] {
        assert!(html.contains(&format!("id=\"chart-{id}\"")), "{id}");
        assert!(html.contains(&format!("/analytics/{id}.svg?")), "{id}");
    }
    assert!(html.contains("/api/stats.csv?by=region%2Cgrade&amp;language=en"));
    let cells = linked_counts(&html, "cell", "data-row");
    assert!(!cells.is_empty(), "the cross-tab has linked cells");
}

#[tokio::test]
async fn the_page_defaults_to_open_vacancies_like_the_search_page() {
    let fx = fixture();
    let open = get(&fx.app, "/api/stats?by=grade&open=true").await.json();
    let html = get(&fx.app, "/analytics").await.text();
    assert!(html.contains(&format!("data-total=\"{}\"", open["total"])));
    let all = get(&fx.app, "/api/stats?by=grade").await.json();
    let html = get(&fx.app, "/analytics?open=false").await.text();
    assert!(html.contains(&format!("data-total=\"{}\"", all["total"])));
    assert_ne!(
        open["total"], all["total"],
        "the fixture has closed postings"
    );
}

#[tokio::test]
async fn the_page_speaks_english_french_and_spanish() {
    let fx = fixture();
    for (lang, title) in [
        ("en", "Vacancy analytics"),
        ("fr", "Analyse des offres"),
        ("es", "Análisis de vacantes"),
    ] {
        let html = get(&fx.app, &format!("/analytics?lang={lang}"))
            .await
            .text();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{lang}");
        assert!(html.contains(&format!("<h1>{title}</h1>")), "{lang}");
    }
}

#[tokio::test]
async fn each_chart_downloads_as_svg() {
    let fx = fixture();
    let reply = get(&fx.app, "/analytics/region-grade.svg?open=false").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("image/svg+xml"));
    let svg = reply.text();
    assert!(svg.starts_with("<?xml"));
    assert!(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let trend = get(&fx.app, "/analytics/published.svg?open=false&trend=grade").await;
    assert_eq!(trend.status, StatusCode::OK);
    assert!(
        trend.text().contains("<polyline"),
        "plotters draws the lines"
    );
    let css = get(&fx.app, "/analytics/analytics.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
}

#[tokio::test]
async fn bad_requests_are_json_errors() {
    let fx = fixture();
    for (uri, status) in [
        ("/analytics/pie.svg", StatusCode::NOT_FOUND),
        (
            "/analytics?published_after=yesterday",
            StatusCode::BAD_REQUEST,
        ),
        ("/analytics?organisation=UNICEF", StatusCode::BAD_REQUEST),
        ("/analytics/map.svg?open=maybe", StatusCode::BAD_REQUEST),
    ] {
        let reply = get(&fx.app, uri).await;
        let text: String = reply.text().chars().take(300).collect();
        assert_eq!(reply.status, status, "{uri}: {text}");
        assert!(reply.json()["error"]["code"].is_string(), "{uri}");
    }
}

#[test]
fn every_chart_equals_the_stats_call_behind_it() {
    use vacancy_search::search::{
        FacetField, SearchRequest, CROSS_TABS, TOP_LISTS, TREND_FACETS, TREND_SERIES,
    };
    let fx = fixture();
    let requests = [
        SearchRequest::default(),
        SearchRequest::default().filter(FacetField::Language, "fr"),
        SearchRequest::default()
            .filter(FacetField::Grade, "P3")
            .filter(FacetField::Grade, "P4"),
        SearchRequest::new("programme"),
    ];
    for request in &requests {
        for trend in TREND_FACETS {
            let d = fx.engine.dashboard(request, trend).unwrap();
            let stats = |by: &[FacetField]| fx.engine.stats(request, by).unwrap();
            assert_eq!(d.countries, stats(&[FacetField::Country]), "{request:?}");
            for (i, by) in CROSS_TABS.iter().enumerate() {
                assert_eq!(d.cross_tabs[i], stats(by), "{by:?} {request:?}");
            }
            for (i, facet) in TOP_LISTS.iter().enumerate() {
                assert_eq!(d.tops[i], stats(&[*facet]), "{facet:?} {request:?}");
            }
            let expected = fx
                .engine
                .stats_with_series(request, trend, TREND_SERIES)
                .unwrap();
            assert_eq!(d.trend, expected, "{trend:?} {request:?}");
        }
    }
}

#[tokio::test]
async fn openapi_describes_the_page_and_the_new_parameters() {
    let fx = fixture();
    let doc = get(&fx.app, "/api/openapi.json").await.json();
    let paths = &doc["paths"];
    for route in ["/analytics", "/analytics/{file}", "/api/stats.csv"] {
        assert!(paths[route]["get"].is_object(), "{route} missing");
    }
    let names = |route: &str| -> Vec<String> {
        paths[route]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(names("/api/stats").contains(&"series".to_owned()));
    assert!(names("/api/stats.csv").contains(&"series".to_owned()));
    for name in ["lang", "trend", "open", "q"] {
        assert!(names("/analytics").contains(&name.to_owned()), "{name}");
    }
    assert!(doc["components"]["schemas"]["StatsSeries"].is_object());
}
