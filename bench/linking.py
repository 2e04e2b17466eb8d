"""What keeping stories, statements and incidents costs the writer, and what
they find: the records of a knowledge base written again into fresh ones,
with the cross-article linking on and off (no NLP: the writer alone).

    .venv/bin/python bench/linking.py KB.db [--copies 1] [--sample 30]

``--copies N`` (``--skip-off``: the linking-on run only) writes the records N times under new ids, each copy
400 days after the last (undated articles get a day in one year first) (a bigger knowledge base with the same density of groups), to
show that the cost per article does not grow with it. Prints ms per article
with and without linking, the share of the extraction time that is (against
``--extract-rate`` articles/s, default the measured BBC ingest rate), the
groups with two reports or more, and ``--sample`` random groups of each kind
for a hand check.
"""
from __future__ import annotations

import argparse
import zlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def records(db: str) -> list[dict]:
    from newsgraph.kb import KnowledgeBase
    from newsgraph.store.queries import full_record

    with KnowledgeBase(db) as kb:
        return [full_record(r["record"], r["text"]) for r in kb.conn.execute("SELECT record, text FROM articles ORDER BY id")]


def shifted(rec: dict, n: int) -> dict:
    import datetime as dt

    rec = json.loads(json.dumps(rec))
    art = rec["article"]
    if not art.get("published"):  # an undated article is near every day: give the corpus's its place in a year
        art["published"] = (dt.date(2005, 1, 1) + dt.timedelta(days=zlib.crc32(art["id"].encode()) % 365)).isoformat()
    art["id"] = f"{art['id']}~{n}"
    art["url"] = None
    art["text"] = art["text"] + f"\n(copy {n})"
    # each copy is another year of news: the knowledge base grows, the news of any one window does not
    day = dt.date.fromisoformat(art["published"][:10]) + dt.timedelta(days=400 * n)
    art["published"] = day.isoformat()
    for v in rec.get("events", ()):
        v["date"] = None
    return rec


def write(recs: list[dict], db: Path, linking: bool, batch: int = 16, per: int = 0) -> float:
    from newsgraph.store import Writer, connect, linking as link

    saved = link.link_article
    if not linking:
        link.link_article = lambda *a, **k: None
    try:
        conn = connect(db)
        w = Writer(conn, "bench")
        t = time.perf_counter()
        block, block_t = [], t
        for i in range(0, len(recs), batch):
            w.write(recs[i : i + batch])
            if per and (i + batch) % per < batch:  # a copy written: its ms per article
                now = time.perf_counter()
                block.append(1000 * (now - block_t) / per)
                block_t = now
        elapsed = time.perf_counter() - t
        if block:
            BLOCKS[linking] = block
        conn.close()
    finally:
        link.link_article = saved
    return elapsed


#: linking on/off -> ms per article of each copy, in the order written
BLOCKS: dict[bool, list[float]] = {}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db")
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--skip-off", action="store_true", help="only the linking-on run (the per-copy figure at scale)")
    ap.add_argument("--extract-rate", type=float, default=16.0, help="articles/s of extraction to compare with")
    args = ap.parse_args()
    from newsgraph.kb import KnowledgeBase

    base = records(args.db)
    recs = [shifted(r, n) for n in range(args.copies) for r in base]
    with tempfile.TemporaryDirectory() as tmp:
        per = len(base) if args.copies > 1 else 0
        off = 0.0 if args.skip_off else write(recs, Path(tmp) / "off.db", linking=False, per=per)
        on = write(recs, Path(tmp) / "on.db", linking=True, per=per)
        n = len(recs)
        print(f"articles               {n:,}")
        print(f"writer, linking off    {1000 * off / n:.2f} ms/article")
        print(f"writer, linking on     {1000 * on / n:.2f} ms/article  (+{1000 * (on - off) / n:.2f} ms)")
        print(f"linking / extraction   {(on - off) / n * args.extract_rate:.1%} of the time an article takes at {args.extract_rate:g} articles/s")
        if BLOCKS:
            for label, key in (("off", False), ("on", True)):
                if key not in BLOCKS:
                    continue
                b = BLOCKS[key]
                tenth = max(1, len(b) // 10)
                print(f"per copy, linking {label:<3}  mean of the first tenth {sum(b[:tenth]) / tenth:.2f}, of the last tenth"
                      f" {sum(b[-tenth:]) / tenth:.2f} ms/article")
                print(f"per copy, linking {label:<3}  first {b[0]:.2f}  last {b[-1]:.2f} ms/article  ({len(b)} copies of {len(base):,};"
                      f" the knowledge base grows {len(b)}x)")
        with KnowledgeBase(Path(tmp) / "on.db") as kb:
            stories, statements, incidents = kb.stories(limit=10**6), kb.statements(limit=10**6), kb.incidents(limit=10**6)
            print(f"stories >= 2 articles  {len(stories):,} ({sum(s['n_articles'] for s in stories):,} articles)")
            print(f"statements >= 2        {len(statements):,} ({sum(1 for s in statements if s['n_sources'] >= 2):,} from 2+ independent sources;"
                  f" {sum(1 for s in statements if s['denied_by']):,} denied)")
            print(f"incidents >= 2         {len(incidents):,} ({sum(1 for i in incidents if i['n_sources'] >= 2):,} from 2+ independent sources)")
            rng = random.Random(1)
            for name, groups in (("story", stories), ("statement", statements), ("incident", incidents)):
                for g in rng.sample(groups, min(args.sample, len(groups))):
                    print(f"\n[{name}]", json.dumps({k: v for k, v in g.items() if not isinstance(v, list)}, ensure_ascii=False)[:300])
                    for m in (g.get("articles") or g.get("reports") or g.get("mentions"))[:4]:
                        print("   ", json.dumps({k: m.get(k) for k in ("article", "published", "title", "quote", "actor", "target", "place")
                                                 if m.get(k) is not None}, ensure_ascii=False)[:260])
    return 0


if __name__ == "__main__":
    sys.exit(main())
