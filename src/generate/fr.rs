//! French text of the generator (written for this project).

use super::lexicon::Lang;
use super::pack::{Headings, Labels, Pack};

/// The French pack.
pub(crate) const FR: Pack = Pack {
    code: "fr",
    lang: Lang::Fr,
    slot: 1,
    nouns: "programme:m projet:m pays:m bureau:m équipe:f personnel:m appui:m développement:m gestion:f \
        mise_en_œuvre:f:mises_en_œuvre capacité:f partenaire:m gouvernement:m communauté:f stratégie:f \
        politique:f rapport:m donnée:f activité:f plan:m service:m système:m ressource:f processus:m \
        résultat:m domaine:m niveau:m information:f analyse:f réponse:f coordination:f travail:m:travaux \
        connaissance:f besoin:m budget:m qualité:f unité:f région:f assistance:f opération:f cadre:m \
        acteur:m initiative:f mécanisme:m norme:f directive:f procédure:f accord:m contrat:m bailleur:m \
        réunion:f atelier:m formation:f examen:m évaluation:f approche:f secteur:m terrain:m réseau:m \
        plateforme:f outil:m document:m proposition:f demande:f dossier:m question:f risque:m \
        opportunité:f défi:m priorité:f objectif:m cible:f indicateur:m impact:m progrès:m \
        performance:f pratique:f expérience:f expertise:f compétence:f organisation:f agence:f \
        institution:f ministère:m autorité:f département:m division:f section:f siège:m mission:f \
        partenariat:m collaboration:f dialogue:m conseil:m orientation:f contribution:f effort:m action:f \
        mesure:f intervention:f solution:f recommandation:f décision:f mandat:m rôle:m responsabilité:f \
        fonction:f tâche:f calendrier:m échéance:f étape:f livrable:m produit:m matériel:m équipement:m \
        fourniture:f bien:m véhicule:m installation:f infrastructure:f site:m population:f ménage:m \
        famille:f enfant:m femme:f jeune:m réfugié:m migrant:m bénéficiaire:m client:m utilisateur:m \
        membre:m expert:m spécialiste:m consultant:m collègue:m superviseur:m responsable:m \
        représentant:m homologue:m groupe:m comité:m forum:m conférence:f événement:m campagne:f \
        message:m public:m média:m contenu:m publication:f site_web:m:sites_web \
        base_de_données:f:bases_de_données tableau_de_bord:m:tableaux_de_bord logiciel:m application:f \
        enquête:f étude:f recherche:f preuve:f constat:m leçon:f tendance:f lacune:f contrainte:f \
        préoccupation:f plainte:f retour:m courrier:m lettre:f note:f synthèse:f présentation:f \
        compte_rendu:m:comptes_rendus ordre_du_jour:m:ordres_du_jour facture:f paiement:m transaction:f \
        compte:m dépense:f coût:m fonds:m subvention:f allocation:f recette:f prix:m valeur:f marché:m \
        entreprise:f fournisseur:m expédition:f livraison:f distribution:f entrepôt:m stock:m \
        inventaire:m commande:f achat:m appel_d'offres:m:appels_d'offres spécification:f exigence:f \
        critère:m sélection:f recrutement:m candidat:m poste:m nomination:f prestation:f indemnité:f \
        salaire:m congé:m voyage:m visite:f sécurité:f sûreté:f santé:f bien-être:m:bien-être \
        environnement:m climat:m urgence:f crise:f conflit:m catastrophe:f relèvement:m résilience:f \
        paix:f justice:f droit:m protection:f inclusion:f diversité:f équité:f genre:m langue:f \
        culture:f contexte:m situation:f condition:f durabilité:f redevabilité:f transparence:f \
        intégrité:f efficacité:f efficience:f conformité:f supervision:f audit:m contrôle:m suivi:m \
        encadrement:m apprentissage:m innovation:f technologie:f transformation:f réforme:f \
        changement:m transition:f croissance:f investissement:m finance:f économie:f commerce:m \
        emploi:m revenu:m alimentation:f eau:f énergie:f agriculture:f école:f enseignant:m élève:m \
        hôpital:m clinique:f vaccin:m médicament:m maladie:f épidémie:f patient:m laboratoire:m \
        échantillon:m modèle:m questionnaire:m portefeuille:m logistique:f flotte:f inspection:f \
        certification:f enregistrement:m inscription:f abri:m camp:m frontière:f corridor:m district:m \
        province:f commune:f village:m quartier:m",
    verbs: "assurer appuyer:appuie:appuient fournir élaborer coordonner gérer:gère:gèrent préparer veiller \
        contribuer faciliter renforcer identifier établir mener:mène:mènent organiser participer analyser \
        rédiger collecter superviser diriger conseiller évaluer compiler actualiser consolider vérifier \
        valider mobiliser négocier représenter communiquer documenter planifier améliorer élargir \
        intégrer:intègre:intègrent aligner adapter appliquer mesurer guider former encadrer recruter sélectionner \
        acheter:achète:achètent distribuer stocker transporter livrer installer exploiter réparer tester \
        diffuser partager publier présenter enregistrer rapprocher allouer approuver autoriser certifier \
        auditer contrôler inspecter enquêter atténuer protéger:protège:protègent plaider informer \
        consulter convoquer programmer traiter prioriser simplifier harmoniser institutionnaliser \
        pérenniser financer investir générer:génère:génèrent rassembler estimer calculer formuler définir \
        expliquer clarifier recommander proposer suggérer:suggère:suggèrent solliciter accepter \
        encourager autonomiser impliquer cibler interpréter:interprète:interprètent cartographier \
        finaliser lancer initier achever:achève:achèvent clôturer renseigner accompagner animer \
        sensibiliser capitaliser piloter orienter articuler garantir réussir remplir choisir agir réunir \
        bâtir enrichir approfondir saisir compléter:complète:complètent",
    adjectives: "pertinent technique national international régional local stratégique efficace \
        opérationnel administratif financier actuel opportun approprié global humanitaire social \
        économique public:publique privé politique durable spécifique additionnel divers:diverse \
        substantiel complet:complète exact efficient interne externe majeur principal réussi intégré \
        innovant pratique professionnel institutionnel juridique environnemental programmatique \
        multiple complexe critique essentiel nécessaire possible disponible responsable transparent \
        inclusif participatif annuel mensuel trimestriel hebdomadaire quotidien périodique régulier \
        ponctuel intérimaire final préliminaire conjoint collaboratif multisectoriel transversal \
        thématique sectoriel géographique isolé rural urbain vulnérable marginalisé affecté déplacé \
        émergent existant potentiel clair concis fiable robuste flexible rapide urgent significatif \
        large diversifié multiculturel numérique analytique statistique médical clinique éducatif \
        nutritionnel logistique contractuel budgétaire fiscal humain matériel qualifié expérimenté \
        compétent moderne solide",
    months: [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre",
    ],
    month_words: ("mois", "mois"),
    renewable: ", renouvelable",
    labels: Labels {
        vacancy_number: "Numéro de l'avis de vacance",
        grade: "Grade",
        duty_station: "Lieu d'affectation",
        contract: "Type de contrat",
        duration: "Durée du contrat",
        published: "Date de publication",
        deadline: "Date de clôture",
    },
    headings: Headings {
        background: "Contexte",
        duties: "Fonctions et responsabilités",
        qualifications: "Qualifications et expérience",
        education: "Formation",
        experience: "Expérience",
        languages: "Langues",
        competencies: "Compétences",
        apply: "Comment postuler",
    },
    titles: [
        &["Administrateur/trice adjoint(e) – {D}", "Chargé(e) de {D}", "Chargé(e) de programme adjoint(e) – {D}"],
        &["Chargé(e) de programme – {D}", "Spécialiste en {D}", "Administrateur/trice – {D}", "Responsable {D}"],
        &["Spécialiste principal(e) en {D}", "Chef(fe) de section – {D}", "Conseiller/ère principal(e) en {D}"],
        &["Directeur/trice – {D}", "Directeur/trice adjoint(e) – {D}", "Directeur/trice régional(e) – {D}"],
        &["Assistant(e) – {D}", "Assistant(e) administratif/ve – {D}", "Commis – {D}"],
        &["Assistant(e) principal(e) – {D}", "Associé(e) de programme – {D}"],
        &["Administrateur/trice national(e) – {D}", "Analyste en {D}", "Chargé(e) national(e) de programme – {D}"],
        &["Consultant(e) en {D}", "Consultant(e) international(e) – {D}", "Consultant(e) national(e) – {D}"],
        &["Stagiaire – {D}", "Stage en {D}", "Stagiaire en {D}"],
    ],
    intro: &[
        "Présent(e) en {country} depuis {year}, {org} travaille avec {lesa} pour {v} {lesa} en matière de {p} et de {p}.",
        "L'unité {D} du bureau de {org} à {city} est chargée de {v} {lesa} en étroite coordination avec {lesa}.",
        "En {country}, {lesa} {vp} {les} et {les}, et les besoins en matière de {p} restent élevés.",
        "Le bureau {vs} {lesa} et {vs} {desa} avec les autorités nationales, la société civile et d'autres partenaires.",
        "Dans le cadre du programme de pays, l'équipe {vs} {desa} liés à la {d}.",
        "Ce poste est basé à {city} et {vs} {lea} {du} dans toute la région.",
        "Le/la titulaire fera partie d'une équipe qui {vs} {desa} et {des} pour {lesa} en {country}.",
        "Au cours des {k} prochaines années, {org} entend {v} son action en matière de {d}, en mettant l'accent sur {lesa}.",
        "{Lea} {vs} {lea} et doit {v} {lesa} conformément à {lea}.",
        "De récentes études montrent que {lesa} {vp} {lesa} lorsque {les} sont {ved}s à temps.",
        "Le poste {vs} {lea} de la section {D} et entretient des liens étroits avec les collègues de la {p}.",
        "Présente dans {k} bureaux de terrain, l'équipe {vs} {desa} et {des} en matière de {p}.",
        "Depuis {year}, la demande en {d} a fortement augmenté et {org} a {ved} {desa} pour {v} {lesa}.",
        "Le programme {vs} {desa} dans {k} provinces et {vs} {les} avec {desa}.",
    ],
    duties_lead: &[
        "Sous la supervision générale du/de la Chef(fe) de bureau et la supervision directe du/de la Responsable {D}, le/la titulaire exercera les fonctions suivantes :",
        "Sous l'autorité du/de la Représentant(e), le/la {title} sera chargé(e) des tâches suivantes :",
        "Dans les limites des pouvoirs qui lui sont délégués, le/la titulaire devra :",
        "Le/la candidat(e) retenu(e) exercera les fonctions suivantes :",
    ],
    duties: &[
        "{V} la mise en œuvre des activités de {d}, notamment {lesa} et {les}.",
        "{V} et {v} {desa} en matière de {d}, conformément à {lea}.",
        "{V} {lesa} avec {les}, {les} et les autres {ns}.",
        "Contribuer à la préparation {desa} et {des} relatifs à la {p}.",
        "Fournir des conseils en matière de {d} aux {ns} et aux {ns}.",
        "{V} la transmission en temps voulu {desa} et {des}.",
        "Tenir à jour {lesa} et veiller à ce que {les} soient {ved}s.",
        "Appuyer {lea} {desa} liés à la {p}.",
        "Participer aux {ns} et aux {ns}, et {v} {lesa} relatifs à la {d}.",
        "Suivre {les} et {les}, identifier {lesa} et proposer {desa}.",
        "Assurer la liaison avec {les} et {les} sur les questions de {p}.",
        "Rédiger {lesa}, {les} et {les} pour examen par le/la superviseur(e).",
        "Organiser {lesa} et {les} à {city} et sur le terrain.",
        "Veiller au respect {desa} de {org} en matière de {d}.",
        "{V} {lesa} afin de {v} {lesa} et de {v} {lesa}.",
        "Préparer des rapports sur la {d} et la {p} à l'intention {des}.",
        "Exécuter toute autre tâche demandée.",
    ],
    education: [
        "Diplôme universitaire supérieur (master ou équivalent) en {deg}. Un diplôme universitaire de premier cycle assorti de {k} années supplémentaires d'expérience pertinente peut être accepté à la place du diplôme supérieur.",
        "Diplôme universitaire en {deg} exigé. Une formation complémentaire en {d0} constitue un atout.",
        "Diplôme d'études secondaires exigé. Un diplôme universitaire ou un certificat technique en {deg} est un atout.",
        "Être inscrit(e) dans un programme d'études supérieures en {deg}, ou l'avoir achevé récemment.",
    ],
    experience: &[
        "Au moins {yrs} années d'expérience professionnelle à des niveaux de responsabilité croissants dans le domaine de la {d0}, de la {p} ou dans un domaine connexe.",
        "Une expérience en {d} et en {p} dans un environnement {a} est souhaitable.",
        "Une expérience avérée {desa} et {des} constitue un atout.",
        "Une expérience de travail avec {les}, {les} et {lesa} en {country} ou dans la région est souhaitable.",
        "Une connaissance de la {p} et de la {p} serait un avantage.",
        "Une expérience en {p} est un atout.",
        "La connaissance {desa} et {des} est souhaitable.",
    ],
    languages: &[
        "La maîtrise du français est exigée. La connaissance de l'{ol} est souhaitable.",
        "Excellente maîtrise du français écrit et parlé ; une connaissance pratique de l'{ol} constitue un atout.",
        "La maîtrise du français et de l'{ol} est exigée.",
    ],
    other_languages: &["anglais", "espagnol", "arabe", "anglais", "anglais", "arabe"],
    competencies: &[
        "Intégrité", "Professionnalisme", "Communication", "Travail d'équipe", "Planification et organisation",
        "Responsabilité", "Orientation client", "Volonté de perfectionnement", "Ouverture à la technologie",
        "Créativité", "Respect de la diversité", "Leadership", "Jugement et prise de décisions",
    ],
    competency_text: &[
        "{C} : fait preuve de rigueur pour {v} {lesa} ; {vs} {lesa} et {vs} {les}.",
        "{C} : est capable de {v} {lesa} et de {v} {lesa} sous pression.",
        "{C} : {vs} {lesa} et assume la responsabilité {desa}.",
        "{C} : sait {v} {les} avec {les} et {les}.",
        "{C} : travaille avec {lesa} pour {v} {lesa} et {vs} {desa} en matière de {p}.",
    ],
    closing: &[
        "{org} s'engage en faveur de la diversité et de l'inclusion au sein de son personnel et encourage toutes les candidatures, sans distinction de genre, de nationalité, de religion ou d'origine ethnique, y compris celles des personnes en situation de handicap.",
        "Seul(e)s les candidat(e)s présélectionné(e)s seront contacté(e)s. Les candidatures reçues après la date de clôture ne seront pas prises en considération.",
        "{org} ne perçoit aucun frais à aucun stade du processus de recrutement.",
        "Les candidat(e)s pourront être invité(e)s à passer une épreuve écrite et un entretien axé sur les compétences.",
        "La rémunération comprend {una} et {desa}, conformément à {lea}.",
        "Les nominations sont subordonnées à {lea} et à la disponibilité {des}.",
    ],
};
