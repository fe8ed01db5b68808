"""Fill the English catalogue from the message ids: the source strings are English already.

Run by `make messages` after makemessages, so the English catalogue is complete like the others.
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = (
    Path(__file__).resolve().parent.parent
    / "wenchuang"
    / "locale"
    / "en"
    / "LC_MESSAGES"
    / "django.po"
)


def main() -> int:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="en")
    # makemessages leaves "Language:" empty, which drops the plural rule msgfmt --check wants.
    catalog.locale = "en"
    catalog.fuzzy = False
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(message.id)
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
    with PO.open("wb") as fh:
        write_po(fh, catalog, omit_header=False, width=100, no_location=True)
    print(f"{PO}: {len(catalog)} messages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
