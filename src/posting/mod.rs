//! Vacancy postings: the data model and pure parsing (no tantivy, no I/O beyond `&str`).

mod apply_by;
pub mod contract;
pub mod dates;
pub mod extract;
pub mod failure;
pub mod feed;
pub mod grade;
pub mod html;
pub mod labels;
pub mod language;
pub mod notice;
pub mod organization;
pub mod repair;
pub mod stated;
pub mod stats;
pub mod text;

pub use failure::ParseFailure;
pub use feed::parse_feed_record;
pub use language::detect_language;
pub use notice::parse_notice;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One vacancy, as extracted and normalised from a notice or a feed record.
///
/// Serialised with these exact keys by `vacancy parse --json` and `GET /api/postings/{id}`;
/// absent values are `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Posting {
    /// Stable identifier: the feed record's id, a notice's Job ID, else its file name.
    pub id: String,
    /// Job title.
    pub title: Option<String>,
    /// Publishing organisation, canonical when the organisations table knows it
    /// (`ILO - International Labour Organization`), else as written.
    pub organization: Option<String>,
    /// The organisation as written in the notice or feed (`OIT`, `PNUD`).
    #[serde(default)]
    pub organization_raw: Option<String>,
    /// Canonical grade (`P2`, `G5`, `NOB`, `D1`, `consultant`, `intern`, `volunteer`...).
    pub grade: Option<String>,
    /// The grade as written in the notice.
    pub grade_raw: Option<String>,
    /// Vacancy number (`ALG/DC/P/2025/02`).
    pub vacancy_number: Option<String>,
    /// Job ID of the recruitment system.
    pub job_id: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Organisation unit.
    pub unit: Option<String>,
    /// Duty station as written (`Tunis`, `Bonn, Germany`).
    pub duty_station: Option<String>,
    /// The duty station as written, when the gazetteer replaced it by a canonical name.
    pub duty_station_raw: Option<String>,
    /// ISO 3166-1 alpha-3 code of the duty station's country.
    pub country: Option<String>,
    /// UN M49 region of the duty station.
    pub region: Option<String>,
    /// UN M49 sub-region of the duty station.
    pub subregion: Option<String>,
    /// Canonical contract type (`fixed-term`, `temporary`, `short-term`, `consultancy`,
    /// `internship`, `volunteer`, `permanent`, `other`).
    pub contract_type: Option<String>,
    /// The contract type as written.
    pub contract_type_raw: Option<String>,
    /// Contract duration as written (`12 mois (renouvelables)`).
    pub contract_duration: Option<String>,
    /// Publication date: the notice's own when it states one, else the date the job board
    /// listed it.
    pub published: Option<NaiveDate>,
    /// The date a job board listed the posting (a feed's `posting_date`).
    #[serde(default)]
    pub listed: Option<NaiveDate>,
    /// Closing date (application deadline).
    pub closing: Option<NaiveDate>,
    /// ISO 639-1 language code (`fr`, `en`, `es`, ...).
    pub language: String,
    /// Link to the original notice, when the feed gives one.
    pub link: Option<String>,
    /// The prose of the notice (introduction, duties, qualifications...).
    // Absent from a serialised `search::Hit`, which reads back with an empty body.
    #[serde(default)]
    #[schema(required = true)]
    pub body: String,
    /// ESCO skill ids the text names (set at indexing, see `crate::skills`).
    #[serde(default)]
    pub skills: Vec<String>,
    /// ESCO occupation id the title names (set at indexing, see `crate::skills`).
    #[serde(default)]
    pub occupation: Option<String>,
}
