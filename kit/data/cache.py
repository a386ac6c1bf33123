"""One rule for the kit's caches of parsed data (OCDS, CDMX tables): when, and under what key.

An entry is named by a digest of the kit's version, the cache's format number, each file's
resolved path, size and modification time, and whatever else decides the parsed result (a block
size, the code of the rules): an edited file, a new kit or new rules mean a new entry, and an old
one is never read by mistake. ``KIT_NO_CACHE=1`` turns every cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from kit import __version__

__all__ = ["enabled", "file_key", "staging"]


def enabled() -> bool:
    """False when ``KIT_NO_CACHE`` is set to anything but ``0``."""
    return os.environ.get("KIT_NO_CACHE", "") in ("", "0")


def file_key(
    paths: Path | Sequence[Path],
    fmt: int | str,
    *extra: object,
    rules: tuple[Path, Sequence[str]] | None = None,
) -> str | None:
    """The entry name for these files, or None when they cannot be cached (a folder, a URL,
    a missing file) or caching is off. ``rules`` (a folder and module names in it) are the code
    that decides the parsed result: editing one of them means a new entry."""
    files = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    if not enabled() or not files or not all(f.is_file() for f in files):
        return None
    if rules is not None:
        folder, names = rules
        try:
            extra = (*extra, *(f"{n}:{(folder / n).stat().st_mtime_ns}" for n in names))
        except OSError:
            return None
    digest = hashlib.sha256(f"{__version__}|{fmt}".encode())
    for file in files:
        stat = file.stat()
        digest.update(f"|{file.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    for part in extra:
        digest.update(f"|{part}".encode())
    return digest.hexdigest()[:32]


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A new folder beside ``target`` to write an entry into, renamed to ``target`` when the
    block ends without error (readers see the whole entry or none; when two processes build the
    same entry the first rename wins), removed otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=".writing-"))
    try:
        yield work
        if not target.exists():
            work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
