"""The action items screen at thousands of items (issue 15): rows are one line high at
any text length, the highlighted item's whole text is shown under the table, filters give
the right rows, and the table holds one page of them, turned by moving past its ends."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from mentortui.core.demo import demo_pair
from mentortui.core.models import ActionItem
from mentortui.screens.action_list import PAGE_SIZE, ActionItemsScreen
from mentortui.widgets.tables import FittedTable

from .conftest import TODAY
from .test_app import settle
from .test_narrow_tables import screen_lines
from .test_prepare_screens import open_pair

LONG = ("Write up what the hiring manager said about the portfolio, the forecast README, the slide "
        "template and the lightning talk, then send it to the mentor with three questions for next time")


def big_pair(count: int):
    """The demo pair with ``count`` more items, every third one done, due one day apart."""
    pair = demo_pair(TODAY)
    for number in range(count):
        due = TODAY - timedelta(days=count - number)
        done = number % 3 == 0
        pair.action_items.append(ActionItem(
            text=LONG if number == 4 else f"Item {number}", owner="mentee", due=due,
            status="done" if done else "open", done_on=due if done else None))
    return pair


def table(app) -> FittedTable:
    return app.screen.query_one("#items", FittedTable)


def detail(app) -> str:
    return str(app.screen.query_one("#detail", Static).render())


def shown_keys(app) -> list[str]:
    items = table(app)
    return [items.coordinate_to_cell_key((row, 0)).row_key.value for row in range(items.row_count)]


async def show(app, pilot, status: str) -> None:
    """Press the filter key until the screen shows ``status``, as a person does."""
    for _ in range(6):
        if str(app.screen.query_one("#status").value) == status:
            return
        await pilot.press("f")
        await settle(app, pilot)
    raise AssertionError(f"no filter {status}")


async def test_filtering_6000_items_gives_the_right_rows_a_page_at_a_time(make_app, store):
    pair = big_pair(6000)
    store.create(pair)
    done = sorted((item for item in pair.action_items if item.status == "done"), key=lambda item: item.due)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "i")
        assert isinstance(app.screen, ActionItemsScreen)
        await show(app, pilot, "done")
        total = len(done)  # 2,000 of them, and the demo's own
        assert table(app).total_rows == total > 2000
        assert shown_keys(app) == [item.id for item in done[:PAGE_SIZE]]
        assert f"Rows 1–{PAGE_SIZE} of {total}" in detail(app)

        table(app).move_cursor(row=PAGE_SIZE - 1)
        await pilot.press("down")  # past the last row: the next page, on its first row
        await settle(app, pilot)
        assert shown_keys(app) == [item.id for item in done[PAGE_SIZE:2 * PAGE_SIZE]]
        assert table(app).cursor_row == 0
        assert detail(app).startswith(done[PAGE_SIZE].text)
        assert f"Rows {PAGE_SIZE + 1}–{2 * PAGE_SIZE} of {total}" in detail(app)
        await pilot.press("up")  # and back
        await settle(app, pilot)
        assert shown_keys(app)[-1] == done[PAGE_SIZE - 1].id
        assert table(app).cursor_row == PAGE_SIZE - 1

        await pilot.press("ctrl+end")
        await settle(app, pilot)
        assert shown_keys(app)[table(app).cursor_row] == done[-1].id
        assert f"Rows {total - total % PAGE_SIZE + 1}–{total} of {total}" in detail(app)
        await pilot.press("ctrl+home")
        await settle(app, pilot)
        assert shown_keys(app)[0] == done[0].id and table(app).cursor_row == 0


async def test_the_cursor_stays_on_an_item_marked_on_a_later_page(make_app, store):
    pair = big_pair(600)
    store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "i")
        await show(app, pilot, "all")
        await pilot.press("ctrl+end")
        await settle(app, pilot)
        last = shown_keys(app)[table(app).cursor_row]
        await pilot.press("x")  # drop it: it stays in "all", and stays highlighted
        await settle(app, pilot)
        assert shown_keys(app)[table(app).cursor_row] == last
        assert table(app).page_start > 0


async def test_a_row_is_one_line_high_and_the_highlighted_text_is_shown_whole(make_app, store):
    store.create(big_pair(30))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pair(app, pilot, "i")
        await show(app, pilot, "all")
        items = table(app)
        assert {row.height for row in items.ordered_rows} == {1}
        row = shown_keys(app).index(next(item.id for item in app.screen.pair.action_items if item.text == LONG))
        items.move_cursor(row=row)
        await settle(app, pilot)
        cut = [line for line in screen_lines(app) if "Write up what" in line]
        assert len(cut) == 2 and "…" in cut[0]  # the row, cut, and the detail's first line
        assert " ".join(detail(app).split()).startswith(LONG)
        assert "three questions for next time" in " ".join(" ".join(screen_lines(app)).split())
