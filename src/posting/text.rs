//! Small text helpers shared by the parsers: accent folding and label normalisation.

/// Folds a character to its unaccented lowercase ASCII form when it is a Latin letter with a
/// diacritic (`é` → `e`, `Ç` → `c`); other characters are lowercased.
///
/// Appends to `out`, since some characters fold to two letters (`œ` → `oe`).
pub fn fold_char(c: char, out: &mut String) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        '’' | '‘' | '`' | '´' => '\'',
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push(folded);
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
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut pending_space = false;
    for c in folded.chars() {
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
    fn folds_accents_and_case() {
        assert_eq!(fold("Départment Œuvre ÉTÉ"), "department oeuvre ete");
        assert_eq!(fold("Lieu d’affectation"), "lieu d'affectation");
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
    fn squashes() {
        assert_eq!(squash_spaces("  a \t b  "), "a b");
    }
}
