#!/usr/bin/env bash
# Load test of `vacancy serve`: N connections for D seconds with `vacancy bench`, sampling the
# server's resident memory every second, then a summary (issue #7).
#
#   scripts/loadtest.sh INDEX_DIR [CONNECTIONS=256] [DURATION=60s] [QUERIES_FILE]
#
# Needs a release build (cargo build --release). Prints the bench report, the RSS samples
# (MB, one per second) and exits non-zero when a request failed (deliberate 503s from load
# shedding are counted apart and do not fail the run).
set -euo pipefail

index=${1:?usage: scripts/loadtest.sh INDEX_DIR [CONNECTIONS] [DURATION] [QUERIES_FILE]}
connections=${2:-256}
duration=${3:-60s}
queries=${4:-}
bin=${VACANCY_BIN:-target/release/vacancy}
port=${PORT:-18088}
out=${OUT:-/tmp/vacancy-loadtest}
mkdir -p "$out"

"$bin" serve --index "$index" --addr "127.0.0.1:$port" >"$out/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; kill "$sampler" 2>/dev/null || true' EXIT

for _ in $(seq 600); do
  if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done

rss_mb() { awk '/^VmRSS/ { printf "%.1f\n", $2 / 1024 }' "/proc/$server/status"; }
echo "RSS before the load: $(rss_mb) MB"

( while kill -0 "$server" 2>/dev/null; do rss_mb; sleep 1; done ) >"$out/rss.txt" &
sampler=$!

args=(bench --url "http://127.0.0.1:$port" --concurrency "$connections" --duration "$duration"
      --warmup 5s --timeout 30s)
if [ -n "$queries" ]; then args+=(--queries "$queries"); fi
set +e
"$bin" "${args[@]}" | tee "$out/bench.txt"
status=${PIPESTATUS[0]}
set -e

kill "$sampler" 2>/dev/null || true
echo "RSS after the load: $(rss_mb) MB"
echo "RSS samples (MB, one per second): $(tr '\n' ' ' <"$out/rss.txt")"
sort -n "$out/rss.txt" | awk '{ a[NR] = $1 } END { printf "RSS min %.1f MB, max %.1f MB over %d samples\n", a[1], a[NR], NR }'
exit "$status"
