"""Forms of the news pages: list filters, the side-by-side editor, moves and subscriptions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wenchuang.core.translated import LANGUAGE_LABELS
from wenchuang.reference.models import Region
from wenchuang.workflows.models import Call

from .models import Category, NewsItem

LANGUAGE_SUFFIXES = [("zh-hans", "zh_hans"), ("en", "en"), ("fr", "fr"), ("de", "de")]


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("all categories"))] + [
            (c.code, str(c)) for c in Category.objects.all()
        ]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class ItemForm(forms.ModelForm):
    """The editor: each language's title, summary and body beside the source language's."""

    region = forms.ModelChoiceField(
        label=_("Released by (region)"), queryset=Region.objects.none(), to_field_name="code"
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = NewsItem
        fields = [
            "kind",
            "source_language",
            *(f"{b}_{s}" for _c, s in LANGUAGE_SUFFIXES for b in ("title", "summary", "body")),
            "categories",
            "issuing_authority",
            "document_number",
            "effective_on",
            "expires_on",
            "call",
            "event_starts_on",
            "venue",
        ]
        widgets = {
            "effective_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
            "event_starts_on": forms.DateInput(attrs={"type": "date"}),
            "categories": forms.CheckboxSelectMultiple,
            **{f"summary_{s}": forms.Textarea(attrs={"rows": 3}) for _c, s in LANGUAGE_SUFFIXES},
            **{f"body_{s}": forms.Textarea(attrs={"rows": 10}) for _c, s in LANGUAGE_SUFFIXES},
        }

    def __init__(self, *args: Any, regions: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(code__in=[r.code for r in regions])
        if regions and not self.initial.get("region"):
            self.initial["region"] = regions[0].code
        self.fields["call"].queryset = Call.objects.exclude(status="draft")

    def languages(self) -> list[dict[str, Any]]:
        """Per language: its label and its three fields, for the side-by-side layout."""
        return [
            {
                "code": code,
                "label": LANGUAGE_LABELS[code],
                "fields": [self[f"{b}_{s}"] for b in ("title", "summary", "body")],
            }
            for code, s in LANGUAGE_SUFFIXES
        ]


class MoveForm(forms.Form):
    target = forms.ChoiceField(choices=NewsItem.Status.choices)
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class SubscriptionForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds"),
        required=False,
        choices=NewsItem.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every kind."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        required=False,
        queryset=Category.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every category."),
    )
    active = forms.BooleanField(label=_("Send me the daily digest"), required=False, initial=True)
