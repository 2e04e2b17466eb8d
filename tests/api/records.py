"""Hand-made fictional records for the API and web tests: a plain one with every
record kind, and a hostile one whose text, title and names carry HTML payloads."""
from __future__ import annotations

from newsgraph.records import Actor, Article, DateRef, Entity, Event, Figure, Flag, Location, Quality, Quote, Record

XSS = "<script>alert('pwned')</script>"
XSS_IMG = '<img src=x onerror="alert(1)">'


def _span(text: str, part: str, start: int = 0) -> tuple[int, int]:
    i = text.index(part, start)
    return (i, i + len(part))


def harbour_record() -> dict:
    text = ("Mayor Lena Okafor said on Tuesday that \"the ferry will sail again by spring\". "
            "Dock workers blocked the Veldhaven terminal, stranding 300 passengers, Okafor added.\n"
            "The Harbour Board rejected the union's demands.")
    ents = (
        Entity("e1", "PERSON", "Lena Okafor", aliases=("Okafor",), titles=("Mayor",), country="NLD",
               mentions=(_span(text, "Lena Okafor"), _span(text, "Okafor", text.index("added") - 10))),
        Entity("e2", "ORG", "Harbour Board", mentions=(_span(text, "Harbour Board"),)),
        Entity("e3", "FAC", "Veldhaven terminal", country="NLD", mentions=(_span(text, "Veldhaven terminal"),)),
    )
    quote = Quote("q1", "direct", _span(text, "the ferry will sail again by spring"), speaker="e1", speaker_name="Lena Okafor",
                  cue="said", cue_span=_span(text, "said"), confidence=0.9)
    fig = Figure("f1", _span(text, "300 passengers"), "300 passengers", 300, unit="people", measures="passengers")
    loc = Location("l1", "Rotterdam", "NLD", "city", 51.92, 4.48, geonameid=2747891, mentions=(_span(text, "Veldhaven"),))
    events = (
        Event("v1", "PROTEST", "14", _span(text, "Dock workers blocked the Veldhaven terminal"), trigger_span=_span(text, "blocked"),
              actor=Actor("Dock workers"), target=Actor("Veldhaven terminal", "e3", "NLD"), location="l1", date="2025-04-08"),
        Event("v2", "REJECT", "12", _span(text, "The Harbour Board rejected the union's demands"), trigger_span=_span(text, "rejected"),
              actor=Actor("The Harbour Board", "e2", "NLD"), target=Actor("the union"), date="2025-04-09"),
    )
    return Record(
        article=Article("harbour", text, title="Ferry strike in Veldhaven", source="Fictional Wire", published="2025-04-08", language="en"),
        entities=ents, quotes=(quote,), figures=(fig,), events=events, locations=(loc,),
        dates=(DateRef(_span(text, "Tuesday"), "Tuesday", "2025-04-08", "day"),),
        quality=Quality(0.9, (Flag("repetition", _span(text, "stranding")),)),
    ).to_dict()


def hostile_record() -> dict:
    name = f"Ana {XSS_IMG} Reyes"
    text = (f"Councillor {name} said \"{XSS} we will rebuild\" on Friday. "
            f"Protesters from {XSS} marched in Port Elra.")
    ents = (
        Entity("e1", "PERSON", name, titles=(f"Councillor {XSS}",), mentions=(_span(text, name),)),
        Entity("e2", "ORG", XSS, mentions=(_span(text, XSS, text.index("Protesters")),)),
    )
    quote = Quote("q1", "direct", _span(text, f"{XSS} we will rebuild"), speaker="e1", speaker_name=name,
                  cue="said", cue_span=_span(text, "said"), confidence=0.8)
    event = Event("v1", "PROTEST", "14", _span(text, f"Protesters from {XSS} marched"), trigger_span=_span(text, "marched"),
                  actor=Actor(f"Protesters from {XSS}", "e2"), date="2025-05-02")
    return Record(
        article=Article("hostile", text, title=f"{XSS}Council {XSS_IMG}", url="javascript:alert(1)", source=XSS,
                        published="2025-05-02", language="en"),
        entities=ents, quotes=(quote,), events=(event,),
    ).to_dict()


def long_record(n: int = 80) -> dict:
    """A long article: ``n`` paragraphs, each naming its own official and town, so the side list runs far below the fold."""
    parts, ents = [], []
    pos = 0
    for i in range(1, n + 1):
        person, town = f"Officer Number{i} Kell", f"Townof{i}"
        para = f"In {town}, {person} said the road would reopen soon. Traffic was light and the weather mild for the season.\n\n"
        ents.append(Entity(f"e{2 * i - 1}", "PERSON", person, mentions=((pos + para.index(person), pos + para.index(person) + len(person)),)))
        ents.append(Entity(f"e{2 * i}", "GPE", town, mentions=((pos + para.index(town), pos + para.index(town) + len(town)),)))
        parts.append(para)
        pos += len(para)
    text = "".join(parts).rstrip()
    return Record(article=Article("long", text, title="Roads reopen across the province", source="Fictional Wire",
                                  published="2025-04-01", language="en"), entities=tuple(ents)).to_dict()
