"""Throughput: bare spaCy ``nlp.pipe`` against ``newsgraph`` on the same articles.

    .venv/bin/python bench/throughput.py [--n 300] [--rounds 2] [--model NAME]

Both run in this process, on the same texts, alternating rounds so that a
noisy shared machine hurts both alike; the best round of each counts. Prints
articles/s for both and their ratio (target: newsgraph >= 0.85 of bare spaCy).
Reads ../shared/corpora/bbc-2005.jsonl; exits cleanly when it is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-2005.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="articles per round")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--model", default=None)
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args()
    if not Path(args.corpus).is_file():
        print(f"skipped: {args.corpus} is not present")
        return 0

    import spacy

    from newsgraph import Pipeline, Settings
    from newsgraph.records import Article

    settings = Settings.load({"model": args.model})
    pipeline = Pipeline(settings)
    bare = spacy.load(pipeline.nlp.meta.get("name") and _model_path(pipeline.nlp) or settings.model)

    rows = []
    with open(args.corpus, encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= args.n:
                break
    texts = [r["text"] for r in rows]
    articles = [Article(id=str(r.get("id", i)), text=r["text"], published=r.get("published")) for i, r in enumerate(rows)]
    chars = sum(len(t) for t in texts)

    # warm up both (first-call allocations, lazy lexicon loads)
    list(bare.pipe(texts[:20], batch_size=settings.batch_size))
    list(pipeline.pipe(articles[:20]))

    best_bare = best_ng = float("inf")
    failures = 0
    for _ in range(args.rounds):
        t = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=settings.batch_size):
            pass
        best_bare = min(best_bare, time.perf_counter() - t)
        t = time.perf_counter()
        for result in pipeline.pipe(articles):
            failures += not hasattr(result, "entities")
        best_ng = min(best_ng, time.perf_counter() - t)

    n = len(texts)
    print(f"articles: {n} ({chars / n:,.0f} chars on average), model {settings.model}, best of {args.rounds} rounds")
    print(f"bare spaCy nlp.pipe : {n / best_bare:8.1f} articles/s")
    print(f"newsgraph pipe      : {n / best_ng:8.1f} articles/s  ({failures} failed)")
    print(f"ratio newsgraph/bare: {best_bare / best_ng:8.3f}  (target >= 0.85)")
    return 0


def _model_path(nlp) -> str:
    return str(nlp.path) if getattr(nlp, "path", None) else nlp.meta["name"]


if __name__ == "__main__":
    sys.exit(main())
