#!/usr/bin/env bash
# A bounded load test of `paragraf serve` on loopback, while `paragraf index`
# updates the index it serves (issue 20):
#
#   benches/serve_load.sh [SIZE] [--clients N] [--seconds S] [--write]
#
# SIZE is 10k, 100k, 1m or a number of § (default 10k). The archive is the
# one benches/compare.sh generates (examples/scale_corpus.rs, deterministic)
# under target/bench-data/SIZE/archive, made here when missing; an update of
# 1 % more § (at least 1 000, another seed) is generated beside it. Then:
#  1. the archive is indexed into target/bench-data/SIZE/serve-index (fresh);
#  2. `paragraf serve` starts on a free loopback port;
#  3. examples/serve_load.rs runs N clients (default 32), each on one
#     keep-alive connection, sending the searches of benches/queries.tsv as
#     the page sends them (limit=10, facets=true, the filters) for S seconds
#     (default 30); 3 s in, `paragraf index ARCHIVE UPDATE` adds the update;
#  4. it checks that no request failed and that the server then serves the
#     updated index (its § count grew by the update's), and prints the
#     section to paste into benches/RESULTS.md (--write puts it there,
#     replacing that size's serve section).
# Every request goes to 127.0.0.1; the load stops by itself. Exit 1 when a
# request failed or the update was not seen.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SIZE=10k
CLIENTS=32
SECONDS_=30
WRITE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --write) WRITE=yes; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) SIZE=$1; shift ;;
  esac
done
case "$SIZE" in
  10k) N=10000 ;; 100k) N=100000 ;; 1m|1M) N=1000000 ;;
  *[!0-9]*|'') echo "bad size: $SIZE" >&2; exit 2 ;;
  *) N=$SIZE ;;
esac
UPDATE_N=$(( N / 100 > 1000 ? N / 100 : 1000 ))

WORK="${PARAGRAF_BENCH_DIR:-$ROOT/target/bench-data}/$SIZE"
ARCHIVE="$WORK/archive"
UPDATE="$WORK/serve-update"
INDEX="$WORK/serve-index"
RES="$WORK/serve-results"
mkdir -p "$WORK"
rm -rf "$RES" "$INDEX" "$UPDATE"
mkdir -p "$RES"
SHARED="${PARAGRAF_SHARED:-$ROOT/../shared}"
if [ ! -d "$SHARED/corpus/real/goteborg" ]; then
  echo "note: $SHARED not found: generating from its copy in tests/data" >&2
  SHARED="$ROOT/tests/data"
fi

# SERVE_LOAD_PROFILE=debug tries the script out on a debug build (its
# figures mean nothing then).
PROFILE="${SERVE_LOAD_PROFILE:-release}"
echo "== building ($PROFILE)"
if [ "$PROFILE" = release ]; then
  cargo build --release --quiet --bin paragraf --example scale_corpus --example serve_load
else
  cargo build --quiet --bin paragraf --example scale_corpus --example serve_load
fi
BIN="$ROOT/target/$PROFILE"
P="$BIN/paragraf"

if [ ! -f "$WORK/archive.done" ]; then
  echo "== generating $N § into $ARCHIVE"
  rm -rf "$ARCHIVE"
  "$BIN/examples/scale_corpus" --paragraphs "$N" --out "$ARCHIVE" --shared "$SHARED" > "$RES/generate.txt"
  touch "$WORK/archive.done"
fi
echo "== generating the update: $UPDATE_N § (another seed)"
"$BIN/examples/scale_corpus" --paragraphs "$UPDATE_N" --seed 7 --out "$UPDATE" --shared "$SHARED" > "$RES/generate-update.txt"

echo "== indexing $N § into $INDEX"
start=${EPOCHREALTIME/,/.}
"$P" index "$ARCHIVE" --index "$INDEX" --quiet
end=${EPOCHREALTIME/,/.}
INDEX_S=$(python3 -c "print(f'{$end - $start:.1f}')")

SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT
"$P" serve --index "$INDEX" --bind 127.0.0.1:0 > "$RES/serve.out" 2> "$RES/serve.err" &
SERVER_PID=$!
ADDR=""
for _ in $(seq 1 300); do
  ADDR=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$RES/serve.out" | head -n 1 | sed 's|http://||') || true
  [ -n "$ADDR" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$RES/serve.err"; echo "paragraf serve exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$ADDR" ] || { echo "paragraf serve printed no address" >&2; exit 1; }
health() { python3 -c "import json,urllib.request; print(json.load(urllib.request.urlopen('http://$ADDR/api/health'))['paragraphs'])"; }
BEFORE=$(health)
echo "== serving $BEFORE § at http://$ADDR/; $CLIENTS clients for $SECONDS_ s, the update indexed 3 s in"

"$BIN/examples/serve_load" "$ADDR" benches/queries.tsv "$CLIENTS" "$SECONDS_" > "$RES/load.json" &
LOAD_PID=$!
sleep 3
start=${EPOCHREALTIME/,/.}
"$P" index "$ARCHIVE" "$UPDATE" --index "$INDEX" --quiet
end=${EPOCHREALTIME/,/.}
UPDATE_S=$(python3 -c "print(f'{$end - $start:.1f}')")
LOAD_RC=0
wait "$LOAD_PID" || LOAD_RC=$?
cat "$RES/load.json"

# The server serves the update: its § count grew by the update's (tantivy's
# reader reloads within a moment of the commit).
AFTER=$BEFORE
for _ in $(seq 1 100); do
  AFTER=$(health)
  [ "$AFTER" -gt "$BEFORE" ] && break
  sleep 0.1
done
ADDED=$(( AFTER - BEFORE ))

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
python3 - "$RES/load.json" "$SIZE" "$N" "$BEFORE" "$ADDED" "$INDEX_S" "$UPDATE_S" "$COMMIT" "$(nproc)" "$CPU" "$UPDATE_N" "$SECONDS_" "$PROFILE" > "$RES/section.md" <<'EOF'
import json, sys
load = json.load(open(sys.argv[1]))
size, n, before, added, index_s, update_s, commit, cores, cpu, update_n, seconds, profile = sys.argv[2:14]
import datetime
print(f"<!-- serve-{size} start -->")
print(f"### paragraf serve under load: {size} ({int(before):,} § served)")
print()
print(f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC at commit {commit}.")
print()
if profile != "release":
    print(f"**A {profile} build: these figures are no measure of paragraf.**")
    print()
print(f"`benches/serve_load.sh {size} --clients {load['clients']} --seconds {seconds}`: {load['clients']} clients on loopback, each on one keep-alive connection, "
      f"for {load['seconds']:.0f} s, the {load['queries']} searches of benches/queries.tsv as the page sends them "
      f"(limit=10, facets=true, filters); 3 s in, `paragraf index` adds {int(update_n):,} generated § "
      f"({int(added):,} § seen added after its commit). {cores} cores ({cpu}).")
print()
print("| what | value |")
print("| --- | --- |")
print(f"| requests | {load['requests']:,} ({load['failed']} failed) |")
print(f"| throughput | {load['throughput']:,.0f} searches/s |")
print(f"| latency p50 | {load['p50_ms']:.1f} ms |")
print(f"| latency p90 | {load['p90_ms']:.1f} ms |")
print(f"| latency p99 | {load['p99_ms']:.1f} ms |")
print(f"| latency max | {load['max_ms']:.1f} ms |")
print(f"| the update, indexed during the load | {float(update_s):.1f} s |")
print(f"| full index before the load | {float(index_s):.1f} s |")
if load['failures']:
    print()
    print("Failures: " + "; ".join(load['failures']))
print()
print(f"<!-- serve-{size} end -->")
EOF
if [ -n "$WRITE" ]; then
  python3 - "$RES/section.md" "$SIZE" benches/RESULTS.md <<'EOF'
import re, sys
section, size, out = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
text = open(out).read()
pattern = re.compile(rf"<!-- serve-{re.escape(size)} start -->.*?<!-- serve-{re.escape(size)} end -->\n?", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(out, "w").write(text)
EOF
  echo "== written into benches/RESULTS.md"
fi
echo
echo "== paste into benches/RESULTS.md (also in $RES/section.md):"
echo
cat "$RES/section.md"
status=0
if [ "$LOAD_RC" -ne 0 ]; then echo "FAILED: requests failed (see above)" >&2; status=1; fi
if [ "$ADDED" -le 0 ]; then echo "FAILED: the server never served the update" >&2; status=1; fi
cleanup; SERVER_PID=""
wait 2>/dev/null || true
rm -rf "$UPDATE" "$INDEX"
exit $status
