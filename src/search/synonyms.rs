//! The field's acronyms and synonyms (`data/synonyms.tsv`), applied at query time.
//!
//! A concept (`gbv`) has forms in several languages (`GBV`, `gender-based violence`, `VBG`,
//! `violencia de género`...). A query holding one form as consecutive words also accepts
//! every other form, so `GBV` finds postings that only spell it out and the reverse. The
//! table is compiled in; the index does not depend on it. See docs/search.md.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::analysis::fold;
use crate::{Error, Result};

/// The curated table, as shipped.
const TABLE: &str = include_str!("../../data/synonyms.tsv");

/// Most words in one form.
pub const MAX_FORM_WORDS: usize = 12;

/// One form of a concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The form as written in the table.
    pub text: String,
    /// Its words, lower-cased and accent-folded.
    pub words: Vec<String>,
    /// Only recognised when typed in capitals (acronyms of one or two letters, e.g. `IM`).
    pub case_sensitive: bool,
}

/// Concepts and the forms that name them.
#[derive(Debug, Default)]
pub struct Synonyms {
    /// Every concept's forms, by concept index.
    concepts: Vec<Vec<Form>>,
    /// Folded words of a form → the concepts it names.
    by_words: HashMap<Vec<String>, Vec<usize>>,
    /// A form's first folded word → the most words of a form beginning with it: a run of
    /// query words is looked up only when its first word begins some form, and only as far
    /// as the longest of those reaches.
    longest_from: HashMap<String, usize>,
}

/// A run of query words that names one or more concepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index of the first query word of the run.
    pub start: usize,
    /// Number of query words in the run.
    pub len: usize,
    /// Every form of every concept named, other than the words typed.
    pub alternatives: Vec<String>,
}

impl Synonyms {
    /// The shipped table.
    ///
    /// # Panics
    /// If `data/synonyms.tsv` is malformed (a unit test parses it).
    #[must_use]
    pub fn shipped() -> &'static Synonyms {
        static SHIPPED: OnceLock<Synonyms> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            Synonyms::parse(TABLE, "data/synonyms.tsv").expect("data/synonyms.tsv is valid")
        })
    }

    /// Parses a table in the format of `data/synonyms.tsv`; `name` is used in errors.
    pub fn parse(text: &str, name: &str) -> Result<Synonyms> {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut synonyms = Synonyms::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: &str| Error::QueryFile {
                file: name.to_owned(),
                line: Some(n + 1),
                message: message.to_owned(),
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let [concept, lang, forms, source] = cols[..] else {
                return Err(bad("expected concept<TAB>lang<TAB>forms<TAB>source"));
            };
            if crate::analysis::Lang::from_query_code(lang).is_none() {
                return Err(bad(&format!("language `{lang}` is not en, fr or es")));
            }
            if source.trim().is_empty() {
                return Err(bad("every line names its source"));
            }
            let next = synonyms.concepts.len();
            let id = *ids.entry(concept.to_owned()).or_insert(next);
            if id == next {
                synonyms.concepts.push(Vec::new());
            }
            for text in forms.split(" | ").map(str::trim) {
                let words: Vec<String> = fold(text).split(' ').map(str::to_owned).collect();
                if text.is_empty() || words.iter().all(String::is_empty) {
                    return Err(bad("an empty form"));
                }
                if words.len() > MAX_FORM_WORDS {
                    return Err(bad(&format!("a form has more than {MAX_FORM_WORDS} words")));
                }
                let letters = text.chars().filter(|c| c.is_alphabetic()).count();
                let case_sensitive = letters <= 2 && !text.chars().any(char::is_lowercase);
                let longest = synonyms.longest_from.entry(words[0].clone()).or_default();
                *longest = (*longest).max(words.len());
                let concepts = synonyms.by_words.entry(words.clone()).or_default();
                if !concepts.contains(&id) {
                    concepts.push(id);
                }
                synonyms.concepts[id].push(Form {
                    text: text.to_owned(),
                    words,
                    case_sensitive,
                });
            }
        }
        Ok(synonyms)
    }

    /// Number of concepts.
    #[must_use]
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    /// Whether the table is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// Whether `word` (as typed) is a form of some concept.
    #[must_use]
    pub fn is_form(&self, word: &str) -> bool {
        !self.find(&[word.to_owned()]).is_empty()
    }

    /// The runs of `words` (query words as typed, in order) that name concepts, longest
    /// first and not overlapping.
    #[must_use]
    pub fn find(&self, words: &[String]) -> Vec<Found> {
        // Words are compared one by one after folding; a typed word may fold to several
        // (`gender-based`), so runs are looked up on the flattened sequence, folded once:
        // typed word `i` begins at `begins[i]` in it.
        let mut flat: Vec<String> = Vec::new();
        let mut begins = Vec::with_capacity(words.len() + 1);
        for word in words {
            begins.push(flat.len());
            flat.extend(fold(word).split(' ').map(str::to_owned));
        }
        begins.push(flat.len());
        let mut found = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let Some(&reach) = self.longest_from.get(&flat[begins[start]]) else {
                start += 1;
                continue;
            };
            let longest = (1..=MAX_FORM_WORDS.min(words.len() - start))
                .rev()
                .map(|len| (len, &flat[begins[start]..begins[start + len]]))
                .filter(|(_, run)| run.len() <= reach)
                .find_map(|(len, run)| {
                    self.matching(&words[start..start + len], run)
                        .map(|alts| (len, alts))
                });
            match longest {
                Some((len, alternatives)) => {
                    found.push(Found {
                        start,
                        len,
                        alternatives,
                    });
                    start += len;
                }
                None => start += 1,
            }
        }
        found
    }

    /// The other forms of the concepts that `typed` (folded and flattened: `flat`) names, if
    /// any.
    fn matching(&self, typed: &[String], flat: &[String]) -> Option<Vec<String>> {
        let concepts = self.by_words.get(flat)?;
        let typed_text = typed.join(" ");
        let mut alternatives = Vec::new();
        let mut named = false;
        for id in concepts {
            let forms = &self.concepts[*id];
            let typed_form = forms.iter().find(|f| f.words == flat)?;
            if typed_form.case_sensitive && typed_text != typed_form.text {
                continue;
            }
            named = true;
            for form in forms {
                if form.words != flat && !alternatives.contains(&form.text) {
                    alternatives.push(form.text.clone());
                }
            }
        }
        named.then_some(alternatives)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn the_shipped_table_parses_and_every_concept_has_an_acronym_or_three_languages() {
        let table = Synonyms::parse(TABLE, "data/synonyms.tsv").unwrap();
        assert!(table.len() >= 10);
    }

    #[test]
    fn every_form_is_found_between_other_words() {
        let table = Synonyms::shipped();
        for form in table.concepts.iter().flatten() {
            let mut typed = vec!["zzqx".to_owned()];
            typed.extend(words(&form.text));
            let len = typed.len() - 1;
            typed.push("qqzx".to_owned());
            let found = table.find(&typed);
            assert!(
                found.iter().any(|f| f.start == 1 && f.len == len),
                "{:?}: {found:?}",
                form.text
            );
        }
    }

    #[test]
    fn acronyms_find_expansions_in_every_language_and_the_reverse() {
        let table = Synonyms::shipped();
        let gbv = &table.find(&words("gbv"))[0].alternatives;
        assert!(gbv.contains(&"gender-based violence".to_owned()), "{gbv:?}");
        assert!(gbv.contains(&"VBG".to_owned()));
        assert!(gbv.contains(&"violencia de género".to_owned()));
        let back = &table.find(&words("Violencia de Genero"))[0];
        assert_eq!((back.start, back.len), (0, 3));
        assert!(back.alternatives.contains(&"GBV".to_owned()));
        let fr = &table.find(&words("transferts monetaires"))[0].alternatives;
        assert!(fr.contains(&"CVA".to_owned()), "{fr:?}");
    }

    #[test]
    fn it_and_hr_typed_in_capitals_name_their_fields_in_every_language() {
        let table = Synonyms::shipped();
        let it = &table.find(&words("IT officer"))[0];
        assert_eq!((it.start, it.len), (0, 1));
        for form in [
            "information technology",
            "informatique",
            "informática",
            "ICT",
        ] {
            assert!(it.alternatives.contains(&form.to_owned()), "{form}: {it:?}");
        }
        assert!(table.find(&words("it officer")).is_empty());
        let hr = &table.find(&words("ressources humaines"))[0].alternatives;
        for form in ["human resources", "HR", "recursos humanos", "RRHH"] {
            assert!(hr.contains(&form.to_owned()), "{form}: {hr:?}");
        }
        assert!(table.find(&words("hr officer")).is_empty());
    }

    #[test]
    fn duty_stations_are_named_in_every_language() {
        let table = Synonyms::shipped();
        let geneva = &table.find(&words("Ginebra"))[0].alternatives;
        assert!(geneva.contains(&"Geneva".to_owned()), "{geneva:?}");
        assert!(geneva.contains(&"Genève".to_owned()), "{geneva:?}");
        let found = table.find(&words("nutrition officer la haye"));
        assert_eq!((found[0].start, found[0].len), (2, 2));
        assert!(found[0].alternatives.contains(&"The Hague".to_owned()));
        // Names that are also a word or another place are not forms.
        for word in ["Mexico", "Panama", "Roma", "Vienne"] {
            assert!(!table.is_form(word), "{word}");
        }
    }

    #[test]
    fn runs_are_found_inside_longer_queries() {
        let table = Synonyms::shipped();
        let found = table.find(&words("senior gender-based violence officer"));
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].len), (1, 2));
    }

    #[test]
    fn short_acronyms_need_capitals() {
        let table = Synonyms::shipped();
        assert_eq!(table.find(&words("IM officer")).len(), 1);
        assert!(table.find(&words("im officer")).is_empty());
        assert!(table.is_form("MHPSS"));
        assert!(!table.is_form("officer"));
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let err = Synonyms::parse("# c\nx\ten\tX | y\n", "t.tsv").unwrap_err();
        assert!(err.to_string().contains("t.tsv:2"), "{err}");
        let err = Synonyms::parse("x\tde\tX\tsrc\n", "t.tsv").unwrap_err();
        assert!(err.to_string().contains("`de`"), "{err}");
    }
}
