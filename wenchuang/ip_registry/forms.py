"""The registration form and the register's search box."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wenchuang.accounts import roles
from wenchuang.accounts.models import Organisation

from .models import Work


class WorkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the title"), choices=settings.LANGUAGES)
    kind = forms.ChoiceField(label=_("Type of work"), choices=Work.Kind.choices)
    authors = forms.CharField(
        label=_("Authors"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line, as they should appear on the certificate."),
        max_length=2000,
    )
    created_on = forms.DateField(
        label=_("Date of creation"), widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    organisation = forms.TypedChoiceField(
        label=_("Rights holder"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Leave empty to register in your own name."),
    )
    upload = forms.FileField(
        label=_("File"),
        help_text=_(
            "An image (PNG, JPEG, GIF, WebP) for images; PDF, audio, video or an archive "
            "for other works."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = roles.organisations(user)
        choices = [(o.pk, str(o)) for o in Organisation.objects.filter(pk__in=ids).order_by("pk")]
        self.fields["organisation"].choices = [("", _("myself"))] + choices
        self.fields["upload"].widget.attrs["accept"] = (
            "image/*,application/pdf,audio/*,video/*,.zip"
        )

    def organisation_object(self) -> Organisation | None:
        pk = self.cleaned_data.get("organisation")
        return Organisation.objects.filter(pk=pk).first() if pk else None


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type of work"), required=False, choices=[("", _("all types")), *Work.Kind.choices]
    )
