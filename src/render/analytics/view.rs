//! The state of the analytics page, kept in its URL with the search page's parameter names,
//! and the addresses built from it: narrower pages, the search, downloads.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::UiLang;
use crate::search::FacetField;

/// Bytes percent-encoded in a query string component (`application/x-www-form-urlencoded`
/// keeps `-_.*` and letters; a space becomes `%20`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'*');

/// Parameters of the search that the page does not pass on: paging, order and the open
/// posting of the search page.
const DROPPED: [&str; 4] = ["page", "per_page", "sort", "posting"];

/// What the page shows: the search state, the interface language and the trend facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Interface language (`lang`).
    pub lang: UiLang,
    /// Facet of the trend lines (`trend`).
    pub trend: FacetField,
    /// The search parameters of the page's URL, decoded, in order: `q`, facet filters,
    /// `location`, dates and `open` (as the search page writes it: absent means open only).
    pub params: Vec<(String, String)>,
}

fn encode(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                utf8_percent_encode(k, COMPONENT),
                utf8_percent_encode(v, COMPONENT)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn with_query(path: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", encode(pairs))
    }
}

impl View {
    /// The view of a page URL's decoded parameters: `lang` and `trend` are read (unknown
    /// values fall back to English and organizations), paging and order are dropped, the
    /// rest is kept as the search state.
    #[must_use]
    pub fn from_pairs(pairs: &[(String, String)]) -> View {
        let mut view = View {
            lang: UiLang::default(),
            trend: FacetField::Organization,
            params: Vec::new(),
        };
        for (key, value) in pairs {
            match key.as_str() {
                "lang" => view.lang = UiLang::from_code(value).unwrap_or_default(),
                "trend" => {
                    view.trend = FacetField::from_name(value)
                        .filter(|f| crate::search::TREND_FACETS.contains(f))
                        .unwrap_or(FacetField::Organization);
                }
                k if DROPPED.contains(&k) => {}
                _ => view.params.push((key.clone(), value.clone())),
            }
        }
        view
    }

    /// The search parameters that `keep` accepts (given key and value), in order.
    fn params_where(&self, keep: impl Fn(&str, &str) -> bool) -> Vec<(String, String)> {
        self.params
            .iter()
            .filter(|(k, v)| keep(k, v))
            .cloned()
            .collect()
    }

    /// Whether the page counts open vacancies only (unless `open=false`, as on the search
    /// page).
    #[must_use]
    pub fn open_only(&self) -> bool {
        !self
            .params
            .iter()
            .any(|(k, v)| k == "open" && (v == "false" || v == "0"))
    }

    /// The search parameters as `/api/stats` and `/api/export.csv` take them: `open=true`
    /// spelt out when the page counts open vacancies only.
    #[must_use]
    pub fn api_params(&self) -> Vec<(String, String)> {
        let mut pairs = self.params_where(|k, _| k != "open");
        if self.open_only() {
            // An `open` value other than false is passed on, to be checked like any other.
            let given = self.params.iter().find(|(k, _)| k == "open");
            let value = given.map_or("true", |(_, v)| v.as_str());
            pairs.push(("open".to_owned(), value.to_owned()));
        }
        pairs
    }

    /// [`View::api_params`] as a query string.
    #[must_use]
    pub fn api_query(&self) -> String {
        encode(&self.api_params())
    }

    /// The values filtered on, as (parameter, value), in URL order.
    pub fn filters(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params
            .iter()
            .filter(|(k, _)| k != "open" && k != "q")
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The query text.
    #[must_use]
    pub fn query(&self) -> &str {
        self.params
            .iter()
            .find(|(k, _)| k == "q")
            .map_or("", |(_, v)| v.as_str())
    }

    fn page_pairs(&self, params: Vec<(String, String)>, lang: UiLang, trend: FacetField) -> String {
        let mut pairs = params;
        pairs.push(("lang".to_owned(), lang.code().to_owned()));
        if trend != FacetField::Organization {
            pairs.push(("trend".to_owned(), trend.name().to_owned()));
        }
        with_query("/analytics", &pairs)
    }

    /// This page's address.
    #[must_use]
    pub fn url(&self) -> String {
        self.page_pairs(self.params.clone(), self.lang, self.trend)
    }

    /// This page in another language.
    #[must_use]
    pub fn in_lang(&self, lang: UiLang) -> String {
        self.page_pairs(self.params.clone(), lang, self.trend)
    }

    /// This page with trend lines by `trend`.
    #[must_use]
    pub fn with_trend(&self, trend: FacetField) -> String {
        self.page_pairs(self.params.clone(), self.lang, trend)
    }

    /// The parameters narrowed to one value of each facet given (their other values
    /// dropped).
    fn narrowed_params(&self, narrow: &[(FacetField, &str)]) -> Vec<(String, String)> {
        let mut pairs = self.params_where(|k, _| !narrow.iter().any(|(f, _)| f.name() == k));
        for (facet, value) in narrow {
            pairs.push((facet.name().to_owned(), (*value).to_owned()));
        }
        pairs
    }

    /// This page narrowed to `value` of `facet`.
    #[must_use]
    pub fn narrowed(&self, facet: FacetField, value: &str) -> String {
        self.narrowed_by(&[(facet, value)])
    }

    /// This page narrowed to one value of each facet given.
    #[must_use]
    pub fn narrowed_by(&self, narrow: &[(FacetField, &str)]) -> String {
        self.page_pairs(self.narrowed_params(narrow), self.lang, self.trend)
    }

    /// This page without the parameter `key=value`.
    #[must_use]
    pub fn without(&self, key: &str, value: &str) -> String {
        let pairs = self.params_where(|k, v| !(k == key && v == value));
        self.page_pairs(pairs, self.lang, self.trend)
    }

    /// This page with the query text only (every filter removed, open only).
    #[must_use]
    pub fn cleared(&self) -> String {
        let pairs = self.params_where(|k, _| k == "q");
        self.page_pairs(pairs, self.lang, self.trend)
    }

    /// This page counting open vacancies only (`open`) or every vacancy.
    #[must_use]
    pub fn with_open(&self, open: bool) -> String {
        let mut pairs = self.params_where(|k, _| k != "open");
        if !open {
            pairs.push(("open".to_owned(), "false".to_owned()));
        }
        self.page_pairs(pairs, self.lang, self.trend)
    }

    /// The search page with the same search.
    #[must_use]
    pub fn search_url(&self) -> String {
        let mut pairs = self.params.clone();
        pairs.push(("lang".to_owned(), self.lang.code().to_owned()));
        with_query("/", &pairs)
    }

    /// The search page narrowed to `value` of `facet`.
    #[must_use]
    pub fn search_narrowed(&self, facet: FacetField, value: &str) -> String {
        let mut pairs = self.narrowed_params(&[(facet, value)]);
        pairs.push(("lang".to_owned(), self.lang.code().to_owned()));
        with_query("/", &pairs)
    }

    /// `/api/stats.csv` for the same search, by `by` (with `series` trend lines).
    #[must_use]
    pub fn stats_csv_url(&self, by: &[FacetField], series: Option<usize>) -> String {
        let names: Vec<&str> = by.iter().map(|f| f.name()).collect();
        let mut pairs = vec![("by".to_owned(), names.join(","))];
        if let Some(n) = series {
            pairs.push(("series".to_owned(), n.to_string()));
        }
        pairs.extend(self.api_params());
        with_query("/api/stats.csv", &pairs)
    }

    /// One chart of this page as an SVG file.
    #[must_use]
    pub fn chart_svg_url(&self, chart: &str) -> String {
        let mut pairs = self.params.clone();
        pairs.push(("lang".to_owned(), self.lang.code().to_owned()));
        if self.trend != FacetField::Organization {
            pairs.push(("trend".to_owned(), self.trend.name().to_owned()));
        }
        with_query(&format!("/analytics/{chart}.svg"), &pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(pairs: &[(&str, &str)]) -> View {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        View::from_pairs(&owned)
    }

    #[test]
    fn narrowing_replaces_the_facet_and_keeps_the_rest() {
        let v = view(&[
            ("q", "santé & nutrition"),
            ("grade", "P3"),
            ("grade", "P4"),
            ("lang", "fr"),
            ("page", "3"),
        ]);
        assert_eq!(v.lang, UiLang::Fr);
        assert_eq!(
            v.narrowed(FacetField::Grade, "P4"),
            "/analytics?q=sant%C3%A9%20%26%20nutrition&grade=P4&lang=fr"
        );
        assert_eq!(
            v.narrowed(FacetField::Country, "SEN"),
            "/analytics?q=sant%C3%A9%20%26%20nutrition&grade=P3&grade=P4&country=SEN&lang=fr"
        );
        assert_eq!(
            v.without("grade", "P3"),
            "/analytics?q=sant%C3%A9%20%26%20nutrition&grade=P4&lang=fr"
        );
    }

    #[test]
    fn open_follows_the_search_page_convention() {
        let open = view(&[("q", "x")]);
        assert!(open.open_only());
        assert!(open
            .stats_csv_url(&[FacetField::Region, FacetField::Grade], None)
            .ends_with("?by=region%2Cgrade&q=x&open=true"));
        let all = view(&[("open", "false")]);
        assert!(!all.open_only());
        assert_eq!(all.api_params(), []);
        assert_eq!(open.with_open(false), "/analytics?q=x&open=false&lang=en");
    }

    #[test]
    fn unknown_trend_facets_fall_back_to_organizations() {
        assert_eq!(view(&[("trend", "grade")]).trend, FacetField::Grade);
        assert_eq!(view(&[("trend", "unit")]).trend, FacetField::Organization);
        assert_eq!(
            view(&[("trend", "skill")]).chart_svg_url("map"),
            "/analytics/map.svg?lang=en&trend=skill"
        );
    }
}
