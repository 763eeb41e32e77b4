"""Where pair files live and how a pair's short name becomes a safe file name.

Kept free of pydantic and TinyDB so the command line can check a name before the app
starts without paying for those imports.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from mentortui.storage.errors import BadPairName

PAIR_SUFFIX = ".json"
_SLUG_SEPARATORS = re.compile(r"[^\w]+")


def default_data_dir() -> Path:
    override = os.environ.get("MENTORTUI_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("mentortui"))


def slugify(text: str) -> str:
    """A file-name-safe short name: lower-case letters and digits joined by dashes."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SLUG_SEPARATORS.sub("-", text.replace("_", "-")).strip("-")


def check_slug(slug: str) -> str:
    if not slug or slug != slugify(slug):
        raise BadPairName(
            f"{slug!r} is not a pair name: use the short name `mentortui list` shows, "
            "like priya-with-dana"
        )
    return slug


def pair_path(folder: Path, slug: str) -> Path:
    """The file of the pair called ``slug``; refuses any name that could leave ``folder``."""
    return folder / f"{check_slug(slug)}{PAIR_SUFFIX}"
