"""Loading the shipped reference fixtures (regions, classification, currencies, size thresholds)."""

from __future__ import annotations

import csv
import gettext
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from wenchuang.core import generations

from .models import Currency, IndustryCategory, Region, SizeThreshold

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LEVELS = {"major": 1, "mid": 2, "small": 3}


def _rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _upsert(model, objects: list, fields: list[str]) -> int:
    # Parents come before children in every fixture, so one ordered pass keeps FKs valid.
    model.objects.bulk_create(
        objects,
        batch_size=500,
        update_conflicts=True,
        unique_fields=[model._meta.pk.name],
        update_fields=fields,
    )
    generations.bump(model)  # bulk_create sends no post_save
    return len(objects)


def load_regions() -> int:
    objs = [
        Region(
            code=r["code"],
            level=int(r["level"]),
            parent_id=r["parent_code"] or None,
            name_zh_hans=r["name_zh_hans"],
            name_en=r["name_en"],
            name_fr=r["name_fr"],
            name_de=r["name_de"],
        )
        for r in _rows("regions-gbt2260.csv")
    ]
    fields = ["level", "parent", "name_zh_hans", "name_en", "name_fr", "name_de"]
    return _upsert(Region, objs, fields)


def load_categories() -> int:
    objs = [
        IndustryCategory(
            code=r["code"],
            level=LEVELS[r["level"]],
            parent_id=r["parent_code"] or None,
            name_zh_hans=r["name_zh_hans"],
            name_en=r["name_en"],
            name_fr=r["name_fr"],
            name_de=r["name_de"],
            domain=r["domain"],
            gbt4754_2017=r["gbt4754_2017"],
        )
        for r in _rows("culture-classification-2018.csv")
    ]
    fields = [
        "level",
        "parent",
        "name_zh_hans",
        "name_en",
        "name_fr",
        "name_de",
        "domain",
        "gbt4754_2017",
    ]
    return _upsert(IndustryCategory, objs, fields)


def load_currencies() -> int:
    import pycountry

    def translator(lang: str):
        return gettext.translation(
            "iso4217", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        ).gettext

    names = {lang: translator(lang) for lang in ("zh_CN", "fr", "de")}
    objs = [
        Currency(
            code=c.alpha_3,
            numeric=getattr(c, "numeric", ""),
            name_en=c.name,
            name_zh_hans=names["zh_CN"](c.name),
            name_fr=names["fr"](c.name),
            name_de=names["de"](c.name),
        )
        for c in pycountry.currencies
    ]
    return _upsert(Currency, objs, ["numeric", "name_en", "name_zh_hans", "name_fr", "name_de"])


def load_size_thresholds() -> int:
    rows = _rows("size-thresholds.csv")
    SizeThreshold.objects.all().delete()
    SizeThreshold.objects.bulk_create(
        SizeThreshold(
            sector=r["sector"],
            division_from=r["division_from"],
            division_to=r["division_to"],
            min_revenue_yuan=Decimal(r["min_revenue_yuan"]),
            valid_from_year=int(r["valid_from_year"]),
            source=r["source"],
        )
        for r in rows
    )
    return len(rows)


@transaction.atomic
def load_all() -> dict[str, int]:
    return {
        "regions": load_regions(),
        "categories": load_categories(),
        "currencies": load_currencies(),
        "size thresholds": load_size_thresholds(),
    }
