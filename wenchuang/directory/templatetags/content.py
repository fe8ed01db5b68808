"""Template tags for content stored in several languages."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wenchuang.core.languages import localized

register = template.Library()

LANGUAGE_NAMES = {"zh-hans": "中文", "en": "English", "fr": "Français", "de": "Deutsch"}


@register.simple_tag
def content(obj, field: str):
    """The field in the viewer's language, or a fallback marked with the language it is in."""
    text = localized(obj, field)
    if not text.is_fallback:
        return text.text
    return format_html(
        '<span lang="{}">{}</span> <span class="fallback-hint" title="{}">({})</span>',
        text.language,
        text.text,
        _("Not available in your language; shown in %(language)s.")
        % {"language": LANGUAGE_NAMES.get(text.language, text.language)},
        LANGUAGE_NAMES.get(text.language, text.language),
    )


@register.simple_tag
def language_choices():
    """The interface languages, each named in itself (not translated into the current one)."""
    return settings.LANGUAGES


@register.simple_tag(takes_context=True)
def page_url(context, page_number) -> str:
    query = context.get("query", "")
    return f"?{query}&page={page_number}" if query else f"?page={page_number}"
