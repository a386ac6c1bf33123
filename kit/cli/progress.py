"""The progress bar every long command shows: description, bar, done/total, time elapsed."""

from __future__ import annotations

from typing import Any


def progress_bar(console: Any) -> Any:
    """A transient rich ``Progress`` on ``console`` (use it as a context manager)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
