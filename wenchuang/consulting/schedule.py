"""The worker's consulting jobs: certification expiry and reminders, escalation of late requests."""

from __future__ import annotations

import datetime

from wenchuang.core.scheduling import register_periodic

from .services import certification_reminders, certifications_expire, requests_escalate

register_periodic(
    "consulting_certification_expiry", every=datetime.timedelta(days=1), run=certifications_expire
)
register_periodic(
    "consulting_certification_reminders",
    every=datetime.timedelta(days=1),
    run=certification_reminders,
)
register_periodic("consulting_escalation", every=datetime.timedelta(hours=1), run=requests_escalate)
