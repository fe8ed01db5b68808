"""Factories for organisations, users (a trait per role), their affiliations and API tokens."""

import factory
from factory.django import DjangoModelFactory

from wenchuang.accounts.models import Affiliation, ApiToken, Organisation, Role, User
from wenchuang.accounts.services import affiliation_add, user_create

PASSWORD = "pw-for-tests"
WUXI = "320200"
WUXI_BINHU = "320211"

Kind = Organisation.Kind


class OrganisationFactory(DjangoModelFactory):
    """An enterprise in Binhu, Wuxi, named as registered companies are; a trait per kind."""

    class Meta:
        model = Organisation

    kind = Kind.ENTERPRISE
    name_zh_hans = factory.Sequence(lambda n: f"无锡第{n}文化传媒有限公司")
    name_en = factory.Sequence(lambda n: f"Wuxi No. {n} Culture Media Co., Ltd.")
    region_id = WUXI_BINHU

    class Params:
        agency = factory.Trait(
            kind=Kind.AGENCY,
            name_zh_hans="无锡市文化产业促进中心",
            name_en="Wuxi Cultural Industry Promotion Center",
            region_id=WUXI,
        )
        district = factory.Trait(
            kind=Kind.DISTRICT, name_zh_hans="滨湖区人民政府", name_en="Binhu District Government"
        )
        association = factory.Trait(
            kind=Kind.ASSOCIATION,
            name_zh_hans="无锡市文化产业协会",
            name_en="Wuxi Cultural Industry Association",
            region_id=WUXI,
        )
        park_operator = factory.Trait(
            kind=Kind.PARK_OPERATOR,
            name_zh_hans=factory.Sequence(lambda n: f"无锡第{n}文化产业园运营有限公司"),
            name_en=factory.Sequence(lambda n: f"Wuxi No. {n} Culture Park Operations Ltd."),
        )
        investor = factory.Trait(
            kind=Kind.INVESTOR,
            name_zh_hans=factory.Sequence(lambda n: f"无锡第{n}文化产业投资基金"),
            name_en=factory.Sequence(lambda n: f"Wuxi No. {n} Cultural Industry Fund"),
            region_id=WUXI,
        )
        institution = factory.Trait(
            kind=Kind.INSTITUTION,
            name_zh_hans=factory.Sequence(lambda n: f"无锡第{n}产业评估咨询有限公司"),
            name_en=factory.Sequence(lambda n: f"Wuxi No. {n} Industry Assessment Consultancy"),
            region_id=WUXI,
        )
        service_provider = factory.Trait(
            kind=Kind.SERVICE_PROVIDER,
            name_zh_hans=factory.Sequence(lambda n: f"无锡第{n}律师事务所"),
            name_en=factory.Sequence(lambda n: f"Wuxi No. {n} Law Firm"),
            region_id=WUXI,
        )


# Each role's organisation (a kind of OrganisationFactory trait) and jurisdiction, as the
# role traits of users and affiliations give them.
ROLE_PLACES = {
    Role.CENTRE_STAFF: ({"agency": True}, WUXI),
    Role.DISTRICT_OFFICIAL: ({"district": True}, WUXI_BINHU),
    Role.PARK_MANAGER: ({"park_operator": True}, None),
    Role.ENTERPRISE_REP: ({}, None),
    Role.INVESTOR: ({"investor": True}, None),
    Role.EXPERT_REVIEWER: (None, None),
    Role.SERVICE_PROVIDER: ({"service_provider": True}, None),
    Role.ASSOCIATION_MEMBER: ({}, None),  # a member enterprise's person
    Role.ASSESSOR: ({"institution": True}, None),
}


def role_traits() -> dict[str, factory.Trait]:
    """A trait per role (named by its value) setting the role, organisation and jurisdiction."""
    traits = {}
    for role, (kind, jurisdiction) in ROLE_PLACES.items():
        values: dict = {"role": role}
        if kind is not None:
            values["organisation"] = factory.SubFactory(OrganisationFactory, **kind)
        if jurisdiction is not None:
            values["jurisdiction_code"] = jurisdiction
        traits[role.value] = factory.Trait(**values)
    return traits


class UserFactory(DjangoModelFactory):
    """A user made by the accounts service, as the site makes them; a trait per role.

    `UserFactory(centre_staff=True)` is Wuxi staff; `UserFactory(centre_staff=True,
    jurisdiction_code="210200")` staff elsewhere. The password is PASSWORD.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = PASSWORD
    role = Role.PUBLIC
    organisation = None
    jurisdiction_code = None
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")

    # A trait per role: centre_staff=True, enterprise_rep=True, …
    Params = type("Params", (), role_traits())

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the service, so that whatever it adds to a new user (validation, and
        # whatever later versions attach to a user) happens here too.
        extra = {k: kwargs.pop(k) for k in list(kwargs) if k not in USER_CREATE_ARGS}
        user = user_create(**kwargs)
        if extra:
            for name, value in extra.items():
                setattr(user, name, value)
            user.save(update_fields=list(extra))
        return user


USER_CREATE_ARGS = {"username", "password", "role", "organisation", "jurisdiction_code", "email"}


class AffiliationFactory(DjangoModelFactory):
    """A further role for a user, made by the accounts service; a trait per common second role.

    `AffiliationFactory(user=expert, enterprise_rep=True)` makes an expert reviewer who also
    represents a new enterprise; `AffiliationFactory(user=u, centre_staff=True)` Wuxi staff.
    The traits are the users' (`role_traits`).
    """

    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    role = Role.EXPERT_REVIEWER
    organisation = None
    jurisdiction_code = None

    # A trait per role: centre_staff=True, enterprise_rep=True, …
    Params = type("Params", (), role_traits())

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return affiliation_add(**kwargs)


class ApiTokenFactory(DjangoModelFactory):
    """A token; the plain key is on the instance as `.key`, as only its creator ever sees it."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory, centre_staff=True)
    name = factory.Sequence(lambda n: f"statistics export {n}")
    key = factory.LazyFunction(ApiToken.new_key)
    key_hash = factory.LazyAttribute(lambda t: ApiToken.hash_key(t.key))
    prefix = factory.LazyAttribute(lambda t: t.key[3:11])
    revoked = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        key = kwargs.pop("key", None)
        token = super()._create(model_class, *args, **kwargs)
        token.key = key
        return token
