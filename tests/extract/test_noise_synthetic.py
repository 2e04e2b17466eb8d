"""Synthetic noise: clean fictional articles with injected repetitions, hyphen
artefacts and word-order scrambles. Detection precision and recall per kind
are printed (``pytest -s``) and held to floors."""
from __future__ import annotations

import random
import re

import pytest

from newsgraph.records import Article

CLEAN = [
    "The harbour board of Vellmar met on Monday to discuss the well-known problem of silt in the northern channel. "
    "Its chairman, Anton Kessly, said the dredging contract would be signed before the winter storms arrive. "
    "Fishermen have complained for years that their boats run aground at low tide near the old lighthouse. "
    "The board expects the long-term cost of the work to exceed four million crowns over the next decade. "
    "A spokeswoman for the regional council said the money would come from the port's own reserves.",
    "Heavy rain flooded the lower valley of the river Ostra on Tuesday, cutting the main road to the mountain villages. "
    "Emergency crews evacuated two hundred residents from low-lying farms near the bridge at Marren. "
    "The mayor of Marren, Lidia Pohl, said the water had risen faster than in any flood since the village was rebuilt. "
    "Volunteers filled sandbags through the night while the fire service pumped water out of the school basement. "
    "Forecasters expect the rain to ease on Thursday, but they warned that the ground remains dangerously wet.",
    "The national rail company announced a long-awaited timetable for the coastal line, which will add three trains a day. "
    "Passenger groups welcomed the change but said the old carriages need urgent repairs before the summer season. "
    "The transport minister, Erik Dahlgren, told reporters that the government would fund twenty new carriages. "
    "Trade unions warned that the plan depends on hiring drivers, and that the company has struggled to train them. "
    "The first of the new services is expected to run from the capital to the port of Sella in early spring.",
]
_WORD = re.compile(r"[^\W\d_]{4,}")
_COMPOUND = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
_SENTENCE = re.compile(r"[^.]+\.")


def _repeat(text, rng):
    """Double a phrase: "the silt" -> "the silt and the silt" or "silt silt"."""
    words = [m for m in _WORD.finditer(text) if m.group()[0].islower()]
    m = rng.choice(words)
    if rng.random() < 0.5:
        return text[: m.end()] + " " + m.group() + text[m.end():], (m.start(), m.end() + len(m.group()) + 1)
    start = text.rfind(" ", 0, m.start() - 1) + 1  # take the word before too
    phrase = text[start : m.end()]
    noisy = text[: m.end()] + " and " + phrase + text[m.end():]
    return noisy, (start, m.end() + 5 + len(phrase))


def _hyphen(text, rng):
    m = rng.choice(list(_COMPOUND.finditer(text)))
    return text[: m.start(2) - 1] + " -" + text[m.start(2):], (m.start(), m.end() + 1)


def _scramble(text, rng):
    sents = list(_SENTENCE.finditer(text))
    m = rng.choice(sents[1:])
    words = m.group().strip().rstrip(".").split()
    rng.shuffle(words)
    scrambled = " ".join(words) + "."
    start = m.start() + (len(m.group()) - len(m.group().lstrip()))
    return text[:start] + scrambled + text[m.end():], (start, start + len(scrambled))


INJECT = {"repetition": _repeat, "hyphen-spacing": _hyphen, "garbled": _scramble}
#: floors on the measured precision and recall of each kind
FLOORS = {"repetition": (0.9, 0.8), "hyphen-spacing": (0.95, 0.95), "garbled": (0.8, 0.2)}  # scrambles: see README, Trust signals
N = 20  # noisy copies per kind


@pytest.fixture(scope="module")
def measured(pipeline):
    rng = random.Random(10)
    cases = []
    for kind, inject in INJECT.items():
        for n in range(N):
            text, span = inject(CLEAN[n % len(CLEAN)], rng)
            cases.append((kind, span, Article(f"{kind}-{n}", text)))
    clean = [Article(f"clean-{i}", t) for i, t in enumerate(CLEAN)]
    records = list(pipeline.pipe([a for _, _, a in cases] + clean))
    stats = {kind: {"tp": 0, "fn": 0, "fp": 0} for kind in INJECT}
    for (kind, span, _), record in zip(cases, records):
        hit = [f for f in record.quality.flags if f.kind == kind and f.span[0] < span[1] and span[0] < f.span[1]]
        stats[kind]["tp" if hit else "fn"] += 1
        for f in record.quality.flags:  # a flag elsewhere than the injected noise is a false one
            if f.kind in stats and not (f.span[0] < span[1] and span[0] < f.span[1]):
                stats[f.kind]["fp"] += 1
    for record in records[len(cases):]:
        for f in record.quality.flags:
            stats.setdefault(f.kind, {"tp": 0, "fn": 0, "fp": 0})["fp"] += 1
    return stats


@pytest.mark.parametrize("kind", sorted(INJECT))
def test_detection_per_kind(measured, kind):
    s = measured[kind]
    precision = s["tp"] / max(s["tp"] + s["fp"], 1)
    recall = s["tp"] / (s["tp"] + s["fn"])
    print(f"{kind:<15} precision {precision:.2f} recall {recall:.2f} ({s})")
    floor_p, floor_r = FLOORS[kind]
    assert precision >= floor_p and recall >= floor_r


def test_clean_articles_are_not_flagged(pipeline):
    for record in pipeline.pipe([Article(str(i), t) for i, t in enumerate(CLEAN)]):
        assert record.quality.flags == () and record.quality.score == 1.0
