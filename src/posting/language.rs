//! The language of a posting, as an ISO 639-1 code.
//!
//! Rule: a language given explicitly (feed `language`/`lang` key, a notice's `Langue:`
//! label) wins when [`language_code`] understands it. Otherwise [`detect_language`] runs
//! whatlang on the title and the first [`DETECT_BYTES`] of the body. whatlang's answer is
//! used when it is reliable, or when it is one of the notice languages (French, English,
//! Spanish) and the text has at least [`MIN_UNRELIABLE_CHARS`] letters. Otherwise (empty or
//! very short text, uncertain guesses) the answer is `en`, the most common language of
//! international vacancies.

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
    let mut end = body.len().min(DETECT_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let mut text = String::with_capacity(title.len() + 1 + end);
    text.push_str(title);
    text.push('\n');
    text.push_str(&body[..end]);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    match whatlang::detect(&text) {
        Some(info) if info.is_reliable() => iso639_1(info.lang()).to_string(),
        Some(info)
            if matches!(info.lang(), Lang::Fra | Lang::Eng | Lang::Spa)
                && letters >= MIN_UNRELIABLE_CHARS =>
        {
            iso639_1(info.lang()).to_string()
        }
        _ => DEFAULT_LANGUAGE.to_string(),
    }
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

    #[test]
    fn body_cut_on_char_boundary() {
        // A multibyte letter straddles the detection limit: no panic, and a two-letter
        // code comes back (English, the fallback, as the text has no words of any language).
        let body = format!("a{}", "é".repeat(DETECT_BYTES));
        assert_eq!(detect_language("", &body), "en");
    }
}
