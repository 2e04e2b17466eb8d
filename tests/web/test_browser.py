"""The UI in a real browser: Playwright driving Debian's Chromium (headless, no
network). Skipped only when /usr/bin/chromium is absent; `.ci/run` installs it.
Screenshots go to test-artifacts/ for a human to look at."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
TRY_TEXT = ("Harbour chief Mira Valdes said on Monday that the port of Kestrel Bay would reopen next week. "
            "\"We have cleared the channel,\" Valdes told reporters in Lisbon.")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(kb_path, pipeline):
    import uvicorn

    from newsgraph.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(kb_path, pipeline=pipeline), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    # no network beyond this server: any other request fails the test
    pg.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else (problems.append(route.request.url), route.abort()))
    yield pg
    context.close()
    assert not problems, problems


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_home(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "What the news says, with its sources"
    assert page.locator(".stats").inner_text().startswith("4 articles")
    shot(page, "home")


def test_article_click_quote_shows_speaker(page):
    page.goto("/articles/harbour")
    page.locator('span.m-quote[data-refs="q1"]').first.click()
    assert page.locator("#detail .detail-speaker").inner_text() == "Lena Okafor"
    assert page.locator("#article-text .selected").count() >= 1
    shot(page, "article-quote")
    page.locator('.side a[data-ref="v1"]').click()  # side list jumps to the event trigger
    assert page.locator("#detail h3").inner_text().startswith("PROTEST")
    assert page.locator("#article-text .selected").inner_text() == "blocked"


def test_hostile_article_runs_no_script(page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/articles/hostile")
    page.locator('span.m-quote[data-refs="q1"]').first.click()
    assert "<img" in page.locator("#detail .detail-speaker").inner_text()  # shown as text
    assert dialogs == [] and page.locator("img").count() == 0


def test_filter_quotes_by_speaker(page):
    page.goto("/quotes")
    assert page.locator("table.quotes tbody tr").count() == 4
    page.fill('input[name="speaker"]', "Zelensky")
    page.click(".filters button")
    page.wait_for_url("**/quotes?speaker=Zelensky*")
    speakers = page.locator("td.speaker").all_inner_texts()
    assert speakers == ["Volodymyr Zelenskyy", "Volodymyr Zelenskyy"]
    shot(page, "quotes-by-speaker")
    page.locator("table.quotes a.quote-link").first.click()  # row -> its article, with the quote selected
    page.wait_for_selector("#article-text")
    assert page.locator("#detail .detail-speaker").inner_text() == "Zelensky"  # as that article names him


def test_try_it(page):
    page.goto("/try")
    page.fill('input[name="title"]', "Port reopens")
    page.fill('textarea[name="text"]', TRY_TEXT)
    page.click("form.try button")
    page.wait_for_selector("#article-text")
    assert page.locator(".badge").inner_text() == "extracted just now, not stored"
    person = page.locator("#article-text span.m-entity-PERSON").first
    assert person.inner_text() == "Mira Valdes"
    person.click()
    assert page.locator("#detail h3").inner_text() == "Mira Valdes"
    shot(page, "try-it")


def test_events_and_entity_pages(page):
    page.goto("/events")
    assert page.locator("svg circle.place").count() == 2
    shot(page, "events")
    page.goto("/entities/Harbour Board")
    assert page.locator("h1").inner_text().startswith("Harbour Board")
    shot(page, "entity")
