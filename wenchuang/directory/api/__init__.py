"""JSON endpoints under /api/v1/: directory records, association members, reference data."""

from . import memberships
from .routes import router

router.add_router("", memberships.router)

__all__ = ["router"]
