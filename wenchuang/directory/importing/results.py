"""What an import reports: the rejected rows with their reasons, and the counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .reasons import reason_text


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet line (the header is line 1), the column, and why.

    `code` and `params` are what is stored; `reason` words them in the active language.
    """

    line: int
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def reason(self) -> str:
        return reason_text({"code": self.code, "params": self.params})

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "code": self.code, "params": self.params}


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    committed: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # How the file was read: "UTF-8", "UTF-8 (BOM)", "GB18030" or "XLSX".
    encoding: str = ""

    @property
    def rejected_rows(self) -> int:
        return len({e.line for e in self.errors if e.line > 1})


ProgressCallback = Callable[[int, int], None]
