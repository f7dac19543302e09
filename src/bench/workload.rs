//! The queries a benchmark sends: query files, query classes and the built-in mix.
//!
//! A query file has one query per line; blank lines and lines starting with `#` are skipped.
//! A line is either plain query text (sent as `q`) or, when it starts with `?`, a whole URL
//! query string of `GET /api/search` (`?q=&sort=published`, `?q=water&region=Africa`), already
//! percent-encoded. Either may be preceded by a class name and a tab (`rare<TAB>actuary`);
//! otherwise the class is worked out from the query (see [`QueryClass::classify`]).

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use crate::search::params::parse_search_params;
use crate::search::{ParsedQuery, SearchRequest};
use crate::{Error, Result};

/// What kind of search a query is; latencies are reported per class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryClass {
    /// One word.
    Single,
    /// Several words (implicit AND, possibly relaxed to OR).
    Several,
    /// At least one `"quoted phrase"`.
    Phrase,
    /// Facet, location, date or `open` filters.
    Filters,
    /// No query text: every posting, newest (or soonest closing) first.
    Browse,
    /// Words that few postings contain (only by an explicit `rare` prefix).
    Rare,
}

impl QueryClass {
    /// Every class, in report order.
    pub const ALL: [QueryClass; 6] = [
        QueryClass::Single,
        QueryClass::Several,
        QueryClass::Phrase,
        QueryClass::Filters,
        QueryClass::Browse,
        QueryClass::Rare,
    ];

    /// The name used in query files, tables and JSON.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            QueryClass::Single => "single",
            QueryClass::Several => "several",
            QueryClass::Phrase => "phrase",
            QueryClass::Filters => "filters",
            QueryClass::Browse => "browse",
            QueryClass::Rare => "rare",
        }
    }

    /// The class named `name`, if any.
    #[must_use]
    pub fn from_name(name: &str) -> Option<QueryClass> {
        QueryClass::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The class of a parsed request, in this order: `phrase` if the query text has a `"`,
    /// `filters` if any filter (facet, location, date range, `open`) is set, `browse` if
    /// there is no query text (or `*`), then `single` or `several` by word count.
    /// [`QueryClass::Rare`] is never guessed.
    #[must_use]
    pub fn classify(request: &SearchRequest) -> QueryClass {
        let text = request.query.trim();
        let filtered = !request.filters.is_empty()
            || !request.location.is_empty()
            || request.open_on.is_some()
            || request.published_after.is_some()
            || request.published_before.is_some()
            || request.closing_after.is_some()
            || request.closing_before.is_some();
        if text.contains('"') {
            QueryClass::Phrase
        } else if filtered {
            QueryClass::Filters
        } else if text.is_empty() || text == "*" {
            QueryClass::Browse
        } else if text.split_whitespace().count() == 1 {
            QueryClass::Single
        } else {
            QueryClass::Several
        }
    }
}

impl fmt::Display for QueryClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One query of a workload.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchQuery {
    /// Its class.
    pub class: QueryClass,
    /// The query string of `GET /api/search`, percent-encoded, without the `?`.
    pub query_string: String,
    /// The same query as the engine's request (used in-process).
    pub request: SearchRequest,
}

impl BenchQuery {
    /// A query from a query string (without `?`), parsed as the service parses it, query
    /// syntax included; the class is given or worked out.
    pub fn from_query_string(
        query_string: &str,
        class: Option<QueryClass>,
        today: NaiveDate,
    ) -> Result<BenchQuery> {
        let with_path = format!("/api/search?{query_string}");
        if with_path.parse::<hyper::Uri>().is_err() {
            return Err(Error::param(
                "query",
                "is not a valid URL query string (percent-encode spaces and special characters)",
            ));
        }
        let request = parse_search_params(Some(query_string), today)?;
        let text = request.query.trim();
        if !text.is_empty() && text != "*" {
            // Syntax only: unknown `field:` names need the index and show up as errors.
            ParsedQuery::parse(text)?;
        }
        Ok(BenchQuery {
            class: class.unwrap_or_else(|| QueryClass::classify(&request)),
            query_string: query_string.to_owned(),
            request,
        })
    }

    /// A query for plain query text, sent as `q`.
    pub fn from_text(text: &str, class: Option<QueryClass>, today: NaiveDate) -> Result<Self> {
        Self::from_query_string(&format!("q={}", encode(text)), class, today)
    }

    /// Sets `per_page` unless the query string gives it.
    pub fn set_default_per_page(&mut self, per_page: usize) {
        let given = self
            .query_string
            .split('&')
            .any(|pair| pair.split('=').next() == Some("per_page"));
        if !given {
            if !self.query_string.is_empty() {
                self.query_string.push('&');
            }
            self.query_string.push_str(&format!("per_page={per_page}"));
            self.request.per_page = per_page;
        }
    }
}

/// Characters left as they are in an encoded query value (RFC 3986 unreserved).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// The queries of a benchmark, sent in order, round-robin.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// The queries.
    pub queries: Vec<BenchQuery>,
}

/// The built-in mix: job seekers' searches in English, French and Spanish, every class.
const BUILTIN: &str = "\
# single term
nutrition
logistique
evaluation
finanzas
consultant
santé
# several terms
programme officer
chargé de programme
oficial de programas
water sanitation hygiene
gestion financière
derechos humanos
# phrase
\"supply chain\"
\"gestion de projet\"
\"salud pública\"
\"human rights\" officer
# with filters
?q=programme&region=Africa
?q=eau&language=fr
?q=officer&grade=P3&grade=P4
?q=proyectos&language=es&open=true
?q=&contract_type=consultancy&region=Asia
?q=health&published_after=2024-01-01
# browse, newest first
?q=&sort=published
?q=&sort=published&page=2
?q=&sort=closing
# rare terms: specialist words that few postings mention
rare\tstatistician
rare\tcartographie
rare\tactuariales
rare\tvolcanic
";

impl Workload {
    /// Parses a query file's text; `source` names the file in errors (`file:line: why`).
    pub fn parse(text: &str, source: &str, today: NaiveDate) -> Result<Workload> {
        let mut queries = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let at = |message: String| Error::QueryFile {
                file: source.to_owned(),
                line: Some(number + 1),
                message,
            };
            let line = line.trim_end_matches('\r');
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let (class, query) = match line.split_once('\t') {
                Some((name, query)) => {
                    let name = name.trim();
                    let class = QueryClass::from_name(name).ok_or_else(|| {
                        let known: Vec<_> = QueryClass::ALL.iter().map(|c| c.name()).collect();
                        at(format!(
                            "unknown query class `{name}` before the tab; known: {}",
                            known.join(", ")
                        ))
                    })?;
                    (Some(class), query.trim())
                }
                None => (None, trimmed),
            };
            if query.is_empty() {
                return Err(at("no query after the class name".to_owned()));
            }
            let parsed = match query.strip_prefix('?') {
                Some(query_string) => BenchQuery::from_query_string(query_string, class, today),
                None => BenchQuery::from_text(query, class, today),
            };
            queries.push(parsed.map_err(|e| at(e.to_string()))?);
        }
        if queries.is_empty() {
            return Err(Error::QueryFile {
                file: source.to_owned(),
                line: None,
                message: "no queries (only blank lines and comments)".to_owned(),
            });
        }
        Ok(Workload { queries })
    }

    /// Reads and parses the query file at `path`.
    pub fn from_file(path: &Path, today: NaiveDate) -> Result<Workload> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, &path.display().to_string(), today)
    }

    /// The built-in mix of queries, covering every [`QueryClass`].
    #[must_use]
    pub fn builtin(today: NaiveDate) -> Workload {
        Self::parse(BUILTIN, "built-in queries", today).expect("the built-in queries parse")
    }

    /// The classes present, in report order.
    #[must_use]
    pub fn classes(&self) -> Vec<QueryClass> {
        QueryClass::ALL
            .into_iter()
            .filter(|c| self.queries.iter().any(|q| q.class == *c))
            .collect()
    }

    /// Sets `per_page` on every query that does not give it.
    pub fn set_default_per_page(&mut self, per_page: usize) {
        for query in &mut self.queries {
            query.set_default_per_page(per_page);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{FacetField, SortOrder};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    fn parse(text: &str) -> Result<Workload> {
        Workload::parse(text, "q.txt", today())
    }

    fn classes(text: &str) -> Vec<QueryClass> {
        parse(text)
            .unwrap()
            .queries
            .iter()
            .map(|q| q.class)
            .collect()
    }

    #[test]
    fn plain_lines_are_classified_by_words_and_quotes() {
        assert_eq!(
            classes("nutrition\ndata analyst\n\"human resources\"\n*\n"),
            [
                QueryClass::Single,
                QueryClass::Several,
                QueryClass::Phrase,
                QueryClass::Browse
            ]
        );
    }

    #[test]
    fn query_strings_are_classified_by_filters_and_sort() {
        assert_eq!(
            classes(
                "?q=water&region=Africa\n?q=&sort=published\n?sort=closing\n\
                 ?q=%22chef+de+projet%22&language=fr\n?q=a+b&page=2\n?q=x&open=true\n\
                 ?q=&location=/Africa\n?q=x&published_after=2025-01-01\n"
            ),
            [
                QueryClass::Filters,
                QueryClass::Browse,
                QueryClass::Browse,
                QueryClass::Phrase,
                QueryClass::Several,
                QueryClass::Filters,
                QueryClass::Filters,
                QueryClass::Filters,
            ]
        );
    }

    #[test]
    fn an_explicit_class_wins() {
        let w = parse("rare\thydrogeologist\nbrowse\t?q=&sort=published\nsingle\tdata analyst")
            .unwrap();
        assert_eq!(
            w.queries.iter().map(|q| q.class).collect::<Vec<_>>(),
            [QueryClass::Rare, QueryClass::Browse, QueryClass::Single]
        );
        assert_eq!(w.queries[0].request.query, "hydrogeologist");
        assert_eq!(w.queries[2].request.query, "data analyst");
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let w = parse("# a comment\n\n   \nnutrition\r\n  # indented comment\n").unwrap();
        assert_eq!(w.queries.len(), 1);
        assert_eq!(w.queries[0].request.query, "nutrition");
    }

    #[test]
    fn plain_text_is_percent_encoded_as_q() {
        let w = parse("santé publique & co\nl'emploi\n").unwrap();
        assert_eq!(
            w.queries[0].query_string,
            "q=sant%C3%A9%20publique%20%26%20co"
        );
        assert_eq!(w.queries[0].request.query, "santé publique & co");
        assert_eq!(w.queries[1].request.query, "l'emploi");
    }

    #[test]
    fn query_strings_are_parsed_as_the_service_does() {
        let w = parse("?q=officer&grade=P3&grade=P4&sort=published").unwrap();
        let r = &w.queries[0].request;
        assert_eq!(r.query, "officer");
        assert_eq!(r.filters[&FacetField::Grade], ["P3", "P4"]);
        assert_eq!(r.sort, SortOrder::Published);
    }

    #[test]
    fn bad_lines_are_refused_with_file_and_line() {
        for (text, line, why) in [
            (
                "ok\nfrequent\tnutrition\n",
                2,
                "unknown query class `frequent`",
            ),
            ("ok\n\n?q=a&organisation=WHO\n", 3, "unknown parameter"),
            ("?q=water sanitation\n", 1, "not a valid URL query string"),
            ("?q=%FF\n", 1, "UTF-8"),
            ("?sort=best\n", 1, "sort"),
            ("ok\n-\n", 2, "invalid query"),
            ("rare\t   \n", 1, "no query"),
        ] {
            let error = parse(text).unwrap_err();
            let shown = error.to_string();
            assert!(shown.starts_with(&format!("q.txt:{line}: ")), "{shown}");
            assert!(shown.contains(why), "{shown}");
        }
        let shown = parse("# nothing\n\n").unwrap_err().to_string();
        assert!(shown.contains("no queries"), "{shown}");
    }

    #[test]
    fn per_page_is_added_unless_given() {
        let mut w = parse("nutrition\n?q=a&per_page=3\n?\n").unwrap();
        w.set_default_per_page(10);
        assert_eq!(w.queries[0].query_string, "q=nutrition&per_page=10");
        assert_eq!(w.queries[0].request.per_page, 10);
        assert_eq!(w.queries[1].query_string, "q=a&per_page=3");
        assert_eq!(w.queries[1].request.per_page, 3);
        assert_eq!(w.queries[2].query_string, "per_page=10");
    }

    #[test]
    fn the_builtin_mix_covers_every_class() {
        let w = Workload::builtin(today());
        assert_eq!(w.classes(), QueryClass::ALL);
        for class in QueryClass::ALL {
            let n = w.queries.iter().filter(|q| q.class == class).count();
            assert!(n >= 3, "{class}: {n} queries");
        }
    }

    #[test]
    fn the_shipped_query_files_parse() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches");
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let w = Workload::from_file(&path, today()).unwrap();
                assert!(w.queries.len() >= 10, "{}", path.display());
                files += 1;
            }
        }
        assert!(files >= 2, "{files} query files in {}", dir.display());
        let analysts = Workload::from_file(&dir.join("queries-analysts.txt"), today()).unwrap();
        assert!(analysts
            .queries
            .iter()
            .all(|q| q.class == QueryClass::Filters));
    }

    #[test]
    fn class_names_round_trip() {
        for class in QueryClass::ALL {
            assert_eq!(QueryClass::from_name(class.name()), Some(class));
        }
        assert_eq!(QueryClass::from_name("Rare"), None);
    }
}
