"""Translated content fields: one declaration, a column per language and a reading attribute."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wenchuang.core.languages import CONTENT_LANGUAGES, localized, suffix

# The language part of a column's label ("name (Chinese)"); lazy, so forms and the admin
# show it in the reader's language.
LANGUAGE_LABELS = {
    "zh-hans": _("Chinese"),
    "en": _("English"),
    "fr": _("French"),
    "de": _("German"),
}


def _label(field: str, language: str) -> str:
    return gettext("%(field)s (%(language)s)") % {
        "field": str(field),
        "language": str(LANGUAGE_LABELS.get(language, language)),
    }


column_label = lazy(_label, str)


class TranslatedText:
    """What `record.name` reads: the text in the reader's language, else along the chain."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return localized(instance, self.base).text


class TranslatedField:
    """Declares a text stored once per content language, read with the fallback chain.

    ::

        class Park(models.Model):
            name = TranslatedField(models.CharField, _("name"), max_length=200, blank=True)
            description = TranslatedField(models.TextField, _("description"), blank=True)

    gives the columns `name_zh_hans`, `name_en`, `name_fr`, `name_de` (labelled "name
    (Chinese)", ...) and `park.name`, the text in the reader's language or along the chain
    of settings.CONTENT_FALLBACK (`localized(park, "name")` also says which language it is).
    `per_language` overrides options for some languages, e.g. a required Chinese name:
    `per_language={"zh-hans": {"blank": False, "max_length": 64}}`. The columns are plain
    model fields, so filters, `values()`, forms, the importer and the search use them as
    before; adding a language adds a column to each translated field (a migration).
    """

    def __init__(
        self,
        field_class: type[models.Field],
        verbose_name: Any,
        *,
        per_language: dict[str, dict[str, Any]] | None = None,
        **options: Any,
    ) -> None:
        self.field_class = field_class
        self.verbose_name = verbose_name
        self.options = options
        self.per_language = per_language or {}

    def columns(self, base: str) -> dict[str, models.Field]:
        """The column name → field for every content language."""
        fields = {}
        for language in CONTENT_LANGUAGES:
            options = {**self.options, **self.per_language.get(language, {})}
            label = column_label(self.verbose_name, language)
            fields[f"{base}_{suffix(language)}"] = self.field_class(label, **options)
        return fields

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        # Called by Django's model metaclass for any attribute with this method, like a field.
        for column, field in self.columns(name).items():
            cls.add_to_class(column, field)
        setattr(cls, name, TranslatedText(name))
