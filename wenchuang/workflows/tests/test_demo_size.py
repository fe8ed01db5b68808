"""`demo-data --fund-applications N` gives the demo special-fund call N applications (bench)."""

import pytest
from django.core.management import CommandError, call_command

from wenchuang.workflows.demo import ENGINE_STAGES, FUND_CODE
from wenchuang.workflows.models import Application


@pytest.mark.django_db
def test_the_demo_fund_call_receives_as_many_applications_as_asked(capsys):
    call_command("demo_data", enterprises=400, fund_applications=57, no_progress=True)
    fund = Application.objects.filter(call__programme__code=FUND_CODE)
    assert fund.count() == 57
    # Spread over the stages as the default call is (the funding step moves approved ones on).
    stages = set(fund.values_list("stage", flat=True))
    assert {"draft", "submitted", "screening", "expert_review", "decision"} <= stages
    assert len(stages) >= len(ENGINE_STAGES) - 1
    assert fund.values("applicant").distinct().count() == 57
    assert "applications: " in capsys.readouterr().out


@pytest.mark.django_db
def test_a_negative_number_of_fund_applications_is_refused():
    with pytest.raises(CommandError, match="--fund-applications must be zero or more"):
        call_command("demo_data", enterprises=10, fund_applications=-1, no_progress=True)
