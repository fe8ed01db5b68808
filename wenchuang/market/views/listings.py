"""Listing pages: search, a listing in the reader's currency, the seller's forms, moderation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.files import files_of
from wenchuang.core.limited_pages import time_limited
from wenchuang.core.pagination import CappedPaginator
from wenchuang.core.transitions import version_of
from wenchuang.directory.models import Enterprise

from .. import permissions, selectors, services
from ..countries import country_name
from ..forms import ImageForm, InquiryForm, ListingForm, ModerationForm, ReportForm, SearchForm
from ..models import Listing
from ..workflows import LISTING
from .pricing import reader_currency, shown_price


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@time_limited(lambda request: _("Marketplace"))
def listing_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    filters = selectors.ListingFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ListingFilters(
            q=data["q"], major=data["major"], kind=data["kind"], country=data["country"]
        )
    # The count stops at RANK_CAP so that a common word over 200,000 listings stays fast.
    page = CappedPaginator(selectors.listing_search(filters), 24, cap=selectors.RANK_CAP).get_page(
        request.GET.get("page")
    )
    currency = reader_currency(request)
    for listing in page:
        listing.shown = shown_price(listing.money, currency)
    return render(
        request,
        "market/listing_list.html",
        {"form": form, "page": page, "currency": currency, "q": filters.q},
    )


def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing_for_viewer(request.user, pk)
    user = request.user
    currency = reader_currency(request)
    context = {
        "listing": listing,
        "images": list(files_of(listing)),
        "currency": currency,
        "shown": shown_price(listing.money, currency),
        "countries": [country_name(code) for code in listing.countries],
        "can_inquire": permissions.can_inquire(user, listing),
        "is_seller": permissions.is_seller(user, listing),
        "moves": LISTING.allowed_moves(user, listing),
        "inquiry_form": InquiryForm(initial={"quantity": listing.minimum_order}),
        "image_form": ImageForm(),
        "moderation_form": ModerationForm(),
        "version": version_of(listing),
        "matches": list(selectors.matches_of(listing))
        if permissions.moderates(user, listing)
        else [],
        "reports": listing.infringement_reports.select_related("work")
        if permissions.moderates(user, listing) or permissions.is_seller(user, listing)
        else [],
        "report_form": _report_form(user, listing),
    }
    return render(request, "market/listing_detail.html", context)


def _report_form(user, listing: Listing) -> ReportForm | None:
    """The report form for someone who holds registered works (not the seller)."""
    if not getattr(user, "is_authenticated", False) or permissions.is_seller(user, listing):
        return None
    if listing.status not in (Listing.Status.PUBLISHED, Listing.Status.PENDING):
        return None
    works = selectors.works_held_by(user)
    return ReportForm(works=works) if works.exists() else None


def _enterprise_choice(request: HttpRequest) -> Enterprise:
    enterprises = list(selectors.seller_enterprises(request.user))
    wanted = request.POST.get("enterprise") or request.GET.get("enterprise")
    chosen = next((e for e in enterprises if str(e.pk) == str(wanted)), None)
    if chosen is None and enterprises:
        chosen = enterprises[0]
    if chosen is None:
        raise PermissionDenied(
            _("Only the representatives of an enterprise list its products and services.")
        )
    return chosen


@login_required
def listing_new(request: HttpRequest) -> HttpResponse:
    enterprise = _enterprise_choice(request)
    form = ListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            listing = services.listing_create(
                enterprise=enterprise, by=request.user, data=form.data_for_service()
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The listing is saved and waits for moderation."))
            return redirect(listing)
    return render(
        request,
        "market/listing_form.html",
        {
            "form": form,
            "enterprise": enterprise,
            "enterprises": selectors.seller_enterprises(request.user),
        },
    )


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing_for_viewer(request.user, pk)
    decision = permissions.can_edit_listing(request.user, listing)
    if not decision:
        raise PermissionDenied(decision.reason)
    form = ListingForm(request.POST or None, instance=Listing.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_update(
                listing=listing,
                by=request.user,
                data=form.data_for_service(),
                version=request.POST.get("version"),
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The listing is saved."))
            return redirect(listing)
    return render(
        request,
        "market/listing_form.html",
        {
            "form": form,
            "listing": listing,
            "enterprise": listing.enterprise,
            "version": version_of(listing),
        },
    )


@require_POST
@login_required
def listing_image(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing_for_viewer(request.user, pk)
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(listing)
    try:
        services.listing_image_add(
            listing=listing, by=request.user, upload=form.cleaned_data["image"]
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The image is added."))
    return redirect(listing)


@require_POST
@login_required
def listing_status(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing_for_viewer(request.user, pk)
    action = request.POST.get("action", "")
    note = request.POST.get("note", "")
    try:
        if action == "publish":
            services.listing_moderate(listing=listing, by=request.user, publish=True, note=note)
        elif action == "reject":
            services.listing_moderate(listing=listing, by=request.user, publish=False, note=note)
        elif action == "withdraw":
            services.listing_withdraw(listing=listing, by=request.user)
        elif action == "resubmit":
            services.listing_resubmit(listing=listing, by=request.user)
        else:
            messages.error(request, _("Unknown action."))
            return redirect(listing)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Done: %(status)s.") % {"status": listing.get_status_display()})
    if action in ("publish", "reject") and request.POST.get("next") == "moderation":
        return redirect("market:moderation")
    return redirect(listing)


@login_required
def my_listings(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.listings_of_seller(request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "market/my_listings.html",
        {"page": page, "enterprises": selectors.seller_enterprises(request.user)},
    )


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    queue = selectors.listings_to_moderate(request.user)
    page = Paginator(queue, 50).get_page(request.GET.get("page"))
    for listing in page:
        listing.copies = [m for m in selectors.matches_of(listing) if not m.own_work]
    return render(
        request,
        "market/moderation.html",
        {
            "page": page,
            "form": ModerationForm(),
            "reports": selectors.reports_to_decide(request.user)[:100],
        },
    )
