"""Middleware that sends a visitor arriving at `/` to the home page in their language."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class RootLanguageRedirectMiddleware:
    """`/` answers in the visitor's language: the switcher's cookie, then the browser's
    Accept-Language, then Chinese.

    Chinese pages have no prefix (`prefix_default_language=False`), so Django's own
    LocaleMiddleware serves `/` in Chinese to everyone; a French browser landed on Chinese
    and stayed there even after choosing Français. Only the bare root redirects: a link to
    an unprefixed page is a link to the Chinese page and keeps meaning that.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/" and request.method in ("GET", "HEAD"):
            language = translation.get_language_from_request(request, check_path=False)
            if language != settings.LANGUAGE_CODE:
                with translation.override(language):
                    home = reverse("directory:home")
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponseRedirect(home + (f"?{query}" if query else ""))
            else:
                response = self.get_response(request)
            # The same address answers differently per visitor: caches must keep them apart.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        return self.get_response(request)
