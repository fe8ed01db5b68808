"""Site-wide views: switching the interface language."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.views.i18n import set_language as django_set_language

from wenchuang.accounts.services import user_language_set


def set_language(request):
    """Django's language switch, reading the page address in the language it was shown in.

    The switch translates the `next` address with the active language's URL patterns; the
    request to it has no language prefix, so from /en/... it would find no page and send
    the visitor back to the English one.
    """
    next_url = request.POST.get("next", request.GET.get("next", ""))
    shown_in = translation.get_language_from_path(urlsplit(next_url).path)
    with translation.override(shown_in or settings.LANGUAGE_CODE):
        response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response
