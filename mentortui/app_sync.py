"""Syncing the open pair from the app: when it opens, when a meeting ends, when it closes
and on demand. Nothing here runs for a pair that is not shared.

A sync runs on a worker thread while the app holds the pair's lock. Saves wait while it
runs (the engine rewrites the pair file), then the pair is read again. What was changed on
screen meanwhile is merged into what the sync brought (base: the pair as the sync began),
so a sync and a person typing never overwrite each other. Screens that hold one meeting or
item (the live meeting, the agenda) are never pulled from under: the reload waits until
the pair home is showing again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from mentortui.storage.errors import StoreError, describe_error

if TYPE_CHECKING:
    from textual.worker import Worker

    from mentortui.app import MentorApp
    from mentortui.storage.decoding import Raw
    from mentortui.storage.session import PairSession
    from mentortui.storage.share_common import SyncOutcome

# Closing the pair or quitting waits this long for the last push, then goes anyway.
LEAVE_SYNC_SECONDS = 15.0
CREDENTIALS_HINT = ("mentortui cannot ask for a password or passphrase here: run `mentortui sync {slug}` "
                    "in a terminal, or load your key into ssh-agent.")
ENGINE_LOCK = threading.Lock()
_CREDENTIAL_WORDS = ("authentication", "permission denied", "password", "passphrase", "could not read username",
                     "terminal prompts disabled", "host key verification")


def run_engine(session: PairSession, data_folder: Path) -> SyncOutcome:
    """One sync of the session's pair, the lock held by the session. Never prompts: the
    terminal belongs to the app, so a remote that wants a password says what to do."""
    from mentortui.storage.share_common import SyncOutcome
    from mentortui.storage.sharing import sync_pair

    try:
        result = sync_pair(data_folder, session.slug, interactive=False, lock_held=True)
    except (StoreError, OSError) as error:
        return SyncOutcome(False, f"Could not sync {session.slug}: {describe_error(error)}")
    if not result.ok and any(word in result.message.lower() for word in _CREDENTIAL_WORDS):
        return SyncOutcome(result.ok, f"{result.message}. {CREDENTIALS_HINT.format(slug=session.slug)}",
                           result.incoming, result.unshared, result.review_added)
    return result


def unshared_now(session: PairSession, data_folder: Path) -> int:
    """Changes made here that the other person does not have yet (0 when it cannot be told)."""
    from mentortui.storage.sharing import unshared_changes

    try:
        return unshared_changes(data_folder, session.slug)
    except (StoreError, OSError):
        return 0


class PendingReload:
    """A finished sync whose reload waits for a screen that holds no record."""

    def __init__(self, session: PairSession, before: Raw, outcome: SyncOutcome) -> None:
        self.session = session
        self.before = before
        self.outcome = outcome


class PairSync:
    """The app's side of syncing the open pair (``app.sync``)."""

    def __init__(self, app: MentorApp) -> None:
        self.app = app
        self.unshared = 0
        """Changes not shared yet, as the last sync or open found them."""
        self.leave_after_sync: Callable[[], object] | None = None
        """What closing the pair or quitting does once the running sync has landed."""
        self._worker: Worker[None] | None = None
        self._pending_reload: PendingReload | None = None
        self._save_deferred = False

    @property
    def shared(self) -> bool:
        """Whether the open pair is shared (and open for writing)."""
        return self.app.session is not None and not self.app.session.read_only and self.app.session.settings.shared

    @property
    def saves_held(self) -> bool:
        """While a sync rewrites the pair file, or its reload waits, saves wait too."""
        return self.busy or self._pending_reload is not None

    @property
    def busy(self) -> bool:
        return self._worker is not None and not self._worker.is_finished

    def hold_save(self) -> None:
        """Remember that a save was asked for while saves wait."""
        self._save_deferred = True

    def on_open(self, session: PairSession) -> None:
        """Called on the opening worker before the pair home shows: bring in the other
        person's changes (offline, open anyway and count what is not shared). A pair
        file the sync left unreadable closes the session again and raises."""
        self.unshared = 0
        if session.read_only or not session.settings.shared:
            return
        self.app.call_from_thread(self._loading, True)
        try:
            session.flush()
            with ENGINE_LOCK:
                outcome = run_engine(session, self.app.store.folder)
            session.reload()
        except BaseException:
            session.close()
            raise
        finally:
            self.app.call_from_thread(self._loading, False)
        self.unshared = outcome.unshared if outcome.ok else unshared_now(session, self.app.store.folder)
        self.app.call_from_thread(self._announce, outcome)

    def _loading(self, loading: bool) -> None:
        """The screen the pair is opened from shows it is busy while the sync runs."""
        self.app.screen.loading = loading

    def on_demand(self) -> None:
        """Sync on demand (the pair home's key)."""
        if not self.shared:
            self.app.notify("This pair is not shared.", markup=False)
            return
        if not self.in_background():
            self.app.notify("A sync is under way already.", markup=False)

    def in_background(self) -> bool:
        """Commit, fetch, merge and push without holding up the screen; False when a sync
        is running already or the pair is not shared."""
        session = self.app.session
        if session is None or not self.shared or self.busy or self._pending_reload is not None:
            return False
        self.app._flush_screens()
        if self._save_deferred:
            self._save_deferred = False
            session.save()
        before = session.snapshot()
        self._worker = self.app.run_worker(partial(self._run, session, before), thread=True,
                                           exit_on_error=False, group="sync")
        self._show_sync_status()
        return True

    def _run(self, session: PairSession, before: Raw) -> None:
        """On the worker thread: saves written, then the sync."""
        outcome: SyncOutcome | None = None
        try:
            session.flush()
            with ENGINE_LOCK:
                outcome = run_engine(session, self.app.store.folder)
        finally:  # saves wait until this lands, so it always does
            self.app.call_from_thread(self._synced, session, before, outcome)

    def _synced(self, session: PairSession, before: Raw, outcome: SyncOutcome | None) -> None:
        self._worker = None
        if session is self.app.session and outcome is not None:
            self._pending_reload = PendingReload(session, before, outcome)
            self.apply_pending_reload()
        if self.leave_after_sync is not None:
            then, self.leave_after_sync = self.leave_after_sync, None
            self.app.leave_pair(then)

    def apply_pending_reload(self, leaving: bool = False) -> None:
        """Reload the pair after a sync, now if no screen holds one of its records (or the
        pair is being closed, its screens with it)."""
        from mentortui.screens.base import PairScreen
        from mentortui.screens.pair_home import PairHomeScreen

        pending = self._pending_reload
        if pending is None:
            return
        if pending.session is not self.app.session:
            self._pending_reload = None
            return
        if not leaving and any(isinstance(screen, PairScreen) and not isinstance(screen, PairHomeScreen)
                               for screen in self.app.screen_stack):
            return
        self._pending_reload = None
        session = pending.session
        current = session.snapshot()
        try:
            session.reload()
            if current != pending.before:
                merge_edits_made_during_sync(session, pending.before, current)
        except StoreError as error:
            self.app.report_error("Could not read the pair again after syncing", error)
        if self._save_deferred:
            self._save_deferred = False
            session.save()
        self.unshared = pending.outcome.unshared
        self._announce(pending.outcome)
        self._show_sync_status()

    def _announce(self, outcome: SyncOutcome) -> None:
        self.app.notify(outcome.message, title="Synced" if outcome.ok else "Not synced",
                    severity="information" if outcome.ok else "warning", timeout=10, markup=False)

    def _show_sync_status(self) -> None:
        from mentortui.screens.pair_home import PairHomeScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, PairHomeScreen):
                screen.refresh_sync_status()

    def before_leaving(self, session: PairSession) -> None:
        """On the leaving worker, saves flushed: push what is here, waiting a bounded time."""
        if session.read_only or not session.settings.shared:
            return
        done = threading.Event()

        def push() -> None:
            try:
                # A sync still under way finishes first: one git at a time in the work tree.
                with ENGINE_LOCK:
                    run_engine(session, self.app.store.folder)
            finally:
                done.set()

        threading.Thread(target=push, name="mentortui-sync-leave", daemon=True).start()
        done.wait(LEAVE_SYNC_SECONDS)


def merge_edits_made_during_sync(session: PairSession, before: Raw, current: Raw) -> None:
    """Put back into the reloaded pair what was changed on screen while the sync ran:
    a three-way merge of the pair as the sync began, as it is on screen, and as synced."""
    from mentortui.core.merge import merge_pairs
    from mentortui.core.models import Pair
    from mentortui.storage.pair_file import raw_to_documents

    synced = session.pair.model_dump(mode="json")
    merged = merge_pairs(raw_to_documents(before), raw_to_documents(current), synced)
    session.pair = Pair.model_validate(merged.document)
    session.save()
