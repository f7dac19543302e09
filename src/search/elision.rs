//! French elisions typed without their apostrophe: `cote d ivoire`, `côte-d-ivoire`.
//!
//! Every analyzer drops the elided article of `d'Ivoire` (see
//! [`crate::analysis`]), so a notice holds `côte` then `ivoire`, side by side. Typed without
//! the apostrophe, the article is a word of its own: French drops it as a stop word, but in a
//! phrase or a hyphenated name its place stays, and the other languages keep it as a word no
//! notice holds there. A lone `d` or `l` between two words is given its apostrophe back when
//! the next word could follow an elision (it begins with a vowel or `h`) and is no short
//! function word (four letters or more: `Ivoire`, `Azur`, `Aquila`, `État`; not `d and d`,
//! `l eau`). Only where the article's place matters: inside a hyphenated name, and between
//! spaces inside a quoted phrase. Between plain words (`Cote d Ivoire`), French drops the
//! article as a function word of the query, and an English `Grade D officer` keeps its `D`.

/// Letters after which a French article is elided.
fn elides_before(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'h'
            | 'à'
            | 'â'
            | 'ä'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'î'
            | 'ï'
            | 'ô'
            | 'ö'
            | 'ù'
            | 'û'
            | 'ü'
    )
}

/// Shortest word after a restored elision.
const MIN_NEXT_LETTERS: usize = 4;

/// `text` with the apostrophe of each elision typed without it put back (see the
/// [module](self)), or `None` when there is none. Articles set apart by spaces count only
/// `in_phrase`; those set apart by hyphens always.
#[must_use]
pub fn restore(text: &str, in_phrase: bool) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Option<Vec<char>> = None;
    for i in 0..chars.len() {
        let article = matches!(chars[i], 'd' | 'D' | 'l' | 'L');
        let apart = |c: Option<&char>| match c {
            Some('-') => true,
            Some(' ') => in_phrase,
            _ => false,
        };
        let starts_word = i == 0 || apart(chars.get(i - 1));
        let separated = apart(chars.get(i + 1));
        if !(article && starts_word && separated) {
            continue;
        }
        let next: Vec<char> = chars[i + 2..]
            .iter()
            .copied()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if next.len() >= MIN_NEXT_LETTERS && next.first().is_some_and(|&c| elides_before(c)) {
            out.get_or_insert_with(|| chars.clone())[i + 1] = '\'';
        }
    }
    out.map(|chars| chars.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apostrophe_of_an_elision_comes_back() {
        for (typed, restored) in [
            ("cote d ivoire", "cote d'ivoire"),
            ("côte-d-ivoire", "côte-d'ivoire"),
            ("Cote D Ivoire", "Cote D'Ivoire"),
            ("Conseil d État", "Conseil d'État"),
            ("l Aquila earthquake", "l'Aquila earthquake"),
            ("d urgence", "d'urgence"),
            ("gestion d hôpitaux", "gestion d'hôpitaux"),
        ] {
            assert_eq!(restore(typed, true).as_deref(), Some(restored), "{typed}");
        }
        assert_eq!(
            restore("côte-d-ivoire", false).as_deref(),
            Some("côte-d'ivoire")
        );
    }

    #[test]
    fn other_lone_letters_stay() {
        for typed in [
            "vitamin d",
            "d and d",
            "l eau",
            "plan d b",
            "côte d'ivoire",
            "ld ivoire",
            "and ivoire",
            "",
        ] {
            assert_eq!(restore(typed, true), None, "{typed}");
        }
        // Plain words keep their letters: French drops the article as a function word.
        assert_eq!(restore("grade d officer", false), None);
        assert_eq!(restore("cote d ivoire", false), None);
    }
}
