"""The shape of a ``kit`` command: one class per module, real work in library modules."""

from __future__ import annotations

import argparse

from kit.errors import KitError


class CommandError(KitError):
    """A failure a command reports to the user as one clear message (no traceback), exit 1."""


class BaseCommand:
    """A subcommand of ``kit``.

    Subclasses set ``name`` and ``help`` (bilingual: Spanish first), add their options in
    :meth:`add_arguments` and do their work in :meth:`handle`, which returns the exit code.
    Only commands print; library code returns values or raises :class:`kit.errors.KitError`.
    """

    name: str = ""
    help: str = ""
    description: str | None = None

    def __init__(self, subparsers: argparse._SubParsersAction) -> None:
        self.parser = subparsers.add_parser(
            self.name,
            help=self.help,
            description=self.description or self.help,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        self.add_arguments(self.parser)
        self.parser.set_defaults(command=self)

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Add this command's options."""

    def handle(self, args: argparse.Namespace) -> int:
        raise NotImplementedError
