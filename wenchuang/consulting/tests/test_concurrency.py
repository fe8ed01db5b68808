"""Two providers acting on one rerouted request at the same moment: one wins (PostgreSQL)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.accounts.models import Role
from wenchuang.accounts.tests.factories import UserFactory
from wenchuang.consulting import services
from wenchuang.consulting.models import ConsultingRequest, Decline
from wenchuang.core.models import AuditEvent
from wenchuang.core.tests.concurrency import at_once, needs_postgres


def _click(request, act):
    # Each click comes from a page read before either click (read now, not in the thread).
    read = ConsultingRequest.objects.select_related("provider").get(pk=request.pk)
    return lambda: act(read)


def _ask(cast, firms):
    return services.request_file(
        by=cast["rep"],
        category="legal",
        subject="合拍动画电影的著作权归属",
        question="合作协议中的著作权归属条款应如何约定？",
        provider=firms["taihu"],
    )


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_providers_accepting_a_rerouted_request_at_once_one_wins(reference_data, cast, firms):
    request = _ask(cast, firms)
    stale = ConsultingRequest.objects.select_related("provider").get(pk=request.pk)
    services.request_decline(request=request, by=cast["provider"], reason="利益冲突")
    outcomes = at_once(
        lambda: services.request_accept(request=stale, by=cast["provider"]),
        _click(request, lambda r: services.request_accept(request=r, by=firms["other_provider"])),
    )
    assert isinstance(outcomes[0], (PermissionDenied, ValidationError))
    assert not isinstance(outcomes[1], Exception)
    request.refresh_from_db()
    assert request.status == "accepted" and request.provider_id == firms["lihu"].pk
    assert (
        AuditEvent.objects.filter(record_id=str(request.pk), action="accept_request").count() == 1
    )


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_decline_and_an_accept_at_once_leave_one_consistent_outcome(reference_data, cast, firms):
    colleague = UserFactory(
        username="taihu_colleague",
        role=Role.SERVICE_PROVIDER,
        organisation=firms["taihu"].organisation,
    )
    request = _ask(cast, firms)
    outcomes = at_once(
        _click(
            request, lambda r: services.request_decline(request=r, by=cast["provider"], reason="忙")
        ),
        _click(request, lambda r: services.request_accept(request=r, by=colleague)),
    )
    assert sum(isinstance(o, Exception) for o in outcomes) == 1
    request.refresh_from_db()
    if request.status == "accepted":
        assert request.provider_id == firms["taihu"].pk and not Decline.objects.exists()
    else:
        assert request.status == "waiting" and request.provider_id == firms["lihu"].pk


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_accept_accepts_once(reference_data, cast, firms):
    request = _ask(cast, firms)
    accept = _click(request, lambda r: services.request_accept(request=r, by=cast["provider"]))
    again = _click(request, lambda r: services.request_accept(request=r, by=cast["provider"]))
    outcomes = at_once(accept, again)
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert (
        AuditEvent.objects.filter(record_id=str(request.pk), action="accept_request").count() == 1
    )
