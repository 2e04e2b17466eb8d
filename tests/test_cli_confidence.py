"""``newsgraph extract --min-confidence``: validated, and applied to the output."""
from __future__ import annotations

import json

from click.testing import CliRunner

from newsgraph.cli import cli


def test_min_confidence_option(tmp_path, pipeline):
    path = tmp_path / "harbour.txt"
    path.write_text("The harbour board of Vellmar met on Monday. Its chairman said the cranes cranes were old.", encoding="utf-8")
    runner = CliRunner()
    bad = runner.invoke(cli, ["extract", str(path), "--format", "jsonl", "--min-confidence", "1.5"])
    assert bad.exit_code == 2 and "1.5" in bad.output
    ok = runner.invoke(cli, ["extract", str(path), "--format", "jsonl", "--min-confidence", "0.5"])
    assert ok.exit_code == 0, ok.output
    record = json.loads(ok.output.splitlines()[0])
    assert [f["kind"] for f in record["quality"]["flags"]] == ["repetition"]
    assert all(item["confidence"] >= 0.5 for kind in ("quotes", "figures", "events") for item in record[kind])
