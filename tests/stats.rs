//! `/api/stats`, `/api/export.csv` and the location drill-down of `/api/search`, checked
//! against counts computed here from the indexed postings.

mod common;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use common::{fixture, get};
use serde_json::Value;
use vacancy_search::search::{
    ExportFormat, FacetField, FacetSelection, SearchRequest, SearchResponse, EXPORT_COLUMNS,
};
use vacancy_search::Posting;

fn value(p: &Posting, facet: FacetField) -> Option<String> {
    vacancy_search::schema::facet_value(p, facet).map(str::to_owned)
}

fn month(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m").to_string())
}

fn as_counts(list: &Value, key: &str) -> BTreeMap<String, u64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c[key].as_str().unwrap().to_owned(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn tally<I: IntoIterator<Item = String>>(items: I) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for item in items {
        *out.entry(item).or_insert(0) += 1;
    }
    out
}

#[tokio::test]
async fn stats_by_one_facet_with_month_histograms() {
    let fx = fixture();
    let reply = get(&fx.app, "/api/stats?by=grade").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let json = reply.json();
    assert_eq!(json["total"], fx.postings.len() as u64);
    assert_eq!(json["by"], serde_json::json!(["grade"]));
    let counts: BTreeMap<String, u64> = json["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["values"][0].as_str().unwrap().to_owned(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = tally(
        fx.postings
            .iter()
            .filter_map(|p| value(p, FacetField::Grade)),
    );
    assert_eq!(counts, expected);
    let published = tally(fx.postings.iter().filter_map(|p| month(p.published)));
    assert_eq!(as_counts(&json["published_by_month"], "month"), published);
    let closing = tally(fx.postings.iter().filter_map(|p| month(p.closing)));
    assert_eq!(as_counts(&json["closing_by_month"], "month"), closing);
    // Months come in order.
    let months: Vec<&str> = json["published_by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    let mut sorted = months.clone();
    sorted.sort_unstable();
    assert_eq!(months, sorted);
}

#[tokio::test]
async fn stats_by_two_facets_apply_the_filters() {
    let fx = fixture();
    let json = get(&fx.app, "/api/stats?by=region,grade&language=fr&q=")
        .await
        .json();
    let matching: Vec<&Posting> = fx.postings.iter().filter(|p| p.language == "fr").collect();
    assert_eq!(json["total"], matching.len() as u64);
    let mut expected: BTreeMap<(Option<String>, Option<String>), u64> = BTreeMap::new();
    for p in &matching {
        *expected
            .entry((value(p, FacetField::Region), value(p, FacetField::Grade)))
            .or_insert(0) += 1;
    }
    let listed: BTreeMap<(Option<String>, Option<String>), u64> = json["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let v = |i: usize| c["values"][i].as_str().map(str::to_owned);
            ((v(0), v(1)), c["count"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(listed, expected);
    let counts: Vec<u64> = json["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // The library call agrees.
    let request = SearchRequest::default().filter(FacetField::Language, "fr");
    let stats = fx
        .engine
        .stats(&request, &[FacetField::Region, FacetField::Grade])
        .unwrap();
    assert_eq!(stats.total, matching.len() as u64);
}

#[tokio::test]
async fn stats_parameters_are_checked() {
    let fx = fixture();
    for uri in [
        "/api/stats",
        "/api/stats?by=",
        "/api/stats?by=salary",
        "/api/stats?by=grade,unit,region",
        "/api/stats?by=grade,grade",
        "/api/stats?by=grade&by=unit",
        "/api/search?by=grade",
        "/api/export.csv?by=grade",
        "/api/stats?by=grade&include_body=true",
        "/api/export.csv?include_body=maybe",
        "/api/search?location=Africa",
        "/api/stats?by=grade&location=/Africa//KEN",
        "/api/stats?by=grade&series=11",
        "/api/stats?by=grade&series=two",
        "/api/stats?by=region,grade&series=3",
        "/api/stats.csv?by=region,grade&series=3",
        "/api/stats.csv",
        "/api/stats.csv?by=salary",
    ] {
        let reply = get(&fx.app, uri).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{uri}: {}",
            reply.text()
        );
        assert_eq!(reply.json()["error"]["code"], "invalid_parameter", "{uri}");
    }
}

#[tokio::test]
async fn stats_series_give_each_top_value_its_months() {
    let fx = fixture();
    let json = get(&fx.app, "/api/stats?by=organization&series=3")
        .await
        .json();
    let counts = &json["counts"];
    let series = json["series"].as_array().unwrap();
    let named: Vec<&Value> = counts
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["values"][0].is_null())
        .take(3)
        .collect();
    assert_eq!(series.len(), named.len().min(3));
    assert!(series.len() >= 2, "the fixture has several organisations");
    for (s, c) in series.iter().zip(&named) {
        assert_eq!(s["value"], c["values"][0]);
        assert_eq!(s["count"], c["count"]);
        // Counted here from the postings: the value's postings per month.
        let name = s["value"].as_str().unwrap();
        let own: Vec<&Posting> = fx
            .postings
            .iter()
            .filter(|p| value(p, FacetField::Organization).as_deref() == Some(name))
            .collect();
        assert_eq!(s["count"], own.len() as u64);
        assert_eq!(
            as_counts(&s["published_by_month"], "month"),
            tally(own.iter().filter_map(|p| month(p.published)))
        );
        assert_eq!(
            as_counts(&s["closing_by_month"], "month"),
            tally(own.iter().filter_map(|p| month(p.closing)))
        );
    }
    // Without `series`, none; the whole histograms are still those of every posting.
    let plain = get(&fx.app, "/api/stats?by=organization").await.json();
    assert!(plain.get("series").is_none());
    assert_eq!(plain["published_by_month"], json["published_by_month"]);
    // A series within a filter on its own facet stays within the filter.
    let grade = get(&fx.app, "/api/stats?by=grade&grade=P3&grade=P4&series=5")
        .await
        .json();
    let values: Vec<&str> = grade["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["value"].as_str().unwrap())
        .collect();
    assert!(!values.is_empty());
    assert!(
        values.iter().all(|v| ["P3", "P4"].contains(v)),
        "{values:?}"
    );
}

#[tokio::test]
async fn stats_csv_has_the_numbers_of_stats() {
    let fx = fixture();
    let (header, rows) = get_csv(&fx.app, "/api/stats.csv?by=region,grade&language=fr").await;
    assert_eq!(header, ["region", "grade", "count"]);
    let json = get(&fx.app, "/api/stats?by=region,grade&language=fr")
        .await
        .json();
    let expected: Vec<Vec<String>> = json["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let v = |i: usize| c["values"][i].as_str().unwrap_or("").to_owned();
            vec![v(0), v(1), c["count"].to_string()]
        })
        .collect();
    let got: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(got, expected);

    // With series: months of every posting (empty value), then per value.
    let (header, rows) = get_csv(&fx.app, "/api/stats.csv?by=grade&series=2").await;
    assert_eq!(header, ["grade", "month", "published", "closing"]);
    let json = get(&fx.app, "/api/stats?by=grade&series=2").await.json();
    let published_all: u64 = rows
        .iter()
        .filter(|r| r[0].is_empty())
        .map(|r| r[2].parse::<u64>().unwrap())
        .sum();
    let expected_all: u64 = as_counts(&json["published_by_month"], "month")
        .values()
        .sum();
    assert_eq!(published_all, expected_all);
    for s in json["series"].as_array().unwrap() {
        let value = s["value"].as_str().unwrap();
        let closing: BTreeMap<String, u64> = rows
            .iter()
            .filter(|r| &r[0] == value && &r[3] != "0")
            .map(|r| (r[1].to_owned(), r[3].parse().unwrap()))
            .collect();
        assert_eq!(
            closing,
            as_counts(&s["closing_by_month"], "month"),
            "{value}"
        );
    }
}

fn under(p: &Posting, path: &[&str]) -> bool {
    let levels = [
        value(p, FacetField::Region),
        value(p, FacetField::Subregion),
        value(p, FacetField::Country),
        value(p, FacetField::DutyStation),
    ];
    path.iter()
        .zip(&levels)
        .all(|(want, have)| have.as_deref() == Some(*want))
}

fn child(p: &Posting, depth: usize) -> Option<String> {
    let levels = [
        value(p, FacetField::Region),
        value(p, FacetField::Subregion),
        value(p, FacetField::Country),
        value(p, FacetField::DutyStation),
    ];
    if depth >= levels.len() {
        return None;
    }
    let mut path = String::new();
    for level in levels.iter().take(depth + 1) {
        path.push('/');
        path.push_str(level.as_deref()?);
    }
    Some(path)
}

#[tokio::test]
async fn location_drill_down_at_each_level() {
    let fx = fixture();
    for path in [
        vec![],
        vec!["Africa"],
        vec!["Africa", "Eastern Africa"],
        vec!["Africa", "Eastern Africa", "KEN"],
        vec!["Europe", "Western Europe", "CHE", "Geneva"],
    ] {
        let uri = if path.is_empty() {
            "/api/search?per_page=100".to_owned()
        } else {
            let joined = path.join("/").replace(' ', "+");
            format!("/api/search?per_page=100&location=/{joined}")
        };
        let json = get(&fx.app, &uri).await.json();
        let matching: Vec<&Posting> = fx.postings.iter().filter(|p| under(p, &path)).collect();
        assert_eq!(json["total"], matching.len() as u64, "{uri}");
        assert!(!matching.is_empty(), "{uri}");
        let expected = tally(matching.iter().filter_map(|p| child(p, path.len())));
        assert_eq!(
            as_counts(&json["facets"]["location"], "value"),
            expected,
            "{uri}"
        );
        if path.len() == 4 {
            assert!(expected.is_empty());
        }
    }
    // Paths are OR'ed, and other filters narrow the counts.
    let json = get(
        &fx.app,
        "/api/search?location=/Asia&location=/Africa/Eastern+Africa&grade=P2",
    )
    .await
    .json();
    let asia: Vec<&Posting> = fx
        .postings
        .iter()
        .filter(|p| p.grade.as_deref() == Some("P2") && under(p, &["Asia"]))
        .collect();
    let east: Vec<&Posting> = fx
        .postings
        .iter()
        .filter(|p| p.grade.as_deref() == Some("P2") && under(p, &["Africa", "Eastern Africa"]))
        .collect();
    assert_eq!(json["total"], (asia.len() + east.len()) as u64);
    let mut expected = tally(asia.iter().filter_map(|p| child(p, 1)));
    expected.extend(tally(east.iter().filter_map(|p| child(p, 2))));
    assert_eq!(as_counts(&json["facets"]["location"], "value"), expected);
    // The region facet still counts disjunctively over the location-filtered postings.
    let json = get(&fx.app, "/api/search?location=/Europe&region=Asia")
        .await
        .json();
    assert_eq!(json["total"], 0);
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader.records().map(Result::unwrap).collect();
    (header, rows)
}

/// `GET uri`, checked to be a CSV answer, parsed.
async fn get_csv(app: &axum::Router, uri: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let reply = get(app, uri).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.text());
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/csv"));
    parse_csv(&reply.text())
}

#[tokio::test]
async fn export_csv_has_every_matching_posting() {
    let fx = fixture();
    let (header, rows) = get_csv(&fx.app, "/api/export.csv").await;
    assert_eq!(header, EXPORT_COLUMNS);
    assert_eq!(rows.len(), fx.postings.len());
    let mut ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    ids.sort_unstable();
    let mut expected: Vec<&str> = fx.postings.iter().map(|p| p.id.as_str()).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected);
    let row = rows.iter().find(|r| &r[0] == "fr-competences").unwrap();
    assert_eq!(&row[1], "Chargé de la formation");
    assert_eq!(&row[6], "Dakar");
    assert_eq!(&row[12], "2025-02-10");
    assert_eq!(&row[13], "");

    let reply = get(
        &fx.app,
        "/api/export.csv?country=CHE&include_body=true&sort=published",
    )
    .await;
    let (header, rows) = parse_csv(&reply.text());
    assert_eq!(header.last().map(String::as_str), Some("body"));
    let matching: Vec<&Posting> = fx
        .postings
        .iter()
        .filter(|p| p.country.as_deref() == Some("CHE"))
        .collect();
    assert_eq!(rows.len(), matching.len());
    for row in &rows {
        let p = matching.iter().find(|p| p.id == row[0]).unwrap();
        assert_eq!(&row[8], "Europe");
        assert_eq!(&row[EXPORT_COLUMNS.len()], p.body.as_str());
    }
    let published: Vec<&str> = rows.iter().map(|r| &r[12]).collect();
    assert!(published.windows(2).all(|w| w[0] >= w[1]), "{published:?}");
}

#[test]
fn library_export_writes_csv_and_json_lines() {
    let fx = fixture();
    let request = SearchRequest::default().filter(FacetField::Organization, "WHO");
    let expected = fx
        .postings
        .iter()
        .filter(|p| p.organization.as_deref() == Some("WHO"))
        .count();
    let mut out = Vec::new();
    let n = fx
        .engine
        .export(&request, &mut out, ExportFormat::Csv, false)
        .unwrap();
    assert_eq!(n, expected as u64);
    let (_, rows) = parse_csv(std::str::from_utf8(&out).unwrap());
    assert_eq!(rows.len(), expected);
    assert!(rows.iter().all(|r| &r[2] == "WHO"));
    let mut out = Vec::new();
    fx.engine
        .export(&request, &mut out, ExportFormat::Jsonl, true)
        .unwrap();
    let lines: Vec<Posting> = std::str::from_utf8(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), expected);
    assert!(lines.iter().all(|p| !p.body.is_empty()));
    // Without the body: every other key of the posting, with its value.
    let mut out = Vec::new();
    fx.engine
        .export(&request, &mut out, ExportFormat::Jsonl, false)
        .unwrap();
    let text = std::str::from_utf8(&out).unwrap();
    assert_eq!(text.lines().count(), expected);
    for (line, whole) in text.lines().zip(&lines) {
        let line: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut whole = serde_json::to_value(whole).unwrap();
        whole.as_object_mut().unwrap().remove("body");
        assert_eq!(line, whole);
    }
}

#[test]
fn csv_export_neutralises_spreadsheet_formulas() {
    let dir = tempfile::TempDir::new().unwrap();
    let hostile = Posting {
        id: "formula-1".into(),
        title: Some("=HYPERLINK(\"http://evil.example\",\"Apply\")".into()),
        organization: Some("@SUM(A1:A9)".into()),
        unit: Some("-2+3".into()),
        department: Some("+cmd".into()),
        language: "en".into(),
        body: "Plain text body about audits.".into(),
        ..Posting::default()
    };
    common::write_index(dir.path(), std::slice::from_ref(&hostile));
    let engine = vacancy_search::search::Engine::open_manual(dir.path()).unwrap();
    let mut out = Vec::new();
    engine
        .export(&SearchRequest::default(), &mut out, ExportFormat::Csv, true)
        .unwrap();
    let (_, rows) = parse_csv(std::str::from_utf8(&out).unwrap());
    assert_eq!(rows.len(), 1);
    assert_eq!(
        &rows[0][1],
        "'=HYPERLINK(\"http://evil.example\",\"Apply\")"
    );
    assert_eq!(&rows[0][2], "'@SUM(A1:A9)");
    assert_eq!(&rows[0][4], "'-2+3");
    assert_eq!(&rows[0][5], "'+cmd");
    assert_eq!(&rows[0][0], "formula-1");
    assert_eq!(
        &rows[0][EXPORT_COLUMNS.len()],
        "Plain text body about audits."
    );
}

fn ids(response: &SearchResponse) -> Vec<&str> {
    response
        .hits
        .iter()
        .map(|h| h.posting.id.as_str())
        .collect()
}

/// A filter on a facet that is not counted narrows the query instead of being checked
/// posting by posting: the hits, the total and the other facets' counts stay those of the
/// search that counts every facet.
#[test]
fn filters_of_uncounted_facets_change_no_result() {
    let fx = fixture();
    let everything = fx.engine.search(&SearchRequest::default()).unwrap();
    let mut checked = 0;
    for facet in FacetField::ALL {
        let Some(values) = everything.facets.get(facet.name()) else {
            continue;
        };
        // The most frequent value, and two values at once when there are two.
        let picks: Vec<Vec<String>> = [1, 2]
            .iter()
            .filter(|n| values.len() >= **n)
            .map(|n| values[..*n].iter().map(|c| c.value.clone()).collect())
            .collect();
        for pick in picks {
            for query in ["", "programme"] {
                let mut full = SearchRequest {
                    query: query.to_owned(),
                    per_page: 50,
                    ..SearchRequest::default()
                };
                full.filters.insert(facet, pick.clone());
                let counted = fx.engine.search(&full).unwrap();
                let none = fx
                    .engine
                    .search(&SearchRequest {
                        facets: FacetSelection::none(),
                        ..full.clone()
                    })
                    .unwrap();
                let what = format!("{facet:?}={pick:?} q={query:?}");
                assert_eq!(none.total, counted.total, "{what}");
                assert_eq!(ids(&none), ids(&counted), "{what}");
                let other = if facet == FacetField::Grade {
                    FacetField::Organization
                } else {
                    FacetField::Grade
                };
                let one = fx
                    .engine
                    .search(&SearchRequest {
                        facets: other.name().parse().unwrap(),
                        ..full.clone()
                    })
                    .unwrap();
                assert_eq!(ids(&one), ids(&counted), "{what}");
                assert_eq!(
                    serde_json::to_value(&one.facets[other.name()]).unwrap(),
                    serde_json::to_value(&counted.facets[other.name()]).unwrap(),
                    "{what}"
                );
                let stats = fx.engine.stats(&full, &[other]).unwrap();
                assert_eq!(stats.total, counted.total, "{what}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "only {checked} filters tried");
}
