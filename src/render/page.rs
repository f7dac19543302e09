//! The page of one posting, rendered on the server: readable without JavaScript, with
//! schema.org `JobPosting` data, a canonical address and Open Graph tags for link previews.

use chrono::NaiveDate;
use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::jsonld::{job_posting, script_json};
use super::{xml_safe, Site};
use crate::search::Hit;
use crate::Posting;

/// Characters of the body in `<meta name="description">` and `og:description`.
const DESCRIPTION_CHARS: usize = 200;

/// Interface words of the page, in the posting's language when it is French or Spanish.
struct Labels {
    search: &'static str,
    grade: &'static str,
    organization: &'static str,
    duty_station: &'static str,
    contract: &'static str,
    duration: &'static str,
    department: &'static str,
    unit: &'static str,
    vacancy_number: &'static str,
    job_id: &'static str,
    published: &'static str,
    closing: &'static str,
    apply: &'static str,
    calendar: &'static str,
    similar: &'static str,
    no_similar: &'static str,
    closed: &'static str,
    closes_today: &'static str,
    closes_in: fn(i64) -> String,
    occupation: &'static str,
    skills: &'static str,
    filter_by: &'static str,
}

const EN: Labels = Labels {
    search: "Search vacancies",
    grade: "Grade",
    organization: "Organization",
    duty_station: "Duty station",
    contract: "Contract type",
    duration: "Duration",
    department: "Department",
    unit: "Unit",
    vacancy_number: "Vacancy number",
    job_id: "Job ID",
    published: "Published",
    closing: "Closing date",
    apply: "Apply: read the original notice",
    calendar: "Add the closing date to a calendar",
    similar: "Similar vacancies",
    no_similar: "No similar vacancy found.",
    closed: "closed",
    closes_today: "closes today",
    closes_in: |n| format!("closes in {n} day{}", if n == 1 { "" } else { "s" }),
    occupation: "Occupation",
    skills: "Skills",
    filter_by: "Show vacancies asking for",
};

const FR: Labels = Labels {
    search: "Rechercher des offres",
    grade: "Grade",
    organization: "Organisation",
    duty_station: "Lieu d’affectation",
    contract: "Type de contrat",
    duration: "Durée",
    department: "Département",
    unit: "Unité",
    vacancy_number: "Numéro de l’avis",
    job_id: "Job ID",
    published: "Publication",
    closing: "Date de clôture",
    apply: "Postuler : lire l’avis d’origine",
    calendar: "Ajouter la date de clôture à un agenda",
    similar: "Offres similaires",
    no_similar: "Aucune offre similaire.",
    closed: "clôturée",
    closes_today: "clôture aujourd’hui",
    closes_in: |n| format!("clôture dans {n} jour{}", if n == 1 { "" } else { "s" }),
    occupation: "Métier",
    skills: "Compétences",
    filter_by: "Afficher les offres demandant :",
};

const ES: Labels = Labels {
    search: "Buscar vacantes",
    grade: "Grado",
    organization: "Organización",
    duty_station: "Lugar de destino",
    contract: "Tipo de contrato",
    duration: "Duración",
    department: "Departamento",
    unit: "Unidad",
    vacancy_number: "Número de vacante",
    job_id: "Job ID",
    published: "Publicación",
    closing: "Fecha de cierre",
    apply: "Postular: leer el anuncio original",
    calendar: "Añadir la fecha de cierre a un calendario",
    similar: "Vacantes similares",
    no_similar: "Ninguna vacante similar.",
    closed: "cerrada",
    closes_today: "cierra hoy",
    closes_in: |n| format!("cierra en {n} día{}", if n == 1 { "" } else { "s" }),
    occupation: "Ocupación",
    skills: "Competencias",
    filter_by: "Mostrar las vacantes que piden:",
};

/// The interface language of a posting's page: its own when French or Spanish, else English.
fn ui_lang(language: &str) -> &'static str {
    match language {
        "fr" => "fr",
        "es" => "es",
        _ => "en",
    }
}

/// Bytes percent-encoded in a query-string value: all but letters, digits and `-._~`.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A link to the search page in `ui` filtered by `key=value` (the value percent-encoded).
fn search_link(key: &str, value: &str, ui: &str) -> String {
    let value = percent_encoding::utf8_percent_encode(value, QUERY_VALUE);
    format!("/?{key}={value}&lang={ui}")
}

/// The posting's ESCO skills (id, preferred label in `ui`), in its order; unknown ids left out.
fn skill_labels(posting: &Posting, ui: &str) -> Vec<(&'static str, &'static str)> {
    let lang = crate::analysis::Lang::for_code(ui);
    let catalog = crate::skills::catalog();
    posting
        .skills
        .iter()
        .filter_map(|id| catalog.skill(id))
        .map(|skill| (skill.concept.id, skill.concept.label(lang)))
        .collect()
}

/// The posting's ISCO-08 unit group (code, label in `ui`) from its ESCO occupation.
fn occupation_group(posting: &Posting, ui: &str) -> Option<(&'static str, &'static str)> {
    let lang = crate::analysis::Lang::for_code(ui);
    let catalog = crate::skills::catalog();
    let occupation = catalog.occupation(posting.occupation.as_deref()?)?;
    let group = catalog.isco_group(occupation.isco)?;
    Some((group.code, group.label(lang)))
}

fn labels(language: &str) -> &'static Labels {
    match language {
        "fr" => &FR,
        "es" => &ES,
        _ => &EN,
    }
}

/// A language tag fit for `<html lang>`: the posting's code when it looks like one, else `en`.
fn lang_tag(code: &str) -> &str {
    let valid = (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
    if valid {
        code
    } else {
        "en"
    }
}

/// The first `DESCRIPTION_CHARS` characters of `body` on one line, cut at a space.
#[must_use]
pub fn short_description(body: &str) -> String {
    match crate::search::collapsed_head(body, DESCRIPTION_CHARS) {
        (head, true) => format!("{head}…"),
        (whole, false) => whole,
    }
}

/// Whether `link` may be offered as a link: an absolute http(s) address.
fn safe_link(link: &str) -> bool {
    let lower = link.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !link.contains(char::is_whitespace)
}

fn closing_status(closing: NaiveDate, today: NaiveDate, l: &Labels) -> String {
    let days = (closing - today).num_days();
    match days {
        ..0 => l.closed.to_owned(),
        0 => l.closes_today.to_owned(),
        n => (l.closes_in)(n),
    }
}

/// The body as blocks: `- ` lines become lists, other non-empty lines paragraphs.
fn body_blocks(body: &str) -> Markup {
    let mut blocks: Vec<(bool, Vec<&str>)> = Vec::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let bullet = ["- ", "• ", "* ", "– "]
            .iter()
            .find_map(|p| line.strip_prefix(p));
        match (bullet, blocks.last_mut()) {
            (Some(item), Some((true, items))) => items.push(item.trim()),
            (Some(item), _) => blocks.push((true, vec![item.trim()])),
            (None, _) => blocks.push((false, vec![line])),
        }
    }
    html! {
        @for (is_list, lines) in &blocks {
            @if *is_list {
                ul { @for item in lines { li { (item) } } }
            } @else {
                p { (lines[0]) }
            }
        }
    }
}

/// The HTML page of `posting` (its address on `site`), listing `similar` postings, with
/// closing dates told relative to `today`.
#[must_use]
pub fn posting_page(site: &Site, posting: &Posting, similar: &[Hit], today: NaiveDate) -> String {
    page(site, posting, similar, today, None)
}

/// [`posting_page`] with its interface (labels, skill and occupation names, links to the
/// search page) in `ui` (`en`, `fr` or `es`, the search page's language) rather than the
/// posting's; the posting's own text keeps its language.
#[must_use]
pub fn posting_page_in(
    site: &Site,
    posting: &Posting,
    similar: &[Hit],
    today: NaiveDate,
    ui: &str,
) -> String {
    page(site, posting, similar, today, Some(ui_lang(ui)))
}

fn page(
    site: &Site,
    posting: &Posting,
    similar: &[Hit],
    today: NaiveDate,
    chosen: Option<&'static str>,
) -> String {
    let ui = chosen.unwrap_or_else(|| ui_lang(&posting.language));
    let l = labels(ui);
    let own = lang_tag(&posting.language);
    let lang = chosen.unwrap_or(own);
    // The posting's words, when the page around them speaks another language.
    let text_lang = (own != lang).then_some(own);
    let home = match chosen {
        Some(ui) => format!("/?lang={ui}"),
        None => "/".to_owned(),
    };
    let page_url = |id: &str| match chosen {
        Some(ui) => format!("{}?lang={ui}", site.posting_url(id)),
        None => site.posting_url(id),
    };
    let skills = skill_labels(posting, ui);
    let title = posting.title.as_deref().unwrap_or(&posting.id);
    let page_title = match &posting.organization {
        Some(org) => format!("{title} – {org}"),
        None => title.to_owned(),
    };
    let url = site.posting_url(&posting.id);
    let description = short_description(&posting.body);
    let station = match (&posting.duty_station, &posting.duty_station_raw) {
        (Some(s), Some(raw)) if raw != s => Some(format!("{s} – {raw}")),
        (s, raw) => s.clone().or_else(|| raw.clone()),
    };
    let place = match (station, &posting.country) {
        (Some(s), Some(c)) => Some(format!("{s} ({c})")),
        (s, c) => s.or_else(|| c.clone()),
    };
    let contract = match (&posting.contract_type, &posting.contract_type_raw) {
        (Some(c), Some(raw)) if raw != c => Some(format!("{c} ({raw})")),
        (c, raw) => c.clone().or_else(|| raw.clone()),
    };
    let fields: Vec<(&str, Markup)> = [
        (l.organization, posting.organization.clone()),
        (l.grade, posting.grade.clone()),
        (l.duty_station, place),
        (l.contract, contract),
        (l.duration, posting.contract_duration.clone()),
        (l.department, posting.department.clone()),
        (l.unit, posting.unit.clone()),
        (l.vacancy_number, posting.vacancy_number.clone()),
        (l.job_id, posting.job_id.clone()),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| (label, html! { (v) })))
    .chain(occupation_group(posting, ui).map(|(code, name)| {
        (l.occupation, html! {
            a href=(search_link("occupation", code, ui)) data-testid="occupation" data-occupation=(code) { (name) }
        })
    }))
    .chain(posting.published.map(|day| {
        (l.published, html! { time datetime=(day) { (day) } })
    }))
    .chain(posting.closing.map(|day| {
        (l.closing, html! {
            time datetime=(day) { (day) } " "
            span.closing-badge data-testid="closing-status" { "(" (closing_status(day, today, l)) ")" }
        })
    }))
    .collect();
    let data = script_json(&job_posting(site, posting));
    let markup = html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (page_title) }
                meta name="description" content=(description);
                link rel="canonical" href=(url);
                meta property="og:type" content="website";
                meta property="og:title" content=(page_title);
                meta property="og:description" content=(description);
                meta property="og:url" content=(url);
                meta property="og:site_name" content="vacancy-search";
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/assets/style.css";
                script type="application/ld+json" { (PreEscaped(data)) }
            }
            body.posting-page {
                header.site-header {
                    div.header-inner {
                        p.brand { a href=(home) data-testid="search-link" { (l.search) } }
                    }
                }
                main.posting-main {
                    article.posting-body {
                        header.posting-header {
                            @if let Some(org) = &posting.organization {
                                p.posting-org { (org) }
                            }
                            h1.posting-title data-testid="posting-title" lang=[text_lang] { (title) }
                        }
                        dl.posting-fields {
                            @for (label, value) in &fields {
                                div.field { dt { (label) } dd { (value) } }
                            }
                        }
                        @if !skills.is_empty() {
                            section.posting-skills aria-labelledby="skills-heading" data-testid="posting-skills" {
                                h2 #skills-heading { (l.skills) }
                                ul.skill-chips {
                                    @for (id, label) in &skills {
                                        li {
                                            a.skill-chip href=(search_link("skill", id, ui)) data-skill=(id)
                                                data-testid="skill-chip" title={ (l.filter_by) " " (label) } { (label) }
                                        }
                                    }
                                }
                            }
                        }
                        p.posting-actions {
                            @if let Some(link) = posting.link.as_deref().filter(|l| safe_link(l)) {
                                a.btn.btn-primary href=(link) rel="noopener noreferrer" data-testid="apply" { (l.apply) }
                                " "
                            }
                            @if posting.closing.is_some() {
                                a.btn.btn-secondary href=(site.calendar_url(&posting.id)) type="text/calendar" data-testid="calendar" { (l.calendar) }
                            }
                        }
                        div.posting-text lang=[text_lang] { (body_blocks(&posting.body)) }
                    }
                    section.similar aria-labelledby="similar-heading" {
                        h2 #similar-heading { (l.similar) }
                        @if similar.is_empty() {
                            p { (l.no_similar) }
                        } @else {
                            ol.similar-list {
                                @for hit in similar {
                                    li data-testid="similar" data-id=(hit.posting.id) {
                                        a href=(page_url(&hit.posting.id)) lang=(lang_tag(&hit.posting.language)) {
                                            (hit.posting.title.as_deref().unwrap_or(&hit.posting.id))
                                        }
                                        span.similar-meta {
                                            @for part in [&hit.posting.organization, &hit.posting.grade, &hit.posting.duty_station].into_iter().flatten() {
                                                " · " (part)
                                            }
                                            @if let Some(day) = hit.posting.closing {
                                                " · " (closing_status(day, today, l))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    xml_safe(&markup.into_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hostile() -> Posting {
        Posting {
            id: "x\"><script>1</script>".into(),
            title: Some("<img src=x onerror=alert(1)> & co".into()),
            organization: Some("OIT".into()),
            language: "fr".into(),
            link: Some("javascript:alert(1)".into()),
            closing: NaiveDate::from_ymd_opt(2027, 1, 10),
            body: "Intro </script>\n- one\n- two\nEnd".into(),
            ..Posting::default()
        }
    }

    #[test]
    fn hostile_text_is_escaped_everywhere() {
        let site = Site::new("https://jobs.example.org").unwrap();
        let html = posting_page(
            &site,
            &hostile(),
            &[],
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script>1"), "{html}");
        assert_eq!(
            html.matches("</script>").count(),
            1,
            "only the JSON-LD's own end"
        );
        assert!(!html.contains("javascript:"), "unsafe links are left out");
        assert!(html.contains("<html lang=\"fr\">"));
        assert!(html.contains(
            "<link rel=\"canonical\" href=\"https://jobs.example.org/postings/x%22%3E%3Cscript%3E1%3C%2Fscript%3E\">"
        ));
        assert!(html.contains("<ul><li>one</li><li>two</li></ul>"));
        assert!(html.contains("clôture dans 9 jours"));
    }

    #[test]
    fn skills_are_chips_linking_to_the_search_in_the_page_language() {
        let site = Site::new("https://jobs.example.org").unwrap();
        let project_management = "7111b95d-0ce3-441a-9d92-4c75d05c4388";
        let posting = Posting {
            id: "p1".into(),
            title: Some("Chargé de projets".into()),
            language: "fr".into(),
            skills: vec![project_management.into(), "not-an-esco-id".into()],
            ..Posting::default()
        };
        let today = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let html = posting_page(&site, &posting, &[], today);
        let chip = format!(
            "<a class=\"skill-chip\" href=\"/?skill={project_management}&amp;lang=fr\" data-skill=\"{project_management}\""
        );
        assert!(html.contains(&chip), "{html}");
        assert!(html.contains(">gestion de projets</a>"), "{html}");
        assert!(html.contains("<h2 id=\"skills-heading\">Compétences</h2>"));
        assert_eq!(
            html.matches("data-testid=\"skill-chip\"").count(),
            1,
            "unknown ids are left out"
        );

        let english = Posting {
            language: "de".into(),
            ..posting.clone()
        };
        let html = posting_page(&site, &english, &[], today);
        assert!(html.contains(">project management</a>"), "{html}");
        assert!(html.contains("&amp;lang=en\""), "{html}");

        let none = posting_page(&site, &hostile(), &[], today);
        assert!(!none.contains("posting-skills"), "no skills, no section");

        // In the searcher's language: interface and skills in Spanish, the text in French.
        let html = posting_page_in(&site, &posting, &[], today, "es");
        assert!(html.contains("<html lang=\"es\">"), "{html}");
        assert!(html.contains(">gestión de proyectos</a>"), "{html}");
        assert!(html.contains("<h2 id=\"skills-heading\">Competencias</h2>"));
        assert!(html.contains(&format!(
            "href=\"/?skill={project_management}&amp;lang=es\""
        )));
        assert!(html.contains("<a href=\"/?lang=es\" data-testid=\"search-link\">"));
        assert!(
            html.contains("<h1 class=\"posting-title\" data-testid=\"posting-title\" lang=\"fr\">"),
            "{html}"
        );
    }

    #[test]
    fn descriptions_are_short_single_lines() {
        let body = "word ".repeat(100);
        let d = short_description(&body);
        assert!(d.ends_with('…') && d.chars().count() <= DESCRIPTION_CHARS + 1);
        assert_eq!(short_description("a\n b"), "a b");
    }
}
