"""Shared fixtures for the directory tests: who imports, files to import."""

import csv
import io
from pathlib import Path

import pytest

from wenchuang.directory.importing import credit_code_check_char

# A county of Weifang, its prefecture and province, and a small category (animation and games).
WEIFANG_KUIWEN = "370705"
CATEGORY = "0241"


def credit_code(n: int, region: str = WEIFANG_KUIWEN) -> str:
    """A well-formed unified social credit code, different for each n."""
    first17 = f"91{region}{n:09d}"
    return first17 + credit_code_check_char(first17)


@pytest.fixture
def staff(cast):
    # Shandong's office: the rows these tests import are in Weifang.
    return cast["shandong_staff"]


@pytest.fixture
def outsider(cast):
    return cast["rep"]


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def csv_bytes(rows: list[dict], *, encoding: str = "utf-8", columns=None) -> bytes:
    columns = columns or list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def enterprise_row(n: int, **changes) -> dict:
    row = {
        "name_zh_hans": f"潍坊第{n}文化传媒有限公司",
        "name_en": f"Weifang Culture Media No. {n}",
        "region_code": WEIFANG_KUIWEN,
        "category_code": CATEGORY,
        "credit_code": credit_code(n),
        "employees": "12",
        "annual_revenue": "3500000.00",
        "revenue_year": "2024",
    }
    row.update(changes)
    return row


@pytest.fixture
def write_file(tmp_path):
    def write(name: str, content: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content)
        return path

    return write
