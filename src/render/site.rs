//! The public address of the service, and the addresses of what it publishes.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use uuid::Uuid;

use crate::{Error, Result};

/// Characters left as they are in a path segment (RFC 3986 unreserved).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Namespace of the name-based (v5) UUIDs that identify postings and feeds, so that an
/// identifier stays the same whatever address the service is reached at.
const NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2a4e_93b7_4d0a_8e25_7c4f_1b9d_3e60);

/// The service's public base address (`https://jobs.example.org`, no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    base: String,
}

impl Site {
    /// A site at `base`: an `http` or `https` URL of a host, optionally with a port and a
    /// path prefix; a trailing `/` is dropped.
    pub fn new(base: &str) -> Result<Site> {
        let base = base.trim().trim_end_matches('/');
        let rest = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"))
            .ok_or_else(|| Error::param("public_url", "must start with http:// or https://"))?;
        let host = rest.split('/').next().unwrap_or("");
        let valid = |c: char| c.is_ascii_alphanumeric() || "-._~:[]%/".contains(c);
        if host.is_empty() || !rest.chars().all(valid) {
            return Err(Error::param(
                "public_url",
                format!("`{base}` is not a plain http(s) address of a host"),
            ));
        }
        Ok(Site {
            base: base.to_owned(),
        })
    }

    /// The site reached at `host` (a `Host` header: name or address, optional port) over
    /// plain HTTP; `None` when `host` is not a plain host name.
    #[must_use]
    pub fn from_host(host: &str) -> Option<Site> {
        let plain = !host.is_empty()
            && host.len() <= 255
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c));
        plain.then(|| Site {
            base: format!("http://{host}"),
        })
    }

    /// The base address, without a trailing `/`.
    #[must_use]
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `path` (starting with `/`) on this site.
    #[must_use]
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The page of posting `id`.
    #[must_use]
    pub fn posting_url(&self, id: &str) -> String {
        self.url(&posting_path(id))
    }

    /// The calendar file of posting `id`'s closing date.
    #[must_use]
    pub fn calendar_url(&self, id: &str) -> String {
        format!("{}.ics", self.posting_url(id))
    }
}

/// The path of posting `id`'s page: `/postings/` and the id as one percent-encoded segment.
#[must_use]
pub fn posting_path(id: &str) -> String {
    format!("/postings/{}", encode_segment(id))
}

/// `text` percent-encoded for use as one path segment or query value.
#[must_use]
pub fn encode_segment(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// A stable URN naming `what` (a posting id, a feed's query): the same on every host.
#[must_use]
pub fn urn(kind: &str, what: &str) -> String {
    // A version 5 (SHA-1, name-based) UUID as RFC 9562 defines it.
    let mut sha1 = sha1_smol::Sha1::new();
    sha1.update(NAMESPACE.as_bytes());
    sha1.update(format!("{kind}:{what}").as_bytes());
    let digest = sha1.digest().bytes();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    let uuid = uuid::Builder::from_sha1_bytes(bytes).into_uuid();
    format!("urn:uuid:{}", uuid.hyphenated())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posting_ids_become_one_segment() {
        let site = Site::new("https://jobs.example.org/").unwrap();
        assert_eq!(
            site.posting_url("a/b c?é"),
            "https://jobs.example.org/postings/a%2Fb%20c%3F%C3%A9"
        );
        assert_eq!(
            site.calendar_url("130412"),
            "https://jobs.example.org/postings/130412.ics"
        );
    }

    #[test]
    fn public_urls_and_hosts_are_checked() {
        assert!(Site::new("ftp://x").is_err());
        assert!(Site::new("https://").is_err());
        assert!(Site::new("https://x.org/\"><script>").is_err());
        assert_eq!(
            Site::new("http://127.0.0.1:8080/jobs").unwrap().url("/a"),
            "http://127.0.0.1:8080/jobs/a"
        );
        assert!(Site::from_host("example.org:8080").is_some());
        assert!(Site::from_host("[::1]:80").is_some());
        assert!(Site::from_host("evil.org/\"<x>").is_none());
        assert!(Site::from_host("").is_none());
    }

    #[test]
    fn urns_are_stable_and_distinct() {
        assert_eq!(urn("posting", "1"), urn("posting", "1"));
        assert_ne!(urn("posting", "1"), urn("posting", "2"));
        assert_ne!(urn("posting", "1"), urn("feed", "1"));
        assert!(urn("posting", "1").starts_with("urn:uuid:"));
        // The version 5 UUID of the DNS namespace and `python.org`, as RFC 9562's
        // algorithm gives it, checks the construction.
        let mut sha1 = sha1_smol::Sha1::new();
        sha1.update(&Uuid::from_u128(0x6ba7b810_9dad_11d1_80b4_00c04fd430c8).into_bytes());
        sha1.update(b"python.org");
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&sha1.digest().bytes()[..16]);
        assert_eq!(
            uuid::Builder::from_sha1_bytes(bytes)
                .into_uuid()
                .to_string(),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d"
        );
    }
}
