"""News pages: lists per kind, an item, its print view, the editors' pages and subscriptions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wenchuang.accounts.roles import staff_regions
from wenchuang.core.limited_pages import time_limited
from wenchuang.core.pagination import CappedPaginator
from wenchuang.core.transitions import version_of
from wenchuang.core.translated import LANGUAGE_LABELS

from . import permissions, selectors, services
from .feeds import feed_links
from .forms import ItemForm, ListFilterForm, MoveForm, SubscriptionForm
from .models import NewsItem, Subscription
from .reading import reading
from .workflows import PUBLICATION

KIND_TITLES = {
    "": gettext_lazy("News and announcements"),
    "news": gettext_lazy("News"),
    "policy": gettext_lazy("Policies"),
    "call": gettext_lazy("Calls for proposals"),
    "event": gettext_lazy("Event announcements"),
}


def _refused(request: HttpRequest, error: Exception) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text or _("You may not do this."))


@time_limited(lambda request: _("news items"))
def item_list(request: HttpRequest, kind: str = "") -> HttpResponse:
    """Published items of one kind (or all), filtered by category and words."""
    form = ListFilterForm(request.GET or None)
    filters = form.filters()
    rows = selectors.published(kind=kind, **filters)
    # The count stops at 10,000: counting every match of a common word is the slow part.
    page = CappedPaginator(rows, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "news/list.html",
        {
            "form": form,
            "page": page,
            "entries": [(item, reading(item)) for item in page],
            "kind": kind,
            "heading": KIND_TITLES[kind],
            "feeds": feed_links(kind),
        },
    )


def _item_context(request: HttpRequest, item: NewsItem) -> dict:
    shown = reading(item)
    return {
        "item": item,
        "reading": shown,
        "wanted_label": LANGUAGE_LABELS.get(shown.wanted, shown.wanted),
        "shown_label": LANGUAGE_LABELS.get(shown.language, shown.language),
        "absolute_url": request.build_absolute_uri(item.get_absolute_url()),
        "feeds": feed_links(item.kind),
    }


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_item_for_view(request.user, pk)
    context = _item_context(request, item)
    context["moves"] = PUBLICATION.allowed_moves(request.user, item)
    context["version"] = version_of(item)
    context["can_edit"] = bool(permissions.may_edit(request.user, item))
    return render(request, "news/detail.html", context)


def item_print(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_item_for_view(request.user, pk)
    return render(request, "news/print.html", _item_context(request, item))


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The editors' list: every item of the jurisdiction, in any state."""
    status = request.GET.get("status", "")
    status = status if status in NewsItem.Status.values else ""
    rows = selectors.items_for_editor(request.user, status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "news/manage.html",
        {
            "page": page,
            "entries": [(item, reading(item)) for item in page],
            "status": status,
            "statuses": NewsItem.Status.choices,
        },
    )


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    selectors.items_for_editor(request.user)  # staff only (403 with the reason otherwise)
    regions = list(staff_regions(request.user))
    form = ItemForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("region", "categories")}
        try:
            item = services.item_create(
                by=request.user,
                region=form.cleaned_data["region"],
                data=data,
                categories=form.cleaned_data["categories"],
            )
        except (ValidationError, PermissionDenied) as error:
            _attach(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("news:edit", pk=item.pk)
    return render(request, "news/edit.html", {"form": form, "item": None})


def _attach(form: ItemForm, error: Exception) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The side-by-side editor: the source language beside each translation."""
    item = selectors.get_item_for_editor(request.user, pk)
    regions = [item.region]
    initial = {"version": version_of(item), "region": item.region_id}
    form = ItemForm(request.POST or None, instance=item, regions=regions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("region", "categories")}
        version = form.cleaned_data.get("version")
        try:
            services.item_update(
                item=NewsItem.objects.get(pk=pk),
                by=request.user,
                data=data,
                categories=form.cleaned_data["categories"],
                version=version or None,
            )
        except (ValidationError, PermissionDenied) as error:
            _attach(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("news:edit", pk=pk)
    return render(
        request,
        "news/edit.html",
        {
            "form": form,
            "item": item,
            "moves": PUBLICATION.allowed_moves(request.user, item),
            "source": reading(item, item.source_language),
        },
    )


@require_POST
@login_required
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_item_for_editor(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid time."))
        return redirect("news:edit", pk=pk)
    publish_at = form.cleaned_data.get("publish_at")
    try:
        item = services.item_move(
            item=item,
            by=request.user,
            target=form.cleaned_data["target"],
            publish_at=publish_at,
            expected=request.POST.get("expected") or None,
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
        return redirect("news:edit", pk=pk)
    messages.success(
        request, _("The item is now: %(status)s.") % {"status": item.get_status_display()}
    )
    if item.status == "published":
        return redirect(item.get_absolute_url())
    return redirect("news:edit", pk=pk)


@login_required
def subscription(request: HttpRequest) -> HttpResponse:
    """A member chooses kinds and categories for the daily e-mail digest."""
    current = Subscription.objects.filter(user=request.user).first()
    initial = (
        {
            "kinds": current.kinds,
            "categories": list(current.categories.all()),
            "active": current.active,
        }
        if current
        else None
    )
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.subscription_save(
            by=request.user,
            kinds=form.cleaned_data["kinds"],
            categories=form.cleaned_data["categories"],
            active=form.cleaned_data["active"],
        )
        messages.success(request, _("Your digest settings are saved."))
        return redirect("news:subscription")
    return render(
        request,
        "news/subscription.html",
        {"form": form, "current": current, "feeds": feed_links(""), "now": timezone.now()},
    )
