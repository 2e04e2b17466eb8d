"""Quality gate: score.py over the dev gold sets, with pinned floors.

Runs the real pipeline in-process, writes its JSON Lines, and scores them with
``../shared/eval/score.py --pred``. Each issue that lands raises its floors
here; a change that drops a score below its floor fails CI. Skipped where
``../shared`` is absent (a clone without the evaluation data).
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsgraph.records import Article

from .conftest import SHARED

pytestmark = pytest.mark.gold

SCORE = SHARED / "eval" / "score.py"
DEV = SHARED / "eval" / "dev"

#: (gold set, section, metric) -> the floor it must not fall below
FLOORS = {
    ("seed", "entities", "found"): 1.0,
    ("seed", "entities", "type_ok"): 1.0,
    ("seed", "entities", "one_entity"): 0.9,
    ("seed", "figures", "f1"): 0.95,
    ("seed", "figures", "unit_acc"): 1.0,
    ("seed", "places", "found"): 1.0,
    ("seed", "places", "acc161"): 1.0,
    ("trnews", "locations", "f1"): 0.84,
    ("trnews", "locations", "acc161"): 0.90,
    ("seed", "events", "f1"): 0.9,
    ("seed", "events", "actor_acc"): 0.95,  # round 3 measured 1.0, target 0.857
    ("seed", "events", "target_acc"): 0.8,
    ("plover-gsr", "events", "r"): 0.77,  # round 3 measured 0.77 / 0.917 / 0.617; issue 14 0.780 / 0.914 / 0.641, then 0.792
    # issue 14, the learned event decision (measured P 0.692 R 0.351 F1 0.466; before it 0.481 / 0.338 / 0.397);
    # recall vocabulary, judgements, hand labels: P 0.776 R 0.494 F1 0.603, actor_acc 0.684
    # with issue 15's speakers merged: 0.755 / 0.519 / 0.615, actor_acc 0.75; with 1,545 hand
    # labels (2026-12-06): 0.774 / 0.532 / 0.631, actor_acc 0.78
    ("trnews30", "events", "p"): 0.74,
    ("trnews30", "events", "r"): 0.48,
    ("trnews30", "events", "f1"): 0.60,
    ("trnews30", "events", "actor_acc"): 0.74,
    ("plover-gsr", "events", "actor_acc"): 0.9,
    ("plover-gsr", "events", "target_acc"): 0.6,
    # issue 3, quotes (round 2 measured 0.964 / 0.964 and 0.706 / 0.634)
    ("seed", "quotes@0.3", "f1"): 0.95,
    ("seed", "quotes@0.3", "f1_with_speaker"): 0.95,
    ("polnear-dev", "quotes@0.3", "f1"): 0.69,
    # issue 15, statements and coreference (measured 0.909 / 0.853 / 0.775 on trnews30,
    # 0.706 / 0.639 on PolNeAR; the entities stage still varies a few speakers per run)
    ("polnear-dev", "quotes@0.3", "f1_with_speaker"): 0.63,
    # then names, wrapped lines, cues, quote runs, first names: 0.939 / 0.935 / 0.878; PolNeAR 0.706 / 0.653
    ("trnews30", "quotes@0.3", "f1"): 0.92,
    ("trnews30", "quotes@0.3", "speaker_acc"): 0.91,
    ("trnews30", "quotes@0.3", "f1_with_speaker"): 0.85,
}

_cache: dict[str, dict] = {}


def scores(pipeline, name: str, tmp_path_factory) -> dict:
    if name in _cache:
        return _cache[name]
    gold = DEV / f"{name}.jsonl"
    if not SCORE.is_file() or not gold.is_file():
        pytest.skip(f"{gold} is not present")
    items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [Article(id=str(it["id"]), text=it["text"], published=it.get("published")) for it in items]
    out = tmp_path_factory.mktemp("gold") / f"{name}.pred.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for record in pipeline.pipe(articles):
            fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    proc = subprocess.run([sys.executable, str(SCORE), str(gold), "--pred", str(out), "--json"], capture_output=True, text=True, check=True)
    _cache[name] = json.loads(next(line for line in proc.stdout.splitlines() if line.startswith("{")))
    return _cache[name]


@pytest.mark.parametrize("key", sorted(FLOORS), ids=lambda k: "-".join(k))
def test_floor(pipeline, tmp_path_factory, key):
    name, section, metric = key
    result = scores(pipeline, name, tmp_path_factory)
    assert result["missing_output"] == 0
    value = result[section][metric]
    print(f"{name} {section}.{metric} = {value} (floor {FLOORS[key]})")
    assert value >= FLOORS[key], f"{name} {section}.{metric} = {value}, below the floor {FLOORS[key]}"
