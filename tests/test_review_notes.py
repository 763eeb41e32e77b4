"""Notes keep their shape in "Before next": each typed line on its own screen line, raw
HTML shown as typed."""

from __future__ import annotations

from mentortui.core.demo import demo_pair
from mentortui.screens.before_next import BeforeNextScreen

from .conftest import TODAY
from .test_prepare_screens import open_pair


def screen_lines(app) -> list[str]:
    """What the terminal shows now, line by line, without trailing blanks."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


async def test_before_next_shows_each_typed_line_on_its_own_line(make_app, store):
    pair = demo_pair(TODAY)
    pair.held_meetings()[-1].notes = ("Priya sends the CV on Friday\nDana shares the deck\n"
                                      "<b>not bold</b> and *really* done")
    store.create(pair)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pair(app, pilot, "b")
        assert isinstance(app.screen, BeforeNextScreen)
        lines = screen_lines(app)
        first = next((index for index, line in enumerate(lines)
                      if line.endswith("Priya sends the CV on Friday")), None)
        assert first is not None, "\n".join(lines)  # not run together with the next line
        assert lines[first + 1].endswith("Dana shares the deck")
        assert lines[first + 2].endswith("<b>not bold</b> and really done")
