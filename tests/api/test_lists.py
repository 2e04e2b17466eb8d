"""Lists as an analyst uses them: totals, sorting, minimum confidence, the
FTS5 query syntax, and every filtered row as a CSV or JSON download."""
from __future__ import annotations

import csv
import io
import json

import pytest

LISTS = {"articles": {"source": "fictional wire"}, "quotes": {"speaker": "Zelensky"}, "events": {"type": "assault"},
         "entities": {"type": "PERSON"}, "places": {"country": "UKR"}, "search": {"q": "shelling"}}


def api_rows(client, name: str, params: dict) -> list[dict]:
    """Every row of a list, paged through the JSON API two at a time."""
    out, offset = [], 0
    while offset is not None:
        body = client.get(f"/api/{name}", params={**params, "limit": 2, "offset": offset}).json()
        out += body["rows"]
        offset = body["next_offset"]
    return out


def as_text(rows: list[dict]) -> list[dict]:
    return [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]


@pytest.mark.parametrize("name", [n for n in LISTS if n != "search"])
def test_csv_of_a_filtered_list_is_the_apis_rows(client, name):
    params = LISTS[name]
    r = client.get(f"/api/{name}", params={**params, "format": "csv", "limit": 1})  # a download ignores the page
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == f'attachment; filename="newsgraph-{name}.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    expected = api_rows(client, name, params)
    assert rows and rows == as_text(expected)
    assert client.get(f"/api/{name}", params=params, headers={"accept": "text/csv"}).text == r.text
    assert json.loads(client.get(f"/api/{name}", params={**params, "format": "json"}).text) == expected


def test_search_downloads_every_match(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/search", params={"q": "shelling", "format": "csv"}).text)))
    assert {r["article"] for r in rows} == {r["article"] for r in api_rows(client, "search", {"q": "shelling"})} == {"a1", "a2"}
    web = client.get("/articles", params={"search": "shelling", "format": "csv"}).text
    assert web == client.get("/api/articles", params={"search": "shelling", "format": "csv"}).text


def test_the_pages_download_what_they_show(client):
    html = client.get("/quotes", params={"speaker": "Zelensky", "offset": 0}).text
    assert 'href="/quotes?speaker=Zelensky&amp;format=csv"' in html
    web = client.get("/quotes", params={"speaker": "Zelensky", "format": "csv"})
    assert web.headers["content-type"].startswith("text/csv")
    assert web.text == client.get("/api/quotes", params={"speaker": "Zelensky", "format": "csv"}).text
    assert client.get("/events", params={"format": "json"}).json() == api_rows(client, "events", {})


def test_a_spreadsheet_formula_is_defused(client):
    from newsgraph.service.download import csv_chunks

    text = "".join(csv_chunks([{"a": "=HYPERLINK(1)", "b": -3, "c": None}]))
    assert text == "a,b,c\r\n'=HYPERLINK(1),-3,\r\n"
    assert "".join(csv_chunks([])) == ""


def test_totals(client):
    body = client.get("/api/events", params={"limit": 2}).json()
    assert (body["total"], body["total_exact"], len(body["rows"])) == (5, True, 2)
    assert client.get("/api/quotes", params={"speaker": "Zelensky"}).json()["total"] == 2
    assert client.get("/api/search", params={"q": "shelling"}).json()["total"] == 2
    assert client.get("/api/articles", params={"source": "nobody"}).json()["total"] == 0


def test_totals_are_bounded(kb_path):
    from newsgraph.store import connect, queries

    conn = connect(kb_path, create=False)
    listing = queries.entity_listing(conn)
    n = listing.count(conn)[0]
    assert n > 3 and listing.count(conn, bound=n) == (n, True) and listing.count(conn, bound=n - 1) == (n - 1, False)
    conn.close()


@pytest.mark.parametrize("name, sort, key", [
    ("articles", "published", "published"), ("articles", "-published", "published"), ("quotes", "-published", "published"), ("quotes", "speaker", "speaker"), ("events", "date", "date"), ("events", "-type", "type"),
    ("entities", "name", "name"), ("entities", "-mentions", "mentions"), ("places", "name", "name"), ("places", "-events", "events"),
])
def test_sorting(client, name, sort, key):
    values = [r[key] for r in client.get(f"/api/{name}", params={"sort": sort}).json()["rows"]]
    norm = [v.lower() if isinstance(v, str) else v for v in values]
    assert norm == sorted(norm, reverse=sort.startswith("-")) and len(set(norm)) > 1


def test_minimum_confidence(client):
    quotes = client.get("/api/quotes", params={"act": "all"}).json()["rows"]
    assert {q["confidence"] for q in quotes} >= {0.8, 0.9}
    high = client.get("/api/quotes", params={"act": "all", "min_confidence": 0.85}).json()["rows"]
    assert high and all(q["confidence"] >= 0.85 for q in high) and len(high) < len(quotes)
    events = client.get("/api/events", params={"min_confidence": "0.5"}).json()["rows"]
    assert {e["article"] for e in events} == {"a1", "a2"}  # the only events with a confidence
    assert [a["article"] for a in client.get("/api/articles", params={"min_confidence": 0.85}).json()["rows"]] == ["harbour"]
    assert client.get("/quotes", params={"min_confidence": ""}).status_code == 200  # an empty form field


def test_fts5_syntax_through_the_api(client):
    assert {h["article"] for h in client.get("/api/search", params={"q": "shell*"}).json()["rows"]} == {"a1", "a2"}
    assert {h["article"] for h in client.get("/api/search", params={"q": "ferry OR shelling"}).json()["rows"]} == {"a1", "a2", "harbour"}
    assert client.get("/api/search", params={"q": '"sail again"'}).json()["rows"][0]["article"] == "harbour"
    assert client.get("/api/search", params={"q": '"again sail"'}).json()["rows"] == []
    assert [r["article"] for r in client.get("/api/quotes", params={"search": "fer*"}).json()["rows"]] == ["harbour"]
    for q in ["(", "OR", '"', "a NOT", "NOT NOT", "((x", "*"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200
        assert client.get("/articles", params={"search": q}).status_code == 200


def test_entity_profile_lists_its_articles(client):
    p = client.get("/api/entities/Zelensky").json()
    assert {a["article"] for a in p["articles_list"]} == {"a1", "a2"} and all(a["mentions"] == 2 for a in p["articles_list"])
    q = p["quotes"][0]
    assert isinstance(q["start"], int) and q["end"] > q["start"]
    html = client.get("/entities/Zelensky").text
    assert f'/articles/{q["article"]}?span={q["start"]}-{q["end"]}' in html and "2 mentions" in html


@pytest.mark.parametrize("url, params", [
    ("/api/events", {"type": "FOO"}), ("/api/articles", {"sort": "bogus"}), ("/api/quotes", {"sort": "-nope"}),
    ("/api/events", {"sort": "DROP TABLE"}), ("/api/entities", {"sort": "x" * 30}), ("/api/places", {"sort": "published"}), ("/api/articles", {"sort": "title"}),
    ("/api/quotes", {"min_confidence": 2}), ("/api/quotes", {"min_confidence": "high"}), ("/api/events", {"min_confidence": "-1"}),
    ("/api/articles", {"format": "xml"}), ("/api/search", {"q": "x", "format": "parquet"}),
])
def test_bad_list_parameters_are_422s(client, url, params):
    r = client.get(url, params=params)
    assert r.status_code == 422 and r.json()["detail"], r.text


@pytest.mark.parametrize("url", ["/events?type=FOO", "/articles?sort=bogus", "/quotes?min_confidence=7", "/entities?format=xml"])
def test_bad_list_parameters_are_html_422s(client, url):
    r = client.get(url)
    assert r.status_code == 422 and "<h1>422</h1>" in r.text


def test_unknown_event_type_says_what_is_known(client):
    r = client.get("/events", params={"type": "FOO"})
    assert "&#39;FOO&#39; is not an event type" in r.text and "ASSAULT" in r.text
    assert "is not an event type" in client.get("/api/events", params={"type": "FOO"}).json()["detail"]
    assert client.get("/events", params={"type": "protest"}).status_code == 200
