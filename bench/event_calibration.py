"""Is an event's ``confidence`` calibrated? Runs the pipeline over an
exhaustive gold set and prints, per confidence band, how many events were
right (matched to a required gold event the way ``score.py`` matches them),
wrong (matched to none) or neither (matched to an optional one).

    python bench/event_calibration.py ../shared/eval/dev/trnews30.jsonl [--at 0.8]

Also prints events per article (median, p90) for any JSON Lines of
articles with ``--count`` (e.g. ``../shared/corpora/bbc-2005.jsonl --count --limit 300``).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
from pathlib import Path

from newsgraph import Pipeline
from newsgraph.records import Article

BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def _scorer(gold: Path):
    spec = importlib.util.spec_from_file_location("score", gold.parent.parent / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--at", type=float, default=0.8)
    ap.add_argument("--count", action="store_true", help="only count events per article (no gold needed)")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    items = [json.loads(l) for l in args.gold.open(encoding="utf-8") if l.strip()][: args.limit]
    pipeline = Pipeline()
    articles = [Article(id=str(it.get("id", n)), text=it["text"], published=it.get("published")) for n, it in enumerate(items)]
    records = list(pipeline.pipe(articles))
    if args.count:
        counts = sorted(len(r.events) for r in records if hasattr(r, "events"))
        p90 = counts[min(len(counts) - 1, int(0.9 * len(counts)))]
        print(f"{len(counts)} articles: events per article median {statistics.median(counts)}, p90 {p90}, mean {statistics.mean(counts):.2f}")
        return
    score = _scorer(args.gold)
    rows = []  # (confidence, outcome)
    for it, rec in zip(items, records):
        pe = [e for e in rec.to_dict()["events"] if e.get("type")]
        gold = it["events"]

        def sc(g, p):
            if p["type"].upper() not in [t.upper() for t in g["types"]]:
                return 0.0
            if g.get("span") and p.get("span") and not score.overlap(g["span"], p["span"]):
                return 0.0
            return 1.0

        pairs, left = score.greedy(gold, pe, sc, 0.5)
        for gi, pi in pairs:
            rows.append((pe[pi]["confidence"], "optional" if gold[gi].get("optional") else "right"))
        rows.extend((pe[pi]["confidence"], "wrong") for pi in left)
    for lo, hi in zip(BANDS, BANDS[1:]):
        band = [o for c, o in rows if lo <= (c or 0) < hi]
        right, wrong = band.count("right"), band.count("wrong")
        share = right / (right + wrong) if right + wrong else float("nan")
        print(f"[{lo:.1f}, {min(hi, 1.0):.1f}): right {right:3d} wrong {wrong:3d} optional {band.count('optional'):3d}  precision {share:.3f}")
    top = [o for c, o in rows if (c or 0) >= args.at]
    right, wrong = top.count("right"), top.count("wrong")
    print(f"confidence >= {args.at}: {right} right, {wrong} wrong, {top.count('optional')} optional: "
          f"precision {right / max(1, right + wrong):.3f}")


if __name__ == "__main__":
    main()
