"""kit submit FOLDER --team NAME --member NAME ...: pack a team's track into a checked zip."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.cli.base import BaseCommand, CommandError
from kit.i18n import messages

MSG = messages(
    "cmd_submit",
    {
        "folder": ("carpeta de trabajo del reto", "the track's work folder"),
        "team": ("nombre del equipo", "team name"),
        "member": ("integrante (repite la opción por persona)", "member (repeat per person)"),
        "members_file": ("archivo con un nombre por línea", "file with one name per line"),
        "track": ("nombre del reto (por omisión: el de la carpeta)", "track (default: folder's)"),
        "output": ("carpeta del zip (por omisión: la actual)", "zip folder (default: current)"),
        "timeout": ("segundos por celda (120)", "seconds per cell (120)"),
        "skip_run": (
            'no ejecuta los cuadernos (el manifiesto dirá "ran": false)',
            'do not run the notebooks (the manifest says "ran": false)',
        ),
        "add_license": (
            "escribe LICENSE con esta licencia, el equipo y el año",
            "write LICENSE with this licence, the team and the year",
        ),
        "licence_added": ("Licencia escrita: {path}", "Licence written: {path}"),
        "running": ("Ejecutando cuadernos desde un kernel limpio…", "Running notebooks…"),
        "not_run": (
            "Cuadernos sin ejecutar (--skip-run): el manifiesto lo registra.",
            "Notebooks not run (--skip-run): the manifest records it.",
        ),
        "refused": (
            "{n} regla(s) sin cumplir; corrígelas y vuelve a ejecutar `kit submit`. No se "
            "escribió ningún zip.",
            "{n} rule(s) broken; fix them and run `kit submit` again. No zip was written.",
        ),
        "written": ("Envío listo: {path}", "Submission ready: {path}"),
        "row_team": ("Equipo", "Team"),
        "row_track": ("Reto", "Track"),
        "members": ("Integrantes", "Members"),
        "licence": ("Licencia", "Licence"),
        "notebooks": ("Cuadernos", "Notebooks"),
        "files": ("Otros archivos", "Other files"),
        "size": ("Tamaño", "Size"),
        "yes": ("sí", "yes"),
        "no": ("no", "no"),
        "ran_field": ("Ejecutados", "Ran"),
    },
)


def _bilingual(key: str) -> str:
    return f"{MSG[key].get('es')} / {MSG[key].get('en')}"


class Command(BaseCommand):
    name = "submit"
    help = "empaca el trabajo del equipo para entregarlo / pack the team's work to submit it"
    description = (
        "Revisa las reglas de las bases y empaca la carpeta de trabajo de un reto en\n"
        "<equipo>__<reto>.zip con un manifiesto (kit-submission.json): equipo de 1 a 6\n"
        "integrantes, una licencia abierta (LICENSE) y cada cuaderno corre de principio a fin\n"
        "en un kernel limpio. Si algo falla, lista todas las reglas rotas y no escribe el zip.\n\n"
        "Checks the rules of the participation bases and packs a track's work folder into\n"
        "<team>__<track>.zip with a manifest (kit-submission.json): a team of 1 to 6 members,\n"
        "an open licence (LICENSE), and every notebook runs top to bottom in a clean kernel. If\n"
        "anything fails it lists every broken rule and writes no zip.\n\n"
        "  kit submit trabajo/contrataciones --team 'Datos Claros' --member Ana --member Luis"
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("folder", type=Path, metavar="TRACK_FOLDER", help=_bilingual("folder"))
        parser.add_argument("--team", required=True, metavar="NAME", help=_bilingual("team"))
        parser.add_argument(
            "--member", action="append", default=[], metavar="NAME", help=_bilingual("member")
        )
        parser.add_argument(
            "--members-file", type=Path, metavar="FILE", help=_bilingual("members_file")
        )
        parser.add_argument("--track", metavar="NAME", help=_bilingual("track"))
        parser.add_argument("--output", type=Path, metavar="DIR", help=_bilingual("output"))
        parser.add_argument(
            "--timeout", type=float, default=120, metavar="SECONDS", help=_bilingual("timeout")
        )
        parser.add_argument("--skip-run", action="store_true", help=_bilingual("skip_run"))
        parser.add_argument(
            "--add-license", choices=["MIT"], metavar="MIT", help=_bilingual("add_license")
        )

    def handle(self, args: argparse.Namespace) -> int:
        from rich.console import Console
        from rich.text import Text

        from kit.submission.errors import SubmissionRefused
        from kit.submission.licence import add_licence
        from kit.submission.pack import pack
        from kit.submission.rules import clean_name, read_members_file

        if not args.skip_run:  # the kernel zygote starts while the folder is checked
            from kit.organizer.kernels import start_fork_server_soon

            start_fork_server_soon()
        console = Console(stderr=True, highlight=False)
        members = list(args.member)
        if args.members_file:
            members += read_members_file(args.members_file)
        if args.add_license and args.folder.is_dir():
            path = add_licence(args.folder, args.add_license, clean_name(args.team))
            console.print(MSG["licence_added"].format(path=path))
        console.print(MSG["not_run"].get() if args.skip_run else MSG["running"].get())
        try:
            packed = pack(
                args.folder,
                team=args.team,
                members=members,
                track=args.track,
                output=args.output,
                timeout=args.timeout,
                run=not args.skip_run,
                on_run=lambda run: console.print(
                    f"  {'✓' if run.ok else '✗'} {run.name} ({run.seconds:.1f} s)", markup=False
                ),
            )
        except SubmissionRefused as refused:
            for rule in refused.broken:
                console.print(Text.assemble(("  ✗ ", "red"), str(rule)), soft_wrap=True)
            raise CommandError(MSG["refused"].format(n=len(refused.broken))) from None
        for warning in packed.warnings:
            console.print(f"  ! {warning}", markup=False)
        _print_summary(packed)
        return 0


def _print_summary(packed) -> None:
    from rich.console import Console
    from rich.table import Table

    manifest = packed.manifest
    table = Table(show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    rows = [
        ("row_team", manifest.team),
        ("members", ", ".join(manifest.members)),
        ("row_track", manifest.track),
        ("licence", manifest.license),
        ("ran_field", str(MSG["yes" if manifest.ran else "no"])),
        ("notebooks", str(len(manifest.notebooks))),
        ("files", str(len(manifest.files))),
        ("size", f"{packed.size / 1024:.1f} KiB"),
    ]
    for key, value in rows:
        table.add_row(str(MSG[key]), value)
    table.add_row("sha256", packed.sha256)
    console = Console(highlight=False)
    console.print(table)
    console.print(MSG["written"].format(path=packed.path), markup=False)
