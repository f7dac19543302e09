//! Ranking in the searcher's language (issue #12): query language, proximity, variant
//! classes, typos, acronyms. One small index of postings written for these tests.

mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use common::posting;
use vacancy_search::analysis::Lang;
use vacancy_search::search::{Engine, SearchRequest, SearchResponse};
use vacancy_search::Posting;

/// Postings in three languages, a few per subject so that every language has a vocabulary.
fn postings() -> Vec<Posting> {
    vec![
        posting("es-prot", "es", "Oficial de protección social",
            "La organización busca un oficial de protección social para programas sociales y capacitación de equipos en Nairobi."),
        posting("es-inv", "es", "Asistente de investigación",
            "Apoyo a la investigación y a las organizaciones comunitarias; capacitaciones en campo."),
        posting("es-vbg", "es", "Especialista en violencia de género",
            "Prevención y respuesta; coordinación con organizaciones de mujeres y evaluación de proyectos."),
        posting("es-coord", "es", "Coordinador de proyecto",
            "Coordinación del proyecto, gestión de la organización y de los socios."),
        posting("es-eco", "es", "Economista",
            "Análisis económico y estadísticas para la organización regional."),
        posting("fr-prot", "fr", "Chargé de protection sociale",
            "Les programmes sociaux et la protection sociale des ménages; l'organisation recherche un profil à Nairobi."),
        posting("fr-cva", "fr", "Spécialiste des transferts monétaires",
            "Conception des transferts monétaires pour les ménages vulnérables; évaluation des marchés."),
        posting("fr-coord", "fr", "Coordinateur de programme",
            "Le coordinateur assure la coordination du programme et l'évaluation des activités."),
        posting("fr-eco", "fr", "Économiste",
            "L'économiste produit des analyses économiques et des statistiques pour l'organisation."),
        posting("fr-smsps", "fr", "Psychologue",
            "Activités de santé mentale et soutien psychosocial dans les camps; évaluations."),
        posting("en-supply", "en", "Supply Chain Officer",
            "Manages the supply chain of the country office in Nairobi."),
        posting("en-apart", "en", "Finance Assistant",
            "Budgets and supply of stationery. Supply forecasts. In another paragraph: the chain of command, chain of custody."),
        posting("en-gbv", "en", "GBV Specialist",
            "Leads the response programme for survivors; humanitarian coordination."),
        posting("en-gbv-long", "en", "Protection Officer",
            "Works on gender-based violence prevention with partners; humanitarian response."),
        posting("en-agri-1", "en", "Agriculture Officer", "Agriculture and food systems; statistics."),
        posting("en-agri-2", "en", "Agricultural Economist", "Agriculture markets and agricultural policy."),
        posting("en-agri-3", "en", "Programme Officer", "Rural agriculture projects and humanitarian work."),
        posting("en-cva", "en", "CVA Officer", "Cash programmes for displaced households."),
        posting("en-mhpss", "en", "Counsellor", "Mental health and psychosocial support in the camps."),
        posting("en-km", "en", "Knowledge Management Officer", "Knowledge management and learning products."),
        posting("en-coord", "en", "Programme Coordinator", "Coordination of humanitarian programmes; statistics."),
    ]
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let dir = common::ram_tempdir();
            common::write_index(dir.path(), &postings());
            let engine = Engine::open_manual(dir.path()).unwrap();
            (dir, engine)
        })
        .1
}

fn search(query: &str) -> SearchResponse {
    engine().search(&SearchRequest::new(query)).unwrap()
}

fn ids(query: &str) -> Vec<String> {
    search(query)
        .hits
        .into_iter()
        .map(|h| h.posting.id)
        .collect()
}

fn id_set(query: &str) -> BTreeSet<String> {
    ids(query).into_iter().collect()
}

#[test]
fn the_query_language_is_inferred_or_neutral() {
    let lang = |q: &str| search(q).query_language;
    assert_eq!(lang("protección social").as_deref(), Some("es"));
    assert_eq!(lang("coordinateur").as_deref(), Some("fr"));
    assert_eq!(lang("asistente de investigacion").as_deref(), Some("es"));
    assert_eq!(lang("supply chain").as_deref(), Some("en"));
    for neutral in ["P3", "Nairobi", "2024"] {
        assert_eq!(lang(neutral), None, "{neutral}");
    }
}

#[test]
fn lang_and_accept_language_set_the_query_language() {
    let request = SearchRequest {
        lang: Some(Lang::French),
        ..SearchRequest::new("protección social")
    };
    assert_eq!(
        engine().search(&request).unwrap().query_language.as_deref(),
        Some("fr")
    );
    let request = SearchRequest {
        accept_lang: Some(Lang::Spanish),
        ..SearchRequest::new("Nairobi")
    };
    let response = engine().search(&request).unwrap();
    assert_eq!(response.query_language.as_deref(), Some("es"));
    assert_eq!(response.hits[0].posting.id, "es-prot");
    // The words decide before the header does.
    let request = SearchRequest {
        accept_lang: Some(Lang::English),
        ..SearchRequest::new("coordinateur")
    };
    assert_eq!(
        engine().search(&request).unwrap().query_language.as_deref(),
        Some("fr")
    );
}

#[test]
fn postings_in_the_query_language_come_first() {
    let found = ids("protección social");
    assert_eq!(found[0], "es-prot", "{found:?}");
    let found = ids("protection sociale");
    assert_eq!(found[0], "fr-prot", "{found:?}");
    // `sociales` is Spanish and French: the searcher's language decides which comes first.
    let first = |lang| {
        let request = SearchRequest {
            lang: Some(lang),
            ..SearchRequest::new("sociales")
        };
        engine().search(&request).unwrap().hits[0]
            .posting
            .id
            .clone()
    };
    assert_eq!(first(Lang::Spanish), "es-prot");
    assert_eq!(first(Lang::French), "fr-prot");
}

#[test]
fn words_together_rank_above_words_apart() {
    let found = ids("supply chain");
    assert_eq!(found, vec!["en-supply", "en-apart"]);
    let found = ids("knowledge management");
    assert_eq!(found[0], "en-km");
}

#[test]
fn variant_classes_return_identical_sets() {
    let classes: &[&[&str]] = &[
        &[
            "organización",
            "organizacion",
            "organizaciones",
            "ORGANIZACIÓN",
        ],
        &["capacitación", "capacitaciones", "capacitacion"],
        &["investigación", "investigacion", "investigaciones"],
        &["économiste", "economiste", "économistes"],
        &["évaluation", "evaluation", "évaluations", "l'évaluation"],
        &["coordinateur", "coordinateurs"],
        &["statistics", "statistic"],
        &["officer", "officers", "officer's", "Officer"],
    ];
    for class in classes {
        let first = id_set(class[0]);
        assert!(!first.is_empty(), "{}", class[0]);
        for variant in &class[1..] {
            assert_eq!(id_set(variant), first, "{variant} vs {}", class[0]);
        }
    }
}

#[test]
fn typos_find_the_intended_postings_below_exact_matches() {
    for (typo, intended) in [
        ("agricultre", "en-agri-1"),
        ("humanitarain", "en-gbv"),
        ("statistcs", "en-agri-1"),
        ("coordinatuer", "fr-coord"),
        ("évaluaton", "fr-coord"),
        ("psychosocail", "en-mhpss"),
    ] {
        let found = ids(typo);
        assert!(found.contains(&intended.to_owned()), "{typo}: {found:?}");
    }
    let response = search("agricultre");
    assert_eq!(response.did_you_mean.as_deref(), Some("agriculture"));
    assert_eq!(response.total, 3);
    // A correct word is not corrected; numbers and codes never are.
    assert_eq!(search("agriculture").did_you_mean, None);
    assert_eq!(search("P33").total, 0);
    assert_eq!(search("UNDPP").did_you_mean, None);
}

#[test]
fn acronyms_find_expansions_and_the_reverse_in_three_languages() {
    let gbv = id_set("GBV");
    for id in ["en-gbv", "en-gbv-long", "es-vbg"] {
        assert!(gbv.contains(id), "GBV: {gbv:?}");
    }
    assert!(id_set("violencia de género").contains("en-gbv"));
    assert!(id_set("gender-based violence").contains("es-vbg"));
    let cva = id_set("CVA");
    assert!(cva.contains("fr-cva"), "{cva:?}");
    assert!(id_set("transferts monétaires").contains("en-cva"));
    assert!(id_set("cash and voucher assistance").contains("en-cva"));
    let mhpss = id_set("MHPSS");
    assert!(
        mhpss.contains("en-mhpss") && mhpss.contains("fr-smsps"),
        "{mhpss:?}"
    );
    assert!(id_set("SMSPS").contains("en-mhpss"));
}

#[test]
fn synonym_phrases_found_then_read_back_rank_the_same() {
    // A fresh engine: its first search of each query finds the phrase forms' matches, the
    // second reads them back (see `search::phrase_matches`).
    let dir = common::ram_tempdir();
    common::write_index(dir.path(), &postings());
    let engine = Engine::open_manual(dir.path()).unwrap();
    let ranked = |query: &str| {
        let response = engine.search(&SearchRequest::new(query)).unwrap();
        let hits: Vec<(String, u32)> = response
            .hits
            .iter()
            .map(|h| (h.posting.id.clone(), h.score.to_bits()))
            .collect();
        (response.total, hits)
    };
    for query in [
        "GBV",
        "MHPSS",
        "CVA",
        "violencia de género",
        "transferts monétaires",
    ] {
        let first = ranked(query);
        assert!(first.0 > 0, "{query}");
        assert_eq!(ranked(query), first, "{query}");
    }
}
