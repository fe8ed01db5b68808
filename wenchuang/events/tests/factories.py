"""Factories for events (the Wuxi cloud conference shape), registrations and 1:1 meetings."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from wenchuang.accounts.tests.factories import OrganisationFactory, UserFactory
from wenchuang.events.models import (
    Availability,
    Booth,
    Event,
    EventSession,
    Exhibitor,
    FieldVisit,
    FieldVisitStop,
    Meeting,
    MeetingPreference,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Registration,
)

WUXI = "320200"
# An upcoming Wuxi cloud conference opens at 09:00 Shanghai time (01:00 UTC).
OPENS = dt.datetime(2027, 4, 20, 1, 0, tzinfo=dt.UTC)


class EventFactory(DjangoModelFactory):
    """An open online conference of the Wuxi centre with 1:1 meetings; traits per shape."""

    class Meta:
        model = Event

    title_zh_hans = factory.Sequence(lambda n: f"无锡文化产业云招商大会（第{n}届）")
    title_en = factory.Sequence(lambda n: f"Wuxi Cultural Industry Cloud Conference No. {n}")
    summary_zh_hans = "境外投资机构与本地文化企业在线交流洽谈、签约。"
    summary_en = "Foreign investors and local cultural firms meet online and sign deals."
    kind = Event.Kind.PROMOTION
    format = Event.Format.ONLINE
    time_zone = "Asia/Shanghai"
    starts_at = OPENS
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + dt.timedelta(hours=9))
    region_id = WUXI
    province_code = "320000"
    prefecture_code = WUXI
    organiser = factory.SubFactory(OrganisationFactory, agency=True)
    status = Event.Status.OPEN
    meetings = True

    class Params:
        draft = factory.Trait(status=Event.Status.DRAFT)
        on_site = factory.Trait(
            format=Event.Format.ON_SITE,
            kind=Event.Kind.CONFERENCE,
            venue="大连国际会议中心",
            region_id="210200",
            province_code="210000",
            prefecture_code="210200",
        )
        exhibition = factory.Trait(
            kind=Event.Kind.EXHIBITION,
            format=Event.Format.ON_SITE,
            venue="潍坊鲁台会展中心",
            meetings=False,
        )


class EventSessionFactory(DjangoModelFactory):
    class Meta:
        model = EventSession

    event = factory.SubFactory(EventFactory)
    title_zh_hans = "项目推介会"
    title_en = "Project promotion"
    starts_at = factory.LazyAttribute(lambda s: s.event.starts_at)
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=2))


class RegistrationFactory(DjangoModelFactory):
    """An approved local project owner (an enterprise representative) at the event."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory, enterprise_rep=True)
    organisation = factory.LazyAttribute(lambda r: r.user.organisation)
    role = Registration.Role.PROJECT_OWNER
    display_name = factory.LazyAttribute(lambda r: str(r.organisation or r.user.username))
    country = "CN"
    languages = factory.LazyFunction(lambda: ["zh", "en"])
    time_zone = "Asia/Shanghai"
    status = Registration.Status.APPROVED

    class Params:
        pending = factory.Trait(status=Registration.Status.PENDING)
        foreign_investor = factory.Trait(
            role=Registration.Role.INVESTOR,
            user=factory.SubFactory(UserFactory, investor=True),
            country="DE",
            languages=["de", "en"],
            time_zone="Europe/Berlin",
        )


class MeetingSlotFactory(DjangoModelFactory):
    """Half-hour online slots from the event's opening, one after another."""

    class Meta:
        model = MeetingSlot

    event = factory.SubFactory(EventFactory)
    starts_at = factory.Sequence(lambda n: OPENS + dt.timedelta(minutes=30 * n))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(minutes=30))
    online = True


class MeetingTableFactory(DjangoModelFactory):
    class Meta:
        model = MeetingTable

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Room {n + 1}")
    kind = MeetingTable.Kind.ONLINE
    online_link = factory.Sequence(lambda n: f"https://meet.example.org/wuxi-{n + 1}")


class AvailabilityFactory(DjangoModelFactory):
    class Meta:
        model = Availability

    registration = factory.SubFactory(RegistrationFactory)
    slot = factory.SubFactory(
        MeetingSlotFactory, event=factory.SelfAttribute("..registration.event")
    )


class MeetingPreferenceFactory(DjangoModelFactory):
    class Meta:
        model = MeetingPreference

    registration = factory.SubFactory(RegistrationFactory, foreign_investor=True)
    other = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..registration.event")
    )
    level = MeetingPreference.Level.MUST


class MeetingRequestFactory(DjangoModelFactory):
    """A foreign investor asks a local project owner; trait `accepted`."""

    class Meta:
        model = MeetingRequest

    event = factory.SubFactory(EventFactory)
    requester = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..event"), foreign_investor=True
    )
    recipient = factory.SubFactory(RegistrationFactory, event=factory.SelfAttribute("..event"))
    message = "We invest in VR for museums and would like to hear about your project."

    class Params:
        accepted = factory.Trait(status=MeetingRequest.Status.ACCEPTED)
        must = factory.Trait(must_meet=True)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    request = factory.SubFactory(MeetingRequestFactory, accepted=True)
    event = factory.LazyAttribute(lambda m: m.request.event)
    slot = factory.SubFactory(MeetingSlotFactory, event=factory.SelfAttribute("..event"))
    table = factory.SubFactory(MeetingTableFactory, event=factory.SelfAttribute("..event"))


class ExhibitorFactory(DjangoModelFactory):
    class Meta:
        model = Exhibitor

    event = factory.SubFactory(EventFactory, exhibition=True)
    name_zh_hans = factory.Sequence(lambda n: f"潍坊第{n}风筝工艺有限公司")
    name_en = factory.Sequence(lambda n: f"Weifang No. {n} Kite Crafts Co., Ltd.")
    products = "Hand-painted silk kites, woodblock New Year prints"
    sells = True


class BoothFactory(DjangoModelFactory):
    class Meta:
        model = Booth

    event = factory.SubFactory(EventFactory, exhibition=True)
    hall = "A"
    code = factory.Sequence(lambda n: f"A{n + 1:02d}")


class FieldVisitFactory(DjangoModelFactory):
    """A field visit of the Dalian conference to an old industrial building turned park."""

    class Meta:
        model = FieldVisit

    event = factory.SubFactory(EventFactory, on_site=True)
    title_zh_hans = "老工业建筑改造园区实地考察"
    title_en = "Field visit: reconstructed industrial buildings"
    starts_at = factory.LazyAttribute(lambda v: v.event.starts_at + dt.timedelta(hours=6))
    ends_at = factory.LazyAttribute(lambda v: v.starts_at + dt.timedelta(hours=3))
    meeting_point = "会议中心北门"
    capacity = 70


class FieldVisitStopFactory(DjangoModelFactory):
    class Meta:
        model = FieldVisitStop

    visit = factory.SubFactory(FieldVisitFactory)
    order = factory.Sequence(lambda n: n + 1)
    site = "华录文化产业园"
