"""Forms of the events pages: event, registration, slots, tables, requests, preferences."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wenchuang.core.validators import validate_country

from .models import Event, MeetingPreference, MeetingTable, Registration, validate_time_zone
from .services.organising import EVENT_FIELDS
from .services.participation import MEETING_LANGUAGES


def aware(value: dt.datetime, zone: str) -> dt.datetime:
    """A time typed in a zone's wall clock, as an aware datetime."""
    return value.replace(tzinfo=zoneinfo.ZoneInfo(zone)) if value.tzinfo is None else value


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class EventForm(forms.ModelForm):
    """An event; times are typed in the event's time zone."""

    region_code = forms.CharField(label=_("region code (GB/T 2260)"), max_length=6)
    starts_at = LocalDateTimeField(label=_("starts (event's local time)"))
    ends_at = LocalDateTimeField(label=_("ends (event's local time)"))
    organiser = forms.ModelChoiceField(queryset=None, label=_("organiser"))

    class Meta:
        model = Event
        fields = [f for f in EVENT_FIELDS if f not in ("starts_at", "ends_at")]

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        if self.instance.pk:
            del self.fields["organiser"]
            zone = self.instance.zone
            self.initial["starts_at"] = self.instance.starts_at.astimezone(zone).replace(
                tzinfo=None
            )
            self.initial["ends_at"] = self.instance.ends_at.astimezone(zone).replace(tzinfo=None)
            self.initial["region_code"] = self.instance.region_id

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            for name in ("starts_at", "ends_at"):
                if data.get(name):
                    data[name] = aware(data[name].replace(tzinfo=None), zone)
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("An event ends after it starts."))
        return data

    def _post_clean(self):
        # The service places and validates the event; the form only checks the input.
        pass


class RegistrationForm(forms.Form):
    role = forms.ChoiceField(label=_("I take part as"), choices=Registration.Role.choices)
    display_name = forms.CharField(
        label=_("name shown to participants"), max_length=200, required=False
    )
    country = forms.CharField(label=_("country (ISO 3166)"), max_length=2, initial="CN")
    languages = forms.MultipleChoiceField(
        label=_("languages I meet in"),
        choices=[(code, code) for code in MEETING_LANGUAGES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    time_zone = forms.CharField(label=_("my time zone"), max_length=64, initial="Asia/Shanghai")
    interests = forms.CharField(
        label=_("what I offer or look for"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_country(self):
        value = self.cleaned_data["country"].strip().upper()
        validate_country(value)
        return value

    def clean_time_zone(self):
        value = self.cleaned_data["time_zone"].strip()
        validate_time_zone(value)
        return value


class SlotSeriesForm(forms.Form):
    first = LocalDateTimeField(label=_("first slot starts (event's local time)"))
    count = forms.IntegerField(label=_("number of slots"), min_value=1, max_value=48, initial=6)
    minutes = forms.IntegerField(label=_("minutes each"), min_value=5, max_value=240, initial=30)
    online = forms.BooleanField(label=_("online"), required=False, initial=True)


class TableForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=60)
    kind = forms.ChoiceField(label=_("kind"), choices=MeetingTable.Kind.choices)
    online_link = forms.URLField(label=_("meeting link"), required=False)


class MeetingRequestForm(forms.Form):
    other = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("message"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PreferenceForm(forms.Form):
    other = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.ChoiceField(choices=MeetingPreference.Level.choices)


def first_error(form: forms.Form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return ""


__all__ = ["ValidationError"]
