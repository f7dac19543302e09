//! Tagging one posting: the ESCO skills its text names and the occupation its title names.
//!
//! A label found in the text is a skill of the posting when:
//! - its sentence is not boilerplate (see `skills::cues::boilerplate`);
//! - a language (`French`) stands in a sentence about languages (a language cue in it or in
//!   the sentence before, its heading);
//! - a label is not an alternative label of two concepts, and a one-word label is a
//!   preferred label held by few longer labels (one-word alternative labels, and words that
//!   many labels hold such as `proyecto` or `communication`, are general words);
//! - a one-word label is of a knowledge concept (`statistics`) and follows a requirement cue (`degree in`, `knowledge of`)
//!   within [`ONE_WORD_WINDOW`] terms of its sentence, or stands under a short heading holding
//!   one; it is written as the label or its plural (`economic` is not `economics`), and a label
//!   written with a capital in ESCO (`Python`, `LESS`) is written so in the text;
//! - every word of a longer label is written like the label's up to 3 letters of ending,
//!   with no punctuation between them (`health, education` is not `health education`);
//! - an everyday word that is a label (`source`, `history`) follows a requirement cue within
//!   [`AMBIGUOUS_WINDOW`] terms (`knowledge of history`).
//!
//! Labels of several words are skills wherever they stand outside boilerplate.

use rustc_hash::FxHashSet;

use super::cues;
use super::matcher::{gap_words, Found, Labels, Matcher, Scan, Target};
use super::table::{Catalog, SkillKind};
use crate::analysis::pairs::PairSet;
use crate::analysis::pre_analysed::{PreAnalysed, PreAnalysedWriter};
use crate::analysis::Lang;

/// How many terms before an ambiguous label a requirement cue may stand.
pub const AMBIGUOUS_WINDOW: usize = 1;
/// How many terms before a one-word label a requirement cue may stand in its sentence.
pub const ONE_WORD_WINDOW: usize = 8;
/// A sentence of at most this many terms before a one-word label's sentence is a heading
/// (`Skills:`) whose cue counts.
pub const HEADING_TERMS: usize = 6;

/// Occupation labels of two terms or more a term must head to be the head of a job title,
/// whose pairs with any neighbour the index keeps (see [`crate::analysis::pairs`]).
pub const HEAD_LABELS: usize = 8;

/// Whether `lang` writes a job title's head noun last (`programme officer`), not first
/// (`chargé de programme`, `oficial de programas`).
fn head_last(lang: Lang) -> bool {
    lang == Lang::English
}

/// The term heading `label` as `lang`'s analyzer reads it (its last term in English, its
/// first in French and Spanish), and its number of terms.
fn head_term(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    lang: Lang,
    label: &str,
) -> Option<(String, usize)> {
    let mut stream = analyzer.token_stream(label);
    let mut head = None;
    let mut terms = 0;
    while let Some(token) = stream.next() {
        if terms == 0 || head_last(lang) {
            head = Some(token.text.clone());
        }
        terms += 1;
    }
    head.map(|head| (head, terms))
}

/// The heads of `lang`'s job titles: the terms heading at least [`HEAD_LABELS`] occupation
/// labels of two terms or more (`officer`, `assistant`, `chargé`, `oficial`). In English,
/// where the head comes last, a head must also end more than twice as many occupation labels
/// as skill labels (`equipment` ends 20 occupation labels and 381 skill labels: a thing, not
/// a person); French and Spanish labels begin with the person, and their skill labels with
/// a verb that may share the noun's stem (`coordinar`, `coordinador`). The index keeps every
/// pair such a head makes with its neighbour (see [`crate::analysis::pairs`]): a job
/// seeker's phrase `"programme officer"` is then one posting list, where ESCO names no such
/// occupation.
fn title_heads(catalog: &Catalog, lang: Lang) -> Vec<String> {
    let mut analyzer = lang.analyzer();
    let mut heading: rustc_hash::FxHashMap<String, (usize, usize)> =
        rustc_hash::FxHashMap::default();
    for occupation in &catalog.occupations {
        for label in occupation.concept.labels(lang) {
            if let Some((head, terms)) = head_term(&mut analyzer, lang, label) {
                if terms >= 2 {
                    heading.entry(head).or_default().0 += 1;
                }
            }
        }
    }
    if head_last(lang) {
        for label in catalog.skills.iter().flat_map(|s| s.concept.labels(lang)) {
            if let Some((head, _)) = head_term(&mut analyzer, lang, label) {
                if let Some(counts) = heading.get_mut(&head) {
                    counts.1 += 1;
                }
            }
        }
    }
    let mut heads: Vec<String> = heading
        .into_iter()
        .filter(|(_, (occupations, skills))| {
            *occupations >= HEAD_LABELS && skills * 2 < *occupations
        })
        .map(|(head, _)| head)
        .collect();
    heads.sort_unstable();
    heads
}

/// The tags of one posting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    /// ESCO skill ids, in order of first mention, each once.
    pub skills: Vec<&'static str>,
    /// ESCO occupation id named by the title.
    pub occupation: Option<&'static str>,
    /// Where each skill is first named, parallel to `skills`: (text, byte range), text 0 being
    /// the title and 1 the body.
    pub mentions: Vec<(usize, std::ops::Range<usize>)>,
}

/// The matchers and cue words of one language.
#[derive(Debug)]
pub struct Tagger {
    lang: Lang,
    skills: Matcher,
    occupations: Matcher,
    language_cues: FxHashSet<u32>,
    requirement_cues: FxHashSet<u32>,
    /// The pairs of neighbouring terms of the skill and occupation labels.
    pairs: PairSet,
}

impl Tagger {
    /// Builds the automata of `lang` over `catalog`'s labels.
    #[must_use]
    pub fn build(catalog: &Catalog, lang: Lang) -> Tagger {
        let concepts = label_list(catalog.skills.iter().map(|s| &s.concept), lang);
        let mut skills = Matcher::build(&Labels {
            lang,
            concepts,
            boilerplate: cues::boilerplate(lang),
            ambiguous: cues::ambiguous(lang),
        });
        skills.add_terms(cues::language_cues(lang));
        skills.add_terms(cues::requirement_cues(lang));
        let concepts = label_list(catalog.occupations.iter().map(|o| &o.concept), lang);
        let mut occupations = Matcher::build(&Labels {
            lang,
            concepts,
            boilerplate: &[],
            ambiguous: &[],
        });
        let mut pairs = skills.take_pairs();
        pairs.extend(occupations.take_pairs());
        for head in title_heads(catalog, lang) {
            match head_last(lang) {
                true => pairs.keep_ending_in(&head),
                false => pairs.keep_beginning_with(&head),
            }
        }
        Tagger {
            lang,
            pairs,
            language_cues: skills.term_ids(cues::language_cues(lang)),
            requirement_cues: skills.term_ids(cues::requirement_cues(lang)),
            skills,
            occupations,
        }
    }

    /// The pairs of neighbouring terms (see [`crate::analysis::pairs`]) of this language's
    /// skill and occupation labels: the phrases of two words the index keeps as word pairs.
    #[must_use]
    pub fn pairs(&self) -> &PairSet {
        &self.pairs
    }

    /// Tags a posting with title `title` and body `body`.
    #[must_use]
    pub fn tag(&self, catalog: &'static Catalog, title: &str, body: &str) -> Tags {
        let texts = [title, body];
        let scan = self.skills.scan(&texts);
        self.tags_of(catalog, &texts, &scan)
    }

    /// [`Tagger::tag`], and the terms the index's analyzer makes of the title and the body,
    /// written as it reads them (see [`crate::analysis::pre_analysed`]).
    #[must_use]
    pub fn tag_writing(
        &self,
        catalog: &'static Catalog,
        title: &str,
        body: &str,
    ) -> (Tags, PreAnalysed) {
        let texts = [title, body];
        let mut written = [PreAnalysedWriter::default(), PreAnalysedWriter::default()];
        let scan = self.skills.scan_writing(&texts, &mut written);
        let [title_terms, body_terms] = written;
        let pre = PreAnalysed {
            title: title_terms.finish(),
            body: body_terms.finish(),
        };
        (self.tags_of(catalog, &texts, &scan), pre)
    }

    /// The tags of the title and body `texts`, scanned as `scan`.
    fn tags_of(&self, catalog: &'static Catalog, texts: &[&str; 2], scan: &Scan) -> Tags {
        let title = texts[0];
        let texts = *texts;
        let sentences = scan.sentences as usize;
        let mut boilerplate = vec![false; sentences];
        let mut language_cue = vec![false; sentences];
        let mut requirement_cue = vec![false; sentences];
        let mut sentence_terms = vec![0usize; sentences];
        for term in &scan.terms {
            let s = term.sentence as usize;
            sentence_terms[s] += 1;
            language_cue[s] |= self.language_cues.contains(&term.id);
            requirement_cue[s] |= self.requirement_cues.contains(&term.id);
        }
        for found in &scan.found {
            if found.pattern.target == Target::Boilerplate {
                boilerplate[scan.terms[found.start].sentence as usize] = true;
            }
        }
        // A cue in the sentence or in the one before (a heading such as `Languages`).
        let near = |cues: &[bool], s: usize| cues[s] || (s > 0 && cues[s - 1]);
        let mut skills = Vec::new();
        let mut mentions = Vec::new();
        let mut seen = FxHashSet::default();
        for found in &scan.found {
            let Target::Concept(index) = found.pattern.target else {
                continue;
            };
            let s = scan.terms[found.start].sentence as usize;
            if boilerplate[s] {
                continue;
            }
            let skill = &catalog.skills[index as usize];
            let accepted = if self.inside_name(scan, found, &texts, skill) {
                false
            } else if found.pattern.shared
                || (found.pattern.terms == 1
                    && (!found.pattern.preferred
                        || (found.pattern.general && skill.kind != SkillKind::Language)))
            {
                // One-word alternative labels are mostly everyday words (`proyecto`, `fin`).
                false
            } else if skill.kind == SkillKind::Language {
                near(&language_cue, s)
                    && self.language_written_alike(scan, found, &texts)
                    && !self.describes_speakers(scan, found, &texts)
            } else if !self.written_alike(scan, found, &texts) {
                false
            } else if found.pattern.ambiguous {
                self.cue_before(scan, found, AMBIGUOUS_WINDOW)
            } else if found.pattern.terms == 1 {
                // A one-word skill label is a bare verb or noun (`utiliser`, `administrer`).
                skill.kind == SkillKind::Knowledge
                    && (self.cue_before(scan, found, ONE_WORD_WINDOW)
                        || (s > 0
                            && requirement_cue[s - 1]
                            && sentence_terms[s - 1] <= HEADING_TERMS))
                    && case_agrees(skill.concept.labels[0].first(), scan, found, &texts)
            } else {
                true
            };
            if accepted && seen.insert(index) {
                skills.push(skill.concept.id);
                let first = scan.terms[found.start];
                let last = scan.terms[found.start + found.pattern.terms - 1];
                mentions.push((first.text as usize, first.from..last.to));
            }
        }
        Tags {
            skills,
            mentions,
            occupation: self.occupation(catalog, title),
        }
    }

    /// The skills a search query names: labels of several words anywhere, a one-word label
    /// only when it is the whole query and not an everyday word.
    #[must_use]
    pub fn named_in_query(&self, catalog: &'static Catalog, query: &str) -> Vec<&'static str> {
        let scan = self.skills.scan(&[query]);
        let mut ids = Vec::new();
        for found in &scan.found {
            let Target::Concept(index) = found.pattern.target else {
                continue;
            };
            let whole = found.pattern.terms == scan.terms.len();
            if found.pattern.terms > 1 || (whole && !found.pattern.ambiguous) {
                let id = catalog.skills[index as usize].concept.id;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    }

    /// Whether the text's words are written like the label's, beyond sharing stems: a
    /// one-word label only in its own form or plural (`statistic(s)`, not `economic` for
    /// `economics`), with its symbols (`C#` is not `C`); each word of a longer label with at
    /// most 3 letters of ending changed (`managing projects` for `manage projects`, not
    /// `management team` for `manage a team`).
    fn written_alike(&self, scan: &Scan, found: &Found, texts: &[&str]) -> bool {
        let surface = self.skills.surface(found.index);
        let terms = &scan.terms[found.start..found.start + found.pattern.terms];
        let word = |t: &super::matcher::Term| {
            texts
                .get(t.text as usize)
                .and_then(|text| text.get(t.from..t.to))
                .map(super::fold)
                .unwrap_or_default()
        };
        if let Some(symbols) = &surface.symbols {
            let t = terms[0];
            let text = texts.get(t.text as usize).copied().unwrap_or("");
            return text
                .get(t.from..)
                .and_then(|rest| rest.get(..symbols.len()))
                .is_some_and(|w| super::fold(w) == **symbols)
                && !text[t.from + symbols.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
        }
        if terms.len() == 1 {
            return same_or_plural(&word(&terms[0]), &surface.words[0]);
        }
        // Punctuation between two words breaks the phrase (`health, education`).
        let unbroken = terms.windows(2).all(|pair| {
            pair[0].text == pair[1].text
                && texts
                    .get(pair[0].text as usize)
                    .and_then(|text| text.get(pair[0].to..pair[1].from))
                    .is_some_and(|gap| !gap.contains([',', '(', ')', '/', ':', '[', ']', '|']))
        });
        unbroken
            && terms
                .iter()
                .zip(surface.words.iter())
                .all(|(t, label)| close_ending(&word(t), label))
            && terms
                .windows(2)
                .zip(surface.gaps.iter())
                .all(|(pair, label_gap)| {
                    let text = texts.get(pair[0].text as usize).copied().unwrap_or("");
                    let gap = text.get(pair[0].to..pair[1].from).unwrap_or("");
                    cues::same_gap(self.lang, label_gap, &gap_words(gap))
                })
    }

    /// Whether the label found stands inside a proper name in the body (`Ministry of
    /// Foreign Affairs`, `Project Management Unit`, `Security Risk Management`, `Latin
    /// America`): every word of it starts with a capital (for a label of several words,
    /// while the ESCO label does not), and a capitalised word that is not a cue continues the name on
    /// either side (through `of`, `de`...; a word starting its sentence does not count).
    /// Titles are not checked: they capitalise every word.
    fn inside_name(
        &self,
        scan: &Scan,
        found: &Found,
        texts: &[&str],
        skill: &super::Skill,
    ) -> bool {
        let first = scan.terms[found.start];
        let last = scan.terms[found.start + found.pattern.terms - 1];
        if first.text == 0 {
            return false;
        }
        let Some(text) = texts.get(first.text as usize).copied() else {
            return false;
        };
        let label = skill.concept.label(self.lang);
        // A label of several words written with capitals in ESCO is a name itself
        // (`Microsoft Office`); one such word (`Latin`, `Python`) is checked like others.
        if skill.kind != SkillKind::Language
            && found.pattern.terms > 1
            && label.chars().next().is_some_and(char::is_uppercase)
        {
            return false;
        }
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let span = &scan.terms[found.start..=found.start + found.pattern.terms - 1];
        if !span
            .iter()
            .all(|t| text.get(t.from..t.to).is_some_and(capitalised))
        {
            return false;
        }
        let continues = |w: &str| capitalised(w) && !cues::is_cue_word(self.lang, &super::fold(w));
        // After: a capitalised word (through `of`, `de`...).
        let rest = text.get(last.to..).unwrap_or("");
        let words = cues::words_after(rest, 3);
        if words
            .iter()
            .find(|w| !cues::is_connector(w))
            .is_some_and(|w| continues(w))
        {
            return true;
        }
        // Before: a capitalised word through a connector (`Ministry of`), or right before
        // when it does not start its sentence.
        let before = text.get(..first.from).unwrap_or("");
        let words = cues::words_before(before, 3);
        match words.as_slice() {
            [w, ..] if cues::is_connector(w.0) => words
                .get(1)
                .is_some_and(|(previous, _)| continues(previous)),
            [(w, starts_sentence), ..] => continues(w) && !starts_sentence,
            [] => false,
        }
    }

    /// Whether a language's name is written as the label, its plural or feminine
    /// (`française`, `francesa`), not another word of the same stem (`daños` for `danés`).
    fn language_written_alike(&self, scan: &Scan, found: &Found, texts: &[&str]) -> bool {
        let surface = self.skills.surface(found.index);
        let term = scan.terms[found.start];
        let word = texts
            .get(term.text as usize)
            .and_then(|text| text.get(term.from..term.to))
            .map(super::fold)
            .unwrap_or_default();
        let label = surface.words.first().map_or("", |w| w.as_str());
        word == label
            || word
                .strip_prefix(label)
                .is_some_and(|rest| matches!(rest, "s" | "e" | "es" | "a" | "as"))
    }

    /// Whether a language's name describes who speaks it rather than asks for it: `el Caribe
    /// de habla inglesa`, `países de habla hispana` (Spanish; English `English-speaking` is
    /// also said of candidates, and French uses `anglophone`, which is no language label).
    fn describes_speakers(&self, scan: &Scan, found: &Found, texts: &[&str]) -> bool {
        let term = scan.terms[found.start];
        let text = texts.get(term.text as usize).copied().unwrap_or("");
        match self.lang {
            Lang::Spanish => {
                let before = cues::words_before(text.get(..term.from).unwrap_or(""), 2);
                matches!(before.as_slice(), [(w, _), (de, _), ..]
                    if super::fold(w) == "habla" && super::fold(de) == "de")
            }
            _ => false,
        }
    }

    /// Whether a requirement cue stands within `window` terms before `found`, in its
    /// sentence.
    fn cue_before(&self, scan: &Scan, found: &Found, window: usize) -> bool {
        let sentence = scan.terms[found.start].sentence;
        scan.terms[found.start.saturating_sub(window)..found.start]
            .iter()
            .any(|t| t.sentence == sentence && self.requirement_cues.contains(&t.id))
    }

    /// The occupation the title names: its longest occupation label, the first of equals.
    fn occupation(&self, catalog: &'static Catalog, title: &str) -> Option<&'static str> {
        let scan = self.occupations.scan(&[title]);
        let mut best: Option<&Found> = None;
        for found in &scan.found {
            if best.is_none_or(|b| found.pattern.terms > b.pattern.terms) {
                best = Some(found);
            }
        }
        match best?.pattern.target {
            Target::Concept(i) => Some(catalog.occupations[i as usize].concept.id),
            Target::Boilerplate => None,
        }
    }
}

/// Whether a one-word label that ESCO writes with a capital (`Python`, `LESS`) is written so
/// in the text; labels in lower case accept any case.
fn case_agrees(english_label: Option<&&str>, scan: &Scan, found: &Found, texts: &[&str]) -> bool {
    let Some(label) = english_label else {
        return true;
    };
    if !label.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let term = scan.terms[found.start];
    let Some(word) = texts
        .get(term.text as usize)
        .and_then(|t| t.get(term.from..term.to))
    else {
        return false;
    };
    let all_caps = label.chars().filter(|c| c.is_alphabetic()).count() > 1
        && label.chars().all(|c| !c.is_lowercase());
    if all_caps {
        word.chars().all(|c| !c.is_lowercase())
    } else {
        word.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Every label of `concepts` in `lang` as (concept index, label, preferred), preferred labels
/// first: an analysed label shared by two concepts names the one whose preferred label it is.
///
/// An alternative label of several words is kept only when it shares a distinctive word
/// (held by fewer than [`super::matcher::GENERAL_WORD_LABELS`] labels) with the preferred
/// label, or has one word: ESCO's alternative labels include broader phrases that name
/// another skill (`analyses de données` for `données non structurées`).
fn label_list<'a>(
    concepts: impl Iterator<Item = &'a super::Concept> + Clone,
    lang: Lang,
) -> Vec<(u32, &'static str, bool)> {
    let words = |label: &str| -> Vec<String> {
        super::fold(label)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_owned)
            .collect()
    };
    let mut holders: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    for concept in concepts.clone() {
        for label in concept.labels(lang) {
            let mut distinct = words(label);
            distinct.sort_unstable();
            distinct.dedup();
            for word in distinct {
                *holders.entry(word).or_insert(0) += 1;
            }
        }
    }
    let distinctive = |word: &String| {
        holders.get(word).copied().unwrap_or(0) < super::matcher::GENERAL_WORD_LABELS
    };
    let mut out = Vec::new();
    for (i, concept) in concepts.clone().enumerate() {
        out.extend(concept.labels(lang).first().map(|l| (i as u32, *l, true)));
    }
    for (i, concept) in concepts.enumerate() {
        let labels = concept.labels(lang);
        let preferred: Vec<String> = labels.first().map(|l| words(l)).unwrap_or_default();
        for label in labels.get(1..).unwrap_or(&[]) {
            let own = words(label);
            if own.len() <= 1 || own.iter().any(|w| distinctive(w) && preferred.contains(w)) {
                out.push((i as u32, *label, false));
            }
        }
    }
    out
}

/// Whether `word` is `label` or its plural. Not the other way round: `economics`,
/// `politics` and `mechanics` are not plurals of `economic`, `politic` and `mechanic`.
fn same_or_plural(word: &str, label: &str) -> bool {
    word == label
        || word
            .strip_prefix(label)
            .is_some_and(|rest| matches!(rest, "s" | "es" | "x"))
}

/// Whether `word` and `label` differ by at most 3 letters at the end of each.
fn close_ending(word: &str, label: &str) -> bool {
    let common = word
        .chars()
        .zip(label.chars())
        .take_while(|(a, b)| a == b)
        .count();
    word.chars().count() - common <= 3 && label.chars().count() - common <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_forms() {
        assert!(same_or_plural("statistics", "statistics"));
        assert!(same_or_plural("databases", "database"));
        assert!(!same_or_plural("economic", "economics"));
        assert!(!same_or_plural("political", "politics"));
        assert!(close_ending("managing", "manage"));
        assert!(!close_ending("management", "manage"));
        assert!(close_ending("proyectos", "proyecto"));
    }

    #[test]
    fn job_title_heads_are_people_not_things() {
        let catalog = super::super::catalog();
        let term = |lang: Lang, word: &str| {
            let mut analyzer = lang.analyzer();
            head_term(&mut analyzer, lang, word).expect("a term").0
        };
        for (lang, heads, things) in [
            (
                Lang::English,
                &["officer", "assistant", "manager", "specialist", "director"][..],
                &["equipment", "products", "programme"][..],
            ),
            (
                Lang::French,
                &["chargé", "assistant", "responsable", "spécialiste"][..],
                &["programme", "gestion"][..],
            ),
            (
                Lang::Spanish,
                &["oficial", "asistente", "especialista", "coordinador"][..],
                &["gestión", "proyecto"][..],
            ),
        ] {
            let found = title_heads(catalog, lang);
            eprintln!("{lang:?}: {} heads: {found:?}", found.len());
            for head in heads {
                assert!(found.contains(&term(lang, head)), "{lang:?} {head}");
            }
            for thing in things {
                assert!(!found.contains(&term(lang, thing)), "{lang:?} {thing}");
            }
        }
        // The pairs they make are kept whatever their other word, on the head's side.
        let english = super::super::phrase_pairs(Lang::English).expect("pairs");
        assert!(english.contains("programm", "offic"));
        assert!(!english.contains("offic", "programm"));
        let french = super::super::phrase_pairs(Lang::French).expect("pairs");
        assert!(french.contains_at("charg", "programm", 2));
        assert!(!french.contains_at("programm", "charg", 2));
    }
}
