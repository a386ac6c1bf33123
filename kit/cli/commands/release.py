"""kit release [TRACK ...]: write challenges/ from solutions/ (idempotent)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.cli.base import BaseCommand
from kit.i18n import messages

MSG = messages(
    "cmd_release",
    {
        "written": ("escrito", "written"),
        "unchanged": ("sin cambios", "unchanged"),
        "removed": ("eliminado (ya no está en solutions/)", "removed (no longer in solutions/)"),
        "summary": (
            "{written} escrito(s), {unchanged} sin cambios, {removed} eliminado(s).",
            "{written} written, {unchanged} unchanged, {removed} removed.",
        ),
    },
)


class Command(BaseCommand):
    name = "release"
    help = "genera challenges/ desde solutions/ con nbgrader / release participant notebooks"
    description = (
        "Genera los cuadernos de participantes (challenges/) desde las fuentes con soluciones\n"
        "(solutions/): reemplaza soluciones por un espacio para responder, quita las pruebas\n"
        "ocultas y las salidas, y bloquea celdas como nbgrader.\n"
        "Publicar dos veces no cambia nada.\n\n"
        "Writes participant notebooks (challenges/) from the solution sources (solutions/):\n"
        "solutions become a blank to fill, hidden tests and outputs are removed, cells are\n"
        "locked as nbgrader does. Releasing twice changes nothing."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("tracks", nargs="*", metavar="TRACK", help="track(s); default: all")
        parser.add_argument("--root", type=Path, help="raíz del kit / kit root (default: cwd)")

    def handle(self, args: argparse.Namespace) -> int:
        from kit.organizer.layout import KitLayout
        from kit.organizer.release import release

        layout = KitLayout.find(args.root)
        totals = {"written": 0, "unchanged": 0, "removed": 0}
        for result in release(layout, args.tracks or None):
            for state in totals:
                for path in getattr(result, state):
                    print(f"{MSG[state]}: {path.relative_to(layout.root)}")
                    totals[state] += 1
        print(MSG["summary"].format(**totals))
        return 0
