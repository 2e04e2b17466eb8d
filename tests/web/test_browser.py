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

#: every page, at a phone's and a laptop's width (screenshots of each go to test-artifacts/)
PAGES = {"home": "/", "articles": "/articles", "search": "/articles?search=ferry", "article": "/articles/harbour",
         "article-long": "/articles/long", "quotes": "/quotes", "entities": "/entities", "entity": "/entities/Lena Okafor",
         "events": "/events", "places": "/places", "incidents": "/incidents", "statements": "/statements", "stories": "/stories",
         "try": "/try", "docs": "/docs", "error": "/events?type=FOO"}
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory):
    """The API tests' knowledge base, plus one long article (a side list far below the fold)."""
    from newsgraph.kb import KnowledgeBase
    from newsgraph.store import Writer

    from ..api.records import harbour_record, hostile_record, long_record
    from ..store.helpers import ukraine_record

    path = tmp_path_factory.mktemp("browser") / "kb.db"
    with KnowledgeBase(path) as kb:
        Writer(kb.conn, "t").write([ukraine_record("a1", "Volodymyr Zelenskyy", "2025-02-12"), ukraine_record("a2", "Zelensky", "2025-03-20"),
                                    harbour_record(), hostile_record(), long_record()])
    return path


@pytest.fixture(scope="module")
def server(kb_path, pipeline):
    import uvicorn

    from newsgraph.app import create_app

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
    pg.problems = problems  # a test that expects an error status clears it
    yield pg
    context.close()
    assert not problems, problems


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + min(box["height"], 120) <= size["height"] and box["x"] >= 0


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_home(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "What the news says, with its sources"
    assert page.locator(".stats").inner_text().startswith("5 articles")
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


@pytest.mark.parametrize("width", WIDTHS)
def test_record_panel_stays_in_view_after_a_click_low_in_the_side_list(page, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width])))
    page.goto("/articles/long")
    last = page.locator(".side a[data-ref]").last
    assert last.get_attribute("data-ref") == "e159"  # the last person, in the last group
    last.click()
    assert page.locator("#detail h3").inner_text() == "Officer Number80 Kell"
    assert page.locator("#article-text .selected").inner_text() == "Officer Number80 Kell"
    assert in_view(page, "#detail"), page.locator("#detail").bounding_box()
    assert in_view(page, "#article-text .selected")  # and the text it came from
    shot(page, f"article-long-selected-{width}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_fits_the_width_and_is_screenshot(page, name, width):
    w, h = WIDTHS[width]
    page.set_viewport_size({"width": w, "height": h})
    page.goto(PAGES[name])
    if name == "error":
        assert page.locator("h1").inner_text() == "422"
        page.problems.remove("Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{PAGES[name]} is {overflow}px wider than {w}px"
    wide = page.evaluate("""() => Array.from(document.querySelectorAll('body *')).filter((e) => {
        const r = e.getBoundingClientRect(); return r.width > 0 && r.right > document.documentElement.clientWidth + 1
            && !e.closest('.table-wrap');
    }).map((e) => e.tagName + '.' + e.className).slice(0, 5)""")
    assert not wide, wide
    # an article id never wraps over lines (it is cut with an ellipsis, the full id in its title)
    for link in page.locator("a.ref").all()[:20]:
        box = link.bounding_box()
        assert box["height"] < 2 * 24, (link.inner_text(), box)
    shot(page, f"{name}-{w}")


def test_csv_download_of_a_filtered_list_is_the_apis_rows(page):
    import csv
    import io
    import json
    import urllib.request

    page.goto("/quotes")
    page.fill('input[name="speaker"]', "Zelensky")
    page.click(".filters button")
    page.wait_for_url("**/quotes?speaker=Zelensky*")
    assert page.locator(".total-n").inner_text() == "2"
    with page.expect_download() as info:
        page.locator('a.download[data-format="csv"]').click()
    got = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    base = page.url.split("/quotes")[0]
    with urllib.request.urlopen(f"{base}/api/quotes?speaker=Zelensky&limit=200") as r:
        api = json.load(r)["rows"]
    assert got == [{k: "" if v is None else str(v) for k, v in row.items()} for row in api] and len(got) == 2


def test_sorting_and_totals(page):
    page.goto("/entities?limit=20")
    assert int(page.locator(".total-n").inner_text()) == page.evaluate("fetch('/api/stats').then((r) => r.json())")["corpus_entities"] > 20
    assert page.locator("table.entities tbody tr").count() == 20
    page.locator('th a[data-sort="name"]').click()
    page.wait_for_url("**sort=-name*")
    names = page.locator("table.entities tbody td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.lower, reverse=True)
    assert page.locator('th[aria-sort="descending"]').inner_text().startswith("Name")
    page.locator('th a[data-sort="name"]').click()  # again: ascending
    page.wait_for_url("**sort=name*")
    names = page.locator("table.entities tbody td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    page.goto("/events?limit=2")
    assert page.locator(".total").inner_text().startswith("1–2 of 5")
    page.locator(".pager a").click()
    assert page.locator(".total").inner_text().startswith("3–4 of 5")


def test_map_point_opens_the_events_there(page):
    page.goto("/places")
    page.locator('a.place-link[aria-label="Events in Rotterdam"] circle').click()
    page.wait_for_url("**/events?place=Rotterdam")
    assert page.locator("table.events tbody tr").count() == 1
    assert "Dock workers" in page.locator("table.events tbody").inner_text()


def test_map_zooms(page):
    page.goto("/places")
    svg = page.locator("figure.map svg")
    before = svg.get_attribute("viewBox")
    page.locator("figure.map button.zoom-in").click()
    zoomed = [float(v) for v in svg.get_attribute("viewBox").split()]
    assert zoomed[2] < float(before.split()[2])
    page.locator("figure.map button.zoom-reset").click()
    assert svg.get_attribute("viewBox") == before


def test_keyboard_moves_between_highlights(page):
    page.goto("/articles/harbour")
    page.keyboard.press("j")
    first = page.locator("#detail").get_attribute("data-ref")
    assert first == "e1" and page.locator("#detail h3").inner_text() == "Lena Okafor"
    page.keyboard.press("j")
    second = page.locator("#detail").get_attribute("data-ref")
    assert second != first
    page.keyboard.press("k")
    assert page.locator("#detail").get_attribute("data-ref") == first
    # Tab reaches the text and the side list; Enter on a side item selects it
    page.locator('.side a[data-ref="v1"]').focus()
    page.keyboard.press("Enter")
    assert page.locator("#detail h3").inner_text().startswith("PROTEST")
    page.locator("#article-text span[data-refs]").nth(3).focus()
    page.keyboard.press("Enter")
    assert page.locator("#article-text .selected").count() >= 1
