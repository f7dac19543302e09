//! Organisations, grades, contract types and fields of work of the synthetic postings.
//!
//! Organisation names are real (facts); everything else is written for this generator.
//! Text arrays are indexed by language slot: 0 English, 1 French, 2 Spanish.

/// A publishing organisation.
pub(crate) struct Org {
    /// The name as a feed gives it (`WFP - World Food Programme`).
    pub(crate) name: &'static str,
    /// Short name used in the body, per language.
    pub(crate) short: [&'static str; 3],
    /// Whether it belongs to the UN system.
    pub(crate) is_un: bool,
    /// Relative frequency.
    pub(crate) weight: u32,
}

const fn org(name: &'static str, short: [&'static str; 3], is_un: bool, weight: u32) -> Org {
    Org {
        name,
        short,
        is_un,
        weight,
    }
}

/// The organisations (17).
pub(crate) const ORGS: &[Org] = &[
    org(
        "UNICEF - United Nations Children's Fund",
        ["UNICEF", "UNICEF", "UNICEF"],
        true,
        14,
    ),
    org(
        "UNDP - United Nations Development Programme",
        ["UNDP", "PNUD", "PNUD"],
        true,
        12,
    ),
    org("WFP - World Food Programme", ["WFP", "PAM", "PMA"], true, 9),
    org(
        "WHO - World Health Organization",
        ["WHO", "OMS", "OMS"],
        true,
        8,
    ),
    org(
        "UNHCR - UN High Commissioner for Refugees",
        ["UNHCR", "HCR", "ACNUR"],
        true,
        8,
    ),
    org(
        "FAO - Food and Agriculture Organization",
        ["FAO", "FAO", "FAO"],
        true,
        5,
    ),
    org(
        "UNOPS - United Nations Office for Project Services",
        ["UNOPS", "UNOPS", "UNOPS"],
        true,
        5,
    ),
    org(
        "IOM - International Organization for Migration",
        ["IOM", "OIM", "OIM"],
        true,
        7,
    ),
    org(
        "UNFPA - United Nations Population Fund",
        ["UNFPA", "UNFPA", "UNFPA"],
        true,
        4,
    ),
    org(
        "UNESCO - United Nations Educational, Scientific and Cultural Organization",
        ["UNESCO", "UNESCO", "UNESCO"],
        true,
        3,
    ),
    org(
        "OCHA - Office for the Coordination of Humanitarian Affairs",
        ["OCHA", "OCHA", "OCHA"],
        true,
        3,
    ),
    org(
        "ILO - International Labour Organization",
        ["ILO", "OIT", "OIT"],
        true,
        3,
    ),
    org(
        "International Rescue Committee (IRC)",
        ["IRC", "IRC", "IRC"],
        false,
        6,
    ),
    org(
        "Médecins Sans Frontières (MSF)",
        ["MSF", "MSF", "MSF"],
        false,
        5,
    ),
    org(
        "Norwegian Refugee Council (NRC)",
        ["NRC", "NRC", "NRC"],
        false,
        4,
    ),
    org(
        "Save the Children",
        [
            "Save the Children",
            "Save the Children",
            "Save the Children",
        ],
        false,
        5,
    ),
    org(
        "Danish Refugee Council (DRC)",
        ["DRC", "DRC", "DRC"],
        false,
        3,
    ),
];

/// Staff category of a grade: decides titles and contract types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    /// P1–P2.
    JuniorProfessional,
    /// P3–P4.
    Professional,
    /// P5.
    SeniorProfessional,
    /// D1–D2.
    Director,
    /// G3–G5.
    GeneralService,
    /// G6–G7.
    SeniorGeneralService,
    /// NOA–NOD.
    NationalOfficer,
    /// Consultants.
    Consultant,
    /// Interns.
    Intern,
}

/// A grade: its label per language, category and frequency.
pub(crate) struct Grade {
    /// As written after `Grade:` (`P-3`, `NO-B`, `Consultant`).
    pub(crate) label: [&'static str; 3],
    /// Staff category.
    pub(crate) category: Category,
    /// Relative frequency.
    pub(crate) weight: u32,
}

const fn g(label: &'static str, category: Category, weight: u32) -> Grade {
    Grade {
        label: [label, label, label],
        category,
        weight,
    }
}

/// Grades in plausible proportions (mid-level professional posts and consultancies dominate).
pub(crate) const GRADES: &[Grade] = &[
    g("P-1", Category::JuniorProfessional, 2),
    g("P-2", Category::JuniorProfessional, 10),
    g("P-3", Category::Professional, 16),
    g("P-4", Category::Professional, 12),
    g("P-5", Category::SeniorProfessional, 6),
    g("D-1", Category::Director, 2),
    g("D-2", Category::Director, 1),
    g("G-3", Category::GeneralService, 3),
    g("G-4", Category::GeneralService, 6),
    g("G-5", Category::GeneralService, 7),
    g("G-6", Category::SeniorGeneralService, 5),
    g("G-7", Category::SeniorGeneralService, 2),
    g("NO-A", Category::NationalOfficer, 3),
    g("NO-B", Category::NationalOfficer, 4),
    g("NO-C", Category::NationalOfficer, 3),
    g("NO-D", Category::NationalOfficer, 1),
    Grade {
        label: ["Consultant", "Consultant", "Consultor"],
        category: Category::Consultant,
        weight: 12,
    },
    Grade {
        label: ["Intern", "Stagiaire", "Pasante"],
        category: Category::Intern,
        weight: 5,
    },
];

/// A contract type as written in each language, and its usual duration in months.
pub(crate) struct Contract {
    /// Label per language.
    pub(crate) label: [&'static str; 3],
    /// Possible durations in months.
    pub(crate) months: &'static [u32],
    /// Whether the duration is usually renewable.
    pub(crate) renewable: bool,
}

/// Fixed-term appointment.
pub(crate) const FIXED_TERM: Contract = Contract {
    label: [
        "Fixed-term appointment",
        "Engagement de durée déterminée",
        "Nombramiento de plazo fijo",
    ],
    months: &[12, 12, 12, 24, 24, 36],
    renewable: true,
};
/// Temporary appointment.
pub(crate) const TEMPORARY: Contract = Contract {
    label: [
        "Temporary appointment",
        "Engagement temporaire",
        "Nombramiento temporal",
    ],
    months: &[3, 6, 6, 9, 11],
    renewable: false,
};
/// Continuing appointment.
pub(crate) const CONTINUING: Contract = Contract {
    label: [
        "Continuing appointment",
        "Engagement continu",
        "Nombramiento continuo",
    ],
    months: &[],
    renewable: false,
};
/// Consultancy.
pub(crate) const CONSULTANCY: Contract = Contract {
    label: [
        "Consultancy",
        "Contrat de consultant",
        "Contrato de consultoría",
    ],
    months: &[1, 2, 3, 3, 4, 6, 11],
    renewable: false,
};
/// Internship.
pub(crate) const INTERNSHIP: Contract = Contract {
    label: ["Internship", "Stage", "Pasantía"],
    months: &[3, 4, 6, 6],
    renewable: false,
};

/// Contract types for a category, with weights.
pub(crate) fn contracts_for(category: Category) -> &'static [(&'static Contract, u32)] {
    match category {
        Category::JuniorProfessional | Category::Professional | Category::SeniorProfessional => {
            &[(&FIXED_TERM, 70), (&TEMPORARY, 25), (&CONTINUING, 5)]
        }
        Category::Director => &[(&FIXED_TERM, 85), (&CONTINUING, 15)],
        Category::GeneralService | Category::SeniorGeneralService => {
            &[(&FIXED_TERM, 55), (&TEMPORARY, 45)]
        }
        Category::NationalOfficer => &[(&FIXED_TERM, 80), (&TEMPORARY, 20)],
        Category::Consultant => &[(&CONSULTANCY, 1)],
        Category::Intern => &[(&INTERNSHIP, 1)],
    }
}

/// A field of work: the name used in titles, its stock phrases and its degree subjects.
pub(crate) struct Domain {
    /// Name in titles, per language (`Supply Chain`, `chaîne d'approvisionnement`).
    pub(crate) title: [&'static str; 3],
    /// Stock phrases per language; the first one names the field in running text.
    pub(crate) phrases: [&'static [&'static str]; 3],
    /// Degree subjects per language.
    pub(crate) degree: [&'static str; 3],
    /// Relative frequency.
    pub(crate) weight: u32,
}

/// The fields of work (25).
pub(crate) const DOMAINS: &[Domain] = &[
    Domain {
        title: ["Supply Chain", "chaîne d'approvisionnement", "cadena de suministro"],
        phrases: [
            &["supply chain", "supply chain management", "procurement and logistics", "warehouse management", "inventory control"],
            &["chaîne d'approvisionnement", "gestion des stocks", "achats et logistique", "gestion des entrepôts", "passation des marchés"],
            &["cadena de suministro", "gestión de inventarios", "adquisiciones y logística", "gestión de almacenes", "contratación pública"],
        ],
        degree: ["supply chain management, logistics, business administration or engineering", "logistique, gestion de la chaîne d'approvisionnement, administration des affaires ou ingénierie", "logística, gestión de la cadena de suministro, administración de empresas o ingeniería"],
        weight: 6,
    },
    Domain {
        title: ["Monitoring and Evaluation", "suivi et évaluation", "monitoreo y evaluación"],
        phrases: [
            &["monitoring and evaluation", "results-based management", "data collection", "performance indicators", "logical framework"],
            &["suivi et évaluation", "gestion axée sur les résultats", "collecte de données", "indicateurs de performance", "cadre logique"],
            &["monitoreo y evaluación", "gestión basada en resultados", "recopilación de datos", "indicadores de desempeño", "marco lógico"],
        ],
        degree: ["statistics, social sciences, economics, development studies or a related field", "statistiques, sciences sociales, économie, études du développement ou domaine connexe", "estadística, ciencias sociales, economía, estudios del desarrollo o un campo afín"],
        weight: 6,
    },
    Domain {
        title: ["Child Protection", "protection de l'enfance", "protección de la infancia"],
        phrases: [
            &["child protection", "case management", "psychosocial support", "gender-based violence", "family tracing and reunification"],
            &["protection de l'enfance", "gestion des cas", "soutien psychosocial", "violences basées sur le genre", "recherche et réunification familiale"],
            &["protección de la infancia", "gestión de casos", "apoyo psicosocial", "violencia de género", "localización y reunificación familiar"],
        ],
        degree: ["social work, psychology, law, sociology or a related field", "travail social, psychologie, droit, sociologie ou domaine connexe", "trabajo social, psicología, derecho, sociología o un campo afín"],
        weight: 5,
    },
    Domain {
        title: ["WASH", "eau, hygiène et assainissement", "agua y saneamiento"],
        phrases: [
            &["water, sanitation and hygiene", "water supply", "hygiene promotion", "sanitation facilities", "water quality"],
            &["eau, hygiène et assainissement", "approvisionnement en eau", "promotion de l'hygiène", "ouvrages d'assainissement", "qualité de l'eau"],
            &["agua y saneamiento", "agua, saneamiento e higiene", "abastecimiento de agua", "promoción de la higiene", "calidad del agua"],
        ],
        degree: ["civil engineering, public health, hydrology or environmental sciences", "génie civil, santé publique, hydrologie ou sciences de l'environnement", "ingeniería civil, salud pública, hidrología o ciencias ambientales"],
        weight: 5,
    },
    Domain {
        title: ["Project Management", "gestion de projet", "gestión de proyectos"],
        phrases: [
            &["project management", "project cycle management", "work planning", "budget monitoring", "risk management"],
            &["gestion de projet", "cycle de projet", "planification du travail", "suivi budgétaire", "gestion des risques"],
            &["gestión de proyectos", "ciclo de proyecto", "planificación del trabajo", "seguimiento presupuestario", "gestión de riesgos"],
        ],
        degree: ["business administration, project management, engineering or a related field", "administration des affaires, gestion de projet, ingénierie ou domaine connexe", "administración de empresas, gestión de proyectos, ingeniería o un campo afín"],
        weight: 7,
    },
    Domain {
        title: ["Public Health", "santé publique", "salud pública"],
        phrases: [
            &["public health", "primary health care", "health systems strengthening", "disease surveillance", "immunization"],
            &["santé publique", "soins de santé primaires", "renforcement des systèmes de santé", "surveillance épidémiologique", "vaccination"],
            &["salud pública", "atención primaria de salud", "fortalecimiento de los sistemas de salud", "vigilancia epidemiológica", "inmunización"],
        ],
        degree: ["public health, medicine, epidemiology or nursing", "santé publique, médecine, épidémiologie ou soins infirmiers", "salud pública, medicina, epidemiología o enfermería"],
        weight: 7,
    },
    Domain {
        title: ["Nutrition", "nutrition", "nutrición"],
        phrases: [
            &["nutrition", "acute malnutrition", "infant and young child feeding", "nutrition surveys"],
            &["nutrition", "malnutrition aiguë", "alimentation du nourrisson et du jeune enfant", "enquêtes nutritionnelles"],
            &["nutrición", "desnutrición aguda", "alimentación del lactante y del niño pequeño", "encuestas nutricionales"],
        ],
        degree: ["nutrition, public health, food science or medicine", "nutrition, santé publique, sciences alimentaires ou médecine", "nutrición, salud pública, ciencias de los alimentos o medicina"],
        weight: 3,
    },
    Domain {
        title: ["Education", "éducation", "educación"],
        phrases: [
            &["education in emergencies", "learning outcomes", "teacher training", "school enrolment"],
            &["éducation en situation d'urgence", "acquis scolaires", "formation des enseignants", "scolarisation"],
            &["educación en emergencias", "resultados de aprendizaje", "formación docente", "matriculación escolar"],
        ],
        degree: ["education, pedagogy, social sciences or a related field", "sciences de l'éducation, pédagogie, sciences sociales ou domaine connexe", "educación, pedagogía, ciencias sociales o un campo afín"],
        weight: 4,
    },
    Domain {
        title: ["Finance", "finances", "finanzas"],
        phrases: [
            &["financial management", "budget preparation", "financial reporting", "internal controls", "accounts payable"],
            &["gestion financière", "préparation du budget", "rapports financiers", "contrôle interne", "comptabilité fournisseurs"],
            &["gestión financiera", "preparación del presupuesto", "informes financieros", "control interno", "cuentas por pagar"],
        ],
        degree: ["finance, accounting, economics or business administration", "finance, comptabilité, économie ou administration des affaires", "finanzas, contabilidad, economía o administración de empresas"],
        weight: 6,
    },
    Domain {
        title: ["Human Resources", "ressources humaines", "recursos humanos"],
        phrases: [
            &["human resources", "talent acquisition", "staff development", "performance management"],
            &["ressources humaines", "recrutement des talents", "perfectionnement du personnel", "gestion de la performance"],
            &["recursos humanos", "captación de talento", "desarrollo del personal", "gestión del desempeño"],
        ],
        degree: ["human resources management, public administration, psychology or law", "gestion des ressources humaines, administration publique, psychologie ou droit", "gestión de recursos humanos, administración pública, psicología o derecho"],
        weight: 4,
    },
    Domain {
        title: ["Information Technology", "technologies de l'information", "tecnología de la información"],
        phrases: [
            &["information technology", "information management", "data protection", "cyber security", "software development"],
            &["technologies de l'information", "gestion de l'information", "protection des données", "cybersécurité", "développement de logiciels"],
            &["tecnología de la información", "gestión de la información", "protección de datos", "ciberseguridad", "desarrollo de software"],
        ],
        degree: ["computer science, information systems, engineering or mathematics", "informatique, systèmes d'information, ingénierie ou mathématiques", "informática, sistemas de información, ingeniería o matemáticas"],
        weight: 5,
    },
    Domain {
        title: ["Communication", "communication", "comunicación"],
        phrases: [
            &["communication strategy", "media relations", "social media", "advocacy"],
            &["stratégie de communication", "relations avec les médias", "réseaux sociaux", "plaidoyer"],
            &["estrategia de comunicación", "relaciones con los medios", "redes sociales", "incidencia"],
        ],
        degree: ["communication, journalism, public relations or international relations", "communication, journalisme, relations publiques ou relations internationales", "comunicación, periodismo, relaciones públicas o relaciones internacionales"],
        weight: 4,
    },
    Domain {
        title: ["Climate Change", "changement climatique", "cambio climático"],
        phrases: [
            &["climate change", "climate adaptation", "renewable energy", "disaster risk reduction", "environmental management"],
            &["changement climatique", "adaptation au climat", "énergies renouvelables", "réduction des risques de catastrophe", "gestion environnementale"],
            &["cambio climático", "adaptación al clima", "energías renovables", "reducción del riesgo de desastres", "gestión ambiental"],
        ],
        degree: ["environmental sciences, climate science, natural resource management or engineering", "sciences de l'environnement, climatologie, gestion des ressources naturelles ou ingénierie", "ciencias ambientales, climatología, gestión de recursos naturales o ingeniería"],
        weight: 4,
    },
    Domain {
        title: ["Food Security", "sécurité alimentaire", "seguridad alimentaria"],
        phrases: [
            &["food security", "cash-based transfers", "livelihoods", "agricultural value chains", "resilience building"],
            &["sécurité alimentaire", "transferts monétaires", "moyens d'existence", "chaînes de valeur agricoles", "renforcement de la résilience"],
            &["seguridad alimentaria", "transferencias en efectivo", "medios de vida", "cadenas de valor agrícolas", "fortalecimiento de la resiliencia"],
        ],
        degree: ["agriculture, agricultural economics, rural development or nutrition", "agronomie, économie agricole, développement rural ou nutrition", "agronomía, economía agrícola, desarrollo rural o nutrición"],
        weight: 4,
    },
    Domain {
        title: ["Protection", "protection", "protección"],
        phrases: [
            &["refugee protection", "international protection", "durable solutions", "registration and documentation", "community-based protection"],
            &["protection des réfugiés", "protection internationale", "solutions durables", "enregistrement et documentation", "protection à base communautaire"],
            &["protección de refugiados", "protección internacional", "soluciones duraderas", "registro y documentación", "protección basada en la comunidad"],
        ],
        degree: ["international law, human rights, political science or social sciences", "droit international, droits de l'homme, sciences politiques ou sciences sociales", "derecho internacional, derechos humanos, ciencias políticas o ciencias sociales"],
        weight: 5,
    },
    Domain {
        title: ["Gender Equality", "égalité des genres", "igualdad de género"],
        phrases: [
            &["gender equality", "gender mainstreaming", "women's empowerment"],
            &["égalité des genres", "intégration de la dimension de genre", "autonomisation des femmes"],
            &["igualdad de género", "transversalización del enfoque de género", "empoderamiento de las mujeres"],
        ],
        degree: ["gender studies, social sciences, development studies or law", "études de genre, sciences sociales, études du développement ou droit", "estudios de género, ciencias sociales, estudios del desarrollo o derecho"],
        weight: 3,
    },
    Domain {
        title: ["Partnerships", "partenariats", "alianzas"],
        phrases: [
            &["resource mobilization", "donor relations", "strategic partnerships", "grant management"],
            &["mobilisation des ressources", "relations avec les donateurs", "partenariats stratégiques", "gestion des subventions"],
            &["movilización de recursos", "relaciones con donantes", "alianzas estratégicas", "gestión de subvenciones"],
        ],
        degree: ["international relations, business administration, economics or a related field", "relations internationales, administration des affaires, économie ou domaine connexe", "relaciones internacionales, administración de empresas, economía o un campo afín"],
        weight: 3,
    },
    Domain {
        title: ["Administration", "administration", "administración"],
        phrases: [
            &["administrative support", "travel arrangements", "office management", "records management"],
            &["appui administratif", "organisation des voyages", "gestion du bureau", "gestion des dossiers"],
            &["apoyo administrativo", "organización de viajes", "gestión de la oficina", "gestión de archivos"],
        ],
        degree: ["business administration, public administration or a related field", "administration des affaires, administration publique ou domaine connexe", "administración de empresas, administración pública o un campo afín"],
        weight: 6,
    },
    Domain {
        title: ["Security", "sécurité", "seguridad"],
        phrases: [
            &["security risk management", "security risk assessment", "staff safety", "emergency preparedness"],
            &["gestion des risques sécuritaires", "évaluation des risques de sécurité", "sûreté du personnel", "préparation aux situations d'urgence"],
            &["gestión de riesgos de seguridad", "evaluación de riesgos de seguridad", "seguridad del personal", "preparación para emergencias"],
        ],
        degree: ["security management, political science, criminology or a related field", "gestion de la sécurité, sciences politiques, criminologie ou domaine connexe", "gestión de la seguridad, ciencias políticas, criminología o un campo afín"],
        weight: 2,
    },
    Domain {
        title: ["Humanitarian Affairs", "affaires humanitaires", "asuntos humanitarios"],
        phrases: [
            &["humanitarian coordination", "humanitarian response", "needs assessment", "cluster coordination", "civil-military coordination"],
            &["coordination humanitaire", "réponse humanitaire", "évaluation des besoins", "coordination des clusters", "coordination civilo-militaire"],
            &["coordinación humanitaria", "respuesta humanitaria", "evaluación de necesidades", "coordinación de clústeres", "coordinación civil-militar"],
        ],
        degree: ["political science, international relations, social sciences or a related field", "sciences politiques, relations internationales, sciences sociales ou domaine connexe", "ciencias políticas, relaciones internacionales, ciencias sociales o un campo afín"],
        weight: 4,
    },
    Domain {
        title: ["Governance", "gouvernance", "gobernanza"],
        phrases: [
            &["rule of law", "public administration reform", "local governance", "human rights"],
            &["état de droit", "réforme de l'administration publique", "gouvernance locale", "droits de l'homme"],
            &["estado de derecho", "reforma de la administración pública", "gobernanza local", "derechos humanos"],
        ],
        degree: ["law, political science, public administration or a related field", "droit, sciences politiques, administration publique ou domaine connexe", "derecho, ciencias políticas, administración pública o un campo afín"],
        weight: 3,
    },
    Domain {
        title: ["Migration", "migration", "migración"],
        phrases: [
            &["migration management", "labour migration", "border management", "return and reintegration"],
            &["gestion des migrations", "migration de main-d'œuvre", "gestion des frontières", "retour et réintégration"],
            &["gestión de la migración", "migración laboral", "gestión de fronteras", "retorno y reintegración"],
        ],
        degree: ["migration studies, law, social sciences or international relations", "études migratoires, droit, sciences sociales ou relations internationales", "estudios migratorios, derecho, ciencias sociales o relaciones internacionales"],
        weight: 3,
    },
    Domain {
        title: ["Statistics", "statistiques", "estadística"],
        phrases: [
            &["data analysis", "statistical capacity", "household surveys", "data visualization"],
            &["analyse de données", "capacités statistiques", "enquêtes auprès des ménages", "visualisation de données"],
            &["análisis de datos", "capacidad estadística", "encuestas de hogares", "visualización de datos"],
        ],
        degree: ["statistics, mathematics, economics or data science", "statistiques, mathématiques, économie ou science des données", "estadística, matemáticas, economía o ciencia de datos"],
        weight: 3,
    },
    Domain {
        title: ["Engineering", "génie civil", "ingeniería"],
        phrases: [
            &["civil engineering", "infrastructure rehabilitation", "construction supervision", "technical specifications"],
            &["génie civil", "réhabilitation des infrastructures", "supervision des travaux", "spécifications techniques"],
            &["ingeniería civil", "rehabilitación de infraestructuras", "supervisión de obras", "especificaciones técnicas"],
        ],
        degree: ["civil engineering, architecture or a related field", "génie civil, architecture ou domaine connexe", "ingeniería civil, arquitectura o un campo afín"],
        weight: 3,
    },
    Domain {
        title: ["Legal Affairs", "affaires juridiques", "asuntos jurídicos"],
        phrases: [
            &["legal advice", "contract review", "international law"],
            &["conseil juridique", "examen des contrats", "droit international"],
            &["asesoría jurídica", "revisión de contratos", "derecho internacional"],
        ],
        degree: ["law, preferably international law", "droit, de préférence droit international", "derecho, preferiblemente derecho internacional"],
        weight: 2,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_complete() {
        assert!(ORGS.len() >= 15);
        assert!(ORGS.iter().any(|o| o.is_un) && ORGS.iter().any(|o| !o.is_un));
        for d in DOMAINS {
            for lang in 0..3 {
                assert!(!d.phrases[lang].is_empty(), "{}", d.title[0]);
                assert!(!d.degree[lang].is_empty());
            }
        }
        for grade in GRADES {
            assert!(!contracts_for(grade.category).is_empty());
        }
    }
}
