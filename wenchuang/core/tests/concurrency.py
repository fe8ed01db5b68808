"""Service calls at the same moment on real connections, for the PostgreSQL row-lock tests."""

import threading

import pytest
from django.db import connection

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks between two connections: run with scripts/with-postgres.sh",
)


def at_once(*calls):
    """Run each call in its own thread (so on its own connection), started together."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        from django.db import connection as own

        try:
            barrier.wait()
            outcomes[i] = call()
        except Exception as error:  # the loser's refusal is the outcome under test
            outcomes[i] = error
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes
