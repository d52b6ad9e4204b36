#!/usr/bin/python3
"""Xapian 1.4 (Debian python3-xapian) on the same paragraphs as paragraf.

  xapian_bench.py index PARAGRAPHS.ndjson DB     -> one JSON line
  xapian_bench.py query DB QUERIES.tsv ROUNDS    -> one JSON line

Indexing: title (weight 3) and body with Xapian's Swedish stemmer
(STEM_SOME, positions kept for phrases); organ words and the date as filter
terms and a value. The input is read before the clock starts.
Querying: QueryParser (Swedish stemmer, AND, phrases, OR, -exclude), top 10
with a snippet of each body, as paragraf's top 10 with snippets.
"""
import json
import sys
import time

import xapian

STEMMER = xapian.Stem("swedish")


def index(ndjson, path):
    records = []
    text_bytes = 0
    with open(ndjson, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            p, m = r["paragraph"], r["meeting"]
            records.append((p["title"], p["body"], m.get("organ") or "", (m.get("date") or "").replace("-", "")))
            text_bytes += len(p["title"].encode()) + len(p["body"].encode())
    start = time.perf_counter()
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(STEMMER)
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    for title, body, organ, date in records:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(title, 3)
        tg.increase_termpos()
        tg.index_text(body)
        for w in organ.lower().split():
            doc.add_boolean_term("XO" + STEMMER(w).decode("utf-8"))
        doc.add_value(0, date)
        doc.set_data(body)
        db.add_document(doc)
    db.commit()
    db.close()
    secs = time.perf_counter() - start
    print(json.dumps({"engine": "xapian", "docs": len(records), "text_bytes": text_bytes,
                      "index_seconds": round(secs, 3), "mb_per_s": round(text_bytes / 1e6 / secs, 1)}))


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            filters = dict(kv.split("=", 1) for kv in (cols[2].split() if len(cols) > 2 else []))
            out.append((cols[0], cols[1], filters))
    return out


def date_bound(v, end):
    if len(v) == 4:
        return v + ("1231" if end else "0101")
    return v.replace("-", "")


def query(path, queries_path, rounds):
    db = xapian.Database(path)
    qp = xapian.QueryParser()
    qp.set_stemmer(STEMMER)
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_AND)
    qp.set_database(db)
    flags = xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_BOOLEAN | xapian.QueryParser.FLAG_LOVEHATE
    queries = []
    for _kind, text, filters in read_queries(queries_path):
        q = qp.parse_query(text, flags)
        if "organ" in filters:
            organ = xapian.Query("XO" + STEMMER(filters["organ"].lower()).decode("utf-8"))
            q = xapian.Query(xapian.Query.OP_FILTER, q, organ)
        if "from" in filters or "to" in filters:
            lo = date_bound(filters.get("from", "0000"), False)
            hi = date_bound(filters.get("to", "9999"), True)
            q = xapian.Query(xapian.Query.OP_FILTER, q, xapian.Query(xapian.Query.OP_VALUE_RANGE, 0, lo, hi))
        queries.append(q)
    enquire = xapian.Enquire(db)

    def run(q):
        enquire.set_query(q)
        mset = enquire.get_mset(0, 10)
        n = mset.get_matches_estimated()
        for m in mset:
            mset.snippet(m.document.get_data().decode("utf-8"), 240, STEMMER)
        return n

    hits = sum(run(q) for q in queries)  # warm-up
    lat = []
    for _ in range(rounds):
        for q in queries:
            t = time.perf_counter()
            run(q)
            lat.append((time.perf_counter() - t) * 1e6)
    lat.sort()

    def pct(p):
        return lat[min(len(lat) - 1, round((len(lat) - 1) * p))]

    print(json.dumps({"engine": "xapian", "queries": len(queries), "rounds": rounds,
                      "p50_us": round(pct(0.5), 1), "p99_us": round(pct(0.99), 1),
                      "mean_us": round(sum(lat) / len(lat), 1), "hits_estimated": hits}))


if __name__ == "__main__":
    if sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "query":
        query(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit("usage: xapian_bench.py index NDJSON DB | query DB QUERIES.tsv ROUNDS")
