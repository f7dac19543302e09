//! Tests of query parsing and building.

use tantivy::query::{BooleanQuery, BoostQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::tree::alternatives;
use super::*;
use crate::search::combine::union_clauses;
use crate::search::dense_or::DenseOrQuery;
use crate::search::MAX_QUERY_BYTES;

#[test]
fn rejects_long_and_deep_queries_before_parsing() {
    assert!(check_query_text(&"a".repeat(MAX_QUERY_BYTES + 1)).is_err());
    let deep = format!("{}a{}", "(".repeat(400), ")".repeat(400));
    let err = check_query_text(&deep).unwrap_err().to_string();
    assert!(err.contains("nested deeper"), "{err}");
    assert!(check_query_text("\"((((((((((((((((((((\"").is_ok());
    assert!(check_query_text("a\u{0}b").is_err());
}

#[test]
fn a_word_ending_in_a_star_is_a_prefix() {
    let parsed = ParsedQuery::parse("coord** \"data anal\"* title:nutri* co*rd -excl* *").unwrap();
    assert_eq!(parsed.prefixes(), ["coord", "data anal", "nutri"]);
    assert!(parsed.literals().contains(&"co*rd".to_owned()));
    assert!(!parsed.literals().iter().any(|l| l.starts_with("coord*")));
}

#[test]
fn syntax_errors_say_where() {
    // A text without any word: nothing to search as words.
    let err = ParsedQuery::parse("-").unwrap_err().to_string();
    assert!(err.starts_with("invalid query:"), "{err}");
    assert!(err.contains("at character"), "{err}");
}

#[test]
fn a_text_the_grammar_cannot_read_is_read_as_its_words() {
    for (text, words) in [
        ("officer)", vec!["officer"]),
        ("(officer", vec!["officer"]),
        ("\"unclosed phrase", vec!["unclosed", "phrase"]),
        ("WASH: [urgent] {x}", vec!["WASH", "urgent", "x"]),
        ("OR officer NOT", vec!["or", "officer", "not"]),
        ("a:b:c http://x.org", vec!["a", "b", "c", "http", "x.org"]),
        ("x^ -y +z", vec!["x", "y", "z"]),
    ] {
        let parsed = ParsedQuery::parse(text).unwrap();
        assert!(parsed.read_as_words(), "{text}");
        assert_eq!(parsed.words(), words, "{text}");
    }
    // A trailing star still marks a prefix.
    let parsed = ParsedQuery::parse("coord* (").unwrap();
    assert!(parsed.read_as_words());
    assert_eq!(parsed.prefixes(), ["coord"]);
    // Syntax that reads is syntax.
    for text in ["a AND (b OR c)", "\"a b\" -c", "title:a", "officer"] {
        assert!(!ParsedQuery::parse(text).unwrap().read_as_words(), "{text}");
    }
}

#[test]
fn a_quoted_form_of_the_synonym_table_keeps_its_matches() {
    let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
    let analyzers = Analyzers::default();
    let plan = QueryPlan {
        phrases: Some(Arc::new(PhraseMatches::default())),
        ..QueryPlan::default()
    };
    let shape = |text: &str| {
        let query = ParsedQuery::parse(text)
            .unwrap()
            .to_ranked_query(&fields, &analyzers, &plan)
            .unwrap();
        format!("{query:?}")
    };
    assert!(shape("\"monitoring and evaluation\"").contains("KeptPhraseQuery"));
    // Not a form of the table: read by positions (or word pairs) as before.
    assert!(!shape("\"monitoring evaluation\"").contains("KeptPhraseQuery"));
    assert!(!shape("\"evaluation and monitoring\"").contains("KeptPhraseQuery"));
}

#[test]
fn alternatives_are_words_joined_by_slashes_or_grade_codes_by_hyphens() {
    for (word, parts) in [
        ("P3/P4", &["P3", "P4"][..]),
        ("P-3/P-4", &["P-3", "P-4"]),
        ("P3-P4", &["P3", "P4"]),
        ("G5-G6-G7", &["G5", "G6", "G7"]),
        ("emploi/stage", &["emploi", "stage"]),
        (
            "Nairobi/Genève/New-York",
            &["Nairobi", "Genève", "New-York"],
        ),
    ] {
        assert_eq!(alternatives(word).as_deref(), Some(parts), "{word}");
    }
    for word in [
        "e-mail",
        "P-3",
        "NO-B",
        "follow-up",
        "11/2024",
        "coordinador/a",
        "collaborateur/trice",
        "www.ilo.org/careers?id=3",
        "a//b",
        "/",
    ] {
        assert_eq!(alternatives(word), None, "{word}");
    }
}

#[test]
fn alternatives_spaced_around_a_slash_are_joined() {
    for (typed, joined) in [
        ("P3 / P4", "P3/P4"),
        ("emploi / stage Dakar", "emploi/stage Dakar"),
        ("P3 / P4 / P5 Geneva", "P3/P4/P5 Geneva"),
    ] {
        assert_eq!(join_spaced_slashes(typed), joined, "{typed}");
        let parsed = ParsedQuery::parse(typed).unwrap();
        assert!(!parsed.read_as_words(), "{typed}");
        assert_eq!(
            format!("{:?}", parsed.ast),
            format!("{:?}", ParsedQuery::parse(joined).unwrap().ast),
            "{typed}"
        );
    }
    // Not alternatives: a written ending, numbers, a slash at an end or alone.
    for typed in ["coordinador / a", "11 / 2024", "/ P3", "P3 /", "/", "a b"] {
        assert_eq!(join_spaced_slashes(typed), typed, "{typed}");
    }
}

#[test]
fn typed_quotes_and_guillemets_quote_phrases() {
    let straight = ParsedQuery::parse("\"project management\" officer").unwrap();
    for typed in [
        "“project management” officer",
        "„project management“ officer",
        "« project management » officer",
    ] {
        let parsed = ParsedQuery::parse(typed).unwrap();
        assert!(!parsed.read_as_words(), "{typed}");
        assert_eq!(
            format!("{:?}", parsed.ast),
            format!("{:?}", straight.ast),
            "{typed}"
        );
    }
}

#[test]
fn endings_written_onto_words_are_dropped_before_parsing() {
    let parsed = ParsedQuery::parse("chargé(e) de projet administratif(ve)").unwrap();
    assert!(!parsed.read_as_words());
    assert_eq!(parsed.words(), ["chargé", "de", "projet", "administratif"]);
    let parsed = ParsedQuery::parse("(a OR b) Tunis (TUN)").unwrap();
    assert!(!parsed.read_as_words());
    assert_eq!(parsed.words(), ["a", "b", "Tunis", "TUN"]);
}

#[test]
fn unknown_fields_and_regexes_are_refused() {
    let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
    let analyzers = Analyzers::default();
    for q in ["salary:100", "title:/a.*/"] {
        let parsed = ParsedQuery::parse(q).unwrap();
        assert!(parsed.to_query(&fields, &analyzers).is_err(), "{q}");
    }
    let ok = ParsedQuery::parse("title:audit -body:intern").unwrap();
    assert!(ok.to_query(&fields, &analyzers).is_ok());
}

#[test]
fn an_and_holding_a_word_far_more_frequent_than_its_rarest_moves_lazily() {
    let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
    let analyzers = Analyzers::default();
    // English postings: `officer` 50 times as frequent as `procurement`, `budget` about
    // as frequent; none of them in French or Spanish postings.
    let plan = QueryPlan {
        weights: WordWeights::with_postings(&[
            ("procurement", [None, Some(100), None]),
            ("officer", [None, Some(5_000), None]),
            ("budget", [None, Some(300), None]),
        ]),
        ..QueryPlan::default()
    };
    let lazy_unions = |text: &str| {
        let query = ParsedQuery::parse(text)
            .unwrap()
            .to_split_query(&fields, &analyzers, &plan)
            .unwrap()
            .query;
        format!("{query:?}").matches("EitherFieldQuery").count()
    };
    // tantivy's intersection seeks every word to the rarest one's postings: each word's
    // union moves lazily, not only the far more frequent one's.
    assert_eq!(lazy_unions("procurement officer"), 2);
    assert_eq!(lazy_unions("procurement officer budget"), 3);
    // Words about as frequent are walked together, a window at a time.
    assert_eq!(lazy_unions("procurement budget"), 0);
    // A single word, an OR and an excluded word are walked, not sought.
    assert_eq!(lazy_unions("officer"), 0);
    assert_eq!(lazy_unions("procurement OR officer"), 0);
    assert_eq!(lazy_unions("procurement -officer"), 0);
}

#[test]
fn a_dropped_function_word_is_not_the_rarest_of_its_and() {
    let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
    let analyzers = Analyzers::default();
    // English postings: `de` (a French query's function word, in a few English postings)
    // far rarer than `charge` and `programme`, both common.
    let weights = || {
        WordWeights::with_postings(&[
            ("de", [None, Some(40), None]),
            ("charge", [None, Some(3_000), None]),
            ("programme", [None, Some(6_000), None]),
        ])
    };
    let lazy_unions = |plan: &QueryPlan| {
        let query = ParsedQuery::parse("charge de programme")
            .unwrap()
            .to_split_query(&fields, &analyzers, plan)
            .unwrap()
            .query;
        format!("{query:?}").matches("EitherFieldQuery").count()
    };
    // Searched for, `de` is the rarest: the AND is an intersection sought lazily, each
    // of its three words.
    let kept = QueryPlan {
        weights: weights(),
        ..QueryPlan::default()
    };
    assert_eq!(lazy_unions(&kept), 3);
    // Dropped, it is searched nowhere: the two common words are walked together.
    let dropped = QueryPlan {
        weights: weights(),
        dropped: vec!["de".to_owned()],
        ..QueryPlan::default()
    };
    assert_eq!(lazy_unions(&dropped), 0);
}

#[test]
fn a_word_in_every_language_is_one_union_of_terms() {
    let fields = crate::schema::Fields::from_schema(&crate::schema::build_schema()).unwrap();
    let analyzers = Analyzers::default();
    let plan = QueryPlan {
        lang: Some(Lang::English),
        ..QueryPlan::default()
    };
    let query = ParsedQuery::parse("nutrition")
        .unwrap()
        .to_ranked_query(&fields, &analyzers, &plan)
        .unwrap();
    let clauses = union_clauses(&*query).expect("a union");
    // Title and body in each language, no union inside.
    assert_eq!(clauses.len(), 2 * Lang::ALL.len());
    assert!(clauses
        .iter()
        .all(|(_, clause)| union_clauses(&**clause).is_none()));
    // Words that must all match: one AND per language, the ANDs walked together a
    // window at a time.
    let and = ParsedQuery::parse("nutrition officer")
        .unwrap()
        .to_split_query(&fields, &analyzers, &plan)
        .unwrap()
        .query;
    assert!(and.downcast_ref::<DenseOrQuery>().is_some(), "{and:?}");
    let ands = format!("{and:?}").matches("DenseAndQuery").count();
    assert_eq!(ands, Lang::ALL.len(), "{and:?}");
    // Words of which any may match: one OR of every language's words, walked a window
    // at a time.
    let or = ParsedQuery::parse("nutrition OR health")
        .unwrap()
        .to_split_query(&fields, &analyzers, &plan)
        .unwrap()
        .query;
    assert!(or.downcast_ref::<DenseOrQuery>().is_some(), "{or:?}");
    let relaxed = ParsedQuery::parse("nutrition officer")
        .unwrap()
        .relaxed()
        .unwrap()
        .to_split_query(&fields, &analyzers, &plan)
        .unwrap()
        .query;
    assert!(
        relaxed.downcast_ref::<DenseOrQuery>().is_some(),
        "{relaxed:?}"
    );
}

#[test]
fn joined_unions_score_as_nested_ones_bit_for_bit() {
    use tantivy::collector::TopDocs;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    let mut schema = Schema::builder();
    let title_en = schema.add_text_field("title_en", TEXT);
    let body_en = schema.add_text_field("body_en", TEXT);
    let title_fr = schema.add_text_field("title_fr", TEXT);
    let body_fr = schema.add_text_field("body_fr", TEXT);
    let tag = schema.add_text_field("tag", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    let words = ["data", "budget", "audit data", "data data budget", "travel"];
    for n in 0..400usize {
        let title = words[n % 5];
        let body = words[(n * 7 + 3) % 5];
        let tagged = if n % 3 == 0 { "t1" } else { "t2" };
        let doc = if n % 4 == 0 {
            doc!(title_fr => title, body_fr => body, tag => tagged)
        } else {
            doc!(title_en => title, body_en => body, tag => tagged)
        };
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        ))
    };
    let word = |title, body| -> Box<dyn Query> {
        Box::new(BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(term(title, "data"), TITLE_BOOST)),
            ),
            (Occur::Should, term(body, "data")),
        ]))
    };
    let tagged = || -> Box<dyn Query> {
        Box::new(tantivy::query::ConstScoreQuery::new(term(tag, "t1"), 0.25))
    };
    // As nested unions: each language's word boosted, then the tag beside them.
    let nested = BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BooleanQuery::new(vec![
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(word(title_en, body_en), 1.5)),
                ),
                (Occur::Should, word(title_fr, body_fr)),
            ])),
        ),
        (Occur::Should, tagged()),
    ]);
    let mut languages = Vec::new();
    join_union(&mut languages, boosted(word(title_en, body_en), 1.5));
    join_union(&mut languages, boosted(word(title_fr, body_fr), 1.0));
    let mut joined = Vec::new();
    join_union(&mut joined, Box::new(BooleanQuery::new(languages)));
    joined.push((Occur::Should, tagged()));
    assert_eq!(joined.len(), 5, "one union of five clauses");
    let joined = BooleanQuery::new(joined);
    let top = TopDocs::with_limit(400).order_by_score();
    let mut a = searcher.search(&nested, &top).unwrap();
    let mut b = searcher.search(&joined, &top).unwrap();
    assert!(a.len() > 100);
    a.sort_by_key(|(_, doc)| *doc);
    b.sort_by_key(|(_, doc)| *doc);
    let bits = |v: &[(f32, tantivy::DocAddress)]| -> Vec<(u32, tantivy::DocAddress)> {
        v.iter().map(|(s, d)| (s.to_bits(), *d)).collect()
    };
    assert_eq!(bits(&a), bits(&b));
}

#[test]
fn too_many_clauses() {
    let many = (0..=MAX_QUERY_CLAUSES)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>();
    assert!(ParsedQuery::parse(&many.join(" ")).is_err());
}

#[test]
fn filler_words_are_left_out_only_around_other_searched_words() {
    let plan = QueryPlan {
        dropped: vec!["for".into(), "a".into(), "in".into()],
        ..QueryPlan::default()
    };
    let trimmed = |text: &str| {
        ParsedQuery::parse(text)
            .unwrap()
            .without_filler(&plan)
            .map(|(q, left_out)| (q.words(), left_out))
    };
    let words = |w: &[&str]| w.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        trimmed("I am looking for a job in nutrition"),
        Some((
            words(&["for", "a", "in", "nutrition"]),
            words(&["I", "am", "looking", "job"])
        ))
    );
    assert_eq!(
        trimmed("busco empleo +salud"),
        Some((words(&["salud"]), words(&["busco", "empleo"])))
    );
    // Nothing but filler and function words: nothing to search without them.
    assert_eq!(trimmed("looking for a job"), None);
    // No filler among the implicit words: explicit `+job`, a phrase, `-job`.
    assert_eq!(trimmed("+job nutrition"), None);
    assert_eq!(trimmed("\"job offer\" nutrition"), None);
    assert_eq!(trimmed("nutrition officer"), None);
    let sentence = |text: &str| ParsedQuery::parse(text).unwrap().reads_as_sentence();
    assert!(sentence("I am looking for a job in nutrition"));
    assert!(sentence("busco empleo +salud"));
    assert!(!sentence("youth employment"));
    assert!(sentence("nutrition jobs"));
    // An acronym in capitals is not a cue, unless the whole query is in capitals.
    assert!(!sentence("FIND Geneva"));
    assert!(sentence("LOOKING FOR A JOB IN NUTRITION"));
    assert_eq!(
        trimmed("looking for jobs at FIND"),
        Some((words(&["for", "at", "FIND"]), words(&["looking", "jobs"])))
    );
    assert_eq!(
        trimmed("LOOKING FOR A JOB IN NUTRITION"),
        Some((
            words(&["FOR", "A", "IN", "NUTRITION"]),
            words(&["LOOKING", "JOB"])
        ))
    );
    assert_eq!(
        ParsedQuery::parse("offres d'emploi à Dakar")
            .unwrap()
            .without_filler(&plan)
            .map(|(q, left_out)| (q.words(), left_out)),
        Some((words(&["à", "Dakar"]), words(&["offres", "d'emploi"])))
    );
    assert!(!sentence("+looking nutrition"));
    assert!(!sentence("\"looking for\" nutrition"));
    assert_eq!(
        trimmed("nutrition -job position"),
        Some((words(&["nutrition"]), words(&["position"])))
    );
}
