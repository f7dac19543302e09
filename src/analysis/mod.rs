//! Language analysis: one tantivy analyzer per indexed language.
//!
//! Every analyzer runs the same chain, configured per language:
//! [`WordTokenizer`] (words, elided articles and possessives removed) → long-token removal →
//! lower-casing → accent folding → stop words → Snowball stemming (rust-stemmers). The steps
//! after the tokenizer see one word at a time, so each thread remembers the term of every
//! word it has analysed ([`CachedAnalyzer`]).
//! Folding comes before stemming so that a query typed without accents (`competences`)
//! reaches exactly the same stem as the accented text (`compétences`).

mod cached;
pub mod inclusive;
pub mod pairs;
pub mod pre_analysed;
mod stemmer;
mod stopwords;
mod tokenizer;
mod word_map;

use rust_stemmers::Algorithm;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, StopWordFilter, TextAnalyzer,
    TokenizerManager,
};

pub use cached::{Analysed, CachedAnalyzer};
pub use stemmer::SnowballFilter;
pub use tokenizer::WordTokenizer;
pub use word_map::WordMap;

/// Longest token kept, in bytes; longer ones (base64 blobs, URLs run together) are dropped,
/// well under tantivy's own term limit.
pub const MAX_TOKEN_BYTES: usize = 80;

/// French articles and pronouns elided before a vowel (`l'`, `d'`, `qu'`...).
const FRENCH_ELISIONS: &[&str] = &[
    "l", "d", "qu", "j", "m", "n", "s", "t", "c", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// The French articles elided in names that other languages' text keeps as written
/// (`Côte d'Ivoire`, `Conseil d'État`, `l'Aquila`): removed in English, Spanish and other
/// text too, so that `Ivoire` finds an English notice for Côte d'Ivoire as it finds a French
/// one. No English or Spanish word starts with `d'` or `l'`.
const FRENCH_NAME_ELISIONS: &[&str] = &["l", "d"];

/// A language with its own index fields and analyzer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// French.
    French,
    /// English.
    English,
    /// Spanish.
    Spanish,
    /// Any other language: lower-casing and accent folding only.
    Neutral,
}

/// The part of `term` that begins every ASCII word any analyzer of this crate gives it
/// from: the term less its last two bytes (its first character when it is shorter).
///
/// Lower-casing and folding leave an ASCII word as it is, lower-cased, and the Snowball
/// stemmers rewrite only the end of what they keep, at most two letters from the term's end:
/// `policy` → `polici`, `hoping` → `hope`, `application` → `appliqu`, `couramment` →
/// `courant`. Checked on every ASCII word of the shared feed and the ESCO labels in three
/// languages (127,773 words), and by `stems_keep_all_but_their_last_two_letters`.
#[must_use]
pub fn term_start(term: &str) -> &str {
    let mut end = term.len().saturating_sub(2);
    while !term.is_char_boundary(end) {
        end -= 1;
    }
    if end == 0 {
        let first = term.chars().next().map_or(0, char::len_utf8);
        return &term[..first];
    }
    &term[..end]
}

/// Whether `word` (lower case, accent-folded) is a stop word of one of the analysed
/// languages: a function word that one analyzer drops and another may index (`de` in an
/// English field, where a French form of a synonym put it).
#[must_use]
pub fn is_function_word(word: &str) -> bool {
    Lang::ALL
        .iter()
        .any(|lang| lang.stop_words().contains(&word))
}

impl Lang {
    /// Every indexed language, in field order.
    pub const ALL: [Lang; 4] = [Lang::French, Lang::English, Lang::Spanish, Lang::Neutral];

    /// This language's place in [`Lang::ALL`], for tables with one entry per language.
    #[must_use]
    pub const fn index(self) -> usize {
        match self {
            Lang::French => 0,
            Lang::English => 1,
            Lang::Spanish => 2,
            Lang::Neutral => 3,
        }
    }

    /// The language that analyses postings written in `code` (ISO 639-1).
    #[must_use]
    pub fn for_code(code: &str) -> Lang {
        match code {
            "fr" => Lang::French,
            "en" => Lang::English,
            "es" => Lang::Spanish,
            _ => Lang::Neutral,
        }
    }

    /// The query language named by `code`: `fr`, `en` or `es` (case-insensitive); `None` for
    /// any other code.
    #[must_use]
    pub fn from_query_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::French),
            "en" => Some(Lang::English),
            "es" => Some(Lang::Spanish),
            _ => None,
        }
    }

    /// Whether `word` (lower case) is one of this language's stop words, accents folded.
    #[must_use]
    pub fn is_stop_word(self, word: &str) -> bool {
        let list = self.stop_words();
        !list.is_empty() && list.contains(&fold(word).as_str())
    }

    /// Short suffix used in field and analyzer names (`fr`, `en`, `es`, `xx`).
    #[must_use]
    pub fn suffix(self) -> &'static str {
        match self {
            Lang::French => "fr",
            Lang::English => "en",
            Lang::Spanish => "es",
            Lang::Neutral => "xx",
        }
    }

    /// Name under which the analyzer is registered in the index.
    #[must_use]
    pub fn analyzer_name(self) -> &'static str {
        match self {
            Lang::French => "vacancy_fr",
            Lang::English => "vacancy_en",
            Lang::Spanish => "vacancy_es",
            Lang::Neutral => "vacancy_xx",
        }
    }

    /// The term this language's analyzer makes of one word that is already lower-cased,
    /// accent-folded and not a stop word: the stemming step alone, much cheaper than
    /// [`Lang::terms`] when many candidate spellings are checked.
    #[must_use]
    pub fn stem_folded_word(self, word: &str) -> String {
        match self.algorithm() {
            Some(algorithm) => stemmer::stem_word(algorithm, word),
            None => word.to_owned(),
        }
    }

    fn algorithm(self) -> Option<Algorithm> {
        match self {
            Lang::French => Some(Algorithm::French),
            Lang::English => Some(Algorithm::English),
            Lang::Spanish => Some(Algorithm::Spanish),
            Lang::Neutral => None,
        }
    }

    /// The first step of this language's analyzer: splitting into words (elided articles
    /// and possessives removed). Every later step of [`Lang::analyzer`] works on one word at
    /// a time, so a word always gives the same terms wherever it stands: callers that
    /// analyse much text may cache word → terms (see `skills::matcher`).
    #[must_use]
    pub fn tokenizer(self) -> WordTokenizer {
        match self {
            Lang::French => WordTokenizer::with_elisions(FRENCH_ELISIONS),
            Lang::English => WordTokenizer::with_elisions(FRENCH_NAME_ELISIONS).strip_possessive(),
            Lang::Spanish | Lang::Neutral => WordTokenizer::with_elisions(FRENCH_NAME_ELISIONS),
        }
    }

    /// Builds this language's analyzer.
    #[must_use]
    pub fn analyzer(self) -> TextAnalyzer {
        TextAnalyzer::from(self.cached_analyzer())
    }

    /// The analyzer the index registers for this language's fields: this language's
    /// analyzer, which also reads back texts the skill tagger analysed (see
    /// [`pre_analysed`]).
    #[must_use]
    pub fn index_analyzer(self) -> TextAnalyzer {
        TextAnalyzer::from(pre_analysed::DualAnalyzer::new(self.cached_analyzer()))
    }

    /// The name under which [`Lang::pairs_analyzer`] is registered.
    #[must_use]
    pub fn pairs_analyzer_name(self) -> &'static str {
        match self {
            Lang::French => "vacancy_fr_pairs",
            Lang::English => "vacancy_en_pairs",
            Lang::Spanish => "vacancy_es_pairs",
            Lang::Neutral => "vacancy_xx_pairs",
        }
    }

    /// The analyzer of the index's word-pair fields: the pairs of neighbouring terms of
    /// [`Lang::index_analyzer`] that `source` keeps (see [`pairs`]).
    #[must_use]
    pub fn pairs_analyzer(self, source: pairs::PairSource) -> TextAnalyzer {
        TextAnalyzer::from(pairs::PairTokenizer::new(
            pre_analysed::DualAnalyzer::new(self.cached_analyzer()),
            self,
            source,
        ))
    }

    /// This language's analyzer for a caller that needs only to find `terms` in a text and
    /// where each kept word stands (snippets): a word that cannot give one of them keeps its
    /// place as an empty token, or is dropped as the analyzer drops it, without being
    /// analysed (see `Shortcut` in `analysis::cached`).
    #[must_use]
    pub fn analyzer_finding<'a>(self, terms: impl IntoIterator<Item = &'a str>) -> TextAnalyzer {
        TextAnalyzer::from(self.cached_analyzer_finding(terms))
    }

    /// [`Lang::analyzer_finding`] as its concrete type: its token streams are not boxed, and
    /// a caller analysing many short pieces of text (each snippet's words) keeps one of them.
    #[must_use]
    pub fn cached_analyzer_finding<'a>(
        self,
        terms: impl IntoIterator<Item = &'a str>,
    ) -> CachedAnalyzer {
        let shortcut = cached::Shortcut::new(terms, self.stop_words(), MAX_TOKEN_BYTES);
        self.cached_analyzer().with_shortcut(shortcut)
    }

    /// This language's stop words (accent-folded).
    fn stop_words(self) -> &'static [&'static str] {
        match self {
            Lang::French => stopwords::FRENCH,
            Lang::English => stopwords::ENGLISH,
            Lang::Spanish => stopwords::SPANISH,
            Lang::Neutral => &[],
        }
    }

    /// This language's analyzer as its concrete type, for a caller that analyses words one
    /// at a time (the skill tagger) with the per-thread word map the index's analyzer uses.
    #[must_use]
    pub fn cached_analyzer(self) -> CachedAnalyzer {
        let stop = self.stop_words();
        // The steps after the tokenizer, applied to one word at a time (see
        // [`CachedAnalyzer`]).
        let builder = TextAnalyzer::builder(RawTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(StopWordFilter::remove(stop.iter().map(|w| (*w).to_owned())));
        let tail = match self.algorithm() {
            Some(algorithm) => builder.filter(SnowballFilter::new(algorithm)).build(),
            None => builder.build(),
        };
        CachedAnalyzer::new(lang_slot(self), self.tokenizer(), tail)
    }

    /// The terms this language's analyzer makes of `text`, in order.
    #[must_use]
    pub fn terms(self, text: &str) -> Vec<String> {
        analyse(&self.analyzer(), text)
    }
}

/// The per-thread word map of `lang`'s analyzer (see [`CachedAnalyzer`]).
fn lang_slot(lang: Lang) -> usize {
    Lang::ALL
        .iter()
        .position(|l| *l == lang)
        .expect("every Lang is in Lang::ALL")
}

/// The terms `analyzer` makes of `text`, in order.
#[must_use]
pub fn analyse(analyzer: &TextAnalyzer, text: &str) -> Vec<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}

/// (term, position) of every token `analyzer` makes of `text`, for tests.
#[cfg(test)]
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.text.clone(), token.position));
    }
    out
}

/// `text` lower-cased with its accents folded, as every analyzer does before stemming.
#[must_use]
pub fn fold(text: &str) -> String {
    Lang::Neutral.terms(text).join(" ")
}

/// Registers every language's analyzer under its [`Lang::analyzer_name`].
pub fn register(tokenizers: &TokenizerManager) {
    for lang in Lang::ALL {
        tokenizers.register(lang.analyzer_name(), lang.index_analyzer());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_the_place_in_all() {
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang.index(), i);
        }
    }

    fn fr(text: &str) -> Vec<String> {
        Lang::French.terms(text)
    }

    #[test]
    fn french_chain_token_by_token() {
        assert_eq!(
            fr("L’Organisation recherche des compétences"),
            vec!["organis", "recherch", "competent"]
        );
    }

    #[test]
    fn french_accents_case_and_number_meet() {
        let stem = fr("compétences");
        assert_eq!(fr("competences"), stem);
        assert_eq!(fr("Compétences"), stem);
        assert_eq!(fr("compétence"), stem);
    }

    #[test]
    fn french_elision_reaches_the_word() {
        assert_eq!(fr("l'emploi"), fr("emploi"));
        assert_eq!(fr("d’expérience"), fr("expérience"));
        assert_eq!(fr("qu'il"), fr("il"));
    }

    #[test]
    fn french_names_in_other_languages_lose_their_elided_article() {
        for lang in [Lang::English, Lang::Spanish, Lang::Neutral] {
            assert_eq!(
                lang.terms("Côte d’Ivoire"),
                lang.terms("Côte Ivoire"),
                "{lang:?}"
            );
            assert_eq!(lang.terms("l'Aquila"), lang.terms("Aquila"), "{lang:?}");
        }
        // Only those two articles, and only at a word's start.
        assert_eq!(
            Lang::English.terms("I'd rock'n'roll O'Brien UNICEF's"),
            vec!["i'd", "rock'n'rol", "o'brien", "unicef"]
        );
        assert_eq!(Lang::Spanish.terms("qu'il"), vec!["qu'il"]);
    }

    #[test]
    fn french_plural_phrases_meet_singular() {
        assert_eq!(
            fr("formations professionnelles"),
            fr("formation professionnelle")
        );
    }

    #[test]
    fn english_chain_token_by_token() {
        assert_eq!(
            Lang::English.terms("The translators' auditing of UNICEF's programmes"),
            vec!["translat", "audit", "unicef", "programm"]
        );
        assert_eq!(
            Lang::English.terms("translator"),
            Lang::English.terms("translators")
        );
    }

    #[test]
    fn spanish_chain_token_by_token() {
        assert_eq!(
            Lang::Spanish.terms("Protección de la infancia y asistente de investigación"),
            vec!["proteccion", "infanc", "asistent", "investig"]
        );
        assert_eq!(
            Lang::Spanish.terms("investigacion"),
            Lang::Spanish.terms("Investigación")
        );
    }

    /// Variant classes: every spelling in a row must give the same terms in its language
    /// (so the same postings), whatever the accents, number or elision.
    const VARIANT_CLASSES: &[(Lang, &[&str])] = &[
        (
            Lang::Spanish,
            &[
                "organización",
                "organizacion",
                "organizaciones",
                "Organización",
            ],
        ),
        (
            Lang::Spanish,
            &["capacitación", "capacitacion", "capacitaciones"],
        ),
        (
            Lang::Spanish,
            &["investigación", "investigacion", "investigaciones"],
        ),
        (Lang::Spanish, &["protección", "proteccion", "protecciones"]),
        (Lang::Spanish, &["evaluación", "evaluacion", "evaluaciones"]),
        (
            Lang::Spanish,
            &["contribución", "contribucion", "contribuciones"],
        ),
        (Lang::Spanish, &["gestión", "gestion", "gestiones"]),
        (Lang::Spanish, &["región", "region", "regiones"]),
        (Lang::Spanish, &["economía", "economia", "economías"]),
        (Lang::Spanish, &["psicología", "psicologia", "psicologías"]),
        (
            Lang::Spanish,
            &["asesoría", "asesoria", "asesorías", "asesor", "asesores"],
        ),
        (Lang::Spanish, &["infancia", "infancias"]),
        (Lang::Spanish, &["jurídico", "juridico", "jurídicos"]),
        (Lang::Spanish, &["técnica", "tecnica", "técnicas"]),
        (Lang::Spanish, &["niño", "nino", "niños"]),
        (Lang::Spanish, &["género", "genero", "géneros"]),
        (Lang::Spanish, &["coordinador", "coordinadores"]),
        (
            Lang::French,
            &["économiste", "economiste", "économistes", "Économiste"],
        ),
        (
            Lang::French,
            &["évaluation", "evaluation", "évaluations", "l'évaluation"],
        ),
        (Lang::French, &["réfugié", "refugie", "réfugiés"]),
        (Lang::French, &["université", "universite", "universités"]),
        (
            Lang::French,
            &["coordinateur", "coordinateurs", "Coordinateur"],
        ),
        (
            Lang::French,
            &["développement", "developpement", "développements"],
        ),
        (Lang::French, &["sécurité", "securite", "sécurités"]),
        (Lang::French, &["santé", "sante", "santés"]),
        (
            Lang::French,
            &["expérience", "experience", "expériences", "d'expérience"],
        ),
        (
            Lang::French,
            &["humanitaire", "humanitaires", "l'humanitaire"],
        ),
        (Lang::French, &["infrastructure", "infrastructures"]),
        (Lang::French, &["international", "internationaux"]),
        (
            Lang::French,
            &["électricité", "electricite", "l'électricité"],
        ),
        (
            Lang::English,
            &[
                "organization",
                "organizations",
                "organization's",
                "Organization",
            ],
        ),
        (Lang::English, &["policy", "policies"]),
        (
            Lang::English,
            &["translator", "translators", "translators'"],
        ),
        (Lang::English, &["café", "cafe", "cafés"]),
        (Lang::English, &["résumé", "resume", "résumés"]),
        (Lang::English, &["naïve", "naive"]),
        (Lang::English, &["officer", "officers"]),
        (Lang::English, &["P3", "P-3", "p3"]),
        (Lang::French, &["NOB", "NO-B"]),
        (Lang::Spanish, &["GS6", "GS-6"]),
        (
            Lang::French,
            &[
                "chargé",
                "chargé(e)",
                "chargé·e",
                "chargée",
                "chargé.e",
                "chargés",
                "chargées",
                "Chargée",
                "chargee",
            ],
        ),
        (
            Lang::French,
            &["employé", "employée", "employés", "employees"],
        ),
        (
            Lang::French,
            &["diplômé", "diplômée", "diplomee", "diplômées"],
        ),
        (Lang::French, &["qualifié", "qualifiée", "qualifiées"]),
        (Lang::French, &["année", "annee", "années"]),
        (Lang::Spanish, &["coordinador", "coordinador/a"]),
        (Lang::English, &["year", "year(s)", "years"]),
    ];

    #[test]
    fn variant_classes_meet() {
        for (lang, class) in VARIANT_CLASSES {
            let first = lang.terms(class[0]);
            assert_eq!(first.len(), 1, "{lang:?} {}", class[0]);
            for variant in &class[1..] {
                assert_eq!(
                    lang.terms(variant),
                    first,
                    "{lang:?}: {variant} vs {}",
                    class[0]
                );
            }
        }
    }

    #[test]
    fn neutral_chain_folds_without_stemming() {
        assert_eq!(
            Lang::Neutral.terms("Ausschreibungen für Übersetzer"),
            vec!["ausschreibungen", "fur", "ubersetzer"]
        );
    }

    #[test]
    fn overlong_tokens_are_dropped() {
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        assert_eq!(
            Lang::English.terms(&format!("audit {long} data")),
            vec!["audit", "data"]
        );
    }

    /// The chain without the per-thread word map: every step run on every token.
    fn uncached(lang: Lang) -> TextAnalyzer {
        let (stop, stem) = match lang {
            Lang::French => (stopwords::FRENCH, Some(Algorithm::French)),
            Lang::English => (stopwords::ENGLISH, Some(Algorithm::English)),
            Lang::Spanish => (stopwords::SPANISH, Some(Algorithm::Spanish)),
            Lang::Neutral => (&[][..], None),
        };
        let builder = TextAnalyzer::builder(lang.tokenizer())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(StopWordFilter::remove(stop.iter().map(|w| (*w).to_owned())));
        match stem {
            Some(algorithm) => builder.filter(SnowballFilter::new(algorithm)).build(),
            None => builder.build(),
        }
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn remembered_terms_are_the_chain_s_terms() {
        let long = "y".repeat(MAX_TOKEN_BYTES + 1);
        let text = format!(
            "L’Organisation des Nations Unies recherche des compétences; the UNICEF's \
             translators' audits, l'emploi d’expérience qu'il aujourd’hui {long} ÉCONOMÍA \
             organización Straße Øresund P-2 2024 the and de la y el rock’n'roll"
        );
        for lang in Lang::ALL {
            let want = tokens(&mut uncached(lang), &text);
            // Twice: the first pass fills the map, the second reads it.
            for _ in 0..2 {
                assert_eq!(tokens(&mut lang.analyzer(), &text), want, "{lang:?}");
            }
        }
    }

    #[test]
    fn language_codes_map_to_fields() {
        assert_eq!(Lang::for_code("fr"), Lang::French);
        assert_eq!(Lang::for_code("de"), Lang::Neutral);
        assert_eq!(Lang::Neutral.suffix(), "xx");
    }

    /// Each token of `analyzer` on `text`: its offsets and position, and its term when it is
    /// one of `terms` (else empty).
    fn placed(
        analyzer: &TextAnalyzer,
        text: &str,
        terms: &[String],
    ) -> Vec<(usize, usize, usize, String)> {
        let mut analyzer = analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            let term = if terms.contains(&t.text) {
                t.text.clone()
            } else {
                String::new()
            };
            out.push((t.offset_from, t.offset_to, t.position, term));
        }
        out
    }

    proptest::proptest! {
        /// An ASCII word begins with the [`term_start`] of each of its terms (what
        /// [`Lang::analyzer_finding`] relies on to leave most words unanalysed).
        #[test]
        fn stems_keep_all_but_their_last_two_letters(word in "[a-zA-Z][a-zA-Z0-9]{0,14}|[a-z]{2,6}'[a-z]{1,6}|[a-z]{2,9}(ies|ied|ying|ingly|ing|edly|ed|aux|eaux|ement|amment|emment|ication|icatives?|icites?|abilites?|ational|ization|biliti|ly|y|es|s|aciones|amente|idad|encias?)") {
            for lang in Lang::ALL {
                use tantivy::tokenizer::{TokenStream, Tokenizer};
                let mut words = lang.tokenizer();
                let mut stream = words.token_stream(&word);
                let Some(token) = stream.next().map(|t| t.text.to_ascii_lowercase()) else {
                    continue;
                };
                for term in lang.terms(&word) {
                    proptest::prop_assert!(
                        token.starts_with(term_start(&term)),
                        "{:?} {} gives {}",
                        lang,
                        word,
                        term
                    );
                }
            }
        }

        /// The analyzer finding some terms places every kept word and finds those terms as
        /// the whole analyzer does.
        #[test]
        fn finding_terms_places_and_finds_as_the_whole_analyzer(
            text in "([A-Za-z]{1,9}|The|de|LA|l'|d’|y|of|ÉTÉ|été|évaluation|rock'n'roll|x{80}|[0-9]{1,4}|[ ,.;\n-]{1,3}){0,30}",
            picked in proptest::collection::vec(0usize..40, 0..4),
        ) {
            for lang in Lang::ALL {
                let all = lang.terms(&text);
                let terms: Vec<String> = picked
                    .iter()
                    .filter_map(|i| all.get(*i).cloned())
                    .collect();
                let finding = lang.analyzer_finding(terms.iter().map(String::as_str));
                proptest::prop_assert_eq!(
                    placed(&finding, &text, &terms),
                    placed(&lang.analyzer(), &text, &terms)
                );
            }
        }
    }
}
