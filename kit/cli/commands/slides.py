"""kit slides: a mentor session notebook as reveal.js slides, in one language, with notes."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.cli.base import BaseCommand
from kit.i18n import messages

MSG = messages(
    "cmd_slides",
    {
        "written": ("Diapositivas: {deck}", "Slides: {deck}"),
        "offline": (
            "reveal.js copiado junto a las diapositivas (funciona sin red).",
            "reveal.js copied next to the slides (works without a network).",
        ),
        "speaker": (
            "Presiona S en el navegador para ver las notas del mentor.",
            "Press S in the browser for the mentor's speaker notes.",
        ),
    },
)


class Command(BaseCommand):
    name = "slides"
    help = "diapositivas de una sesión de mentoría / slides of a mentor session"
    description = (
        "Convierte una sesión de mentorship_sessions/ (nombre o ruta de un .ipynb) en\n"
        "diapositivas reveal.js con las salidas guardadas (no ejecuta nada), en un idioma:\n"
        "escribe DIR/<sesión>.<idioma>.slides.html. Las celdas `notes` y el plan de tiempos\n"
        "(metadata kit.session) son notas del mentor (tecla S). Sin --offline, la página carga\n"
        "reveal.js, require.js y jQuery de una CDN (unpkg.com, cdnjs) y necesita red.\n\n"
        "Turns a session of mentorship_sessions/ (a name or an .ipynb path) into reveal.js\n"
        "slides from the stored outputs (nothing is executed), in one language: writes\n"
        "DIR/<session>.<lang>.slides.html. `notes` cells and the timing plan (metadata\n"
        "kit.session) are speaker notes (key S). Without --offline the page loads reveal.js,\n"
        "require.js and jQuery from a CDN (unpkg.com, cdnjs) and needs the network."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "session", metavar="SESSION", help="nombre o ruta .ipynb / name or .ipynb path"
        )
        parser.add_argument(
            "--lang",
            dest="deck_lang",
            choices=["es", "en"],
            default=None,
            help="idioma de las diapositivas / language of the slides (default: --lang of kit)",
        )
        parser.add_argument(
            "--offline",
            action="store_true",
            help="copia reveal.js junto a la página, sin CDN / copy reveal.js next to it, no CDN",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=Path("slides"),
            metavar="DIR",
            help="carpeta de salida / output folder (default: slides/)",
        )

    def handle(self, args: argparse.Namespace) -> int:
        from kit.i18n import get_language
        from kit.slides import find_session, write_deck

        lang = args.deck_lang or get_language()
        notebook = find_session(args.session, _mentorship_folder(args.session))
        deck = write_deck(notebook, lang, args.output, offline=args.offline)
        print(MSG["written"].format(deck=deck))
        if args.offline:
            print(MSG["offline"].get())
        print(MSG["speaker"].get())
        return 0


def _mentorship_folder(session: str) -> Path:
    """mentorship_sessions/ of the checkout around us; a notebook path needs no checkout."""
    from kit.organizer.layout import KitLayout

    if Path(session).suffix == ".ipynb" and Path(session).is_file():
        return Path(session).parent
    return KitLayout.find().mentorship
