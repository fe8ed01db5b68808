"""Every page pattern of the site, found in the URL resolver, with the parameters it takes."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Page:
    name: str  # "namespace:name", what reverse() takes
    route: str
    params: tuple[str, ...]


def _params(pattern) -> tuple[str, ...]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return tuple(converters)
    return tuple(pattern.regex.groupindex)


def discover(skip_prefixes: tuple[str, ...] = ()) -> list[Page]:
    """Named page patterns, outside the given route prefixes (e.g. the API, handled apart).

    A pattern without a name cannot be reversed, so it is listed by its route and the
    caller decides how to cover it (the crawl fails on one it does not know).
    """
    pages: list[Page] = []

    def walk(patterns, namespace: str, prefix: str, params: tuple[str, ...]) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(skip_prefixes):
                continue
            here = params + _params(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                # The language prefix (i18n_patterns) shows as "" for the default language.
                walk(pattern.url_patterns, ns, prefix + _prefix(pattern), here)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or ""
                full = f"{namespace}:{name}" if namespace and name else name
                pages.append(Page(name=full or route, route=route, params=here))

    walk(get_resolver().url_patterns, "", "", ())
    return pages


def _prefix(resolver: URLResolver) -> str:
    text = str(resolver.pattern)
    return "" if type(resolver.pattern).__name__ == "LocalePrefixPattern" else text
