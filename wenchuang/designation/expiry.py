"""The daily job that expires designations at the end of their validity."""

from __future__ import annotations

import datetime

from wenchuang.core.scheduling import register_periodic

from .services import designations_expire

register_periodic("designation_expiry", every=datetime.timedelta(days=1), run=designations_expire)
