#!/usr/bin/env bash
# Compiles and runs benches/lucene/LuceneBench.java against Debian's
# liblucene8-java (installed with apt-get when missing) on the JDK.
#
#   benches/lucene/run.sh index PARAGRAPHS.ndjson DIR THREADS
#   benches/lucene/run.sh query DIR QUERIES.tsv ROUNDS
#
# `index` converts the NDJSON to records first (benches/lucene/records.py,
# before the clock). The JVM gets a 6 GiB heap to index (-Xmx6g: the harness
# reads all records into one string first, which at 1M § with the decisions,
# positions and votes of each § outgrew 2 GiB) and 2 GiB to query.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JARS=/usr/share/java
if ! ls "$JARS"/lucene-core-8*.jar >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq liblucene8-java >/dev/null
fi
command -v javac >/dev/null || { echo "javac not found: install a JDK (openjdk-17-jdk-headless)" >&2; exit 2; }
CP=""
for m in core analyzers-common queryparser highlighter queries memory sandbox; do
  jar=$(ls "$JARS"/lucene-$m-8*.jar | head -n 1)
  CP="$CP:$jar"
done
CP=${CP#:}
CLASSES="$ROOT/target/lucene-classes"
if [ ! -f "$CLASSES/LuceneBench.class" ] || [ "$HERE/LuceneBench.java" -nt "$CLASSES/LuceneBench.class" ]; then
  mkdir -p "$CLASSES"
  javac -nowarn -cp "$CP" -d "$CLASSES" "$HERE/LuceneBench.java"
fi
case "$1" in
  index)
    records="$3.records"
    python3 "$HERE/records.py" "$2" "$records"
    rm -rf "$3"
    java -Xmx6g -cp "$CLASSES:$CP" LuceneBench index "$records" "$3" "$4"
    rm -f "$records"
    ;;
  query)
    java -Xmx2g -cp "$CLASSES:$CP" LuceneBench query "$2" "$3" "$4"
    ;;
  *) echo "usage: run.sh index NDJSON DIR THREADS | query DIR QUERIES.tsv ROUNDS" >&2; exit 2 ;;
esac
