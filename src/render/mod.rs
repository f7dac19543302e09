//! What the service publishes for readers other than the search page: Atom feeds of
//! searches, a page per posting with schema.org `JobPosting` data, sitemaps and iCalendar
//! deadlines. Pure rendering: each function takes postings (or hits) and a [`Site`] and
//! returns a document; nothing here reads the index or knows HTTP. `analytics` renders the
//! analyst's page from aggregates.

pub mod analytics;
pub mod atom;
pub mod ical;
pub mod jsonld;
pub mod page;
mod site;
pub mod sitemap;
mod text;

pub use site::{encode_segment, posting_path, urn, Site};
pub use text::{is_xml_char, xml_safe};
