"""Everything the ``cuidados`` notebooks load at once: ENUT, DENUE, census and (optionally) ENOE.

``load("sample")`` reads ``kit/data/care/``. A folder reads real downloads laid out as
``enut/``, ``denue/``, ``censo/`` (one CSV each) and, optionally, ``enoe/``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.care import _csv
from kit.care.census import read_population
from kit.care.denue import read_denue
from kit.care.enoe import read_enoe
from kit.care.enut import read_enut
from kit.errors import SourceNotFoundError
from kit.i18n import messages

__all__ = ["FOLDERS", "CareData", "load"]

FOLDERS = ("enut", "denue", "censo")

MSG = messages(
    "care.load",
    {
        "missing": (
            "{folder}: falta la carpeta {what}/ con un archivo .csv. Se esperan enut/, denue/, "
            'censo/ y, si quieres, enoe/; o usa "sample".',
            "{folder}: folder {what}/ with a .csv file is missing. Expected enut/, denue/, "
            'censo/ and, optionally, enoe/; or use "sample".',
        ),
        "summary": (
            "ENUT: {persons} personas; DENUE: {places} establecimientos de cuidado; censo: "
            "{areas} municipios; ENOE: {enoe} personas.",
            "ENUT: {persons} people; DENUE: {places} care establishments; census: {areas} "
            "municipalities; ENOE: {enoe} people.",
        ),
    },
)


@dataclass(frozen=True, repr=False)
class CareData:
    """The care track's tables; ``enoe`` is None when the source has none."""

    enut: pd.DataFrame
    establecimientos: pd.DataFrame
    poblacion: pd.DataFrame
    enoe: pd.DataFrame | None
    source: str

    def summary(self) -> str:
        return MSG["summary"].format(
            persons=len(self.enut),
            places=len(self.establecimientos),
            areas=len(self.poblacion),
            enoe="—" if self.enoe is None else len(self.enoe),
        )

    def __repr__(self) -> str:
        return f"CareData({self.source}): {self.summary()}"

    def _repr_html_(self) -> str:
        return f"<p><strong>{html.escape(self.source)}</strong>: {html.escape(self.summary())}</p>"


def load(source: str | Path = "sample") -> CareData:
    """The care tables from ``"sample"`` (``kit/data/care/``) or a folder of downloads."""
    if str(source) == "sample":
        folder = _csv.sample("enut").parent
        name = "sample"
    else:
        folder = Path(source)
        name = str(folder)
    files = {what: _one(folder, what) for what in FOLDERS}
    enoe = _first(folder / "enoe")
    return CareData(
        read_enut(files["enut"]),
        read_denue(files["denue"]),
        read_population(files["censo"]),
        None if enoe is None else read_enoe(enoe),
        name,
    )


def _first(folder: Path) -> Path | None:
    found = sorted(folder.glob("*.csv")) + sorted(folder.glob("*.CSV"))
    return found[0] if found else None


def _one(root: Path, what: str) -> Path:
    found = _first(root / what)
    if found is None:
        raise SourceNotFoundError(MSG["missing"].format(folder=root, what=what))
    return found
