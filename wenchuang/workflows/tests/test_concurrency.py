"""Two connections at once (PostgreSQL): a double-clicked submit makes one submission; two
staff moving one application at once cannot both win; two edits from one version, one wins."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from wenchuang.core.models import AuditEvent
from wenchuang.core.transitions import Conflict, version_of
from wenchuang.workflows import services
from wenchuang.workflows.models import Application

from .factories import ApplicationFactory

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks between two connections: run with scripts/with-postgres.sh",
)


def _at_once(*calls):
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


def _events(application, action):
    return AuditEvent.objects.filter(
        record_type="workflows.application", record_id=str(application.pk), action=action
    ).count()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_submit_makes_one_submission(reference_data, cast):
    draft = ApplicationFactory(applicant=cast["rep"].organisation)
    version = version_of(draft)

    def submit():
        copy = Application.objects.get(pk=draft.pk)
        return services.submit(application=copy, by=cast["rep"], version=version)

    outcomes = _at_once(submit, submit)
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert _events(draft, "submit") == 1
    draft.refresh_from_db()
    assert draft.stage == "submitted"


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_an_approve_and_a_reject_at_once_cannot_both_win(reference_data, cast):
    application = ApplicationFactory(decision=True, applicant=cast["rep"].organisation)
    version = version_of(application)

    def decide(target, by):
        def call():
            copy = Application.objects.get(pk=application.pk)
            return services.move_stage(
                application=copy, target=target, by=cast[by], version=version
            )

        return call

    outcomes = _at_once(decide("approved", "wuxi_staff"), decide("rejected", "jiangsu_staff"))
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    application.refresh_from_db()
    assert application.stage in {"approved", "rejected"}
    assert _events(application, "approve") + _events(application, "reject") == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_edits_from_one_version_one_is_refused(reference_data, cast):
    draft = ApplicationFactory(applicant=cast["rep"].organisation)
    version = version_of(draft)

    def edit(title):
        def call():
            copy = Application.objects.get(pk=draft.pk)
            return services.edit_draft(
                application=copy, by=cast["rep"], version=version, title=title
            )

        return call

    outcomes = _at_once(edit("甲"), edit("乙"))
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], Conflict)
    assert _events(draft, "update") == 1
