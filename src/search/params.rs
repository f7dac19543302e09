//! Search parameters: a raw query string (`q=...&grade=P2&open=true`) turned into a
//! [`SearchRequest`].
//!
//! Every caller that takes a search as a query string parses it here: the service's
//! `/api/search`, `/api/stats`, `/api/export.csv` and feeds, the load generator's query
//! files and the command line. The query string is parsed here rather than by
//! `serde_urlencoded`, which cannot collect repeated keys. Rules:
//!
//! - each key and value is percent-decoded strictly (`+` is a space); bytes that are not UTF-8
//!   after decoding, and control characters other than tab and line breaks, are refused;
//! - facet parameters ([`FacetField::ALL`] names) may repeat: values of one facet are OR'ed;
//!   empty facet values are ignored;
//! - every other parameter may appear once; an empty value means "not given";
//! - an unknown parameter is refused with the list of known ones, so that a typo
//!   (`organisation=`) does not silently widen a search.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{FacetField, SearchRequest, SortOrder, MAX_FILTER_VALUES};
use crate::analysis::Lang;
pub use crate::error::{echo, ECHO_CHARS};
use crate::{Error, Result};

/// The parameters of `GET /api/search` that may appear at most once.
pub const SCALAR_PARAMS: [&str; 14] = [
    "q",
    "open",
    "published_after",
    "published_before",
    "closing_after",
    "closing_before",
    "sort",
    "page",
    "per_page",
    "lang",
    "facets",
    "facet_size",
    "snippets",
    "fields",
];

/// The repeatable location drill-down parameter (`location=/Africa/Northern Africa`).
pub const LOCATION_PARAM: &str = "location";

/// Every parameter `GET /api/search` accepts: the scalar ones, then one per facet, then
/// `location`.
#[must_use]
pub fn known_params() -> Vec<&'static str> {
    SCALAR_PARAMS
        .iter()
        .copied()
        .chain(FacetField::ALL.iter().map(|f| f.name()))
        .chain([LOCATION_PARAM])
        .collect()
}

/// Parses the query string of a route taking the search parameters plus `extra` ones
/// (each at most once, e.g. `by` for `/api/stats`); returns the request and the extra
/// parameters given, by name.
pub fn parse_params_with(
    raw: Option<&str>,
    today: NaiveDate,
    extra: &[&'static str],
) -> Result<(SearchRequest, BTreeMap<&'static str, String>)> {
    let mut extras = BTreeMap::new();
    let mut rest = Vec::new();
    for (key, value) in decode_pairs(raw.unwrap_or(""))? {
        match extra.iter().copied().find(|n| *n == key) {
            Some(name) => {
                if extras.insert(name, value).is_some() {
                    return Err(Error::param(name, "given more than once"));
                }
            }
            None => rest.push((key, value)),
        }
    }
    let request = parse_pairs(rest, today, extra)?;
    Ok((request, extras))
}

/// Parses the raw query string of `GET /api/search` (without the `?`) into a request.
///
/// `today` is the day `open=true` keeps postings open on. Range checks that belong to the
/// engine (`page`, `per_page`, date order) are left to [`crate::search::Engine::search`].
pub fn parse_search_params(raw: Option<&str>, today: NaiveDate) -> Result<SearchRequest> {
    parse_pairs(decode_pairs(raw.unwrap_or(""))?, today, &[])
}

fn parse_pairs(
    pairs: Vec<(String, String)>,
    today: NaiveDate,
    extra: &[&'static str],
) -> Result<SearchRequest> {
    let mut request = SearchRequest::default();
    let mut seen: Vec<&'static str> = Vec::new();
    for (key, value) in pairs {
        if key == LOCATION_PARAM {
            if value.is_empty() {
                continue;
            }
            if request.location.len() == MAX_FILTER_VALUES {
                return Err(Error::param(
                    LOCATION_PARAM,
                    format!("at most {MAX_FILTER_VALUES} values"),
                ));
            }
            request.location.push(value);
            continue;
        }
        if let Some(facet) = FacetField::from_name(&key) {
            if value.is_empty() {
                continue;
            }
            let values = request.filters.entry(facet).or_default();
            if values.len() == MAX_FILTER_VALUES {
                return Err(Error::param(
                    facet.name(),
                    format!("at most {MAX_FILTER_VALUES} values"),
                ));
            }
            values.push(value);
            continue;
        }
        let Some(name) = SCALAR_PARAMS.iter().copied().find(|n| *n == key) else {
            return Err(Error::param(
                echo(&key),
                format!(
                    "unknown parameter; known parameters are {}",
                    known_params()
                        .into_iter()
                        .chain(extra.iter().copied())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        };
        if seen.contains(&name) {
            return Err(Error::param(name, "given more than once"));
        }
        seen.push(name);
        if value.is_empty() {
            continue;
        }
        match name {
            "q" => request.query = value,
            "open" => {
                if parse_bool(name, &value)? {
                    request.open_on = Some(today);
                }
            }
            "published_after" => request.published_after = Some(parse_date(name, &value)?),
            "published_before" => request.published_before = Some(parse_date(name, &value)?),
            "closing_after" => request.closing_after = Some(parse_date(name, &value)?),
            "closing_before" => request.closing_before = Some(parse_date(name, &value)?),
            "sort" => request.sort = parse_sort(&value)?,
            "page" => request.page = parse_count(name, &value)?,
            "per_page" => request.per_page = parse_count(name, &value)?,
            "lang" => request.lang = Some(parse_lang(&value)?),
            "facets" => request.facets = value.parse()?,
            "facet_size" => request.facet_size = parse_count(name, &value)?,
            "snippets" => request.snippets = parse_bool(name, &value)?,
            "fields" => request.fields = value.parse()?,
            _ => unreachable!("every scalar parameter is handled"),
        }
    }
    Ok(request)
}

/// Splits and decodes the `key=value` pairs of a raw query string; empty segments
/// (`a=1&&b=2`) are skipped.
pub fn decode_pairs(raw: &str) -> Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    for segment in raw.split('&').filter(|s| !s.is_empty()) {
        let (raw_key, raw_value) = segment.split_once('=').unwrap_or((segment, ""));
        let key = decode(raw_key).map_err(|why| Error::param(echo(raw_key), why))?;
        let value = decode(raw_value).map_err(|why| Error::param(echo(&key), why))?;
        pairs.push((key, value));
    }
    Ok(pairs)
}

/// Percent-decodes one component; `+` stands for a space.
fn decode(component: &str) -> std::result::Result<String, String> {
    let spaced = component.replace('+', " ");
    let text = percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map_err(|_| "is not valid UTF-8 once percent-decoded".to_owned())?;
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err("contains a control character".to_owned());
    }
    Ok(text.into_owned())
}

/// A boolean parameter: `true`/`1` or `false`/`0`.
pub fn parse_bool(name: &str, value: &str) -> Result<bool> {
    match value {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(Error::param(
            name,
            format!("`{}` is not true or false", echo(value)),
        )),
    }
}

fn parse_date(name: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        Error::param(
            name,
            format!("`{}` is not a date in the form YYYY-MM-DD", echo(value)),
        )
    })
}

/// The searcher's language (query language, label language): `en`, `fr` or `es`.
pub fn parse_lang(value: &str) -> Result<Lang> {
    Lang::from_query_code(value).ok_or_else(|| {
        Error::param(
            "lang",
            format!("`{}` is not one of en, fr, es", echo(value)),
        )
    })
}

/// The first of `fr`, `en`, `es` in an `Accept-Language` header, in the header's order of
/// preference (`q` weights); `None` when it names none of them or cannot be read.
#[must_use]
pub fn accept_language(header: &str) -> Option<Lang> {
    let mut ranges: Vec<(f32, usize, Lang)> = Vec::new();
    for (i, part) in header.split(',').enumerate() {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let primary = tag.split('-').next().unwrap_or("");
        let Some(lang) = Lang::from_query_code(primary) else {
            continue;
        };
        let q = pieces
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|v| v.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 {
            ranges.push((q, i, lang));
        }
    }
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.first().map(|r| r.2)
}

fn parse_sort(value: &str) -> Result<SortOrder> {
    value.parse().map_err(|_| {
        Error::param(
            "sort",
            format!(
                "`{}` is not one of relevance, published, closing",
                echo(value)
            ),
        )
    })
}

/// A count parameter: plain decimal digits.
pub fn parse_count(name: &str, value: &str) -> Result<usize> {
    // Only plain digits: `usize::from_str` would also take a leading `+`.
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::param(
            name,
            format!("`{}` is not a positive whole number", echo(value)),
        ));
    }
    value
        .parse()
        .map_err(|_| Error::param(name, format!("`{}` is too large", echo(value))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::HitFields;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn parse(raw: &str) -> Result<SearchRequest> {
        parse_search_params(Some(raw), today())
    }

    fn refused(raw: &str) -> (String, String) {
        match parse(raw) {
            Err(Error::InvalidParameter { name, message }) => (name, message),
            other => panic!("{raw}: expected InvalidParameter, got {other:?}"),
        }
    }

    #[test]
    fn empty_query_string_is_the_default_request() {
        assert_eq!(
            parse_search_params(None, today()).unwrap(),
            SearchRequest::default()
        );
        assert_eq!(parse("").unwrap(), SearchRequest::default());
        assert_eq!(parse("&&").unwrap(), SearchRequest::default());
    }

    #[test]
    fn every_scalar_parameter_is_read() {
        let r = parse(
            "q=data+analyst&open=true&published_after=2025-01-02&published_before=2025-03-04\
             &closing_after=2025-05-06&closing_before=2025-07-08&sort=closing&page=3&per_page=7",
        )
        .unwrap();
        assert_eq!(r.query, "data analyst");
        assert_eq!(r.open_on, Some(today()));
        assert_eq!(r.published_after, NaiveDate::from_ymd_opt(2025, 1, 2));
        assert_eq!(r.published_before, NaiveDate::from_ymd_opt(2025, 3, 4));
        assert_eq!(r.closing_after, NaiveDate::from_ymd_opt(2025, 5, 6));
        assert_eq!(r.closing_before, NaiveDate::from_ymd_opt(2025, 7, 8));
        assert_eq!(r.sort, SortOrder::Closing);
        assert_eq!((r.page, r.per_page), (3, 7));
        assert_eq!(parse("open=false").unwrap().open_on, None);
        assert_eq!(parse("sort=published").unwrap().sort, SortOrder::Published);
    }

    #[test]
    fn fields_name_hit_properties_and_always_keep_the_id() {
        assert_eq!(parse("").unwrap().fields, HitFields::all());
        let f = parse("fields=score,%20title,,").unwrap().fields;
        assert!(f.shows("id") && f.shows("score") && f.shows("title"));
        assert!(!f.shows("snippet") && !f.shows("grade"));
        assert!(f.needs_posting(), "title is read from the stored posting");
        assert!(!parse("fields=id,score").unwrap().fields.needs_posting());
        assert_eq!(parse("fields=id").unwrap().fields, HitFields::id_only());
        let (name, message) = refused("fields=id,bodyy");
        assert_eq!(name, "fields");
        assert!(
            message.contains("`bodyy`") && message.contains("occupation"),
            "{message}"
        );
    }

    #[test]
    fn facets_repeat_and_keep_their_order() {
        let r = parse("grade=P3&country=FRA&grade=P4&grade=&duty_station=Gen%C3%A8ve").unwrap();
        assert_eq!(r.filters[&FacetField::Grade], ["P3", "P4"]);
        assert_eq!(r.filters[&FacetField::Country], ["FRA"]);
        assert_eq!(r.filters[&FacetField::DutyStation], ["Genève"]);
        assert_eq!(r.filters.len(), 3);
    }

    #[test]
    fn lang_is_en_fr_or_es() {
        assert_eq!(parse("q=a&lang=es").unwrap().lang, Some(Lang::Spanish));
        assert_eq!(parse("lang=FR").unwrap().lang, Some(Lang::French));
        assert_eq!(parse("lang=").unwrap().lang, None);
        let (name, message) = refused("lang=de");
        assert_eq!(name, "lang");
        assert!(message.contains("`de`"), "{message}");
    }

    #[test]
    fn accept_language_takes_the_preferred_supported_language() {
        assert_eq!(
            accept_language("fr-CH, fr;q=0.9, en;q=0.8"),
            Some(Lang::French)
        );
        assert_eq!(
            accept_language("de-DE,es;q=0.5,en;q=0.7"),
            Some(Lang::English)
        );
        assert_eq!(accept_language("de, *;q=0.5"), None);
        assert_eq!(accept_language("en;q=0, es"), Some(Lang::Spanish));
        assert_eq!(accept_language(""), None);
    }

    #[test]
    fn every_facet_is_a_parameter() {
        for facet in FacetField::ALL {
            let r = parse(&format!("{}=x", facet.name())).unwrap();
            assert_eq!(r.filters[&facet], ["x"]);
        }
    }

    #[test]
    fn too_many_values_for_one_facet_are_refused() {
        let raw: Vec<String> = (0..=MAX_FILTER_VALUES)
            .map(|i| format!("unit=u{i}"))
            .collect();
        assert_eq!(refused(&raw.join("&")).0, "unit");
    }

    #[test]
    fn decoding_is_strict() {
        assert_eq!(parse("q=a%2Bb+c").unwrap().query, "a+b c");
        assert_eq!(parse("q=l%27emploi").unwrap().query, "l'emploi");
        let (name, message) = refused("q=%FF");
        assert_eq!(name, "q");
        assert!(message.contains("UTF-8"), "{message}");
        let (name, message) = refused("q=a%00b");
        assert_eq!(name, "q");
        assert!(message.contains("control"), "{message}");
        assert_eq!(parse("q=a%0Ab").unwrap().query, "a\nb");
    }

    #[test]
    fn empty_scalar_values_mean_not_given() {
        let r = parse("q=&sort=&page=&published_after=").unwrap();
        assert_eq!(r, SearchRequest::default());
    }

    #[test]
    fn repeated_scalars_are_refused() {
        assert_eq!(
            refused("page=1&page=2"),
            ("page".into(), "given more than once".into())
        );
        assert_eq!(refused("q=a&q=").0, "q");
    }

    #[test]
    fn unknown_parameters_are_refused_with_the_known_ones() {
        let (name, message) = refused("organisation=WHO");
        assert_eq!(name, "organisation");
        for known in known_params() {
            assert!(message.contains(known), "{known} missing from {message}");
        }
        let long = "x".repeat(200);
        let (name, _) = refused(&format!("{long}=1"));
        assert_eq!(name.chars().count(), ECHO_CHARS + 1);
    }

    #[test]
    fn bad_values_name_the_parameter_and_value() {
        for (raw, param, shown) in [
            ("page=abc", "page", "abc"),
            ("page=-1", "page", "-1"),
            ("page=%2B2", "page", "+2"),
            ("per_page=1.5", "per_page", "1.5"),
            (
                "page=99999999999999999999999",
                "page",
                "99999999999999999999999",
            ),
            ("open=yes", "open", "yes"),
            ("sort=best", "sort", "best"),
            (
                "published_after=2025-13-01",
                "published_after",
                "2025-13-01",
            ),
            ("closing_before=01/02/2025", "closing_before", "01/02/2025"),
        ] {
            let (name, message) = refused(raw);
            assert_eq!(name, param, "{raw}");
            assert!(message.contains(shown), "{raw}: {message}");
        }
    }

    #[test]
    fn echoed_values_are_truncated() {
        let long = "9".repeat(500);
        let (_, message) = refused(&format!("sort={long}"));
        assert!(message.len() < 120, "{message}");
        assert!(message.contains('…'));
    }

    #[test]
    fn location_repeats_and_extras_are_taken_once() {
        let r = parse("location=/Africa&location=%2FEurope%2FWestern+Europe").unwrap();
        assert_eq!(r.location, ["/Africa", "/Europe/Western Europe"]);
        let (r, extras) =
            parse_params_with(Some("by=grade,region&grade=P2"), today(), &["by"]).unwrap();
        assert_eq!(extras["by"], "grade,region");
        assert_eq!(r.filters[&FacetField::Grade], ["P2"]);
        assert!(parse_params_with(Some("by=a&by=b"), today(), &["by"]).is_err());
        assert_eq!(refused("by=grade").0, "by");
    }

    #[test]
    fn range_checks_are_left_to_the_engine() {
        let r = parse("page=0&per_page=100000").unwrap();
        assert_eq!((r.page, r.per_page), (0, 100_000));
    }
}
