"""One guard for every CSV the product writes: free text must not run as a spreadsheet formula.

A spreadsheet program treats a cell that starts with one of FORMULA_START as a formula, so a name
typed as "=HYPERLINK(...)" could run when finance or the board opens an export. Such text is
written with a leading apostrophe, which the spreadsheet shows as plain text.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """The value as a CSV cell: None is empty, formula-like text is quoted, anything else as it is."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"
    return value
