"""The standard indicator set for cluster areas, after the identification measures of Beijing.

Quantitative indicators are what a park's return states (tenants, revenue, employment,
occupancy, services); qualitative ones are graded by the assessors on site, as the
cluster-management labels' indicator sets grade management, governance, services and
cooperation. Staff copy and adjust it (`indicator_set_save`); demo data and tests use it.
"""

from __future__ import annotations

from typing import Any

LEVELS = [
    {"zh-hans": "差", "en": "poor", "fr": "insuffisant", "de": "mangelhaft"},
    {"zh-hans": "一般", "en": "fair", "fr": "passable", "de": "ausreichend"},
    {"zh-hans": "良", "en": "good", "fr": "bon", "de": "gut"},
    {"zh-hans": "优", "en": "excellent", "fr": "excellent", "de": "sehr gut"},
]


def _quantity(key, zh, en, fr, de, *, type, unit, weight, target) -> dict[str, Any]:  # noqa: A002
    return {
        "key": key,
        "group": "quantitative",
        "label": {"zh-hans": zh, "en": en, "fr": fr, "de": de},
        "type": type,
        "unit": unit,
        "weight": weight,
        "target": target,
    }


def _quality(key, zh, en, fr, de, *, weight) -> dict[str, Any]:
    return {
        "key": key,
        "group": "qualitative",
        "label": {"zh-hans": zh, "en": en, "fr": fr, "de": de},
        "weight": weight,
        "levels": LEVELS,
    }


STANDARD_CODE = "cluster-area-2026"
STANDARD_TITLE = {
    "zh-hans": "文化创意产业集聚区认定指标（2026）",
    "en": "Cluster-area indicators (2026)",
}
STANDARD_DEFINITION: dict[str, Any] = {
    "validity_years": 3,
    "pass_mark": 70,
    "warn_mark": 50,
    "indicators": [
        _quantity(
            "tenant_enterprises",
            "入驻文化企业数",
            "Tenant cultural enterprises",
            "Entreprises culturelles hébergées",
            "Angesiedelte Kulturunternehmen",
            type="integer",
            unit="enterprises",
            weight=15,
            target=100,
        ),
        _quantity(
            "revenue",
            "年营业收入",
            "Yearly revenue",
            "Chiffre d'affaires annuel",
            "Jahresumsatz",
            type="decimal",
            unit="cny_10k",
            weight=15,
            target=100000,
        ),
        _quantity(
            "employment",
            "从业人员",
            "Employment",
            "Emplois",
            "Beschäftigte",
            type="integer",
            unit="persons",
            weight=10,
            target=3000,
        ),
        _quantity(
            "occupancy",
            "入驻率",
            "Occupancy",
            "Taux d'occupation",
            "Belegungsquote",
            type="percent",
            unit="percent",
            weight=10,
            target=90,
        ),
        _quantity(
            "services",
            "公共服务次数",
            "Services provided",
            "Services rendus",
            "Erbrachte Dienstleistungen",
            type="integer",
            unit="services",
            weight=10,
            target=50,
        ),
        _quality("management", "运营管理", "Management", "Gestion", "Betriebsführung", weight=10),
        _quality("governance", "治理结构", "Governance", "Gouvernance", "Steuerung", weight=10),
        _quality(
            "services_quality",
            "公共服务平台",
            "Service platform",
            "Plateforme de services",
            "Serviceplattform",
            weight=10,
        ),
        _quality(
            "cooperation", "交流合作", "Cooperation", "Coopération", "Zusammenarbeit", weight=10
        ),
    ],
}

# Values of a park that passes (83.75 points), one to warn (57.61) and one to revoke (23.63).
GOOD_VALUES = {
    "tenant_enterprises": 120,
    "revenue": "85000",
    "employment": 2400,
    "occupancy": "92",
    "services": 40,
    "management": 3,
    "governance": 2,
    "services_quality": 2,
    "cooperation": 2,
}
WARN_VALUES = {
    "tenant_enterprises": 60,
    "revenue": "50000",
    "employment": 1500,
    "occupancy": "70",
    "services": 25,
    "management": 2,
    "governance": 2,
    "services_quality": 1,
    "cooperation": 2,
}
POOR_VALUES = {
    "tenant_enterprises": 30,
    "revenue": "12000",
    "employment": 400,
    "occupancy": "45",
    "services": 5,
    "management": 1,
    "governance": 1,
    "services_quality": 0,
    "cooperation": 1,
}
