"""kit flags: procurement red flags of OCDS files, as Cardinal's JSON or as a table for people."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from kit.cli.base import BaseCommand, CommandError
from kit.i18n import messages
from kit.procurement.indicators.catalog import CARDINAL_CODES, EXTENDED_CODES, TEXT, describe

MSG = messages(
    "flags",
    {
        "help": (
            "banderas rojas de contrataciones OCDS (como Cardinal)",
            "red flags of OCDS procurement (like Cardinal)",
        ),
        "files": (
            "archivos OCDS: paquetes, arreglos, JSON Lines, .gz, .zip o 'sample'",
            "OCDS files: packages, arrays, JSON Lines, .gz, .zip or 'sample'",
        ),
        "format": (
            "json (igual que Cardinal, por omisión) o table (para leer)",
            "json (like Cardinal, the default) or table (to read)",
        ),
        "output": ("escribe el resultado en FILE", "write the result to FILE"),
        "settings": (
            "archivo de configuración de Cardinal (settings.ini); las opciones lo sobrescriben",
            "Cardinal settings file (settings.ini); options override it",
        ),
        "indicators": (
            "códigos a calcular, separados por | (por omisión: R003|R018|R048)",
            "codes to compute, separated by | (default: R003|R018|R048)",
        ),
        "r003_threshold": ("R003: días completos mínimos (15)", "R003: minimum whole days (15)"),
        "r003_methods": (
            "R003: métodos a evaluar, p. ej. open|selective (por omisión: todos)",
            "R003: methods to evaluate, e.g. open|selective (default: all)",
        ),
        "r018_methods": (
            "R018: métodos competitivos (open|selective)",
            "R018: competitive methods (open|selective)",
        ),
        "r048_digits": ("R048: dígitos de la clasificación (2)", "R048: classification digits (2)"),
        "r048_threshold": (
            "R048: límite fijo en lugar de Q3 + 1.5 IQR",
            "R048: a fixed limit instead of Q3 + 1.5 IQR",
        ),
        "r048_minimum": (
            "R048: procesos mínimos de un proveedor para compararlo (20)",
            "R048: minimum processes of a supplier to compare it (20)",
        ),
        "exclude": (
            "excluye procesos con estos procurementMethodDetails (a|b)",
            "exclude processes with these procurementMethodDetails (a|b)",
        ),
        "no_meta": ("omite la clave Meta (cuartiles y límites)", "omit the Meta key (fences)"),
        "extended": (
            "agrega los indicadores mexicanos en la clave Extended",
            "add the Mexican indicators under the Extended key",
        ),
        "currency": (
            "moneda de los montos que se suman (MXN); las demás se omiten",
            "currency of the amounts added up (MXN); others are left out",
        ),
        "direct_share": (
            "MX_DIRECT_SHARE: proporción máxima de adjudicaciones directas (0.8)",
            "MX_DIRECT_SHARE: maximum share of direct awards (0.8)",
        ),
        "splitting": (
            "MX_SPLITTING: monto de referencia en MXN (300000, valor didáctico)",
            "MX_SPLITTING: reference amount in MXN (300000, a teaching value)",
        ),
        "window": ("MX_SPLITTING: ventana en días (30)", "MX_SPLITTING: window in days (30)"),
        "concentration": (
            "MX_CONCENTRATION: índice HHI máximo (0.25)",
            "MX_CONCENTRATION: maximum HHI (0.25)",
        ),
        "title": ("Banderas rojas", "Red flags"),
        "group": ("Grupo", "Group"),
        "id": ("Identificador", "Identifier"),
        "name": ("Nombre", "Name"),
        "codes": ("Indicadores", "Indicators"),
        "code": ("Código", "Code"),
        "indicator": ("Indicador", "Indicator"),
        "count": ("Marcados", "Flagged"),
        "summary": (
            "{source}: {processes} procesos; {flagged} con al menos una bandera roja.",
            "{source}: {processes} processes; {flagged} with at least one red flag.",
        ),
        "none": ("No se encontraron banderas rojas.", "No red flags were found."),
        "unknown_codes": (
            "--indicators: códigos desconocidos {codes}; usa {valid} (los MX_* van con --extended)",
            "--indicators: unknown codes {codes}; use {valid} (MX_* come with --extended)",
        ),
        "written": ("Resultado escrito en {path}", "Result written to {path}"),
        "unwritable": (
            "No se pudo escribir {path} ({error}). Revisa que la carpeta exista.",
            "Could not write {path} ({error}). Check that the folder exists.",
        ),
    },
)

_INTRO = (
    "Calcula banderas rojas de contrataciones con las definiciones de Cardinal (Open\n"
    "Contracting Partnership) y escribe el mismo JSON que `ocdscardinal indicators`.\n"
    "Computes procurement red flags with the definitions of Cardinal (Open Contracting\n"
    "Partnership) and prints the same JSON as `ocdscardinal indicators`.\n\n"
    "Indicadores / indicators (MX_*: solo con / only with --extended):\n"
)


def _description() -> str:
    """Each indicator in one line in Spanish, then one in English."""
    lines = [
        f"  {code:<17}{describe(code, lang)}"
        for code in (*CARDINAL_CODES, *EXTENDED_CODES)
        for lang in ("es", "en")
    ]
    return _INTRO + "\n".join(lines)


def _bilingual(key: str) -> str:
    return f"{MSG[key].get('es')} / {MSG[key].get('en')}"


#: Command-line option, its help text, the Settings field it sets, argparse options.
_OPTIONS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("--indicators", "indicators", "indicators", {"metavar": "CODES"}),
    ("--r003-threshold", "r003_threshold", "r003_threshold", {"type": int, "metavar": "DAYS"}),
    ("--r003-methods", "r003_methods", "r003_procurement_methods", {"metavar": "METHODS"}),
    ("--r018-methods", "r018_methods", "r018_procurement_methods", {"metavar": "METHODS"}),
    ("--r048-digits", "r048_digits", "r048_digits", {"type": int, "metavar": "N"}),
    ("--r048-threshold", "r048_threshold", "r048_threshold", {"type": int, "metavar": "N"}),
    ("--r048-minimum-processes", "r048_minimum", "r048_minimum_contracting_processes",
     {"type": int, "metavar": "N"}),
    ("--exclude-details", "exclude", "exclude_procurement_method_details", {"metavar": "DETAILS"}),
    ("--currency", "currency", "currency", {"metavar": "CODE"}),
    ("--direct-share-threshold", "direct_share", "direct_share_threshold",
     {"type": float, "metavar": "SHARE"}),
    ("--splitting-threshold", "splitting", "splitting_threshold",
     {"type": float, "metavar": "MXN"}),
    ("--window-days", "window", "splitting_window_days", {"type": float, "metavar": "DAYS"}),
    ("--concentration-threshold", "concentration", "concentration_threshold",
     {"type": float, "metavar": "HHI"}),
]  # fmt: skip
#: Settings given as pipe-separated lists, like Cardinal's settings file.
_PIPES = {
    "indicators",
    "r003_procurement_methods",
    "r018_procurement_methods",
    "exclude_procurement_method_details",
}


class Command(BaseCommand):
    name = "flags"
    help = _bilingual("help")
    description = _description()

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help=_bilingual("files"))
        parser.add_argument(
            "--format", choices=["json", "table"], default="json", help=_bilingual("format")
        )
        parser.add_argument("--output", metavar="FILE", type=Path, help=_bilingual("output"))
        parser.add_argument("--settings", metavar="INI", type=Path, help=_bilingual("settings"))
        for flag, key, setting, options in _OPTIONS:
            parser.add_argument(flag, dest=setting, help=_bilingual(key), **options)
        parser.add_argument("--no-meta", action="store_true", help=_bilingual("no_meta"))
        parser.add_argument("--extended", action="store_true", help=_bilingual("extended"))

    def handle(self, args: argparse.Namespace) -> int:
        from kit.procurement.cardinal import Settings, flag_table, indicators_json
        from kit.procurement.load import load

        overrides = _overrides(args)
        unknown = set(overrides.get("indicators", ())) - set(CARDINAL_CODES)
        if unknown:
            valid = "|".join(CARDINAL_CODES)
            codes = ", ".join(sorted(unknown))
            raise CommandError(MSG["unknown_codes"].format(codes=codes, valid=valid))
        settings = (
            Settings.from_ini(args.settings, **overrides)
            if args.settings
            else Settings(**overrides)
        )
        data = load(args.files[0] if len(args.files) == 1 else args.files)
        result = indicators_json(data, settings)
        with _destination(args.output) as stream:
            if args.format == "json":
                stream.write(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n")
            else:
                _print_table(stream, flag_table(result, data), data)
        if args.output:
            print(MSG["written"].format(path=args.output), file=sys.stderr)
        return 0


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    """Settings given on the command line (the rest come from --settings or the defaults)."""
    values: dict[str, Any] = {}
    for _, _, setting, _ in _OPTIONS:
        value = getattr(args, setting)
        if value is not None and setting in _PIPES:
            value = tuple(part.strip() for part in value.split("|") if part.strip())
        if value is not None:
            values[setting] = value
    if args.no_meta:
        values["meta"] = False
    if args.extended:
        values["extended"] = True
    return values


class _destination:
    """Standard output, or the --output file (opened for writing, closed afterwards)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.file: TextIO | None = None

    def __enter__(self) -> TextIO:
        if self.path is None:
            return sys.stdout
        try:
            self.file = self.path.open("w", encoding="utf-8")
        except OSError as error:
            raise CommandError(MSG["unwritable"].format(path=self.path, error=error)) from error
        return self.file

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()


def _print_table(stream: TextIO, table: Any, data: Any) -> None:
    """Two rich tables: the flagged processes, buyers and suppliers, then counts per indicator."""
    import pandas as pd
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from kit.procurement.cardinal import GROUPS

    console = Console(file=stream, width=None if stream.isatty() else 120)
    flagged = table.loc[table["group"] == "OCID", "id"].nunique()
    summary = MSG["summary"].format(source=data.source, processes=data.n_processes, flagged=flagged)
    console.print(Text(summary), soft_wrap=True)  # a long path must not break the sentence
    if table.empty:
        console.print(MSG["none"])
        return
    rows = Table(title=str(MSG["title"]))
    for key in ("group", "id"):
        rows.add_column(str(MSG[key]), no_wrap=True)
    for key in ("name", "codes"):
        rows.add_column(str(MSG[key]), overflow="fold")
    for row in table.itertuples():
        codes = ", ".join(
            code if row.group == "OCID" else f"{code}={value:.4g}"
            for code, value in row.indicators.items()
        )
        group = str(TEXT[f"group.{row.group}"])
        name = "" if pd.isna(row.name) else str(row.name)
        rows.add_row(group, Text(str(row.id)), Text(name), codes)
    console.print(rows)
    counts = Table()
    for key in ("code", "indicator", "group", "count"):
        counts.add_column(str(MSG[key]))
    tally = Counter((code, row.group) for row in table.itertuples() for code in row.indicators)
    for code in (*CARDINAL_CODES, *EXTENDED_CODES):
        for group in GROUPS:
            if tally[code, group]:
                title, name = TEXT[f"{code}.title"], TEXT[f"group.{group}"]
                counts.add_row(code, str(title), str(name), str(tally[code, group]))
    console.print(counts)
