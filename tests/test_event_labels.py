"""The hand labels of event candidates (scripts/data/event_labels.tsv): data
without text, never from the sets that measure, each row still pointing at
the word it labels (where ../shared is present)."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from newsgraph.lexicons.events import PLOVER_TYPES

from .conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "scripts" / "data" / "event_labels.tsv"
sys.path.insert(0, str(ROOT / "scripts"))
from event_labels import MEASURED, crc, load_labels  # noqa: E402


def rows():
    lines = [ln for ln in LABELS.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_rows_are_data_without_text():
    all_rows = rows()
    assert len(all_rows) >= 500
    for row in all_rows:
        assert set(row) == {"source", "id", "start", "end", "type", "label", "crc"}, row
        assert row["label"] in ("1", "0", "opt"), row
        assert row["type"] in PLOVER_TYPES, row
        assert 0 <= int(row["start"]) < int(row["end"]) and int(row["end"]) - int(row["start"]) < 40, row
        assert not row["source"].startswith("eval/dev/") or row["source"] == "eval/dev/trnews.jsonl", row
    assert sum(r["label"] == "1" for r in all_rows) >= 100 and sum(r["label"] == "0" for r in all_rows) >= 200


def test_load_labels_keys_by_trigger_and_type():
    labels = load_labels(LABELS)
    some = next(iter(next(iter(labels.values())).values()))
    (start, type_), label = next(iter(some.items()))
    assert isinstance(start, int) and type_ in PLOVER_TYPES and label in ("1", "0", "opt")


def test_no_label_comes_from_a_measured_set_and_each_points_at_its_word():
    measured = set()
    for name in MEASURED:
        path = SHARED / name
        if not path.is_file():
            pytest.skip(f"{path} is not present")
        measured.update(json.loads(line)["id"] for line in path.open(encoding="utf-8"))
    texts = {}
    for row in rows():
        assert row["id"] not in measured, row
        if row["source"] not in texts:
            texts[row["source"]] = {json.loads(ln)["id"]: json.loads(ln)["text"] for ln in (SHARED / row["source"]).open(encoding="utf-8")}
        text = texts[row["source"]][row["id"]]
        assert crc(text[int(row["start"]):int(row["end"])]) == row["crc"], row
