"""kit jury: the awards step, a ranking of projects from the jury's scores."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit.cli.base import BaseCommand, CommandError
from kit.i18n import messages

MSG = messages(
    "jury.cli",
    {
        "help": (
            "ranking de proyectos con los puntajes del jurado",
            "ranking of projects from the jury's scores",
        ),
        "description": (
            "Ordena los proyectos con los puntajes del jurado. Normaliza por jurado (puntaje z\n"
            "por jurado y criterio: uno estricto y uno generoso pesan lo mismo), pondera con la\n"
            "rúbrica, reporta empates («2=») y advertencias (puntajes faltantes, fuera de escala,\n"
            "repetidos, no numéricos, criterios desconocidos, conflictos de interés) y escribe\n"
            "ranking.csv, ranking.md y ranking.png. Columnas: jurado, equipo, criterio, puntaje.",
            "Ranks projects from the jury's scores. Normalises per juror (z-score per juror and\n"
            "criterion: a strict juror and a generous one weigh the same), weights with the\n"
            "rubric, reports ties ('2=') and warnings (missing, out-of-scale, duplicate or\n"
            "non-numeric scores, unknown criteria, conflicts of interest) and writes\n"
            "ranking.csv, ranking.md and ranking.png. Columns: juror, team, criterion, score.",
        ),
        "scores": (
            "puntajes del jurado: CSV o Excel .xlsx",
            "the jury's scores: CSV or Excel .xlsx",
        ),
        "rubric": (
            "rúbrica TOML (por omisión: la del kit, ver --print-rubric)",
            "TOML rubric (default: the kit's, see --print-rubric)",
        ),
        "conflicts": (
            "CSV/.xlsx de conflictos de interés (jurado, equipo): sus puntajes no cuentan",
            "CSV/.xlsx of conflicts of interest (juror, team): their scores do not count",
        ),
        "output_dir": (
            "carpeta de resultados (por omisión: reports/jury)",
            "folder for the results (default: reports/jury)",
        ),
        "precision": (
            "decimales de los totales; con ellos se deciden los empates (por omisión: 2)",
            "decimals of the totals; ties are decided with them (default: 2)",
        ),
        "print_rubric": (
            "muestra la rúbrica (TOML) para copiarla y editarla, y termina",
            "print the rubric (TOML) to copy and edit it, and stop",
        ),
        "no_scores": (
            "falta el archivo de puntajes: `kit jury PUNTAJES.csv` (o --print-rubric).",
            "the scores file is missing: `kit jury SCORES.csv` (or --print-rubric).",
        ),
        "bad_precision": (
            "--precision debe estar entre 0 y 6, no {value}.",
            "--precision must be between 0 and 6, not {value}.",
        ),
        "nothing_left": (
            "{path}: ningún puntaje válido; corrige las advertencias de arriba.",
            "{path}: no valid scores; fix the warnings above.",
        ),
        "warnings": ("Advertencias: {n}", "Warnings: {n}"),
        "written": ("Escrito: {paths}", "Written: {paths}"),
        "unwritable": (
            "No se pudo escribir en {path} ({error}). Elige otra carpeta con --output-dir.",
            "Could not write to {path} ({error}). Choose another folder with --output-dir.",
        ),
    },
)


def _bilingual(key: str) -> str:
    return f"{MSG[key].get('es')} / {MSG[key].get('en')}"


class Command(BaseCommand):
    name = "jury"
    help = _bilingual("help")
    description = f"{MSG['description'].get('es')}\n\n{MSG['description'].get('en')}"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("scores", nargs="?", type=Path, metavar="SCORES",
                            help=_bilingual("scores"))  # fmt: skip
        parser.add_argument("--rubric", type=Path, metavar="FILE", help=_bilingual("rubric"))
        parser.add_argument("--conflicts", type=Path, metavar="FILE",
                            help=_bilingual("conflicts"))  # fmt: skip
        parser.add_argument("--output-dir", type=Path, default=Path("reports/jury"),
                            metavar="DIR", help=_bilingual("output_dir"))  # fmt: skip
        parser.add_argument("--precision", type=int, default=2, metavar="N",
                            help=_bilingual("precision"))  # fmt: skip
        parser.add_argument("--print-rubric", action="store_true",
                            help=_bilingual("print_rubric"))  # fmt: skip

    def handle(self, args: argparse.Namespace) -> int:
        from kit.organizer.jury.rubric import default_rubric_text, load_rubric

        rubric = load_rubric(args.rubric)  # checked even when only printed
        if args.print_rubric:
            text = args.rubric.read_text(encoding="utf-8-sig") if args.rubric else None
            sys.stdout.write(text or default_rubric_text())
            return 0
        if args.scores is None:
            raise CommandError(MSG["no_scores"].get())
        if not 0 <= args.precision <= 6:
            raise CommandError(MSG["bad_precision"].format(value=args.precision))
        return self._rank(args, rubric)

    def _rank(self, args: argparse.Namespace, rubric) -> int:
        from rich.console import Console

        from kit.organizer.jury.ranking import rank_scores
        from kit.organizer.jury.report import write_ranking
        from kit.organizer.jury.scores import read_scores

        console = Console(width=None if sys.stdout.isatty() else 160)
        scores = read_scores(args.scores, rubric, args.conflicts)
        if scores.table.empty:
            _print_warnings(console, scores.warnings)
            raise CommandError(MSG["nothing_left"].format(path=args.scores))
        ranking = rank_scores(scores, rubric, args.precision)
        _print_table(console, ranking)
        _print_warnings(console, ranking.warnings)
        try:
            paths = write_ranking(ranking, args.output_dir, str(args.scores))
        except OSError as error:
            problem = MSG["unwritable"].format(path=args.output_dir, error=error)
            raise CommandError(problem) from error
        console.print(MSG["written"].format(paths=", ".join(map(str, paths))), highlight=False)
        return 0


def _print_table(console, ranking) -> None:
    from rich.table import Table
    from rich.text import Text

    from kit.organizer.jury.report import MSG as REPORT
    from kit.organizer.jury.report import display_rows

    headers, rows = display_rows(ranking)
    table = Table(title=REPORT["title"].get())
    for number, header in enumerate(headers):
        table.add_column(header, justify="left" if number == 1 else "right")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)


def _print_warnings(console, warnings) -> None:
    from rich.text import Text

    if not warnings:
        return
    console.print(Text(MSG["warnings"].format(n=len(warnings)), style="bold yellow"))
    for warning in warnings:
        console.print(Text(f"  ⚠ {warning}"))
