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


# Latin letters that NFKD does not split into an ASCII letter and a mark, with the
# ASCII spelling people use for them ("ß" needs none: casefolding makes it "ss").
_ASCII_SPELLINGS = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                                  "ı": "i"})


def _name_form(text: str) -> str:
    """Lower-case word characters joined by dashes: the form every pair name has."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SLUG_SEPARATORS.sub("-", text.replace("_", "-")).strip("-")


def slugify(text: str) -> str:
    """A short name to type: lower-case ASCII letters and digits joined by dashes ("Zoë
    Müller" gives "zoe-muller"; letters with no ASCII form are left out), or "pair" when
    nothing is left."""
    return ascii_name(text) or "pair"


def ascii_name(text: str) -> str:
    """``text`` as ``slugify`` writes it, or "" when it has no letter or digit with an
    ASCII form (a name written in Chinese, say)."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold().translate(_ASCII_SPELLINGS))
    ascii_text = "".join(char for char in folded if not unicodedata.combining(char)).encode("ascii", "ignore")
    return _name_form(ascii_text.decode("ascii"))


def is_pair_name(name: str) -> bool:
    """Whether ``name`` can name a pair file: the form ``slugify`` gives, or the same with
    letters beyond ASCII, as short names were made before they were ASCII."""
    return bool(name) and name == _name_form(name)


def check_slug(slug: str) -> str:
    if not is_pair_name(slug):
        raise BadPairName(
            f"{slug!r} is not a pair name: use the short name `mentortui list` shows, "
            "like priya-with-dana"
        )
    return slug


def pair_path(folder: Path, slug: str) -> Path:
    """The file of the pair called ``slug``; refuses any name that could leave ``folder``."""
    return folder / f"{check_slug(slug)}{PAIR_SUFFIX}"
