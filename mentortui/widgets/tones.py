"""Rich styles in the colours of the app's theme, for text built as rich.text.Text (table
cells, panels): bold in the theme's ``$text-error``, ``$text-warning`` or
``$text-success``, the variants each theme makes readable on its own background (light
themes included; under NO_COLOR Textual turns them into greys that keep that contrast).
Never a colour name: the theme decides."""

from __future__ import annotations

from typing import Any, Literal

from rich.style import Style
from textual.app import App

Tone = Literal["error", "warning", "success"]


def tone(app: App[Any], name: Tone) -> Style:
    """Bold text in the current theme's ``$text-<name>`` colour."""
    key = (app.theme, name)
    style = _STYLES.get(key)
    if style is None:
        # Textual works out every variable of the theme on each read of theme_variables
        # (about a millisecond): once per theme is enough.
        style = _STYLES[key] = Style(bold=True, color=app.theme_variables[f"text-{name}"])
    return style


_STYLES: dict[tuple[str, Tone], Style] = {}
