//! The in-process driver: `concurrency` OS threads calling [`Engine::search`] directly.

use std::time::Instant;

use super::report::{Outcome, Recorder};
use super::workload::BenchQuery;
use super::Plan;
use crate::search::Engine;
use crate::server::ApiError;

/// Runs `concurrency` threads searching `engine` until the end of `plan`.
///
/// A search cannot be abandoned: one still running at the end of the run finishes and is not
/// counted. An engine error is recorded with the status and code the service would answer.
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
                        Err(error) => {
                            let api = ApiError::from(error);
                            Outcome::Response {
                                status: api.status.as_u16(),
                                bytes: 0,
                                error: Some((api.code.to_owned(), api.message)),
                            }
                        }
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
