"""Throughput: bare spaCy ``nlp.pipe`` against ``newsgraph`` on the same articles.

    .venv/bin/python bench/throughput.py [--n 300] [--rounds 2] [--model NAME]

Both run in this process, on the same texts, alternating rounds so that a
noisy shared machine hurts both alike; the best round of each counts. Prints
articles/s for both and their ratio (target: newsgraph >= 0.93 of bare spaCy),
then, from one more round with a clock on each stage, the share of the time
each stage takes (``--no-stages`` leaves that round out).
Reads ../shared/corpora/bbc-2005.jsonl; exits cleanly when it is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's newsgraph
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-2005.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="articles per round")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--model", default=None)
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--no-stages", dest="stages", action="store_false", help="skip the per-stage round")
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="wall time, or this process's CPU time (steadier on a machine others share)")
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

    clock = time.perf_counter if args.clock == "wall" else time.process_time
    best_bare = best_ng = float("inf")
    failures = 0
    for _ in range(args.rounds):
        t = clock()
        for _doc in bare.pipe(texts, batch_size=settings.batch_size):
            pass
        best_bare = min(best_bare, clock() - t)
        t = clock()
        for result in pipeline.pipe(articles):
            failures += not hasattr(result, "entities")
        best_ng = min(best_ng, clock() - t)

    n = len(texts)
    print(f"articles: {n} ({chars / n:,.0f} chars on average), model {settings.model}, best of {args.rounds} rounds, {args.clock} clock")
    print(f"bare spaCy nlp.pipe : {n / best_bare:8.1f} articles/s")
    print(f"newsgraph pipe      : {n / best_ng:8.1f} articles/s  ({failures} failed)")
    print(f"ratio newsgraph/bare: {best_bare / best_ng:8.3f}  (target >= 0.93)")
    if args.stages:
        print_stages(pipeline, articles, texts, clock)
    return 0


#: the names ``newsgraph.pipeline`` calls each stage by, and the stage's name here
_STAGES = {
    "normalize": "normalize",
    "_checked_language": "language",
    "_parse_all": "parse (spaCy nlp.pipe)",
    "extract_entities": "entities",
    "extract_dates": "dates",
    "extract_figures": "figures",
    "extract_places": "places",
    "with_place_countries": "places",
    "resolve_coreference": "coreference",
    "extract_quotes": "quotes",
    "extract_events": "events",
    "detect_noise": "quality",
    "assess_quality": "quality",
    "_remap": "offsets to original",
    "with_confidence": "confidence",
}


def print_stages(pipeline, articles, texts, clock=time.perf_counter) -> None:
    """One more round with a clock around each stage that ``newsgraph.pipeline``
    calls (the module's names are swapped for timed wrappers for the round):
    milliseconds per article and the share of the round's time."""
    from newsgraph import pipeline as module
    from newsgraph.nlp import datelines, hard_line_breaks

    spent: dict[str, float] = defaultdict(float)
    originals = {name: getattr(module, name) for name in _STAGES}

    def timed(fn, stage):
        def wrapper(*a, **k):
            t = clock()
            try:
                return fn(*a, **k)
            finally:
                spent[stage] += clock() - t
        return wrapper

    for name, stage in _STAGES.items():
        setattr(module, name, timed(originals[name], stage))
    try:
        t = clock()
        for _ in pipeline.pipe(articles):
            pass
        total = clock() - t
    finally:
        for name, fn in originals.items():
            setattr(module, name, fn)
    # newsgraph's own steps inside nlp.pipe (before the parser), timed apart on tokenised copies
    own = 0.0
    for text in texts:
        doc = pipeline.nlp.make_doc(text)
        t = clock()
        datelines(hard_line_breaks(doc))
        own += clock() - t
    n = len(articles)
    spent["other (batching, records)"] = total - sum(spent.values())
    print(f"stages (one timed round, {1000 * total / n:.1f} ms/article in all):")
    for stage, s in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:28s} {1000 * s / n:7.2f} ms/article  {100 * s / total:5.1f}%")
    print(f"  of parse: newsgraph's line-break and dateline steps {1000 * own / n:.2f} ms/article ({100 * own / total:.1f}%)")


def _model_path(nlp) -> str:
    return str(nlp.path) if getattr(nlp, "path", None) else nlp.meta["name"]


if __name__ == "__main__":
    sys.exit(main())
