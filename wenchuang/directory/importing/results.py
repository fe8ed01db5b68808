"""What an import reports: the rejected rows with their reasons, and the counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet line (the header is line 1), the column, and why."""

    line: int
    column: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "reason": self.reason}


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    rows: int = 0

    @property
    def rejected_rows(self) -> int:
        return len({e.line for e in self.errors if e.line > 1})


ProgressCallback = Callable[[int, int], None]
