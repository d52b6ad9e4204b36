#!/usr/bin/python3
"""Search quality of paragraf, Xapian and plain BM25 on the judged query set.

  evaluate.py --paragraf BIN --index DIR --ndjson PARAGRAPHS.ndjson
              [--queries queries.tsv] [--qrels qrels.tsv] [--markdown FILE]
              [--per-query] [--xapian-op and|or]

Every engine sees the same § paragraphs and returns its top 10 for every query
of queries.tsv; a hit is matched to the judgments of qrels.tsv by its source
file name and § number. Printed: nDCG@10, MRR and recall@10 by kind of query
and overall, for the development and the held-out part separately, and the
number of queries each engine answers with no hit at all.

- paragraf: `paragraf search QUERY --index DIR --json --limit 10`, the query
  passed as the user typed it (hits read from `source` and
  `paragraph.number`). Exit code 1 is "no hits"; any other failure is
  counted as no hits and reported.
- Xapian 1.4 (Debian python3-xapian): the title (weight 3), case number and
  body of each § from `paragraf parse --ndjson`, Swedish Snowball stemmer
  (STEM_SOME); the query through QueryParser with its default flags
  (phrases, AND/OR/NOT, +/-) plus wildcards, a `title:` prefix, and
  AND as the default operator (as benches/compare.sh), or OR
  (`--xapian-op or`).
- plain BM25 (k1 1.2, b 0.75): the same text, lower-cased words (`\\w+`)
  with no stemming, no stop words, no compound handling; the query's words
  OR'ed, operators and quotes read as words.

Metrics (graded judgments 0-3, see README.md in this folder):
- nDCG@10 with linear gain (the grade) and log2 discount; the ideal ranking
  is the judged § sorted by grade.
- MRR: 1/rank of the first hit graded 2 or 3 within the top 10, else 0.
- recall@10: share of the § graded 2 or 3 that are in the top 10.
- A § that no judgment names counts as grade 0.
"""
import argparse
import collections
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = [
    ("topic", "a topic in other words than the title"),
    ("inflection", "inflection and compounds"),
    ("phrase", "phrases and multi-word needs"),
    ("party", "persons and parties"),
    ("case", "a case number spelt differently"),
    ("typo", "typos (also without å, ä, ö)"),
    ("datebody", "date or body in the query"),
    ("question", "a question in plain Swedish"),
    ("syntax", "query habits from other search boxes"),
]
ENGINES = ["paragraf", "bm25", "xapian"]
K = 10
RELEVANT = 2


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            yield n, line.rstrip("\n").split("\t")


def read_queries(path):
    queries = []
    for n, cols in read_tsv(path):
        if len(cols) < 5:
            sys.exit(f"{path}:{n}: expected 5 columns (id, split, kind, query, need)")
        qid, split, kind, query, need = cols[:5]
        if split not in ("dev", "heldout"):
            sys.exit(f"{path}:{n}: split must be dev or heldout, not {split!r}")
        if kind not in dict(KINDS):
            sys.exit(f"{path}:{n}: unknown kind {kind!r}")
        queries.append(dict(id=qid, split=split, kind=kind, query=query, need=need))
    ids = [q["id"] for q in queries]
    dup = [i for i, c in collections.Counter(ids).items() if c > 1]
    if dup:
        sys.exit(f"{path}: duplicate query ids {dup}")
    return queries


def read_qrels(path, queries):
    ids = {q["id"] for q in queries}
    qrels = collections.defaultdict(dict)
    for n, cols in read_tsv(path):
        if len(cols) < 4:
            sys.exit(f"{path}:{n}: expected 4 columns (id, file, number, grade)")
        qid, fname, num, grade = cols[:4]
        if qid not in ids:
            sys.exit(f"{path}:{n}: query id {qid!r} is not in the queries file")
        if grade not in ("0", "1", "2", "3"):
            sys.exit(f"{path}:{n}: grade must be 0-3, not {grade!r}")
        qrels[qid][(fname, int(num))] = int(grade)
    for q in queries:
        if not any(g >= RELEVANT for g in qrels[q["id"]].values()):
            sys.exit(f"{path}: query {q['id']!r} has no § graded {RELEVANT} or more")
    return qrels


def load_paragraphs(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            m, p = r["meeting"], r["paragraph"]
            docs.append(dict(key=(os.path.basename(m["source"]), int(p["number"])),
                             title=p["title"] or "", case=p.get("case_number") or "",
                             body=p["body"] or ""))
    return docs


# ---------------------------------------------------------------- engines

TOKEN = re.compile(r"\w+")


class PlainBM25:
    """BM25 over lower-cased words, no language analysis at all."""

    def __init__(self, docs, k1=1.2, b=0.75):
        self.docs, self.k1, self.b = docs, k1, b
        self.postings = collections.defaultdict(list)
        self.lengths = []
        for i, d in enumerate(docs):
            words = TOKEN.findall(f"{d['title']} {d['case']} {d['body']}".lower())
            self.lengths.append(len(words))
            for w, tf in collections.Counter(words).items():
                self.postings[w].append((i, tf))
        self.avg = sum(self.lengths) / max(1, len(docs))
        n = len(docs)
        self.idf = {w: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for w, p in self.postings.items()}

    def search(self, query, k=K):
        scores = collections.defaultdict(float)
        for w in set(TOKEN.findall(query.lower())):
            idf = self.idf.get(w)
            if idf is None:
                continue
            for i, tf in self.postings[w]:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
                scores[i] += idf * tf * (self.k1 + 1) / (tf + norm)
        ranked = sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:k]
        return [self.docs[i]["key"] for i, _ in ranked], None


class XapianSwedish:
    """Xapian 1.4 with its Swedish stemmer, as an ordinary deployment sets it up."""

    def __init__(self, docs, op):
        import xapian
        self.xapian = xapian
        self.docs = docs
        self.db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
        stem = xapian.Stem("swedish")
        tg = xapian.TermGenerator()
        tg.set_stemmer(stem)
        tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
        for i, d in enumerate(docs):
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(d["title"], 3)
            tg.index_text(d["title"], 1, "S")
            tg.increase_termpos()
            tg.index_text(d["case"])
            tg.increase_termpos()
            tg.index_text(d["body"])
            doc.set_data(str(i))
            self.db.add_document(doc)
        self.qp = xapian.QueryParser()
        self.qp.set_stemmer(stem)
        self.qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        self.qp.set_database(self.db)
        self.qp.add_prefix("title", "S")
        self.qp.set_default_op(xapian.Query.OP_OR if op == "or" else xapian.Query.OP_AND)
        self.flags = (xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_WILDCARD)

    def search(self, query, k=K):
        try:
            q = self.qp.parse_query(query, self.flags)
        except self.xapian.QueryParserError as e:
            return [], f"query error: {e}"
        enquire = self.xapian.Enquire(self.db)
        enquire.set_query(q)
        return [self.docs[int(m.document.get_data())]["key"] for m in enquire.get_mset(0, k)], None


class Paragraf:
    """The paragraf binary, one `paragraf search --json` per query."""

    def __init__(self, binary, index):
        self.binary, self.index = binary, index

    def search(self, query, k=K):
        cmd = [self.binary, "search", "--index", self.index, "--json", "--limit", str(k), "--", query]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            return [], f"exit {p.returncode}: {p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ''}"
        try:
            hits = json.loads(p.stdout)["hits"]
        except (ValueError, KeyError) as e:
            return [], f"unreadable JSON ({e})"
        return [(os.path.basename(h["source"]), int(h["paragraph"]["number"])) for h in hits][:k], None


# ---------------------------------------------------------------- metrics

def ndcg(ranked, judged):
    dcg = sum(judged.get(key, 0) / math.log2(r + 2) for r, key in enumerate(ranked[:K]))
    ideal = sorted(judged.values(), reverse=True)[:K]
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def mrr(ranked, judged):
    for r, key in enumerate(ranked[:K]):
        if judged.get(key, 0) >= RELEVANT:
            return 1.0 / (r + 1)
    return 0.0


def recall(ranked, judged):
    rel = {key for key, g in judged.items() if g >= RELEVANT}
    return len(rel & set(ranked[:K])) / len(rel)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--paragraf", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--ndjson", required=True)
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--qrels", default=os.path.join(HERE, "qrels.tsv"))
    ap.add_argument("--markdown", help="also write the tables as Markdown to this file")
    ap.add_argument("--per-query", action="store_true", help="print nDCG@10 of every development query")
    ap.add_argument("--xapian-op", choices=["and", "or"], default="and")
    args = ap.parse_args()

    queries = read_queries(args.queries)
    qrels = read_qrels(args.qrels, queries)
    docs = load_paragraphs(args.ndjson)
    known = {d["key"] for d in docs}
    missing = sorted({key for j in qrels.values() for key, g in j.items() if g > 0 and key not in known})
    if missing:
        print(f"warning: {len(missing)} judged § are not among the parsed § (no engine can find them): "
              + ", ".join(f"{f} § {n}" for f, n in missing[:10]), file=sys.stderr)

    engines = {
        "paragraf": Paragraf(args.paragraf, args.index),
        "bm25": PlainBM25(docs),
        "xapian": XapianSwedish(docs, args.xapian_op),
    }
    scores = {}  # (engine, qid) -> (ndcg, mrr, recall, nohit, unjudged)
    errors = collections.defaultdict(list)
    for q in queries:
        judged = qrels[q["id"]]
        for name, engine in engines.items():
            ranked, err = engine.search(q["query"])
            if err:
                errors[name].append((q, err))
            unjudged = sum(1 for key in ranked if key not in judged)
            scores[name, q["id"]] = (ndcg(ranked, judged), mrr(ranked, judged), recall(ranked, judged),
                                     not ranked, unjudged, len(ranked))

    out = []
    label = {"paragraf": "paragraf", "bm25": "BM25", "xapian": "Xapian"}
    for split, title in (("dev", "Development part"), ("heldout", "Held-out part")):
        qs = [q for q in queries if q["split"] == split]
        if not qs:
            continue
        out.append(f"### {title} ({len(qs)} queries)\n")
        head = "| kind | n | " + " | ".join(f"nDCG@10 {label[e]}" for e in ENGINES) + " | " + \
            " | ".join(f"MRR {label[e]}" for e in ENGINES) + " | " + \
            " | ".join(f"R@10 {label[e]}" for e in ENGINES) + " |"
        out.append(head)
        out.append("|" + " --- |" * (2 + 3 * len(ENGINES)))
        groups = [(desc, [q for q in qs if q["kind"] == kind]) for kind, desc in KINDS]
        groups = [(d, g) for d, g in groups if g] + [("**overall**", qs)]
        for desc, group in groups:
            cells = []
            for m in range(3):
                for e in ENGINES:
                    v = sum(scores[e, q["id"]][m] for q in group) / len(group)
                    cells.append(f"**{v:.2f}**" if desc == "**overall**" else f"{v:.2f}")
            out.append(f"| {desc} | {len(group)} | " + " | ".join(cells) + " |")
        out.append("")
        nohit = {e: sum(scores[e, q["id"]][3] for q in qs) for e in ENGINES}
        unj = {e: sum(scores[e, q["id"]][4] for q in qs) for e in ENGINES}
        ret = {e: sum(scores[e, q["id"]][5] for q in qs) for e in ENGINES}
        out.append("Queries with no hit at all: " + ", ".join(f"{label[e]} {nohit[e]} of {len(qs)}" for e in ENGINES)
                   + ".  \nUnjudged § among the hits shown (counted as grade 0): "
                   + ", ".join(f"{label[e]} {unj[e]} of {ret[e]}" for e in ENGINES) + ".\n")
    allq = [q["id"] for q in queries]
    out.append(f"All {len(allq)} queries, nDCG@10: " + ", ".join(
        f"{label[e]} {sum(scores[e, i][0] for i in allq) / len(allq):.2f}" for e in ENGINES)
        + f"; no hit: " + ", ".join(f"{label[e]} {sum(scores[e, i][3] for i in allq)}" for e in ENGINES)
        + f". Xapian's default operator: {args.xapian_op.upper()}.\n")
    for e in ENGINES:
        for q, err in errors[e]:
            out.append(f"- {label[e]} failed on `{q['query']}` ({q['id']}): {err}")
    if any(errors.values()):
        out.append("")
    text = "\n".join(out)
    print(text)
    if args.per_query:
        print("nDCG@10 per development query (paragraf / BM25 / Xapian):")
        for q in queries:
            if q["split"] != "dev":
                continue
            v = " / ".join(f"{scores[e, q['id']][0]:.2f}" for e in ENGINES)
            print(f"  {q['id']:32} {v}   {q['query']}")
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
