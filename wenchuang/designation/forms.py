"""Forms of the designation pages: register filters, an assessment's indicator form, orders."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wenchuang.core.validators import DESCRIPTION_MAX_LENGTH
from wenchuang.reference.models import Region

from . import indicators
from .models import Designation


class RegisterFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("any status")), *Designation.Status.choices],
    )
    province = forms.ChoiceField(label=_("Province"), required=False)
    prefecture = forms.ChoiceField(label=_("City"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provinces = Region.objects.filter(level=Region.Level.PROVINCE).order_by("code")
        self.fields["province"].choices = [("", _("all provinces"))] + [
            (r.code, str(r.name)) for r in provinces
        ]
        # The cities that have designated areas: a short list, whatever the province.
        codes = Designation.objects.exclude(prefecture_code="").values("prefecture_code")
        cities = Region.objects.filter(code__in=codes).order_by("code")
        self.fields["prefecture"].choices = [("", _("all cities"))] + [
            (r.code, str(r.name)) for r in cities
        ]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class AssessmentForm(forms.Form):
    """One field per indicator of the assessment's set, the findings and the page's version."""

    report = forms.CharField(
        label=_("Findings"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, definition: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        for item in indicators.indicators(definition):
            name = f"i_{item['key']}"
            label = indicators.label(item)
            if item["group"] == indicators.QUALITATIVE:
                choices = [("", "—")] + [
                    (str(n), text) for n, text in enumerate(indicators.level_labels(item))
                ]
                field: forms.Field = forms.ChoiceField(label=label, required=False, choices=choices)
            else:
                # Checked by indicators.check_values, as the API's values are: one set of rules.
                field = forms.CharField(
                    label=label,
                    required=False,
                    help_text=indicators.unit_label(item),
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
            field.group = item["group"]  # type: ignore[attr-defined]
            self.fields[name] = field
        # The findings come last, after the indicators.
        self.order_fields([n for n in self.fields if n.startswith("i_")] + ["report", "version"])

    def indicator_fields(self, group: str) -> list:
        return [self[n] for n, f in self.fields.items() if getattr(f, "group", None) == group]

    def groups(self) -> list[tuple[str, list]]:
        return [
            (str(label), self.indicator_fields(key)) for key, label in indicators.GROUPS.items()
        ]

    def values(self) -> dict[str, str]:
        return {
            name[2:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("i_") and value not in (None, "")
        }

    def add_problems(self, messages: dict[str, list[str]]) -> None:
        for key, errors in messages.items():
            name = f"i_{key}" if f"i_{key}" in self.fields else None
            for error in errors:
                self.add_error(name, error)


def initial_for(assessment: Any, version: str) -> dict[str, Any]:
    initial: dict[str, Any] = {f"i_{k}": v for k, v in (assessment.values or {}).items()}
    initial.update(report=assessment.report, version=version)
    return initial


class MoveForm(forms.Form):
    target = forms.ChoiceField(choices=Designation.Status.choices)
    note = forms.CharField(label=_("Reason"), required=False, max_length=500)
    version = forms.CharField(required=False)


class OrderForm(forms.Form):
    """Entrust an assessment to an institution (and for a yearly one, the year)."""

    assessor = forms.TypedChoiceField(label=_("Entrusted institution"), coerce=int)
    park = forms.IntegerField(label=_("Park"), required=False, min_value=1, max_value=2**31 - 1)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessor"].choices = [(o.pk, str(o)) for o in institutions]
