"""Ingest throughput: 1 vs 2 worker processes, and ingest against bare spaCy.

    .venv/bin/python bench/ingest.py [--n 300]

Each run ingests the same N articles of ../shared/corpora/bbc-2005.jsonl into
a fresh database; the rate is measured from the first written batch to the
last (model loading in the workers excluded). Prints articles/s for bare spaCy
``nlp.pipe``, ingest with 1 and 2 workers, the 2/1 ratio (target >= 1.7 on two
free cores) and ingest(1 worker)/bare spaCy (target >= 0.8).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's newsgraph
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-2005.jsonl"


def timed_ingest(src: Path, workers: int, n: int) -> float:
    from newsgraph.run import ingest

    marks: list[tuple[float, int]] = []
    done = 0

    def tick(k: int) -> None:
        nonlocal done
        done += k
        marks.append((time.perf_counter(), done))

    with tempfile.TemporaryDirectory() as tmp:
        summary = ingest([str(src)], Path(tmp) / "kb.db", workers=workers, progress=tick)
    assert summary.new == n, summary
    (t0, n0), (t1, n1) = marks[0], marks[-1]
    return (n1 - n0) / (t1 - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args()
    if not Path(args.corpus).is_file():
        print(f"skipped: {args.corpus} is not present")
        return 0
    import spacy

    from newsgraph import Settings

    rows = [json.loads(line) for _, line in zip(range(args.n), open(args.corpus, encoding="utf-8"))]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
        settings = Settings.load()
        nlp = spacy.load(settings.model)
        texts = [r["text"] for r in rows]
        list(nlp.pipe(texts[:20]))
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        bare = len(texts) / (time.perf_counter() - t)
        one = timed_ingest(src, 1, len(rows))
        two = timed_ingest(src, 2, len(rows))
    print(f"articles: {len(rows)}, model {settings.model}")
    print(f"bare spaCy nlp.pipe   : {bare:7.1f} articles/s")
    print(f"ingest, 1 worker      : {one:7.1f} articles/s   ingest/bare = {one / bare:.2f} (target >= 0.8)")
    print(f"ingest, 2 workers     : {two:7.1f} articles/s   2/1 = {two / one:.2f} (target >= 1.7 on two free cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
