//! Small text helpers shared by the parsers: accent folding and label normalisation.

/// Folds a letter as the index's analyzers do (lowercase, then tantivy's
/// `AsciiFoldingFilter`): accents dropped (`é` → `e`, `Ç` → `c`, `ą` → `a`), ligatures and
/// letters without a decomposition spelt out (`œ` → `oe`, `æ` → `ae`, `ß` → `ss`, `ø` → `o`,
/// `ł` → `l`, `đ` → `d`, `þ` → `th`). Other characters are lowercased.
///
/// The one accent folding of the crate: labels, place names and snippets all fold with it.
/// Appends to `out`, since some characters fold to two letters.
pub fn fold_letter(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(folded) = LATIN.get(c as usize - 0x80) {
        if let Some(folded) = folded.as_str() {
            out.push_str(folded);
            return;
        }
    }
    fold_by_unicode(c, out);
}

/// Letters from U+0080 up to this one (Latin-1 and the Latin extensions: every accented
/// letter of French, Spanish, Portuguese and the other Latin alphabets) are folded from a
/// table.
const LATIN_END: u32 = 0x250;

/// What [`fold_by_unicode`] gives each letter from U+0080 to [`LATIN_END`], worked out once.
/// Notices in French and Spanish hold an accented letter every few words: looked up, it
/// costs a load instead of a lower-casing and a canonical decomposition (a third of a
/// French snippet's time).
static LATIN: std::sync::LazyLock<Vec<Folded>> = std::sync::LazyLock::new(|| {
    (0x80..LATIN_END)
        .map(|code| {
            let mut out = String::new();
            if let Some(c) = char::from_u32(code) {
                fold_by_unicode(c, &mut out);
            }
            Folded::new(&out)
        })
        .collect()
});

/// A letter's folded form, kept inline (up to 4 bytes; `None` for a longer one, folded
/// again when met).
#[derive(Clone, Copy)]
struct Folded {
    bytes: [u8; 4],
    len: u8,
}

impl Folded {
    fn new(text: &str) -> Folded {
        let mut bytes = [0; 4];
        match bytes.get_mut(..text.len()) {
            Some(head) if !text.is_empty() => {
                head.copy_from_slice(text.as_bytes());
                Folded {
                    bytes,
                    len: text.len() as u8,
                }
            }
            _ => Folded { bytes, len: 0 },
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self.len {
            0 => None,
            len => std::str::from_utf8(&self.bytes[..usize::from(len)]).ok(),
        }
    }
}

/// [`fold_letter`] of a character that is not ASCII, worked out from Unicode's tables.
fn fold_by_unicode(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        let spelt = match lower {
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'ø' => "o",
            'ł' => "l",
            'đ' | 'ð' => "d",
            'þ' => "th",
            'ı' => "i",
            'ħ' => "h",
            'ŧ' => "t",
            'ŋ' => "n",
            'ĸ' => "q",
            'ſ' => "s",
            'ŀ' => "l",
            'ŉ' => "n",
            'ĳ' => "ij",
            _ => "",
        };
        if !spelt.is_empty() {
            out.push_str(spelt);
            continue;
        }
        // A Latin letter with marks becomes its ASCII base; letters of other scripts are kept
        // whole (`й` stays `й`), as tantivy keeps them.
        let mut base = None;
        unicode_normalization::char::decompose_canonical(lower, |part| {
            base.get_or_insert(part);
        });
        match base {
            Some(base) if base.is_ascii() => out.push(base),
            _ => out.push(lower),
        }
    }
}

/// [`fold_letter`], with typographic apostrophes as `'` (`’` → `'`): the folding of the
/// parsers, whose labels keep their apostrophes (`Lieu d’affectation`).
pub fn fold_char(c: char, out: &mut String) {
    match c {
        '’' | '‘' | '`' | '´' => out.push('\''),
        _ => fold_letter(c, out),
    }
}

/// Longest placeholder, in bytes, once trimmed (`not applicable`, `non applicable`).
const MAX_PLACEHOLDER_BYTES: usize = 16;

/// Whether a label's value only says there is none (`N/A`, `None`, `TBD`, `-`, `Sans objet`,
/// `No aplica`), in any case and accents: FAO's `Post Number : N/A` gives no vacancy number.
/// Longer values are told apart without folding them.
pub fn is_placeholder(value: &str) -> bool {
    let t = value.trim_matches(|c: char| !c.is_alphanumeric());
    if t.len() > MAX_PLACEHOLDER_BYTES {
        return false;
    }
    matches!(
        fold(t).as_str(),
        "" | "n/a"
            | "na"
            | "n a"
            | "none"
            | "not applicable"
            | "non applicable"
            | "tbd"
            | "tbc"
            | "nil"
            | "sans objet"
            | "no aplica"
    )
}

/// Number words from one to ten in English, French and Spanish (folded), as notices write the
/// number of posts to fill.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "un", "une",
    "deux", "trois", "quatre", "cinq", "sept", "huit", "neuf", "dix", "uno", "una", "dos", "tres",
    "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
];

/// Whether a value is a number of posts written out (`One`, `Two (2)`, `1 (un)`, `Uno`), which
/// some notices give under a label for the vacancy number (WFP's `Vacancy Number: One`): it
/// counts, it names nothing. A number in figures alone (`12`) may be a short reference and is
/// not taken for one.
pub fn is_number_of_posts(value: &str) -> bool {
    let folded = fold(value);
    let mut spelled = false;
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if NUMBER_WORDS.contains(&word) {
            spelled = true;
        } else if word.len() > 2 || !word.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    spelled
}

/// Lowercases and removes accents (`Départment` → `department`).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Normalises a label for table look-up: folded, every run of non-alphanumeric characters
/// becomes one space, trimmed (`Date de clôture (minuit)` → `date de cloture minuit`,
/// `Publication/Transmission Date` → `publication transmission date`).
pub fn normalize_label(s: &str) -> String {
    if s.is_ascii() {
        // Folding ASCII is lower-casing, without a second string.
        collapse_label(
            s.bytes().map(|b| char::from(b.to_ascii_lowercase())),
            s.len(),
        )
    } else {
        let folded = fold(s);
        collapse_label(folded.chars(), folded.len())
    }
}

/// Every run of non-alphanumeric characters of `folded` made one space, trimmed.
fn collapse_label(folded: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in folded {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// True when the line has no letter or digit at all (`;,`, `-`, `***`), blank lines included.
pub fn is_punctuation_only(line: &str) -> bool {
    !line.chars().any(char::is_alphanumeric)
}

/// Longest HTML entity (`&thetasym;`, `&#x1F600;`) looked for, `&` and `;` included.
const MAX_ENTITY_BYTES: usize = 10;

/// Decodes HTML entities (`&iacute;` → `í`, `&amp;` → `&`, `&#233;` → `é`, `&#xE9;` → `é`).
/// A `&` that does not start a known entity (`AT&T`, `&foo;`) is kept as written.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let entity = tail
            .char_indices()
            .take(MAX_ENTITY_BYTES)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| &tail[..=i])
            .filter(|e| {
                e[1..e.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '#')
            });
        match entity.and_then(|e| htmlescape::decode_html(e).ok().map(|d| (e.len(), d))) {
            Some((len, decoded)) => {
                out.push_str(&decoded);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// `lines` joined with `\n`: trailing spaces trimmed, each run of blank lines kept as one
/// blank line, none at either end; lines that `skip` accepts are left out without ending a
/// run.
pub fn join_lines<'a>(
    lines: impl IntoIterator<Item = &'a str>,
    skip: impl Fn(&str) -> bool,
) -> String {
    let mut out = String::new();
    let mut blank_pending = false;
    for line in lines {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_pending = true;
            continue;
        }
        if skip(line) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_pending {
                out.push('\n');
            }
        }
        blank_pending = false;
        out.push_str(line);
    }
    out
}

/// Byte spans of the words of `text`: runs of letters and digits, also split where a capital
/// follows a lowercase letter or a digit, as in texts whose line breaks were lost
/// (`On-siteClosing date`, `20 November 2024Target Start Date`).
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev = ' ';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            let glued = c.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit());
            match start {
                Some(s) if glued => {
                    out.push((s, i));
                    start = Some(i);
                }
                Some(_) => {}
                None => start = Some(i),
            }
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
        prev = c;
    }
    out
}

/// Collapses inner whitespace runs to single spaces and trims.
pub fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_posts_are_told_from_references() {
        for count in [
            "One", "one (1)", "Two (2)", "1 (un)", "Une", "Dos", "DIEZ", " Tres. ",
        ] {
            assert!(is_number_of_posts(count), "{count}");
        }
        for reference in [
            "12",
            "",
            "VA-2024-001",
            "One UN Fund",
            "Deux-Sèvres 4",
            "HRAdministratorGeneralist",
            "Strubens Valley - Cashier",
            "ONE/2024/17",
        ] {
            assert!(!is_number_of_posts(reference), "{reference}");
        }
    }

    #[test]
    fn placeholders_say_there_is_none() {
        for v in [
            "n/a",
            "none",
            "tbd",
            "-",
            "",
            "sans objet",
            "no aplica",
            "(n/a)",
        ] {
            assert!(is_placeholder(v), "{v}");
        }
        for v in ["na-12", "national", "p3", "one"] {
            assert!(!is_placeholder(v), "{v}");
        }
    }

    /// What [`normalize_label`] does to any text, written the long way.
    fn normalize_by_folding(s: &str) -> String {
        let folded = fold(s);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words.join(" ")
    }

    proptest::proptest! {
        #[test]
        fn ascii_labels_normalize_as_folded_ones(s in "[ -~\t]{0,40}") {
            proptest::prop_assert_eq!(normalize_label(&s), normalize_by_folding(&s));
        }
    }

    #[test]
    fn labels_normalize_alike_in_and_outside_ascii() {
        for (text, expected) in [
            ("Date de clôture (minuit)", "date de cloture minuit"),
            (
                "Publication/Transmission Date",
                "publication transmission date",
            ),
            ("  --Closing DATE:: ", "closing date"),
            ("Fecha límite", "fecha limite"),
            ("", ""),
        ] {
            assert_eq!(normalize_label(text), expected, "{text}");
            assert_eq!(normalize_by_folding(text), expected, "{text}");
        }
    }

    #[test]
    fn the_table_of_latin_letters_folds_as_unicode_does() {
        let mut looked_up = 0;
        for code in 0x80..0x3000 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_letter(c, &mut fast);
            fold_by_unicode(c, &mut slow);
            assert_eq!(fast, slow, "U+{code:04X}");
            looked_up += usize::from(code < LATIN_END);
        }
        assert_eq!(looked_up, (LATIN_END - 0x80) as usize);
        // A letter folding to several (`İ` lower-cases to `i` and a combining dot).
        let mut out = String::new();
        fold_letter('İ', &mut out);
        assert_eq!(out, "i\u{307}");
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Départment Œuvre ÉTÉ"), "department oeuvre ete");
        assert_eq!(fold("Lieu d’affectation"), "lieu d'affectation");
        assert_eq!(
            fold("Straße Øresund Łódź Ĳssel"),
            "strasse oresund lodz ijssel"
        );
    }

    #[test]
    fn normalizes_labels() {
        assert_eq!(
            normalize_label("Date de clôture (minuit, heure de Genève)"),
            "date de cloture minuit heure de geneve"
        );
        assert_eq!(
            normalize_label("Publication/Transmission Date"),
            "publication transmission date"
        );
        assert_eq!(normalize_label("  No. du poste "), "no du poste");
    }

    #[test]
    fn punctuation_lines() {
        assert!(is_punctuation_only(";,"));
        assert!(is_punctuation_only("  "));
        assert!(!is_punctuation_only("- a"));
    }

    #[test]
    fn html_entities() {
        assert_eq!(
            decode_entities("Pol&iacute;tica &amp; Caf&#233; &#xE9;"),
            "Política & Café é"
        );
        assert_eq!(decode_entities("AT&T &foo; & done&"), "AT&T &foo; & done&");
        assert_eq!(decode_entities("&amp;amp;"), "&amp;");
        assert!(matches!(
            decode_entities("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn words_split_where_line_breaks_were_lost() {
        let t = "On-siteClosing date: 20 November 2024Target 15th";
        let words: Vec<&str> = word_spans(t).into_iter().map(|(s, e)| &t[s..e]).collect();
        assert_eq!(
            words,
            ["On", "site", "Closing", "date", "20", "November", "2024", "Target", "15th"]
        );
    }

    #[test]
    fn squashes() {
        assert_eq!(squash_spaces("  a \t b  "), "a b");
    }
}
