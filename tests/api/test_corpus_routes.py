"""Stories, statements and incidents through the API: two outlets carry one
wire report (one story, one statement, one incident), a third article is
unrelated."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsgraph.app import create_app
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer

from ..store.helpers import ukraine_record

QUOTE = "We will rebuild every school in Kharkiv before winter"


def _copy(ref: str, url: str) -> dict:
    rec = ukraine_record(ref, url=url)
    art = rec["article"]
    art["text"] += f' "{QUOTE}," Zelenskyy said. Emergency crews searched the rubble of two apartment blocks until dawn.'
    start = art["text"].index(QUOTE)
    cue = art["text"].index("said", start)
    rec["quotes"].append({"id": "q2", "kind": "direct", "span": [start, start + len(QUOTE)], "speaker": "e1",
                          "speaker_name": "Volodymyr Zelenskyy", "source_span": None, "cue": "said", "cue_span": [cue, cue + 4],
                          "act": "statement", "confidence": 0.9})
    return rec


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "kb.db"
    with KnowledgeBase(path) as kb:
        Writer(kb.conn, "t").write([_copy("a1", "https://news.example/a1"), _copy("a3", "https://other.example/a3"),
                                    ukraine_record("a2", "Zelensky", "2025-04-01")])
    with TestClient(create_app(path)) as c:
        yield c


def test_stories(client):
    body = client.get("/api/stories").json()
    assert [s["n_articles"] for s in body["rows"]] == [2]
    assert {a["article"] for a in body["rows"][0]["articles"]} == {"a1", "a3"}


def test_statements_said_first_and_every_report(client):
    body = client.get("/api/statements", params={"speaker": "Zelensky"}).json()
    (st,) = body["rows"]
    assert st["quote"] == QUOTE and st["n_reports"] == 2 and st["n_sources"] == 1  # one story: a copy is not a second source
    assert body["filters"] == {"speaker": "Zelensky", "min_reports": 2}
    assert client.get("/api/statements", params={"speaker": "Nobody Atall"}).json()["rows"] == []


def test_incidents_with_counts_and_filters(client):
    (inc,) = client.get("/api/incidents").json()["rows"]
    assert inc["type"] == "ASSAULT" and (inc["n_mentions"], inc["n_articles"], inc["n_sources"]) == (2, 2, 1)
    assert [m["casualties"][0]["value"] for m in inc["mentions"]] == [12, 12]
    assert client.get("/api/incidents", params={"type": "assault", "since": "2025-02-12"}).json()["rows"]
    assert client.get("/api/incidents", params={"type": "PROTEST"}).json()["rows"] == []
    assert client.get("/api/incidents", params={"until": "2025-02-01"}).json()["rows"] == []


@pytest.mark.parametrize("url, params", [("/api/incidents", {"since": "soon"}), ("/api/incidents", {"min_articles": 0}),
                                         ("/api/statements", {"speaker": "x" * 201}), ("/api/stories", {"min_articles": "two"}),
                                         ("/api/incidents", {"type": "<b>"})])
def test_bad_parameters_are_422s(client, url, params):
    assert client.get(url, params=params).status_code == 422


# the same groups as pages

def test_the_incidents_page_counts_articles_and_sources_and_lists_every_report(client):
    page = client.get("/incidents")
    assert page.status_code == 200
    assert "<b>1</b> incident on this page, <b>2</b> articles, <b>1</b> source" in page.text  # two copies of one story
    assert page.text.count('href="/articles/a1?span=') == 1 and page.text.count('href="/articles/a3?span=') == 1
    assert client.get("/incidents", params={"type": "PROTEST"}).text.count("<article class=\"group incident\">") == 0
    assert client.get("/incidents", params={"type": "BOMBING"}).status_code == 422


def test_the_statements_page_shows_the_first_report_and_every_report(client):
    page = client.get("/statements", params={"speaker": "Zelensky"})
    assert page.status_code == 200 and QUOTE in page.text
    assert "2 reports in 2 articles" in page.text
    first = page.text.index("said first in")
    assert 'href="/articles/a1"' in page.text[first:first + 200]
    assert "No statements" in client.get("/statements", params={"speaker": "Nobody Atall"}).text


def test_the_stories_page_and_the_entity_page_show_the_groups(client):
    page = client.get("/stories")
    assert page.status_code == 200 and "2 articles from 1 outlet ·" in page.text and page.text.count("<article class=\"group story\">") == 1
    entity = client.get("/entities/Volodymyr Zelenskyy")
    assert entity.status_code == 200
    section = entity.text[entity.text.index("Statements reported more than once"):]
    assert QUOTE in section[:800]
