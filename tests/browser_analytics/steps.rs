//! The analytics page (issue #18) in headless Chromium: its numbers against `/api/stats`,
//! drilling down by country, the table views, and no request beyond the service. Run by
//! `analytics_page_in_a_browser` in tests/browser.rs, which owns the browser helpers.

use std::collections::BTreeMap;

use fantoccini::key::Key;
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use serde_json::Value;

use super::{step, Ctx, Locator};

/// The page under test: every vacancy (the corpus has closed ones), one grade.
const GRADE: &str = "P-3";

pub fn steps(cx: &Ctx) -> BoxFuture<'_, ()> {
    run(cx).boxed()
}

async fn run(cx: &Ctx) {
    let grade = pick_grade(cx).await;
    let page = format!("/analytics?open=false&grade={}&lang=en", super::enc(&grade));
    step(
        "numbers equal /api/stats",
        numbers_match(cx, &page, "open=false"),
    )
    .await;
    step(
        "a country narrows every chart and the URL",
        country_drill_down(cx, &page),
    )
    .await;
    step(
        "table views show the charts' numbers",
        // Every vacancy, no filter: the fullest cross-tabs (the README's screenshot).
        table_views(cx, "/analytics?open=false&lang=en"),
    )
    .await;
    step(
        "nothing fetched beyond the service",
        same_origin_only(cx, &page),
    )
    .await;
    step("downloads: SVG and CSV", downloads(cx, &page)).await;
    step("PNG download drawn in the browser", png_download(cx, &page)).await;
    step("French and Spanish", languages(cx, &page)).await;
}

/// The most frequent grade of the corpus, so that the page has several countries.
async fn pick_grade(cx: &Ctx) -> String {
    let (status, api) = cx.api("/api/stats?by=grade").await;
    assert_eq!(status, 200);
    let grade = api["counts"][0]["values"][0]
        .as_str()
        .unwrap_or(GRADE)
        .to_owned();
    grade
}

/// `/api/stats` for the page's filters (`filters`: the page's query string without `lang`).
async fn stats(cx: &Ctx, filters: &str, by: &str) -> Value {
    let (status, api) = cx.api(&format!("/api/stats?by={by}&{filters}")).await;
    assert_eq!(status, 200, "{api}");
    api
}

fn counts_1(api: &Value) -> BTreeMap<String, u64> {
    api["counts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| Some((c["values"][0].as_str()?.to_owned(), c["count"].as_u64()?)))
        .collect()
}

fn counts_2(api: &Value) -> BTreeMap<(String, String), u64> {
    api["counts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| {
            Some((
                (
                    c["values"][0].as_str()?.to_owned(),
                    c["values"][1].as_str()?.to_owned(),
                ),
                c["count"].as_u64()?,
            ))
        })
        .collect()
}

impl Ctx {
    async fn goto_analytics(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
        self.wait_page("/analytics").await;
    }

    /// `[key, count]` of the elements `css` selects (`key`: their `data-*` attributes
    /// joined by `|`).
    async fn shown(&self, css: &str, keys: &[&str]) -> BTreeMap<String, u64> {
        let script = format!(
            "return [...document.querySelectorAll({})].map(e => [{}.map(k => e.dataset[k]).join('|'), Number(e.dataset.count)]);",
            serde_json::json!(css),
            serde_json::json!(keys)
        );
        let rows: Vec<(String, u64)> = serde_json::from_value(self.js(&script).await).unwrap();
        rows.into_iter().collect()
    }

    async fn page_total(&self) -> u64 {
        self.js("return Number(document.getElementById('total').dataset.total);")
            .await
            .as_u64()
            .unwrap()
    }
}

/// Checks every chart of the page shown against `/api/stats` with `filters`.
async fn check_against_api(cx: &Ctx, filters: &str) {
    let by_country = stats(cx, filters, "country").await;
    assert_eq!(cx.page_total().await, by_country["total"].as_u64().unwrap());

    // The map: every country with postings and a shape is a link with the API's count.
    let map = cx.shown("#chart-map a.country", &["country"]).await;
    let api_countries = counts_1(&by_country);
    assert!(!map.is_empty(), "the map shows countries");
    for (country, count) in &map {
        assert_eq!(api_countries.get(country), Some(count), "{country}");
    }
    let map_table = cx.shown("#chart-map table td[data-count]", &[]).await;
    assert_eq!(
        cx.js("return document.querySelectorAll('#chart-map table tbody tr').length;")
            .await
            .as_u64()
            .unwrap() as usize,
        api_countries.len(),
        "the map's table lists every country, {map_table:?}"
    );

    // The trend: every month of every line, in the table view.
    let trend = stats(cx, filters, "organization&series=5").await;
    let months = |list: &Value| -> BTreeMap<String, u64> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["month"].as_str().unwrap().to_owned(),
                    m["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let table: Vec<Vec<Value>> = serde_json::from_value(
        cx.js("return [...document.querySelectorAll('#chart-published table tbody tr')].map(r => \
               [r.dataset.month, ...[...r.querySelectorAll('td')].map(td => Number(td.dataset.count))]);")
            .await,
    )
    .unwrap();
    let column = |i: usize| -> BTreeMap<String, u64> {
        table
            .iter()
            .filter(|r| r[i + 1].as_u64().unwrap() > 0)
            .map(|r| {
                (
                    r[0].as_str().unwrap().to_owned(),
                    r[i + 1].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(column(0), months(&trend["published_by_month"]));
    let series = trend["series"].as_array().unwrap();
    assert!(!series.is_empty(), "trend lines by organization");
    for (i, s) in series.iter().enumerate() {
        assert_eq!(
            column(i + 1),
            months(&s["published_by_month"]),
            "{}",
            s["value"]
        );
    }
    let svg_lines = cx
        .js("return document.querySelectorAll('#chart-published svg polyline').length;")
        .await
        .as_u64()
        .unwrap();
    assert!(
        svg_lines as usize > series.len(),
        "one line per series and one for all"
    );

    // The cross-tab region x grade: every cell with postings is a link with the API's count.
    let cells = cx
        .shown("#chart-region-grade a.cell", &["row", "column"])
        .await;
    let api_cells = counts_2(&stats(cx, filters, "region,grade").await);
    assert!(!cells.is_empty(), "the cross-tab has cells");
    for (key, count) in &cells {
        let (row, column) = key.split_once('|').unwrap();
        assert_eq!(
            api_cells.get(&(row.to_owned(), column.to_owned())),
            Some(count),
            "{key}"
        );
    }
}

async fn numbers_match(cx: &Ctx, page: &str, open: &str) {
    cx.goto_analytics(page).await;
    let grade = page
        .split("grade=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    check_against_api(cx, &format!("{open}&grade={grade}")).await;
    cx.screenshot("analytics.png").await;
}

async fn country_drill_down(cx: &Ctx, page: &str) {
    cx.goto_analytics(page).await;
    let map = cx.shown("#chart-map a.country", &["country"]).await;
    let (country, count) = map.iter().max_by_key(|(_, c)| **c).unwrap();
    // By keyboard: the country's link takes the focus and Enter follows it.
    let link = cx
        .client
        .find(Locator::Css(&format!(
            "#chart-map a[data-country='{country}']"
        )))
        .await
        .unwrap();
    cx.js(&format!(
        "document.querySelector(\"#chart-map a[data-country='{country}']\").focus(); return true;"
    ))
    .await;
    let focused = cx
        .js("return document.activeElement && document.activeElement.dataset.country || null;")
        .await;
    assert_eq!(
        focused,
        Value::String(country.clone()),
        "map countries take the focus"
    );
    link.send_keys(&Key::Enter).await.unwrap();
    cx.wait_until(
        "the country in the URL",
        &format!("new URLSearchParams(location.search).get('country') === '{country}'"),
    )
    .await;
    cx.wait_page("/analytics").await;
    let url = cx.client.current_url().await.unwrap();
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert!(pairs.contains(&("open".into(), "false".into())), "{url}");
    assert!(
        pairs.iter().any(|(k, _)| k == "grade"),
        "the grade is kept: {url}"
    );
    assert_eq!(cx.page_total().await, *count);
    let map = cx.shown("#chart-map a.country", &["country"]).await;
    assert_eq!(
        map.keys().collect::<Vec<_>>(),
        [country],
        "only the country is left"
    );
    let grade = pairs.iter().find(|(k, _)| k == "grade").unwrap().1.clone();
    check_against_api(
        cx,
        &format!("open=false&grade={}&country={country}", super::enc(&grade)),
    )
    .await;
    // The top lists too: their bars add up to at most the total.
    let organizations = cx.shown("#chart-top-organization a.bar", &["value"]).await;
    assert!(organizations.values().sum::<u64>() <= *count);
    assert!(!organizations.is_empty());
}

async fn table_views(cx: &Ctx, page: &str) {
    cx.goto_analytics(page).await;
    for chart in ["region-grade", "top-organization", "map"] {
        let hidden = cx
            .js(&format!(
                "return !document.querySelector('#chart-{chart} details').open && !document.querySelector('#chart-{chart} table').checkVisibility();"
            ))
            .await;
        assert_eq!(
            hidden,
            Value::Bool(true),
            "{chart}: the table starts folded"
        );
        cx.click(&format!("#chart-{chart} details summary")).await;
        cx.wait_until(
            "the table view open",
            &format!("document.querySelector('#chart-{chart} table').checkVisibility()"),
        )
        .await;
    }
    // The cross-tab's table holds the numbers of its cells, and every row's total.
    let cells = cx
        .shown("#chart-region-grade a.cell", &["row", "column"])
        .await;
    let table = cx
        .js("return [...document.querySelectorAll('#chart-region-grade table tbody tr')].flatMap(r => \
             [...r.querySelectorAll('td[data-column]')].map(td => [r.dataset.value + '|' + td.dataset.column, Number(td.dataset.count)]));")
        .await;
    let table: BTreeMap<String, u64> = serde_json::from_value::<Vec<(String, u64)>>(table)
        .unwrap()
        .into_iter()
        .filter(|(_, c)| *c > 0)
        .collect();
    for (key, count) in &cells {
        assert_eq!(table.get(key), Some(count), "{key}");
    }
    // The bars' numbers and the list's.
    let bars = cx.shown("#chart-top-organization a.bar", &["value"]).await;
    let rows: BTreeMap<String, u64> = serde_json::from_value(
        cx.js("return Object.fromEntries([...document.querySelectorAll('#chart-top-organization table tbody tr')].map(r => [r.dataset.value, Number(r.querySelector('td').dataset.count)]));")
            .await,
    )
    .unwrap();
    assert_eq!(bars, rows);
    cx.js("document.querySelector('#chart-region-grade').scrollIntoView(); return true;")
        .await;
    cx.screenshot("analytics-crosstab.png").await;
}

async fn same_origin_only(cx: &Ctx, page: &str) {
    cx.goto_analytics(page).await;
    let foreign = cx
        .js("return performance.getEntriesByType('resource').map(e => e.name).filter(u => !u.startsWith(location.origin));")
        .await;
    assert_eq!(
        foreign,
        serde_json::json!([]),
        "requests beyond the service"
    );
    let external = cx
        .js("return [...document.querySelectorAll('script[src], link[href], img[src]')].map(e => e.src || e.href).filter(u => !u.startsWith(location.origin) && !u.startsWith('data:'));")
        .await;
    assert_eq!(external, serde_json::json!([]));
    let stylesheet = cx
        .js("return getComputedStyle(document.querySelector('.chart')).borderStyle;")
        .await;
    assert_eq!(
        stylesheet,
        Value::String("solid".into()),
        "the style sheet applies"
    );
}

async fn downloads(cx: &Ctx, page: &str) {
    cx.goto_analytics(page).await;
    let links: Vec<(String, String)> = serde_json::from_value(
        cx.js("return [...document.querySelectorAll('#chart-region-grade .downloads a')].map(a => [a.dataset.format, a.getAttribute('href')]);")
            .await,
    )
    .unwrap();
    let svg = &links.iter().find(|(f, _)| f == "svg").unwrap().1;
    let (status, kind, body) = cx.fetch(svg).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("image/svg+xml"), "{kind}");
    assert!(body.contains("<svg") && body.contains("class=\"cell\""));
    let csv = &links.iter().find(|(f, _)| f == "csv").unwrap().1;
    let (status, kind, body) = cx.fetch(csv).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(body.starts_with("region,grade,count"), "{body}");
    let cells = cx
        .shown("#chart-region-grade a.cell", &["row", "column"])
        .await;
    for (key, count) in cells {
        let (row, column) = key.split_once('|').unwrap();
        assert!(
            body.lines().any(|l| l == format!("{row},{column},{count}")),
            "{key} {count} in\n{body}"
        );
    }
}

/// The PNG download, drawn by the page's script from the chart's SVG.
async fn png_download(cx: &Ctx, page: &str) {
    cx.goto_analytics(page).await;
    cx.wait_until(
        "the PNG links shown by the script",
        "document.querySelector('#chart-region-grade a[data-format=png]').checkVisibility()",
    )
    .await;
    let png = cx
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             window.chartPng(document.getElementById('chart-region-grade')).then(done, e => done('error: ' + e));",
            vec![],
        )
        .await
        .unwrap();
    let png = png.as_str().unwrap_or_default();
    assert!(
        png.starts_with("data:image/png;base64,"),
        "{}",
        &png[..png.len().min(80)]
    );
    assert!(png.len() > 2_000, "a drawn chart, not an empty image");
}

async fn languages(cx: &Ctx, page: &str) {
    for (lang, heading) in [("fr", "Analyse des offres"), ("es", "Análisis de vacantes")] {
        cx.goto_analytics(&page.replace("lang=en", &format!("lang={lang}")))
            .await;
        let shown = cx
            .js("return [document.documentElement.lang, document.querySelector('h1').textContent];")
            .await;
        assert_eq!(shown, serde_json::json!([lang, heading]));
    }
    // The search page links to the analytics page with its search.
    cx.client
        .goto(&format!("{}/?q=evaluation&lang=fr", cx.base))
        .await
        .unwrap();
    cx.wait_until(
        "the analytics link",
        "(document.getElementById('analytics-link')?.getAttribute('href') || '').includes('q=evaluation')",
    )
    .await;
}
