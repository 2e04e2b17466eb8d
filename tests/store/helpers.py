"""Hand-made records (fictional) in the contract's shape, for store and export tests."""
from __future__ import annotations

from newsgraph.records import Actor, Article, DateRef, Entity, Event, Figure, Flag, Location, Quality, Quote, Record


def _span(text: str, part: str, start: int = 0) -> tuple[int, int]:
    i = text.index(part, start)
    return (i, i + len(part))


def ukraine_record(ref: str = "a1", name: str = "Volodymyr Zelenskyy", published: str = "2025-02-12", url: str | None = None) -> dict:
    surname = name.split()[-1]
    text = (f"Ukrainian President {name} said on Wednesday that \"the shelling must stop\". "
            f"Russian forces shelled Kharkiv overnight, killing 12 people, {surname} added.")
    ents = (
        Entity("e1", "PERSON", name, aliases=(surname,) if " " in name else (), titles=("Ukrainian President",), country="UKR",
               mentions=(_span(text, name), _span(text, surname, text.index("added") - len(surname) - 2))),
        Entity("e2", "NORP", "Russian", country="RUS", mentions=(_span(text, "Russian"),)),
        Entity("e3", "GPE", "Kharkiv", country="UKR", mentions=(_span(text, "Kharkiv"),)),
    )
    quote = Quote("q1", "direct", _span(text, "the shelling must stop"), speaker="e1", speaker_name=name,
                  cue="said", cue_span=_span(text, "said"), confidence=0.9)
    fig = Figure("f1", _span(text, "12 people"), "12 people", 12, unit="people", category="killed", measures="civilians")
    loc = Location("l1", "Kharkiv", "UKR", "city", 49.98, 36.25, geonameid=706483, mentions=(_span(text, "Kharkiv"),))
    event = Event("v1", "ASSAULT", "195", _span(text, "Russian forces shelled Kharkiv overnight"), trigger_span=_span(text, "shelled"),
                  mode="artillery", actor=Actor("Russian forces", "e2", "RUS"), target=Actor("Kharkiv", "e3", "UKR"),
                  location="l1", date=published, reported_by="q1", figures=("f1",), confidence=0.8)
    date = DateRef(_span(text, "Wednesday"), "Wednesday", published, "day")
    return Record(
        article=Article(ref, text, title=f"{surname} speaks", url=url, source="Fictional Wire", published=published, language="en"),
        entities=ents, quotes=(quote,), figures=(fig,), events=(event,), locations=(loc,), dates=(date,),
        quality=Quality(0.8, (Flag("repetition", _span(text, "overnight")),)),
    ).to_dict()


def miller_record(ref: str, given: str, title: str, country: str, text_extra: str = "") -> dict:
    name = f"{given} Miller"
    text = f"{title} {name} spoke to reporters. {text_extra}".strip()
    ent = Entity("e1", "PERSON", name, titles=(title,), country=country, mentions=(_span(text, name),))
    return Record(article=Article(ref, text, published="2025-03-01", language="en"), entities=(ent,)).to_dict()


def surname_record(ref: str, surname: str, title: str | None = None, country: str | None = None) -> dict:
    text = f"Officials quoted {surname} at length on Monday in {ref}."
    ent = Entity("e1", "PERSON", surname, titles=(title,) if title else (), country=country, mentions=(_span(text, surname),))
    return Record(article=Article(ref, text, published="2025-03-02", language="en"), entities=(ent,)).to_dict()
