"""Demo works: generated pictures registered through the service, and a copy that is flagged.

The enterprise representative registers pictures and a design for the enterprise; a visitor
registers a work of their own and, later, a mirrored and recompressed copy of the
enterprise's first picture, which the registry shows as a likely copy. Deterministic.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from wenchuang.accounts.models import User
from wenchuang.core.files import files_of
from wenchuang.core.models import StoredFile
from wenchuang.directory.demo import DEMO_DOMAIN

from . import artwork, services
from .models import LogEntry, TreeHead, Work, WorkImageHash

# (seed, title, language, kind, authors, created on, registered for the organisation)
D = datetime.date
IMAGE, DESIGN = Work.Kind.IMAGE, Work.Kind.DESIGN
WORKS = [
    (101, "太湖晨曦", "zh-hans", IMAGE, "王小明", D(2025, 4, 12), True),
    (102, "惠山泥人新图", "zh-hans", IMAGE, "王小明\n李华", D(2025, 8, 3), True),
    (103, "Grand Canal lantern pattern", "en", DESIGN, "Li Hua", D(2026, 1, 9), True),
    (104, "Porcelain study no. 3", "en", IMAGE, "Chen Jing", D(2026, 2, 20), False),
    (105, "运河人家", "zh-hans", IMAGE, "赵敏", D(2026, 5, 1), False),
]


def _register(user, seed, title, language, kind, authors, created_on, organisation, data=None):
    content = data if data is not None else artwork.picture_bytes(seed)
    upload = SimpleUploadedFile(f"{seed}.png", content)
    return services.work_register(
        by=user,
        title=title,
        language=language,
        kind=kind,
        authors=authors,
        created_on=created_on,
        upload=upload,
        organisation=organisation,
    )


@transaction.atomic
def create_demo(generator: object = None) -> dict[str, int]:
    rep = User.objects.filter(username="rep_lingdong").first()
    visitor = User.objects.filter(username="visitor").first()
    if rep is None or visitor is None:
        return {}
    made = 0
    for seed, title, language, kind, authors, created_on, for_org in WORKS:
        owner = rep if for_org else visitor
        organisation = rep.organisation if for_org else None
        _register(owner, seed, title, language, kind, authors, created_on, organisation)
        made += 1
    # Someone else's edited copy of the enterprise's first picture: mirrored, JPEG 60.
    copy = artwork.encode(artwork.mirrored(artwork.picture(101)), "JPEG", quality=60)
    flagged = _register(
        visitor, 0, "湖上日出", "zh-hans", Work.Kind.IMAGE, "佚名", datetime.date(2026, 6, 1),
        None, data=copy,
    )  # fmt: skip
    made += 1
    return {
        "registered works": made,
        "likely copies flagged": len(flagged.similar),
        "signed tree heads": TreeHead.objects.count(),
    }


def wipe_demo() -> None:
    """Delete the demo's works; the log too when it holds nothing but demo registrations."""
    demo = Work.objects.filter(owner__email__endswith=DEMO_DOMAIN)
    if Work.objects.exclude(pk__in=demo).exists():
        return  # real registrations share the log: it is append-only, keep everything
    files = [
        pk for work in Work.objects.all() for pk in files_of(work).values_list("pk", flat=True)
    ]
    WorkImageHash.objects.all().delete()
    LogEntry.objects.all().delete()
    TreeHead.objects.all().delete()
    Work.objects.all().delete()
    StoredFile.objects.filter(pk__in=files).delete()
