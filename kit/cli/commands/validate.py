"""kit validate: the organizer's pre-launch check of the whole kit."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.cli.base import BaseCommand
from kit.i18n import get_language, messages

MSG = messages(
    "cmd_validate",
    {
        "static": (
            "Revisando publicación, convenciones y datos…",
            "Checking release, conventions and data…",
        ),
        "running": ("Ejecutando cuadernos", "Running notebooks"),
        "notebook": ("Cuaderno", "Notebook"),
        "kind": ("Tipo", "Kind"),
        "seconds": ("Segundos", "Seconds"),
        "tasks": ("Tareas", "Tasks"),
        "result": ("Resultado", "Result"),
        "check": ("Revisión", "Check"),
        "examined": ("Examinados", "Examined"),
        "problems": ("Problemas", "Problems"),
        "ok": (
            "El kit está listo: todas las revisiones pasaron en {seconds:.1f} s.",
            "The kit is ready: every check passed in {seconds:.1f} s.",
        ),
        "ok_tracks": (
            "{tracks}: todas las revisiones pasaron en {seconds:.1f} s. Solo una ejecución sin "
            "TRACK prueba que todo el kit está listo.",
            "{tracks}: every check passed in {seconds:.1f} s. Only a run without TRACK proves "
            "the whole kit is ready.",
        ),
        "fail": (
            "{n} problema(s). Corrígelos y vuelve a ejecutar `kit validate`.",
            "{n} problem(s). Fix them and run `kit validate` again.",
        ),
        "report": ("Informe: {json} y {md}", "Report: {json} and {md}"),
    },
)


class Command(BaseCommand):
    name = "validate"
    help = "revisa todo el kit antes del lanzamiento / pre-launch check of the whole kit"
    description = (
        "Prueba que el kit funciona: (1) challenges/ está al día con solutions/; (2) las\n"
        "soluciones corren con papermill y pasan sus pruebas; (3) los retos corren y sus pruebas\n"
        "fallan en blanco; (4) no hay soluciones, pruebas ocultas ni respuestas en challenges/;\n"
        "(5) convenciones de cuadernos; (6) datos de muestra = manifiesto; (7) sesiones de\n"
        "mentoría reproducen sus salidas (nbval). Sale con código 1 ante cualquier falla.\n\n"
        "Proves the kit works: (1) challenges/ matches a fresh release; (2) solutions run with\n"
        "papermill and pass their tests; (3) challenges run and their tests fail when blank;\n"
        "(4) no solution, hidden test or answer leaks into challenges/; (5) notebook\n"
        "conventions; (6) sample data match the manifest; (7) mentor sessions reproduce their\n"
        "outputs (nbval). Exits 1 on any failure."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "tracks",
            nargs="*",
            metavar="TRACK",
            help="solo estos tracks, sin sesiones de mentoría (revisión rápida) / only these "
            "tracks, without mentor sessions (a quick check); default: the whole kit",
        )
        parser.add_argument("--root", type=Path, help="raíz del kit / kit root (default: cwd)")
        parser.add_argument(
            "--data-source",
            default="sample",
            help="DATA_SOURCE para los cuadernos / for the notebooks "
            "(default: sample; a path validates with a real file)",
        )
        parser.add_argument(
            "-j",
            "--workers",
            type=int,
            default=None,
            help="cuadernos a la vez / notebooks at once (default: cores + 1: a notebook "
            "waits on its kernel part of the time)",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=120,
            help="segundos por celda / seconds per cell (default: 120)",
        )
        parser.add_argument(
            "--report-dir",
            type=Path,
            default=None,
            help="carpeta del informe / report folder (default: reports/)",
        )
        parser.add_argument(
            "--slow-kernels",
            action="store_true",
            help="arranca cada kernel desde cero (sin zigoto) / start every "
            "kernel from scratch (no fork server)",
        )

    def handle(self, args: argparse.Namespace) -> int:
        if not args.slow_kernels:  # the kernel zygote starts while the tools below are imported
            from kit.organizer.kernels import start_fork_server_soon

            start_fork_server_soon()
        from rich.console import Console

        from kit.cli.progress import progress_bar
        from kit.organizer.layout import KitLayout
        from kit.organizer.validate import validate
        from kit.organizer.validate.report import write_report

        console = Console(stderr=True)
        layout = KitLayout.find(args.root)
        console.print(MSG["static"].get())
        with progress_bar(console) as progress:
            bar = progress.add_task(MSG["running"].get(), total=None)
            report = validate(
                layout,
                data_source=args.data_source,
                workers=args.workers,
                timeout=args.timeout,
                fast=not args.slow_kernels,
                tracks=args.tracks or None,
                on_planned=lambda n: progress.update(bar, total=n),
                on_done=lambda execution: progress.update(
                    bar, advance=1, description=execution.job.label
                ),
            )
        self._print_tables(report)
        folder = args.report_dir or layout.root / "reports"
        json_path, md_path = write_report(report, folder)
        print(MSG["report"].format(json=json_path, md=md_path))
        if report.ok:
            if args.tracks:
                done = ", ".join(args.tracks)
                print(MSG["ok_tracks"].format(tracks=done, seconds=report.seconds))
            else:
                print(MSG["ok"].format(seconds=report.seconds))
            return 0
        for finding in report.all_findings():
            print(f"  ✗ {finding}")
        print(MSG["fail"].format(n=len(report.all_findings())))
        return 1

    def _print_tables(self, report) -> None:
        from rich.console import Console
        from rich.table import Table

        from kit.organizer.validate.model import CHECKS

        lang = get_language()
        runs = Table(title="kit validate")
        for key in ("notebook", "kind", "seconds", "tasks", "result"):
            runs.add_column(MSG[key].get(), justify="right" if key == "seconds" else "left")
        for run in report.runs:
            tasks = f"{len(run.tasks)}" if run.tasks else "—"
            runs.add_row(
                run.path,
                run.kind,
                f"{run.seconds:.1f}",
                tasks,
                "✅" if run.ok else f"❌ {len(run.findings)}",
            )
        checks = Table()
        for key in ("check", "examined", "problems"):
            checks.add_column(MSG[key].get())
        for number, (name, found) in enumerate(report.by_check().items(), start=1):
            checks.add_row(
                f"{number}. {CHECKS[name].get(lang)}",
                str(report.checked.get(name, 0)),
                "✅ 0" if not found else f"❌ {len(found)}",
            )
        console = Console()
        console.print(runs)
        console.print(checks)
