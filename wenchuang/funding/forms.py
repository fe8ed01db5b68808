"""Forms of the award pages: a report with its attachments, a decision on it, staff moves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import UseReport
from .services import Consequence


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class VersionForm(forms.Form):
    # The record's version when the page was drawn: a decision on a changed record is refused.
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class ReportForm(VersionForm):
    summary = forms.CharField(
        label=_("What the funds were used for"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=UseReport._meta.get_field("summary").max_length,
    )
    amount_spent = forms.DecimalField(
        label=_("Amount spent so far"), max_digits=16, decimal_places=2, min_value=0
    )
    attachments = MultipleFileField(
        label=_("Attachments (PDF, office documents, scans; 20 MB each)"), required=False
    )


class ReportDecisionForm(VersionForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("reject", _("Reject"))]
    )
    note = forms.CharField(label=_("Reason"), max_length=500, required=False)
    consequence = forms.ChoiceField(
        label=_("If rejected"),
        choices=[
            (Consequence.RESUBMIT, _("send it back for correction")),
            (Consequence.REPAYMENT, _("ask for repayment")),
            (Consequence.STOP, _("stop the funding")),
        ],
        initial=Consequence.RESUBMIT,
        required=False,
    )


class DayForm(VersionForm):
    day = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class AwardActionForm(VersionForm):
    action = forms.ChoiceField(
        choices=[
            ("stop", _("Stop the funding")),
            ("claim", _("Ask for repayment")),
            ("repaid", _("Record the repayment")),
        ]
    )
    note = forms.CharField(label=_("Reason"), max_length=500, required=False)


class TrancheForm(forms.Form):
    milestone = forms.CharField(label=_("Milestone"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    needs_report = forms.BooleanField(
        label=_("paid after an accepted report"), required=False, initial=True
    )


# The payment plan: a few rows; empty rows are ignored.
TrancheFormSet = forms.formset_factory(TrancheForm, extra=0, max_num=12, absolute_max=12)
