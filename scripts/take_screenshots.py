#!/usr/bin/env python
"""Screenshots for the user guide, in all four languages and at phone width, from a fresh demo site.

    .venv/bin/python scripts/take_screenshots.py [--enterprises 2000] [--keep]

Builds a demo site in a temporary WENCHUANG_VAR_DIR (migrate, load_reference, demo_data,
compilemessages), serves it with `manage.py runserver 127.0.0.1:<free port> --noreload`, and
drives Debian's chromium with Playwright to write docs/screenshots/<name>.<lang>.png at
1280 px and docs/screenshots/<name>.phone.<lang>.png at 390 × 844 (home page, enterprise list,
enterprise detail). lang is "zh-hans" for the unprefixed Chinese pages, "en", "fr" or "de" for
/en/..., /fr/..., /de/... pages. A phone page that scrolls sideways is reported on the console.

Nothing outside the temporary directory and docs/screenshots/ is written, except the compiled
catalogues (wenchuang/locale/*/LC_MESSAGES/django.mo) that compilemessages refreshes, as
`make install` does. Needs /usr/bin/chromium (never `playwright install`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PYTHON = sys.executable
WIDTH = 1280
HEIGHT = 860
MAX_HEIGHT = 1600  # taller pages are cut here: enough to show a page, small enough to ship
# A phone as the browser test sees it (tests/e2e/test_phone.py); device scale 1 keeps the
# files small. A phone page is cut at two and a half screens.
PHONE = {"width": 390, "height": 844}
PHONE_MAX_HEIGHT = 2100
STAFF = ("staff_wuxi", "demo1234")
# Page language -> (URL prefix, browser UI language). The UI language names the file input's
# button; Debian's chromium shows it in English unless chromium-l10n is installed.
LANGUAGES = {
    "zh-hans": ("", "zh-CN"),
    "en": ("/en", "en-US"),
    "fr": ("/fr", "fr-FR"),
    "de": ("/de", "de-DE"),
}

# Give the seed enterprise of the demo representative a short history: a change the
# representative proposed and staff approved, a direct staff edit, and one proposal left
# waiting so that the validation queue shows a proposed change too.
HISTORY_SCRIPT = """
from wenchuang.accounts.models import User
from wenchuang.directory import services
from wenchuang.directory.models import Enterprise

rep = User.objects.get(username="rep_lingdong")
staff = User.objects.get(username="staff_wuxi")
record = Enterprise.objects.filter(organisation=rep.organisation).order_by("id").first()
change = services.record_update(record=record, by=rep, data={"employees": 64})
services.change_decide(change=change, by=staff, approve=True)
record.refresh_from_db()
services.record_update(
    record=record,
    by=staff,
    data={"description_fr": "Séries animées et jeux pour enfants, produits à Wuxi."},
)
record.refresh_from_db()
services.record_update(record=record, by=rep, data={"founded_year": 2011})
print("RECORD", record.pk)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    parser.add_argument(
        "--skip-compilemessages",
        action="store_true",
        help="use the catalogues as they are compiled now",
    )
    args = parser.parse_args()

    if not Path(CHROMIUM).is_file():
        sys.exit(f"{CHROMIUM} not found: apt-get install -y chromium (not `playwright install`).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("The playwright Python package is missing: pip install playwright.")

    var_dir = Path(tempfile.mkdtemp(prefix="wenchuang-screens-"))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH"}}
    env.update(
        WENCHUANG_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="wenchuang.settings",
        PYTHONUNBUFFERED="1",
        DEBUG="false",
        # A local server over plain HTTP: a throwaway key, no TLS redirect or secure cookies.
        SECRET_KEY="wenchuang-screenshots-only-key-" + "s" * 40,
        HTTPS="0",
    )
    server = None
    try:
        record_pk = build_demo(env, args)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (var_dir / "runserver.log").open("w")
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for(base + "/en/", server)
        OUT.mkdir(parents=True, exist_ok=True)
        written = []
        with sync_playwright() as playwright:
            for lang, (prefix, ui_language) in LANGUAGES.items():
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    headless=True,
                    args=[*CHROMIUM_ARGS, f"--lang={ui_language}"],
                )
                try:
                    written += shoot_language(browser, base, record_pk, lang, prefix, ui_language)
                    written += shoot_phone(browser, base, record_pk, lang, prefix, ui_language)
                finally:
                    browser.close()
        for path in written:
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.keep:
            print(f"Demo data kept in {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
    return 0


def manage(env: dict, *command: str, capture: bool = False) -> str:
    print("$ manage.py", " ".join(c if "\n" not in c else "…" for c in command), flush=True)
    result = subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def build_demo(env: dict, args) -> int:
    started = time.monotonic()
    if not args.skip_compilemessages:
        manage(env, "compilemessages", "--ignore=.venv", "--ignore=node_modules", "-v", "0")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_reference")
    logins = manage(
        env, "demo_data", "--enterprises", str(args.enterprises), "--no-progress", capture=True
    )
    if STAFF[0] not in logins:
        sys.exit(f"demo_data printed no login {STAFF[0]!r}; the script needs updating:\n{logins}")
    out = manage(env, "shell", "-c", HISTORY_SCRIPT, capture=True)
    record_pk = int(next(line for line in out.splitlines() if line.startswith("RECORD")).split()[1])
    print(f"Demo database ready in {time.monotonic() - started:.0f} s", flush=True)
    return record_pk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"runserver stopped (exit code {server.returncode}); see its log.")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    sys.exit(f"{url} did not answer within {timeout:.0f} s")


def shoot_language(
    browser, base: str, record_pk: int, lang: str, prefix: str, ui_language: str
) -> list[Path]:
    written = []
    context = browser.new_context(
        base_url=base, viewport={"width": WIDTH, "height": HEIGHT}, locale=ui_language
    )
    context.set_default_timeout(15_000)
    page = context.new_page()

    # Visitor pages.
    page.goto(f"{prefix}/")
    written.append(shoot(page, "home", lang, full=True))

    page.goto(f"{prefix}/enterprise/?q=动漫&province=320000")
    page.locator("#results table.records").wait_for()
    written.append(shoot(page, "enterprise-search", lang, full=True))

    page.goto(f"{prefix}/enterprise/{record_pk}/")
    written.append(shoot(page, "enterprise-detail", lang, full=True))

    # Staff pages.
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill(STAFF[0])
    page.locator("#id_password").fill(STAFF[1])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if "/accounts/login/" in page.url:
        sys.exit(f"Could not sign in as {STAFF[0]}")

    page.goto(f"{prefix}/validation/")
    written.append(shoot(page, "validation", lang))
    # The proposed changes come after the new profiles: scroll their heading to the top.
    page.locator("main h2").last.evaluate("h => window.scrollTo(0, h.offsetTop - 16)")
    written.append(shoot(page, "validation-changes", lang))

    page.goto(f"{prefix}/enterprise/import/")
    written.append(shoot(page, "import", lang))
    context.close()
    return written


def shoot_phone(
    browser, base: str, record_pk: int, lang: str, prefix: str, ui_language: str
) -> list[Path]:
    """The pages a visitor opens first, as a 390 px phone shows them."""
    written = []
    context = browser.new_context(
        base_url=base, viewport=PHONE, locale=ui_language, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    for name, path in (
        ("home", f"{prefix}/"),
        ("enterprise-list", f"{prefix}/enterprise/"),
        ("enterprise-detail", f"{prefix}/enterprise/{record_pk}/"),
    ):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            print(f"WARNING: {path} scrolls sideways by {overflow} px on a phone", flush=True)
        written.append(
            shoot(
                page, f"{name}.phone", lang, full=True, width=PHONE["width"], cut=PHONE_MAX_HEIGHT
            )
        )
    context.close()
    return written


def shoot(
    page, name: str, lang: str, *, full: bool = False, width: int = WIDTH, cut: int = MAX_HEIGHT
) -> Path:
    """A PNG of the viewport, or of the page from the top down to `cut` CSS pixels."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    path = OUT / f"{name}.{lang}.png"
    if full:
        height = min(page.evaluate("document.documentElement.scrollHeight"), cut)
        page.screenshot(
            path=path, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
        )
    else:
        page.screenshot(path=path)
    optimize(path)
    return path


def optimize(path: Path) -> None:
    """Re-save the PNG with Pillow's optimiser when Pillow is installed; otherwise keep it."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        image.load()
    image.save(path, optimize=True)


if __name__ == "__main__":
    raise SystemExit(main())
