"""kit doctor: is this machine ready for the kit? One line per check, and what to do if not."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable

from kit.cli.base import BaseCommand
from kit.i18n import messages

MSG = messages(
    "doctor",
    {
        "python": ("Python {version}: compatible", "Python {version}: supported"),
        "old_python": (
            "Python {version}: el kit necesita 3.11 o más nuevo.",
            "Python {version}: the kit needs 3.11 or newer.",
        ),
        "packages": ("Paquetes del kit instalados", "The kit's packages are installed"),
        "missing": (
            "Faltan paquetes: {names}. Ejecuta `pip install -e .` en la raíz del kit.",
            "Missing packages: {names}. Run `pip install -e .` in the kit root.",
        ),
        "data": ("Datos de muestra íntegros", "Sample data intact"),
        "bad_data": (
            "Datos de muestra alterados o ausentes: {names}. Regenéralos con "
            "`python -m kit.samples`.",
            "Sample data changed or missing: {names}. Rebuild them with `python -m kit.samples`.",
        ),
        "data_ok": ("{n} archivo(s) iguales al manifiesto", "{n} file(s) match the manifest"),
        "sandbox": ("Sandbox para `kit grade`", "Sandbox for `kit grade`"),
        "check": ("Revisión", "Check"),
        "state": ("Estado", "State"),
        "ready": ("Todo listo.", "All set."),
        "not_ready": (
            "{n} revisión(es) con problemas; arriba dice qué hacer.",
            "{n} check(s) failed; what to do is said above.",
        ),
    },
)

_PACKAGES = ["pandas", "pyarrow", "matplotlib", "seaborn", "ipywidgets", "nbgrader", "papermill",
             "nbclient", "nbformat", "ocdsmerge", "rich", "jupyterlab"]  # fmt: skip


class Command(BaseCommand):
    name = "doctor"
    help = "revisa que esta máquina esté lista / check this machine is ready"
    description = (
        "Revisa Python, los paquetes, los datos de muestra y el sandbox de `kit grade`\n"
        "(bubblewrap). Sale con código 1 si algo falta y dice cómo arreglarlo.\n\n"
        "Checks Python, the packages, the sample data and `kit grade`'s sandbox (bubblewrap).\n"
        "Exits 1 if something is missing and says how to fix it."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        pass

    def handle(self, args: argparse.Namespace) -> int:
        from rich.console import Console
        from rich.table import Table

        checks: list[tuple[str, Callable[[], tuple[bool, str]]]] = [
            ("python", _python),
            ("packages", _packages),
            ("data", _data),
            ("sandbox", _sandbox),
        ]
        table = Table(title="kit doctor")
        table.add_column(MSG["check"].get())
        table.add_column(MSG["state"].get(), overflow="fold")
        failed = 0
        for key, check in checks:
            ok, text = check()
            failed += not ok
            label = "Python" if key == "python" else MSG[key].get()
            table.add_row(label, f"{'✅' if ok else '❌'} {text}")
        Console().print(table)
        print(MSG["ready"].get() if not failed else MSG["not_ready"].format(n=failed))
        return 1 if failed else 0


def _python() -> tuple[bool, str]:
    version = ".".join(map(str, sys.version_info[:3]))
    return sys.version_info >= (3, 11), MSG[
        "python" if sys.version_info >= (3, 11) else "old_python"
    ].format(version=version)


def _packages() -> tuple[bool, str]:
    missing = [name for name in _PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        return False, MSG["missing"].format(names=", ".join(missing))
    return True, ", ".join(_PACKAGES)


def _data() -> tuple[bool, str]:
    from kit.data import manifest, verify

    problems = verify()
    if problems:
        return False, MSG["bad_data"].format(names=", ".join(p.name for p in problems))
    return True, MSG["data_ok"].format(n=len(manifest()))


def _sandbox() -> tuple[bool, str]:
    from kit.organizer.grade.sandbox import sandbox_status

    return sandbox_status()
