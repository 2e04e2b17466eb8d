"""Every JSON route through the test client, with good and bad parameters."""
from __future__ import annotations

import pytest


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert {k: stats[k] for k in ("articles", "quotes", "events", "locations")} == {"articles": 4, "quotes": 4, "events": 5, "locations": 3}
    assert stats["corpus_entities"] >= 8


def test_articles_list_filters_and_paging(client):
    body = client.get("/api/articles").json()
    assert [r["article"] for r in body["rows"]] == ["hostile", "harbour", "a2", "a1"]
    assert body["next_offset"] is None and body["limit"] == 50
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert [r["article"] for r in first["rows"]] == ["hostile", "harbour"] and first["next_offset"] == 2
    second = client.get("/api/articles", params={"limit": 2, "offset": first["next_offset"]}).json()
    assert [r["article"] for r in second["rows"]] == ["a2", "a1"] and second["next_offset"] is None
    assert [r["article"] for r in client.get("/api/articles", params={"since": "2025-03-01", "until": "2025-04-30"}).json()["rows"]] == ["harbour", "a2"]
    assert [r["article"] for r in client.get("/api/articles", params={"search": "ferry sail"}).json()["rows"]] == ["harbour"]
    harbour = client.get("/api/articles", params={"source": "fictional wire"}).json()["rows"]
    assert {r["article"] for r in harbour} == {"a1", "a2", "harbour"}
    row = next(r for r in harbour if r["article"] == "harbour")
    assert (row["quotes"], row["events"], row["entities"]) == (1, 2, 3)


def test_one_article_is_the_contract_record(client):
    record = client.get("/api/articles/harbour").json()
    assert set(record) >= {"article", "entities", "quotes", "figures", "events", "locations", "dates", "quality"}
    text = record["article"]["text"]
    q = record["quotes"][0]
    assert text[q["span"][0]:q["span"][1]] == "the ferry will sail again by spring" and q["speaker_name"] == "Lena Okafor"


def test_quotes_filters(client):
    assert {r["speaker"] for r in client.get("/api/quotes", params={"speaker": "Zelensky"}).json()["rows"]} == {"Volodymyr Zelenskyy"}
    rows = client.get("/api/quotes", params={"speaker": "okafor"}).json()["rows"]
    assert [r["article"] for r in rows] == ["harbour"] and rows[0]["quote"] == "the ferry will sail again by spring"
    assert client.get("/api/quotes", params={"search": "ferry"}).json()["rows"][0]["article"] == "harbour"
    assert client.get("/api/quotes", params={"speaker": "Nobody Atall"}).json()["rows"] == []
    assert [r["article"] for r in client.get("/api/quotes", params={"until": "2025-02-12"}).json()["rows"]] == ["a1"]


def test_events_filters(client):
    body = client.get("/api/events", params={"type": "protest"}).json()
    assert [r["article"] for r in body["rows"]] == ["hostile", "harbour"] and body["filters"] == {"type": "protest"}
    row = client.get("/api/events", params={"place": "Rotterdam"}).json()["rows"][0]
    assert (row["type"], row["lat"], row["lon"], row["target"]) == ("PROTEST", 51.92, 4.48, "Veldhaven terminal")
    assert len(client.get("/api/events", params={"actor": "Russian", "country": "UKR"}).json()["rows"]) == 2
    assert client.get("/api/events", params={"target": "Kharkiv", "since": "2025-03-01"}).json()["rows"][0]["article"] == "a2"


def test_entities_and_profile(client):
    rows = client.get("/api/entities", params={"type": "PERSON"}).json()["rows"]
    assert rows[0]["name"] == "Volodymyr Zelenskyy" and rows[0]["articles"] == 2
    p = client.get("/api/entities/Zelensky").json()
    assert p["name"] == "Volodymyr Zelenskyy" and "Ukrainian President" in p["titles"] and len(p["quotes"]) == 2
    assert client.get("/api/entities/Harbour Board").json()["events_as_actor"][0]["type"] == "REJECT"


def test_places_and_search(client):
    rows = client.get("/api/places").json()["rows"]
    assert rows[0]["name"] == "Kharkiv" and rows[0]["articles"] == 2 and rows[0]["events"] == 2
    assert [r["name"] for r in client.get("/api/places", params={"country": "nld"}).json()["rows"]] == ["Rotterdam"]
    hits = client.get("/api/search", params={"q": "shelling"}).json()["rows"]
    assert {h["article"] for h in hits} == {"a1", "a2"} and "[" in hits[0]["snippet"]


@pytest.mark.parametrize("url, params", [
    ("/api/articles", {"limit": 0}), ("/api/articles", {"limit": 201}), ("/api/articles", {"limit": "ten"}),
    ("/api/articles", {"offset": -1}), ("/api/articles", {"offset": 10**9}), ("/api/articles", {"since": "last week"}),
    ("/api/articles", {"until": "2025-13-45"}), ("/api/articles", {"search": "x" * 501}),
    ("/api/quotes", {"speaker": "x" * 201}), ("/api/quotes", {"since": "2025-02-30"}),
    ("/api/events", {"type": "<script>"}), ("/api/events", {"country": "UK"}), ("/api/events", {"country": "1'; DROP TABLE events;--"}),
    ("/api/entities", {"type": "PERSON; DROP"}), ("/api/places", {"country": "ZZZZ"}), ("/api/search", {}), ("/api/search", {"q": ""}),
])
def test_bad_parameters_are_clear_422s(client, url, params):
    r = client.get(url, params=params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/json") and r.json()["detail"]


@pytest.mark.parametrize("url", ["/api/articles/no-such-article", "/api/entities/Nobody Atall", "/api/no-such-route"])
def test_unknown_things_are_404s(client, url):
    r = client.get(url)
    assert r.status_code == 404 and r.json()["detail"]


def test_sql_and_fts_metacharacters_are_just_words(client):
    for q in ['"', "ferry OR 1=1", "NEAR(", "' OR ''='", "*", "ferry)"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200
        assert client.get("/api/quotes", params={"search": q, "speaker": q}).status_code == 200
    assert client.get("/api/stats").json()["articles"] == 4


def test_reads_cannot_write_and_writes_need_a_token(client):
    r = client.post("/api/articles", json={"id": "x", "text": "Mayor Lena Okafor spoke."})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    assert client.get("/api/stats").json()["articles"] == 4


def test_security_headers_on_every_response(client):
    for url in ["/api/stats", "/api/articles/nope", "/static/app.css"]:
        h = client.get(url).headers
        assert "script-src 'self'" in h["content-security-policy"] and "default-src 'none'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/articles/{ref}", "/api/quotes", "/api/events", "/api/entities", "/api/entities/{name}",
            "/api/places", "/api/search", "/api/extract", "/api/stats"} <= set(paths)
    assert "post" in paths["/api/articles"] and "get" in paths["/api/articles"]
