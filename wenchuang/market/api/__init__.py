"""The marketplace in the JSON API: listings, inquiries and orders, buyer profiles, the
cultural-export figures and infringement reports, with the same permissions as the pages."""

from wenchuang.core.api import DomainRouter

router = DomainRouter()

from . import listings, orders, reports  # noqa: E402, F401  (each adds its routes)
