"""Sharing a pair through git, with the git command line (so ssh config, agents,
credential helpers and hooks all work as the person set them up).

A git-shared pair lives in ``<data>/shared/<slug>/`` (0700), a work tree on branch
``main`` whose only tracked files are ``<slug>.json``, ``.gitattributes`` and
``.gitignore``; ``<data>/<slug>.json`` links to it. Every git command gets the merge
driver with ``-c`` (so a fresh clone without config still merges pairs, not text) and
the person's identity. A sync commits, fetches, merges and pushes; it never pulls or
rebases.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mentortui.core.models import Role
from mentortui.storage.errors import BadPairName, PairFileError
from mentortui.storage.files import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, atomic_write, ensure_private_dir
from mentortui.storage.pair_file import canonical_bytes, read_documents
from mentortui.storage.pair_merge import merge_pair_bytes
from mentortui.storage.pair_settings import PairSettings, load_pair_settings, save_pair_settings
from mentortui.storage.paths import PAIR_SUFFIX, check_slug, pair_path
from mentortui.storage.share_common import (
    ShareError,
    SyncOutcome,
    changed_records,
    check_privacy,
    link_pair,
    outcome,
    pair_lock,
    person_name,
)

SHARED_FOLDER = "shared"
DRIVER = "mentortui"
REMOTE = "origin"
BRANCH = "main"
REMOTE_BRANCH = f"refs/remotes/{REMOTE}/{BRANCH}"
# A background sync must end even when a server or the network hangs.
BACKGROUND_TIMEOUT_SECONDS = 60.0
ATTRIBUTES = f"*{PAIR_SUFFIX} merge={DRIVER} text eol=lf\n"
# Locks, holder files, journals and temp files sit beside the pair file and are dot files.
IGNORE = ".*\n!.gitignore\n!.gitattributes\n"


class GitUnreachable(ShareError):
    """The remote could not be reached (offline, no credentials, a timeout)."""


def share_root(data: Path, slug: str) -> Path:
    return data / SHARED_FOLDER / check_slug(slug)


class Git:
    """git in one work tree, with the merge driver, the person's identity and, for a
    background run, no prompts and a timeout."""

    def __init__(self, root: Path, interactive: bool, name: str = "", role: Role = "mentor") -> None:
        self.root = root.absolute()
        self.interactive = interactive
        self.name = name or role
        self.role = role

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        driver = f"{shlex.quote(sys.executable)} -m mentortui.merge_driver %O %A %B %P"
        command = [
            "git", "-C", str(self.root),
            "-c", f"merge.{DRIVER}.driver={driver}",
            "-c", f"merge.{DRIVER}.name=mentortui pair merge",
            "-c", f"user.name={self.name}",
            "-c", f"user.email={self.role}@mentortui.invalid",
            *args,
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, env=self._environment(),
                timeout=None if self.interactive else BACKGROUND_TIMEOUT_SECONDS,
                stdin=None if self.interactive else subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise ShareError("git is not installed (no `git` on PATH); install git to share pairs through it") from None
        except subprocess.TimeoutExpired:
            raise GitUnreachable(f"git {args[0]} gave no answer in {BACKGROUND_TIMEOUT_SECONDS:.0f} s") from None
        if check and result.returncode != 0:
            raise ShareError(f"git {args[0]} failed: {git_problem(result)}")
        return result

    def _environment(self) -> dict[str, str]:
        environment = dict(os.environ)
        for variable in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            environment.pop(variable, None)
        if not self.interactive:
            environment["GIT_TERMINAL_PROMPT"] = "0"
            ssh = environment.get("GIT_SSH_COMMAND", "ssh")
            environment["GIT_SSH_COMMAND"] = f"{ssh} -o BatchMode=yes"
        return environment

    def show(self, revision: str) -> bytes | None:
        """A file's bytes at ``revision`` (``HEAD:name``, ``:2:name``), or None if it has none."""
        result = self.run("show", revision, check=False)
        return result.stdout if result.returncode == 0 else None


def git_problem(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's own explanation, one line: the last "fatal:"/"error:" line, else the last line."""
    lines = [line.strip() for line in result.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    return lines[-1] if lines else f"exit status {result.returncode}"


def _remote_refs(remote: str, interactive: bool) -> str:
    """What ``git ls-remote`` lists for the remote: "" for an empty repository."""
    result = Git(Path.cwd(), interactive).run("ls-remote", remote, check=False)
    if result.returncode != 0:
        raise GitUnreachable(f"cannot reach {remote}: {git_problem(result)}")
    return result.stdout.decode("utf-8", "replace").strip()


def remote_url(remote: str) -> str:
    """The remote as git should see it from any folder: a local path typed relative to
    where the command ran is made absolute; URLs and ``host:path`` are kept as typed."""
    if "://" in remote or (":" in remote and "/" not in remote.split(":", 1)[0]):
        return remote
    return os.path.abspath(os.path.expanduser(remote))


def _write_setup(root: Path) -> None:
    """The attributes that route pair files to the driver (also in ``.git/info``, where a
    commit cannot change them) and the ignore list."""
    (root / ".gitattributes").write_text(ATTRIBUTES)
    (root / ".gitignore").write_text(IGNORE)
    info = root / ".git" / "info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "attributes").write_text(ATTRIBUTES)


def _commit(git: Git, data: Path, slug: str, message: str) -> bool:
    """Stage the pair file and the setup files and commit them, after the privacy guard;
    False when there was nothing to commit."""
    git.run("add", "--all")
    if git.run("diff", "--cached", "--quiet", check=False).returncode == 0:
        return False
    staged = git.show(f":{slug}{PAIR_SUFFIX}")
    if staged is not None:
        check_privacy(data, slug, staged)
    git.run("commit", "--quiet", "--no-verify", "-m", message)
    return True


def share_git(data: Path, slug: str, remote: str, role: Role, interactive: bool = True) -> str:
    """Move the pair into a new git work tree, push it to the empty repository ``remote``
    and link it from the data folder. Refused, with nothing changed, when the pair is
    shared already or open, or the remote is not empty. Returns what to tell the person."""
    check_slug(slug)
    if load_pair_settings(data, slug).shared or pair_path(data, slug).is_symlink():
        raise ShareError(f"{slug} is shared already")
    remote = remote_url(remote)
    root = share_root(data, slug)
    with pair_lock(data, slug):
        document = read_documents(pair_path(data, slug))
        if os.path.lexists(root):
            raise ShareError(f"{root} exists already; move it away to share {slug} again")
        if _remote_refs(remote, interactive):
            raise ShareError(
                f"{remote} is not empty; share into a new empty repository, or join the pair "
                f"it holds with `mentortui join {remote} --as mentee`"
            )
        ensure_private_dir(root.parent)
        building = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=root.parent))
        try:
            git = Git(building, interactive, person_name(document, role), role)
            git.run("init", "--quiet", "-b", BRANCH)
            _write_setup(building)
            atomic_write(building / f"{slug}{PAIR_SUFFIX}", canonical_bytes(document))
            _commit(git, data, slug, f"Share the pair {slug}")
            git.run("remote", "add", REMOTE, remote)
            result = git.run("push", "--quiet", "-u", REMOTE, BRANCH, check=False)
            if result.returncode != 0:
                raise GitUnreachable(f"cannot push to {remote}: {git_problem(result)}")
            os.rename(building, root)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        link_pair(data, slug, root / f"{slug}{PAIR_SUFFIX}")
        save_pair_settings(data, slug, PairSettings(role=role, share_mode="git", remote=remote))
    other = "mentee" if role == "mentor" else "mentor"
    return (f"Shared {slug} through {remote} as the {role}. "
            f"The {other} joins with: mentortui join {remote} --as {other}")


def join_git(data: Path, remote: str, role: Role, interactive: bool = True) -> str:
    """Clone the pair ``remote`` holds into ``<data>/shared/<slug>/`` and link it; returns
    the pair's short name. Refused when the remote holds no pair, or several, or when a
    pair of that name exists here already."""
    remote = remote_url(remote)
    if not _remote_refs(remote, interactive):
        raise ShareError(f"{remote} is empty: the pair has not been shared into it yet")
    ensure_private_dir(data)
    ensure_private_dir(data / SHARED_FOLDER)
    building = Path(tempfile.mkdtemp(prefix=".join.", dir=data / SHARED_FOLDER))
    try:
        git = Git(building, interactive, role=role)
        result = git.run("clone", "--quiet", "--origin", REMOTE, remote, str(git.root), check=False)
        if result.returncode != 0:
            raise GitUnreachable(f"cannot clone {remote}: {git_problem(result)}")
        slug = _the_pair_in(git, remote)
        _check_new(data, slug)
        info = building / ".git" / "info"
        info.mkdir(parents=True, exist_ok=True)
        (info / "attributes").write_text(ATTRIBUTES)
        os.rename(building, share_root(data, slug))
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    root = share_root(data, slug)
    os.chmod(root, PRIVATE_DIR_MODE)
    os.chmod(root / f"{slug}{PAIR_SUFFIX}", PRIVATE_FILE_MODE)
    link_pair(data, slug, root / f"{slug}{PAIR_SUFFIX}")
    save_pair_settings(data, slug, PairSettings(role=role, share_mode="git", remote=remote))
    return slug


def _the_pair_in(git: Git, remote: str) -> str:
    """The short name of the one pair file a fresh clone holds; it must be a pair."""
    listed = git.run("ls-files", "-z").stdout.decode("utf-8", "replace").split("\0")
    names = [name for name in listed if name.endswith(PAIR_SUFFIX) and "/" not in name and not name.startswith(".")]
    if not names:
        raise ShareError(f"{remote} holds no mentortui pair (no {PAIR_SUFFIX} file at its top)")
    if len(names) > 1:
        raise ShareError(f"{remote} holds {len(names)} files that may be pairs; it should hold one")
    slug = names[0].removesuffix(PAIR_SUFFIX)
    try:
        check_slug(slug)
        read_documents(git.root / names[0])
    except (BadPairName, PairFileError) as error:
        raise ShareError(f"{remote} does not hold a mentortui pair: {error}") from None
    return slug


def _check_new(data: Path, slug: str) -> None:
    if os.path.lexists(pair_path(data, slug)):
        raise ShareError(f"a pair called {slug} exists already in {data}; nothing was joined")
    if os.path.lexists(share_root(data, slug)):
        raise ShareError(f"{share_root(data, slug)} exists already; move it away to join {slug}")


def sync_git(data: Path, slug: str, settings: PairSettings, interactive: bool) -> SyncOutcome:
    """Commit this machine's changes, fetch, merge and push (a rejected push is fetched,
    merged and pushed once more). The caller holds the pair's lock. Offline, the commits
    wait here and the outcome says how many changes are not shared yet."""
    root = share_root(data, slug)
    name = f"{slug}{PAIR_SUFFIX}"
    if not (root / ".git").is_dir():
        raise ShareError(f"{root} is not a git work tree; share {slug} again or join it again")
    git = Git(root, interactive, role=settings.role)
    head = git.show(f"HEAD:{name}")
    committed = _document_or_empty(head, root / name)
    git.name = person_name(committed, settings.role)
    _finish_merge(git, slug)
    mine = read_documents(root / name)
    _commit(git, data, slug, f"{git.name} ({settings.role}): {changed_records(committed, mine)} changes")
    problem = ""
    try:
        for attempt in range(2):
            _fetch_and_merge(git, slug)
            rejected = _push(git, settings.remote or REMOTE)
            if not rejected:
                break
            if attempt == 1:
                problem = f"{settings.remote} refused the changes ({rejected})"
    except GitUnreachable as error:
        problem = f"Could not sync {slug}: {error}"
    os.chmod(root / name, PRIVATE_FILE_MODE)
    after = read_documents(root / name)
    return outcome(slug, settings.role, mine, after, unshared_git(data, slug), problem)


def _document_or_empty(data: bytes | None, path: Path) -> dict[str, Any]:
    if data is None:
        return {}
    try:
        return read_documents(path, data)
    except PairFileError:
        return {}


def _fetch_and_merge(git: Git, slug: str) -> None:
    result = git.run("fetch", "--quiet", REMOTE, check=False)
    if result.returncode != 0:
        raise GitUnreachable(f"cannot fetch: {git_problem(result)}")
    if git.run("rev-parse", "--verify", "--quiet", REMOTE_BRANCH, check=False).returncode != 0:
        return
    merged = git.run("merge", "--quiet", "--no-edit", REMOTE_BRANCH, check=False)
    if merged.returncode != 0:
        _finish_merge(git, slug)


def _finish_merge(git: Git, slug: str) -> None:
    """Finish a merge git left unfinished (ours, or a manual ``git pull`` that wrote
    conflict markers): the pair file is rebuilt from git's index stages (:1: ancestor,
    :2: ours, :3: theirs) with the pair merge, and the merge is committed."""
    name = f"{slug}{PAIR_SUFFIX}"
    unmerged = git.run("diff", "--name-only", "-z", "--diff-filter=U").stdout.decode("utf-8", "replace")
    conflicted = [path for path in unmerged.split("\0") if path]
    for path in conflicted:
        if path != name:
            _abort_merge(git)
            raise ShareError(f"git left {path} conflicted; only {name} belongs in the pair's repository")
        ours, theirs = git.show(f":2:{name}"), git.show(f":3:{name}")
        if ours is None or theirs is None:
            _abort_merge(git)
            raise ShareError(f"git left {name} deleted on one side; the merge was undone")
        try:
            merged = merge_pair_bytes(git.show(f":1:{name}"), ours, theirs, Path(name))
        except PairFileError as error:
            _abort_merge(git)
            raise ShareError(f"the merge was undone, nothing changed: {error}") from None
        atomic_write(git.root / name, merged.data)
        git.run("add", "--", name)
    if (git.root / ".git" / "MERGE_HEAD").exists():
        git.run("commit", "--quiet", "--no-edit", "--no-verify")


def _abort_merge(git: Git) -> None:
    git.run("merge", "--abort", check=False)


def _push(git: Git, remote: str) -> str:
    """Push main; "" when it went through, git's reason when the remote refused it (some
    other push came first, a hook said no). Any other failure is GitUnreachable."""
    result = git.run("push", "--porcelain", REMOTE, f"HEAD:refs/heads/{BRANCH}", check=False)
    if result.returncode == 0:
        return ""
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("!"):
            return line.split("\t")[-1].strip() or "rejected"
    raise GitUnreachable(f"cannot push to {remote}: {git_problem(result)}")


def unshared_git(data: Path, slug: str) -> int:
    """How many records differ between this machine's pair file and the remote's, as
    last fetched: the changes the other person does not have yet."""
    root = share_root(data, slug)
    name = f"{slug}{PAIR_SUFFIX}"
    git = Git(root, interactive=False)
    shared = _document_or_empty(git.show(f"{REMOTE_BRANCH}:{name}"), root / name)
    return changed_records(shared, read_documents(root / name))
