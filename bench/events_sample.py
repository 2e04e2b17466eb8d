"""Events on real news: how many per article, and a sample to check by hand.

    .venv/bin/python bench/events_sample.py [--n 300] [--sample 30] [--seed 7]

Runs the pipeline over ``--n`` articles drawn at random from
../shared/corpora/bbc-2005.jsonl, prints the median and 90th percentile of
events per article (an event coder that sprays events shows here), then
``--sample`` events drawn at random, each with its sentence, trigger, type,
actor and target, for a precision estimate by hand. Exits cleanly when the
corpus is absent.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-2005.jsonl"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's newsgraph


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="articles to run")
    ap.add_argument("--sample", type=int, default=30, help="events to print")
    ap.add_argument("--seed", type=int, default=7, help="seed of the article draw")
    ap.add_argument("--sample-seed", type=int, default=None, help="seed of the event draw (default: --seed)")
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args()
    if not Path(args.corpus).is_file():
        print(f"skipped: {args.corpus} is not present")
        return 0

    from newsgraph import Pipeline
    from newsgraph.records import Article

    rows = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    rows = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    articles = [Article(id=str(r["id"]), text=r["text"]) for r in rows]
    counts, pool = [], []
    for record in Pipeline().pipe(articles):
        text = record.article.text
        counts.append(len(record.events))
        for ev in record.events:
            pool.append((record.article.id, text, ev))
    counts.sort()
    p90 = counts[min(len(counts) - 1, int(0.9 * len(counts)))]
    print(f"articles {len(counts)}  events {sum(counts)}  per article: median {statistics.median(counts)}  p90 {p90}  max {counts[-1]}")
    draw = random.Random(args.sample_seed if args.sample_seed is not None else args.seed)
    for n, (aid, text, ev) in enumerate(draw.sample(pool, min(args.sample, len(pool))), 1):
        lo, hi = ev.span
        t0, t1 = ev.trigger_span or ev.span
        shown = text[lo:t0] + "[" + text[t0:t1] + "]" + text[t1:hi]
        who = lambda a: f"{a.text!r}({a.country or '-'}/{a.sector or '-'})" if a else "-"  # noqa: E731
        flags = " NEG" if ev.negated else ""
        flags += f" {ev.modality}" if ev.modality else ""
        print(f"\n{n:2d}. {aid}  {ev.type}/{ev.cameo}{flags}  actor={who(ev.actor)}  target={who(ev.target)}")
        print("    " + " ".join(shown.split())[:400])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
