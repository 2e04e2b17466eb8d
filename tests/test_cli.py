"""The command line, through click's runner and as a real subprocess."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

from .conftest import SAMPLES

KINDS = ["article", "entities", "quotes", "figures", "events", "locations", "dates", "quality"]


@pytest.fixture(scope="module")
def runner(pipeline):  # the pipeline fixture warms the model cache once
    return CliRunner()


def test_jsonl_output_follows_the_contract(runner, tmp_path):
    p = tmp_path / "strike.txt"
    p.write_text((SAMPLES / "harbour-strike.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(p), "--format", "jsonl", "--published", "2024-03-12"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 1
    rec = records[0]
    assert list(rec) == KINDS
    assert rec["article"]["id"] == "strike" and rec["article"]["published"] == "2024-03-12"
    assert rec["article"]["language"] == "en"
    assert all(isinstance(rec[k], list) for k in KINDS[1:-1])
    names = {e["name"] for e in rec["entities"]}
    assert {"Marieke de Wit", "Hendrik Baas", "Sanne Vermeulen"} <= names
    text = rec["article"]["text"]
    pronouns = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their"}
    for e in rec["entities"]:
        for s, t in e["mentions"]:
            # a name or alias, or what coreference joined to it: a pronoun, a description ("the company")
            mention = text[s:t]
            assert mention in [e["name"], *e["aliases"]] or mention.lower() in pronouns or mention.split()[-1][:1].islower(), mention
    assert all(q.get("act") in ("statement", "belief", "intention", "finding") for q in rec["quotes"])


def test_json_is_one_array_in_input_order(runner, tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(json.dumps({"id": i, "text": f"Article number {i} about Berlin."}) for i in ("b", "a", "c")), encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(p), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["article"]["id"] for r in json.loads(result.stdout)] == ["b", "a", "c"]


def test_bad_article_is_reported_and_the_batch_goes_on(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The mayor of Lyon said the bridge would reopen.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = runner.invoke(cli, ["extract", str(empty), str(good), str(binary), "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["good"]
    assert "empty: empty article" in result.stderr
    assert "photo: not text" in result.stderr


def test_stdin(runner):
    result = runner.invoke(cli, ["extract", "-", "--format", "jsonl"], input="Chancellor Olaf Brenner visited Vienna.")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["id"] == "stdin"


def test_text_report_lists_entities_by_type(runner):
    result = runner.invoke(cli, ["extract", str(SAMPLES / "valley-floods.txt"), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "Entities" in result.stdout and "people" in result.stdout
    assert "Paolo Ferri" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "x.txt", "--published", "last tuesday"], "not an ISO date"),
        (["extract", "x.txt", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_bad_flags_are_clear_errors(runner, args, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and message in result.output


def test_unknown_model_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["extract", "--model", "xx_no_such_model", str(SAMPLES / "valley-floods.txt")])
    assert result.exit_code != 0
    assert "xx_no_such_model" in result.output and "not installed" in result.output


def test_installed_console_script(tmp_path):
    """The `newsgraph` entry point the README tells users to run."""
    exe = __import__("shutil").which("newsgraph") or str(__import__("pathlib").Path(sys.executable).with_name("newsgraph"))
    proc = subprocess.run([exe, "extract", "--format", "jsonl", str(SAMPLES / "ministry-translated.txt")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert any(e["name"] == "Tomasz Zielinski" and e["type"] == "PERSON" for e in rec["entities"])


def test_extract_from_a_pipe_held_open_prints_each_record_as_it_is_done():
    """`tail -f feed.jsonl | newsgraph extract -`: the first record comes out
    while standard input is still open (no waiting for the end of input)."""
    import selectors

    exe = __import__("shutil").which("newsgraph") or str(__import__("pathlib").Path(sys.executable).with_name("newsgraph"))
    proc = subprocess.Popen([exe, "extract", "-", "--format", "jsonl"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        proc.stdin.write(json.dumps({"id": "first", "text": "Police in Lyon arrested 12 protesters on Monday."}).encode() + b"\n")
        proc.stdin.flush()
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        assert sel.select(timeout=240), "no record while the pipe is open"
        assert json.loads(proc.stdout.readline())["article"]["id"] == "first"
        proc.stdin.write(json.dumps({"id": "second", "text": "Rain fell in Oslo."}).encode() + b"\n")
        proc.stdin.close()
        rest = proc.stdout.read().decode().splitlines()
        assert [json.loads(line)["article"]["id"] for line in rest] == ["second"]
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        proc.wait()
