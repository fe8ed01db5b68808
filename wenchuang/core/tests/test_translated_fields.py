"""One declaration of a translated field: its columns, labels, reading and migrations."""

import inspect
import io

import pytest
from django.core.management import call_command
from django.utils import translation

from wenchuang.accounts.models import Organisation
from wenchuang.core.translated import TranslatedField, TranslatedText
from wenchuang.directory.models import Enterprise, Park
from wenchuang.reference.models import Currency, IndustryCategory, Region


@pytest.mark.parametrize(
    "model", [Enterprise, Park, Region, IndustryCategory, Currency, Organisation]
)
def test_a_declared_field_has_a_column_per_language_and_a_reader(model):
    columns = {f.name for f in model._meta.get_fields()}
    assert {"name_zh_hans", "name_en", "name_fr", "name_de"} <= columns
    assert isinstance(inspect.getattr_static(model, "name"), TranslatedText)


def test_labels_read_in_the_readers_language():
    field = Enterprise._meta.get_field("description_fr")
    with translation.override("en"):
        assert str(field.verbose_name) == "description (French)"
    with translation.override("de"):
        assert str(field.verbose_name) == "Beschreibung (Französisch)"
    with translation.override("zh-hans"):
        assert str(Enterprise._meta.get_field("name_zh_hans").verbose_name) == "名称（中文）"


def test_per_language_options_apply_to_their_column_only():
    assert Region._meta.get_field("name_zh_hans").max_length == 64
    assert not Region._meta.get_field("name_zh_hans").blank
    assert Region._meta.get_field("name_fr").max_length == 128
    assert Region._meta.get_field("name_fr").blank
    assert not Currency._meta.get_field("name_en").blank


@pytest.mark.django_db
def test_reading_follows_the_readers_chain():
    park = Park(name_zh_hans="无锡国家数字电影产业园", name_en="Wuxi Studios")
    with translation.override("fr"):
        assert park.name == "Wuxi Studios"
    with translation.override("zh-hans"):
        assert park.name == "无锡国家数字电影产业园"
    park.name_fr = "Studios de Wuxi"
    with translation.override("fr"):
        assert park.name == "Studios de Wuxi"
    with translation.override("de"):
        assert park.name == "Wuxi Studios"


def test_columns_for_a_new_field():
    from django.db import models

    columns = TranslatedField(models.TextField, "summary", blank=True).columns("summary")
    assert list(columns) == ["summary_zh_hans", "summary_en", "summary_fr", "summary_de"]


@pytest.mark.django_db
def test_the_declarations_match_the_migrations():
    # Moving the directory onto TranslatedField changed no column: no migration is missing.
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
