//! Sitemaps (sitemaps.org protocol 0.9): the pages of open postings, split into files of at
//! most [`MAX_URLS`] addresses listed by a sitemap index when there are more.

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::Site;
use crate::search::ListedPosting;
use crate::Result;

/// Most addresses one sitemap file may list (the protocol's limit).
pub const MAX_URLS: usize = 50_000;

/// The sitemap namespace.
pub const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// What `/sitemap.xml` is for `count` postings split by `per_file`: the only sitemap, or an
/// index of `files` sitemaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One file lists every posting.
    Single,
    /// `/sitemaps/1.xml` ... `/sitemaps/{files}.xml`, listed by `/sitemap.xml`.
    Split {
        /// Number of sitemap files.
        files: usize,
    },
}

/// The layout for `count` postings, at most `per_file` in a file.
#[must_use]
pub fn layout(count: usize, per_file: usize) -> Layout {
    let per_file = per_file.max(1);
    if count <= per_file {
        Layout::Single
    } else {
        Layout::Split {
            files: count.div_ceil(per_file),
        }
    }
}

/// The path of the `n`th (1-based) sitemap file of a split sitemap.
#[must_use]
pub fn part_path(n: usize) -> String {
    format!("/sitemaps/{n}.xml")
}

fn io(e: std::io::Error) -> crate::Error {
    crate::Error::io("sitemap", e)
}

fn document(
    root: &str,
    ns: &str,
    body: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>,
) -> Result<String> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    w.create_element(root)
        .with_attribute(("xmlns", ns))
        .write_inner_content(body)
        .map_err(io)?;
    Ok(String::from_utf8(w.into_inner()).expect("the writer writes the UTF-8 it is given"))
}

/// A `<urlset>` listing the pages of `entries`.
pub fn write_urlset(site: &Site, entries: &[ListedPosting]) -> Result<String> {
    document("urlset", SITEMAP_NS, |w| {
        for entry in entries {
            w.create_element("url").write_inner_content(|w| {
                w.create_element("loc")
                    .write_text_content(BytesText::new(&site.posting_url(&entry.id)))?;
                if let Some(day) = entry.published {
                    w.create_element("lastmod")
                        .write_text_content(BytesText::new(&day.to_string()))?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })
}

/// A `<sitemapindex>` listing `files` sitemap files.
pub fn write_index(site: &Site, files: usize) -> Result<String> {
    document("sitemapindex", SITEMAP_NS, |w| {
        for n in 1..=files {
            w.create_element("sitemap").write_inner_content(|w| {
                w.create_element("loc")
                    .write_text_content(BytesText::new(&site.url(&part_path(n))))?;
                Ok(())
            })?;
        }
        Ok(())
    })
}

/// The `n`th (1-based) slice of `entries` cut in files of `per_file`, if it exists.
#[must_use]
pub fn part(entries: &[ListedPosting], n: usize, per_file: usize) -> Option<&[ListedPosting]> {
    let per_file = per_file.max(1);
    let start = n.checked_sub(1)?.checked_mul(per_file)?;
    (start < entries.len()).then(|| &entries[start..entries.len().min(start + per_file)])
}

/// `robots.txt`: everything may be crawled but the API; the sitemap's address.
#[must_use]
pub fn robots_txt(site: &Site) -> String {
    format!(
        "User-agent: *\nDisallow: /api/\nAllow: /api/search.atom\n\nSitemap: {}\n",
        site.url("/sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn entries(n: usize) -> Vec<ListedPosting> {
        (0..n)
            .map(|i| ListedPosting {
                id: format!("p&{i}"),
                published: NaiveDate::from_ymd_opt(2026, 1, 1 + (i % 28) as u32),
            })
            .collect()
    }

    #[test]
    fn split_past_the_limit_covers_every_entry_once() {
        assert_eq!(layout(3, 3), Layout::Single);
        assert_eq!(layout(0, 3), Layout::Single);
        assert_eq!(layout(7, 3), Layout::Split { files: 3 });
        assert_eq!(layout(MAX_URLS + 1, MAX_URLS), Layout::Split { files: 2 });
        let all = entries(7);
        let parts: Vec<_> = (1..=3).map(|n| part(&all, n, 3).unwrap()).collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [3, 3, 1]);
        assert_eq!(parts.concat(), all);
        assert!(part(&all, 0, 3).is_none());
        assert!(part(&all, 4, 3).is_none());
    }

    #[test]
    fn urlset_and_index_are_escaped_absolute_addresses() {
        let site = Site::new("https://jobs.example.org").unwrap();
        let xml = write_urlset(&site, &entries(2)).unwrap();
        assert!(xml.contains("<loc>https://jobs.example.org/postings/p%260</loc>"));
        assert!(xml.contains("<lastmod>2026-01-02</lastmod>"));
        let index = write_index(&site, 2).unwrap();
        assert!(index.contains("<loc>https://jobs.example.org/sitemaps/2.xml</loc>"));
        assert!(robots_txt(&site).contains("Sitemap: https://jobs.example.org/sitemap.xml"));
    }
}
