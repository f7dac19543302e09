//! The language of a posting, as an ISO 639-1 code.
//!
//! Rule: a language given explicitly (feed `language`/`lang` key, a notice's `Langue:`
//! label) wins when [`language_code`] understands it. Otherwise [`detect_language`] reads
//! the title and the first [`DETECT_BYTES`] of the body. When the function words of one
//! notice language (French, English, Spanish) clearly outnumber those of every other
//! language (see [`clear_notice_language`]), that language is the answer. Otherwise whatlang
//! decides: its answer is used when it is reliable, or when it is one of the notice
//! languages and the text has at least [`MIN_UNRELIABLE_CHARS`] letters. Otherwise (empty
//! or very short text, uncertain guesses) the answer is `en`, the most common language of
//! international vacancies. A notice that opens in one notice language about the
//! organisation and names its job in another (see `mixed_notice_language`) takes the job's
//! language when its whole body holds enough of it.
//!
//! The function-word count gives whatlang's answer at a small part of its cost. On the
//! 95,887 distinct texts of the 100,000-posting benchmark replica and the shared feed, it
//! decides 95 % of them, every one as whatlang does (`examples/language_shortcut.rs` checks
//! any feed). Indexing spent a fifth of its time in whatlang before.

use whatlang::Lang;

use super::text::fold;

/// How much of the body (bytes) is given to the detector; enough for a stable answer.
pub const DETECT_BYTES: usize = 2_000;

/// Below this many letters an unreliable guess is not trusted.
pub const MIN_UNRELIABLE_CHARS: usize = 40;

/// The fallback when nothing can be decided.
pub const DEFAULT_LANGUAGE: &str = "en";

/// ISO 639-1 code of a whatlang language.
pub fn iso639_1(lang: Lang) -> &'static str {
    use Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    }
}

/// Understands an explicitly given language: an ISO 639-1 or 639-3 code (`fr`, `fra`,
/// `fr-CH`) or a name in English, French or Spanish (`French`, `français`, `francés`).
pub fn language_code(value: &str) -> Option<&'static str> {
    let v = fold(value.trim());
    let v = v.split(['-', '_']).next().unwrap_or("");
    let code = match v {
        "fr" | "fra" | "fre" | "french" | "francais" | "frances" => "fr",
        "en" | "eng" | "english" | "anglais" | "ingles" => "en",
        "es" | "spa" | "spanish" | "espagnol" | "espanol" | "castellano" => "es",
        "de" | "deu" | "ger" | "german" | "allemand" | "aleman" | "deutsch" => "de",
        "pt" | "por" | "portuguese" | "portugais" | "portugues" => "pt",
        "it" | "ita" | "italian" | "italien" | "italiano" => "it",
        "ar" | "ara" | "arabic" | "arabe" => "ar",
        "ru" | "rus" | "russian" | "russe" | "ruso" => "ru",
        "zh" | "zho" | "chi" | "cmn" | "chinese" | "chinois" | "chino" => "zh",
        _ => {
            let lang = Lang::from_code(v)?;
            iso639_1(lang)
        }
    };
    Some(code)
}

/// Detects the language of a posting from its title and body (see the module rule).
pub fn detect_language(title: &str, body: &str) -> String {
    let text = detection_sample(title, body);
    let sampled = clear_notice_language(&text).unwrap_or_else(|| whatlang_language(&text));
    mixed_notice_language(title, body, sampled)
        .unwrap_or(sampled)
        .to_string()
}

/// The language of a notice whose title names its job in another notice language than the
/// one its first [`DETECT_BYTES`] are written in (`sampled`): WFP's Colombian notices open
/// with two kB of English about WFP, then describe the `Asistente de Programas` post in
/// Spanish. The title's language wins when the whole body holds at least half as many of its
/// function words as of the sampled language's; `None` otherwise (a Spanish title on an
/// English notice stays English).
fn mixed_notice_language(title: &str, body: &str, sampled: &str) -> Option<&'static str> {
    if body.len() <= DETECT_BYTES {
        return None;
    }
    let sampled = NOTICE_LANGUAGES.iter().position(|&l| l == sampled)?;
    let named = title_language(title).filter(|&t| t != sampled)?;
    let (_, counts) = function_word_counts(body);
    (counts[named] * 2 >= counts[sampled]).then_some(NOTICE_LANGUAGES[named])
}

/// The notice languages, in the order of [`function_word`]'s indexes.
const NOTICE_LANGUAGES: [&str; 3] = ["en", "fr", "es"];

/// The notice language (index in [`NOTICE_LANGUAGES`]) a job title is written in, told by
/// its first part (before a comma): French or Spanish words of job titles and function words
/// of one of them only, and no English function word; `None` for English titles and when
/// nothing tells.
fn title_language(title: &str) -> Option<usize> {
    const FRENCH: &[&str] = &[
        "charge",
        "chargee",
        "coordinateur",
        "coordinatrice",
        "specialiste",
        "conseiller",
        "conseillere",
        "stagiaire",
        "assistante",
        "associee",
        "administrateur",
        "administratrice",
        "juriste",
        "comptable",
        "ingenieur",
        "medecin",
        "infirmier",
        "infirmiere",
        "logisticien",
        "logisticienne",
        "enqueteur",
        "enquetes",
        "projet",
        "projets",
    ];
    const SPANISH: &[&str] = &[
        "asistente",
        "asociado",
        "asociada",
        "oficial",
        "coordinador",
        "coordinadora",
        "especialista",
        "tecnico",
        "tecnica",
        "auxiliar",
        "analista",
        "gerente",
        "jefe",
        "jefa",
        "consultora",
        "asesor",
        "asesora",
        "pasante",
        "encargado",
        "encargada",
        "programas",
        "proyecto",
        "proyectos",
    ];
    let first = title.split(',').next().unwrap_or(title);
    let mut found = [false; 4];
    for word in fold(first)
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        if let Some(i) = function_word(word) {
            found[i] = true;
        } else if FRENCH.contains(&word) {
            found[1] = true;
        } else if SPANISH.contains(&word) {
            found[2] = true;
        }
    }
    match found {
        [false, true, false, false] => Some(1),
        [false, false, true, false] => Some(2),
        _ => None,
    }
}

/// What the language is told from: the title, a line break and the first [`DETECT_BYTES`]
/// of the body (cut on a character boundary).
pub fn detection_sample(title: &str, body: &str) -> String {
    let mut end = body.len().min(DETECT_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let mut text = String::with_capacity(title.len() + 1 + end);
    text.push_str(title);
    text.push('\n');
    text.push_str(&body[..end]);
    text
}

/// whatlang's answer for `text` under the module rule: used when reliable, or when it is a
/// notice language and the text has at least [`MIN_UNRELIABLE_CHARS`] letters; otherwise
/// [`DEFAULT_LANGUAGE`].
pub fn whatlang_language(text: &str) -> &'static str {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    match whatlang::detect(text) {
        Some(info) if info.is_reliable() => iso639_1(info.lang()),
        Some(info)
            if matches!(info.lang(), Lang::Fra | Lang::Eng | Lang::Spa)
                && letters >= MIN_UNRELIABLE_CHARS =>
        {
            iso639_1(info.lang())
        }
        _ => DEFAULT_LANGUAGE,
    }
}

/// Fewest function words of the notice language for [`clear_notice_language`] to decide.
const MIN_FUNCTION_WORDS: usize = 12;

/// How many times the function words of the notice language must outnumber those of the
/// next language (another notice language, or the languages listed in [`function_word`]
/// as others) for [`clear_notice_language`] to decide.
const FUNCTION_WORD_MARGIN: usize = 10;

/// Smallest share of the text's words (in 1/100) that the notice language's function words
/// must make up for [`clear_notice_language`] to decide.
const MIN_FUNCTION_WORD_PERCENT: usize = 8;

/// Index of the notice language whose function word `word` (lower case) is: 0 English,
/// 1 French, 2 Spanish, 3 another language written in the Latin alphabet (Portuguese,
/// Italian, German, Dutch, the Scandinavian languages, Czech). Words shared by several of
/// them (`de`, `la`, `en`, `a`, `que`) are not listed.
fn function_word(word: &str) -> Option<usize> {
    Some(match word {
        "the" | "and" | "of" | "to" | "with" | "for" | "is" | "are" | "will" | "be" | "this"
        | "have" | "our" => 0,
        "les" | "des" | "et" | "est" | "dans" | "pour" | "avec" | "aux" | "du" | "sur" | "une"
        | "au" | "sont" | "nous" | "vous" => 1,
        "los" | "las" | "y" | "del" | "el" | "para" | "con" | "por" | "una" | "se" | "su"
        | "sus" | "al" => 2,
        "do" | "da" | "dos" | "das" | "em" | "com" | "uma" | "não" | "ao" | "os" | "il"
        | "della" | "di" | "che" | "per" | "delle" | "gli" | "nel" | "sono" | "der" | "die"
        | "und" | "mit" | "für" | "von" | "zu" | "ist" | "den" | "auf" | "im" | "og" | "att"
        | "och" | "på" | "med" | "af" | "til" | "som" | "na" | "pro" | "je" | "že" | "jsou"
        | "een" | "het" | "van" | "voor" | "zijn" | "niet" => 3,
        _ => return None,
    })
}

/// The notice language (`en`, `fr`, `es`) whose function words make up a clear share of
/// `text` and outnumber those of every other language many times over; `None` when the
/// text is short, mixed or in another language, for whatlang to decide.
pub fn clear_notice_language(text: &str) -> Option<&'static str> {
    let (words, counts) = function_word_counts(text);
    let best = (0..3).max_by_key(|&i| counts[i])?;
    let next = (0..4)
        .filter(|&i| i != best)
        .map(|i| counts[i])
        .max()
        .unwrap_or(0);
    let clear = counts[best] >= MIN_FUNCTION_WORDS
        && counts[best] >= FUNCTION_WORD_MARGIN * next.max(1)
        && counts[best] * 100 >= MIN_FUNCTION_WORD_PERCENT * words;
    clear.then_some(NOTICE_LANGUAGES[best])
}

/// The words of `text`, and how many of them are function words of each index of
/// [`function_word`].
fn function_word_counts(text: &str) -> (usize, [usize; 4]) {
    let mut words = 0usize;
    let mut counts = [0usize; 4];
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        // Every function word listed has at most five letters.
        if word.len() > 6 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if let Some(i) = function_word(&lower) {
            counts[i] += 1;
        }
    }
    (words, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_three_notice_languages() {
        assert_eq!(
            detect_language(
                "Responsable technique de projet",
                "Le Bureau de l'OIT cherche à recruter un responsable technique qui travaillera \
                 en étroite collaboration avec les partenaires nationaux et les bureaux de la région."
            ),
            "fr"
        );
        assert_eq!(
            detect_language(
                "Programme Officer",
                "The office is seeking a programme officer who will work closely with national \
                 partners and provide technical support to the project team in the region."
            ),
            "en"
        );
        assert_eq!(
            detect_language(
                "Oficial de programa",
                "La oficina busca un oficial de programa que trabajará en estrecha colaboración \
                 con los socios nacionales y brindará apoyo técnico al equipo del proyecto."
            ),
            "es"
        );
    }

    #[test]
    fn a_job_named_in_another_language_than_the_notice_opens_with() {
        let about = "The organization is the largest humanitarian agency in the world and is \
            committed to the principle of equal employment for all of its staff. "
            .repeat(20);
        let duties = "El asistente de programas apoyará a la oficina en la ejecución de los \
            proyectos y en el seguimiento de las actividades con los socios del programa. "
            .repeat(14);
        let body = format!("{about}\n\n{duties}");
        assert!(about.len() > DETECT_BYTES);
        assert_eq!(
            detect_language("Asistente de Programas, Riohacha", &body),
            "es"
        );
        // The same notice under an English title, and a Spanish title on an English notice.
        assert_eq!(
            detect_language("Programme Assistant, Riohacha", &body),
            "en"
        );
        let english = format!("{about}\n\n{about}");
        assert_eq!(
            detect_language("Asistente de Programas, Riohacha", &english),
            "en"
        );
        // A French title is read as French.
        assert_eq!(
            title_language("Chargé(e) d’enquêtes, Port-au-Prince"),
            Some(1)
        );
        assert_eq!(title_language("Senior Officer for Programmes"), None);
    }

    #[test]
    fn other_languages() {
        assert_eq!(
            detect_language(
                "",
                "Die Organisation sucht eine engagierte Fachkraft für die Koordination der \
                 Projekte in der Region und die Zusammenarbeit mit den Partnern vor Ort."
            ),
            "de"
        );
    }

    #[test]
    fn short_or_empty_text_falls_back_to_english() {
        assert_eq!(detect_language("", ""), "en");
        assert_eq!(detect_language("P2", "12979"), "en");
    }

    #[test]
    fn explicit_names_and_codes() {
        assert_eq!(language_code("Français"), Some("fr"));
        assert_eq!(language_code("fr-CH"), Some("fr"));
        assert_eq!(language_code("spa"), Some("es"));
        assert_eq!(language_code("Inglés"), Some("en"));
        assert_eq!(language_code("deu"), Some("de"));
        assert_eq!(language_code("Klingon"), None);
    }

    /// whatlang's answer, without the function-word count.
    fn whatlang_only(text: &str) -> Option<&'static str> {
        whatlang::detect(text).map(|info| iso639_1(info.lang()))
    }

    const FRENCH: &str = "Sous la supervision du directeur du bureau et en étroite collaboration \
        avec les partenaires nationaux, le titulaire du poste est chargé de la coordination des \
        activités du projet dans les régions. Il veille à la qualité des rapports et des plans \
        de travail, appuie les missions sur le terrain et assure le suivi des dépenses pour \
        que les résultats soient atteints dans les délais. Il participe aux réunions avec les \
        autorités et rend compte au chef de projet.";
    const ENGLISH: &str = "Under the supervision of the head of office and in close \
        collaboration with the national partners, the incumbent is responsible for the \
        coordination of the activities of the project in the regions. The incumbent will \
        ensure the quality of reports and work plans, support field missions and follow up \
        on expenditure so that results are achieved on time. This role is based in the \
        country office and reports to the project manager.";
    const SPANISH: &str = "Bajo la supervisión del jefe de la oficina y en estrecha \
        colaboración con los socios nacionales, el titular del puesto es responsable de la \
        coordinación de las actividades del proyecto en las regiones. Vela por la calidad de \
        los informes y de los planes de trabajo, apoya las misiones sobre el terreno y hace el \
        seguimiento de los gastos para que los resultados se logren a tiempo. Participa en \
        las reuniones con las autoridades y rinde cuentas al jefe del proyecto.";
    const PORTUGUESE: &str = "Sob a supervisão do chefe do escritório e em estreita \
        colaboração com os parceiros nacionais, o titular do cargo é responsável pela \
        coordenação das atividades do projeto nas regiões. Zela pela qualidade dos relatórios \
        e dos planos de trabalho, apoia as missões no terreno e faz o acompanhamento das \
        despesas para que os resultados sejam alcançados a tempo. Participa das reuniões com \
        as autoridades e presta contas ao chefe do projeto.";
    const ITALIAN: &str = "Sotto la supervisione del capo ufficio e in stretta collaborazione \
        con i partner nazionali, il titolare del posto è responsabile del coordinamento delle \
        attività del progetto nelle regioni. Cura la qualità dei rapporti e dei piani di \
        lavoro, sostiene le missioni sul campo e segue le spese perché i risultati siano \
        raggiunti nei tempi. Partecipa alle riunioni con le autorità e riferisce al capo del \
        progetto per le questioni che sono di sua competenza.";

    #[test]
    fn function_words_decide_clear_notice_languages_as_whatlang_does() {
        for (text, code) in [(FRENCH, "fr"), (ENGLISH, "en"), (SPANISH, "es")] {
            assert_eq!(clear_notice_language(text), Some(code), "{text}");
            assert_eq!(whatlang_only(text), Some(code), "{text}");
            assert_eq!(detect_language("", text), code);
        }
    }

    #[test]
    fn other_languages_and_mixed_texts_are_left_to_whatlang() {
        // Portuguese and Italian share function words with Spanish and French.
        for (text, code) in [(PORTUGUESE, "pt"), (ITALIAN, "it")] {
            assert_eq!(clear_notice_language(text), None, "{text}");
            assert_eq!(detect_language("", text), code);
        }
        // Half English, half French: no clear majority.
        let mixed = format!("{ENGLISH} {FRENCH}");
        assert_eq!(clear_notice_language(&mixed), None);
        // Too few words to decide.
        assert_eq!(
            clear_notice_language("the head of the office and the team"),
            None
        );
    }

    #[test]
    fn body_cut_on_char_boundary() {
        // A multibyte letter straddles the detection limit: no panic, and a two-letter
        // code comes back (English, the fallback, as the text has no words of any language).
        let body = format!("a{}", "é".repeat(DETECT_BYTES));
        assert_eq!(detect_language("", &body), "en");
    }
}
