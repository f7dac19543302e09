//! Words and phrases that decide whether a label found in a posting is one of its skills.
//!
//! All are analysed by the posting language's analyzer before use, so inflections and accents
//! do not matter here.

use std::sync::OnceLock;

use crate::analysis::Lang;

/// Phrases of statements every posting of an organisation carries (equal opportunity,
/// conduct, fees, the organisation's governing bodies): a sentence holding one names no
/// skill of the posting.
#[must_use]
pub fn boilerplate(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::French => &[
            "égalité des chances",
            "sans distinction",
            "sans considération",
            "discrimination",
            "harcèlement",
            "exploitation sexuelle",
            "abus sexuels",
            "abus d'autorité",
            "Assemblée générale",
            "Secrétaire général",
            "Conseil de sécurité",
            "diversité",
            "handicap",
            "handicapées",
            "candidatures féminines",
            "frais de dossier",
            "aucun frais",
            "langues de travail",
            "non-fumeur",
            "tolérance zéro",
            "Charte des Nations Unies",
            "processus de candidature",
            "processus de sélection",
            "processus de recrutement",
            "présélectionnés",
            "comment postuler",
            "World Higher Education Database",
            "parité",
            "tabac",
            "offre d'emploi",
            "offres d'emploi",
            "tous les membres du personnel",
            "défaut de s'y conformer",
            "antécédents",
            "vérification des références",
            "identité sera vérifiée",
            "formulaire en ligne",
            "cliquez ici",
            "en savoir plus",
            "nous offrons",
            "personnel divers",
            "code de conduite",
            "Base de données mondiale",
        ],
        Lang::Spanish => &[
            "igualdad de oportunidades",
            "sin distinción",
            "sin importar",
            "independientemente",
            "discriminación",
            "acoso",
            "explotación sexual",
            "abuso sexual",
            "abuso de autoridad",
            "Asamblea General",
            "Secretario General",
            "Consejo de Seguridad",
            "diversidad",
            "discapacidad",
            "candidaturas de mujeres",
            "cuota",
            "tarifa",
            "idiomas de trabajo",
            "tolerancia cero",
            "Carta de las Naciones Unidas",
            "proceso de solicitud",
            "proceso de selección",
            "proceso de contratación",
            "preseleccionados",
            "cómo postular",
            "World Higher Education Database",
            "paridad",
            "tabaco",
            "oferta de empleo",
            "ofertas de empleo",
            "todos los miembros del personal",
            "no cumplimiento",
            "incumplimiento",
            "formulario en línea",
            "código de conducta",
            "por sus siglas",
            "antecedentes penales",
            "identificación será comprobada",
            "identificación será verificada",
            "verificación de antecedentes",
            "verificación de referencias",
            "Base de Datos Mundial",
        ],
        _ => &[
            "equal opportunity",
            "equal opportunities",
            "equal employment",
            "regardless of",
            "irrespective of",
            "without regard",
            "discrimination",
            "harassment",
            "sexual exploitation",
            "sexual abuse",
            "abuse of authority",
            "General Assembly",
            "Secretary-General",
            "Security Council",
            "diversity",
            "disability",
            "disabilities",
            "qualified women",
            "female candidates",
            "application fee",
            "any fee",
            "processing fee",
            "working languages",
            "smoke-free",
            "zero tolerance",
            "Charter of the United Nations",
            "open source information",
            "open-source information",
            "application process",
            "selection process",
            "recruitment process",
            "process applications",
            "applications will",
            "shortlisted",
            "how to apply",
            "World Higher Education Database",
            "gender parity",
            "underrepresented gender",
            "independent contractors",
            "tobacco",
            "job offer",
            "offer of employment",
            "all staff members",
            "failure to comply",
            "background check",
            "background checks",
            "reference checks",
            "identity will be verified",
            "code of conduct",
            "Green Card",
            "permanent residents",
            "deny employment",
            "criminal record",
        ],
    }
}

/// Words telling that a sentence speaks of languages a posting requires (`fluency in
/// French`): a language is a skill only near one of them.
#[must_use]
pub fn language_cues(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::French => &[
            "langue",
            "langues",
            "linguistique",
            "maîtrise",
            "maîtriser",
            "courant",
            "couramment",
            "connaissance",
            "parlé",
            "écrit",
            "lu",
            "bilingue",
            "oral",
            "orale",
            "excellente",
            "parfaite",
            "niveau",
            "aptitude",
        ],
        Lang::Spanish => &[
            "idioma",
            "idiomas",
            "lengua",
            "lenguas",
            "dominio",
            "fluido",
            "fluidez",
            "conocimiento",
            "conocimientos",
            "hablado",
            "escrito",
            "nativo",
            "bilingüe",
            "oral",
            "nivel",
            "excelente",
            "manejo",
        ],
        _ => &[
            "language",
            "languages",
            "fluency",
            "fluent",
            "proficiency",
            "proficient",
            "knowledge",
            "command",
            "spoken",
            "written",
            "speak",
            "write",
            "native",
            "mother tongue",
            "bilingual",
            "oral",
        ],
    }
}

/// Words telling that a sentence asks for knowledge or experience: a one-word label
/// (`statistics`, `Python`) is a skill only near one of them.
#[must_use]
pub fn requirement_cues(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::French => &[
            "connaissance",
            "connaissances",
            "expérience",
            "compétence",
            "compétences",
            "maîtrise",
            "diplôme",
            "formation",
            "expertise",
            "aptitude",
            "capacité",
            "domaine",
            "spécialisation",
            "études",
            "outils",
            "logiciels",
        ],
        Lang::Spanish => &[
            "conocimiento",
            "conocimientos",
            "experiencia",
            "competencia",
            "competencias",
            "dominio",
            "título",
            "formación",
            "habilidad",
            "habilidades",
            "capacidad",
            "especialización",
            "licenciatura",
            "estudios",
            "área",
            "herramientas",
        ],
        _ => &[
            "knowledge",
            "experience",
            "experienced",
            "skills",
            "skill",
            "expertise",
            "proficiency",
            "proficient",
            "familiarity",
            "degree",
            "background",
            "competence",
            "competency",
            "qualification",
            "specialization",
            "specialisation",
            "studies",
            "tools",
            "software",
        ],
    }
}

/// Labels that are also everyday words (`source`, `plan`, `history`) or parts of names
/// (`General Assembly`): a skill only right after a requirement cue (`history` right after `knowledge of`, stop words left out).
#[must_use]
pub fn ambiguous(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::French => &[
            "source",
            "plan",
            "histoire",
            "assembly",
            "less",
            "open source",
            "assemblée",
            "go",
            "droit",
            "gestion",
            "communication",
            "ordre",
            "recherche",
            "service",
            "consultation",
            "politique",
            "économie",
            "économies",
            "zones géographiques",
            "processus d'évaluation",
            "assumer les responsabilités",
            "montage",
        ],
        Lang::Spanish => &[
            "source",
            "plan",
            "historia",
            "assembly",
            "less",
            "open source",
            "asamblea",
            "go",
            "derecho",
            "gestión",
            "comunicación",
            "orden",
            "investigación",
            "servicio",
            "política",
            "políticas",
            "economía",
            "consulta",
            "áreas geográficas",
            "proceso de evaluación",
            "procesos de evaluación",
            "asumir la responsabilidad",
            "buscar personas",
            "ofrecer formación",
        ],
        _ => &[
            "source",
            "plan",
            "history",
            "assembly",
            "less",
            "open source",
            "go",
            "law",
            "management",
            "communication",
            "order",
            "research",
            "service",
            "leadership",
            "teamwork",
            "consultation",
            "blueprints",
            "assessment process",
            "assessment processes",
            "energy",
            "securities",
            "geographic areas",
            "labour market",
            "labor market",
        ],
    }
}

/// Articles and the prepositions that bind like them (`gestion des projets` is `gestion de
/// projets`): the words between two words of a label may differ by these alone.
fn articles(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::French => &[
            "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "a", "au", "aux",
        ],
        Lang::Spanish => &[
            "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "de", "del", "a", "al",
        ],
        _ => &["a", "an", "the", "of"],
    }
}

/// Whether `word` (folded) is a conjunction `and` (`&` included).
fn is_and(word: &str) -> bool {
    matches!(word, "&" | "and" | "et" | "y" | "e")
}

/// Whether the words a text holds between two words of a label (`text`) may stand for
/// those of the label (`label`): each is an article (or `of`), or a word of the label's gap
/// (`&` being `and`). So `create and act` is not `create an act`, `following is a brief`
/// is not `follow a brief`, `manager with inventory` is not `manage inventory`, while
/// `gestion des projets` is `gestion de projets` and `use of computers` `use a computer`.
#[must_use]
pub fn same_gap(lang: Lang, label: &[String], text: &[String]) -> bool {
    let articles = articles(lang);
    text.iter().all(|word| {
        articles.contains(&word.as_str())
            || label
                .iter()
                .any(|l| l == word || (is_and(l) && is_and(word)))
    })
}

/// Whether `word` joins the words of a name (`Ministry of Foreign Affairs`, `Ministerio de
/// Relaciones Exteriores`); `and` does not: `English and French`, `Public Health and
/// Nutrition` are lists.
#[must_use]
pub fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "for"
            | "the"
            | "de"
            | "del"
            | "des"
            | "du"
            | "la"
            | "le"
            | "les"
            | "d"
            | "l"
            | "para"
            | "pour"
    )
}

/// Whether `word` (folded) is a cue word of `lang` (`Skills`, `Experience`, `Language`): a
/// heading word after a label, not the rest of a name.
#[must_use]
pub fn is_cue_word(lang: Lang, word: &str) -> bool {
    // The cues of each language folded once, not at every call (one per word of a name).
    static FOLDED: [OnceLock<Vec<String>>; Lang::ALL.len()] =
        [const { OnceLock::new() }; Lang::ALL.len()];
    FOLDED[lang.index()]
        .get_or_init(|| {
            requirement_cues(lang)
                .iter()
                .chain(language_cues(lang))
                .map(|cue| super::fold(cue))
                .collect()
        })
        .iter()
        .any(|cue| cue == word)
}

/// Whether `c` is part of a word for [`words_after`] and [`words_before`].
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
}

/// Up to `n` words (or `&`) at the start of `text`, separated by spaces only: a line end or
/// any other punctuation stops them.
#[must_use]
pub fn words_after(text: &str, n: usize) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = text;
    while words.len() < n {
        rest = rest.trim_start_matches([' ', '\t']);
        let end = if rest.starts_with('&') {
            1
        } else {
            rest.find(|c: char| !in_word(c)).unwrap_or(rest.len())
        };
        if end == 0 {
            break;
        }
        words.push(&rest[..end]);
        rest = &rest[end..];
    }
    words
}

/// Up to `n` words (or `&`) at the end of `text`, nearest first, each with whether it
/// starts its sentence (nothing, a line end or `.;:!?•` before it).
#[must_use]
pub fn words_before(text: &str, n: usize) -> Vec<(&str, bool)> {
    let mut words = Vec::new();
    let mut rest = text;
    while words.len() < n {
        rest = rest.trim_end_matches([' ', '\t']);
        let start = if rest.ends_with('&') {
            rest.len() - 1
        } else {
            rest.rfind(|c: char| !in_word(c)).map_or(0, |i| {
                i + rest[i..].chars().next().map_or(1, char::len_utf8)
            })
        };
        if start == rest.len() {
            break;
        }
        let word = &rest[start..];
        rest = &rest[..start];
        let preceding = rest.trim_end_matches([' ', '\t']);
        let starts =
            preceding.is_empty() || preceding.ends_with(['\n', '\r', '.', ';', ':', '!', '?', '•']);
        words.push((word, starts));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn gaps_differ_by_articles_only() {
        assert!(same_gap(Lang::French, &words(&["de"]), &words(&["des"])));
        assert!(same_gap(
            Lang::Spanish,
            &words(&["de"]),
            &words(&["de", "los"])
        ));
        assert!(same_gap(Lang::English, &words(&["and"]), &words(&["&"])));
        assert!(!same_gap(Lang::English, &words(&["an"]), &words(&["and"])));
        assert!(same_gap(Lang::English, &words(&["a"]), &words(&["of"])));
        assert!(!same_gap(
            Lang::English,
            &words(&["a"]),
            &words(&["is", "a"])
        ));
        assert!(!same_gap(Lang::English, &words(&[]), &words(&["with"])));
        assert!(!same_gap(
            Lang::French,
            &words(&["une"]),
            &words(&["par", "les"])
        ));
    }

    #[test]
    fn words_around_a_span() {
        assert_eq!(
            words_after(" & Procurement (SCMP)", 3),
            vec!["&", "Procurement"]
        );
        assert_eq!(words_after(" Unit\nnext", 3), vec!["Unit"]);
        assert_eq!(
            words_before("the Ministry of ", 3),
            vec![("of", false), ("Ministry", false), ("the", true)]
        );
        assert!(words_before("Skills: ", 2).is_empty());
        assert_eq!(words_before("Équipe ", 1), vec![("Équipe", true)]);
    }
}
