"""Forms of statistics: a return's figures (built from its indicators), uploads, quarter moves."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Indicator, Period


def _plain(value: Decimal | None) -> str:
    """A stored figure as the reporter typed it: no trailing zeros, no grouping."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


class ReturnForm(forms.Form):
    """One field per indicator (text, so that the checker gives the message) and its explanation."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        indicators: list[Indicator],
        figures: Mapping[str, Decimal],
        explanations: Mapping[str, str],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[indicator.code] = forms.CharField(
                label=str(indicator.name),
                required=False,
                initial=_plain(figures.get(indicator.code)),
                help_text=indicator.get_unit_display(),
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "numeric"
                        if indicator.value_type == Indicator.ValueType.INTEGER
                        else "decimal",
                        "autocomplete": "off",
                    }
                ),
            )
            self.fields[f"{indicator.code}__why"] = forms.CharField(
                label=_("Explanation"),
                required=False,
                max_length=2000,
                initial=explanations.get(indicator.code, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def values(self) -> dict[str, str]:
        return {i.code: self.cleaned_data.get(i.code, "") for i in self.indicators}

    def explanations(self) -> dict[str, str]:
        return {i.code: self.cleaned_data.get(f"{i.code}__why", "") for i in self.indicators}

    def add_problems(self, problems: Mapping[str, list[str]]) -> None:
        for code, found in problems.items():
            for message in found:
                self.add_error(code if code in self.fields else None, message)

    def rows(self, flagged: Mapping[str, Any] | None = None):
        """(value field, explanation field, show explanation) per indicator, in order."""
        for indicator in self.indicators:
            field = self[indicator.code]
            why = self[f"{indicator.code}__why"]
            show = bool(field.errors or why.value() or (flagged or {}).get(indicator.code))
            yield indicator, field, why, show


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File of returns (CSV or XLSX)"),
        help_text=_(
            "One row per return: obligation, year, quarter, reporter (credit code or park id) "
            "and one column per indicator code."
        ),
    )


class PeriodMoveForm(forms.Form):
    target = forms.ChoiceField(choices=Period.Status.choices)
