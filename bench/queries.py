"""Query latency at scale (default 100k articles).

    .venv/bin/python bench/queries.py [--articles 100000] [--base DB] [--keep OUT.db]

1. Ingests ../shared/corpora/bbc-2005.jsonl (2,225 articles) into a base
   database (or reuses ``--base``).
2. SYNTHETIC rows, marked as such: the quote and event extractors are built
   in parallel, so where the base has no quotes/events this adds quotes from
   the '"...," said Surname' pattern and events from a few trigger words, so
   the speaker and event-type queries have realistic tables to search.
3. Builds the large corpus by duplicating the stored rows at the SQL level
   under distinct keys and ids (re-running the NLP 45 times would take hours
   on two cores); the FTS indexes are rebuilt over the copies.
4. Times each query kind many times with varied arguments; prints p50/p95 ms.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's newsgraph
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-2005.jsonl"
QUOTE = re.compile(r'"([^"]{15,400}?)[,.]?"\s+(said|says|told|added)\s+(?:Mr |Ms |Mrs |Dr )?([A-Z][a-z]+)')
TRIGGERS = {"protest": ("PROTEST", "14"), "attack": ("ASSAULT", "18"), "agreed": ("AGREE", "03"), "accused": ("ACCUSE", "11"),
            "sanctions": ("SANCTION", "16"), "talks": ("CONSULT", "04"), "rejected": ("REJECT", "12"), "strike": ("PROTEST", "14")}


def synthesize(conn) -> tuple[int, int]:
    nq = ne = 0
    conn.execute("BEGIN")
    for aid, text in conn.execute("SELECT id, text FROM articles").fetchall():
        ents = conn.execute("SELECT id, corpus_id, name, type, country FROM entities WHERE article_id = ?", (aid,)).fetchall()
        for m in QUOTE.finditer(text):
            who = next((e for e in ents if e[3] == "PERSON" and e[2].split()[-1] == m.group(3)), None)
            conn.execute("INSERT INTO quotes(article_id, local_id, kind, start, \"end\", text, speaker_id, speaker_corpus, speaker_name, cue)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?)", (aid, f"sq{nq}", "direct", m.start(1), m.end(1), m.group(1),
                                                         who and who[0], who and who[1], who[2] if who else m.group(3), m.group(2)))
            nq += 1
        for m in re.finditer(r"[^.\n]+\.", text):
            sentence = m.group(0).lower()
            for word, (type_, cameo) in TRIGGERS.items():
                if word in sentence:
                    actor = next((e for e in ents if e[2] in m.group(0)), None)
                    conn.execute("INSERT INTO events(article_id, local_id, type, cameo, start, \"end\", actor_text, actor_id, actor_corpus,"
                                 " actor_country) VALUES (?,?,?,?,?,?,?,?,?,?)",
                                 (aid, f"sv{ne}", type_, cameo, m.start(), m.end(), actor and actor[2], actor and actor[0],
                                  actor and actor[1], actor and actor[4]))
                    ne += 1
                    break
    conn.execute("UPDATE events SET day = (SELECT substr(published, 1, 10) FROM articles a WHERE a.id = events.article_id) WHERE day IS NULL")
    conn.execute("COMMIT")
    return nq, ne


def replicate(conn, target: int) -> None:
    """Copies of every article (and its rows) under new keys until ``target`` articles."""
    base = conn.execute("SELECT COUNT(*), MAX(id) FROM articles").fetchone()
    n, amax = base
    emax = conn.execute("SELECT MAX(id) FROM entities").fetchone()[0]
    qmax = conn.execute("SELECT COALESCE(MAX(id), 0) FROM quotes").fetchone()[0]
    vmax = conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]
    conn.execute("DROP TRIGGER articles_fts_ai")
    conn.execute("DROP TRIGGER quotes_fts_ai")
    copies = (target + n - 1) // n - 1
    for k in range(1, copies + 1):
        conn.execute("BEGIN")
        A, E, Q, V = k * amax, k * emax, k * qmax, k * vmax
        conn.execute(f"INSERT INTO articles SELECT id + {A}, key || '#{k}', ref || '#{k}', url, title, source,"
                     f" date(COALESCE(published, '2005-01-01'), '+{k * 7} days'), language, text, meta, quality, extractor_version, ingested_at, record FROM articles WHERE id <= {amax}")
        conn.execute(f"INSERT INTO entities SELECT id + {E}, article_id + {A}, local_id, corpus_id, type, name, country, aliases, titles FROM entities WHERE id <= {emax}")
        conn.execute(f"INSERT INTO mentions SELECT entity_id + {E}, article_id + {A}, start, \"end\" FROM mentions WHERE entity_id <= {emax}")
        conn.execute(f"INSERT INTO quotes SELECT id + {Q}, article_id + {A}, local_id, kind, start, \"end\", text, speaker_id + {E}, speaker_corpus,"
                     f" speaker_name, source_start, source_end, cue, cue_start, cue_end, confidence FROM quotes WHERE id <= {qmax}")
        conn.execute(f"INSERT INTO events SELECT id + {V}, article_id + {A}, local_id, type, cameo, mode, start, \"end\", trigger_start, trigger_end,"
                     f" actor_text, actor_id + {E}, actor_corpus, actor_country, target_text, target_id + {E}, target_corpus, target_country,"
                     f" location_id, date, negated, reported_by, figures, confidence, date(day, '+{k * 7} days') FROM events WHERE id <= {vmax}")
        conn.execute("COMMIT")
    conn.execute("UPDATE corpus_entities SET n_articles = n_articles * ?, n_mentions = n_mentions * ?", (copies + 1, copies + 1))
    conn.execute("UPDATE co_mentions SET articles = articles * ?", (copies + 1,))  # every copy names the same pairs
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
    conn.execute("ANALYZE")


def timeit(fn, args_list) -> tuple[float, float, float]:
    times = []
    rows = 0
    for args in args_list:
        t = time.perf_counter()
        rows += len(fn(*args) or [])
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], rows / len(args_list)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--base", help="a database already holding the ingested corpus (else it is built)")
    ap.add_argument("--keep", help="keep the large database at this path")
    ap.add_argument("--runs", type=int, default=60)
    args = ap.parse_args()
    if not CORPUS.is_file() and not args.base:
        print(f"skipped: {CORPUS} is not present")
        return 0
    from newsgraph.run import ingest
    from newsgraph.store import KnowledgeBase, queries

    tmp = Path(tempfile.mkdtemp())
    db = Path(args.keep) if args.keep else tmp / "big.db"
    if args.base:
        shutil.copy(args.base, db)
    else:
        t = time.perf_counter()
        s = ingest([str(CORPUS)], db, workers=2)
        print(f"ingested {s.new} articles in {time.perf_counter() - t:.0f} s")
    kb = KnowledgeBase(db)
    conn = kb.conn
    if conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 0:
        nq, ne = synthesize(conn)
        print(f"SYNTHETIC rows added for the latency test: {nq} quotes, {ne} events")
    t = time.perf_counter()
    replicate(conn, args.articles)
    counts = {t_: conn.execute(f"SELECT COUNT(*) FROM {t_}").fetchone()[0] for t_ in ("articles", "entities", "mentions", "quotes", "events")}
    print(f"replicated in {time.perf_counter() - t:.0f} s: {counts}; {db.stat().st_size / 1e9:.2f} GB")

    rnd = random.Random(7)
    speakers = [r[0] for r in conn.execute("SELECT DISTINCT c.name FROM quotes q JOIN corpus_entities c ON c.id = q.speaker_corpus LIMIT 500")]
    surnames = [s.split()[-1] for s in speakers]
    people = [r[0] for r in conn.execute("SELECT name FROM corpus_entities WHERE type = 'PERSON' ORDER BY n_articles DESC LIMIT 300")]
    words = ["oil prices", "election", "profits", "football", "government", "music award", "mobile phone", "interest rates"]
    pick = lambda xs: [(conn, rnd.choice(xs)) for _ in range(args.runs)]  # noqa: E731
    kinds = {
        "quotes --speaker (full name)": (lambda c, n: queries.quotes(c, speaker=n), pick(speakers)),
        "quotes --speaker (surname)": (lambda c, n: queries.quotes(c, speaker=n), pick(surnames)),
        "quotes --search": (lambda c, w: queries.quotes(c, search=w), pick(words)),
        "events --type": (lambda c, t_: queries.events(c, type=t_), pick(sorted({v[0] for v in TRIGGERS.values()}))),
        "events --actor": (lambda c, n: queries.events(c, actor=n), pick(people[:100])),
        "entities --type --top": (lambda c, t_: queries.entities(c, type=t_, top=20), pick(["PERSON", "ORG", "GPE"])),
        "entity NAME (profile)": (lambda c, n: [queries.entity(c, n)], pick(people)),
        "search (full text)": (lambda c, w: queries.search(c, w), pick(words)),
    }
    print(f"{'query':32} {'p50 ms':>8} {'p95 ms':>8} {'rows':>6}   ({args.runs} runs each, {counts['articles']:,} articles)")
    for name, (fn, arglist) in kinds.items():
        if not arglist or not arglist[0][1]:
            continue
        p50, p95, rows = timeit(fn, arglist)
        print(f"{name:32} {p50:8.1f} {p95:8.1f} {rows:6.1f}  {'ok' if p95 < 100 else 'OVER 100 ms'}")
    kb.close()
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
