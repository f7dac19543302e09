//! ESCO skills and occupations: the compiled-in tables, and tagging postings with the skills
//! their text names (in their own language) and the occupation their title names.
//!
//! Matching runs on analysed text (see [`matcher`]); which matches count as skills of a
//! posting is decided in [`mod@tagger`] (boilerplate, languages, one-word labels). Tables and
//! automata are built once per process, on first use.

mod cues;
pub mod matcher;
mod suggest;
mod table;
pub mod tagger;
mod trie;

use std::sync::OnceLock;

pub use suggest::{fold, Suggestion};
pub use table::{
    lang_column, Catalog, Concept, IscoGroup, Occupation, Reuse, Skill, SkillKind, LABEL_LANGS,
};
pub use tagger::{Tagger, Tags};

use crate::analysis::pairs::PairSet;
use crate::analysis::pre_analysed::PreAnalysed;
use crate::analysis::Lang;
use crate::Posting;

/// The ESCO tables, parsed on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::load)
}

static TAGGERS: [OnceLock<Tagger>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

/// The tagger of `lang`, built on first use; `None` for languages without ESCO labels.
pub fn tagger(lang: Lang) -> Option<&'static Tagger> {
    if !LABEL_LANGS.contains(&lang) {
        return None;
    }
    let slot = &TAGGERS[lang_column(lang)];
    Some(slot.get_or_init(|| Tagger::build(catalog(), lang)))
}

/// The word pairs the index keeps for `lang` (see [`crate::analysis::pairs`]): those of its
/// skill and occupation labels; `None` for languages without ESCO labels. Builds the
/// language's tagger on first use.
pub fn phrase_pairs(lang: Lang) -> Option<&'static PairSet> {
    tagger(lang).map(Tagger::pairs)
}

/// What the word pairs of [`phrase_pairs`] are made from, as a string an index records: a
/// hash of the skill and occupation tables and [`PAIRS_VERSION`] (the analyzers are
/// [`crate::schema::SCHEMA_VERSION`]'s). A phrase read from pairs that were not kept would
/// find nothing, so an index of other pairs is not opened. Cheap: the taggers are not built.
pub fn phrase_pairs_fingerprint() -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| format!("{PAIRS_VERSION}:{}", table::labels_hash()))
}

/// Bumped whenever the choice of the pairs kept changes (not the tables: they are hashed).
pub const PAIRS_VERSION: u32 = 3;

/// Builds every language's tagger now, one thread per language (those of [`warm_up`]), and
/// waits for them: what the first search of a process would wait for. A tagger whose thread
/// could not start is built on this one.
pub fn build_taggers() {
    warm_up();
    for lang in LABEL_LANGS {
        let _ = tagger(lang);
    }
}

/// Builds every language's tagger in the background, one thread per language, once per
/// process (a second call does nothing). Called when an engine opens, so that the first
/// searches, which need the taggers to recognise skills in queries, find them built or wait
/// less for them. The languages' matchers are independent (the ESCO tables they read are
/// loaded once, by whichever thread comes first), so on two cores the last tagger is ready
/// in about half the time of building them one after another.
pub fn warm_up() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        for lang in LABEL_LANGS {
            // If a thread cannot be spawned, that tagger is built on first use instead.
            let spawned = std::thread::Builder::new()
                .name("esco-warm-up".into())
                .spawn(move || {
                    let _ = tagger(lang);
                });
            if spawned.is_err() {
                WARM_UP_FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
    });
}

/// Set when [`warm_up`] could not start its thread.
static WARM_UP_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether a search would find every tagger built rather than wait for one: they are, or
/// no warm-up could start (each is then built by the first search that needs it, and there
/// is nothing to wait for).
#[must_use]
pub fn taggers_ready() -> bool {
    WARM_UP_FAILED.load(std::sync::atomic::Ordering::Relaxed)
        || LABEL_LANGS
            .iter()
            .all(|&lang| TAGGERS[lang_column(lang)].get().is_some())
}

/// The tags of `posting`, in its own language (none for other languages).
#[must_use]
pub fn tags(posting: &Posting) -> Tags {
    match tagger(Lang::for_code(&posting.language)) {
        Some(tagger) => tagger.tag(
            catalog(),
            posting.title.as_deref().unwrap_or(""),
            &posting.body,
        ),
        None => Tags::default(),
    }
}

/// Sets `posting`'s `skills` and `occupation` from its text.
pub fn tag(posting: &mut Posting) {
    let tags = tags(posting);
    set_tags(posting, tags);
}

/// [`tag`], returning besides the terms the index's analyzer makes of the title and the
/// body, read while tagging (`None` for a language without a tagger; see
/// [`crate::analysis::pre_analysed`]).
pub fn tag_for_index(posting: &mut Posting) -> Option<PreAnalysed> {
    let tagger = tagger(Lang::for_code(&posting.language))?;
    let (tags, pre) = tagger.tag_writing(
        catalog(),
        posting.title.as_deref().unwrap_or(""),
        &posting.body,
    );
    set_tags(posting, tags);
    Some(pre)
}

fn set_tags(posting: &mut Posting, tags: Tags) {
    posting.skills = tags.skills.into_iter().map(str::to_owned).collect();
    posting.occupation = tags.occupation.map(str::to_owned);
}

/// Up to `limit` skills whose label in `lang` starts with `prefix` or has a word that does,
/// among those `count` (postings per skill id) gives postings for, the most held ranked
/// higher; see `suggest::suggest`.
#[must_use]
pub fn suggest(
    prefix: &str,
    lang: Lang,
    limit: usize,
    count: impl Fn(&str) -> u64,
) -> Vec<Suggestion> {
    suggest::suggest(catalog(), prefix, lang, limit, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TextAnalyzer;

    /// (term, position) of every token the index's analyzer of `lang` makes of `text`.
    fn indexed(lang: Lang, text: &str) -> Vec<(String, usize)> {
        let mut analyzer: TextAnalyzer = lang.index_analyzer();
        crate::analysis::tokens(&mut analyzer, text)
    }

    #[test]
    fn the_pairs_kept_are_the_neighbouring_terms_of_the_labels() {
        // `project management` (ESCO knowledge 7111b95d) in each language with labels.
        let skill = catalog()
            .skill("7111b95d-0ce3-441a-9d92-4c75d05c4388")
            .expect("project management");
        for lang in LABEL_LANGS {
            let pairs = phrase_pairs(lang).expect("a language with labels keeps pairs");
            for label in skill.concept.labels(lang) {
                let terms = indexed(lang, label);
                for pair in terms.windows(2) {
                    let [(first, a), (second, b)] = pair else {
                        unreachable!()
                    };
                    // Words side by side make a pair (a removed stop word parts them).
                    if *b == *a + 1 {
                        assert!(pairs.contains(first, second), "{lang:?} {label}");
                    }
                }
            }
        }
        assert!(phrase_pairs(Lang::English)
            .expect("English")
            .contains("project", "manag"));
        assert!(phrase_pairs(Lang::Neutral).is_none());
        let fingerprint = phrase_pairs_fingerprint();
        assert_eq!(fingerprint.len(), format!("{PAIRS_VERSION}:").len() + 16);
    }

    /// Whether the terms written while tagging are those the index's analyzer makes of the
    /// title and the body themselves.
    fn written_as_analysed(code: &str, title: &str, body: &str) -> bool {
        let lang = Lang::for_code(code);
        let mut posting = Posting {
            language: code.to_owned(),
            title: Some(title.to_owned()),
            body: body.to_owned(),
            ..Posting::default()
        };
        let Some(pre) = tag_for_index(&mut posting) else {
            // Only a language without a tagger is left to the index's analyzer.
            return !LABEL_LANGS.contains(&lang) && tagger(lang).is_none();
        };
        assert!(pre.body.starts_with(crate::analysis::pre_analysed::MARKER));
        indexed(lang, &pre.title) == indexed(lang, title)
            && indexed(lang, &pre.body) == indexed(lang, body)
    }

    #[test]
    fn terms_written_while_tagging_are_the_indexed_terms() {
        let long = format!(
            "{} short {}",
            "a".repeat(300),
            "supercalifragilistic".repeat(3)
        );
        let texts = [
            "L’Organisation internationale du Travail recherche un(e) chargé(e) d'évaluation; \
             aujourd'hui, l'équipe QU'IL dirige compte 12 personnes.\n\n• Délai : 20/11/2024",
            "UNDP's Programme Analyst will lead the country office's monitoring & evaluation \
             (M&E) work — see https://jobs.undp.org/cj_view_job.cfm?cur_job_id=12345 — e-mail.",
            "Se busca especialista en salud pública con experiencia en gestión de proyectos, \
             niños y niñas; año 2025. ÑANDÚ Ü 😀 x",
            long.as_str(),
            "",
            "   \n\t ",
        ];
        for code in ["fr", "en", "es", "de"] {
            for title in ["Chargé(e) de programme", "", "Data Analyst, P3"] {
                for body in texts {
                    assert!(
                        written_as_analysed(code, title, body),
                        "{code}: {title} / {body}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_is_written_as_analysed(
            code in proptest::sample::select(vec!["fr", "en", "es"]),
            body in "[a-zA-Zéèàçñü’' .,;:()\\n0-9/-]{0,200}",
        ) {
            proptest::prop_assert!(written_as_analysed(code, "Titre", &body));
        }
    }
}
