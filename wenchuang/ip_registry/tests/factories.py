"""Factories for registered works (through the registration service, so each is in the log)."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from wenchuang.accounts.tests.factories import UserFactory
from wenchuang.ip_registry import artwork, services
from wenchuang.ip_registry.models import Work

TITLES = ["太湖晨曦", "惠山泥人新图", "Grand Canal at Dusk", "运河人家", "Porcelain Study No. 3"]


class WorkFactory(DjangoModelFactory):
    """A picture registered by a creator: stored, hashed and appended to the log.

    `WorkFactory(seed=7)` registers the generated picture number 7 (artwork.picture);
    `WorkFactory(data=b"...")` registers those bytes; `kind="text"` with a PDF for others.
    """

    class Meta:
        model = Work

    title = factory.Sequence(lambda n: f"{TITLES[n % len(TITLES)]} {n}")
    language = "zh-hans"
    kind = Work.Kind.IMAGE
    authors = "王小明\nLi Hua"
    created_on = datetime.date(2026, 3, 14)
    description = ""
    owner = factory.SubFactory(UserFactory)
    organisation = None
    seed = factory.Sequence(lambda n: 10_000 + n)
    data = None

    @classmethod
    def _create(cls, model_class, *args, seed, data, **kwargs):
        content = data if data is not None else artwork.picture_bytes(seed)
        upload = SimpleUploadedFile(f"work-{seed}.png", content)
        registration = services.work_register(by=kwargs.pop("owner"), upload=upload, **kwargs)
        return registration.work
