"""Tables that fit their width (columns declared once, the flexible one taking what is
left, others dropped in order when even its minimum does not fit) and keeping a
DataTable's cursor on the same row while its rows are rebuilt."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rich.text import Text
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


@dataclass(frozen=True)
class Column:
    """One column: its key, its title and its width in cells (padding not counted)."""

    key: str
    title: str
    width: int


@dataclass(frozen=True)
class ColumnPlan:
    """A table's columns, left to right. The ``flexible`` column takes whatever width the
    others leave, never less than its own width; when even that does not fit, the columns
    in ``drop_order`` are left out, first to last. With ``wrap`` long cells wrap onto more
    lines; without it every row is one line and a long cell is cut with an ellipsis."""

    columns: tuple[Column, ...]
    flexible: str
    drop_order: tuple[str, ...] = ()
    wrap: bool = True

    def fit(self, available: int, padding: int) -> list[tuple[Column, int]]:
        """The columns shown in ``available`` cells, each with its width, when every
        column has ``padding`` cells on either side."""
        shown = list(self.columns)
        minimum = next(column.width for column in shown if column.key == self.flexible)
        drops = iter(self.drop_order)

        def others() -> int:
            return sum(column.width + 2 * padding for column in shown if column.key != self.flexible)

        while others() + minimum + 2 * padding > available:
            dropped = next(drops, None)
            if dropped is None:
                break
            shown = [column for column in shown if column.key != dropped]
        flexible = max(minimum, available - others() - 2 * padding)
        return [(column, flexible if column.key == self.flexible else column.width) for column in shown]


@dataclass(frozen=True)
class FittedRow:
    """A row's cells by column key (a column left out of the plan is simply not shown)."""

    cells: Mapping[str, Text]
    key: str | None = None


class FittedTable(DataTable[Text]):
    """A row-cursor DataTable whose columns always fit its width, so it never scrolls
    sideways. It keeps the rows it was given and lays them out again, on the same row,
    whenever its width changes."""

    def __init__(self, plan: ColumnPlan, *, id: str | None = None, zebra_stripes: bool = True) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=zebra_stripes)
        self.plan = plan
        self._fitted: list[tuple[Column, int]] = []
        self._fitted_width: int | None = None
        self._table_rows: list[FittedRow] = []

    def show_rows(self, rows: Iterable[FittedRow], keep: str | None = None, row: int | None = None) -> None:
        """Replace the rows; the cursor goes to the row keyed ``keep``, else near ``row``
        (by default the row it is on)."""
        self._table_rows = list(rows)
        self._lay_out(keep, self.cursor_row if row is None else row)

    def on_resize(self) -> None:
        # Resize also comes when only the rows changed; those need no new layout.
        if self._available_width() != self._fitted_width:
            self._lay_out(cursor_key(self), self.cursor_row)

    def _available_width(self) -> int:
        # Room for the vertical scrollbar is always kept: fitting to the width it leaves
        # only when it shows could make the rows, and so the scrollbar, come and go.
        reserved = 0 if self.styles.overflow_y == "hidden" else self.styles.scrollbar_size_vertical
        return max(0, self.size.width - reserved)

    def _lay_out(self, keep: str | None, row: int) -> None:
        width = self._available_width()
        if width != self._fitted_width:
            self._fitted_width = width
            self._fitted = self.plan.fit(width, self.cell_padding)
            self.clear(columns=True)
            for column, column_width in self._fitted:
                self.add_column(Text(column.title), key=column.key, width=column_width)
        else:
            self.clear()
        for table_row in self._table_rows:
            cells = [(table_row.cells.get(column.key, Text()), shown) for column, shown in self._fitted]
            if self.plan.wrap:
                height = max(self._lines(cell, shown) for cell, shown in cells)
            else:
                height = 1
                cells = [(_cut(cell), shown) for cell, shown in cells]
            self.add_row(*(cell for cell, _ in cells), key=table_row.key, height=height)
        restore_cursor(self, keep, row)

    def _lines(self, cell: Text, width: int) -> int:
        """How many lines the cell takes wrapped at ``width``: rows get a fixed height, so
        updating one cell (a ticking clock) never makes the table measure itself again."""
        return max(1, len(cell.wrap(self.app.console, max(1, width))))


def _cut(cell: Text) -> Text:
    cut = cell.copy()
    cut.no_wrap = True
    cut.overflow = "ellipsis"
    return cut
