//! The stored form of a posting: a compact record, read back without copying.
//!
//! A page of hits used to parse each hit's stored JSON into a [`Posting`]: every string
//! unescaped and allocated, the body (most of the record) included, although a hit shows a
//! snippet of the body and fourteen short fields. The record written here holds the same
//! values length-prefixed, and [`StoredPosting`] reads it in place: its strings borrow from
//! the stored text, so a hit copies only what it shows and the snippet reads the body where
//! it lies.
//!
//! The record is text (tantivy reads a stored string in one copy, stored bytes one byte at a
//! time), so its numbers are written in decimal. Layout (version [`FORMAT`]): the version
//! character, then the fields in the order of [`StoredPosting`]'s declaration, the hit's
//! fields first and the body last. A string is its length in bytes, `:`, then the string; an
//! absent value is `.`; a date is its day number (days since 1970-01-01) then `;`; a list is
//! its length, `;`, then its items. `2:P2.3:TUN` is `P2`, an absent value, then `TUN`.

use chrono::NaiveDate;

use crate::schema::day_number;
use crate::{Error, Posting, Result};

/// The version character that starts every record this build writes.
pub const FORMAT: char = 'A';

/// What an absent value is written as.
const ABSENT: u8 = b'.';

/// A stored posting, its strings borrowed from the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPosting<'a> {
    /// See [`Posting::id`].
    pub id: &'a str,
    /// See [`Posting::title`].
    pub title: Option<&'a str>,
    /// See [`Posting::organization`].
    pub organization: Option<&'a str>,
    /// See [`Posting::grade`].
    pub grade: Option<&'a str>,
    /// See [`Posting::unit`].
    pub unit: Option<&'a str>,
    /// See [`Posting::department`].
    pub department: Option<&'a str>,
    /// See [`Posting::duty_station`].
    pub duty_station: Option<&'a str>,
    /// See [`Posting::country`].
    pub country: Option<&'a str>,
    /// See [`Posting::region`].
    pub region: Option<&'a str>,
    /// See [`Posting::subregion`].
    pub subregion: Option<&'a str>,
    /// See [`Posting::contract_type`].
    pub contract_type: Option<&'a str>,
    /// See [`Posting::language`].
    pub language: &'a str,
    /// See [`Posting::published`].
    pub published: Option<NaiveDate>,
    /// See [`Posting::closing`].
    pub closing: Option<NaiveDate>,
    /// See [`Posting::skills`].
    pub skills: Vec<&'a str>,
    /// See [`Posting::occupation`].
    pub occupation: Option<&'a str>,
    /// See [`Posting::organization_raw`].
    pub organization_raw: Option<&'a str>,
    /// See [`Posting::grade_raw`].
    pub grade_raw: Option<&'a str>,
    /// See [`Posting::vacancy_number`].
    pub vacancy_number: Option<&'a str>,
    /// See [`Posting::job_id`].
    pub job_id: Option<&'a str>,
    /// See [`Posting::duty_station_raw`].
    pub duty_station_raw: Option<&'a str>,
    /// See [`Posting::contract_type_raw`].
    pub contract_type_raw: Option<&'a str>,
    /// See [`Posting::contract_duration`].
    pub contract_duration: Option<&'a str>,
    /// See [`Posting::listed`].
    pub listed: Option<NaiveDate>,
    /// See [`Posting::link`].
    pub link: Option<&'a str>,
    /// See [`Posting::body`].
    pub body: &'a str,
}

/// The record of `posting`.
#[must_use]
pub fn encode(posting: &Posting) -> String {
    // Destructured whole, so that a field added to `Posting` does not compile until it is
    // stored.
    let Posting {
        id,
        title,
        organization,
        organization_raw,
        grade,
        grade_raw,
        vacancy_number,
        job_id,
        department,
        unit,
        duty_station,
        duty_station_raw,
        country,
        region,
        subregion,
        contract_type,
        contract_type_raw,
        contract_duration,
        published,
        listed,
        closing,
        language,
        link,
        body,
        skills,
        occupation,
    } = posting;
    let mut out = String::with_capacity(body.len() + 512);
    out.push(FORMAT);
    put_str(&mut out, id);
    for text in [
        title,
        organization,
        grade,
        unit,
        department,
        duty_station,
        country,
        region,
        subregion,
        contract_type,
    ] {
        put_opt(&mut out, text.as_deref());
    }
    put_str(&mut out, language);
    put_date(&mut out, *published);
    put_date(&mut out, *closing);
    put_count(&mut out, skills.len());
    for skill in skills {
        put_str(&mut out, skill);
    }
    put_opt(&mut out, occupation.as_deref());
    for text in [
        organization_raw,
        grade_raw,
        vacancy_number,
        job_id,
        duty_station_raw,
        contract_type_raw,
        contract_duration,
    ] {
        put_opt(&mut out, text.as_deref());
    }
    put_date(&mut out, *listed);
    put_opt(&mut out, link.as_deref());
    put_str(&mut out, body);
    out
}

impl<'a> StoredPosting<'a> {
    /// Reads the record `text` (as [`encode`] wrote it).
    ///
    /// # Errors
    /// [`Error::InvalidIndex`] when the record is cut short or malformed, or has another
    /// format version.
    pub fn decode(text: &'a str) -> Result<StoredPosting<'a>> {
        let Some(rest) = text.strip_prefix(FORMAT) else {
            let found = text.chars().next().map_or(String::new(), String::from);
            return Err(invalid(format!(
                "a stored posting has format `{found}`, this build reads `{FORMAT}`"
            )));
        };
        let mut r = Reader {
            text,
            at: text.len() - rest.len(),
        };
        let id = r.str()?;
        let title = r.opt()?;
        let organization = r.opt()?;
        let grade = r.opt()?;
        let unit = r.opt()?;
        let department = r.opt()?;
        let duty_station = r.opt()?;
        let country = r.opt()?;
        let region = r.opt()?;
        let subregion = r.opt()?;
        let contract_type = r.opt()?;
        let language = r.str()?;
        let published = r.date()?;
        let closing = r.date()?;
        let count = r.count()?;
        // Each skill takes at least two bytes: a count beyond the bytes left is corrupt.
        if count > text.len() - r.at {
            return Err(invalid("a stored posting's skill count exceeds its record"));
        }
        let skills = (0..count).map(|_| r.str()).collect::<Result<_>>()?;
        let stored = StoredPosting {
            id,
            title,
            organization,
            grade,
            unit,
            department,
            duty_station,
            country,
            region,
            subregion,
            contract_type,
            language,
            published,
            closing,
            skills,
            occupation: r.opt()?,
            organization_raw: r.opt()?,
            grade_raw: r.opt()?,
            vacancy_number: r.opt()?,
            job_id: r.opt()?,
            duty_station_raw: r.opt()?,
            contract_type_raw: r.opt()?,
            contract_duration: r.opt()?,
            listed: r.date()?,
            link: r.opt()?,
            body: r.str()?,
        };
        if r.at != text.len() {
            return Err(invalid("a stored posting has bytes after its body"));
        }
        Ok(stored)
    }

    /// The posting without its body (what a hit holds).
    #[must_use]
    pub fn without_body(&self) -> Posting {
        let owned = |text: Option<&str>| text.map(str::to_owned);
        Posting {
            id: self.id.to_owned(),
            title: owned(self.title),
            organization: owned(self.organization),
            organization_raw: owned(self.organization_raw),
            grade: owned(self.grade),
            grade_raw: owned(self.grade_raw),
            vacancy_number: owned(self.vacancy_number),
            job_id: owned(self.job_id),
            department: owned(self.department),
            unit: owned(self.unit),
            duty_station: owned(self.duty_station),
            duty_station_raw: owned(self.duty_station_raw),
            country: owned(self.country),
            region: owned(self.region),
            subregion: owned(self.subregion),
            contract_type: owned(self.contract_type),
            contract_type_raw: owned(self.contract_type_raw),
            contract_duration: owned(self.contract_duration),
            published: self.published,
            listed: self.listed,
            closing: self.closing,
            language: self.language.to_owned(),
            link: owned(self.link),
            body: String::new(),
            skills: self.skills.iter().map(|s| (*s).to_owned()).collect(),
            occupation: owned(self.occupation),
        }
    }

    /// The whole posting.
    #[must_use]
    pub fn to_posting(&self) -> Posting {
        Posting {
            body: self.body.to_owned(),
            ..self.without_body()
        }
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidIndex(message.into())
}

fn put_count(out: &mut String, n: usize) {
    use std::fmt::Write;
    let _ = write!(out, "{n};");
}

fn put_str(out: &mut String, text: &str) {
    use std::fmt::Write;
    let _ = write!(out, "{}:", text.len());
    out.push_str(text);
}

fn put_opt(out: &mut String, text: Option<&str>) {
    match text {
        None => out.push(char::from(ABSENT)),
        Some(text) => put_str(out, text),
    }
}

fn put_date(out: &mut String, date: Option<NaiveDate>) {
    use std::fmt::Write;
    match date {
        None => out.push(char::from(ABSENT)),
        Some(date) => {
            let _ = write!(out, "{};", day_number(date));
        }
    }
}

/// A cursor over a record.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Result<u8> {
        self.text
            .as_bytes()
            .get(self.at)
            .copied()
            .ok_or_else(|| invalid("a stored posting is cut short"))
    }

    /// Whether the next value is absent (and if so, steps over its mark).
    fn absent(&mut self) -> Result<bool> {
        let absent = self.peek()? == ABSENT;
        self.at += usize::from(absent);
        Ok(absent)
    }

    /// The decimal number up to `end`, and the step over `end`.
    fn number(&mut self, end: u8) -> Result<i64> {
        let rest = &self.text.as_bytes()[self.at..];
        let len = rest
            .iter()
            .position(|b| *b == end)
            .ok_or_else(|| invalid("a stored posting is cut short"))?;
        let n = std::str::from_utf8(&rest[..len])
            .ok()
            .and_then(|digits| digits.parse().ok())
            .ok_or_else(|| invalid("a stored posting has a malformed number"))?;
        self.at += len + 1;
        Ok(n)
    }

    fn str(&mut self) -> Result<&'a str> {
        let len = usize::try_from(self.number(b':')?)
            .map_err(|_| invalid("a stored posting has a negative length"))?;
        let text = self
            .at
            .checked_add(len)
            .and_then(|end| self.text.get(self.at..end))
            .ok_or_else(|| invalid("a stored posting is cut short or cut inside a character"))?;
        self.at += len;
        Ok(text)
    }

    fn opt(&mut self) -> Result<Option<&'a str>> {
        if self.absent()? {
            return Ok(None);
        }
        self.str().map(Some)
    }

    fn count(&mut self) -> Result<usize> {
        usize::try_from(self.number(b';')?)
            .map_err(|_| invalid("a stored posting has a negative count"))
    }

    fn date(&mut self) -> Result<Option<NaiveDate>> {
        if self.absent()? {
            return Ok(None);
        }
        let day = self.number(b';')?;
        chrono::TimeDelta::try_days(day)
            .and_then(|days| NaiveDate::default().checked_add_signed(days))
            .map(Some)
            .ok_or_else(|| invalid("a stored posting has a date out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A posting with every field set, each to a value no other field has.
    fn full() -> Posting {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        Posting {
            id: "ilo-2025-02".into(),
            title: Some("Chargé·e de programme — « suivi »".into()),
            organization: Some("ILO - International Labour Organization".into()),
            organization_raw: Some("OIT".into()),
            grade: Some("P2".into()),
            grade_raw: Some("P.2".into()),
            vacancy_number: Some("ALG/DC/P/2025/02".into()),
            job_id: Some("12931".into()),
            department: Some("Département de l'emploi".into()),
            unit: Some("DWT Tunis".into()),
            duty_station: Some("Tunis".into()),
            duty_station_raw: Some("Tunis, Tunisie".into()),
            country: Some("TUN".into()),
            region: Some("Africa".into()),
            subregion: Some("Northern Africa".into()),
            contract_type: Some("fixed-term".into()),
            contract_type_raw: Some("Durée déterminée".into()),
            contract_duration: Some("12 mois (renouvelables)".into()),
            published: date(2025, 1, 31),
            listed: date(1969, 7, 20),
            closing: date(2025, 3, 2),
            language: "fr".into(),
            link: Some("https://example.org/job/12931?x=\"y\"".into()),
            body: "Introduction\n\n\u{2028}Tâches : « coordonner »\t✓ \\n".repeat(50),
            skills: vec!["S1.2".into(), "".into(), "skill/ü".into()],
            occupation: Some("occ-2422".into()),
        }
    }

    #[test]
    fn every_field_round_trips() {
        let posting = full();
        let bytes = encode(&posting);
        let stored = StoredPosting::decode(&bytes).unwrap();
        assert_eq!(stored.to_posting(), posting);
        assert_eq!(stored.body, posting.body);
        let without = stored.without_body();
        assert!(without.body.is_empty());
        assert_eq!(
            without,
            Posting {
                body: String::new(),
                ..posting
            }
        );
    }

    #[test]
    fn empty_and_absent_values_stay_apart() {
        let posting = Posting {
            title: Some(String::new()),
            ..Posting::default()
        };
        let record = encode(&posting);
        let back = StoredPosting::decode(&record).unwrap();
        assert_eq!(back.title, Some(""));
        assert_eq!(back.organization, None);
        assert_eq!(back.to_posting(), posting);
    }

    #[test]
    fn dates_far_from_1970_round_trip() {
        for (y, m, d) in [(1, 1, 1), (1969, 12, 31), (1970, 1, 1), (9999, 12, 31)] {
            let date = NaiveDate::from_ymd_opt(y, m, d);
            let posting = Posting {
                closing: date,
                ..Posting::default()
            };
            let record = encode(&posting);
            let back = StoredPosting::decode(&record).unwrap();
            assert_eq!(back.closing, date);
        }
    }

    #[test]
    fn damaged_records_are_refused_not_misread() {
        let bytes = encode(&full());
        // Every cut is refused: the record ends exactly after the body.
        for len in (0..bytes.len()).filter(|len| bytes.is_char_boundary(*len)) {
            assert!(
                StoredPosting::decode(&bytes[..len]).is_err(),
                "cut at {len}"
            );
        }
        let longer = format!("{bytes}.");
        assert!(StoredPosting::decode(&longer).is_err());
        let version = format!("B{}", &bytes[1..]);
        let message = StoredPosting::decode(&version).unwrap_err().to_string();
        assert!(message.contains("format `B`"), "{message}");
        // A length that would cut a character in two.
        let id = encode(&Posting {
            id: "é".into(),
            ..Posting::default()
        });
        assert!(id.starts_with("A2:é"), "{id}");
        assert!(StoredPosting::decode(&id.replacen("A2:", "A1:", 1)).is_err());
        // Lengths and dates that are not numbers.
        assert!(StoredPosting::decode(&id.replacen("A2:", "Ax:", 1)).is_err());
        assert!(StoredPosting::decode(&id.replacen("A2:", "A-2:", 1)).is_err());
    }

    #[test]
    fn the_record_reads_as_documented() {
        let posting = Posting {
            id: "x".into(),
            grade: Some("P2".into()),
            country: Some("TUN".into()),
            published: NaiveDate::from_ymd_opt(1970, 1, 11),
            ..Posting::default()
        };
        let record = encode(&posting);
        assert!(
            record.starts_with("A1:x..2:P2...3:TUN...0:10;.0;"),
            "{record}"
        );
    }

    proptest::proptest! {
        /// Any text, with the marks the record uses (`.`, `:`, `;`, digits) in it, and any
        /// date round-trip.
        #[test]
        fn any_values_round_trip(
            id in "[0-9.:;a-zé]{0,6}",
            title in proptest::option::of("[0-9.:;A-Zü ]{0,12}"),
            body in "[0-9.:;\n a-z€]{0,40}",
            skills in proptest::collection::vec("[0-9.:;]{0,4}", 0..4),
            day in -700_000i64..2_900_000,
        ) {
            let posting = Posting {
                id,
                title,
                body,
                skills,
                listed: NaiveDate::default().checked_add_signed(chrono::TimeDelta::days(day)),
                ..Posting::default()
            };
            let record = encode(&posting);
            proptest::prop_assert_eq!(StoredPosting::decode(&record).unwrap().to_posting(), posting);
        }
    }
}
