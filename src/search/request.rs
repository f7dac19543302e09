//! What a search asks for: query text, filters, date ranges, sort and page.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::schema::FacetField;

/// Results per page when the request does not say.
pub const DEFAULT_PER_PAGE: usize = 20;
/// Largest accepted `per_page`.
pub const MAX_PER_PAGE: usize = 100;
/// Deepest result one may page to: `page * per_page` may not exceed this.
pub const MAX_PAGE_DEPTH: usize = 10_000;
/// Longest accepted query text, in bytes.
pub const MAX_QUERY_BYTES: usize = 1_000;
/// Deepest accepted nesting of parentheses in a query.
pub const MAX_QUERY_DEPTH: usize = 16;
/// Most values accepted for one facet filter, and in all filters together.
pub const MAX_FILTER_VALUES: usize = 50;
/// Values listed per facet when the request does not say (`facet_size`).
pub const DEFAULT_FACET_SIZE: usize = 100;
/// Most values a request may ask to list per facet.
pub const MAX_FACET_SIZE: usize = 1_000;

/// Which facets a search counts (`facets` parameter): counting costs time on every matching
/// posting, so a caller that shows two facets asks for two.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FacetSelection {
    facets: Vec<FacetField>,
    location: bool,
}

impl Default for FacetSelection {
    fn default() -> Self {
        FacetSelection::all()
    }
}

impl FacetSelection {
    /// Every facet and the location drill-down (the default).
    #[must_use]
    pub fn all() -> Self {
        FacetSelection {
            facets: FacetField::ALL.to_vec(),
            location: true,
        }
    }

    /// No facet at all: hits and totals only.
    #[must_use]
    pub fn none() -> Self {
        FacetSelection {
            facets: Vec::new(),
            location: false,
        }
    }

    /// Whether `facet` is counted.
    #[must_use]
    pub fn counts(&self, facet: FacetField) -> bool {
        self.facets.contains(&facet)
    }

    /// Whether the location drill-down is counted.
    #[must_use]
    pub fn location(&self) -> bool {
        self.location
    }
}

impl std::str::FromStr for FacetSelection {
    type Err = crate::Error;

    /// A comma-separated list of facet names and `location`, or `none`.
    fn from_str(list: &str) -> crate::Result<Self> {
        let mut selection = FacetSelection::none();
        if list.trim() == "none" {
            return Ok(selection);
        }
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if name == super::LOCATION_FACET {
                selection.location = true;
            } else if let Some(facet) = FacetField::from_name(name) {
                if !selection.facets.contains(&facet) {
                    selection.facets.push(facet);
                }
            } else {
                return Err(crate::Error::param(
                    "facets",
                    format!(
                        "unknown facet `{}`; give a comma-separated list of {}, {} (or none)",
                        crate::error::echo(name),
                        FacetField::ALL.map(FacetField::name).join(", "),
                        super::LOCATION_FACET
                    ),
                ));
            }
        }
        Ok(selection)
    }
}

/// Which properties each hit carries (`fields` parameter; all by default). `id` is always
/// shown. A hit showing no posting field but `id`, and neither its snippet nor its concepts,
/// is answered without reading the stored posting: the id comes from its fast column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HitFields(u32);

impl Default for HitFields {
    fn default() -> Self {
        HitFields::all()
    }
}

impl HitFields {
    /// Every property a hit may show, in the order they are serialised: the posting's
    /// ([`super::Hit::POSTING_FIELDS`]), then `score`, `snippet`, `skills`, `occupation`.
    pub const NAMES: [&'static str; 18] = [
        "id",
        "title",
        "organization",
        "grade",
        "unit",
        "department",
        "duty_station",
        "country",
        "region",
        "subregion",
        "contract_type",
        "language",
        "published",
        "closing",
        "score",
        "snippet",
        "skills",
        "occupation",
    ];

    /// Every property (the default).
    #[must_use]
    pub fn all() -> Self {
        HitFields((1 << Self::NAMES.len()) - 1)
    }

    /// Only `id`.
    #[must_use]
    pub fn id_only() -> Self {
        HitFields(1)
    }

    /// Whether the property `name` (one of [`HitFields::NAMES`]) is shown.
    #[must_use]
    pub fn shows(self, name: &str) -> bool {
        Self::position(name).is_some_and(|i| self.shows_at(i))
    }

    /// Whether the property at `index` of [`HitFields::NAMES`] is shown.
    #[must_use]
    pub fn shows_at(self, index: usize) -> bool {
        self.0 & (1 << index) != 0
    }

    /// Whether showing these properties needs the stored posting: a posting field other than
    /// `id`, the snippet or the posting's concepts.
    #[must_use]
    pub fn needs_posting(self) -> bool {
        let score = 1 << Self::position("score").expect("a name of HitFields::NAMES");
        self.0 & !(1 | score) != 0
    }

    /// The index of `name` in [`HitFields::NAMES`].
    fn position(name: &str) -> Option<usize> {
        Self::NAMES.iter().position(|n| *n == name)
    }
}

impl std::str::FromStr for HitFields {
    type Err = crate::Error;

    /// A comma-separated list of [`HitFields::NAMES`]; `id` is added when missing.
    fn from_str(list: &str) -> crate::Result<Self> {
        let mut shown = HitFields::id_only();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let Some(i) = Self::position(name) else {
                return Err(crate::Error::param(
                    "fields",
                    format!(
                        "unknown hit field `{}`; give a comma-separated list of {}",
                        crate::error::echo(name),
                        Self::NAMES.join(", ")
                    ),
                ));
            };
            shown.0 |= 1 << i;
        }
        Ok(shown)
    }
}

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Best match first; newest first when there is no query text.
    #[default]
    Relevance,
    /// Newest publication first.
    Published,
    /// Soonest closing date first (unknown closing dates last).
    Closing,
}

impl SortOrder {
    /// Every order with its name (the `sort` parameter's values).
    pub const ALL: [(&'static str, SortOrder); 3] = [
        ("relevance", SortOrder::Relevance),
        ("published", SortOrder::Published),
        ("closing", SortOrder::Closing),
    ];
}

impl std::str::FromStr for SortOrder {
    type Err = String;

    /// `relevance`, `published` or `closing`.
    fn from_str(name: &str) -> std::result::Result<SortOrder, String> {
        SortOrder::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, order)| *order)
            .ok_or_else(|| format!("`{name}` is not one of relevance, published, closing"))
    }
}

/// One facet filter, written `FIELD=VALUE` (`grade=P2`) on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetFilter {
    /// The facet filtered on.
    pub field: FacetField,
    /// The accepted value.
    pub value: String,
}

impl std::str::FromStr for FacetFilter {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<FacetFilter, String> {
        let Some((name, value)) = text.split_once('=') else {
            return Err(format!("expected FIELD=VALUE, got `{text}`"));
        };
        let Some(field) = FacetField::from_name(name) else {
            let known: Vec<_> = FacetField::ALL.iter().map(|f| f.name()).collect();
            return Err(format!(
                "unknown filter field `{name}`; known: {}",
                known.join(", ")
            ));
        };
        Ok(FacetFilter {
            field,
            value: value.to_owned(),
        })
    }
}

/// A complete search request, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Query text; empty means browse everything that passes the filters.
    pub query: String,
    /// Facet filters: values of one facet are OR'ed, facets are AND'ed.
    pub filters: BTreeMap<FacetField, Vec<String>>,
    /// Location paths (`/Africa/Northern Africa`), OR'ed; see [`super::parse_location`].
    pub location: Vec<String>,
    /// Keep postings whose closing date is this day or later, or unknown and published
    /// recently (see [`super::Engine::with_unknown_closing_days`]).
    pub open_on: Option<NaiveDate>,
    /// Published on or after.
    pub published_after: Option<NaiveDate>,
    /// Published on or before.
    pub published_before: Option<NaiveDate>,
    /// Closing on or after.
    pub closing_after: Option<NaiveDate>,
    /// Closing on or before.
    pub closing_before: Option<NaiveDate>,
    /// Result order.
    pub sort: SortOrder,
    /// 1-based page number.
    pub page: usize,
    /// Hits per page.
    pub per_page: usize,
    /// The searcher's language (`lang` parameter): postings in it rank first where they
    /// match as well, and skill and occupation labels are in it (English when `None`; the
    /// query language is then inferred from the query text).
    pub lang: Option<crate::analysis::Lang>,
    /// The first of `fr`, `en`, `es` in the `Accept-Language` header: the query language
    /// when neither `lang` nor the query text decides.
    pub accept_lang: Option<crate::analysis::Lang>,
    /// Facets counted (`facets`; all by default).
    pub facets: FacetSelection,
    /// Values listed per facet (`facet_size`), most frequent first; selected values are
    /// always listed.
    pub facet_size: usize,
    /// Whether hits carry a highlighted snippet (`snippets`; on by default).
    pub snippets: bool,
    /// The properties each hit carries (`fields`; all by default).
    pub fields: HitFields,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            filters: BTreeMap::new(),
            location: Vec::new(),
            open_on: None,
            published_after: None,
            published_before: None,
            closing_after: None,
            closing_before: None,
            sort: SortOrder::Relevance,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            lang: None,
            accept_lang: None,
            facets: FacetSelection::all(),
            facet_size: DEFAULT_FACET_SIZE,
            snippets: true,
            fields: HitFields::all(),
        }
    }
}

impl SearchRequest {
    /// A request for `query` with every other setting at its default.
    #[must_use]
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            ..SearchRequest::default()
        }
    }

    /// Adds a filter value for `field`.
    #[must_use]
    pub fn filter(mut self, field: FacetField, value: impl Into<String>) -> Self {
        self.filters.entry(field).or_default().push(value.into());
        self
    }

    /// Adds every filter of `filters` (values of one facet are OR'ed, facets AND'ed).
    #[must_use]
    pub fn filters(self, filters: impl IntoIterator<Item = FacetFilter>) -> Self {
        filters
            .into_iter()
            .fold(self, |request, f| request.filter(f.field, f.value))
    }
}
