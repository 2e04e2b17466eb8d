import gzip
import io
import json

import pytest

from newsgraph.errors import ArticleError, ArticleTooLarge, BinaryInput, EmptyArticle, MalformedRecord
from newsgraph.ingest import read_path, read_paths
from newsgraph.records import Article
from newsgraph.settings import Settings

S = Settings()

HTML = """<!doctype html><html><head><title>Port strike enters second week</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Port strike enters second week</h1>
<p>Dock workers in Rotterdam extended their strike on Tuesday after talks between the union and the port authority ended without a deal.</p>
<p>"We are not going back to the cranes for a promise written on a napkin," union negotiator Marieke de Wit told reporters outside the talks in Schiedam.</p>
<p>The authority said the strike was costing the regional economy about 40 million euros a day, and that shipping lines had begun diverting cargo.</p>
</article><footer>Subscribe to our newsletter. Cookie settings. Privacy policy.</footer></body></html>"""


def _one(results):
    results = list(results)
    assert len(results) == 1
    return results[0]


def test_txt_id_is_the_file_stem(tmp_path):
    p = tmp_path / "kyiv-attack.txt"
    p.write_text("Fatal attack in Kyiv\nA rocket hit the city.", encoding="utf-8")
    a = _one(read_path(p, S))
    assert isinstance(a, Article) and a.id == "kyiv-attack" and a.text.startswith("Fatal attack")


def test_html_main_text_without_boilerplate(tmp_path):
    p = tmp_path / "strike.html"
    p.write_text(HTML, encoding="utf-8")
    a = _one(read_path(p, S))
    assert isinstance(a, Article), a
    assert "Dock workers in Rotterdam" in a.text
    assert "Cookie settings" not in a.text and "Home" not in a.text
    assert a.title == "Port strike enters second week"


def test_jsonl_lines_keep_metadata_and_report_bad_lines(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "First article text here.", "published": "2025-02-12", "feed": "wire"}),
        "{not json",
        json.dumps({"id": "a3", "text": ""}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "a5", "html": HTML}),
        json.dumps({"id": "a6", "title": "no text"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_path(p, S))
    assert [type(r).__name__ for r in results] == ["Article", "MalformedRecord", "EmptyArticle", "MalformedRecord", "Article", "MalformedRecord"]
    assert results[0].published == "2025-02-12" and results[0].meta == {"feed": "wire"}
    assert results[0].to_dict()["feed"] == "wire"
    assert "batch.jsonl:2" in str(results[1])
    assert "a3" in str(results[2])
    assert "Dock workers" in results[4].text


def test_jsonl_gz(tmp_path):
    p = tmp_path / "batch.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "z", "text": "Compressed article."}) + "\n")
    assert _one(read_path(p, S)).id == "z"


def test_stdin_and_published_default():
    stream = io.BytesIO("Text from a pipe.".encode())
    a = _one(read_paths(["-"], S, published="2024-05-01", stdin=stream))
    assert a.id == "stdin" and a.published == "2024-05-01"


@pytest.mark.parametrize(
    "data, error",
    [(b"", EmptyArticle), (b"   \n\t ", EmptyArticle), (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", BinaryInput)],
)
def test_bad_files_become_errors_not_exceptions(tmp_path, data, error):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    result = _one(read_path(p, S))
    assert isinstance(result, error) and result.article_id == "bad"


def test_too_large_is_refused_not_truncated(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 100, encoding="utf-8")
    result = _one(read_path(p, S.replace(max_article_bytes=100)))
    assert isinstance(result, ArticleTooLarge) and "limit is 100" in str(result)


def test_missing_file_is_an_article_error(tmp_path):
    result = _one(read_path(tmp_path / "nope.txt", S))
    assert isinstance(result, ArticleError) and "cannot read" in str(result)


def test_latin1_file(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes("Mr Müller's café was closed; the minister's decision was « définitive ».".encode("latin-1"))
    assert "Müller" in _one(read_path(p, S)).text


def test_malformed_is_malformed_record():
    assert issubclass(MalformedRecord, ArticleError)


def _lines(*objs):
    return b"".join(json.dumps(o).encode() + b"\n" for o in objs)


def test_stdin_json_lines_are_detected_one_article_each():
    stream = io.BytesIO(_lines({"id": "a", "text": "Rain fell in Oslo."}, {"id": "b", "text": "Snow fell in Bergen."}) + b"{not json\n")
    results = [r for r in read_paths(["-"], S, stdin=stream) if r is not None]
    assert [r.id for r in results[:2]] == ["a", "b"]
    assert isinstance(results[2], MalformedRecord) and results[2].article_id == "stdin:3"


def test_stdin_input_format_overrides_detection():
    data = _lines({"id": "a", "text": "Rain fell in Oslo."})
    as_text = _one(r for r in read_paths(["-"], S, stdin=io.BytesIO(data), input_format="text") if r is not None)
    assert as_text.id == "stdin" and as_text.text.startswith('{"id"')
    prose = b"The minister said {sic} nothing.\nMore text.\n"
    forced = [r for r in read_paths(["-"], S, stdin=io.BytesIO(prose), input_format="jsonl") if r is not None]
    assert all(isinstance(r, MalformedRecord) for r in forced) and len(forced) == 2


def test_stdin_line_over_the_limit_is_refused_and_the_next_line_read():
    small = S.replace(max_article_bytes=1000)
    big = {"id": "big", "text": "x" * 300_000}  # arrives over several reads, never held whole
    stream = io.BytesIO(_lines({"id": "a", "text": "Rain fell."}, big, {"id": "c", "text": "Snow fell."}))
    results = [r for r in read_paths(["-"], small, stdin=stream, input_format="jsonl") if r is not None]
    assert [getattr(r, "id", None) for r in results] == ["a", None, "c"]
    assert isinstance(results[1], MalformedRecord) and "stdin:2" in str(results[1])


def test_stdin_pipe_held_open_says_idle_after_each_ready_article():
    """A pipe with nothing more ready yields IDLE (the batch goes out) instead of blocking."""
    import os

    from newsgraph.ingest.readers import IDLE, read_stdin

    r, w = os.pipe()
    with os.fdopen(r, "rb") as reader:
        os.write(w, _lines({"id": "a", "text": "Rain fell in Oslo."}))
        items = read_stdin(S, stream=reader)
        assert next(items).id == "a"
        assert next(items) is IDLE  # nothing else written yet: no block
        os.write(w, _lines({"id": "b", "text": "Snow fell in Bergen."}))
        os.close(w)
        rest = [x for x in items if x is not IDLE]
        assert [x.id for x in rest] == ["b"]
