//! What a search returns.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Hit {
    /// Posting id.
    pub id: String,
    /// Job title.
    pub title: Option<String>,
    /// Organisation.
    pub organization: Option<String>,
    /// Canonical grade.
    pub grade: Option<String>,
    /// Organisation unit.
    pub unit: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Duty station.
    pub duty_station: Option<String>,
    /// ISO 3166-1 alpha-3 country code.
    pub country: Option<String>,
    /// UN M49 region.
    pub region: Option<String>,
    /// UN M49 sub-region.
    pub subregion: Option<String>,
    /// Canonical contract type.
    pub contract_type: Option<String>,
    /// ISO 639-1 language code.
    pub language: String,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Closing date.
    pub closing: Option<NaiveDate>,
    /// Relevance score (0 when browsing).
    pub score: f32,
    /// Body excerpt around the matched terms: HTML-escaped text, matches in `<mark>`.
    pub snippet: String,
    /// ESCO skills the posting names, labelled in the request's language.
    pub skills: Vec<Labelled>,
    /// The ESCO occupation the title names, with its ISCO-08 unit group.
    pub occupation: Option<HitOccupation>,
}

/// A hit's ESCO occupation, labelled in the request's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HitOccupation {
    /// ESCO occupation id.
    pub id: String,
    /// Its preferred label.
    pub label: String,
    /// ISCO-08 unit group (4 digits), the `occupation` facet's value.
    pub isco: String,
    /// The unit group's label.
    pub isco_label: String,
}

/// A concept (ESCO skill, ISCO-08 group) with its label in the request's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Labelled {
    /// ESCO concept id, or ISCO-08 code.
    pub id: String,
    /// Preferred label.
    pub label: String,
}

impl Hit {
    /// The hit of `posting`, with its score and snippet.
    #[must_use]
    pub fn new(posting: crate::Posting, score: f32, snippet: String) -> Hit {
        Hit {
            id: posting.id,
            title: posting.title,
            organization: posting.organization,
            grade: posting.grade,
            unit: posting.unit,
            department: posting.department,
            duty_station: posting.duty_station,
            country: posting.country,
            region: posting.region,
            subregion: posting.subregion,
            contract_type: posting.contract_type,
            language: posting.language,
            published: posting.published,
            closing: posting.closing,
            score,
            snippet,
            skills: Vec::new(),
            occupation: None,
        }
    }
}

/// One facet value and how many matching postings have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FacetCount {
    /// The value.
    pub value: String,
    /// Matching postings with that value.
    pub count: u64,
    /// Label of the value in the request's language (`skill` and `occupation` facets; `null`
    /// for the others).
    #[serde(default)]
    pub label: Option<String>,
}

/// The page for a terminal: the total, then each hit with its score, title, id, main facts,
/// closing date and snippet (marks as brackets, see [`super::plain_snippet`]).
impl std::fmt::Display for SearchResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} postings ({:.1} ms), page {}",
            self.total, self.took_ms, self.page
        )?;
        for hit in &self.hits {
            writeln!(
                f,
                "\n{:>6.2}  {}  [{}]",
                hit.score,
                hit.title.as_deref().unwrap_or("(no title)"),
                hit.id
            )?;
            let facts: Vec<&str> = [
                hit.organization.as_deref(),
                hit.grade.as_deref(),
                hit.duty_station.as_deref(),
                hit.contract_type.as_deref(),
                Some(hit.language.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            writeln!(f, "        {}", facts.join(" · "))?;
            if let Some(closing) = hit.closing {
                writeln!(f, "        closes {closing}")?;
            }
            writeln!(f, "        {}", super::plain_snippet(&hit.snippet))?;
        }
        Ok(())
    }
}

/// A page of results with facet counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SearchResponse {
    /// Postings matching the query and every filter.
    pub total: u64,
    /// Time spent searching, in milliseconds.
    pub took_ms: f64,
    /// The page returned (1-based).
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
    /// The hits of this page, in order.
    pub hits: Vec<Hit>,
    /// Counts per facet value, most frequent first; a facet's own filter is ignored when
    /// counting it (disjunctive counts).
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// True when no posting had every word of the query, and the results are those having
    /// any of them (ranked by how many they have).
    pub relaxed: bool,
    /// The language the query was taken to be in (`fr`, `en`, `es`): from `lang`, else the
    /// query's words, else `Accept-Language`; `null` when neutral (no query text, or short
    /// ambiguous words such as `consultant`, `P3`, `Nairobi`).
    pub query_language: Option<String>,
    /// The query with its typos corrected, when a word had no or very few matches and the
    /// correction finds clearly more postings (matches of the correction are already in the
    /// results, ranked below exact matches); `null` otherwise.
    pub did_you_mean: Option<String>,
    /// ESCO skills the query names (in English, French or Spanish): postings in any
    /// language tagged with one of them are found too, after those matching the words.
    pub recognized_skills: Vec<Labelled>,
}
