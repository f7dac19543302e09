//! Country outlines for the map: `data/world/countries.tsv`, generated from Natural Earth by
//! `scripts/world/gen_world.mjs` (see `data/world/LICENSE.md`).

use std::collections::HashMap;
use std::sync::LazyLock;

const TABLE: &str = include_str!("../../../data/world/countries.tsv");

/// The projected outlines: width and height of the drawing, and a path per alpha-3 code.
pub struct World {
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
    /// `(alpha-3, SVG path)` in code order.
    pub countries: Vec<(&'static str, &'static str)>,
    index: HashMap<&'static str, usize>,
}

impl World {
    /// The path of a country, if it is drawn.
    #[must_use]
    pub fn path(&self, alpha3: &str) -> Option<&'static str> {
        self.index.get(alpha3).map(|i| self.countries[*i].1)
    }
}

/// The table, parsed once.
pub fn world() -> &'static World {
    static WORLD: LazyLock<World> = LazyLock::new(|| parse(TABLE));
    &WORLD
}

fn parse(table: &'static str) -> World {
    let mut world = World {
        width: 1000,
        height: 520,
        countries: Vec::new(),
        index: HashMap::new(),
    };
    for line in table.lines() {
        if let Some(size) = line.strip_prefix("# width\t") {
            let parts: Vec<&str> = size.split('\t').collect();
            if let [w, "height", h] = parts[..] {
                world.width = w.parse().unwrap_or(world.width);
                world.height = h.parse().unwrap_or(world.height);
            }
            continue;
        }
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some((code, path)) = line.split_once('\t') {
            world.index.insert(code, world.countries.len());
            world.countries.push((code, path));
        }
    }
    world
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_large_country_with_a_gazetteer_code() {
        let w = world();
        assert_eq!((w.width, w.height), (1000, 520));
        assert!(w.countries.len() > 150, "{}", w.countries.len());
        for code in ["FRA", "SEN", "CHE", "USA", "BRA", "IND", "UNK", "RUS"] {
            let path = w.path(code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(path.starts_with('M') && path.ends_with('Z'));
        }
        for (code, _) in &w.countries {
            assert!(crate::geo::gazetteer().country(code).is_some(), "{code}");
        }
    }
}
