"""A paginator whose count stops at a cap, so a page over a million matches stays fast."""

from functools import cached_property

from django.core.paginator import Paginator

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most `cap` records; `has_more` says that there are more than shown."""

    def __init__(self, object_list, per_page, *, cap: int = COUNT_CAP, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def _capped(self) -> tuple[int, bool]:
        n = self.object_list.order_by()[: self.cap + 1].count()
        return min(n, self.cap), n > self.cap

    @cached_property
    def count(self) -> int:
        return self._capped[0]

    @property
    def has_more(self) -> bool:
        return self._capped[1]
