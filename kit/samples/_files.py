"""Writing a generated sample: the same few steps for every generator, kept in one place."""

from __future__ import annotations

from pathlib import Path

from kit import data

__all__ = ["record_files", "write_files"]


def write_files(
    files: dict[str, bytes], sample: str, folder: Path | None = None
) -> tuple[list[Path], bool]:
    """Write ``files`` (relative name -> bytes) under ``folder``, by default ``kit/data/<sample>``.

    Returns the paths written and whether that was the bundled copy: only then may the caller
    refresh ``kit/data/manifest.json`` (a copy written elsewhere must not change the manifest).
    """
    bundled = data.DATA_DIR / sample
    target = Path(folder) if folder is not None else bundled
    written = []
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written, target.resolve() == bundled.resolve()


def record_files(
    sample: str, formats: dict[str, str], rows: dict[str, int], **common: object
) -> None:
    """Refresh the manifest entry of each bundled file of ``sample``: its format, its row count
    when ``rows`` has one, and what every file shares (``generator``, ``seed``, ``license``)."""
    for name, description in formats.items():
        extra = {"rows": {"rows": rows[name]}} if name in rows else {}
        data.record(f"{sample}/{name}", format=description, **extra, **common)
