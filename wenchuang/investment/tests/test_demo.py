"""The demo: projects in every seed category, interests in four languages, every lead stage."""

import pytest

from wenchuang.directory.demo import generate
from wenchuang.investment.models import (
    Agreement,
    InvestorProfile,
    Lead,
    Match,
    Project,
    ProjectCategory,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_projects_everywhere_leads_at_every_stage_and_matches():
    generate(enterprises=40, seed=7, progress=False, reset=True)
    categories = set(ProjectCategory.objects.values_list("code", flat=True))
    assert set(Project.objects.values_list("category__code", flat=True)) == categories
    assert len(categories) == 8
    languages = {code for p in InvestorProfile.objects.all() for code in p.languages}
    assert {"zh-hans", "en", "de", "fr"} <= languages
    assert set(Lead.objects.values_list("stage", flat=True)) == set(Lead.Stage.values)
    assert Agreement.objects.exists()
    assert Match.objects.filter(investor_rank=1).count() == InvestorProfile.objects.count()
