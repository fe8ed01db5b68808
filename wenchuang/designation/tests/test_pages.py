"""The designation pages as each role sees them: the register, a designation, an assessment."""

import datetime

import pytest
from django.urls import reverse

from wenchuang.core.transitions import version_of
from wenchuang.designation.models import Designation, FieldAssessment
from wenchuang.designation.standard import GOOD_VALUES

from .factories import DesignationFactory, FieldAssessmentFactory

pytestmark = pytest.mark.django_db


def _as(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def register(reference_data):
    """Designations in Wuxi (two in force, one revoked) and one in Dalian."""
    return {
        "studios": DesignationFactory(park__name_en="Wuxi Studios"),
        "design": DesignationFactory(park__name_en="Wuxi Design Park", warned=True),
        "revoked": DesignationFactory(park__name_en="Old Mill Park", revoked=True),
        "dalian": DesignationFactory(
            park__name_en="Dalian Harbour Creative Park", park__in_dalian=True
        ),
    }


def test_the_register_lists_every_area_with_its_status(client, register):
    page = client.get("/en/designation/").content.decode()
    for name in ("Wuxi Studios", "Wuxi Design Park", "Old Mill Park", "Dalian Harbour"):
        assert name in page
    assert "warned" in page and "revoked" in page
    assert "4 designated areas" in page


def test_the_register_filters_by_status_and_province(client, register):
    warned = client.get("/en/designation/", {"status": "warned"}).content.decode()
    assert "Wuxi Design Park" in warned and "Wuxi Studios" not in warned
    liaoning = client.get("/en/designation/", {"province": "210000"}).content.decode()
    assert "Dalian Harbour" in liaoning and "Wuxi Studios" not in liaoning
    wuxi = client.get("/en/designation/", {"prefecture": "320200"}).content.decode()
    assert "Wuxi Studios" in wuxi and "Dalian Harbour" not in wuxi


@pytest.mark.parametrize("value", ["abc", "9" * 30, "'; drop table x"])
def test_bad_filter_values_are_ignored_not_a_server_error(client, register, value):
    response = client.get(
        "/en/designation/", {"status": value, "province": value, "prefecture": value, "page": value}
    )
    assert response.status_code == 200
    assert "Wuxi Studios" in response.content.decode()


def test_the_register_charts_areas_by_status_and_province_with_their_tables(client, register):
    page = client.get("/en/designation/").content.decode()
    assert "Designated areas by status" in page
    assert "Designated areas by province" in page
    # The table beside each chart: Jiangsu has three areas, two in force.
    assert "designations-by-province.csv" in page


def test_the_register_takes_the_same_number_of_queries_for_more_areas(
    client, register, django_assert_max_num_queries
):
    client.get("/en/designation/")
    for _n in range(10):
        DesignationFactory()
    with django_assert_max_num_queries(12):
        client.get("/en/designation/")


def test_visitors_see_a_designation_but_no_decisions(client, register):
    page = client.get(f"/en/designation/{register['studios'].pk}/").content.decode()
    assert "Wuxi Studios" in page and "Certificate (PDF)" in page
    assert 'name="target"' not in page


def test_staff_over_the_park_see_the_moves_others_do_not(client, cast, orgs, register):
    orgs["assessors"]  # an institution to entrust the yearly assessment to
    url = f"/en/designation/{register['studios'].pk}/"
    page = _as(client, cast["wuxi_staff"]).get(url).content.decode()
    for target in ("renewed", "warned", "revoked"):
        assert f'value="{target}"' in page
    assert 'value="expired"' not in page
    assert "Order a yearly assessment" in page
    other = _as(client, cast["dalian_staff"]).get(url).content.decode()
    assert 'name="target"' not in other


def test_staff_revoke_from_the_page_with_a_reason(client, cast, register):
    designation = register["studios"]
    response = _as(client, cast["wuxi_staff"]).post(
        f"/en/designation/{designation.pk}/move/",
        {"target": "revoked", "note": "违规转租", "version": version_of(designation)},
        follow=True,
    )
    assert "The designation is now revoked." in response.content.decode()
    designation.refresh_from_db()
    assert designation.status == "revoked"


def test_a_decision_from_a_stale_page_is_refused_with_who_changed_it(client, cast, register):
    designation = register["studios"]
    stale = version_of(designation)
    _as(client, cast["jiangsu_staff"]).post(
        f"/en/designation/{designation.pk}/move/", {"target": "warned", "version": stale}
    )
    response = _as(client, cast["wuxi_staff"]).post(
        f"/en/designation/{designation.pk}/move/",
        {"target": "revoked", "version": stale},
        follow=True,
    )
    assert "changed meanwhile by jiangsu_staff" in response.content.decode()
    designation.refresh_from_db()
    assert designation.status == "warned"


def test_a_move_by_someone_outside_the_jurisdiction_says_why(client, cast, register):
    designation = register["studios"]
    response = _as(client, cast["dalian_staff"]).post(
        f"/en/designation/{designation.pk}/move/", {"target": "revoked"}, follow=True
    )
    assert "outside your jurisdiction" in response.content.decode()
    designation.refresh_from_db()
    assert designation.status == "designated"


def test_staff_entrust_a_yearly_assessment_and_the_assessor_finds_it_in_the_queue(
    client, cast, orgs, register
):
    designation = register["studios"]
    response = _as(client, cast["wuxi_staff"]).post(
        f"/en/designation/{designation.pk}/yearly/",
        {"assessor": orgs["assessors"].pk, "year": 2026},
    )
    yearly = FieldAssessment.objects.get(designation=designation, year=2026)
    assert response.url == f"/en/designation/assessments/{yearly.pk}/"
    queue = _as(client, cast["assessor"]).get("/en/designation/assessments/").content.decode()
    assert "Wuxi Studios" in queue and "Yearly assessment 2026" in queue
    other = _as(client, cast["other_assessor"]).get("/en/designation/assessments/")
    assert "Wuxi Studios" not in other.content.decode()


def _form(values, **extra):
    data = {f"i_{k}": v for k, v in values.items()}
    data.update(report="运营良好", **extra)
    return data


def test_the_assessor_saves_a_draft_then_submits(client, cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"], park__name_en="Wuxi Studios")
    url = f"/en/designation/assessments/{assessment.pk}/"
    assessor = _as(client, cast["assessor"])
    page = assessor.get(url).content.decode()
    assert "Tenant cultural enterprises" in page and "Governance" in page
    assert "excellent" in page  # a qualitative indicator's levels
    assessor.post(
        url, _form({"tenant_enterprises": "80"}, save="1", version=version_of(assessment))
    )
    assessment.refresh_from_db()
    assert assessment.values == {"tenant_enterprises": 80} and assessment.status == "draft"
    response = assessor.post(
        url, _form(GOOD_VALUES, submit="1", version=version_of(assessment)), follow=True
    )
    assert "Assessment submitted." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and str(assessment.score) == "83.75"


def test_a_wrong_value_is_shown_next_to_its_indicator(client, cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    url = f"/en/designation/assessments/{assessment.pk}/"
    response = _as(client, cast["assessor"]).post(
        url, _form({**GOOD_VALUES, "occupancy": "140"}, submit="1")
    )
    assert response.status_code == 200
    assert "A percentage is at most 100." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_an_incomplete_submission_names_what_is_missing(client, cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    response = _as(client, cast["assessor"]).post(
        f"/en/designation/assessments/{assessment.pk}/", _form({"employment": "10"}, submit="1")
    )
    assert "This indicator needs a value." in response.content.decode()


@pytest.mark.parametrize("name", ["other_assessor", "park_manager", "dalian_staff", "expert"])
def test_nobody_else_opens_an_assessment(client, cast, orgs, name):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    response = _as(client, cast[name]).get(f"/en/designation/assessments/{assessment.pk}/")
    assert response.status_code == 403


def test_staff_read_an_assessment_but_cannot_fill_it(client, cast, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    url = f"/en/designation/assessments/{assessment.pk}/"
    staff = _as(client, cast["wuxi_staff"])
    assert 'name="submit"' not in staff.get(url).content.decode()
    assert staff.post(url, _form(GOOD_VALUES, submit="1")).status_code == 403


def test_a_visitor_is_sent_to_sign_in(client, orgs):
    assessment = FieldAssessmentFactory(assessor=orgs["assessors"])
    response = client.get(f"/en/designation/assessments/{assessment.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_staff_designate_from_a_passed_assessment(client, cast, orgs):
    assessment = FieldAssessmentFactory(submitted=True, assessor=orgs["assessors"])
    staff = _as(client, cast["wuxi_staff"])
    assert "Designate this park" in staff.get(assessment.get_absolute_url()).content.decode()
    response = staff.post(f"/en/designation/assessments/{assessment.pk}/designate/", follow=True)
    designation = Designation.objects.get(assessment=assessment)
    assert "The park is designated." in response.content.decode()
    assert designation.valid_until == datetime.date(
        designation.valid_from.year + 3, designation.valid_from.month, designation.valid_from.day
    )


def test_staff_apply_a_yearly_assessments_decision(client, cast, orgs, register):
    designation = register["studios"]
    yearly = FieldAssessmentFactory(
        submitted=True,
        purpose="yearly",
        designation=designation,
        park=designation.park,
        year=2026,
        assessor=orgs["assessors"],
    )
    staff = _as(client, cast["wuxi_staff"])
    page = staff.get(yearly.get_absolute_url()).content.decode()
    assert "By its score, this assessment means: renew." in page
    staff.post(
        f"/en/designation/assessments/{yearly.pk}/decide/", {"version": version_of(designation)}
    )
    designation.refresh_from_db()
    assert designation.status == "renewed"
    assert designation.valid_until == datetime.date(2029, 1, 1)


def test_staff_entrust_a_field_assessment_from_the_queue(client, cast, orgs):
    from wenchuang.directory.tests.factories import ParkFactory

    from .factories import IndicatorSetFactory

    park = ParkFactory(name_en="Binhu Creative Park")
    indicator_set = IndicatorSetFactory()
    orgs["assessors"]
    staff = _as(client, cast["wuxi_staff"])
    assert (
        "Entrust a field assessment" in staff.get("/en/designation/assessments/").content.decode()
    )
    staff.post(
        reverse("designation:order"),
        {"park": park.pk, "indicator_set": indicator_set.pk, "assessor": orgs["assessors"].pk},
    )
    assert FieldAssessment.objects.filter(park=park, assessor=orgs["assessors"]).exists()


def test_the_queue_is_for_assessors_and_staff(client, cast):
    assert _as(client, cast["rep"]).get("/en/designation/assessments/").status_code == 403


@pytest.mark.parametrize("name", ["dalian_staff", "district", "assessor", "park_manager"])
def test_nobody_else_entrusts_a_yearly_assessment_or_designates(client, cast, orgs, register, name):
    designation = register["studios"]
    who = _as(client, cast[name])
    response = who.post(
        f"/en/designation/{designation.pk}/yearly/",
        {"assessor": orgs["assessors"].pk, "year": 2026},
        follow=True,
    )
    assert response.status_code == 200
    assert not FieldAssessment.objects.filter(designation=designation).exists()
    passed = FieldAssessmentFactory(submitted=True, assessor=orgs["assessors"])
    # The assessor and Binhu's district official may read it (their work, their district).
    if name not in ("assessor", "district"):
        assert who.get(passed.get_absolute_url()).status_code == 403
    who.post(f"/en/designation/assessments/{passed.pk}/designate/")
    assert not Designation.objects.filter(assessment=passed).exists()
