"""kit start: a participant's own copy of the notebooks, then JupyterLab opened there."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from kit.cli.base import BaseCommand
from kit.i18n import get_language, messages

MSG = messages(
    "cmd_start",
    {
        "copied": ("copiado: {path}", "copied: {path}"),
        "kept": (
            "{n} cuaderno(s) ya estaban en tu carpeta; no se tocaron.",
            "{n} notebook(s) were already in your folder; left untouched.",
        ),
        "newer": (
            "Hay una versión nueva de {work} (tu copia no se toca).",
            "There is a new version of {work} (your copy is not touched).",
        ),
        "beside": ("  la nueva está al lado: {side}", "  the new one is beside it: {side}"),
        "offer": (
            "  para ponerla al lado de la tuya: kit start {track} --side-by-side",
            "  to put it beside yours: kit start {track} --side-by-side",
        ),
        "ask": (
            "¿Copiar las versiones nuevas al lado de las tuyas? [s/N] ",
            "Copy the new versions beside yours? [y/N] ",
        ),
        "yes": ("s", "y"),
        "folder": ("Tu carpeta de trabajo: {folder}", "Your work folder: {folder}"),
        "opening": (
            "Abriendo JupyterLab en {path} (Ctrl+C para cerrarlo)…",
            "Opening JupyterLab at {path} (Ctrl+C to close it)…",
        ),
        "later": (
            "Para abrir JupyterLab después: jupyter lab {path}",
            "To open JupyterLab later: jupyter lab {path}",
        ),
    },
)


class Command(BaseCommand):
    name = "start"
    help = "tu copia de trabajo de los cuadernos / your work copy of the notebooks"
    description = (
        "Copia el cuaderno de bienvenida y los cuadernos del RETO (todos los retos si no das\n"
        "ninguno) a tu carpeta de trabajo (trabajo/, fuera de git) y abre JupyterLab ahí.\n"
        "Tu trabajo nunca se sobrescribe: si un cuaderno ya está en tu carpeta se queda como\n"
        "está; si hay una versión nueva del kit, te avisa y con --side-by-side la pone al lado\n"
        "(nombre.nueva-FECHA.ipynb). Con --lang en, la bienvenida y los mensajes en inglés.\n\n"
        "Copies the welcome notebook and the TRACK's notebooks (every track if none is given)\n"
        "into your work folder (trabajo/, outside git) and opens JupyterLab there. Your work is\n"
        "never overwritten: a notebook already in your folder stays as it is; when the kit has\n"
        "a new version, it tells you and --side-by-side puts it beside yours\n"
        "(name.new-DATE.ipynb). With --lang en, the welcome and messages are in English."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "tracks", nargs="*", metavar="TRACK", help="reto(s); todos si no das ninguno / track(s)"
        )
        parser.add_argument(
            "--dir",
            type=Path,
            help="carpeta de trabajo (por omisión trabajo/ en el kit) / work folder",
        )
        parser.add_argument(
            "--side-by-side",
            action="store_true",
            help="pon las versiones nuevas al lado de tus copias / put new versions beside yours",
        )
        parser.add_argument(
            "--no-lab",
            action="store_true",
            help="solo copia, no abras JupyterLab / only copy, do not open JupyterLab",
        )

    def handle(self, args: argparse.Namespace) -> int:
        from kit.organizer.layout import KitLayout
        from kit.workcopy import WELCOME, WORK_FOLDER, start_work_copy

        layout = KitLayout.find()
        folder = args.dir or layout.root / WORK_FOLDER
        chosen = args.tracks or [t for t in layout.tracks() if t != WELCOME]
        tracks = [WELCOME, *[t for t in chosen if t != WELCOME]]
        lang = get_language()
        result = start_work_copy(layout, folder, tracks, lang, side_by_side=args.side_by_side)
        if result.newer and not args.side_by_side and _ask(MSG["ask"].get()):
            result = start_work_copy(layout, folder, tracks, lang, side_by_side=True)
        _report(result, folder)
        first = result.first
        if args.no_lab or first is None:
            print(MSG["later"].format(path=_shown(first or result.folder)))
            return 0
        print(MSG["opening"].format(path=_shown(first)))
        command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={result.folder}"]
        return subprocess.call([*command, str(first)])


def _report(result, folder: Path) -> None:
    for path in result.copied:
        print(MSG["copied"].format(path=_shown(path)))
    if result.kept:
        print(MSG["kept"].format(n=len(result.kept)))
    for newer in result.newer:
        print(MSG["newer"].format(work=_shown(newer.work)))
        if newer.side:
            print(MSG["beside"].format(side=_shown(newer.side)))
        else:
            print(MSG["offer"].format(track=newer.work.parent.name))
    print(MSG["folder"].format(folder=_shown(result.folder)))


def _ask(question: str) -> bool:
    """Ask only a person at a terminal; scripts and tests get the safe answer (no)."""
    if not sys.stdin.isatty():
        return False
    try:
        return input(question).strip().lower().startswith(MSG["yes"].get())
    except EOFError:
        return False


def _shown(path: Path) -> str:
    """Paths relative to where the participant is, when they are below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
