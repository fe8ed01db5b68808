"""Statistics in the JSON API: returns and indicators."""

from wenchuang.core.api import DomainRouter

router = DomainRouter()
