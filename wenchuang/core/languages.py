"""Content stored per language (name_zh_hans, name_en, ...) and read with a visible fallback."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation


def suffix(language_code: str) -> str:
    """The column suffix for a language code: 'zh-hans' -> 'zh_hans'."""
    return language_code.lower().replace("-", "_")


CONTENT_LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def language_fields(base: str) -> list[str]:
    return [f"{base}_{suffix(code)}" for code in CONTENT_LANGUAGES]


@dataclass(frozen=True)
class Localized:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


# Place names exist in Chinese and a romanisation; readers of English, French and German
# get the romanisation, which they can read and which maps use.
PLACE_NAME_FALLBACK = ("en", "zh-hans")


def language_order(language: str | None = None, fallback=None) -> list[str]:
    """The wanted language (default: the active one), then the fallbacks, then the rest."""
    wanted = language or translation.get_language() or settings.LANGUAGE_CODE
    fallback = settings.CONTENT_FALLBACK if fallback is None else fallback
    order = [wanted, *[code for code in fallback if code != wanted]]
    return order + [code for code in CONTENT_LANGUAGES if code not in order]


def localized(obj: object, base: str, language: str | None = None, fallback=None) -> Localized:
    """The text of `base` in `language`, else in the fallback languages, saying which it used."""
    order = language_order(language, fallback)
    for code in order:
        text = getattr(obj, f"{base}_{suffix(code)}", "") or ""
        if text.strip():
            return Localized(text, code, code != order[0])
    return Localized("", order[0], False)
