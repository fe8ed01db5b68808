"""Browser tests: Playwright (sync API) drives Debian's chromium against the live server.

Chromium comes from the system (`apt-get install chromium`), never from `playwright install`.
Without it the tests are skipped, except on CI (the CI variable is set), where they fail:
CI installs chromium, so a missing browser there is a broken setup, not a reason to skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .browser import CHROMIUM_ARGS

# Playwright's sync API runs an asyncio event loop in this thread; without this Django refuses
# the ORM calls that fixtures make while that loop exists (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

TIMEOUT_MS = 10_000


def _chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    candidates = [configured] if configured else ["/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} CI must provide it (apt-get install -y chromium).", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium_path()
    if executable is None:
        _unavailable(
            "Browser tests need Debian's chromium at /usr/bin/chromium "
            "(or CHROMIUM_PATH); it is not installed."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Browser tests need the playwright Python package (pip install playwright).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own cookies) whose relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-US",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()
