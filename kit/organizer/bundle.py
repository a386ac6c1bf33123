"""``kit bundle``: the zip published to participants, refused if it would give answers away.

The bundle is an allow-list: challenges/, the kit package (with its sample data), README.md,
pyproject.toml, environment.yml, the licence and the docs pages written for participants.
Nothing from solutions/, no organizer file. Before writing, every text file going in is
searched for every solution line and hidden-test line of solutions/ (the lines check 4 of
``kit validate`` looks for, :func:`kit.organizer.validate.leaks.secret_lines`), notebooks for
nbgrader markers, and challenges/ is compared with a fresh release; any finding refuses the
bundle. Entries are sorted and time-stamped 1980-01-01, so the same kit gives the same bytes.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kit.errors import KitError
from kit.i18n import messages
from kit.organizer.layout import KitLayout
from kit.organizer.validate.model import Finding

__all__ = [
    "ARCHIVE_ROOT",
    "DEFAULT_OUTPUT",
    "Bundle",
    "BundleError",
    "build_bundle",
    "bundle_files",
    "find_problems",
]

ARCHIVE_ROOT = "dataton-kit"  # participants unzip one folder, not a heap of files
DEFAULT_OUTPUT = Path("dist") / "dataton-kit-participantes.zip"
TOP_FILES = ("README.md", "pyproject.toml", "environment.yml", "postBuild")  # postBuild: Binder
LICENCE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENCE.md", "COPYING")
PARTICIPANT_DOCS = ("procurement.md", "indicators.md", "submission.md")
SKIPPED_DIRS = {"__pycache__", ".ipynb_checkpoints"}
#: Organizer folders and files never shipped from challenges/ (kit/ is shipped whole: it is code).
ORGANIZER_DIRS = {
    "solutions", "source", "submitted", "autograded", "feedback", "reports", "tests",
    "benchmarks", "mentorship_sessions",
}  # fmt: skip
ORGANIZER_FILES = ("nbgrader_config.py", "gradebook*.db*", "jury*", "jurado*")
MARKERS = ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

MSG = messages(
    "bundle",
    {
        "refused": (
            "No se escribió el paquete de participantes: {n} problema(s).",
            "The participants' bundle was not written: {n} problem(s).",
        ),
        "leak": (
            "línea de solución o prueba oculta de {source}: {line!r}. Quítala de este archivo "
            "(o corrige solutions/ y ejecuta kit release).",
            "solution or hidden-test line from {source}: {line!r}. Remove it from this file "
            "(or fix solutions/ and run kit release).",
        ),
        "marker": (
            "marcador de nbgrader {marker!r}: ejecuta kit release",
            "nbgrader marker {marker!r}: run kit release",
        ),
        "no_challenges": (
            "{folder} no existe: ejecuta kit release antes de kit bundle",
            "{folder} does not exist: run kit release before kit bundle",
        ),
    },
)


class BundleError(KitError):
    """The bundle would leak answers or ship stale notebooks; ``findings`` lists every one."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        lines = [MSG["refused"].format(n=len(findings)), *(f"  ✗ {f}" for f in findings)]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Bundle:
    """A written bundle: where, how many files, their total size, the zip's size and sha256."""

    path: Path
    files: int
    content_bytes: int
    size: int
    sha256: str


def bundle_files(layout: KitLayout) -> dict[str, Path]:
    """What goes into the bundle: path inside the bundle (sorted) → file on disk."""
    root = layout.root
    files: dict[str, Path] = {}
    for name in (*TOP_FILES, *LICENCE_FILES):
        if (root / name).is_file():
            files[name] = root / name
    for name in PARTICIPANT_DOCS:
        if (root / "docs" / name).is_file():
            files[f"docs/{name}"] = root / "docs" / name
    for tree, organizer in (("challenges", True), ("kit", False)):
        for path in _walk(root / tree, organizer):
            files[path.relative_to(root).as_posix()] = path
    return dict(sorted(files.items()))


def _walk(folder: Path, skip_organizer: bool) -> Iterator[Path]:
    for here, dirs, names in os.walk(folder):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIPPED_DIRS
            and not (skip_organizer and d in ORGANIZER_DIRS)
        )
        for name in sorted(names):
            if name.startswith(".") or name.endswith((".pyc", ".pyo")):
                continue
            if skip_organizer and any(fnmatch.fnmatch(name, p) for p in ORGANIZER_FILES):
                continue
            path = Path(here, name)
            if path.is_file() and not path.is_symlink():
                yield path


def find_problems(layout: KitLayout, files: dict[str, Path]) -> list[Finding]:
    """Stale challenges, nbgrader markers and solution or hidden-test lines in ``files``."""
    from kit.organizer.validate.leaks import secret_lines
    from kit.organizer.validate.pairs import read_pairs
    from kit.organizer.validate.staleness import check_release

    if not layout.challenges.is_dir():
        message = MSG["no_challenges"].format(folder=layout.challenges)
        return [Finding("release", "challenges/", message)]
    pairs = read_pairs(layout)
    found, _ = check_release(layout, pairs)
    secrets: dict[str, str] = {}
    for pair in pairs:
        for _, line in secret_lines(pair.source):
            secrets.setdefault(line, pair.label(layout.root))
    for name, path in files.items():
        found += _leaks(name, path, secrets)
    return found


def _leaks(name: str, path: Path, secrets: dict[str, str]) -> list[Finding]:
    found = []
    for cell, number, text in _lines(path):
        where = f"{name}:{number}"
        if cell is not None:
            found += [
                Finding("leaks", where, MSG["marker"].format(marker=marker), cell)
                for marker in MARKERS
                if marker in text
            ]
        for secret, source in secrets.items():
            if secret in text:
                message = MSG["leak"].format(source=source, line=secret[:80])
                found.append(Finding("leaks", where, message, cell))
    return found


def _lines(path: Path) -> Iterator[tuple[int | None, int, str]]:
    """(cell index or None, line number from 1, text) of a text file; notebooks by cell."""
    data = path.read_bytes()
    if b"\0" in data:
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    cells = _notebook_cells(text) if path.suffix == ".ipynb" else None
    if cells is None:
        for number, line in enumerate(text.splitlines(), start=1):
            yield None, number, line
        return
    for index, source in enumerate(cells):
        for number, line in enumerate(source.splitlines(), start=1):
            yield index, number, line


def _notebook_cells(text: str) -> list[str] | None:
    """The cells' sources (JSON escapes undone), or None when the text is not a notebook."""
    try:
        nb = json.loads(text)
        return ["".join(c.get("source", "")) for c in nb["cells"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def build_bundle(layout: KitLayout, output: Path | str | None = None) -> Bundle:
    """Check and write the participants' bundle (default ``<root>/dist/…``); BundleError if not."""
    target = Path(output).resolve() if output else layout.root / DEFAULT_OUTPUT
    files = {n: p for n, p in bundle_files(layout).items() if p.resolve() != target}
    problems = find_problems(layout, files)
    if problems:
        raise BundleError(problems)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".kit-bundle-", suffix=".zip", dir=target.parent)
    os.close(handle)
    total = 0
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            for name, path in files.items():
                data = path.read_bytes()
                total += len(data)
                archive.writestr(_entry(f"{ARCHIVE_ROOT}/{name}"), data, compresslevel=9)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    data = target.read_bytes()
    return Bundle(target, len(files), total, len(data), hashlib.sha256(data).hexdigest())


def _entry(name: str) -> zipfile.ZipInfo:
    """A zip entry that depends only on its name: fixed time, mode and system."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info
