//! Dates written in French, English or Spanish, in words or digits → [`NaiveDate`].
//!
//! [`parse_date`] finds the *first* date in its input and ignores the text around it
//! (`Friday 15th of November 2024`, `20 November 2024 (at midnight, Abu Dhabi Local Time)`,
//! `(Midnight, Rome Time) 11/29/2024`). Recognised forms:
//!
//! - ISO: `2024-11-20`, `2024/11/20`, ISO date-times `2024-11-07T12:03:28.000Z`;
//! - words: a month name (full or abbreviated, FR/EN/ES, any case and accents) with a day
//!   before it (`14 mai 2025`, `1er juin 2025`, `20 de noviembre de 2024`, `18 th November
//!   2024`, `20-Nov-2024`, `27/nov./2024`) or after it (`November 6, 2024`, `Nov 09 2024`,
//!   `December 4th 2024`), then a year (four digits; two digits only right after the month,
//!   as in `20-Nov-24`);
//! - digits: `dd/mm/yyyy` or `mm/dd/yyyy` with `/`, `-` or `.` and a 2- or 4-digit year.
//!   An explicit hint in the text (`(MM/DD/YYYY)`, `DD/MM/YYYY`, `JJ/MM/AAAA`) decides the
//!   order; otherwise the only valid reading is taken, and when both are valid the
//!   [`NumericOrder`] preference decides.
//!
//! A date without a year (`15 mai`) is not a date. Years outside 1990..=2100 are refused.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::text::{fold, word_spans};

/// Which reading of an ambiguous numeric date (`04/05/2025`) to prefer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    /// `dd/mm/yyyy` (French, Spanish, most of the world).
    DayFirst,
    /// `mm/dd/yyyy` for `/`-separated dates, `dd-mm-yyyy` for `-` and `.` (English notices:
    /// US-style slashes are common in recruitment systems, dashes and dots are European).
    English,
}

impl NumericOrder {
    /// The preference for a notice in language `lang` (ISO 639-1).
    pub fn for_language(lang: &str) -> Self {
        if lang == "en" {
            NumericOrder::English
        } else {
            NumericOrder::DayFirst
        }
    }
}

impl NumericOrder {
    /// The order a text itself shows: when its `/`-separated numeric dates that can be read
    /// only one way are all month-first (`11/23/2024`) the text is [`NumericOrder::English`],
    /// all day-first (`23/11/2024`) [`NumericOrder::DayFirst`]; else (no such date, or both
    /// kinds) `fallback`. Recruitment systems write every date of a notice the same way, so
    /// `Posting Date 11/06/2024` next to `Apply Before 11/13/2024` is 6 November.
    #[must_use]
    pub fn shown_in(text: &str, fallback: NumericOrder) -> NumericOrder {
        let (mut month_first, mut day_first) = (false, false);
        // Matches only, without their groups (much cheaper to find): a match is two numbers
        // and a year joined by two separators, which must be slashes here.
        let dates = lines_with_slashed_numbers(text).flat_map(|line| NUMERIC.find_iter(line));
        for found in dates {
            let date = found.as_str();
            if date.bytes().any(|b| !b.is_ascii_digit() && b != b'/') {
                continue;
            }
            let mut parts = date.split('/');
            let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
                continue;
            };
            let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else {
                continue;
            };
            match (a, b) {
                (1..=12, 13..=31) => month_first = true,
                (13..=31, 1..=12) => day_first = true,
                _ => {}
            }
        }
        match (month_first, day_first) {
            (true, false) => NumericOrder::English,
            (false, true) => NumericOrder::DayFirst,
            _ => fallback,
        }
    }
}

/// The lines of `text` holding a digit, a slash and a digit in a row, in order.
///
/// Only such a line can hold a date written with slashes, and [`NUMERIC`] finds in a line
/// exactly the matches it finds there in the whole text: a match holds no line break, and a
/// line's ends are word boundaries either way. So the regex runs over these lines only, found
/// by looking at the slashes of the text.
fn lines_with_slashed_numbers(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(found) = memchr::memchr(b'/', &bytes[from..]) {
            let slash = from + found;
            from = slash + 1;
            let digits = slash > 0
                && bytes[slash - 1].is_ascii_digit()
                && bytes.get(slash + 1).is_some_and(u8::is_ascii_digit);
            if !digits {
                continue;
            }
            let start = memchr::memrchr(b'\n', &bytes[..slash]).map_or(0, |n| n + 1);
            let end = memchr::memchr(b'\n', &bytes[slash..]).map_or(bytes.len(), |n| slash + n);
            from = end;
            return Some(&text[start..end]);
        }
        None
    })
}

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T)").unwrap());
static NUMERIC: LazyLock<Regex> =
    // A year may touch the capital of a label glued after it (`12/05/2024Closing Time`).
    LazyLock::new(|| {
        Regex::new(r"\b(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4}|\d{2})(?:\b|[A-Z])").unwrap()
    });

/// Month number of a folded (lowercase, unaccented) month name or abbreviation.
pub(super) fn month_number(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" | "janvier" | "janv" | "enero" | "ene" => 1,
        "february" | "feb" | "fevrier" | "fevr" | "fev" | "febrero" => 2,
        "march" | "mar" | "mars" | "marzo" => 3,
        "april" | "apr" | "avril" | "avr" | "abril" | "abr" => 4,
        "may" | "mai" | "mayo" => 5,
        "june" | "jun" | "juin" | "junio" => 6,
        "july" | "jul" | "juillet" | "juil" | "julio" => 7,
        "august" | "aug" | "aout" | "agosto" | "ago" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "setiembre" | "set" => 9,
        "october" | "oct" | "octobre" | "octubre" => 10,
        "november" | "nov" | "novembre" | "noviembre" => 11,
        "december" | "dec" | "decembre" | "diciembre" | "dic" => 12,
        _ => return None,
    })
}

/// Words that may stand between a day and its month or a month and its year.
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "de" | "del" | "of" | "the" | "th" | "st" | "nd" | "rd" | "er" | "le"
    )
}

/// A day number, with an optional ordinal suffix (`1er`, `15th`, `2nd`, `1º`).
fn day_number(word: &str) -> Option<u32> {
    let digits_end = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    if digits_end == 0 || digits_end > 2 {
        return None;
    }
    let suffix = &word[digits_end..];
    if !matches!(
        suffix,
        "" | "st" | "nd" | "rd" | "th" | "er" | "re" | "o" | "º" | "eme"
    ) {
        return None;
    }
    let d: u32 = word[..digits_end].parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_ok(y: i32) -> bool {
    (1990..=2100).contains(&y)
}

/// A four-digit year, or (when `short_ok`) a two-digit one meaning 20yy.
fn year_number(word: &str, short_ok: bool) -> Option<i32> {
    if !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = match word.len() {
        4 => word.parse().ok()?,
        2 if short_ok => 2000 + word.parse::<i32>().ok()?,
        _ => return None,
    };
    year_ok(y).then_some(y)
}

/// Finds the first date in `text`; see the module documentation for the accepted forms.
pub fn parse_date(text: &str, order: NumericOrder) -> Option<NaiveDate> {
    find_date(text, order).map(|(_, d)| d)
}

/// Like [`parse_date`], also giving the byte position where the date starts in `text`.
pub fn find_date(text: &str, order: NumericOrder) -> Option<(usize, NaiveDate)> {
    let mut best: Option<(usize, NaiveDate)> = None;
    let mut consider = |pos: usize, date: Option<NaiveDate>| {
        if let Some(d) = date {
            if best.is_none_or(|(p, _)| pos < p) {
                best = Some((pos, d));
            }
        }
    };
    if let Some(c) = ISO.captures(text) {
        let y = c[1].parse().ok().filter(|y| year_ok(*y));
        let date =
            y.and_then(|y| NaiveDate::from_ymd_opt(y, c[2].parse().ok()?, c[3].parse().ok()?));
        consider(c.get(0).map_or(0, |m| m.start()), date);
    }
    if let Some((pos, date)) = numeric_date(text, order) {
        consider(pos, Some(date));
    }
    if let Some((pos, date)) = worded_date(text) {
        consider(pos, Some(date));
    }
    best
}

/// An explicit order hint written in the text, if any.
fn explicit_order(text: &str) -> Option<bool> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("mm/dd/yy") || lower.contains("mm-dd-yy") {
        Some(true)
    } else if ["dd/mm/yy", "dd-mm-yy", "jj/mm/aa", "dd/mm/aa", "dd.mm.yy"]
        .iter()
        .any(|h| lower.contains(h))
    {
        Some(false)
    } else {
        None
    }
}

/// The first valid numeric `a/b/yyyy` date and its byte position.
fn numeric_date(text: &str, order: NumericOrder) -> Option<(usize, NaiveDate)> {
    let hint = explicit_order(text);
    for c in NUMERIC.captures_iter(text) {
        if c[2] != c[4] {
            continue;
        }
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
        let Some(y) = year_number(&c[5], true) else {
            continue;
        };
        let day_first = NaiveDate::from_ymd_opt(y, b, a);
        let month_first = NaiveDate::from_ymd_opt(y, a, b);
        let prefer_month_first = match hint {
            Some(mf) => mf,
            None => order == NumericOrder::English && &c[2] == "/",
        };
        let date = match (day_first, month_first) {
            (Some(d), Some(m)) => Some(if prefer_month_first { m } else { d }),
            (Some(d), None) if hint != Some(true) => Some(d),
            (None, Some(m)) if hint != Some(false) => Some(m),
            _ => None,
        };
        if let Some(d) = date {
            return Some((c.get(0).map_or(0, |m| m.start()), d));
        }
    }
    None
}

/// The words of `text` (runs of letters and digits), folded, with their byte positions.
fn folded_tokens(text: &str) -> Vec<(usize, String)> {
    word_spans(text)
        .into_iter()
        .map(|(s, e)| (s, fold(&text[s..e])))
        .collect()
}

/// The first date written with a month name, and its byte position.
fn worded_date(text: &str) -> Option<(usize, NaiveDate)> {
    let tokens = folded_tokens(text);
    for (i, (pos, word)) in tokens.iter().enumerate() {
        let Some(month) = month_number(word) else {
            continue;
        };
        // Day before the month, year after it.
        let mut j = i;
        let mut skipped = 0;
        while j > 0 && skipped < 3 {
            j -= 1;
            let w = &tokens[j].1;
            if is_filler(w) {
                skipped += 1;
                continue;
            }
            if let Some(day) = day_number(w) {
                if let Some(y) = year_after(text, &tokens, i, true) {
                    if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
                        return Some((tokens[j].0, d));
                    }
                }
            }
            break;
        }
        // Day after the month, then the year.
        let k = past_fillers(&tokens, i + 1);
        if let Some(day) = tokens.get(k).and_then(|t| day_number(&t.1)) {
            if let Some(y) = year_after(text, &tokens, k, false) {
                if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
                    return Some((*pos, d));
                }
            }
        }
    }
    None
}

/// The first day and month written with a month name and no year (`20th November`,
/// `November 27`, `1 décembre`, `19 de noviembre`), as (byte position, month, day). The day
/// must stand right by its month (fillers such as `de`, `of` aside), so that a month alone
/// (`May`) or a month's number of days is no date; a number right after it (`01 Jan 0001`,
/// a year refused) makes it no such day, an hour (`1 December 23:59`) does not. For a year
/// given elsewhere, see [`year_for`].
pub fn find_day_month(text: &str) -> Option<(usize, u32, u32)> {
    let tokens = folded_tokens(text);
    for (i, (pos, word)) in tokens.iter().enumerate() {
        let Some(month) = month_number(word) else {
            continue;
        };
        let hour = |k: usize| {
            let (p, w) = &tokens[k];
            text.get(p + w.len()..)
                .is_some_and(|rest| rest.starts_with([':', 'h', 'H', '.']))
        };
        // The token after `k`, fillers skipped, is a number but no hour: a year of some kind.
        let number_after = |k: usize| {
            let n = past_fillers(&tokens, k + 1);
            tokens
                .get(n)
                .is_some_and(|(_, w)| w.bytes().all(|b| b.is_ascii_digit()) && !hour(n))
        };
        let mut j = i;
        while j > 0 && is_filler(&tokens[j - 1].1) && i - j < 3 {
            j -= 1;
        }
        if let Some(day) = j.checked_sub(1).and_then(|b| day_number(&tokens[b].1)) {
            if number_after(i) {
                continue;
            }
            return Some((tokens[j - 1].0, month, day));
        }
        let k = past_fillers(&tokens, i + 1);
        if let Some(day) = tokens.get(k).and_then(|t| day_number(&t.1)) {
            if !hour(k) && !number_after(k) {
                return Some((*pos, month, day));
            }
        }
    }
    None
}

/// The first token from `k` on that is not a filler (`tokens.len()` when none is).
fn past_fillers(tokens: &[(usize, String)], k: usize) -> usize {
    k + tokens[k.min(tokens.len())..]
        .iter()
        .take_while(|(_, w)| is_filler(w))
        .count()
}

/// The date of `day` `month` in the year that puts it on or after `reference` (the day a
/// notice was published or listed), or at most a month before it: a deadline written
/// without its year (`Closing Date: 20th November`) is the next such day, and one a few days
/// past is the same year's (a board may list a notice after it closed).
pub fn year_for(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let year = reference.year();
    let this_year = NaiveDate::from_ymd_opt(year, month, day);
    match this_year {
        Some(date) if (reference - date).num_days() <= 31 => Some(date),
        _ => NaiveDate::from_ymd_opt(year + 1, month, day),
    }
}

/// The year following token `i` (fillers skipped), two-digit years allowed when `short_ok`
/// and the year comes right after, unless it is the hour of a time (`1 December 23:59`).
fn year_after(text: &str, tokens: &[(usize, String)], i: usize, short_ok: bool) -> Option<i32> {
    let k = past_fillers(tokens, i + 1);
    let (pos, word) = tokens.get(k)?;
    let is_hour = text
        .get(pos + word.len()..)
        .is_some_and(|rest| rest.starts_with([':', 'h', 'H']));
    year_number(word, short_ok && k == i + 1 && !is_hour)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }
    fn fr(s: &str) -> Option<NaiveDate> {
        parse_date(s, NumericOrder::DayFirst)
    }
    fn en(s: &str) -> Option<NaiveDate> {
        parse_date(s, NumericOrder::English)
    }

    #[test]
    fn french_words() {
        assert_eq!(fr("14 mai 2025"), d(2025, 5, 14));
        assert_eq!(fr("3 juin 2025"), d(2025, 6, 3));
        assert_eq!(fr("1er juin 2025"), d(2025, 6, 1));
        assert_eq!(fr("31 DÉCEMBRE 2024"), d(2024, 12, 31));
        assert_eq!(fr("le 2 février 2025 à minuit"), d(2025, 2, 2));
        assert_eq!(fr("27/nov./2024, 22:59:00"), d(2024, 11, 27));
    }

    #[test]
    fn english_words() {
        assert_eq!(en("6 November 2024"), d(2024, 11, 6));
        assert_eq!(en("November 6, 2024"), d(2024, 11, 6));
        assert_eq!(en("Nov 09 2024 Eastern Standard Time"), d(2024, 11, 9));
        assert_eq!(en("December 4th 2024*"), d(2024, 12, 4));
        assert_eq!(en("18 th November 2024"), d(2024, 11, 18));
        assert_eq!(en("Friday 15th of November 2024."), d(2024, 11, 15));
        assert_eq!(en("8:00pm, 1st Dec 2024 AEDT"), d(2024, 12, 1));
        assert_eq!(en("20-Nov-2024"), d(2024, 11, 20));
        assert_eq!(en("30-NOV-2024 (11:59 PM CET Time)"), d(2024, 11, 30));
        assert_eq!(en("20-Nov-24"), d(2024, 11, 20));
        assert_eq!(
            en("20 November 2024 (at midnight, Abu Dhabi Local Time)"),
            d(2024, 11, 20)
        );
    }

    #[test]
    fn spanish_words() {
        assert_eq!(fr("20 de noviembre de 2024"), d(2024, 11, 20));
        assert_eq!(
            fr("martes 12 de noviembre de 2024 - 08:00 am"),
            d(2024, 11, 12)
        );
        assert_eq!(fr("1º de marzo de 2025"), d(2025, 3, 1));
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(en("11/20/2024 (MM/DD/YYYY)"), d(2024, 11, 20));
        // The explicit hint wins over the language preference.
        assert_eq!(fr("04/05/2025 (MM/DD/YYYY)"), d(2025, 4, 5));
        assert_eq!(en("04/05/2025 (DD/MM/YYYY)"), d(2025, 5, 4));
        // Only one reading is valid.
        assert_eq!(fr("11/20/2024"), d(2024, 11, 20));
        assert_eq!(en("20/11/2024"), d(2024, 11, 20));
        assert_eq!(en("13/11/24"), d(2024, 11, 13));
        // Ambiguous: French prefers day-first, English slashes month-first.
        assert_eq!(fr("04/05/2025"), d(2025, 5, 4));
        assert_eq!(en("11/06/2024, 03:14 PM"), d(2024, 11, 6));
        assert_eq!(en("04-12-2024"), d(2024, 12, 4));
        assert_eq!(en("09.12.2024 at 23:59h"), d(2024, 12, 9));
        assert_eq!(en("(Midnight, Rome Time) 11/29/2024"), d(2024, 11, 29));
        assert_eq!(en("Apply Before 11/13/2024, 04:59 AM"), d(2024, 11, 13));
    }

    #[test]
    fn order_shown_by_the_text() {
        let undp = "Posting Date 11/06/2024, 02:44 PM\nApply Before 11/13/2024, 02:44 PM";
        let order = NumericOrder::shown_in(undp, NumericOrder::DayFirst);
        assert_eq!(order, NumericOrder::English);
        assert_eq!(parse_date("11/06/2024", order), d(2024, 11, 6));
        let fr = "Publié le 04/05/2025, clôture le 20/05/2025";
        assert_eq!(
            NumericOrder::shown_in(fr, NumericOrder::English),
            NumericOrder::DayFirst
        );
        let none = "04/05/2025 and 11/12/2025";
        assert_eq!(
            NumericOrder::shown_in(none, NumericOrder::DayFirst),
            NumericOrder::DayFirst
        );
    }

    #[test]
    fn slashed_dates_are_looked_for_in_their_lines_only() {
        let text = "Ref 2024/11 and 1/2\nno date here 12-11-2024\n/3 a/1 11/06/2024 x 5/7/99\n4/";
        let lines: Vec<&str> = lines_with_slashed_numbers(text).collect();
        assert_eq!(lines, ["Ref 2024/11 and 1/2", "/3 a/1 11/06/2024 x 5/7/99"]);
        assert_eq!(lines_with_slashed_numbers("").count(), 0);
        assert_eq!(
            lines_with_slashed_numbers("9/9").collect::<Vec<_>>(),
            ["9/9"]
        );
    }

    proptest::proptest! {
        /// The regex finds in the chosen lines every match it finds in the whole text that
        /// could be a slashed date, and no other.
        #[test]
        fn lines_hold_every_slashed_match(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "11/06/2024", "1/2/99", "31", "/", "-", ".", "a", "é", " ", "\n", "2024", "7",
                ]),
                0..24,
            )
        ) {
            let text = pieces.concat();
            let slashed = |m: regex::Match<'_>| {
                let date = m.as_str();
                (!date.bytes().any(|b| !b.is_ascii_digit() && b != b'/')).then(|| date.to_owned())
            };
            let whole: Vec<String> = NUMERIC.find_iter(&text).filter_map(slashed).collect();
            let lines: Vec<String> = lines_with_slashed_numbers(&text)
                .flat_map(|line| NUMERIC.find_iter(line))
                .filter_map(slashed)
                .collect();
            proptest::prop_assert_eq!(whole, lines);
        }
    }

    #[test]
    fn iso_forms() {
        assert_eq!(en("2024-11-20"), d(2024, 11, 20));
        assert_eq!(en("2024-11-07T12:03:28.000Z"), d(2024, 11, 7));
        assert_eq!(fr("2025/06/03"), d(2025, 6, 3));
    }

    #[test]
    fn first_date_wins() {
        assert_eq!(
            en("15 November 2024, extended from 2024-11-01"),
            d(2024, 11, 15)
        );
    }

    #[test]
    fn a_year_may_touch_a_glued_label() {
        assert_eq!(
            en("Issuance Date: 11/06/2024Closing date: 12/05/2024Closing Time: 3:00 PM"),
            d(2024, 11, 6)
        );
        assert_eq!(en("Closing date: 12/05/2024Closing Time"), d(2024, 12, 5));
        // Digits or lower case after the year still make no date.
        assert_eq!(en("12/05/20245"), None);
        assert_eq!(en("12/05/2024closing"), None);
    }

    #[test]
    fn day_and_month_without_a_year() {
        let dm = |s: &str| find_day_month(s).map(|(_, m, d)| (m, d));
        assert_eq!(dm("Wednesday 20th November at 23.59 pm UK"), Some((11, 20)));
        assert_eq!(dm("until November 27 and will be reviewed"), Some((11, 27)));
        assert_eq!(dm("Sunday 1 December 23:59 AEST"), Some((12, 1)));
        assert_eq!(dm("le 3 de décembre"), Some((12, 3)));
        assert_eq!(dm("19 de noviembre"), Some((11, 19)));
        assert_eq!(find_day_month("le 3 décembre").map(|(p, _, _)| p), Some(3));
        // A month alone, or followed by an hour, is no day.
        assert_eq!(dm("you may apply in May"), None);
        assert_eq!(dm("in December 23:59"), None);
        assert_eq!(dm("12 months"), None);
        // A year refused is still a year.
        assert_eq!(dm("Expires 01 Jan 0001"), None);
        assert_eq!(dm("November 18th 0001"), None);
    }

    #[test]
    fn the_year_of_a_day_follows_the_reference() {
        let on = d(2024, 11, 7).unwrap();
        assert_eq!(year_for(11, 20, on), d(2024, 11, 20));
        assert_eq!(year_for(1, 15, on), d(2025, 1, 15));
        // A few days past: the same year's (listed after it closed).
        assert_eq!(year_for(11, 5, on), d(2024, 11, 5));
        assert_eq!(year_for(10, 1, on), d(2025, 10, 1));
        assert_eq!(year_for(2, 30, on), None);
    }

    #[test]
    fn not_dates() {
        assert_eq!(en("When filled"), None);
        assert_eq!(fr("15 mai"), None);
        assert_eq!(en("12 months"), None);
        assert_eq!(en("31/02/2024"), None);
        assert_eq!(en("13/13/2024"), None);
        assert_eq!(en("2 days ago 2024"), None);
        assert_eq!(en(""), None);
        assert_eq!(en("1 May 1850"), None);
        // The hour of a time is no two-digit year.
        assert_eq!(en("APPLICATIONS CLOSE Sunday 1 December 23:59 AEST"), None);
        assert_eq!(fr("1 décembre 23h59"), None);
    }
}
