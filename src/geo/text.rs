//! Finding a duty station mentioned in free text (a notice body or a title).

use super::normalize::normalize;
use super::{Gazetteer, Resolution};
use crate::posting::repair::repair;

/// Normalised labels that introduce a duty station, matched at the end of the text before a
/// colon (`"1. Duty Station:"`, `"Lieu d'affectation :"`, `"Lugar de destino:"`).
const LABELS: &[&str] = &[
    "duty station",
    "duty stations",
    "duty station s",
    "official duty station",
    "location",
    "locations",
    "job location",
    "work location",
    "place of assignment",
    "place of work",
    "lieu daffectation",
    "lieux daffectation",
    "lieu de travail",
    "lieu",
    "lugar de destino",
    "lugares de destino",
    "lugar de trabajo",
    "ubicacion",
    "localizacion",
    "sede",
];

/// Longest value taken after a label.
const MAX_VALUE_CHARS: usize = 120;
/// Longest first line treated as a title.
const MAX_TITLE_CHARS: usize = 400;

pub fn resolve_in_text(g: &Gazetteer, text: &str, hint: Option<&str>) -> Resolution {
    let text = repair(text);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();

    // 1. Labelled lines.
    for (i, line) in lines.iter().enumerate() {
        let Some((label, value)) = line.split_once(':') else {
            continue;
        };
        let label = normalize(label);
        let labelled = LABELS
            .iter()
            .any(|l| label == *l || (label.ends_with(l) && label.len() <= l.len() + 4));
        if !labelled {
            continue;
        }
        let value = if value.trim().is_empty() {
            lines[i + 1..]
                .iter()
                .find(|l| !l.is_empty())
                .copied()
                .unwrap_or("")
        } else {
            value
        };
        let value: String = value.chars().take(MAX_VALUE_CHARS).collect();
        let value = value.split(". ").next().unwrap_or("");
        let r = g.resolve(value, hint);
        if !r.is_unknown() {
            return r;
        }
    }

    // 2. The trailing comma-separated parts of a title-like first line.
    if let Some(first) = lines.iter().find(|l| !l.is_empty()) {
        if first.chars().count() <= MAX_TITLE_CHARS {
            let parts: Vec<&str> = first.split(',').collect();
            if parts.len() >= 2 {
                for take in [2, 1] {
                    let tail = parts[parts.len() - take..].join(",");
                    let r = g.resolve(&tail, hint);
                    if !r.is_unknown() {
                        return r;
                    }
                }
            }
        }
    }

    // 3. "based in X" / "basé à X" / "con sede en X" anywhere.
    let lower = text.to_lowercase();
    for marker in [
        "based in ",
        "basé à ",
        "basée à ",
        "con sede en ",
        "duty station is ",
    ] {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(marker) {
            let start = from + pos + marker.len();
            let rest: String = lower[start..].chars().take(60).collect();
            let value = rest.split(['.', '\n', ';']).next().unwrap_or("");
            let r = g.resolve(value, hint);
            if matches!(r, Resolution::Place(_) | Resolution::Country { .. }) {
                return r;
            }
            from = start;
        }
    }
    Resolution::Unknown
}
