"""Which language a reader sees an item in: the first of their chain that has a title."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from wenchuang.core.languages import language_order, reader_language, suffix

from .html import clean_html

# Open Graph's locale of each content language.
OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_US", "fr": "fr_FR", "de": "de_DE"}


@dataclass(frozen=True)
class Reading:
    """An item's title, summary and body in one language (never a mix), and whether it fell back."""

    wanted: str
    language: str
    title: str
    summary: str
    body: SafeString

    @property
    def is_fallback(self) -> bool:
        return self.language != self.wanted

    @property
    def og_locale(self) -> str:
        return OG_LOCALES.get(self.language, "zh_CN")


def reading(item, language: str | None = None) -> Reading:
    wanted = reader_language(language)
    # Kept on the item: a page or an API row asks for the title, the summary and the body.
    cache = item.__dict__.setdefault("_readings", {})
    if wanted not in cache:
        cache[wanted] = _read(item, wanted)
    return cache[wanted]


def _read(item, wanted: str) -> Reading:
    order = language_order(wanted)
    shown = next(
        (code for code in order if (getattr(item, f"title_{suffix(code)}", "") or "").strip()),
        order[0],
    )
    s = suffix(shown)
    return Reading(
        wanted=wanted,
        language=shown,
        title=getattr(item, f"title_{s}", ""),
        summary=getattr(item, f"summary_{s}", ""),
        # Cleaned when saved; cleaned again here so that a row written by other means
        # (SQL, an old import) still never renders a script.
        body=mark_safe(clean_html(getattr(item, f"body_{s}", ""))),  # noqa: S308
    )


def languages_of(item) -> list[str]:
    """The content languages the item has a title in."""
    return [
        code
        for code in language_order("zh-hans")
        if (getattr(item, f"title_{suffix(code)}", "") or "").strip()
    ]
