"""Content stored per language (name_zh_hans, name_en, ...) and read with a visible fallback."""

from __future__ import annotations

from collections.abc import Mapping
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


def reader_language(language: str | None = None) -> str:
    """The content language for a reader: the one asked for, else the active one."""
    wanted = language or translation.get_language() or settings.LANGUAGE_CODE
    if wanted in CONTENT_LANGUAGES:
        return wanted
    # "fr-ca" reads French, "zh-cn" Chinese; anything else the site's default.
    for code in CONTENT_LANGUAGES:
        if wanted.lower().split("-")[0] == code.split("-")[0]:
            return code
    return settings.LANGUAGE_CODE


def language_order(language: str | None = None) -> list[str]:
    """The reader's language, then its fallback chain (settings.CONTENT_FALLBACK), then the rest.

    One chain per reader language serves pages, API and exports alike: a French reader gets
    French, else English, else Chinese.
    """
    wanted = reader_language(language)
    chain = settings.CONTENT_FALLBACK.get(wanted, [])
    order = [wanted, *[code for code in chain if code != wanted]]
    return order + [code for code in CONTENT_LANGUAGES if code not in order]


def localized(obj: object, base: str, language: str | None = None) -> Localized:
    """The text of `base` in the reader's language, else along its fallback chain, saying which."""
    order = language_order(language)
    for code in order:
        text = getattr(obj, f"{base}_{suffix(code)}", "") or ""
        if text.strip():
            return Localized(text, code, code != order[0])
    return Localized("", order[0], False)


def pick_text(texts: Mapping[str, str], language: str | None = None) -> str:
    """From texts given as data per language ({"zh-hans": ..., "en": ...}), the reader's.

    The same chain as `localized()`: a stage label or a form field's label written by staff
    in Chinese and English reads English for a French reader.
    """
    for code in language_order(language):
        text = texts.get(code) or ""
        if text.strip():
            return text
    return ""


class TextsByLanguage:
    """A label kept as data per language; `str()` gives the reader's, like a lazy gettext."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(texts)

    def __str__(self) -> str:
        return pick_text(self.texts)

    def __repr__(self) -> str:
        return f"TextsByLanguage({self.texts!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextsByLanguage) and other.texts == self.texts

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.texts.items())))
