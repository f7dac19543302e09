//! Atom 1.0 (RFC 4287) feeds of searches: one entry per hit, newest first when the search
//! is sorted so.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::site::urn;
use super::{xml_safe, Site};
use crate::search::Hit;
use crate::Result;

/// The Atom namespace.
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// `Content-Type` of an Atom feed.
pub const ATOM_CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// What a feed says about itself.
#[derive(Debug, Clone)]
pub struct FeedInfo {
    /// Human title (`Vacancies: nutrition, open`).
    pub title: String,
    /// The search's parameters in a canonical order (the feed's identity).
    pub query: String,
    /// The feed's own address (`rel="self"`).
    pub self_url: String,
    /// The search page showing the same search (`rel="alternate"`).
    pub page_url: String,
    /// `updated` of entries without a publication date, and of a feed without entries.
    pub undated: DateTime<Utc>,
}

/// The instant a posting published on `day` counts as updated: that day's start, UTC.
#[must_use]
pub fn day_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
}

/// RFC 3339 timestamp, as Atom writes them.
fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The `updated` instant of a hit.
fn updated(hit: &Hit, info: &FeedInfo) -> DateTime<Utc> {
    hit.posting.published.map_or(info.undated, day_start)
}

/// The feed's `updated`: its newest entry's, or [`FeedInfo::undated`] without entries.
#[must_use]
pub fn feed_updated(hits: &[Hit], info: &FeedInfo) -> DateTime<Utc> {
    hits.iter()
        .map(|h| updated(h, info))
        .max()
        .unwrap_or(info.undated)
}

/// One line saying who, what grade, where and until when: the summary's first paragraph.
#[must_use]
pub fn summary_line(hit: &Hit) -> String {
    let place = match (&hit.posting.duty_station, &hit.posting.country) {
        (Some(s), Some(c)) => Some(format!("{s} ({c})")),
        (Some(s), None) => Some(s.clone()),
        (None, c) => c.clone(),
    };
    let mut parts: Vec<String> = [&hit.posting.organization, &hit.posting.grade]
        .into_iter()
        .flatten()
        .cloned()
        .chain(place)
        .collect();
    parts.push(match hit.posting.closing {
        Some(day) => format!("closes {day}"),
        None => "no closing date".to_owned(),
    });
    parts.join(" · ")
}

/// Writes the Atom feed of `hits` (in their order).
pub fn write_feed(site: &Site, info: &FeedInfo, hits: &[Hit]) -> Result<String> {
    let mut w = Writer::new(Vec::new());
    let io = |e: std::io::Error| crate::Error::io("atom feed", e);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(io)?;
    w.create_element("feed")
        .with_attribute(("xmlns", ATOM_NS))
        .write_inner_content(|w| {
            text(w, "id", &urn("feed", &info.query))?;
            text(w, "title", &info.title)?;
            text(w, "updated", &stamp(feed_updated(hits, info)))?;
            link(w, "self", &info.self_url, Some("application/atom+xml"))?;
            link(w, "alternate", &info.page_url, Some("text/html"))?;
            w.create_element("author")
                .write_inner_content(|w| text(w, "name", "vacancy-search"))?;
            w.create_element("generator")
                .with_attribute(("uri", site.url("/").as_str()))
                .write_text_content(BytesText::new("vacancy-search"))?;
            for hit in hits {
                entry(w, site, info, hit)?;
            }
            Ok(())
        })
        .map_err(io)?;
    Ok(String::from_utf8(w.into_inner()).expect("the writer writes the UTF-8 it is given"))
}

fn entry(w: &mut Writer<Vec<u8>>, site: &Site, info: &FeedInfo, hit: &Hit) -> std::io::Result<()> {
    w.create_element("entry").write_inner_content(|w| {
        text(w, "id", &urn("posting", &hit.posting.id))?;
        text(
            w,
            "title",
            hit.posting.title.as_deref().unwrap_or(&hit.posting.id),
        )?;
        text(w, "updated", &stamp(updated(hit, info)))?;
        if let Some(day) = hit.posting.published {
            text(w, "published", &stamp(day_start(day)))?;
        }
        link(
            w,
            "alternate",
            &site.posting_url(&hit.posting.id),
            Some("text/html"),
        )?;
        if hit.posting.closing.is_some() {
            link(
                w,
                "related",
                &site.calendar_url(&hit.posting.id),
                Some("text/calendar"),
            )?;
        }
        if let Some(org) = &hit.posting.organization {
            w.create_element("author")
                .write_inner_content(|w| text(w, "name", org))?;
        }
        for (scheme, value) in [
            ("grade", &hit.posting.grade),
            ("contract_type", &hit.posting.contract_type),
            ("country", &hit.posting.country),
        ] {
            if let Some(value) = value {
                w.create_element("category")
                    .with_attribute(("term", xml_safe(value).as_ref()))
                    .with_attribute(("scheme", site.url(&format!("/#{scheme}")).as_str()))
                    .write_empty()?;
            }
        }
        // An HTML summary: the snippet is HTML already (escaped text with <mark>).
        let html = format!(
            "<p>{}</p><p>{}</p>",
            crate::search::escape_html(&summary_line(hit)),
            hit.snippet
        );
        w.create_element("summary")
            .with_attribute(("type", "html"))
            .write_text_content(BytesText::new(&xml_safe(&html)))?;
        Ok(())
    })?;
    Ok(())
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_safe(value)))?;
    Ok(())
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, href: &str, kind: Option<&str>) -> std::io::Result<()> {
    let mut element = w
        .create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("href", href));
    if let Some(kind) = kind {
        element = element.with_attribute(("type", kind));
    }
    element.write_empty()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: &str, title: &str, published: Option<NaiveDate>) -> Hit {
        let posting = crate::Posting {
            id: id.into(),
            title: Some(title.into()),
            organization: Some("ILO & partners".into()),
            grade: Some("P3".into()),
            duty_station: Some("Tunis".into()),
            country: Some("TUN".into()),
            contract_type: Some("fixed-term".into()),
            language: "fr".into(),
            published,
            closing: NaiveDate::from_ymd_opt(2027, 4, 30),
            ..crate::Posting::default()
        };
        Hit::new(posting, 1.0, "a <mark>b</mark> &amp; c".into())
    }

    fn info() -> FeedInfo {
        FeedInfo {
            title: "Vacancies".into(),
            query: "q=x".into(),
            self_url: "http://h/api/search.atom?q=x".into(),
            page_url: "http://h/?q=x".into(),
            undated: DateTime::from_timestamp(1_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn hostile_titles_are_escaped_and_control_characters_dropped() {
        let site = Site::new("http://h").unwrap();
        let hits = [hit(
            "x\"1",
            "</title><script>alert(1)</script>\u{0}]]>&amp;",
            NaiveDate::from_ymd_opt(2026, 3, 12),
        )];
        let xml = write_feed(&site, &info(), &hits).unwrap();
        assert!(!xml.contains("<script>"), "{xml}");
        assert!(xml.contains(
            "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;]]&gt;&amp;amp;</title>"
        ));
        assert!(!xml.contains('\u{0}'));
        assert!(xml.contains("href=\"http://h/postings/x%221\""), "{xml}");
        // The summary's HTML is escaped once more as XML text.
        assert!(
            xml.contains("&lt;mark&gt;b&lt;/mark&gt; &amp;amp; c"),
            "{xml}"
        );
        assert!(xml.contains("ILO &amp;amp; partners"), "{xml}");
    }

    #[test]
    fn updated_comes_from_publication_dates() {
        let hits = [
            hit("1", "a", NaiveDate::from_ymd_opt(2026, 3, 12)),
            hit("2", "b", None),
            hit("3", "c", NaiveDate::from_ymd_opt(2026, 5, 1)),
        ];
        let xml = write_feed(&Site::new("http://h").unwrap(), &info(), &hits).unwrap();
        assert!(xml.contains("<updated>2026-05-01T00:00:00Z</updated>"));
        assert!(xml.contains("<updated>1970-01-12T13:46:40Z</updated>"));
        let first = xml.find("<entry>").unwrap();
        assert!(
            xml[..first].contains("<updated>2026-05-01T00:00:00Z</updated>"),
            "the feed is as new as its newest entry"
        );
        assert_eq!(
            feed_updated(&[], &info()),
            info().undated,
            "an empty feed takes the undated instant"
        );
    }
}
