"""SQL over the kit's tables with DuckDB: views over the Parquet cache, or over DataFrames.

    import kit
    con = kit.db.connect(procurement="sample")      # views tenders, awards, suppliers, ...
    con.sql("SELECT procurement_method, count(*) FROM tenders GROUP BY 1").df()

Loaded OCDS is cached as Parquet (:mod:`kit.procurement.cache`). When the cache has the tables,
the views read those files directly (``read_parquet``): nothing is copied into memory, so a
national feed larger than the laptop's memory can still be queried. Otherwise, and for any
DataFrame given by name, DuckDB scans the DataFrame where it is, without copying it either.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from kit.errors import KitError, SourceNotFoundError
from kit.i18n import messages

if TYPE_CHECKING:
    import pandas as pd

    from kit.procurement.load import ProcurementData

__all__ = ["connect", "procurement_folder"]

MSG = messages(
    "db",
    {
        "name": (
            "{name!r} no sirve como nombre de tabla en SQL: usa letras sin acentos, números y _, "
            "sin empezar con número (por ejemplo victimas_2024)",
            "{name!r} cannot be a SQL table name: use letters, digits and _, not starting with "
            "a digit (for example victims_2024)",
        ),
        "twice": (
            "la tabla {name!r} se registraría dos veces; dale otro nombre a una de las fuentes",
            "table {name!r} would be registered twice; give one of the sources another name",
        ),
        "kind": (
            "{name}: no sé registrar un {kind}. Usa un DataFrame, la ruta de un archivo Parquet "
            "o los datos de kit.procurement.load(...)",
            "{name}: cannot register a {kind}. Use a DataFrame, the path of a Parquet file or "
            "the data from kit.procurement.load(...)",
        ),
        "unnamed": (
            "un DataFrame necesita nombre: connect(victimas=df) crea la tabla victimas",
            "a DataFrame needs a name: connect(victims=df) creates the table victims",
        ),
        "missing": (
            "{name}: no existe {path}",
            "{name}: {path} does not exist",
        ),
        "did_you_mean": (
            "{name}: no existe el archivo {path!r}. ¿Querías connect(procurement={path!r})?",
            "{name}: there is no file {path!r}. Did you mean connect(procurement={path!r})?",
        ),
        "not_parquet": (
            "{name}: {path} no es Parquet (.parquet); para OCDS usa connect(procurement=...), "
            "para un CSV léelo con pandas y pásalo por nombre",
            "{name}: {path} is not Parquet (.parquet); for OCDS use connect(procurement=...), "
            "for a CSV read it with pandas and pass it by name",
        ),
        "empty_folder": (
            "{name}: la carpeta {path} no tiene archivos .parquet",
            "{name}: the folder {path} has no .parquet files",
        ),
    },
)

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
#: Words that name a domain loader rather than a table.
_DOMAINS = ("procurement",)


def connect(
    *sources: Any, database: str = ":memory:", cache: bool = True, **tables: Any
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the given data registered as views, ready for ``con.sql(...)``.

    Args:
        *sources: data of :func:`kit.procurement.load` (views ``tenders``, ``awards``,
            ``suppliers``, ``contracts``, ``items``, ``parties``), or paths of Parquet files
            (one view per file, named after the file) or of folders of Parquet files.
        database: DuckDB's database (``":memory:"``, or a file to keep what you create).
        cache: read loaded OCDS from its Parquet cache when there is one (the default). With
            ``False`` the views scan the DataFrames in memory, for example after changing them.
        **tables: ``procurement=`` a source for :func:`kit.procurement.load` (``"sample"``, a
            path, a list of paths) or its data; any other name becomes a view of that name over
            a DataFrame, a Parquet file (or a folder of them, read as one table), or, for loaded
            OCDS, six views ``<name>_tenders``, ``<name>_awards``, ...

    Raises:
        SourceNotFoundError: a path does not exist.
        KitError: a name that SQL cannot use, a name given twice, or a source of another kind.
    """
    views: dict[str, str | pd.DataFrame] = {}
    for source in sources:
        _add_all(views, _positional(source, use_cache=cache))
    for name, source in tables.items():
        if name in _DOMAINS:
            _add_all(views, _procurement(source, use_cache=cache))
        else:
            _add_all(views, _named(name, source, use_cache=cache))
    con = duckdb.connect(database)
    for name, view in views.items():
        if isinstance(view, str):
            con.execute(f'CREATE OR REPLACE VIEW "{name}" AS SELECT * FROM read_parquet({view})')
        else:
            con.register(name, view)
    return con


def _add_all(views: dict[str, Any], new: Iterable[tuple[str, Any]]) -> None:
    for name, view in new:
        if not _IDENTIFIER.match(name):
            raise KitError(MSG["name"].format(name=name))
        if name.lower() in (known.lower() for known in views):
            raise KitError(MSG["twice"].format(name=name))
        views[name] = view


def _positional(source: Any, use_cache: bool) -> list[tuple[str, Any]]:
    if _is_procurement(source):
        return _procurement(source, use_cache)
    if _is_frame(source):
        raise KitError(str(MSG["unnamed"]))
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            files = sorted(path.glob("*.parquet"))
            if not files:
                raise KitError(MSG["empty_folder"].format(name=path.name, path=path))
            return [(_identifier(file.stem), _parquet(file)) for file in files]
        return [(_identifier(path.stem), _parquet_file(str(source), path))]
    raise KitError(MSG["kind"].format(name="connect", kind=type(source).__name__))


def _named(name: str, source: Any, use_cache: bool) -> list[tuple[str, Any]]:
    if _is_frame(source):
        return [(name, source)]
    if _is_procurement(source):
        return [(f"{name}_{table}", view) for table, view in _procurement(source, use_cache)]
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            if not any(path.rglob("*.parquet")):
                raise KitError(MSG["empty_folder"].format(name=name, path=path))
            return [(name, _quoted(f"{path}/**/*.parquet"))]
        if "*" in str(source):
            return [(name, _quoted(str(source)))]
        return [(name, _parquet_file(name, path))]
    raise KitError(MSG["kind"].format(name=name, kind=type(source).__name__))


def _parquet_file(name: str, path: Path) -> str:
    if not path.exists() and str(path) in ("sample", "real"):
        raise SourceNotFoundError(MSG["did_you_mean"].format(name=name, path=str(path)))
    if not path.exists():
        raise SourceNotFoundError(MSG["missing"].format(name=name, path=path))
    if path.suffix.lower() not in (".parquet", ".pq"):
        raise KitError(MSG["not_parquet"].format(name=name, path=path))
    return _parquet(path)


def _parquet(path: Path) -> str:
    return _quoted(str(path.resolve()))


def _quoted(text: str) -> str:
    """A SQL string literal (views cannot take parameters)."""
    return "'" + text.replace("'", "''") + "'"


def _identifier(stem: str) -> str:
    """A file's name as a table name: other characters become ``_``."""
    name = re.sub(r"\W", "_", stem, flags=re.ASCII)
    return f"t_{name}" if name[:1].isdigit() else name


def _is_frame(source: Any) -> bool:
    import pandas as pd

    return isinstance(source, pd.DataFrame)


def _is_procurement(source: Any) -> bool:
    from kit.procurement.load import ProcurementData

    return isinstance(source, ProcurementData)


# Loaded OCDS -------------------------------------------------------------------------------------


def _procurement(source: Any, use_cache: bool) -> list[tuple[str, Any]]:
    """The six procurement views: over the Parquet cache when it holds these tables."""
    from kit.procurement.load import load
    from kit.procurement.tables import COLUMNS

    if not _is_procurement(source) and not _is_source(source):
        raise KitError(MSG["kind"].format(name="procurement", kind=type(source).__name__))
    if _is_procurement(source):
        data = source
        folder = procurement_folder(data.source) if use_cache else None
        if folder is not None and not _same_rows(folder, data):
            folder = None
    else:
        folder = procurement_folder(source) if use_cache else None
        if folder is None:
            data = load(source)  # parses the files and fills the cache
            folder = procurement_folder(source) if use_cache else None
    if folder is not None:
        return [(name, _parquet(folder / f"{name}.parquet")) for name in COLUMNS]
    return list(data.tables.items())


def _is_source(source: Any) -> bool:
    """A source ``load`` takes: a name, a path, or a list of paths."""
    if isinstance(source, str | os.PathLike):
        return True
    return isinstance(source, list | tuple) and all(
        isinstance(part, str | os.PathLike) for part in source
    )


def procurement_folder(source: Any) -> Path | None:
    """The cache folder with the Parquet tables of ``source`` (as given to ``load``), if any.

    ``None`` when that source is not cached (yet): a folder of files, the cache turned off
    (``KIT_NO_CACHE=1``), or a file never loaded or changed since.
    """
    from kit.procurement import cache
    from kit.procurement.tables import COLUMNS

    paths = _paths(source, importlib.import_module("kit.procurement.load"))
    key = cache.cache_key(paths) if paths is not None else None
    if key is None:
        return None
    folder = cache.folder(key)
    if all((folder / f"{name}.parquet").is_file() for name in COLUMNS):
        return folder
    return None


def _paths(source: Any, load: Any) -> Path | list[Path] | None:
    """The files behind a ``load`` source or a loaded data's label (``None``: not files)."""
    from kit import data as bundled

    if isinstance(source, str) and source == "sample":
        return bundled.path(load.SAMPLE)
    if isinstance(source, str) and source == "real":
        return bundled.cache_dir() / load.REAL_FILENAME
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.exists():
            return path
        parts = [Path(part) for part in str(source).split(", ")]  # a label of several files
        return parts if len(parts) > 1 and all(part.is_file() for part in parts) else None
    if _is_source(source):
        return [Path(part) for part in source]
    return None


def _same_rows(folder: Path, data: ProcurementData) -> bool:
    """Whether the cached tables have the loaded data's row counts (a cheap sanity check: a
    table filtered after loading is scanned from memory instead)."""
    import pyarrow.parquet as pq

    return all(
        pq.ParquetFile(folder / f"{name}.parquet").metadata.num_rows == len(table)
        for name, table in data.tables.items()
    )
