"""The list-row reader: a page of records as plain `.values()` rows shaped by a schema."""

import dataclasses
from typing import Any

from django.db.models import ManyToManyField, QuerySet
from pydantic import BaseModel

from wenchuang.core.languages import (
    CONTENT_LANGUAGES,
    language_order,
    suffix,
)

from ..models import DirectoryRecord
from .schemas import Row

# A list page reads plain column values instead of model instances: building 25 instances
# (with region, category and park) and reading their `name` properties was most of the cost
# of a page. The columns are derived from the output schema, so the schema stays the one
# source of what a row holds.


@dataclasses.dataclass(frozen=True)
class _Ref:
    """A nested reference in a row (RegionRef, CategoryRef, ParkRef), read through a join."""

    field: str  # the foreign key on the record: "region"
    key: str  # the key of the reference, read from the record's own column: "code"
    names: dict[str, str]  # language code -> the joined name column the related model has
    others: tuple[str, ...]  # other fields of the reference: "level", "domain"

    def columns(self) -> list[str]:
        return [*self.names.values(), *(f"{self.field}__{name}" for name in self.others)]


def _ref_class(annotation: Any) -> type[BaseModel] | None:
    """RegionRef for `RegionRef`, CategoryRef for `CategoryRef | None`, else None."""
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, Row):
            return candidate
    return None


def _localized_text(row: dict[str, Any], columns: dict[str, str], order: list[str]) -> str:
    """`localized(obj, "name").text` for a row: the first language in `order` with text."""
    for code in order:
        text = row.get(columns.get(code, "")) or ""
        if text.strip():
            return text
    return ""


def row_reader(model: type[DirectoryRecord], out: type[BaseModel]):
    """A function from a sliced queryset of `model` to the rows of `out`, as dicts."""
    plain: list[str] = []  # columns read as they are
    refs: dict[str, _Ref] = {}
    m2m: list[str] = []
    for name, info in out.model_fields.items():
        ref_class = _ref_class(info.annotation)
        if name in ("kind", "name"):
            continue
        if ref_class is not None:
            related = model._meta.get_field(name).related_model
            field_names = {field.name for field in related._meta.get_fields()}
            key = "code" if "code" in ref_class.model_fields else "id"
            refs[name] = _Ref(
                field=name,
                key=key,
                names={
                    code: f"{name}__name_{suffix(code)}"
                    for code in CONTENT_LANGUAGES
                    if f"name_{suffix(code)}" in field_names
                },
                others=tuple(f for f in ref_class.model_fields if f not in (key, "name")),
            )
        elif isinstance(model._meta.get_field(name), ManyToManyField):
            m2m.append(name)
        else:
            alias = info.validation_alias
            plain.append(alias if isinstance(alias, str) else name)
    own_names = {code: f"name_{suffix(code)}" for code in CONTENT_LANGUAGES}
    columns = [
        *dict.fromkeys([*plain, *own_names.values()]),
        *[f"{ref.field}_id" for ref in refs.values()],
        *[column for ref in refs.values() for column in ref.columns()],
    ]

    def read(records: QuerySet) -> list[dict[str, Any]]:
        values = list(records.values(*columns))
        order = language_order()
        cache: dict[tuple[str, Any], dict[str, Any]] = {}
        rows = []
        for value in values:
            # Keyed by column: pydantic reads `currency` from its validation alias currency_id.
            row = {column: value[column] for column in plain}
            row["kind"] = model.kind
            row["name"] = _localized_text(value, own_names, order)
            for name, ref in refs.items():
                pk = value[f"{name}_id"]
                if pk is None:
                    row[name] = None
                    continue
                nested = cache.get((name, pk))
                if nested is None:
                    nested = {
                        ref.key: pk,
                        "name": _localized_text(value, ref.names, order),
                    }
                    nested.update({field: value[f"{name}__{field}"] for field in ref.others})
                    cache[(name, pk)] = nested
                row[name] = nested
            rows.append(row)
        for name in m2m:
            _attach_codes(model, name, rows)
        return rows

    return read


def _attach_codes(model: type[DirectoryRecord], name: str, rows: list[dict[str, Any]]) -> None:
    """The codes of a many-to-many to categories, in code order, in one query for the page."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    codes: dict[int, list[str]] = {row["id"]: [] for row in rows}
    if codes:
        links = through.objects.filter(**{f"{source}_id__in": list(codes)})
        for record_id, code in links.order_by(f"{target}_id").values_list(
            f"{source}_id", f"{target}_id"
        ):
            codes[record_id].append(code)
    for row in rows:
        row[name] = codes[row["id"]]
