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

/// The tagger of `lang` if it is built already: searches use this, so that a search never
/// waits for the automata (see [`warm_up`]).
pub fn tagger_if_ready(lang: Lang) -> Option<&'static Tagger> {
    LABEL_LANGS
        .contains(&lang)
        .then(|| TAGGERS[lang_column(lang)].get())
        .flatten()
}

/// Builds every language's tagger on a background thread, once per process (a second call
/// does nothing). Called when an engine opens, so that searches recognise skills in queries
/// shortly after start-up without the first searches waiting for the build.
pub fn warm_up() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        // If the thread cannot be spawned, the taggers are built on first tagging instead.
        let _ = std::thread::Builder::new()
            .name("esco-warm-up".into())
            .spawn(|| {
                for lang in LABEL_LANGS {
                    let _ = tagger(lang);
                }
            });
    });
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
