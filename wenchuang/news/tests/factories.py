"""Factories for news items and categories, with traits per kind and state."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from wenchuang.core import search
from wenchuang.news.models import Category, NewsItem


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = "industry"
    name_zh_hans = "产业动态"
    name_en = "Industry"
    name_fr = "Industrie"
    name_de = "Branche"


class NewsItemFactory(DjangoModelFactory):
    """A draft story of the Wuxi centre (320200) in Chinese and English.

    Traits: `published`, `review`, `policy` (with authority, number and dates),
    `german` (with its German text).
    """

    class Meta:
        model = NewsItem

    kind = NewsItem.Kind.NEWS
    title_zh_hans = "无锡动漫企业亮相国际动画节"
    title_en = "Wuxi animation studios at the international animation festival"
    summary_zh_hans = "十二家无锡企业参展。"
    summary_en = "Twelve Wuxi companies exhibit."
    body_zh_hans = "<p>十二家无锡动漫企业参展，签约金额超过一亿元。</p>"
    body_en = "<p>Twelve Wuxi animation companies exhibit and sign deals.</p>"
    region_id = "320200"
    province_code = "320000"
    prefecture_code = "320200"
    status = NewsItem.Status.DRAFT

    class Params:
        published = factory.Trait(
            status=NewsItem.Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )
        review = factory.Trait(status=NewsItem.Status.REVIEW)
        policy = factory.Trait(
            kind=NewsItem.Kind.POLICY,
            title_zh_hans="关于促进文化产业高质量发展的若干政策",
            title_en="Measures to promote high-quality development of the culture industry",
            issuing_authority="无锡市人民政府办公室",
            document_number="锡政办发〔2026〕12号",
            effective_on=datetime.date(2026, 1, 1),
            expires_on=datetime.date(2030, 12, 31),
        )
        german = factory.Trait(
            title_de="Maßnahmen zur Förderung der Kulturwirtschaft",
            summary_de="Zuschüsse für Animationsstudios.",
            body_de="<p>Die Stadt Wuxi fördert Animationsstudios.</p>",
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        item = super()._create(model_class, *args, **kwargs)
        item.search_text = search.document(item)
        NewsItem.objects.filter(pk=item.pk).update(search_text=item.search_text)
        return item
