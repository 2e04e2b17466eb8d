"""Hostile input at scale: N generated articles through ``newsgraph extract``
and ``newsgraph ingest`` (the real commands, in subprocesses).

    .venv/bin/python bench/fuzz.py [--n 10000] [--seed 7] [--workers 2]

Each article mixes real news sentences (BBC 2005 where ../shared is present,
else built-in ones) with what scraped text carries: lone surrogate escapes,
NUL and other control characters, terminal escape sequences, RTL and
zero-width marks, runs of quote marks of every script, 5,000-character tokens,
HTML and script tags, emoji, mixed scripts, line separators, digit runs; some
lines are broken JSON, binary junk, empty, or not objects. Prints: tracebacks,
batch aborts (exit status other than 0 or 1), inputs accounted for (records +
per-article errors = lines; stored + duplicates + failures = lines) and spans
out of bounds. All must be 0 / all.
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-2005.jsonl"
BIN = Path(sys.executable).with_name("newsgraph")
SENTENCES = [
    "Police said on Monday that three men were arrested in Leeds after the protest.",
    '"We will not leave," the mayor of Eastvale told reporters on Friday.',
    "The ministry said 1,200 troops had crossed the border near Kharkiv overnight.",
    "Prices rose 3.5 percent in March, the statistics office said.",
    "Opposition leader Maria Lopez accused the government of hiding the figures.",
]
BITS = ["\\ud800", "\\udfff", "\\udc00\\ud83d", "\x00", "\x07\x08", "\x1b[1;31m", "\x1b[0m", "\x1b]0;title\x07", "\u202e", "\u200f",
        "\u200b\ufeff", "\u2028", "\u2029", "\x85", '"""""', "„“«»‹›「」", "''''", "<script>alert(1)</script>", "<b>", "&amp;&#0;",
        "🔥🔥👍🏽", "Президент", "北京", "مرحبا", "\r\n", "9" * 600, "x" * 5000, " -", "Ã©", "\t\t"]


def sentences(n: int) -> list[str]:
    if not CORPUS.is_file():
        return SENTENCES
    out = []
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            out += [s.strip() + "." for s in text.split(". ") if 20 < len(s) < 300]
            if len(out) >= n:
                break
    return out


def hostile_line(rng: random.Random, pool: list[str], i: int) -> str:
    roll = rng.random()
    if roll < 0.01:
        return "{broken json " + str(i)
    if roll < 0.015:
        return json.dumps([i])
    if roll < 0.02:
        return json.dumps({"id": f"h{i}", "text": "\x00\x01\x02\x03" * 100})
    if roll < 0.025:
        return json.dumps({"id": f"h{i}", "text": "  "})
    parts = []
    for _ in range(rng.randint(1, 8)):
        parts.append(rng.choice(pool) if rng.random() < 0.6 else rng.choice(BITS))
    parts.append(f"Report {i}.")  # every article its own text: duplicates are not the point here
    body = json.dumps(" ".join(parts), ensure_ascii=False)
    # the escaped bits ("\\ud800") arrive as JSON escapes, the way scraped JSON carries them
    body = body.replace("\\\\ud", "\\ud")
    return '{"id": "h%d", "text": %s}' % (i, body)


def check_spans(record: dict) -> int:
    text, bad = record["article"]["text"], 0
    for kind in ("entities", "quotes", "figures", "events", "locations", "dates"):
        for item in record.get(kind, ()):
            for span in [item.get("span")] + list(item.get("mentions") or []):
                if span and not 0 <= span[0] <= span[1] <= len(text):
                    bad += 1
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = sentences(2000)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "hostile.jsonl"
        src.write_text("\n".join(hostile_line(rng, pool, i) for i in range(args.n)) + "\n", encoding="utf-8")
        t = time.perf_counter()
        ex = subprocess.run([str(BIN), "extract", "--format", "jsonl", str(src)], capture_output=True)
        t_ex = time.perf_counter() - t
        records = [json.loads(line) for line in ex.stdout.splitlines()]
        errors = [line for line in ex.stderr.decode("utf-8", "replace").splitlines() if line.startswith("error ")]
        bad_spans = sum(check_spans(r) for r in records)
        t = time.perf_counter()
        db = Path(tmp) / "kb.db"
        ing = subprocess.run([str(BIN), "ingest", str(src), "--db", str(db), "--workers", str(args.workers)], capture_output=True)
        t_ing = time.perf_counter() - t
        conn = sqlite3.connect(db)
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        failures = conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0]
        conn.close()
        tracebacks = ex.stderr.count(b"Traceback") + ing.stderr.count(b"Traceback")
    print(f"inputs                 {args.n:,} lines (seed {args.seed})")
    print(f"extract                {len(records):,} records + {len(errors):,} errors = {len(records) + len(errors):,}  "
          f"exit {ex.returncode}  {t_ex:.0f} s")
    print(f"ingest ({args.workers} workers)     {stored:,} stored + {failures:,} failures = {stored + failures:,}  exit {ing.returncode}  {t_ing:.0f} s")
    print(f"tracebacks             {tracebacks}")
    print(f"batch aborts           {sum(1 for p in (ex, ing) if p.returncode not in (0, 1))}")
    print(f"spans out of bounds    {bad_spans}")
    ok = (tracebacks == 0 and len(records) + len(errors) == args.n and stored + failures == args.n and bad_spans == 0
          and ex.returncode in (0, 1) and ing.returncode in (0, 1))
    print("ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
