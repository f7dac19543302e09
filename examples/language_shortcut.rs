//! Checks the function-word shortcut of language detection against whatlang on feeds.
//!
//! ```text
//! cargo run --release --example language_shortcut -- FEED.jsonl...
//! ```
//! For every distinct title and description of the feeds, the text language detection reads
//! (the title and the first `DETECT_BYTES` of the description) is given to
//! `clear_notice_language`. When it decides, `whatlang_language` (the rule without the
//! shortcut) is asked too; every disagreement is printed, then how many texts the
//! shortcut decided and how many of those differ. Exits with status 1 when any differs.

use std::collections::HashSet;
use std::io::BufRead;
use std::process::ExitCode;

use vacancy_search::posting::language::{
    clear_notice_language, detection_sample, whatlang_language,
};

fn main() -> std::io::Result<ExitCode> {
    let (mut texts, mut decided, mut differ) = (0u64, 0u64, 0u64);
    let mut seen = HashSet::new();
    for path in std::env::args().skip(1) {
        let file = std::io::BufReader::new(std::fs::File::open(&path)?);
        for line in file.lines() {
            let Ok(record) = serde_json::from_str::<serde_json::Value>(&line?) else {
                continue;
            };
            let title = record["job_title"].as_str().unwrap_or("");
            let desc = record["job_desc"].as_str().unwrap_or("");
            let text = detection_sample(title, desc);
            if !seen.insert(text.clone()) {
                continue;
            }
            texts += 1;
            if let Some(code) = clear_notice_language(&text) {
                decided += 1;
                let whatlang = whatlang_language(&text);
                if whatlang != code {
                    differ += 1;
                    println!("{path}: {title:?}: function words {code}, whatlang {whatlang}");
                }
            }
        }
    }
    println!("{texts} distinct texts, {decided} decided by function words, {differ} differ from whatlang");
    Ok(if differ == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
