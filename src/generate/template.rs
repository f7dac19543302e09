//! Fills sentence templates: `{slot}` markers are replaced by drawn words and posting facts.
//!
//! Word slots (drawn from the lexicon with Zipf ranks, agreed in gender and number in French
//! and Spanish): `{n}` `{ns}` noun singular/plural, `{a}` adjective, `{an}` `{ans}` noun with
//! adjective, `{le}` `{les}` with definite article, `{du}` `{des}` with "of the" (`du`, `del`),
//! `{lea}` `{lesa}` `{dua}` `{desa}` the same with an adjective, `{una}` indefinite with
//! adjective, `{v}` base verb, `{vs}` `{vp}` 3rd person singular/plural, `{ved}` participle,
//! `{ving}` gerund. Posting slots: `{p}` a phrase of the posting's or a related field, `{d}` a phrase of the posting's field,
//! `{d0}` the field's name, `{D}` the field's title, `{org}` `{city}` `{country}` `{title}`,
//! `{deg}` degree subjects, `{yrs}` years of experience, `{C}` competency, `{ol}` another
//! language, `{k}` a small number, `{year}` a year. A slot written with a capital first letter
//! (`{V}`, `{Lea}`) is rendered with a capital.

use super::catalog::{Domain, Org};
use super::lexicon::{Adj, Lang, Lexicon, Noun};
use super::pack::Pack;
use super::rng::Rng;

/// What a template may refer to: the language and the posting being written.
pub(crate) struct Ctx<'a> {
    pub(crate) pack: &'a Pack,
    pub(crate) lex: &'a Lexicon,
    pub(crate) domain: &'static Domain,
    /// Two other fields the notice touches on (`{p}` draws from these and its own).
    pub(crate) related: [&'static Domain; 2],
    pub(crate) org: &'static Org,
    pub(crate) city: &'static str,
    pub(crate) country: &'static str,
    pub(crate) title: &'a str,
    pub(crate) years: u32,
    pub(crate) competency: &'static str,
}

#[derive(Clone, Copy)]
enum Det {
    None,
    Def,
    Of,
    Indef,
}

fn starts_with_vowel_sound(s: &str) -> bool {
    matches!(
        s.chars().next(),
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'h' | 'é' | 'è' | 'ê' | 'â' | 'î' | 'ô' | 'û' | 'œ')
    )
}

/// Writes a noun phrase: determiner, noun (singular or plural), optional agreed adjective.
fn noun_phrase(
    out: &mut String,
    lang: Lang,
    det: Det,
    plural: bool,
    noun: &Noun,
    adj: Option<&Adj>,
) {
    let word = if plural { &noun.pl } else { &noun.sg };
    let adj_form = adj.map(|a| &a.forms[usize::from(noun.fem) + if plural { 2 } else { 0 }]);
    match lang {
        Lang::En => {
            let first = adj_form.map(String::as_str).unwrap_or(word);
            out.push_str(match (det, plural) {
                (Det::None, _) => "",
                (Det::Def, _) => "the ",
                (Det::Of, false) => "of the ",
                (Det::Of, true) => "of ",
                (Det::Indef, _) if starts_with_vowel_sound(first) && !first.starts_with('h') => {
                    "an "
                }
                (Det::Indef, _) => "a ",
            });
            if let Some(a) = adj_form {
                out.push_str(a);
                out.push(' ');
            }
            out.push_str(word);
        }
        Lang::Fr | Lang::Es => {
            let vowel = lang == Lang::Fr && starts_with_vowel_sound(word);
            out.push_str(match (lang, det, plural, noun.fem) {
                (_, Det::None, _, _) => "",
                (Lang::Fr, Det::Def, false, _) if vowel => "l'",
                (Lang::Fr, Det::Def, false, false) => "le ",
                (Lang::Fr, Det::Def, false, true) => "la ",
                (Lang::Fr, Det::Def, true, _) => "les ",
                (Lang::Fr, Det::Of, false, _) if vowel => "de l'",
                (Lang::Fr, Det::Of, false, false) => "du ",
                (Lang::Fr, Det::Of, false, true) => "de la ",
                (Lang::Fr, Det::Of, true, _) => "des ",
                (Lang::Fr, Det::Indef, _, false) => "un ",
                (Lang::Fr, Det::Indef, _, true) => "une ",
                (_, Det::Def, false, false) => "el ",
                (_, Det::Def, false, true) => "la ",
                (_, Det::Def, true, false) => "los ",
                (_, Det::Def, true, true) => "las ",
                (_, Det::Of, false, false) => "del ",
                (_, Det::Of, false, true) => "de la ",
                (_, Det::Of, true, false) => "de los ",
                (_, Det::Of, true, true) => "de las ",
                (_, Det::Indef, _, false) => "un ",
                (_, Det::Indef, _, true) => "una ",
            });
            out.push_str(word);
            if let Some(a) = adj_form {
                out.push(' ');
                out.push_str(a);
            }
        }
    }
}

/// Upper-cases the first character written at or after byte `from`.
fn capitalize_from(out: &mut String, from: usize) {
    if let Some(c) = out[from..].chars().next() {
        if !c.is_uppercase() {
            let upper: String = c.to_uppercase().collect();
            out.replace_range(from..from + c.len_utf8(), &upper);
        }
    }
}

/// Renders `tpl` into `out`.
pub(crate) fn render(out: &mut String, tpl: &str, ctx: &Ctx<'_>, rng: &mut Rng) {
    let mut rest = tpl;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').expect("unclosed template slot");
        let slot = &after[..close];
        rest = &after[close + 1..];
        let start = out.len();
        let capital =
            slot != "D" && slot != "C" && slot.starts_with(|c: char| c.is_ascii_uppercase());
        if capital {
            let lower = slot.to_ascii_lowercase();
            fill(out, &lower, ctx, rng);
            capitalize_from(out, start);
        } else {
            fill(out, slot, ctx, rng);
        }
    }
    out.push_str(rest);
}

fn fill(out: &mut String, slot: &str, ctx: &Ctx<'_>, rng: &mut Rng) {
    use std::fmt::Write;
    let lang = ctx.pack.lang;
    let lex = ctx.lex;
    let np = |out: &mut String, rng: &mut Rng, det: Det, plural: bool, with_adj: bool| {
        let noun = lex.noun(rng);
        let adj = if with_adj { Some(lex.adj(rng)) } else { None };
        noun_phrase(out, lang, det, plural, noun, adj);
    };
    match slot {
        "n" => np(out, rng, Det::None, false, false),
        "ns" => np(out, rng, Det::None, true, false),
        "an" => np(out, rng, Det::None, false, true),
        "ans" => np(out, rng, Det::None, true, true),
        "le" => np(out, rng, Det::Def, false, false),
        "les" => np(out, rng, Det::Def, true, false),
        "du" => np(out, rng, Det::Of, false, false),
        "des" => np(out, rng, Det::Of, true, false),
        "lea" => np(out, rng, Det::Def, false, true),
        "lesa" => np(out, rng, Det::Def, true, true),
        "dua" => np(out, rng, Det::Of, false, true),
        "desa" => np(out, rng, Det::Of, true, true),
        "una" => np(out, rng, Det::Indef, false, true),
        "a" => out.push_str(&lex.adj(rng).forms[0]),
        "v" => out.push_str(&lex.verb(rng).base),
        "vs" => out.push_str(&lex.verb(rng).s3),
        "vp" => out.push_str(&lex.verb(rng).p3),
        "ved" => out.push_str(&lex.verb(rng).past),
        "ving" => out.push_str(&lex.verb(rng).ing),
        "p" => {
            let field = match rng.below(4) {
                0 | 1 => ctx.domain,
                2 => ctx.related[0],
                _ => ctx.related[1],
            };
            out.push_str(rng.pick(field.phrases[ctx.pack.slot]));
        }
        "d" => out.push_str(rng.pick(ctx.domain.phrases[ctx.pack.slot])),
        "d0" => out.push_str(ctx.domain.phrases[ctx.pack.slot][0]),
        "D" => out.push_str(ctx.domain.title[ctx.pack.slot]),
        "org" => out.push_str(ctx.org.short[ctx.pack.slot]),
        "city" => out.push_str(ctx.city),
        "country" => out.push_str(ctx.country),
        "title" => out.push_str(ctx.title),
        "deg" => out.push_str(ctx.domain.degree[ctx.pack.slot]),
        "yrs" => {
            let _ = write!(out, "{}", ctx.years);
        }
        "C" => out.push_str(ctx.competency),
        "ol" => out.push_str(rng.pick(ctx.pack.other_languages)),
        "k" => {
            let _ = write!(out, "{}", rng.range(2, 9));
        }
        "year" => {
            let _ = write!(out, "{}", rng.range(1965, 2018));
        }
        other => panic!("unknown template slot {{{other}}}"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::catalog::{DOMAINS, ORGS};
    use super::super::{en::EN, es::ES, fr::FR};
    use super::*;

    fn ctx_for<'a>(pack: &'a Pack, lex: &'a Lexicon) -> Ctx<'a> {
        Ctx {
            pack,
            lex,
            domain: &DOMAINS[0],
            related: [&DOMAINS[1], &DOMAINS[2]],
            org: &ORGS[0],
            city: "Nairobi",
            country: "Kenya",
            title: "Supply Chain Officer",
            years: 5,
            competency: "Teamwork",
        }
    }

    #[test]
    fn every_template_of_every_pack_renders_without_leftover_slots() {
        for pack in [&EN, &FR, &ES] {
            let lex = Lexicon::new(pack.lang, pack.nouns, pack.verbs, pack.adjectives);
            let ctx = ctx_for(pack, &lex);
            let mut rng = Rng::new(5);
            let all = pack
                .intro
                .iter()
                .chain(pack.duties_lead)
                .chain(pack.duties)
                .chain(pack.education.iter())
                .chain(pack.experience)
                .chain(pack.languages)
                .chain(pack.competency_text)
                .chain(pack.closing)
                .chain(pack.titles.iter().flat_map(|t| t.iter()));
            for tpl in all {
                for _ in 0..20 {
                    let mut out = String::new();
                    render(&mut out, tpl, &ctx, &mut rng);
                    assert!(!out.contains('{') && !out.contains('}'), "{out}");
                    assert!(!out.contains("  "), "{out}");
                }
            }
        }
    }

    #[test]
    fn french_and_spanish_articles_agree() {
        let lex = Lexicon::new(
            Lang::Fr,
            "évaluation:f programme:m stratégie:f",
            "assurer",
            "national",
        );
        let mut out = String::new();
        noun_phrase(
            &mut out,
            Lang::Fr,
            Det::Def,
            false,
            &lex.nouns[0],
            Some(&lex.adjs[0]),
        );
        assert_eq!(out, "l'évaluation nationale");
        out.clear();
        noun_phrase(&mut out, Lang::Fr, Det::Of, false, &lex.nouns[1], None);
        assert_eq!(out, "du programme");
        out.clear();
        noun_phrase(
            &mut out,
            Lang::Fr,
            Det::Def,
            true,
            &lex.nouns[2],
            Some(&lex.adjs[0]),
        );
        assert_eq!(out, "les stratégies nationales");
        let lex = Lexicon::new(Lang::Es, "programa:m evaluación:f", "apoyar", "técnico");
        out.clear();
        noun_phrase(
            &mut out,
            Lang::Es,
            Det::Of,
            true,
            &lex.nouns[1],
            Some(&lex.adjs[0]),
        );
        assert_eq!(out, "de las evaluaciones técnicas");
        out.clear();
        noun_phrase(&mut out, Lang::Es, Det::Of, false, &lex.nouns[0], None);
        assert_eq!(out, "del programa");
    }

    #[test]
    fn capital_slots_are_capitalized() {
        let pack = &FR;
        let lex = Lexicon::new(pack.lang, pack.nouns, pack.verbs, pack.adjectives);
        let ctx = ctx_for(pack, &lex);
        let mut rng = Rng::new(1);
        for _ in 0..50 {
            let mut out = String::new();
            render(&mut out, "{V} x", &ctx, &mut rng);
            assert!(out.chars().next().unwrap().is_uppercase(), "{out}");
        }
    }
}
