"""Whole answers of the API's public lists, kept until a write changes what they show.

A visitor's list answer depends on the path, the query string, the language and the rows of
a few models; the key holds all four, the rows through their generations
(`core.generations`), so a committed write makes the next request miss rather than expire.
"""

import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import caches
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import translation

from . import generations

CACHE_ALIAS = "lists"
# Path of each kept list -> the models its answer shows (for a test that they are tracked).
KEPT_LISTS: dict[str, tuple[type[Model], ...]] = {}
_KEY = "_wenchuang_list_cache_key"  # set on a request whose answer is to be kept


def key_for(request: HttpRequest, models: Sequence[type[Model]]) -> str | None:
    """The key of this request's answer, or None when it must be built afresh: only a GET
    by a visitor (no token, no signed-in session) shares its answer with others."""
    auth = getattr(request, "auth", None)  # set by ninja's authentication
    if request.method != "GET" or auth is None:
        return None
    if getattr(auth, "is_authenticated", True):  # staff and owners see other rows
        return None
    # ?page=2&q=x and ?q=x&page=2 ask the same; repeated parameters keep their order.
    query = [(name, value) for name, values in sorted(request.GET.lists()) for value in values]
    parts = (request.path, query, translation.get_language(), generations.current(models))
    return "list:" + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def cached_answer(request: HttpRequest, key: str) -> HttpResponse | None:
    """The kept answer for `key`; on a miss, marks the request so that `keep` stores its answer."""
    entry = caches[CACHE_ALIAS].get(key)
    if entry is None:
        setattr(request, _KEY, key)
        return None
    content, headers = entry
    return HttpResponse(content, headers=headers)


def keep(request: HttpRequest, response: HttpResponseBase) -> None:
    """Store the finished answer of a request `cached_answer` marked, if it is a 200."""
    key = getattr(request, _KEY, None)
    if key is None or response.status_code != 200 or not isinstance(response, HttpResponse):
        return  # (a streaming answer has no content to keep)
    headers = {name: value for name, value in response.headers.items()}
    timeout = settings.LIST_CACHE_SECONDS
    caches[CACHE_ALIAS].set(key, (response.content, headers), timeout)
