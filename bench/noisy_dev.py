"""Extraction on noisy text: score the dev sets clean and with injected
machine-translation noise, and print both and the deltas.

    .venv/bin/python bench/noisy_dev.py [--sets seed,polnear-dev,plover-gsr] [--seed 10] [--rate 80]

Each gold article gets, deterministically (``--seed``), per ``--rate`` words
(at least one of each): a doubled word ("minerals minerals"), a phrase said
again after "and" ("the harbour and the harbour"), a hyphen artefact
("long -term") and, in articles of two or more sentences, one scrambled
sentence. Noise is only put where no gold span and no gold name is (a
scrambled speaker can't be scored), and every gold offset after an insertion
is shifted, so the gold stays exact on the noisy text. Target (issue 10):
each noisy score within 5 points of the clean one. Exits cleanly when
../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
SCORE = SHARED / "score.py"
CMD = f"{sys.executable} -m newsgraph.cli extract --format jsonl"
_WORD = re.compile(r"(?<![\w'-])[a-z]{4,}(?![\w'-])")
_COMPOUND = re.compile(r"\b([^\W\d_]{2,})-([^\W\d_]{2,})\b")
_SENTENCE = re.compile(r"[A-Z][^.!?\n\"“”]{30,200}[.]")
#: the score.py figures compared, per section
METRICS = ("f1", "f1_with_speaker", "actor_acc", "target_acc", "found", "acc161")


def gold_spans(obj, found=None):
    """Every [start, end] pair in a gold item, as mutable lists."""
    found = [] if found is None else found
    if isinstance(obj, dict):
        for value in obj.values():
            gold_spans(value, found)
    elif isinstance(obj, list):
        if len(obj) == 2 and all(isinstance(x, int) for x in obj):
            found.append(obj)
        else:
            for value in obj:
                gold_spans(value, found)
    return found


def gold_names(obj, found=None):
    """Every string in a gold item but the text (speakers, actors, names)."""
    found = [] if found is None else found
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key not in ("text", "id", "published"):
                gold_names(value, found)
    elif isinstance(obj, list):
        for value in obj:
            gold_names(value, found)
    elif isinstance(obj, str) and len(obj) > 2:
        found.append(obj)
    return found


class Noisy:
    """One gold article being made noisy: edits keep its gold offsets exact."""

    def __init__(self, item: dict):
        self.item = item
        self.spans = gold_spans({k: v for k, v in item.items() if k != "text"})
        self.blocked = [(s, e) for s, e in self.spans]
        text = item["text"]
        for name in gold_names(item):
            for m in re.finditer(re.escape(name), text):
                self.blocked.append((m.start(), m.end()))

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.blocked)

    def insert(self, at: int, piece: str) -> None:
        self.item["text"] = self.item["text"][:at] + piece + self.item["text"][at:]
        for span in self.spans:
            for i in (0, 1):
                if span[i] > at or (i == 0 and span[i] == at):
                    span[i] += len(piece)
        self.blocked = [(s + len(piece) if s >= at else s, e + len(piece) if e > at else e) for s, e in self.blocked]
        self.blocked.append((at, at + len(piece)))

    def replace(self, start: int, end: int, piece: str) -> None:
        """Same-length replacement (scrambles)."""
        assert len(piece) == end - start
        self.item["text"] = self.item["text"][:start] + piece + self.item["text"][end:]
        self.blocked.append((start, end))


def add_noise(item: dict, rng: random.Random, rate: int) -> dict:
    noisy = Noisy(json.loads(json.dumps(item)))
    n = max(1, len(item["text"].split()) // rate)
    for _ in range(n):
        _double(noisy, rng)
        _repeat(noisy, rng)
        _hyphen(noisy, rng)
    if len(re.findall(r"[.!?](\s|$)", item["text"])) >= 2:
        _scramble(noisy, rng)
    return noisy.item


def _choose(noisy, pattern, rng):
    options = [m for m in pattern.finditer(noisy.item["text"]) if noisy.free(m.start(), m.end())]
    return rng.choice(options) if options else None


def _double(noisy, rng):
    m = _choose(noisy, _WORD, rng)
    if m:
        noisy.insert(m.end(), " " + m.group())


def _repeat(noisy, rng):
    m = _choose(noisy, _WORD, rng)
    if m:
        text = noisy.item["text"]
        start = text.rfind(" ", 0, m.start() - 1) + 1  # with the word before
        if noisy.free(start, m.end()) and "\n" not in text[start : m.end()]:
            noisy.insert(m.end(), " and " + text[start : m.end()])


def _hyphen(noisy, rng):
    m = _choose(noisy, _COMPOUND, rng)
    if m:
        noisy.insert(m.start(2) - 1, " ")  # "long-term" -> "long -term"


def _scramble(noisy, rng):
    m = _choose(noisy, _SENTENCE, rng)
    if m:
        words = m.group()[:-1].split()
        rng.shuffle(words)
        noisy.replace(m.start(), m.end(), (" ".join(words) + ".").ljust(m.end() - m.start())[: m.end() - m.start()])


def score(path: Path, cwd: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORE), str(path), "--cmd", CMD, "--json"], cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(next(line for line in out.stdout.splitlines() if line.startswith("{")))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="seed,polnear-dev,plover-gsr")
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--rate", type=int, default=80, help="words per injected noise item of each kind")
    args = ap.parse_args()
    if not SCORE.is_file():
        print(f"skipped: {SCORE} is not present")
        return 0
    root = Path(__file__).resolve().parents[1]
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets.split(","):
            gold = SHARED / "dev" / f"{name}.jsonl"
            rng = random.Random(args.seed)
            with open(gold, encoding="utf-8") as fh:
                items = [json.loads(line) for line in fh if line.strip()]
            noisy_path = Path(tmp) / f"{name}.noisy.jsonl"
            with open(noisy_path, "w", encoding="utf-8") as fh:
                for item in items:
                    fh.write(json.dumps(add_noise(item, rng, args.rate), ensure_ascii=False) + "\n")
            clean, noisy = score(gold, root), score(noisy_path, root)
            for section in sorted(k for k, v in clean.items() if isinstance(v, dict)):
                for key in METRICS:
                    a, b = clean[section].get(key), noisy.get(section, {}).get(key)
                    if a is None or b is None:
                        continue
                    delta = 100 * (b - a)
                    worst = min(worst, delta)
                    print(f"{name:<12} {section:<9} {key:<16} clean {a:.3f}  noisy {b:.3f}  delta {delta:+.1f} pts")
    print(f"largest drop: {-worst:.1f} pts (target <= 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
