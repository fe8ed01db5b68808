"""Fixtures of the statistics tests: the standard obligations, open quarters, Acme's returns."""

import pytest

from wenchuang.statistics.models import ReportingObligation
from wenchuang.statistics.tests.factories import PeriodFactory


@pytest.fixture
def enterprise_obligation(db):
    return ReportingObligation.objects.get(code="enterprise-quarterly")


@pytest.fixture
def park_obligation(db):
    return ReportingObligation.objects.get(code="park-quarterly")


@pytest.fixture
def quarters(db):
    """2025 Q1–Q4 and 2026 Q1–Q3, all open."""
    return {
        (year, q): PeriodFactory(year=year, quarter=q)
        for year, qs in ((2025, range(1, 5)), (2026, range(1, 4)))
        for q in qs
    }


# A plausible quarterly return of Acme (30 M yuan a year, 40 staff), year to date.
ACME_Q1 = {
    "revenue": "7500000",
    "employees": "40",
    "value_added": "2100000",
    "cultural_exports": "800000",
    "cultural_imports": "120000",
}


def ytd(quarter: int, scale: float = 1.0) -> dict[str, str]:
    """Acme's year-to-date return for `quarter`, growing steadily (scale for other years)."""
    return {
        code: str(int(int(v) * (quarter if code != "employees" else 1) * scale))
        for code, v in ACME_Q1.items()
    }
