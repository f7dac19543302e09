//! Duty-station phrases that name no place: remote work and several locations.

/// Normalised phrases (see [`fn@super::normalize`]) meaning the post is home-based.
const REMOTE: &[&str] = &[
    "home based",
    "homebased",
    "home base",
    "remote",
    "remotely",
    "remote work",
    "work from home",
    "telecommute",
    "telework",
    "teletravail",
    "a domicile",
    "depuis le domicile",
    "a distance",
    "en ligne",
    "teletrabajo",
    "desde casa",
    "a distancia",
    "remoto",
    "en remoto",
    "trabajo remoto",
    "online",
    "virtual",
];

/// Normalised phrases meaning the post is in several places.
const MULTIPLE: &[&str] = &[
    "multiple",
    "multiple locations",
    "multiple duty stations",
    "multiple countries",
    "various",
    "various locations",
    "various duty stations",
    "several locations",
    "plusieurs lieux",
    "plusieurs lieux daffectation",
    "plusieurs pays",
    "divers",
    "divers lieux",
    "varios",
    "varios lugares",
    "varias ubicaciones",
    "diversos lugares",
    "multiples lugares",
    "multiples",
];

/// Whether a normalised segment says the post is home-based (`"home based"`, `"teletravail"`).
///
/// The phrase must be the whole segment or open it (`"home based with travel"`).
pub fn is_remote(segment: &str) -> bool {
    matches_phrase(REMOTE, segment)
}

/// Whether a normalised segment says the post is in several places.
pub fn is_multiple(segment: &str) -> bool {
    MULTIPLE.contains(&segment)
}

fn matches_phrase(list: &[&str], segment: &str) -> bool {
    list.iter().any(|p| {
        segment == *p || (segment.starts_with(p) && segment.as_bytes().get(p.len()) == Some(&b' '))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_phrases_match_whole_or_leading_words() {
        assert!(is_remote("home based"));
        assert!(is_remote("home based with travel"));
        assert!(is_remote("teletravail"));
        assert!(!is_remote("remoteville"));
        assert!(!is_remote("nairobi"));
    }

    #[test]
    fn multiple_phrases_match_whole_segment() {
        assert!(is_multiple("plusieurs lieux"));
        assert!(is_multiple("varios"));
        assert!(!is_multiple("various towns of the north"));
    }
}
