"""The typed seam between the app and what it shows.

Textual types ``self.app`` as a plain ``App``; screens, dialogs and widgets that call
mentortui's own app methods (``save_pair``, ``today``, ``open_pair``...) mix this in first,
so the type checker sees ``MentorApp``. At run time nothing changes: ``app`` is Textual's
own property, and the app module is imported only by the type checker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual import getters

    from mentortui.app import MentorApp


class UsesMentorApp(MessagePump):
    """Mix in before a Textual class whose ``self.app`` is the ``MentorApp``."""

    if TYPE_CHECKING:
        app = getters.app(MentorApp)
