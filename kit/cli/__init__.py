"""The ``kit`` command: ``kit release``, ``kit validate``, ``kit flags``, ...

Each subcommand lives in ``kit/cli/commands/<name>.py``; this module only wires them and turns
kit errors into a one-line message and exit code 1.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import warnings

from kit import __version__
from kit.errors import KitError
from kit.i18n import set_language

__all__ = ["main", "skip_slow_optional_imports", "tools_on_path"]


def command_names() -> list[str]:
    """Every module of ``kit/cli/commands`` is one subcommand."""
    from kit.cli import commands

    return sorted(info.name for info in pkgutil.iter_modules(commands.__path__))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kit",
        description=(
            "Kit para datatones: publica, valida y califica cuadernos; calcula banderas rojas.\n"
            "Datathon kit: release, validate and grade notebooks; compute red flags."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dataton-kit {__version__}")
    parser.add_argument(
        "--lang",
        choices=["es", "en"],
        default=os.environ.get("KIT_LANG", "es"),
        help="idioma de los mensajes / language of messages (default: es, or $KIT_LANG)",
    )
    subparsers = parser.add_subparsers(title="comandos / commands", metavar="COMMAND")
    for name in command_names():
        module = importlib.import_module(f"kit.cli.commands.{name}")
        module.Command(subparsers)
    return parser


def skip_slow_optional_imports() -> None:
    """Keep jsonschema from importing rfc3987-syntax, an optional extra that compiles a grammar
    at import time (1.3-1.6 s on every command). nbformat's notebook schemas use no IRI format,
    so validating notebooks does not need it; only this process is affected (the ``kit``
    command, and the nbval run of ``kit validate``)."""
    sys.modules.setdefault("rfc3987_syntax", None)


def tools_on_path() -> None:
    """nbgrader runs ``alembic`` by name: make this environment's scripts findable."""
    scripts = os.path.dirname(sys.executable)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def _one_line_warnings(message, category, filename, lineno, line=None) -> str:
    """Warnings for people: what happened, not the line of kit code that noticed it."""
    return f"kit: {category.__name__}: {message}\n"


def main(argv: list[str] | None = None) -> int:
    skip_slow_optional_imports()
    tools_on_path()
    warnings.formatwarning = _one_line_warnings
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang)
    if not hasattr(args, "command"):
        parser.print_help()
        return 2
    try:
        return int(args.command.handle(args) or 0)
    except KitError as error:
        print(f"kit {args.command.name}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nkit: interrumpido / interrupted", file=sys.stderr)
        return 130
