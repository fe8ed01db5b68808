"""Region names a reader of each language can use, and places that say where they are."""

import pytest
from django.utils import translation

from wenchuang.directory import services
from wenchuang.directory.models import Enterprise
from wenchuang.reference.models import Region

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code, language, name",
    [
        ("150000", "fr", "Mongolie-Intérieure"),
        ("150000", "de", "Innere Mongolei"),
        ("150000", "en", "Inner Mongolia"),
        ("110000", "fr", "Pékin"),
        ("110000", "de", "Peking"),
        ("320000", "fr", "Jiangsu"),
        ("320000", "zh-hans", "江苏省"),
        # Prefectures stay in pinyin for French and German readers.
        ("320200", "fr", "Wuxi"),
    ],
)
def test_provinces_have_french_and_german_names(code, language, name):
    with translation.override(language):
        assert Region.objects.get(code=code).name == name


def test_every_province_has_a_french_and_a_german_name():
    provinces = Region.objects.filter(level=Region.Level.PROVINCE)
    assert provinces.count() == 34
    assert not provinces.filter(name_fr="").exists()
    assert not provinces.filter(name_de="").exists()


@pytest.mark.parametrize(
    "code, english",
    [("310115", "Pudong New Area"), ("120116", "Binhai New Area"), ("210113", "Shenbei New Area")],
)
def test_new_areas_keep_their_english_name(code, english):
    assert Region.objects.get(code=code).name_en == english


def test_no_romanisation_ends_in_a_cut_suffix():
    # "Pudongxin": 新 of 新区 (new area) read as part of the name. 清新区 is Qingxin district.
    cut = [
        (r.name_zh_hans, r.name_en)
        for r in Region.objects.filter(name_zh_hans__endswith="新区")
        if r.name_en.endswith("xin") and len(r.name_zh_hans) > 3
    ]
    assert cut == []


@pytest.mark.parametrize(
    "language, shown",
    [
        ("en", "Zhongshan, Dalian"),
        ("fr", "Zhongshan, Dalian"),
        ("de", "Zhongshan, Dalian"),
        ("zh-hans", "大连市中山区"),
    ],
)
def test_a_county_is_named_with_its_prefecture(language, shown):
    with translation.override(language):
        assert Region.objects.select_related("parent").get(code="210202").place == shown


def test_a_municipal_district_is_named_with_its_municipality():
    with translation.override("en"):
        assert Region.objects.get(code="110101").place == "Dongcheng, Beijing"
    with translation.override("fr"):
        assert Region.objects.get(code="110101").place == "Dongcheng, Pékin"


def test_lists_show_the_county_with_its_prefecture(client, cast):
    services.record_create(
        model=Enterprise,
        by=cast["dalian_staff"],
        data={"name_en": "Xinghai Animation", "region": "210202", "category": "0241"},
    )
    page = client.get("/en/enterprise/").content.decode()
    assert "Zhongshan, Dalian</td>" in page
    french = client.get("/fr/enterprise/", {"province": "150000"}).content.decode()
    assert ">Mongolie-Intérieure</option>" in french


def test_naming_the_prefecture_costs_no_query_per_row(client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(name: str, region: str) -> None:
        services.record_create(
            model=Enterprise,
            by=cast["dalian_staff"],
            data={"name_en": name, "region": region, "category": "0241"},
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/en/enterprise/")
        return len(captured)

    add("Xinghai Animation", "210202")
    one = queries()
    add("Jinzhou Games", "210213")
    add("Lüshunkou Studios", "210212")
    assert queries() == one


def test_romanisations_write_u_umlaut_not_the_keyboard_v():
    assert Region.objects.get(code="141100").name_en == "Lüliang"
    assert Region.objects.get(code="210212").name_en == "Lüshunkou"
    assert not Region.objects.filter(name_en__contains="v").exists()


@pytest.mark.parametrize(
    "code, english",
    [
        ("150100", "Hohhot"),  # not the characters' pinyin "Huhehaote"
        ("650100", "Urumqi"),
        ("540100", "Lhasa"),
        ("230100", "Harbin"),
        ("653100", "Kashgar"),
        ("152200", "Hinggan"),  # 兴安盟, the league ...
        ("450325", "Xing'an"),  # ... but 兴安县 keeps its pinyin
        ("510117", "Pidu"),  # 都 reads du in place names, not dou
        ("141024", "Hongtong"),
    ],
)
def test_places_have_the_names_maps_use(code, english):
    assert Region.objects.get(code=code).name_en == english
