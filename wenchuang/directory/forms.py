"""Forms for the directory pages: list filters and record editing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wenchuang.core.validators import normalise_code, normalise_credit_code
from wenchuang.reference.models import IndustryCategory, Region

from .models import DirectoryRecord, Enterprise, Park
from .selectors import SORTS, DirectoryFilters
from .services import EDITABLE_FIELDS, STAFF_ONLY_FIELDS


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    province = forms.CharField(label=_("Province"), required=False, max_length=6)
    prefecture = forms.CharField(label=_("City"), required=False, max_length=6)
    county = forms.CharField(label=_("County"), required=False, max_length=6)
    major = forms.CharField(label=_("Major category"), required=False, max_length=2)
    mid = forms.CharField(label=_("Mid category"), required=False, max_length=3)
    small = forms.CharField(label=_("Small category"), required=False, max_length=4)
    domain = forms.ChoiceField(
        label=_("Domain"),
        required=False,
        choices=[("", _("all domains")), *IndustryCategory.Domain.choices],
    )
    # A park's id; beyond a database integer it can name no park (and would overflow SQLite).
    park = forms.IntegerField(label=_("Park"), required=False, min_value=1, max_value=2**63 - 1)
    above_size = forms.ChoiceField(
        label=_("Above designated size"),
        required=False,
        choices=[("", _("any size")), ("yes", _("above designated size")), ("no", _("below"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("relevance when searching")),
            ("relevance", _("relevance")),
            ("id", _("oldest first")),
            ("-id", _("newest first")),
            ("name", _("name (Chinese)")),
            ("-name", _("name (Chinese), reversed")),
            ("name_en", _("name (English)")),
            ("-revenue", _("revenue, highest first")),
        ],
    )

    def clean(self):
        data = super().clean()
        for field, level in (("province", 1), ("prefecture", 2), ("county", 3)):
            code = data.get(field)
            if code and not Region.objects.filter(code=code, level=level).exists():
                self.add_error(field, _("Unknown region code: %(code)s") % {"code": code})
        for field in ("major", "mid", "small"):
            code = data.get(field)
            if code and not IndustryCategory.objects.filter(code=code).exists():
                self.add_error(field, _("Unknown category code: %(code)s") % {"code": code})
        park = data.get("park")
        if park and not Park.objects.filter(pk=park, status="published").exists():
            self.add_error("park", _("No published park has the number %(id)s.") % {"id": park})
        return data

    def region_code(self) -> str:
        """The narrowest region chosen, each level kept only if it lies in the one above.

        The cascade of selects sends the old city for a moment after the province changed.
        """
        data = self.data if self.is_bound else {}
        code = ""
        for field in ("province", "prefecture", "county"):
            value = data.get(field) or ""
            if not value:
                break
            if code and not Region.objects.filter(code=value, parent_id=code).exists():
                break
            if not code and not Region.objects.filter(code=value, level=1).exists():
                break
            code = value
        return code

    def to_filters(self) -> DirectoryFilters:
        data: dict = {}
        if self.is_bound:
            self.is_valid()  # a field that failed is left out; the valid ones still filter
            data = self.cleaned_data
        region = data.get("county") or data.get("prefecture") or data.get("province") or ""
        category = data.get("small") or data.get("mid") or data.get("major") or ""
        above = {"yes": True, "no": False}.get(data.get("above_size") or "")
        sort = data.get("sort") or ""
        return DirectoryFilters(
            q=data.get("q", ""),
            region=region,
            category=category,
            domain=data.get("domain") or "",
            park=data.get("park"),
            above_size=above,
            sort=sort if sort in SORTS else "",
        )


class RecordFormBase(forms.ModelForm):
    """Typed codes for region, category and park; the service resolves and checks them."""

    region_code = forms.CharField(
        label=_("Region code"),
        max_length=6,
        help_text=_("Six-digit GB/T 2260 code of the county or city, e.g. 320211."),
    )
    code_fields = {"region": "region_code", "category": "category_code", "park": "park_id"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "category_code" in self.fields:
            smalls = IndustryCategory.objects.filter(level=3).order_by("code")
            self.fields["category_code"].choices = [("", "—")] + [
                (c.code, f"{c.code} {c.name}") for c in smalls
            ]
        if self.instance.pk:
            for field, form_field in self.code_fields.items():
                if form_field in self.fields:
                    self.initial.setdefault(form_field, getattr(self.instance, f"{field}_id"))

    def clean_credit_code(self):
        return normalise_credit_code(self.cleaned_data.get("credit_code"))

    def clean_country(self):
        return normalise_code(self.cleaned_data.get("country"))

    def _post_clean(self):
        # The service validates the whole record; the form only checks what was typed.
        pass

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self._meta.fields}
        for field, form_field in self.code_fields.items():
            if form_field in self.fields:
                data[field] = self.cleaned_data.get(form_field) or None
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                target = self.code_fields.get(field, field)
                self.add_error(target if target in self.fields else None, errors)
        else:
            self.add_error(None, error.messages)


def record_form_class(model: type[DirectoryRecord], *, staff: bool) -> type[RecordFormBase]:
    editable = EDITABLE_FIELDS[model]
    fields = [f for f in editable if f not in RecordFormBase.code_fields]
    if staff:
        fields += STAFF_ONLY_FIELDS.get(model, [])
    extra: dict[str, forms.Field] = {}
    if "category" in editable:
        extra["category_code"] = forms.ChoiceField(
            label=_("Category (2018 classification)"), required=model is Enterprise, choices=[]
        )
    if "park" in editable:
        extra["park_id"] = forms.IntegerField(label=_("Park number"), required=False, min_value=1)
    base = type("RecordForm", (RecordFormBase,), extra)
    return forms.modelform_factory(model, form=base, fields=fields)


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        choices=[("1", _("Approve")), ("0", _("Reject"))], coerce=lambda v: v == "1"
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class TenantForm(forms.Form):
    enterprise = forms.IntegerField(label=_("Enterprise number"), min_value=1)
    present = forms.TypedChoiceField(
        choices=[("1", _("Add")), ("0", _("Remove"))], coerce=lambda v: v == "1"
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("UTF-8 (with or without BOM) or GB18030; the first row names the columns."),
    )
    partial = forms.BooleanField(
        label=_("Import the valid rows even if some rows are rejected"), required=False
    )
