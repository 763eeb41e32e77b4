"""Keeping a DataTable's cursor on the same row while its rows are rebuilt."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable


def cursor_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def restore_cursor(table: DataTable[Any], keep: str | None, row: int) -> None:
    """Put the cursor on the row keyed ``keep`` if it is still there, else near ``row``."""
    if keep is not None and keep in table.rows:
        table.move_cursor(row=table.get_row_index(keep))
    elif table.row_count:
        table.move_cursor(row=min(row, table.row_count - 1))
