"""The four interface catalogues are complete: a new message without translations fails here."""

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

LOCALES = ["zh_Hans", "en", "fr", "de"]
SOURCE = Path(settings.LOCALE_PATHS[0])


def untranslated(po: Path, locale: str) -> list[str]:
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=locale.replace("zh_Hans", "zh_Hans_CN"))
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


@pytest.mark.parametrize("locale", LOCALES)
def test_committed_catalogue_has_no_untranslated_or_fuzzy_message(locale):
    assert untranslated(SOURCE / locale / "LC_MESSAGES" / "django.po", locale) == []


def test_every_message_in_the_code_is_in_the_catalogues(tmp_path, settings, monkeypatch):
    # Extract the messages again from a copy of the code and catalogues (makemessages writes
    # into the locale folder it finds beside the code): any message the code has and a
    # catalogue lacks shows up there untranslated.
    code = tmp_path / "wenchuang"
    shutil.copytree(
        SOURCE.parent,
        code,
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "fixtures", "tests"),
    )
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = [code / "locale"]
    call_command(
        "makemessages",
        locale=LOCALES,
        no_location=True,
        ignore_patterns=["tests"],
        verbosity=0,
    )
    report = {
        locale: untranslated(code / "locale" / locale / "LC_MESSAGES" / "django.po", locale)
        for locale in LOCALES
        if locale != "en"
    }
    assert report == {locale: [] for locale in report}
