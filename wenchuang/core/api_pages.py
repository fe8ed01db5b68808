"""Lists in the JSON API: list rows, the page query, the page envelope and its count."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, create_model

from .pagination import COUNT_CAP, CappedPaginator

MAX_PAGE_SIZE = 100


class Row(BaseModel):
    """Read straight from model attributes (or dicts) by pydantic-core: for list rows several
    times faster than ninja's Schema, which wraps every object in a Python-level getter."""

    model_config = ConfigDict(from_attributes=True)


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(25, ge=1, le=MAX_PAGE_SIZE)


class PageBase(Row):
    count: int = Field(
        description=f"Matching records, counted up to {COUNT_CAP:,} (as the pages do); "
        "see count_capped."
    )
    count_capped: bool = Field(
        description="True when more records match than `count` says: narrow the filters to page "
        "through all of them."
    )
    page: int
    page_size: int


_page_schemas: dict[type, type[PageBase]] = {}


def page_schema(out: type[BaseModel]) -> type[PageBase]:
    """`<Out>Page`: the envelope of a list of `out` rows (one class per row schema)."""
    if out not in _page_schemas:
        _page_schemas[out] = create_model(
            f"{out.__name__}Page", __base__=PageBase, results=(list[out], ...)
        )
    return _page_schemas[out]


def paginate(
    records: QuerySet,
    page: int,
    page_size: int,
    rows: Callable[[QuerySet], Iterable[Any]] = list,
) -> dict[str, Any]:
    """One page of `records` as `{count, count_capped, page, page_size, results}`.

    `rows` turns the sliced queryset into the results (plain `list`, or a `.values()` reader).
    """
    start = (page - 1) * page_size
    results = list(rows(records[start : start + page_size]))
    if page == 1 and len(results) < page_size:
        # A short first page is all there is: no count query needed.
        count, capped = len(results), False
    else:
        # Counting every match of a million-row table costs more than the page itself.
        counter = CappedPaginator(records, page_size)
        count, capped = counter.count, counter.has_more
    return {
        "count": count,
        "count_capped": capped,
        "page": page,
        "page_size": page_size,
        "results": results,
    }
