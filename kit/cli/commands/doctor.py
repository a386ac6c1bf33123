"""kit doctor: is this machine ready for the kit? One row per check, and what to run if not."""

from __future__ import annotations

import argparse
import time

from kit.cli.base import BaseCommand
from kit.i18n import messages

MSG = messages(
    "doctor",
    {
        "check": ("Revisión", "Check"),
        "state": ("Estado", "State"),
        "detail": ("Detalle", "Detail"),
        "passed": ("✅ bien", "✅ ok"),
        "failed": ("❌ falla", "❌ failed"),
        "skipped": ("➖ omitida", "➖ skipped"),
        "run": ("→ ejecuta:", "→ run:"),
        "ready": ("Todo listo ({seconds:.1f} s).", "All set ({seconds:.1f} s)."),
        "not_ready": (
            "{n} revisión(es) con problemas ({seconds:.1f} s). Para arreglarlo, ejecuta:",
            "{n} check(s) failed ({seconds:.1f} s). To fix it, run:",
        ),
    },
)


class Command(BaseCommand):
    name = "doctor"
    help = "revisa que esta máquina esté lista / check this machine is ready"
    description = (
        "Revisa Python, los paquetes del kit (versión e importación), que el kernel de Jupyter\n"
        "arranque e importe el kit, la extensión de widgets de JupyterLab, los datos de muestra\n"
        "y el espacio en disco. Con --organizer, también el sandbox de `kit grade` (bubblewrap)\n"
        "y `alembic`. Sale con código 1 si algo falla y dice qué ejecutar para arreglarlo.\n\n"
        "Checks Python, the kit's packages (version and import), that the Jupyter kernel starts\n"
        "and imports the kit, JupyterLab's widgets extension, the sample data and disk space.\n"
        "With --organizer, also `kit grade`'s sandbox (bubblewrap) and `alembic`. Exits 1 if\n"
        "something fails and says what to run to fix it."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--organizer",
            action="store_true",
            help="también lo que necesita `kit grade` / also what `kit grade` needs",
        )

    def handle(self, args: argparse.Namespace) -> int:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from kit.doctor import run_checks

        started = time.perf_counter()
        checks = run_checks(organizer=args.organizer)
        seconds = time.perf_counter() - started
        table = Table(title="kit doctor")
        table.add_column(MSG["check"].get())
        table.add_column(MSG["state"].get(), no_wrap=True)
        table.add_column(MSG["detail"].get(), overflow="fold")
        for check in checks:
            state = "skipped" if check.skipped else "passed" if check.ok else "failed"
            detail = Text(check.detail)
            if check.fix:
                detail.append(f"\n{MSG['run'].get()} ", style="bold")
                detail.append(check.fix.replace("\n", "\n  "), style="bold yellow")
            table.add_row(check.name, MSG[state].get(), detail)
        Console().print(table)
        failed = [check for check in checks if check.failed]
        if not failed:
            print(MSG["ready"].format(seconds=seconds))
            return 0
        print(MSG["not_ready"].format(n=len(failed), seconds=seconds))
        for check in failed:  # unwrapped, to copy and paste
            for line in (check.fix or "").splitlines():
                print(f"  {line}")
        return 1
