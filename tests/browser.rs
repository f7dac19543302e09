//! End-to-end tests of the search page in headless Chromium, driven through chromedriver.
//!
//! One server (over an index of the bundled `corpus/`) and one browser session serve every
//! step, run in sequence by a single test to keep the run short. Without `chromium` and
//! `chromedriver` the test says so and passes, except under `CI=true`, where it fails.
//!
//! Screenshots of the main states are written to `target/screenshots/`, or to
//! `docs/screenshots/` when `VACANCY_SCREENSHOTS=docs` is set (to refresh the committed ones).

mod common;

use std::future::Future;
use std::net::{SocketAddr, TcpListener as StdListener, TcpStream as StdStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bytes::Bytes;
use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use tokio::sync::oneshot;
use vacancy_search::server::{serve, AppState, Settings};

/// Longest wait for the page to reach an expected state.
const WAIT: Duration = Duration::from_secs(15);
/// A French word of several corpus postings (some open, some closed).
const QUERY: &str = "évaluation";

// -- finding the programs

/// `name` on `PATH`, or `None`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// The Chromium binary: `/usr/bin/chromium` (Debian), else `chromium` on `PATH`.
fn chromium() -> Option<PathBuf> {
    let debian = PathBuf::from("/usr/bin/chromium");
    if debian.is_file() {
        return Some(debian);
    }
    on_path("chromium")
}

// -- chromedriver

/// A chromedriver process on a local port, killed (with its process group) on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(program: &Path) -> Driver {
        let port = free_port();
        let mut command = Command::new(program);
        command
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // Its own process group, so that drop can end the browsers it starts too.
            command.process_group(0);
        }
        let child = command.spawn().expect("chromedriver starts");
        let driver = Driver { child, port };
        let deadline = Instant::now() + WAIT;
        while StdStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not answer on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            // Negative pid: the whole process group (chromedriver and any browser left over).
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let listener = StdListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

async fn new_session(driver: &Driver, chromium: &Path, profile: &Path) -> Client {
    // On a loaded machine Chromium may start too slowly for chromedriver, which then refuses
    // the session: a test of the page, not of the machine, tries again (with a profile of its
    // own, in case the refused browser still holds the last one) before failing.
    let mut refusals = Vec::new();
    for attempt in 0..SESSION_ATTEMPTS {
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,900",
        ]
        .iter()
        .map(|a| a.to_string())
        .chain([format!(
            "--user-data-dir={}",
            profile.join(format!("attempt-{attempt}")).display()
        )])
        .collect::<Vec<_>>();
        let capabilities = json!({
            "goog:chromeOptions": { "binary": chromium.display().to_string(), "args": args }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
        {
            Ok(client) => return client,
            Err(refused) => {
                refusals.push(refused.to_string());
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
    panic!("chromedriver refused every session: {refusals:#?}");
}

/// Sessions asked of chromedriver before the test fails.
const SESSION_ATTEMPTS: usize = 3;

// -- the page under test

/// What every step uses: the browser, the server's address and an HTTP client for the API.
struct Ctx {
    client: Client,
    base: String,
    http: hyper_util::client::legacy::Client<HttpConnector, Empty<Bytes>>,
    shots: PathBuf,
}

impl Ctx {
    /// `GET path` on the server under test, as JSON, with its status.
    async fn api(&self, path: &str) -> (u16, Value) {
        let uri: hyper::Uri = format!("{}{path}", self.base).parse().unwrap();
        // As the page does in English: its interface language goes as `lang` (each step's path
        // names the page's) and as Accept-Language.
        let request = hyper::Request::get(uri)
            .header("accept-language", "en")
            .body(Empty::<Bytes>::new())
            .unwrap();
        let response = self.http.request(request).await.expect("the API answers");
        let status = response.status().as_u16();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&body).expect("a JSON answer"),
        )
    }

    /// Runs `script` (a function body) in the page and returns its value.
    async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits until the expression `condition` is true in the page.
    async fn wait_until(&self, what: &str, condition: &str) {
        let script = format!("return !!({condition});");
        let deadline = Instant::now() + WAIT;
        loop {
            if self.js(&script).await == Value::Bool(true) {
                return;
            }
            if Instant::now() > deadline {
                let url = self.client.current_url().await.map(|u| u.to_string());
                panic!("timed out waiting for {what} ({condition}); page at {url:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the search for the current URL has been answered and drawn.
    async fn wait_settled(&self, what: &str) {
        self.wait_until(
            what,
            "document.readyState === 'complete' && !document.getElementById('main').hasAttribute('aria-busy') \
             && (document.getElementById('result-count').dataset.total !== undefined \
                 || !document.getElementById('error').hidden)",
        )
        .await;
    }

    async fn goto(&self, path_and_query: &str) {
        self.client
            .goto(&format!("{}{path_and_query}", self.base))
            .await
            .unwrap();
        self.wait_settled(path_and_query).await;
    }

    /// The `data-id`s of the results shown, in order.
    async fn result_ids(&self) -> Vec<String> {
        let ids = self
            .js("return [...document.querySelectorAll('[data-testid=result]')].map(r => r.dataset.id);")
            .await;
        serde_json::from_value(ids).unwrap()
    }

    async fn shown_total(&self) -> Option<u64> {
        let total = self
            .js("return document.getElementById('result-count').dataset.total ?? null;")
            .await;
        total
            .as_str()
            .map(|t| t.parse().expect("a numeric data-total"))
    }

    /// Facet counts shown in the page: (facet, value, count), in page order.
    async fn shown_facets(&self) -> Vec<(String, String, u64)> {
        let rows = self
            .js("return [...document.querySelectorAll('input[data-facet]')].map(b => [b.dataset.facet, b.dataset.value, \
                 b.parentElement.querySelector(':scope > label [data-testid=facet-count]')?.textContent ?? null]);")
            .await;
        // Skills found by the facet's search box beyond the listed ones have no count.
        let rows: Vec<(String, String, Option<String>)> = serde_json::from_value(rows).unwrap();
        rows.into_iter()
            .filter_map(|(f, v, c)| Some((f, v, c?.trim().parse().expect("a numeric facet count"))))
            .collect()
    }

    async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
        std::fs::write(self.shots.join(name), png).unwrap();
    }

    async fn type_query(&self, text: &str) {
        let input = self.client.find(Locator::Css("#q")).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys(text).await.unwrap();
    }
}

/// The API's count of `value` in `facet`, 0 when not listed.
fn api_count(response: &Value, facet: &str, value: &str) -> u64 {
    response["facets"][facet]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["value"] == value)
        .map_or(0, |e| e["count"].as_u64().unwrap())
}

fn api_ids(response: &Value) -> Vec<String> {
    response["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

fn enc(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).unwrap()[1..].to_string()
}

/// Runs one named step, so that a failure says which.
async fn step<F: Future<Output = ()>>(name: &str, f: F) {
    eprintln!("browser step: {name}");
    f.await;
}

// -- the steps

async fn run_steps(cx: &Ctx) {
    step("query with highlights", query_with_highlights(cx)).await;
    step("facet changes counts", facet_changes_counts(cx)).await;
    step("open posting and go back", posting_and_back(cx)).await;
    step("shared URL gives the same state", shared_url(cx)).await;
    step("pages", pagination(cx)).await;
    step("empty result state", empty_state(cx)).await;
    step("clear filters from the empty state", clear_filters(cx)).await;
    step("API error shown", api_error(cx)).await;
    step("375 px layout", mobile_layout(cx)).await;
    step("French and Spanish labels", languages(cx)).await;
    step("typo suggestion offered and followed", did_you_mean(cx)).await;
    step("unreadable syntax searched as words", read_as_words(cx)).await;
    step(
        "words not searched named above the results",
        relaxed_note(cx),
    )
    .await;
    step(
        "skills facet in French, searched and filtered",
        skills_facet(cx),
    )
    .await;
    step("occupation drill-down", occupation_facet(cx)).await;
    step("skill chips on results", hit_skill_chips(cx)).await;
    step("skill chips in the posting panel", panel_skill_chips(cx)).await;
    step("skill suggestions in the search box", skill_suggestions(cx)).await;
    step("recognised skills said", recognized_skills(cx)).await;
}

async fn query_with_highlights(cx: &Ctx) {
    cx.goto("/?lang=en").await;
    cx.type_query(QUERY).await;
    cx.wait_until(
        "the typed query in the URL",
        &format!(
            "new URLSearchParams(location.search).get('q') === {}",
            json!(QUERY)
        ),
    )
    .await;
    cx.wait_settled("results of the typed query").await;

    let (status, api) = cx
        .api(&format!("/api/search?q={}&open=true&lang=en", enc(QUERY)))
        .await;
    assert_eq!(status, 200);
    let total = api["total"].as_u64().unwrap();
    assert!(total >= 2, "the corpus has several open {QUERY} postings");
    assert_eq!(cx.shown_total().await, Some(total));
    assert_eq!(cx.result_ids().await, api_ids(&api));

    let marks = cx
        .js("return [...document.querySelectorAll('[data-testid=result] .snippet mark')].map(m => m.textContent);")
        .await;
    let marks: Vec<String> = serde_json::from_value(marks).unwrap();
    assert!(!marks.is_empty(), "snippets highlight the query");
    assert!(
        marks.iter().all(|m| m.to_lowercase().contains("valu")),
        "highlights are forms of {QUERY}: {marks:?}"
    );
    let count_text = cx
        .js("return document.getElementById('result-count').textContent;")
        .await;
    assert_eq!(count_text, json!(format!("{total} vacancies")));
}

async fn facet_changes_counts(cx: &Ctx) {
    let before_total = cx.shown_total().await.unwrap();
    let before = cx.shown_facets().await;
    // A grade narrowing the results, but not to nothing.
    let (_, _, grade, grade_count) = before
        .iter()
        .map(|(f, v, c)| (f, v, v.clone(), *c))
        .find(|(f, _, _, c)| *f == "grade" && *c > 0 && *c < before_total)
        .expect("a grade facet value narrowing the results");

    cx.client
        .find(Locator::Css(&format!(
            "input[data-facet=grade][data-value=\"{grade}\"]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    cx.wait_until(
        "the grade in the URL",
        &format!(
            "new URLSearchParams(location.search).getAll('grade').includes({})",
            json!(grade)
        ),
    )
    .await;
    cx.wait_settled("results with the grade").await;

    let (status, api) = cx
        .api(&format!(
            "/api/search?q={}&grade={}&open=true&lang=en",
            enc(QUERY),
            enc(&grade)
        ))
        .await;
    assert_eq!(status, 200);
    let total = api["total"].as_u64().unwrap();
    assert_eq!(
        total, grade_count,
        "the grade's count announced the new total"
    );
    assert_eq!(cx.shown_total().await, Some(total));
    assert_eq!(cx.result_ids().await, api_ids(&api));
    let checked = cx
        .js(&format!(
            "return document.querySelector('input[data-facet=grade][data-value=\"{grade}\"]').checked;"
        ))
        .await;
    assert_eq!(checked, json!(true));

    let after = cx.shown_facets().await;
    for (facet, value, count) in &after {
        assert_eq!(
            *count,
            api_count(&api, facet, value),
            "{facet}={value} shows the API's count"
        );
    }
    let changed = after.iter().any(|(f, v, c)| {
        f != "grade"
            && before
                .iter()
                .find(|(bf, bv, _)| bf == f && bv == v)
                .is_none_or(|(_, _, bc)| bc != c)
    });
    assert!(changed, "other facets' counts follow the grade filter");
    let chip = cx
        .js("return document.getElementById('active-filters').hidden;")
        .await;
    assert_eq!(chip, json!(false), "the filter shows as a chip");
    cx.screenshot("search.png").await;
}

async fn posting_and_back(cx: &Ctx) {
    let ids = cx.result_ids().await;
    let first = ids.first().expect("results to open").clone();
    let (status, posting) = cx.api(&format!("/api/postings/{}", enc(&first))).await;
    assert_eq!(status, 200);

    cx.client
        .find(Locator::Css(&format!("a.hit-link[data-id=\"{first}\"]")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    cx.wait_until(
        "the posting panel",
        "document.getElementById('posting').open && document.getElementById('posting-body').getAttribute('aria-busy') === null \
         && document.querySelector('#posting-body .posting-fields')",
    )
    .await;
    let url = cx.client.current_url().await.unwrap();
    assert!(
        url.query_pairs().any(|(k, v)| k == "posting" && v == first),
        "{url}"
    );
    let title = cx
        .js("return document.getElementById('posting-title').textContent;")
        .await;
    assert_eq!(title, posting["title"]);
    let org = cx
        .js("return document.querySelector('#posting-body .posting-org')?.textContent ?? null;")
        .await;
    assert_eq!(org, posting["organization"]);
    let labels = cx
        .js("return [...document.querySelectorAll('#posting-body .posting-fields dt')].map(d => d.textContent);")
        .await;
    let labels: Vec<String> = serde_json::from_value(labels).unwrap();
    for (field, label) in [
        ("grade", "Grade"),
        ("duty_station", "Duty station"),
        ("closing", "Closing date"),
        ("vacancy_number", "Vacancy number"),
    ] {
        if !posting[field].is_null() {
            assert!(labels.iter().any(|l| l == label), "{label} in {labels:?}");
        }
    }
    let text = cx
        .js("return document.querySelector('#posting-body .posting-text').textContent;")
        .await;
    assert!(
        !text.as_str().unwrap().trim().is_empty(),
        "the posting's text is shown"
    );
    cx.screenshot("posting.png").await;

    cx.client.back().await.unwrap();
    cx.wait_until(
        "the panel to close",
        "!document.getElementById('posting').open && !new URLSearchParams(location.search).has('posting')",
    )
    .await;
    cx.wait_settled("the list after going back").await;
    assert_eq!(cx.result_ids().await, ids, "the list is still there");
    let focused = cx
        .js("return document.activeElement?.dataset?.id ?? null;")
        .await;
    assert_eq!(focused, json!(first), "focus returns to the opened result");
}

async fn shared_url(cx: &Ctx) {
    // Sort by closing date in the page, then load its URL afresh.
    cx.client
        .find(Locator::Css("#sort"))
        .await
        .unwrap()
        .select_by_value("closing")
        .await
        .unwrap();
    cx.wait_until(
        "the sort in the URL",
        "new URLSearchParams(location.search).get('sort') === 'closing'",
    )
    .await;
    cx.wait_settled("sorted results").await;
    let url = cx.client.current_url().await.unwrap();
    let params: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let grade = params
        .iter()
        .find(|(k, _)| k == "grade")
        .map(|(_, v)| v.clone())
        .expect("the grade in the shared URL");
    let ids = cx.result_ids().await;

    cx.client.goto("about:blank").await.unwrap();
    cx.goto(&format!("/?{}", url.query().unwrap())).await;
    let q = cx.js("return document.getElementById('q').value;").await;
    assert_eq!(q, json!(QUERY));
    let sort = cx.js("return document.getElementById('sort').value;").await;
    assert_eq!(sort, json!("closing"));
    let checked = cx
        .js(&format!(
            "return document.querySelector('input[data-facet=grade][data-value=\"{grade}\"]')?.checked ?? null;"
        ))
        .await;
    assert_eq!(checked, json!(true));
    assert_eq!(cx.result_ids().await, ids);

    let (_, api) = cx
        .api(&format!(
            "/api/search?q={}&grade={}&open=true&sort=closing&lang=en",
            enc(QUERY),
            enc(&grade)
        ))
        .await;
    let first = api_ids(&api).into_iter().next();
    assert_eq!(ids.first(), first.as_ref(), "the API's first result");
}

async fn empty_state(cx: &Ctx) {
    cx.goto("/?lang=en").await;
    cx.type_query("zzqxvbnwk").await;
    cx.wait_until(
        "the nonsense query in the URL",
        "new URLSearchParams(location.search).get('q') === 'zzqxvbnwk'",
    )
    .await;
    cx.wait_settled("the empty answer").await;
    cx.wait_until(
        "the empty state",
        "!document.querySelector('[data-testid=empty]').hidden",
    )
    .await;
    assert_eq!(cx.shown_total().await, Some(0));
    assert!(cx.result_ids().await.is_empty());
    let error_hidden = cx
        .js("return document.querySelector('[data-testid=error]').hidden;")
        .await;
    assert_eq!(error_hidden, json!(true));
}

async fn pagination(cx: &Ctx) {
    cx.goto("/?lang=en").await;
    let (_, first_page) = cx
        .api("/api/search?open=true&page=1&per_page=20&lang=en")
        .await;
    let total = first_page["total"].as_u64().unwrap();
    assert!(total > 20, "the open corpus fills more than one page");
    assert_eq!(cx.result_ids().await, api_ids(&first_page));
    let prev_disabled = "return document.querySelector('[data-testid=prev-page]').disabled;";
    assert_eq!(cx.js(prev_disabled).await, json!(true));

    cx.client
        .find(Locator::Css("[data-testid=next-page]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    cx.wait_until(
        "page 2 in the URL",
        "new URLSearchParams(location.search).get('page') === '2'",
    )
    .await;
    cx.wait_settled("page 2").await;
    let (_, second_page) = cx
        .api("/api/search?open=true&page=2&per_page=20&lang=en")
        .await;
    let ids = cx.result_ids().await;
    assert!(!ids.is_empty());
    assert_eq!(ids, api_ids(&second_page));
    assert_eq!(cx.js(prev_disabled).await, json!(false));
    let current = cx
        .js("return document.querySelector('[aria-current=page]')?.dataset.page ?? null;")
        .await;
    assert_eq!(current, json!("2"));
}

async fn clear_filters(cx: &Ctx) {
    // A filter value no posting has: nothing matches, and the empty state offers to clear it.
    cx.goto(&format!(
        "/?lang=en&q={}&organization=No+Such+Org",
        enc(QUERY)
    ))
    .await;
    cx.wait_until(
        "the empty state",
        "!document.querySelector('[data-testid=empty]').hidden",
    )
    .await;
    assert_eq!(cx.shown_total().await, Some(0));
    cx.client
        .find(Locator::Css("[data-testid=clear-filters]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    cx.wait_until(
        "the filter gone from the URL",
        "!new URLSearchParams(location.search).has('organization')",
    )
    .await;
    cx.wait_settled("results without the filter").await;
    let (_, api) = cx
        .api(&format!("/api/search?q={}&open=true&lang=en", enc(QUERY)))
        .await;
    assert!(api["total"].as_u64().unwrap() > 0);
    assert_eq!(cx.shown_total().await, api["total"].as_u64());
    assert_eq!(cx.result_ids().await, api_ids(&api));
    let q = cx.js("return document.getElementById('q').value;").await;
    assert_eq!(q, json!(QUERY), "clearing filters keeps the query");
}

async fn api_error(cx: &Ctx) {
    let bad = "salary:5";
    let (status, api) = cx
        .api(&format!("/api/search?q={}&open=true", enc(bad)))
        .await;
    assert_eq!(status, 400, "{api}");
    let message = api["error"]["message"].as_str().unwrap().to_string();

    cx.goto(&format!("/?lang=en&q={}", enc(bad))).await;
    cx.wait_until(
        "the error message",
        "!document.querySelector('[data-testid=error]').hidden",
    )
    .await;
    let text = cx
        .js("return document.querySelector('[data-testid=error]').textContent;")
        .await;
    let text = text.as_str().unwrap();
    assert!(text.contains(&message), "{text:?} shows {message:?}");
    assert!(cx.result_ids().await.is_empty());
    let empty_hidden = cx
        .js("return document.querySelector('[data-testid=empty]').hidden;")
        .await;
    assert_eq!(empty_hidden, json!(true));
}

async fn mobile_layout(cx: &Ctx) {
    cx.client.set_window_size(375, 800).await.unwrap();
    cx.goto(&format!("/?lang=en&q={}", enc(QUERY))).await;
    cx.wait_until("a narrow viewport", "window.innerWidth <= 400")
        .await;
    assert!(!cx.result_ids().await.is_empty());
    let fits = cx
        .js("return [document.documentElement.scrollWidth, window.innerWidth];")
        .await;
    let (scroll, inner): (u64, u64) = serde_json::from_value(fits).unwrap();
    assert!(scroll <= inner, "no sideways scroll: {scroll} > {inner}");
    let toggle = cx
        .js("return getComputedStyle(document.getElementById('filters-toggle')).display;")
        .await;
    assert_ne!(toggle, json!("none"), "the filters button shows on phones");
    cx.screenshot("mobile.png").await;
    cx.client.set_window_size(1280, 900).await.unwrap();
}

/// A typo gets a "did you mean" link; following it searches the corrected query.
async fn did_you_mean(cx: &Ctx) {
    cx.goto("/?lang=fr&q=%C3%A9valuaton&open=false").await;
    cx.wait_until(
        "the suggestion",
        "!document.querySelector('[data-testid=did-you-mean]').hidden",
    )
    .await;
    let shown = cx
        .js("return document.querySelector('[data-testid=did-you-mean-query]').textContent;")
        .await;
    assert_eq!(shown, json!("evaluation"));
    let text = cx
        .js("return document.querySelector('[data-testid=did-you-mean]').textContent;")
        .await;
    assert!(
        text.as_str().unwrap().starts_with("Vouliez-vous dire"),
        "{text}"
    );
    cx.client
        .find(Locator::Css("[data-testid=did-you-mean-query]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    cx.wait_until(
        "the corrected query in the URL",
        "new URLSearchParams(location.search).get('q') === 'evaluation'",
    )
    .await;
    cx.wait_settled("the corrected search").await;
    let (_, api) = cx.api("/api/search?q=evaluation&open=false&lang=fr").await;
    assert!(api["did_you_mean"].is_null());
    assert_eq!(cx.shown_total().await, api["total"].as_u64());
    let hidden = cx
        .js("return document.querySelector('[data-testid=did-you-mean]').hidden;")
        .await;
    assert_eq!(hidden, json!(true));
}

/// A query whose syntax cannot be read is searched as its words, and the page says so.
async fn read_as_words(cx: &Ctx) {
    cx.goto("/?lang=fr&q=%22gestion%20(projet&open=false").await;
    cx.wait_until(
        "the note",
        "!document.querySelector('[data-testid=did-you-mean]').hidden",
    )
    .await;
    let text = cx
        .js("return document.querySelector('[data-testid=read-as-words]').textContent;")
        .await;
    assert!(text.as_str().unwrap().contains("ses mots"), "{text}");
    let (_, api) = cx
        .api("/api/search?q=%22gestion%20(projet&open=false&lang=fr")
        .await;
    assert_eq!(api["read_as_words"], json!(true));
    assert_eq!(cx.shown_total().await, api["total"].as_u64());
    assert!(api["total"].as_u64().unwrap() > 0);
}

/// A job seeker's sentence is searched without its filler words, and the page names them;
/// when the words left are not found together either, it says the results have some of them.
async fn relaxed_note(cx: &Ctx) {
    for (query, left_out, relaxed) in [
        (
            "looking for a position in supply chain",
            "Searched without looking position.",
            false,
        ),
        (
            "looking for a job in nutrition in Tanzania",
            "Searched without looking job.",
            true,
        ),
    ] {
        cx.goto(&format!("/?lang=en&q={}&open=false", enc(query)))
            .await;
        cx.wait_until(
            "the note",
            "!document.querySelector('[data-testid=did-you-mean]').hidden",
        )
        .await;
        let text = cx
            .js("return document.querySelector('[data-testid=left-out]').textContent;")
            .await;
        assert_eq!(text, json!(left_out), "{query}");
        let note = cx
            .js("return document.querySelector('[data-testid=relaxed]') !== null;")
            .await;
        assert_eq!(note, json!(relaxed), "{query}");
        let (_, api) = cx
            .api(&format!("/api/search?q={}&open=false&lang=en", enc(query)))
            .await;
        assert_eq!(api["relaxed"], json!(relaxed), "{query}");
        assert_eq!(cx.shown_total().await, api["total"].as_u64(), "{query}");
        assert!(api["total"].as_u64().unwrap() > 0, "{query}");
    }
}

async fn languages(cx: &Ctx) {
    cx.goto(&format!("/?lang=en&q={}", enc(QUERY))).await;
    let label = "return document.querySelector('label[for=open-only]').textContent;";
    assert_eq!(cx.js(label).await, json!("Open vacancies only"));
    let total = cx.shown_total().await.unwrap();
    for (code, open_only, sort_label, count_word) in [
        ("fr", "Offres ouvertes uniquement", "Trier par", "offres"),
        ("es", "Solo vacantes abiertas", "Ordenar por", "vacantes"),
    ] {
        cx.client
            .find(Locator::Css("#lang-select"))
            .await
            .unwrap()
            .select_by_value(code)
            .await
            .unwrap();
        cx.wait_until(
            "the page language",
            &format!("document.documentElement.lang === '{code}'"),
        )
        .await;
        assert_eq!(cx.js(label).await, json!(open_only));
        let sort = cx
            .js("return document.querySelector('label[for=sort]').textContent;")
            .await;
        assert_eq!(sort, json!(sort_label));
        let count = cx
            .js("return document.getElementById('result-count').textContent;")
            .await;
        assert_eq!(count, json!(format!("{total} {count_word}")));
        let url = cx.client.current_url().await.unwrap();
        assert!(
            url.query_pairs().any(|(k, v)| k == "lang" && v == code),
            "{url}"
        );
    }
    // The choice is remembered: a URL without `lang` opens in Spanish.
    cx.goto("/").await;
    assert_eq!(cx.js(label).await, json!("Solo vacantes abiertas"));
}

// -- skills and occupations (issue #13)

impl Ctx {
    /// The URL's values of `key`.
    async fn url_values(&self, key: &str) -> Vec<String> {
        let url = self.client.current_url().await.unwrap();
        url.query_pairs()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
            .collect()
    }

    /// Waits until the URL's values of `key` are `values`, then for the search to be drawn.
    async fn wait_url_values(&self, key: &str, values: &[&str]) {
        self.wait_until(
            &format!("{key}={values:?} in the URL"),
            &format!(
                "JSON.stringify(new URLSearchParams(location.search).getAll({})) === {}",
                json!(key),
                json!(serde_json::to_string(values).unwrap())
            ),
        )
        .await;
        self.wait_settled(&format!("the search with {key}={values:?}"))
            .await;
    }

    /// The skill facet's rows shown: (id, label, count when shown).
    async fn shown_skill_rows(&self, css: &str) -> Vec<(String, String, Option<u64>)> {
        let rows = self
            .js(&format!(
                "return [...document.querySelectorAll({})].map(b => [b.dataset.value, \
                 b.parentElement.querySelector('.facet-label').textContent, \
                 b.parentElement.querySelector('.facet-count')?.textContent ?? null]);",
                json!(css)
            ))
            .await;
        let rows: Vec<(String, String, Option<String>)> = serde_json::from_value(rows).unwrap();
        rows.into_iter()
            .map(|(v, l, c)| (v, l, c.map(|c| c.trim().parse().unwrap())))
            .collect()
    }

    /// (skill id, text) of each skill link `css` selects, in page order.
    async fn chip_pairs(&self, css: &str) -> Vec<(String, String)> {
        let pairs = self
            .js(&format!(
                "return [...document.querySelectorAll({})].map(a => [a.dataset.skill, a.textContent]);",
                json!(css)
            ))
            .await;
        serde_json::from_value(pairs).unwrap()
    }

    /// Asserts that the page shows the API's answer to `path`: total and result ids.
    async fn assert_shows(&self, path: &str) -> Value {
        let (status, api) = self.api(path).await;
        assert_eq!(status, 200, "{path}: {api}");
        assert_eq!(self.shown_total().await, api["total"].as_u64(), "{path}");
        assert_eq!(self.result_ids().await, api_ids(&api), "{path}");
        api
    }
}

/// (id, label) of each skill of a facet list or a hit.
fn skill_pairs(list: &Value, id_key: &str) -> Vec<(String, String)> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                s[id_key].as_str().unwrap().to_owned(),
                s["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Lower case without accents, as the page matches typed text against labels.
fn folded(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

async fn skills_facet(cx: &Ctx) {
    cx.goto("/?lang=fr").await;
    let api = cx.assert_shows("/api/search?open=true&lang=fr").await;
    let (_, english) = cx.api("/api/search?open=true&lang=en").await;
    let total = api["total"].as_u64().unwrap();
    let listed = skill_pairs(&api["facets"]["skill"], "value");
    assert!(listed.len() > 8, "the corpus has many skills: {listed:?}");

    // The top values, labelled in French as the API labels them for `lang=fr`.
    let shown = cx.shown_skill_rows("#facet-skill-list > li > input").await;
    assert_eq!(shown.len(), 8, "the top eight skills: {shown:?}");
    for (i, (id, label, count)) in shown.iter().enumerate() {
        assert_eq!((id, label), (&listed[i].0, &listed[i].1), "row {i}");
        assert_eq!(*count, Some(api_count(&api, "skill", id)), "{label}");
    }
    let english = skill_pairs(&english["facets"]["skill"], "value");
    assert!(
        shown.iter().any(|(id, label, _)| english
            .iter()
            .any(|(e_id, e_label)| e_id == id && e_label != label)),
        "French labels, not English ones: {shown:?}"
    );
    let legend = cx
        .js("return document.querySelector('[data-group=skill] legend').textContent;")
        .await;
    assert_eq!(legend, json!("Compétences"));

    // The facet's search box narrows the listed skills and adds others that start so
    // (skills of postings the open results leave out: suggestions name only skills that some
    // posting holds).
    let typed = "gest";
    let (_, suggested) = cx
        .api(&format!("/api/skills?q={typed}&lang=fr&limit=10"))
        .await;
    let suggested = skill_pairs(&suggested, "id");
    let others: Vec<&String> = suggested
        .iter()
        .map(|(id, _)| id)
        .filter(|id| !listed.iter().any(|(l, _)| l == *id))
        .collect();
    assert!(!others.is_empty(), "{typed}: skills beyond the listed ones");
    cx.client
        .find(Locator::Css("[data-testid=skill-search]"))
        .await
        .unwrap()
        .send_keys(typed)
        .await
        .unwrap();
    cx.wait_until(
        "skills from /api/skills under the facet",
        "document.querySelectorAll('[data-testid=skill-search-more] input').length > 0",
    )
    .await;
    let narrowed = cx.shown_skill_rows("#facet-skill-list > li > input").await;
    let expected: Vec<&(String, String)> = listed
        .iter()
        .filter(|(_, label)| folded(label).contains(typed))
        .collect();
    assert_eq!(
        narrowed
            .iter()
            .map(|(id, label, _)| (id, label))
            .collect::<Vec<_>>(),
        expected.iter().map(|(i, l)| (i, l)).collect::<Vec<_>>(),
        "every listed skill with {typed} and only those"
    );
    let more = cx
        .shown_skill_rows("[data-testid=skill-search-more] input")
        .await;
    assert_eq!(
        more.iter().map(|(id, _, _)| id).collect::<Vec<_>>(),
        others,
        "the other suggested skills, in the API's order"
    );
    assert!(more.iter().all(|(_, _, count)| count.is_none()));

    // Choosing a skill narrows the results and goes into the URL.
    let (skill, label, count) = narrowed
        .iter()
        .find(|(_, _, c)| c.is_some_and(|c| c > 0 && c < total))
        .cloned()
        .expect("a skill narrowing the results");
    cx.click(&format!("input[data-facet=skill][data-value=\"{skill}\"]"))
        .await;
    cx.wait_url_values("skill", &[&skill]).await;
    let filtered = cx
        .assert_shows(&format!("/api/search?skill={skill}&open=true&lang=fr"))
        .await;
    assert_eq!(filtered["total"].as_u64(), count, "the facet's count");
    for hit in filtered["hits"].as_array().unwrap() {
        assert!(
            skill_pairs(&hit["skills"], "id")
                .iter()
                .any(|(id, _)| *id == skill),
            "every hit has the skill: {hit}"
        );
    }
    let chips = cx
        .js("return [...document.querySelectorAll('#active-filters .chip')].map(c => c.textContent);")
        .await;
    assert_eq!(chips, json!([format!("Compétences: {label}×")]));
    cx.screenshot("skills.png").await;

    // Back and forward walk the filter.
    cx.client.back().await.unwrap();
    cx.wait_url_values("skill", &[]).await;
    assert_eq!(cx.shown_total().await, Some(total));
    cx.client.forward().await.unwrap();
    cx.wait_url_values("skill", &[&skill]).await;
    assert_eq!(cx.shown_total().await, count);

    // The chip removes it.
    cx.click("#active-filters .chip").await;
    cx.wait_url_values("skill", &[]).await;
    cx.assert_shows("/api/search?open=true&lang=fr").await;
}

async fn occupation_facet(cx: &Ctx) {
    cx.goto("/?lang=en&open=false").await;
    let api = cx.assert_shows("/api/search?open=false&lang=en").await;
    let total = api["total"].as_u64().unwrap();
    let majors = skill_pairs(&api["facets"]["occupation"], "value");
    assert!(majors.iter().all(|(code, _)| code.len() == 1), "{majors:?}");
    let (major, _) = majors.first().cloned().expect("an occupation");
    let shown = cx
        .shown_skill_rows("[data-group=occupation] input[data-facet=occupation]")
        .await;
    assert_eq!(
        shown
            .iter()
            .map(|(c, l, _)| (c.clone(), l.clone()))
            .collect::<Vec<_>>(),
        majors
    );

    cx.click(&format!(
        "input[data-facet=occupation][data-value=\"{major}\"]"
    ))
    .await;
    cx.wait_url_values("occupation", &[&major]).await;
    let api = cx
        .assert_shows(&format!(
            "/api/search?occupation={major}&open=false&lang=en"
        ))
        .await;
    assert!(api["total"].as_u64().unwrap() < total);
    let listed = skill_pairs(&api["facets"]["occupation"], "value");
    let (child, _) = listed
        .iter()
        .find(|(code, _)| code.len() == 2 && code.starts_with(&major))
        .cloned()
        .expect("a sub-major group under the selected one");
    // The sub-groups show nested under their group.
    let nested = cx
        .js(&format!(
            "return !!document.querySelector('input[data-value=\"{major}\"]').parentElement\
             .querySelector('.facet-sublist input[data-value=\"{child}\"]');"
        ))
        .await;
    assert_eq!(nested, json!(true));

    // Choosing a sub-group replaces its group (a drill-down), and the group shows the path.
    cx.click(&format!(
        "input[data-facet=occupation][data-value=\"{child}\"]"
    ))
    .await;
    cx.wait_url_values("occupation", &[&child]).await;
    cx.assert_shows(&format!(
        "/api/search?occupation={child}&open=false&lang=en"
    ))
    .await;
    let parent = cx
        .js(&format!(
            "const b = document.querySelector('input[data-value=\"{major}\"]'); return [b.checked, b.indeterminate];"
        ))
        .await;
    assert_eq!(parent, json!([false, true]));
    for (facet, value, count) in cx.shown_facets().await {
        if facet == "occupation" {
            let (_, api) = cx
                .api(&format!(
                    "/api/search?occupation={child}&open=false&lang=en"
                ))
                .await;
            assert_eq!(count, api_count(&api, &facet, &value), "{value}");
        }
    }
}

async fn hit_skill_chips(cx: &Ctx) {
    cx.goto("/?lang=es&open=false&per_page=50").await;
    let api = cx
        .assert_shows("/api/search?open=false&per_page=50&lang=es")
        .await;
    let mut many = None;
    for hit in api["hits"].as_array().unwrap() {
        let id = hit["id"].as_str().unwrap();
        let skills = skill_pairs(&hit["skills"], "id");
        let chips = cx
            .chip_pairs(&format!(
                "[data-testid=result][data-id=\"{id}\"] a.skill-chip"
            ))
            .await;
        assert_eq!(
            chips,
            skills[..skills.len().min(4)],
            "{id}: the first skills, in Spanish"
        );
        let more = cx
            .js(&format!(
                "return document.querySelector('[data-testid=result][data-id=\"{id}\"] [data-testid=skill-more]')?.textContent ?? null;"
            ))
            .await;
        if skills.len() > 4 {
            assert_eq!(more, json!(format!("+{}", skills.len() - 4)), "{id}");
            many.get_or_insert((id.to_owned(), skills));
        } else {
            assert_eq!(more, Value::Null, "{id}");
        }
    }
    let (id, skills) = many.expect("a result with more than four skills");
    cx.click(&format!(
        "[data-testid=result][data-id=\"{id}\"] [data-testid=skill-more]"
    ))
    .await;
    let all = cx
        .js(&format!(
            "return [...document.querySelectorAll('[data-testid=result][data-id=\"{id}\"] a.skill-chip')].map(a => a.dataset.skill);"
        ))
        .await;
    let all: Vec<String> = serde_json::from_value(all).unwrap();
    assert_eq!(
        all,
        skills.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>()
    );

    // A chip is a link to the search filtered by its skill.
    let (skill, _) = skills[4].clone();
    let chip =
        format!("[data-testid=result][data-id=\"{id}\"] a.skill-chip[data-skill=\"{skill}\"]");
    let href = cx
        .js(&format!(
            "return document.querySelector('{chip}').getAttribute('href');"
        ))
        .await;
    let params: Vec<(String, String)> =
        serde_urlencoded::from_str(href.as_str().unwrap().trim_start_matches(['/', '?'])).unwrap();
    assert!(
        params.contains(&("skill".into(), skill.clone())),
        "{params:?}"
    );
    assert!(params.contains(&("lang".into(), "es".into())), "{params:?}");
    cx.click(&chip).await;
    cx.wait_url_values("skill", &[&skill]).await;
    let filtered = cx
        .assert_shows(&format!(
            "/api/search?skill={skill}&open=false&per_page=50&lang=es"
        ))
        .await;
    assert!(api_ids(&filtered).contains(&id));
}

async fn panel_skill_chips(cx: &Ctx) {
    cx.goto("/?lang=es&open=false").await;
    let api = cx.assert_shows("/api/search?open=false&lang=es").await;
    let hit = api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["skills"].as_array().is_some_and(|s| s.len() >= 2))
        .expect("a result with skills");
    let id = hit["id"].as_str().unwrap();
    let skills = skill_pairs(&hit["skills"], "id");
    cx.click(&format!("a.hit-link[data-id=\"{id}\"]")).await;
    cx.wait_until(
        "the panel's skills",
        "document.getElementById('posting').open && document.querySelector('[data-testid=panel-skills]')",
    )
    .await;
    let chips = cx
        .chip_pairs("[data-testid=panel-skills] a.skill-chip")
        .await;
    assert_eq!(chips, skills, "every skill of the posting, in Spanish");
    let (skill, _) = skills[1].clone();
    cx.click(&format!(
        "[data-testid=panel-skills] a[data-skill=\"{skill}\"]"
    ))
    .await;
    cx.wait_url_values("skill", &[&skill]).await;
    cx.wait_until(
        "the panel closed",
        "!document.getElementById('posting').open && !new URLSearchParams(location.search).has('posting')",
    )
    .await;
    cx.assert_shows(&format!("/api/search?skill={skill}&open=false&lang=es"))
        .await;
}

async fn skill_suggestions(cx: &Ctx) {
    cx.goto("/?lang=fr&open=false").await;
    let typed = "gestion";
    let (_, api) = cx
        .api(&format!("/api/skills?q={typed}&lang=fr&limit=8"))
        .await;
    let expected = skill_pairs(&api, "id");
    assert!(expected.len() >= 2, "{expected:?}");
    cx.type_query(typed).await;
    cx.wait_until(
        "the suggestions",
        "!document.querySelector('[data-testid=suggestions]').hidden",
    )
    .await;
    let shown = cx
        .js("return [...document.querySelectorAll('[data-testid=suggestion]')].map(o => [o.dataset.skill, o.querySelector('.suggestion-label').textContent]);")
        .await;
    let shown: Vec<(String, String)> = serde_json::from_value(shown).unwrap();
    assert_eq!(shown, expected, "the API's suggestions, in order");
    // Each with its posting count, and the alternative label typed when only that matched.
    let details = cx
        .js("return [...document.querySelectorAll('[data-testid=suggestion]')].map(o => [o.querySelector('[data-testid=suggestion-count]').textContent, o.querySelector('[data-testid=suggestion-matched]')?.textContent ?? null]);")
        .await;
    for (i, item) in api.as_array().unwrap().iter().enumerate() {
        let count = item["count"].as_u64().unwrap();
        assert!(count > 0, "{item}");
        let text = details[i][0].as_str().unwrap();
        assert!(text.ends_with(&format!(" {count}")), "{text}: {item}");
        let matched = item["matched"].as_str().map(|m| format!(" ({m})"));
        assert_eq!(details[i][1].as_str(), matched.as_deref(), "{item}");
    }
    let expanded = cx
        .js("return document.getElementById('q').getAttribute('aria-expanded');")
        .await;
    assert_eq!(expanded, json!("true"));

    // Escape closes the list and keeps the text.
    let input = cx.client.find(Locator::Css("#q")).await.unwrap();
    input
        .send_keys(&fantoccini::key::Key::Escape)
        .await
        .unwrap();
    cx.wait_until(
        "the list closed",
        "document.querySelector('[data-testid=suggestions]').hidden && document.getElementById('q').getAttribute('aria-expanded') === 'false'",
    )
    .await;
    let value = cx.js("return document.getElementById('q').value;").await;
    assert_eq!(value, json!(typed));

    // Arrow keys move the active option; Enter filters by its skill.
    input.send_keys(" de").await.unwrap();
    let typed = "gestion de";
    let (_, api) = cx
        .api(&format!("/api/skills?q={}&lang=fr&limit=8", enc(typed)))
        .await;
    let expected = skill_pairs(&api, "id");
    assert!(expected.len() >= 2, "{typed}: {expected:?}");
    cx.wait_until(
        "the new suggestions",
        &format!(
            "!document.querySelector('[data-testid=suggestions]').hidden && \
             document.querySelector('[data-testid=suggestion]').dataset.skill === {}",
            json!(expected[0].0)
        ),
    )
    .await;
    input.send_keys(&fantoccini::key::Key::Down).await.unwrap();
    input.send_keys(&fantoccini::key::Key::Down).await.unwrap();
    let active = cx
        .js("const id = document.getElementById('q').getAttribute('aria-activedescendant'); \
             const o = id && document.getElementById(id); return o ? [o.dataset.skill, o.getAttribute('aria-selected')] : null;")
        .await;
    assert_eq!(active, json!([expected[1].0, "true"]));
    cx.screenshot("suggestions.png").await;
    input.send_keys(&fantoccini::key::Key::Enter).await.unwrap();
    cx.wait_url_values("skill", &[&expected[1].0]).await;
    assert!(
        cx.url_values("q").await.is_empty(),
        "the typed prefix leaves the query"
    );
    cx.assert_shows(&format!(
        "/api/search?skill={}&open=false&lang=fr",
        expected[1].0
    ))
    .await;
    let hidden = cx
        .js("return document.querySelector('[data-testid=suggestions]').hidden;")
        .await;
    assert_eq!(hidden, json!(true));
}

async fn recognized_skills(cx: &Ctx) {
    let query = "gestion de projets";
    cx.goto(&format!("/?lang=fr&open=false&q={}", enc(query)))
        .await;
    let api = cx
        .assert_shows(&format!("/api/search?q={}&open=false&lang=fr", enc(query)))
        .await;
    let recognized = skill_pairs(&api["recognized_skills"], "id");
    assert!(!recognized.is_empty(), "{query} names a skill");
    let shown = cx.chip_pairs("[data-testid=recognized-skills] a").await;
    assert_eq!(shown, recognized);
    let text = cx
        .js("return document.querySelector('[data-testid=recognized-skills]').textContent;")
        .await;
    assert!(text.as_str().unwrap().contains("autres langues"), "{text}");
    // A plain word names none: the sentence goes.
    cx.goto(&format!("/?lang=fr&open=false&q={}", enc(QUERY)))
        .await;
    let (_, api) = cx
        .api(&format!("/api/search?q={}&open=false&lang=fr", enc(QUERY)))
        .await;
    assert_eq!(api["recognized_skills"], json!([]));
    let hidden = cx
        .js("return document.querySelector('[data-testid=recognized-skills]').hidden;")
        .await;
    assert_eq!(hidden, json!(true));
}

// -- the test

/// The steps of one browser test, given the context.
type Steps = for<'a> fn(&'a Ctx) -> futures_util::future::BoxFuture<'a, ()>;

fn search_steps(cx: &Ctx) -> futures_util::future::BoxFuture<'_, ()> {
    run_steps(cx).boxed()
}

#[test]
fn search_page_in_a_browser() {
    in_browser(search_steps);
}

/// Starts the server over the bundled corpus and a browser session, and runs `steps`.
fn in_browser(steps: Steps) {
    let (Some(chromium), Some(chromedriver)) = (chromium(), on_path("chromedriver")) else {
        common::missing_prerequisite(
            "browser tests: chromium/chromedriver not found \
             (apt-get install chromium chromium-driver)",
        );
        return;
    };

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let index = tempfile::tempdir().unwrap();
        common::index_corpus(index.path());
        let engine = vacancy_search::search::Engine::open_manual(index.path()).unwrap();
        let state = AppState::with_engine(engine, Settings::default());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, state, async {
            let _ = stopped.await;
        }));

        let shots = match std::env::var("VACANCY_SCREENSHOTS").as_deref() {
            Ok("docs") => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots"),
            _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots"),
        };
        std::fs::create_dir_all(&shots).unwrap();

        let driver = Driver::start(&chromedriver);
        let profile = tempfile::tempdir().unwrap();
        let client = new_session(&driver, &chromium, profile.path()).await;
        let cx = Ctx {
            client,
            base: format!("http://{addr}"),
            http: hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http(),
            shots,
        };

        let outcome = std::panic::AssertUnwindSafe(steps(&cx))
            .catch_unwind()
            .await;
        // End the browser session whatever happened, then the server.
        let _ = cx.client.close().await;
        drop(driver);
        let _ = stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(5), server).await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    });
}

// -- posting pages, similar postings and the feed of a search (issue #17)

impl Ctx {
    /// `GET path` on the server under test: status, content type and body.
    async fn fetch(&self, path: &str) -> (u16, String, String) {
        let uri: hyper::Uri = format!("{}{path}", self.base).parse().unwrap();
        let response = self.http.get(uri).await.expect("the server answers");
        let status = response.status().as_u16();
        let kind = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, kind, String::from_utf8(body.to_vec()).unwrap())
    }

    /// Clicks the element `css` selects.
    async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// Waits until a server-rendered page at `path` has loaded.
    async fn wait_page(&self, path: &str) {
        self.wait_until(
            path,
            &format!(
                "location.pathname === {} && document.readyState === 'complete'",
                json!(path)
            ),
        )
        .await;
    }
}

/// The posting ids the entries of an Atom feed link to, in order.
fn feed_entry_ids(xml: &str, base: &str) -> Vec<String> {
    xml.split("<entry>")
        .skip(1)
        .map(|entry| {
            let at = entry
                .find("<link rel=\"alternate\" href=\"")
                .expect("an alternate link");
            let href = &entry[at + 28..];
            let href = &href[..href.find('"').unwrap()];
            let path = href
                .strip_prefix(&format!("{base}/postings/"))
                .unwrap_or_else(|| panic!("{href} is not a posting page"));
            percent_encoding::percent_decode_str(path)
                .decode_utf8()
                .unwrap()
                .into_owned()
        })
        .collect()
}

async fn board_steps(cx: &Ctx) {
    step("follow this search", follow_search(cx)).await;
    step(
        "posting page and a similar one",
        posting_page_and_similar(cx),
    )
    .await;
    step("posting page skill chips", posting_page_skills(cx)).await;
}

/// A French posting's page lists its skills in French, each a link to the search by it.
async fn posting_page_skills(cx: &Ctx) {
    let (_, api) = cx
        .api("/api/search?open=false&language=fr&per_page=100&lang=fr")
        .await;
    let hit = api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["skills"].as_array().is_some_and(|s| s.len() >= 2))
        .expect("a French posting with skills")
        .clone();
    let id = hit["id"].as_str().unwrap();
    let path = format!("/postings/{}", enc(id).replace('+', "%20"));
    cx.client.goto(&format!("{}{path}", cx.base)).await.unwrap();
    cx.wait_page(&path).await;
    let chips = cx
        .chip_pairs("[data-testid=posting-skills] a[data-testid=skill-chip]")
        .await;
    assert_eq!(
        chips,
        skill_pairs(&hit["skills"], "id"),
        "every skill, in French"
    );
    let heading = cx
        .js("return document.querySelector('#skills-heading').textContent;")
        .await;
    assert_eq!(heading, json!("Compétences"));

    let (skill, _) = chips[0].clone();
    cx.click(&format!(
        "[data-testid=posting-skills] a[data-skill=\"{skill}\"]"
    ))
    .await;
    cx.wait_until(
        "the search page filtered by the skill",
        &format!(
            "location.pathname === '/' && new URLSearchParams(location.search).getAll('skill').join() === {}",
            json!(skill)
        ),
    )
    .await;
    cx.wait_settled("the search by the skill").await;
    let lang = cx.js("return document.documentElement.lang;").await;
    assert_eq!(lang, json!("fr"));
    cx.assert_shows(&format!("/api/search?skill={skill}&open=true&lang=fr"))
        .await;

    // Opened from the search page in Spanish: the page and the skills speak Spanish.
    let (_, spanish) = cx
        .api("/api/search?open=false&language=fr&per_page=100&lang=es")
        .await;
    let labels = spanish["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == id)
        .map(|h| skill_pairs(&h["skills"], "id"))
        .unwrap();
    cx.client
        .goto(&format!("{}{path}?lang=es", cx.base))
        .await
        .unwrap();
    cx.wait_page(&path).await;
    let chips = cx
        .chip_pairs("[data-testid=posting-skills] a[data-testid=skill-chip]")
        .await;
    assert_eq!(chips, labels);
    let langs = cx
        .js("return [document.documentElement.lang, document.querySelector('[data-testid=posting-title]').lang];")
        .await;
    assert_eq!(langs, json!(["es", "fr"]));
    let (status, _, body) = cx.fetch(&format!("{path}?lang=de")).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("lang"), "{body}");
}

fn posting_page_steps(cx: &Ctx) -> futures_util::future::BoxFuture<'_, ()> {
    board_steps(cx).boxed()
}

async fn follow_search(cx: &Ctx) {
    cx.goto(&format!("/?lang=en&q={}&grade=P3", enc(QUERY)))
        .await;
    let href = cx
        .js("return document.querySelector('[data-testid=follow-search]').getAttribute('href');")
        .await;
    let href = href.as_str().unwrap().to_owned();
    let (path, query) = href.split_once('?').expect("a query string");
    assert_eq!(path, "/api/search.atom");
    let params: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
    for (key, value) in [("q", QUERY), ("grade", "P3"), ("open", "true")] {
        assert!(
            params.iter().any(|(k, v)| k == key && v == value),
            "{key}={value} in {href}"
        );
    }
    assert!(!params.iter().any(|(k, _)| k == "page"), "{href}");

    let (status, kind, xml) = cx.fetch(&href).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("application/atom+xml"), "{kind}");
    let (_, api) = cx
        .api(&format!(
            "/api/search?q={}&grade=P3&open=true&sort=published&lang=en",
            enc(QUERY)
        ))
        .await;
    let expected = api_ids(&api);
    assert!(!expected.is_empty());
    assert_eq!(
        feed_entry_ids(&xml, &cx.base),
        expected,
        "the feed is the current search, newest first"
    );

    // The link follows the search as it changes.
    cx.client
        .find(Locator::Css("#sort"))
        .await
        .unwrap()
        .select_by_value("closing")
        .await
        .unwrap();
    cx.wait_until(
        "the feed link sorted by closing date",
        "document.querySelector('[data-testid=follow-search]').getAttribute('href').includes('sort=closing')",
    )
    .await;
}

async fn posting_page_and_similar(cx: &Ctx) {
    cx.goto(&format!("/?lang=en&q={}", enc(QUERY))).await;
    let first = cx.result_ids().await.first().expect("results").clone();
    let (_, api) = cx
        .api(&format!("/api/postings/{}/similar?per_page=5", enc(&first)))
        .await;
    let expected = api_ids(&api);

    // The in-page view lists the same five similar postings, linked to their pages.
    cx.click(&format!("a.hit-link[data-id=\"{first}\"]")).await;
    cx.wait_until(
        "five similar postings in the panel",
        "document.querySelectorAll('[data-testid=panel-similar] li').length === 5",
    )
    .await;
    let shown = cx
        .js("return [...document.querySelectorAll('[data-testid=panel-similar] li')].map(li => li.dataset.id);")
        .await;
    assert_eq!(
        serde_json::from_value::<Vec<String>>(shown).unwrap(),
        expected
    );
    cx.goto(&format!("/?lang=en&q={}", enc(QUERY))).await;

    // The result's own page.
    cx.click(&format!("a[data-testid=posting-page][data-id=\"{first}\"]"))
        .await;
    let path = format!("/postings/{}", enc(&first).replace('+', "%20"));
    cx.wait_page(&path).await;
    let (_, posting) = cx.api(&format!("/api/postings/{}", enc(&first))).await;
    let title = cx
        .js("return document.querySelector('[data-testid=posting-title]').textContent;")
        .await;
    assert_eq!(title, posting["title"]);
    // In the search page's language; the posting's own words keep theirs.
    let lang = cx.js("return document.documentElement.lang;").await;
    assert_eq!(lang, json!("en"));
    let title_lang = cx
        .js("return document.querySelector('[data-testid=posting-title]').lang || document.documentElement.lang;")
        .await;
    assert_eq!(title_lang, posting["language"]);
    let data = cx
        .js("return JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent);")
        .await;
    assert_eq!(data["@type"], "JobPosting");
    assert_eq!(data["title"], posting["title"]);
    assert_eq!(data["datePosted"], posting["published"]);
    let canonical = cx
        .js("return document.querySelector('link[rel=canonical]').href;")
        .await;
    assert_eq!(canonical, json!(format!("{}{path}", cx.base)));

    let similar = cx
        .js("return [...document.querySelectorAll('[data-testid=similar]')].map(li => li.dataset.id);")
        .await;
    let similar: Vec<String> = serde_json::from_value(similar).unwrap();
    assert_eq!(similar.len(), 5, "five similar postings: {similar:?}");
    assert!(!similar.contains(&first), "not the posting itself");
    assert_eq!(similar, expected, "the API's similar postings");
    cx.screenshot("posting-page.png").await;

    // Follow one.
    let next = similar[1].clone();
    cx.click(&format!("[data-testid=similar][data-id=\"{next}\"] a"))
        .await;
    cx.wait_page(&format!("/postings/{}", enc(&next).replace('+', "%20")))
        .await;
    let (_, other) = cx.api(&format!("/api/postings/{}", enc(&next))).await;
    let title = cx
        .js("return document.querySelector('[data-testid=posting-title]').textContent;")
        .await;
    assert_eq!(title, other["title"]);
    let listed = cx
        .js("return document.querySelectorAll('[data-testid=similar]').length;")
        .await;
    assert_eq!(listed, json!(5));
}

#[test]
fn posting_pages_and_feeds_in_a_browser() {
    in_browser(posting_page_steps);
}

// -- the analytics page (issue #18)

#[path = "browser_analytics/steps.rs"]
mod analytics_steps;

#[test]
fn analytics_page_in_a_browser() {
    in_browser(analytics_steps::steps);
}
