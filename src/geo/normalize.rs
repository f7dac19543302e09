//! Name normalisation shared by the tables and the queries.
//!
//! The rule is the same as `normalize()` in `scripts/gen_gazetteer.py`, which pre-normalises
//! every alias in `data/geo/`: lowercase, canonical decomposition with combining marks dropped,
//! a few letters folded by hand (`ß` → `ss`, `ø` → `o`…; [`fold_letter`], the crate's one
//! accent folding), apostrophes dropped, and every other
//! run of non-alphanumeric characters turned into one space.

use crate::posting::text::fold_letter;

/// Folds a name to its lookup key: `"Addis-Abeba"` → `"addis abeba"`, `"N'Djamena"` → `"ndjamena"`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut folded = String::with_capacity(4);
    for ch in text.chars() {
        if matches!(ch, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{b4}') {
            continue;
        }
        folded.clear();
        fold_letter(ch, &mut folded);
        for piece in folded.chars() {
            if piece.is_ascii_alphanumeric() {
                let mut buf = [0u8; 4];
                push_word(&mut out, piece.encode_utf8(&mut buf), &mut pending_space);
            } else {
                pending_space = true;
            }
        }
    }
    out
}

fn push_word(out: &mut String, piece: &str, pending_space: &mut bool) {
    if *pending_space && !out.is_empty() {
        out.push(' ');
    }
    *pending_space = false;
    out.push_str(piece);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(normalize("Addis-Abeba"), "addis abeba");
        assert_eq!(normalize("  Genève "), "geneve");
        assert_eq!(normalize("Adís Abeba"), "adis abeba");
        assert_eq!(normalize("Washington, D.C."), "washington d c");
        assert_eq!(normalize("N'Djamena"), "ndjamena");
        assert_eq!(normalize("Sana’a"), "sanaa");
        assert_eq!(normalize("Łódź"), "lodz");
        assert_eq!(normalize("Straße"), "strasse");
        assert_eq!(normalize("--"), "");
    }
}
