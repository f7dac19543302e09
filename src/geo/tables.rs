//! The generated tables of `data/geo/`, compiled in and parsed once into lookup maps.

use std::collections::HashMap;

const COUNTRIES_TSV: &str = include_str!("../../data/geo/countries.tsv");
const CITIES_TSV: &str = include_str!("../../data/geo/cities.tsv");
const SUBDIVISIONS_TSV: &str = include_str!("../../data/geo/subdivisions.tsv");

/// A country of ISO 3166-1 with its names and UN M49 grouping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code, e.g. `CHE`.
    pub alpha3: &'static str,
    /// ISO 3166-1 alpha-2 code, e.g. `CH`.
    pub alpha2: &'static str,
    /// Common English name, e.g. `Switzerland`.
    pub name_en: &'static str,
    /// Common French name, e.g. `Suisse`.
    pub name_fr: &'static str,
    /// Common Spanish name, e.g. `Suiza`.
    pub name_es: &'static str,
    /// M49 region in English: `Africa`, `Americas`, `Asia`, `Europe`, `Oceania`.
    pub region: &'static str,
    /// M49 intermediate region where M49 has one (`Eastern Africa`, `South America`),
    /// otherwise its sub-region (`Northern Africa`, `Western Europe`).
    pub subregion: &'static str,
}

/// One city of the GeoNames extract.
#[derive(Debug, Clone, Copy)]
pub(crate) struct City {
    /// Canonical (GeoNames) name.
    pub name: &'static str,
    /// Index into [`Tables::countries`].
    pub country: u16,
    /// Normalised canonical name.
    pub key: &'static str,
}

/// All tables, indexed by normalised name.
pub(crate) struct Tables {
    pub countries: Vec<Country>,
    pub country_by_alpha3: HashMap<&'static str, u16>,
    /// Normalised country name or alias → country.
    pub country_by_name: HashMap<&'static str, u16>,
    /// Normalised first-level subdivision name → countries having one of that name.
    pub subdivisions: HashMap<&'static str, Vec<u16>>,
    pub cities: Vec<City>,
    /// Normalised city name or alias → cities, largest first (`cities.tsv` is sorted by
    /// population, column 3).
    pub city_by_name: HashMap<&'static str, Vec<u32>>,
}

fn data_lines(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn aliases(field: Option<&&'static str>) -> impl Iterator<Item = &'static str> {
    field
        .copied()
        .unwrap_or("")
        .split('|')
        .filter(|a| !a.is_empty())
}

impl Tables {
    /// Parses the compiled-in tables. Panics only if the committed data files are malformed,
    /// which the unit tests rule out.
    pub fn load() -> Tables {
        let mut countries = Vec::new();
        let mut country_by_alpha3 = HashMap::new();
        let mut country_by_name = HashMap::new();
        for f in data_lines(COUNTRIES_TSV) {
            assert!(f.len() >= 7, "countries.tsv: short row {f:?}");
            let idx = countries.len() as u16;
            countries.push(Country {
                alpha3: f[0],
                alpha2: f[1],
                name_en: f[2],
                name_fr: f[3],
                name_es: f[4],
                region: f[5],
                subregion: f[6],
            });
            country_by_alpha3.insert(f[0], idx);
            for a in aliases(f.get(7)) {
                country_by_name.entry(a).or_insert(idx);
            }
        }

        let mut subdivisions: HashMap<&'static str, Vec<u16>> = HashMap::new();
        for f in data_lines(SUBDIVISIONS_TSV) {
            let Some(&idx) = country_by_alpha3.get(f[0]) else {
                continue;
            };
            for a in aliases(f.get(1)) {
                let list = subdivisions.entry(a).or_default();
                if !list.contains(&idx) {
                    list.push(idx);
                }
            }
        }

        let mut cities = Vec::with_capacity(70_000);
        let mut city_by_name: HashMap<&'static str, Vec<u32>> = HashMap::with_capacity(200_000);
        for f in data_lines(CITIES_TSV) {
            assert!(f.len() >= 4, "cities.tsv: short row {f:?}");
            let Some(&country) = country_by_alpha3.get(f[1]) else {
                continue;
            };
            let idx = cities.len() as u32;
            cities.push(City {
                name: f[0],
                country,
                key: f[3],
            });
            city_by_name.entry(f[3]).or_default().push(idx);
            for a in aliases(f.get(4)) {
                let list = city_by_name.entry(a).or_default();
                if list.last() != Some(&idx) {
                    list.push(idx);
                }
            }
        }
        Tables {
            countries,
            country_by_alpha3,
            country_by_name,
            subdivisions,
            cities,
            city_by_name,
        }
    }

    /// Every normalised key of every table, for consistency checks.
    #[cfg(test)]
    pub fn all_keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.country_by_name
            .keys()
            .chain(self.subdivisions.keys())
            .chain(self.city_by_name.keys())
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::normalize::normalize;

    #[test]
    fn tables_parse_and_keys_are_normalised() {
        let t = Tables::load();
        assert!(t.countries.len() >= 249, "{} countries", t.countries.len());
        assert!(t.cities.len() > 30_000, "{} cities", t.cities.len());
        for key in t.all_keys() {
            assert_eq!(normalize(key), key, "table key not in normal form");
        }
        // Cities are stored largest first, so candidate lists are sorted by population.
        for list in t.city_by_name.values() {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn every_country_has_an_m49_region() {
        let t = Tables::load();
        let regions = [
            "Africa",
            "Americas",
            "Asia",
            "Europe",
            "Oceania",
            "Antarctica",
        ];
        for c in &t.countries {
            assert!(
                regions.contains(&c.region),
                "{} has region {:?}",
                c.alpha3,
                c.region
            );
            assert!(!c.subregion.is_empty(), "{} has no subregion", c.alpha3);
        }
    }
}
