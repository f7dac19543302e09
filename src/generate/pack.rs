//! The language-specific text a posting is built from: word lists, labels, headings and
//! sentence templates (see [`super::template`] for the slot syntax).

use super::lexicon::Lang;

/// Header labels as they appear inside a notice.
pub(crate) struct Labels {
    pub(crate) vacancy_number: &'static str,
    pub(crate) grade: &'static str,
    pub(crate) duty_station: &'static str,
    pub(crate) contract: &'static str,
    pub(crate) duration: &'static str,
    pub(crate) published: &'static str,
    pub(crate) deadline: &'static str,
}

/// Section headings.
pub(crate) struct Headings {
    pub(crate) background: &'static str,
    pub(crate) duties: &'static str,
    pub(crate) qualifications: &'static str,
    pub(crate) education: &'static str,
    pub(crate) experience: &'static str,
    pub(crate) languages: &'static str,
    pub(crate) competencies: &'static str,
    pub(crate) apply: &'static str,
}

/// Everything language-specific.
pub(crate) struct Pack {
    /// ISO 639-1 code written in the `language` key.
    pub(crate) code: &'static str,
    /// Inflection rules.
    pub(crate) lang: Lang,
    /// Index into `[en, fr, es]` arrays of the shared tables.
    pub(crate) slot: usize,
    /// Nouns, most frequent first.
    pub(crate) nouns: &'static str,
    /// Verbs, most frequent first.
    pub(crate) verbs: &'static str,
    /// Adjectives, most frequent first.
    pub(crate) adjectives: &'static str,
    /// Month names, January first.
    pub(crate) months: [&'static str; 12],
    /// `month` / `months` for durations.
    pub(crate) month_words: (&'static str, &'static str),
    /// Suffix for renewable durations (`, renewable`).
    pub(crate) renewable: &'static str,
    /// Header labels.
    pub(crate) labels: Labels,
    /// Section headings.
    pub(crate) headings: Headings,
    /// Title templates by category (see `Category as usize`), `{D}` = field name.
    pub(crate) titles: [&'static [&'static str]; 9],
    /// Background sentences.
    pub(crate) intro: &'static [&'static str],
    /// Sentences introducing the duties list.
    pub(crate) duties_lead: &'static [&'static str],
    /// Duty bullets.
    pub(crate) duties: &'static [&'static str],
    /// Education requirement: advanced degree, first degree, secondary, internship.
    pub(crate) education: [&'static str; 4],
    /// Experience sentences; the first one states the minimum years (`{yrs}`).
    pub(crate) experience: &'static [&'static str],
    /// Language requirement sentences.
    pub(crate) languages: &'static [&'static str],
    /// Other languages named in requirements.
    pub(crate) other_languages: &'static [&'static str],
    /// Competency names.
    pub(crate) competencies: &'static [&'static str],
    /// Competency descriptions, `{C}` = name.
    pub(crate) competency_text: &'static [&'static str],
    /// Closing sentences (diversity statement, fees...).
    pub(crate) closing: &'static [&'static str],
}

/// Writes `date` in the pack's long style (`20 November 2027`, `1er juin 2027`,
/// `20 de noviembre de 2027`).
pub(crate) fn write_long_date(out: &mut String, pack: &Pack, year: i32, month: u32, day: u32) {
    use std::fmt::Write;
    let name = pack.months[(month - 1) as usize];
    let _ = match pack.lang {
        Lang::En => write!(out, "{day} {name} {year}"),
        Lang::Fr if day == 1 => write!(out, "1er {name} {year}"),
        Lang::Fr => write!(out, "{day} {name} {year}"),
        Lang::Es => write!(out, "{day} de {name} de {year}"),
    };
}
