"""Opening the agenda costs one save at most (issue 15: a save rebuilds the whole pair,
so a screen switch that saves for nothing grows with the pair)."""

from __future__ import annotations

from mentortui.screens.agenda import AgendaScreen

from .test_app import settle


async def test_opening_the_agenda_saves_once_and_a_new_length_saves_again(make_app, demo_slug, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        saves = []
        session_save = app.session.save
        monkeypatch.setattr(app.session, "save", lambda: saves.append(1) or session_save())
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert len(saves) == 1  # the carried-in items; the minutes field's first value is no change
        length = app.screen.query_one("#length")
        await pilot.click(length)
        await pilot.press("end", "backspace", "backspace", "6", "0")
        await settle(app, pilot)
        assert app.screen.meeting.planned_minutes == 60
        assert len(saves) > 1
