"""Countries by ISO 3166 code, named in the reader's language (pycountry's translations)."""

from __future__ import annotations

import gettext
from functools import cache

from wenchuang.core.languages import reader_language

_LOCALES = {"zh-hans": "zh_CN", "fr": "fr", "de": "de"}


@cache
def _translation(language: str):
    import pycountry

    locale = _LOCALES.get(language)
    if not locale:
        return gettext.NullTranslations()
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True
    )


def country_name(code: str, language: str | None = None) -> str:
    """ "France", "法国", "Frankreich"; the code itself when unknown."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code or "")
    if country is None:
        return code
    return _translation(reader_language(language)).gettext(country.name)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    import pycountry

    names = [(c.alpha_2, country_name(c.alpha_2, language)) for c in pycountry.countries]
    return sorted(names, key=lambda pair: pair[1])
