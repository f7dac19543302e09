//! Gazetteer behaviour through the public API.

use vacancy_search::geo::{gazetteer, Place, Resolution};

fn place(station: &str, hint: Option<&str>) -> Place {
    match gazetteer().resolve(station, hint) {
        Resolution::Place(p) => p,
        other => panic!("{station:?} (hint {hint:?}) resolved to {other:?}, expected a place"),
    }
}

fn city_country(station: &str, hint: Option<&str>) -> (String, String) {
    let p = place(station, hint);
    (p.city, p.country)
}

#[test]
fn geneva_in_three_languages() {
    for name in [
        "Geneva",
        "Genève",
        "Ginebra",
        "GENEVE",
        "Ginebra (Suiza)",
        "Genève, Suisse",
    ] {
        let p = place(name, None);
        assert_eq!(p.city, "Geneva", "{name}");
        assert_eq!(p.country, "CHE", "{name}");
        assert_eq!(p.region, "Europe", "{name}");
        assert_eq!(p.subregion, "Western Europe", "{name}");
    }
}

#[test]
fn cairo_in_three_languages() {
    for name in ["Cairo", "Le Caire", "El Cairo", "Le Caire (Égypte)"] {
        let p = place(name, None);
        assert_eq!(
            (p.city.as_str(), p.country.as_str()),
            ("Cairo", "EGY"),
            "{name}"
        );
        assert_eq!(
            (p.region.as_str(), p.subregion.as_str()),
            ("Africa", "Northern Africa")
        );
    }
}

#[test]
fn addis_ababa_in_three_languages() {
    for name in [
        "Addis Ababa",
        "Addis-Abeba",
        "Adís Abeba",
        "Addis Ababa, Ethiopia",
    ] {
        let p = place(name, None);
        assert_eq!(
            (p.city.as_str(), p.country.as_str()),
            ("Addis Ababa", "ETH"),
            "{name}"
        );
        assert_eq!(
            (p.region.as_str(), p.subregion.as_str()),
            ("Africa", "Eastern Africa")
        );
    }
}

#[test]
fn other_exonyms() {
    assert_eq!(
        city_country("Bruxelles", None),
        ("Brussels".into(), "BEL".into())
    );
    assert_eq!(city_country("Nueva York", None).1, "USA");
    assert_eq!(
        city_country("Pékin", None),
        ("Beijing".into(), "CHN".into())
    );
    assert_eq!(
        city_country("La Haye", None),
        ("The Hague".into(), "NLD".into())
    );
}

#[test]
fn tunis() {
    let p = place("Tunis", None);
    assert_eq!(
        p,
        Place {
            city: "Tunis".into(),
            country: "TUN".into(),
            region: "Africa".into(),
            subregion: "Northern Africa".into(),
        }
    );
}

#[test]
fn same_name_in_two_countries_follows_the_country() {
    // London, United Kingdom is larger than London, Ontario.
    assert_eq!(city_country("London", None).1, "GBR");
    assert_eq!(city_country("London", Some("CAN")).1, "CAN");
    assert_eq!(city_country("London", Some("GBR")).1, "GBR");
    assert_eq!(city_country("London, Canada", None).1, "CAN");
    assert_eq!(city_country("London (Canadá)", None).1, "CAN");
    assert_eq!(city_country("London, Ontario", None).1, "CAN");
    // A country written beside the city overrides the hint.
    assert_eq!(city_country("London, Canada", Some("GBR")).1, "CAN");
    // A hint naming a country without such a city does not prevent resolution.
    assert_eq!(city_country("London", Some("KEN")).1, "GBR");
    // Tripoli: Libya's is larger than Lebanon's.
    assert_eq!(city_country("Tripoli", None).1, "LBY");
    assert_eq!(city_country("Tripoli", Some("LBN")).1, "LBN");
    assert_eq!(city_country("Tripoli, Lebanon", None).1, "LBN");
    assert_eq!(city_country("Tripoli (Liban)", None).1, "LBN");
}

#[test]
fn city_with_country_forms() {
    assert_eq!(
        city_country("Bonn, Germany", None),
        ("Bonn".into(), "DEU".into())
    );
    assert_eq!(
        city_country("Nairobi, Kenya", None),
        ("Nairobi".into(), "KEN".into())
    );
    assert_eq!(city_country("Washington, DC,United States", None).1, "USA");
    assert_eq!(city_country("Panamá, Panamá", None).1, "PAN");
    assert_eq!(city_country("Silver Spring, Maryland", None).1, "USA");
    assert_eq!(city_country("SÃ£o TomÃ©", None).1, "STP");
}

#[test]
fn remote_in_three_languages() {
    for s in [
        "Home-based",
        "Home based",
        "Remote",
        "Télétravail",
        "À domicile",
        "Teletrabajo",
        "Desde casa",
    ] {
        assert_eq!(gazetteer().resolve(s, None), Resolution::Remote, "{s}");
    }
}

#[test]
fn multiple_in_three_languages() {
    for s in [
        "Multiple",
        "Various",
        "Multiple locations",
        "Plusieurs lieux",
        "Varios",
        "Diversos lugares",
        // A list of three countries or more is a post in several places.
        "Preferably Bangladesh, Burkina Faso, Burundi, Egypt, Kenya, Tanzania or the US",
        "Kenya, Uganda, Rwanda",
    ] {
        assert_eq!(gazetteer().resolve(s, None), Resolution::Multiple, "{s}");
    }
    // A city with its country, or two countries, is not a list.
    assert_ne!(
        gazetteer().resolve("Nairobi, Kenya", None),
        Resolution::Multiple
    );
    assert_ne!(
        gazetteer().resolve("Goma, DRC, Rwanda", None),
        Resolution::Multiple
    );
}

#[test]
fn country_only() {
    for (s, code, sub) in [
        ("Kenya", "KEN", "Eastern Africa"),
        ("Sénégal", "SEN", "Western Africa"),
        ("Suiza", "CHE", "Western Europe"),
    ] {
        match gazetteer().resolve(s, None) {
            Resolution::Country {
                country, subregion, ..
            } => {
                assert_eq!(country, code, "{s}");
                assert_eq!(subregion, sub, "{s}");
            }
            other => panic!("{s}: {other:?}"),
        }
    }
    // A province alone names its country.
    assert_eq!(
        gazetteer()
            .resolve("Kwazulu Natal Province", None)
            .country(),
        Some("ZAF")
    );
    // Luxembourg and Singapore are cities as well as countries.
    assert_eq!(
        city_country("Luxembourg", None),
        ("Luxembourg".into(), "LUX".into())
    );
}

#[test]
fn unknown_stations() {
    for s in ["", "   ", "Xqzvbnm", "To be determined somewhere", "TBD"] {
        assert_eq!(gazetteer().resolve(s, None), Resolution::Unknown, "{s:?}");
    }
}

#[test]
fn duty_station_in_free_text() {
    let g = gazetteer();
    let notice = "Vacancy notice\n\nGrade: P-3\nDuty Station: Nairobi, Kenya\nDeadline: 1 May\n";
    assert_eq!(g.resolve_in_text(notice, None).country(), Some("KEN"));
    let avis = "Avis de vacance\nLieu d'affectation :\nDakar (Sénégal)\n";
    assert_eq!(g.resolve_in_text(avis, None).country(), Some("SEN"));
    let anuncio = "Lugar de destino: Ciudad de Panamá, Panamá";
    assert_eq!(g.resolve_in_text(anuncio, None).country(), Some("PAN"));
    let title = "Programme Analyst, Climate Finance, Bonn, Germany";
    assert_eq!(g.resolve_in_text(title, None).country(), Some("DEU"));
    let based = "Trainee - Markets Unit - based in Rome, Italy";
    assert_eq!(g.resolve_in_text(based, None).country(), Some("ITA"));
    assert!(g
        .resolve_in_text("A notice that names no place at all.", None)
        .is_unknown());
}

#[test]
fn posting_uses_title_to_disambiguate() {
    let g = gazetteer();
    let r = g.resolve_posting(Some("Valencia"), None, &["Data Analyst, Valencia, Spain"]);
    assert_eq!(r.country(), Some("ESP"));
    let r = g.resolve_posting(
        Some("Valencia"),
        None,
        &["Data Analyst, Valencia, Venezuela"],
    );
    assert_eq!(r.country(), Some("VEN"));
    // The feed's hint wins over the texts.
    let r = g.resolve_posting(Some("Tripoli"), Some("LBN"), &["Officer, Tripoli"]);
    assert_eq!(r.country(), Some("LBN"));
    // A location naming nothing falls back to the texts.
    let r = g.resolve_posting(Some("Field office"), None, &["Officer, Juba, South Sudan"]);
    assert_eq!(r.country(), Some("SSD"));
}

#[test]
fn country_lookup() {
    let c = gazetteer().country("CHE").expect("CHE");
    assert_eq!(
        (c.alpha2, c.name_en, c.name_fr, c.name_es),
        ("CH", "Switzerland", "Suisse", "Suiza")
    );
    assert!(gazetteer().country("XXX").is_none());
}
