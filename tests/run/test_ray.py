"""Parquet ingest on Ray and with local processes: same chunks, same rows,
same ids as a local ingest into SQLite; a worker killed mid-chunk is retried."""
import json
import os
from pathlib import Path

import pytest

from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.run import ingest
from newsgraph.version import extractor_version
from newsgraph.run.parquet import ingest_parquet
from newsgraph.run.ray_runner import ChunkExtractor
from newsgraph.settings import Settings
from newsgraph.kb import KnowledgeBase
from newsgraph.store.load import load
from newsgraph.store.queries import full_record
from newsgraph.store.rows import KINDS, day_of, record_rows

from .conftest import fictional_article

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]  # Ray Data's own
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def ray_local():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


class CrashOnce(ChunkExtractor):
    """Dies (the whole worker process) after writing its first chunk's files,
    once per run (a marker file beside OUT): Ray must restart the actor and
    retry the chunk."""

    def __init__(self, settings, out, version):
        super().__init__(settings, out, version)
        self.marker = Path(out).parent / "crashed"

    def __call__(self, batch):
        result = super().__call__(batch)
        if not self.marker.exists():
            self.marker.write_text("crashed")
            os._exit(1)
        return result


def corpus(root: Path) -> list[str]:
    """Two sources: a JSON Lines file (two days, no date, a bad line, a
    duplicate) and a directory with a text file, read through a file:// URI."""
    lines = [{"id": f"j{i}", "text": fictional_article(i, 3), "published": ["2025-03-04", "2025-03-05T09:00:00", None][i % 3]} for i in range(20)]
    lines.insert(5, {"id": "empty", "text": ""})
    lines.append({"id": "again", "text": fictional_article(2, 3), "published": "2025-03-04"})
    (root / "wire.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n", encoding="utf-8")
    (root / "desk").mkdir()
    (root / "desk" / "harbour.txt").write_text(fictional_article(40, 5), encoding="utf-8")
    return [str(root / "wire.jsonl"), (root / "desk").as_uri()]


def parquet_rows(out: Path, kind: str) -> list[dict]:
    rows = []
    for path in sorted((out / kind).rglob("*.parquet")):
        day = path.parent.name.removeprefix("day=")
        rows += [{**r, "day": day} for r in pq.read_table(path).to_pylist()]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def expected_rows(db: Path, version: str) -> dict[str, list[dict]]:
    """The local SQLite ingest's records, through the same conversion."""
    out = {kind: [] for kind in KINDS}
    with KnowledgeBase(db) as kb:
        for text, record in kb.conn.execute("SELECT text, record FROM articles"):
            rec = full_record(record, text)
            for kind, rows in record_rows(rec, version).items():
                out[kind] += [{**r, "day": day_of(rec["article"]["published"])} for r in rows]
    return {k: sorted(v, key=lambda r: json.dumps(r, sort_keys=True)) for k, v in out.items()}


def stored(db: Path) -> dict[str, dict]:
    with KnowledgeBase(db) as kb:
        return {r["key"]: full_record(r["record"], r["text"]) for r in kb.conn.execute("SELECT key, text, record FROM articles")}


def test_ray_and_local_processes_write_what_local_ingest_stores(tmp_path, ray_local, worker_pipeline):
    from newsgraph.run.ray_runner import ingest_ray

    sources = corpus(tmp_path)
    settings = Settings.load()
    local = ingest(sources[:1] + [str(tmp_path / "desk")], tmp_path / "local.db", workers=1)
    assert (local.new, local.duplicate, len(local.failed)) == (21, 1, 2)

    on_ray = ingest_ray(sources, tmp_path / "ray", workers=2, extractor=CrashOnce)
    assert (tmp_path / "crashed").exists(), "the fault was not injected"
    assert (on_ray.new, on_ray.duplicate) == (local.new, local.duplicate)
    assert sorted(on_ray.failed) == sorted(local.failed)

    # same ids, same content, partitioned by publication day
    want = expected_rows(tmp_path / "local.db", extractor_version(settings))
    for kind in KINDS:
        assert parquet_rows(tmp_path / "ray", kind) == want[kind], kind
    assert {p.name for p in (tmp_path / "ray" / "articles").iterdir()} == {"day=2025-03-04", "day=2025-03-05", "day=none"}
    assert not list((tmp_path / "ray").rglob(".*.tmp"))

    # local processes: the same chunks give the same files, byte for byte
    again = ingest_parquet(sources, tmp_path / "procs", workers=1)
    assert (again.new, again.duplicate, sorted(again.failed)) == (on_ray.new, on_ray.duplicate, sorted(on_ray.failed))
    ray_files = {p.relative_to(tmp_path / "ray"): p.read_bytes() for p in (tmp_path / "ray").rglob("*.parquet")}
    proc_files = {p.relative_to(tmp_path / "procs"): p.read_bytes() for p in (tmp_path / "procs").rglob("*.parquet")}
    assert ray_files == proc_files

    # loading gives the knowledge base local ingest made; loading again adds nothing
    first = load(tmp_path / "ray", tmp_path / "loaded.db")
    assert (first.new, first.duplicate, len(first.failed)) == (21, 0, 2)
    assert stored(tmp_path / "loaded.db") == stored(tmp_path / "local.db")
    second = load(tmp_path / "ray", tmp_path / "loaded.db")
    assert (second.new, second.duplicate) == (0, 21)
    with KnowledgeBase(tmp_path / "loaded.db") as kb, KnowledgeBase(tmp_path / "local.db") as ref:
        for table in ("articles", "entities", "mentions", "events", "locations", "corpus_entities", "failures"):
            assert kb.count(table) == ref.count(table), table


def cli_run(*args):
    return CliRunner(env={"COLUMNS": "240"}).invoke(cli, list(args), catch_exceptions=False)


def test_ingest_out_then_load(tmp_path, worker_pipeline):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"n{i}", "text": f"Mayor Ilse Varga of Eastvale said the harbour reopened after {i + 2} days.",
                                         "published": "2025-03-04"}) for i in range(3)), encoding="utf-8")
    out = tmp_path / "out"
    assert cli_run("ingest", str(src), "--out", str(out), "--workers", "1").exit_code == 0
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["day=2025-03-04"]
    db = str(tmp_path / "kb.db")
    result = CliRunner().invoke(cli, ["load", str(out), "--db", db])
    assert result.exit_code == 0 and "3 new" in result.output
    assert json.loads(cli_run("show", "n1", "--db", db, "--format", "json").output)["article"]["published"] == "2025-03-04"
    assert "no newsgraph Parquet output" in CliRunner().invoke(cli, ["load", str(tmp_path / "in.jsonl"), "--db", db]).output
