//! Shared helpers for the integration tests: a small index written here, the router over it,
//! request helpers, and reading back every stored posting of an index.

#![allow(dead_code)]

pub mod process;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use chrono::NaiveDate;
use http_body_util::BodyExt;
use tempfile::TempDir;
use tower::ServiceExt;
use vacancy_search::indexer::Indexer;
use vacancy_search::search::Engine;
use vacancy_search::server::{router, AppState, Settings};
use vacancy_search::Posting;

/// Number of generated filler postings.
pub const FILLER: usize = 30;

/// A day.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The test corpus: a few hand-written postings for ranking, morphology and escaping, then
/// generated ones with varied facets and dates.
pub fn postings() -> Vec<Posting> {
    let mut out = vec![
        Posting {
            id: "hydro-title".into(),
            title: Some("Senior Hydrologist".into()),
            organization: Some("WMO".into()),
            grade: Some("P4".into()),
            duty_station: Some("Geneva".into()),
            country: Some("CHE".into()),
            region: Some("Europe".into()),
            subregion: Some("Western Europe".into()),
            contract_type: Some("fixed-term".into()),
            language: "en".into(),
            published: Some(day(2025, 3, 1)),
            closing: Some(day(2099, 5, 1)),
            body: "Leads the river basin monitoring network and trains national staff.".into(),
            ..Posting::default()
        },
        Posting {
            id: "hydro-body".into(),
            title: Some("Programme Officer".into()),
            organization: Some("UNEP".into()),
            grade: Some("P3".into()),
            duty_station: Some("Nairobi".into()),
            country: Some("KEN".into()),
            region: Some("Africa".into()),
            subregion: Some("Eastern Africa".into()),
            contract_type: Some("temporary".into()),
            language: "en".into(),
            published: Some(day(2025, 3, 2)),
            closing: Some(day(2099, 4, 1)),
            body: "Coordinates projects on land use; works with a hydrologist from time to time."
                .into(),
            ..Posting::default()
        },
        Posting {
            id: "fr-competences".into(),
            title: Some("Chargé de la formation".into()),
            organization: Some("OIT".into()),
            grade: Some("P2".into()),
            duty_station: Some("Dakar".into()),
            country: Some("SEN".into()),
            region: Some("Africa".into()),
            subregion: Some("Western Africa".into()),
            contract_type: Some("fixed-term".into()),
            language: "fr".into(),
            published: Some(day(2025, 2, 10)),
            closing: None,
            body: "Le titulaire renforcera les compétences des formateurs et soutiendra \
                   l'emploi des jeunes dans la région."
                .into(),
            ..Posting::default()
        },
        Posting {
            id: "html-body".into(),
            title: Some("Security Analyst".into()),
            organization: Some("ITU".into()),
            grade: Some("P3".into()),
            duty_station: Some("Geneva".into()),
            country: Some("CHE".into()),
            region: Some("Europe".into()),
            subregion: Some("Western Europe".into()),
            contract_type: Some("consultancy".into()),
            language: "en".into(),
            published: Some(day(2025, 1, 5)),
            closing: Some(day(2001, 1, 5)),
            body: "Reviews pages such as <script>alert(1)</script> for malware & phishing.".into(),
            ..Posting::default()
        },
    ];
    let grades = ["P2", "P3", "P4", "G5", "NOB"];
    let orgs = ["WHO", "UNDP", "FAO"];
    let places = [
        ("Paris", "FRA", "Europe", "Western Europe"),
        ("Nairobi", "KEN", "Africa", "Eastern Africa"),
        ("Geneva", "CHE", "Europe", "Western Europe"),
        ("Bangkok", "THA", "Asia", "South-eastern Asia"),
    ];
    let contracts = ["fixed-term", "temporary", "consultancy", "internship"];
    let units = ["Water", "Health", "Finance"];
    for i in 0..FILLER {
        let (station, country, region, subregion) = places[i % places.len()];
        let (language, title, body) = match i % 3 {
            0 => (
                "en",
                "Programme Officer",
                "The officer supports water and sanitation projects in the field.",
            ),
            1 => (
                "fr",
                "Chargé de programme",
                "Le titulaire appuie les projets d'eau et d'assainissement sur le terrain.",
            ),
            _ => (
                "es",
                "Oficial de programas",
                "La persona apoya los proyectos de agua y saneamiento sobre el terreno.",
            ),
        };
        let n = i as u64;
        out.push(Posting {
            id: format!("gen-{i:02}"),
            title: Some(format!("{title} {i}")),
            organization: Some(orgs[i % orgs.len()].into()),
            grade: Some(grades[i % grades.len()].into()),
            unit: Some(units[i % units.len()].into()),
            department: (i % 2 == 0).then(|| "Operations".to_owned()),
            duty_station: Some(station.into()),
            country: Some(country.into()),
            region: Some(region.into()),
            subregion: Some(subregion.into()),
            contract_type: Some(contracts[i % contracts.len()].into()),
            language: language.into(),
            published: Some(day(2024, 1, 1) + chrono::Days::new(n * 3)),
            closing: match i % 3 {
                0 => Some(day(2001, 6, 1) + chrono::Days::new(n)),
                1 => Some(day(2099, 1, 1) + chrono::Days::new(n * 2)),
                _ => None,
            },
            body: format!("{body} Ref {i}."),
            ..Posting::default()
        });
    }
    out
}

/// A posting with only an id, a language, a title and a body.
pub fn posting(id: &str, lang: &str, title: &str, body: &str) -> Posting {
    Posting {
        id: id.into(),
        title: Some(title.into()),
        language: lang.into(),
        body: body.into(),
        ..Posting::default()
    }
}

/// Writes `postings` into a new index in `dir`.
pub fn write_index(dir: &std::path::Path, postings: &[Posting]) {
    let mut indexer = Indexer::open(dir).unwrap();
    for p in postings {
        indexer.upsert(p).unwrap();
    }
    indexer.finish().unwrap();
}

/// Indexes the bundled `corpus/` into `dir`.
pub fn index_corpus(dir: &std::path::Path) {
    let corpus = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    vacancy_search::ingest::index_paths(
        dir,
        &[corpus],
        vacancy_search::ingest::COMMIT_EVERY,
        |_| {},
    )
    .expect("the corpus indexes");
}

/// An index of [`postings`] with the router over it.
pub struct Fixture {
    /// Keeps the index directory alive.
    pub dir: TempDir,
    /// The open engine (manual reload).
    pub engine: Arc<Engine>,
    /// The router's state.
    pub state: AppState,
    /// The router.
    pub app: Router,
    /// What was indexed.
    pub postings: Vec<Posting>,
}

/// Builds a fresh [`Fixture`] with default settings.
pub fn fixture() -> Fixture {
    fixture_with(Settings::default())
}

/// Builds a fresh [`Fixture`] with `settings`.
pub fn fixture_with(settings: Settings) -> Fixture {
    let dir = TempDir::new().unwrap();
    let postings = postings();
    write_index(dir.path(), &postings);
    let engine = Arc::new(Engine::open_manual(dir.path()).unwrap());
    // Built now rather than by the first search of a test that times its requests.
    vacancy_search::skills::build_taggers();
    let state = AppState::with_engine(engine.clone(), settings);
    let app = router(state.clone());
    Fixture {
        dir,
        engine,
        state,
        app,
        postings,
    }
}

/// A response taken apart.
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON (panics, showing the body, if it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {}: body is not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Sends `request` to `app`.
pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes().to_vec();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// `GET uri`.
pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// Every live posting stored in the index in `dir`, read back from its last commit through
/// a searcher (the stored record of each live document, in index order).
pub fn stored_postings(dir: &std::path::Path) -> Vec<Posting> {
    let (index, _) = vacancy_search::store::open_index(dir).unwrap();
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .unwrap();
    stored_postings_of(&reader.searcher())
}

/// Every live posting seen by `searcher`.
pub fn stored_postings_of(searcher: &tantivy::Searcher) -> Vec<Posting> {
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let address = tantivy::DocAddress::new(ord as u32, doc);
            out.push(vacancy_search::schema::read_posting(searcher, address).unwrap());
        }
    }
    out
}

/// Cases per proptest property: `PROPTEST_CASES` from the environment when set (for long
/// runs), else `default`.
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A temporary directory in memory (`/dev/shm`) when there is one, so that the many commits of
/// property tests do not wait for disk syncs; else an ordinary temporary directory.
pub fn ram_tempdir() -> TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::tempdir_in(shm) {
            return dir;
        }
    }
    TempDir::new().unwrap()
}

/// Called when a test's prerequisite that `.ci/run` installs (Chromium, chromedriver) is
/// missing: under `CI=true` the run fails, so that a CI machine without it cannot pass by
/// skipping; elsewhere (a laptop) the test says what it skipped and returns.
pub fn missing_prerequisite(what: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!("{what}: required under CI=true (.ci/run installs it)");
    }
    println!("skipped: {what}");
}

/// Called when the reference files of `../shared` (the seed notice, the shared feed) are
/// missing: they sit beside the repository, not in it, and no set-up step can install them,
/// so the test says what it skipped and returns, under `CI=true` too.
pub fn shared_missing(what: &str) {
    println!("skipped: {what} (the reference files of ../shared are not beside this clone)");
}
