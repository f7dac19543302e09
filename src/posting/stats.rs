//! Extraction quality over a set of postings: how often each field is filled, and how many
//! filled values did not normalise (`vacancy parse --stats`).

use std::fmt;

use super::grade::is_known_grade;
use super::organization::canonical_organization;
use super::Posting;

/// The fields counted, in report order.
pub const FIELDS: &[&str] = &[
    "title",
    "organization",
    "grade",
    "vacancy_number",
    "job_id",
    "department",
    "unit",
    "duty_station",
    "country",
    "region",
    "contract_type",
    "contract_duration",
    "published",
    "listed",
    "closing",
    "link",
];

/// Fill counts of each field over the postings seen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FillStats {
    /// Postings counted.
    pub postings: usize,
    /// Postings rejected by the parsers (counted by the caller).
    pub rejected: usize,
    /// Per field of [`FIELDS`]: (filled, filled but not normalised).
    pub counts: Vec<(usize, usize)>,
}

impl FillStats {
    /// Empty statistics.
    #[must_use]
    pub fn new() -> Self {
        FillStats {
            postings: 0,
            rejected: 0,
            counts: vec![(0, 0); FIELDS.len()],
        }
    }

    /// Counts one posting (after enrichment, so that `region` is known).
    ///
    /// Not normalised: a grade outside the known scales and classes (kept in a cleaned
    /// form), a contract type read as `other`, an organisation the table does not know, a
    /// duty station whose region is `Unknown`.
    pub fn add(&mut self, p: &Posting) {
        self.postings += 1;
        let org_unknown = p
            .organization
            .as_deref()
            .is_some_and(|o| canonical_organization(o).is_none());
        let fields: [(bool, bool); 16] = [
            (p.title.is_some(), false),
            (p.organization.is_some(), org_unknown),
            (
                p.grade.is_some(),
                p.grade.as_deref().is_some_and(|g| !is_known_grade(g)),
            ),
            (p.vacancy_number.is_some(), false),
            (p.job_id.is_some(), false),
            (p.department.is_some(), false),
            (p.unit.is_some(), false),
            (
                p.duty_station.is_some(),
                p.duty_station.is_some() && p.region.as_deref() == Some("Unknown"),
            ),
            (p.country.is_some(), false),
            (p.region.as_deref().is_some_and(|r| r != "Unknown"), false),
            (
                p.contract_type.is_some(),
                p.contract_type.as_deref() == Some("other"),
            ),
            (p.contract_duration.is_some(), false),
            (p.published.is_some(), false),
            (p.listed.is_some(), false),
            (p.closing.is_some(), false),
            (p.link.is_some(), false),
        ];
        for (slot, (filled, odd)) in self.counts.iter_mut().zip(fields) {
            slot.0 += usize::from(filled);
            slot.1 += usize::from(filled && odd);
        }
    }

    /// The fill rate of a field of [`FIELDS`] (0.0 when no posting was counted).
    #[must_use]
    pub fn rate(&self, field: &str) -> Option<f64> {
        let i = FIELDS.iter().position(|f| *f == field)?;
        Some(if self.postings == 0 {
            0.0
        } else {
            self.counts[i].0 as f64 / self.postings as f64
        })
    }
}

impl fmt::Display for FillStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "postings: {} (rejected: {})",
            self.postings, self.rejected
        )?;
        writeln!(
            f,
            "{:<18} {:>7} {:>7} {:>15}",
            "field", "filled", "rate", "not normalised"
        )?;
        for (name, (filled, odd)) in FIELDS.iter().zip(&self.counts) {
            let rate = if self.postings == 0 {
                0.0
            } else {
                100.0 * *filled as f64 / self.postings as f64
            };
            writeln!(f, "{name:<18} {filled:>7} {rate:>6.1}% {odd:>15}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_rates() {
        let mut s = FillStats::new();
        s.add(&Posting {
            grade: Some("P2".into()),
            contract_type: Some("other".into()),
            organization: Some("PNUD".into()),
            ..Posting::default()
        });
        s.add(&Posting {
            grade: Some("EC3".into()),
            organization: Some("Example Energy Agency".into()),
            ..Posting::default()
        });
        assert_eq!(s.postings, 2);
        assert_eq!(s.rate("grade"), Some(1.0));
        assert_eq!(s.rate("contract_type"), Some(0.5));
        assert_eq!(s.rate("closing"), Some(0.0));
        assert_eq!(s.rate("nope"), None);
        let grade = FIELDS.iter().position(|f| *f == "grade").unwrap();
        assert_eq!(s.counts[grade], (2, 1));
        let org = FIELDS.iter().position(|f| *f == "organization").unwrap();
        assert_eq!(s.counts[org], (2, 1));
        let text = s.to_string();
        assert!(text.contains("postings: 2"), "{text}");
        assert!(text.contains("grade"), "{text}");
        assert!(text.contains("100.0%"), "{text}");
    }
}
