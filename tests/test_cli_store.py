"""The knowledge-base commands through click's runner."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.cli_store import COMMANDS, parse_every
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer
from tests.store.helpers import ukraine_record

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "kb.db"
    with KnowledgeBase(path) as kb:
        Writer(kb.conn, "t").write([ukraine_record("a1"), ukraine_record("a2", "Zelensky", "2025-04-01")])
    return str(path)


def run(*args):
    result = CliRunner(env={"COLUMNS": "240"}).invoke(cli, list(args), catch_exceptions=False)
    return result


def test_queries_as_json(db):
    assert len(json.loads(run("quotes", "--db", db, "--speaker", "Zelenskyy", "--format", "json").output)) == 2
    assert len(json.loads(run("quotes", "--db", db, "--since", "2025-03-01", "--format", "json").output)) == 1
    assert json.loads(run("events", "--db", db, "--type", "ASSAULT", "--country", "RUS", "--format", "json").output)[0]["place"] == "Kharkiv"
    assert json.loads(run("entities", "--db", db, "--type", "PERSON", "--format", "json").output)[0]["articles"] == 2
    assert json.loads(run("entity", "Zelensky", "--db", db, "--format", "json").output)["name"] == "Volodymyr Zelenskyy"
    assert json.loads(run("search", "shelling", "--db", db, "--format", "json").output)[0]["article"] in ("a1", "a2")
    assert json.loads(run("show", "a2", "--db", db, "--format", "json").output)["article"]["id"] == "a2"


def test_tables_and_csv(db):
    out = run("quotes", "--db", db).output
    assert "the shelling must stop" in out and "Volodymyr Zelenskyy" in out
    lines = run("events", "--db", db, "--format", "csv").output.splitlines()
    assert lines[0].startswith("article,date,type") and len(lines) == 3
    assert "Volodymyr Zelenskyy" in run("entity", "zelenskiy", "--db", db).output
    assert "Zelenskyy speaks" in run("show", "a1", "--db", db).output


def test_errors_are_clean(db, tmp_path):
    assert run("quotes", "--db", str(tmp_path / "none.db")).exit_code == 1
    assert not (tmp_path / "none.db").exists()  # queries never create a database
    assert run("entity", "Nobody", "--db", db).exit_code == 1
    assert run("quotes", "--db", db, "--since", "yesterday").exit_code == 2


def test_export_and_ingest_commands(db, tmp_path, pipeline):
    from newsgraph.run import local

    local._pipeline = pipeline
    assert run("export", str(tmp_path / "out.gkg"), "--db", db, "--format", "gkg").exit_code == 0
    assert all(len(line.split("\t")) == 27 for line in (tmp_path / "out.gkg").read_text().splitlines())
    (tmp_path / "new.txt").write_text("Harbour master Ilse Varga said the quay at Lowmoor would reopen on Friday.")
    result = run("ingest", str(tmp_path / "new.txt"), "--db", db, "--workers", "1")
    assert result.exit_code == 0
    assert json.loads(run("show", "new", "--db", db, "--format", "json").output)["article"]["text"].startswith("Harbour master")
    assert run("reprocess", "--db", db, "--workers", "1").exit_code == 0  # the hand-made records get re-extracted


def test_a_missing_source_is_a_clear_failure_and_the_rest_is_ingested(db, tmp_path, pipeline):
    from newsgraph.run import local

    local._pipeline = pipeline
    (tmp_path / "new.txt").write_text("Harbour master Ilse Varga said the quay at Lowmoor would reopen on Friday.")
    result = CliRunner(env={"COLUMNS": "240"}).invoke(cli, ["ingest", str(tmp_path / "missing.jsonl"), str(tmp_path / "new.txt"),
                                                            "--db", db, "--workers", "1"])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "missing.jsonl" in result.output and "No such file" in result.output
    assert json.loads(run("show", "new", "--db", db, "--format", "json").output)["article"]["id"] == "new"


@pytest.mark.parametrize("text,seconds", [("15m", 900), ("30s", 30), ("2h", 7200), ("45", 45)])
def test_parse_every(text, seconds):
    assert parse_every(text) == seconds


def test_every_command_is_documented():
    section = README.read_text(encoding="utf-8").split("## Knowledge base", 1)[1]
    for cmd in COMMANDS:
        assert re.search(rf"newsgraph {cmd.name}\b", section), f"`newsgraph {cmd.name}` is not in README's Knowledge base section"


def test_ingest_engine_flags(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "x.jsonl", "--engine", "ray"])
    assert result.exit_code == 2 and "--out" in result.output
    result = CliRunner().invoke(cli, ["ingest", "x.jsonl", "--address", "auto", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--engine ray" in result.output

