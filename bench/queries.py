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
5. Times every list page of the web UI (sorts, totals, charts, templates
   included; target p95 < 300 ms) and a CSV download of every quote.
"""
from __future__ import annotations

import argparse
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


def _copy(conn, table: str, where: str, shifted: dict[str, str]) -> None:
    """INSERT a copy of ``table``'s rows, every column by name, some shifted (id + N, key || '#k')."""
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    exprs = ", ".join(shifted.get(c, f'"{c}"') for c in cols)
    conn.execute(f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in cols)}) SELECT {exprs} FROM {table} WHERE {where}")


def replicate(conn, target: int) -> None:
    """Copies of every article (and its rows) under new keys until ``target`` articles."""
    base = conn.execute("SELECT COUNT(*), MAX(id) FROM articles").fetchone()
    n, amax = base
    emax = conn.execute("SELECT MAX(id) FROM entities").fetchone()[0]
    qmax = conn.execute("SELECT COALESCE(MAX(id), 0) FROM quotes").fetchone()[0]
    vmax = conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]
    lmax = conn.execute("SELECT COALESCE(MAX(id), 0) FROM locations").fetchone()[0]
    copies = (target + n - 1) // n - 1
    if copies <= 0:  # a base as large as the target (a kept database) is used as it is
        return
    conn.execute("DROP TRIGGER articles_fts_ai")
    conn.execute("DROP TRIGGER quotes_fts_ai")
    for k in range(1, copies + 1):
        conn.execute("BEGIN")
        A, E, Q, V, L = k * amax, k * emax, k * qmax, k * vmax, k * lmax
        _copy(conn, "articles", f"id <= {amax}", {"id": f"id + {A}", "key": f"key || '#{k}'", "ref": f"ref || '#{k}'",
                                                  "published": f"date(COALESCE(published, '2005-01-01'), '+{k * 7} days')"})
        _copy(conn, "entities", f"id <= {emax}", {"id": f"id + {E}", "article_id": f"article_id + {A}"})
        _copy(conn, "mentions", f"entity_id <= {emax}", {"entity_id": f"entity_id + {E}", "article_id": f"article_id + {A}"})
        _copy(conn, "quotes", f"id <= {qmax}", {"id": f"id + {Q}", "article_id": f"article_id + {A}", "speaker_id": f"speaker_id + {E}"})
        _copy(conn, "locations", f"id <= {lmax}", {"id": f"id + {L}", "article_id": f"article_id + {A}"})
        _copy(conn, "events", f"id <= {vmax}", {"id": f"id + {V}", "article_id": f"article_id + {A}", "actor_id": f"actor_id + {E}",
                                                "target_id": f"target_id + {E}", "location_id": f"location_id + {L}", "reported_by": "NULL",
                                                "day": f"date(day, '+{k * 7} days')", "day_end": f"date(COALESCE(day_end, day), '+{k * 7} days')"})
        conn.execute("COMMIT")
    conn.execute("UPDATE corpus_entities SET n_articles = n_articles * ?, n_mentions = n_mentions * ?", (copies + 1, copies + 1))
    conn.execute("UPDATE co_mentions SET articles = articles * ?", (copies + 1,))  # every copy names the same pairs
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')")
    conn.execute("ANALYZE")


def pages(db, runs: int, speakers: list[str], people: list[str]) -> None:
    """Every list page as a browser gets it (routing, queries, totals, charts, template), p50/p95 over ``runs``;
    then a CSV download of every quote: rows, seconds, and the Python memory it took (tracemalloc peak)."""
    import tracemalloc

    from fastapi.testclient import TestClient

    from newsgraph.app import create_app

    rnd = random.Random(11)
    urls = {
        "/articles": lambda: "/articles", "/articles?sort=published": lambda: "/articles?sort=published",
        "/articles?search=": lambda: "/articles?search=" + rnd.choice(["oil prices", "elect*", "football OR music", '"interest rates"']),
        "/quotes": lambda: "/quotes", "/quotes?speaker=": lambda: "/quotes?speaker=" + rnd.choice(speakers or ["Blair"]),
        "/quotes?min_confidence=": lambda: "/quotes?sort=speaker&min_confidence=0.5",
        "/events": lambda: "/events", "/events?type=": lambda: "/events?type=" + rnd.choice(["PROTEST", "ASSAULT", "AGREE", "CONSULT"]),
        "/events?actor=": lambda: "/events?actor=" + rnd.choice(people[:100] or ["Blair"]), "/events?sort=type": lambda: "/events?sort=type",
        "/entities": lambda: "/entities", "/entities?sort=name": lambda: "/entities?type=PERSON&sort=name",
        "/places": lambda: "/places", "/entities/NAME": lambda: "/entities/" + rnd.choice(people or ["Blair"]),
        "/incidents": lambda: "/incidents", "/statements": lambda: "/statements", "/stories": lambda: "/stories",
        "/statements?speaker=": lambda: "/statements?speaker=" + rnd.choice(speakers or ["Blair"]),
    }
    with TestClient(create_app(db)) as client:
        print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8}")
        for name, url in urls.items():
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                r = client.get(url())
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, (url, r.status_code)
            times.sort()
            p95 = times[int(0.95 * (len(times) - 1))]
            print(f"{name:32} {statistics.median(times):8.1f} {p95:8.1f}  {'ok' if p95 < 300 else 'OVER 300 ms'}")
        tracemalloc.start()
        t = time.perf_counter()
        lines = size = 0
        with client.stream("GET", "/api/quotes?format=csv&act=all") as r:
            for chunk in r.iter_text():
                lines += chunk.count("\n")
                size += len(chunk)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"CSV of every quote: {lines - 1:,} rows, {size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s;"
              f" Python memory peak {peak / 1e6:.1f} MB")


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
    ap.add_argument("--page-runs", type=int, default=20, help="requests per web page (0: skip the pages)")
    args = ap.parse_args()
    if not CORPUS.is_file() and not args.base:
        print(f"skipped: {CORPUS} is not present")
        return 0
    from newsgraph.run import ingest
    from newsgraph.kb import KnowledgeBase
    from newsgraph.store import queries
    from newsgraph.store.filters import EventFilter, QuoteFilter

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
        "quotes --speaker (full name)": (lambda c, n: queries.quotes(c, QuoteFilter(speaker=n)), pick(speakers)),
        "quotes --speaker (surname)": (lambda c, n: queries.quotes(c, QuoteFilter(speaker=n)), pick(surnames)),
        "quotes --search": (lambda c, w: queries.quotes(c, QuoteFilter(search=w)), pick(words)),
        "events --type": (lambda c, t_: queries.events(c, EventFilter(type=t_)), pick(sorted({v[0] for v in TRIGGERS.values()}))),
        "events --actor": (lambda c, n: queries.events(c, EventFilter(actor=n)), pick(people[:100])),
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
    if args.page_runs:
        pages(db, args.page_runs, speakers, people)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
