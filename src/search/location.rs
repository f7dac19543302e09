//! Hierarchical location paths: `/Region`, `/Region/Sub-region`, `/Region/Sub-region/CCC`
//! and `/Region/Sub-region/CCC/Duty station`, matched against the `region`, `subregion`,
//! `country` and `duty_station` facet fields.

use super::FacetField;
use crate::{Error, Result};

/// The facet fields of the location levels, outermost first.
pub const LOCATION_LEVELS: [FacetField; 4] = [
    FacetField::Region,
    FacetField::Subregion,
    FacetField::Country,
    FacetField::DutyStation,
];

/// Key of the location drill-down in a response's `facets`.
pub const LOCATION_FACET: &str = "location";

/// Splits a location path into its levels (1 to 4), refusing malformed paths.
///
/// The duty-station level takes the rest of the path, so it may itself contain `/`.
pub fn parse_location(path: &str) -> Result<Vec<String>> {
    let shown = crate::error::echo(path);
    let Some(rest) = path.strip_prefix('/') else {
        return Err(Error::param(
            "location",
            format!("`{shown}` does not start with `/` (e.g. `/Africa/Northern Africa`)"),
        ));
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let levels: Vec<String> = rest
        .splitn(LOCATION_LEVELS.len(), '/')
        .map(|l| l.trim().to_owned())
        .collect();
    if levels.iter().any(String::is_empty) {
        return Err(Error::param(
            "location",
            format!("`{shown}` has an empty level"),
        ));
    }
    Ok(levels)
}

/// The path of `levels`, as listed in the `location` facet.
#[must_use]
pub fn location_path(levels: &[String]) -> String {
    levels.iter().fold(String::new(), |mut out, level| {
        out.push('/');
        out.push_str(level);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_levels() {
        assert_eq!(parse_location("/Africa").unwrap(), ["Africa"]);
        assert_eq!(
            parse_location("/Africa/Northern Africa/TUN/").unwrap(),
            ["Africa", "Northern Africa", "TUN"]
        );
        assert_eq!(
            parse_location("/Asia/Eastern Asia/CHN/A/B").unwrap()[3],
            "A/B"
        );
        assert!(parse_location("Africa").is_err());
        assert!(parse_location("/").is_err());
        assert!(parse_location("/Africa//TUN").is_err());
        assert_eq!(
            location_path(&["Africa".into(), "Northern Africa".into()]),
            "/Africa/Northern Africa"
        );
    }
}
