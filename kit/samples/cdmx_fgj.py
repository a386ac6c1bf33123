"""The FGJ's victims files in their two published layouts, from the sample's victim records.

- current (2023 on, ``victimasFGJ_acumulado_AAAA_MM.csv``): ISO dates, ``HH:MM:SS`` times,
  empty ``sexo``/``edad`` when unknown;
- pre-2023 (``victimas_completa_<mes>_AAAA.csv``): ``DD/MM/YYYY`` dates, ``HH:MM`` times,
  ``NA`` for an unknown sex and for missing coordinates.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from kit.samples.cdmx_calendar import MONTHS

__all__ = ["CURRENT", "PREVIOUS", "Victim", "current_csv", "previous_csv"]

CURRENT_HEADER = (
    "anio_inicio,mes_inicio,fecha_inicio,hora_inicio,anio_hecho,mes_hecho,fecha_hecho,hora_hecho,"
    "delito,categoria_delito,sexo,edad,tipo_persona,calidad_juridica,competencia,colonia_catalogo,"
    "colonia_hecho,alcaldia_hecho,alcaldia_catalogo,municipio_hecho,latitud,longitud"
)
PREVIOUS_HEADER = (
    "idCarpeta,Año_inicio,Mes_inicio,FechaInicio,Delito,Categoria,Sexo,Edad,TipoPersona,"
    "CalidadJuridica,competencia,Año_hecho,Mes_hecho,FechaHecho,HoraHecho,HoraInicio,"
    "AlcaldiaHechos,ColoniaDatos,ColoniaHechos,Calle_hechos,Calle_hechos2,latitud,longitud"
)
CURRENT = CURRENT_HEADER.split(",")
PREVIOUS = PREVIOUS_HEADER.split(",")


@dataclass(frozen=True)
class Victim:
    """One victim record, before it is written in either layout."""

    carpeta: int
    hecho: datetime
    inicio: datetime
    delito: str
    categoria: str
    sexo: str | None  # "Femenino", "Masculino" or None
    edad: int | None
    tipo_persona: str
    calidad: str
    competencia: str
    alcaldia_fgj: str
    alcaldia: str
    colonia: str
    calle: str
    calle2: str
    lat: float | None
    lon: float | None


def _rows_to_csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _coordinate(value: float | None, missing: str) -> str:
    return missing if value is None else f"{value:.6f}"


def current_csv(victims: list[Victim]) -> bytes:
    """The current layout (22 columns)."""
    rows = []
    for v in victims:
        rows.append(
            [
                str(v.inicio.year),
                MONTHS[v.inicio.month - 1],
                v.inicio.strftime("%Y-%m-%d"),
                v.inicio.strftime("%H:%M:%S"),
                str(v.hecho.year),
                MONTHS[v.hecho.month - 1],
                v.hecho.strftime("%Y-%m-%d"),
                v.hecho.strftime("%H:%M:%S"),
                v.delito,
                v.categoria,
                v.sexo or "",
                "" if v.edad is None else str(v.edad),
                v.tipo_persona,
                v.calidad,
                v.competencia,
                v.colonia,
                v.colonia.upper(),
                v.alcaldia_fgj,
                v.alcaldia,
                "",
                _coordinate(v.lat, ""),
                _coordinate(v.lon, ""),
            ]
        )
    return _rows_to_csv(CURRENT, rows)


def previous_csv(victims: list[Victim]) -> bytes:
    """The pre-2023 layout (23 columns)."""
    rows = []
    for v in victims:
        rows.append(
            [
                str(v.carpeta),
                str(v.inicio.year),
                MONTHS[v.inicio.month - 1],
                v.inicio.strftime("%d/%m/%Y"),
                v.delito,
                v.categoria,
                v.sexo or "NA",
                "" if v.edad is None else str(v.edad),
                v.tipo_persona,
                v.calidad,
                v.competencia,
                str(v.hecho.year),
                MONTHS[v.hecho.month - 1],
                v.hecho.strftime("%d/%m/%Y"),
                v.hecho.strftime("%H:%M"),
                v.inicio.strftime("%H:%M"),
                v.alcaldia_fgj,
                v.colonia.upper(),
                v.colonia.upper(),
                v.calle,
                v.calle2,
                _coordinate(v.lat, "NA"),
                _coordinate(v.lon, "NA"),
            ]
        )
    return _rows_to_csv(PREVIOUS, rows)
