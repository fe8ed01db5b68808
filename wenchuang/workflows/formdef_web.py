"""The web form for an application form definition (`formdef.application_form`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from . import formdef

YES_NO = [("", "—"), ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))]


def _django_field(field: Mapping[str, Any], language: str | None) -> forms.Field:
    kind = field["type"]
    options: dict[str, Any] = {
        "label": formdef.label_of(field, "label", language),
        "help_text": formdef.label_of(field, "help", language) if field.get("help") else "",
        # Drafts may be saved half-filled; what is required is checked when submitting.
        "required": False,
    }
    if kind in formdef.TEXT_LIMITS:
        limit = field.get("max_length", formdef.TEXT_LIMITS[kind][0])
        widget = forms.Textarea(attrs={"rows": 6}) if kind == "long_text" else None
        return forms.CharField(max_length=limit, widget=widget, **options)
    if kind == "number":
        return forms.DecimalField(max_digits=20, decimal_places=4, **options)
    if kind == "money":
        options["label"] = f"{options['label']} ({field.get('currency', 'CNY')})"
        return forms.DecimalField(max_digits=16, decimal_places=2, min_value=0, **options)
    if kind == "date":
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **options)
    if kind in ("choice", "multi_choice"):
        choices = [(c["value"], formdef.label_of(c, "label", language)) for c in field["choices"]]
        if kind == "choice":
            return forms.ChoiceField(choices=[("", "—"), *choices], **options)
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **options
        )
    if kind == "yes_no":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **options)
    return forms.FileField(**options)


def _initial(field: Mapping[str, Any], value: Any) -> Any:
    if value is None:
        return None
    kind = field["type"]
    if kind == "money" and isinstance(value, Mapping):
        return value.get("amount")
    if kind == "yes_no":
        return {True: "yes", False: "no"}.get(value)
    if kind == "file":
        return None
    return value


def _answer(field: Mapping[str, Any], value: Any) -> Any:
    """A cleaned form value as the JSON answer formdef stores."""
    kind = field["type"]
    if value in (None, "", []):
        return None
    if kind == "number":
        return format(Decimal(value).normalize(), "f")
    if kind == "money":
        return {
            "amount": str(Decimal(value).quantize(Decimal("0.01"))),
            "currency": field.get("currency", "CNY"),
        }
    if kind == "date":
        return value.isoformat()
    if kind == "yes_no":
        return value == "yes"
    if kind == "text" or kind == "long_text":
        return value.strip()
    return value


class ApplicationForm(forms.Form):
    """The fields of a definition; `answers()` gives the JSON answers, `uploads()` the files."""

    definition: Mapping[str, Any] = {}
    current: Mapping[str, Any] = {}

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(title, bound fields) per section, for the template."""
        return [
            (
                formdef.label_of(section, "title"),
                [self[field["key"]] for field in section.get("fields") or []],
            )
            for section in self.definition.get("sections") or []
        ]

    def answers(self) -> dict[str, Any]:
        """The answers after this form: file answers kept from before, hidden fields dropped."""
        merged: dict[str, Any] = {}
        for _section, field in formdef.fields_of(self.definition):
            key = field["key"]
            if field["type"] == "file":
                if key in self.current:
                    merged[key] = self.current[key]
                continue
            value = _answer(field, self.cleaned_data.get(key))
            if value is not None:
                merged[key] = value
        return formdef.visible_answers(self.definition, merged)

    def uploads(self) -> dict[str, Any]:
        return {
            field["key"]: self.cleaned_data[field["key"]]
            for _section, field in formdef.fields_of(self.definition)
            if field["type"] == "file" and self.cleaned_data.get(field["key"])
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            for key, message in formdef.check_answers(
                self.definition, self.answers(), complete=False
            ):
                self.add_error(key if key in self.fields else None, message)
        return cleaned


def application_form(
    definition: Mapping[str, Any],
    answers: Mapping[str, Any] | None = None,
    files: Any = None,
    *,
    data: Any = None,
    language: str | None = None,
    prefix: str | None = None,
) -> ApplicationForm:
    """A Django form for the definition, showing `answers`; bound when `data` (POST) is given."""
    answers = answers or {}
    fields = {
        field["key"]: _django_field(field, language)
        for _section, field in formdef.fields_of(definition)
    }
    form_class = type("ApplicationForm", (ApplicationForm,), {**fields, "definition": definition})
    initial = {
        field["key"]: _initial(field, answers.get(field["key"]))
        for _section, field in formdef.fields_of(definition)
    }
    form = form_class(data=data, files=files, initial=initial, prefix=prefix)
    form.current = answers
    for _section, field in formdef.fields_of(definition):
        if field.get("required"):
            form.fields[field["key"]].widget.attrs["data-required"] = "true"
        if field.get("show_if"):
            form.fields[field["key"]].widget.attrs["data-show-if"] = field["show_if"]["field"]
    return form


__all__ = ["ApplicationForm", "application_form"]
