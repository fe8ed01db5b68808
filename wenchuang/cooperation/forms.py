"""Forms of the cooperation pages; their fields come from the models' rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wenchuang.directory.models import Park
from wenchuang.reference.models import Region

from .models import OutcomeReport, Pairing, PairingBatch


class BatchForm(forms.ModelForm):
    region = forms.ModelChoiceField(
        queryset=Region.objects.filter(level__lte=2).order_by("code"),
        label=_("jurisdiction"),
        to_field_name="code",
    )

    class Meta:
        model = PairingBatch
        fields = ["code", "title_zh_hans", "title_en", "year", "region"]

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions


class ProposeForm(forms.Form):
    carrying_park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("carrying park"))
    partner_park = forms.ModelChoiceField(queryset=Park.objects.none(), label=_("partner park"))

    def __init__(self, *args, parks=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("carrying_park", "partner_park"):
            self.fields[name].queryset = parks if parks is not None else Park.objects.none()

    def clean(self):
        data = super().clean()
        if data.get("carrying_park") and data.get("carrying_park") == data.get("partner_park"):
            self.add_error("partner_park", _("A park cannot be paired with itself."))
        return data


class MoveForm(forms.Form):
    target = forms.ChoiceField(choices=Pairing.Status.choices)
    version = forms.CharField(required=False, max_length=40)
    note = forms.CharField(required=False, max_length=500, label=_("reason"))


class SignForm(forms.Form):
    agreement_title = forms.CharField(max_length=200, label=_("agreement"))
    signed_on = forms.DateField(
        label=_("signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    document = forms.FileField(required=False, label=_("signed agreement (PDF or scan)"))
    version = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)


class OutcomeReportForm(forms.ModelForm):
    class Meta:
        model = OutcomeReport
        fields = [
            "year",
            "half",
            "enterprises_relocated",
            "joint_projects",
            "visitors",
            "revenue",
            "currency",
            "activities",
        ]
        widgets = {"activities": forms.Textarea(attrs={"rows": 4})}
