"""Sanitised HTML for news bodies: what authors may format, never a script (nh3 / Ammonia)."""

from __future__ import annotations

import nh3

# Formatting an article needs; nh3 drops everything else (script, style, iframe, on* handlers,
# javascript: links) and keeps the text.
TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "code", "pre",
    "h2", "h3", "h4", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "hr", "span", "figure", "figcaption", "img",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "*": {"lang"},
}


def clean_html(html: str) -> str:
    """The HTML with only safe tags and attributes; links get rel="noopener noreferrer"."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
