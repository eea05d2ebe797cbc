"""Driving Debian's chromium with Playwright for the pages' tests: one browser per test module.

Pages are checked with axe-core (npm, node_modules/axe-core), injected before each page's own
scripts through the DevTools protocol, so the site's Content-Security-Policy stays fully on.
The browser may only reach the test server: every other request goes to a proxy address on this
machine where nothing listens, so it fails before it leaves (a per-request route in Python would
do the same, but costs a round trip for every file of every page).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
DOCS_IMAGES = Path(settings.BASE_DIR) / "docs" / "images"


@pytest.fixture(scope="module")
def browser() -> Iterator:
    assert CHROMIUM.exists(), (
        "These tests drive Debian's chromium at /usr/bin/chromium and it is not installed: "
        "run `apt-get install -y chromium` (.ci/run does this when chromium is missing)."
    )
    assert AXE.exists(), "axe-core is not installed: run `npm install` (make install does)."
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread for the whole module, and Django
    # refuses database calls while one exists. The tests' own setup is plain synchronous code in
    # between browser calls, so it is safe; the live server answers from its own thread.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                headless=True,
                args=CHROMIUM_ARGS,
                # Loopback is never proxied, so only the live server answers.
                proxy={"server": "http://127.0.0.1:9", "bypass": "localhost,127.0.0.1"},
            )
            try:
                yield chromium
            finally:
                chromium.close()


def new_context(
    browser,
    origin: str,
    *,
    user: User | None = None,
    width: int = 1024,
    scripts: bool = True,
    js: bool = True,
):
    """A fresh browser profile, signed in as `user` (a real session cookie), that reaches only `origin`.

    `scripts=False` refuses the site's own scripts, so the page is what a browser without them shows,
    while axe (injected through the DevTools protocol) still runs; `js=False` switches JavaScript
    off altogether, for walking through tasks (axe cannot run then).
    """
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=js, accept_downloads=True
    )
    if js:
        context.add_init_script(path=str(AXE))

    if not scripts:
        context.route("**/*.js", lambda route: route.abort())
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": origin,
                }
            ]
        )
    return context


def axe_violations(page) -> list[str]:
    """axe-core's WCAG A and AA violations on the page as it is now, one line each."""
    result = page.evaluate(
        """async (tags) => {
            const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
            const run = await axe.run(document, options);
            const where = (v) => v.nodes.map(n => n.target.join(" ")).join(", ");
            return run.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${where(v)}`);
        }""",
        AXE_TAGS,
    )
    return list(result)


def screenshot(page, name: str, shots: Path, *, docs: bool = False) -> Path:
    """A full-page picture into `shots`; a guide's picture (`docs`) with UPDATE_DOCS_SCREENSHOTS=1
    goes to docs/images/ too."""
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if docs and os.environ.get("UPDATE_DOCS_SCREENSHOTS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        (DOCS_IMAGES / path.name).write_bytes(path.read_bytes())
    return path


class Checker:
    """axe on each page as it is now, and the CSP's refusals, gathered for one assertion at the end
    (`assert not check.problems`). `check.open(context)` opens a page that listens for the refusals;
    `check(page, where, heading=..., shot=...)` checks one h1 (that heading), axe and the CSP, and
    takes a guide's picture named `shot` into `shots`."""

    def __init__(self, shots: Path):
        self.problems: list[str] = []
        self.csp: list[str] = []
        self.shots = shots

    def open(self, context):
        page = context.new_page()
        page.set_default_timeout(30_000)

        def refused(message):
            if "Refused to" in message.text and "font" not in message.text:
                self.csp.append(f"CSP: {message.text}")

        page.on("console", refused)
        return page

    def __call__(
        self, page, where: str, *, heading: str | None = None, shot: str = "", docs: bool = True
    ) -> None:
        assert page.locator("h1").count() == 1, f"{where}: one h1"
        if heading is not None:
            assert page.locator("h1").inner_text().strip() == heading, where
        self.problems.extend(f"{where}: {line}" for line in axe_violations(page))
        self.problems.extend(f"{where}: {line}" for line in self.csp)
        self.csp.clear()
        if shot:
            screenshot(page, shot, self.shots, docs=docs)
