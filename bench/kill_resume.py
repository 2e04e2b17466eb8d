"""Crash safety at scale: an ingest killed (SIGKILL) again and again, then
resumed, stores exactly what one clean ingest stores.

    .venv/bin/python bench/kill_resume.py [--articles 500] [--kills 20] [--workers 2]

Takes ``--articles`` BBC articles (../shared/corpora/bbc-2005.jsonl, every
k-th), ingests them once cleanly, then into a second knowledge base with the
real ``newsgraph ingest`` command killed ``--kills`` times, each time at a
random moment (seeded, 0 to 1.5 s) after it has stored something new, so that
every kill lands mid-run, between or inside chunk writes; then run once more
to the end. Compares every table's rows, ids included
(``store.db.table_contents``; only the wall-clock columns are left out) and
prints the articles stored at each kill and whether the two are identical.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-2005.jsonl"
EXE = Path(sys.executable).with_name("newsgraph")


def stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} is not present")
        return 0
    from newsgraph.store.db import table_contents

    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // args.articles)
    tmp = Path(tempfile.mkdtemp(prefix="ng-kill-"))
    src = tmp / "articles.jsonl"
    src.write_text("\n".join(lines[::step][: args.articles]) + "\n", encoding="utf-8")
    cmd = lambda db: [str(EXE), "ingest", str(src), "--db", str(db), "--workers", str(args.workers)]  # noqa: E731
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": {**os.environ, "PYTHONHASHSEED": "0"}}

    t0 = time.perf_counter()
    subprocess.run(cmd(tmp / "clean.db"), check=True, **quiet)
    clean_s = time.perf_counter() - t0
    rnd = random.Random(args.seed)
    killed = tmp / "killed.db"
    at_kill = []
    for _ in range(args.kills):
        before = stored(killed)
        proc = subprocess.Popen(cmd(killed), **quiet)
        while proc.poll() is None and stored(killed) <= before:
            time.sleep(0.2)
        try:
            proc.wait(timeout=rnd.uniform(0, 1.5))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            at_kill.append(str(stored(killed)))
            continue
        at_kill.append(f"{stored(killed)} (done)")
        break
    subprocess.run(cmd(killed), check=True, **quiet)

    a, b = (table_contents(sqlite3.connect(db)) for db in (tmp / "clean.db", killed))
    differing = [name for name in sorted(set(a) | set(b)) if a.get(name) != b.get(name)]
    print(json.dumps({"articles": args.articles, "workers": args.workers, "clean_seconds": round(clean_s, 1),
                      "kills": len([k for k in at_kill if "done" not in k]), "stored_at_each_kill": at_kill,
                      "tables": len(a), "rows": sum(len(v) for v in a.values()),
                      "identical": not differing, "differing_tables": differing}, indent=1))
    return 0 if not differing else 1


if __name__ == "__main__":
    sys.exit(main())
