"""The kinds of record and their columns: which parser reads each, and what each one means."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from ..models import CONTACT_FIELDS, Enterprise, Investor, Park
from .cells import (
    _as_is,
    _category,
    _choice,
    _country,
    _credit_code,
    _currency,
    _decimal,
    _integer,
    _link,
    _park,
    _record_id,
    _region,
    _text,
    _website,
)
from .lookups import _Lookups

KINDS: dict[str, type[Enterprise | Park | Investor]] = {
    "enterprises": Enterprise,
    "parks": Park,
    "investors": Investor,
}
KIND_LABELS = {
    "enterprises": gettext_lazy("enterprises"),
    "parks": gettext_lazy("parks"),
    "investors": gettext_lazy("investors"),
}

NAME_COLUMNS = ("name_zh_hans", "name_en", "name_fr", "name_de")
DESCRIPTION_COLUMNS = (
    "description_zh_hans",
    "description_en",
    "description_fr",
    "description_de",
)
# Columns only staff may see; exports leave them out unless asked.
CONTACT_COLUMNS = CONTACT_FIELDS


@dataclass(frozen=True)
class Column:
    name: str
    attname: str
    parse: Callable[[str, _Lookups], Any]
    empty: Any = ""
    # For the writing pass, when the row is known to be valid: the same value, cheaper.
    convert: Callable[[str, _Lookups], Any] | None = None
    # What the column holds, for the import page and the template file.
    meaning: Any = ""


_LANGUAGES = {
    "zh_hans": gettext_lazy("Chinese"),
    "en": gettext_lazy("English"),
    "fr": gettext_lazy("French"),
    "de": gettext_lazy("German"),
}


def _language_of(column: str) -> Any:
    return _LANGUAGES[column.split("_", 1)[1]]


def _common_columns(model: type[Enterprise | Park | Investor]) -> list[Column]:
    columns = [
        Column(
            "id",
            "id",
            _record_id,
            None,
            meaning=gettext_lazy(
                "The record's number, as exports give it: the row then updates that record. "
                "Leave it empty for a new record."
            ),
        )
    ]
    columns += [Column(n, n, _text(model, n), meaning=_name_meaning(n)) for n in NAME_COLUMNS]
    columns += [
        Column(n, n, _text(model, n), meaning=_description_meaning(n)) for n in DESCRIPTION_COLUMNS
    ]
    columns += [
        Column(
            "region_code",
            "region_id",
            _region,
            None,
            meaning=gettext_lazy("Six-digit GB/T 2260 code of the county, city or province."),
        ),
        Column(
            "address",
            "address",
            _text(model, "address"),
            meaning=gettext_lazy("Street address."),
        ),
        Column(
            "contact_person",
            "contact_person",
            _text(model, "contact_person"),
            meaning=gettext_lazy("Contact person (seen by agency staff only)."),
        ),
        Column(
            "email",
            "email",
            _text(model, "email"),
            convert=_as_is,
            meaning=gettext_lazy("Contact email address (seen by agency staff only)."),
        ),
        Column(
            "phone",
            "phone",
            _text(model, "phone"),
            meaning=gettext_lazy("Contact telephone number (seen by agency staff only)."),
        ),
        Column(
            "website",
            "website",
            _website(model),
            convert=_link,
            meaning=gettext_lazy("Web site; “www.example.cn” is accepted."),
        ),
    ]
    return columns


def _name_meaning(column: str) -> Any:
    return format_lazy(
        gettext_lazy("Name in {language}, up to 200 characters."), language=_language_of(column)
    )


def _description_meaning(column: str) -> Any:
    return format_lazy(
        # The number is DESCRIPTION_MAX_LENGTH, the model's rule.
        gettext_lazy("Description in {language}, up to 20,000 characters."),
        language=_language_of(column),
    )


_ = gettext_lazy

COLUMNS: dict[str, list[Column]] = {
    "enterprises": _common_columns(Enterprise)
    + [
        Column(
            "credit_code",
            "credit_code",
            _credit_code(Enterprise),
            None,
            meaning=_(
                "Unified social credit code, 18 characters; a row with a known code updates "
                "that enterprise."
            ),
        ),
        Column(
            "category_code",
            "category_id",
            _category,
            None,
            meaning=_("Four-digit small category of the 2018 culture-industry classification."),
        ),
        Column("park_id", "park_id", _park, None, meaning=_("Number of the park it is in.")),
        Column(
            "founded_year",
            "founded_year",
            _integer(Enterprise, "founded_year"),
            None,
            meaning=_("Year founded."),
        ),
        Column(
            "employees",
            "employees",
            _integer(Enterprise, "employees"),
            None,
            meaning=_("Number of employees."),
        ),
        Column(
            "annual_revenue",
            "annual_revenue",
            _decimal(Enterprise, "annual_revenue"),
            None,
            meaning=_("Annual revenue in yuan, e.g. 3500000.00."),
        ),
        Column(
            "revenue_year",
            "revenue_year",
            _integer(Enterprise, "revenue_year"),
            None,
            meaning=_("Year of that revenue."),
        ),
    ],
    "parks": _common_columns(Park)
    + [
        Column(
            "level",
            "level",
            _choice(Park.Level),
            Park.Level.OTHER.value,
            meaning=format_lazy(
                _("Level of the park, one of: {choices}."),
                choices=", ".join(str(v) for v in Park.Level.values),
            ),
        ),
        Column(
            "latitude",
            "latitude",
            _decimal(Park, "latitude"),
            None,
            meaning=_("Latitude in degrees (WGS 84)."),
        ),
        Column(
            "longitude",
            "longitude",
            _decimal(Park, "longitude"),
            None,
            meaning=_("Longitude in degrees (WGS 84)."),
        ),
        Column(
            "area_hectares",
            "area_hectares",
            _decimal(Park, "area_hectares"),
            None,
            meaning=_("Area in hectares."),
        ),
        Column(
            "vacancy_rate",
            "vacancy_rate",
            _decimal(Park, "vacancy_rate", percent=True),
            None,
            meaning=_("Share of space vacant, in per cent (0 to 100)."),
        ),
    ],
    "investors": _common_columns(Investor)
    + [
        Column(
            "investor_type",
            "investor_type",
            _choice(Investor.InvestorType),
            Investor.InvestorType.VENTURE.value,
            meaning=format_lazy(
                _("Kind of investor, one of: {choices}."),
                choices=", ".join(str(v) for v in Investor.InvestorType.values),
            ),
        ),
        Column(
            "country",
            "country",
            _country(Investor),
            "CN",
            meaning=_("Two-letter ISO 3166 country code; CN when empty."),
        ),
        Column(
            "ticket_min",
            "ticket_min",
            _decimal(Investor, "ticket_min"),
            None,
            meaning=_("Smallest investment, in the currency below."),
        ),
        Column(
            "ticket_max",
            "ticket_max",
            _decimal(Investor, "ticket_max"),
            None,
            meaning=_("Largest investment, in the currency below."),
        ),
        Column(
            "currency_code",
            "currency_id",
            _currency,
            "CNY",
            meaning=_("Three-letter ISO 4217 currency code; CNY when empty."),
        ),
    ],
}
REQUIRED = {
    "enterprises": ("region_code", "category_code"),
    "parks": ("region_code",),
    "investors": ("region_code",),
}


def column_names(kind: str) -> list[str]:
    """The columns the importer accepts for a kind, in the order exports write them."""
    return [c.name for c in COLUMNS[kind]]
