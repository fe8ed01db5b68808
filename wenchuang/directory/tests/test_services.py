"""Creating, editing and validating directory records, as staff and as representatives."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wenchuang.core.audit import history_for
from wenchuang.directory import selectors, services
from wenchuang.directory.models import Enterprise, ProfileChange
from wenchuang.directory.selectors import DirectoryFilters

pytestmark = pytest.mark.django_db


def test_staff_record_is_published_with_derived_region_and_class(directory):
    acme = directory["acme"]
    assert acme.status == "published"
    assert (acme.province_code, acme.prefecture_code) == ("320000", "320200")
    assert (acme.major_code, acme.mid_code, acme.domain) == ("02", "024", "core")


def test_size_flag_follows_the_sector_rule(cast):
    staff = cast["wuxi_staff"]
    base = {"region": "320211", "revenue_year": 2025}
    # 0241 digital content maps to GB/T 65xx (IT services): 20 M yuan.
    small_it = services.record_create(
        model=Enterprise,
        by=staff,
        data={**base, "name_en": "Small studio", "category": "0241", "annual_revenue": "19000000"},
    )
    big_it = services.record_create(
        model=Enterprise,
        by=staff,
        data={**base, "name_en": "Big studio", "category": "0241", "annual_revenue": "20000000"},
    )
    # 0414 retail of books (GB/T 5243): 5 M yuan is enough.
    retail = services.record_create(
        model=Enterprise,
        by=staff,
        data={**base, "name_en": "Bookshop", "category": "0414", "annual_revenue": "6000000"},
    )
    assert not small_it.above_designated_size
    assert big_it.above_designated_size
    assert retail.above_designated_size


def test_unknown_codes_are_named_and_nothing_is_written(cast):
    before = Enterprise.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.record_create(
            model=Enterprise,
            by=cast["wuxi_staff"],
            data={"name_en": "Ghost", "region": "329999", "category": "9999"},
        )
    assert set(caught.value.message_dict) == {"region", "category"}
    assert Enterprise.objects.count() == before


def test_a_record_needs_a_name_in_chinese_or_english(cast):
    with pytest.raises(ValidationError) as caught:
        services.record_create(
            model=Enterprise,
            by=cast["wuxi_staff"],
            data={"name_fr": "Sans nom", "region": "320211", "category": "0241"},
        )
    assert "name_zh_hans" in caught.value.message_dict


def test_staff_cannot_add_records_outside_their_jurisdiction(cast):
    with pytest.raises(PermissionDenied):
        services.record_create(
            model=Enterprise,
            by=cast["wuxi_staff"],
            data={"name_en": "Far away", "region": "210202", "category": "0241"},
        )


def test_rep_edit_waits_for_validation_then_applies_with_history(cast, directory):
    acme = directory["acme"]
    change = services.record_update(
        record=acme, by=cast["rep"], data={"name_en": "Lingdong Animation Group"}
    )
    assert isinstance(change, ProfileChange)
    acme.refresh_from_db()
    assert acme.name_en == "Wuxi Lingdong Animation Technology Co., Ltd."

    services.change_decide(change=change, by=cast["wuxi_staff"], approve=True)
    acme.refresh_from_db()
    assert acme.name_en == "Lingdong Animation Group"
    found = selectors.directory_list(
        user=cast["public"], model=Enterprise, filters=DirectoryFilters(q="Lingdong group")
    )
    assert list(found) == [acme]

    events = list(history_for(acme))
    assert [e.action for e in events[:2]] == ["approve", "submit"]
    assert events[0].actor == cast["wuxi_staff"]
    assert events[0].changes["name_en"] == [
        "Wuxi Lingdong Animation Technology Co., Ltd.",
        "Lingdong Animation Group",
    ]


def test_refusing_a_change_needs_a_reason_and_keeps_the_record(cast, directory):
    change = services.record_update(
        record=directory["acme"], by=cast["rep"], data={"phone": "0510-0000000"}
    )
    with pytest.raises(ValidationError):
        services.change_decide(change=change, by=cast["wuxi_staff"], approve=False)
    services.change_decide(
        change=change, by=cast["wuxi_staff"], approve=False, reason="Not a real number"
    )
    directory["acme"].refresh_from_db()
    assert directory["acme"].phone == "0510-1234567"


def test_rep_cannot_edit_another_enterprise(cast, directory):
    with pytest.raises(PermissionDenied) as caught:
        services.record_update(record=directory["rival"], by=cast["rep"], data={"phone": "1"})
    assert str(caught.value) == "You can edit only enterprises of your own organisation."


def test_new_profile_from_a_rep_is_hidden_until_staff_publish_it(cast, orgs):
    from wenchuang.accounts.services import user_create

    newcomer = user_create(
        username="newcomer", password="x", role="enterprise_rep", organisation=orgs["rival"]
    )
    orgs["rival"].refresh_from_db()
    # The rival organisation has no enterprise yet in this test.
    record = services.record_create(
        model=Enterprise,
        by=newcomer,
        data={"name_zh_hans": "新吴文创", "region": "320214", "category": "0322"},
    )
    assert record.status == "pending"
    public_list = selectors.directory_list(
        user=cast["public"], model=Enterprise, filters=DirectoryFilters()
    )
    assert record not in public_list
    services.record_validate(record=record, by=cast["wuxi_staff"], approve=True)
    assert record in selectors.directory_list(
        user=cast["public"], model=Enterprise, filters=DirectoryFilters()
    )


def test_park_manager_adds_and_removes_tenants_of_own_park(cast, directory):
    rival, studios = directory["rival"], directory["studios"]
    services.park_tenant_set(park=studios, enterprise=rival, by=cast["park_manager"], present=True)
    assert set(studios.tenants.all()) == {directory["acme"], rival}
    services.park_tenant_set(park=studios, enterprise=rival, by=cast["park_manager"], present=False)
    assert list(studios.tenants.all()) == [directory["acme"]]
    with pytest.raises(PermissionDenied):
        services.park_tenant_set(
            park=directory["other_park"], enterprise=rival, by=cast["park_manager"], present=True
        )


def test_filters_by_region_level_category_level_and_size(cast, directory):
    def names(**filters):
        qs = selectors.directory_list(
            user=cast["public"], model=Enterprise, filters=DirectoryFilters(**filters)
        )
        return {e.name_en for e in qs}

    assert names(region="320000") == {
        "Wuxi Lingdong Animation Technology Co., Ltd.",
        "Xinwu Design Ltd",
    }
    assert names(region="320214") == {"Xinwu Design Ltd"}
    assert names(category="03") == {"Xinwu Design Ltd"}
    assert names(category="024") == {"Wuxi Lingdong Animation Technology Co., Ltd."}
    assert names(above_size=True) == {"Wuxi Lingdong Animation Technology Co., Ltd."}
    assert names(domain="core", region="210200") == {"Dalian Harbour Media"}
    assert names(park=directory["studios"].pk) == {"Wuxi Lingdong Animation Technology Co., Ltd."}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("动漫", {"Wuxi Lingdong Animation Technology Co., Ltd."}),
        ("无锡 设计", {"Xinwu Design Ltd"}),
        ("animation", {"Wuxi Lingdong Animation Technology Co., Ltd."}),
        ("ANIMATED children", {"Wuxi Lingdong Animation Technology Co., Ltd."}),
        ("无锡", {"Wuxi Lingdong Animation Technology Co., Ltd.", "Xinwu Design Ltd"}),
        ("电影", set()),
    ],
)
def test_search_in_chinese_and_english(cast, directory, query, expected):
    qs = selectors.directory_list(
        user=cast["public"], model=Enterprise, filters=DirectoryFilters(q=query)
    )
    assert {e.name_en for e in qs} == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("anim", {"Wuxi Lingdong Animation Technology Co., Ltd."}),  # a word being typed
        ("xinwu desig", {"Xinwu Design Ltd"}),
        ("design", {"Xinwu Design Ltd"}),  # a whole word matches as itself
    ],
)
def test_last_word_may_be_unfinished(cast, directory, query, expected):
    qs = selectors.directory_list(
        user=cast["public"], model=Enterprise, filters=DirectoryFilters(q=query)
    )
    assert {e.name_en for e in qs} == expected
