"""Demo consulting: certified providers of every scope, and requests at every stage.

Made through the services, as providers, staff and enterprises would make them, after the
directory's demo generator: the directory's providers flagged "certified" apply and are
certified (one then suspended, one close to expiry), two more wait for or were refused a
decision; the demo enterprise asks questions over the past months that are waiting,
accepted, answered, rated and closed, declined until no provider was left, and escalated.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wenchuang.accounts.models import Organisation, Role, User
from wenchuang.accounts.services import affiliation_add
from wenchuang.directory.demo import DEMO_DOMAIN
from wenchuang.directory.models import ServiceProvider

from . import services
from .models import Certification, ConsultingRequest, Message
from .services.certifications import sync_directory

# The directory's main service → the scopes its certification covers.
SCOPES = {
    "information": ["information"],
    "investment": ["investment", "information"],
    "legal": ["legal"],
    "ip": ["intermediary", "legal"],
    "training": ["technology", "information"],
}
STAFF_NAMES = "王律师（执业证号 13202201）\n李顾问（高级经济师）\n陈工程师（知识产权代理人）"
QUESTIONS = [
    (
        "legal",
        "合拍动画电影的著作权归属",
        "我公司拟与法国制片方合拍动画电影，合作协议中的著作权归属和海外发行收益分配条款应如何约定？",
    ),
    (
        "investment",
        "A轮融资估值与对赌条款",
        "投资方提出以2026年营业收入为对赌条件，我们应如何评估风险并争取更合理的估值调整机制？",
    ),
    (
        "information",
        "文化产业专项资金申报条件",
        "请问今年省级文化产业发展专项资金对数字创意企业的申报条件和材料要求有哪些变化？",
    ),
    (
        "intermediary",
        "寻找海外版权代理机构",
        "我们希望把原创IP形象授权到东南亚市场，能否推荐可靠的版权代理机构并协助洽谈？",
    ),
    (
        "technology",
        "动作捕捉设备选型",
        "计划建设小型动作捕捉棚，预算约200万元，光学与惯性方案各有什么优缺点？",
    ),
    (
        "legal",
        "员工竞业限制协议",
        "核心动画师离职后加入竞争对手，我们签订的竞业限制协议是否有效？如何主张违约金？",
    ),
]
ANSWER = (
    "根据您提供的情况，建议：一、在协议中明确约定权利归属；二、保留创作过程的证据；"
    "三、必要时申请版权登记。详细意见见附言。"
)


def _person_for(provider: ServiceProvider, i: int) -> User:
    """The provider's representative: the demo login for the first, a plain account else."""
    if provider.organisation_id is None:
        org = Organisation.objects.create(
            kind=Organisation.Kind.SERVICE_PROVIDER,
            name_zh_hans=provider.name_zh_hans,
            name_en=provider.name_en,
            region_id=provider.region_id,
        )
        ServiceProvider.objects.filter(pk=provider.pk).update(organisation=org)
        provider.organisation = org
    person = (
        User.objects.filter(
            affiliations__organisation_id=provider.organisation_id,
            affiliations__role=Role.SERVICE_PROVIDER,
        )
        .order_by("pk")
        .first()
    )
    if person is None:
        person = User.objects.create_user(
            username=f"provider_{i}", email=f"provider_{i}@people{DEMO_DOMAIN}"
        )
        affiliation_add(user=person, role=Role.SERVICE_PROVIDER, organisation=provider.organisation)
    return person


def _certify(providers, staff, rng) -> dict[int, User]:
    """Certify the directory's flagged providers; return each one's representative."""
    people: dict[int, User] = {}
    for i, provider in enumerate(providers):
        person = _person_for(provider, i)
        people[provider.pk] = person
        # One firm in three serves the whole country; the others their city or province.
        if i % 3 == 0:
            regions = ["000000"]
        elif i % 3 == 1:
            regions = [provider.prefecture_code or provider.province_code]
        else:
            regions = [provider.province_code]
        scopes = SCOPES.get(provider.service, ["information"])
        if i == 0:  # the demo login's firm answers legal and information questions anywhere
            scopes = ["legal", "information"]
        certification = services.certification_apply(
            provider=provider,
            by=person,
            scopes=scopes,
            regions_served=regions,
            staff_names=STAFF_NAMES,
            documents=[_licence(provider)],
        )
        if i == len(providers) - 1:  # the last one still waits for its decision
            continue
        if i == len(providers) - 2:
            services.certification_decide(
                certification=certification,
                target="refused",
                by=staff,
                reason="执业许可证复印件不清晰，请重新提交。",
            )
            continue
        valid_until = None
        if i == 4:  # expiring within the reminder window
            valid_until = timezone.localdate() + datetime.timedelta(days=rng.randint(20, 40))
        services.certification_decide(
            certification=certification, target="certified", by=staff, valid_until=valid_until
        )
        if i == 5:
            services.certification_decide(
                certification=certification,
                target="suspended",
                by=staff,
                reason="投诉核查期间暂停认定。",
            )
    return people


def _licence(provider):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = f"%PDF-1.4\n% business licence of {provider.name_en}\n%%EOF\n".encode()
    return SimpleUploadedFile("营业执照.pdf", text, content_type="application/pdf")


def _backdate(request: ConsultingRequest, filed, rng) -> None:
    """Spread the demo's history: what the services stamped now, hours after filing."""
    accepted = filed + datetime.timedelta(hours=rng.randint(2, 30))
    answered = accepted + datetime.timedelta(hours=rng.randint(4, 90))
    changes = {}
    if request.accepted_at:
        changes["accepted_at"] = accepted
    if request.answered_at:
        changes["answered_at"] = answered
    if request.rated_at:
        changes["rated_at"] = answered + datetime.timedelta(hours=20)
    if request.closed_at:
        changes["closed_at"] = answered + datetime.timedelta(hours=24)
    ConsultingRequest.objects.filter(pk=request.pk).update(**changes)
    for n, message in enumerate(request.messages.order_by("id")):
        at = accepted + datetime.timedelta(hours=n + 1)
        if message.is_answer:
            at = answered
        Message.objects.filter(pk=message.pk).update(created_at=at)


def _ask(rep, people, rng, i: int, stage: str, now, picked=None) -> ConsultingRequest:
    category, subject, question = QUESTIONS[i % len(QUESTIONS)]
    days_ago = {"waiting": 1, "escalated": 12}.get(stage, 20 + 25 * (i % 10))
    filed = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 20))
    request = services.request_file(
        by=rep,
        category=category,
        subject=subject,
        question=question,
        language="zh-hans",
        now=filed,
        provider=picked if category == "legal" else None,
    )
    if stage == "unassigned":
        while request.status == "waiting":
            request = services.request_decline(
                request=request, by=people[request.provider_id], reason="本所近期案件已满。"
            )
    if stage in ("waiting", "escalated", "unassigned") or request.provider_id is None:
        return request
    provider = people[request.provider_id]
    services.request_accept(request=request, by=provider)
    services.message_post(request=request, by=provider, text="请补充合同草案及双方出资比例。")
    services.message_post(request=request, by=rep, text="已补充，见附件说明：双方各出资50%。")
    if stage != "accepted":
        services.request_answer(request=request, by=provider, text=ANSWER)
    if stage in ("rated", "closed"):
        services.request_rate(
            request=request, by=rep, rating=rng.choice([3, 4, 4, 5, 5]), comment="答复及时、专业。"
        )
    if stage == "closed":
        services.request_close(request=request, by=rep)
    request.refresh_from_db()
    _backdate(request, filed, rng)
    return request


STAGES = ["closed"] * 8 + ["rated"] * 4 + ["answered"] * 3 + ["accepted"] * 3
STAGES += ["waiting", "waiting", "escalated", "unassigned"]
PICKED = (0, 12, 18)


@transaction.atomic
def create_demo(generator: object = None) -> dict[str, int]:
    """Certify the demo's providers and file its requests (nothing without the demo logins)."""
    staff = User.objects.filter(username="staff_national").first()
    rep = User.objects.filter(username="rep_lingdong").first()
    if staff is None or rep is None or rep.organisation_id is None:
        return {}
    rng = random.Random(getattr(generator, "seed", 2026))
    flagged = ServiceProvider.objects.filter(email__endswith=DEMO_DOMAIN, certified=True)
    providers = list(flagged.order_by("id")[:30])
    demo_firm = ServiceProvider.objects.filter(
        email__endswith=DEMO_DOMAIN, organisation__isnull=False
    ).first()
    if demo_firm is not None and demo_firm not in providers:
        providers.insert(0, demo_firm)
    elif demo_firm is not None:
        providers.remove(demo_firm)
        providers.insert(0, demo_firm)
    people = _certify(providers, staff, rng)
    for pk in ServiceProvider.objects.filter(certified=True).values_list("pk", flat=True):
        sync_directory(pk)
    now = timezone.now()
    # The enterprise picks the demo login's firm for some legal questions (one still waiting).
    made = [
        _ask(rep, people, rng, i, stage, now, picked=providers[0] if i in PICKED else None)
        for i, stage in enumerate(STAGES)
    ]
    services.requests_escalate(now)
    return {
        "certified providers": Certification.objects.filter(status="certified").count(),
        "consulting requests": len(made),
    }


def wipe_demo() -> None:
    """Delete the consulting records of demo providers and the accounts made for them."""
    providers = ServiceProvider.objects.filter(email__endswith=DEMO_DOMAIN)
    ConsultingRequest.objects.filter(
        Q(provider__in=providers) | Q(filed_by__email__endswith=DEMO_DOMAIN)
    ).delete()
    Certification.objects.filter(provider__in=providers).delete()
    User.objects.filter(email__endswith=f"@people{DEMO_DOMAIN}").delete()
