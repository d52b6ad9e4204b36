#!/usr/bin/env bash
# Side-by-side benchmark on one generated archive: paragraf, Xapian 1.4,
# ripgrep and bare tantivy, same machine, same §.
#
#   benches/compare.sh [SIZE] [--out FILE] [--rounds N]
#
# SIZE is 10k, 100k, 1m or a number of §. The archive is generated once by
# examples/scale_corpus.rs (deterministic) under target/bench-data/SIZE (or
# $PARAGRAF_BENCH_DIR/SIZE) and kept out of git. The results go into a
# section of FILE (default benches/RESULTS.md), replacing that size's section.
# Installs what it needs (Debian: python3-xapian, ripgrep, time).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SIZE=10k
OUT="$ROOT/benches/RESULTS.md"
ROUNDS=20
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$(realpath -m "$2"); shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) SIZE=$1; shift ;;
  esac
done
case "$SIZE" in
  10k) N=10000 ;; 100k) N=100000 ;; 1m|1M) N=1000000 ;;
  *[!0-9]*) echo "bad size: $SIZE" >&2; exit 2 ;;
  *) N=$SIZE ;;
esac

need=()
/usr/bin/python3 -c 'import xapian' 2>/dev/null || need+=(python3-xapian)
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
mkdir -p "$WORK" "$RES"
SHARED="${PARAGRAF_SHARED:-$ROOT/../shared}"
if [ ! -d "$SHARED/corpus/real/goteborg" ]; then
  echo "note: $SHARED not found: generating from its copy in tests/data" >&2
  SHARED="$ROOT/tests/data"
fi

echo "== building (release)"
cargo build --release --quiet --bin paragraf --example scale_corpus --example bench_queries --example bare_tantivy
BIN="$ROOT/target/release"
P="$BIN/paragraf"

if [ ! -f "$WORK/archive.done" ]; then
  echo "== generating $N § into $ARCHIVE"
  rm -rf "$ARCHIVE"
  "$BIN/examples/scale_corpus" --paragraphs "$N" --out "$ARCHIVE" --shared "$SHARED" | tee "$RES/generate.txt"
  touch "$WORK/archive.done"
fi
RAW_BYTES=$(find "$ARCHIVE" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
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

echo "== paragraf: full index"
rm -rf "$WORK/paragraf-index"
measure paragraf-index "$P" index "$ARCHIVE" --index "$WORK/paragraf-index" --json > "$RES/paragraf-index.json" 2>/dev/null
echo "== paragraf: re-index of the unchanged archive"
measure paragraf-reindex "$P" index "$ARCHIVE" --index "$WORK/paragraf-index" --json > "$RES/paragraf-reindex.json" 2>/dev/null
du -sb "$WORK/paragraf-index" | cut -f1 > "$RES/paragraf-size"
echo "== paragraf: queries in process"
"$BIN/examples/bench_queries" "$WORK/paragraf-index" benches/queries.tsv "$ROUNDS" > "$RES/paragraf-queries.json"
echo "== paragraf: one-shot CLI searches"
: > "$RES/paragraf-cli.txt"
grep -v '^#' benches/queries.tsv | cut -f1,2 | grep -E '^(word|words|compound|case)' | cut -f2 | head -20 | while IFS= read -r q; do
  for _ in 1 2 3; do
    s=$(date +%s%N)
    "$P" search "$q" --index "$WORK/paragraf-index" > /dev/null || true
    e=$(date +%s%N)
    echo $(( (e - s) / 1000 )) >> "$RES/paragraf-cli.txt"
  done
done

echo "== the same § as NDJSON for the other engines"
"$P" parse --ndjson "$ARCHIVE" > "$WORK/paragraphs.ndjson"

echo "== Xapian"
rm -rf "$WORK/xapian-db"
measure xapian-index /usr/bin/python3 benches/xapian_bench.py index "$WORK/paragraphs.ndjson" "$WORK/xapian-db" > "$RES/xapian-index.json"
du -sb "$WORK/xapian-db" | cut -f1 > "$RES/xapian-size"
/usr/bin/python3 benches/xapian_bench.py query "$WORK/xapian-db" benches/queries.tsv "$ROUNDS" > "$RES/xapian-queries.json"

echo "== bare tantivy"
rm -rf "$WORK/tantivy-index"
measure tantivy-index "$BIN/examples/bare_tantivy" "$WORK/paragraphs.ndjson" "$WORK/tantivy-index" > "$RES/tantivy-index.json"
du -sb "$WORK/tantivy-index" | cut -f1 > "$RES/tantivy-size"

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
/usr/bin/python3 benches/report.py "$SIZE" "$N" "$RAW_BYTES" "$RES" "$OUT"
echo "wrote the $SIZE section of $OUT"
