"""kit sessions: list the mentor sessions, or run them and store their outputs."""

from __future__ import annotations

import argparse

from kit.cli.base import BaseCommand
from kit.i18n import messages

#: Seconds a session may take on a 2-core laptop with the sample data (docs/architecture.md).
BUDGET_SECONDS = 15

MSG = messages(
    "cmd_sessions",
    {
        "number": ("#", "#"),
        "session": ("sesión", "session"),
        "title": ("título", "title"),
        "minutes": ("min", "min"),
        "parts": ("partes", "parts"),
        "state": ("convenciones", "conventions"),
        "seconds": ("segundos", "seconds"),
        "ok": ("✅ en orden", "✅ in order"),
        "problems": ("❌ {n} problema(s)", "❌ {n} problem(s)"),
        "over": ("⚠ más de {budget} s", "⚠ over {budget} s"),
        "running": ("Corriendo las sesiones", "Running the sessions"),
        "none": (
            "No hay sesiones en {folder}.",
            "There are no sessions in {folder}.",
        ),
        "next": (
            "Diapositivas: kit slides SESIÓN --offline · detalles: kit validate",
            "Slides: kit slides SESSION --offline · details: kit validate",
        ),
    },
)


class Command(BaseCommand):
    name = "sessions"
    help = "lista o corre las sesiones de mentoría / list or run the mentor sessions"
    description = (
        "Sin opciones, lista las sesiones de mentorship_sessions/: título, minutos, partes del\n"
        "plan y si cumplen las convenciones (plan de tiempos, notas con preguntas y errores\n"
        "comunes, un explorador, los dos idiomas, salidas limpias). Con --run, las ejecuta en\n"
        "un kernel nuevo (como nbval), guarda sus salidas y dice cuánto tardó cada una\n"
        "(meta: menos de 15 s). Córrelo después de editar una sesión y antes de hacer commit.\n\n"
        "Without options, lists the sessions of mentorship_sessions/: title, minutes, parts of\n"
        "the plan and whether they keep the conventions (timing plan, notes with questions and\n"
        "common mistakes, an explorer, both languages, clean outputs). With --run, executes\n"
        "them in a fresh kernel (as nbval does), stores their outputs and says how long each\n"
        "took (target: under 15 s). Run it after editing a session and before committing."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "names",
            nargs="*",
            metavar="SESSION",
            help="sesiones (nombre o ruta); todas si no das ninguna / sessions (default: all)",
        )
        parser.add_argument(
            "--run",
            action="store_true",
            help="ejecuta y guarda las salidas / execute and store the outputs",
        )

    def handle(self, args: argparse.Namespace) -> int:
        from rich.console import Console
        from rich.progress import track
        from rich.table import Table

        from kit.organizer.layout import KitLayout
        from kit.sessions import check_session, find_session, read_session, run_session
        from kit.sessions.catalog import read_notebook

        folder = KitLayout.find().mentorship
        paths = [find_session(name, folder) for name in args.names] or sorted(
            folder.glob("*.ipynb")
        )
        if not paths:
            print(MSG["none"].format(folder=folder))
            return 1
        seconds: dict[str, float] = {}
        if args.run:
            for path in track(paths, description=MSG["running"].get(), transient=True):
                seconds[path.stem] = run_session(path).seconds
        table = Table(title="kit sessions")
        for key in ("number", "session", "title", "minutes", "parts", "state"):
            table.add_column(MSG[key].get(), overflow="fold")
        if seconds:
            table.add_column(MSG["seconds"].get(), justify="right")
        findings = []
        for number, path in enumerate(paths, 1):
            session = read_session(path)
            problems = check_session(read_notebook(path), path.name)
            findings += problems
            state = MSG["problems"].format(n=len(problems)) if problems else MSG["ok"].get()
            row = [str(number), session.name, session.title(), str(session.minutes)]
            row += [str(len(session.plan)), state]
            if seconds:
                took = seconds[path.stem]
                over = took > BUDGET_SECONDS
                late = f" {MSG['over'].format(budget=BUDGET_SECONDS)}" if over else ""
                row.append(f"{took:.1f}{late}")
            table.add_row(*row)
        Console().print(table)
        for finding in findings:
            print(finding)
        print(MSG["next"].get())
        return 1 if findings else 0
