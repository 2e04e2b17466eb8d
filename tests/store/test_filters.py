"""One filter object each for quotes and events, read by the queries and built
alike by the CLI, the API and the pages."""
import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer
from newsgraph.store.filters import EventFilter, QuoteFilter

from .helpers import miller_record, ukraine_record


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "kb.db"
    with KnowledgeBase(path) as kb:
        Writer(kb.conn, "t").write([ukraine_record("a1", "Volodymyr Zelenskyy", "2025-02-12"),
                                    ukraine_record("a2", "Zelensky", "2025-03-20"),
                                    miller_record("m1", "John", "Senator", "USA", "He warned of a rail strike in Ohio.")])
    return path


def test_blank_fields_filter_nothing_and_given_echoes_what_is_set():
    filt = EventFilter(type="", actor="Russian", since=None)
    assert filt.type is None
    assert filt.given() == {"actor": "Russian"}
    assert QuoteFilter().given() == {"act": "statement"}


def test_a_quote_act_no_record_can_have_is_refused():
    with pytest.raises(ValueError, match="act: 'opinion'"):
        QuoteFilter(act="opinion")


def test_unknown_filter_names_are_refused_not_ignored(db):
    with KnowledgeBase(db) as kb, pytest.raises(TypeError):
        kb.events(kind="ASSAULT")


def test_a_filter_object_and_its_fields_as_keywords_select_the_same_rows(db):
    with KnowledgeBase(db) as kb:
        assert kb.events(EventFilter(actor="Russian", since="2025-03-01")) == kb.events(actor="Russian", since="2025-03-01")
        assert [r["article"] for r in kb.events(EventFilter(actor="Russian", since="2025-03-01"))] == ["a2"]
        assert kb.quotes(QuoteFilter(speaker="Zelensky", min_confidence=0.95)) == []
        assert len(kb.quotes(QuoteFilter(speaker="Zelensky", min_confidence=0.5))) == 2


def test_the_cli_builds_the_same_filter(db):
    run = lambda *args: CliRunner().invoke(cli, [*args, "--db", str(db), "--format", "json"])
    few = run("events", "--country", "ukr", "--min-confidence", "0.9")
    assert few.exit_code == 0 and few.output.strip() == "[]"
    some = run("events", "--country", "ukr", "--min-confidence", "0.5", "--since", "2025-03-01")
    assert some.exit_code == 0 and '"a2"' in some.output and '"a1"' not in some.output


def test_the_api_and_the_pages_answer_one_filter(db):
    from fastapi.testclient import TestClient

    from newsgraph.app import create_app

    with TestClient(create_app(db)) as client:
        api = client.get("/api/events", params={"actor": "Russian", "since": "2025-03-01", "min_confidence": "0.5"}).json()
        assert api["filters"] == {"actor": "Russian", "since": "2025-03-01", "min_confidence": 0.5}
        assert [r["article"] for r in api["rows"]] == ["a2"]
        page = client.get("/events", params={"actor": "Russian", "since": "2025-03-01", "type": "", "place": ""})
        assert page.status_code == 200 and "a2" in page.text and 'href="/articles/a1' not in page.text
        assert client.get("/api/quotes", params={"act": "opinion"}).status_code == 422
