#!/usr/bin/env python
"""Screenshots for the user guide, in all four languages and at phone width, from a fresh demo site.

    .venv/bin/python scripts/take_screenshots.py [--enterprises 2000] [--keep] [--only NAME ...]

Builds a demo site in a temporary WENCHUANG_VAR_DIR (migrate, load_reference, demo_data,
compilemessages), serves it with `manage.py runserver 127.0.0.1:<free port> --noreload`, and
drives Debian's chromium with Playwright to write docs/screenshots/<name>.<lang>.png at
1280 px and docs/screenshots/<name>.phone.<lang>.png at 390 × 844 (home page, enterprise list,
enterprise detail). lang is "zh-hans" for the unprefixed Chinese pages, "en", "fr" or "de" for
/en/..., /fr/..., /de/... pages. A phone page that scrolls sideways is reported on the console.

The special funds' and the designation's pages (PROCESS_SHOTS) are taken in Chinese and English
only, each signed in as the demo user who works on it (staff, representative, reviewer,
assessor). The statistics dashboards (PUBLIC_SHOTS) are taken in all four languages.
`--only calls register ...` takes just the named screenshots (a phone one is named
like `calls.phone`) and leaves every other file as it is; `--list` prints the names.

Nothing outside the temporary directory and docs/screenshots/ is written, except the compiled
catalogues (wenchuang/locale/*/LC_MESSAGES/django.mo) that compilemessages refreshes, as
`make install` does. Needs /usr/bin/chromium (never `playwright install`).
"""

from __future__ import annotations

import argparse
import json
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
from typing import Any

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
DEMO_PASSWORD = "demo1234"  # every demo login's (wenchuang/directory/demo/accounts.py)
from screenshot_pages import (  # noqa: E402  (beside this script)
    DIRECTORY_SHOTS,
    HISTORY_SCRIPT,
    IDS_SCRIPT,
    LANGUAGES,
    PROCESS_LANGUAGES,
    PROCESS_SHOTS,
    PUBLIC_SHOTS,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    parser.add_argument(
        "--skip-compilemessages",
        action="store_true",
        help="use the catalogues as they are compiled now",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="take just these screenshots (in every language they are taken in)",
    )
    parser.add_argument("--list", action="store_true", help="print the screenshots' names")
    args = parser.parse_args()
    names = [*DIRECTORY_SHOTS, *PROCESS_SHOTS, *PUBLIC_SHOTS]
    if args.list:
        print("\n".join(names))
        return 0
    unknown = sorted(set(args.only or ()) - set(names))
    if unknown:
        sys.exit(f"Unknown screenshot names: {', '.join(unknown)} (see --list)")
    wanted = set(args.only or names)

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
        record_pk, ids = build_demo(env, args)
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
                    shot = (browser, base, record_pk, lang, prefix, ui_language, wanted)
                    written += shoot_language(*shot)
                    written += shoot_phone(*shot)
                    shots = {**PUBLIC_SHOTS}
                    if lang in PROCESS_LANGUAGES:
                        shots.update(PROCESS_SHOTS)
                    written += shoot_processes(
                        browser, base, ids, lang, prefix, ui_language, wanted, shots
                    )
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
    out = manage(env, "shell", "-c", IDS_SCRIPT, capture=True)
    print("\n".join(line for line in out.splitlines() if line.startswith("WARNING")))
    ids = json.loads(next(line for line in out.splitlines() if line.startswith("IDS"))[4:])
    print(f"Demo database ready in {time.monotonic() - started:.0f} s", flush=True)
    return record_pk, ids


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
    browser, base: str, record_pk: int, lang: str, prefix: str, ui_language: str, wanted: set
) -> list[Path]:
    written: list[Path] = []
    if not wanted & set(DIRECTORY_SHOTS[:6]):
        return written
    context = browser.new_context(
        base_url=base, viewport={"width": WIDTH, "height": HEIGHT}, locale=ui_language
    )
    context.set_default_timeout(15_000)
    page = context.new_page()

    # Visitor pages.
    if "home" in wanted:
        page.goto(f"{prefix}/")
        written.append(shoot(page, "home", lang, full=True))

    if "enterprise-search" in wanted:
        page.goto(f"{prefix}/enterprise/?q=动漫&province=320000")
        page.locator("#results table.records").wait_for()
        written.append(shoot(page, "enterprise-search", lang, full=True))

    if "enterprise-detail" in wanted:
        page.goto(f"{prefix}/enterprise/{record_pk}/")
        written.append(shoot(page, "enterprise-detail", lang, full=True))

    # Staff pages.
    if wanted & {"validation", "validation-changes", "import"}:
        sign_in(page, prefix, *STAFF)

    if wanted & {"validation", "validation-changes"}:
        page.goto(f"{prefix}/validation/")
        if "validation" in wanted:
            written.append(shoot(page, "validation", lang))
        # The proposed changes come after the new profiles: scroll their heading to the top.
        page.locator("main h2").last.evaluate("h => window.scrollTo(0, h.offsetTop - 16)")
        if "validation-changes" in wanted:
            written.append(shoot(page, "validation-changes", lang))

    if "import" in wanted:
        page.goto(f"{prefix}/enterprise/import/")
        written.append(shoot(page, "import", lang))
    context.close()
    return written


def shoot_phone(
    browser, base: str, record_pk: int, lang: str, prefix: str, ui_language: str, wanted: set
) -> list[Path]:
    """The pages a visitor opens first, as a 390 px phone shows them."""
    written: list[Path] = []
    if not wanted & set(DIRECTORY_SHOTS[6:]):
        return written
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
        if f"{name}.phone" not in wanted:
            continue
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


def sign_in(page, prefix: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if "/accounts/login/" in page.url:
        sys.exit(f"Could not sign in as {username}")


def shoot_processes(
    browser,
    base: str,
    ids: dict,
    lang: str,
    prefix: str,
    ui_language: str,
    wanted: set,
    shots: dict,
) -> list[Path]:
    """Pages such as the special fund's, each as the demo user who uses it (or a visitor)."""
    written: list[Path] = []
    contexts: dict[tuple, Any] = {}
    try:
        for name, (username, template, full, phone) in shots.items():
            if name not in wanted:
                continue
            try:
                path = prefix + template.format(**ids)
            except KeyError:
                path = None
            if path is None or "None" in path:
                print(f"WARNING: {name}: the demo data has no record for {template}", flush=True)
                continue
            key = (username, phone)
            if key not in contexts:
                size = PHONE if phone else {"width": WIDTH, "height": HEIGHT}
                extra = {"is_mobile": True, "has_touch": True} if phone else {}
                context = browser.new_context(
                    base_url=base, viewport=size, locale=ui_language, **extra
                )
                context.set_default_timeout(15_000)
                contexts[key] = context.new_page()
                if username:
                    sign_in(contexts[key], prefix, username)
            page = contexts[key]
            answer = page.goto(path)
            if "/declaration/" in page.url and "declaration" not in name:
                # A reviewer signs the call's declaration before any application opens.
                page.locator("input[name=accept]").check()
                with page.expect_navigation():
                    page.locator("main form button[type=submit]").first.click()
                answer = page.goto(path)
            if answer is None or answer.status != 200:
                status = answer.status if answer else "no answer"
                print(f"WARNING: {name}: {path} answered {status}; not taken", flush=True)
                continue
            width = PHONE["width"] if phone else WIDTH
            cut = PHONE_MAX_HEIGHT if phone else MAX_HEIGHT
            written.append(shoot(page, name, lang, full=full, width=width, cut=cut))
    finally:
        for page in contexts.values():
            page.context.close()
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
