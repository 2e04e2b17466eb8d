"""Shared fixtures: the spaCy pipeline loads once per test session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "newsgraph" / "samples"


@pytest.fixture(scope="session")
def pipeline():
    from newsgraph import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def seed_text():
    path = SHARED / "examples" / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip("../shared/examples/seed is not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold():
    path = SHARED / "examples" / "seed" / "gold.json"
    if not path.is_file():
        pytest.skip("../shared/examples/seed is not present")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_record(pipeline, seed_text):
    return pipeline(seed_text, published="2025-02-12", id="seed")
