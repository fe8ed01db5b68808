"""Two connections at once (PostgreSQL): a double-clicked submit makes one submission; two
staff moving one application at once cannot both win; two edits from one version, one wins."""

import pytest
from django.core.exceptions import ValidationError

from wenchuang.core.models import AuditEvent
from wenchuang.core.tests.concurrency import at_once, needs_postgres
from wenchuang.core.transitions import Conflict, version_of
from wenchuang.workflows import services
from wenchuang.workflows.models import Application

from .factories import ApplicationFactory


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

    outcomes = at_once(submit, submit)
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

    outcomes = at_once(decide("approved", "wuxi_staff"), decide("rejected", "jiangsu_staff"))
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

    outcomes = at_once(edit("甲"), edit("乙"))
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], Conflict)
    assert _events(draft, "update") == 1
