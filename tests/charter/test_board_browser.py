"""A board member reads the dashboard in a real browser: Debian's chromium, driven by Playwright.

The browser signs in through the board's own page, sees the six commitments and a drawn chart,
downloads the CSV, and finds no person's name from the demo data anywhere on the page. It may
only reach the test server: every other request is refused before it leaves the machine.
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

import pytest
from django.utils import timezone

from charter import selectors
from charter.models import Commitment, Indicator
from charter.periods import quarter_of, recent_quarters
from tests.charter.test_board_views import personal_names, seed_demo

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DEMO_BOARD_EMAIL = "board@demo.example"
DEMO_PASSWORD = "demo-Password-2026"  # the demo's published password (accounts/demo.py)


# The live server runs in another thread, so the data must be committed: a transactional test.
# The flush at its end takes the default charter (a data migration) with it; tests/conftest.py puts it back.
@pytest.mark.django_db(transaction=True)
def test_a_board_member_reads_the_dashboard_in_chromium(live_server):
    assert CHROMIUM.exists(), (
        "This test drives Debian's chromium at /usr/bin/chromium and it is not installed: "
        "run `apt-get install -y chromium` (.ci/run does this when chromium is missing)."
    )
    from playwright.sync_api import sync_playwright

    # Everything the database is asked happens before the browser starts: Playwright's sync API
    # runs an event loop in this thread, and Django refuses database calls from inside one.
    seed_demo()
    today = timezone.localdate()
    selectors.dashboard(period=quarter_of(today), today=today)  # snapshots now, not in the page's time
    names = personal_names()
    assert len(names) > 50
    titles = list(
        Commitment.objects.filter(charter__is_current=True).order_by("number").values_list("title", flat=True)
    )
    indicators = Indicator.objects.filter(is_active=True, commitment__charter__is_current=True).count()
    quarter_labels = [q.label for q in recent_quarters(today=today, count=8)]
    origin = live_server.url

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(accept_downloads=True)
            context.route(
                "**/*",
                lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort(),
            )
            page = context.new_page()
            page.set_default_timeout(30_000)

            page.goto(f"{origin}/board/")
            assert page.url.startswith(f"{origin}/board/login/")
            page.get_by_label("Email address").fill(DEMO_BOARD_EMAIL)
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{origin}/board/")

            headings = page.locator("main h2")
            assert headings.count() == 6
            shown = [" ".join(text.split()) for text in headings.all_inner_texts()]
            for number, (title, text) in enumerate(zip(titles, shown, strict=True), start=1):
                assert text == f"Commitment {number} {title}"

            chart = page.locator("svg.board-chart__svg[role='img']").first
            assert chart.is_visible()
            box = chart.bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 60
            drawn = page.locator("svg.board-chart__svg path[d^='M']").first
            assert drawn.get_attribute("d").strip()
            line_box = drawn.bounding_box()
            assert line_box is not None and max(line_box["width"], line_box["height"]) > 0
            # The browser's own accessibility tree names every chart from its <title>.
            assert page.get_by_role("img", name="Trend chart:").count() == indicators

            with page.expect_download() as download_info:
                page.get_by_role("link", name="Download the figures").click()
            download = download_info.value
            assert download.suggested_filename.startswith("charter-dashboard-")
            rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
            assert rows[0] == [
                "indicator",
                "commitment",
                "period",
                "value",
                "unit",
                "target",
                "rag",
                *quarter_labels,
            ]
            assert len(rows) > 12

            content = page.content()
            text = page.inner_text("body")
        finally:
            browser.close()

    for name in names:
        assert name not in content and html.escape(name) not in content and name not in text, name
