//! Composes one posting: draws its facts, writes its title and its notice body into reused
//! buffers.

use std::fmt::Write;

use chrono::{Datelike, Days, NaiveDate};

use super::catalog::{
    contracts_for, Category, Contract, Domain, Grade, Org, DOMAINS, GRADES, ORGS,
};
use super::lexicon::Lexicon;
use super::pack::{write_long_date, Pack};
use super::places::{country_name, City, CITIES};
use super::rng::Rng;
use super::template::{render, Ctx};

/// Smallest body, in bytes.
pub(crate) const MIN_BODY: usize = 2_000;
/// Largest body, in bytes.
pub(crate) const MAX_BODY: usize = 15_000;
/// Range of the size a body aims at; sections overshoot it by at most a sentence each.
const TARGET: (usize, usize) = (2_400, 12_000);
/// One language, ready to write with.
pub(crate) struct Language {
    pub(crate) pack: &'static Pack,
    lex: Lexicon,
}

impl Language {
    /// Builds the lexicon and phrase table of `pack`.
    pub(crate) fn new(pack: &'static Pack) -> Self {
        Language {
            pack,
            lex: Lexicon::new(pack.lang, pack.nouns, pack.verbs, pack.adjectives),
        }
    }
}

/// The posting being written; buffers are reused from one posting to the next.
#[derive(Default)]
pub(crate) struct Draft {
    pub(crate) id: u64,
    pub(crate) title: String,
    pub(crate) org: &'static str,
    pub(crate) is_un: bool,
    pub(crate) posting_date: String,
    pub(crate) link: String,
    pub(crate) country: &'static str,
    pub(crate) location: &'static str,
    pub(crate) body: String,
    pub(crate) language: &'static str,
}

fn weighted<'t, T>(
    rng: &mut Rng,
    items: &'t [T],
    weight: impl Fn(&T) -> u32,
    scratch: &mut Vec<u32>,
) -> &'t T {
    scratch.clear();
    scratch.extend(items.iter().map(weight));
    &items[rng.weighted(scratch)]
}

/// Minimum years of experience asked for a category.
fn years_for(category: Category, rng: &mut Rng) -> u32 {
    match category {
        Category::JuniorProfessional => 2,
        Category::Professional => rng.pick(&[5, 7]),
        Category::SeniorProfessional => 10,
        Category::Director => 15,
        Category::GeneralService => rng.pick(&[2, 3, 4, 5]),
        Category::SeniorGeneralService => rng.pick(&[6, 7]),
        Category::NationalOfficer => rng.pick(&[1, 2, 4, 5]),
        Category::Consultant => rng.pick(&[3, 5, 8, 10]),
        Category::Intern => 0,
    }
}

/// Fills `draft` with posting number `index` in `lang`, published on one of the `days` days
/// from `start`.
pub(crate) fn compose(
    draft: &mut Draft,
    index: u64,
    lang: &Language,
    (start, days): (NaiveDate, u64),
    rng: &mut Rng,
    scratch: &mut Vec<u32>,
) {
    let pack = lang.pack;
    let slot = pack.slot;
    let org: &'static Org = weighted(rng, ORGS, |o| o.weight, scratch);
    let domain: &'static Domain = weighted(rng, DOMAINS, |d| d.weight, scratch);
    let related: [&'static Domain; 2] = [
        weighted(rng, DOMAINS, |d| d.weight, scratch),
        weighted(rng, DOMAINS, |d| d.weight, scratch),
    ];
    let grade: &'static Grade = weighted(rng, GRADES, |g| g.weight, scratch);
    let contracts = contracts_for(grade.category);
    let contract: &'static Contract = weighted(rng, contracts, |c| c.1, scratch).0;
    let city: &'static City = weighted(rng, CITIES, |c| c.weight, scratch);
    let country = country_name(city.country, slot);
    let city_name = city.name[slot];

    draft.id = 1_800_000_000_000 + index * 1_000 + rng.below(1_000) as u64;
    draft.org = org.name;
    draft.is_un = org.is_un;
    draft.country = city.country;
    draft.location = city_name;
    draft.language = pack.code;
    draft.link.clear();
    let _ = write!(draft.link, "https://example.org/vacancies/{}", draft.id);

    let published = start + Days::new(rng.below(days as usize) as u64);
    let closing = published + Days::new(rng.range(14, 56));
    draft.posting_date.clear();
    let _ = write!(
        draft.posting_date,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z",
        published.year(),
        published.month(),
        published.day(),
        rng.range(6, 20),
        rng.below(60),
        rng.below(60)
    );

    // Title.
    draft.title.clear();
    let years = years_for(grade.category, rng);
    {
        let tpl = rng.pick(pack.titles[grade.category as usize]);
        let ctx = Ctx {
            pack,
            lex: &lang.lex,
            domain,
            related,
            org,
            city: city_name,
            country,
            title: "",
            years,
            competency: "",
        };
        render(&mut draft.title, tpl, &ctx, rng);
        if rng.chance(0.4) {
            draft.title.push_str(", ");
            draft.title.push_str(city_name);
        }
    }

    let mut ctx = Ctx {
        pack,
        lex: &lang.lex,
        domain,
        related,
        org,
        city: city_name,
        country,
        title: &draft.title,
        years,
        competency: "",
    };
    let body = &mut draft.body;
    body.clear();
    let lb = &pack.labels;
    let hd = &pack.headings;

    // Header, with the labels real notices carry.
    body.push_str(&draft.title);
    body.push_str("\n\n");
    body.push_str(org.name);
    body.push_str("\n\n");
    if rng.chance(0.8) {
        let code: String = org.short[0]
            .chars()
            .filter(char::is_ascii_uppercase)
            .collect();
        let _ = writeln!(
            body,
            "{}: {}/{}/{:03}",
            lb.vacancy_number,
            code,
            published.year(),
            rng.range(1, 999)
        );
    }
    let _ = writeln!(body, "{}: {}", lb.grade, grade.label[slot]);
    let _ = writeln!(body, "{}: {}, {}", lb.duty_station, city_name, country);
    let _ = writeln!(body, "{}: {}", lb.contract, contract.label[slot]);
    if !contract.months.is_empty() {
        let months = rng.pick(contract.months);
        let unit = if months == 1 {
            pack.month_words.0
        } else {
            pack.month_words.1
        };
        let renew = if contract.renewable {
            pack.renewable
        } else {
            ""
        };
        let _ = writeln!(body, "{}: {months} {unit}{renew}", lb.duration);
    }
    let _ = write!(body, "{}: ", lb.published);
    write_long_date(
        body,
        pack,
        published.year(),
        published.month(),
        published.day(),
    );
    let _ = write!(body, "\n{}: ", lb.deadline);
    write_long_date(body, pack, closing.year(), closing.month(), closing.day());
    body.push_str("\n\n");

    // Sections fill up to cumulative shares of the target size.
    let header = body.len();
    let target = TARGET.0
        + ((TARGET.1 - TARGET.0) as f64 * (rng.next_f64() + rng.next_f64()) / 2.0) as usize;
    let room = target.saturating_sub(header);
    let mark = |share: f64| header + (room as f64 * share) as usize;

    body.push_str(hd.background);
    body.push_str("\n\n");
    let intro_end = mark(0.35);
    loop {
        let sentences = rng.range(2, 5);
        for i in 0..sentences {
            if i > 0 {
                body.push(' ');
            }
            render(body, rng.pick(pack.intro), &ctx, rng);
        }
        body.push_str("\n\n");
        if body.len() >= intro_end {
            break;
        }
    }

    body.push_str(hd.duties);
    body.push_str("\n\n");
    render(body, rng.pick(pack.duties_lead), &ctx, rng);
    body.push('\n');
    let duties_end = mark(0.68);
    let (last_duty, duties) = pack.duties.split_last().expect("duties");
    let mut bullets = 0;
    while bullets < 4 || (body.len() < duties_end && bullets < 40) {
        body.push_str("- ");
        render(body, rng.pick(duties), &ctx, rng);
        body.push('\n');
        bullets += 1;
    }
    if rng.chance(0.5) {
        body.push_str("- ");
        body.push_str(last_duty);
        body.push('\n');
    }
    body.push('\n');

    body.push_str(hd.qualifications);
    body.push_str("\n\n");
    let education = match grade.category {
        Category::GeneralService | Category::SeniorGeneralService => 2,
        Category::Intern => 3,
        Category::JuniorProfessional | Category::NationalOfficer => 1,
        _ => 0,
    };
    body.push_str(hd.education);
    body.push_str(": ");
    render(body, pack.education[education], &ctx, rng);
    body.push_str("\n\n");
    body.push_str(hd.experience);
    body.push_str(": ");
    let (years_tpl, others) = pack.experience.split_first().expect("experience");
    let mut first = true;
    if grade.category != Category::Intern {
        render(body, years_tpl, &ctx, rng);
        first = false;
    }
    let exp_end = mark(0.78);
    let mut n = 0;
    while first || (body.len() < exp_end && n < 6) {
        if !first {
            body.push(' ');
        }
        render(body, rng.pick(others), &ctx, rng);
        first = false;
        n += 1;
    }
    body.push_str("\n\n");
    body.push_str(hd.languages);
    body.push_str(": ");
    render(body, rng.pick(pack.languages), &ctx, rng);
    body.push_str("\n\n");

    body.push_str(hd.competencies);
    body.push_str("\n\n");
    let comp_end = mark(0.92);
    let offset = rng.below(pack.competencies.len());
    for i in 0..pack.competencies.len() {
        ctx.competency = pack.competencies[(offset + i) % pack.competencies.len()];
        body.push_str("- ");
        render(body, rng.pick(pack.competency_text), &ctx, rng);
        body.push('\n');
        if i >= 2 && body.len() >= comp_end {
            break;
        }
    }
    body.push('\n');

    body.push_str(hd.apply);
    body.push_str("\n\n");
    let offset = rng.below(pack.closing.len());
    for i in 0..pack.closing.len() {
        if i >= 2 && body.len() >= target {
            break;
        }
        if i > 0 {
            body.push(' ');
        }
        render(
            body,
            pack.closing[(offset + i) % pack.closing.len()],
            &ctx,
            rng,
        );
    }
    while body.len() < MIN_BODY {
        body.push(' ');
        render(body, rng.pick(pack.intro), &ctx, rng);
    }
    if body.len() > MAX_BODY {
        // Never expected (sections overshoot their share by one sentence at most); cut at a
        // line end to keep the bound.
        let mut end = MAX_BODY - 1;
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        let cut = body[..end].rfind('\n').unwrap_or(end);
        body.truncate(cut);
    }
    body.push('\n');
}
