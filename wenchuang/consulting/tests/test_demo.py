"""The demo's consulting: certified providers of every scope, requests at every stage."""

from wenchuang.consulting.demo import wipe_demo
from wenchuang.consulting.models import Certification, ConsultingRequest, Scope
from wenchuang.directory.models import ServiceProvider


def test_the_demo_certifies_every_scope_and_keeps_the_directory_in_step(demo_db):
    live = Certification.objects.filter(status="certified")
    assert {s for c in live for s in c.scopes} == set(Scope.values)
    assert {"suspended", "applied", "refused"} <= set(
        Certification.objects.values_list("status", flat=True)
    )
    certified = set(ServiceProvider.objects.filter(certified=True).values_list("pk", flat=True))
    assert certified == set(live.values_list("provider_id", flat=True))


def test_the_demo_requests_are_at_every_stage_with_threads_and_ratings(demo_db):
    assert set(ConsultingRequest.objects.values_list("status", flat=True)) == set(
        ConsultingRequest.Status.values
    )
    assert ConsultingRequest.objects.exclude(escalated_at=None).exists()
    rated = ConsultingRequest.objects.exclude(rating=None)
    assert rated.count() >= 10 and all(1 <= r.rating <= 5 for r in rated)
    answered = ConsultingRequest.objects.filter(status="answered").first()
    assert answered.messages.filter(is_answer=True).exists()
    assert answered.messages.filter(side="enterprise").exists()
    # The demo's provider login has work of its own.
    assert ConsultingRequest.objects.filter(
        provider__organisation__affiliations__user__username="provider_demo"
    ).exists()


def test_the_demo_consulting_goes_before_the_directory_is_wiped(demo_db):
    wipe_demo()
    assert not ConsultingRequest.objects.exists() and not Certification.objects.exists()
