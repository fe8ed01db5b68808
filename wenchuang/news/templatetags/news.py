"""Template tags of the information release: the home page's latest items, an item's reading."""

from __future__ import annotations

from django import template

from ..reading import Reading, reading
from ..selectors import latest

register = template.Library()


@register.inclusion_tag("news/_latest.html")
def latest_news(limit: int = 5) -> dict:
    """The latest published items, each in the reader's language (else along the chain)."""
    return {"entries": [(item, reading(item)) for item in latest(limit)]}


@register.simple_tag
def reading_of(item) -> Reading:
    return reading(item)
