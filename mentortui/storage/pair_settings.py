"""A pair's settings on this machine, never shared: whose machine it is and how the pair
is shared.

``<data>/local/<slug>.json`` (0600, in a 0700 folder) holds
``{"role": "mentor"|"mentee", "share": null | {"mode": "git", "remote": URL}
| {"mode": "folder", "folder": "/abs/path"}}``. A pair without the file is the mentor's
and not shared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from mentortui.core.models import Role
from mentortui.storage.errors import StoreError, describe_os_error
from mentortui.storage.files import atomic_write, ensure_private_dir
from mentortui.storage.paths import PAIR_SUFFIX, check_slug

LOCAL_FOLDER = "local"
ShareMode = Literal["git", "folder"]
# A settings file is a few hundred bytes; anything far bigger is not one.
MAX_SETTINGS_BYTES = 64 * 1024


class SettingsFileError(StoreError):
    """A settings file that cannot be read or does not say what settings say."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class PairSettings:
    role: Role = "mentor"
    share_mode: ShareMode | None = None
    remote: str | None = None
    """The git remote's URL, when ``share_mode`` is "git"."""
    folder: Path | None = None
    """The synced folder, when ``share_mode`` is "folder"."""

    @property
    def shared(self) -> bool:
        return self.share_mode is not None


def settings_path(data: Path, slug: str) -> Path:
    return data / LOCAL_FOLDER / f"{check_slug(slug)}{PAIR_SUFFIX}"


def load_pair_settings(data: Path, slug: str) -> PairSettings:
    """The settings of the pair ``slug`` in the data folder ``data``; the defaults when
    there is no settings file. A damaged file is a SettingsFileError naming it."""
    path = settings_path(data, slug)
    try:
        with path.open("rb") as handle:
            data_bytes = handle.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return PairSettings()
    except OSError as error:
        raise SettingsFileError(path, f"cannot be read: {describe_os_error(error)}") from None
    if len(data_bytes) > MAX_SETTINGS_BYTES:
        raise SettingsFileError(path, "is far too big to be a mentortui settings file")
    try:
        document = json.loads(data_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SettingsFileError(path, "is not valid JSON; fix it or remove it to go back to the defaults") from None
    return _settings_from(path, document)


def save_pair_settings(data: Path, slug: str, settings: PairSettings) -> None:
    """Write the settings atomically (0600, in a 0700 folder)."""
    path = settings_path(data, slug)
    ensure_private_dir(path.parent)
    text = json.dumps(_document_of(settings), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    atomic_write(path, text.encode("utf-8"))


def _document_of(settings: PairSettings) -> dict[str, Any]:
    share: dict[str, str] | None = None
    if settings.share_mode == "git":
        share = {"mode": "git", "remote": settings.remote or ""}
    elif settings.share_mode == "folder":
        share = {"mode": "folder", "folder": str(settings.folder or "")}
    return {"role": settings.role, "share": share}


def _settings_from(path: Path, document: object) -> PairSettings:
    if not isinstance(document, dict):
        raise SettingsFileError(path, "is not a mentortui settings file (the top level is not an object)")
    role = document.get("role", "mentor")
    if role not in get_args(Role):
        raise SettingsFileError(path, 'role: must be "mentor" or "mentee"')
    share = document.get("share")
    if share is None:
        return PairSettings(role=role)
    if not isinstance(share, dict):
        raise SettingsFileError(path, "share: must be null or an object with a mode")
    mode = share.get("mode")
    if mode == "git":
        remote = share.get("remote")
        if not isinstance(remote, str) or not remote.strip():
            raise SettingsFileError(path, "share.remote: must be the git remote's URL")
        return PairSettings(role=role, share_mode="git", remote=remote)
    if mode == "folder":
        folder = share.get("folder")
        if not isinstance(folder, str) or not Path(folder).is_absolute():
            raise SettingsFileError(path, "share.folder: must be the synced folder's absolute path")
        return PairSettings(role=role, share_mode="folder", folder=Path(folder))
    raise SettingsFileError(path, 'share.mode: must be "git" or "folder"')
