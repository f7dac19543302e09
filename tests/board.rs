//! What job seekers and crawlers read besides the search (issue #17): Atom feeds of searches
//! with conditional GET, similar postings, a page per posting with schema.org data, its
//! closing date as iCalendar, the sitemap and robots.txt.
//!
//! Feeds, calendars and pages are also read with real parsers (Debian's python3-feedparser,
//! python3-icalendar and python3-html5lib through `/usr/bin/python3`, see
//! tests/python/published.py). Without them those checks say so and pass, except under CI
//! (`CI` set), where `.ci/run` installs them and a missing one fails the test.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{day, send, Reply};
use serde_json::Value;
use tempfile::TempDir;
use vacancy_search::indexer::Indexer;
use vacancy_search::render::posting_path;
use vacancy_search::search::Engine;
use vacancy_search::server::{router, AppState, Settings};
use vacancy_search::Posting;

/// The `Host` every request is sent with.
const HOST: &str = "jobs.test:8080";
const BASE: &str = "http://jobs.test:8080";
/// A notice of the bundled corpus, and its near-duplicate (see corpus/README.md).
const TUNIS: &str = "130412";
const RABAT: &str = "131877";

/// The bundled corpus, indexed once for the whole file.
fn corpus() -> &'static (TempDir, AppState) {
    static CORPUS: OnceLock<(TempDir, AppState)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        common::index_corpus(dir.path());
        let engine = Engine::open_manual(dir.path()).unwrap();
        let state = AppState::with_engine(engine, Settings::default());
        (dir, state)
    })
}

fn app() -> axum::Router {
    router(corpus().1.clone())
}

async fn get(app: &axum::Router, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(uri).header("host", HOST);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

/// What tests/python/published.py says about `body` read as `kind`; `None` when a parser
/// is not installed (outside CI).
fn python(kind: &str, body: &[u8]) -> Option<Value> {
    let python = PathBuf::from("/usr/bin/python3");
    let missing = |what: &str| {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what}: .ci/run installs it (apt-get install python3-feedparser python3-icalendar python3-html5lib)"
        );
        println!("{kind} check skipped: {what}");
        None
    };
    if !python.is_file() {
        return missing("no /usr/bin/python3");
    }
    let dir = TempDir::new().unwrap();
    let file = dir.path().join(format!("document.{kind}"));
    std::fs::write(&file, body).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/python/published.py");
    let out = Command::new(python)
        .arg(script)
        .arg(kind)
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => Some(serde_json::from_slice(&out.stdout).unwrap()),
        Some(2) => missing(stderr.trim()),
        _ => panic!(
            "{kind} check failed: {stderr}\n{}",
            String::from_utf8_lossy(body)
        ),
    }
}

fn ids(hits: &Value) -> Vec<String> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The posting id in a posting page's address.
fn id_of_page(url: &str) -> String {
    let path = url
        .strip_prefix(&format!("{BASE}/postings/"))
        .unwrap_or_else(|| panic!("{url} is not a posting page"));
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

// -- similar postings

#[tokio::test]
async fn similar_puts_the_near_duplicate_first_and_never_the_posting_itself() {
    let app = app();
    for (id, twin) in [(TUNIS, RABAT), (RABAT, TUNIS)] {
        let r = get(
            &app,
            &format!("/api/postings/{id}/similar?per_page=10"),
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
        let body = r.json();
        assert_eq!(body["id"], id);
        let found = ids(&body["hits"]);
        assert_eq!(found.len(), 10);
        assert_eq!(
            found[0], twin,
            "{id}'s near-duplicate comes first: {found:?}"
        );
    }

    // Every posting of the corpus: never itself, no repeats, same language before others,
    // closed ones last.
    let all = common::stored_postings(corpus().0.path());
    assert!(all.len() > 90);
    for posting in &all {
        let r = get(
            &app,
            &format!(
                "{}/similar?per_page=20",
                posting_path(&posting.id).replace("/postings/", "/api/postings/")
            ),
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", posting.id);
        let hits = r.json()["hits"].as_array().unwrap().clone();
        let found: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
        assert!(
            !found.contains(&posting.id.as_str()),
            "{} lists itself",
            posting.id
        );
        assert_eq!(
            found.iter().collect::<HashSet<_>>().len(),
            found.len(),
            "{found:?}"
        );
        let closed = |h: &Value| {
            h["closing"]
                .as_str()
                .is_some_and(|d| d < today().to_string().as_str())
        };
        let keys: Vec<(bool, bool)> = hits
            .iter()
            .map(|h| (closed(h), h["language"] != posting.language.as_str()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(
            keys, sorted,
            "order of {}'s neighbours: {found:?}",
            posting.id
        );
    }

    // open=true leaves closed postings out.
    let r = get(
        &app,
        &format!("/api/postings/{TUNIS}/similar?per_page=100&open=true"),
        &[],
    )
    .await;
    let hits = r.json()["hits"].as_array().unwrap().clone();
    assert!(!hits.is_empty());
    for hit in &hits {
        if let Some(closing) = hit["closing"].as_str() {
            assert!(closing >= today().to_string().as_str(), "{hit}");
        }
    }
}

#[tokio::test]
async fn similar_refuses_bad_requests() {
    let app = app();
    for (uri, status) in [
        ("/api/postings/no-such-id/similar", StatusCode::NOT_FOUND),
        (
            "/api/postings/130412/similar?per_page=0",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/postings/130412/similar?per_page=101",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/postings/130412/similar?per_page=x",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/postings/130412/similar?open=maybe",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/postings/130412/similar?q=water",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/postings/130412/similar?open=true&open=true",
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let r = get(&app, uri, &[]).await;
        assert_eq!(r.status, status, "{uri}: {}", r.text());
        assert!(r.json()["error"]["message"].is_string());
    }
    let r = get(&app, "/api/postings/130412/similar", &[]).await;
    assert_eq!(
        r.json()["hits"].as_array().unwrap().len(),
        5,
        "five by default"
    );
}

// -- Atom feeds

#[tokio::test]
async fn the_feed_is_the_searchs_first_page_newest_first() {
    let app = app();
    for query in [
        "q=%C3%A9valuation&open=true",
        "open=true",
        "q=health&grade=P4",
        "q=formation&sort=relevance&per_page=5",
    ] {
        let r = get(&app, &format!("/api/search.atom?{query}"), &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(
            r.header("content-type"),
            Some("application/atom+xml; charset=utf-8")
        );
        let sort = if query.contains("sort=") {
            ""
        } else {
            "&sort=published"
        };
        let api = get(&app, &format!("/api/search?{query}{sort}"), &[])
            .await
            .json();
        let expected = ids(&api["hits"]);
        assert!(!expected.is_empty(), "{query} finds postings");
        if sort.is_empty() {
            // Relevance: the feed keeps the search's order.
        } else {
            let dates: Vec<&str> = api["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["published"].as_str().unwrap_or(""))
                .collect();
            let mut newest_first = dates.clone();
            newest_first.sort_by(|a, b| b.cmp(a));
            assert_eq!(dates, newest_first);
        }
        let text = r.text();
        for id in &expected {
            let link = format!("href=\"{BASE}/postings/{}\"", id);
            assert!(text.contains(&link), "{link} in the feed");
        }
        let Some(parsed) = python("atom", &r.body) else {
            continue;
        };
        assert_eq!(parsed["version"], "atom10");
        let entries = parsed["entries"].as_array().unwrap();
        let linked: Vec<String> = entries
            .iter()
            .map(|e| id_of_page(e["link"].as_str().unwrap()))
            .collect();
        assert_eq!(
            linked, expected,
            "{query}: the feed holds the first page in order"
        );
        for (entry, hit) in entries.iter().zip(api["hits"].as_array().unwrap()) {
            assert_eq!(entry["title"], hit["title"]);
            let published = hit["published"].as_str().unwrap();
            assert_eq!(entry["updated"], format!("{published}T00:00:00Z"));
            assert!(entry["id"].as_str().unwrap().starts_with("urn:uuid:"));
            let summary = entry["summary"].as_str().unwrap();
            if let Some(closing) = hit["closing"].as_str() {
                assert!(summary.contains(&format!("closes {closing}")), "{summary}");
            }
        }
        assert_eq!(
            parsed["self"][0].as_str().unwrap(),
            format!("{BASE}/api/search.atom?{query}")
        );
    }
}

#[tokio::test]
async fn entry_ids_are_stable_across_searches_and_hosts() {
    let app = app();
    let a = get(&app, "/api/search.atom?q=nutrition", &[]).await.text();
    let other_host = send(
        &app,
        Request::get("/api/search.atom?q=nutrition&open=true")
            .header("host", "other.example:1")
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .text();
    let entry_ids = |xml: &str| -> BTreeSet<String> {
        xml.split("<entry><id>")
            .skip(1)
            .map(|s| s.split('<').next().unwrap().to_owned())
            .collect()
    };
    let (a, b) = (entry_ids(&a), entry_ids(&other_host));
    assert!(!b.is_empty());
    assert!(
        b.is_subset(&a),
        "the same posting has the same entry id: {a:?} {b:?}"
    );
}

#[tokio::test]
async fn a_conditional_repeat_answers_304_until_the_index_changes() {
    let dir = TempDir::new().unwrap();
    let postings = common::postings();
    common::write_index(dir.path(), &postings);
    let engine = Arc::new(Engine::open_manual(dir.path()).unwrap());
    let app = router(AppState::with_engine(engine.clone(), Settings::default()));
    let uri = "/api/search.atom?q=programme&open=true";

    let first = get(&app, uri, &[]).await;
    assert_eq!(first.status, StatusCode::OK);
    let etag = first.header("etag").unwrap().to_owned();
    let modified = first.header("last-modified").unwrap().to_owned();

    let again = get(&app, uri, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    let weak = format!("W/{etag}");
    let listed = format!("\"other\", {etag}");
    for tags in [weak.as_str(), listed.as_str(), "*"] {
        let r = get(&app, uri, &[("if-none-match", tags)]).await;
        assert_eq!(r.status, StatusCode::NOT_MODIFIED, "{tags}");
    }
    let since = get(&app, uri, &[("if-modified-since", &modified)]).await;
    assert_eq!(since.status, StatusCode::NOT_MODIFIED);

    // Another search, another tag; a stale tag or date gets the feed.
    let other = get(&app, "/api/search.atom?q=programme", &[]).await;
    assert_ne!(other.header("etag"), Some(etag.as_str()));
    let stale = get(&app, uri, &[("if-none-match", "\"stale\"")]).await;
    assert_eq!(stale.status, StatusCode::OK);
    assert_eq!(stale.body, first.body);
    let old = get(
        &app,
        uri,
        &[("if-modified-since", "Mon, 01 Jan 2001 00:00:00 GMT")],
    )
    .await;
    assert_eq!(old.status, StatusCode::OK);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    let both = get(
        &app,
        uri,
        &[
            ("if-none-match", "\"stale\""),
            ("if-modified-since", &modified),
        ],
    )
    .await;
    assert_eq!(both.status, StatusCode::OK);

    // A new posting: the same conditional request now gets the new feed.
    let mut indexer = Indexer::open(dir.path()).unwrap();
    indexer
        .upsert(&Posting {
            id: "new-programme".into(),
            title: Some("Programme Analyst".into()),
            language: "en".into(),
            published: Some(day(2099, 1, 1)),
            body: "A programme analyst for the water programme.".into(),
            ..Posting::default()
        })
        .unwrap();
    indexer.finish().unwrap();
    engine.reload().unwrap();
    let changed = get(&app, uri, &[("if-none-match", &etag)]).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
    assert!(changed.text().contains("new-programme"));
}

#[tokio::test]
async fn hostile_titles_are_escaped_in_feeds_and_pages() {
    let dir = TempDir::new().unwrap();
    let hostile = "</title><script>alert('x')</script>]]><![CDATA[ & \u{1}\u{1b}[31m Officer";
    let posting = Posting {
        id: "evil\"<id>".into(),
        title: Some(hostile.into()),
        organization: Some("<b>Org</b> & co".into()),
        language: "en".into(),
        published: Some(day(2026, 5, 1)),
        closing: Some(day(2099, 1, 1)),
        link: Some("javascript:alert(1)".into()),
        body: "Officer </script><!-- body & more".into(),
        ..Posting::default()
    };
    common::write_index(dir.path(), std::slice::from_ref(&posting));
    let engine = Engine::open_manual(dir.path()).unwrap();
    let app = router(AppState::with_engine(engine, Settings::default()));

    let feed = get(&app, "/api/search.atom?q=officer", &[]).await;
    assert_eq!(feed.status, StatusCode::OK);
    let xml = feed.text();
    assert!(!xml.contains("<script>") && !xml.contains("<b>"), "{xml}");
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{1b}'));
    if let Some(parsed) = python("atom", &feed.body) {
        let entry = &parsed["entries"][0];
        let clean: String = hostile.chars().filter(|c| !c.is_control()).collect();
        assert_eq!(entry["title"], clean.as_str());
        assert_eq!(id_of_page(entry["link"].as_str().unwrap()), posting.id);
    }

    let page = get(&app, "/postings/evil%22%3Cid%3E", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<b>Org"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert_eq!(html.matches("</script>").count(), 1, "{html}");
    if let Some(parsed) = python("html", &page.body) {
        let data = &parsed["jsonld"][0];
        assert_eq!(data["hiringOrganization"]["name"], "<b>Org</b> & co");
        assert_eq!(data["description"], posting.body.as_str());
    }
}

// -- posting pages

#[tokio::test]
async fn a_posting_page_with_job_posting_data() {
    let app = app();
    let r = get(&app, &format!("/postings/{TUNIS}"), &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(r.header("content-security-policy").is_some());
    let html = r.text();
    assert!(
        html.starts_with("<!DOCTYPE html><html lang=\"fr\">"),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}/postings/{TUNIS}\">"
    )));
    assert_eq!(html.matches("data-testid=\"similar\"").count(), 5);
    assert!(
        html.contains(&format!("data-id=\"{RABAT}\"")),
        "the near-duplicate is similar"
    );
    assert!(
        html.contains("Tâches et principales responsabilités"),
        "the full text"
    );
    assert!(html.contains(&format!("href=\"{BASE}/postings/{TUNIS}.ics\"")));

    let data: Value = {
        let start = html.find("<script type=\"application/ld+json\">").unwrap();
        let rest = &html[start..];
        let json = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
        serde_json::from_str(json).unwrap()
    };
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["@type"], "JobPosting");
    assert_eq!(
        data["title"],
        "Spécialiste de la formation professionnelle et du développement des compétences"
    );
    assert_eq!(data["datePosted"], "2026-03-12");
    assert_eq!(data["validThrough"], "2027-04-30");
    assert_eq!(data["hiringOrganization"]["@type"], "Organization");
    assert_eq!(
        data["hiringOrganization"]["name"],
        "ILO - International Labour Organization"
    );
    assert_eq!(data["jobLocation"]["@type"], "Place");
    assert_eq!(data["jobLocation"]["address"]["addressLocality"], "Tunis");
    assert_eq!(data["jobLocation"]["address"]["addressCountry"], "TN");
    assert_eq!(data["employmentType"], "FULL_TIME");
    assert_eq!(data["identifier"]["value"], "TUN/DC/P/2026/07");
    assert_eq!(data["url"], format!("{BASE}/postings/{TUNIS}"));
    assert!(data["description"]
        .as_str()
        .unwrap()
        .contains("formation professionnelle"));

    if let Some(parsed) = python("html", &r.body) {
        assert_eq!(parsed["lang"], "fr");
        assert_eq!(parsed["canonical"][0], format!("{BASE}/postings/{TUNIS}"));
        assert_eq!(parsed["jsonld"][0], data);
        assert!(parsed["og"]["og:title"]
            .as_str()
            .unwrap()
            .starts_with("Spécialiste"));
        assert!(!parsed["og"]["og:description"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn every_corpus_posting_has_a_valid_page() {
    let app = app();
    let all = common::stored_postings(corpus().0.path());
    for posting in all.iter().step_by(7) {
        let r = get(&app, &posting_path(&posting.id), &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", posting.id);
        if let Some(parsed) = python("html", &r.body) {
            let data = &parsed["jsonld"][0];
            assert_eq!(data["@type"], "JobPosting", "{}", posting.id);
            assert_eq!(parsed["lang"], posting.language.as_str());
        }
    }
    let missing = get(&app, "/postings/no-such-posting", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.json()["error"]["message"].is_string());
}

// -- calendars

#[tokio::test]
async fn the_closing_date_as_an_all_day_event() {
    let app = app();
    let r = get(&app, &format!("/postings/{TUNIS}.ics"), &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let ics = r.text();
    // RFC 5545 by hand: CRLF, folded lines, required properties.
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains(['\r', '\n']));
    assert!(ics.split("\r\n").all(|l| l.len() <= 75));
    let unfolded = ics.replace("\r\n ", "");
    for property in [
        "VERSION:2.0\r\n",
        "PRODID:",
        "UID:",
        "DTSTAMP:",
        "DTSTART;VALUE=DATE:20270430\r\n",
        "DTEND;VALUE=DATE:20270501\r\n",
    ] {
        assert_eq!(unfolded.matches(property).count(), 1, "{property} once");
    }
    assert!(unfolded.contains(&format!("URL:{BASE}/postings/{TUNIS}\r\n")));
    if let Some(parsed) = python("ics", &r.body) {
        assert_eq!(parsed["start"], "2027-04-30");
        assert_eq!(parsed["end"], "2027-05-01");
        assert_eq!(parsed["start_is_date"], true);
        assert_eq!(parsed["url"], format!("{BASE}/postings/{TUNIS}"));
        assert!(parsed["summary"]
            .as_str()
            .unwrap()
            .contains("Spécialiste de la formation professionnelle"));
    }
    // The same UID every time.
    let again = get(&app, &format!("/postings/{TUNIS}.ics"), &[])
        .await
        .text();
    let uid = |s: &str| {
        s.lines()
            .find(|l| l.starts_with("UID:"))
            .unwrap()
            .to_owned()
    };
    assert_eq!(uid(&again), uid(&ics));

    let none = get(&app, "/postings/no-such.ics", &[]).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}

// -- sitemap and robots.txt

async fn sitemap_ids(app: &axum::Router, settings_split: bool) -> Vec<String> {
    let r = get(app, "/sitemap.xml", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    let Some(parsed) = python("sitemap", &r.body) else {
        return Vec::new();
    };
    let locs = |v: &Value| -> Vec<String> {
        v["locs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_owned())
            .collect()
    };
    if !settings_split {
        assert_eq!(parsed["kind"], "urlset");
        return locs(&parsed).iter().map(|l| id_of_page(l)).collect();
    }
    assert_eq!(parsed["kind"], "sitemapindex");
    let mut out = Vec::new();
    for (n, file) in locs(&parsed).iter().enumerate() {
        assert_eq!(file, &format!("{BASE}/sitemaps/{}.xml", n + 1));
        let part = get(app, file.strip_prefix(BASE).unwrap(), &[]).await;
        assert_eq!(part.status, StatusCode::OK);
        let part = python("sitemap", &part.body).unwrap();
        assert_eq!(part["kind"], "urlset");
        let locs = locs(&part);
        assert!(locs.len() <= 10);
        out.extend(locs.iter().map(|l| id_of_page(l)));
    }
    out
}

/// Every open posting of the corpus, from the search API.
async fn open_ids(app: &axum::Router) -> Vec<String> {
    let api = get(app, "/api/search?open=true&per_page=100", &[])
        .await
        .json();
    assert!(api["total"].as_u64().unwrap() < 100);
    ids(&api["hits"])
}

#[tokio::test]
async fn the_sitemap_lists_every_open_posting_once() {
    let app = app();
    let listed = sitemap_ids(&app, false).await;
    if listed.is_empty() {
        return; // no python: checked under CI
    }
    let open = open_ids(&app).await;
    assert_eq!(listed.len(), open.len(), "once each");
    assert_eq!(
        listed.iter().collect::<BTreeSet<_>>(),
        open.iter().collect::<BTreeSet<_>>()
    );

    let robots = get(&app, "/robots.txt", &[]).await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots
        .text()
        .contains(&format!("Sitemap: {BASE}/sitemap.xml\n")));
}

#[tokio::test]
async fn a_sitemap_past_its_limit_becomes_an_index_of_files() {
    let state = AppState::with_engine(
        Engine::open_manual(corpus().0.path()).unwrap(),
        Settings {
            sitemap_urls: 10,
            ..Settings::default()
        },
    );
    let app = router(state);
    let listed = sitemap_ids(&app, true).await;
    if listed.is_empty() {
        return;
    }
    let open = open_ids(&app).await;
    assert!(open.len() > 20, "several files");
    assert_eq!(listed.len(), open.len(), "once each");
    assert_eq!(
        listed.iter().collect::<BTreeSet<_>>(),
        open.iter().collect::<BTreeSet<_>>()
    );
    let beyond = get(&app, &format!("/sitemaps/{}.xml", open.len() / 10 + 2), &[]).await;
    assert_eq!(beyond.status, StatusCode::NOT_FOUND);
    for bad in ["/sitemaps/0.xml", "/sitemaps/x.xml", "/sitemaps/1"] {
        assert_eq!(
            get(&app, bad, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn a_configured_public_url_wins_over_the_host() {
    let state = AppState::with_engine(
        Engine::open_manual(corpus().0.path()).unwrap(),
        Settings {
            public_url: Some(
                vacancy_search::render::Site::new("https://jobs.example.org/").unwrap(),
            ),
            ..Settings::default()
        },
    );
    let app = router(state);
    let robots = get(&app, "/robots.txt", &[]).await.text();
    assert!(robots.contains("Sitemap: https://jobs.example.org/sitemap.xml"));
    // Without a public URL, a Host that is not a plain host name is refused.
    let r = send(
        &self::app(),
        Request::get("/robots.txt")
            .header("host", "evil\"><x>")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}
