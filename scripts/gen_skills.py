#!/usr/bin/env python3
"""Derive the compact ESCO tables under data/esco/ from the ESCO v1.0 CSV exports.

Usage (standard library only, any Python 3.8+):

    python3 scripts/gen_skills.py --esco ../shared/esco --out data/esco

Input: the ESCO download-portal CSVs for English (`en-us`), French and Spanish:
`skills_*.csv`, `occupations_*.csv`, `ISCOGroups_*.csv` and the two broader-relation files.

Output (UTF-8, tab-separated, one header row, sorted by the first column):

* skills.tsv: id, type (`S` skill/competence, `K` knowledge, `L` a language),
  reuse (`T` transversal, `C` cross-sector, `S` sector-specific, `O` occupation-specific),
  en, fr, es. A language cell holds the preferred label then the alternative labels,
  separated by `|`.
* occupations.tsv: id, isco (4-digit unit group), en, fr, es (labels as above).
* isco.tsv: code (1 to 4 digits), parent code (empty for a major group), en, fr, es
  (preferred labels).

`id` is the UUID at the end of the concept URI; the same id names the concept in every
language. A language skill (`L`) is a knowledge concept directly under ESCO's `language`
skill group (English, French, Arabic...).
"""

import argparse
import csv
import os
import sys

LANGS = [("en", "en-us"), ("fr", "fr"), ("es", "es")]
ISCO_LANGS = [("en", "en"), ("fr", "fr"), ("es", "es")]
# ESCO's skill group "language" (the languages people speak and write).
LANGUAGE_GROUP = "58095196-d766-4a5c-b16c-d941489f8e66"
TYPES = {"skill/competence": "S", "knowledge": "K"}
REUSE = {
    "transversal": "T",
    "cross-sector": "C",
    "sector-specific": "S",
    "occupation-specific": "O",
}


def concept_id(uri):
    """The last path segment of a concept URI."""
    return uri.rstrip("/").rsplit("/", 1)[-1]


def clean(label):
    """One label on one line, without the table's separators."""
    return " ".join(label.replace("|", " ").replace("\t", " ").split())


def labels(row):
    """Preferred label first, then the distinct alternative labels."""
    out = []
    for label in [row["preferredLabel"]] + row["altLabels"].split("\n"):
        label = clean(label)
        if label and label not in out:
            out.append(label)
    return out


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for row in sorted(rows):
            f.write("\t".join(row) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--esco", required=True, help="folder of the ESCO CSV exports")
    parser.add_argument("--out", default="data/esco", help="output folder")
    args = parser.parse_args()
    esco = args.esco

    languages = set()
    for row in read(os.path.join(esco, "broaderRelationsSkillPillar.csv")):
        if (
            row["conceptType"] == "KnowledgeSkillCompetence"
            and concept_id(row["broaderUri"]) == LANGUAGE_GROUP
        ):
            languages.add(concept_id(row["conceptUri"]))

    skills = {}
    for lang, suffix in LANGS:
        for row in read(os.path.join(esco, f"skills_{suffix}.csv")):
            cid = concept_id(row["conceptUri"])
            entry = skills.setdefault(
                cid,
                {
                    "type": "L" if cid in languages else TYPES[row["skillType"]]
                    if row["skillType"] in TYPES
                    else "S",
                    "reuse": REUSE.get(row["reuseLevel"], "O"),
                },
            )
            entry[lang] = labels(row)
    skill_rows = [
        [cid, e["type"], e["reuse"]] + ["|".join(e.get(l, [])) for l, _ in LANGS]
        for cid, e in skills.items()
    ]

    occupations = {}
    for lang, suffix in LANGS:
        for row in read(os.path.join(esco, f"occupations_{suffix}.csv")):
            entry = occupations.setdefault(
                concept_id(row["conceptUri"]), {"isco": row["iscoGroup"].strip()}
            )
            entry[lang] = labels(row)
    occupation_rows = [
        [cid, e["isco"]] + ["|".join(e.get(l, [])) for l, _ in LANGS]
        for cid, e in occupations.items()
    ]

    parents = {}
    for row in read(os.path.join(esco, "broaderRelationsOccPillar.csv")):
        if row["conceptType"] == "ISCOGroup" and row["broaderType"] == "ISCOGroup":
            parents[concept_id(row["conceptUri"])] = concept_id(row["broaderUri"])
    groups = {}
    for lang, suffix in ISCO_LANGS:
        for row in read(os.path.join(esco, f"ISCOGroups_{suffix}.csv")):
            uri_code = concept_id(row["conceptUri"])
            entry = groups.setdefault(row["code"].strip(), {"uri": uri_code})
            entry[lang] = clean(row["preferredLabel"])
    by_uri = {e["uri"]: code for code, e in groups.items()}
    isco_rows = []
    for code, e in groups.items():
        parent = by_uri.get(parents.get(e["uri"], ""), "")
        if parent and not code.startswith(parent):
            sys.exit(f"ISCO group {code} is under {parent}, which is not its prefix")
        isco_rows.append([code, parent] + [e.get(l, "") for l, _ in ISCO_LANGS])

    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "skills.tsv"), ["id", "type", "reuse", "en", "fr", "es"], skill_rows)
    write(os.path.join(args.out, "occupations.tsv"), ["id", "isco", "en", "fr", "es"], occupation_rows)
    write(os.path.join(args.out, "isco.tsv"), ["code", "parent", "en", "fr", "es"], isco_rows)
    print(
        f"{len(skill_rows)} skills ({len(languages)} languages), "
        f"{len(occupation_rows)} occupations, {len(isco_rows)} ISCO groups -> {args.out}"
    )


if __name__ == "__main__":
    main()
