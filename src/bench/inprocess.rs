//! The in-process driver: `concurrency` OS threads calling [`Engine::search`] directly.

use std::time::Instant;

use super::recorder::{Outcome, Recorder};
use super::workload::BenchQuery;
use super::Plan;
use crate::search::Engine;

/// Runs `concurrency` threads searching `engine` until the end of `plan`.
///
/// A search cannot be abandoned: one still running at the end of the run finishes and is not
/// counted. An engine error is recorded with the status, code and message the service would answer
/// ([`crate::Error::code`]).
pub(super) fn drive(
    engine: &Engine,
    queries: &[BenchQuery],
    concurrency: usize,
    plan: Plan,
    recorder: &Recorder,
) {
    std::thread::scope(|scope| {
        for worker in 0..concurrency {
            let offset = worker * queries.len() / concurrency;
            scope.spawn(move || {
                let mut next = offset;
                loop {
                    let started = Instant::now();
                    if started >= plan.end {
                        break;
                    }
                    let query = &queries[next % queries.len()];
                    next += 1;
                    let result = engine.search(&query.request);
                    let finished = Instant::now();
                    if started < plan.measure_from || finished > plan.end {
                        continue;
                    }
                    let outcome = match result {
                        Ok(_) => Outcome::Response {
                            status: 200,
                            bytes: 0,
                            error: None,
                        },
                        Err(error) => Outcome::Response {
                            status: error.code().http_status(),
                            bytes: 0,
                            error: Some((error.code().as_str().to_owned(), error.public_message())),
                        },
                    };
                    recorder.record(
                        query.class,
                        &query.query_string,
                        finished - started,
                        &outcome,
                    );
                }
            });
        }
    });
}
