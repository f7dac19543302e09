//! iCalendar (RFC 5545) files: a posting's closing date as an all-day event.

use chrono::{DateTime, Days, Utc};

use super::site::urn;
use super::Site;
use crate::Posting;

/// `Content-Type` of an iCalendar file.
pub const ICS_CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// Longest content line, in octets, before folding (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// The calendar of `posting`'s closing date, stamped `now`; `None` without a closing date.
///
/// One `VEVENT`: `DTSTART;VALUE=DATE` the closing day and `DTEND` the day after (all day),
/// `UID` stable per posting, `SUMMARY` and `DESCRIPTION` naming the vacancy, `URL` of its
/// page. Lines end with CRLF and are folded at 75 octets without splitting a character.
#[must_use]
pub fn write_calendar(site: &Site, posting: &Posting, now: DateTime<Utc>) -> Option<String> {
    let closing = posting.closing?;
    let day_after = closing.checked_add_days(Days::new(1))?;
    let title = posting.title.as_deref().unwrap_or(&posting.id);
    let url = site.posting_url(&posting.id);
    let mut description = format!("Application deadline for: {title}");
    for value in [&posting.organization, &posting.grade, &posting.duty_station]
        .into_iter()
        .flatten()
    {
        description.push('\n');
        description.push_str(value);
    }
    description.push('\n');
    description.push_str(&url);

    let uid = urn("posting", &posting.id);
    let mut out = String::new();
    for (name, value) in [
        ("BEGIN", "VCALENDAR".to_owned()),
        ("VERSION", "2.0".to_owned()),
        ("PRODID", "-//vacancy-search//closing dates//EN".to_owned()),
        ("CALSCALE", "GREGORIAN".to_owned()),
        ("METHOD", "PUBLISH".to_owned()),
        ("BEGIN", "VEVENT".to_owned()),
        (
            "UID",
            format!("{}@vacancy-search", uid.trim_start_matches("urn:uuid:")),
        ),
        ("DTSTAMP", now.format("%Y%m%dT%H%M%SZ").to_string()),
        ("DTSTART;VALUE=DATE", closing.format("%Y%m%d").to_string()),
        ("DTEND;VALUE=DATE", day_after.format("%Y%m%d").to_string()),
        ("SUMMARY", escape_text(&format!("Closing: {title}"))),
        ("DESCRIPTION", escape_text(&description)),
        ("URL", url.clone()),
        ("TRANSP", "TRANSPARENT".to_owned()),
        ("END", "VEVENT".to_owned()),
        ("END", "VCALENDAR".to_owned()),
    ] {
        push_line(&mut out, &format!("{name}:{value}"));
    }
    Some(out)
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, `;` and `,` escaped, line breaks as `\n`,
/// other control characters dropped.
#[must_use]
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at [`LINE_OCTETS`] octets (continuations start with a space), with
/// CRLF after each physical line.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn posting() -> Posting {
        Posting {
            id: "130412".into(),
            title: Some(format!(
                "Spécialiste; formation, compétences\\{}",
                "é".repeat(60)
            )),
            organization: Some("OIT".into()),
            closing: NaiveDate::from_ymd_opt(2027, 12, 31),
            ..Posting::default()
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn an_all_day_event_on_the_closing_date() {
        let site = Site::new("https://jobs.example.org").unwrap();
        let ics = write_calendar(&site, &posting(), now()).unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20271231\r\n"));
        assert!(ics.contains("\r\nDTEND;VALUE=DATE:20280101\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20270115T080000Z\r\n"));
        assert!(ics.contains("\r\nURL:https://jobs.example.org/postings/130412\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "only CRLF breaks");
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is longer than 75 octets");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!(
            "SUMMARY:Closing: Spécialiste\\; formation\\, compétences\\\\{}\r\n",
            "é".repeat(60)
        )));
        assert!(unfolded.contains("DESCRIPTION:Application deadline for: "));
        assert!(unfolded.contains("\\nOIT\\nhttps://jobs.example.org/postings/130412\r\n"));
    }

    #[test]
    fn no_closing_date_no_calendar() {
        let site = Site::new("https://x.org").unwrap();
        let open_ended = Posting {
            closing: None,
            ..posting()
        };
        assert!(write_calendar(&site, &open_ended, now()).is_none());
    }

    #[test]
    fn text_escapes() {
        assert_eq!(
            escape_text("a;b,c\\d\r\ne\rf\u{7}"),
            "a\\;b\\,c\\\\d\\ne\\nf"
        );
    }
}
