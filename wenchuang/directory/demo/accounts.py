"""Demo organisations and accounts: the seeds' agencies and one login per role."""

from __future__ import annotations

from wenchuang.accounts import roles
from wenchuang.accounts.models import Organisation, Role, User
from wenchuang.accounts.services import affiliation_add, user_create

from ..models import Enterprise
from . import words as W
from .compose import DEMO_DOMAIN

DEMO_PASSWORD = "demo1234"


class AccountSteps:
    """DemoGenerator's organisations and the logins it creates for them."""

    def create_organisations(self) -> None:
        for key, kind, zh, en, fr, de, region in W.ORGANISATIONS:
            self.organisations[key] = Organisation.objects.create(
                kind=kind, name_zh_hans=zh, name_en=en, name_fr=fr, name_de=de, region_id=region
            )

    def _enterprise_org(self, e: Enterprise) -> Organisation:
        org = Organisation.objects.create(
            kind="enterprise",
            name_zh_hans=e.name_zh_hans,
            name_en=e.name_en,
            region_id=e.region_id,
        )
        Enterprise.objects.filter(pk=e.pk).update(organisation=org)
        return org

    def create_users(self) -> list[dict[str, str]]:
        orgs = self.organisations
        rep_org = None
        if "lingdong" in self.seed_enterprises:
            rep_org = self._enterprise_org(self.seed_enterprises["lingdong"])
        specs = [
            ("staff_national", Role.CENTRE_STAFF, orgs["national"], "000000"),
            ("staff_beijing", Role.CENTRE_STAFF, orgs["beijing"], "110000"),
            ("staff_wuxi", Role.CENTRE_STAFF, orgs["wuxi"], "320200"),
            ("staff_dalian", Role.CENTRE_STAFF, orgs["dalian"], "210200"),
            ("official_binhu", Role.DISTRICT_OFFICIAL, orgs["binhu"], "320211"),
            ("manager_wuxi_studios", Role.PARK_MANAGER, orgs["wuxi_studios"], None),
            ("rep_lingdong", Role.ENTERPRISE_REP, rep_org, None),
            ("investor_demo", Role.INVESTOR, orgs.get("investor"), None),
            ("expert_demo", Role.EXPERT_REVIEWER, orgs["experts"], None),
            ("assessor_demo", Role.ASSESSOR, orgs["experts"], None),
            ("provider_demo", Role.SERVICE_PROVIDER, orgs.get("provider"), None),
            ("member_weifang", Role.ASSOCIATION_MEMBER, orgs.get("member"), None),
            ("visitor", Role.PUBLIC, None, None),
        ]
        users = {}
        for username, role, org, jurisdiction in specs:
            users[username] = user_create(
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                organisation=org,
                jurisdiction_code=jurisdiction,
                email=f"{username}@demo{DEMO_DOMAIN}",
            )
        # People hold several roles: the expert reviewer also represents a Weifang member
        # enterprise (decision 0014).
        if orgs.get("member"):
            affiliation_add(
                user=users["expert_demo"], role=Role.ENTERPRISE_REP, organisation=orgs["member"]
            )
        return existing_logins()


def login_row(username: str, role: str, org, jurisdiction: str | None) -> dict[str, str]:
    """One line of the demo's login table; `role` is a Role value or the labels already."""
    return {
        "username": username,
        "password": DEMO_PASSWORD,
        "role": str(Role(role).label) if role in Role.values else role,
        "organisation": str(org) if org else "",
        "jurisdiction": jurisdiction or "",
    }


def existing_logins() -> list[dict[str, str]]:
    users = (
        User.objects.filter(email__endswith=f"@demo{DEMO_DOMAIN}")
        .select_related("organisation")
        .order_by("id")
    )
    return [
        login_row(u.username, roles.role_labels(u), u.organisation, u.jurisdiction_id)
        for u in users
    ]
