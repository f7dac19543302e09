//! The HTTP driver: `concurrency` keep-alive HTTP/1.1 connections on a tokio runtime, each a
//! task sending one request after another.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::SendRequest;
use hyper::header::HOST;
use hyper::{Request, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use super::recorder::{error_detail, Outcome, Recorder, MAX_ERROR_BODY};
use super::workload::BenchQuery;
use super::Plan;
use crate::{Error, Result};

/// Pause before connecting again after a connection could not be made, so that a service
/// that went away is not hammered.
const RECONNECT_PAUSE: Duration = Duration::from_millis(100);

/// Where requests go: `http://host[:port][/prefix]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HttpTarget {
    host: String,
    port: u16,
    /// `Host` header value.
    authority: String,
    /// Path before `/api/...`, without a trailing `/` (usually empty).
    prefix: String,
}

impl HttpTarget {
    /// Parses the base URL of a service; only `http` is supported.
    pub(super) fn parse(url: &str) -> Result<HttpTarget> {
        let refuse = |message: &str| Error::BenchTarget {
            target: url.to_owned(),
            message: message.to_owned(),
        };
        let uri: Uri = url
            .parse()
            .map_err(|_| refuse("not a URL (expected http://HOST[:PORT])"))?;
        match uri.scheme_str() {
            Some("http") => {}
            Some(_) => return Err(refuse("only http:// URLs are supported")),
            None => return Err(refuse("the URL needs a scheme (http://HOST[:PORT])")),
        }
        if uri.query().is_some() {
            return Err(refuse(
                "give the service's base URL, without a query string",
            ));
        }
        let authority = uri
            .authority()
            .ok_or_else(|| refuse("the URL has no host"))?;
        let host = authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        Ok(HttpTarget {
            host,
            port: authority.port_u16().unwrap_or(80),
            authority: authority.as_str().to_owned(),
            prefix: uri.path().trim_end_matches('/').to_owned(),
        })
    }

    /// The request target of `GET /api/search?{query_string}`.
    fn search_uri(&self, query_string: &str) -> Result<Uri> {
        format!("{}/api/search?{query_string}", self.prefix)
            .parse()
            .map_err(|_| Error::param("query", format!("`{query_string}` is not a valid URL")))
    }

    async fn connect(&self) -> std::result::Result<SendRequest<Empty<Bytes>>, String> {
        let stream = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|e| format!("cannot connect to {}: {e}", self.authority))?;
        stream
            .set_nodelay(true)
            .map_err(|e| format!("cannot set TCP_NODELAY: {e}"))?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("HTTP handshake with {} failed: {e}", self.authority))?;
        tokio::spawn(async move {
            // Ends when the sender is dropped or the server closes the connection.
            let _ = connection.await;
        });
        Ok(sender)
    }

    fn request(&self, uri: Uri) -> Request<Empty<Bytes>> {
        Request::get(uri)
            .header(HOST, self.authority.as_str())
            .body(Empty::new())
            .expect("a GET with a valid URI and Host header builds")
    }
}

/// Sends one request on `connection` (connecting first if needed) and reads the whole body.
async fn exchange(
    target: &HttpTarget,
    connection: &mut Option<SendRequest<Empty<Bytes>>>,
    uri: &Uri,
) -> std::result::Result<Outcome, String> {
    // A kept-alive connection the server has closed since the last response is replaced,
    // once, before anything is sent on it; that is not a failure.
    let mut fresh = false;
    let response = loop {
        if connection.as_ref().is_none_or(SendRequest::is_closed) {
            *connection = Some(target.connect().await?);
            fresh = true;
        }
        let sender = connection.as_mut().expect("connected above");
        if let Err(error) = sender.ready().await {
            *connection = None;
            if fresh {
                return Err(format!("connection lost: {error}"));
            }
            continue;
        }
        match sender.send_request(target.request(uri.clone())).await {
            Ok(response) => break response,
            Err(error) if error.is_canceled() && !fresh => *connection = None,
            Err(error) => return Err(format!("request failed: {error}")),
        }
    };
    let status = response.status().as_u16();
    let success = (200..300).contains(&status);
    let mut body = response.into_body();
    let mut bytes = 0u64;
    let mut kept = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| format!("reading the body failed: {e}"))?;
        if let Ok(data) = frame.into_data() {
            bytes += data.len() as u64;
            if !success && kept.len() < MAX_ERROR_BODY {
                kept.extend_from_slice(&data);
            }
        }
    }
    Ok(Outcome::Response {
        status,
        bytes,
        error: if success { None } else { error_detail(&kept) },
    })
}

/// How often a service that is not ready yet is asked again (see [`probe`]).
const READY_POLL: Duration = Duration::from_millis(200);

/// Checks that the service answers `GET /healthz` with a 2xx status within `timeout`. For
/// up to `wait`, a service that cannot be reached yet or answers 503 `not_ready` (building
/// its index, or its skill taggers) is asked again every [`READY_POLL`]; any other answer
/// fails at once, and so does everything once `wait` has passed.
pub(super) async fn probe(
    target: &HttpTarget,
    url: &str,
    timeout: Duration,
    wait: Duration,
) -> Result<()> {
    let refuse = |message: String| Error::BenchTarget {
        target: url.to_owned(),
        message,
    };
    let uri: Uri = format!("{}/healthz", target.prefix)
        .parse()
        .map_err(|_| refuse("the URL's path is not usable".to_owned()))?;
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let (message, again) = match probe_once(target, &uri, timeout).await {
            Ok(()) => return Ok(()),
            Err(failure) => failure,
        };
        let now = tokio::time::Instant::now();
        if !again || now >= deadline {
            // Said only of a service given up on at the end of the wait.
            let waited = if again && !wait.is_zero() {
                format!(" (still, after waiting {wait:?} for the service to be ready)")
            } else {
                String::new()
            };
            return Err(refuse(format!("{message}{waited}")));
        }
        tokio::time::sleep(READY_POLL.min(deadline - now)).await;
    }
}

/// One `GET /healthz`: `Err((why, whether the service may still become ready))`.
async fn probe_once(
    target: &HttpTarget,
    uri: &Uri,
    timeout: Duration,
) -> std::result::Result<(), (String, bool)> {
    let mut connection = None;
    let outcome = tokio::time::timeout(timeout, exchange(target, &mut connection, uri))
        .await
        .map_err(|_| (format!("no answer from /healthz within {timeout:?}"), false))?
        .map_err(|e| (e, true))?;
    match outcome {
        Outcome::Response { status, .. } if (200..300).contains(&status) => Ok(()),
        Outcome::Response { status, error, .. } => {
            let starting = status == 503 && error.as_ref().is_some_and(|(c, _)| c == "not_ready");
            Err((
                format!(
                    "/healthz answered {status}{}",
                    error
                        .map(|(code, message)| format!(" {code}: {message}"))
                        .unwrap_or_default()
                ),
                starting,
            ))
        }
        Outcome::Timeout | Outcome::Transport(_) => unreachable!("exchange returns responses"),
    }
}

/// Runs `concurrency` connections until the end of `plan`, recording measured requests.
pub(super) async fn drive(
    target: Arc<HttpTarget>,
    queries: &[BenchQuery],
    concurrency: usize,
    plan: Plan,
    recorder: Arc<Recorder>,
) -> Result<()> {
    let uris = queries
        .iter()
        .map(|q| target.search_uri(&q.query_string))
        .collect::<Result<Vec<_>>>()?;
    let work: Arc<Vec<(BenchQuery, Uri)>> = Arc::new(queries.iter().cloned().zip(uris).collect());
    let mut tasks = Vec::with_capacity(concurrency);
    for worker in 0..concurrency {
        let offset = worker * work.len() / concurrency;
        tasks.push(tokio::spawn(connection_loop(
            target.clone(),
            work.clone(),
            offset,
            plan,
            recorder.clone(),
        )));
    }
    for task in tasks {
        task.await.map_err(|e| Error::BenchTarget {
            target: target.authority.clone(),
            message: format!("a connection task failed: {e}"),
        })?;
    }
    Ok(())
}

/// One connection: sends the queries in turn from `offset` until the plan ends, reconnecting
/// whenever the connection fails.
async fn connection_loop(
    target: Arc<HttpTarget>,
    work: Arc<Vec<(BenchQuery, Uri)>>,
    offset: usize,
    plan: Plan,
    recorder: Arc<Recorder>,
) {
    let mut connection = None;
    let mut next = offset;
    loop {
        let started = Instant::now();
        if started >= plan.end {
            break;
        }
        let (query, uri) = &work[next % work.len()];
        next += 1;
        let timeout_at = started + plan.timeout;
        let stop_at = timeout_at.min(plan.end);
        let result =
            tokio::time::timeout_at(stop_at.into(), exchange(&target, &mut connection, uri)).await;
        let finished = Instant::now();
        let outcome = match result {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(message)) => {
                connection = None;
                Outcome::Transport(message)
            }
            Err(_) if stop_at < timeout_at => {
                // Cut off by the end of the run: neither a success nor a failure.
                break;
            }
            Err(_) => {
                // The request was abandoned mid-way: the connection cannot be reused.
                connection = None;
                Outcome::Timeout
            }
        };
        if started >= plan.measure_from && finished <= plan.end {
            recorder.record(
                query.class,
                &query.query_string,
                finished - started,
                &outcome,
            );
        }
        if matches!(outcome, Outcome::Transport(_)) {
            tokio::time::sleep_until((Instant::now() + RECONNECT_PAUSE).min(plan.end).into()).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_parsed() {
        let t = HttpTarget::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(
            (
                t.host.as_str(),
                t.port,
                t.authority.as_str(),
                t.prefix.as_str()
            ),
            ("127.0.0.1", 8080, "127.0.0.1:8080", "")
        );
        let t = HttpTarget::parse("http://search.example/vacancies/").unwrap();
        assert_eq!((t.port, t.prefix.as_str()), (80, "/vacancies"));
        assert_eq!(
            t.search_uri("q=a&per_page=10").unwrap().to_string(),
            "/vacancies/api/search?q=a&per_page=10"
        );
        let t = HttpTarget::parse("http://[::1]:9000").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("::1", 9000));
    }

    #[test]
    fn unusable_urls_are_refused() {
        for (url, why) in [
            ("https://example.org", "only http://"),
            ("127.0.0.1:8080", "scheme"),
            ("http://x/?q=a", "without a query string"),
            ("not a url", "not a URL"),
        ] {
            let shown = HttpTarget::parse(url).unwrap_err().to_string();
            assert!(shown.contains(why), "{url}: {shown}");
            assert!(
                shown.starts_with(&format!("cannot benchmark {url}")),
                "{shown}"
            );
        }
    }
}
