"""Stories and statements across articles, kept by the writer: hand-made
(fictional) articles for each grouping rule and its negative, in any order."""
from __future__ import annotations

import itertools

from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.records import Article, Entity, Quote, Record
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer, connect

BODY = (
    "Three people were killed and twelve injured when a drone struck a fuel depot on the outskirts of Eastvale early "
    "on Tuesday, officials said. Firefighters battled the blaze for six hours before bringing it under control, the "
    "emergency service said in a statement. {name} said the attack was the third on the region this month."
)
OTHER_BODY = (
    "A fuel depot near Eastvale was hit before dawn, leaving three dead, according to local officials. Witnesses "
    "described a loud explosion followed by a column of black smoke visible across the city. {name} said the attack "
    "was the third on the region this month."
)
CLAIM = "We shot down every drone that crossed the border near Eastvale this week"


def report(ref: str, published: str, source: str, *, body: str = BODY, speaker: str = "Mara Olsen", quote: str = CLAIM,
           headline: str = "", cue: str = "said") -> dict:
    text = f"{headline}\n\n" if headline else ""
    text += body.format(name=speaker) + f' "{quote}," {speaker} {cue}.'
    start = text.rindex(quote)
    name_at = text.rindex(speaker)
    person = Entity("e1", "PERSON", speaker, mentions=((text.index(speaker), text.index(speaker) + len(speaker)), (name_at, name_at + len(speaker))))
    cue_at = text.rindex(cue)
    q = Quote("q1", "direct", (start, start + len(quote)), speaker="e1", speaker_name=speaker, cue=cue, cue_span=(cue_at, cue_at + len(cue)))
    return Record(article=Article(ref, text, title=headline or None, source=source, published=published, language="en"),
                  entities=(person,), quotes=(q,)).to_dict()


def denial(ref: str, published: str) -> dict:
    text = ("Colonel Ivan Petrov of the border guard spoke on Thursday. Petrov denied that Mara Olsen's forces had shot down "
            "every drone that crossed the border near Eastvale this week.")
    content = "that Mara Olsen's forces had shot down every drone that crossed the border near Eastvale this week"
    s = text.index(content)
    ents = (Entity("e1", "PERSON", "Ivan Petrov", mentions=((text.index("Ivan Petrov"), text.index("Ivan Petrov") + 11),)),
            Entity("e2", "PERSON", "Mara Olsen", mentions=((text.index("Mara Olsen"), text.index("Mara Olsen") + 10),)))
    cue_at = text.index("denied")
    q = Quote("q1", "indirect", (s, s + len(content)), speaker="e1", speaker_name="Ivan Petrov", cue="denied", cue_span=(cue_at, cue_at + 6))
    return Record(article=Article(ref, text, source="Border Daily", published=published, language="en"), entities=ents, quotes=(q,)).to_dict()


def corpus() -> list[dict]:
    return [
        report("wire", "2025-03-04", "Newswire"),
        report("copy", "2025-03-05", "City Paper", headline="Drone kills three at Eastvale depot"),  # the wire copy, a new headline
        report("own", "2025-03-05", "Radio East", body=OTHER_BODY),  # its own report of the event, the same quote
        report("other-speaker", "2025-03-05", "Valley Post", speaker="Tobias Renn", body=(
            "Emergency crews in Eastvale spent Tuesday clearing wreckage from the depot, and schools in two districts stayed "
            "closed while inspectors checked the air. {name}, who chairs the city council, said the attack was a warning.")),
        report("other-words", "2025-03-06", "Newswire", body=OTHER_BODY.replace("three dead", "three people dead"),
               quote="The depot will be rebuilt by the spring with money from the capital"),
        denial("denial", "2025-03-06"),
    ]


def build(tmp_path, records, name="kb.db"):
    db = tmp_path / name
    conn = connect(db)
    Writer(conn, "test-1").write(records)
    conn.close()
    return db


def groups(db):
    with KnowledgeBase(db) as kb:
        stories = sorted(sorted(a["article"] for a in s["articles"]) for s in kb.stories())
        statements = sorted((s["speaker"], sorted(r["article"] for r in s["reports"]), s["first_report"], s["n_sources"],
                             sorted(d["article"] for d in s["denied_by"])) for s in kb.statements())
    return stories, statements


def test_a_wire_copy_joins_its_story_and_another_newsrooms_report_does_not(tmp_path):
    db = build(tmp_path, corpus())
    with KnowledgeBase(db) as kb:
        (story,) = kb.stories()
    assert story["story"] == "wire" and story["n_articles"] == 2 and story["n_outlets"] == 2
    assert [a["article"] for a in story["articles"]] == ["wire", "copy"]  # earliest first


def test_one_statement_with_every_report_said_first_and_independent_sources(tmp_path):
    db = build(tmp_path, corpus())
    with KnowledgeBase(db) as kb:
        (st,) = kb.statements()
        assert kb.statements(speaker="Olsen")[0]["n_reports"] == 3
        assert kb.statements(speaker="Tobias Renn") == []  # the same words from someone else are not her statement
    assert st["speaker"] == "Mara Olsen" and st["first_report"] == "wire" and st["first_published"] == "2025-03-04"
    assert [r["article"] for r in st["reports"]] == ["wire", "copy", "own"]
    assert (st["n_reports"], st["n_articles"], st["n_sources"]) == (3, 3, 2)  # the copy is no independent source
    assert [d["article"] for d in st["denied_by"]] == ["denial"]
    assert st["denied_by"][0]["speaker"] == "Ivan Petrov"


def test_the_same_input_in_any_order_gives_the_same_groups(tmp_path):
    records = corpus()
    want = groups(build(tmp_path, records, "first.db"))
    for n, order in enumerate(itertools.islice(itertools.permutations(records), 0, 720, 97)):
        assert groups(build(tmp_path, list(order), f"order{n}.db")) == want


def test_re_extracting_the_article_that_held_a_group_together_rebuilds_it(tmp_path):
    records = corpus()
    db = build(tmp_path, records)
    conn = connect(db)
    aid = conn.execute("SELECT id FROM articles WHERE ref = 'copy'").fetchone()[0]
    changed = report("copy", "2025-03-05", "City Paper", headline="Drone kills three", quote="Nothing like what the wire said at all today")
    changed["article"]["text"] = records[1]["article"]["text"]  # the same stored text, a different extraction
    Writer(conn, "test-2").replace(aid, changed)
    conn.close()
    stories, statements = groups(db)
    assert stories == [["copy", "wire"]]  # the text still is a copy
    assert statements[0][1] == ["own", "wire"]  # its quote no longer counts


def test_cli_lists_stories_and_statements(tmp_path):
    db = build(tmp_path, corpus())
    runner = CliRunner(env={"COLUMNS": "240"})
    out = runner.invoke(cli, ["stories", "--db", str(db)], catch_exceptions=False).output
    assert "wire" in out and "Drone kills three" in out
    out = runner.invoke(cli, ["statements", "--db", str(db)], catch_exceptions=False).output
    assert "Mara Olsen" in out and "Ivan Petrov (denial)" in out


# ------------------------------------------------------------------ incidents

from newsgraph.records import Actor, Event, Figure, Location  # noqa: E402

WIRE_REST = "regional officials said on Tuesday. Rescue teams searched the rubble of two apartment blocks until the morning."
OWN_REST = ("according to the mayor, who visited the site with firefighters. Schools in the district will stay shut this week "
            "while engineers inspect the damaged buildings and the heating network.")


def attack(ref: str, published: str, attacker: str, country: str, killed: int, source: str, opening: str, rest: str = WIRE_REST) -> dict:
    text = f"{opening} {attacker} forces shelled Kharkiv overnight, killing {killed} people, {rest}"
    a = text.index(attacker)
    k = text.index("Kharkiv")
    fig = text.index(f"{killed} people")
    ents = (Entity("e1", "NORP", attacker, country=country, mentions=((a, a + len(attacker)),)),
            Entity("e2", "GPE", "Kharkiv", country="UKR", mentions=((k, k + 7),)))
    loc = Location("l1", "Kharkiv", "UKR", "city", 49.98, 36.25, geonameid=706483, mentions=((k, k + 7),))
    f = Figure("f1", (fig, fig + len(f"{killed} people")), f"{killed} people", killed, unit="people", category="killed")
    clause = text.index("shelled")
    ev = Event("v1", "ASSAULT", "195", (a, text.index(", killing")), trigger_span=(clause, clause + 7),
               actor=Actor(f"{attacker} forces", "e1", country), target=Actor("Kharkiv", "e2", "UKR"), location="l1",
               date="2025-03-04", figures=("f1",))
    return Record(article=Article(ref, text, source=source, published=published, language="en"), entities=ents, figures=(f,),
                  locations=(loc,), events=(ev,)).to_dict()


def attacks() -> list[dict]:
    return [
        attack("kh-wire", "2025-03-04", "Russian", "RUS", 12, "Newswire", "KHARKIV -"),
        attack("kh-copy", "2025-03-04", "Russian", "RUS", 12, "City Paper", "Kharkiv shelled overnight. KHARKIV -"),
        attack("kh-own", "2025-03-05", "Russian", "RUS", 14, "Radio East", "In the north of the country,", OWN_REST),
        attack("kh-other", "2025-03-04", "Belarusian", "BLR", 2, "Radio East", "Separately,", OWN_REST.replace("mayor", "governor")),
    ]


def test_one_incident_with_every_report_and_the_figures_side_by_side(tmp_path):
    db = build(tmp_path, attacks())
    with KnowledgeBase(db) as kb:
        (inc,) = kb.incidents()
    assert inc["type"] == "ASSAULT" and inc["place"] == "Kharkiv" and inc["first_report"] == "kh-wire"
    assert [m["article"] for m in inc["mentions"]] == ["kh-wire", "kh-copy", "kh-own"]  # not the other attacker's
    assert (inc["n_mentions"], inc["n_articles"], inc["n_sources"]) == (3, 3, 2)  # the copy is one source with the wire
    assert [(m["article"], [c["value"] for c in m["casualties"]]) for m in inc["mentions"]] == [
        ("kh-wire", [12]), ("kh-copy", [12]), ("kh-own", [14])]  # the reports disagree: both kept, each with its source


def test_incidents_do_not_depend_on_the_order_of_reports(tmp_path):
    records = attacks()

    def grouped(name, recs):
        with KnowledgeBase(build(tmp_path, recs, name)) as kb:
            return sorted(sorted(m["article"] for m in i["mentions"]) for i in kb.incidents())

    want = grouped("a.db", records)
    for n, order in enumerate(itertools.permutations(records)):
        assert grouped(f"p{n}.db", list(order)) == want


def test_cli_incidents_says_how_many(tmp_path):
    db = build(tmp_path, attacks())
    result = CliRunner(env={"COLUMNS": "240"}).invoke(cli, ["incidents", "--db", str(db)], catch_exceptions=False)
    assert "1 incidents, 3 articles, 2 sources" in result.stderr
    assert "kh-wire" in result.stdout


def test_a_later_report_joins_its_group_with_one_row_and_an_earlier_one_relabels_it():
    """The cost of joining a group does not grow with the group: one row,
    unless the newcomer becomes the group's first."""
    import sqlite3

    from newsgraph.store.linking import _attach

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE g(member INTEGER PRIMARY KEY, grp INTEGER)")
    conn.executemany("INSERT INTO g VALUES (?, 10)", [(m,) for m in range(10, 110)])
    first = lambda ids: min(ids)  # noqa: E731  (the earliest report: here the smallest id)
    before = conn.total_changes
    _attach(conn.cursor(), ("g", "member", "grp"), 500, [40, 41], first)
    assert conn.total_changes - before == 1
    assert conn.execute("SELECT grp FROM g WHERE member = 500").fetchone() == (10,)
    before = conn.total_changes
    _attach(conn.cursor(), ("g", "member", "grp"), 5, [99], first)  # earlier than the group's first
    assert conn.total_changes - before == 102
    assert conn.execute("SELECT DISTINCT grp FROM g").fetchall() == [(5,)]
    conn.execute("INSERT INTO g VALUES (900, 900), (901, 900)")  # a second group; a newcomer matching both joins them
    _attach(conn.cursor(), ("g", "member", "grp"), 950, [50, 901], first)
    assert conn.execute("SELECT DISTINCT grp FROM g").fetchall() == [(5,)]


def test_candidates_come_from_the_window_not_from_the_newest_of_the_whole_base(tmp_path, monkeypatch):
    """With the cap at 2, two newer statements of the speaker months away must
    not crowd out the report from the day before."""
    import newsgraph.store.linking as linking

    monkeypatch.setattr(linking, "MAX_CANDIDATES", 2)
    records = [report("first", "2025-03-04", "Newswire", body=OTHER_BODY)]
    records += [report(f"later-{n}", "2025-09-0{n}", "Valley Post", body=OTHER_BODY.replace("three dead", f"{n} dead"),
                       quote=q) for n, q in ((1, "Our harvest this autumn was the largest the valley has seen"),
                                             (2, "Nobody in this council will vote for a new toll on the bridge"))]
    records.append(report("again", "2025-03-05", "City Paper"))  # the first one's words again, a day later
    _, statements = groups(build(tmp_path, records))
    assert [s[1] for s in statements] == [["again", "first"]]
