"""Expert-review test helpers: a scored review, an expert with expertise, who is assigned."""

from wenchuang.accounts.tests.factories import AffiliationFactory, UserFactory
from wenchuang.workflows.models import ReviewAssignment, ReviewerProfile
from wenchuang.workflows.reviewing import services

GOOD = {"merit": 4, "feasibility": 3, "budget": "n/a"}  # (3×4 + 2×3) / 5 = 3.6


def expert(name, *classes, **also):
    """An expert reviewer of `classes`; `also={role: organisation}` gives a further role."""
    user = UserFactory(username=name, expert_reviewer=True)
    for role, organisation in also.items():
        AffiliationFactory(user=user, role=role, organisation=organisation)
    profile = ReviewerProfile.objects.create(user=user)
    profile.expertise.set(classes)
    return user


def assigned(application):
    return set(
        ReviewAssignment.objects.filter(
            application=application, status__in=["assigned", "submitted"]
        ).values_list("reviewer__username", flat=True)
    )


def declared_assignment(application, reviewer):
    services.accept_declaration(call=application.call, by=reviewer)
    return ReviewAssignment.objects.get(application=application, reviewer=reviewer)
