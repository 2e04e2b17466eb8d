"""A fresh knowledge base of hand-made records per module, and a test client over it."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsgraph.app import create_app
from newsgraph.kb import KnowledgeBase
from newsgraph.store import Writer

from ..store.helpers import ukraine_record
from .records import harbour_record, hostile_record

TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "kb.db"
    with KnowledgeBase(path) as kb:
        Writer(kb.conn, "t").write([ukraine_record("a1", "Volodymyr Zelenskyy", "2025-02-12"),
                                    ukraine_record("a2", "Zelensky", "2025-03-20"), harbour_record(), hostile_record()])
    return path


@pytest.fixture(scope="module")
def client(kb_path):
    with TestClient(create_app(kb_path)) as c:
        yield c
