//! The analytics page's words in English, French and Spanish.

use crate::search::FacetField;

/// The interface language of the analytics page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UiLang {
    /// English (the default).
    #[default]
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl UiLang {
    /// Every interface language, in the order the page offers them.
    pub const ALL: [UiLang; 3] = [UiLang::En, UiLang::Fr, UiLang::Es];

    /// The language's code, as in the `lang` parameter: `en`, `fr` or `es`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            UiLang::En => "en",
            UiLang::Fr => "fr",
            UiLang::Es => "es",
        }
    }

    /// The language named by `code` (`en`, `fr`, `es`), if any.
    #[must_use]
    pub fn from_code(code: &str) -> Option<UiLang> {
        UiLang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name.
    #[must_use]
    pub fn native_name(self) -> &'static str {
        match self {
            UiLang::En => "English",
            UiLang::Fr => "Français",
            UiLang::Es => "Español",
        }
    }

    pub(super) fn labels(self) -> &'static Labels {
        match self {
            UiLang::En => &EN,
            UiLang::Fr => &FR,
            UiLang::Es => &ES,
        }
    }

    /// A number written the language's way (`12,345`, `12 345`, `12.345`).
    #[must_use]
    pub fn number(self, n: u64) -> String {
        let digits = n.to_string();
        let separator = match self {
            UiLang::En => ",",
            UiLang::Fr => "\u{202f}",
            UiLang::Es => ".",
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(separator);
            }
            out.push(c);
        }
        out
    }

    /// A share in per cent with one decimal (`12.5 %` / `12,5 %`).
    #[must_use]
    pub fn percent(self, part: u64, whole: u64) -> String {
        let share = if whole == 0 {
            0.0
        } else {
            part as f64 * 100.0 / whole as f64
        };
        let text = format!("{share:.1}");
        match self {
            UiLang::En => format!("{text}%"),
            UiLang::Fr | UiLang::Es => format!("{}\u{a0}%", text.replace('.', ",")),
        }
    }
}

/// The page's words in one language.
pub(super) struct Labels {
    pub title: &'static str,
    pub search_page: &'static str,
    pub open_in_search: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub language: &'static str,
    pub matching: &'static str,
    pub no_match: &'static str,
    pub filters: &'static str,
    pub remove_filter: &'static str,
    pub clear_filters: &'static str,
    pub open_only: &'static str,
    pub include_closed: &'static str,
    pub showing_open: &'static str,
    pub showing_all: &'static str,
    pub map: &'static str,
    pub map_note: &'static str,
    pub not_on_map: &'static str,
    pub trends: &'static str,
    pub trend_by: &'static str,
    pub published_per_month: &'static str,
    pub closing_per_month: &'static str,
    pub all_matching: &'static str,
    pub month: &'static str,
    pub cross_tabs: &'static str,
    pub row_share: &'static str,
    pub total: &'static str,
    pub top_lists: &'static str,
    pub postings: &'static str,
    pub share: &'static str,
    pub table_view: &'static str,
    pub download: &'static str,
    pub none: &'static str,
}

const EN: Labels = Labels {
    title: "Vacancy analytics",
    search_page: "Vacancy search",
    open_in_search: "Open these postings in the search",
    search_label: "Search vacancies",
    search_button: "Analyse",
    language: "Language",
    matching: "matching postings",
    no_match: "No posting matches this search and these filters.",
    filters: "Filters",
    remove_filter: "Remove filter",
    clear_filters: "Clear filters",
    open_only: "Open vacancies only",
    include_closed: "Include closed vacancies",
    showing_open: "Open vacancies only.",
    showing_all: "Open and closed vacancies.",
    map: "Where: postings by country",
    map_note: "Select a country to narrow every chart to it.",
    not_on_map: "Not on the map",
    trends: "When: postings per month",
    trend_by: "One line per",
    published_per_month: "Published per month",
    closing_per_month: "Closing per month",
    all_matching: "All matching",
    month: "Month",
    cross_tabs: "Cross-tabs",
    row_share: "share of the row",
    total: "Total",
    top_lists: "Top lists",
    postings: "postings",
    share: "Share",
    table_view: "Table view",
    download: "Download",
    none: "(none)",
};

const FR: Labels = Labels {
    title: "Analyse des offres",
    search_page: "Recherche d’offres",
    open_in_search: "Ouvrir ces offres dans la recherche",
    search_label: "Rechercher des offres",
    search_button: "Analyser",
    language: "Langue",
    matching: "offres correspondantes",
    no_match: "Aucune offre ne correspond à cette recherche et à ces filtres.",
    filters: "Filtres",
    remove_filter: "Retirer le filtre",
    clear_filters: "Effacer les filtres",
    open_only: "Offres ouvertes seulement",
    include_closed: "Inclure les offres clôturées",
    showing_open: "Offres ouvertes seulement.",
    showing_all: "Offres ouvertes et clôturées.",
    map: "Où : offres par pays",
    map_note: "Choisissez un pays pour y restreindre tous les graphiques.",
    not_on_map: "Hors de la carte",
    trends: "Quand : offres par mois",
    trend_by: "Une ligne par",
    published_per_month: "Publiées par mois",
    closing_per_month: "Clôturées par mois",
    all_matching: "Toutes",
    month: "Mois",
    cross_tabs: "Tableaux croisés",
    row_share: "part de la ligne",
    total: "Total",
    top_lists: "Classements",
    postings: "offres",
    share: "Part",
    table_view: "Vue en tableau",
    download: "Télécharger",
    none: "(aucun)",
};

const ES: Labels = Labels {
    title: "Análisis de vacantes",
    search_page: "Búsqueda de vacantes",
    open_in_search: "Abrir estas vacantes en la búsqueda",
    search_label: "Buscar vacantes",
    search_button: "Analizar",
    language: "Idioma",
    matching: "vacantes coincidentes",
    no_match: "Ninguna vacante coincide con esta búsqueda y estos filtros.",
    filters: "Filtros",
    remove_filter: "Quitar el filtro",
    clear_filters: "Borrar los filtros",
    open_only: "Solo vacantes abiertas",
    include_closed: "Incluir vacantes cerradas",
    showing_open: "Solo vacantes abiertas.",
    showing_all: "Vacantes abiertas y cerradas.",
    map: "Dónde: vacantes por país",
    map_note: "Elija un país para limitar todos los gráficos a él.",
    not_on_map: "Fuera del mapa",
    trends: "Cuándo: vacantes por mes",
    trend_by: "Una línea por",
    published_per_month: "Publicadas por mes",
    closing_per_month: "Cierres por mes",
    all_matching: "Todas",
    month: "Mes",
    cross_tabs: "Tablas cruzadas",
    row_share: "parte de la fila",
    total: "Total",
    top_lists: "Clasificaciones",
    postings: "vacantes",
    share: "Parte",
    table_view: "Vista de tabla",
    download: "Descargar",
    none: "(ninguno)",
};

/// The name of `facet` in `lang`.
#[must_use]
pub fn facet_name(lang: UiLang, facet: FacetField) -> &'static str {
    use FacetField as F;
    match (lang, facet) {
        (UiLang::En, F::Grade) => "Grade",
        (UiLang::Fr, F::Grade) => "Grade",
        (UiLang::Es, F::Grade) => "Grado",
        (UiLang::En, F::Unit) => "Unit",
        (UiLang::Fr, F::Unit) => "Unité",
        (UiLang::Es, F::Unit) => "Unidad",
        (UiLang::En, F::Department) => "Department",
        (UiLang::Fr, F::Department) => "Département",
        (UiLang::Es, F::Department) => "Departamento",
        (UiLang::En, F::Organization) => "Organization",
        (UiLang::Fr, F::Organization) => "Organisation",
        (UiLang::Es, F::Organization) => "Organización",
        (UiLang::En, F::DutyStation) => "Duty station",
        (UiLang::Fr, F::DutyStation) => "Lieu d’affectation",
        (UiLang::Es, F::DutyStation) => "Lugar de destino",
        (UiLang::En, F::ContractType) => "Contract type",
        (UiLang::Fr, F::ContractType) => "Type de contrat",
        (UiLang::Es, F::ContractType) => "Tipo de contrato",
        (UiLang::En, F::Language) => "Language",
        (UiLang::Fr, F::Language) => "Langue",
        (UiLang::Es, F::Language) => "Idioma",
        (UiLang::En, F::Country) => "Country",
        (UiLang::Fr, F::Country) => "Pays",
        (UiLang::Es, F::Country) => "País",
        (UiLang::En, F::Region) => "Region",
        (UiLang::Fr, F::Region) => "Région",
        (UiLang::Es, F::Region) => "Región",
        (UiLang::En, F::Subregion) => "Sub-region",
        (UiLang::Fr, F::Subregion) => "Sous-région",
        (UiLang::Es, F::Subregion) => "Subregión",
        (UiLang::En, F::Skill) => "Skill",
        (UiLang::Fr, F::Skill) => "Compétence",
        (UiLang::Es, F::Skill) => "Competencia",
        (UiLang::En, F::Occupation) => "Occupation",
        (UiLang::Fr, F::Occupation) => "Métier",
        (UiLang::Es, F::Occupation) => "Ocupación",
    }
}

/// How a value of `facet` reads in `lang`: country codes become names, other values are
/// shown as indexed.
#[must_use]
pub fn value_name(lang: UiLang, facet: FacetField, value: &str) -> String {
    if facet != FacetField::Country {
        return value.to_owned();
    }
    match crate::geo::gazetteer().country(value) {
        Some(c) => match lang {
            UiLang::En => c.name_en,
            UiLang::Fr => c.name_fr,
            UiLang::Es => c.name_es,
        }
        .to_owned(),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_shares_follow_the_language() {
        assert_eq!(UiLang::En.number(1_234_567), "1,234,567");
        assert_eq!(UiLang::Es.number(999), "999");
        assert_eq!(UiLang::Fr.number(12_345), "12\u{202f}345");
        assert_eq!(UiLang::En.percent(1, 8), "12.5%");
        assert_eq!(UiLang::Fr.percent(1, 8), "12,5\u{a0}%");
        assert_eq!(UiLang::Es.percent(3, 0), "0,0\u{a0}%");
    }

    #[test]
    fn country_codes_read_as_names() {
        assert_eq!(
            value_name(UiLang::Fr, FacetField::Country, "SEN"),
            "Sénégal"
        );
        assert_eq!(value_name(UiLang::En, FacetField::Grade, "P3"), "P3");
    }
}
