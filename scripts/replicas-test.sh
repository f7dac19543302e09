#!/usr/bin/env bash
# Three read replicas behind HAProxy (deploy/haproxy.cfg, as shipped), under load.
#
# Builds a small index, publishes it to three directories (one per replica, as rsync would
# give each node its copy), starts `vacancy serve --read-only` on each and HAProxy in front,
# then drives `vacancy bench --url` through the balancer for 30 s while
#   (a) replica 2 is killed with SIGKILL, then restarted, and
#   (b) a new generation with 100 more postings (indexed beforehand) is published to the three.
# Asserts: no failed request (503 sheds counted apart), every replica ends on the new
# generation, and searches on every replica see the 100 new postings within
# PUBLISH_DEADLINE seconds of the start of the publish.
#
# Loopback only; every wait is bounded; the processes it starts are stopped on exit.
# Needs haproxy, curl and jq (Debian packages; .ci/run installs them). No Python.
#
# Settings (environment):
#   VACANCY_BIN                 the binary (default target/debug/vacancy, which `cargo test` builds)
#   HAPROXY                     HAProxy's binary (default: haproxy on PATH, else /usr/sbin/haproxy)
#   REPLICAS_TEST_DURATION      seconds of load (default 30)
#   REPLICAS_TEST_POSTINGS      postings of the first generation (default 1000)
#   REPLICAS_TEST_CONCURRENCY   connections of the load generator (default 8)
#   PUBLISH_DEADLINE            seconds for a publish to reach every replica (default 10)
#   REPLICAS_TEST_KEEP          keep the work directory (logs, indexes) instead of removing it
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${VACANCY_BIN:-target/debug/vacancy}
DURATION=${REPLICAS_TEST_DURATION:-30}
POSTINGS=${REPLICAS_TEST_POSTINGS:-1000}
CONCURRENCY=${REPLICAS_TEST_CONCURRENCY:-8}
PUBLISH_DEADLINE=${PUBLISH_DEADLINE:-10}
NEW=100
MARKER=zorblax
# Debian installs HAProxy in /usr/sbin, which is not on every user's PATH.
HAPROXY=${HAPROXY:-$(command -v haproxy || echo /usr/sbin/haproxy)}

for tool in "$HAPROXY" curl jq "$BIN"; do
    command -v "$tool" >/dev/null || { echo "replicas-test: $tool not found" >&2; exit 1; }
done
if ((DURATION < 20)); then
    echo "replicas-test: REPLICAS_TEST_DURATION must be at least 20 (kill at 5 s, publish at 12 s)" >&2
    exit 1
fi

WORK=$(mktemp -d -t vacancy-replicas.XXXXXX)
declare -A PIDS=()

log() { printf '[replicas-test %5d ms] %s\n' "$(elapsed_since "$T0")" "$*"; }
fail() {
    log "FAIL: $*"
    for f in "$WORK"/*.log; do
        echo "---- last lines of $f" >&2
        tail -n 15 "$f" >&2 || true
    done
    exit 1
}
# Milliseconds since the epoch, and since a time of it.
now() { date +%s%3N; }
elapsed_since() { echo $(($(now) - $1)); }
T0=$(now)

cleanup() {
    local status=$?
    for name in "${!PIDS[@]}"; do
        kill "${PIDS[$name]}" 2>/dev/null || true
    done
    for name in "${!PIDS[@]}"; do
        wait "${PIDS[$name]}" 2>/dev/null || true
    done
    if [[ -n ${REPLICAS_TEST_KEEP:-} ]]; then
        echo "replicas-test: work directory kept: $WORK" >&2
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A TCP port nobody listens on.
free_port() {
    local port
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    fail "no free port found"
}

# wait_for SECONDS WHAT COMMAND...: runs COMMAND until it succeeds, at most SECONDS.
wait_for() {
    local limit=$1 what=$2 started
    shift 2
    started=$(now)
    until "$@" >/dev/null 2>&1; do
        if (($(elapsed_since "$started") > limit * 1000)); then
            fail "$what: not within $limit s"
        fi
        sleep 0.1
    done
}

healthz() { curl -sf --max-time 2 "http://127.0.0.1:$1/healthz"; }
generation_of() { healthz "$1" | jq -r .generation; }
on_generation() { [[ $(generation_of "$1") == "$2" ]]; }
# Postings that match the marker word, on the service at port $1.
marked() { curl -sf --max-time 2 "http://127.0.0.1:$1/api/search?q=$MARKER&per_page=1" | jq -r .total; }
sees_new() { [[ $(marked "$1") == "$NEW" ]]; }

start_replica() {
    local i=$1
    "$BIN" serve --read-only --index "$WORK/replica$i" --addr "127.0.0.1:${PORT[$i]}" \
        >>"$WORK/replica$i.log" 2>&1 &
    PIDS[replica$i]=$!
}

# -- The first generation, published to three directories. ---------------------------------
"$BIN" generate --count "$POSTINGS" --seed 16 --out "$WORK/first.jsonl" 2>>"$WORK/writer.log"
"$BIN" index --index "$WORK/writer" "$WORK/first.jsonl" 2>>"$WORK/writer.log" ||
    fail "indexing the first generation"
# The second generation's new postings, written now: each says the marker word.
for n in $(seq 1 $NEW); do
    printf '{"id": "replica-test-%03d", "job_title": "Zorblax Data Analyst %d", "org": "Replica Test Organisation", "posting_date": "2026-11-02T08:00:00.000Z", "link": "https://example.org/replica-test/%d", "country": "CHE", "location": "Geneva", "language": "en", "job_desc": "Grade: P-2\\n\\nDuty Station: Geneva, Switzerland\\n\\nThe zorblax data analyst keeps the statistics of the organisation in good order, prepares reports for member states and trains colleagues in the use of the zorblax tools."}\n' \
        "$n" "$n" "$n"
done >"$WORK/new.jsonl"

declare -A PORT=()
for i in 1 2 3; do
    "$BIN" publish --index "$WORK/writer" --to "$WORK/replica$i" --json >"$WORK/publish1-$i.json" 2>>"$WORK/writer.log" ||
        fail "first publish to replica $i"
    PORT[$i]=$(free_port)
done
FIRST=$(jq -r .generation "$WORK/publish1-1.json")
log "first generation $FIRST ($(jq -r .documents "$WORK/publish1-1.json") postings) published to 3 directories"
# The next generation is committed in the writer now (a debug build indexes slowly on a busy
# machine); it is published under load below.
"$BIN" index --index "$WORK/writer" "$WORK/new.jsonl" 2>>"$WORK/writer.log" ||
    fail "indexing the $NEW new postings"

for i in 1 2 3; do start_replica "$i"; done
for i in 1 2 3; do
    wait_for 60 "replica $i ready" on_generation "${PORT[$i]}" "$FIRST"
done
log "replicas ready on ports ${PORT[1]} ${PORT[2]} ${PORT[3]}"

LB=$(free_port)
VACANCY_LB_BIND="127.0.0.1:$LB" \
    VACANCY_REPLICA_1="127.0.0.1:${PORT[1]}" \
    VACANCY_REPLICA_2="127.0.0.1:${PORT[2]}" \
    VACANCY_REPLICA_3="127.0.0.1:${PORT[3]}" \
    "$HAPROXY" -db -f deploy/haproxy.cfg >>"$WORK/haproxy.log" 2>&1 &
PIDS[haproxy]=$!
wait_for 20 "HAProxy answering /healthz" healthz "$LB"
log "HAProxy on port $LB ($("$HAPROXY" -v | head -n 1))"

# -- Load, a kill and a publish. --------------------------------------------------------------
"$BIN" bench --url "http://127.0.0.1:$LB" --duration "${DURATION}s" --warmup 1s \
    --concurrency "$CONCURRENCY" --json >"$WORK/bench.json" 2>>"$WORK/bench.log" &
PIDS[bench]=$!
BENCH_START=$(now)
at() { # sleeps until $1 seconds after the start of the load
    local left=$(($1 * 1000 - $(elapsed_since "$BENCH_START")))
    if ((left > 0)); then sleep "$((left / 1000)).$(printf '%03d' $((left % 1000)))"; fi
}

at 5
kill -KILL "${PIDS[replica2]}"
wait "${PIDS[replica2]}" 2>/dev/null || true
unset 'PIDS[replica2]'
log "replica 2 killed with SIGKILL"
at 8
RESTART=$(now)
start_replica 2
wait_for 90 "replica 2 back after its restart" on_generation "${PORT[2]}" "$FIRST"
log "replica 2 restarted, ready $(elapsed_since "$RESTART") ms later"

at 12
PUBLISH_START=$(now)
for i in 1 2 3; do
    "$BIN" publish --index "$WORK/writer" --to "$WORK/replica$i" --json >"$WORK/publish2-$i.json" 2>>"$WORK/writer.log" ||
        fail "second publish to replica $i"
done
PUBLISHED=$(elapsed_since "$PUBLISH_START")
SECOND=$(jq -r .generation "$WORK/publish2-1.json")
[[ $SECOND != "$FIRST" ]] || fail "the second publish did not make a new generation"
for i in 1 2 3; do
    wait_for "$PUBLISH_DEADLINE" "replica $i searching the $NEW new postings" sees_new "${PORT[$i]}"
done
REACHED=$(elapsed_since "$PUBLISH_START")
log "generation $SECOND published (the 3 publish commands took $PUBLISHED ms); every replica finds the $NEW new postings $REACHED ms after the publish started (limit $PUBLISH_DEADLINE s)"

set +e
wait "${PIDS[bench]}"
BENCH_STATUS=$?
set -e
unset 'PIDS[bench]'
[[ -s $WORK/bench.json ]] || fail "vacancy bench printed no report (exit $BENCH_STATUS)"

# -- Checks. ----------------------------------------------------------------------------------
read -r REQUESTS OK ERRORS SHED RPS < <(jq -r '.total | "\(.requests) \(.ok) \(.errors) \(.shed) \(.requests_per_second)"' "$WORK/bench.json")
log "load: $REQUESTS requests in ${DURATION} s ($(printf '%.0f' "$RPS")/s), $OK ok, $ERRORS failed, $SHED shed (503 overloaded)"
if ((ERRORS != 0)); then
    jq '.total' "$WORK/bench.json" >&2
    fail "$ERRORS requests failed during the kill and the publish"
fi
((BENCH_STATUS == 0)) || fail "vacancy bench exited with $BENCH_STATUS"
((REQUESTS > 0 && OK + SHED == REQUESTS)) || fail "requests do not add up: $REQUESTS != $OK + $SHED"

EXPECTED=$((POSTINGS + NEW))
for i in 1 2 3; do
    health=$(healthz "${PORT[$i]}") || fail "replica $i does not answer /healthz"
    [[ $(jq -r .generation <<<"$health") == "$SECOND" ]] || fail "replica $i is not on generation $SECOND: $health"
    [[ $(jq -r .documents <<<"$health") == "$EXPECTED" ]] || fail "replica $i does not have $EXPECTED postings: $health"
done
for _ in $(seq 9); do
    [[ $(marked "$LB") == "$NEW" ]] || fail "a search through HAProxy does not see the $NEW new postings"
done
# In HAProxy's log lines, a retry count written `+N` means the request went to another replica.
RETRIES=$(grep -cE '/\+[0-9]+ ' "$WORK/haproxy.log" || true)
log "every replica on generation $SECOND with $EXPECTED postings; searches through HAProxy see the new postings"
log "PASS (HAProxy logged $(wc -l <"$WORK/haproxy.log") lines, $RETRIES of them with a redispatch)"
