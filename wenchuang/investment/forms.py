"""Forms of the investment pages: filters, a project, an investor's interests, the pipeline."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wenchuang.core.languages import language_fields

from .models import Lead, Project, ProjectCategory

BLANK = [("", "—")]


def _category_choices():
    return BLANK + [(c.code, str(c)) for c in ProjectCategory.objects.order_by("position")]


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(label=_("Category"), required=False)
    investment_type = forms.ChoiceField(
        label=_("Type of investment"),
        required=False,
        choices=BLANK + list(Project.InvestmentType.choices),
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=BLANK + list(Project.Stage.choices)
    )
    province = forms.RegexField(label=_("Province code"), required=False, regex=r"^\d{6}$")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices()

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class ProjectForm(forms.Form):
    """A project's fields; codes are checked by the service, which names an unknown one."""

    category = forms.ChoiceField(label=_("Category"))
    industry_class = forms.CharField(
        label=_("Classification (small class code, e.g. 0241)"), required=False, max_length=4
    )
    region = forms.CharField(label=_("Region code (GB/T 2260)"), max_length=6)
    park = forms.IntegerField(label=_("Park (number)"), required=False, min_value=1)
    amount = forms.DecimalField(
        label=_("Investment sought"), required=False, max_digits=16, decimal_places=2, min_value=0
    )
    currency = forms.CharField(label=_("Currency (ISO 4217)"), required=False, max_length=3)
    investment_type = forms.ChoiceField(
        label=_("Type of investment"), choices=Project.InvestmentType.choices
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=Project.Stage.choices)
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices()[1:]
        field_types = {"title": forms.CharField, "pitch": forms.CharField}
        for base, field_class in field_types.items():
            label = Project._meta.get_field(f"{base}_zh_hans").verbose_name
            for name in language_fields(base):
                verbose = Project._meta.get_field(name).verbose_name
                widget = forms.Textarea(attrs={"rows": 4}) if base == "pitch" else None
                self.fields[name] = field_class(
                    label=verbose or label,
                    required=name == "title_zh_hans",
                    max_length=200 if base == "title" else None,
                    widget=widget,
                )
        order = [*language_fields("title"), *language_fields("pitch")]
        self.order_fields(order + [n for n in self.fields if n not in order])

    def data_for_service(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        data["currency"] = (data.get("currency") or "").upper()
        return data


def initial_for(project: Project) -> dict:
    names = [*language_fields("title"), *language_fields("pitch")]
    initial = {name: getattr(project, name) for name in names}
    initial.update(
        category=project.category.code,
        industry_class=project.industry_class_id or "",
        region=project.region_id,
        park=project.park_id,
        amount=project.amount,
        currency=project.currency_id or "",
        investment_type=project.investment_type,
        stage=project.stage,
    )
    return initial


class AttachForm(forms.Form):
    document = forms.FileField(label=_("Document (PDF, office file or image)"))


class ProfileForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("Project categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    classes = forms.CharField(
        label=_("Classification codes, separated by spaces"), required=False, max_length=400
    )
    regions = forms.CharField(
        label=_("Region codes, separated by spaces"), required=False, max_length=400
    )
    stages = forms.MultipleChoiceField(
        label=_("Stages"),
        required=False,
        choices=Project.Stage.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    ticket_min = forms.DecimalField(
        label=_("Smallest ticket"), required=False, max_digits=16, decimal_places=2, min_value=0
    )
    ticket_max = forms.DecimalField(
        label=_("Largest ticket"), required=False, max_digits=16, decimal_places=2, min_value=0
    )
    currency = forms.CharField(label=_("Currency (ISO 4217)"), required=False, max_length=3)
    languages = forms.CharField(
        label=_("Working languages (e.g. zh-hans en de)"), required=False, max_length=100
    )
    interest_statement = forms.CharField(
        label=_("Interest statement"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = _category_choices()[1:]

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("classes", "regions", "languages"):
            data[name] = (data.get(name) or "").split()
        data["currency"] = (data.get("currency") or "").upper()
        return data


class MoveForm(forms.Form):
    target = forms.CharField(max_length=16)
    note = forms.CharField(required=False, max_length=500)
    version = forms.CharField(required=False)


class LeadForm(forms.Form):
    project = forms.IntegerField(label=_("Project (number)"), min_value=1)
    investor = forms.IntegerField(label=_("Investor (number)"), min_value=1)
    expected_signing_on = forms.DateField(label=_("Expected signing date"), required=False)
    expected_value = forms.DecimalField(
        label=_("Expected value"), required=False, max_digits=16, decimal_places=2, min_value=0
    )
    currency = forms.CharField(label=_("Currency (ISO 4217)"), required=False, max_length=3)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    parties = forms.CharField(
        label=_("Parties, one per line"), widget=forms.Textarea(attrs={"rows": 3})
    )
    signed_on = forms.DateField(label=_("Signed on"))
    value = forms.DecimalField(
        label=_("Value"), required=False, max_digits=16, decimal_places=2, min_value=0
    )
    currency = forms.CharField(label=_("Currency (ISO 4217)"), required=False, max_length=3)
    event = forms.IntegerField(label=_("Signed at event (number)"), required=False, min_value=1)


class FeedbackForm(forms.Form):
    project = forms.IntegerField(min_value=1)
    interested = forms.TypedChoiceField(
        choices=[("1", "yes"), ("0", "no")], coerce=lambda v: v == "1"
    )


LEAD_STAGES = Lead.Stage
