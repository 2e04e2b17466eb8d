"""False-flag rate: the share of clean articles (the BBC 2004-05 corpus) that
get any noise flag, per flag kind, with examples of what was flagged.

    .venv/bin/python bench/noise_rate.py [--n 2225] [--examples 20]

Target (issue 10): no more than 2% of clean articles flagged. Some BBC
articles do hold real errors ("the the", "of the of the"): the examples show
which flags those are. Exits cleanly when the corpus is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-2005.jsonl"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure this checkout, not an installed copy


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=0, help="articles to read (0: all)")
    ap.add_argument("--examples", type=int, default=20, help="flagged snippets to print")
    ap.add_argument("--corpus", default=str(CORPUS))
    args = ap.parse_args()
    if not Path(args.corpus).is_file():
        print(f"skipped: {args.corpus} is not present")
        return 0

    from newsgraph import Pipeline
    from newsgraph.records import Article

    with open(args.corpus, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if args.n:
        rows = rows[: args.n]
    articles = [Article(id=str(r.get("id", i)), text=r["text"], published=r.get("published")) for i, r in enumerate(rows)]
    flagged = 0
    by_kind: Counter[str] = Counter()
    examples = []
    done = 0
    for record in Pipeline().pipe(articles):
        if not hasattr(record, "quality"):
            continue
        done += 1
        kinds = {f.kind for f in record.quality.flags}
        flagged += bool(kinds)
        by_kind.update(kinds)
        for f in record.quality.flags:
            if len(examples) < args.examples:
                examples.append(f"{record.article.id:>8} {f.kind:<15} {record.text_of(f.span)!r}")
    print(f"articles: {done}")
    print(f"flagged: {flagged} ({100 * flagged / max(done, 1):.2f}%)  (target <= 2%)")
    for kind, n in by_kind.most_common():
        print(f"  {kind:<15} {n:5d} articles ({100 * n / max(done, 1):.2f}%)")
    for line in examples:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
