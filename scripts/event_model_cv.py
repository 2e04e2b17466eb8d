"""End-to-end cross-validation of the learned event decision on the
``events-news`` articles: for each of 5 folds (grouped by article), a model
trained on the other folds (plus PLV and the hand labels) runs inside
``extract_events`` on the held-out articles, and its events (folded to one
record per event) are scored against the gold as ``score.py`` scores them
(type among the accepted ones, spans overlapping, optional events neither
way). This is how ``--threshold`` of ``train_event_model.py`` and the feature
set were chosen; the dev sets are never read.

    python scripts/event_model_cv.py [--thresholds 0.2,0.3] [--C 0.3,1.0] [--cache FILE]
"""
from __future__ import annotations

import argparse
import importlib
import json
import pickle
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).parent))
import train_event_model as T  # noqa: E402

from newsgraph.extract import extract_entities  # noqa: E402
from newsgraph.extract.coref import resolve_coreference  # noqa: E402
from newsgraph.extract.dates import extract_dates  # noqa: E402
from newsgraph.extract.doc_cache import remember_text  # noqa: E402
from newsgraph.extract.figures import extract_figures  # noqa: E402
from newsgraph.extract.places import extract_places, with_place_countries  # noqa: E402
from newsgraph.extract.quotes import extract_quotes  # noqa: E402
from newsgraph.ingest import normalize  # noqa: E402
from newsgraph.lexicons.events import EventModel  # noqa: E402

events_mod = importlib.import_module("newsgraph.extract.events")


def overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def parsed(ex: T.Extractor, shared: Path):
    """Every events-news article through the stages before the events, once."""
    out = []
    for line in (shared / "eval" / "train" / "events-news.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        nt = normalize(item["text"])
        doc = ex.nlp(nt.text)
        remember_text(doc, nt.text)
        ents = extract_entities(doc)
        dates = extract_dates(doc, item.get("published"), nt.text)
        figs, _ = extract_figures(doc, dates, nt.text)
        locs = extract_places(doc, ents, ex.gazetteer)
        ents = resolve_coreference(doc, with_place_countries(ents, locs))
        out.append((item, nt, (doc, ents, extract_quotes(doc, ents), dates, figs, locs)))
    return out


def score(item, nt, events) -> tuple[int, int, int]:
    pred = [(e.type, nt.to_original(*e.span)) for e in events]
    gold = item["events"]
    used, taken = set(), set()
    for gi in sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional"))):  # required first
        for pi, (t, span) in enumerate(pred):
            if pi not in taken and t in gold[gi]["types"] and (not gold[gi].get("span") or overlap(span, gold[gi]["span"])):
                taken.add(pi)
                used.add(gi)
                break
    required = [i for i, g in enumerate(gold) if not g.get("optional")]
    tp = sum(1 for i in required if i in used)
    return tp, len(pred) - len(taken), len(required) - tp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--thresholds", default="0.2,0.3,0.4")
    ap.add_argument("--C", default="0.3,1.0")
    ap.add_argument("--cache", type=Path, help="keep the labelled candidates here (rebuilt when absent)")
    args = ap.parse_args()
    if args.cache and args.cache.is_file():
        rows, y, w, groups = pickle.loads(args.cache.read_bytes())
    else:
        rows, y, w, groups = T.build(args.shared, 0.5, None)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((rows, y, w, groups)))
    vec = DictVectorizer()
    X = vec.fit_transform([dict.fromkeys(r, 1) for r in rows])
    names = vec.get_feature_names_out()
    arts = parsed(T.Extractor(), args.shared)
    ids = np.array([a[0]["id"] for a in arts])
    thresholds = [float(t) for t in args.thresholds.split(",")]
    for C in (float(c) for c in args.C.split(",")):
        totals = {t: np.zeros(3, dtype=int) for t in thresholds}
        for _train, test in GroupKFold(n_splits=5).split(ids, groups=ids):
            held = set(ids[test])
            train = np.array([g not in held for g in groups])
            m = LogisticRegression(C=C, max_iter=2000).fit(X[train], y[train], sample_weight=w[train])
            weights = dict(zip(names, m.coef_[0]))
            for t in thresholds:
                model = EventModel(weights, float(m.intercept_[0]), t, 0.8, 1.0, 0.0)
                events_mod.event_model = lambda model=model: model
                for item, nt, stages in arts:
                    if item["id"] in held:
                        totals[t] += score(item, nt, events_mod.extract_events(*stages))
        for t in thresholds:
            tp, fp, fn = totals[t]
            p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
            print(f"C={C} threshold={t}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f} (tp {tp} fp {fp} fn {fn})")


if __name__ == "__main__":
    main()
