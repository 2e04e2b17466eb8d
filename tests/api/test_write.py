"""The routes that run the pipeline: POST /api/extract (nothing stored) and
POST /api/articles (token required), and the request body limits."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsgraph.app import create_app
from newsgraph.app import body_limit
from newsgraph.settings import Settings
from newsgraph.kb import KnowledgeBase

from .conftest import TOKEN

TEXT = ("Mayor Lena Okafor said on Tuesday that the ferry to Veldhaven would sail again by spring. "
        "Dock workers blocked the harbour in Rotterdam for a second day.")
SMALL = Settings().replace(max_article_bytes=20_000)


@pytest.fixture()
def writable(tmp_path, pipeline):
    path = tmp_path / "w.db"
    KnowledgeBase(path).close()
    with TestClient(create_app(path, token=TOKEN, settings=SMALL, pipeline=pipeline)) as c:
        yield c, path


def _auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_extract_returns_a_contract_record_and_stores_nothing(writable):
    client, path = writable
    r = client.post("/api/extract", json={"id": "try", "text": TEXT, "published": "2025-04-08"})
    assert r.status_code == 200, r.text
    record = r.json()
    assert record["article"]["id"] == "try" and record["article"]["text"] == TEXT and record["article"]["published"] == "2025-04-08"
    okafor = next(e for e in record["entities"] if e["name"] == "Lena Okafor")
    assert okafor["type"] == "PERSON" and TEXT[slice(*okafor["mentions"][0])] == "Lena Okafor"
    assert all(0 <= s < t <= len(TEXT) for e in record["entities"] for s, t in e["mentions"])
    assert client.get("/api/stats").json()["articles"] == 0


def test_extract_takes_html(writable):
    client, _ = writable
    html = f"<html><head><title>Ferry</title></head><body><article><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    record = client.post("/api/extract", json={"html": html}).json()
    assert "Lena Okafor" in record["article"]["text"]


@pytest.mark.parametrize("body, status", [
    ({}, 422), ({"text": ""}, 422), ({"text": "   "}, 422), ({"text": 12}, 422), ({"text": "\x00\x01\x02\x03" * 50}, 422),
    ({"text": "x", "published": "soon"}, 422), ({"id": "x" * 300, "text": "x"}, 422), ("not an object", 422),
])
def test_extract_bad_bodies_are_4xx(writable, body, status):
    client, _ = writable
    assert client.post("/api/extract", json=body).status_code == status


def test_extract_rejects_malformed_json(writable):
    client, _ = writable
    r = client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422


def test_ingest_needs_the_token(writable):
    client, _ = writable
    assert client.post("/api/articles", json={"text": TEXT}).status_code == 401
    assert client.post("/api/articles", json={"text": TEXT}, headers=_auth("wrong")).status_code == 401
    assert client.post("/api/articles", json={"text": TEXT}, headers={"Authorization": TOKEN}).status_code == 401
    assert client.get("/api/stats").json()["articles"] == 0


def test_ingest_stores_and_is_idempotent(writable):
    client, path = writable
    r = client.post("/api/articles", json=[{"id": "okafor", "text": TEXT, "published": "2025-04-08"}, {"id": "bad", "text": " "}],
                    headers=_auth())
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["new"] == 1 and body["articles"] == ["okafor"] and body["failed"][0]["id"] == "bad"
    assert client.get("/api/articles/okafor").json()["article"]["text"] == TEXT
    assert client.get("/api/quotes").status_code == 200
    again = client.post("/api/articles", json={"id": "okafor", "text": TEXT}, headers=_auth())
    assert again.status_code == 200 and again.json()["duplicate"] == 1
    with KnowledgeBase(path) as kb:
        assert kb.count() == 1


def test_ingest_batch_bounds(writable):
    client, _ = writable
    assert client.post("/api/articles", json=[], headers=_auth()).status_code == 422
    assert client.post("/api/articles", json=[{"text": "x"}] * 101, headers=_auth()).status_code == 422


def test_body_limit(writable):
    client, _ = writable
    limit = body_limit(SMALL)
    r = client.post("/api/extract", json={"text": "word " * (limit // 5 + 10)})
    assert r.status_code == 413 and "too large" in r.json()["detail"]
    # an article under the body limit but over max_article_bytes is refused by the reader
    r = client.post("/api/extract", json={"text": "word " * 5000})
    assert r.status_code == 422 and "max_article_bytes" in r.json()["detail"]


def test_body_limit_without_content_length(writable):
    client, _ = writable

    def chunks():
        for _ in range(200):
            yield b"x" * 1000

    r = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_read_only_server_refuses_writes(kb_path, pipeline):
    with TestClient(create_app(kb_path, pipeline=pipeline)) as c:
        r = c.post("/api/articles", json={"text": TEXT}, headers=_auth())
        assert r.status_code == 403


def test_extract_repairs_a_stray_nul_and_flags_it(writable):
    client, _ = writable
    record = client.post("/api/extract", json={"text": TEXT.replace(" said", " said\x00", 1)}).json()
    assert "\x00" in record["article"]["text"]  # as read
    assert "control" in {f["kind"] for f in record["quality"]["flags"]}
