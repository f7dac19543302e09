//! Scoring rankings against relevance judgments: nDCG@10, P@10 and R@50, overall and per
//! query language.
//!
//! The inputs are a TREC-style collection: a query file (`qid<TAB>lang<TAB>query[<TAB>need]`)
//! and judgments (`qid 0 docid grade`, grades 0/1/2). The metrics follow the development
//! collection's scorer: nDCG@10 with gain = grade and discount `1/log2(rank+1)`, the ideal
//! ranking taken from every judged posting of the query; P@10 and R@50 count postings graded
//! at least 1. Unjudged postings count as not relevant; a query without results scores 0.

use std::collections::BTreeMap;
use std::path::Path;

use crate::{Error, Result};

/// Cut-off of nDCG and precision.
pub const TOP: usize = 10;
/// Cut-off of recall.
pub const RECALL_DEPTH: usize = 50;

/// One judged query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Query id (`D01`).
    pub id: String,
    /// Language of the query (`en`, `fr`, `es`).
    pub lang: String,
    /// The query text, as a searcher typed it.
    pub query: String,
}

/// Reads a query file: one `qid<TAB>lang<TAB>query[<TAB>need]` per line.
pub fn read_topics(path: &Path) -> Result<Vec<Topic>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut topics = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(id), Some(lang), Some(query)) if !id.is_empty() && !query.trim().is_empty() => {
                topics.push(Topic {
                    id: id.to_owned(),
                    lang: lang.to_owned(),
                    query: query.to_owned(),
                });
            }
            _ => return Err(bad_line(path, n, "expected `qid<TAB>lang<TAB>query`")),
        }
    }
    Ok(topics)
}

/// Judgments: query id → posting id → grade.
pub type Qrels = BTreeMap<String, BTreeMap<String, u8>>;

/// Reads judgments: one `qid 0 docid grade` per line, whitespace separated.
pub fn read_qrels(path: &Path) -> Result<Qrels> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut qrels = Qrels::new();
    for (n, line) in text.lines().enumerate() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.is_empty() {
            continue;
        }
        let [qid, _, doc, grade] = parts[..] else {
            return Err(bad_line(path, n, "expected `qid 0 docid grade`"));
        };
        let grade: u8 = grade
            .parse()
            .map_err(|_| bad_line(path, n, &format!("grade `{grade}` is not 0, 1 or 2")))?;
        qrels
            .entry(qid.to_owned())
            .or_default()
            .insert(doc.to_owned(), grade);
    }
    Ok(qrels)
}

fn bad_line(path: &Path, n: usize, message: &str) -> Error {
    Error::QueryFile {
        file: path.display().to_string(),
        line: Some(n + 1),
        message: message.to_owned(),
    }
}

/// The three measures of one query, or their mean over several.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// nDCG at rank 10 (gain = grade).
    pub ndcg: f64,
    /// Share of the top 10 graded at least 1.
    pub precision: f64,
    /// Share of the postings graded at least 1 that are in the top 50.
    pub recall: f64,
}

fn dcg(gains: impl Iterator<Item = u8>) -> f64 {
    gains
        .enumerate()
        .map(|(i, g)| f64::from(g) / ((i + 2) as f64).log2())
        .sum()
}

/// Scores one ranking (`ranked` posting ids, best first) against one query's judgments.
#[must_use]
pub fn score(judged: &BTreeMap<String, u8>, ranked: &[String]) -> Scores {
    let grade = |d: &String| judged.get(d).copied().unwrap_or(0);
    let mut seen = std::collections::HashSet::new();
    let ranked: Vec<&String> = ranked.iter().filter(|d| seen.insert(*d)).collect();
    let top: Vec<u8> = ranked.iter().take(TOP).map(|d| grade(d)).collect();
    let mut ideal: Vec<u8> = judged.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg = dcg(ideal.into_iter().take(TOP));
    let relevant = judged.values().filter(|g| **g >= 1).count();
    let found = ranked
        .iter()
        .take(RECALL_DEPTH)
        .filter(|d| grade(d) >= 1)
        .count();
    Scores {
        ndcg: if idcg > 0.0 {
            dcg(top.iter().copied()) / idcg
        } else {
            0.0
        },
        precision: top.iter().filter(|g| **g >= 1).count() as f64 / TOP as f64,
        recall: if relevant > 0 {
            found as f64 / relevant as f64
        } else {
            0.0
        },
    }
}

/// Means of the per-query scores: overall (key `all`) and per query language.
#[must_use]
pub fn report(topics: &[Topic], qrels: &Qrels, runs: &BTreeMap<String, Vec<String>>) -> Report {
    let mut per_query = Vec::new();
    for topic in topics {
        let Some(judged) = qrels.get(&topic.id) else {
            continue;
        };
        let ranked = runs.get(&topic.id).map_or(&[][..], Vec::as_slice);
        per_query.push((topic.clone(), score(judged, ranked)));
    }
    let mut groups: BTreeMap<String, Vec<Scores>> = BTreeMap::new();
    for (topic, scores) in &per_query {
        groups.entry("all".into()).or_default().push(*scores);
        groups.entry(topic.lang.clone()).or_default().push(*scores);
    }
    let means = groups
        .into_iter()
        .map(|(key, list)| {
            let n = list.len() as f64;
            let mean = Scores {
                ndcg: list.iter().map(|s| s.ndcg).sum::<f64>() / n,
                precision: list.iter().map(|s| s.precision).sum::<f64>() / n,
                recall: list.iter().map(|s| s.recall).sum::<f64>() / n,
            };
            (key, (list.len(), mean))
        })
        .collect();
    Report { per_query, means }
}

/// Scores per query and their means.
#[derive(Debug, Clone)]
pub struct Report {
    /// Each judged query with its scores, in query-file order.
    pub per_query: Vec<(Topic, Scores)>,
    /// `all` and each language → (number of queries, mean scores).
    pub means: BTreeMap<String, (usize, Scores)>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{:<8} {:>3} {:>8} {:>6} {:>6}",
            "lang", "n", "nDCG@10", "P@10", "R@50"
        )?;
        for (key, (n, s)) in &self.means {
            writeln!(
                f,
                "{key:<8} {n:>3} {:>8.4} {:>6.3} {:>6.3}",
                s.ndcg, s.precision, s.recall
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(pairs: &[(&str, u8)]) -> BTreeMap<String, u8> {
        pairs.iter().map(|(d, g)| ((*d).to_owned(), *g)).collect()
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|d| (*d).to_owned()).collect()
    }

    #[test]
    fn perfect_ranking_scores_one() {
        let j = judged(&[("a", 2), ("b", 1), ("c", 0)]);
        let s = score(&j, &ids(&["a", "b", "c"]));
        assert!((s.ndcg - 1.0).abs() < 1e-12);
        assert!((s.precision - 0.2).abs() < 1e-12);
        assert!((s.recall - 1.0).abs() < 1e-12);
    }

    #[test]
    fn swapped_ranking_scores_less_and_duplicates_count_once() {
        let j = judged(&[("a", 2), ("b", 1)]);
        let s = score(&j, &ids(&["b", "b", "a"]));
        let ideal = 2.0 + 1.0 / 3f64.log2();
        let got = 1.0 + 2.0 / 3f64.log2();
        assert!((s.ndcg - got / ideal).abs() < 1e-12, "{}", s.ndcg);
        assert_eq!(score(&j, &[]).ndcg, 0.0);
    }

    #[test]
    fn report_groups_by_language() {
        let topics = vec![
            Topic {
                id: "1".into(),
                lang: "en".into(),
                query: "a".into(),
            },
            Topic {
                id: "2".into(),
                lang: "fr".into(),
                query: "b".into(),
            },
        ];
        let mut qrels = Qrels::new();
        qrels.insert("1".into(), judged(&[("x", 2)]));
        qrels.insert("2".into(), judged(&[("y", 2)]));
        let mut runs = BTreeMap::new();
        runs.insert("1".to_owned(), ids(&["x"]));
        let r = report(&topics, &qrels, &runs);
        assert_eq!(r.means["all"].0, 2);
        assert!((r.means["all"].1.ndcg - 0.5).abs() < 1e-12);
        assert!((r.means["en"].1.ndcg - 1.0).abs() < 1e-12);
        assert_eq!(r.means["fr"].1.ndcg, 0.0);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let dir = std::env::temp_dir().join(format!("relevance-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("qrels.tsv");
        std::fs::write(&path, "q1 0 a 2\nq1 0 b x\n").unwrap();
        let err = read_qrels(&path).unwrap_err().to_string();
        assert!(err.contains("qrels.tsv:2"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
