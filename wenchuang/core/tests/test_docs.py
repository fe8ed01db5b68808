"""The user guides and their screenshots: every picture a guide shows exists, in every language."""

import re
from pathlib import Path

from django.conf import settings

DOCS = Path(__file__).resolve().parents[3] / "docs"
GUIDES = ("user-guide.md", "user-guide.zh-hans.md")
# ![alt](screenshots/x.png) and <img src="screenshots/x.png">
PICTURE = re.compile(r"""(?:\]\(|src=")(screenshots/[^)"]+\.png)""")


def pictures(guide: str) -> list[str]:
    return PICTURE.findall((DOCS / guide).read_text(encoding="utf-8"))


def test_every_picture_in_the_guides_exists():
    missing = [(g, p) for g in GUIDES for p in pictures(g) if not (DOCS / p).is_file()]
    assert not missing


def test_each_guide_shows_its_own_language_and_the_phone_pages():
    for guide, language in (("user-guide.md", "en"), ("user-guide.zh-hans.md", "zh-hans")):
        shown = pictures(guide)
        assert shown and all(p.endswith(f".{language}.png") for p in shown), guide
        assert {p.split("/")[1].split(".")[0] for p in shown if ".phone." in p} == {
            "home",
            "enterprise-list",
            "enterprise-detail",
        }


def test_every_screenshot_exists_in_the_four_languages_or_in_chinese_and_english():
    # The directory's pages are shown in all four languages; the special funds' and the
    # designation's (issue 7) in the two the guides are written in.
    names = {p.name.rsplit(".", 2)[0] for p in (DOCS / "screenshots").glob("*.png")}
    languages = [code for code, _ in settings.LANGUAGES]

    def exists(name: str, lang: str) -> bool:
        return (DOCS / "screenshots" / f"{name}.{lang}.png").is_file()

    missing = [
        f"{name}.{lang}.png"
        for name in names
        for lang in (languages if exists(name, "fr") or exists(name, "de") else ["zh-hans", "en"])
        if not exists(name, lang)
    ]
    assert not missing
    assert {"home.phone", "enterprise-list.phone", "enterprise-detail.phone"} <= names
