"""The "Hello domain" of docs/developing.md, run: a new domain built from the core pieces.

The code between the two `# --- hello domain` markers is quoted verbatim in developing.md
(`test_the_guide_quotes_this_example` keeps them equal). Its model lives under an app label
that is not installed, so it needs no migration and makemigrations never sees it; the tests
create its table once per test database.
"""

from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection, models, transaction
from django.http import HttpRequest
from django.test import override_settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Query

from wenchuang.core.api import DomainRouter, WenchuangAPI
from wenchuang.core.api_pages import PageQuery, Row
from wenchuang.core.models import AuditEvent, Notification
from wenchuang.core.notifications import notify
from wenchuang.core.regions import jurisdiction_scope, place
from wenchuang.core.transitions import Conflict, Move, Workflow, transition
from wenchuang.core.translated import TranslatedField
from wenchuang.directory.models import PublicationStatus
from wenchuang.directory.permissions import can_validate
from wenchuang.reference.models import Region

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "developing.md"

# --- hello domain: begin


class Exhibition(models.Model):
    """An exhibition a centre announces; staff of its region publish it."""

    name = TranslatedField(models.CharField, _("name"), max_length=200, blank=True)
    # Placement columns, filled by core.regions.place(); jurisdiction_scope reads them.
    region = models.ForeignKey("reference.Region", models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=6)
    prefecture_code = models.CharField(max_length=6, blank=True)
    status = models.CharField(max_length=16, choices=PublicationStatus, default="pending")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "hello"  # a real domain is an installed app with its migration

    def __str__(self) -> str:
        return self.name


def may_publish(user, exhibition):
    return can_validate(user, exhibition.region_id)  # a Decision, with the reason if not


PUBLICATION = Workflow(
    states=PublicationStatus,
    moves=[Move("pending", "published", "approve", _("publish"), may=may_publish)],
)


@transaction.atomic
def exhibition_publish(*, exhibition: Exhibition, by, organisers) -> None:
    """Publish (permission checked by the table) and tell the organisers after commit."""
    transition(exhibition, PUBLICATION, "published", by=by, expected="pending")
    notify("exhibition_published", organisers, {"exhibition": exhibition})


def exhibitions_for(user):
    """Published exhibitions, and the pending ones of the user's jurisdiction."""
    mine = jurisdiction_scope(user, Exhibition.objects.all())
    return (Exhibition.objects.filter(status="published") | mine).order_by("id")


router = DomainRouter()


class ExhibitionOut(Row):
    id: int
    name: str
    status: str


@router.listing("/exhibitions", ExhibitionOut, tags=["hello"], operation_id="exhibition_list")
def exhibition_list(request: HttpRequest, query: Query[PageQuery]):
    return exhibitions_for(request.auth)


# --- hello domain: end

# The test URLconf: the router mounted as wenchuang/api.py mounts the domains' routers.
api = WenchuangAPI(urls_namespace="hello-api", title="Hello domain", version="test")
api.add_router("/v1/", router)
urlpatterns = [path("api/", api.urls)]

# The mail a domain would keep in its app's templates/notifications/<event>/.
NOTIFICATION_TEMPLATES = {
    "notifications/exhibition_published/subject.txt": "{{ exhibition.name }}\n",
    "notifications/exhibition_published/body.txt": "{{ exhibition.name }}: {{ recipient }}\n",
}


@pytest.fixture(scope="session")
def exhibition_table(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if Exhibition._meta.db_table not in connection.introspection.table_names():
            with connection.schema_editor() as editor:
                editor.create_model(Exhibition)


@pytest.fixture
def exhibitions(exhibition_table, reference_data, db):
    """A pending exhibition in Wuxi's Binhu district and one in Dalian."""

    def announce(code: str, **names: str) -> Exhibition:
        exhibition = Exhibition(**names)
        place(exhibition, Region.objects.get(code=code))
        exhibition.save()
        return exhibition

    return {
        "wuxi": announce(
            "320211",
            name_zh_hans="无锡数字动漫作品展",
            name_en="Wuxi Digital Animation Exhibition",
        ),
        "dalian": announce("210202", name_zh_hans="大连海洋文化展"),
    }


@pytest.fixture
def mail_templates():
    locmem = ("django.template.loaders.locmem.Loader", NOTIFICATION_TEMPLATES)
    engine = {"BACKEND": "django.template.backends.django.DjangoTemplates"}
    with override_settings(TEMPLATES=[{**engine, "OPTIONS": {"loaders": [locmem]}}]):
        yield


def snippet_in_guide() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("\n## Hello domain\n", 1)[1]
    return section.split("```python\n", 1)[1].split("\n```\n", 1)[0]


def snippet_in_this_file() -> str:
    text = Path(__file__).read_text(encoding="utf-8")
    code = text.split("# --- hello domain: begin\n", 1)[1].split("# --- hello domain: end", 1)[0]
    return code.strip("\n")


def test_the_guide_quotes_this_example():
    assert snippet_in_guide() == snippet_in_this_file()


def test_the_name_is_stored_per_language_and_read_along_the_chain(exhibitions):
    columns = {f.name for f in Exhibition._meta.concrete_fields}
    assert {"name_zh_hans", "name_en", "name_fr", "name_de"} <= columns
    wuxi, dalian = exhibitions["wuxi"], exhibitions["dalian"]
    with translation.override("fr"):
        assert wuxi.name == "Wuxi Digital Animation Exhibition"  # fr → en
        assert dalian.name == "大连海洋文化展"  # fr → en → zh-hans
    assert (wuxi.province_code, wuxi.prefecture_code) == ("320000", "320200")


def test_staff_publish_once_audited_and_the_organisers_are_told_in_their_language(
    exhibitions, cast, mail_templates, django_capture_on_commit_callbacks
):
    wuxi = exhibitions["wuxi"]
    organiser = cast["rep"]
    organiser.language = "fr"
    organiser.save()
    with django_capture_on_commit_callbacks(execute=True):
        exhibition_publish(exhibition=wuxi, by=cast["wuxi_staff"], organisers=[organiser])
    wuxi.refresh_from_db()
    assert wuxi.status == "published"
    event = AuditEvent.objects.get(record_type="hello.exhibition", record_id=str(wuxi.pk))
    assert (event.action, event.actor, event.prefecture_code) == (
        "approve",
        cast["wuxi_staff"],
        "320200",
    )
    notification = Notification.objects.get(recipient=organiser)
    assert notification.subject == "Wuxi Digital Animation Exhibition"  # French reader → en
    assert [m.to for m in mail.outbox] == [[organiser.email]]

    # A second click on a stale page: refused, naming who published it; nothing new sent.
    stale = Exhibition.objects.get(pk=wuxi.pk)
    stale.status = "pending"
    with pytest.raises(Conflict, match="wuxi_staff"):
        exhibition_publish(exhibition=stale, by=cast["jiangsu_staff"], organisers=[organiser])
    assert Notification.objects.filter(recipient=organiser).count() == 1


def test_staff_outside_the_region_may_not_publish(exhibitions, cast, mail_templates):
    dalian = exhibitions["dalian"]
    with pytest.raises(PermissionDenied):
        exhibition_publish(exhibition=dalian, by=cast["wuxi_staff"], organisers=[cast["rep"]])
    dalian.refresh_from_db()
    assert dalian.status == "pending"
    assert not Notification.objects.exists()


def test_each_reader_sees_published_exhibitions_and_staff_their_pending_ones(exhibitions, cast):
    wuxi, dalian = exhibitions["wuxi"], exhibitions["dalian"]
    Exhibition.objects.filter(pk=dalian.pk).update(status="published")
    assert list(exhibitions_for(cast["wuxi_staff"])) == [wuxi, dalian]
    assert list(exhibitions_for(cast["dalian_staff"])) == [dalian]
    assert list(exhibitions_for(cast["rep"])) == [dalian]


@pytest.mark.urls(__name__)
def test_the_api_lists_what_the_asker_may_see_in_their_language(exhibitions, cast, client):
    Exhibition.objects.filter(pk=exhibitions["dalian"].pk).update(status="published")
    visitor = client.get("/api/v1/exhibitions", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert visitor["count"] == 1
    assert visitor["results"][0]["name"] == "大连海洋文化展"

    client.force_login(cast["wuxi_staff"])
    staff = client.get("/api/v1/exhibitions?page_size=1", HTTP_ACCEPT_LANGUAGE="de").json()
    assert staff["count"] == 2
    assert staff["results"] == [
        {
            "id": exhibitions["wuxi"].pk,
            "name": "Wuxi Digital Animation Exhibition",
            "status": "pending",
        }
    ]
