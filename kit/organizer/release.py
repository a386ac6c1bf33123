"""``kit release``: participant notebooks (challenges/) from the solution sources (solutions/).

The transform is nbgrader's own, step by step: the preprocessors of nbgrader's
``GenerateAssignment`` converter in the same order, configured by ``nbgrader_config.py``, minus
``SaveCells`` (which only fills the gradebook; ``kit grade`` does that when grading). A test
proves the output equals ``nbgrader generate_assignment``'s. Releasing twice changes nothing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from kit.errors import KitError, ReleaseError
from kit.organizer.languages import language_files, single_language
from kit.organizer.layout import KitLayout

__all__ = [
    "ReleaseResult",
    "load_config",
    "planned_release",
    "release",
    "release_notebook",
    "release_text",
    "released_files",
]


def load_config(layout: KitLayout) -> Config:
    """The kit's nbgrader configuration (``nbgrader_config.py``)."""
    loader = PyFileConfigLoader(layout.config_file.name, path=str(layout.root))
    return loader.load_config()


def _preprocessors(config: Config) -> list:
    from nbgrader import preprocessors as pp

    steps = [
        pp.LockCells,
        pp.ClearSolutions,
        pp.ClearOutput,
        pp.CheckCellMetadata,
        pp.ComputeChecksums,
        pp.ClearHiddenTests,  # after ComputeChecksums: checksums are of the source cells
        pp.ClearMarkScheme,
        pp.ComputeChecksums,  # again, now of the released cells
        pp.CheckCellMetadata,
    ]
    return [step(config=config) for step in steps]


def release_notebook(source: NotebookNode, config: Config, name: str = "") -> NotebookNode:
    """The participant version of one solution notebook (the source is not modified)."""
    nb = copy.deepcopy(source)
    resources: dict = {"unique_key": name, "nbgrader": {"notebook": name}}
    try:
        for step in _preprocessors(config):
            nb, resources = step.preprocess(nb, resources)
    except Exception as error:  # nbgrader raises plain RuntimeError for authoring mistakes
        raise ReleaseError(f"{name}: {error}") from error
    return _normalised(nb)


def _normalised(nb: NotebookNode) -> NotebookNode:
    """Drop what a run leaves behind, so a release only changes when the source does."""
    for key in ("papermill", "widgets", "execution"):
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in ("execution", "papermill", "collapsed", "scrolled"):
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.execution_count = None
            cell.outputs = []
    return nb


def release_text(
    source: NotebookNode, config: Config, name: str, language: str | None = None
) -> str:
    """The released notebook exactly as ``kit release`` writes it to disk.

    ``language`` releases one language of a source that names a file per language
    (:func:`kit.organizer.languages.language_files`).
    """
    if language:
        source = single_language(source, language)
    return nbformat.writes(release_notebook(source, config, name=name)) + "\n"


def released_files(source: NotebookNode, source_name: str) -> dict[str, str | None]:
    """The challenge file(s) of one source: file name -> language (None: both in one file)."""
    files = language_files(source)
    if not files:
        return {source_name: None}
    return {name: lang for lang, name in files.items()}


def planned_release(layout: KitLayout, track: str) -> dict[str, str]:
    """What ``challenges/<track>/`` should hold now: file name -> notebook text."""
    config = load_config(layout)
    planned = {}
    for path in layout.solution_notebooks(track):
        source = nbformat.read(path, as_version=4)
        for name, lang in released_files(source, path.name).items():
            planned[name] = release_text(source, config, f"{track}/{name}", lang)
    return planned


@dataclass
class ReleaseResult:
    """What a release changed in one track."""

    track: str
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def release(layout: KitLayout, tracks: list[str] | None = None) -> list[ReleaseResult]:
    """Write ``challenges/`` from ``solutions/``; files already up to date are left untouched."""
    chosen = tracks or layout.tracks()
    try:
        layout.check_tracks(chosen)
    except KitError as unknown:
        raise ReleaseError(str(unknown)) from None
    return [_release_track(layout, track) for track in chosen]


def _release_track(layout: KitLayout, track: str) -> ReleaseResult:
    result = ReleaseResult(track)
    folder = layout.challenges / track
    folder.mkdir(parents=True, exist_ok=True)
    planned = planned_release(layout, track)
    for name, text in planned.items():
        target = folder / name
        if target.exists() and target.read_text(encoding="utf-8") == text:
            result.unchanged.append(target)
        else:
            target.write_text(text, encoding="utf-8")
            result.written.append(target)
    for stale in sorted(folder.glob("*.ipynb")):
        if stale.name not in planned:
            stale.unlink()
            result.removed.append(stale)
    return result
