//! Filling in what parsing alone cannot know: where the duty station is.

use crate::geo::{gazetteer, Resolution};
use crate::Posting;

/// Region and duty-station value of postings whose duty station is home-based or remote.
pub const REMOTE: &str = "Remote";
/// Region and duty-station value of postings with several duty stations.
pub const MULTIPLE: &str = "Multiple";
/// Region value of postings whose duty station could not be resolved.
pub const UNKNOWN: &str = "Unknown";

/// How much of the body is searched for a duty station when the header names none.
const BODY_PREFIX_BYTES: usize = 4_000;

/// Resolves the duty station of `posting` with the gazetteer and fills in `country`,
/// `region` and `subregion`; a resolved city replaces the duty station's text by its
/// canonical name (`Genève`, `Ginebra` → `Geneva`), and the text as written is kept in
/// `duty_station_raw`.
///
/// An explicit country (a feed's `country` field) chooses between cities of the same name
/// and wins over the gazetteer's country. Home-based and multi-location postings get the
/// region [`REMOTE`] or [`MULTIPLE`]; unresolvable ones the region [`UNKNOWN`] with their
/// text kept, so every posting is counted in the region facet. A department or unit that
/// names only a place (`Cotonou, Benin`) is dropped: it is the office's place, not a
/// department.
pub fn enrich(posting: &mut Posting) {
    let explicit_country = posting
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| c.len() == 3)
        .map(str::to_ascii_uppercase);
    let title = posting.title.clone().unwrap_or_default();
    let body = prefix(&posting.body, BODY_PREFIX_BYTES);
    let resolution = gazetteer().resolve_posting(
        posting.duty_station.as_deref(),
        explicit_country.as_deref(),
        &[&title, body],
    );
    let (region, subregion, country) = match &resolution {
        Resolution::Place(place) => {
            if posting.duty_station_raw.is_none() {
                posting.duty_station_raw = posting.duty_station.clone();
            }
            posting.duty_station = Some(place.city.clone());
            (
                Some(place.region.clone()),
                Some(place.subregion.clone()),
                Some(place.country.clone()),
            )
        }
        Resolution::Country {
            country,
            region,
            subregion,
        } => (
            Some(region.clone()),
            Some(subregion.clone()),
            Some(country.clone()),
        ),
        Resolution::Remote | Resolution::Multiple => {
            let value = if resolution == Resolution::Remote {
                REMOTE
            } else {
                MULTIPLE
            };
            if posting.duty_station_raw.is_none() {
                posting.duty_station_raw = posting.duty_station.clone();
            }
            posting.duty_station = Some(value.to_owned());
            (Some(value.to_owned()), None, None)
        }
        Resolution::Unknown => (Some(UNKNOWN.to_owned()), None, None),
    };
    match explicit_country {
        Some(code) if country.as_deref() != Some(code.as_str()) => {
            // The feed's own country wins; take its region from the country table.
            let known = gazetteer().country(&code);
            posting.region = known.map(|c| c.region.to_owned()).or(region);
            posting.subregion = known.map(|c| c.subregion.to_owned()).or(subregion);
            posting.country = Some(code);
        }
        _ => {
            posting.region = region;
            posting.subregion = subregion;
            posting.country = country;
        }
    }
    // A department or unit naming only a place is where the office is (UNICEF's board
    // writes `Department/Office: Cotonou, Benin`), which the duty station already says.
    for slot in [&mut posting.department, &mut posting.unit] {
        if slot
            .as_deref()
            .is_some_and(|v| gazetteer().names_only_places(v))
        {
            *slot = None;
        }
    }
}

fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_station(station: &str, country: Option<&str>) -> Posting {
        let mut posting = Posting {
            duty_station: Some(station.into()),
            country: country.map(Into::into),
            ..Posting::default()
        };
        enrich(&mut posting);
        posting
    }

    #[test]
    fn exonyms_become_one_city() {
        for name in ["Genève", "Ginebra", "Geneva"] {
            let p = with_station(name, None);
            assert_eq!(p.duty_station.as_deref(), Some("Geneva"), "{name}");
            assert_eq!(p.country.as_deref(), Some("CHE"));
            assert_eq!(p.region.as_deref(), Some("Europe"));
            assert_eq!(p.duty_station_raw.as_deref(), Some(name));
        }
    }

    #[test]
    fn tunis_is_in_northern_africa() {
        let p = with_station("Tunis", None);
        assert_eq!(p.country.as_deref(), Some("TUN"));
        assert_eq!(p.subregion.as_deref(), Some("Northern Africa"));
    }

    #[test]
    fn remote_multiple_and_unknown_buckets() {
        let p = with_station("Home-based", None);
        assert_eq!(p.region.as_deref(), Some(REMOTE));
        assert_eq!(p.duty_station.as_deref(), Some(REMOTE));
        assert_eq!(
            with_station("Plusieurs lieux", None).region.as_deref(),
            Some(MULTIPLE)
        );
        let unknown = with_station("Qwxyzzy Station", None);
        assert_eq!(unknown.region.as_deref(), Some(UNKNOWN));
        assert_eq!(unknown.duty_station.as_deref(), Some("Qwxyzzy Station"));
        assert!(unknown.country.is_none());
    }

    #[test]
    fn a_department_naming_only_a_place_is_not_kept() {
        let with = |department: &str, unit: &str| {
            let mut posting = Posting {
                duty_station: Some("Cotonou".into()),
                department: Some(department.into()),
                unit: Some(unit.into()),
                ..Posting::default()
            };
            enrich(&mut posting);
            (posting.department, posting.unit)
        };
        assert_eq!(with("Cotonou, Benin", "Benin"), (None, None));
        assert_eq!(with("Ouagadougou, Burkina-Faso", "Bénin"), (None, None));
        // An office at a place, a body and its country, a unit's initials: kept.
        for kept in [
            "Pacific Office, Suva, Fiji",
            "HIAS Colombia",
            "RAM",
            "Programme",
        ] {
            assert_eq!(
                with(kept, kept),
                (Some(kept.to_string()), Some(kept.to_string())),
                "{kept}"
            );
        }
    }

    #[test]
    fn explicit_country_wins() {
        let p = with_station("Somewhere unknown", Some("KEN"));
        assert_eq!(p.country.as_deref(), Some("KEN"));
        assert_eq!(p.region.as_deref(), Some("Africa"));
    }
}
