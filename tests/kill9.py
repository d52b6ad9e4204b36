#!/usr/bin/env python3
"""Crash safety of `paragraf index`: kill -9 at many points, re-run, check.

    python3 tests/kill9.py [--paragraphs 10000] [--kills 20]

Generates an archive with the corpus scaler (examples/scale_corpus.rs), then
for each kill point starts `paragraf index --commit-every 1000 --verbose`,
sends SIGKILL after a delay spread over the run, and checks:

1. right after the kill, the index opens and a search works (exit 0 or 1,
   never 2), and it holds no more § than the archive;
2. after a re-run to completion: the § count equals the parse's count, no
   (meeting, §) pair is duplicated, and a search for a known § finds it.

The first kill points interrupt a first full index (walking, parsing,
writing, committing); the last ones interrupt an incremental run after
some files were edited, which deletes and re-adds their §, and also check
that every edit is in the index exactly once.

Then `--rebuild-kills` points interrupt `paragraf index --rebuild` of an
edited archive while one-shot searches run in a loop beside it. Every
search during the rebuild and the state right after each kill must be the
old index or the new one, never an empty or partial one or an error:

3. each search (a phrase only the old edit has, and one only the new edit
   has) answers (edited, 0) as the old index or (0, edited) as the new one;
4. after the kill the index holds the old § count with the old edit or the
   new count with the new edit; after a completed `--rebuild` the new one,
   with nothing left beside the index folder.

Prints one line per kill point and a summary; exits 1 if any check failed.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "paragraf"
MARK = "Kilnioändring"


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def index_cmd(archive, index):
    return [str(BIN), "index", str(archive), "--index", str(index),
            "--commit-every", "1000", "--verbose"]


def full_run(archive, index):
    """Runs the index to completion; returns (seconds, summary)."""
    t = time.monotonic()
    r = run(index_cmd(archive, index) + ["--json"])
    if r.returncode != 0:
        sys.exit(f"paragraf index failed ({r.returncode}):\n{r.stderr[-3000:]}")
    return time.monotonic() - t, json.loads(r.stdout)


def killed_run(archive, index, delay):
    """Starts an index run and kills it after `delay` seconds; returns the
    last progress line it printed (what it was doing) and whether it had
    already finished."""
    err_path = index.parent / "kill-stderr.txt"
    with open(err_path, "w") as err:
        p = subprocess.Popen(index_cmd(archive, index), stdout=subprocess.DEVNULL, stderr=err)
        time.sleep(delay)
        finished = p.poll() is not None
        if not finished:
            os.kill(p.pid, signal.SIGKILL)
        p.wait()
    lines = [l for l in err_path.read_text().splitlines() if l.strip()]
    last = lines[-1] if lines else "(nothing printed: opening the index, walking)"
    commits = sum(1 for l in lines if l.endswith(" done") and "commit" in l)
    return last, commits, finished


def phase(last):
    if "committing" in last:
        return "during commit"
    if "commit" in last and last.endswith("done"):
        return "just after a commit"
    if ": indexed" in last or ": unchanged" in last or ": skipped" in last:
        return "parsing/writing"
    if "protocol files found" in last:
        return "after the walk"
    return "opening/walking"


def search_total(index, query):
    r = run([str(BIN), "search", query, "--index", str(index), "--json", "--limit", "1"])
    if r.returncode not in (0, 1):
        return None, r.stderr.strip()
    return json.loads(r.stdout)["total"], ""


def exported_pairs(index):
    r = run([str(BIN), "export", "--ndjson", "--index", str(index)])
    if r.returncode not in (0, 1):
        return None, r.stderr.strip()
    pairs = []
    for line in r.stdout.splitlines():
        d = json.loads(line)
        pairs.append((d["meeting_id"], d["number"]))
    return pairs, ""


def finds(index, known):
    meeting_id, number, case = known
    r = run([str(BIN), "search", f'case:"{case}"', "--index", str(index), "--json",
             "--limit", "50"])
    if r.returncode != 0:
        return False
    hits = json.loads(r.stdout)["hits"]
    return any(h["meeting"]["id"] == meeting_id and h["paragraph"]["number"] == number
               for h in hits)


def check(index, expected, known, edited):
    """The checks after a completed re-run; returns a list of failures."""
    fails = []
    pairs, err = exported_pairs(index)
    if pairs is None:
        return [f"export failed: {err}"]
    if len(pairs) != expected:
        fails.append(f"{len(pairs)} § in the index, the parse has {expected}")
    dups = len(pairs) - len(set(pairs))
    if dups:
        fails.append(f"{dups} duplicated (meeting, §) pairs")
    if not finds(index, known):
        fails.append(f"search for case {known[2]} does not find {known[0]} § {known[1]}")
    if edited:
        total, err = search_total(index, MARK)
        if total != edited:
            fails.append(f"edit mark in {total} §, expected {edited} ({err})")
    return fails


def edit_files(archive, count, round_no):
    """Edits `count` protocol files (a new sentence after a 'Beslut' line)."""
    done = 0
    for f in sorted(archive.rglob("*.txt")):
        if done == count:
            break
        text = f.read_text(encoding="utf-8")
        old = f"{MARK} {round_no - 1}." if round_no > 1 else None
        if old and old in text:
            text = text.replace(old, f"{MARK} {round_no}.", 1)
        elif "\nBeslut\n" in text:
            text = text.replace("\nBeslut\n", f"\nBeslut\n{MARK} {round_no}.\n", 1)
        else:
            continue
        f.write_text(text, encoding="utf-8")
        done += 1
    return done


def phrase_totals(index, old_round, new_round):
    """(hits of the old round's edit mark, hits of the new one's), or the
    error of the search that failed. Two searches, one after the other: a
    rebuild swapped in between them gives (edited, edited), the old index
    to the first and the new one to the second."""
    totals = []
    for n in (old_round, new_round):
        r = run([str(BIN), "search", f'"{MARK} {n}"', "--index", str(index), "--json",
                 "--limit", "1", "--count-all"])
        if r.returncode not in (0, 1):
            return None, f"exit {r.returncode}: {r.stderr.strip()[-300:]}"
        totals.append(json.loads(r.stdout)["total"])
    return tuple(totals), ""


def rebuild_kills(archive, index, kills, edit_count, round_no):
    """Kill points in `--rebuild` of an edited archive, searches running
    beside it; returns (results, round_no)."""
    rebuild_cmd = [str(BIN), "index", str(archive), "--index", str(index), "--rebuild",
                   "--commit-every", "1000", "--verbose"]
    # An uninterrupted rebuild, to spread the kill points over its length.
    full_run(archive, index)
    t = time.monotonic()
    r = run(rebuild_cmd)
    if r.returncode != 0:
        sys.exit(f"paragraf index --rebuild failed ({r.returncode}):\n{r.stderr[-3000:]}")
    rebuild_s = time.monotonic() - t
    print(f"rebuild: uninterrupted {rebuild_s:.2f} s; {kills} kill points with searches beside")
    results = []
    for k in range(kills):
        delay = rebuild_s * 0.9 * (k + 0.5) / kills
        for _attempt in range(6):
            # The old index: complete, with the previous round's edits.
            full_run(archive, index)
            old_round = round_no
            old_pairs, _ = exported_pairs(index)
            round_no += 1
            edited = edit_files(archive, edit_count, round_no)
            old = (edited, 0) if old_round > 0 else (0, 0)
            new = (0, edited)
            seen, errors = set(), []
            stop = threading.Event()

            def search_loop():
                while not stop.is_set():
                    totals, err = phrase_totals(index, old_round, round_no)
                    if totals is None:
                        errors.append(err)
                    else:
                        seen.add(totals)

            searcher = threading.Thread(target=search_loop)
            searcher.start()
            err_path = index.parent / "kill-stderr.txt"
            with open(err_path, "w") as err:
                p = subprocess.Popen(rebuild_cmd, stdout=subprocess.DEVNULL, stderr=err)
                time.sleep(delay)
                finished = p.poll() is not None
                if not finished:
                    os.kill(p.pid, signal.SIGKILL)
                p.wait()
            stop.set()
            searcher.join()
            if not finished:
                break
            delay *= 0.7
        lines = [l for l in err_path.read_text().splitlines() if l.strip()]
        last = lines[-1] if lines else "(nothing printed)"
        fails = []
        if errors:
            fails.append(f"{len(errors)} searches failed during the rebuild: {errors[0]}")
        odd = seen - {old, new, (edited, edited)}
        if odd:
            fails.append(f"searches saw {sorted(odd)}: neither old {old} nor new {new}")
        after, err = phrase_totals(index, old_round, round_no)
        pairs, perr = exported_pairs(index)
        if after is None or pairs is None:
            fails.append(f"the index does not open after the kill: {err or perr}")
            state = "broken"
        elif after == old and len(pairs) == len(old_pairs):
            state = "old"
        elif after == new and len(pairs) == len(set(pairs)):
            state = "new"
        else:
            state = "neither"
            fails.append(f"after the kill: marks {after}, {len(pairs)} § "
                         f"(old: {old}, {len(old_pairs)} §; new: {new})")
        if finished:
            fails.append("the rebuild had finished before the kill (no crash tested)")
        # A completed rebuild then gives the new index and leaves nothing beside it.
        r = run(rebuild_cmd)
        final, err = phrase_totals(index, old_round, round_no)
        if r.returncode != 0 or final != new:
            fails.append(f"the rebuild after the kill: exit {r.returncode}, marks {final} {err}")
        beside = sorted(p.name for p in index.parent.iterdir()
                        if p.name.startswith(f".{index.name}."))
        if beside:
            fails.append(f"left beside the index: {beside}")
        results.append(not fails)
        print(f"{len(results):2}. rebuild kill at {delay * 1000:6.0f} ms ({phase(last)}) -> "
              f"{state} index; searches saw {sorted(seen)} "
              f"-> {'ok' if not fails else 'FAIL: ' + '; '.join(fails)}")
    # One rebuild that runs to its end with searches beside: they see the
    # old index, then the new one, and nothing else.
    full_run(archive, index)
    old_round = round_no
    round_no += 1
    edited = edit_files(archive, edit_count, round_no)
    old, new = (edited, 0), (0, edited)
    seen, errors = [], []
    stop = threading.Event()

    def search_loop():
        while not stop.is_set():
            totals, err = phrase_totals(index, old_round, round_no)
            if totals is None:
                errors.append(err)
            else:
                seen.append(totals)

    searcher = threading.Thread(target=search_loop)
    searcher.start()
    r = run(rebuild_cmd)
    time.sleep(0.5)
    stop.set()
    searcher.join()
    fails = []
    if r.returncode != 0:
        fails.append(f"the rebuild failed: {r.stderr[-300:]}")
    if errors:
        fails.append(f"{len(errors)} searches failed: {errors[0]}")
    if set(seen) - {old, new, (edited, edited)}:
        fails.append(f"searches saw {sorted(set(seen) - {old, new, (edited, edited)})}")
    if not seen or seen[-1] != new:
        fails.append("the last search did not see the new index")
    if new in seen and old in seen[seen.index(new):]:
        fails.append("a search saw the old index after the new one")
    results.append(not fails)
    print(f"{len(results):2}. rebuild to the end with {len(seen)} searches beside: "
          f"{seen.count(old)} saw the old index, {seen.count(new)} the new "
          f"-> {'ok' if not fails else 'FAIL: ' + '; '.join(fails)}")
    return results, round_no


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--paragraphs", type=int, default=10000)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--rebuild-kills", type=int, default=5)
    shared = os.environ.get("PARAGRAF_SHARED", str(ROOT.parent / "shared"))
    if not (Path(shared) / "corpus/real/goteborg").is_dir():
        shared = str(ROOT / "tests/data")  # the copy of the corpus in the repository
    ap.add_argument("--shared", default=shared)
    a = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "paragraf",
                    "--example", "scale_corpus"], cwd=ROOT, check=True)
    work = ROOT / "target" / "kill9"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    archive = work / "archive"
    subprocess.run([str(ROOT / "target/release/examples/scale_corpus"), "--paragraphs",
                    str(a.paragraphs), "--out", str(archive), "--shared", a.shared],
                   check=True, capture_output=True)

    # The reference: what the parser makes of the archive.
    r = run([str(BIN), "parse", str(archive), "--ndjson"])
    lines = [json.loads(l) for l in r.stdout.splitlines()]
    expected = len(lines)
    pairs = {(d["meeting"]["id"], d["paragraph"]["number"]) for d in lines}
    assert len(pairs) == expected, "the generated archive itself repeats a (meeting, §) pair"
    with_case = [d for d in lines if d["paragraph"].get("case_number")]
    pick = with_case[len(with_case) // 2]
    known = (pick["meeting"]["id"], pick["paragraph"]["number"], pick["paragraph"]["case_number"])

    # An uninterrupted run, to spread the kill points over its length.
    index = work / "index"
    full_s, _ = full_run(archive, index)
    edit_points = max(1, a.kills // 5)
    first_points = a.kills - edit_points
    edit_count = 300
    print(f"archive: {expected} § in {len(list(archive.rglob('*.txt')))} files; "
          f"uninterrupted index {full_s:.2f} s; {a.kills} kill points "
          f"({first_points} in a first index, {edit_points} in an update of {edit_count} edited files)")

    results = []
    edited = 0
    round_no = 0
    for k in range(a.kills):
        update = k >= first_points
        if update:
            frac = (k - first_points + 0.5) / edit_points
        else:
            frac = (k + 0.5) / first_points
        delay = full_s * 0.85 * frac
        # A run can end before its kill (runs vary in speed): then try again, earlier.
        for _attempt in range(6):
            if update:
                # From a complete index, edit files and interrupt the update.
                full_run(archive, index)
                round_no += 1
                edited = edit_files(archive, edit_count, round_no)
            else:
                shutil.rmtree(index, ignore_errors=True)
            last, commits, finished = killed_run(archive, index, delay)
            if not finished:
                break
            delay *= 0.7
        after, err = search_total(index, "beslut")
        opens = after is not None
        rerun_s, summary = full_run(archive, index)
        fails = check(index, expected, known, edited if update else 0)
        if not opens:
            fails.insert(0, f"index does not open after the kill: {err}")
        if finished:
            fails.append("the run had finished before the kill (no crash tested)")
        results.append(not fails)
        print(f"{k + 1:2}. {'update' if update else 'full  '} kill at {delay * 1000:6.0f} ms "
              f"({phase(last)}; {commits} commits before) -> opens: {'yes' if opens else 'NO'}, "
              f"'beslut' hits {after}; re-run parsed {summary['parsed']} files, "
              f"{summary['total_paragraphs']} § -> {'ok' if not fails else 'FAIL: ' + '; '.join(fails)}")
    ok = sum(results)
    print(f"{ok}/{len(results)} kill points: index opened, § count {expected}, "
          f"no duplicates, known § found")
    rebuilt, round_no = rebuild_kills(archive, index, a.rebuild_kills, edit_count, round_no)
    ok_rebuilt = sum(rebuilt)
    print(f"{ok_rebuilt}/{len(rebuilt)} rebuild kill points: every search and the index after "
          f"each kill old or new, the completed rebuild new, nothing left beside")
    sys.exit(0 if ok == len(results) and ok_rebuilt == len(rebuilt) else 1)


if __name__ == "__main__":
    main()
