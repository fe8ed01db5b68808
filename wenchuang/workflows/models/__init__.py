"""The engine's models: programmes, calls and applications (reviews live beside them)."""

from .calls import Application, Call, Programme

__all__ = ["Application", "Call", "Programme"]
