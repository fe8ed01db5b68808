"""Where a return sits: its reporter's region and class, copied when it is submitted."""

from __future__ import annotations

from typing import Any

from wenchuang.core.regions import place

from .models import Reporter, StatReturn


def reporter_key(kind: str, record: Any) -> str:
    """The key that makes one return per reporter, obligation and quarter."""
    return f"{kind}:{record.pk}"


def fill_placement(stat_return: StatReturn, kind: str, record: Any) -> None:
    """Set the reporter, its key, its region and class on an unsaved return.

    An enterprise gives its region, small class and park; a park its region; a district
    (a Region) itself. The copies stay as they were at submission even if the record moves.
    """
    stat_return.reporter = kind
    stat_return.reporter_key = reporter_key(kind, record)
    if kind == Reporter.ENTERPRISE:
        stat_return.enterprise = record
        stat_return.park_id = record.park_id
        stat_return.class_code = record.category_id
        stat_return.mid_code = record.mid_code
        stat_return.major_code = record.major_code
        stat_return.domain = record.domain
        place(stat_return, record.region)
    elif kind == Reporter.PARK:
        stat_return.park = record
        place(stat_return, record.region)
    else:
        stat_return.district = record
        place(stat_return, record)
