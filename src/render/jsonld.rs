//! schema.org `JobPosting` structured data (JSON-LD), what web search engines read to list
//! job postings.

use serde_json::{json, Map, Value};

use super::Site;
use crate::enrich::REMOTE;
use crate::geo::gazetteer;
use crate::Posting;

/// The schema.org `employmentType` of a canonical contract type.
#[must_use]
pub fn employment_type(contract_type: &str) -> &'static str {
    match contract_type {
        "fixed-term" | "permanent" => "FULL_TIME",
        "temporary" | "short-term" => "TEMPORARY",
        "consultancy" => "CONTRACTOR",
        "internship" => "INTERN",
        "volunteer" => "VOLUNTEER",
        _ => "OTHER",
    }
}

/// The ISO 3166-1 alpha-2 code of an alpha-3 country code, when the gazetteer knows it.
#[must_use]
pub fn alpha2(alpha3: &str) -> Option<&'static str> {
    gazetteer().country(alpha3).map(|c| c.alpha2)
}

/// The `JobPosting` object of `posting`, its page on `site` as `url`.
#[must_use]
pub fn job_posting(site: &Site, posting: &Posting) -> Value {
    let mut out = Map::new();
    let mut put = |key: &str, value: Value| {
        out.insert(key.to_owned(), value);
    };
    put("@context", json!("https://schema.org"));
    put("@type", json!("JobPosting"));
    put(
        "title",
        json!(posting.title.as_deref().unwrap_or(&posting.id)),
    );
    put("description", json!(posting.body));
    put("url", json!(site.posting_url(&posting.id)));
    put("inLanguage", json!(posting.language));
    if let Some(day) = posting.published {
        put("datePosted", json!(day.to_string()));
    }
    if let Some(day) = posting.closing {
        put("validThrough", json!(day.to_string()));
    }
    if let Some(org) = &posting.organization {
        put(
            "hiringOrganization",
            json!({"@type": "Organization", "name": org}),
        );
    }
    let remote = posting.duty_station.as_deref() == Some(REMOTE);
    if remote {
        put("jobLocationType", json!("TELECOMMUTE"));
    }
    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    if let Some(station) = posting.duty_station.as_deref().filter(|_| !remote) {
        address.insert("addressLocality".into(), json!(station));
    }
    if let Some(code) = posting.country.as_deref() {
        address.insert("addressCountry".into(), json!(alpha2(code).unwrap_or(code)));
    }
    if address.len() > 1 {
        if remote {
            // Remote work open to residents of the given country.
            let country = address.get("addressCountry").cloned();
            put(
                "applicantLocationRequirements",
                json!({"@type": "Country", "name": country}),
            );
        } else {
            put(
                "jobLocation",
                json!({"@type": "Place", "address": Value::Object(address)}),
            );
        }
    }
    if let Some(contract) = &posting.contract_type {
        put("employmentType", json!(employment_type(contract)));
    }
    let reference = posting
        .vacancy_number
        .as_deref()
        .or(posting.job_id.as_deref())
        .unwrap_or(&posting.id);
    put(
        "identifier",
        json!({
            "@type": "PropertyValue",
            "name": posting.organization.as_deref().unwrap_or("vacancy-search"),
            "value": reference,
        }),
    );
    Value::Object(out)
}

/// `value` as JSON safe inside an HTML `<script>` element: `<`, `>` and `&` written as
/// `\u` escapes, so that no `</script>` or `<!--` can end or change the element.
#[must_use]
pub fn script_json(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn every_required_property_with_mapped_values() {
        let site = Site::new("https://jobs.example.org").unwrap();
        let posting = Posting {
            id: "130412".into(),
            title: Some("Spécialiste".into()),
            organization: Some("OIT".into()),
            vacancy_number: Some("TUN/DC/P/2026/07".into()),
            duty_station: Some("Tunis".into()),
            country: Some("TUN".into()),
            contract_type: Some("fixed-term".into()),
            published: NaiveDate::from_ymd_opt(2026, 3, 12),
            closing: NaiveDate::from_ymd_opt(2027, 4, 30),
            language: "fr".into(),
            body: "Texte".into(),
            ..Posting::default()
        };
        let v = job_posting(&site, &posting);
        assert_eq!(v["@type"], "JobPosting");
        assert_eq!(v["datePosted"], "2026-03-12");
        assert_eq!(v["validThrough"], "2027-04-30");
        assert_eq!(v["hiringOrganization"]["name"], "OIT");
        assert_eq!(v["jobLocation"]["address"]["addressCountry"], "TN");
        assert_eq!(v["jobLocation"]["address"]["addressLocality"], "Tunis");
        assert_eq!(v["employmentType"], "FULL_TIME");
        assert_eq!(v["identifier"]["value"], "TUN/DC/P/2026/07");
        assert_eq!(v["url"], "https://jobs.example.org/postings/130412");
    }

    #[test]
    fn remote_postings_are_telecommute() {
        let site = Site::new("https://x.org").unwrap();
        let posting = Posting {
            id: "r".into(),
            duty_station: Some(REMOTE.into()),
            contract_type: Some("consultancy".into()),
            ..Posting::default()
        };
        let v = job_posting(&site, &posting);
        assert_eq!(v["jobLocationType"], "TELECOMMUTE");
        assert!(v.get("jobLocation").is_none());
        assert_eq!(v["employmentType"], "CONTRACTOR");
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&json!({"t": "</script><!-- & \u{2028}"}));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], "</script><!-- & \u{2028}");
    }
}
