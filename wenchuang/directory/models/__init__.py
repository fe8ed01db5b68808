"""The directory's models: the records (records.py) and what keeps them up (upkeep.py)."""

from .records import (
    CONTACT_FIELDS,
    DirectoryRecord,
    Enterprise,
    Investor,
    Park,
    PublicationStatus,
    ServiceProvider,
    Talent,
)
from .upkeep import AssociationMembership, ImportJob, ProfileChange

__all__ = [
    "CONTACT_FIELDS",
    "AssociationMembership",
    "DirectoryRecord",
    "Enterprise",
    "ImportJob",
    "Investor",
    "Park",
    "ProfileChange",
    "PublicationStatus",
    "ServiceProvider",
    "Talent",
]
