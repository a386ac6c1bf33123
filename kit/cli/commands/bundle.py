"""kit bundle: write the zip published to participants, refused if it would leak answers."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.cli.base import BaseCommand
from kit.i18n import messages

MSG = messages(
    "cmd_bundle",
    {
        "root": ("raíz del kit (por omisión: la actual)", "kit root (default: current folder)"),
        "output": (
            "zip a escribir (por omisión: dist/dataton-kit-participantes.zip en la raíz)",
            "zip to write (default: dist/dataton-kit-participantes.zip in the root)",
        ),
        "checking": (
            "Revisando que challenges/ esté al día y que nada de solutions/ se filtre…",
            "Checking that challenges/ is up to date and nothing of solutions/ leaks…",
        ),
        "files": ("Archivos", "Files"),
        "content": ("Contenido", "Content"),
        "size": ("Tamaño del zip", "Zip size"),
        "written": ("Paquete de participantes: {path}", "Participants' bundle: {path}"),
    },
)


def _bilingual(key: str) -> str:
    return f"{MSG[key].get('es')} / {MSG[key].get('en')}"


class Command(BaseCommand):
    name = "bundle"
    help = "escribe el zip para participantes / write the participants' zip"
    description = (
        "Escribe el zip que se publica a participantes: challenges/, el paquete kit (con los\n"
        "datos de muestra), README.md, pyproject.toml, environment.yml, la licencia y las\n"
        "páginas de docs/ para participantes. Nada de solutions/, ni pruebas ocultas, ni\n"
        "archivos de organización. Se niega (y dice archivo y línea) si encuentra una línea de\n"
        "solución o de prueba oculta, o si challenges/ no está al día. El mismo kit da los\n"
        "mismos bytes.\n\n"
        "Writes the zip published to participants: challenges/, the kit package (with the\n"
        "sample data), README.md, pyproject.toml, environment.yml, the licence and the docs/\n"
        "pages for participants. Nothing from solutions/, no hidden tests, no organizer files.\n"
        "Refuses (naming file and line) if it finds a solution or hidden-test line, or if\n"
        "challenges/ is stale. The same kit gives the same bytes."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--root", type=Path, metavar="DIR", help=_bilingual("root"))
        parser.add_argument("--output", type=Path, metavar="FILE", help=_bilingual("output"))

    def handle(self, args: argparse.Namespace) -> int:
        from rich.console import Console
        from rich.table import Table

        from kit.organizer.bundle import build_bundle
        from kit.organizer.layout import KitLayout

        layout = KitLayout.find(args.root)
        Console(stderr=True).print(MSG["checking"].get())
        bundle = build_bundle(layout, args.output)
        table = Table(show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        table.add_row(str(MSG["files"]), str(bundle.files))
        table.add_row(str(MSG["content"]), f"{bundle.content_bytes / 1024:.1f} KiB")
        table.add_row(str(MSG["size"]), f"{bundle.size / 1024:.1f} KiB")
        table.add_row("sha256", bundle.sha256)
        console = Console(highlight=False)
        console.print(table)
        console.print(MSG["written"].format(path=bundle.path), markup=False)
        return 0
