"""Hostile input never stops a batch: every line of a JSON Lines file full of
what scraped news carries (lone surrogate escapes, NUL and escape characters,
RTL marks, runs of quote marks, 5,000-character tokens, markup, emoji, mixed
scripts, binary junk, broken lines) becomes a record or one error naming it,
in every runner: ``extract``, local ingest with one and two workers, the
Parquet runner and the Ray actor's chunk function."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.run import ingest
from newsgraph.version import extractor_version
from newsgraph.run.parquet import extract_chunk, read_chunks
from newsgraph.kb import KnowledgeBase

NEWS = "Officials said on Monday that the attack on the northern town of Eastvale killed 3 people and injured 12."

# (id, JSON text of the line): what must become a record
GOOD = {
    "plain": json.dumps({"id": "plain", "text": NEWS}),
    "surrogate": '{"id": "surrogate", "text": "Officials said \\ud800 the attack on Eastvale killed 3 people, police told reporters."}',
    "surrogate-pair-broken": '{"id": "surrogate-pair-broken", "text": "The minister \\udc00\\ud83d said talks would resume in Geneva on Friday."}',
    "nul": json.dumps({"id": "nul", "text": NEWS.replace("said", "said\x00")}),
    "escape": json.dumps({"id": "escape", "text": "\x1b[1;31m" + NEWS + "\x1b[0m \x07\x08"}),
    "digits": json.dumps({"id": "digits", "text": "4" * 3000 + " " + NEWS}),
    "long-token": json.dumps({"id": "long-token", "text": NEWS + " " + "x" * 5000 + " " + NEWS}),
    "rtl": json.dumps({"id": "rtl", "text": "\u202eOfficials\u202c said \u200fthe talks\u200e in Kabul had failed, the ministry said."}),
    "quote-runs": json.dumps({"id": "quote-runs", "text": '""""„„«««»»»‘‘’’ "We will not leave," the mayor said. """ «»„“ ‹›'}),
    "markup": json.dumps({"id": "markup", "text": "<script>alert('x')</script><b>Police</b> said <i>three</i> men were arrested. &amp; &#0; &lt;"}),
    "emoji-mixed": json.dumps({"id": "emoji-mixed", "text": "🔥🔥 Президент said 北京 talks with Ankara were 'productive' 👍🏽, officials said. مرحبا"}),
    "line-separators": json.dumps({"id": "line-separators", "text": "The mayor said\u2028the port\u2029would reopen\x85on Friday, officials said."}),
    "numeric-id": json.dumps({"id": 42, "text": NEWS + " It was the second attack.", "published": "not a date"}),
}
# what must become one error naming the line or article
BAD = {
    "binary": json.dumps({"id": "binary", "text": "\x00\x01\x02\x03" * 200}),
    "empty": json.dumps({"id": "empty", "text": "   "}),
    "not-json": "{this is not json",
    "not-object": "[1, 2, 3]",
    "no-text": json.dumps({"id": "no-text", "title": "only a title"}),
}


def hostile_file(root: Path) -> Path:
    path = root / "hostile.jsonl"
    lines = list(GOOD.values()) + list(BAD.values())
    fillers = [json.dumps({"id": f"filler{i}", "text": f"{NEWS} The mayor of Town {i} said so too."}) for i in range(len(lines))]
    lines = [x for pair in zip(lines, fillers) for x in pair]  # every hostile line between two good ones
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def want_ids(path: Path) -> set[str]:
    ids = set(GOOD) - {"numeric-id"} | {"42"}
    return ids | {f"filler{i}" for i in range(len(GOOD) + len(BAD))}


def _check_spans(record: dict) -> None:
    text = record["article"]["text"]
    for kind in ("entities", "quotes", "figures", "events", "locations", "dates"):
        for item in record[kind]:
            for span in [item.get("span")] + list(item.get("mentions") or []):
                if span:
                    assert 0 <= span[0] <= span[1] <= len(text), (record["article"]["id"], kind, span)


def test_extract_gives_every_line_a_record_or_an_error(tmp_path):
    path = hostile_file(tmp_path)
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", str(path)], catch_exceptions=False)
    assert result.exit_code == 1  # some articles were refused
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["article"]["id"] for r in records} == want_ids(path)
    for r in records:
        _check_spans(r)
    by_id = {r["article"]["id"]: r for r in records}
    assert by_id["surrogate"]["article"]["text"][15] == "\ud800"  # as read
    assert {f["kind"] for f in by_id["surrogate"]["quality"]["flags"]} >= {"unencodable"}
    assert {f["kind"] for f in by_id["nul"]["quality"]["flags"]} >= {"control"}
    assert {f["kind"] for f in by_id["escape"]["quality"]["flags"]} >= {"control"}
    assert by_id["digits"]["article"]["language"] == "en" and by_id["digits"]["events"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error ")]
    assert len(errors) == len(BAD)
    for origin in ("binary", "empty", "no-text", "hostile.jsonl:"):
        assert any(origin in e for e in errors), origin


@pytest.mark.parametrize("workers", [1, 2])
def test_local_ingest_stores_every_good_article_and_notes_every_bad_one(tmp_path, worker_pipeline, workers):
    path = hostile_file(tmp_path)
    db = tmp_path / "kb.db"
    summary = ingest([str(path)], db, settings=worker_pipeline.settings, workers=workers)
    assert summary.new == len(want_ids(path))
    assert len(summary.failed) == len(BAD)
    with KnowledgeBase(db) as kb:
        refs = {r[0] for r in kb.conn.execute("SELECT ref FROM articles")}
        text = kb.conn.execute("SELECT text FROM articles WHERE ref = 'surrogate'").fetchone()[0]
    assert refs == want_ids(path)
    assert text[15] == "\ufffd"  # stored as SQLite can hold it, one for one


def test_parquet_chunks_and_the_ray_actor_function_survive_hostile_input(tmp_path, worker_pipeline):
    path = hostile_file(tmp_path)
    version = extractor_version(worker_pipeline.settings)
    written, failures = [], []
    for chunk in read_chunks(str(path), worker_pipeline.settings, size=8):
        result = extract_chunk(worker_pipeline, chunk, str(tmp_path / "out"), version)
        written += result["keys"]
        failures += result["failures"]
    assert len(written) == len(want_ids(path))
    assert len(failures) == len(BAD)


def test_the_ray_actor_survives_hostile_input(tmp_path, worker_pipeline):
    from newsgraph.run.ray_runner import ChunkExtractor

    path = hostile_file(tmp_path)
    settings = worker_pipeline.settings
    actor = ChunkExtractor(settings, str(tmp_path / "out"), extractor_version(settings))
    chunks = list(read_chunks(str(path), settings, size=8))
    batch = {k: [c[k] for c in chunks] for k in ("source", "chunk", "articles")}
    results = [json.loads(r) for r in actor(batch)["result"]]
    assert sum(len(r["keys"]) for r in results) == len(want_ids(path))
    assert sum(len(r["failures"]) for r in results) == len(BAD)
