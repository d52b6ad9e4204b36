#!/usr/bin/python3
"""Turns the measurements of benches/compare.sh into a markdown section of
RESULTS.md: one table per size, with machine, date, commands, the ratios and
whether each target of the benchmark issues is met.

  report.py SIZE N RAW_BYTES RESULTS_DIR OUT_FILE [BENCH_DATA_DIR]

Engines that did not run (Lucene and Xapian above 1M §, a baseline not
asked for) are left out. At 5m the growth targets compare with the 1m
results in BENCH_DATA_DIR/1m/results, if they are there."""
import datetime
import json
import os
import platform
import re
import statistics
import sys

size, n, raw_bytes, res, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
bench_data = sys.argv[6] if len(sys.argv) > 6 else None


def path(name, where=None):
    return os.path.join(where or res, name)


def have(name, where=None):
    return os.path.exists(path(name, where))


def js(name, where=None):
    with open(path(name, where), encoding="utf-8") as f:
        text = f.read().strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(text.splitlines()[-1])


def timing(name, where=None):
    with open(path(name + ".time", where), encoding="utf-8") as f:
        wall, rss = f.read().split()[-2:]
    return float(wall), int(rss)


def num(name):
    with open(path(name), encoding="utf-8") as f:
        return int(f.read().strip())


def micro(name, where=None):
    with open(path(name, where), encoding="utf-8") as f:
        v = sorted(int(x) for x in f.read().split())
    return statistics.median(v) if v else float("nan")


def text_of(name):
    with open(path(name), encoding="utf-8") as f:
        return f.read().strip()


def ok(cond):
    return "met" if cond else "**missed**"


cpu = "unknown"
try:
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        m = re.search(r"model name\s*:\s*(.*)", f.read())
        cpu = m.group(1) if m else cpu
except OSError:
    pass
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
large = n >= 5_000_000

# paragraf
p_idx = js("paragraf-index.json")
p_wall, p_rss = timing("paragraf-index")
r_wall, _ = timing("paragraf-reindex")
p_q = js("paragraf-queries.json")
p_size = num("paragraf-size")
cli_us = micro("paragraf-cli.txt")
paragraphs = p_idx["total_paragraphs"]
# The title + body bytes of the §, the same for every engine.
c_idx = js("ceiling-index.json")
text = c_idx["text_bytes"]
p_mbs = text / 1e6 / p_wall
# the ceiling and bare tantivy
c_wall, c_rss = timing("ceiling-index")
c_mbs = c_idx["mb_per_s"]
t_idx = js("tantivy-index.json")
t_wall, t_rss = timing("tantivy-index")
t_mbs = t_idx["mb_per_s"]
# peers
lucene = have("lucene-queries.json")
xapian = have("xapian-queries.json")
if lucene:
    l1, l2 = js("lucene-index-1.json"), js("lucene-index-2.json")
    l_rss = max(timing("lucene-index-1")[1], timing("lucene-index-2")[1])
    l_best = max(l1["mb_per_s"], l2["mb_per_s"])
    l_q = js("lucene-queries.json")
if xapian:
    x_idx = js("xapian-index.json")
    x_wall, x_rss = timing("xapian-index")
    x_q = js("xapian-queries.json")
    x_mbs = x_idx["mb_per_s"]
rg_us = micro("rg.txt")

cols = ["paragraf", "ceiling: tantivy, paragraf's documents", "bare tantivy"]
if lucene:
    cols.append("Lucene 8 (1 / 2 threads)")
if xapian:
    cols.append("Xapian 1.4")
cols.append("ripgrep")


def row(measure, p, c="", t="", l="", x="", r="", note=""):
    cells = [measure, p, c, t]
    if lucene:
        cells.append(l)
    if xapian:
        cells.append(x)
    cells += [r, note]
    return cells


index_notes = [f"paragraf/ceiling {p_mbs/c_mbs:.0%} (target ≥ 70%: {ok(p_mbs >= 0.7*c_mbs)})",
               f"paragraf/bare tantivy {p_mbs/t_mbs:.0%}"]
if lucene:
    index_notes.append(f"paragraf/Lucene {p_mbs/l_best:.1f}× (target ≥ 1.5×: {ok(p_mbs >= 1.5*l_best)})")
if xapian:
    index_notes.append(f"paragraf/Xapian {p_mbs/x_mbs:.1f}× (target ≥ 2×: {ok(p_mbs >= 2*x_mbs)})")

size_limit = 0.9 if large else 1.0
reindex_limit = 0.01 if large else 0.02
p50, p99 = p_q["p50_us"], p_q["p99_us"]
p50_notes = [f"target ≤ 1 ms: {ok(p50 <= 1000)}"]
p99_notes = [f"target ≤ 10 ms: {ok(p99 <= 10000)}"]
if lucene:
    p50_notes.append(f"Lucene/paragraf {l_q['p50_us']/p50:.1f}× (target ≥ 2×: {ok(l_q['p50_us'] >= 2*p50)})")
    p99_notes.append(f"Lucene/paragraf {l_q['p99_us']/p99:.1f}× (target ≥ 2×: {ok(l_q['p99_us'] >= 2*p99)})")
if xapian:
    p50_notes.append(f"Xapian/paragraf {x_q['p50_us']/p50:.1f}× (target ≥ 3×: {ok(x_q['p50_us'] >= 3*p50)})")
p50_notes.append(f"rg/paragraf {rg_us/p50:.0f}× (target ≥ 100×: {ok(rg_us >= 100*p50)})")

rows = [
    row("§ indexed", f"{paragraphs:,}", f"{c_idx['docs']:,}", f"{t_idx['docs']:,}",
        f"{l1['docs']:,}" if lucene else "", f"{x_idx['docs']:,}" if xapian else "", "–"),
    row("archive text (files)", f"{raw_bytes/1e6:.1f} MB", note=f"§ title + body: {text/1e6:.1f} MB"),
    row("full index time", f"{p_wall:.1f} s", f"{c_idx['index_seconds']:.1f} s", f"{t_idx['index_seconds']:.1f} s",
        f"{l1['index_seconds']:.1f} / {l2['index_seconds']:.1f} s" if lucene else "",
        f"{x_idx['index_seconds']:.1f} s" if xapian else "", "–",
        "paragraf: walk + read + parse + analyse + index + commit; the ceiling: add + commit of documents "
        "parsed and analysed beforehand; others: indexing of the § text only"),
    row("indexing MB/s of § text", f"{p_mbs:.1f}", f"{c_mbs:.1f}", f"{t_mbs:.1f}",
        f"{l1['mb_per_s']:.1f} / {l2['mb_per_s']:.1f}" if lucene else "", f"{x_mbs:.1f}" if xapian else "", "–",
        "; ".join(index_notes)),
    row("peak RSS while indexing", f"{p_rss/1024:.0f} MiB", f"{c_rss/1024:.0f} MiB", f"{t_rss/1024:.0f} MiB",
        f"{l_rss/1024:.0f} MiB (JVM, -Xmx6g)" if lucene else "", f"{x_rss/1024:.0f} MiB" if xapian else "", "–",
        f"target < 1 GiB: {ok(p_rss < 1024*1024)}"),
    row("index size", f"{p_size/1e6:.1f} MB ({p_size/raw_bytes:.2f}× text)", f"{num('ceiling-size')/1e6:.1f} MB",
        f"{num('tantivy-size')/1e6:.1f} MB", f"{num('lucene-size')/1e6:.1f} MB" if lucene else "",
        f"{num('xapian-size')/1e6:.1f} MB" if xapian else "", "–",
        f"target ≤ {size_limit:.1f}× raw text: {ok(p_size <= size_limit*raw_bytes)}"),
    row("re-index, unchanged archive", f"{r_wall:.3f} s ({r_wall/p_wall:.1%} of full)",
        note=f"target ≤ {reindex_limit:.0%}: {ok(r_wall <= reindex_limit*p_wall)}"),
    row("query p50, top 10 + snippets", f"{p50/1000:.2f} ms", "", "",
        f"{l_q['p50_us']/1000:.2f} ms" if lucene else "", f"{x_q['p50_us']/1000:.2f} ms" if xapian else "",
        f"{rg_us/1000:.0f} ms", "; ".join(p50_notes)),
    row("query p99", f"{p99/1000:.2f} ms", "", "", f"{l_q['p99_us']/1000:.2f} ms" if lucene else "",
        f"{x_q['p99_us']/1000:.2f} ms" if xapian else "", "", "; ".join(p99_notes)),
    row("one-shot CLI search (median)", f"{cli_us/1000:.1f} ms", note=f"target ≤ 50 ms: {ok(cli_us <= 50000)}"),
]

extra = []
if have("baseline-rev"):
    base = text_of("baseline-rev")
    b_wall, b_rss = timing("baseline-index")
    # Two runs each, alternating: the better of each build's two.
    pq = [p_q, js("paragraf-queries-2.json")]
    bq = [js("baseline-queries.json"), js("baseline-queries-2.json")]
    np50, np99 = min(q["p50_us"] for q in pq), min(q["p99_us"] for q in pq)
    bp50, bp99 = min(q["p50_us"] for q in bq), min(q["p99_us"] for q in bq)
    b_cli = micro("baseline-cli.txt")
    extra += [
        "",
        f"Against the build before (`--baseline {base}`), same archive, same queries, same run "
        "(in-process queries run twice per build, alternating; the better of each build's two):",
        "",
        "| measure | this build | baseline | ratio / target |",
        "| --- | --- | --- | --- |",
        f"| full index time | {p_wall:.1f} s | {b_wall:.1f} s | {p_wall/b_wall:.2f}× |",
        f"| query p50 | {np50/1000:.2f} ms | {bp50/1000:.2f} ms | {np50/bp50:.2f}× (target ≤ 1.2×: {ok(np50 <= 1.2*bp50)}) |",
        f"| query p99 | {np99/1000:.2f} ms | {bp99/1000:.2f} ms | {np99/bp99:.2f}× (target ≤ 1.2×: {ok(np99 <= 1.2*bp99)}) |",
        f"| one-shot CLI search | {cli_us/1000:.1f} ms | {b_cli/1000:.1f} ms | {cli_us/b_cli:.2f}× |",
    ]

if large and bench_data and have("paragraf-queries.json", os.path.join(bench_data, "1m", "results")):
    one = os.path.join(bench_data, "1m", "results")
    o_wall, _ = timing("paragraf-index", one)
    o_q = js("paragraf-queries.json", one)
    o_cli = micro("paragraf-cli.txt", one)
    growth = n / 1_000_000
    extra += [
        "",
        f"Growth from the 1m run (commit {text_of(os.path.join(one, 'commit')) if have('commit', one) else '?'}) "
        f"to this one, {growth:.0f}× the §:",
        "",
        "| measure | 1m | this size | ratio / target |",
        "| --- | --- | --- | --- |",
        f"| full index time | {o_wall:.1f} s | {p_wall:.1f} s | {p_wall/o_wall:.2f}× (target ≤ 5.5×: {ok(p_wall <= 5.5*o_wall)}) |",
        f"| query p50 | {o_q['p50_us']/1000:.2f} ms | {p50/1000:.2f} ms | {p50/o_q['p50_us']:.2f}× (target ≤ 1.5×: {ok(p50 <= 1.5*o_q['p50_us'])}) |",
        f"| query p99 | {o_q['p99_us']/1000:.2f} ms | {p99/1000:.2f} ms | {p99/o_q['p99_us']:.2f}× (target ≤ 2×: {ok(p99 <= 2*o_q['p99_us'])}) |",
        f"| one-shot CLI search | {o_cli/1000:.1f} ms | {cli_us/1000:.1f} ms | {cli_us/o_cli:.2f}× (target ≤ 1.5×: {ok(cli_us <= 1.5*o_cli)}) |",
    ]

peers = "Lucene 8 and Xapian 1.4 side by side" if (lucene and xapian) else "without Lucene and Xapian (run with --with-peers)"
rg_count = len(open(path("rg.txt")).read().split()) // 3
lines = [
    f"<!-- {size} start -->",
    f"## {size}: {n:,} § generated",
    "",
    f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node() or 'this machine'}: "
    f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}; "
    f"commit {text_of('commit')}.",
    f"Command: `benches/compare.sh {size}`, {peers} (query set: `benches/queries.tsv`, {p_q['queries']} queries, "
    f"{p_q['rounds']} rounds after a warm-up; Lucene: classic QueryParser with SwedishAnalyzer, AND, top 10 with "
    f"UnifiedHighlighter snippets, three warm-up rounds; ripgrep: the {rg_count} single-word queries, `rg -i -c -F`, "
    "median of 3 runs each).",
    "",
    "| measure | " + " | ".join(cols) + " | ratio / target |",
    "| --- " * (len(cols) + 2) + "|",
]
for r in rows:
    lines.append("| " + " | ".join(r) + " |")
lines += extra
lines += ["", f"<!-- {size} end -->", ""]
section = "\n".join(lines)

header = ("# Benchmark results\n\nWritten by `benches/compare.sh SIZE` (see the README). Each section is one run; "
          "rerunning a size replaces its section.\n\n")
doc = open(out, encoding="utf-8").read() if os.path.exists(out) else header
pattern = re.compile(rf"<!-- {re.escape(size)} start -->.*?<!-- {re.escape(size)} end -->\n?", re.S)
doc = pattern.sub(lambda _: section, doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + section
with open(out, "w", encoding="utf-8") as f:
    f.write(doc)
print(section)
