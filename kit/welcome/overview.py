"""What the welcome notebook shows: the tracks of this kit and the datathon's rules.

Both are built when the notebook runs, from the challenge notebooks' own metadata and from the
rules' parameters, so the welcome never disagrees with the kit or with the organizers' bases.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from kit.i18n import get_language, messages

__all__ = ["WELCOME_TRACK", "Rules", "tracks_table"]

WELCOME_TRACK = "bienvenida"

MSG = messages(
    "welcome",
    {
        "col_track": ("reto", "track"),
        "col_title": ("de qué trata", "what it is about"),
        "col_notebooks": ("cuadernos", "notebooks"),
        "col_minutes": ("minutos", "minutes"),
        "col_level": ("nivel", "level"),
        "no_kit": (
            "No encuentro los cuadernos del kit desde {here}: abre este cuaderno dentro de la "
            "carpeta del kit o de tu copia de trabajo (`kit start`).",
            "Cannot find the kit's notebooks from {here}: open this notebook inside the kit's "
            "folder or your work copy (`kit start`).",
        ),
        "rules_title": ("Reglas de este datatón", "Rules of this datathon"),
        "team": (
            "**Equipos** de {min} a {max} personas; cada persona en un solo equipo.",
            "**Teams** of {min} to {max} people; each person in one team only.",
        ),
        "deadline": (
            "**Entrega** a más tardar el {deadline} ({left}), con `kit submit`.",
            "**Submission** by {deadline} at the latest ({left}), with `kit submit`.",
        ),
        "days_left": ("faltan {n} días", "{n} days left"),
        "closed": ("el plazo ya cerró", "the deadline has passed"),
        "licence": (
            "**Licencia**: el código de cada proyecto se publica con una licencia abierta "
            "({licence}); `kit submit --add-license {licence}` la agrega.",
            "**Licence**: each project's code is published under an open licence ({licence}); "
            "`kit submit --add-license {licence}` adds it.",
        ),
        "data": (
            "**Datos**: usa datos públicos y cita su fuente. Los datos de muestra del kit son "
            "ficticios; los reales tienen nombres de personas reales.",
            "**Data**: use public data and cite its source. The kit's sample data are "
            "fictitious; the real files hold real people's names.",
        ),
        "flags": (
            "**Banderas rojas**: una bandera roja es una señal de riesgo, nunca una prueba de "
            "corrupción. No acuses a nadie con base en un indicador.",
            "**Red flags**: a red flag is a risk signal, never proof of corruption. Do not "
            "accuse anyone on the strength of an indicator.",
        ),
        "help": (
            "**Ayuda**: pregunta a tu mentora o mentor; las pistas de cada tarea están en "
            "`check.<tarea>.hint()`.",
            "**Help**: ask your mentor; each task's hints are in `check.<task>.hint()`.",
        ),
    },
)


def tracks_table(root: Path | str | None = None) -> pd.DataFrame:
    """One row per challenge track of the kit: title, notebooks, minutes and level."""
    from kit.organizer.layout import KitLayout

    layout = _find_layout(KitLayout, root)
    lang = get_language()
    rows = []
    for track in layout.tracks():
        if track == WELCOME_TRACK:
            continue
        metas = [
            _kit_metadata(path) for path in sorted((layout.challenges / track).glob("*.ipynb"))
        ]
        if not metas:
            continue
        first = min(metas, key=lambda meta: meta.get("order", 0))
        rows.append(
            {
                MSG["col_track"].get(): track,
                MSG["col_title"].get(): " · ".join(m["title"][lang] for m in metas),
                MSG["col_notebooks"].get(): len(metas),
                MSG["col_minutes"].get(): sum(int(m.get("minutes", 0)) for m in metas),
                MSG["col_level"].get(): first.get("level", ""),
            }
        )
    return pd.DataFrame(rows)


def _kit_metadata(path: Path) -> dict:
    """A notebook's ``kit`` metadata, read as plain JSON (nbformat costs a second to import)."""
    return json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("kit", {})


def _find_layout(kit_layout, root: Path | str | None):
    """The kit checkout: the given root, else around the current folder, else the installed kit."""
    from kit.errors import KitError

    if root is not None:
        return kit_layout.find(Path(root))
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        try:
            return kit_layout.find(start)
        except KitError:
            continue
    raise KitError(MSG["no_kit"].format(here=Path.cwd()))


class Rules:
    """The datathon's rules, from the welcome notebook's parameters, shown in the notebook's
    language (``display(Rules(...))`` or as the last line of a cell)."""

    def __init__(self, team_min: int, team_max: int, deadline: str, licence: str) -> None:
        self.team_min, self.team_max = team_min, team_max
        self.deadline = dt.datetime.fromisoformat(deadline)
        self.licence = licence

    def lines(self, today: dt.date | None = None) -> list[str]:
        days = (self.deadline.date() - (today or dt.date.today())).days
        left = MSG["days_left"].format(n=days) if days >= 0 else MSG["closed"].get()
        return [
            MSG["team"].format(min=self.team_min, max=self.team_max),
            MSG["deadline"].format(deadline=f"{self.deadline:%Y-%m-%d %H:%M}", left=left),
            MSG["licence"].format(licence=self.licence),
            MSG["data"].get(),
            MSG["flags"].get(),
            MSG["help"].get(),
        ]

    def _repr_markdown_(self) -> str:
        body = "\n".join(f"{n}. {line}" for n, line in enumerate(self.lines(), 1))
        return f"### {MSG['rules_title'].get()}\n\n{body}"

    def __repr__(self) -> str:
        return "\n".join(line.replace("**", "") for line in self.lines())
