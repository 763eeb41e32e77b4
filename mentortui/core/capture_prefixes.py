"""The words that start a quick-capture line and what each captures; kept apart from
``quick_capture`` (which needs the pair's models) so settings can name them cheaply."""

from __future__ import annotations

from typing import Literal

CaptureKind = Literal["action", "decision", "parked"]

PREFIXES: dict[str, CaptureKind] = {"todo": "action", "ai": "action", "decided": "decision", "park": "parked"}
