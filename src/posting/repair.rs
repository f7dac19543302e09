//! Text as job boards mangle it, mended before anything reads it.
//!
//! Two faults are common in real feeds, and both break words apart or glue junk to them:
//!
//! - **UTF-8 read as Windows-1252** (or Latin-1), once or twice: `Côte dâ€™Ivoire`,
//!   `TÃ¼rkiye`, `cÅ“ur`, bullets written `â€¢`. The tokenizer takes `â` for a letter, so
//!   `peopleâ€¯in` became one word and `people` was not found. Each such sequence is decoded
//!   back on its own, so a text that mixes mangled and sound characters is mended too.
//! - **Invisible characters inside words**: zero-width spaces (`t\u{200b}o`), soft hyphens,
//!   word joiners and byte-order marks, which split a word in two for the tokenizer.
//!
//! Only sequences whose lead is one that mangling makes (`Â`, `Ã`, `Å` before a Latin-1 or
//! Windows-1252 symbol; `â` and `ï` before two; `ð` before three) and whose bytes decode as
//! UTF-8 are replaced: a lone `â` in `tâche` or `Ã` in `SÃO` stays as written.

use std::borrow::Cow;

/// Characters removed wherever they stand: they join or split words without being seen.
const INVISIBLE: [char; 4] = ['\u{00ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// Times a text is decoded again, for text mangled twice (`Ã¢â‚¬â„¢`).
const MAX_PASSES: usize = 3;

/// `text` with mangled UTF-8 sequences decoded and invisible characters removed; borrowed
/// when there is nothing to mend (most texts).
#[must_use]
pub fn repair(text: &str) -> Cow<'_, str> {
    if !needs_repair(text) {
        return Cow::Borrowed(text);
    }
    // A text that needs repair changes at each pass: the passes are bounded, not compared.
    let mut mended = mend_once(text);
    for _ in 1..MAX_PASSES {
        if !needs_repair(&mended) {
            break;
        }
        mended = mend_once(&mended);
    }
    Cow::Owned(mended)
}

/// True when `text` holds an invisible character or a mangled sequence. Reads bytes first:
/// every lead and every invisible character starts with one of four bytes.
fn needs_repair(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = bytes[at..]
        .iter()
        .position(|&b| matches!(b, 0xC2 | 0xC3 | 0xE2 | 0xEF))
    {
        let start = at + found;
        let rest = &text[start..];
        let Some(c) = rest.chars().next() else { break };
        if INVISIBLE.contains(&c)
            || mend_sequence(rest, text[..start].chars().next_back()).is_some()
        {
            return true;
        }
        at = start + c.len_utf8();
    }
    false
}

/// One pass over `text`: each mangled sequence decoded, invisible characters dropped.
fn mend_once(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut previous: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if INVISIBLE.contains(&c) {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if let Some((mended, used)) = mend_sequence(rest, previous) {
            if let Some(mended) = mended.filter(|m| !INVISIBLE.contains(m)) {
                out.push(mended);
                previous = Some(mended);
            }
            rest = &rest[used..];
            continue;
        }
        out.push(c);
        previous = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The character that the mangled sequence at the start of `text` stands for (`None`: a
/// symbol whose last byte was lost, dropped) and the bytes of `text` it takes; `None` when
/// `text` does not start with one. `previous` is the character before it.
fn mend_sequence(text: &str, previous: Option<char>) -> Option<(Option<char>, usize)> {
    let mut chars = text.chars();
    let lead = chars.next()?;
    let wanted = lead_continuations(lead)?;
    let mut bytes = [lead as u32 as u8, 0, 0, 0];
    let mut used = lead.len_utf8();
    let mut got = 0;
    let mut after = None;
    for slot in bytes.iter_mut().skip(1).take(wanted) {
        let Some(c) = chars.next() else { break };
        match continuation_byte(c) {
            Some(b) => {
                *slot = b;
                used += c.len_utf8();
                got += 1;
            }
            None => {
                after = Some(c);
                break;
            }
        }
    }
    if got == wanted {
        let decoded = std::str::from_utf8(&bytes[..=wanted])
            .ok()?
            .chars()
            .next()?;
        // A C1 control is no better than what was written.
        return (!('\u{80}'..='\u{9f}').contains(&decoded)).then_some((Some(decoded), used));
    }
    let at_word_end = after.is_none_or(char::is_whitespace);
    match (lead, got) {
        // `à` whose second byte (a no-break space) was lost with the spacing: `Secrétariat Ã la`.
        ('Ã', 0) if at_word_end && after.is_some() && previous.is_none_or(char::is_whitespace) => {
            Some((Some('à'), used))
        }
        // A closing quote whose last byte (0x9D, undefined in Windows-1252) was dropped.
        ('â', 1) if bytes[1] == 0x80 && at_word_end => Some((Some('”'), used)),
        // Another punctuation mark or symbol (U+2000–U+2FFF) that lost its last byte.
        ('â', 1) if at_word_end => Some((None, used)),
        _ => None,
    }
}

/// Continuation bytes after `lead` when it starts a mangled sequence: the leads of Latin-1
/// letters and symbols (`Â`, `Ã`), of `œ`, `š`, `ž` (`Å`), of punctuation and symbols (`â`),
/// of the byte-order mark and specials (`ï`) and of emoji (`ð`).
fn lead_continuations(lead: char) -> Option<usize> {
    match lead {
        'Â' | 'Ã' | 'Å' => Some(1),
        'â' | 'ï' => Some(2),
        'ð' => Some(3),
        _ => None,
    }
}

/// How Windows-1252 shows the bytes 0x80–0x9F; the five it leaves undefined are read as
/// Latin-1 does, as C1 controls.
const WINDOWS_1252_80_9F: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The byte that Windows-1252 (or Latin-1) shows as `c`, when that byte continues a UTF-8
/// sequence (0x80–0xBF).
fn continuation_byte(c: char) -> Option<u8> {
    match c {
        '\u{80}'..='\u{bf}' => Some(c as u32 as u8),
        _ => WINDOWS_1252_80_9F
            .iter()
            .position(|&shown| shown == c)
            .map(|i| 0x80 + i as u8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` encoded as UTF-8 and read back as Windows-1252, as a board does.
    fn mangle(text: &str) -> String {
        text.bytes()
            .map(|b| match b {
                0x80..=0x9F => WINDOWS_1252_80_9F[usize::from(b - 0x80)],
                _ => char::from(b),
            })
            .collect()
    }

    #[test]
    fn mangled_sequences_are_decoded_where_they_stand() {
        assert_eq!(repair("Côte dâ€™Ivoire"), "Côte d’Ivoire");
        assert_eq!(repair("Côte dâ\u{80}\u{99}Ivoire"), "Côte d’Ivoire");
        assert_eq!(
            repair("Deputy Director â\u{80}\u{93} Operations"),
            "Deputy Director – Operations"
        );
        assert_eq!(
            repair("TÃ¼rkiye, NariÃ±o, SÃ£o TomÃ©"),
            "Türkiye, Nariño, São Tomé"
        );
        assert_eq!(repair("le cÅ“ur du mÃ©tier"), "le cœur du métier");
        assert_eq!(repair("necessary.â€¢ Manages"), "necessary.• Manages");
        assert_eq!(repair("salary â‚¦10,000,000"), "salary ₦10,000,000");
        assert_eq!(repair("You will beâ€¦"), "You will be…");
        assert_eq!(repair("ï»¿Title"), "Title");
        assert_eq!(repair("Merci ðŸ‘‰ postulez"), "Merci 👉 postulez");
    }

    #[test]
    fn every_mangled_character_comes_back() {
        let text = "Genève, Bogotá, São Tomé, cœur, “quotes” – dash… 30 °C, ₦, €5, 👉";
        assert_eq!(repair(&mangle(text)), text);
    }

    #[test]
    fn words_glued_to_mangled_spaces_come_apart() {
        // A narrow no-break space mangled: the tokenizer read `peopleâ` as one word.
        assert_eq!(
            repair("our peopleâ€¯in the field"),
            "our people\u{202f}in the field"
        );
    }

    #[test]
    fn sequences_missing_a_byte() {
        assert_eq!(
            repair("Secrétariat Ã la coordination"),
            "Secrétariat à la coordination"
        );
        assert_eq!(repair("the â€ end"), "the ” end");
        assert_eq!(repair("â— Responsable"), " Responsable");
    }

    #[test]
    fn sound_text_is_kept_as_written() {
        for text in [
            "tâches, château, âge, naïve, Ðakovo",
            "SÃO PAULO, NÃO, MAÇÃ",
            "Genève – “Côte d’Ivoire” … 30 °C",
            "Â",
            "Ã",
            "à la",
            "ÉTÉ… «CAFÉ»",
        ] {
            assert!(matches!(repair(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(repair("t\u{200b}o\u{200b} \u{200b}private"), "to private");
        assert_eq!(
            repair("Intern\u{200b}, Port of Spain"),
            "Intern, Port of Spain"
        );
        assert_eq!(repair("be \u{ad}\u{ad}PKR 477"), "be PKR 477");
        assert_eq!(repair("beâ€‹â€‹ end"), "be end");
        assert_eq!(repair("\u{feff}word\u{2060}s"), "words");
    }

    #[test]
    fn text_mangled_twice_is_mended_twice() {
        let once = mangle("Côte d’Ivoire");
        let twice = mangle(&once);
        assert_eq!(repair(&twice), "Côte d’Ivoire");
    }
}
