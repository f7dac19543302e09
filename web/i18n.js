// Interface texts (English, French, Spanish) and label tables for vacancy-search.
// Country codes: ISO 3166-1 alpha-3 -> alpha-2 pairs (facts from the ISO 3166-1 list;
// XKX/XK is the user-assigned code for Kosovo). Names come from Intl.DisplayNames.

/** Languages the interface speaks. */
export const UI_LANGS = ["en", "fr", "es"];

/** Interface texts; `{name}` is replaced, plural texts are objects keyed by Intl.PluralRules. */
export const MESSAGES = {
  en: {
    appTitle: "Vacancy search",
    skipToResults: "Skip to results",
    searchLabel: "Search vacancies",
    searchPlaceholder: "Job title, skills, organization…",
    searchButton: "Search",
    languageLabel: "Language",
    filtersHeading: "Filters",
    done: "Done",
    openOnly: "Open vacancies only",
    clearFilters: "Clear filters",
    includeClosed: "Include closed vacancies",
    resultsHeading: "Results",
    sortLabel: "Sort by",
    sortRelevance: "Relevance",
    sortPublished: "Newest",
    sortClosing: "Closing soon",
    pagesLabel: "Pages",
    close: "Close",
    count: { one: "{n} vacancy", other: "{n} vacancies" },
    countNone: "No vacancies",
    pageInfo: "page {page} of {pages}",
    prev: "Previous",
    next: "Next",
    pageN: "Page {n}",
    facet_location: "Location",
    facet_region: "Region",
    facet_country: "Country",
    facet_duty_station: "Duty station",
    facet_grade: "Grade",
    facet_contract_type: "Contract type",
    facet_organization: "Organization",
    facet_language: "Language of the notice",
    facet_unit: "Unit",
    facet_department: "Department",
    facet_subregion: "Sub-region",
    facet_skill: "Skills",
    facet_occupation: "Occupation",
    skillSearchLabel: "Search the skills",
    skillSearchPlaceholder: "Find a skill…",
    otherSkills: "Other skills",
    noSkillMatch: "No skill matches",
    skillsLabel: "Skills",
    moreSkills: { one: "Show {n} more skill", other: "Show {n} more skills" },
    filterBySkill: "Show vacancies asking for {label}",
    recognizedSkills: {
      one: "Also showing vacancies tagged {skills} in other languages.",
      other: "Also showing vacancies tagged {skills} in other languages.",
    },
    listAnd: " and ",
    suggestionsLabel: "Skills",
    suggestionKind: "skill",
    date_published_after: "Published after",
    date_published_before: "Published before",
    date_closing_after: "Closing after",
    date_closing_before: "Closing before",
    showMore: "Show {n} more",
    showLess: "Show fewer",
    noValues: "Nothing to filter by",
    activeFilters: "Active filters",
    removeFilter: "Remove filter {label}",
    closesIn: { one: "closes in {n} day", other: "closes in {n} days" },
    closesTomorrow: "closes tomorrow",
    closesToday: "closes today",
    closed: "closed",
    closesOn: "Closing date",
    noClosing: "closing date unknown",
    publishedOn: "published {date}",
    untitled: "Untitled vacancy",
    emptyTitle: "No vacancies match your search.",
    didYouMean: "Did you mean {query}?",
    readAsWords: "Your query's punctuation could not be read as search syntax: its words were searched.",
    relaxedSome: "No vacancy has every word searched: these have some of them.",
    leftOut: "Searched without {words}.",
    emptyHintFilters: "Try removing a filter, or search with fewer words.",
    emptyHintQuery: "Check the spelling or try other words.",
    emptyHintOpen: "Closed vacancies are hidden; you can include them.",
    errorTitle: "The search could not be completed.",
    errorNetwork: "The server could not be reached. Check your connection.",
    errorStatus: "The server answered with status {status}.",
    retry: "Try again",
    postingLoading: "Loading the vacancy…",
    postingError: "This vacancy could not be loaded.",
    field_vacancy_number: "Vacancy number",
    field_job_id: "Job ID",
    field_contract_duration: "Duration",
    field_language: "Language",
    field_published: "Published",
    field_closing: "Closing date",
    originalLink: "Read the original notice",
    postingPage: "Vacancy page",
    similarHeading: "Similar vacancies",
    postingPageLong: "Open the vacancy’s own page",
    followSearch: "Follow this search (Atom feed)",
    analyticsLink: "Analyse this search: map, trends, cross-tabs",
    newWindow: "(opens in a new tab)",
    contract: {
      "fixed-term": "Fixed-term", temporary: "Temporary", "short-term": "Short-term",
      consultancy: "Consultancy", internship: "Internship", volunteer: "Volunteer",
      permanent: "Permanent", other: "Other",
    },
    grade: { consultant: "Consultant", intern: "Intern", volunteer: "Volunteer" },
    region: {},
  },
  fr: {
    appTitle: "Recherche d’offres d’emploi",
    skipToResults: "Aller aux résultats",
    searchLabel: "Rechercher des offres",
    searchPlaceholder: "Intitulé, compétences, organisation…",
    searchButton: "Rechercher",
    languageLabel: "Langue",
    filtersHeading: "Filtres",
    done: "Terminé",
    openOnly: "Offres ouvertes uniquement",
    clearFilters: "Effacer les filtres",
    includeClosed: "Inclure les offres clôturées",
    resultsHeading: "Résultats",
    sortLabel: "Trier par",
    sortRelevance: "Pertinence",
    sortPublished: "Plus récentes",
    sortClosing: "Clôture proche",
    pagesLabel: "Pages",
    close: "Fermer",
    count: { one: "{n} offre", other: "{n} offres" },
    countNone: "Aucune offre",
    pageInfo: "page {page} sur {pages}",
    prev: "Précédente",
    next: "Suivante",
    pageN: "Page {n}",
    facet_location: "Lieu",
    facet_region: "Région",
    facet_country: "Pays",
    facet_duty_station: "Lieu d’affectation",
    facet_grade: "Grade",
    facet_contract_type: "Type de contrat",
    facet_organization: "Organisation",
    facet_language: "Langue de l’annonce",
    facet_unit: "Unité",
    facet_department: "Département",
    facet_subregion: "Sous-région",
    facet_skill: "Compétences",
    facet_occupation: "Métier",
    skillSearchLabel: "Chercher une compétence",
    skillSearchPlaceholder: "Trouver une compétence…",
    otherSkills: "Autres compétences",
    noSkillMatch: "Aucune compétence ne correspond",
    skillsLabel: "Compétences",
    moreSkills: { one: "Afficher {n} compétence de plus", other: "Afficher {n} compétences de plus" },
    filterBySkill: "Afficher les offres demandant : {label}",
    recognizedSkills: {
      one: "Sont aussi affichées les offres en d’autres langues associées à la compétence {skills}.",
      other: "Sont aussi affichées les offres en d’autres langues associées aux compétences {skills}.",
    },
    listAnd: " et ",
    suggestionsLabel: "Compétences",
    suggestionKind: "compétence",
    date_published_after: "Publiée après le",
    date_published_before: "Publiée avant le",
    date_closing_after: "Clôture après le",
    date_closing_before: "Clôture avant le",
    showMore: "Afficher {n} de plus",
    showLess: "Afficher moins",
    noValues: "Aucune valeur",
    activeFilters: "Filtres actifs",
    removeFilter: "Retirer le filtre {label}",
    closesIn: { one: "clôture dans {n} jour", other: "clôture dans {n} jours" },
    closesTomorrow: "clôture demain",
    closesToday: "clôture aujourd’hui",
    closed: "clôturée",
    closesOn: "Date de clôture",
    noClosing: "date de clôture inconnue",
    publishedOn: "publiée le {date}",
    untitled: "Offre sans titre",
    emptyTitle: "Aucune offre ne correspond à votre recherche.",
    didYouMean: "Vouliez-vous dire {query} ?",
    readAsWords: "La ponctuation de votre recherche n'a pas pu être lue comme une syntaxe : ses mots ont été cherchés.",
    relaxedSome: "Aucune offre ne contient tous les mots cherchés : voici celles qui en contiennent une partie.",
    leftOut: "Recherche faite sans {words}.",
    emptyHintFilters: "Essayez de retirer un filtre ou de chercher avec moins de mots.",
    emptyHintQuery: "Vérifiez l’orthographe ou essayez d’autres mots.",
    emptyHintOpen: "Les offres clôturées sont masquées ; vous pouvez les inclure.",
    errorTitle: "La recherche n’a pas pu aboutir.",
    errorNetwork: "Le serveur est injoignable. Vérifiez votre connexion.",
    errorStatus: "Le serveur a répondu avec le statut {status}.",
    retry: "Réessayer",
    postingLoading: "Chargement de l’offre…",
    postingError: "Cette offre n’a pas pu être chargée.",
    field_vacancy_number: "Numéro du poste",
    field_job_id: "Job ID",
    field_contract_duration: "Durée",
    field_language: "Langue",
    field_published: "Publication",
    field_closing: "Date de clôture",
    originalLink: "Lire l’annonce originale",
    postingPage: "Page de l’offre",
    similarHeading: "Offres similaires",
    postingPageLong: "Ouvrir la page de l’offre",
    followSearch: "Suivre cette recherche (flux Atom)",
    analyticsLink: "Analyser cette recherche : carte, tendances, tableaux croisés",
    newWindow: "(s’ouvre dans un nouvel onglet)",
    contract: {
      "fixed-term": "Durée déterminée", temporary: "Temporaire", "short-term": "Courte durée",
      consultancy: "Consultation", internship: "Stage", volunteer: "Volontariat",
      permanent: "Permanent", other: "Autre",
    },
    grade: { consultant: "Consultant", intern: "Stagiaire", volunteer: "Volontaire" },
    region: {
      Africa: "Afrique", Americas: "Amériques", Asia: "Asie", Europe: "Europe", Oceania: "Océanie",
      "Northern Africa": "Afrique du Nord", "Sub-Saharan Africa": "Afrique subsaharienne",
      "Eastern Africa": "Afrique de l’Est", "Middle Africa": "Afrique centrale",
      "Southern Africa": "Afrique australe", "Western Africa": "Afrique de l’Ouest",
      "Latin America and the Caribbean": "Amérique latine et Caraïbes", Caribbean: "Caraïbes",
      "Central America": "Amérique centrale", "South America": "Amérique du Sud",
      "Northern America": "Amérique septentrionale", "Central Asia": "Asie centrale",
      "Eastern Asia": "Asie de l’Est", "South-eastern Asia": "Asie du Sud-Est",
      "Southern Asia": "Asie du Sud", "Western Asia": "Asie de l’Ouest",
      "Eastern Europe": "Europe de l’Est", "Northern Europe": "Europe du Nord",
      "Southern Europe": "Europe du Sud", "Western Europe": "Europe de l’Ouest",
      "Australia and New Zealand": "Australie et Nouvelle-Zélande", Melanesia: "Mélanésie",
      Micronesia: "Micronésie", Polynesia: "Polynésie",
    },
  },
  es: {
    appTitle: "Búsqueda de vacantes",
    skipToResults: "Ir a los resultados",
    searchLabel: "Buscar vacantes",
    searchPlaceholder: "Puesto, competencias, organización…",
    searchButton: "Buscar",
    languageLabel: "Idioma",
    filtersHeading: "Filtros",
    done: "Listo",
    openOnly: "Solo vacantes abiertas",
    clearFilters: "Quitar los filtros",
    includeClosed: "Incluir vacantes cerradas",
    resultsHeading: "Resultados",
    sortLabel: "Ordenar por",
    sortRelevance: "Relevancia",
    sortPublished: "Más recientes",
    sortClosing: "Cierre próximo",
    pagesLabel: "Páginas",
    close: "Cerrar",
    count: { one: "{n} vacante", other: "{n} vacantes" },
    countNone: "Ninguna vacante",
    pageInfo: "página {page} de {pages}",
    prev: "Anterior",
    next: "Siguiente",
    pageN: "Página {n}",
    facet_location: "Ubicación",
    facet_region: "Región",
    facet_country: "País",
    facet_duty_station: "Lugar de destino",
    facet_grade: "Categoría",
    facet_contract_type: "Tipo de contrato",
    facet_organization: "Organización",
    facet_language: "Idioma del anuncio",
    facet_unit: "Unidad",
    facet_department: "Departamento",
    facet_subregion: "Subregión",
    facet_skill: "Competencias",
    facet_occupation: "Ocupación",
    skillSearchLabel: "Buscar una competencia",
    skillSearchPlaceholder: "Encontrar una competencia…",
    otherSkills: "Otras competencias",
    noSkillMatch: "Ninguna competencia coincide",
    skillsLabel: "Competencias",
    moreSkills: { one: "Mostrar {n} competencia más", other: "Mostrar {n} competencias más" },
    filterBySkill: "Mostrar las vacantes que piden: {label}",
    recognizedSkills: {
      one: "También se muestran vacantes en otros idiomas etiquetadas con la competencia {skills}.",
      other: "También se muestran vacantes en otros idiomas etiquetadas con las competencias {skills}.",
    },
    listAnd: " y ",
    suggestionsLabel: "Competencias",
    suggestionKind: "competencia",
    date_published_after: "Publicada después del",
    date_published_before: "Publicada antes del",
    date_closing_after: "Cierra después del",
    date_closing_before: "Cierra antes del",
    showMore: "Mostrar {n} más",
    showLess: "Mostrar menos",
    noValues: "Sin valores",
    activeFilters: "Filtros activos",
    removeFilter: "Quitar el filtro {label}",
    closesIn: { one: "cierra en {n} día", other: "cierra en {n} días" },
    closesTomorrow: "cierra mañana",
    closesToday: "cierra hoy",
    closed: "cerrada",
    closesOn: "Fecha de cierre",
    noClosing: "fecha de cierre desconocida",
    publishedOn: "publicada el {date}",
    untitled: "Vacante sin título",
    emptyTitle: "Ninguna vacante coincide con su búsqueda.",
    didYouMean: "¿Quiso decir {query}?",
    readAsWords: "La puntuación de su búsqueda no pudo leerse como sintaxis: se buscaron sus palabras.",
    relaxedSome: "Ninguna vacante contiene todas las palabras buscadas: estas contienen algunas.",
    leftOut: "Se buscó sin {words}.",
    emptyHintFilters: "Pruebe a quitar un filtro o a buscar con menos palabras.",
    emptyHintQuery: "Revise la ortografía o pruebe otras palabras.",
    emptyHintOpen: "Las vacantes cerradas están ocultas; puede incluirlas.",
    errorTitle: "No se pudo completar la búsqueda.",
    errorNetwork: "No se pudo contactar con el servidor. Revise su conexión.",
    errorStatus: "El servidor respondió con el estado {status}.",
    retry: "Reintentar",
    postingLoading: "Cargando la vacante…",
    postingError: "No se pudo cargar esta vacante.",
    field_vacancy_number: "Número de vacante",
    field_job_id: "Job ID",
    field_contract_duration: "Duración",
    field_language: "Idioma",
    field_published: "Publicación",
    field_closing: "Fecha de cierre",
    originalLink: "Leer el anuncio original",
    postingPage: "Página de la vacante",
    similarHeading: "Vacantes similares",
    postingPageLong: "Abrir la página de la vacante",
    followSearch: "Seguir esta búsqueda (canal Atom)",
    analyticsLink: "Analizar esta búsqueda: mapa, tendencias, tablas cruzadas",
    newWindow: "(se abre en una pestaña nueva)",
    contract: {
      "fixed-term": "Plazo fijo", temporary: "Temporal", "short-term": "Corta duración",
      consultancy: "Consultoría", internship: "Pasantía", volunteer: "Voluntariado",
      permanent: "Permanente", other: "Otro",
    },
    grade: { consultant: "Consultor/a", intern: "Pasante", volunteer: "Voluntario/a" },
    region: {
      Africa: "África", Americas: "Américas", Asia: "Asia", Europe: "Europa", Oceania: "Oceanía",
      "Northern Africa": "África septentrional", "Sub-Saharan Africa": "África subsahariana",
      "Eastern Africa": "África oriental", "Middle Africa": "África central",
      "Southern Africa": "África meridional", "Western Africa": "África occidental",
      "Latin America and the Caribbean": "América Latina y el Caribe", Caribbean: "Caribe",
      "Central America": "Centroamérica", "South America": "América del Sur",
      "Northern America": "América septentrional", "Central Asia": "Asia central",
      "Eastern Asia": "Asia oriental", "South-eastern Asia": "Asia sudoriental",
      "Southern Asia": "Asia meridional", "Western Asia": "Asia occidental",
      "Eastern Europe": "Europa oriental", "Northern Europe": "Europa septentrional",
      "Southern Europe": "Europa meridional", "Western Europe": "Europa occidental",
      "Australia and New Zealand": "Australia y Nueva Zelandia", Melanesia: "Melanesia",
      Micronesia: "Micronesia", Polynesia: "Polinesia",
    },
  },
};

// ISO 3166-1: each 5-letter group is alpha-3 followed by alpha-2.
const ALPHA3_TO_2 = (() => {
  const packed =
  "ABWAWAFGAFAGOAOAIAAIALAAXALBALANDADAREAEARGARARMAMASMASATAAQATFTFATGAGAUSAUAUTATAZEAZBDIBIBELBEBENBJ" +
  "BESBQBFABFBGDBDBGRBGBHRBHBHSBSBIHBABLMBLBLRBYBLZBZBMUBMBOLBOBRABRBRBBBBRNBNBTNBTBVTBVBWABWCAFCFCANCA" +
  "CCKCCCHECHCHLCLCHNCNCIVCICMRCMCODCDCOGCGCOKCKCOLCOCOMKMCPVCVCRICRCUBCUCUWCWCXRCXCYMKYCYPCYCZECZDEUDE" +
  "DJIDJDMADMDNKDKDOMDODZADZECUECEGYEGERIERESHEHESPESESTEEETHETFINFIFJIFJFLKFKFRAFRFROFOFSMFMGABGAGBRGB" +
  "GEOGEGGYGGGHAGHGIBGIGINGNGLPGPGMBGMGNBGWGNQGQGRCGRGRDGDGRLGLGTMGTGUFGFGUMGUGUYGYHKGHKHMDHMHNDHNHRVHR" +
  "HTIHTHUNHUIDNIDIMNIMINDINIOTIOIRLIEIRNIRIRQIQISLISISRILITAITJAMJMJEYJEJORJOJPNJPKAZKZKENKEKGZKGKHMKH" +
  "KIRKIKNAKNKORKRKWTKWLAOLALBNLBLBRLRLBYLYLCALCLIELILKALKLSOLSLTULTLUXLULVALVMACMOMAFMFMARMAMCOMCMDAMD" +
  "MDGMGMDVMVMEXMXMHLMHMKDMKMLIMLMLTMTMMRMMMNEMEMNGMNMNPMPMOZMZMRTMRMSRMSMTQMQMUSMUMWIMWMYSMYMYTYTNAMNA" +
  "NCLNCNERNENFKNFNGANGNICNINIUNUNLDNLNORNONPLNPNRUNRNZLNZOMNOMPAKPKPANPAPCNPNPERPEPHLPHPLWPWPNGPGPOLPL" +
  "PRIPRPRKKPPRTPTPRYPYPSEPSPYFPFQATQAREUREROURORUSRURWARWSAUSASDNSDSENSNSGPSGSGSGSSHNSHSJMSJSLBSBSLESL" +
  "SLVSVSMRSMSOMSOSPMPMSRBRSSSDSSSTPSTSURSRSVKSKSVNSISWESESWZSZSXMSXSYCSCSYRSYTCATCTCDTDTGOTGTHATHTJKTJ" +
  "TKLTKTKMTMTLSTLTONTOTTOTTTUNTNTURTRTUVTVTWNTWTZATZUGAUGUKRUAUMIUMURYUYUSAUSUZBUZVATVAVCTVCVENVEVGBVG" +
  "VIRVIVNMVNVUTVUWLFWFWSMWSYEMYEZAFZAZMBZMZWEZWXKXXK";
  const map = new Map();
  for (let i = 0; i + 5 <= packed.length; i += 5) map.set(packed.slice(i, i + 3), packed.slice(i + 3, i + 5));
  return map;
})();

const displayNames = new Map();
function displayName(lang, type, code) {
  if (typeof Intl === "undefined" || typeof Intl.DisplayNames !== "function") return null;
  const key = lang + "/" + type;
  if (!displayNames.has(key)) {
    try {
      displayNames.set(key, new Intl.DisplayNames([lang], { type, fallback: "none" }));
    } catch {
      displayNames.set(key, null);
    }
  }
  const names = displayNames.get(key);
  if (!names) return null;
  try {
    return names.of(code) || null;
  } catch {
    return null;
  }
}

/** The name of a country given by its ISO alpha-3 (or alpha-2) code, else the code. */
export function countryName(lang, code) {
  if (!code) return "";
  const upper = String(code).toUpperCase();
  const alpha2 = upper.length === 2 ? upper : ALPHA3_TO_2.get(upper);
  return (alpha2 && displayName(lang, "region", alpha2)) || String(code);
}

/** The name of a language given by its ISO 639-1 code, else the code. */
export function languageName(lang, code) {
  if (!code) return "";
  const name = displayName(lang, "language", code);
  if (!name) return String(code);
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** The interface language to start with: URL, then saved choice, then the browser's. */
export function pickLanguage(fromUrl, saved, browserLangs) {
  for (const candidate of [fromUrl, saved, ...(browserLangs || [])]) {
    const base = String(candidate || "").toLowerCase().split("-")[0];
    if (UI_LANGS.includes(base)) return base;
  }
  return "en";
}
