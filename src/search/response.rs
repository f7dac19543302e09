//! What a search returns.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::HitFields;
use crate::Posting;

/// One ranked result: the main fields of the posting (`id` to `closing`, as in `Posting`),
/// then its score, a snippet of its body and its concepts; only those of [`Hit::shown`] are
/// serialised.
#[derive(Debug, Clone, PartialEq, Deserialize, utoipa::ToSchema)]
pub struct Hit {
    /// The posting, without its body (a hit carries a snippet of it instead). Only its
    /// [`Hit::POSTING_FIELDS`] are serialised, in that order, before the other fields; the
    /// OpenAPI document takes their schemas from [`Posting`]'s.
    #[serde(flatten)]
    #[schema(ignore)]
    pub posting: Posting,
    /// Relevance score (0 when browsing).
    pub score: f32,
    /// Body excerpt around the matched terms: HTML-escaped text, matches in `<mark>`.
    pub snippet: String,
    /// ESCO skills the posting names, labelled in the request's language.
    pub skills: Vec<Labelled>,
    /// The ESCO occupation the title names, with its ISCO-08 unit group.
    pub occupation: Option<HitOccupation>,
    /// The properties serialised (the request's `fields`; all by default).
    #[serde(skip)]
    #[schema(ignore)]
    pub shown: HitFields,
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
    /// The fields of the posting a hit shows, in the order they are serialised.
    pub const POSTING_FIELDS: [&'static str; 14] = {
        let mut names = [""; 14];
        let mut i = 0;
        while i < names.len() {
            names[i] = HitFields::NAMES[i];
            i += 1;
        }
        names
    };

    /// The hit of `posting`, with its score and snippet (the posting's body is dropped).
    #[must_use]
    pub fn new(mut posting: Posting, score: f32, snippet: String) -> Hit {
        posting.body = String::new();
        Hit {
            posting,
            score,
            snippet,
            skills: Vec::new(),
            occupation: None,
            shown: HitFields::all(),
        }
    }
}

/// The shown properties, in the order of [`HitFields::NAMES`]: the posting's fields, then
/// score, snippet, skills and occupation.
impl Serialize for Hit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let shown = self.shown;
        let mut out = serializer.serialize_map(None)?;
        let posting = Hit::POSTING_FIELDS
            .into_iter()
            .zip(shown_values(&self.posting));
        for (i, (name, value)) in posting.enumerate() {
            if shown.shows_at(i) {
                out.serialize_entry(name, &value)?;
            }
        }
        if shown.shows("score") {
            out.serialize_entry("score", &self.score)?;
        }
        if shown.shows("snippet") {
            out.serialize_entry("snippet", &self.snippet)?;
        }
        if shown.shows("skills") {
            out.serialize_entry("skills", &self.skills)?;
        }
        if shown.shows("occupation") {
            out.serialize_entry("occupation", &self.occupation)?;
        }
        out.end()
    }
}

/// The values of [`Hit::POSTING_FIELDS`] of `p`, borrowed, in that order (the hits' JSON and
/// the first columns of a CSV export).
pub(crate) fn shown_values(p: &Posting) -> [Shown<'_>; 14] {
    use Shown::{Date, Text};
    [
        Text(Some(&p.id)),
        Text(p.title.as_deref()),
        Text(p.organization.as_deref()),
        Text(p.grade.as_deref()),
        Text(p.unit.as_deref()),
        Text(p.department.as_deref()),
        Text(p.duty_station.as_deref()),
        Text(p.country.as_deref()),
        Text(p.region.as_deref()),
        Text(p.subregion.as_deref()),
        Text(p.contract_type.as_deref()),
        Text(Some(&p.language)),
        Date(p.published),
        Date(p.closing),
    ]
}

/// A value of one of [`Hit::POSTING_FIELDS`], borrowed from the posting; serialised as the
/// posting serialises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub(crate) enum Shown<'a> {
    /// A text field (`None`: absent).
    Text(Option<&'a str>),
    /// A date (`None`: unknown).
    Date(Option<NaiveDate>),
}

impl Shown<'_> {
    /// The value as a CSV cell: the text, the date as `YYYY-MM-DD`, empty when absent.
    pub(crate) fn cell(self) -> String {
        match self {
            Shown::Text(text) => text.unwrap_or_default().to_owned(),
            Shown::Date(date) => date.map(|d| d.to_string()).unwrap_or_default(),
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
    /// Label of the value in the request's language (`skill` and `occupation` facets; left
    /// out for the others, whose value is what a page shows: `"label": null` was 7 kB of the
    /// 48 kB answer to a search from the page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
        if !self.left_out.is_empty() {
            writeln!(f, "(searched without {})", self.left_out.join(" "))?;
        }
        if self.relaxed {
            writeln!(f, "(no posting has every word: those with some of them)")?;
        }
        if self.read_as_words {
            writeln!(
                f,
                "(the query's syntax could not be read: its words were searched)"
            )?;
        }
        for hit in &self.hits {
            writeln!(
                f,
                "\n{:>6.2}  {}  [{}]",
                hit.score,
                hit.posting.title.as_deref().unwrap_or("(no title)"),
                hit.posting.id
            )?;
            let facts: Vec<&str> = [
                hit.posting.organization.as_deref(),
                hit.posting.grade.as_deref(),
                hit.posting.duty_station.as_deref(),
                hit.posting.contract_type.as_deref(),
                Some(hit.posting.language.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            writeln!(f, "        {}", facts.join(" · "))?;
            if let Some(closing) = hit.posting.closing {
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
    /// True when no posting had every word searched, and the results are those having any
    /// of them (ranked by how many and how well).
    pub relaxed: bool,
    /// Filler words of the query that were not searched, as typed (`["I", "am", "looking",
    /// "job"]`): those around a job seeker's sentence (`I am looking for a job in…`), or
    /// general words for a job (`position`, `empleo`) left out when no posting had every
    /// word. Empty when every word was searched.
    #[serde(default)]
    pub left_out: Vec<String>,
    /// True when the query's syntax could not be read (an unbalanced parenthesis or quote,
    /// a stray bracket or colon): its words were searched as plain words.
    #[serde(default)]
    pub read_as_words: bool,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn posting() -> Posting {
        Posting {
            id: "p-1".into(),
            title: Some("Water Officer".into()),
            organization: Some("UNICEF".into()),
            organization_raw: Some("Unicef".into()),
            grade: Some("P3".into()),
            unit: Some("WASH".into()),
            department: Some("Programmes".into()),
            duty_station: Some("Tunis".into()),
            country: Some("TUN".into()),
            region: Some("Africa".into()),
            subregion: Some("Northern Africa".into()),
            contract_type: Some("fixed-term".into()),
            language: "en".into(),
            published: chrono::NaiveDate::from_ymd_opt(2026, 1, 2),
            closing: chrono::NaiveDate::from_ymd_opt(2026, 2, 3),
            link: Some("https://example.org/p-1".into()),
            body: "Long prose.".into(),
            skills: vec!["s1".into()],
            ..Posting::default()
        }
    }

    #[test]
    fn a_hit_shows_the_posting_fields_in_order_then_its_own() {
        let hit = Hit::new(posting(), 1.5, "<mark>Water</mark>".into());
        assert!(hit.posting.body.is_empty(), "a hit does not carry the body");
        let json = serde_json::to_value(&hit).unwrap();
        let text = serde_json::to_string(&hit).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected: Vec<&str> = Hit::POSTING_FIELDS.to_vec();
        expected.extend(["score", "snippet", "skills", "occupation"]);
        // Same key set (the map sorts them), and in the document in this order.
        let mut sorted = expected.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
        let positions: Vec<usize> = expected
            .iter()
            .map(|k| text.find(&format!("\"{k}\":")).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
        // Each posting field as the posting itself serialises it.
        let whole = serde_json::to_value(posting()).unwrap();
        for name in Hit::POSTING_FIELDS {
            assert_eq!(json[name], whole[name], "{name}");
        }
        assert_eq!(
            json["skills"],
            serde_json::json!([]),
            "the hit's labelled skills"
        );
    }

    #[test]
    fn a_hit_shows_only_its_shown_fields_in_their_order() {
        let mut hit = Hit::new(posting(), 1.5, "x".into());
        hit.shown = "closing,snippet,title".parse().unwrap();
        let text = serde_json::to_string(&hit).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 4, "{text}");
        let positions: Vec<usize> = ["id", "title", "closing", "snippet"]
            .iter()
            .map(|k| text.find(&format!("\"{k}\":")).expect(k))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
        hit.shown = HitFields::id_only();
        assert_eq!(
            serde_json::to_value(&hit).unwrap(),
            serde_json::json!({"id": hit.posting.id})
        );
    }

    #[test]
    fn a_hit_reads_back() {
        let mut hit = Hit::new(posting(), 1.5, "x".into());
        hit.skills = vec![Labelled {
            id: "s1".into(),
            label: "water".into(),
        }];
        let back: Hit = serde_json::from_str(&serde_json::to_string(&hit).unwrap()).unwrap();
        assert_eq!(back.score, hit.score);
        assert_eq!(back.skills, hit.skills);
        for name in Hit::POSTING_FIELDS {
            let field = |h: &Hit| serde_json::to_value(&h.posting).unwrap()[name].clone();
            assert_eq!(field(&back), field(&hit), "{name}");
        }
    }
}
