"""Everything the ``movilidad`` notebooks load at once: victims, ridership and Metro stations.

``load("sample")`` reads the bundled fictitious sample in ``kit/data/cdmx/``; a folder reads real
downloads laid out the same way:

- ``fgj/``: FGJ victims files (``*.csv``; either layout; concatenated),
- ``afluencia/``: ridership files (``*.csv``; the system from each file's name),
- ``estaciones/``: the Metro stations layer (``*.geojson``, ``*.json`` or ``*.csv``).

Gzipped CSVs (``*.csv.gz``) are read too: the bundled sample stores its large files so.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.cdmx.fgj import read_victims
from kit.cdmx.ridership import read_ridership
from kit.cdmx.stations import read_stations
from kit.cdmx.transport import SISTEMAS
from kit.errors import SourceNotFoundError
from kit.i18n import messages

__all__ = ["FOLDERS", "MobilityData", "load"]

#: The sub-folders of a folder of downloads, and the file patterns each holds.
FOLDERS = {
    "fgj": ("*.csv", "*.csv.gz"),
    "afluencia": ("*.csv", "*.csv.gz"),
    "estaciones": ("*.geojson", "*.json", "*.csv", "*.csv.gz"),
}

MSG = messages(
    "cdmx.load",
    {
        "no_sample": (
            "La muestra de movilidad todavía no está en {folder}. Genérala con "
            "python -m kit.samples cdmx, o pasa la carpeta de tus descargas (con fgj/, "
            "afluencia/ y estaciones/).",
            "The movilidad sample is not in {folder} yet. Generate it with python -m kit.samples "
            "cdmx, or pass the folder of your downloads (with fgj/, afluencia/ and estaciones/).",
        ),
        "missing": (
            "{folder}: no hay archivos {patterns} en {what}/. Se esperan fgj/ (víctimas de la "
            'FGJ), afluencia/ (afluencia diaria) y estaciones/ (capa del Metro), o usa "sample".',
            "{folder}: no {patterns} files in {what}/. Expected fgj/ (FGJ victims), afluencia/ "
            '(daily ridership) and estaciones/ (Metro layer), or use "sample".',
        ),
        "summary": (
            "{victims} registros de víctimas ({women} de mujeres, {transport} en transporte "
            "público), {days} días de afluencia de {systems}, {stations} estaciones.",
            "{victims} victim records ({women} women, {transport} in public transport), "
            "{days} days of ridership of {systems}, {stations} stations.",
        ),
    },
)


@dataclass(frozen=True, repr=False)
class MobilityData:
    """FGJ victims, daily ridership of every system, and the Metro stations."""

    victimas: pd.DataFrame
    afluencia: pd.DataFrame
    estaciones: pd.DataFrame
    source: str

    def summary(self) -> str:
        victims = self.victimas
        return MSG["summary"].format(
            victims=f"{len(victims):,}",
            women=f"{int((victims['sexo'] == 'Mujer').sum()):,}",
            transport=f"{int(victims['transporte'].notna().sum()):,}",
            days=self.afluencia["fecha"].nunique(),
            systems=", ".join(sorted(self.afluencia["sistema"].dropna().unique().astype(str))),
            stations=self.estaciones["clave_estacion"].nunique(),
        )

    def __repr__(self) -> str:
        return f"MobilityData({self.source}): {self.summary()}"

    def _repr_html_(self) -> str:
        return f"<p><strong>{html.escape(self.source)}</strong>: {html.escape(self.summary())}</p>"


def load(source: str | Path = "sample") -> MobilityData:
    """Victims, ridership and stations from ``"sample"`` or a folder of downloads.

    Raises:
        SourceNotFoundError: the sample is not generated yet, or a sub-folder has no files.
        DataFormatError: a file is not in its published format (the message names it).
    """
    if str(source) == "sample":
        from kit.data import DATA_DIR

        folder = DATA_DIR / "cdmx"
        if not folder.is_dir():
            raise SourceNotFoundError(MSG["no_sample"].format(folder=folder))
        label = "sample"
    else:
        folder = Path(source)
        if not folder.is_dir():
            raise SourceNotFoundError(MSG["missing"].format(
                folder=folder, patterns="*.csv", what="fgj"))  # fmt: skip
        label = str(folder)
    files = {name: _files(folder, name, patterns) for name, patterns in FOLDERS.items()}
    victims = pd.concat([read_victims(path) for path in files["fgj"]], ignore_index=True)
    ridership = pd.concat([read_ridership(path) for path in files["afluencia"]], ignore_index=True)
    return MobilityData(
        victimas=_categorical_again(victims),
        afluencia=ridership,
        estaciones=read_stations(files["estaciones"][0]),
        source=label,
    )


def _files(root: Path, name: str, patterns: tuple[str, ...]) -> list[Path]:
    found = [path for pattern in patterns for path in sorted((root / name).glob(pattern))]
    if not found:
        raise SourceNotFoundError(
            MSG["missing"].format(folder=root, patterns=" / ".join(patterns), what=name)
        )
    return found


def _categorical_again(frame: pd.DataFrame) -> pd.DataFrame:
    """Concatenating files with different categories gives text: make them categories again."""
    for name in ("delito", "categoria", "tipo_persona", "calidad_juridica", "alcaldia", "colonia"):
        frame[name] = frame[name].astype("category")
    frame["sexo"] = pd.Categorical(frame["sexo"], categories=["Mujer", "Hombre"])
    frame["transporte"] = pd.Categorical(frame["transporte"], categories=list(SISTEMAS))
    frame["esquema"] = pd.Categorical(frame["esquema"], categories=["actual", "anterior"])
    return frame
