//! Synthetic corpus generator: realistic vacancy postings as JSON Lines, for scale tests and
//! benchmarks (10k to 1M postings).
//!
//! Records have the keys of the job feeds the indexer reads (`id`, `job_title`, `org`,
//! `posting_date`, `link`, `is_un`, `country`, `location`, `job_desc`) plus `language`. Bodies
//! are 2–15 kB notices in English, French or Spanish, with the header labels real notices carry
//! (`Grade: P-3`, `Duty Station: Nairobi, Kenya`, `Date de clôture: 3 juin 2027`,
//! `Fecha de cierre: 20 de noviembre de 2027`...), built from section templates filled with
//! field phrases ("supply chain", "gestion de projet", "agua y saneamiento") and with words
//! drawn at Zipf-distributed ranks, so that term and phrase statistics resemble real notices.
//!
//! Output is a pure function of the [`GeneratorConfig`]: a hand-written xoshiro256** generator
//! keeps it byte-identical across dependency upgrades, and the first `n` postings of a run are
//! the same whatever `count` is. Postings are written one at a time; nothing accumulates.

mod body;
mod catalog;
mod en;
mod es;
mod fr;
mod lexicon;
mod pack;
mod places;
mod rng;
mod template;
mod zipf;

use std::io::{BufWriter, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::{Error, Result};
use body::{compose, Draft, Language};
use pack::Pack;
use rng::Rng;

/// The languages the generator writes, with their default share of postings (per cent).
pub const LANGUAGE_MIX: &[(&str, u32)] = &[("en", 70), ("fr", 20), ("es", 10)];

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratorConfig {
    /// Number of postings; 0 gives empty output.
    pub count: u64,
    /// Seed of the pseudo-random generator: the same seed gives the same bytes.
    pub seed: u64,
    /// Languages to write, a non-empty subset of `en`, `fr`, `es` (ISO 639-1, any case).
    /// Their shares keep the proportions of [`LANGUAGE_MIX`] (70/20/10), renormalised over the
    /// languages chosen.
    pub languages: Vec<String>,
    /// First day a posting may be published on.
    pub first_published: NaiveDate,
    /// Days over which publication is spread, from `first_published` (at least 1). Each
    /// posting closes 14 to 56 days after its publication, so a window ending a few weeks
    /// after today (`first_published` 60 days ago, 90 days) gives a board whose postings are
    /// mostly open today, what the search page's `open=true` searches.
    pub published_days: u64,
}

/// [`GeneratorConfig::first_published`] by default.
pub const FIRST_PUBLISHED: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(day) => day,
    None => panic!("2024-01-01 is a date"),
};

/// [`GeneratorConfig::published_days`] by default: four years (2024–2027).
pub const PUBLISHED_DAYS: u64 = 1_461;

impl GeneratorConfig {
    /// `count` postings from `seed`, in all three languages, published over 2024–2027.
    pub fn new(count: u64, seed: u64) -> Self {
        GeneratorConfig {
            count,
            seed,
            languages: LANGUAGE_MIX.iter().map(|(l, _)| l.to_string()).collect(),
            first_published: FIRST_PUBLISHED,
            published_days: PUBLISHED_DAYS,
        }
    }
}

impl Default for GeneratorConfig {
    /// 1,000 postings, seed 42, all three languages.
    fn default() -> Self {
        GeneratorConfig::new(1_000, 42)
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenerateStats {
    /// Number of postings (lines).
    pub postings: u64,
    /// Number of bytes.
    pub bytes: u64,
}

/// One output line, borrowed from the draft.
#[derive(Serialize)]
struct Record<'a> {
    id: u64,
    job_title: &'a str,
    org: &'a str,
    posting_date: &'a str,
    link: &'a str,
    is_un: bool,
    country: &'a str,
    location: &'a str,
    job_desc: &'a str,
    language: &'a str,
}

/// Counts the bytes passing through.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Where write errors are reported: the generator does not know the file behind `out`.
const OUTPUT: &str = "<generator output>";

fn write_error(e: serde_json::Error) -> Error {
    if e.is_io() {
        Error::io(OUTPUT, std::io::Error::from(e))
    } else {
        Error::Json(e)
    }
}

/// The configured publication window: its first day and its length in days.
fn publication_window(config: &GeneratorConfig) -> Result<(NaiveDate, u64)> {
    let days = config.published_days;
    // The last posting closes up to 56 days after the window's last day; dates are written
    // with four-digit years.
    let last = chrono::Days::new(days.saturating_add(56));
    let fits = config
        .first_published
        .checked_add_days(last)
        .is_some_and(|day| chrono::Datelike::year(&day) <= 9999);
    if days == 0 || !fits {
        return Err(Error::param(
            "published_days",
            format!(
                "{days} days from {}: give at least 1, ending before the year 10000",
                config.first_published
            ),
        ));
    }
    Ok((config.first_published, days))
}

/// Resolves the configured language codes to packs with their weights.
fn languages(config: &GeneratorConfig) -> Result<Vec<(&'static Pack, u32)>> {
    if config.languages.is_empty() {
        return Err(Error::param(
            "languages",
            "at least one of en, fr, es is needed",
        ));
    }
    let mut chosen: Vec<(&'static Pack, u32)> = Vec::new();
    for code in &config.languages {
        let code = code.trim().to_ascii_lowercase();
        let pack: &'static Pack = match code.as_str() {
            "en" => &en::EN,
            "fr" => &fr::FR,
            "es" => &es::ES,
            _ => {
                return Err(Error::param(
                    "languages",
                    format!("unknown language `{code}`; expected a subset of en, fr, es"),
                ))
            }
        };
        if !chosen.iter().any(|(p, _)| p.code == pack.code) {
            let weight = LANGUAGE_MIX
                .iter()
                .find(|(l, _)| *l == pack.code)
                .map_or(1, |(_, w)| *w);
            chosen.push((pack, weight));
        }
    }
    // Canonical order, so that `fr,en` and `en,fr` give the same corpus.
    chosen.sort_by_key(|(p, _)| p.slot);
    Ok(chosen)
}

/// Writes `config.count` postings to `out` as JSON Lines (one object per line, `\n`-terminated)
/// and returns what was written.
///
/// `out` is wrapped in a [`BufWriter`] here, so a plain [`std::fs::File`] is fine; the writer is
/// flushed before returning. Memory use is constant in `count`.
///
/// # Errors
///
/// [`Error::InvalidParameter`] (`languages`) for an empty list or a code other than `en`, `fr`,
/// `es`, (`published_days`) for 0 or a window ending past 9999; [`Error::Io`] (with the path
/// `<generator output>`) when writing fails.
pub fn generate<W: Write>(config: &GeneratorConfig, out: W) -> Result<GenerateStats> {
    let chosen = languages(config)?;
    let window = publication_window(config)?;
    let langs: Vec<Language> = chosen.iter().map(|(p, _)| Language::new(p)).collect();
    let weights: Vec<u32> = chosen.iter().map(|(_, w)| *w).collect();

    let mut out = Counting {
        inner: BufWriter::with_capacity(1 << 16, out),
        bytes: 0,
    };
    let mut rng = Rng::new(config.seed);
    let mut draft = Draft::default();
    let mut scratch = Vec::new();
    for index in 0..config.count {
        let lang = &langs[rng.weighted(&weights)];
        compose(&mut draft, index, lang, window, &mut rng, &mut scratch);
        let record = Record {
            id: draft.id,
            job_title: &draft.title,
            org: draft.org,
            posting_date: &draft.posting_date,
            link: &draft.link,
            is_un: draft.is_un,
            country: draft.country,
            location: draft.location,
            job_desc: &draft.body,
            language: draft.language,
        };
        serde_json::to_writer(&mut out, &record).map_err(write_error)?;
        out.write_all(b"\n").map_err(|e| Error::io(OUTPUT, e))?;
    }
    out.flush().map_err(|e| Error::io(OUTPUT, e))?;
    Ok(GenerateStats {
        postings: config.count,
        bytes: out.bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_validated_and_weighted() {
        let all = languages(&GeneratorConfig::new(1, 1)).unwrap();
        let codes: Vec<(&str, u32)> = all.iter().map(|(p, w)| (p.code, *w)).collect();
        assert_eq!(codes, vec![("en", 70), ("fr", 20), ("es", 10)]);
        let mut cfg = GeneratorConfig::new(1, 1);
        cfg.languages = vec!["es".into(), "ES".into()];
        assert_eq!(languages(&cfg).unwrap().len(), 1);
        cfg.languages = vec!["pt".into()];
        assert!(matches!(
            languages(&cfg),
            Err(Error::InvalidParameter { .. })
        ));
    }

    #[test]
    fn write_failures_are_io_errors() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Err(std::io::Error::other("disk full"))
            }
        }
        let err = generate(&GeneratorConfig::new(3, 1), Broken).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err}");
    }
}
