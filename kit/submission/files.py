"""Which files of a work folder go into a submission, and which are left out (and why)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from kit.i18n import messages
from kit.submission.manifest import MAX_FILE_BYTES

__all__ = ["Collected", "collect_files"]

SKIPPED_DIRS = {"__pycache__", ".ipynb_checkpoints"}

MSG = messages(
    "submission_files",
    {
        "too_big": (
            "{name} no se incluye: pesa {size:.1f} MB (máximo {limit:.0f} MB por archivo). "
            "Comparte los datos grandes con un enlace en el README.",
            "{name} is left out: {size:.1f} MB (at most {limit:.0f} MB per file). Share large "
            "data through a link in the README.",
        ),
        "symlink": (
            "{name} no se incluye: es un enlace simbólico; copia el archivo en su lugar.",
            "{name} is left out: it is a symbolic link; copy the file instead.",
        ),
        "special": (
            "{name} no se incluye: no es un archivo normal.",
            "{name} is left out: it is not a regular file.",
        ),
        "old_zip": (
            "{name} no se incluye: parece un envío anterior.",
            "{name} is left out: it looks like an earlier submission.",
        ),
    },
)


@dataclass
class Collected:
    """Files to pack (path inside the work folder → file on disk) and warnings of files left out."""

    files: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def notebooks(self) -> list[str]:
        return [name for name in self.files if name.endswith(".ipynb")]


def collect_files(folder: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Collected:
    """Every file of ``folder`` worth submitting, in sorted order.

    Hidden files and folders, ``__pycache__``, ``.ipynb_checkpoints`` and ``.pyc`` are skipped
    silently; symbolic links, earlier submission zips and files over ``max_bytes`` with a warning.
    """
    collected = Collected()
    for here, dirs, names in os.walk(folder):  # symbolic links to folders are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in [d for d in dirs if Path(here, d).is_symlink()]:
            dirs.remove(name)
            relative = Path(here, name).relative_to(folder).as_posix()
            collected.warnings.append(MSG["symlink"].format(name=relative))
        for name in sorted(names):
            path = Path(here, name)
            relative = path.relative_to(folder).as_posix()
            if name.startswith(".") or name.endswith(".pyc"):
                continue
            warning = _left_out(path, relative, max_bytes)
            if warning:
                collected.warnings.append(warning)
            else:
                collected.files[relative] = path
    return collected


def _left_out(path: Path, relative: str, max_bytes: int) -> str | None:
    if path.is_symlink():
        return MSG["symlink"].format(name=relative)
    if not path.is_file():  # a pipe or device would never end reading
        return MSG["special"].format(name=relative)
    if path.suffix == ".zip" and "__" in path.name:
        return MSG["old_zip"].format(name=relative)
    size = path.stat().st_size
    if size > max_bytes:
        mb = 1024 * 1024
        return MSG["too_big"].format(name=relative, size=size / mb, limit=max_bytes / mb)
    return None
