"""Requests that remember what failed: any 5xx, any exception, any template error."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve


@dataclass
class Crawler:
    """One client per role; every request runs in a savepoint rolled back afterwards.

    Rolling back keeps the crawl's writes (created records, decisions) from changing what
    later requests see, and keeps a database error in one request (which on PostgreSQL
    aborts the transaction) from failing all the following ones.
    """

    client: Client
    role: str
    failures: list[str] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)
    count: int = 0
    # The last answer's headers, to compare a page with its htmx fragment.
    headers: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, url: str, *, expect: int | None = None, **kwargs) -> int:
        self.count += 1
        self.headers = {}
        self._visit(url)
        try:
            with transaction.atomic():
                response = getattr(self.client, method.lower())(url, **kwargs)
                # Read to the end inside the savepoint: an export queries as it streams.
                # (The client closes the response itself; closing it again here would fire
                # request_finished, which closes a PostgreSQL connection inside a transaction.)
                if response.streaming:
                    b"".join(response.streaming_content)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - every failure is reported, with its kind
            first_line = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
            self.failures.append(
                f"{self.role}: {method} {url} raised {type(error).__name__}: {first_line}"
            )
            return 500
        status = response.status_code
        self.headers = dict(response.items())
        if status >= 500:
            self.failures.append(f"{self.role}: {method} {url} answered {status}")
        elif expect is not None and status != expect:
            self.failures.append(f"{self.role}: {method} {url} answered {status}, not {expect}")
        return status

    def _visit(self, url: str) -> None:
        try:
            match = resolve(url.split("?")[0])
        except Resolver404:
            return
        self.visited.add(match.view_name or match.route)


def report(failures: list[str], limit: int = 60) -> str:
    shown = "\n".join(failures[:limit])
    more = f"\n... and {len(failures) - limit} more" if len(failures) > limit else ""
    return f"{len(failures)} failing requests:\n{shown}{more}"
