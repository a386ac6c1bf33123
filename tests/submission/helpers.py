"""Work folders and zips to test submissions on: tiny notebooks run in a fraction of a second."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kit.submission.licence import add_licence
from kit.submission.manifest import FORMAT, MANIFEST_NAME


def tiny_notebook(*sources: str) -> nbformat.NotebookNode:
    """A notebook: a markdown title, then one code cell per source."""
    cells = [new_markdown_cell("# Prueba"), *(new_code_cell(source) for source in sources)]
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return new_notebook(cells=cells, metadata={"kernelspec": kernelspec})


def make_work(root: Path, notebooks: dict[str, tuple[str, ...]], licence: bool = True) -> Path:
    """A track's work folder ``root/trabajo/demo`` holding the notebooks given by their cells."""
    folder = root / "trabajo" / "demo"
    folder.mkdir(parents=True)
    for name, sources in notebooks.items():
        nbformat.write(tiny_notebook(*sources), folder / name)
    if licence:
        add_licence(folder, "MIT", "Datos Claros", year=2025)
    return folder


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_for(entries: dict[str, bytes], **changes: object) -> dict:
    """A valid manifest for ``entries`` (zip paths → bytes), with ``changes`` applied."""
    data = {
        "format": FORMAT,
        "team": "Datos Claros",
        "members": ["Ana", "Luis"],
        "track": "demo",
        "kit_version": "0.1.0",
        "created": "2025-05-01T12:00:00Z",
        "license": "MIT",
        "ran": True,
        "notebooks": {n: sha(d) for n, d in entries.items() if n.endswith(".ipynb")},
        "files": {n: sha(d) for n, d in entries.items() if not n.endswith(".ipynb")},
    }
    data.update(changes)
    return data


def write_zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return path


def submission_zip(path: Path, files: dict[str, bytes], manifest: dict | None = None) -> Path:
    """A zip with ``files`` and a manifest (by default, the right one for them)."""
    manifest = manifest if manifest is not None else manifest_for(files)
    raw = json.dumps(manifest).encode()
    return write_zip(path, [(MANIFEST_NAME, raw), *files.items()])


NOTEBOOK = nbformat.writes(tiny_notebook("x = 1")).encode()
