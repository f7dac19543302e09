//! The library's search, end to end on a small index built in the test.

mod common;

use chrono::NaiveDate;
use common::posting;
use vacancy_search::indexer::{Indexer, Upsert};
use vacancy_search::search::{Engine, FacetField, SearchRequest, SortOrder};
use vacancy_search::Posting;

fn date(s: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

fn sample() -> Vec<Posting> {
    let mut p1 = posting(
        "fr-1",
        "fr",
        "Responsable technique en compétences",
        "Le titulaire renforcera les compétences et la formation professionnelle. Il s'agit de l'emploi des jeunes.",
    );
    p1.grade = Some("P2".into());
    p1.published = date("2026-05-14");
    p1.closing = date("2099-06-03");
    let mut p2 = posting(
        "fr-2",
        "fr",
        "Assistant administratif",
        "Gestion de projet et appui. Une compétence en statistique est souhaitée.",
    );
    p2.grade = Some("G5".into());
    p2.published = date("2026-03-01");
    p2.closing = date("2001-01-01");
    let mut p3 = posting(
        "en-1",
        "en",
        "Supply chain officer",
        "Manage the supply chain of the country office. <script>alert(1)</script>",
    );
    p3.grade = Some("P3".into());
    p3.published = date("2026-07-01");
    let mut p4 = posting(
        "en-2",
        "en",
        "Finance assistant",
        &("Long body about budgets. ".repeat(40) + "Some supply chain knowledge helps."),
    );
    p4.grade = Some("P2".into());
    p4.published = date("2026-01-01");
    p4.closing = date("2099-01-01");
    let p5 = posting(
        "es-1",
        "es",
        "Coordinador de proyecto",
        "Protección de la infancia e investigación.",
    );
    vec![p1, p2, p3, p4, p5]
}

fn build(postings: &[Posting]) -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let mut indexer = Indexer::open(dir.path()).unwrap();
    for p in postings {
        indexer.upsert(p).unwrap();
    }
    indexer.finish().unwrap();
    let engine = Engine::open_manual(dir.path()).unwrap();
    (dir, engine)
}

/// `count` postings with the same text, ids `{prefix}-0`, `{prefix}-1`...
fn copies(
    count: usize,
    prefix: &str,
    lang: &str,
    title: &str,
    body: &str,
) -> impl Iterator<Item = Posting> {
    let (prefix, lang, title, body) = (
        prefix.to_owned(),
        lang.to_owned(),
        title.to_owned(),
        body.to_owned(),
    );
    (0..count).map(move |n| posting(&format!("{prefix}-{n}"), &lang, &title, &body))
}

fn ids(engine: &Engine, request: &SearchRequest) -> Vec<String> {
    engine
        .search(request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.posting.id)
        .collect()
}

#[test]
fn french_morphology_and_accents() {
    let (_dir, engine) = build(&sample());
    let mut found = ids(&engine, &SearchRequest::new("competences"));
    found.sort();
    assert_eq!(found, vec!["fr-1", "fr-2"]);
    assert_eq!(ids(&engine, &SearchRequest::new("emploi")), vec!["fr-1"]);
    assert_eq!(ids(&engine, &SearchRequest::new("l'emploi")), vec!["fr-1"]);
    assert_eq!(
        ids(&engine, &SearchRequest::new("formations professionnelles")),
        vec!["fr-1"]
    );
    assert_eq!(
        ids(&engine, &SearchRequest::new("\"gestion de projet\"")),
        vec!["fr-2"]
    );
    assert_eq!(
        ids(&engine, &SearchRequest::new("proteccion investigacion")),
        vec!["es-1"]
    );
}

#[test]
fn a_text_starting_like_pre_analysed_terms_is_indexed_as_text() {
    // A feed's JSON can hold `\u0000`: the text must not be read as the indexer's own
    // pre-analysed form (marker, then one term per word).
    let marker = vacancy_search::analysis::pre_analysed::MARKER;
    let postings = vec![
        posting(
            "de-1",
            "de",
            &format!("{marker}Wasserexperte Gebiet"),
            &format!("{marker}Die Stelle umfasst die Wasserversorgung im Gebiet."),
        ),
        posting(
            "en-1",
            "en",
            "Hydrologist",
            &format!("{marker}The post covers water supply in the region."),
        ),
    ];
    let (_dir, engine) = build(&postings);
    for word in ["stelle", "wasserversorgung", "wasserexperte", "gebiet"] {
        assert_eq!(
            ids(&engine, &SearchRequest::new(word)),
            vec!["de-1"],
            "{word}"
        );
    }
    assert_eq!(ids(&engine, &SearchRequest::new("covers")), vec!["en-1"]);
}

#[test]
fn title_match_ranks_above_body_match() {
    let (_dir, engine) = build(&sample());
    assert_eq!(
        ids(&engine, &SearchRequest::new("supply chain")),
        vec!["en-1", "en-2"]
    );
    assert_eq!(
        ids(&engine, &SearchRequest::new("supply -finance")),
        vec!["en-1"]
    );
    assert_eq!(ids(&engine, &SearchRequest::new("-budgets")).len(), 4);
}

#[test]
fn snippets_mark_matches_and_escape_text() {
    let (_dir, engine) = build(&sample());
    let response = engine.search(&SearchRequest::new("country")).unwrap();
    let snippet = &response.hits[0].snippet;
    assert!(snippet.contains("<mark>country</mark>"), "{snippet}");
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    assert!(!snippet.contains("<script>"), "{snippet}");
}

#[test]
fn snippets_find_matches_deep_in_long_bodies_through_accents() {
    // The only match sits after 9 kB of filler, with an accent and a capital the query
    // lacks; `générale` and `coordination` share letters with the query but not its start.
    let filler = "Le titulaire assure la coordination générale du bureau. ".repeat(160);
    let body = format!("{filler}Les Évaluations annuelles sont publiées. {filler}");
    let (_dir, engine) = build(&[posting("fr-long", "fr", "Poste de bureau", &body)]);
    let response = engine.search(&SearchRequest::new("evaluation")).unwrap();
    assert_eq!(response.total, 1);
    let snippet = &response.hits[0].snippet;
    assert!(snippet.contains("<mark>Évaluations</mark>"), "{snippet}");

    // A title-only match shows the start of the body.
    let response = engine.search(&SearchRequest::new("poste")).unwrap();
    let snippet = &response.hits[0].snippet;
    assert!(snippet.starts_with("Le titulaire assure"), "{snippet}");
    assert!(!snippet.contains("<mark>"), "{snippet}");
}

#[test]
fn disjunctive_facet_counts() {
    let postings = sample();
    let (_dir, engine) = build(&postings);
    let request = SearchRequest::new("").filter(FacetField::Grade, "P2");
    let response = engine.search(&request).unwrap();
    assert_eq!(response.total, 2);
    let grades = &response.facets["grade"];
    let count = |v: &str| grades.iter().find(|c| c.value == v).map_or(0, |c| c.count);
    // The grade facet ignores its own filter.
    for g in ["P2", "P3", "G5"] {
        let expected = postings
            .iter()
            .filter(|p| p.grade.as_deref() == Some(g))
            .count() as u64;
        assert_eq!(count(g), expected, "{g}");
    }
    // Other facets count only the filtered hits.
    let langs = &response.facets["language"];
    assert_eq!(langs.iter().map(|c| c.count).sum::<u64>(), 2);
}

#[test]
fn open_only_and_sorting() {
    let (_dir, engine) = build(&sample());
    let mut open = SearchRequest::new("");
    open.open_on = date("2026-11-29");
    open.sort = SortOrder::Closing;
    // An unknown closing date counts as open for 60 days after publication (en-1 was
    // published 151 days before), never without a publication date (es-1).
    assert_eq!(ids(&engine, &open), vec!["en-2", "fr-1"]);
    let (_dir2, longer) = build(&sample());
    let longer = longer.with_unknown_closing_days(200);
    // Unknown closing dates sort last.
    assert_eq!(ids(&longer, &open), vec!["en-2", "fr-1", "en-1"]);
    let newest = SearchRequest::new("");
    assert_eq!(
        ids(&engine, &newest),
        vec!["en-1", "fr-1", "fr-2", "en-2", "es-1"]
    );
}

/// A search ranked by score whose only check is its days (`open=true`, bounds on publication
/// and closing) keeps and counts exactly the matches its days hold: total, facet counts and
/// hits against the postings' own dates, open postings without a closing date included for a
/// while after publication, never without a publication date. Half the postings match, so
/// the matches are counted one by one, not by complement.
#[test]
fn matches_bounded_in_days_are_kept_and_counted_as_their_dates_say() {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut postings = Vec::new();
    for i in 0..300u32 {
        let matching = i % 2 == 0;
        let (title, body) = if matching {
            (
                "Programme officer",
                "officer duties ".repeat(i as usize % 4 + 1),
            )
        } else {
            ("Driver", "driving duties".to_owned())
        };
        let mut p = posting(&format!("p-{i}"), "en", title, &body);
        p.grade = Some(["P2", "P3", "P4"][i as usize % 3].into());
        p.published = (i % 11 != 0).then(|| start + chrono::Days::new(u64::from(i * 7 % 200)));
        p.closing = (i % 5 != 0)
            .then(|| p.published.unwrap_or(start) + chrono::Days::new(u64::from(i * 13 % 90)));
        postings.push(p);
    }
    let (_dir, engine) = build(&postings);
    let engine = engine.with_unknown_closing_days(60);
    let matching: Vec<&Posting> = postings.iter().step_by(2).collect();
    let open_on = date("2026-05-01").unwrap();
    let in_days = |p: &Posting, request: &SearchRequest| {
        let after = |bound: Option<NaiveDate>, day: Option<NaiveDate>| {
            bound.is_none_or(|b| day.is_some_and(|d| d >= b))
        };
        let before = |bound: Option<NaiveDate>, day: Option<NaiveDate>| {
            bound.is_none_or(|b| day.is_some_and(|d| d <= b))
        };
        let open = request.open_on.is_none_or(|today| match p.closing {
            Some(closing) => closing >= today,
            None => p
                .published
                .is_some_and(|d| d + chrono::Days::new(60) >= today),
        });
        open && after(request.published_after, p.published)
            && before(request.published_before, p.published)
            && after(request.closing_after, p.closing)
            && before(request.closing_before, p.closing)
    };
    let mut open = SearchRequest::new("officer");
    open.open_on = Some(open_on);
    let mut published = SearchRequest::new("officer");
    published.published_after = date("2026-03-01");
    published.published_before = date("2026-05-31");
    let mut both = published.clone();
    both.open_on = Some(open_on);
    both.closing_before = date("2026-07-15");
    for mut request in [open, published, both] {
        request.per_page = 100;
        let expected: Vec<&Posting> = matching
            .iter()
            .copied()
            .filter(|p| in_days(p, &request))
            .collect();
        assert!(
            expected.len() > 10 && expected.len() + 10 < matching.len(),
            "a bound that keeps some: {}",
            expected.len()
        );
        let response = engine.search(&request).unwrap();
        assert_eq!(response.total, expected.len() as u64);
        assert_eq!(response.hits.len(), expected.len().min(100));
        for hit in &response.hits {
            assert!(
                expected.iter().any(|p| p.id == hit.posting.id),
                "{} outside the days",
                hit.posting.id
            );
        }
        for grade in ["P2", "P3", "P4"] {
            let want = expected
                .iter()
                .filter(|p| p.grade.as_deref() == Some(grade))
                .count() as u64;
            let got = response.facets["grade"]
                .iter()
                .find(|c| c.value == grade)
                .map_or(0, |c| c.count);
            assert_eq!(got, want, "{grade}");
        }
    }
}

#[test]
fn pagination_has_no_gaps_or_overlaps() {
    let (_dir, engine) = build(&sample());
    let mut all = Vec::new();
    for page in 1..=3 {
        let mut request = SearchRequest::new("");
        request.per_page = 2;
        request.page = page;
        all.extend(ids(&engine, &request));
    }
    assert_eq!(all, ids(&engine, &SearchRequest::new("")));
}

#[test]
fn upsert_replaces_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let postings = sample();
    for round in 0..3 {
        let mut indexer = Indexer::open(dir.path()).unwrap();
        for p in &postings {
            let expected = if round == 0 {
                Upsert::Added
            } else {
                Upsert::Replaced
            };
            assert_eq!(indexer.upsert(p).unwrap(), expected);
        }
        indexer.finish().unwrap();
    }
    let engine = Engine::open_manual(dir.path()).unwrap();
    assert_eq!(engine.num_docs(), postings.len() as u64);
    let mut changed = postings[0].clone();
    changed.title = Some("Nouveau titre".into());
    let mut indexer = Indexer::open(dir.path()).unwrap();
    assert_eq!(indexer.upsert(&changed).unwrap(), Upsert::Replaced);
    assert_eq!(indexer.upsert(&changed).unwrap(), Upsert::Replaced);
    indexer.finish().unwrap();
    engine.reload().unwrap();
    assert_eq!(engine.num_docs(), postings.len() as u64);
    assert_eq!(
        engine.posting("fr-1").unwrap().unwrap().title.as_deref(),
        Some("Nouveau titre")
    );
}

#[test]
fn second_writer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Indexer::open(dir.path()).unwrap();
    let second = Indexer::open(dir.path());
    assert!(matches!(second, Err(vacancy_search::Error::IndexLocked(_))));
}

#[test]
fn no_posting_with_every_word_relaxes_to_any_word() {
    let (_dir, engine) = build(&sample());
    let strict = engine.search(&SearchRequest::new("statistique")).unwrap();
    assert!(!strict.relaxed);
    let response = engine
        .search(&SearchRequest::new("statistique zanzibarite"))
        .unwrap();
    assert!(response.relaxed);
    assert_eq!(
        response
            .hits
            .iter()
            .map(|h| h.posting.id.as_str())
            .collect::<Vec<_>>(),
        vec!["fr-2"]
    );
    // Explicit operators are the user's word: no relaxing.
    let explicit = engine
        .search(&SearchRequest::new("statistique AND zanzibarite"))
        .unwrap();
    assert_eq!((explicit.total, explicit.relaxed), (0, false));
}

/// A job seeker's sentence (`I am looking for a job in ...`) is searched without the filler
/// around what it asks for; without a verb of looking or wanting, general words for a job
/// are searched as typed, and left out only when no posting has every word.
#[test]
fn a_sentence_is_searched_without_its_filler_words() {
    let postings = vec![
        posting(
            "me-dakar",
            "en",
            "Monitoring and evaluation officer",
            "Monitoring and evaluation of the programmes of the Dakar office, West Africa.",
        ),
        posting(
            "driver",
            "en",
            "Driver",
            "We are looking for a driver. The job is based in the Dakar office.",
        ),
        posting(
            "evaluation-nairobi",
            "en",
            "Evaluation specialist",
            "Evaluation of the projects of the Nairobi office, East Africa.",
        ),
    ];
    let (_dir, engine) = build(&postings);
    let search = |q: &str| {
        let response = engine.search(&SearchRequest::new(q)).unwrap();
        let mut ids: Vec<&str> = response
            .hits
            .iter()
            .map(|h| h.posting.id.as_str())
            .collect();
        ids.sort_unstable();
        let ids = ids.join(" ");
        let left_out = response.left_out.join(" ");
        (response.total, ids, left_out, response.relaxed)
    };
    let sentence = "I am looking for a job in monitoring and evaluation in West Africa";
    assert_eq!(
        search(sentence),
        (1, "me-dakar".into(), "I am looking job".into(), false)
    );
    // The same answer as the words without their filler.
    assert_eq!(
        search("monitoring and evaluation in West Africa"),
        (1, "me-dakar".into(), String::new(), false)
    );
    // The driver's posting has every word of this one, but `looking` and `job` are not what
    // is sought: every posting in Dakar is.
    assert_eq!(
        search("looking for a job in Dakar"),
        (2, "driver me-dakar".into(), "looking job".into(), false)
    );
    // Nothing has every word left: any of them, not the filler words.
    assert_eq!(
        search("looking for a job in monitoring in Nairobi"),
        (
            2,
            "evaluation-nairobi me-dakar".into(),
            "looking job".into(),
            true
        )
    );
    // Without a verb of looking, a general word for a job is searched as typed...
    assert_eq!(
        search("driver job"),
        (1, "driver".into(), String::new(), false)
    );
    // ... and left out when no posting has every word.
    assert_eq!(
        search("evaluation position Nairobi"),
        (1, "evaluation-nairobi".into(), "position".into(), false)
    );
    // A general word in the plural makes a sentence too.
    assert_eq!(
        search("jobs in Dakar"),
        (2, "driver me-dakar".into(), "jobs".into(), false)
    );
    // Filler alone is still searched.
    assert_eq!(search("job"), (1, "driver".into(), String::new(), false));
}

/// Requests without query text are answered from a per-generation cache: the same answer as
/// a fresh search, a different one for other filters, and a new commit is seen at once.
#[test]
fn browsing_answers_follow_filters_and_new_commits() {
    let postings = sample();
    let (dir, engine) = build(&postings);
    let browse = SearchRequest {
        sort: SortOrder::Published,
        ..SearchRequest::default()
    };
    let first = engine.search(&browse).unwrap();
    let again = engine.search(&browse).unwrap();
    assert_eq!(first.total, postings.len() as u64);
    assert_eq!(
        serde_json::to_value(&first.facets).unwrap(),
        serde_json::to_value(&again.facets).unwrap()
    );
    assert_eq!(
        first.hits.iter().map(|h| &h.posting.id).collect::<Vec<_>>(),
        again.hits.iter().map(|h| &h.posting.id).collect::<Vec<_>>()
    );

    let mut p2 = browse.clone();
    p2.filters.insert(FacetField::Grade, vec!["P2".into()]);
    let filtered = engine.search(&p2).unwrap();
    let expected = postings
        .iter()
        .filter(|p| p.grade.as_deref() == Some("P2"))
        .count() as u64;
    assert!(expected > 0 && expected < postings.len() as u64);
    assert_eq!(filtered.total, expected);

    let mut indexer = Indexer::open(dir.path()).unwrap();
    let mut new = posting("en-new", "en", "Hydrologist", "Rivers and floods.");
    new.grade = Some("P2".into());
    new.published = postings
        .iter()
        .filter_map(|p| p.published)
        .max()
        .map(|d| d + chrono::Duration::days(1));
    indexer.upsert(&new).unwrap();
    indexer.finish().unwrap();
    engine.reload().unwrap();
    let after = engine.search(&browse).unwrap();
    assert_eq!(after.total, first.total + 1);
    assert_eq!(after.hits[0].posting.id, "en-new", "newest first");
    assert_eq!(engine.search(&p2).unwrap().total, expected + 1);
}

/// `text` as the whole ranked query and split into words and proximity boosts (no query
/// language, every word at weight 1).
fn whole_and_split(
    engine: &Engine,
    text: &str,
) -> (
    Box<dyn tantivy::query::Query>,
    vacancy_search::search::SplitQuery,
) {
    use vacancy_search::search::{Analyzers, ParsedQuery, QueryPlan};
    let fields = vacancy_search::schema::Fields::from_schema(&engine.index().schema()).unwrap();
    let analyzers = Analyzers::default();
    let parsed = ParsedQuery::parse(text).unwrap();
    let plan = QueryPlan::default();
    let whole = parsed.to_ranked_query(&fields, &analyzers, &plan).unwrap();
    let split = parsed.to_split_query(&fields, &analyzers, &plan).unwrap();
    (whole, split)
}

/// Adding the boosts to the best postings afterwards (`rescore`) gives the scores and order
/// of the whole query, also when the first posting to rescore is not a phrase match and
/// matches of the phrase lie before, between and after the postings rescored.
#[test]
fn rescoring_the_best_postings_ranks_them_as_the_whole_query() {
    use tantivy::collector::TopDocs;
    use vacancy_search::search::rescore;

    let mut postings = Vec::new();
    for i in 0..60 {
        let (title, body) = match i % 5 {
            0 => ("Supply chain officer", "Leads the supply chain."),
            1 => ("Logistics clerk", "Supply of goods; a chain of command."),
            2 => (
                "Chain supply analyst",
                "Supply, supply and supply; the chain.",
            ),
            3 => ("Warehouse assistant", "Keeps the supply chain records."),
            _ => ("Driver", "Drives the trucks of the office."),
        };
        // Bodies of different lengths: every posting scores differently.
        let body = format!("{body}{}", " Report weekly.".repeat(i));
        postings.push(posting(&format!("en-{i}"), "en", title, &body));
    }
    let (_dir, engine) = build(&postings);
    let searcher = engine.index().reader().unwrap().searcher();
    let (whole, split) = whole_and_split(&engine, "supply chain");
    let by_words = searcher
        .search(&split.query, &TopDocs::with_limit(100).order_by_score())
        .unwrap();
    assert_eq!(by_words.len(), 48, "every posting with both words");
    let expected = searcher
        .search(&whole, &TopDocs::with_limit(100).order_by_score())
        .unwrap();
    // A third of the postings rescored, from several starting postings: each gets the score
    // the whole query gives it.
    for skip in [0, 1, 2, 7] {
        let mut part = by_words.clone();
        part.sort_by_key(|(_, a)| *a);
        let part: Vec<_> = part.into_iter().skip(skip).step_by(3).collect();
        let got = rescore(
            &searcher,
            &searcher,
            &split.boosts,
            part.clone(),
            part.len(),
        )
        .unwrap();
        assert_eq!(got.len(), part.len());
        assert!(got.windows(2).all(|w| w[0].0 >= w[1].0), "best first");
        for (score, address) in &got {
            let (whole_score, _) = expected.iter().find(|(_, a)| a == address).unwrap();
            assert!(
                (score - whole_score).abs() < 1e-4,
                "skip {skip}, {address:?}: {score} vs {whole_score}"
            );
        }
        let boosted = got.iter().filter(|(s, a)| {
            let words = by_words.iter().find(|(_, b)| b == a).unwrap().0;
            *s > words + 1e-4
        });
        assert!(boosted.count() > 0, "some postings hold the words together");
    }
}

/// A query split into its word part and its proximity boosts scores every posting as the
/// whole query does (the sum of both), so adding the boosts to the best postings afterwards
/// ranks them as the whole query would.
#[test]
fn split_query_scores_add_up_to_the_whole_query() {
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, Occur, Query};
    let mut postings = sample();
    postings.push(posting(
        "en-sc",
        "en",
        "Supply Chain Officer",
        "Runs the supply chain of the office.",
    ));
    postings.push(posting(
        "en-apart",
        "en",
        "Logistics assistant",
        "Supply of goods. Elsewhere, a chain of command.",
    ));
    let (_dir, engine) = build(&postings);
    let searcher = engine.index().reader().unwrap().searcher();
    let (whole, split) = whole_and_split(&engine, "supply chain");
    assert!(!split.boosts.is_empty(), "two words: proximity boosts");
    let top = |q: &dyn Query| {
        let mut found: Vec<(String, f32)> = searcher
            .search(q, &TopDocs::with_limit(10).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, a)| (format!("{a:?}"), score))
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
    };
    let mut clauses = vec![(Occur::Must, split.query.box_clone())];
    clauses.extend(split.boosts.iter().map(|b| (Occur::Should, b.box_clone())));
    let summed = BooleanQuery::new(clauses);
    let (a, b) = (top(&*whole), top(&summed));
    assert!(a.len() >= 2, "{a:?}");
    assert_eq!(a.len(), b.len());
    for ((ka, sa), (kb, sb)) in a.iter().zip(&b) {
        assert_eq!(ka, kb);
        assert!((sa - sb).abs() < 1e-4, "{sa} vs {sb}");
    }
    // And the engine ranks the posting with the words together first.
    let hits = ids(&engine, &SearchRequest::new("supply chain"));
    assert_eq!(hits.first().map(String::as_str), Some("en-sc"), "{hits:?}");
}

#[test]
fn words_of_mangled_feed_text_are_found_as_written_before_mangling() {
    // A board's record as boards send them: UTF-8 read as Windows-1252 in the title and
    // body, a zero-width space inside a word, soft hyphens before a currency.
    let record = serde_json::json!({
        "id": "mangled-1",
        "job_title": "Protection Officer, Côte dâ\u{80}\u{99}Ivoire",
        "job_desc": "Support our peopleâ€¯in the field.\n\nâ€¢ Draft reports for the cÅ“ur \
                     programme in TÃ¼rkiye.\nâ€¢ Work with t\u{200b}ranslators; salary \
                     \u{ad}\u{ad}PKR 477,390.",
        "language": "en",
    })
    .to_string();
    let posting = vacancy_search::posting::parse_feed_record(&record).unwrap();
    assert_eq!(
        posting.title.as_deref(),
        Some("Protection Officer, Côte d’Ivoire")
    );
    assert!(posting.body.contains("people\u{202f}in the field"));
    assert!(posting
        .body
        .contains("• Draft reports for the cœur programme in Türkiye."));
    assert!(posting.body.contains("translators; salary PKR"));
    let (_dir, engine) = build(&[posting]);
    for words in [
        "people",
        "translators",
        "Türkiye",
        "Côte d’Ivoire",
        "coeur",
        "PKR",
    ] {
        assert_eq!(
            ids(&engine, &SearchRequest::new(words)),
            vec!["mangled-1"],
            "{words}"
        );
    }
    let response = engine.search(&SearchRequest::new("people")).unwrap();
    let snippet = &response.hits[0].snippet;
    assert!(!snippet.contains('â'), "{snippet}");
}

#[test]
fn an_elision_typed_without_its_apostrophe_finds_the_name_in_every_language() {
    let postings = [
        posting(
            "en-ci",
            "en",
            "Protection Officer, Côte d'Ivoire",
            "The office in Abidjan covers the whole of Côte d'Ivoire and its refugee camps.",
        ),
        posting(
            "fr-ci",
            "fr",
            "Chargé de protection, Côte d'Ivoire",
            "Le bureau d'Abidjan couvre toute la Côte d'Ivoire et ses camps de réfugiés.",
        ),
        posting(
            "es-ci",
            "es",
            "Oficial de protección, Côte d'Ivoire",
            "La oficina de Abiyán cubre toda Côte d'Ivoire y sus campamentos de refugiados.",
        ),
        posting(
            "en-other",
            "en",
            "Grade D officer, Ivory Coast road works",
            "The coast road needs a grade D officer for the works.",
        ),
    ];
    let (_dir, engine) = build(&postings);
    let everywhere = vec!["en-ci", "es-ci", "fr-ci"];
    for typed in [
        "Côte d'Ivoire",
        "côte-d-ivoire",
        "\"cote d ivoire\"",
        "\"Côte D Ivoire\"",
        "Cote d Ivoire",
    ] {
        assert_eq!(found(&engine, typed), everywhere, "{typed}");
    }
    // A lone letter before a word elsewhere is a word of its own.
    assert_eq!(found(&engine, "\"grade D officer\""), vec!["en-other"]);
    // A posting matching both forms scores as the better one, not their sum: the French
    // notice, which holds the name as both forms read it, is not lifted above the others.
    for (typed, restored) in [
        ("côte-d-ivoire", "côte-d'ivoire"),
        ("\"cote d ivoire\"", "\"cote d'ivoire\""),
    ] {
        let typed = scores(&engine, typed);
        assert_eq!(typed, scores(&engine, restored), "{typed:?}");
    }
}

/// Each posting `query` finds with its score, by id.
fn scores(engine: &Engine, query: &str) -> Vec<(String, f32)> {
    let mut request = SearchRequest::new(query);
    request.per_page = 50;
    let mut scores: Vec<(String, f32)> = engine
        .search(&request)
        .unwrap()
        .hits
        .into_iter()
        .map(|hit| (hit.posting.id, hit.score))
        .collect();
    scores.sort_by(|a, b| a.0.cmp(&b.0));
    scores
}

/// Sorted ids of the postings `query` finds.
fn found(engine: &Engine, query: &str) -> Vec<String> {
    let mut request = SearchRequest::new(query);
    request.per_page = 50;
    let mut found = ids(engine, &request);
    found.sort();
    found
}

#[test]
fn a_two_word_phrase_finds_the_words_side_by_side_in_the_body() {
    // The phrase is read from the body's word pairs, written by the indexer: these postings
    // come through it as every indexed posting does.
    let postings = vec![
        posting(
            "en-side",
            "en",
            "Officer",
            "Five years of project management in the field.",
        ),
        posting(
            "en-twice",
            "en",
            "Officer",
            "Project management, then more project management.",
        ),
        posting(
            "en-apart",
            "en",
            "Officer",
            "The project needs management skills.",
        ),
        posting(
            "en-bridged",
            "en",
            "Officer",
            "A project of management reform.",
        ),
        posting("en-reversed", "en", "Officer", "Management project office."),
        posting(
            "es-side",
            "es",
            "Oficial",
            "Experiencia en derechos humanos y gestión.",
        ),
    ];
    let (_dir, engine) = build(&postings);
    let mut hits = found(&engine, "\"project management\"");
    hits.sort();
    assert_eq!(hits, ["en-side", "en-twice"]);
    assert_eq!(found(&engine, "\"management project\""), ["en-reversed"]);
    assert_eq!(found(&engine, "\"derechos humanos\""), ["es-side"]);
    // The snippet marks the phrase's words.
    let response = engine
        .search(&SearchRequest::new("\"project management\""))
        .unwrap();
    let snippet = &response.hits[0].snippet;
    assert!(snippet.contains("<mark>Project</mark>"), "{snippet}");
}

#[test]
fn a_phrase_ending_in_a_star_finds_the_words_its_last_word_begins() {
    let mut postings = vec![
        posting(
            "en-analyst",
            "en",
            "Data Analyst",
            "The data analyst cleans surveys.",
        ),
        posting(
            "en-analysis",
            "en",
            "Officer",
            "Strong data analysis skills.",
        ),
        posting(
            "fr-analyse",
            "fr",
            "Chargé de l'analyse",
            "Analyse de données et gestion de projets.",
        ),
        posting(
            "en-apart",
            "en",
            "Officer",
            "Data collection; analysis of results.",
        ),
        posting(
            "fr-dev",
            "fr",
            "Chargé du développement",
            "Développement durable et demandes des partenaires.",
        ),
    ];
    // Words that continue `anal`, come first in term order and are held by one posting each:
    // tantivy's phrase prefix query took the first 50 terms and missed analysis and analyst,
    // which the prefix's expansion keeps as the terms most postings hold.
    for n in 0..60 {
        postings.push(posting(
            &format!("en-filler-{n:02}"),
            "en",
            "Clerk",
            &format!("data anala{n:02}x filler text"),
        ));
    }
    let (_dir, engine) = build(&postings);
    for query in ["\"data anal\"*", "\"data analy\"*", "\"Data Analys\"*"] {
        let hits = found(&engine, query);
        for id in ["en-analysis", "en-analyst"] {
            assert!(hits.contains(&id.to_owned()), "{query}: {hits:?}");
        }
        // The words must still be side by side.
        assert!(!hits.contains(&"en-apart".to_owned()), "{query}: {hits:?}");
    }
    // A French phrase: its stop word keeps its place.
    assert_eq!(found(&engine, "\"gestion de proj\"*"), ["fr-analyse"]);
    assert_eq!(found(&engine, "\"analyse de donn\"*"), ["fr-analyse"]);
    // Ending in a French stop word, the phrase is its other words: `de` is no prefix there.
    assert!(!found(&engine, "\"gestion de\"*").contains(&"fr-dev".to_owned()));
}

#[test]
fn a_word_ending_in_a_star_finds_the_words_it_begins_in_every_language() {
    let mut postings = vec![
        posting(
            "en-coord",
            "en",
            "Programme Coordinator",
            "Coordinates partners.",
        ),
        posting(
            "fr-coord",
            "fr",
            "Coordonnateur de programme",
            "Assure la coordination des partenaires.",
        ),
        posting(
            "es-coord",
            "es",
            "Coordinadora de proyectos",
            "Coordinación de socios.",
        ),
        posting(
            "en-nutri",
            "en",
            "Nutrition Officer",
            "Nutritional surveys and management of the nutrition programme.",
        ),
        posting("en-other", "en", "Driver", "Drives the office car."),
    ];
    // Words that begin with `coord` but are rarer than the coordinators' words: tantivy's
    // prefix query took the first 50 in term order and missed the rest.
    for n in 0..60 {
        postings.push(posting(
            &format!("en-filler-{n:02}"),
            "en",
            "Clerk",
            &format!("coorda{n:02}x filler text"),
        ));
    }
    let (_dir, engine) = build(&postings);
    let coordinators = ["en-coord", "es-coord", "fr-coord"];
    for query in ["coord*", "Coordi*", "title:coord*"] {
        let hits = found(&engine, query);
        for id in coordinators {
            assert!(hits.contains(&id.to_owned()), "{query}: {hits:?}");
        }
        assert!(!hits.contains(&"en-other".to_owned()), "{query}: {hits:?}");
    }
    // Past the stem: `nutrition` and `management` are indexed as `nutrit` and `manag`.
    assert_eq!(found(&engine, "nutri*"), ["en-nutri"]);
    assert_eq!(found(&engine, "nutriti*"), ["en-nutri"]);
    assert_eq!(found(&engine, "managem*"), ["en-nutri"]);
    // A stop word (`a` in English and French) begins other words (`assure`).
    assert!(found(&engine, "a*").contains(&"fr-coord".to_owned()));
    // With other words, and excluded.
    assert_eq!(found(&engine, "coord* programme"), ["en-coord", "fr-coord"]);
    assert_eq!(found(&engine, "nutri* -coord*"), ["en-nutri"]);
    // The words found are marked in the snippet.
    let response = engine.search(&SearchRequest::new("coordi*")).unwrap();
    assert_eq!(response.total, 3);
    for hit in &response.hits {
        assert!(hit.snippet.contains("<mark>"), "{}", hit.snippet);
    }
}

#[test]
fn endings_written_onto_words_are_read_as_the_word_in_texts_and_queries() {
    let postings = vec![
        posting(
            "fr-inclusive",
            "fr",
            "Chargé(e) de projet eau et assainissement",
            "Le ou la coordinateur·trice appuie l'équipe du programme.",
        ),
        posting(
            "fr-plain",
            "fr",
            "Chargé de projet",
            "Le coordinateur appuie l'équipe du programme.",
        ),
        posting(
            "es-slash",
            "es",
            "Coordinador/a de proyecto",
            "El o la coordinador/a apoya al equipo.",
        ),
        posting(
            "fr-apart",
            "fr",
            "Assistant de projet",
            "Chargé des achats, il appuie le projet.",
        ),
    ];
    let (_dir, engine) = build(&postings);
    // Phrases hold across the ending: it is not a word between two others.
    assert_eq!(
        found(&engine, "\"chargé de projet\""),
        ["fr-inclusive", "fr-plain"]
    );
    assert_eq!(found(&engine, "\"coordinador de proyecto\""), ["es-slash"]);
    // A query typed with the endings finds what the bare words find, read as syntax.
    for (typed, bare) in [
        ("chargé(e) de projet", "chargé de projet"),
        ("Chargé(E) de projet", "chargé de projet"),
        ("coordinateur·trice", "coordinateur"),
        ("coordinateur.trice", "coordinateur"),
        ("coordinador/a", "coordinador"),
    ] {
        let response = engine.search(&SearchRequest::new(typed)).unwrap();
        assert!(!response.read_as_words, "{typed}");
        assert!(!response.relaxed, "{typed}");
        assert_eq!(scores(&engine, typed), scores(&engine, bare), "{typed}");
        assert!(response.total >= 1, "{typed}");
    }
}

#[test]
fn a_query_whose_syntax_cannot_be_read_is_searched_as_its_words() {
    let (_dir, engine) = build(&sample());
    for (typed, words) in [
        ("supply chain)", "supply chain"),
        ("(supply chain", "supply chain"),
        ("\"supply chain", "supply chain"),
        ("[supply] {chain}", "supply chain"),
        ("supply: chain:", "supply chain"),
        ("OR supply chain", "or supply chain"),
        ("supply AND (", "supply and"),
    ] {
        let response = engine.search(&SearchRequest::new(typed)).unwrap();
        assert!(response.read_as_words, "{typed}");
        assert_eq!(scores(&engine, typed), scores(&engine, words), "{typed}");
        assert!(response.total >= 2, "{typed}: {}", response.total);
        let plain = engine.search(&SearchRequest::new(words)).unwrap();
        assert!(!plain.read_as_words, "{words}");
    }
    // Without a word, the grammar's error stands; syntax that reads well but asks for what
    // the index cannot do is refused too.
    for refused in ["-", "+", "salary:5", "title:/re.*/"] {
        let error = engine.search(&SearchRequest::new(refused)).unwrap_err();
        assert!(
            matches!(error, vacancy_search::Error::InvalidQuery(_)),
            "{refused}: {error}"
        );
    }
}

#[test]
fn words_joined_by_a_slash_or_grade_codes_by_a_hyphen_are_alternatives() {
    let postings = vec![
        posting(
            "p3",
            "en",
            "Programme Officer (P-3)",
            "Manage the programme.",
        ),
        posting("p4", "en", "Programme Officer, P4", "Manage the programme."),
        posting(
            "p3-p4",
            "en",
            "Programme Officer (P3/P4)",
            "Manage the programme.",
        ),
        posting("p5", "en", "Senior Officer (P5)", "Lead the programme."),
        posting("emploi", "fr", "Offre d'emploi", "Un emploi au siège."),
        posting("stage", "fr", "Offre de stage", "Un stage au siège."),
        posting("hiv", "en", "HIV/AIDS Adviser", "Advise on HIV/AIDS."),
        posting("e-mail", "en", "Assistant", "Answers e-mail and calls."),
        posting("email-apart", "en", "Assistant", "Sends mail by e-post."),
    ];
    let (_dir, engine) = build(&postings);
    // Either grade, wherever and however a notice writes it.
    let either = ["p3", "p3-p4", "p4"];
    for typed in ["P3/P4", "P3-P4", "P-3/P-4", "p3/p4", "P3 / P4"] {
        assert_eq!(found(&engine, typed), either, "{typed}");
    }
    assert_eq!(found(&engine, "officer P3/P4"), either);
    assert_eq!(found(&engine, "emploi/stage"), ["emploi", "stage"]);
    assert_eq!(found(&engine, "emploi / stage"), ["emploi", "stage"]);
    // Both words still rank first where a notice writes them together.
    assert_eq!(found(&engine, "HIV/AIDS"), ["hiv"]);
    // A hyphen between words, or within one grade code, still joins them.
    assert_eq!(found(&engine, "e-mail"), ["e-mail"]);
    assert_eq!(found(&engine, "P-3"), ["p3", "p3-p4"]);
    // A written ending is not an alternative (see the test of endings above), nor a number.
    let response = engine.search(&SearchRequest::new("11/2024")).unwrap();
    assert_eq!(response.total, 0);
}

#[test]
fn a_typo_is_corrected_by_a_written_spelling_or_a_variant_of_its_ending() {
    let mut postings: Vec<Posting> = copies(
        6,
        "ecology",
        "en",
        "Environment Officer",
        "Ecology surveys and ecological monitoring of the nutrition programme.",
    )
    .collect();
    postings.push(posting(
        "ecologist",
        "en",
        "Ecologist",
        "The ecologist leads the surveys.",
    ));
    postings.extend(copies(
        6,
        "dura",
        "es",
        "Asistente de Protección",
        "El contrato dura seis meses y se dure lo que dure el proyecto de protección.",
    ));
    postings.push(posting(
        "juriste",
        "fr",
        "Juriste",
        "Le juriste conseille le bureau sur les contrats.",
    ));
    let (_dir, engine) = build(&postings);
    // `ecologist` is rare, and `ecologis` (a letter away) stems as `ecology` does: it only
    // changes the word's ending, so it is searched, but no posting writes it, so it is not
    // offered.
    let response = engine.search(&SearchRequest::new("ecologist")).unwrap();
    assert_eq!(response.total, 7, "the variant is searched");
    assert_eq!(response.did_you_mean, None);
    // `duriste`, a letter from `juriste`, has the Spanish stem of `dura`: not written, and
    // not a variant of `juriste`'s ending, so not searched.
    assert_eq!(ids(&engine, &SearchRequest::new("juriste")), ["juriste"]);
    // A spelling the postings write corrects the typo and is suggested.
    let response = engine.search(&SearchRequest::new("nutriton")).unwrap();
    assert_eq!(response.did_you_mean.as_deref(), Some("nutrition"));
    assert_eq!(response.total, 6);
}

#[test]
fn it_in_capitals_is_information_technology_in_every_language() {
    // English drops `it` as a function word; typed in capitals it names the field.
    let mut postings: Vec<Posting> = copies(
        4,
        "office",
        "en",
        "Office Assistant",
        "The office assistant supports the officer in charge of the office.",
    )
    .collect();
    postings.push(posting(
        "en-it",
        "en",
        "IT Officer",
        "The IT officer maintains the information technology systems of the office.",
    ));
    postings.push(posting(
        "fr-it",
        "fr",
        "Assistant informatique",
        "L'assistant gère le parc informatique du bureau.",
    ));
    let (_dir, engine) = build(&postings);
    assert_eq!(ids(&engine, &SearchRequest::new("IT officer")), ["en-it"]);
    let mut it = ids(&engine, &SearchRequest::new("IT"));
    it.sort();
    assert_eq!(it, ["en-it", "fr-it"]);
    assert_eq!(ids(&engine, &SearchRequest::new("informatique")).len(), 2);
}

#[test]
fn a_job_title_phrase_finds_the_title_words_side_by_side() {
    // `officer`, `chargé` and `oficial` head job titles: their pairs are kept whatever the
    // other word, so these phrases are read from the word pairs; they find what a phrase
    // finds by positions.
    let postings = vec![
        posting(
            "en-title",
            "en",
            "Officer",
            "The programme officer reports to the country director.",
        ),
        posting(
            "en-apart",
            "en",
            "Officer",
            "An officer of the programme; programme staff and one officer.",
        ),
        posting(
            "fr-title",
            "fr",
            "Poste",
            "Le chargé de programme appuie le bureau.",
        ),
        posting(
            "fr-apart",
            "fr",
            "Poste",
            "Le programme est suivi par un chargé de communication.",
        ),
        posting(
            "es-title",
            "es",
            "Puesto",
            "El oficial de programas apoya a la oficina.",
        ),
    ];
    let (_dir, engine) = build(&postings);
    assert_eq!(found(&engine, "\"programme officer\""), ["en-title"]);
    assert_eq!(found(&engine, "\"country director\""), ["en-title"]);
    assert_eq!(found(&engine, "\"chargé de programme\""), ["fr-title"]);
    assert_eq!(found(&engine, "\"chargé de communication\""), ["fr-apart"]);
    assert_eq!(found(&engine, "\"oficial de programas\""), ["es-title"]);
    assert!(found(&engine, "\"officer programme\"").is_empty());
}

#[test]
fn typed_quotes_and_guillemets_quote_a_phrase() {
    let (_dir, engine) = build(&sample());
    let phrase = scores(&engine, "\"supply chain\"");
    assert_eq!(phrase.len(), 2, "{phrase:?}");
    for typed in ["“supply chain”", "« supply chain »", "„supply chain“"] {
        assert_eq!(scores(&engine, typed), phrase, "{typed}");
    }
    // As words, `chain supply` would find them too; as a phrase it finds none.
    assert!(scores(&engine, "“chain supply”").is_empty());
    assert_eq!(scores(&engine, "chain supply").len(), 2);
}

#[test]
fn a_duty_station_named_in_another_language_is_found() {
    let postings = vec![
        posting(
            "en-geneva",
            "en",
            "Programme Officer",
            "The post is based in Geneva, Switzerland.",
        ),
        posting(
            "fr-geneve",
            "fr",
            "Chargé de programme",
            "Le poste est basé à Genève, en Suisse.",
        ),
        posting(
            "en-nairobi",
            "en",
            "Programme Officer",
            "The post is based in Nairobi, Kenya.",
        ),
    ];
    let (_dir, engine) = build(&postings);
    for typed in ["Ginebra", "Genève", "Geneva", "geneve"] {
        assert_eq!(found(&engine, typed), ["en-geneva", "fr-geneve"], "{typed}");
    }
    assert_eq!(found(&engine, "officer Ginebra"), ["en-geneva"]);
}
