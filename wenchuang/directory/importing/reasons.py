"""Why a row or a file was refused: stable codes with parameters, worded in the reader's language.

An import job stores `{"code": ..., "params": {...}}`, never a sentence, so the same report
reads in English on an English page and in French on a French one, whatever language the
worker ran in. Codes are part of stored data: add new ones, never rename old ones.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_noop as _

REASONS = {
    # Cell values
    "too_long": _("Longer than %(max)d characters (it has %(length)d)."),
    "too_long_max": _("Longer than %(max)d characters."),
    "not_integer": _("Not a whole number: “%(value)s”."),
    "out_of_range": _("Must be between %(low)s and %(high)s."),
    "at_least": _("Must be at least %(low)s."),
    "not_number": _("Not a number: “%(value)s”."),
    "too_large": _("The number %(value)s is too large."),
    "not_choice": _("“%(value)s” is not one of: %(choices)s."),
    "bad_email": _("Not a valid email address: “%(value)s”."),
    "bad_url": _("Not a valid web address: “%(value)s”."),
    "unknown_region": _("Unknown region code “%(value)s” (GB/T 2260)."),
    "outside_jurisdiction": _("Region %(value)s lies outside your jurisdiction."),
    "unknown_category": _(
        "“%(value)s” is not a small category of the 2018 culture-industry classification."
    ),
    "unknown_currency": _("Unknown currency code “%(value)s” (ISO 4217)."),
    "unknown_country": _("Unknown country code “%(value)s” (ISO 3166)."),
    "not_park": _("Not a park number: “%(value)s”."),
    "no_park": _("There is no park number %(value)s."),
    "bad_credit_code": _("Not a unified social credit code (18 letters and digits): “%(value)s”."),
    "credit_code_check": _("The check character of credit code “%(value)s” is wrong."),
    "not_record_id": _("Not a record number: “%(value)s”."),
    # A model field's own rule (its validators), stored in every site language because the
    # message is the validator's, the same a form or the API gives; see cells._follow_rules.
    "field_rule": "%(message)s",
    # Rows
    "extra_cells": _("This row has more cells than the header has columns."),
    "name_required": _("A Chinese or an English name is required."),
    "required": _("This value is required."),
    "ticket_range": _("The largest investment is smaller than the smallest."),
    "same_credit_code": _("Same credit code as line %(line)d."),
    "same_name_region": _("Same name and region as line %(line)d."),
    "same_id": _("Same record number as line %(line)d."),
    "unknown_id": _("There is no record number %(value)s that you may change."),
    "id_credit_code_conflict": _(
        "Credit code %(code)s belongs to record %(other)s, not to record %(value)s."
    ),
    "likely_duplicate": _(
        "Probably the same as record %(other)s (same name in the same region); give its id "
        "in the id column to update it."
    ),
    # Header
    "column_twice": _("This column appears twice."),
    "unknown_column": _("Unknown column; see the list of accepted columns."),
    "name_column_required": _("A name_zh_hans or a name_en column is required."),
    "column_required": _("This column is required."),
    # Whole file or job
    "not_xlsx": _("The file is not a valid XLSX workbook."),
    "empty": _("The file is empty."),
    "bad_encoding": _(
        "The file is a CSV text in %(encoding)s; only UTF-8 and GB18030 are accepted. "
        "Save it again as CSV UTF-8 or as XLSX."
    ),
    "not_text": _("The file is not a CSV text file in UTF-8 or GB18030; save it as CSV or XLSX."),
    "archive_too_large": _(
        "The workbook unpacks to %(size)d MB, more than the %(limit)d MB allowed; split it "
        "into smaller files."
    ),
    "archive_ratio": _(
        "The workbook is compressed %(ratio)d times, more than a real spreadsheet; it was not read."
    ),
    "database_refused": _("The database refused the rows: %(error)s"),
    "stopped": _("The import stopped: %(error)s"),
    "worker_lost": _(
        "The import stopped because its background worker stopped; nothing was imported. "
        "Upload the file again."
    ),
    "more": _("… and %(count)d more."),
}


def reason_text(entry: dict[str, Any]) -> str:
    """The reason of a stored report entry in the active language.

    Entries written before reasons had codes carry their sentence in "reason".
    """
    code = entry.get("code")
    if code == "field_rule":
        messages = entry.get("params", {}).get("messages") or {}
        return str(messages.get(get_language()) or messages.get("en") or "")
    if code not in REASONS:
        return str(entry.get("reason", code or ""))
    template = gettext(REASONS[code])
    try:
        return template % entry.get("params", {})
    except (KeyError, TypeError, ValueError):
        return template
