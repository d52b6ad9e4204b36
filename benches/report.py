#!/usr/bin/python3
"""Turns the measurements of benches/compare.sh into a markdown section of
RESULTS.md: one table per size, with machine, date, commands, the ratios and
whether each target of the benchmark issue is met."""
import datetime
import json
import os
import platform
import re
import statistics
import sys

size, n, raw_bytes, res, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]


def js(name):
    with open(os.path.join(res, name), encoding="utf-8") as f:
        text = f.read().strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(text.splitlines()[-1])


def timing(name):
    with open(os.path.join(res, name + ".time"), encoding="utf-8") as f:
        wall, rss = f.read().split()[-2:]
    return float(wall), int(rss)


def num(name):
    with open(os.path.join(res, name), encoding="utf-8") as f:
        return int(f.read().strip())


def micro(name):
    with open(os.path.join(res, name), encoding="utf-8") as f:
        v = sorted(int(x) for x in f.read().split())
    return statistics.median(v) if v else float("nan")


cpu = "unknown"
try:
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        m = re.search(r"model name\s*:\s*(.*)", f.read())
        cpu = m.group(1) if m else cpu
except OSError:
    pass
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30

p_idx = js("paragraf-index.json")
p_wall, p_rss = timing("paragraf-index")
r_wall, _ = timing("paragraf-reindex")
p_q = js("paragraf-queries.json")
p_size = num("paragraf-size")
cli_us = micro("paragraf-cli.txt")
x_idx = js("xapian-index.json")
x_wall, x_rss = timing("xapian-index")
x_q = js("xapian-queries.json")
x_size = num("xapian-size")
t_idx = js("tantivy-index.json")
t_wall, t_rss = timing("tantivy-index")
t_size = num("tantivy-size")
rg_us = micro("rg.txt")

paragraphs = p_idx["total_paragraphs"]
text = x_idx["text_bytes"]  # title + body bytes, the same for the three engines
p_mbs = raw_bytes / 1e6 / p_wall
p_text_mbs = text / 1e6 / p_wall
x_mbs = x_idx["mb_per_s"]
t_mbs = t_idx["mb_per_s"]


def ok(cond):
    return "met" if cond else "**missed**"


rows = [
    ("§ indexed", f"{paragraphs:,}", f"{x_idx['docs']:,}", f"{t_idx['docs']:,}", "–", ""),
    ("archive text (files)", f"{raw_bytes/1e6:.1f} MB", "", "", "", ""),
    ("full index time", f"{p_wall:.1f} s", f"{x_idx['index_seconds']:.1f} s", f"{t_idx['index_seconds']:.1f} s", "–",
     "paragraf: walk + read + parse + index + commit; others: indexing only"),
    ("indexing MB/s of § text", f"{p_text_mbs:.1f}", f"{x_mbs:.1f}", f"{t_mbs:.1f}", "–",
     f"paragraf/Xapian {p_text_mbs/x_mbs:.1f}× (target ≥ 2×: {ok(p_text_mbs >= 2*x_mbs)}); paragraf/bare tantivy {p_text_mbs/t_mbs:.0%} (target ≥ 70%: {ok(p_text_mbs >= 0.7*t_mbs)})"),
    ("peak RSS while indexing", f"{p_rss/1024:.0f} MiB", f"{x_rss/1024:.0f} MiB", f"{t_rss/1024:.0f} MiB", "–",
     f"target < 1 GiB: {ok(p_rss < 1024*1024)}"),
    ("index size", f"{p_size/1e6:.1f} MB ({p_size/raw_bytes:.2f}× text)", f"{x_size/1e6:.1f} MB", f"{t_size/1e6:.1f} MB", "–",
     f"target ≤ 1.0× raw text: {ok(p_size <= raw_bytes)}"),
    ("re-index, unchanged archive", f"{r_wall:.3f} s ({r_wall/p_wall:.1%} of full)", "", "", "",
     f"target ≤ 2%: {ok(r_wall <= 0.02*p_wall)}"),
    ("query p50, top 10 + snippets", f"{p_q['p50_us']/1000:.2f} ms", f"{x_q['p50_us']/1000:.2f} ms", "", f"{rg_us/1000:.0f} ms",
     f"target ≤ 1 ms: {ok(p_q['p50_us'] <= 1000)}; Xapian/paragraf {x_q['p50_us']/p_q['p50_us']:.1f}× (target ≥ 3×: {ok(x_q['p50_us'] >= 3*p_q['p50_us'])}); rg/paragraf {rg_us/p_q['p50_us']:.0f}× (target ≥ 100×: {ok(rg_us >= 100*p_q['p50_us'])})"),
    ("query p99", f"{p_q['p99_us']/1000:.2f} ms", f"{x_q['p99_us']/1000:.2f} ms", "", "",
     f"target ≤ 10 ms: {ok(p_q['p99_us'] <= 10000)}"),
    ("one-shot CLI search (median)", f"{cli_us/1000:.1f} ms", "", "", "", f"target ≤ 50 ms: {ok(cli_us <= 50000)}"),
]

lines = [
    f"<!-- {size} start -->",
    f"## {size}: {n:,} § generated",
    "",
    f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node() or 'this machine'}: "
    f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}.",
    f"Command: `benches/compare.sh {size}` (query set: `benches/queries.tsv`, {p_q['queries']} queries, "
    f"{p_q['rounds']} rounds after a warm-up; ripgrep: the {len(open(os.path.join(res, 'rg.txt')).read().split())//3} single-word queries, `rg -i -c -F`, median of 3 runs each).",
    "",
    "| measure | paragraf | Xapian 1.4 | bare tantivy | ripgrep | ratio / target |",
    "| --- | --- | --- | --- | --- | --- |",
]
for r in rows:
    lines.append("| " + " | ".join(r) + " |")
lines += ["", f"<!-- {size} end -->", ""]
section = "\n".join(lines)

header = ("# Benchmark results\n\nWritten by `benches/compare.sh SIZE` (see the README). Each section is one run; "
          "rerunning a size replaces its section.\n\n")
doc = open(out, encoding="utf-8").read() if os.path.exists(out) else header
pattern = re.compile(rf"<!-- {re.escape(size)} start -->.*?<!-- {re.escape(size)} end -->\n?", re.S)
doc = pattern.sub(section, doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + section
with open(out, "w", encoding="utf-8") as f:
    f.write(doc)
print(section)
