"""Crash safety: an ingest killed with SIGKILL mid-run, then run again, ends
with the database a clean run makes (no lost, no duplicated rows)."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.run import ingest

from .conftest import fictional_article

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
N = 100


def snapshot(db: Path) -> dict:
    conn = sqlite3.connect(db)
    q = lambda sql: sorted(tuple(r) for r in conn.execute(sql))  # noqa: E731
    snap = {
        "articles": q("SELECT key, ref, text, record, extractor_version FROM articles"),
        "entities": q("SELECT a.key, e.local_id, e.name, c.name, c.type FROM entities e JOIN articles a ON a.id = e.article_id"
                      " JOIN corpus_entities c ON c.id = e.corpus_id"),
        "corpus": q("SELECT type, name, key, given, country, titles, n_articles, n_mentions FROM corpus_entities"),
        "mentions": q("SELECT a.key, m.start, m.\"end\" FROM mentions m JOIN articles a ON a.id = m.article_id"),
        "flags": q("SELECT a.key, f.kind, f.start FROM flags f JOIN articles a ON a.id = f.article_id"),
        "failures": q("SELECT origin, reason FROM failures"),
        "fts": q("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'harbour'"),
        "quotes": q("SELECT a.key, q.local_id, q.start, q.text, c.name FROM quotes q JOIN articles a ON a.id = q.article_id"
                    " LEFT JOIN corpus_entities c ON c.id = q.speaker_corpus"),
        "quotes_fts": q("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'harbour'"),
        "events": q("SELECT a.key, v.local_id, v.type, v.start, v.actor_text, v.day FROM events v JOIN articles a ON a.id = v.article_id"),
        "figures": q("SELECT a.key, f.local_id, f.start, f.value FROM figures f JOIN articles a ON a.id = f.article_id"),
        "locations": q("SELECT a.key, l.local_id, l.name FROM locations l JOIN articles a ON a.id = l.article_id"),
        "dates": q("SELECT a.key, d.start, d.value FROM dates d JOIN articles a ON a.id = d.article_id"),
        "co_mentions": q("SELECT x.name, y.name, m.articles FROM co_mentions m JOIN corpus_entities x ON x.id = m.a"
                         " JOIN corpus_entities y ON y.id = m.b"),
    }
    conn.close()
    return snap


def count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_killed_ingest_rerun_equals_clean_run(tmp_path, worker_pipeline):
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"n{i}", "text": fictional_article(i, 5)} for i in range(N)] + [{"id": "empty", "text": " "}]
    src.write_text("\n".join(json.dumps(r) for r in rows))
    clean = tmp_path / "clean.db"
    ingest([str(src)], clean, workers=1)

    crashed = tmp_path / "crashed.db"
    cmd = [sys.executable, "-m", "newsgraph.cli", "ingest", str(src), "--db", str(crashed), "--workers", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while count(crashed) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its workers, mid-run
        proc.wait()
    partial = count(crashed)
    assert 0 < partial < N, "the kill should land mid-ingest"

    cmd[-1] = "2"  # the rerun through the worker pool: the same rows as in-process
    rerun = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1  # the empty article is a reported failure
    assert f"{N - partial} new, {partial} duplicate, 1 failed" in rerun.stderr
    expected = snapshot(clean)
    assert all(expected[kind] for kind in ("quotes", "figures", "dates", "co_mentions")), "the real extractors fill these"
    got = snapshot(crashed)
    assert {k: v for k, v in got.items() if v != expected[k]} == {}
