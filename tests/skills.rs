//! ESCO skills and occupations end to end: tagging at indexing, the `skill` and `occupation`
//! facets and filters, labels in the request's language, cross-language search by skill,
//! suggestions, stats and CSV export.

mod common;

use std::sync::Arc;

use common::{get, write_index};
use tempfile::TempDir;
use vacancy_search::search::{Engine, FacetField, SearchRequest};
use vacancy_search::server::{router, AppState, Settings};
use vacancy_search::Posting;

const PROJECT_MANAGEMENT: &str = "7111b95d-0ce3-441a-9d92-4c75d05c4388";
const ARABIC: &str = "33859d93-987c-4caa-a0a9-6159ea7bbc2a";
const FRENCH: &str = "e747e77e-0ea1-4001-8b07-1d11946b5f1b";

fn posting(id: &str, lang: &str, title: &str, body: &str) -> Posting {
    let mut p = Posting {
        id: id.into(),
        title: Some(title.into()),
        language: lang.into(),
        body: body.into(),
        region: Some("Africa".into()),
        ..Posting::default()
    };
    vacancy_search::skills::tag(&mut p);
    p
}

/// Postings written for these tests, in three languages.
fn postings() -> Vec<Posting> {
    vec![
        posting(
            "fr-1",
            "fr",
            "Chargé de programme",
            "Vous assurerez la gestion des projets du bureau régional. \
             Langues : maîtrise du français et de l'arabe exigée.",
        ),
        posting(
            "en-1",
            "en",
            "Programme Officer",
            "The incumbent is responsible for project management and reporting. \
             Fluency in English and Arabic is required.",
        ),
        posting(
            "es-1",
            "es",
            "Oficial de programas",
            "Experiencia en gestión de proyectos de cooperación. Dominio del francés.",
        ),
        posting(
            "en-2",
            "en",
            "Bus Driver",
            "The Organization is an equal opportunity employer and does not discriminate, \
             regardless of pregnancy. Resolutions of the General Assembly apply. \
             The driver collects open source information.",
        ),
        posting(
            "en-3",
            "en",
            "Accountant",
            "Prepare financial statements. A degree in statistics is an asset.",
        ),
    ]
}

struct Setup {
    _dir: TempDir,
    engine: Arc<Engine>,
    app: axum::Router,
}

fn setup() -> Setup {
    let dir = TempDir::new().unwrap();
    write_index(dir.path(), &postings());
    let engine = Arc::new(Engine::open_manual(dir.path()).unwrap());
    let app = router(AppState::with_engine(engine.clone(), Settings::default()));
    Setup {
        _dir: dir,
        engine,
        app,
    }
}

#[test]
fn tagging_finds_skills_in_each_language_and_skips_boilerplate() {
    let all = postings();
    for p in &all[..3] {
        assert!(
            p.skills.contains(&PROJECT_MANAGEMENT.to_owned()),
            "{}",
            p.id
        );
    }
    assert!(all[0].skills.contains(&ARABIC.to_owned()));
    assert!(all[0].skills.contains(&FRENCH.to_owned()));
    assert!(all[1].skills.contains(&ARABIC.to_owned()));
    assert!(all[2].skills.contains(&FRENCH.to_owned()));
    // Boilerplate and everyday words name no skill.
    let labels = english_labels(&all[3]);
    for word in ["pregnancy", "Assembly", "Source", "open source"] {
        assert!(!labels.contains(&word), "{word} in {labels:?}");
    }
    // A one-word label after a requirement cue is a skill.
    let statistics = "7ee4c2ea-b349-4bd2-81a3-ec31475d4833";
    assert!(all[4].skills.contains(&statistics.to_owned()));
    // Occupations from titles.
    assert!(all[3].occupation.is_some());
    assert!(all[4].occupation.is_some());
}

/// English labels of the skills `posting` is tagged with.
fn english_labels(posting: &Posting) -> Vec<&'static str> {
    let catalog = vacancy_search::skills::catalog();
    posting
        .skills
        .iter()
        .map(|id| {
            catalog
                .skill(id)
                .unwrap()
                .concept
                .label(vacancy_search::analysis::Lang::English)
        })
        .collect()
}

/// English labels of the skills tagged in `body` (an English posting).
fn labels_in(body: &str) -> Vec<&'static str> {
    english_labels(&posting("x", "en", "Officer", body))
}

#[test]
fn labels_inside_names_and_loose_phrases_are_not_skills() {
    // Inside capitalised names: a ministry, a unit, a region.
    let names = labels_in(
        "Liaise with the Ministry of Foreign Affairs and the Project Management Unit. \
         Experience in Latin America is an asset.",
    );
    for label in ["foreign affairs", "project management", "Latin"] {
        assert!(!names.contains(&label), "{label} in {names:?}");
    }
    // The same words as requirements are skills.
    let skills = labels_in(
        "Experience in project management and foreign affairs. Fluency in Latin and Greek.",
    );
    for label in ["foreign affairs", "project management", "Latin"] {
        assert!(skills.contains(&label), "{label} not in {skills:?}");
    }
    // Words between the label's words that the label does not hold.
    let loose = labels_in(
        "Create and act on opportunities. The following is a brief description. \
         Support the National Manager with inventory issues.",
    );
    for label in ["create an act", "follow a brief", "manage inventory"] {
        assert!(!loose.contains(&label), "{label} in {loose:?}");
    }
    // Recruitment statements name no skill.
    let hr =
        labels_in("Selected candidates undergo a background check of the provided information.");
    assert!(!hr.contains(&"provide information"), "{hr:?}");
}

#[test]
fn skill_filter_and_facet_labels_follow_the_request_language() {
    let s = setup();
    let request = SearchRequest {
        lang: Some(vacancy_search::analysis::Lang::French),
        ..SearchRequest::default()
    }
    .filter(FacetField::Skill, PROJECT_MANAGEMENT);
    let response = s.engine.search(&request).unwrap();
    let mut langs: Vec<&str> = response
        .hits
        .iter()
        .map(|h| h.posting.language.as_str())
        .collect();
    langs.sort_unstable();
    assert_eq!(langs, vec!["en", "es", "fr"]);
    let facet = &response.facets["skill"];
    let pm = facet
        .iter()
        .find(|c| c.value == PROJECT_MANAGEMENT)
        .unwrap();
    assert_eq!(pm.count, 3);
    assert_eq!(pm.label.as_deref(), Some("gestion de projets"));
    // Disjunctive: the skill facet still counts the other skills of every posting.
    assert!(facet.iter().any(|c| c.value == ARABIC && c.count == 2));
    let hit = &response.hits[0];
    assert!(hit
        .skills
        .iter()
        .any(|s| s.id == PROJECT_MANAGEMENT && s.label == "gestion de projets"));
}

#[test]
fn a_french_query_finds_english_and_spanish_postings_after_french_ones() {
    let s = setup();
    for (q, first) in [("gestion de projets", "fr"), ("gestión de proyectos", "es")] {
        let response = s.engine.search(&SearchRequest::new(q)).unwrap();
        assert_eq!(response.total, 3, "{q}");
        assert_eq!(response.hits[0].posting.language, first, "{q}");
        assert!(response.hits[0].score > response.hits[1].score);
        assert_eq!(response.recognized_skills[0].id, PROJECT_MANAGEMENT);
    }
}

#[tokio::test]
async fn http_facets_filters_suggestions_stats_and_export() {
    let s = setup();
    let body = get(
        &s.app,
        "/api/search?q=&lang=es&skill=33859d93-987c-4caa-a0a9-6159ea7bbc2a",
    )
    .await
    .json();
    assert_eq!(body["total"], 2);
    let arabic = body["facets"]["skill"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["value"] == ARABIC)
        .unwrap();
    assert_eq!(arabic["label"], "árabe");
    assert!(body["facets"]["occupation"].as_array().is_some());
    // Values of facets without labels carry none (not `"label": null`).
    let languages = body["facets"]["language"].as_array().unwrap();
    assert!(!languages.is_empty(), "{body}");
    for value in languages {
        assert!(value.get("label").is_none(), "{value}");
    }

    let reply = get(&s.app, "/api/search?lang=de").await;
    assert_eq!(reply.status, 400);
    let reply = get(&s.app, "/api/search?occupation=99999").await;
    assert_eq!(reply.status, 400);
    assert!(reply.text().contains("occupation"));

    // Occupation filters of any level.
    let all = get(&s.app, "/api/search?per_page=100").await.json();
    let majors = all["facets"]["occupation"].as_array().unwrap();
    let major = majors[0]["value"].as_str().unwrap().to_owned();
    assert_eq!(major.len(), 1);
    let filtered = get(&s.app, &format!("/api/search?occupation={major}"))
        .await
        .json();
    assert_eq!(filtered["total"], majors[0]["count"]);
    for hit in filtered["hits"].as_array().unwrap() {
        assert!(hit["occupation"]["isco"]
            .as_str()
            .unwrap()
            .starts_with(&major));
    }

    let suggestions = get(&s.app, "/api/skills?q=gestion%20de%20pro&lang=fr")
        .await
        .json();
    assert_eq!(suggestions[0]["label"], "gestion de projets");
    assert_eq!(get(&s.app, "/api/skills?q=").await.status, 400);
    assert_eq!(get(&s.app, "/api/skills?q=a&limit=0").await.status, 400);

    let stats = get(&s.app, "/api/stats?by=skill,region").await.json();
    assert!(stats["counts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["values"][0] == PROJECT_MANAGEMENT
            && c["values"][1] == "Africa"
            && c["count"] == 3));

    let csv = get(
        &s.app,
        "/api/export.csv?lang=fr&skill=7111b95d-0ce3-441a-9d92-4c75d05c4388",
    )
    .await
    .text();
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with("link,occupation,skills,skill_ids"),
        "{header}"
    );
    assert!(csv.contains("gestion de projets"));
    assert_eq!(csv.lines().count(), 4);
}

#[tokio::test]
async fn suggestions_name_only_skills_some_posting_holds_with_their_counts() {
    let s = setup();
    // ESCO has many skills starting so; the postings hold one of them.
    let found = get(&s.app, "/api/skills?q=gestion&lang=fr&limit=50")
        .await
        .json();
    let found = found.as_array().unwrap();
    assert!(found.len() < 10, "{found:?}");
    assert_eq!(found[0]["id"], PROJECT_MANAGEMENT, "{found:?}");
    assert_eq!(found[0]["label"], "gestion de projets");
    assert_eq!(found[0]["count"], 3);
    assert!(found[0].get("matched").is_none());
    // Each count is what the skill filter finds, in every language.
    for (q, lang) in [
        ("gestion", "fr"),
        ("fran", "es"),
        ("arab", "en"),
        ("stat", "en"),
    ] {
        let found = get(&s.app, &format!("/api/skills?q={q}&lang={lang}"))
            .await
            .json();
        let found = found.as_array().unwrap();
        assert!(!found.is_empty(), "{q}");
        for skill in found {
            let id = skill["id"].as_str().unwrap();
            let filtered = get(&s.app, &format!("/api/search?skill={id}&open=false"))
                .await
                .json();
            assert_eq!(filtered["total"], skill["count"], "{q}: {skill}");
        }
    }
    let risk = "/api/skills?q=gestion%20des%20ri&lang=fr";
    assert_eq!(get(&s.app, risk).await.json(), serde_json::json!([]));

    // A new generation of the index: counts follow it.
    let mut indexer = vacancy_search::indexer::Indexer::open(s._dir.path()).unwrap();
    for (id, body) in [
        (
            "fr-2",
            "Vous assurerez la gestion des risques du programme.",
        ),
        (
            "fr-3",
            "Vous assurerez la gestion des conflits au sein des équipes.",
        ),
    ] {
        indexer
            .upsert(&posting(id, "fr", "Chargé de programme", body))
            .unwrap();
    }
    indexer.finish().unwrap();
    s.engine.reload().unwrap();
    let found = get(&s.app, risk).await.json();
    assert_eq!(found[0]["label"], "gestion des risques", "{found}");
    assert_eq!(found[0]["count"], 1);
    // An alternative label typed: the preferred label shown, the one typed named.
    let found = get(&s.app, "/api/skills?q=gestion%20des%20diff&lang=fr")
        .await
        .json();
    assert_eq!(found[0]["label"], "gestion des conflits", "{found}");
    assert_eq!(found[0]["matched"], "gestion des différends");
    assert_eq!(found[0]["count"], 1);
}

#[test]
fn spanish_speakers_and_identity_checks_are_not_skills() {
    let tagged = |body: &str| english_labels(&posting("x", "es", "Oficial", body));
    // A language describing who speaks it, in a sentence about languages.
    let places = tagged("Idiomas de la región: el programa cubre el Caribe de habla inglesa.");
    assert!(!places.contains(&"English"), "{places:?}");
    let asked = tagged("Idiomas: dominio del inglés y del francés.");
    assert!(asked.contains(&"English"), "{asked:?}");
    // Identity and background checks of candidates name no skill.
    let check = tagged("Su identificación será comprobada en las bases de datos públicas.");
    assert!(!check.contains(&"database"), "{check:?}");
    let skill = tagged("Experiencia en el diseño de bases de datos públicas.");
    assert!(skill.iter().any(|l| l.contains("database")), "{skill:?}");
}
