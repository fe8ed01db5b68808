"""The directory as a visitor, a representative and staff see it in the browser."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_of(record, language="en") -> str:
    return f"/{language}/{record.kind}/{record.pk}/"


def test_home_shows_counts_map_and_language_switcher(client, directory):
    page = client.get("/").content.decode()
    # The map's option (for ECharts) and its table, which links every park without script.
    assert 'id="chart-park-map-option"' in page and "vendor/echarts/echarts.min.js" in page
    studios = directory["studios"]
    assert f'<a href="{studios.get_absolute_url()}">无锡国家数字电影产业园</a>' in page
    for label in ("中文", "English", "Français", "Deutsch"):
        assert label in page


@pytest.mark.parametrize(
    "prefix, heading",
    [("", "企业"), ("/en", "Enterprises"), ("/fr", "Entreprises"), ("/de", "Unternehmen")],
)
def test_list_page_speaks_the_chosen_language(client, directory, prefix, heading):
    page = client.get(f"{prefix}/enterprise/").content.decode()
    assert f"<h1>{heading}</h1>" in page


def test_switching_language_keeps_the_page(client, directory):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/enterprise/?q=动漫"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/enterprise/")


def test_chinese_search_finds_the_enterprise(client, directory):
    page = client.get("/en/enterprise/", {"q": "动漫"}).content.decode()
    assert "Wuxi Lingdong Animation" in page
    assert "Xinwu Design" not in page


def test_filters_by_province_city_and_class(client, directory):
    page = client.get(
        "/en/enterprise/", {"province": "320000", "prefecture": "320200", "major": "03"}
    ).content.decode()
    assert "Xinwu Design" in page and "Lingdong" not in page and "Dalian" not in page


def test_bad_filter_values_get_a_message_not_an_error(client, directory):
    response = client.get("/en/enterprise/", {"province": "999999", "park": "abc", "page": "x"})
    assert response.status_code == 200
    assert "Unknown region code: 999999" in response.content.decode()


def test_htmx_request_gets_only_the_results(client, directory):
    response = client.get("/en/enterprise/", {"q": "design"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Xinwu Design" in body and "<html" not in body


def test_pages_of_twenty_five_sorted_by_name(client, cast):
    from wenchuang.directory import services
    from wenchuang.directory.models import Talent

    for i in range(30):
        services.record_create(
            model=Talent,
            by=cast["wuxi_staff"],
            data={"name_en": f"Designer {i:02d}", "region": "320211"},
        )
    first = client.get("/en/talent/", {"sort": "-name"}).content.decode()
    assert "Designer 29" in first and "Designer 04" not in first
    second = client.get("/en/talent/", {"sort": "-name", "page": 2}).content.decode()
    assert "Designer 04" in second and "page 2 of 2" in second


def test_detail_hides_contacts_from_visitors_and_shows_them_to_staff(client, cast, directory):
    url = page_of(directory["acme"])
    anonymous = client.get(url).content.decode()
    assert "contact@acme.example.cn" not in anonymous
    assert "Sign in as agency staff to see contact details." in anonymous
    client.force_login(cast["wuxi_staff"])
    assert "contact@acme.example.cn" in client.get(url).content.decode()


def test_detail_shows_classification_region_park_and_history(client, cast, directory):
    from wenchuang.directory import services

    acme = directory["acme"]
    services.record_update(record=acme, by=cast["wuxi_staff"], data={"employees": 120})
    page = client.get(page_of(acme)).content.decode()
    assert "Jiangsu" in page and "Wuxi" in page and "Binhu" in page
    assert "0241" in page and "Wuxi Studios" in page
    assert "employees" in page and "120" in page
    assert "wuxi_staff" not in page  # who changed it is for staff to see
    client.force_login(cast["district"])
    assert "wuxi_staff" in client.get(page_of(acme)).content.decode()


def test_content_falls_back_to_chinese_with_a_hint(client, cast):
    from wenchuang.directory import services
    from wenchuang.directory.models import Enterprise

    record = services.record_create(
        model=Enterprise,
        by=cast["wuxi_staff"],
        data={"name_zh_hans": "惠山泥人厂", "region": "320206", "category": "0261"},
    )
    page = client.get(page_of(record, "fr")).content.decode()
    assert "惠山泥人厂" in page and 'class="fallback-hint"' in page


def test_rep_edits_own_profile_and_is_refused_on_another(client, cast, directory):
    client.force_login(cast["rep"])
    own = client.post(
        f"/en/enterprise/{directory['acme'].pk}/edit/",
        {"name_en": "Lingdong Animation", "region_code": "320211", "category_code": "0241"},
    )
    assert own.status_code == 302
    assert "sent to centre staff" in client.get(own["Location"]).content.decode()
    other = client.get(f"/en/enterprise/{directory['rival'].pk}/edit/")
    assert other.status_code == 403
    assert "You can edit only enterprises of your own organisation." in other.content.decode()


def test_edit_form_names_bad_codes(client, cast, directory):
    client.force_login(cast["wuxi_staff"])
    response = client.post(
        f"/en/enterprise/{directory['acme'].pk}/edit/",
        {"name_en": "X", "region_code": "999999", "category_code": "0241"},
    )
    assert response.status_code == 200
    assert "Unknown region code: 999999" in response.content.decode()


def test_staff_validate_a_change_from_the_queue(client, cast, directory):
    from wenchuang.directory import services

    change = services.record_update(
        record=directory["acme"], by=cast["rep"], data={"phone": "0510-7654321"}
    )
    client.force_login(cast["wuxi_staff"])
    queue = client.get("/en/validation/").content.decode()
    # The reviewer sees what the record says now beside what is proposed.
    assert "phone: <del>0510-1234567</del> → <ins>0510-7654321</ins>" in queue
    client.post(f"/en/changes/{change.pk}/decide/", {"approve": "1"})
    directory["acme"].refresh_from_db()
    assert directory["acme"].phone == "0510-7654321"


def test_validation_queue_is_refused_to_representatives(client, cast):
    client.force_login(cast["rep"])
    response = client.get("/en/validation/")
    assert response.status_code == 403
    assert "Only centre staff validate" in response.content.decode()


def test_park_manager_updates_the_tenant_list(client, cast, directory):
    client.force_login(cast["park_manager"])
    studios = directory["studios"]
    client.post(
        f"/en/park/{studios.pk}/tenants/", {"enterprise": directory["rival"].pk, "present": "1"}
    )
    page = client.get(page_of(studios)).content.decode()
    assert "Xinwu Design" in page


def test_unknown_kind_is_a_404(client):
    assert client.get("/en/spaceship/").status_code == 404


def test_park_page_shows_level_operator_focus_and_tenants(client, directory):
    studios = directory["studios"]
    studios.focus_categories.set(["0221", "0241"])
    page = client.get(page_of(studios)).content.decode()
    assert "national base" in page.lower()
    assert "Wuxi Studios Ltd" in page  # the operating organisation
    assert "0221" in page and "0241" in page
    assert "Lingdong Animation" in page  # a tenant


def test_a_search_too_large_to_sort_says_so(client, directory, monkeypatch):
    from wenchuang.directory.views import records

    monkeypatch.setattr(records, "COUNT_CAP", 1)  # two matches are then "too many"
    page = client.get("/en/enterprise/", {"q": "无锡", "sort": "name"}).content.decode()
    # Both backends list a search over the cap in index order and say so (PostgreSQL used
    # to sort any size; ranking a huge match set is slow there too).
    assert "listed in the order they were added" in page
    small = client.get("/en/enterprise/", {"q": "动漫", "sort": "name"}).content.decode()
    assert "listed in the order they were added" not in small


def test_place_names_are_romanised_for_french_and_german_readers(client, directory):
    french = client.get(page_of(directory["acme"], "fr")).content.decode()
    assert "Binhu" in french and "滨湖区" not in french
    chinese = client.get(f"/enterprise/{directory['acme'].pk}/").content.decode()
    assert "滨湖区" in chinese
