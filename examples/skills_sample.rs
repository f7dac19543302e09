//! Tags postings with ESCO skills and measures the tags against a labelled sample.
//!
//! ```text
//! cargo run --release --example skills_sample -- tag FILE...      # one JSON line per posting
//! cargo run --release --example skills_sample -- top N FILE...    # the N most frequent skills
//! cargo run --release --example skills_sample -- score SAMPLE FILE...
//! ```
//! `SAMPLE` is a judgment file such as `docs/skills-sample.tsv`: `posting id`, `skill id`,
//! `verdict` per line (`right`: a tag that is a skill the posting asks for; `wrong`: a tag
//! that is not; `missed`: a skill the posting names that was not tagged). `score` tags the
//! sample's postings again and prints precision (right tags / judged tags) and recall (right
//! tags / (right tags + missed skills)), per language and overall, and lists the tags made
//! now that the sample does not judge.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use vacancy_search::analysis::Lang;
use vacancy_search::skills::{catalog, tags};
use vacancy_search::source::{read_sources, SourceItem};
use vacancy_search::Posting;

fn postings(paths: &[String]) -> Vec<Posting> {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    read_sources(&paths)
        .filter_map(|item| match item {
            SourceItem::Posting { posting, .. } => Some(posting),
            SourceItem::Rejected(_) => None,
        })
        .collect()
}

/// The words around a mention, the mention in brackets.
fn context(text: &str, range: std::ops::Range<usize>) -> String {
    let mut start = range.start.saturating_sub(80);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (range.end + 60).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!(
        "{}[{}]{}",
        &text[start..range.start],
        &text[range.clone()],
        &text[range.end..end]
    )
    .replace('\n', " ")
}

fn label(id: &str) -> &'static str {
    catalog()
        .skill(id)
        .map_or("?", |s| s.concept.label(Lang::English))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("tag") => {
            for posting in postings(&args[1..]) {
                let t = tags(&posting);
                let texts = [
                    posting.title.as_deref().unwrap_or(""),
                    posting.body.as_str(),
                ];
                let skills: Vec<(&str, &str, String)> = t
                    .skills
                    .iter()
                    .zip(&t.mentions)
                    .map(|(s, (text, range))| (*s, label(s), context(texts[*text], range.clone())))
                    .collect();
                let occupation = t
                    .occupation
                    .and_then(|o| catalog().occupation(o))
                    .map(|o| (o.concept.id, o.concept.label(Lang::English), o.isco));
                println!(
                    "{}",
                    serde_json::json!({
                        "id": posting.id,
                        "language": posting.language,
                        "title": posting.title,
                        "skills": skills,
                        "occupation": occupation,
                    })
                );
            }
        }
        Some("top") => {
            let n: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(30);
            let all = postings(&args[2..]);
            let started = Instant::now();
            let mut counts: HashMap<&str, usize> = HashMap::new();
            let mut tagged = 0usize;
            for posting in &all {
                let t = tags(posting);
                tagged += usize::from(!t.skills.is_empty());
                for skill in t.skills {
                    *counts.entry(skill).or_insert(0) += 1;
                }
            }
            let elapsed = started.elapsed();
            let mut counts: Vec<_> = counts.into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            println!(
                "{} postings, {tagged} with skills, tagged in {:.2} s (tables and automata included)",
                all.len(),
                elapsed.as_secs_f64()
            );
            for (id, count) in counts.into_iter().take(n) {
                println!("{count:5} {id} {}", label(id));
            }
        }
        Some("score") => score(&args[1], &args[2..]),
        _ => eprintln!("usage: skills_sample tag FILE... | top N FILE... | score SAMPLE FILE..."),
    }
}

fn score(sample: &str, files: &[String]) {
    let text = std::fs::read_to_string(sample).expect("readable sample");
    // posting id → skill id → verdict
    let mut judged: BTreeMap<String, HashMap<String, String>> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 3, "{sample}:{}: expected 3 columns", n + 1);
        judged
            .entry(f[0].to_owned())
            .or_default()
            .insert(f[1].to_owned(), f[2].to_owned());
    }
    // language → (right, wrong, missed, unjudged)
    let mut by_lang: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut found = HashSet::new();
    for posting in postings(files) {
        let Some(verdicts) = judged.get(&posting.id) else {
            continue;
        };
        found.insert(posting.id.clone());
        let t = tags(&posting);
        let row = by_lang.entry(posting.language.clone()).or_default();
        for skill in &t.skills {
            match verdicts.get(*skill).map(String::as_str) {
                Some("right") => row[0] += 1,
                Some("wrong") => row[1] += 1,
                // A skill judged missed earlier and tagged now is right.
                Some("missed") => row[0] += 1,
                _ => {
                    row[3] += 1;
                    println!("unjudged\t{}\t{skill}\t{}", posting.id, label(skill));
                }
            }
        }
        for (skill, verdict) in verdicts {
            if verdict == "missed" && !t.skills.contains(&skill.as_str()) {
                row[2] += 1;
            }
            if verdict == "right" && !t.skills.contains(&skill.as_str()) {
                // A right tag no longer made is now missed.
                row[2] += 1;
            }
        }
    }
    let missing: Vec<_> = judged.keys().filter(|id| !found.contains(*id)).collect();
    if !missing.is_empty() {
        println!(
            "{} sample postings not in the files: {missing:?}",
            missing.len()
        );
    }
    let mut total = [0usize; 4];
    println!("lang postings right wrong missed unjudged precision recall");
    for (lang, row) in &by_lang {
        for i in 0..4 {
            total[i] += row[i];
        }
        print_row(lang, row);
    }
    print_row("all", &total);
    println!("postings judged: {}", found.len());
}

fn print_row(name: &str, row: &[usize; 4]) {
    let [right, wrong, missed, unjudged] = *row;
    println!(
        "{name} right={right} wrong={wrong} missed={missed} unjudged={unjudged} precision={:.3} recall={:.3}",
        right as f64 / (right + wrong).max(1) as f64,
        right as f64 / (right + missed).max(1) as f64
    );
}
