"""Statistics models: indicators and obligations, the calendar, returns and their revisions."""

from .figures import ClassLevel, CubeCell, Plan, QuarterlyReport, ReleasedCell, Target
from .indicators import RELATION_OPS, Indicator, Reporter, ReportingObligation
from .returns import Period, ReferenceValue, ReturnUpload, ReturnValue, StatReturn

__all__ = [
    "ClassLevel",
    "CubeCell",
    "Plan",
    "QuarterlyReport",
    "ReleasedCell",
    "Target",
    "RELATION_OPS",
    "Indicator",
    "Period",
    "ReferenceValue",
    "ReportingObligation",
    "Reporter",
    "ReturnUpload",
    "ReturnValue",
    "StatReturn",
]
