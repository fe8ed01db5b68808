"""The database's half of the directory's field rules: check constraints on each table.

The validators on the model fields (wenchuang.core.validators) say why a value is refused;
these constraints make the database refuse what slips past them (a bulk write, a shell, a
script). A rule that reads the clock ("up to next year") is bounded here by a fixed year.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact, LessThanOrEqual

from wenchuang.core.validators import (
    CREDIT_CODE_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    EARLIEST_FOUNDING_YEAR,
    EARLIEST_REVENUE_YEAR,
    LATEST_YEAR_BOUND,
    MAX_EMPLOYEES,
)

Q = models.Q
DESCRIPTIONS = ("description_zh_hans", "description_en", "description_fr", "description_de")


def _check(
    table: str, rule: str, condition: models.Q | models.Expression
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=condition, name=f"{table}_{rule}")


def _null_or(column: str, condition: models.Q) -> models.Q:
    return Q(**{f"{column}__isnull": True}) | condition


def _between(column: str, low: object = None, high: object = None) -> models.Q:
    condition = Q()
    if low is not None:
        condition &= Q(**{f"{column}__gte": low})
    if high is not None:
        condition &= Q(**{f"{column}__lte": high})
    return _null_or(column, condition)


def record_constraints(table: str) -> list[models.CheckConstraint]:
    """What every directory record's table holds to: descriptions of bounded length."""
    return [
        _check(table, f"{column}_length", LessThanOrEqual(Length(column), DESCRIPTION_MAX_LENGTH))
        for column in DESCRIPTIONS
    ]


def enterprise_constraints() -> list[models.CheckConstraint]:
    table = "enterprise"
    return [
        *record_constraints(table),
        _check(
            table,
            "credit_code_length",
            _null_or("credit_code", Q(Exact(Length("credit_code"), CREDIT_CODE_LENGTH))),
        ),
        _check(
            table,
            "founded_year_range",
            _between("founded_year", EARLIEST_FOUNDING_YEAR, LATEST_YEAR_BOUND),
        ),
        _check(
            table,
            "revenue_year_range",
            _between("revenue_year", EARLIEST_REVENUE_YEAR, LATEST_YEAR_BOUND),
        ),
        _check(table, "employees_range", _between("employees", 0, MAX_EMPLOYEES)),
        _check(table, "annual_revenue_range", _between("annual_revenue", 0)),
    ]


def park_constraints() -> list[models.CheckConstraint]:
    table = "park"
    return [
        *record_constraints(table),
        _check(table, "latitude_range", _between("latitude", -90, 90)),
        _check(table, "longitude_range", _between("longitude", -180, 180)),
        _check(table, "area_hectares_range", _between("area_hectares", 0)),
        _check(table, "vacancy_rate_range", _between("vacancy_rate", 0, 100)),
    ]


def investor_constraints() -> list[models.CheckConstraint]:
    table = "investor"
    return [
        *record_constraints(table),
        _check(table, "ticket_min_range", _between("ticket_min", 0)),
        _check(table, "ticket_max_range", _between("ticket_max", 0)),
        _check(
            table,
            "ticket_order",
            Q(ticket_min__isnull=True)
            | Q(ticket_max__isnull=True)
            | Q(ticket_min__lte=models.F("ticket_max")),
        ),
    ]
