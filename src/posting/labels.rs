//! Recognition of `Label: value` header lines in French, English and Spanish.
//!
//! A label line is a short label (at most [`MAX_LABEL_CHARS`] characters, starting with a
//! letter) followed by a colon and a value: `Grade: P2`, `Date de publication:14 mai 2025`,
//! `Date de clôture (minuit, heure de Genève): 3 juin 2025`.
//!
//! Labels are compared in normalised form (see [`normalize_label`]: lowercase, accents
//! removed, punctuation runs turned into single spaces) against [`LABELS`], a table of
//! `(field, label, match mode)`. A [`Match::Prefix`] entry matches the whole normalised label
//! or its leading words (`date de cloture` matches `date de cloture minuit heure de geneve`);
//! a [`Match::Exact`] entry matches only the whole label (used for words such as `level`
//! that also start unrelated labels like `Level 1:` in competency lists).
//! When no entry matches, a label of 10 characters or more is compared with the entries at an
//! edit distance of one (typing slips such as `Durée du contract`, `Departement`).
//! The longest matching entry wins. To support a new wording, add a row to [`LABELS`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::text::normalize_label;

/// Longest label (in characters) accepted before the colon.
pub const MAX_LABEL_CHARS: usize = 60;

/// Entries shorter than this are never matched approximately (too many near neighbours).
const MIN_FUZZY_CHARS: usize = 10;

/// The vacancy fields a label can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Grade or level (`P2`, `G-5`).
    Grade,
    /// Vacancy number (`ALG/DC/P/2025/02`).
    VacancyNumber,
    /// Publication date.
    Published,
    /// Closing date / application deadline.
    Closing,
    /// Job ID of the recruitment system.
    JobId,
    /// Department.
    Department,
    /// Organisation unit.
    Unit,
    /// Section of an organisation: the unit when no unit label names one (CTBTO's notices
    /// name a division, its section, then the section's unit).
    Section,
    /// Duty station / location.
    DutyStation,
    /// Contract type.
    ContractType,
    /// Contract duration.
    ContractDuration,
    /// Job title.
    Title,
    /// Publishing organisation.
    Organization,
    /// Language of the notice.
    Language,
    /// A label of something a posting does not keep (`Industry`, `Positions Available`,
    /// `Country of contract`, `Reports to`): known so that it ends the value written before
    /// it on its line, and is never taken for the value of an empty label above it.
    Other,
}

impl Field {
    /// True for fields whose value is a date.
    pub fn is_date(self) -> bool {
        matches!(self, Field::Published | Field::Closing)
    }
}

/// How a table entry is compared with a normalised label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The label equals the entry or starts with it followed by a space.
    Prefix,
    /// The label equals the entry.
    Exact,
}

use Field::*;
use Match::*;

/// The label table: field, normalised label, match mode. Order does not matter (longest wins).
pub const LABELS: &[(Field, &str, Match)] = &[
    // Grade
    (Grade, "grade", Prefix),
    (Grade, "grado", Prefix),
    (Grade, "grade level", Prefix),
    (Grade, "position grade", Prefix),
    (Grade, "post grade", Prefix),
    (Grade, "job grade", Prefix),
    (Grade, "post level", Prefix),
    (Grade, "position level", Prefix),
    (Grade, "level", Exact),
    (Grade, "niveau", Exact),
    (Grade, "nivel", Exact),
    (Grade, "classe", Exact),
    (Grade, "categorie et niveau", Prefix),
    (Grade, "nivel de contrato", Prefix),
    (Grade, "contract level", Prefix),
    (Grade, "contract level", Exact),
    (Grade, "classification", Exact),
    // UNV's board: `Volunteer category: National UN Volunteer Specialist`.
    (Grade, "volunteer category", Prefix),
    (Grade, "niveau du poste", Prefix),
    (Grade, "nivel de remuneracion", Prefix),
    // Vacancy number
    (VacancyNumber, "no du poste", Prefix),
    (VacancyNumber, "n du poste", Prefix),
    (VacancyNumber, "numero du poste", Prefix),
    (VacancyNumber, "no de l avis de vacance", Prefix),
    (VacancyNumber, "numero de l avis de vacance", Prefix),
    (VacancyNumber, "avis de vacance no", Prefix),
    (VacancyNumber, "reference du poste", Prefix),
    (VacancyNumber, "vacancy no", Prefix),
    (VacancyNumber, "vacancy number", Prefix),
    (VacancyNumber, "vacancy notice no", Prefix),
    (VacancyNumber, "vacancy notice number", Prefix),
    (VacancyNumber, "vacancy announcement no", Prefix),
    (VacancyNumber, "vacancy announcement number", Prefix),
    (VacancyNumber, "vacancy reference", Prefix),
    (VacancyNumber, "vacancy ref", Prefix),
    (VacancyNumber, "vacancy id", Prefix),
    (VacancyNumber, "va no", Prefix),
    (VacancyNumber, "post number", Prefix),
    (VacancyNumber, "position number", Prefix),
    (VacancyNumber, "job reference", Prefix),
    (VacancyNumber, "job ref", Prefix),
    (VacancyNumber, "reference number", Prefix),
    (VacancyNumber, "reference no", Prefix),
    (VacancyNumber, "numero de la vacante", Prefix),
    (VacancyNumber, "numero de vacante", Prefix),
    (VacancyNumber, "no de la vacante", Prefix),
    (VacancyNumber, "no de vacante", Prefix),
    (VacancyNumber, "referencia", Exact),
    // Publication date
    (Published, "date de publication", Prefix),
    (Published, "date de parution", Prefix),
    (Published, "publie le", Prefix),
    (Published, "publication date", Prefix),
    (Published, "publication transmission date", Prefix),
    (Published, "date of publication", Prefix),
    (Published, "posting date", Prefix),
    // Oracle Taleo boards (WHO, FAO, IAEA, UNIDO): `Job Posting: Nov 6, 2024, 12:08:24 AM`.
    (Published, "job posting", Exact),
    (Closing, "job posting end date", Prefix),
    (Published, "date posted", Prefix),
    (Published, "posted on", Prefix),
    (Published, "posted date", Prefix),
    (Published, "issue date", Prefix),
    (Published, "date of issue", Prefix),
    (Published, "date of issuance", Prefix),
    (Published, "fecha de publicacion", Prefix),
    (Published, "fecha de emision", Prefix),
    (Published, "opening date", Prefix),
    (Published, "external opening date", Prefix),
    (Published, "date d ouverture", Prefix),
    (Published, "fecha de apertura", Prefix),
    // UNICEF's and ICAP's boards: `Advertised: Nov 06 2024 W. Europe Standard Time`.
    (Published, "advertised", Exact),
    (Published, "advertised on", Prefix),
    (Published, "advertised date", Prefix),
    (Published, "date advertised", Prefix),
    (Published, "published", Exact),
    (Published, "published on", Prefix),
    (Published, "date published", Prefix),
    (Published, "publie", Exact),
    (Published, "publicado", Exact),
    (Published, "publicado el", Prefix),
    // Closing date
    (Closing, "date de cloture", Prefix),
    (Closing, "date limite", Prefix),
    (Closing, "delai de candidature", Prefix),
    (Closing, "delai de depot", Prefix),
    (Closing, "closing date", Prefix),
    (Closing, "close date", Prefix),
    (Closing, "closure date", Prefix),
    (Closing, "external closing date", Prefix),
    (Closing, "job closing date", Prefix),
    (Closing, "application closing date", Prefix),
    (Closing, "applications closing date", Prefix),
    (Closing, "application deadline", Prefix),
    (Closing, "applications deadline", Prefix),
    (Closing, "application close", Prefix),
    (Closing, "applications close", Prefix),
    (Closing, "deadline", Prefix),
    (Closing, "deadline for application", Prefix),
    (Closing, "deadline for applications", Prefix),
    (Closing, "deadline for all applications", Prefix),
    (Closing, "deadline for applying", Prefix),
    (Closing, "apply before", Prefix),
    (Closing, "apply by", Prefix),
    (Closing, "fecha de cierre", Prefix),
    // FAO's French board: the day the notice is taken down.
    (Closing, "date de depublication", Prefix),
    (Closing, "fecha limite", Prefix),
    (Closing, "plazo de postulacion", Prefix),
    (Closing, "plazo de presentacion", Prefix),
    // Job ID
    (JobId, "job id", Prefix),
    (JobId, "job identification", Prefix),
    (JobId, "identification de l emploi", Prefix),
    (JobId, "identificacion del empleo", Prefix),
    (JobId, "job no", Prefix),
    (JobId, "job number", Prefix),
    (JobId, "job opening id", Prefix),
    (JobId, "requisition id", Prefix),
    (JobId, "requisition no", Prefix),
    (JobId, "requisition number", Prefix),
    (JobId, "job requisition id", Prefix),
    (JobId, "job requisition no", Prefix),
    (JobId, "job requisition number", Prefix),
    (JobId, "apply now job no", Prefix),
    (JobId, "id de l emploi", Prefix),
    (JobId, "id del empleo", Prefix),
    (JobId, "id de la vacante", Prefix),
    // Department
    (Department, "departement", Prefix),
    (Department, "department", Prefix),
    (Department, "departamento", Prefix),
    (Department, "department office", Prefix),
    (Department, "division", Exact),
    (Department, "direction", Exact),
    // UNDP's board (`Bureau : Regional Bureau for Asia and the Pacific`), French notices.
    (Department, "bureau", Exact),
    // UNESCO's sectors are its departments (`Parent Sector : Education Sector (ED)`).
    (Department, "parent sector", Prefix),
    // Unit
    (Unit, "unite", Prefix),
    (Unit, "unit", Exact),
    (Unit, "unidad", Prefix),
    (Unit, "organization unit", Prefix),
    (Unit, "organisation unit", Prefix),
    (Unit, "organizational unit", Prefix),
    (Unit, "organisational unit", Prefix),
    (Unit, "org unit", Prefix),
    (Unit, "unite organisationnelle", Prefix),
    (Unit, "unidad organizativa", Prefix),
    (Unit, "unit division", Prefix),
    (Unit, "unite division", Prefix),
    (Unit, "unidad division", Prefix),
    (Section, "section", Exact),
    (Section, "seccion", Exact),
    (Unit, "section unit", Prefix),
    // Duty station
    (DutyStation, "lieu d affectation", Prefix),
    // As WFP's French notices misspell it (`Lieu d'affection : Port-au-Prince`).
    (DutyStation, "lieu d affection", Prefix),
    (DutyStation, "lieu de travail", Prefix),
    (DutyStation, "lieu du poste", Prefix),
    (DutyStation, "lieu", Exact),
    (DutyStation, "duty station", Prefix),
    (DutyStation, "duty stations", Prefix),
    (DutyStation, "location", Prefix),
    (DutyStation, "locations", Prefix),
    (DutyStation, "work location", Prefix),
    (DutyStation, "job location", Prefix),
    (DutyStation, "primary location", Prefix),
    (DutyStation, "position location", Prefix),
    (DutyStation, "place of assignment", Prefix),
    (DutyStation, "lugar de destino", Prefix),
    (DutyStation, "lugar de trabajo", Prefix),
    (DutyStation, "ubicacion", Prefix),
    // Contract type
    (ContractType, "type de contrat", Prefix),
    // `Type d'emploi : À plein temps/À durée déterminée` (ChildFund's French notices).
    (ContractType, "type d emploi", Prefix),
    (ContractType, "tipo de empleo", Prefix),
    (ContractType, "nature du contrat", Prefix),
    // ICAP's board: `Work type: Temporary Full-Time`, `Work type: Consultant - Country Office`.
    (ContractType, "work type", Prefix),
    (ContractType, "type d engagement", Prefix),
    (ContractType, "type de nomination", Prefix),
    (ContractType, "type of requisition", Prefix),
    (ContractType, "type de requisition", Prefix),
    (ContractType, "tipo de requisicion", Prefix),
    (ContractType, "contract type", Prefix),
    (ContractType, "type of contract", Prefix),
    (ContractType, "type of appointment", Prefix),
    (ContractType, "appointment type", Prefix),
    (ContractType, "contractual arrangement", Prefix),
    (ContractType, "contractual agreement", Prefix),
    (ContractType, "employment type", Prefix),
    (ContractType, "employment category", Prefix),
    (ContractType, "vacancy type", Prefix),
    (ContractType, "type of role", Prefix),
    // UNOPS: `Staff Member / Affiliate Type: UNOPS IICA1`.
    (ContractType, "staff member affiliate type", Prefix),
    (ContractType, "tipo de contrato", Prefix),
    (ContractType, "modalidad contractual", Prefix),
    (ContractType, "position type", Prefix),
    (ContractType, "type of position", Prefix),
    (ContractType, "job type", Exact),
    (ContractType, "contract", Exact),
    (ContractType, "contrat", Exact),
    (ContractType, "contrato", Exact),
    (ContractType, "tipo de contratacion", Prefix),
    (ContractType, "tipo de nombramiento", Prefix),
    // Contract duration
    (ContractDuration, "duree du contrat", Prefix),
    (ContractDuration, "duree de l engagement", Prefix),
    (ContractDuration, "duree", Exact),
    (ContractDuration, "contract duration", Prefix),
    (ContractDuration, "duration of contract", Prefix),
    (ContractDuration, "duration of appointment", Prefix),
    // The UN's consultancy notices: `Expected duration` alone on its line, then `6 months`.
    (ContractDuration, "expected duration", Prefix),
    (ContractDuration, "duration of assignment", Prefix),
    (ContractDuration, "length of contract", Prefix),
    (ContractDuration, "contract length", Prefix),
    (ContractDuration, "duration", Exact),
    (ContractDuration, "term duration", Prefix),
    (ContractDuration, "duracion del contrato", Prefix),
    (ContractDuration, "duracion de contrato", Prefix),
    (ContractDuration, "duracion", Exact),
    (ContractDuration, "duree contrat", Prefix),
    (ContractDuration, "duree du poste", Prefix),
    (ContractDuration, "duree de la mission", Prefix),
    (ContractDuration, "duree de l affectation", Prefix),
    (ContractDuration, "assignment duration", Prefix),
    (ContractDuration, "length of assignment", Prefix),
    (ContractDuration, "length of appointment", Prefix),
    (ContractDuration, "duration of post", Prefix),
    (ContractDuration, "duration of the post", Prefix),
    (ContractDuration, "duration of internship", Prefix),
    (ContractDuration, "length of internship", Prefix),
    (ContractDuration, "length of the internship", Prefix),
    (ContractDuration, "assignment length", Prefix),
    (ContractDuration, "mission length", Prefix),
    (ContractDuration, "duration of the internship", Prefix),
    (ContractDuration, "duration of the assignment", Prefix),
    (ContractDuration, "duration of the contract", Prefix),
    (ContractDuration, "duration of employment", Prefix),
    (ContractDuration, "duracion del puesto", Prefix),
    (ContractDuration, "duracion de la asignacion", Prefix),
    // Title
    (Title, "intitule du poste", Prefix),
    (Title, "titre du poste", Prefix),
    (Title, "titre", Exact),
    (Title, "title", Exact),
    (Title, "job title", Prefix),
    (Title, "position title", Prefix),
    (Title, "post title", Prefix),
    (Title, "functional title", Prefix),
    (Title, "title and grade", Prefix),
    (Title, "titulo del puesto", Prefix),
    (Title, "titulo del cargo", Prefix),
    (Title, "titulo de la vacante", Prefix),
    (Title, "puesto", Exact),
    // Organisation
    (Organization, "organisation", Exact),
    (Organization, "organization", Exact),
    (Organization, "organizacion", Exact),
    (Organization, "organisme", Exact),
    (Organization, "agency", Exact),
    (Organization, "hiring organization", Prefix),
    // UNV's board: the UN entity the volunteer serves (`Host entity: UNICEF`).
    (Organization, "host entity", Prefix),
    // Language of the notice
    (Language, "langue", Exact),
    (Language, "language", Exact),
    (Language, "idioma", Exact),
    (Language, "langue de l avis", Prefix),
    (Language, "language of the notice", Prefix),
    (Language, "idioma del anuncio", Prefix),
    // What a posting does not keep. Boards run their labels together on one line (`Job Ref
    // #: FAL-12 Industry: Mining Job Type: Permanent Positions Available: 1`, `Vacancy notice
    // no: 1425 Sector: SG Department: ISD Country of contract: Switzerland`): each value
    // ends where the next label begins, known or not kept.
    (Other, "industry", Exact),
    (Other, "sector", Exact),
    (Other, "positions available", Prefix),
    (Other, "number of positions", Prefix),
    (Other, "number of posts", Prefix),
    (Other, "number of vacancies", Prefix),
    (Other, "number of assignments", Prefix),
    (Other, "nombre de postes", Prefix),
    (Other, "nombre de poste", Prefix),
    (Other, "nombre de positions", Prefix),
    (Other, "nombre de position", Prefix),
    (Other, "numero de vacantes", Prefix),
    (Other, "numero de puestos", Prefix),
    (Other, "numero de plazas", Prefix),
    (Other, "country of contract", Prefix),
    (Other, "recruitment open to", Prefix),
    (Other, "recruitment type", Prefix),
    (Other, "reports to", Prefix),
    (Other, "reporting to", Prefix),
    (Other, "job category", Prefix),
    (Other, "job subcategory", Prefix),
    (Other, "categories", Exact),
    // UNRWA: `Duty Station: Field Locations Equivalency: Equivalency does not apply…`.
    (Other, "equivalency", Exact),
    (Other, "indicative minimum net annual salary", Prefix),
    (Other, "annual salary", Prefix),
    (Other, "salary", Prefix),
    (Other, "titre du responsable", Prefix),
    (Other, "manager supervisor title", Prefix),
    (Other, "work environment", Prefix),
    (Other, "environnement de travail", Prefix),
    (Other, "start date", Prefix),
    (Other, "expected start date", Prefix),
    // UNICEF's board: `Division/Equivalent: Programme`, `School/Unit: Benin`.
    (Other, "division equivalent", Prefix),
    (Other, "school unit", Prefix),
];

/// A recognised label line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelLine<'a> {
    /// The field the label names.
    pub field: Field,
    /// The label as written (trimmed).
    pub label: &'a str,
    /// The value after the colon, trimmed (may be empty).
    pub value: &'a str,
}

/// Splits `Label: value` into its trimmed parts when the line has the shape of a label line
/// (label of 1..=[`MAX_LABEL_CHARS`] characters starting with a letter, then a colon).
/// Extra colons at the start of the value (`Deadline: : 21/11/2024`) are dropped.
pub fn split_label(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let colon = line.find(':')?;
    let label = line[..colon].trim();
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    if !label.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    // `https://...` is not a label line.
    if line[colon + 1..].starts_with("//") {
        return None;
    }
    let value = line[colon + 1..]
        .trim_start_matches([':', ' ', '\t'])
        .trim();
    Some((label, value))
}

/// The field a label names, if any (see the module documentation for the matching rules).
pub fn classify(label: &str) -> Option<Field> {
    classify_normalized(&normalize_label(label)).map(|(f, _)| f)
}

/// Classifies an already normalised label; also returns the length of the matched entry.
fn classify_normalized(norm: &str) -> Option<(Field, usize)> {
    if norm.is_empty() {
        return None;
    }
    let mut best: Option<(Field, usize)> = None;
    let index = &*LABEL_INDEX;
    // Both modes need `norm` to start with the entry.
    for &i in &index.by_first[usize::from(norm.as_bytes()[0])] {
        let (field, entry, mode) = LABELS[usize::from(i)];
        let hit = match mode {
            Exact => norm == entry,
            Prefix => {
                norm == entry
                    || (norm.len() > entry.len()
                        && norm.starts_with(entry)
                        && norm.as_bytes()[entry.len()] == b' ')
            }
        };
        if hit && best.is_none_or(|(_, len)| entry.len() > len) {
            best = Some((field, entry.len()));
        }
    }
    if best.is_some() {
        return best;
    }
    if norm.len() >= MIN_FUZZY_CHARS {
        // Word boundaries of `norm`, found once when a prefix entry needs them.
        let mut spaces: Option<Vec<usize>> = None;
        // An entry can be within one edit of `norm` only if its length is within one byte of
        // `norm`'s, or (prefix entries) of a word-boundary prefix's: most candidates are
        // ruled out by their length, before any comparison.
        let whole = near_lengths(norm.len());
        let prefixes = norm
            .bytes()
            .take(LENGTH_BITS)
            .enumerate()
            .filter(|&(_, b)| b == b' ')
            .fold(0, |mask, (i, _)| mask | near_lengths(i));
        for &i in index.fuzzy_candidates(norm).iter() {
            let (field, entry, mode) = LABELS[usize::from(i)];
            let near =
                |lengths: u64| entry.len() >= LENGTH_BITS - 1 || lengths & (1 << entry.len()) != 0;
            // Compare the whole label, or (prefix mode) its first words of about the entry's
            // length, at edit distance one.
            let close = (near(whole) && within_one_edit(norm, entry))
                || (mode == Prefix && near(prefixes) && {
                    let spaces = spaces
                        .get_or_insert_with(|| norm.match_indices(' ').map(|(i, _)| i).collect());
                    prefix_within_one_edit(norm, spaces, entry)
                });
            if close && best.is_none_or(|(_, len)| entry.len() > len) {
                best = Some((field, entry.len()));
            }
        }
    }
    best
}

/// Lengths [`near_lengths`] tells apart: an entry this long or longer is always compared.
const LENGTH_BITS: usize = 64;

/// The lengths within one byte of `len` (`len - 1` to `len + 1`), as bits of a mask; those
/// of [`LENGTH_BITS`] or more are left out (entries that long are compared whatever the
/// mask says).
fn near_lengths(len: usize) -> u64 {
    [len.wrapping_sub(1), len, len + 1]
        .into_iter()
        .filter(|&l| l < LENGTH_BITS)
        .fold(0, |mask, l| mask | (1 << l))
}

/// Positions in [`LABELS`] of its entries, by byte, so that a label is compared only with
/// the entries it may match.
struct LabelIndex {
    /// By first byte: the entries a label starting with that byte may start with.
    by_first: Vec<Vec<u16>>,
    /// Each byte's place in [`COMMON_BYTES`] ([`NOT_COMMON`] for the others).
    common: [u8; 256],
    /// [`LabelIndex::fuzzy_candidates`] of every label starting with two common bytes, at
    /// `first * COMMON_BYTES.len() + second`.
    fuzzy_by_pair: Vec<Vec<u16>>,
}

/// The bytes normalised labels are nearly always made of.
const COMMON_BYTES: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789 ";

/// [`LabelIndex::common`] of a byte outside [`COMMON_BYTES`].
const NOT_COMMON: u8 = u8::MAX;

static LABEL_INDEX: LazyLock<LabelIndex> = LazyLock::new(|| {
    let mut by_first = vec![Vec::new(); 256];
    for (i, (_, entry, _)) in (0u16..).zip(LABELS) {
        if let Some(&b0) = entry.as_bytes().first() {
            by_first[usize::from(b0)].push(i);
        }
    }
    let mut common = [NOT_COMMON; 256];
    for (place, &b) in (0u8..).zip(COMMON_BYTES) {
        common[usize::from(b)] = place;
    }
    let fuzzy_by_pair = COMMON_BYTES
        .iter()
        .flat_map(|&first| COMMON_BYTES.iter().map(move |&second| [first, second]))
        .map(|pair| fuzzy_entries(&pair))
        .collect();
    LabelIndex {
        by_first,
        common,
        fuzzy_by_pair,
    }
});

impl LabelIndex {
    /// The entries of at least [`MIN_FUZZY_CHARS`] bytes that may be within one edit of
    /// `norm` (of two bytes or more) or of a prefix of it (see [`first_two_agree`]), in the
    /// order of [`LABELS`].
    fn fuzzy_candidates(&self, norm: &str) -> Cow<'_, [u16]> {
        let bytes = norm.as_bytes();
        let [a0, a1, ..] = bytes else {
            return Cow::Borrowed(&[]);
        };
        match (self.common[usize::from(*a0)], self.common[usize::from(*a1)]) {
            (NOT_COMMON, _) | (_, NOT_COMMON) => Cow::Owned(fuzzy_entries(bytes)),
            (first, second) => Cow::Borrowed(
                &self.fuzzy_by_pair[usize::from(first) * COMMON_BYTES.len() + usize::from(second)],
            ),
        }
    }
}

/// The entries of at least [`MIN_FUZZY_CHARS`] bytes whose first two bytes agree with those
/// of `label` (see [`first_two_agree`]), in the order of [`LABELS`].
fn fuzzy_entries(label: &[u8]) -> Vec<u16> {
    (0u16..)
        .zip(LABELS)
        .filter(|(_, (_, entry, _))| {
            entry.len() >= MIN_FUZZY_CHARS && first_two_agree(label, entry.as_bytes())
        })
        .map(|(i, _)| i)
        .collect()
}

/// True when some word-boundary prefix of `norm` (`spaces`: the byte offsets of its
/// spaces, in order) is within one edit of `entry`.
fn prefix_within_one_edit(norm: &str, spaces: &[usize], entry: &str) -> bool {
    // Only prefixes of the entry's length give or take one byte can be within one edit.
    let from = spaces.partition_point(|&i| i + 1 < entry.len());
    spaces[from..]
        .iter()
        .take_while(|&&i| i <= entry.len() + 1)
        .any(|&i| within_one_edit(&norm[..i], entry))
}

/// A cheap test that two words of at least two bytes each may be within one edit (and so
/// may any prefixes of them of two bytes or more): one edit leaves their first bytes equal,
/// or their second bytes, or shifts one against the other.
fn first_two_agree(a: &[u8], b: &[u8]) -> bool {
    match (a, b) {
        ([a0, a1, ..], [b0, b1, ..]) => a0 == b0 || a1 == b1 || a1 == b0 || a0 == b1,
        _ => true,
    }
}

/// True when `a` and `b` differ by at most one insertion, deletion or substitution.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if prefix == a.len() && prefix == b.len() {
        return true;
    }
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => ra[1..] == rb[1..],
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

/// Recognises a label line: `Grade: P2` → (Grade, "Grade", "P2").
///
/// Also accepts a date label written without its colon and followed by the date
/// (`Apply Before 11/13/2024, 04:59 AM`): the value is then the whole line, since the date
/// parser looks for the first date in its input.
pub fn parse_label_line(line: &str) -> Option<LabelLine<'_>> {
    let Some((label, value)) = split_label(line) else {
        return date_line_without_colon(line);
    };
    let norm = normalize_label(label);
    let (field, len) = classify_normalized(&norm)?;
    if len < norm.len() && field.is_date() {
        // What follows the label's separator (one character, not always one byte).
        let mut after = norm.get(len..).unwrap_or_default().chars();
        after.next();
        if after.as_str().starts_with(|c: char| c.is_ascii_digit()) {
            return Some(LabelLine {
                field,
                label,
                value: line.trim(),
            });
        }
    }
    Some(LabelLine {
        field,
        label,
        value,
    })
}

/// Longest line read as a date label without any colon (`Closing date 27.11.2024`).
const MAX_BARE_DATE_LINE_CHARS: usize = 80;

/// A short line without a colon that starts with a date label followed by a number
/// (`Closing date 27.11.2024`): the value is the whole line, as for
/// `Apply Before 11/13/2024, 04:59 AM`. Also a contract-type label followed by a known
/// contract type (`Contract Type Consultancy (Up to 11 months)`, `Employment Type Volunteer`),
/// an identifier's label followed by one word with a digit (`Job Identification 16542`), or
/// `Department` followed by a short capitalised name (`Department Programs`): the value is
/// what follows the label.
fn date_line_without_colon(line: &str) -> Option<LabelLine<'_>> {
    let line = line.trim();
    if !line.starts_with(char::is_alphabetic) {
        return None;
    }
    let chars = line.chars().count();
    let long = chars > MAX_BARE_DATE_LINE_CHARS;
    if long && (chars > MAX_BARE_CONTRACT_LINE_CHARS || !may_name_a_contract(line)) {
        return None;
    }
    let norm = normalize_label(line);
    let (field, len) = classify_normalized(&norm)?;
    if len >= norm.len() || (long && field != Field::ContractType) {
        return None;
    }
    if field == Field::ContractType && long {
        // The ECB's table (`Type of contract Fixed-term contract, which may be extended
        // subject to…`): a longer line when its first clause is a known contract type.
        let value = after_words(line, norm[..len].split(' ').count());
        let clause = value[..value.find([',', ';', '.', '(']).unwrap_or(value.len())].trim();
        let known = super::contract::leading_contract(value).is_some();
        return known.then(|| LabelLine {
            field,
            label: line[..line.len() - value.len()].trim(),
            value: clause,
        });
    }
    if field == Field::ContractType {
        let value = after_words(line, norm[..len].split(' ').count());
        // A known contract type, or a short capitalised value (`National contract`), not
        // prose (`Contract type and duration depend on funding`).
        let short = value.starts_with(char::is_uppercase) && value.split_whitespace().count() <= 4;
        let known = super::contract::parse_contract(value).is_some_and(|c| c.is_known() || short);
        return known.then(|| labelled(field, line, value));
    }
    if field == Field::Department && norm[..len] == *"department" {
        // DRC's board (`Department East Africa and Great Lakes Region`): a short capitalised
        // name, not prose (`Department of Population Health`) nor a heading (`Department
        // Overview`).
        let value = after_words(line, 1);
        let heading = [
            "Overview",
            "Description",
            "Profile",
            "Summary",
            "Background",
        ]
        .iter()
        .any(|h| value.eq_ignore_ascii_case(h));
        let name = value.starts_with(char::is_uppercase)
            && value.split_whitespace().count() <= 6
            && !value.ends_with(['.', ';', ','])
            && !heading;
        return name.then(|| labelled(field, line, value));
    }
    if matches!(field, Field::JobId | Field::VacancyNumber) {
        // An identifier: one word of three characters or more with a digit (`Job
        // Identification 16542`), not prose (`Job number 3 of the plan`).
        let value = after_words(line, norm[..len].split(' ').count());
        return is_identifier(value).then(|| labelled(field, line, value));
    }
    if !field.is_date() {
        return None;
    }
    let mut after = norm.get(len..).unwrap_or_default().chars();
    after.next();
    if !after.as_str().starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(LabelLine {
        field,
        label: line,
        value: line,
    })
}

/// Longest line read as a contract-type label without colon followed by its value.
const MAX_BARE_CONTRACT_LINE_CHARS: usize = 200;

/// Whether a line longer than a date label's may still start with a contract-type label:
/// `contract` or `contrat` (any case) begins one of its first three words, a cheap test
/// before the label table.
fn may_name_a_contract(line: &str) -> bool {
    line.split_whitespace().take(3).any(|w| {
        w.get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("contrac") || p.eq_ignore_ascii_case("contrat"))
    })
}

/// The label line of `value`, the end of `line`: its label is what comes before.
fn labelled<'a>(field: Field, line: &'a str, value: &'a str) -> LabelLine<'a> {
    LabelLine {
        field,
        label: line[..line.len() - value.len()].trim(),
        value,
    }
}

/// Whether `value` reads as an identifier: one word of three characters or more with a
/// digit (`16542`, `VA5-2148-2024`).
fn is_identifier(value: &str) -> bool {
    !value.contains(char::is_whitespace)
        && value.chars().count() >= 3
        && value.contains(|c: char| c.is_ascii_digit())
}

/// Longest line read as a label standing alone, without colon (see [`bare_label`]).
const MAX_BARE_LABEL_CHARS: usize = 40;

/// A line that is a label and nothing else, without its colon (`Contract Duration`, `Durée
/// du contrat`, `Vacancy reference`), for a field whose values can be told from prose: a
/// date, a grade, a contract type, a duration or an identifier. Its value is the next line
/// when [`fits`] says it is one; a heading of the same words followed by a paragraph
/// (`Contract` above `Company Description`) gives nothing.
pub fn bare_label(line: &str) -> Option<LabelLine<'_>> {
    let line = line.trim();
    if line.chars().count() > MAX_BARE_LABEL_CHARS
        || line.contains(':')
        || !line.starts_with(char::is_alphabetic)
    {
        return None;
    }
    let norm = normalize_label(line);
    let (field, len) = classify_normalized(&norm)?;
    let checked = matches!(
        field,
        Published | Closing | Grade | ContractType | ContractDuration | JobId | VacancyNumber
    );
    (checked && len == norm.len()).then_some(LabelLine {
        field,
        label: line,
        value: "",
    })
}

/// Whether `value`, the line after a [`bare_label`] of `field`, is a value of that field.
pub fn fits(field: Field, value: &str) -> bool {
    use super::dates::{parse_date, NumericOrder};
    match field {
        Published | Closing => parse_date(value, NumericOrder::English).is_some(),
        Grade => super::grade::parse_grade(value).is_some(),
        ContractType => super::contract::parse_contract(value).is_some_and(|c| c.is_known()),
        ContractDuration => super::contract::reads_as_duration(value),
        JobId | VacancyNumber => is_identifier(value),
        _ => false,
    }
}

/// What follows the first `n` words (runs of letters and digits) of `line`, trimmed.
fn after_words(line: &str, n: usize) -> &str {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in line.char_indices() {
        if c.is_alphanumeric() {
            if !in_word {
                if seen == n {
                    return line[i..].trim();
                }
                seen += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
    }
    ""
}

/// When `value` itself starts with another recognised label (`Position Number: Posting
/// Date: 06-Nov-2024`), returns that inner label line.
pub fn chained(value: &str) -> Option<LabelLine<'_>> {
    parse_label_line(value)
}

/// Longest run of text (bytes) read as a label written after a value on the same line.
const MAX_INLINE_LABEL_BYTES: usize = 80;

/// Every recognised label of one line, in order.
///
/// Notices republished by job boards lose their line breaks, so several labels share a line:
/// `Job ID: 12521 Department: RO-Asia and the Pacific Organization Unit: CO-Jakarta`.
/// The line's leading label is read as by [`parse_label_line`] (an unrecognised leading
/// label such as `Preferred Language(s):` is skipped); after it, a label is a run of words
/// ending at a colon whose normalised form, parenthesised words removed, *equals* a table
/// entry (`Organization Unit`, `Application deadline ( midnight local time)`): the earliest
/// such start wins, so the longest entry is taken. Each value ends where the next label
/// begins, at the line end, or at a sentence end (`Fixed Term. The ILO...`).
pub fn labels_in_line(line: &str) -> Vec<LabelLine<'_>> {
    let line = line.trim();
    let leading = parse_label_line(line);
    let mut search_from = match (split_label(line), line.find(':')) {
        (Some(_), Some(colon)) => colon + 1,
        // A label line without colon (`Closing date 27.11.2024`): nothing more to find.
        _ if leading.is_some() => return leading.into_iter().collect(),
        _ => 0,
    };
    // (field, label start, label end, value start) of the labels after the leading one.
    let mut inline: Vec<(Field, usize, usize, usize)> = Vec::new();
    let bytes = line.as_bytes();
    while let Some(rel) = line[search_from..].find(':') {
        let colon = search_from + rel;
        let next = colon + 1;
        let is_time = colon > 0
            && bytes[colon - 1].is_ascii_digit()
            && bytes.get(next).is_some_and(u8::is_ascii_digit);
        if is_time || line[next..].starts_with("//") {
            search_from = next;
            continue;
        }
        let mut lower = colon
            .saturating_sub(MAX_INLINE_LABEL_BYTES)
            .max(search_from);
        while !line.is_char_boundary(lower) {
            lower += 1;
        }
        // Without a leading label, the first label of a line ends prose or a heading: it is
        // one only when capitalised, as the cells of a flattened table are (`… Chile Job Ref
        // #: FAL-20`), not the end of a sentence (`courses under the PLR/TPOD contract: This
        // work will…`). Words inside parentheses belong to a value (`5 months (fixed start
        // date: 1st March 2025)`).
        let first_after_prose = leading.is_none() && inline.is_empty();
        let start = word_starts(line, lower, colon)
            .filter(|&p| !first_after_prose || line[p..].starts_with(char::is_uppercase))
            .filter_map(|p| inline_label(&line[p..colon]).map(|f| (f, p)))
            .find(|&(_, p)| !inside_parentheses(&line[..p]));
        if let Some((field, p)) = start {
            inline.push((field, p, colon, next));
        }
        search_from = next;
    }
    let ends: Vec<usize> = inline.iter().map(|&(_, p, _, _)| p).collect();
    let mut out = Vec::with_capacity(inline.len() + 1);
    if let Some(mut l) = leading {
        let start = offset_in(line, l.value);
        let end = ends
            .iter()
            .copied()
            .find(|&e| e > start)
            .unwrap_or(start + l.value.len());
        l.value = clean_inline_value(&line[start..end.min(line.len())]);
        out.push(l);
    }
    for (i, &(field, p, colon, value_start)) in inline.iter().enumerate() {
        let end = ends.get(i + 1).copied().unwrap_or(line.len());
        out.push(LabelLine {
            field,
            label: line[p..colon].trim(),
            value: clean_inline_value(&line[value_start..end]),
        });
    }
    out
}

/// Whether the end of `text` lies inside parentheses it opened and did not close.
fn inside_parentheses(text: &str) -> bool {
    let mut depth = 0usize;
    for b in text.bytes() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth > 0
}

/// Byte offset of `part` (a slice of `whole`) in `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// Byte positions in `line[from..to]` where a word starting with a letter begins, in order.
fn word_starts(line: &str, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    line[from..to].char_indices().filter_map(move |(i, c)| {
        let at = from + i;
        let before = line[..at].chars().next_back();
        (c.is_alphabetic() && (at == from || before.is_none_or(|b| !b.is_alphanumeric())))
            .then_some(at)
    })
}

/// The field named by a label written after a value: its normalised form without the
/// parenthesised words must equal a table entry.
fn inline_label(label: &str) -> Option<Field> {
    let mut bare = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let norm = normalize_label(&bare);
    BY_ENTRY.get(norm.as_str()).copied()
}

/// Each entry of [`LABELS`] and its field (the first, for an entry listed twice): what
/// [`inline_label`] looks up for every word before a colon.
static BY_ENTRY: LazyLock<HashMap<&'static str, Field>> = LazyLock::new(|| {
    let mut by_entry = HashMap::with_capacity(LABELS.len());
    for &(field, entry, _) in LABELS {
        by_entry.entry(entry).or_insert(field);
    }
    by_entry
});

/// A value cut at its first sentence end (a period after a word of three letters or more,
/// then a space and a capital: `Fixed Term. The ILO`), trimmed of spaces, leading colons and
/// what ends a cell of a table run into one line (`Programme: ______`, `Fixed Term:`).
pub fn clean_inline_value(value: &str) -> &str {
    let value = value
        .trim_start_matches([':', ' ', '\t'])
        .trim()
        .trim_end_matches(|c: char| c == ':' || c == '_' || c.is_whitespace());
    let bytes = value.as_bytes();
    for (i, _) in value.match_indices(". ") {
        let word = value[..i]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let capital_next = value[i + 2..].starts_with(char::is_uppercase);
        if word.chars().count() >= 3 && capital_next && i > 0 && bytes[i - 1] != b'.' {
            return value[..i].trim();
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_candidates_are_every_long_entry_the_cheap_test_keeps() {
        let mut labels: Vec<String> = LABELS.iter().map(|(_, e, _)| e.to_string()).collect();
        // Each entry with its first, then second byte dropped, and a few other labels.
        for (_, entry, _) in LABELS {
            labels.push(entry[1..].to_string());
            labels.push(format!("{}{}", &entry[..1], &entry[2.min(entry.len())..]));
        }
        labels.extend(
            [
                "xx",
                "zzzzzzzzzzzz",
                "duties and responsibilities",
                "_closing date",
                "c\u{430}losing date",
                "\u{430}\u{431}\u{432} date",
            ]
            .map(String::from),
        );
        for norm in labels.iter().filter(|l| l.len() >= 2) {
            let expected: Vec<u16> = (0u16..)
                .zip(LABELS)
                .filter(|(_, (_, e, _))| {
                    e.len() >= MIN_FUZZY_CHARS && first_two_agree(norm.as_bytes(), e.as_bytes())
                })
                .map(|(i, _)| i)
                .collect();
            assert_eq!(*LABEL_INDEX.fuzzy_candidates(norm), *expected, "{norm}");
        }
    }

    proptest::proptest! {
        /// The cheap test never rules out a pair within one edit (nor a prefix of one of
        /// them, as `prefix_within_one_edit` compares).
        #[test]
        fn first_two_agree_whenever_within_one_edit(
            a in "[abcd ]{2,8}",
            b in "[abcd ]{2,8}",
            cut in 2usize..8,
        ) {
            if within_one_edit(&a, &b) {
                proptest::prop_assert!(first_two_agree(a.as_bytes(), b.as_bytes()));
            }
            let prefix = &a[..cut.min(a.len())];
            if within_one_edit(prefix, &b) {
                proptest::prop_assert!(first_two_agree(a.as_bytes(), b.as_bytes()));
            }
        }
    }

    /// [`classify_normalized`] the long way: every entry compared, none ruled out first.
    fn classify_by_every_entry(norm: &str) -> Option<(Field, usize)> {
        fn keep(best: &mut Option<(Field, usize)>, field: Field, entry: &str) {
            if best.is_none_or(|(_, len)| entry.len() > len) {
                *best = Some((field, entry.len()));
            }
        }
        let mut best: Option<(Field, usize)> = None;
        for &(field, entry, mode) in LABELS {
            let prefix = mode == Prefix
                && norm.len() > entry.len()
                && norm.starts_with(entry)
                && norm.as_bytes()[entry.len()] == b' ';
            if norm == entry || prefix {
                keep(&mut best, field, entry);
            }
        }
        if best.is_some() || norm.len() < MIN_FUZZY_CHARS {
            return best;
        }
        let spaces: Vec<usize> = norm.match_indices(' ').map(|(i, _)| i).collect();
        for &(field, entry, mode) in LABELS.iter().filter(|e| e.1.len() >= MIN_FUZZY_CHARS) {
            if within_one_edit(norm, entry)
                || (mode == Prefix && prefix_within_one_edit(norm, &spaces, entry))
            {
                keep(&mut best, field, entry);
            }
        }
        best
    }

    proptest::proptest! {
        /// Ruling candidates out by their length and first bytes changes no answer: labels
        /// one edit away from an entry, followed by other words or not, and other lines.
        #[test]
        fn candidates_ruled_out_first_change_no_label(
            entry in 0..LABELS.len(),
            edit in 0usize..3,
            at in 0usize..40,
            letter in proptest::char::range('a', 'z'),
            tail in "( [a-z0-9]{1,12}){0,6}",
            other in "[a-z ]{0,70}",
        ) {
            let mut label: Vec<char> = LABELS[entry].1.chars().collect();
            let at = at % (label.len() + 1);
            match edit {
                0 if at < label.len() => label[at] = letter,
                1 if at < label.len() => {
                    label.remove(at);
                }
                _ => label.insert(at, letter),
            }
            let label: String = label.into_iter().collect();
            for norm in [format!("{label}{tail}"), label, other] {
                proptest::prop_assert_eq!(
                    classify_normalized(&norm),
                    classify_by_every_entry(&norm),
                    "{}",
                    norm
                );
            }
        }
    }

    fn field(line: &str) -> Option<(Field, String)> {
        parse_label_line(line).map(|l| (l.field, l.value.to_string()))
    }

    #[test]
    fn french_labels_of_the_notice_format() {
        assert_eq!(field("Grade: P2"), Some((Grade, "P2".into())));
        assert_eq!(
            field("No. du poste: ALG/DC/P/2025/02"),
            Some((VacancyNumber, "ALG/DC/P/2025/02".into()))
        );
        assert_eq!(
            field("Date de publication:14 mai 2025"),
            Some((Published, "14 mai 2025".into()))
        );
        assert_eq!(
            field("Date de clôture (minuit, heure de Genève): 3 juin 2025"),
            Some((Closing, "3 juin 2025".into()))
        );
        assert_eq!(field("Job ID: 12979"), Some((JobId, "12979".into())));
        assert_eq!(
            field("Départment: BR-Afrique"),
            Some((Department, "BR-Afrique".into()))
        );
        assert_eq!(
            field("Département: BR-Afrique"),
            Some((Department, "BR-Afrique".into()))
        );
        assert_eq!(field("Unité: BP-Alger"), Some((Unit, "BP-Alger".into())));
        assert_eq!(
            field("Lieu d'affectation: Tunis"),
            Some((DutyStation, "Tunis".into()))
        );
        assert_eq!(
            field("Lieu d’affectation : Tunis"),
            Some((DutyStation, "Tunis".into()))
        );
        assert_eq!(field("Type de contrat: X").unwrap().0, ContractType);
        assert_eq!(
            field("Durée du contract: 12 mois").unwrap().0,
            ContractDuration
        );
        assert_eq!(
            field("Durée du contrat: 12 mois").unwrap().0,
            ContractDuration
        );
        assert_eq!(field("Intitulé du poste: Chef").unwrap().0, Title);
        assert_eq!(field("Titre: Chef").unwrap().0, Title);
        assert_eq!(field("Organisation: OIT").unwrap().0, Organization);
    }

    #[test]
    fn case_and_accents_do_not_matter() {
        assert_eq!(field("DATE DE CLOTURE: 3 juin 2025").unwrap().0, Closing);
        assert_eq!(field("lieu D'AFFECTATION: Tunis").unwrap().0, DutyStation);
    }

    #[test]
    fn english_and_spanish_labels() {
        for (line, f) in [
            ("Vacancy no.: X/1", VacancyNumber),
            ("Publication date: 6 November 2024", Published),
            ("Job Posting: Nov 6, 2024, 12:08:24 AM", Published),
            ("Job Posting End Date: 20/Nov/2024", Closing),
            (
                "Type of Requisition : PSA (Personal Services Agreement)",
                ContractType,
            ),
            ("Application deadline: 20 November 2024", Closing),
            ("Closing date: 11/20/2024 (MM/DD/YYYY)", Closing),
            ("Deadline for Application: 20 November 2024", Closing),
            ("Department: Finance", Department),
            ("Organization Unit: X", Unit),
            ("Location: Bonn", DutyStation),
            ("Duty Station: Bonn, Germany", DutyStation),
            ("Contract type: Fixed Term", ContractType),
            ("Contract duration: 1 year", ContractDuration),
            ("Job title: Officer", Title),
            ("Title: Officer", Title),
            ("Organization: ILO", Organization),
            ("Job ID: 1", JobId),
            ("Grado: P3", Grade),
            ("Número de la vacante: 12", VacancyNumber),
            ("Fecha de publicación: 1 de mayo de 2025", Published),
            ("Fecha de cierre: 1 de mayo de 2025", Closing),
            ("Fecha límite: 1 de mayo de 2025", Closing),
            ("Departamento: X", Department),
            ("Unidad: X", Unit),
            ("Lugar de destino: Lima", DutyStation),
            ("Tipo de contrato: Plazo fijo", ContractType),
            ("Duración del contrato: 6 meses", ContractDuration),
            ("Título del puesto: Oficial", Title),
            ("Title and Grade: Intern, Energy", Title),
            ("Level: P3", Grade),
            ("Grade Level: G-5", Grade),
            ("Duration of Appointment: 6 Months", ContractDuration),
            ("Duration of Post: 24 months", ContractDuration),
            ("Length of assignment: 24 months", ContractDuration),
            ("Assignment Duration : 2 Years", ContractDuration),
            ("Durée contrat initial : 1 an", ContractDuration),
            ("Job Requisition ID: 19065", JobId),
            ("Classification: Grade G5 (10 positions)", Grade),
            ("UNIT/DIVISION: WFP Innovation Accelerator", Unit),
            ("Unité/Division : Programme Résilience", Unit),
            (
                "Bureau : Regional Bureau for Asia and the Pacific",
                Department,
            ),
            ("Parent Sector : Education Sector (ED)", Department),
            ("Section/Unit: UNHCR Field Unit", Unit),
            ("Sección: Protección", Section),
            ("Publication/Transmission Date: 6 November 2024", Published),
            ("External Opening Date: Nov 5, 2024", Published),
            ("Date d'ouverture : 5 novembre 2024", Published),
            ("Advertised: Nov 06 2024 W. Europe Standard Time", Published),
            ("Advertised on: 05 Nov 2024", Published),
            ("Date advertised: 5 November 2024", Published),
            ("Published: 5 November 2024", Published),
            ("Publié : 5 novembre 2024", Published),
            ("Publicado el: 5 de noviembre de 2024", Published),
            ("Date de dépublication: 27/nov./2024, 22:59:00", Closing),
            (
                "Volunteer category: National UN Volunteer Specialist",
                Grade,
            ),
            ("Niveau du Poste : SC7", Grade),
            ("NIVEL DE REMUNERACIÓN: SC L4", Grade),
            ("Employment Category: Fixed Term", ContractType),
            ("Vacancy Type : Fixed Term", ContractType),
            ("Staff Member / Affiliate Type: UNOPS IICA1", ContractType),
            ("Mission Length: 11 months", ContractDuration),
            ("Host entity: UNICEF", Organization),
        ] {
            assert_eq!(field(line).map(|x| x.0), Some(f), "{line}");
        }
    }

    #[test]
    fn exact_entries_do_not_swallow_longer_labels() {
        assert_eq!(field("Level 1: Basic"), None);
        assert_eq!(field("Titles of the reports: x"), None);
    }

    #[test]
    fn not_label_lines() {
        assert_eq!(field("https://example.org/jobs"), None);
        assert_eq!(field("- Supervision:"), None);
        // Who advertised or published a notice is no date.
        assert_eq!(field("Advertised by: UNDP"), None);
        assert_eq!(field("Published by: UNHCR"), None);
        assert_eq!(field("Publicado por: ACNUR"), None);
        assert_eq!(
            field("Peuvent soumettre leur candidature : toutes et tous"),
            None
        );
        let long = format!("{}: x", "a".repeat(61));
        assert_eq!(split_label(&long), None);
        assert_eq!(split_label("no colon here"), None);
    }

    #[test]
    fn misspellings_within_one_edit() {
        assert_eq!(field("Departement: X").unwrap().0, Department);
        assert_eq!(field("Closng date: 3 June 2025").unwrap().0, Closing);
        assert_eq!(field("Lieu d'afectation: Tunis").unwrap().0, DutyStation);
        assert!(within_one_edit("abc", "abd"));
        assert!(within_one_edit("abc", "abcd"));
        assert!(!within_one_edit("abc", "axd"));
    }

    #[test]
    fn date_label_without_colon() {
        let l = parse_label_line("Apply Before 11/13/2024, 04:59 AM").unwrap();
        assert_eq!(l.field, Closing);
        assert_eq!(l.value, "Apply Before 11/13/2024, 04:59 AM");
    }

    #[test]
    fn date_label_without_any_colon() {
        let l = parse_label_line("Closing date 27.11.2024").unwrap();
        assert_eq!(l.field, Closing);
        assert_eq!(l.value, "Closing date 27.11.2024");
        let l = parse_label_line("  Date limite 30/11/2024 ").unwrap();
        assert_eq!(l.field, Closing);
        // Not a date after the label, a long line, or a label that is not a date: prose.
        assert!(parse_label_line("Closing date to be announced").is_none());
        assert!(parse_label_line("Grade P3").is_none());
        // A contract-type label followed by a known contract type.
        let l = parse_label_line("Contract Type Consultancy (Up to 11 months)").unwrap();
        assert_eq!(
            (l.field, l.value),
            (ContractType, "Consultancy (Up to 11 months)")
        );
        assert!(parse_label_line("Contract type and duration depend on funding").is_none());
        // A longer line when its first clause is a known contract type (the ECB's table).
        let ecb = "Type of contract Fixed-term contract, which may be extended subject to \
                   individual performance and organisational needs";
        let l = parse_label_line(ecb).unwrap();
        assert_eq!((l.field, l.value), (ContractType, "Fixed-term contract"));
        let prose = "Type of contract offered will depend on the selected candidate's \
                     experience, the duration of the project and the funding available";
        assert!(parse_label_line(prose).is_none());
        let prose = format!("Closing date 27.11.2024 {}", "and more words ".repeat(10));
        assert!(parse_label_line(&prose).is_none());
        // An identifier's label followed by one word with a digit.
        for (line, value) in [
            ("Job Identification 16542", "16542"),
            ("Identification de l'emploi 16542", "16542"),
        ] {
            let l = parse_label_line(line).unwrap();
            assert_eq!((l.field, l.value), (JobId, value), "{line}");
        }
        assert!(parse_label_line("Job number 3 of the plan").is_none());
        let l = parse_label_line("Department East Africa and Great Lakes Region").unwrap();
        assert_eq!(
            (l.field, l.value),
            (Department, "East Africa and Great Lakes Region")
        );
        for prose in ["Department of Population Health", "Department Overview"] {
            assert!(parse_label_line(prose).is_none(), "{prose}");
        }
        assert!(parse_label_line("Job Identification pending").is_none());
    }

    #[test]
    fn multibyte_letter_right_after_a_date_label() {
        // Found by tests/fuzz.rs: the character after the label was sliced as one byte.
        for line in [
            "Date de clôtur āe minuit, heure de Genève: 12/12/2024",
            "Date de clôture āe minuit: 12/12/2024",
            "Date de clôture ā: 12/12/2024",
        ] {
            let l = parse_label_line(line);
            assert!(l.is_none_or(|l| l.field == Closing), "{line}");
        }
    }

    #[test]
    fn value_extra_colon_and_chained_labels() {
        assert_eq!(
            field("Deadline: : 21/11/2024"),
            Some((Closing, "21/11/2024".into()))
        );
        let l = parse_label_line("Position Number: Posting Date: 06-Nov-2024").unwrap();
        assert_eq!(l.field, VacancyNumber);
        let inner = chained(l.value).unwrap();
        assert_eq!((inner.field, inner.value), (Published, "06-Nov-2024"));
    }

    #[test]
    fn several_labels_on_one_line() {
        let got = |line: &'static str| -> Vec<(Field, &'static str)> {
            labels_in_line(line)
                .into_iter()
                .map(|l| (l.field, l.value))
                .collect()
        };
        assert_eq!(
            got("Job ID: 12521 Department: RO-Asia and the Pacific Organization Unit: CO-Jakarta Location: Jakarta Contract type: Fixed Term"),
            vec![
                (JobId, "12521"),
                (Department, "RO-Asia and the Pacific"),
                (Unit, "CO-Jakarta"),
                (DutyStation, "Jakarta"),
                (ContractType, "Fixed Term"),
            ]
        );
        assert_eq!(
            got("Vacancy no.: DC/X/GS/2024/16 Publication date: 6 November 2024 Application deadline ( midnight local time): 19 November 2024"),
            vec![
                (VacancyNumber, "DC/X/GS/2024/16"),
                (Published, "6 November 2024"),
                (Closing, "19 November 2024"),
            ]
        );
        // An unknown leading label, then a known one.
        assert_eq!(
            got("Preferred Language(s): Closing Date: 11/20/2024 (MM/DD/YYYY) at 11:59pm UTC"),
            vec![(Closing, "11/20/2024 (MM/DD/YYYY) at 11:59pm UTC")]
        );
        // A value ends at a sentence end; times and links are no labels.
        assert_eq!(
            got("Contract type: Fixed Term. The ILO values diversity at 10:30 on https://x.org"),
            vec![(ContractType, "Fixed Term")]
        );
        // Label-like words inside a value are not labels without their colon.
        assert_eq!(
            got("Unidad: Departamento de Unidad Lugar de destino: Ciudad de México"),
            vec![
                (Unit, "Departamento de Unidad"),
                (DutyStation, "Ciudad de México")
            ]
        );
        assert!(got("We meet deadlines and report to the unit.").is_empty());
    }

    #[test]
    fn a_sentence_ending_in_a_label_word_is_no_label() {
        let fields = |line: &str| -> Vec<(Field, String)> {
            labels_in_line(line)
                .into_iter()
                .map(|l| (l.field, l.value.to_string()))
                .collect()
        };
        let prose = "Instructors for courses under the PLR/TPOD contract: This work will \
                     contribute to the Planning, Learning, and Resource Management task order";
        assert!(fields(prose).is_empty());
        // A heading before the cells of a flattened table still gives them.
        let table = "SYSTEM OPERATOR for Pumps/ VSP Booster Fraser Alexander Latin America \
                     2024/11/05 Chile Job ID: FAL-20 \
                     Industry: Mining Job Type: Contract";
        assert_eq!(
            fields(table),
            [
                (JobId, "FAL-20".to_string()),
                (Other, "Mining".to_string()),
                (ContractType, "Contract".to_string())
            ]
        );
    }

    #[test]
    fn labels_a_posting_does_not_keep_end_the_values_before_them() {
        let got = |line: &'static str| -> Vec<(Field, &'static str)> {
            labels_in_line(line)
                .into_iter()
                .filter(|l| l.field != Other)
                .map(|l| (l.field, l.value))
                .collect()
        };
        assert_eq!(
            got("Job Ref #: FAL-12 Industry: Mining Job Type: Permanent Positions Available: 1"),
            vec![(VacancyNumber, "FAL-12"), (ContractType, "Permanent")]
        );
        // `Country of contract` is one label, not `contract` after a value.
        assert_eq!(
            got("Vacancy notice no: 1425 Sector: SG Department: ISD Country of contract: Switzerland"),
            vec![(VacancyNumber, "1425"), (Department, "ISD")]
        );
        // A table's cells run together, each ending in a colon, the last in a rule.
        assert_eq!(
            got("Type de Contrat : Fixed Term: Lieu d'affection : Port-au-Prince: Niveau du Poste :NOB"),
            vec![
                (ContractType, "Fixed Term"),
                (DutyStation, "Port-au-Prince"),
                (Grade, "NOB")
            ]
        );
        assert_eq!(
            got("Unité : Programme (Protection Sociale): ______________"),
            vec![(Unit, "Programme (Protection Sociale)")]
        );
        // Inside parentheses, a label's words are the value's.
        assert_eq!(
            got("Duration: 5 months (fixed start date: 1st March 2025)"),
            vec![(
                ContractDuration,
                "5 months (fixed start date: 1st March 2025)"
            )]
        );
        assert_eq!(
            got("2nd instalment (50% of the total contract): After approval of final report"),
            vec![]
        );
        assert_eq!(
            field("Type d'emploi : À plein temps/À durée déterminée"),
            Some((ContractType, "À plein temps/À durée déterminée".into()))
        );
        assert_eq!(classify("Number of vacancies"), Some(Other));
        assert_eq!(
            labels_in_line(
                "Apply now Job no: 498562 Work type: Temporary Full-Time Location: Ukraine Categories: Research"
            )
            .into_iter()
            .map(|l| (l.field, l.value))
            .collect::<Vec<_>>(),
            vec![
                (JobId, "498562"),
                (ContractType, "Temporary Full-Time"),
                (DutyStation, "Ukraine"),
                (Other, "Research")
            ]
        );
    }

    #[test]
    fn a_label_alone_on_its_line_and_the_values_that_fit_it() {
        let bare = |line| bare_label(line).map(|l| l.field);
        assert_eq!(bare("Contract Duration"), Some(ContractDuration));
        assert_eq!(bare("Durée du contrat"), Some(ContractDuration));
        assert_eq!(bare("Vacancy reference"), Some(VacancyNumber));
        assert_eq!(bare("Expected duration"), Some(ContractDuration));
        // Free-text fields, a label with more words, a label line with its colon: none.
        for line in [
            "Organización",
            "Duty station",
            "Contract type, level and duration",
            "Grade: P3",
        ] {
            assert_eq!(bare(line), None, "{line}");
        }
        assert!(fits(
            ContractDuration,
            "Twelve (12) Months with possibility of extension"
        ));
        assert!(!fits(ContractType, "Company Description"));
        assert!(fits(ContractType, "Fixed-term appointment"));
        assert!(fits(Closing, "10 November 2024"));
        assert!(!fits(Closing, "# of w/days"));
        assert!(!fits(Grade, "N/A"));
        assert!(fits(VacancyNumber, "VA5-2148-2024"));
        assert_eq!(classify("Reports to"), Some(Other));
    }
}
