"""Event lexicons: triggers per PLOVER type (``data/event_triggers.tsv``) and
the cue words around them (``data/event_cues.tsv``). Read once per process."""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from importlib import resources

from . import read_tsv

__all__ = ["Trigger", "EventCues", "event_triggers", "event_cues", "event_model", "EventModel", "PLOVER_TYPES"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry. ``word`` is the lemma; ``particle`` a particle or
    preposition that must follow it ("call for"); ``dependent`` a lemma among
    its object or modifiers ("send~arm"); ``head`` the lemma it must hang
    from ("strike<on")."""

    key: str
    word: str
    pos: str  # "V", "N" or "VN"
    type: str
    cameo: str
    mode: str | None
    negated: str | None
    frame: str | None
    particle: str | None = None
    dependent: str | None = None
    head: str | None = None
    objects: tuple[str, ...] = ()  # classes its direct object must be of ("agent", "event", "aid", ...)


@dataclass(frozen=True)
class EventCues:
    sectors: dict[str, str]
    modes: dict[str, str]
    modality: dict[str, str]
    light: frozenset[str]
    speech: frozenset[str]
    persons: frozenset[str] = frozenset()  # people or bodies of them, no sector ("member", "movement")
    apolitical: frozenset[str] = frozenset()
    political: frozenset[str] = frozenset()  # sectors that act politically anywhere
    domains: dict[str, str] = field(default_factory=dict)  # word -> sport | entertainment  # sectors whose acts are no political events
    objects: dict[str, frozenset[str]] = field(default_factory=dict)  # object class -> lemmas ("aid": aid, food, ...)
    evaluations: dict[str, str] = field(default_factory=dict)  # word -> neg | pos ("called it a scam")
    accidents: frozenset[str] = frozenset()  # "crash", "earthquake": violence with one of them and no one doing it is none
    labour: frozenset[str] = frozenset()  # words of a labour dispute ("pay", "union"): a strike there is a protest


def _none(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


def _parse(key: str) -> tuple[str, str | None, str | None, str | None]:
    word, particle, dependent, head = key, None, None, None
    if "~" in word:
        word, dependent = word.split("~", 1)
    if "<" in word:
        word, head = word.split("<", 1)
    if " " in word:
        word, particle = word.split(" ", 1)
    return word, particle, dependent, head


@functools.lru_cache(maxsize=1)
def event_triggers() -> dict[str, tuple[Trigger, ...]]:
    """lemma -> its entries, the most specific (with a particle, dependent
    or head) first."""
    out: dict[str, list[Trigger]] = {}
    for row in read_tsv("event_triggers.tsv"):
        if row["type"] not in PLOVER_TYPES and row["type"] != "-":
            raise ValueError(f"event_triggers.tsv: unknown PLOVER type {row['type']!r} for {row['trigger']!r}")
        word, particle, dependent, head = _parse(row["trigger"])
        out.setdefault(word, []).append(
            Trigger(row["trigger"], word, row["pos"], row["type"], row["cameo"], _none(row["mode"]),
                    _none(row["negated"]), _none(row["frame"]), particle, dependent, head,
                    tuple(c for c in (row.get("object") or "").split("|") if c and c != "-"))
        )
    return {w: tuple(sorted(ts, key=lambda t: (t.particle is None and t.dependent is None and t.head is None)))
            for w, ts in out.items()}


@functools.lru_cache(maxsize=1)
def event_cues() -> EventCues:
    by_role: dict[str, dict[str, str]] = {}
    for row in read_tsv("event_cues.tsv"):
        by_role.setdefault(row["role"], {})[row["word"].lower()] = row["value"]
    return EventCues(
        sectors=by_role.get("sector", {}),
        modes=by_role.get("mode", {}),
        modality=by_role.get("modality", {}),
        light=frozenset(by_role.get("light", {})),
        speech=frozenset(by_role.get("speech", {})),
        persons=frozenset(by_role.get("person", {})),
        apolitical=frozenset(by_role.get("apolitical", {})),
        political=frozenset(by_role.get("political", {})),
        domains=by_role.get("domain", {}),
        objects=_classes(by_role.get("object", {})),
        evaluations=by_role.get("evaluation", {}),
        labour=frozenset(by_role.get("labour", {})),
        accidents=frozenset(by_role.get("accident", {})),
    )


def _classes(words: dict[str, str]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for word, cls in words.items():
        out.setdefault(cls, set()).add(word)
    return {c: frozenset(ws) for c, ws in out.items()}


@dataclass(frozen=True)
class EventModel:
    """A logistic model over binary features: ``weights`` per feature,
    ``bias``, and the ``threshold`` a candidate's probability must reach to
    be kept (``rescue`` where a rule vetoes it)."""

    weights: dict[str, float]
    bias: float
    threshold: float
    rescue: float = 1.0  # the probability a candidate a rule vetoes needs
    scale: float = 1.0  # calibration: probability = logistic(scale * score + shift)
    shift: float = 0.0

    def keeps(self, probability: float, vetoed: bool) -> bool:
        return probability >= (self.rescue if vetoed else self.threshold)

    def probability(self, features: list[str]) -> float:
        z = self.scale * (self.bias + sum(self.weights.get(f, 0.0) for f in features)) + self.shift
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


@functools.lru_cache(maxsize=1)
def event_model() -> EventModel | None:
    """The learned event decision (``data/event_model.tsv``, written by
    ``scripts/train_event_model.py``), or None where the file is absent."""
    path = resources.files(__package__).joinpath("data", "event_model.tsv")
    if not path.is_file():
        return None
    weights: dict[str, float] = {}
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:  # a header, then feature<TAB>weight (names may hold quotes: no csv)
        name, _, weight = line.rpartition("\t")
        weights[name] = float(weight)
    bias = weights.pop("@bias", 0.0)
    threshold = weights.pop("@threshold", 0.5)
    rescue = weights.pop("@rescue", 1.0)
    scale, shift = weights.pop("@scale", 1.0), weights.pop("@shift", 0.0)
    return EventModel(weights, bias, threshold, rescue, scale, shift)
