"""Tables that fit their width (columns declared once, the flexible one taking what is
left, others dropped in order when even its minimum does not fit), keeping a
DataTable's cursor on the same row while its rows are rebuilt, and, for lists of
thousands, showing one page of rows at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from rich.text import Text
from textual.widgets import DataTable


def cursor_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


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


Item = TypeVar("Item")


class LazyRows(Sequence[FittedRow], Generic[Item]):
    """Rows made from items only when a page shows them, so a list of thousands costs
    what one page costs. ``key`` gives an item's row key without making its row."""

    def __init__(self, items: Sequence[Item], key: Callable[[Item], str],
                 build: Callable[[Item], FittedRow]) -> None:
        self._items = items
        self._key = key
        self._build = build
        self._positions: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> FittedRow: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[FittedRow]: ...

    def __getitem__(self, index: int | slice) -> FittedRow | Sequence[FittedRow]:
        if isinstance(index, slice):
            return [self._build(item) for item in self._items[index]]
        return self._build(self._items[index])

    def position(self, key: str) -> int | None:
        """Where the row keyed ``key`` is, or None."""
        if self._positions is None:
            self._positions = {self._key(item): index for index, item in enumerate(self._items)}
        return self._positions.get(key)


def _position(rows: Sequence[FittedRow], key: str) -> int | None:
    if isinstance(rows, LazyRows):
        return rows.position(key)
    return next((index for index, row in enumerate(rows) if row.key == key), None)


class FittedTable(DataTable[Text]):
    """A row-cursor DataTable whose columns always fit its width, so it never scrolls
    sideways. It keeps the rows it was given and lays them out again, on the same row,
    whenever its width changes. With a ``page_size`` it holds only that many rows at a
    time: moving the cursor past either end of the page turns to the next or previous
    page, and ctrl+home / ctrl+end go to the first and last row of the whole list."""

    def __init__(self, plan: ColumnPlan, *, id: str | None = None, zebra_stripes: bool = True,
                 page_size: int | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=zebra_stripes)
        self.plan = plan
        self.page_size = page_size
        self.page_start = 0
        self._fitted: list[tuple[Column, int]] = []
        self._fitted_width: int | None = None
        self._table_rows: Sequence[FittedRow] = []

    @property
    def total_rows(self) -> int:
        """How many rows the whole list has, on every page."""
        return len(self._table_rows)

    def show_rows(self, rows: Iterable[FittedRow], keep: str | None = None, row: int | None = None) -> None:
        """Replace the rows; the cursor goes to the row keyed ``keep``, else near ``row``
        (by default the row it is on). A Sequence, such as LazyRows, is kept as it is."""
        self._table_rows = rows if isinstance(rows, Sequence) else list(rows)
        self._lay_out(keep, self.page_start + self.cursor_row if row is None else row)

    def on_resize(self) -> None:
        # Resize also comes when only the rows changed; those need no new layout.
        if self._available_width() != self._fitted_width:
            self._lay_out(cursor_key(self), self.page_start + self.cursor_row)

    def _turned_forward(self) -> bool:
        """On the page's last row with more after it: show the next page, on its first row."""
        if self.cursor_row == self.row_count - 1 and self.page_start + self.row_count < self.total_rows:
            self._lay_out(None, self.page_start + self.row_count)
            return True
        return False

    def _turned_back(self) -> bool:
        """On the page's first row with more before it: show the previous page, on its last row."""
        if self.cursor_row == 0 and self.page_start > 0:
            self._lay_out(None, self.page_start - 1)
            return True
        return False

    def action_cursor_down(self) -> None:
        if not self._turned_forward():
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not self._turned_back():
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if not self._turned_forward():
            super().action_page_down()

    def action_page_up(self) -> None:
        if not self._turned_back():
            super().action_page_up()

    def action_scroll_top(self) -> None:
        if self.page_start > 0:
            self._lay_out(None, 0)
        else:
            super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        if self.page_start + self.row_count < self.total_rows:
            self._lay_out(None, self.total_rows - 1)
        else:
            super().action_scroll_bottom()

    def _available_width(self) -> int:
        # Room for the vertical scrollbar is always kept: fitting to the width it leaves
        # only when it shows could make the rows, and so the scrollbar, come and go.
        reserved = 0 if self.styles.overflow_y == "hidden" else self.styles.scrollbar_size_vertical
        return max(0, self.size.width - reserved)

    def _lay_out(self, keep: str | None, row: int) -> None:
        """Lay out the page holding the row keyed ``keep``, else the one holding ``row``
        (an index in the whole list), with the cursor on it."""
        found = None if keep is None else _position(self._table_rows, keep)
        target = max(0, min(row if found is None else found, len(self._table_rows) - 1))
        size = self.page_size or max(1, len(self._table_rows))
        self.page_start = target - target % size
        width = self._available_width()
        if width != self._fitted_width:
            self._fitted_width = width
            self._fitted = self.plan.fit(width, self.cell_padding)
            self.clear(columns=True)
            for column, column_width in self._fitted:
                self.add_column(Text(column.title), key=column.key, width=column_width)
        else:
            self.clear()
        for table_row in self._table_rows[self.page_start:self.page_start + size]:
            cells = [(table_row.cells.get(column.key, Text()), shown) for column, shown in self._fitted]
            if self.plan.wrap:
                height = max(self._lines(cell, shown) for cell, shown in cells)
            else:
                height = 1
                cells = [(_cut(cell), shown) for cell, shown in cells]
            self.add_row(*(cell for cell, _ in cells), key=table_row.key, height=height)
        if self.row_count:
            self.move_cursor(row=target - self.page_start)

    def _lines(self, cell: Text, width: int) -> int:
        """How many lines the cell takes wrapped at ``width``: rows get a fixed height, so
        updating one cell (a ticking clock) never makes the table measure itself again."""
        return max(1, len(cell.wrap(self.app.console, max(1, width))))


def _cut(cell: Text) -> Text:
    cut = cell.copy()
    cut.no_wrap = True
    cut.overflow = "ellipsis"
    return cut
