"""Consulting forms: applying for certification, filing a request, the thread, the rating."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wenchuang.directory.models import ServiceProvider

from .models import Scope


class RegisterFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Scope"), choices=[("", _("any scope")), *Scope.choices], required=False
    )
    region = forms.RegexField(
        label=_("Region code"), regex=r"^\d{6}$", required=False, max_length=6
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {"scope": self.cleaned_data["scope"], "region_code": self.cleaned_data["region"]}


class CertificationForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Service provider"), queryset=ServiceProvider.objects.none()
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scope"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    regions_served = forms.CharField(
        label=_("Regions served"),
        max_length=500,
        help_text=_(
            "GB/T 2260 codes separated by spaces, e.g. 320200 for Wuxi, 320000 for Jiangsu."
        ),
    )
    staff_names = forms.CharField(
        label=_("Named staff"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One person per line, with their qualification."),
    )

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if providers is not None:
            self.fields["provider"].queryset = providers

    def region_codes(self) -> list[str]:
        return self.cleaned_data["regions_served"].replace(",", " ").split()


class DecisionForm(forms.Form):
    target = forms.CharField(max_length=16)
    reason = forms.CharField(max_length=2000, required=False)
    valid_until = forms.DateField(required=False)


class RequestForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Scope.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    question = forms.CharField(
        label=_("Question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=ServiceProvider.objects.filter(certified=True).order_by("name_zh_hans"),
        required=False,
        empty_label=_("Let the centre route it"),
    )


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"), choices=[(i, str(i)) for i in range(5, 0, -1)], coerce=int
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
