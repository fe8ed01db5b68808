"""The agreements signed at an event, for the event's report (events.signings' hook)."""

from __future__ import annotations

from typing import Any

from wenchuang.events.signings import Signing

from .models import Agreement


def agreements_signed_at(event: Any) -> list[Signing]:
    return [
        Signing(
            title=agreement.title,
            parties=list(agreement.parties),
            value=agreement.signed_value,
            signed_on=agreement.signed_on,
            url=agreement.get_absolute_url(),
        )
        for agreement in Agreement.objects.filter(event=event).order_by("signed_on", "id")
    ]
