"""The server-rendered pages through the test client: every page renders,
bad parameters give a 4xx page, and untrusted text is escaped everywhere."""
from __future__ import annotations

import re

import pytest

from ..api.records import XSS


PAGES = ["/", "/articles", "/articles?search=ferry", "/articles/harbour", "/articles/hostile", "/quotes", "/quotes?speaker=Okafor",
         "/entities", "/entities?type=PERSON", "/entities/Lena Okafor", "/entities/Zelensky", "/events", "/events?type=PROTEST&country=NLD",
         "/places", "/try", "/docs"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]


@pytest.mark.parametrize("url", ["/quotes?limit=0", "/events?since=yesterday", "/places?country=12", "/entities?type=<b>", "/articles?offset=-5"])
def test_bad_parameters_give_an_html_422(client, url):
    r = client.get(url)
    assert r.status_code == 422 and "<h1>422</h1>" in r.text


@pytest.mark.parametrize("url", ["/articles/no-such", "/entities/Nobody Atall", "/no/such/page"])
def test_missing_things_give_an_html_404(client, url):
    r = client.get(url)
    assert r.status_code == 404 and "<h1>404</h1>" in r.text


@pytest.mark.parametrize("url", ["/", "/articles", "/articles/hostile", "/quotes", "/quotes?speaker=" + XSS, "/entities", "/events",
                                 "/articles?search=" + XSS, "/events?actor=" + XSS, "/no-such-" + XSS])
def test_untrusted_text_is_escaped(client, url):
    html = client.get(url).text
    assert "alert('pwned')</script>" not in html and "<img" not in html and 'onerror="' not in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(s in ('<script src="/static/app.js" defer>', '<script type="application/json" id="record-data">') for s in scripts)
    assert 'href="javascript:' not in html and "style=" not in html


def test_hostile_article_shows_its_text_as_text(client):
    html = client.get("/articles/hostile").text
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html  # visible, inert
    block = re.search(r'<script type="application/json" id="record-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and "\\u003cscript\\u003e" in block  # the JSON data block cannot close itself


def test_article_view_marks_every_record(client):
    html = client.get("/articles/harbour").text
    quote = re.search(r'<span class="m-quote[^"]*" data-refs="q1"[^>]*>the ferry will sail again by spring</span>', html)
    assert quote, "the quote is one highlighted segment"
    assert re.search(r'class="m-entity m-entity-PERSON" data-refs="e1"[^>]*>Lena Okafor<', html)
    assert re.search(r'class="m-trigger m-trigger-PROTEST" data-refs="v1"[^>]*>blocked<', html)
    assert re.search(r'class="m-figure" data-refs="f1"[^>]*>300 passengers<', html)
    assert 'data-refs="flag1"' in html and 'data-ref="q1"' in html


def test_quote_rows_link_to_their_span(client):
    html = client.get("/quotes?speaker=Okafor").text
    assert "/articles/harbour?span=" in html and "Lena Okafor" in html and "Zelenskyy" not in html


def test_events_page_draws_timeline_and_map(client):
    html = client.get("/events").text
    assert html.count('<rect class="bar') >= 3 and html.count('<circle class="place"') == 2  # Kharkiv and Rotterdam
    assert "<title>Rotterdam: 1</title>" in html


def test_try_it_rejects_empty_text(client):
    r = client.post("/try", data={"text": "   ", "title": "", "published": ""})
    assert r.status_code == 422 and "empty" in r.text
    r = client.post("/try", data={"text": "Some words.", "published": "someday"})
    assert r.status_code == 422 and "ISO date" in r.text


def test_static_assets_are_local(client):
    for url in ["/static/app.css", "/static/app.js"]:
        body = client.get(url).text
        assert "http://" not in body and "https://" not in body
