"""Order pages: the inquiry form, the buyer's profile, the orders list, an order with its thread."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenchuang.core.audit import history_for
from wenchuang.core.transitions import version_of

from .. import permissions, selectors, services
from ..countries import country_name
from ..forms import BuyerProfileForm, InquiryForm, MessageForm, QuoteForm
from ..models import BuyerProfile, Order
from ..payments import PROVIDERS
from ..workflows import ORDER


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@require_POST
@login_required
def inquire(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing_for_viewer(request.user, pk)
    form = InquiryForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(listing)
    try:
        order = services.inquiry_send(
            listing=listing,
            by=request.user,
            quantity=form.cleaned_data["quantity"],
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        _error(request, error)
        return redirect(listing)
    messages.success(request, _("Your inquiry has been sent to the seller."))
    return redirect(order)


@login_required
def buyer_profile(request: HttpRequest) -> HttpResponse:
    profile = BuyerProfile.objects.filter(user=request.user).first()
    form = BuyerProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.buyer_profile_save(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Your buyer profile is saved."))
            return redirect("market:buyer-profile")
    return render(request, "market/buyer_profile.html", {"form": form})


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.orders_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "market/order_list.html", {"page": page})


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.get_order_for_viewer(request.user, pk)
    user = request.user
    moves = [m for m in ORDER.allowed_moves(user, order) if m.target != Order.Status.QUOTE]
    quoting = ORDER.check(user, order, Order.Status.QUOTE)
    return render(
        request,
        "market/order_detail.html",
        {
            "order": order,
            "thread": selectors.messages_of(order),
            "moves": moves,
            "quote_form": QuoteForm(
                initial={
                    "unit_price": order.unit_price or order.listing.price,
                    "currency": order.currency_id or order.listing.currency_id or "CNY",
                    "quantity": order.quantity,
                }
            )
            if quoting
            else None,
            "message_form": MessageForm() if permissions.can_write_message(user, order) else None,
            "can_pay": permissions.can_confirm_payment(user, order),
            "payments": order.payments.select_related("confirmed_by"),
            "providers": PROVIDERS,
            "country": country_name(order.buyer_country),
            "history": history_for(order)[:30],
            "version": version_of(order),
        },
    )


@require_POST
@login_required
def order_action(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.get_order_for_viewer(request.user, pk)
    action = request.POST.get("action", "")
    by = request.user
    try:
        if action == "quote":
            services.quote_send(
                order=order,
                by=by,
                unit_price=request.POST.get("unit_price"),
                currency=request.POST.get("currency"),
                quantity=request.POST.get("quantity"),
                note=request.POST.get("note", ""),
            )
        elif action == Order.Status.ORDERED:
            services.order_place(order=order, by=by, version=request.POST.get("version"))
        elif action == Order.Status.SHIPPED:
            services.order_ship(order=order, by=by, note=request.POST.get("note", ""))
        elif action == Order.Status.DELIVERED:
            services.order_deliver(order=order, by=by)
        elif action == Order.Status.COMPLETED:
            services.order_complete(order=order, by=by)
        elif action == Order.Status.CANCELLED:
            services.order_cancel(order=order, by=by, note=request.POST.get("note", ""))
        elif action == "pay":
            services.payment_confirm(
                order=order, by=by, reference=request.POST.get("reference", "")
            )
        else:
            messages.error(request, _("Unknown action."))
            return redirect(order)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Done: %(status)s.") % {"status": order.get_status_display()})
    return redirect(order)


@require_POST
@login_required
def order_message(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.get_order_for_viewer(request.user, pk)
    try:
        services.message_send(order=order, by=request.user, body=request.POST.get("body", ""))
    except ValidationError as error:
        _error(request, error)
    return redirect(f"{order.get_absolute_url()}#thread")
