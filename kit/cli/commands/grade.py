"""kit grade: grade the baseline tasks of every submission, sandboxed and in parallel."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from kit.cli.base import BaseCommand, CommandError
from kit.i18n import messages

MSG = messages(
    "cmd_grade",
    {
        "sandbox": ("Aislamiento: {name}", "Sandbox: {name}"),
        "unsafe": (
            "⚠️  SIN SANDBOX (--unsafe): el código de los participantes corre con tus permisos, "
            "con límites de recursos pero con acceso a tus archivos y a la red.",
            "⚠️  NO SANDBOX (--unsafe): participant code runs with your permissions, with "
            "resource limits but with access to your files and the network.",
        ),
        "refuse": (
            "No califico sin sandbox: {why} Si confías en todas las entregas, usa --unsafe.",
            "Refusing to grade without a sandbox: {why} If you trust every submission, use "
            "--unsafe.",
        ),
        "teams": ("Equipos", "Teams"),
        "team": ("Equipo", "Team"),
        "track": ("Reto", "Track"),
        "points": ("Puntos", "Points"),
        "notes": ("Avisos", "Notes"),
        "rejected": ("Rechazadas", "Rejected"),
        "written": (
            "Calificaciones: {csv} · libro de nbgrader: {db} · cuadernos: {autograded} · "
            "retroalimentación: {feedback}",
            "Scores: {csv} · nbgrader gradebook: {db} · notebooks: {autograded} · feedback: "
            "{feedback}",
        ),
        "done": (
            "{n} cuaderno(s) de {teams} equipo(s) en {seconds:.1f} s con {workers} a la vez.",
            "{n} notebook(s) of {teams} team(s) in {seconds:.1f} s, {workers} at a time.",
        ),
    },
)


class Command(BaseCommand):
    name = "grade"
    help = "califica las entregas en sandbox / grade submissions in a sandbox"
    description = (
        "Califica las tareas base de cada entrega (submitted/<equipo>/<reto>/*.ipynb o zips de\n"
        "`kit submit`). Cada cuaderno corre en su propio sandbox (bubblewrap: sin red, sistema de\n"
        "solo lectura, solo una copia de su entrega escribible, límites de CPU, memoria, procesos\n"
        "y salida, tiempo por celda). Las pruebas ocultas no corren junto al código participante:\n"
        "las respuestas se registran y se juzgan fuera. Escribe el libro de calificaciones de\n"
        "nbgrader, autograded/, grades.csv y una página de retroalimentación por equipo.\n\n"
        "Grades the baseline tasks of every submission (submitted/<team>/<track>/*.ipynb or zips\n"
        "from `kit submit`). Each notebook runs in its own sandbox (bubblewrap: no network,\n"
        "read-only system, only a copy of its own submission writable, CPU, memory, process and\n"
        "output limits, a per-cell timeout). Hidden tests never run beside participant code:\n"
        "answers are recorded and judged outside. Writes nbgrader's gradebook, autograded/,\n"
        "grades.csv and one feedback page per team."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "submissions",
            type=Path,
            help="carpeta de entregas (submitted/) o de zips / folder of submissions or zips",
        )
        parser.add_argument("--root", type=Path, help="raíz del kit / kit root (default: cwd)")
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="carpeta de resultados / results folder (default: grading/ in the kit root)",
        )
        parser.add_argument(
            "--db",
            default=None,
            help="URL SQLAlchemy del libro de calificaciones / gradebook SQLAlchemy URL "
            "(default: sqlite:///OUTPUT/gradebook.db)",
        )
        parser.add_argument(
            "-j",
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="cuadernos a la vez / notebooks at once (default: all cores)",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=60,
            help="segundos por celda / seconds per cell (default: 60)",
        )
        parser.add_argument(
            "--notebook-timeout",
            type=float,
            default=600,
            help="segundos por cuaderno / seconds per notebook (default: 600)",
        )
        parser.add_argument(
            "--memory",
            type=float,
            default=4,
            help="GiB de memoria por cuaderno / GiB of memory per notebook (default: 4)",
        )
        parser.add_argument(
            "--unsafe",
            action="store_true",
            help="califica sin sandbox si no hay bwrap / grade without a sandbox if bwrap "
            "is missing (only for trusted submissions)",
        )

    def handle(self, args: argparse.Namespace) -> int:
        from rich.console import Console

        from kit.errors import SandboxUnavailable
        from kit.organizer.grade import GradingSettings, Limits, find_sandbox
        from kit.organizer.layout import KitLayout

        console = Console(stderr=True)
        layout = KitLayout.find(args.root)
        limits = Limits(
            cell_timeout=args.timeout,
            notebook_timeout=args.notebook_timeout,
            memory_bytes=int(args.memory * 1024**3),
        )
        try:
            sandbox = find_sandbox(limits, unsafe=args.unsafe)
        except SandboxUnavailable as error:
            raise CommandError(MSG["refuse"].format(why=error)) from error
        if not sandbox.isolated:
            console.print(MSG["unsafe"].get(), style="bold red")
        else:
            console.print(MSG["sandbox"].format(name=sandbox.name))
        output = (args.output or layout.root / "grading").resolve()
        output.mkdir(parents=True, exist_ok=True)
        settings = GradingSettings(
            output=output,
            db_url=args.db or f"sqlite:///{output / 'gradebook.db'}",
            limits=limits,
            sandbox=sandbox,
            workers=max(args.workers, 1),
        )
        report = self._grade(layout, args.submissions, settings, console)
        return self._finish(report, settings, console)

    def _grade(self, layout, submissions: Path, settings, console):
        from kit.cli.progress import progress_bar
        from kit.organizer.grade import grade

        with progress_bar(console) as progress:
            bar = progress.add_task(MSG["teams"].get(), total=None)
            return grade(
                layout,
                submissions,
                settings,
                on_planned=lambda teams: progress.update(bar, total=len(teams)),
                on_done=lambda result, team_done: progress.update(
                    bar, advance=1 if team_done else 0, description=f"{result.team}"
                ),
            )

    def _finish(self, report, settings, console) -> int:
        from rich.console import Console
        from rich.table import Table

        from kit.organizer.grade.feedback import write_feedback
        from kit.organizer.grade.results import write_scores

        output = settings.output
        csv_path = write_scores(report, output / "grades.csv")
        write_feedback(report, output / "feedback")
        (output / "grading.json").write_text(
            json.dumps(report.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        table = Table(title="kit grade")
        for key in ("team", "track", "points", "notes"):
            table.add_column(MSG[key].get(), justify="right" if key == "points" else "left")
        notes: dict[tuple[str, str], int] = {}
        for result in report.results:
            key = (result.team, result.track)
            notes[key] = notes.get(key, 0) + len(result.problems)
        for (team, track), (got, most) in sorted(report.totals().items()):
            count = notes.get((team, track), 0)
            table.add_row(team, track, f"{got:g} / {most:g}", f"⚠️ {count}" if count else "")
        out = Console()
        out.print(table)
        for _path, reason in report.rejected:
            console.print(f"✗ {MSG['rejected'].get()}: {reason}")
        print(
            MSG["written"].format(
                csv=csv_path,
                db=settings.db_url,
                autograded=output / "autograded",
                feedback=output / "feedback",
            )
        )
        print(
            MSG["done"].format(
                n=len(report.results),
                teams=len(report.teams()),
                seconds=report.seconds,
                workers=report.workers,
            )
        )
        return 0
