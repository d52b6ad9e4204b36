#!/usr/bin/python3
"""Turns `paragraf parse --ndjson` into the records LuceneBench.java reads:
title, body, organ and date (YYYYMMDD) of each §, separated by \\x1f, records
by \\x1e (control characters that the fields lose, if they had any).

  records.py PARAGRAPHS.ndjson RECORDS
"""
import json
import sys

SEPARATORS = str.maketrans({"\x1e": " ", "\x1f": " "})

with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in src:
        r = json.loads(line)
        p, m = r["paragraph"], r["meeting"]
        fields = [p["title"], p["body"], m.get("organ") or "", (m.get("date") or "").replace("-", "")]
        out.write("\x1f".join(f.translate(SEPARATORS) for f in fields))
        out.write("\x1e")
