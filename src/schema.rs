//! The index schema: which fields a posting becomes, and how each is indexed.
//!
//! - `id`: raw and fast; the key for upserts and lookups.
//! - `title_{fr,en,es,xx}`, `body_{fr,en,es,xx}`: the posting's text, in the fields of its
//!   own language only, analysed by that language's analyzer, with positions for phrases.
//! - one raw, fast string field per [`FacetField`], for filters and counts (`skill` holds
//!   every ESCO skill id of the posting; `occupation` the ISCO-08 unit group of its ESCO
//!   occupation).
//! - `location`: hierarchical facet `/Region/Sub-region/CountryCode/City`.
//! - `published`, `closing`: days since 1970-01-01 as fast `i64` (unknown: [`NO_PUBLISHED`],
//!   [`NO_CLOSING`], so that sorting puts unknown dates last and "open" keeps them).
//! - `text_lang`: the analysis language of the posting (`fr`, `en`, `es`, `xx`).
//! - `posting`: the whole posting, stored as a compact record (see [`stored`]), returned as
//!   it was parsed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST,
    STORED, STRING,
};
use tantivy::TantivyDocument;

use crate::analysis::pre_analysed::PreAnalysed;
use crate::analysis::Lang;
use crate::{Posting, Result};

pub mod stored;

pub use stored::StoredPosting;

/// Bumped whenever the schema, the analyzers or the stored record change incompatibly.
pub const SCHEMA_VERSION: u32 = 7;

/// `published` value of a posting without a publication date.
pub const NO_PUBLISHED: i64 = i64::MIN;
/// `closing` value of a posting without a closing date.
pub const NO_CLOSING: i64 = i64::MAX;

/// A facet: a field postings are counted and filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetField {
    /// Canonical grade.
    Grade,
    /// Organisation unit.
    Unit,
    /// Department.
    Department,
    /// Organisation.
    Organization,
    /// Duty station (canonical city name when resolved).
    DutyStation,
    /// Canonical contract type.
    ContractType,
    /// ISO 639-1 language code.
    Language,
    /// ISO 3166-1 alpha-3 country code.
    Country,
    /// UN M49 region.
    Region,
    /// UN M49 sub-region.
    Subregion,
    /// ESCO skills the posting names (concept ids); a posting has any number of them.
    Skill,
    /// ISCO-08 unit group of the posting's ESCO occupation (4 digits); filters accept a group
    /// of any level (`2`, `24`, `242`, `2421`), counts go down the hierarchy.
    Occupation,
}

impl FacetField {
    /// Every facet, in the order responses list them.
    pub const ALL: [FacetField; 12] = [
        FacetField::Grade,
        FacetField::Unit,
        FacetField::Department,
        FacetField::Organization,
        FacetField::DutyStation,
        FacetField::ContractType,
        FacetField::Language,
        FacetField::Country,
        FacetField::Region,
        FacetField::Subregion,
        FacetField::Skill,
        FacetField::Occupation,
    ];

    /// The parameter and response key (`grade`, `duty_station`...).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Grade => "grade",
            FacetField::Unit => "unit",
            FacetField::Department => "department",
            FacetField::Organization => "organization",
            FacetField::DutyStation => "duty_station",
            FacetField::ContractType => "contract_type",
            FacetField::Language => "language",
            FacetField::Country => "country",
            FacetField::Region => "region",
            FacetField::Subregion => "subregion",
            FacetField::Skill => "skill",
            FacetField::Occupation => "occupation",
        }
    }

    /// Whether a posting may have several values of this facet.
    #[must_use]
    pub fn is_multi_valued(self) -> bool {
        self == FacetField::Skill
    }

    /// The facet named `name`, if any.
    #[must_use]
    pub fn from_name(name: &str) -> Option<FacetField> {
        FacetField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Handles on every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Posting id.
    pub id: Field,
    /// Title fields, one per [`Lang`], in [`Lang::ALL`] order.
    pub title: [Field; 4],
    /// Body fields, one per [`Lang`], in [`Lang::ALL`] order.
    pub body: [Field; 4],
    /// The body's pairs of neighbouring terms (see [`crate::analysis::pairs`]), one field
    /// per [`Lang`], in [`Lang::ALL`] order: each pair with how often it occurs, no positions.
    pub pairs: [Field; 4],
    /// Facet fields, in [`FacetField::ALL`] order.
    pub facets: [Field; FacetField::ALL.len()],
    /// Hierarchical location facet.
    pub location: Field,
    /// Publication day.
    pub published: Field,
    /// Closing day.
    pub closing: Field,
    /// The posting's analysis language ([`Lang::suffix`]), indexed raw.
    pub text_lang: Field,
    /// The stored posting (JSON).
    pub posting: Field,
}

impl Fields {
    /// Title field for `lang`.
    #[must_use]
    pub fn title(&self, lang: Lang) -> Field {
        self.title[lang.index()]
    }

    /// Body field for `lang`.
    #[must_use]
    pub fn body(&self, lang: Lang) -> Field {
        self.body[lang.index()]
    }

    /// Body word-pair field for `lang`.
    #[must_use]
    pub fn pairs(&self, lang: Lang) -> Field {
        self.pairs[lang.index()]
    }

    /// The field of `facet`.
    #[must_use]
    pub fn facet(&self, facet: FacetField) -> Field {
        let i = FacetField::ALL
            .iter()
            .position(|f| *f == facet)
            .expect("every FacetField is in FacetField::ALL");
        self.facets[i]
    }

    /// Looks every field up in `schema`.
    pub fn from_schema(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| crate::Error::InvalidIndex(format!("the index has no field `{name}`")))
        };
        let per_lang = |prefix: &str| -> Result<[Field; 4]> {
            let mut out = [Field::from_field_id(0); 4];
            for (slot, lang) in out.iter_mut().zip(Lang::ALL) {
                *slot = get(&format!("{prefix}_{}", lang.suffix()))?;
            }
            Ok(out)
        };
        let mut facets = [Field::from_field_id(0); FacetField::ALL.len()];
        for (slot, facet) in facets.iter_mut().zip(FacetField::ALL) {
            *slot = get(facet.name())?;
        }
        Ok(Fields {
            id: get("id")?,
            title: per_lang("title")?,
            body: per_lang("body")?,
            pairs: per_lang("pairs")?,
            facets,
            location: get("location")?,
            published: get("published")?,
            closing: get("closing")?,
            text_lang: get("text_lang")?,
            posting: get("posting")?,
        })
    }
}

/// Builds the schema.
#[must_use]
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field("id", STRING | FAST);
    for prefix in ["title", "body"] {
        for lang in Lang::ALL {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(lang.analyzer_name())
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let options = TextOptions::default().set_indexing_options(indexing);
            builder.add_text_field(&format!("{prefix}_{}", lang.suffix()), options);
        }
    }
    for lang in Lang::ALL {
        // Scored with the body's field norms: none of their own.
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(lang.pairs_analyzer_name())
            .set_index_option(IndexRecordOption::WithFreqs)
            .set_fieldnorms(false);
        let options = TextOptions::default().set_indexing_options(indexing);
        builder.add_text_field(&format!("pairs_{}", lang.suffix()), options);
    }
    for facet in FacetField::ALL {
        builder.add_text_field(facet.name(), STRING | FAST);
    }
    builder.add_facet_field("location", FacetOptions::default());
    builder.add_i64_field("published", FAST);
    builder.add_i64_field("closing", FAST);
    builder.add_text_field("text_lang", STRING);
    builder.add_text_field("posting", STORED);
    builder.build()
}

/// Days since 1970-01-01.
#[must_use]
pub fn day_number(date: NaiveDate) -> i64 {
    (date - NaiveDate::default()).num_days()
}

/// The value of `facet` in `posting`, trimmed, if it has one (the first of a multi-valued
/// facet's; see [`FacetField::is_multi_valued`]).
#[must_use]
pub fn facet_value(posting: &Posting, facet: FacetField) -> Option<&str> {
    let value = match facet {
        FacetField::Grade => posting.grade.as_deref(),
        FacetField::Unit => posting.unit.as_deref(),
        FacetField::Department => posting.department.as_deref(),
        FacetField::Organization => posting.organization.as_deref(),
        FacetField::DutyStation => posting.duty_station.as_deref(),
        FacetField::ContractType => posting.contract_type.as_deref(),
        FacetField::Language => Some(posting.language.as_str()),
        FacetField::Country => posting.country.as_deref(),
        FacetField::Region => posting.region.as_deref(),
        FacetField::Subregion => posting.subregion.as_deref(),
        FacetField::Skill => posting.skills.first().map(String::as_str),
        FacetField::Occupation => posting
            .occupation
            .as_deref()
            .and_then(|id| crate::skills::catalog().occupation(id))
            .map(|o| o.isco),
    };
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The hierarchical location facet of a posting, when its region is known.
#[must_use]
pub fn location_facet(posting: &Posting) -> Option<Facet> {
    let mut path: Vec<&str> = Vec::new();
    for part in [
        posting.region.as_deref(),
        posting.subregion.as_deref(),
        posting.country.as_deref(),
        posting.duty_station.as_deref(),
    ] {
        match part.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => path.push(p),
            None => break,
        }
    }
    (!path.is_empty()).then(|| Facet::from_path(path))
}

/// The tantivy document of a posting.
pub fn to_document(fields: &Fields, posting: &Posting) -> Result<TantivyDocument> {
    to_document_with(fields, posting, None)
}

/// A posting's own text as the index's analyzer must read it: never as pre-analysed terms,
/// whatever it starts with. Files cannot hold a NUL byte, but a feed's JSON can (`\u0000`,
/// or an entity `&#0;`), so a text starting with one has its NULs made spaces.
fn own_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with('\0') {
        std::borrow::Cow::Owned(text.replace('\0', " "))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The tantivy document of a posting whose title and body terms may have been written while
/// tagging it (`pre`; see [`crate::analysis::pre_analysed`]): the index's analyzer reads
/// them instead of analysing the texts again. The index is the same either way.
pub fn to_document_with(
    fields: &Fields,
    posting: &Posting,
    pre: Option<&PreAnalysed>,
) -> Result<TantivyDocument> {
    let mut doc = TantivyDocument::default();
    let lang = Lang::for_code(&posting.language);
    doc.add_text(fields.id, &posting.id);
    doc.add_text(fields.text_lang, lang.suffix());
    if let Some(title) = &posting.title {
        match pre {
            Some(pre) => doc.add_text(fields.title(lang), &pre.title),
            None => doc.add_text(fields.title(lang), own_text(title)),
        }
    }
    let body = match pre {
        Some(pre) => std::borrow::Cow::Borrowed(pre.body.as_str()),
        None => own_text(&posting.body),
    };
    doc.add_text(fields.body(lang), &body);
    doc.add_text(fields.pairs(lang), &body);
    for facet in FacetField::ALL {
        if facet == FacetField::Skill {
            for skill in &posting.skills {
                doc.add_text(fields.facet(facet), skill);
            }
        } else if let Some(value) = facet_value(posting, facet) {
            doc.add_text(fields.facet(facet), value);
        }
    }
    if let Some(location) = location_facet(posting) {
        doc.add_facet(fields.location, location);
    }
    doc.add_i64(
        fields.published,
        posting.published.map_or(NO_PUBLISHED, day_number),
    );
    doc.add_i64(
        fields.closing,
        posting.closing.map_or(NO_CLOSING, day_number),
    );
    doc.add_text(fields.posting, stored::encode(posting));
    Ok(doc)
}

/// The posting stored at `address` (its `posting` field, as [`to_document`] wrote it).
pub fn read_posting(searcher: &tantivy::Searcher, address: tantivy::DocAddress) -> Result<Posting> {
    let record = read_record(searcher, address)?;
    Ok(StoredPosting::decode(&record.0)?.to_posting())
}

/// The stored record of the posting at `address`, to read with [`StoredPosting::decode`].
pub fn read_record(
    searcher: &tantivy::Searcher,
    address: tantivy::DocAddress,
) -> Result<StoredRecord> {
    let record: StoredRecord = searcher.doc(address)?;
    if record.0.is_empty() {
        return Err(crate::Error::InvalidIndex(
            "a document has no stored posting".into(),
        ));
    }
    Ok(record)
}

/// The text of a document's stored posting (the only value the schema stores).
#[derive(Debug, Clone, Default)]
pub struct StoredRecord(pub String);

impl tantivy::schema::document::DocumentDeserialize for StoredRecord {
    fn deserialize<'de, D>(
        mut document: D,
    ) -> std::result::Result<Self, tantivy::schema::document::DeserializeError>
    where
        D: tantivy::schema::document::DocumentDeserializer<'de>,
    {
        let mut record = StoredRecord::default();
        while let Some((_, value)) = document.next_field::<tantivy::schema::OwnedValue>()? {
            if let tantivy::schema::OwnedValue::Str(text) = value {
                record.0 = text;
            }
        }
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_round_trips_through_fields() {
        let schema = build_schema();
        let fields = Fields::from_schema(&schema).unwrap();
        assert_eq!(
            schema.get_field_name(fields.title(Lang::Spanish)),
            "title_es"
        );
        assert_eq!(schema.get_field_name(fields.body(Lang::Neutral)), "body_xx");
        assert_eq!(
            schema.get_field_name(fields.facet(FacetField::DutyStation)),
            "duty_station"
        );
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
        assert_eq!(
            day_number(NaiveDate::from_ymd_opt(1969, 12, 31).unwrap()),
            -1
        );
    }

    #[test]
    fn location_stops_at_first_unknown_level() {
        let posting = Posting {
            region: Some("Africa".into()),
            subregion: Some("Northern Africa".into()),
            country: None,
            duty_station: Some("Tunis".into()),
            ..Posting::default()
        };
        assert_eq!(
            location_facet(&posting).unwrap().to_string(),
            "/Africa/Northern Africa"
        );
        assert!(location_facet(&Posting::default()).is_none());
    }
}
