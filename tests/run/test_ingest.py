import gzip
import io
import json

import pytest

from newsgraph.ingest.fetch import Fetcher
from newsgraph.run import ingest, reprocess
from newsgraph.kb import KnowledgeBase

from .conftest import fictional_article

pytestmark = pytest.mark.slow


def page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{s}.</p>" for s in body.split(". "))
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World</nav><article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright Fictional Wire</footer></body></html>").encode()


def refs(db):
    with KnowledgeBase(db) as kb:
        return sorted(r[0] for r in kb.conn.execute("SELECT ref FROM articles"))


def test_files_dirs_globs_jsonl_gz_html(tmp_path, worker_pipeline):
    src = tmp_path / "src" / "deep"
    src.mkdir(parents=True)
    (src / "one.txt").write_text(fictional_article(1))
    (src / "two.html").write_bytes(page("Harbour reopens", fictional_article(2, 6)))
    (src / "ignored.png").write_bytes(b"\x89PNG")
    (tmp_path / "more.jsonl").write_text("\n".join(json.dumps({"id": f"j{i}", "text": fictional_article(i + 3), "published": "2025-01-0%d" % (i + 1)}) for i in range(2)))
    with gzip.open(tmp_path / "zipped.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "z1", "text": fictional_article(7)}) + "\n" + json.dumps({"id": "bad", "text": ""}) + "\n")
    db = tmp_path / "kb.db"
    s = ingest([str(tmp_path / "src"), str(tmp_path / "*.jsonl"), str(tmp_path / "zipped.jsonl.gz")], db, workers=1)
    assert (s.new, s.duplicate, [f[0] for f in s.failed]) == (5, 0, ["bad"])
    assert refs(db) == ["j0", "j1", "one", "two", "z1"]
    with KnowledgeBase(db) as kb:
        assert kb.conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0] == 1
        assert "Copyright" not in kb.show("two")["article"]["text"]
        assert kb.entity("Renn")["name"] == "Tobias Renn"
    again = ingest([str(tmp_path / "src"), str(tmp_path / "*.jsonl"), str(tmp_path / "zipped.jsonl.gz")], db, workers=1)
    assert (again.new, again.duplicate) == (0, 5)
    assert refs(db) == ["j0", "j1", "one", "two", "z1"]


def test_warc_html_responses(tmp_path, worker_pipeline):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, (ctype, status, body) in enumerate([("text/html", "200 OK", page("Flood", fictional_article(3, 5))),
                                                   ("image/png", "200 OK", b"\x89PNG"),
                                                   ("text/html", "404 Not Found", b"<html>gone</html>"),
                                                   ("text/html; charset=utf-8", "200 OK", page("Bridge", fictional_article(4, 5)))]):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response", payload=io.BytesIO(body), http_headers=headers))
    s = ingest([str(path)], tmp_path / "kb.db", workers=1)
    assert (s.new, s.failed) == (2, [])
    with KnowledgeBase(tmp_path / "kb.db") as kb:
        assert sorted(r[0] for r in kb.conn.execute("SELECT url FROM articles")) == ["https://news.example/0", "https://news.example/3"]


def feed(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
                      f"<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate></item>" for p, t in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fictional Wire</title>{entries}</channel></rss>'.encode()


def test_feed_url_pages_fetched_new_items_only(tmp_path, server, worker_pipeline):
    base, handler = server
    handler.pages["/p1"] = (200, "text/html", page("Port strike", fictional_article(1, 5)))
    handler.pages["/p2"] = (200, "text/html", page("Dock talks", fictional_article(2, 5)))
    handler.flaky["/p2"] = 1  # one 503, then the page: retried
    handler.pages["/feed"] = (200, "application/rss+xml", feed(base, [("/p1", "Port strike"), ("/p2", "Dock talks"), ("/gone", "Gone")]))
    db = tmp_path / "kb.db"
    with Fetcher(interval=0.0, backoff=0.01, timeout=5) as fetcher:
        s = ingest([f"{base}/feed"], db, workers=1, fetcher=fetcher)
        assert s.new == 2 and [f[0] for f in s.failed] == [f"{base}/gone"] and handler.hits["/p2"] == 2
        with KnowledgeBase(db) as kb:
            row = kb.conn.execute("SELECT title, published, source FROM articles WHERE url = ?", (f"{base}/p1",)).fetchone()
            assert tuple(row) == ("Port strike", "2025-03-04T10:00:00", "Fictional Wire")
        handler.pages["/p3"] = (200, "text/html", page("Ferry returns", fictional_article(5, 5)))
        handler.pages["/feed"] = (200, "application/rss+xml", feed(base, [("/p1", "Port strike"), ("/p2", "Dock talks"), ("/p3", "Ferry returns")]))
        again = ingest([f"{base}/feed"], db, workers=1, fetcher=fetcher)
    assert (again.new, again.duplicate) == (1, 2)
    assert handler.hits["/p1"] == 1  # a known item is not fetched again


def test_feed_file_without_fetchable_pages_uses_item_content(tmp_path, worker_pipeline):
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><item><title>Quay</title>'
           b"<link>http://127.0.0.1:9/quay</link><description>" + fictional_article(6).encode() + b"</description></item></channel></rss>")
    (tmp_path / "local.rss").write_bytes(rss)
    with Fetcher(interval=0.0, retries=0, timeout=1) as fetcher:
        s = ingest([str(tmp_path / "local.rss")], tmp_path / "kb.db", workers=1, fetcher=fetcher)
    assert s.new == 1 and refs(tmp_path / "kb.db") == ["http://127.0.0.1:9/quay"]


def test_politeness_interval_per_host(server):
    import time

    base, handler = server
    handler.pages["/a"] = (200, "text/plain", b"a")
    with Fetcher(interval=0.3) as fetcher:
        t = time.monotonic()
        for _ in range(3):
            fetcher.get(f"{base}/a")
        assert time.monotonic() - t >= 0.6


def test_reprocess_reextracts_other_versions(tmp_path, worker_pipeline):
    (tmp_path / "a.txt").write_text(fictional_article(1))
    db = tmp_path / "kb.db"
    ingest([str(tmp_path / "a.txt")], db, workers=1)
    with KnowledgeBase(db) as kb:
        before = kb.show("a")
        kb.conn.execute("UPDATE articles SET extractor_version = 'old'")
    s = reprocess(db, workers=1)
    assert s.new == 1
    with KnowledgeBase(db) as kb:
        assert kb.show("a") == before
        assert kb.conn.execute("SELECT COUNT(*) FROM articles WHERE extractor_version = 'old'").fetchone()[0] == 0
    assert reprocess(db, workers=1).new == 0
