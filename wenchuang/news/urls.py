"""News pages and feeds, under /news/ (below the language prefix, which picks the language)."""

from django.urls import path

from . import views
from .feeds import KIND_SLUGS, feeds_for

app_name = "news"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("feed.rss", feeds_for("")[0](), name="feed-rss"),
    path("feed.atom", feeds_for("")[1](), name="feed-atom"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/print/", views.item_print, name="print"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/move/", views.item_move, name="move"),
    path("manage/", views.manage, name="manage"),
    path("new/", views.item_new, name="new"),
    path("subscription/", views.subscription, name="subscription"),
]

# One list and two feeds per kind: /news/policies/, /news/policies/feed.rss, ...
for _kind, _slug in KIND_SLUGS.items():
    _rss, _atom = feeds_for(_kind)
    urlpatterns += [
        path(f"{_slug}/", views.item_list, {"kind": _kind}, name=f"list-{_slug}"),
        path(f"{_slug}/feed.rss", _rss(), name=f"feed-rss-{_slug}"),
        path(f"{_slug}/feed.atom", _atom(), name=f"feed-atom-{_slug}"),
    ]
