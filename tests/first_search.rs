//! The first search of a process answers as every later one does: it recognises the skills
//! its query names even while the skill taggers are still being built (kept alone in this
//! file, so that no earlier test of the process has built them).

mod common;

use vacancy_search::search::{Engine, SearchRequest};

#[test]
fn the_first_search_of_a_process_recognises_skills() {
    let postings = vec![
        // German postings: indexing them builds no tagger (ESCO labels are read in English,
        // French and Spanish), so the engine's warm-up is the first to build any.
        common::posting(
            "de-1",
            "de",
            "Logistik",
            "Logistique: Planung der Lager und der Beschaffung im Landesbüro.",
        ),
        common::posting(
            "de-2",
            "de",
            "Einkauf",
            "Beschaffung und Verträge im Landesbüro.",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    common::write_index(dir.path(), &postings);
    // Opening the engine starts building the taggers in the background.
    let engine = Engine::open_manual(dir.path()).unwrap();
    let first = engine.search(&SearchRequest::new("logistique")).unwrap();
    let later = engine.search(&SearchRequest::new("logistique")).unwrap();
    assert!(!first.recognized_skills.is_empty(), "{first:?}");
    assert_eq!(first.recognized_skills, later.recognized_skills);
    assert_eq!(first.total, later.total);
}
