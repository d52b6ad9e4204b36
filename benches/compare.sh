#!/usr/bin/env bash
# Side-by-side benchmark on one generated archive, same machine, same §:
# paragraf; the ceiling (tantivy indexing paragraf's own documents, parsed
# and analysed beforehand); bare tantivy; Lucene 8 with its SwedishAnalyzer
# (what Elasticsearch and OpenSearch run); Xapian 1.4; ripgrep.
#
#   benches/compare.sh [SIZE] [--out FILE] [--rounds N] [--baseline REV]
#                      [--with-peers | --without-peers]
#
# SIZE is 10k, 100k, 1m, 5m or a number of §. The archive is generated once
# by examples/scale_corpus.rs (deterministic) under target/bench-data/SIZE
# (or $PARAGRAF_BENCH_DIR/SIZE) and kept out of git. The results go into a
# section of FILE (default benches/RESULTS.md), replacing that size's section.
#
# --baseline REV also builds paragraf at git revision REV (in
# target/bench-baseline/), indexes the same archive with it and runs the same
# queries, so that one run compares two builds (ratios in the table).
#
# Lucene and Xapian run at every size up to 1m; at larger sizes only with
# --with-peers (Xapian needs about 9 minutes a million §). Installs what it
# needs (Debian: python3-xapian, ripgrep, time, liblucene8-java).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SIZE=10k
OUT="$ROOT/benches/RESULTS.md"
ROUNDS=20
BASELINE=""
PEERS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$(realpath -m "$2"); shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --baseline) BASELINE=$2; shift 2 ;;
    --with-peers) PEERS=yes; shift ;;
    --without-peers) PEERS=no; shift ;;
    *) SIZE=$1; shift ;;
  esac
done
case "$SIZE" in
  10k) N=10000 ;; 100k) N=100000 ;; 1m|1M) N=1000000 ;; 5m|5M) N=5000000 ;;
  *[!0-9]*) echo "bad size: $SIZE" >&2; exit 2 ;;
  *) N=$SIZE ;;
esac
[ -n "$PEERS" ] || { [ "$N" -le 1000000 ] && PEERS=yes || PEERS=no; }

need=()
if [ "$PEERS" = yes ]; then
  /usr/bin/python3 -c 'import xapian' 2>/dev/null || need+=(python3-xapian)
  ls /usr/share/java/lucene-core-8*.jar >/dev/null 2>&1 || need+=(liblucene8-java)
  command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
fi
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

WORK="${PARAGRAF_BENCH_DIR:-$ROOT/target/bench-data}/$SIZE"
ARCHIVE="$WORK/archive"
RES="$WORK/results"
mkdir -p "$WORK"
rm -rf "$RES"
mkdir -p "$RES"
SHARED="${PARAGRAF_SHARED:-$ROOT/../shared}"
if [ ! -d "$SHARED/corpus/real/goteborg" ]; then
  echo "note: $SHARED not found: generating from its copy in tests/data" >&2
  SHARED="$ROOT/tests/data"
fi
echo "$ROUNDS" > "$RES/rounds"
git -C "$ROOT" rev-parse --short HEAD > "$RES/commit" 2>/dev/null || echo unknown > "$RES/commit"

echo "== building (release)"
cargo build --release --quiet --bin paragraf --example scale_corpus --example bench_queries \
  --example bare_tantivy --example tantivy_ceiling
BIN="$ROOT/target/release"
P="$BIN/paragraf"

if [ -n "$BASELINE" ]; then
  echo "== building the baseline $BASELINE (release)"
  BASE_SRC="$ROOT/target/bench-baseline/src"
  BASE_TARGET="$ROOT/target/bench-baseline/target"
  rev=$(git -C "$ROOT" rev-parse --verify "$BASELINE^{commit}")
  if [ ! -d "$BASE_SRC" ] || [ "$(git -C "$BASE_SRC" rev-parse HEAD 2>/dev/null)" != "$rev" ]; then
    git -C "$ROOT" worktree remove --force "$BASE_SRC" 2>/dev/null || rm -rf "$BASE_SRC"
    git -C "$ROOT" worktree prune
    git -C "$ROOT" worktree add --detach "$BASE_SRC" "$rev" >/dev/null
  fi
  (cd "$BASE_SRC" && CARGO_TARGET_DIR="$BASE_TARGET" cargo build --release --quiet --bin paragraf --example bench_queries)
  echo "$BASELINE ($(git -C "$ROOT" rev-parse --short "$rev"))" > "$RES/baseline-rev"
fi

if [ ! -f "$WORK/archive.done" ]; then
  echo "== generating $N § into $ARCHIVE"
  rm -rf "$ARCHIVE"
  "$BIN/examples/scale_corpus" --paragraphs "$N" --out "$ARCHIVE" --shared "$SHARED" | tee "$RES/generate.txt"
  touch "$WORK/archive.done"
fi
RAW_BYTES=$(find "$ARCHIVE" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f\n", s}')
sync

measure() { # measure NAME CMD... : wall seconds and peak RSS (KiB) of CMD into $RES/NAME.time
  # The wall time from bash's microsecond clock: /usr/bin/time's has 10 ms
  # steps, too coarse for a re-index of the 10k archive.
  local name=$1; shift
  local start=${EPOCHREALTIME/,/.}
  /usr/bin/time -f '%M' -o "$RES/$name.rss" "$@"
  local end=${EPOCHREALTIME/,/.}
  echo "$(python3 -c "print(f'{$end - $start:.6f}')") $(tail -n 1 "$RES/$name.rss")" > "$RES/$name.time"
}

one_shot() { # one_shot BINARY INDEX OUTFILE: one-shot CLI searches, microseconds
  : > "$3"
  grep -v '^#' benches/queries.tsv | cut -f1,2 | grep -E '^(word|words|compound|case)' | cut -f2 | head -20 | while IFS= read -r q; do
    for _ in 1 2 3; do
      s=$(date +%s%N)
      "$1" search "$q" --index "$2" > /dev/null 2>&1 || true
      e=$(date +%s%N)
      echo $(( (e - s) / 1000 )) >> "$3"
    done
  done
}

echo "== paragraf: full index"
rm -rf "$WORK/paragraf-index"
measure paragraf-index "$P" index "$ARCHIVE" --index "$WORK/paragraf-index" --json > "$RES/paragraf-index.json" 2>/dev/null
echo "== paragraf: re-index of the unchanged archive"
measure paragraf-reindex "$P" index "$ARCHIVE" --index "$WORK/paragraf-index" --json > "$RES/paragraf-reindex.json" 2>/dev/null
du -sb "$WORK/paragraf-index" | cut -f1 > "$RES/paragraf-size"
echo "== paragraf: queries in process"
"$BIN/examples/bench_queries" "$WORK/paragraf-index" benches/queries.tsv "$ROUNDS" > "$RES/paragraf-queries.json"
echo "== paragraf: one-shot CLI searches"
one_shot "$P" "$WORK/paragraf-index" "$RES/paragraf-cli.txt"

if [ -n "$BASELINE" ]; then
  echo "== baseline $BASELINE: full index, queries, one-shot searches"
  rm -rf "$WORK/baseline-index"
  measure baseline-index "$BASE_TARGET/release/paragraf" index "$ARCHIVE" --index "$WORK/baseline-index" --json > "$RES/baseline-index.json" 2>/dev/null
  "$BASE_TARGET/release/examples/bench_queries" "$WORK/baseline-index" benches/queries.tsv "$ROUNDS" > "$RES/baseline-queries.json"
  # The two builds' in-process queries once more, alternating, so that a
  # change in the machine's load between them does not decide the ratio.
  "$BIN/examples/bench_queries" "$WORK/paragraf-index" benches/queries.tsv "$ROUNDS" > "$RES/paragraf-queries-2.json"
  "$BASE_TARGET/release/examples/bench_queries" "$WORK/baseline-index" benches/queries.tsv "$ROUNDS" > "$RES/baseline-queries-2.json"
  one_shot "$BASE_TARGET/release/paragraf" "$WORK/baseline-index" "$RES/baseline-cli.txt"
  rm -rf "$WORK/baseline-index"
fi

echo "== the same § as NDJSON for the other engines"
"$P" parse --ndjson "$ARCHIVE" > "$WORK/paragraphs.ndjson"

echo "== ceiling: tantivy indexing paragraf's own documents, parsed and analysed beforehand"
rm -rf "$WORK/ceiling-index"
measure ceiling-index "$BIN/examples/tantivy_ceiling" "$WORK/paragraphs.ndjson" "$WORK/ceiling-index" > "$RES/ceiling-index.json"
du -sb "$WORK/ceiling-index" | cut -f1 > "$RES/ceiling-size"
rm -rf "$WORK/ceiling-index"

echo "== bare tantivy"
rm -rf "$WORK/tantivy-index"
measure tantivy-index "$BIN/examples/bare_tantivy" "$WORK/paragraphs.ndjson" "$WORK/tantivy-index" > "$RES/tantivy-index.json"
du -sb "$WORK/tantivy-index" | cut -f1 > "$RES/tantivy-size"
rm -rf "$WORK/tantivy-index"

if [ "$PEERS" = yes ]; then
  echo "== Lucene: one indexing thread, then two; queries on the second index"
  for threads in 1 2; do
    measure "lucene-index-$threads" benches/lucene/run.sh index "$WORK/paragraphs.ndjson" "$WORK/lucene-index" "$threads" > "$RES/lucene-index-$threads.json"
  done
  du -sb "$WORK/lucene-index" | cut -f1 > "$RES/lucene-size"
  benches/lucene/run.sh query "$WORK/lucene-index" benches/queries.tsv "$ROUNDS" > "$RES/lucene-queries.json"

  echo "== Xapian"
  rm -rf "$WORK/xapian-db"
  measure xapian-index /usr/bin/python3 benches/xapian_bench.py index "$WORK/paragraphs.ndjson" "$WORK/xapian-db" > "$RES/xapian-index.json"
  du -sb "$WORK/xapian-db" | cut -f1 > "$RES/xapian-size"
  /usr/bin/python3 benches/xapian_bench.py query "$WORK/xapian-db" benches/queries.tsv "$ROUNDS" > "$RES/xapian-queries.json"
fi

echo "== ripgrep (single-word queries)"
: > "$RES/rg.txt"
grep -v '^#' benches/queries.tsv | grep -E '^(common|word|rare)	' | cut -f2 | while IFS= read -r q; do
  for _ in 1 2 3; do
    s=$(date +%s%N)
    rg -i -c -F -- "$q" "$ARCHIVE" > /dev/null || true
    e=$(date +%s%N)
    echo $(( (e - s) / 1000 )) >> "$RES/rg.txt"
  done
done

echo "== report"
/usr/bin/python3 benches/report.py "$SIZE" "$N" "$RAW_BYTES" "$RES" "$OUT" \
  "${PARAGRAF_BENCH_DIR:-$ROOT/target/bench-data}"
echo "wrote the $SIZE section of $OUT"
