#!/usr/bin/env bash
# Our service beside Lucene and Meilisearch, measured by ../shared/bench/peers, written into
# docs/benchmarks.md: one run with the product's request (every facet, snippets, stored fields)
# and one run like for like (the request does the peers' work: two facets of ten values, no
# snippets), each run holding all three engines so that its ratios come from one run; the
# dev-set nDCG@10 of the same binary beside them.
#
#   scripts/compare.sh [--corpus FILE] [--duration S] [--queries FILE] [--only LIST]
#                      [--out FILE | --no-write]
#
# Defaults: the peers' own defaults (100,000 postings built from ../shared/corpus/*.jsonl,
# 20 s, ../shared/bench/queries.txt), `--only vacancy,lucene,meilisearch`, written between the
# markers `<!-- compare:start -->` and `<!-- compare:end -->` of docs/benchmarks.md (appended
# when the markers are missing). Builds `target/release/vacancy` and the `relevance` example if
# they are missing. Needs ../shared (the peers kit, the feed, the relevance collection).
# Env: PEERS (the driver, default ../shared/bench/peers), LIKE_PARAMS (the like-for-like
# request's parameters), SHARED (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
PEERS=${PEERS:-$SHARED/bench/peers}
LIKE_PARAMS=${LIKE_PARAMS:-facets=organization,country&facet_size=10&snippets=false&fields=id,score}
ONLY=vacancy,lucene,meilisearch
OUT=docs/benchmarks.md
PASS=()
while [ $# -gt 0 ]; do
  case $1 in
    --corpus | --duration | --queries) PASS+=("$1" "$2"); shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --no-write) OUT=""; shift ;;
    -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for need in "$PEERS" "$SHARED/relevance/qrels.tsv" "$SHARED/corpus/unjobs-2024-11-07.jsonl"; do
  [ -e "$need" ] || { echo "compare.sh: $need is missing (set SHARED or PEERS)" >&2; exit 2; }
done

if [ ! -x target/release/vacancy ] || [ ! -x target/release/examples/relevance ]; then
  cargo build --release --bin vacancy --example relevance
fi
BIN=$PWD/target/release/vacancy
# Read now: by the time the table is written, the runs themselves have raised it.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/vacancy-compare.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "== 1/3 the product's request" >&2
"$PEERS" --only "$ONLY" --vacancy-bin "$BIN" --workdir "$WORK/peers" \
  --json-out "$WORK/product.json" "${PASS[@]+"${PASS[@]}"}" >&2
echo "== 2/3 like for like: VACANCY_PARAMS=$LIKE_PARAMS" >&2
VACANCY_PARAMS=$LIKE_PARAMS "$PEERS" --only "$ONLY" --vacancy-bin "$BIN" \
  --workdir "$WORK/peers" --json-out "$WORK/like.json" "${PASS[@]+"${PASS[@]}"}" >&2
echo "== 3/3 nDCG@10 on $SHARED/relevance" >&2
"$BIN" index --index "$WORK/rel-idx" "$SHARED/corpus/unjobs-2024-11-07.jsonl" >/dev/null 2>&1
target/release/examples/relevance "$WORK/rel-idx" "$SHARED/relevance" >"$WORK/ndcg.txt"

/usr/bin/python3 - "$WORK" "$OUT" "$LIKE_PARAMS" "$(git rev-parse --short HEAD)" \
  "$LOAD_BEFORE" <<'PY'
import datetime, json, os, sys

work, out, like, commit, load = sys.argv[1:6]
runs = [("the product's request", "product"), ("like for like: `%s`" % like, "like")]


def rows(name):
    with open(os.path.join(work, name + ".json")) as f:
        doc = json.load(f)
    return doc, {r["engine"]: r for r in doc["results"] if r.get("status") == "ok"}


def num(v, nd):
    return "-" if v is None else ("%.*f" % (nd, v))


lines = []
stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
lines.append("Written by `scripts/compare.sh` on %s, commit `%s`, load average before "
             "the run %s." % (stamp, commit, load))
for title, name in runs:
    doc, by = rows(name)
    lines.append("")
    lines.append("**%s** (%s postings, %s queries, %s s at %s connections, %s cores):" % (
        title, doc.get("postings", "?"), doc.get("queries", "?"), doc.get("duration", "?"),
        doc.get("concurrency", "?"), doc.get("cores", "?")))
    lines.append("")
    lines.append("| engine | index postings/s | req/s | p50 ms | p99 ms | errors | vacancy's req/s ÷ |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    ours = by.get("vacancy", {}).get("rps")
    for engine in ("vacancy", "lucene", "meilisearch", "postgres"):
        r = by.get(engine)
        if not r:
            continue
        ratio = "-" if engine == "vacancy" or not ours or not r.get("rps") else "%.2f×" % (ours / r["rps"])
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
            engine, num(r.get("postings_per_s"), 0), num(r.get("rps"), 0),
            num(r.get("p50_ms"), 2), num(r.get("p99_ms"), 2), r.get("errors", "-"), ratio))
    skipped = [r for r in doc["results"] if r.get("status") != "ok"]
    for r in skipped:
        lines.append("")
        lines.append("%s: %s (%s)" % (r["engine"], r.get("status"), r.get("reason", "")))
lines.append("")
lines.append("Ranking of the same binary (`examples/relevance` on `../shared/relevance`):")
lines.append("")
lines.append("```")
with open(os.path.join(work, "ndcg.txt")) as f:
    lines.extend(l.rstrip("\n") for l in f if l.strip())
lines.append("```")
section = "\n".join(lines) + "\n"
print(section)
if out:
    start, end = "<!-- compare:start -->", "<!-- compare:end -->"
    try:
        with open(out, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        text = ""  # a new file: the block is its first section
    block = start + "\n" + section + end
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Side by side, latest `scripts/compare.sh`\n\n" + block + "\n"
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print("written into %s" % out, file=sys.stderr)
PY
