"""JSON endpoints under /api/v1/: directory records and the reference data they use."""

from .routes import router

__all__ = ["router"]
