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

The tidy table is converted once into a Parquet file in the kit's cache, block by block (see
:mod:`kit.cdmx._cache`), and read from there afterwards: the same table, in a fraction of the
time. :func:`to_parquet` gives that file's path (for duckdb or pyarrow); ``KIT_NO_CACHE=1``
reads the CSV every time.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kit.cdmx import _cache, _csv
from kit.cdmx.text import alcaldia, plain
from kit.cdmx.transport import SISTEMAS, transport_of
from kit.errors import KitError
from kit.i18n import messages
from kit.sanctions._csv import Source

__all__ = [
    "BBOX", "BLOCK_SIZE", "CARPETAS_COLUMNS", "VICTIMS_COLUMNS", "read_carpetas", "read_victims",
    "to_parquet",
]  # fmt: skip

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
#: Bytes of CSV read (and tidied, and written to the cache) at a time. pyarrow's reader reads up
#: to 32 blocks ahead, so this sets the memory a conversion needs: 4 MiB keeps it near 128 MiB
#: of text in flight whatever the file's size, and costs no time against 16 MiB.
BLOCK_SIZE = 1 << 22
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
#: Categories whose values and order are fixed, whatever a file holds.
_FIXED = {"sexo": ("Mujer", "Hombre"), "transporte": SISTEMAS, "esquema": ("actual", "anterior")}
#: The type of every tidy column (also the Parquet cache's schema, see ``kit.cdmx._cache``).
_DTYPES = {
    **dict.fromkeys((*_CATEGORIES, *_FIXED), "category"),
    **dict.fromkeys(("fecha_hecho", "fecha_inicio"), "datetime64[ns]"),
    **dict.fromkeys(("hora", "anio_hecho", "edad"), "Int64"),
    **dict.fromkeys(("latitud", "longitud"), "float64"),
    **dict.fromkeys(("hora_hecho", "fiscalia", "agencia"), "str"),
    "hora_placeholder": "bool",
}
_CARPETAS_TEXT = ("fiscalia", "agencia")
_SEXO = {"femenino": "Mujer", "mujer": "Mujer", "masculino": "Hombre", "hombre": "Hombre"}
_MISSING = pa.array(sorted(_csv.MISSING), pa.string())
_NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"
_TIME = r"^\s*(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"

MSG = messages(
    "cdmx.fgj",
    {
        "victims": ("el archivo de víctimas de la FGJ", "FGJ's victims file"),
        "carpetas": ("el archivo de carpetas de la FGJ", "FGJ's investigation files"),
        "no_cache": (
            "no hay caché donde escribir el Parquet (KIT_NO_CACHE, o la carpeta de KIT_CACHE no "
            "se puede escribir); pasa target= con la ruta del archivo a escribir.",
            "there is no cache to write the Parquet file to (KIT_NO_CACHE, or KIT_CACHE's folder "
            "is not writable); pass target= with the path of the file to write.",
        ),
        "no_write": (
            "no se pudo escribir {target} (¿carpeta de solo lectura o disco lleno?).",
            "could not write {target} (read-only folder or full disk?).",
        ),
    },
)


def read_victims(source: Source = "sample", *, block_size: int = BLOCK_SIZE) -> pd.DataFrame:
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
    return _read(_csv.existing(source, SAMPLE_VICTIMS), _VICTIMS, block_size)


def read_carpetas(source: Source, *, block_size: int = BLOCK_SIZE) -> pd.DataFrame:
    """Read an FGJ investigation-files (carpetas) file into one row per carpeta.

    The columns are those of :func:`read_victims` without the victim's (``sexo``, ``edad``,
    ``tipo_persona``, ``calidad_juridica``), plus ``fiscalia`` and ``agencia`` (missing when the
    file does not have them): :data:`CARPETAS_COLUMNS`.

    Raises:
        DataFormatError: not a CSV, cut, wrong encoding, or a needed column is missing.
        SourceNotFoundError: the path does not exist.
    """
    return _read(_csv.existing(source, _CARPETAS.sample), _CARPETAS, block_size)


def to_parquet(
    source: Source = "sample",
    target: Path | str | None = None,
    *,
    carpetas: bool = False,
    block_size: int = BLOCK_SIZE,
) -> Path:
    """Convert an FGJ file to Parquet once, block by block, and return the Parquet file's path.

    The tidy table of :func:`read_victims` (or :func:`read_carpetas` with ``carpetas=True``) is
    written without ever holding it whole: categories as dictionaries, dates as timestamps, the
    reader's ``attrs`` in the file's metadata. Query it with pandas, pyarrow or duckdb.

    Args:
        source: path of the CSV, or ``"sample"``.
        target: where to write; by default the kit's cache (``read_victims`` then reads from it),
            and a file already converted is not converted again.

    Raises:
        DataFormatError: as :func:`read_victims`.
        KitError: the Parquet file cannot be written (no ``target`` and the cache is off or
            read-only, or ``target``'s folder is not writable).
    """
    kind = _CARPETAS if carpetas else _VICTIMS
    path = _csv.existing(source, kind.sample)
    if target is None:
        cached = _cache.entry(path, kind.name, block_size)
        if cached is not None and (cached.is_file() or _convert(path, kind, block_size, cached)):
            return cached
        raise KitError(MSG["no_cache"].get())
    target = Path(target)
    if not _convert(path, kind, block_size, target):
        raise KitError(MSG["no_write"].format(target=target))
    return target


@dataclass(frozen=True)
class _Kind:
    """What distinguishes the victims reader from the carpetas reader."""

    name: str
    sample: str
    what: str
    required: tuple[str, ...]
    columns: tuple[str, ...]

    @property
    def victims(self) -> bool:
        return "sexo" in self.required

    @property
    def dtypes(self) -> dict[str, str]:
        return {column: _DTYPES[column] for column in self.columns}


_VICTIMS = _Kind("victimas", SAMPLE_VICTIMS, "victims", ("fecha_hecho", "delito", "sexo"),
                 VICTIMS_COLUMNS)  # fmt: skip
_CARPETAS = _Kind("carpetas", "cdmx/fgj/carpetas.csv", "carpetas", ("fecha_hecho", "delito"),
                  CARPETAS_COLUMNS)  # fmt: skip


def _read(path: Path, kind: _Kind, block_size: int) -> pd.DataFrame:
    """From the Parquet cache when there is one (converting the CSV into it first if needed),
    else straight from the CSV; both give the same table."""
    target = _cache.entry(path, kind.name, block_size)
    if target is not None:
        cached = _cache.read(target, kind.dtypes)
        if cached is None and _convert(path, kind, block_size, target):
            cached = _cache.read(target, kind.dtypes)
        if cached is not None:
            frame, attrs = cached
            return _finish(frame, attrs, path)
    attrs: dict[str, Any] = {}
    frame = _combine(list(_blocks(path, kind, block_size, attrs)))
    return _finish(frame, attrs, path)


def _convert(path: Path, kind: _Kind, block_size: int, target: Path) -> bool:
    attrs: dict[str, Any] = {}
    blocks = _blocks(path, kind, block_size, attrs)
    return _cache.write(target, blocks, _cache.arrow_schema(kind.dtypes), attrs)


def _blocks(
    path: Path, kind: _Kind, block_size: int, attrs: dict[str, Any]
) -> Iterator[pd.DataFrame]:
    """The file's tidy blocks (final columns and types), one per ``block_size`` bytes of CSV.

    ``attrs`` is filled as they come: the encoding, the blocks, the dates not read, the
    coordinates outside the city and the texts repaired (distinct values) so far.
    """
    found = _csv.sniff(path)
    names = _csv.header(path, found)
    wanted = {
        tidy: aliases
        for tidy, aliases in _ALIASES.items()
        if kind.victims or tidy not in _VICTIM_ONLY
        if not kind.victims or tidy not in _CARPETAS_TEXT
    }
    columns = _csv.column_map(names, wanted, kind.required, path, MSG[kind.what].get())
    esquema = "actual" if "fecha_hecho" in names else "anterior"
    raw = [name for group in columns.values() for name in group]
    repaired: set[tuple[str, str]] = set()
    attrs.update(codificacion=found.encoding, bloques=0, fechas_no_leidas=0,
                 coordenadas_fuera=0, textos_reparados=0)  # fmt: skip

    def tidy(chunk: pd.DataFrame) -> pd.DataFrame:
        block = _tidy(chunk, columns, kind, esquema, repaired)
        attrs["bloques"] += 1
        attrs["fechas_no_leidas"] += block.attrs.pop("fechas_no_leidas")
        attrs["coordenadas_fuera"] += block.attrs.pop("coordenadas_fuera")
        attrs["textos_reparados"] = len(repaired)
        return block

    for chunk in _csv.batches(path, found, len(names), raw, block_size):
        yield tidy(chunk)
    if attrs["bloques"] == 0:  # a header without rows: an empty table of the right types
        yield tidy(pd.DataFrame({name: pd.Series([], dtype="str") for name in raw}))


def _combine(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One frame from the tidy blocks: each category column with the union of the blocks'."""
    for name in frames[0].columns:
        if isinstance(frames[0][name].dtype, pd.CategoricalDtype):
            union = _order(name, itertools.chain(*(f[name].cat.categories for f in frames)))
            for frame in frames:
                frame[name] = frame[name].cat.set_categories(union)
    return pd.concat(frames, ignore_index=True)


def _finish(frame: pd.DataFrame, attrs: Mapping[str, Any], path: Path) -> pd.DataFrame:
    """The same categories in the same order, however the table was read."""
    for name in frame.columns:
        if isinstance(frame[name].dtype, pd.CategoricalDtype):
            frame[name] = frame[name].cat.set_categories(_order(name, frame[name].cat.categories))
    frame.attrs.clear()
    frame.attrs.update(archivo=str(path), **attrs)
    return frame


def _order(name: str, categories: Iterable[str]) -> pd.Index:
    """Fixed lists for sexo, transporte and esquema; alcaldías alphabetical ignoring accents
    (as :data:`kit.cdmx.text.ALCALDIAS`); any other text alphabetical."""
    if name in _FIXED:
        return pd.Index(_FIXED[name], dtype="str")
    distinct = set(categories)
    key = (lambda value: (plain(value), value)) if name == "alcaldia" else None
    return pd.Index(sorted(distinct, key=key), dtype="str")


def _column(chunk: pd.DataFrame, names: list[str] | None) -> pd.Series:
    """The first non-missing value among the file's columns for one tidy column (trimmed)."""
    if not names:
        return pd.Series([None] * len(chunk), index=chunk.index, dtype="str")

    def trimmed(name: str) -> pa.Array:
        return pc.utf8_trim_whitespace(pa.array(chunk[name], type=pa.string(), from_pandas=True))

    def absent(values: pa.Array) -> pa.Array:
        return pc.fill_null(pc.is_in(values, value_set=_MISSING), True)

    out = trimmed(names[0])
    for other in names[1:]:
        out = pc.if_else(absent(out), trimmed(other), out)
    out = pc.if_else(absent(out), pa.scalar(None, pa.string()), out)
    return pd.Series(out.to_pandas().array, index=chunk.index, dtype="str")


def _numbers(values: pd.Series) -> pd.Series:
    """Decimal numbers as floats, anything else NaN (``pd.to_numeric(errors="coerce")``, done
    by Arrow's kernels: pandas parses text numbers one Python object at a time)."""
    text = pa.array(values, type=pa.string(), from_pandas=True)
    number = pc.fill_null(pc.match_substring_regex(text, _NUMBER), False)
    floats = pc.cast(pc.if_else(number, text, pa.scalar(None, pa.string())), pa.float64())
    return pd.Series(floats.to_numpy(zero_copy_only=False), index=values.index, dtype=float)


def _tidy(
    chunk: pd.DataFrame,
    columns: dict[str, list[str]],
    kind: _Kind,
    esquema: str,
    repaired: set[tuple[str, str]],
) -> pd.DataFrame:
    """One block of the file as tidy rows; the texts it repaired are added to ``repaired``."""
    get = {tidy: _column(chunk, columns.get(tidy)) for tidy in _ALIASES}
    fecha, unread = _dates(get["fecha_hecho"])
    inicio, _ = _dates(get["fecha_inicio"])
    hora_hecho, hora, placeholder = _times(get["hora_hecho"])
    published_year = _numbers(get["anio_hecho"]).astype("Int64")
    year = pd.Series(fecha.dt.year, dtype="Int64").fillna(published_year)
    lat, lon, outside = _coordinates(get["latitud"], get["longitud"])
    names = {value: alcaldia(value) for value in get["alcaldia"].dropna().unique()}
    crimes = get["delito"].astype("category")
    systems = {name: transport_of(name) for name in crimes.cat.categories}
    out = {
        "fecha_hecho": fecha,
        "hora_hecho": hora_hecho,
        "hora": hora,
        "hora_placeholder": placeholder,
        "fecha_inicio": inicio,
        "anio_hecho": year,
        "delito": crimes,
        "categoria": get["categoria"],
        "alcaldia": get["alcaldia"].map(names),
        "colonia": get["colonia"],
        "latitud": lat,
        "longitud": lon,
        "transporte": pd.Categorical(crimes.map(systems), categories=list(SISTEMAS)),
        "esquema": pd.Categorical([esquema] * len(chunk), categories=list(_FIXED["esquema"])),
    }
    if kind.victims:
        out["sexo"] = get["sexo"].str.lower().map(_SEXO)
        edad = _numbers(get["edad"])
        edad = edad.where((edad >= 0) & (edad <= 110) & (edad == np.floor(edad)))
        out["edad"] = edad.astype("Int64")
        out["tipo_persona"] = get["tipo_persona"]
        out["calidad_juridica"] = get["calidad_juridica"]
    else:
        out["fiscalia"] = get["fiscalia"].astype("str")
        out["agencia"] = get["agencia"].astype("str")
    frame = pd.DataFrame(out, index=chunk.index)[list(kind.columns)].reset_index(drop=True)
    for name in (*_CATEGORIES, "sexo"):
        if name in frame:
            frame[name] = frame[name].astype("category")
    for name in _CATEGORIES:
        if name in frame:
            frame[name], changed = _repaired(frame[name])
            repaired.update((name, value) for value in changed)
    kept = {column: dtype for column, dtype in kind.dtypes.items() if dtype != "category"}
    frame = frame.astype(kept)
    frame.attrs.update(fechas_no_leidas=unread, coordenadas_fuera=outside)
    return frame


def _repaired(values: pd.Series) -> tuple[pd.Series, set[str]]:
    """A category column with its double-encoded texts repaired, and the texts that were."""
    categories = values.cat.categories
    fixed, _ = _csv.repair_series(pd.Series(categories, dtype="str"))
    changes = {old: new for old, new in zip(categories, fixed, strict=True) if old != new}
    if not changes:
        return values, set()
    renamed = [changes.get(value, value) for value in categories]
    if len(set(renamed)) == len(renamed):
        return values.cat.rename_categories(renamed), set(changes)
    return values.astype("str").replace(changes).astype("category"), set(changes)


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
    """``HH:MM[:SS]`` (also the ``18:30:00:00`` of some extracts): text, hour, placeholder.

    Arrow's compute kernels, not pandas' ``str.extract``: a regular expression per value in
    Python was half the time of reading the full file."""
    parts = pc.extract_regex(pa.array(values, type=pa.string(), from_pandas=True), _TIME)
    hour = pc.cast(pc.struct_field(parts, "h"), pa.int8())
    minute = pc.cast(pc.struct_field(parts, "m"), pa.int8())
    second = pc.struct_field(parts, "s")
    valid = pc.fill_null(pc.and_(pc.less_equal(hour, 23), pc.less_equal(minute, 59)), False)
    zero = pc.or_(pc.equal(second, ""), pc.equal(second, "00"))
    placeholder = pc.and_(
        valid, pc.and_(pc.is_in(hour, pa.array([0, 12], pa.int8())), pc.equal(minute, 0))
    )
    placeholder = pc.fill_null(pc.and_(placeholder, zero), False)
    padded = [pc.utf8_lpad(pc.struct_field(parts, name), 2, "0") for name in ("h", "m")]
    text = pc.if_else(valid, pc.binary_join_element_wise(*padded, ":"), None)
    kept = pc.if_else(pc.and_(valid, pc.invert(placeholder)), hour, None)
    return (
        pd.Series(text.to_pandas().array, index=values.index, dtype="str"),
        pd.Series(_int64(kept), index=values.index),
        pd.Series(placeholder.to_numpy(zero_copy_only=False), index=values.index, dtype=bool),
    )


def _int64(values: pa.Array) -> pd.arrays.IntegerArray:
    """Arrow integers with nulls as pandas' Int64, without a detour through Python objects."""
    data = pc.fill_null(values, 0).to_numpy(zero_copy_only=False).astype("int64")
    return pd.arrays.IntegerArray(data, pc.is_null(values).to_numpy(zero_copy_only=False))


def _coordinates(lat: pd.Series, lon: pd.Series) -> tuple[pd.Series, pd.Series, int]:
    """Floats inside Mexico City's box; anything else NaN, and how many were outside."""
    y, x = _numbers(lat), _numbers(lon)
    lat_min, lat_max, lon_min, lon_max = BBOX
    inside = y.between(lat_min, lat_max) & x.between(lon_min, lon_max)
    outside = int((~inside & y.notna() & x.notna()).sum())
    return y.where(inside), x.where(inside), outside
