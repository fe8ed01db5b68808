"""Matchmaking with the real multilingual model: across languages, explained, following feedback."""

import pytest
from django.urls import reverse
from django.utils import translation

from wenchuang.investment import services
from wenchuang.investment.matching.explain import explain
from wenchuang.investment.models import Match, MatchRun

from .factories import ProfileFactory, ProjectFactory, category

pytestmark = pytest.mark.django_db

PITCHES = {
    "vr": (
        "博物馆虚拟现实体验",
        "为博物馆开发虚拟现实沉浸式体验，让游客在数字空间里参观文物和古建筑。",
    ),
    "farm": (
        "乡村农业观光园",
        "把有机农场和茶园改造成乡村旅游目的地，游客可以采茶、住民宿、体验农耕文化。",
    ),
    "tea": ("生态茶园农旅融合", "在山区茶园发展农业体验旅游，建设采摘园和农家乐，带动农民增收。"),
    "film": ("影视拍摄基地", "建设电影电视拍摄基地和后期制作中心，承接剧组拍摄和演艺活动。"),
}
STATEMENTS = {
    "en": "We invest in virtual reality experiences for museums and digital cultural heritage.",
    "de": "Wir investieren in Landwirtschaft, Bauernhöfe und ländlichen Tourismus auf dem Land.",
    "fr": "Nous finançons des studios de cinéma, des tournages et la production audiovisuelle.",
}


@pytest.fixture
def projects():
    return {
        key: ProjectFactory(title_zh_hans=title, title_en="", pitch_zh_hans=pitch, amount=None,
                            currency_id=None, industry_class_id=None)
        for key, (title, pitch) in PITCHES.items()
    }  # fmt: skip


@pytest.fixture
def investors():
    return {
        language: ProfileFactory(interest_statement=text, languages=[language], ticket_min=None,
                                 ticket_max=None, currency_id=None)
        for language, text in STATEMENTS.items()
    }  # fmt: skip


def run(cast) -> MatchRun:
    return services.matching_request(by=cast["wuxi_staff"])


def best_projects(profile) -> list[int]:
    return list(
        Match.objects.filter(profile=profile, investor_rank__isnull=False)
        .order_by("investor_rank")
        .values_list("project_id", flat=True)
    )


def test_a_chinese_pitch_finds_english_and_german_interest_statements(cast, projects, investors):
    finished = run(cast)
    assert finished.status == "done" and finished.progress == 100
    assert best_projects(investors["en"])[0] == projects["vr"].pk
    assert best_projects(investors["de"])[0] in (projects["farm"].pk, projects["tea"].pk)
    assert best_projects(investors["fr"])[0] == projects["film"].pk
    best_investor = Match.objects.filter(project=projects["vr"], project_rank=1).get().profile
    assert best_investor == investors["en"]


def test_a_match_explains_itself_in_the_readers_language(cast, projects, investors):
    investors["en"].categories.set([category("vr-applications")])
    run(cast)
    match = Match.objects.get(profile=investors["en"], project=projects["vr"])
    with translation.override("en"):
        english = explain(match.reasons)
    with translation.override("zh-hans"):
        chinese = explain(match.reasons)
    assert english.startswith("same category")
    assert "both about" in english and "virtual reality" in english.lower()
    assert "虚拟现实" in chinese


def test_not_interested_removes_a_project_and_interested_brings_similar_ones_up(
    cast, projects, investors
):
    profile = investors["en"]
    run(cast)
    before = Match.objects.get(profile=profile, project=projects["tea"]).score
    services.feedback_give(
        profile=profile, project=projects["vr"], interested=False, by=cast["wuxi_staff"]
    )
    services.feedback_give(
        profile=profile, project=projects["farm"], interested=True, by=cast["wuxi_staff"]
    )
    run(cast)
    assert projects["vr"].pk not in best_projects(profile)
    after = Match.objects.get(profile=profile, project=projects["tea"]).score
    assert after > before + 0.05


def test_texts_are_embedded_once_and_a_new_project_costs_one_embedding(cast, projects, investors):
    assert run(cast).embedded == len(projects) + len(investors)
    assert run(cast).embedded == 0
    ProjectFactory(title_zh_hans="数字博物馆", title_en="", pitch_zh_hans="文物数字化展示。")
    assert run(cast).embedded == 1


def test_the_investor_sees_their_matches_and_a_rival_does_not(client, cast, projects, investors):
    run(cast)
    profile = investors["en"]
    url = reverse("investment:investor-matches", args=[profile.pk])
    assert client.get(url).status_code == 403
    client.force_login(cast["wuxi_staff"])
    page = client.get(url).content.decode()
    assert "博物馆虚拟现实体验" in page
    csv = client.get(reverse("investment:investor-matches-export", args=[profile.pk, "csv"]))
    assert "博物馆虚拟现实体验" in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("investment:matching-export", args=["xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_only_staff_run_the_matchmaking(client, cast):
    client.force_login(cast["rep"])
    client.post(reverse("investment:matching-run"))
    assert not MatchRun.objects.exists()
    assert client.get(reverse("investment:matching")).status_code == 403
