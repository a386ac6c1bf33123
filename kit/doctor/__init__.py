"""``kit doctor``: is this machine ready to work the kit's notebooks?

:func:`run_checks` probes the participant's environment one check at a time (Python, the kit's
packages, the Jupyter kernel, the widgets extension, the sample data, disk space) plus the
organizers' tools when asked, and returns one :class:`Check` each, with the command that fixes
a failure. Printing them is the command's job (:mod:`kit.cli.commands.doctor`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kit.doctor import checks, kernel
from kit.doctor.result import Check

__all__ = ["Check", "run_checks"]


def run_checks(
    organizer: bool = False, *, kernel_name: str = kernel.KERNEL, where: str | Path | None = None
) -> list[Check]:
    """Every check, in a fixed order; the organizers' ones count only when ``organizer``.

    The kernel starts in a thread while this process imports the kit's packages: it is a
    separate process, so the two overlap and the whole run takes the longer of the two.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        started = pool.submit(kernel.kernel_starts, kernel_name)
        first = [checks.python_version(), checks.dependencies()]
        rest = [checks.widgets_extension(), checks.sample_data(), checks.disk_space(where)]
        rest += [checks.sandbox(organizer), checks.alembic(organizer)]
        return [*first, started.result(), *rest]
