"""FGJ victims and investigation files (datos.cdmx.gob.mx) into one tidy row per record.

Two layouts are published and both are read (``esquema``):

- ``actual`` (2023 on, ``victimasFGJ_acumulado_AAAA_MM.csv``, ``carpetasFGJ_acumulado_...``):
  snake_case names, ``fecha_hecho`` as ``AAAA-MM-DD``, ``hora_hecho`` as ``HH:MM:SS``;
- ``anterior`` (to 2022, ``victimas_completa_<mes>_AAAA.csv`` and the ``da_victimas_completa``
  files of 2022-2023): ``Delito``, ``Sexo``, ``FechaHecho``, ``HoraHecho``, ``AlcaldiaHechos``
  or ``alcaldia_hechos``, dates as ``AAAA-MM-DD`` or ``DD/MM/AAAA``.

Columns are found by name (accents, case and ``_`` do not matter), so extracts that keep only some
columns are read too; only the minimal set is required. Times ``00:00`` and ``12:00`` are far too
frequent to be true (a default of the capture system): they are flagged ``hora_placeholder`` and
left out of ``hora``. The full files have about two million rows: they are read in blocks of
``block_size`` bytes, keeping only the needed columns, and repeated texts become categories.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from kit.cdmx import _csv
from kit.cdmx.text import alcaldia
from kit.cdmx.transport import SISTEMAS, transport_of
from kit.i18n import messages
from kit.sanctions._csv import Source

__all__ = ["BBOX", "CARPETAS_COLUMNS", "VICTIMS_COLUMNS", "read_carpetas", "read_victims"]

#: Mexico City's bounding box (lat_min, lat_max, lon_min, lon_max): outside it, no coordinates.
BBOX = (19.04, 19.60, -99.37, -98.94)
VICTIMS_COLUMNS = (
    "fecha_hecho", "hora_hecho", "hora", "hora_placeholder", "fecha_inicio", "anio_hecho",
    "delito", "categoria", "sexo", "edad", "tipo_persona", "calidad_juridica", "alcaldia",
    "colonia", "latitud", "longitud", "transporte", "esquema",
)  # fmt: skip
_VICTIM_ONLY = ("sexo", "edad", "tipo_persona", "calidad_juridica")
CARPETAS_COLUMNS = (
    *(name for name in VICTIMS_COLUMNS if name not in _VICTIM_ONLY),
    "fiscalia",
    "agencia",
)
SAMPLE_VICTIMS = "cdmx/fgj/victimasFGJ_acumulado_2024_12.csv.gz"
#: Tidy column -> keys (see ``kit.cdmx._csv.key``) of the published columns, by preference.
_ALIASES = {
    "fecha_hecho": ("fechahecho", "fechahechos"),
    "hora_hecho": ("horahecho", "horahechos"),
    "fecha_inicio": ("fechainicio",),
    "anio_hecho": ("aniohecho", "anohecho", "aohecho", "aohechos"),
    "delito": ("delito",),
    "categoria": ("categoriadelito", "categoria"),
    "sexo": ("sexo",),
    "edad": ("edad",),
    "tipo_persona": ("tipopersona",),
    "calidad_juridica": ("calidadjuridica",),
    "alcaldia": ("alcaldiahecho", "alcaldiahechos", "alcaldiacatalogo"),
    "colonia": (
        "coloniahecho", "coloniahechos", "coloniadatos", "coloniacatalogo", "fgjcoloniaregistro",
    ),
    "latitud": ("latitud",),
    "longitud": ("longitud",),
    "fiscalia": ("fiscalia",),
    "agencia": ("agencia",),
}  # fmt: skip
_CATEGORIES = ("delito", "categoria", "tipo_persona", "calidad_juridica", "alcaldia", "colonia")
_CARPETAS_TEXT = ("fiscalia", "agencia")
_SEXO = {"femenino": "Mujer", "mujer": "Mujer", "masculino": "Hombre", "hombre": "Hombre"}
_TIME = r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?"

MSG = messages(
    "cdmx.fgj",
    {
        "victims": ("el archivo de víctimas de la FGJ", "FGJ's victims file"),
        "carpetas": ("el archivo de carpetas de la FGJ", "FGJ's investigation files"),
    },
)


def read_victims(source: Source = "sample", *, block_size: int = 1 << 24) -> pd.DataFrame:
    """Read an FGJ victims file (either layout) into one row per victim record.

    Args:
        source: path of the CSV, or ``"sample"`` for the bundled sample.
        block_size: bytes read at a time (the whole file is never in memory as text).

    Returns:
        The columns :data:`VICTIMS_COLUMNS`: ``fecha_hecho``, ``fecha_inicio`` (datetime),
        ``hora_hecho`` ("HH:MM"), ``hora`` (Int64 0-23, missing when the time is missing or a
        placeholder), ``hora_placeholder`` (00:00 or 12:00 exactly), ``anio_hecho`` (Int64),
        ``delito``, ``categoria``, ``tipo_persona``, ``calidad_juridica``, ``alcaldia`` (official
        name), ``colonia`` (categories of text), ``sexo`` (Mujer / Hombre / missing), ``edad``
        (Int64, missing when absent or over 110), ``latitud``, ``longitud`` (NaN outside Mexico
        City), ``transporte`` (see :func:`kit.cdmx.transport.transport_of`) and ``esquema``
        (``actual`` / ``anterior``). ``attrs``: ``archivo``, ``codificacion``, ``bloques``,
        ``fechas_no_leidas``, ``coordenadas_fuera``, ``textos_reparados``.

    Raises:
        DataFormatError: not a CSV, cut, wrong encoding, or a needed column is missing.
        SourceNotFoundError: the path (or the bundled sample) does not exist.
    """
    path = _csv.existing(source, SAMPLE_VICTIMS)
    return _read(path, MSG["victims"].get(), ("fecha_hecho", "delito", "sexo"), block_size)


def read_carpetas(source: Source, *, block_size: int = 1 << 24) -> pd.DataFrame:
    """Read an FGJ investigation-files (carpetas) file into one row per carpeta.

    The columns are those of :func:`read_victims` without the victim's (``sexo``, ``edad``,
    ``tipo_persona``, ``calidad_juridica``), plus ``fiscalia`` and ``agencia`` (missing when the
    file does not have them): :data:`CARPETAS_COLUMNS`.

    Raises:
        DataFormatError: not a CSV, cut, wrong encoding, or a needed column is missing.
        SourceNotFoundError: the path does not exist.
    """
    path = _csv.existing(source, "cdmx/fgj/carpetas.csv")
    return _read(path, MSG["carpetas"].get(), ("fecha_hecho", "delito"), block_size)


def _read(path: Path, what: str, required: tuple[str, ...], block_size: int) -> pd.DataFrame:
    found = _csv.sniff(path)
    names = _csv.header(path, found)
    victims = "sexo" in required
    wanted = {
        tidy: aliases
        for tidy, aliases in _ALIASES.items()
        if victims or tidy not in _VICTIM_ONLY
        if not victims or tidy not in _CARPETAS_TEXT
    }
    columns = _csv.column_map(names, wanted, required, path, what)
    esquema = "actual" if "fecha_hecho" in names else "anterior"
    raw = [name for group in columns.values() for name in group]
    frames = [
        _tidy(chunk, columns, victims)
        for chunk in _csv.batches(path, found, len(names), raw, block_size)
    ]
    if not frames:
        empty = pd.DataFrame({name: pd.Series([], dtype="str") for name in raw})
        frames = [_tidy(empty, columns, victims)]
    frame = _combine(frames, victims)
    frame["esquema"] = pd.Categorical([esquema] * len(frame), categories=["actual", "anterior"])
    order = VICTIMS_COLUMNS if victims else CARPETAS_COLUMNS
    frame = frame[list(order)]
    repaired = 0
    for name in _CATEGORIES:
        if name in frame and isinstance(frame[name].dtype, pd.CategoricalDtype):
            fixed, count = _csv.repair_series(pd.Series(frame[name].cat.categories))
            if count:
                frame[name] = frame[name].cat.rename_categories(dict(zip(
                    frame[name].cat.categories, fixed, strict=True)))  # fmt: skip
                repaired += count
    frame.attrs.update(
        archivo=str(path),
        codificacion=found.encoding,
        bloques=len(frames),
        fechas_no_leidas=int(sum(f.attrs["fechas_no_leidas"] for f in frames)),
        coordenadas_fuera=int(sum(f.attrs["coordenadas_fuera"] for f in frames)),
        textos_reparados=repaired,
    )
    return frame


def _column(chunk: pd.DataFrame, names: list[str] | None) -> pd.Series:
    """The first non-missing value among the file's columns for one tidy column."""
    if not names:
        return pd.Series([None] * len(chunk), index=chunk.index, dtype="str")
    out = chunk[names[0]].str.strip()
    for other in names[1:]:
        out = out.where(~out.isin(_csv.MISSING), chunk[other].str.strip())
    return out.where(~out.isin(_csv.MISSING))


def _tidy(chunk: pd.DataFrame, columns: dict[str, list[str]], victims: bool) -> pd.DataFrame:
    get = {tidy: _column(chunk, columns.get(tidy)) for tidy in _ALIASES}
    fecha, unread = _dates(get["fecha_hecho"])
    inicio, _ = _dates(get["fecha_inicio"])
    hora_hecho, hora, placeholder = _times(get["hora_hecho"])
    published_year = pd.to_numeric(get["anio_hecho"], errors="coerce").astype("Int64")
    year = pd.Series(fecha.dt.year, dtype="Int64").fillna(published_year)
    lat, lon, outside = _coordinates(get["latitud"], get["longitud"])
    out = {
        "fecha_hecho": fecha,
        "hora_hecho": hora_hecho,
        "hora": hora,
        "hora_placeholder": placeholder,
        "fecha_inicio": inicio,
        "anio_hecho": year,
        "delito": get["delito"],
        "categoria": get["categoria"],
        "alcaldia": get["alcaldia"],
        "colonia": get["colonia"],
        "latitud": lat,
        "longitud": lon,
    }
    if victims:
        out["sexo"] = get["sexo"].str.lower().map(_SEXO)
        edad = pd.to_numeric(get["edad"], errors="coerce")
        edad = edad.where((edad >= 0) & (edad <= 110) & (edad == np.floor(edad)))
        out["edad"] = edad.astype("Int64")
        out["tipo_persona"] = get["tipo_persona"]
        out["calidad_juridica"] = get["calidad_juridica"]
    else:
        out["fiscalia"] = get["fiscalia"].astype("str")
        out["agencia"] = get["agencia"].astype("str")
    frame = pd.DataFrame(out, index=chunk.index)
    for name in (*_CATEGORIES, "sexo"):
        if name in frame:
            frame[name] = frame[name].astype("category")
    frame.attrs.update(fechas_no_leidas=unread, coordenadas_fuera=outside)
    return frame


def _combine(frames: list[pd.DataFrame], victims: bool) -> pd.DataFrame:
    """One frame from the blocks: categories united, then the derived columns."""
    frame = pd.concat(frames, ignore_index=True)
    for name in (*_CATEGORIES, "sexo"):
        if name in frames[0]:
            united = union_categoricals([f[name] for f in frames], sort_categories=True)
            frame[name] = pd.Categorical(united)
    names = pd.Series(frame["alcaldia"].cat.categories)
    official = names.map(alcaldia)
    frame["alcaldia"] = pd.Categorical(
        frame["alcaldia"].cat.rename_categories(dict(zip(names, official, strict=True)))
        if official.is_unique
        else frame["alcaldia"].astype("str").map(alcaldia)
    )
    if victims:
        frame["sexo"] = frame["sexo"].cat.set_categories(["Mujer", "Hombre"])
    systems = {name: transport_of(name) for name in frame["delito"].cat.categories}
    frame["transporte"] = pd.Categorical(
        frame["delito"].astype("str").map(systems), categories=list(SISTEMAS)
    )
    return frame


def _dates(values: pd.Series) -> tuple[pd.Series, int]:
    """``AAAA-MM-DD[ hh:mm:ss]`` or ``DD/MM/AAAA[ hh:mm]``: the date part, and how many failed."""
    text = values.str.slice(0, 10)
    out = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    slash = out.isna() & text.str.contains("/", regex=False).fillna(False)
    if slash.any():
        out[slash] = pd.to_datetime(text[slash], format="%d/%m/%Y", errors="coerce")
    unread = int((out.isna() & values.notna()).sum())
    return out.astype("datetime64[ns]"), unread


def _times(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``HH:MM[:SS]`` (also the ``18:30:00:00`` of some extracts): text, hour, placeholder."""
    parts = values.str.extract(_TIME)
    hour = pd.to_numeric(parts[0], errors="coerce")
    minute = pd.to_numeric(parts[1], errors="coerce")
    second = pd.to_numeric(parts[2], errors="coerce").fillna(0)
    valid = hour.between(0, 23) & minute.between(0, 59)
    text = (
        hour.astype("Int64").astype("str").str.zfill(2)
        + ":"
        + minute.astype("Int64").astype("str").str.zfill(2)
    ).where(valid)
    placeholder = valid & hour.isin([0, 12]) & minute.eq(0) & second.eq(0)
    return (
        text.astype("str"),
        hour.where(valid & ~placeholder).astype("Int64"),
        placeholder.astype(bool),
    )


def _coordinates(lat: pd.Series, lon: pd.Series) -> tuple[pd.Series, pd.Series, int]:
    """Floats inside Mexico City's box; anything else NaN, and how many were outside."""
    y = pd.to_numeric(lat, errors="coerce").astype(float)
    x = pd.to_numeric(lon, errors="coerce").astype(float)
    lat_min, lat_max, lon_min, lon_max = BBOX
    inside = y.between(lat_min, lat_max) & x.between(lon_min, lon_max)
    outside = int((~inside & y.notna() & x.notna()).sum())
    return y.where(inside), x.where(inside), outside
