"""Placement columns and jurisdiction scopes, checked against the shipped GB/T 2260 tree."""

import pytest

from wenchuang.core.regions import (
    in_jurisdiction,
    jurisdiction_scope,
    placement,
    placement_of,
    region_within,
)
from wenchuang.directory.models import Enterprise
from wenchuang.reference.models import Region

pytestmark = pytest.mark.django_db


def test_placements_of_every_level():
    assert placement("320211", 3) == placement_of(Region.objects.get(code="320211"))
    assert placement_of(Region.objects.get(code="320211")).province_code == "320000"
    assert placement_of(Region.objects.get(code="320211")).prefecture_code == "320200"
    assert placement_of(Region.objects.get(code="320200")).prefecture_code == "320200"
    assert placement_of(Region.objects.get(code="320000")).prefecture_code == ""
    assert placement_of(Region.objects.get(code="000000")).province_code == ""


def test_every_county_lies_within_its_prefecture_and_province_and_nowhere_else():
    jiangsu, wuxi = Region.objects.get(code="320000"), Region.objects.get(code="320200")
    counties = Region.objects.filter(level=3, code__startswith="32")
    assert counties.count() > 50
    for county in counties:
        assert region_within(county.code, jiangsu)
        assert region_within(county.code, wuxi) == (county.parent_id == "320200")
    # A province-level record is not inside any of its prefectures.
    assert not region_within("320000", wuxi)
    assert region_within("320000", Region.objects.get(code="000000"))


def test_only_staff_have_a_jurisdiction(cast):
    assert in_jurisdiction(cast["national_staff"], "650102")
    assert in_jurisdiction(cast["district"], "320211")
    assert not in_jurisdiction(cast["district"], "320214")
    for who in ("rep", "park_manager", "public"):
        assert not in_jurisdiction(cast[who], "320211")


def test_the_scope_is_equalities_on_the_copied_columns_never_a_prefix_match(cast, directory):
    scoped = jurisdiction_scope(cast["wuxi_staff"], Enterprise.objects.all())
    sql = str(scoped.query)
    assert "prefecture_code" in sql and "LIKE" not in sql.upper()
    assert set(scoped) == {directory["acme"], directory["rival"]}
    assert set(jurisdiction_scope(cast["national_staff"], Enterprise.objects.all())) == set(
        Enterprise.objects.all()
    )
    assert not jurisdiction_scope(cast["rep"], Enterprise.objects.all()).exists()


def test_staff_read_the_audit_trail_of_their_jurisdiction_in_the_admin(client, cast, directory):
    from django.contrib.auth.models import Permission

    dalian = cast["dalian_staff"]
    dalian.is_staff = True
    dalian.save()
    dalian.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client.force_login(dalian)
    page = client.get("/admin/core/auditevent/").content.decode()
    assert "210202" in page  # Dalian Harbour Media's creation
    assert "320211" not in page  # Wuxi's records
