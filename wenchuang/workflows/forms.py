"""Forms of the engine's pages: the staff call editor, moves, extensions, applying."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wenchuang.reference.models import IndustryCategory, Region

from .models import Call, Programme


class JSONTextField(forms.CharField):
    """A definition kept as JSON, edited as text; a syntax error names its line."""

    widget = forms.Textarea

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.Textarea(attrs={"rows": 14, "class": "code", "spellcheck": "false"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False, indent=2)
        return value

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return {}
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("Not valid JSON: %(problem)s at line %(line)d, column %(column)d.")
                % {"problem": error.msg, "line": error.lineno, "column": error.colno}
            ) from None


class CallForm(forms.ModelForm):
    """The staff call editor: texts, dates, budget, and the definitions as JSON."""

    eligibility = JSONTextField(label=_("eligibility rules"), required=False)
    form = JSONTextField(label=_("application form"), required=False)
    stages = JSONTextField(label=_("stages"), required=False)
    review_form = JSONTextField(label=_("scoring form"), required=False)

    class Meta:
        model = Call
        fields = [
            "title_zh_hans",
            "title_en",
            "title_fr",
            "title_de",
            "description_zh_hans",
            "description_en",
            "description_fr",
            "description_de",
            "opens_at",
            "closes_at",
            "budget_amount",
            "budget_currency",
            "reviewers_per_application",
            "max_per_reviewer",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description_zh_hans": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_de": forms.Textarea(attrs={"rows": 3}),
        }

    DEFINITIONS = ("eligibility", "form", "stages", "review_form")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The definitions are declared fields, not model fields of Meta: show the call's own.
        if self.instance.pk:
            for name in self.DEFINITIONS:
                self.initial.setdefault(name, getattr(self.instance, name))

    def service_data(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name] for name in self.Meta.fields if name != "budget_currency"
        }
        data["budget_currency_id"] = self.cleaned_data["budget_currency"].pk
        for name in ("eligibility", "form", "stages", "review_form"):
            data[name] = self.cleaned_data[name]
        return data

    def add_service_errors(self, error: Any) -> None:
        if hasattr(error, "error_dict"):
            for name, errors in error.message_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error.messages)


class ApplyForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("apply for"), coerce=int)
    title = forms.CharField(label=_("project title"), max_length=200, required=False)
    classification = forms.ModelChoiceField(
        label=_("culture industry category"),
        queryset=IndustryCategory.objects.filter(level=IndustryCategory.Level.SMALL),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        organisations: list[tuple[int, str]],
        subjects: list[tuple[int, str]] | None = None,
        subject_label: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations
        if subjects is not None:
            # The programme's kind asks what the application is about (a designation: the park).
            self.fields["subject"] = forms.TypedChoiceField(
                label=subject_label or _("applying for"), coerce=int, choices=subjects
            )


class DetailsForm(forms.Form):
    """The application's own columns beside the call's form."""

    title = forms.CharField(label=_("project title"), max_length=200, required=False)
    amount_requested_amount = forms.DecimalField(
        label=_("amount requested"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    classification = forms.ModelChoiceField(
        label=_("culture industry category"),
        queryset=IndustryCategory.objects.filter(level=IndustryCategory.Level.SMALL),
        required=False,
    )


class MoveForm(forms.Form):
    target = forms.CharField(max_length=32)
    version = forms.CharField(max_length=32, required=False)
    note = forms.CharField(
        label=_("note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtensionForm(forms.Form):
    until = forms.DateTimeField(
        label=_("extend until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(label=_("reason"), max_length=500, required=False)


class ProgrammeForm(forms.ModelForm):
    """A new programme: its kind (registered by a plug-in app), code, titles and region."""

    kind = forms.ChoiceField(label=_("kind"))

    class Meta:
        model = Programme
        fields = [
            "kind",
            "code",
            "title_zh_hans",
            "title_en",
            "title_fr",
            "title_de",
            "jurisdiction",
        ]

    def __init__(
        self, *args: Any, kinds: list[tuple[str, str]], regions: list, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["jurisdiction"].queryset = Region.objects.filter(
            code__in=[r.code for r in regions]
        )
