"""The information release's periodic jobs: scheduled publication and the daily digest."""

from __future__ import annotations

import datetime

from wenchuang.core.scheduling import register_periodic

from .digest import send_digests
from .services import publish_due

register_periodic("news_publish_due", every=datetime.timedelta(minutes=5), run=publish_due)
register_periodic("news_digest", every=datetime.timedelta(days=1), run=send_digests)
