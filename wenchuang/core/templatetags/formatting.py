"""Template filters for numbers, amounts and dates in the reader's locale: {% load formatting %}."""

from django import template

from wenchuang.core.money import (
    Money,
    format_day,
    format_moment,
    format_money_range,
    format_number,
    format_percentage,
)

register = template.Library()


@register.filter
def number(value, places=None):
    """{{ record.employees|number }} → 1 234 (fr); {{ lat|number:4 }} → 31,2304 (fr)."""
    return format_number(value, None if places in (None, "") else int(places))


@register.filter
def percent(value):
    """{{ park.vacancy_rate|percent }}: a value in percent, 12.50 → 12,5 % (fr)."""
    return format_percentage(value)


@register.filter
def day(value):
    """{{ event.at|day }} → 30 nov. 2026 (fr), 2026年11月30日 (zh-hans)."""
    return format_day(value)


@register.filter
def moment(value):
    """{{ event.at|moment }}: date and time in the site's time zone, the reader's short style."""
    return format_moment(value)


@register.simple_tag
def money(amount, currency=None):
    """{% money record.ticket_min record.currency_id %} or {% money some_money %}."""
    value = amount if isinstance(amount, Money) else Money.of(amount, currency)
    return value.format() if value is not None else ""


@register.simple_tag
def money_range(low, high, currency):
    """{% money_range record.ticket_min record.ticket_max record.currency_id %}."""
    return format_money_range(Money.of(low, currency), Money.of(high, currency))
