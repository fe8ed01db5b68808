"""Content generations: a counter per model that moves on after every committed write to its
rows, so that whatever is computed from those rows can be keyed on it and never go stale."""

import functools
import threading
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import ContentGeneration

_tracked: set[type[Model]] = set()


def generation_name(model: type[Model]) -> str:
    return model._meta.label_lower


def track(*models: type[Model]) -> None:
    """Move each model's generation on after every save, delete or many-to-many change of one
    of its rows. Writes that send no signal (`QuerySet.update`, `bulk_create`, SQL of one's
    own) call `bump` themselves.

    Call it from an `AppConfig.ready()`, so that every process tracks the same models: the
    worker's writes must move the generations the web processes read.
    """
    for model in models:
        if model in _tracked:
            continue
        _tracked.add(model)
        uid = f"core.generations.{generation_name(model)}"
        post_save.connect(_written, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(_written, sender=model, weak=False, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            # The link rows belong to both ends: a park's focus categories change the park.
            m2m_changed.connect(
                functools.partial(_links_changed, model),
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"{uid}.{field.name}",
            )


def _written(sender: type[Model], using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    bump(sender, using=using)


def _links_changed(owner: type[Model], action: str, using: str = DEFAULT_DB_ALIAS, **kwargs):
    # (m2m_changed names the other end `model`.)
    if action in ("post_add", "post_remove", "post_clear"):
        bump(owner, using=using)


class _Batch(threading.local):
    """The names bumped in the current transaction of each connection, moved on once at its
    commit, however many rows it wrote."""

    def __init__(self) -> None:
        self.pending: dict[str, set[str]] = {}


_batch = _Batch()


def tracked(model: type[Model]) -> bool:
    return model in _tracked


def bump(*models: type[Model], using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the generations of the tracked ones of `models` on once the current transaction
    commits (at once outside a transaction). A rolled-back transaction moves nothing."""
    names = {generation_name(model) for model in models if model in _tracked}
    if not names:
        return
    _batch.pending.setdefault(using, set()).update(names)
    # One callback per bump, each moving the whole batch (the first one empties it): a
    # callback registered in a savepoint that rolls back is dropped, the later ones stay.
    transaction.on_commit(functools.partial(_flush, using), using=using, robust=True)


def _flush(using: str) -> None:
    names = _batch.pending.pop(using, None)
    if names:
        move_on(names, using=using)


def move_on(names: Iterable[str], using: str = DEFAULT_DB_ALIAS) -> None:
    """Add one to each named generation now (a row is made on the first write)."""
    with transaction.atomic(using=using):
        for name in sorted(names):  # one order for all writers: no deadlock between two
            rows = ContentGeneration.objects.using(using).filter(name=name)
            if not rows.update(value=F("value") + 1):
                # First write ever: another process may create the row at the same moment;
                # either way the value moved from "no row" (0) on.
                ContentGeneration.objects.using(using).get_or_create(name=name)


def current(models: Iterable[type[Model]], using: str = DEFAULT_DB_ALIAS) -> tuple[int, ...]:
    """The generations of `models` now, in the order given (0 for a model never written)."""
    names = [generation_name(model) for model in models]
    # Read on every visitor's list request, hit or miss: plain SQL, as building the ORM
    # query took longer than the rest of a kept answer's path (decision 0015).
    with connections[using].cursor() as cursor:
        cursor.execute(_select_sql(using, len(names)), names)
        values = dict(cursor.fetchall())
    return tuple(values.get(name, 0) for name in names)


@functools.cache
def _select_sql(using: str, count: int) -> str:
    quote = connections[using].ops.quote_name
    table = quote(ContentGeneration._meta.db_table)
    name, value = quote("name"), quote("value")  # the model's columns
    marks = ", ".join(["%s"] * count)
    return f"SELECT {name}, {value} FROM {table} WHERE {name} IN ({marks})"
