"""A local HTTP server on 127.0.0.1 and fictional articles for the ingest tests."""
from __future__ import annotations

import http.server
import threading

import pytest

PEOPLE = ["Mara Olsen", "Tobias Renn", "Ilse Varga", "Pavel Dorn", "Greta Lund", "Nils Brand", "Odile Marchetti", "Hugo Stein"]
TOWNS = ["Eastvale", "Northbridge", "Lowmoor", "Kestrel Bay", "Ashford Vale", "Redcliff"]


def fictional_article(n: int, sentences: int = 4) -> str:
    who, town = PEOPLE[n % len(PEOPLE)], TOWNS[n % len(TOWNS)]
    body = [f"Mayor {who} of {town} said on Tuesday that the harbour would reopen after {n + 2} days of repairs."]
    for k in range(sentences - 1):
        body.append(f"Workers from the {town} Port Authority cleared {n * 3 + k} tonnes of debris, {who.split()[-1]} told reporters.")
    return " ".join(body)


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}
    hits: dict[str, int] = {}
    flaky: dict[str, int] = {}  # path -> how many 503s before success

    def do_GET(self):  # noqa: N802
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.flaky.get(self.path, 0) > 0:
            self.flaky[self.path] -= 1
            self.send_response(503)
            self.end_headers()
            return
        status, ctype, body = self.pages.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    _Handler.pages, _Handler.hits, _Handler.flaky = {}, {}, {}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Handler
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def worker_pipeline(pipeline):
    """Lets ``workers=1`` runs reuse the session's loaded pipeline."""
    from newsgraph.run import local

    local._pipeline = pipeline
    return pipeline
