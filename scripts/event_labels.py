"""Hand labels of event candidates, stored without the text they label.

``scripts/data/event_labels.tsv`` holds one row per labelled candidate of an
article in ``../shared`` (TR-News articles outside the dev sets, BBC 2005,
PolNeAR train): the source file, the article id, the trigger's character
offsets in the original text, the candidate's PLOVER type, the label (1: a
real event of that type, asserted or a future commitment/threat, as
``../shared/eval/guides/events.md`` requires it; 0: not an event of that type;
``opt``: what the guide makes optional: background, negated, hypothetical, a
second telling) and a checksum of the trigger's text (so a row that no longer
points at its word is found, not silently misread).

    python scripts/event_labels.py dump SOURCE [ID ...]   # candidates to label, with their sentence
    python scripts/event_labels.py check                  # every row still points at its trigger

``scripts/train_event_model.py`` reads the rows through ``load_labels``.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import zlib
from pathlib import Path

LABELS = Path(__file__).parent / "data" / "event_labels.tsv"
FIELDS = ("source", "id", "start", "end", "type", "label", "crc")
#: the gold sets that measure: never labelled, never trained on
MEASURED = ("eval/dev/trnews30.jsonl", "eval/dev/seed.jsonl", "eval/dev/plover-gsr.jsonl")


def crc(text: str) -> str:
    return f"{zlib.crc32(text.lower().encode('utf-8')) & 0xFFFF:04x}"


def load_labels(path: Path = LABELS) -> dict[str, dict[str, dict[tuple[int, str], str]]]:
    """source -> article id -> (trigger start, type) -> label ("1", "0", "opt")."""
    out: dict[str, dict[str, dict[tuple[int, str], str]]] = {}
    if not path.is_file():
        return out
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        out.setdefault(row["source"], {}).setdefault(row["id"], {})[(int(row["start"]), row["type"])] = row["label"]
    return out


def measured_ids(shared: Path) -> set[str]:
    ids = set()
    for name in MEASURED:
        p = shared / name
        if p.is_file():
            ids.update(json.loads(line)["id"] for line in p.open(encoding="utf-8"))
    return ids


def articles(shared: Path, source: str):
    for line in (shared / source).open(encoding="utf-8"):
        yield json.loads(line)


def dump(shared: Path, source: str, ids: list[str]) -> None:
    from train_event_model import Extractor  # noqa: E402  (scripts/ is on the path when run from there)

    ex = Extractor()
    banned = measured_ids(shared)  # and what the events gold labels already
    banned.update(json.loads(line)["id"] for line in (shared / "eval/train/events-news.jsonl").open(encoding="utf-8"))
    for item in articles(shared, source):
        if item["id"] in banned or (ids and item["id"] not in ids):
            continue
        text = item["text"]
        print(f"=== {source}\t{item['id']}")
        for c in ex.candidates(text):
            s, e = c.trigger
            lo, hi = c.sentence
            print(f"{source}\t{item['id']}\t{s}\t{e}\t{c.type}\t?\t{crc(text[s:e])}\t"
                  f"# {text[s:e]!r} p={c.p:.2f} veto={c.veto} actor={c.actor!r} target={c.target!r} "
                  f":: {' '.join(text[lo:hi].split())}")


def check(shared: Path) -> int:
    bad = 0
    banned = measured_ids(shared)
    lines = [ln for ln in LABELS.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    texts: dict[tuple[str, str], str] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        if (row["source"], row["id"]) not in texts:
            texts.update({(row["source"], a["id"]): a["text"] for a in articles(shared, row["source"])})
        text = texts.get((row["source"], row["id"]))
        if row["id"] in banned or text is None or crc(text[int(row["start"]):int(row["end"])]) != row["crc"]:
            print("bad row:", row, file=sys.stderr)
            bad += 1
    return bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("source")
    d.add_argument("ids", nargs="*")
    sub.add_parser("check")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.shared, args.source, args.ids)
    else:
        sys.exit(1 if check(args.shared) else 0)


if __name__ == "__main__":
    main()
