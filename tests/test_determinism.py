"""Same article, same record: extraction is a pure function of the article
and the settings, whatever Python's per-process string hash seed is.

Each run is a separate ``newsgraph extract`` process with its own
``PYTHONHASHSEED``; their JSON Lines must be byte-identical. Over BBC 2005
articles where ``../shared`` is present (every category, chosen by position,
and the two in which "Mr Nath"/"Mr Balls" once split), else over the bundled
samples.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from newsgraph.store.db import table_contents

from .conftest import SAMPLES, SHARED

BBC = SHARED / "corpora" / "bbc-2005.jsonl"
N_BBC = 200
ALWAYS = {"bbc-business-068", "bbc-business-106"}


def _articles(tmp_path: Path) -> Path:
    out = tmp_path / "articles.jsonl"
    lines = []
    if BBC.is_file():
        every = BBC.read_text(encoding="utf-8").splitlines()
        step = max(1, len(every) // N_BBC)
        lines = [line for n, line in enumerate(every) if n % step == 0 or json.loads(line)["id"] in ALWAYS]
    else:
        for path in sorted(SAMPLES.glob("*.txt")):
            lines.append(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8"), "published": "2025-02-12"}))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _extract(path: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    cmd = [str(Path(sys.executable).with_name("newsgraph")), "extract", "--format", "jsonl", str(path)]
    done = subprocess.run(cmd, env=env, capture_output=True, timeout=900)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return done.stdout


def test_records_do_not_depend_on_the_hash_seed(tmp_path):
    path = _articles(tmp_path)
    first, second = _extract(path, "1"), _extract(path, "2")
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert first.count(b"\n") == n
    if first != second:
        for a, b in zip(first.splitlines(), second.splitlines()):
            if a != b:
                ra, rb = json.loads(a), json.loads(b)
                kinds = [k for k in ra if ra[k] != rb[k]]
                raise AssertionError(f"{ra['article']['id']} differs between hash seeds in {kinds}")
    assert first == second


def _tables(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return table_contents(conn)
    finally:
        conn.close()


def test_two_ingests_with_two_workers_store_identical_tables(tmp_path):
    path = _articles(tmp_path)
    dbs = []
    for seed in ("3", "4"):  # the writer's process and the workers' own seeds differ too
        db = tmp_path / f"kb{seed}.db"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        cmd = [str(Path(sys.executable).with_name("newsgraph")), "ingest", str(path), "--db", str(db), "--workers", "2"]
        done = subprocess.run(cmd, env=env, capture_output=True, timeout=900)
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        dbs.append(_tables(db))
    first, second = dbs
    assert first["articles"], "nothing was stored"
    for name in first:
        assert first[name] == second[name], f"table {name} differs between two ingests"
