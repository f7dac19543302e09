//! Per-language word stock with inflected forms, ranked for Zipf sampling.
//!
//! Word lists are written in the language packs as whitespace-separated entries, most common
//! first (the order is the Zipf rank). Entries may carry a gender (`stratégie:f`) or explicit
//! irregular forms (`lead:led`, `gérer:gère:gèrent`); regular forms are derived here.

use super::rng::Rng;
use super::zipf::Zipf;

/// Language of a lexicon (selects the inflection rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

/// A noun: singular, plural, feminine gender.
pub(crate) struct Noun {
    pub(crate) sg: String,
    pub(crate) pl: String,
    pub(crate) fem: bool,
}

/// A verb: infinitive/base, 3rd person singular and plural present, past participle, gerund.
pub(crate) struct Verb {
    pub(crate) base: String,
    pub(crate) s3: String,
    pub(crate) p3: String,
    pub(crate) past: String,
    pub(crate) ing: String,
}

/// An adjective: masculine singular, feminine singular, masculine plural, feminine plural
/// (all four equal in English).
pub(crate) struct Adj {
    pub(crate) forms: [String; 4],
}

/// The inflected word stock of one language with its Zipf samplers.
pub(crate) struct Lexicon {
    pub(crate) nouns: Vec<Noun>,
    pub(crate) verbs: Vec<Verb>,
    pub(crate) adjs: Vec<Adj>,
    noun_z: Zipf,
    verb_z: Zipf,
    adj_z: Zipf,
}

/// Zipf exponent for content words.
const EXPONENT: f64 = 1.0;

impl Lexicon {
    /// Builds the lexicon from the pack's word lists.
    pub(crate) fn new(lang: Lang, nouns: &str, verbs: &str, adjs: &str) -> Self {
        let nouns: Vec<Noun> = nouns.split_whitespace().map(|e| noun(lang, e)).collect();
        let verbs: Vec<Verb> = verbs.split_whitespace().map(|e| verb(lang, e)).collect();
        let adjs: Vec<Adj> = adjs.split_whitespace().map(|e| adj(lang, e)).collect();
        Lexicon {
            noun_z: Zipf::new(nouns.len(), EXPONENT),
            verb_z: Zipf::new(verbs.len(), EXPONENT),
            adj_z: Zipf::new(adjs.len(), EXPONENT),
            nouns,
            verbs,
            adjs,
        }
    }

    /// Draws a noun.
    pub(crate) fn noun(&self, rng: &mut Rng) -> &Noun {
        &self.nouns[self.noun_z.sample(rng)]
    }

    /// Draws a verb.
    pub(crate) fn verb(&self, rng: &mut Rng) -> &Verb {
        &self.verbs[self.verb_z.sample(rng)]
    }

    /// Draws an adjective.
    pub(crate) fn adj(&self, rng: &mut Rng) -> &Adj {
        &self.adjs[self.adj_z.sample(rng)]
    }

    /// Number of distinct word forms.
    #[cfg(test)]
    pub(crate) fn form_count(&self) -> usize {
        let mut all: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for n in &self.nouns {
            all.insert(&n.sg);
            all.insert(&n.pl);
        }
        for v in &self.verbs {
            for f in [&v.base, &v.s3, &v.p3, &v.past, &v.ing] {
                all.insert(f);
            }
        }
        for a in &self.adjs {
            for f in &a.forms {
                all.insert(f);
            }
        }
        all.len()
    }
}

fn ends_vowel(s: &str) -> bool {
    matches!(
        s.chars().last(),
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'é' | 'á' | 'í' | 'ó' | 'ú')
    )
}

/// Removes the acute accent of the last stressed vowel (`acción` → `accion`), for Spanish
/// plurals that move the stress (`acciones`).
fn unaccent_last(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if let Some(pos) = chars.iter().rposition(|c| "áéíóú".contains(*c)) {
        chars[pos] = match chars[pos] {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            _ => 'u',
        };
    }
    chars.into_iter().collect()
}

fn plural(lang: Lang, sg: &str) -> String {
    match lang {
        Lang::En => {
            if let Some(stem) = sg.strip_suffix('y') {
                if !ends_vowel(stem) {
                    return format!("{stem}ies");
                }
            }
            if ["s", "x", "z", "ch", "sh"].iter().any(|e| sg.ends_with(e)) {
                format!("{sg}es")
            } else {
                format!("{sg}s")
            }
        }
        Lang::Fr => {
            if sg.ends_with(['s', 'x', 'z']) {
                sg.to_string()
            } else if let Some(stem) = sg.strip_suffix("al") {
                format!("{stem}aux")
            } else if sg.ends_with("eau") || sg.ends_with("eu") {
                format!("{sg}x")
            } else {
                format!("{sg}s")
            }
        }
        Lang::Es => {
            if ends_vowel(sg) {
                format!("{sg}s")
            } else if let Some(stem) = sg.strip_suffix('z') {
                format!("{stem}ces")
            } else if sg.ends_with("ión")
                || sg.ends_with("ón")
                || sg.ends_with("án")
                || sg.ends_with("és")
            {
                format!("{}es", unaccent_last(sg))
            } else {
                format!("{sg}es")
            }
        }
    }
}

fn noun(lang: Lang, entry: &str) -> Noun {
    let mut parts = entry.split(':');
    let sg = parts.next().unwrap_or_default().replace('_', " ");
    let fem = parts.next() == Some("f");
    let pl = match parts.next() {
        Some(p) => p.replace('_', " "),
        None => plural(lang, &sg),
    };
    Noun { sg, pl, fem }
}

fn verb(lang: Lang, entry: &str) -> Verb {
    let mut parts = entry.split(':');
    let base = parts.next().unwrap_or_default().to_string();
    let o1 = parts.next().map(str::to_string);
    let o2 = parts.next().map(str::to_string);
    match lang {
        Lang::En => {
            let s3 = plural(Lang::En, &base);
            let past = o1.unwrap_or_else(|| {
                if base.ends_with('e') {
                    format!("{base}d")
                } else if let Some(stem) = base.strip_suffix('y').filter(|s| !ends_vowel(s)) {
                    format!("{stem}ied")
                } else {
                    format!("{base}ed")
                }
            });
            let ing = o2.unwrap_or_else(|| match base.strip_suffix('e') {
                Some(stem) if !base.ends_with("ee") => format!("{stem}ing"),
                _ => format!("{base}ing"),
            });
            Verb {
                p3: base.clone(),
                base,
                s3,
                past,
                ing,
            }
        }
        Lang::Fr => {
            if let Some(stem) = base.strip_suffix("ir") {
                Verb {
                    s3: o1.unwrap_or_else(|| format!("{stem}it")),
                    p3: o2.unwrap_or_else(|| format!("{stem}issent")),
                    past: format!("{stem}i"),
                    ing: format!("{stem}issant"),
                    base,
                }
            } else {
                let stem = base.strip_suffix("er").unwrap_or(&base).to_string();
                let ing = if let Some(s) = stem.strip_suffix('c') {
                    format!("{s}çant")
                } else if stem.ends_with('g') {
                    format!("{stem}eant")
                } else {
                    format!("{stem}ant")
                };
                Verb {
                    s3: o1.unwrap_or_else(|| format!("{stem}e")),
                    p3: o2.unwrap_or_else(|| format!("{stem}ent")),
                    past: format!("{stem}é"),
                    ing,
                    base,
                }
            }
        }
        Lang::Es => {
            let (stem, ar) = match base.strip_suffix("ar") {
                Some(s) => (s.to_string(), true),
                None => (base[..base.len().saturating_sub(2)].to_string(), false),
            };
            if ar {
                Verb {
                    s3: format!("{stem}a"),
                    p3: format!("{stem}an"),
                    past: format!("{stem}ado"),
                    ing: format!("{stem}ando"),
                    base,
                }
            } else {
                Verb {
                    s3: format!("{stem}e"),
                    p3: format!("{stem}en"),
                    past: format!("{stem}ido"),
                    ing: format!("{stem}iendo"),
                    base,
                }
            }
        }
    }
}

fn adj(lang: Lang, entry: &str) -> Adj {
    let mut parts = entry.split(':');
    let m = parts.next().unwrap_or_default().to_string();
    let explicit_f = parts.next().map(str::to_string);
    match lang {
        Lang::En => Adj {
            forms: [m.clone(), m.clone(), m.clone(), m],
        },
        Lang::Fr => {
            let f = explicit_f.unwrap_or_else(|| {
                if m.ends_with('e') {
                    m.clone()
                } else if let Some(s) = m.strip_suffix("if") {
                    format!("{s}ive")
                } else if let Some(s) = m.strip_suffix("eux") {
                    format!("{s}euse")
                } else if let Some(s) = m.strip_suffix("er") {
                    format!("{s}ère")
                } else if m.ends_with("el") || m.ends_with("ien") || m.ends_with("éen") {
                    let last = &m[m.len() - 1..];
                    format!("{m}{last}e")
                } else {
                    format!("{m}e")
                }
            });
            let mp = plural(Lang::Fr, &m);
            let fp = format!("{f}s");
            Adj {
                forms: [m, f, mp, fp],
            }
        }
        Lang::Es => {
            let f = explicit_f.unwrap_or_else(|| match m.strip_suffix('o') {
                Some(s) => format!("{s}a"),
                None => m.clone(),
            });
            let mp = plural(Lang::Es, &m);
            let fp = plural(Lang::Es, &f);
            Adj {
                forms: [m, f, mp, fp],
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_give_large_vocabularies() {
        use super::super::{en::EN, es::ES, fr::FR};
        for pack in [&EN, &FR, &ES] {
            let lex = Lexicon::new(pack.lang, pack.nouns, pack.verbs, pack.adjectives);
            let forms = lex.form_count();
            assert!(forms > 1_200, "{}: {forms} forms", pack.code);
            assert!(lex.nouns.len() > 200 && lex.verbs.len() > 100 && lex.adjs.len() > 100);
        }
    }

    #[test]
    fn english_inflection() {
        let lex = Lexicon::new(
            Lang::En,
            "policy office approach",
            "manage lead:led:leading ensure carry",
            "key",
        );
        assert_eq!(lex.nouns[0].pl, "policies");
        assert_eq!(lex.nouns[1].pl, "offices");
        assert_eq!(lex.nouns[2].pl, "approaches");
        let v = &lex.verbs[0];
        assert_eq!(
            (v.s3.as_str(), v.past.as_str(), v.ing.as_str()),
            ("manages", "managed", "managing")
        );
        assert_eq!(lex.verbs[1].past, "led");
        assert_eq!(lex.verbs[3].past, "carried");
    }

    #[test]
    fn french_inflection() {
        let lex = Lexicon::new(
            Lang::Fr,
            "programme:m stratégie:f canal:m",
            "renforcer gérer:gère:gèrent établir",
            "national actif durable",
        );
        assert_eq!(lex.nouns[1].pl, "stratégies");
        assert!(lex.nouns[1].fem);
        assert_eq!(lex.nouns[2].pl, "canaux");
        assert_eq!(lex.verbs[0].ing, "renforçant");
        assert_eq!(lex.verbs[1].s3, "gère");
        assert_eq!(lex.verbs[2].p3, "établissent");
        assert_eq!(
            lex.adjs[0].forms,
            ["national", "nationale", "nationaux", "nationales"].map(String::from)
        );
        assert_eq!(lex.adjs[1].forms[1], "active");
        assert_eq!(lex.adjs[2].forms[3], "durables");
    }

    #[test]
    fn spanish_inflection() {
        let lex = Lexicon::new(
            Lang::Es,
            "programa:m evaluación:f capacidad:f",
            "coordinar promover",
            "técnico eficaz",
        );
        assert_eq!(lex.nouns[1].pl, "evaluaciones");
        assert_eq!(lex.nouns[2].pl, "capacidades");
        assert_eq!(lex.verbs[0].ing, "coordinando");
        assert_eq!(lex.verbs[1].past, "promovido");
        assert_eq!(lex.adjs[0].forms[3], "técnicas");
        assert_eq!(lex.adjs[1].forms[2], "eficaces");
    }
}
