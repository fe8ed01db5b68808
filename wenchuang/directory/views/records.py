"""Directory pages: home with the park map, lists, filters, details, editing and tenants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wenchuang.core.htmx import is_htmx
from wenchuang.core.limited_pages import time_limited
from wenchuang.core.pagination import COUNT_CAP, CappedPaginator
from wenchuang.core.transitions import version_of
from wenchuang.reference.models import IndustryCategory, Region

from .. import changes, permissions, selectors, services
from ..forms import FilterForm, TenantForm, record_form_class
from ..models import Enterprise, Park, ProfileChange
from ..parkmap import MapPoint, park_map_chart

PAGE_SIZE = 25


def home(request: HttpRequest) -> HttpResponse:
    counts = {
        kind: selectors.visible_records(request.user, model).filter(status="published").count()
        for kind, model in selectors.KINDS.items()
    }
    parks = selectors.park_map_points(request.user)
    points = [
        MapPoint(
            name=park.name,
            lon=float(park.longitude),
            lat=float(park.latitude),
            url=park.get_absolute_url(),
            level=park.level,
        )
        for park in parks
    ]
    return render(
        request,
        "directory/home.html",
        {
            "kinds": selectors.kind_tabs(),
            "counts": counts,
            "park_map": park_map_chart(
                points,
                title=_("Cultural industry parks"),
                level_labels=dict(Park.Level.choices),
            ),
            "park_levels": Park.Level.choices,
            "park_count": len(points),
        },
    )


@time_limited(lambda request, kind: selectors.kind_model(kind)._meta.verbose_name_plural)
def record_list(request: HttpRequest, kind: str) -> HttpResponse:
    # The page is rendered inside the limit: its queries run while the template reads them.
    return _record_list(request, kind, selectors.kind_model(kind))


def _record_list(request: HttpRequest, kind: str, model) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.to_filters()
    listing = selectors.directory_listing(
        user=request.user, model=model, filters=filters, sort_cap=COUNT_CAP
    )
    records = listing.records
    page = CappedPaginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "kind": kind,
        "kinds": selectors.kind_tabs(),
        "model_name": model._meta.verbose_name_plural,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        # Large searches are listed in index order; the page says so.
        "unsorted": listing.too_large_to_sort,
        "sort_cap": listing.cap or COUNT_CAP,
        "is_enterprise": model is Enterprise,
        "provinces": Region.objects.filter(level=Region.Level.PROVINCE),
        "prefectures": _children(form, "province"),
        "counties": _children(form, "prefecture"),
        "majors": IndustryCategory.objects.filter(level=1),
        "mids": _category_children(form, "major"),
        "smalls": _category_children(form, "mid"),
        "parks": _park_choices(request, form) if model is Enterprise else [],
        "can_create": permissions.can_create(request.user, model).allowed,
        "can_import": permissions.can_import(request.user).allowed and kind in IMPORTABLE,
    }
    template = "directory/_results.html" if is_htmx(request) else "directory/list.html"
    return render(request, template, context)


IMPORTABLE = {"enterprise", "park", "investor"}


def _children(form: FilterForm, field: str):
    code = form.data.get(field) if form.is_bound else None
    if not code or form.errors.get(field):
        return Region.objects.none()
    return Region.objects.filter(parent_id=code)


def _category_children(form: FilterForm, field: str):
    code = form.data.get(field) if form.is_bound else None
    if not code or form.errors.get(field):
        return IndustryCategory.objects.none()
    return IndustryCategory.objects.filter(parent_id=code)


# The first option of each cascading select, by the select the options are for.
ALL_LABELS = {
    "prefecture": gettext_lazy("all cities"),
    "county": gettext_lazy("all counties"),
    "mid": gettext_lazy("all mid categories"),
    "small": gettext_lazy("all small categories"),
}


def region_options(request: HttpRequest) -> HttpResponse:
    """The <option>s of a region's children, for the cascading province → city → county selects.

    Choosing a province also empties the county select (out of band): its counties belonged
    to the city chosen before.
    """
    # htmx sends the changed select under its own name, empty when "all" was chosen.
    changed = "province" if "province" in request.GET else "prefecture"
    code = request.GET.get(changed) or request.GET.get("parent") or ""
    regions = Region.objects.filter(parent_id=code) if code else Region.objects.none()
    target = "prefecture" if changed == "province" else "county"
    context = {
        "options": regions,
        "all_label": ALL_LABELS[target],
        "reset": {"id": "id_county", "label": ALL_LABELS["county"]}
        if changed == "province"
        else None,
    }
    return render(request, "directory/_options.html", context)


def category_options(request: HttpRequest) -> HttpResponse:
    """The <option>s of a category's children, shown with their codes like the first select."""
    changed = "major" if "major" in request.GET else "mid"
    code = request.GET.get(changed) or request.GET.get("parent") or ""
    categories = (
        IndustryCategory.objects.filter(parent_id=code) if code else IndustryCategory.objects.none()
    )
    target = "mid" if changed == "major" else "small"
    context = {
        "options": categories,
        "with_codes": True,
        "all_label": ALL_LABELS[target],
        "reset": {"id": "id_small", "label": ALL_LABELS["small"]} if changed == "major" else None,
    }
    return render(request, "directory/_options.html", context)


def park_options(request: HttpRequest) -> HttpResponse:
    """The park select's <option>s for the region chosen in the list's filters."""
    form = FilterForm(request.GET)
    context = {"options": _park_choices(request, form), "all_label": _("all parks")}
    return render(request, "directory/_options.html", context)


def _park_choices(request: HttpRequest, form: FilterForm) -> list:
    parks = selectors.park_choices(request.user, form.region_code())
    # A park chosen elsewhere (the link on an enterprise's page) stays shown as chosen.
    chosen = None
    if form.is_bound:
        form.is_valid()  # the fields that failed are left out of cleaned_data
        chosen = form.cleaned_data.get("park")
    if chosen and all(park.pk != chosen for park in parks):
        parks = selectors.park_choices(request.user, "", only=chosen) + parks
    return parks


def record_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = selectors.kind_model(kind)
    record = selectors.get_record_for_view(request.user, model, pk)
    contacts = permissions.can_view_contacts(request.user, record)
    context = {
        "kind": kind,
        "kinds": selectors.kind_tabs(),
        "record": record,
        "regions": _ancestry(record.region),
        "contacts": contacts,
        "can_edit": permissions.can_edit(request.user, record),
        "history": changes.record_history(request.user, record),
        "is_enterprise": model is Enterprise,
    }
    if hasattr(record, "focus_categories"):
        context["focus_categories"] = record.focus_categories.order_by("code")
    if isinstance(record, Park):
        context["tenants"] = selectors.park_tenants(record)
        context["can_manage_tenants"] = permissions.can_manage_tenants(request.user, record)
        context["tenant_form"] = TenantForm()
    return render(request, "directory/detail.html", context)


def _ancestry(region: Region) -> list[Region]:
    from wenchuang.reference.selectors import region_ancestry

    return [r for r in region_ancestry(region) if r.level != Region.Level.COUNTRY]


@login_required
def record_create(request: HttpRequest, kind: str) -> HttpResponse:
    model = selectors.kind_model(kind)
    decision = permissions.can_create(request.user, model)
    if not decision:
        raise PermissionDenied(decision.reason)
    form_class = record_form_class(model, staff=permissions.staff_edits(request.user))
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_create(model=model, by=request.user, data=form.service_data())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if record.status == "published":
                messages.success(request, _("The record is published."))
            else:
                messages.info(request, _("Thank you. Centre staff will validate the profile."))
            return redirect(record)
    return render(
        request,
        "directory/edit.html",
        {"form": form, "kind": kind, "kinds": selectors.kind_tabs(), "title": _("New record")},
    )


@login_required
def record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = selectors.kind_model(kind)
    record = selectors.get_record_for_edit(request.user, model, pk)
    form_class = record_form_class(model, staff=permissions.staff_edits(request.user, record))
    form = form_class(request.POST or None, instance=model.objects.get(pk=record.pk))
    # The state the form was shown from: a save based on an older one is refused.
    version = request.POST.get("version") if request.method == "POST" else version_of(record)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.record_update(
                record=record, by=request.user, data=form.service_data(), version=version
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if isinstance(result, ProfileChange):
                messages.info(
                    request,
                    _("Your changes were sent to centre staff; they appear once validated."),
                )
            elif result.status == "pending" and record.status == "rejected":
                # The owner's edit sent a refused profile back to the validation queue.
                messages.info(request, _("Thank you. Centre staff will validate the profile."))
            else:
                messages.success(request, _("Changes saved."))
            return redirect(record)
    return render(
        request,
        "directory/edit.html",
        {
            "form": form,
            "kind": kind,
            "kinds": selectors.kind_tabs(),
            "record": record,
            "version": version,
            "title": _("Edit %(name)s") % {"name": record.name},
        },
    )


@require_POST
@login_required
def park_tenants(request: HttpRequest, pk: int) -> HttpResponse:
    park = selectors.get_record_for_view(request.user, Park, pk)
    form = TenantForm(request.POST)
    if form.is_valid():
        # Only enterprises the user may see: one message for unknown and unpublished numbers.
        enterprise = (
            selectors.visible_records(request.user, Enterprise)
            .filter(pk=form.cleaned_data["enterprise"])
            .first()
        )
        if enterprise is None:
            messages.error(request, _("No enterprise has that number."))
        else:
            try:
                services.park_tenant_set(
                    park=park,
                    enterprise=enterprise,
                    by=request.user,
                    present=form.cleaned_data["present"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Tenant list updated."))
    else:
        messages.error(request, _("Give the enterprise's number."))
    return redirect(park)
