"""News items in the JSON API: published ones for everybody, the jurisdiction's drafts for staff."""

import datetime

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Header, Path, Query, Schema, Status

from wenchuang.core.api import DomainRouter
from wenchuang.core.api_errors import field_error
from wenchuang.core.api_pages import PageQuery
from wenchuang.core.permissions import require
from wenchuang.core.transitions import version_of
from wenchuang.directory.api.schemas import MAX_ID, choices_named
from wenchuang.reference.models import Region

from . import permissions, selectors, services
from .feeds import KIND_SLUGS
from .models import Category, NewsItem, Subscription
from .reading import reading

router = DomainRouter()
NewsKind = choices_named("NewsKind", NewsItem.Kind)
NewsStatus = choices_named("NewsStatus", NewsItem.Status)
IF_MATCH = Header(
    None, alias="If-Match", description="The `version` read; 409 if the item changed since."
)


class NewsItemOut(Schema):
    id: int
    kind: str
    status: str
    title: str = Field(description="In the reader's language (Accept-Language), else its chain")
    summary: str
    body: str = Field(description="Sanitised HTML")
    language: str = Field(description="The language title, summary and body are in")
    fallback: bool = Field(description="True when the reader's language was missing")
    languages: list[str] = Field(description="Languages the item has a title in")
    region: str = Field(description="GB/T 2260 code of the releasing jurisdiction")
    categories: list[str]
    issuing_authority: str
    document_number: str
    effective_on: datetime.date | None
    expires_on: datetime.date | None
    call: int | None
    event_starts_on: datetime.date | None
    venue: str
    published_at: datetime.datetime | None
    publish_at: datetime.datetime | None
    url: str
    version: str

    @staticmethod
    def resolve_title(obj: NewsItem) -> str:
        return reading(obj).title

    @staticmethod
    def resolve_summary(obj: NewsItem) -> str:
        return reading(obj).summary

    @staticmethod
    def resolve_body(obj: NewsItem) -> str:
        return str(reading(obj).body)

    @staticmethod
    def resolve_language(obj: NewsItem) -> str:
        return reading(obj).language

    @staticmethod
    def resolve_fallback(obj: NewsItem) -> bool:
        return reading(obj).is_fallback

    @staticmethod
    def resolve_languages(obj: NewsItem) -> list[str]:
        from .reading import languages_of

        return languages_of(obj)

    @staticmethod
    def resolve_region(obj: NewsItem) -> str:
        return obj.region_id

    @staticmethod
    def resolve_categories(obj: NewsItem) -> list[str]:
        return [c.code for c in obj.categories.all()]

    @staticmethod
    def resolve_call(obj: NewsItem) -> int | None:
        return obj.call_id

    @staticmethod
    def resolve_url(obj: NewsItem) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_version(obj: NewsItem) -> str:
        return version_of(obj)


class NewsQuery(PageQuery):
    kind: NewsKind | None = None  # type: ignore[valid-type]
    q: str = Field("", max_length=200, description="Words to search, in any of the four languages")


class NewsItemIn(Schema):
    kind: NewsKind  # type: ignore[valid-type]
    region: str = Field(pattern=r"^\d{6}$", description="GB/T 2260 code of your jurisdiction")
    source_language: str = Field("zh-hans", pattern=r"^(zh-hans|en|fr|de)$")
    title_zh_hans: str = Field("", max_length=300)
    title_en: str = Field("", max_length=300)
    title_fr: str = Field("", max_length=300)
    title_de: str = Field("", max_length=300)
    summary_zh_hans: str = Field("", max_length=1000)
    summary_en: str = Field("", max_length=1000)
    summary_fr: str = Field("", max_length=1000)
    summary_de: str = Field("", max_length=1000)
    body_zh_hans: str = Field("", max_length=100_000)
    body_en: str = Field("", max_length=100_000)
    body_fr: str = Field("", max_length=100_000)
    body_de: str = Field("", max_length=100_000)
    categories: list[str] = Field(default_factory=list, description="Category codes")
    issuing_authority: str = Field("", max_length=200)
    document_number: str = Field("", max_length=100)
    effective_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    event_starts_on: datetime.date | None = None
    venue: str = Field("", max_length=200)


class NewsMoveIn(Schema):
    target: NewsStatus  # type: ignore[valid-type]
    publish_at: datetime.datetime | None = Field(
        None, description="For target `scheduled`: when to publish (a time to come)"
    )


class NewsFeedOut(Schema):
    language: str
    kind: str
    rss: str
    atom: str


class NewsCategoryOut(Schema):
    code: str
    name: str

    @staticmethod
    def resolve_name(obj: Category) -> str:
        return str(obj)


def _fields(payload: NewsItemIn) -> dict:
    data = payload.model_dump(exclude={"region", "categories"})
    data["kind"] = payload.kind.value
    return data


def _categories(codes: list[str]):
    return list(Category.objects.filter(code__in=codes))


@router.listing(
    "/news/items",
    NewsItemOut,
    operation_id="news_item_list",
    tags=["news"],
    summary="News items: published ones, and your jurisdiction's in any state for staff",
    cached_by=(NewsItem, Category),
)
def news_item_list(request: HttpRequest, query: Query[NewsQuery]):
    return selectors.visible_items(
        request.auth, kind=query.kind.value if query.kind else "", q=query.q
    ).prefetch_related("categories")


@router.read(
    "/news/items/{id}",
    NewsItemOut,
    operation_id="news_item_detail",
    tags=["news"],
    summary="One news item in the reader's language",
)
def news_item_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):
    return selectors.get_item_for_view(request.auth, id)


@router.write(
    "POST",
    "/news/items",
    {201: NewsItemOut},
    operation_id="news_item_create",
    tags=["news"],
    summary="Write a draft (agency staff of the region)",
)
def news_item_create(request: HttpRequest, payload: NewsItemIn):
    region = Region.objects.filter(code=payload.region).first()
    if region is None:
        raise field_error(["body", "region"], _("No region has this code."))
    item = services.item_create(
        by=request.auth,
        region=region,
        data=_fields(payload),
        categories=_categories(payload.categories),
    )
    return Status(201, item)


@router.write(
    "PATCH",
    "/news/items/{id}",
    {200: NewsItemOut},
    operation_id="news_item_update",
    tags=["news"],
    summary="Change a draft or an item in review (send If-Match with the version read)",
)
def news_item_update(
    request: HttpRequest,
    payload: NewsItemIn,
    id: int = Path(..., ge=1, le=MAX_ID),
    if_match: str | None = IF_MATCH,
):
    item = selectors.get_item_for_editor(request.auth, id)
    version = if_match.strip().removeprefix("W/").strip('"') if if_match else None
    return services.item_update(
        item=item,
        by=request.auth,
        data=_fields(payload),
        categories=_categories(payload.categories),
        version=version,
    )


@router.write(
    "POST",
    "/news/items/{id}/move",
    {200: NewsItemOut},
    operation_id="news_item_move",
    tags=["news"],
    summary="Send to review, publish now, schedule, return to draft or archive",
)
def news_item_move(request: HttpRequest, payload: NewsMoveIn, id: int = Path(..., ge=1, le=MAX_ID)):
    item = selectors.get_item_for_editor(request.auth, id)
    return services.item_move(
        item=item, by=request.auth, target=payload.target.value, publish_at=payload.publish_at
    )


@router.read(
    "/news/feeds",
    list[NewsFeedOut],
    operation_id="news_feed_list",
    tags=["news"],
    summary="The RSS and Atom feeds, per language and per kind",
)
def news_feed_list(request: HttpRequest):
    feeds = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for kind in ["", *KIND_SLUGS]:
                suffix = f"-{KIND_SLUGS[kind]}" if kind else ""
                feeds.append(
                    NewsFeedOut(
                        language=language,
                        kind=kind or "all",
                        rss=reverse(f"news:feed-rss{suffix}"),
                        atom=reverse(f"news:feed-atom{suffix}"),
                    )
                )
    return feeds


@router.read(
    "/news/categories",
    list[NewsCategoryOut],
    operation_id="news_category_list",
    tags=["news"],
    summary="The categories readers filter by and subscribe to",
)
def news_category_list(request: HttpRequest):
    return list(selectors.categories())


class NewsSubscriptionOut(Schema):
    kinds: list[str] = Field(description="Kinds in the digest; empty means every kind")
    categories: list[str] = Field(description="Category codes; empty means every category")
    active: bool
    sent_through: datetime.datetime = Field(description="Items published until then were sent")

    @staticmethod
    def resolve_categories(obj: Subscription) -> list[str]:
        return [c.code for c in obj.categories.all()]


class NewsSubscriptionIn(Schema):
    kinds: list[NewsKind] = Field(default_factory=list)  # type: ignore[valid-type]
    categories: list[str] = Field(default_factory=list, description="Category codes")
    active: bool = True


@router.read(
    "/news/subscription",
    NewsSubscriptionOut,
    operation_id="news_subscription_detail",
    tags=["news"],
    summary="Your daily e-mail digest's kinds and categories (signed-in members)",
)
def news_subscription_detail(request: HttpRequest):
    require(permissions.can_subscribe(request.auth))
    subscription = Subscription.objects.filter(user=request.auth).first()
    if subscription is None:
        raise Http404(_("You have no digest subscription yet."))
    return subscription


@router.write(
    "PUT",
    "/news/subscription",
    {200: NewsSubscriptionOut},
    operation_id="news_subscription_save",
    tags=["news"],
    summary="Choose the kinds and categories of your daily e-mail digest",
)
def news_subscription_save(request: HttpRequest, payload: NewsSubscriptionIn):
    return services.subscription_save(
        by=request.auth,
        kinds=[k.value for k in payload.kinds],
        categories=_categories(payload.categories),
        active=payload.active,
    )
