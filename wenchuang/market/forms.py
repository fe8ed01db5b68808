"""Forms of the marketplace pages; the services check the rules again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wenchuang.reference.models import Currency, IndustryCategory

from .countries import country_choices
from .models import BuyerProfile, Listing
from .services.listings import LISTING_FIELDS


class CountriesField(forms.CharField):
    """ISO 3166 codes separated by commas or spaces: "FR, DE, JP"."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [c.strip().upper() for c in text.replace(",", " ").split() if c.strip()]


class ListingForm(forms.ModelForm):
    countries = CountriesField(
        label=_("countries served"),
        required=False,
        help_text=_("ISO 3166 codes separated by commas (FR, DE, JP); empty means every country."),
    )

    work = forms.IntegerField(
        label=_("registered work number"),
        required=False,
        min_value=1,
        help_text=_("The registered original work the goods are based on, if any."),
    )

    class Meta:
        model = Listing
        fields = [f for f in LISTING_FIELDS if f != "work"]
        widgets = {
            f"description_{code}": forms.Textarea(attrs={"rows": 3})
            for code in ("zh_hans", "en", "fr", "de")
        } | {"licence_terms": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = IndustryCategory.objects.filter(level=3)
        if self.instance.pk and self.instance.work_id:
            self.initial["work"] = self.instance.work_id

    def data_for_service(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in LISTING_FIELDS
            if name in self.cleaned_data
        }


class ImageForm(forms.Form):
    image = forms.FileField(label=_("image"))


class ModerationForm(forms.Form):
    note = forms.CharField(
        label=_("note to the seller"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=200)
    major = forms.ChoiceField(label=_("class"), required=False)
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("all")), *Listing.Kind.choices]
    )
    country = forms.ChoiceField(label=_("delivers to"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        majors = IndustryCategory.objects.filter(level=1).order_by("code")
        self.fields["major"].choices = [("", _("all")), *[(c.code, str(c)) for c in majors]]
        self.fields["country"].choices = [("", _("any")), *country_choices()]


class InquiryForm(forms.Form):
    quantity = forms.IntegerField(label=_("quantity"))
    message = forms.CharField(
        label=_("message to the seller"), widget=forms.Textarea(attrs={"rows": 3})
    )


class QuoteForm(forms.Form):
    unit_price = forms.DecimalField(label=_("unit price"), max_digits=16, decimal_places=2)
    currency = forms.ModelChoiceField(label=_("currency"), queryset=Currency.objects.all())
    quantity = forms.IntegerField(label=_("quantity"), required=False)
    note = forms.CharField(
        label=_("quote terms"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("message"), widget=forms.Textarea(attrs={"rows": 3}))


class BuyerProfileForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("country"))

    class Meta:
        model = BuyerProfile
        fields = ["organisation_name", "country", "preferred_currency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()


class ReportForm(forms.Form):
    work = forms.ModelChoiceField(label=_("your registered work"), queryset=None)
    statement = forms.CharField(
        label=_("what the listing copies"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, works=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work"].queryset = works


class ReportAnswerForm(forms.Form):
    answer = forms.CharField(label=_("your answer"), widget=forms.Textarea(attrs={"rows": 3}))


class ReportDecisionForm(forms.Form):
    note = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))
