//! The crate's one accent folding (`posting::text::fold_letter`, used by label parsing,
//! place names and snippets) folds every Latin letter as the index's analyzers do
//! (lowercase, then tantivy's `AsciiFoldingFilter`), so that what is looked up, highlighted
//! and indexed agrees.

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer};
use vacancy_search::posting::text::{fold, fold_letter};

fn tantivy_fold(text: &str) -> String {
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = analyzer.token_stream(text);
    let mut out = String::new();
    while let Some(token) = stream.next() {
        out.push_str(&token.text);
    }
    out
}

fn ours(c: char) -> String {
    let mut out = String::new();
    fold_letter(c, &mut out);
    out
}

#[test]
fn the_letters_that_drifted_fold_as_tantivy_folds_them() {
    for (letter, folded) in [
        ('ß', "ss"),
        ('ø', "o"),
        ('Ø', "o"),
        ('ł', "l"),
        ('Ł', "l"),
        ('æ', "ae"),
        ('Æ', "ae"),
        ('œ', "oe"),
        ('Œ', "oe"),
        ('đ', "d"),
        ('ð', "d"),
        ('þ', "th"),
        ('é', "e"),
        ('Ç', "c"),
        ('ñ', "n"),
        ('ą', "a"),
    ] {
        assert_eq!(ours(letter), folded, "{letter}");
        assert_eq!(
            tantivy_fold(&letter.to_string()),
            folded,
            "tantivy: {letter}"
        );
    }
}

#[test]
fn every_latin_1_and_latin_extended_a_letter_agrees_with_tantivy() {
    let disagree: Vec<String> = ('\u{c0}'..='\u{17f}')
        .filter(|c| c.is_alphabetic())
        .filter_map(|c| {
            let (mine, theirs) = (ours(c), tantivy_fold(&c.to_string()));
            (mine != theirs).then(|| format!("{c}: {mine} vs {theirs}"))
        })
        .collect();
    assert!(disagree.is_empty(), "{disagree:?}");
}

#[test]
fn other_scripts_are_kept_whole_as_tantivy_keeps_them() {
    for word in ["Москва", "йод", "Αθήνα", "القاهرة"] {
        assert_eq!(fold(word), tantivy_fold(word), "{word}");
    }
}
