//! Stop words: function words dropped from the index and from queries.
//!
//! Short lists of articles, prepositions, pronouns and auxiliaries, written for this project
//! and given accent-folded, since the filter runs after accent folding.

/// French function words (folded).
pub const FRENCH: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle",
    "elles", "en", "est", "et", "etre", "il", "ils", "je", "l", "la", "le", "les", "leur", "leurs",
    "lui", "m", "ma", "mais", "me", "mes", "n", "ne", "nos", "notre", "nous", "on", "ou", "par",
    "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur", "t", "ta",
    "te", "tes", "un", "une", "vos", "votre", "vous", "y", "c", "j", "dont", "ont", "ete",
];

/// English function words.
pub const ENGLISH: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "its", "no", "not", "of", "on", "or", "our", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "we", "were", "will", "with", "you", "your",
];

/// Spanish function words (folded).
pub const SPANISH: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "ella", "ellas", "ellos", "en", "entre", "es",
    "esta", "este", "esto", "la", "las", "le", "les", "lo", "los", "mas", "mi", "nos", "o", "para",
    "pero", "por", "que", "se", "sin", "sobre", "son", "su", "sus", "u", "un", "una", "unas",
    "uno", "unos", "y", "e", "ser", "ha", "han",
];
