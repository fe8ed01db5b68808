"""The standard indicators and reporting obligations (names in four languages), loaded once."""

from decimal import Decimal

from django.db import transaction

# code, zh-hans, en, fr, de, unit, value type, reporter, cumulative, aggregation, weight, relations
INDICATORS = [
    (
        "revenue",
        "营业收入",
        "Operating revenue",
        "Chiffre d'affaires",
        "Umsatzerlöse",
        "yuan",
        "money",
        "enterprise",
        True,
        "sum",
        None,
        [],
    ),
    (
        "employees",
        "从业人员期末人数",
        "Employees at the end of the quarter",
        "Effectif en fin de trimestre",
        "Beschäftigte am Quartalsende",
        "persons",
        "integer",
        "enterprise",
        False,
        "sum",
        None,
        [],
    ),
    (
        "value_added",
        "增加值",
        "Value added",
        "Valeur ajoutée",
        "Wertschöpfung",
        "yuan",
        "money",
        "enterprise",
        True,
        "sum",
        None,
        [{"op": "<=", "other": "revenue"}],
    ),
    (
        "cultural_exports",
        "文化产品和服务出口额",
        "Cultural exports",
        "Exportations culturelles",
        "Kulturexporte",
        "yuan",
        "money",
        "enterprise",
        True,
        "sum",
        None,
        [{"op": "<=", "other": "revenue"}],
    ),
    (
        "cultural_imports",
        "文化产品和服务进口额",
        "Cultural imports",
        "Importations culturelles",
        "Kulturimporte",
        "yuan",
        "money",
        "enterprise",
        True,
        "sum",
        None,
        [],
    ),
    (
        "park_tenants",
        "入驻企业数",
        "Tenant enterprises",
        "Entreprises hébergées",
        "Angesiedelte Unternehmen",
        "enterprises",
        "integer",
        "park",
        False,
        "sum",
        None,
        [],
    ),
    (
        "park_occupancy",
        "出租率",
        "Occupancy rate",
        "Taux d'occupation",
        "Belegungsquote",
        "percent",
        "decimal",
        "park",
        False,
        "weighted_mean",
        "park_tenants",
        [],
    ),
    (
        "park_tenant_revenue",
        "入驻企业营业收入",
        "Tenants' revenue",
        "Chiffre d'affaires des entreprises hébergées",
        "Umsatz der angesiedelten Unternehmen",
        "yuan",
        "money",
        "park",
        True,
        "sum",
        None,
        [],
    ),
    (
        "gdp",
        "地区生产总值",
        "Gross domestic product",
        "Produit intérieur brut",
        "Bruttoinlandsprodukt",
        "yuan",
        "money",
        "reference",
        False,
        "sum",
        None,
        [],
    ),
    (
        "service_trade",
        "服务贸易总额",
        "Trade in services",
        "Commerce de services",
        "Dienstleistungshandel",
        "yuan",
        "money",
        "reference",
        False,
        "sum",
        None,
        [],
    ),
]

# Ranges: money and counts are never negative; an occupancy rate is a percentage.
RANGES = {"park_occupancy": (Decimal(0), Decimal(100))}
# GDP and service trade are published once a year (entered in the year's fourth quarter).
YEARLY = {"gdp", "service_trade"}

# code, zh-hans, en, fr, de, reporter, rule, indicator codes
OBLIGATIONS = [
    (
        "enterprise-quarterly",
        "规模以上文化企业季度报表",
        "Quarterly return of enterprises above designated size",
        "Déclaration trimestrielle des entreprises au-dessus du seuil",
        "Quartalsmeldung der Unternehmen über der Erfassungsgrenze",
        "enterprise",
        {"above_designated_size": True},
        ["revenue", "employees", "value_added", "cultural_exports", "cultural_imports"],
    ),
    (
        "park-quarterly",
        "文化产业园区季度报表",
        "Quarterly return of parks",
        "Déclaration trimestrielle des parcs",
        "Quartalsmeldung der Parks",
        "park",
        {},
        ["park_tenants", "park_occupancy", "park_tenant_revenue"],
    ),
]


def load_standard(*, using: str = "default", only_if_empty: bool = False) -> int:
    """Create (or bring back to the standard) the indicators and obligations; returns the count.

    `only_if_empty` leaves an installation whose staff already defined indicators alone.
    """
    from .models import Indicator, ReportingObligation

    if only_if_empty and Indicator.objects.using(using).exists():
        return 0
    with transaction.atomic(using=using):
        by_code = {}
        for position, row in enumerate(INDICATORS, start=1):
            code, zh, en, fr, de, unit, value_type, reporter, cumulative, agg, _w, rel = row
            low, high = RANGES.get(code, (Decimal(0), None))
            indicator, _created = Indicator.objects.using(using).update_or_create(
                code=code,
                defaults={
                    "name_zh_hans": zh,
                    "name_en": en,
                    "name_fr": fr,
                    "name_de": de,
                    "unit": unit,
                    "value_type": value_type,
                    "reporter": reporter,
                    "cumulative": cumulative,
                    "aggregation": agg,
                    "relations": rel,
                    "min_value": low,
                    "max_value": high,
                    "periodicity": "year" if code in YEARLY else "quarter",
                    "position": position,
                },
            )
            by_code[code] = indicator
        for row in INDICATORS:
            if row[10]:
                Indicator.objects.using(using).filter(code=row[0]).update(weight=by_code[row[10]])
        for code, zh, en, fr, de, reporter, rule, codes in OBLIGATIONS:
            obligation, _created = ReportingObligation.objects.using(using).update_or_create(
                code=code,
                defaults={
                    "name_zh_hans": zh,
                    "name_en": en,
                    "name_fr": fr,
                    "name_de": de,
                    "reporter": reporter,
                    "applies_to": rule,
                },
            )
            obligation.indicators.set([by_code[c] for c in codes])
    return len(by_code) + len(OBLIGATIONS)
