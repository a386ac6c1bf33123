"""Load OCDS procurement data as tidy tables: ``load("sample")``, a path, or ``load("real")``.

Notebooks call :func:`load` and get a :class:`ProcurementData`: six pandas tables (tenders,
awards, suppliers, contracts, items, parties) joined by ``ocid``, the counts of releases and
processes, and the compiled releases themselves for tools that need the JSON. Any OCDS shape
works (see :mod:`kit.procurement.read`), so a notebook written on the sample runs unchanged on a
file downloaded from the PDN.
"""

from __future__ import annotations

import contextlib
import gc
import html
import os
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit import data as bundled
from kit.errors import DataFormatError
from kit.i18n import messages
from kit.procurement import bulk, cache
from kit.procurement.compile import compile_entries
from kit.procurement.read import Source, files_of, read
from kit.procurement.tables import COLUMNS, BadShape, build_tables

__all__ = ["REAL_FILENAME", "REAL_PAGE", "REAL_URL", "SAMPLE", "ProcurementData", "load"]

#: The bundled sample, relative to ``kit/data``.
SAMPLE = "procurement/ocds_release_package.json.gz"
#: Official bulk file of the federal public administration (APF) feed that the PDN's System 6
#: also serves: a zip with a JSON array of releases. It is large (gigabytes unzipped).
REAL_URL = "https://compranetinfo.hacienda.gob.mx/dabiertos/contrataciones_arr.json.zip"
REAL_FILENAME = "mx_apf_contrataciones_arr.json.zip"
#: Where a person can download System 6 files by hand (named in the offline error).
REAL_PAGE = "https://plataformadigitalnacional.org/contrataciones"

MSG = messages(
    "procurement",
    {
        "bad_shape": (
            "proceso {ocid}: '{key}' es de tipo {kind}, que no corresponde a la estructura OCDS",
            "process {ocid}: '{key}' is of type {kind}, which does not fit the OCDS structure",
        ),
        "summary": (
            "Contrataciones OCDS de {source}: {processes} procesos, {releases} entregas",
            "OCDS procurement from {source}: {processes} processes, {releases} releases",
        ),
        "table": ("tabla", "table"),
        "rows": ("filas", "rows"),
        "one_row_per": ("una fila por", "one row per"),
        "tenders": ("proceso (ocid)", "process (ocid)"),
        "awards": ("adjudicación", "award"),
        "suppliers": ("proveedor de cada adjudicación", "supplier of each award"),
        "contracts": ("contrato", "contract"),
        "items": (
            "artículo (licitación, adjudicación o contrato)",
            "item (tender, award or contract)",
        ),
        "parties": ("parte de cada proceso", "party of each process"),
    },
)


@dataclass(frozen=True, eq=False)
class ProcurementData:
    """OCDS procurement data as tidy tables joined by ``ocid``.

    Attributes:
        source: what was loaded (``"sample"``, ``"real"`` or the path or paths given).
        n_releases: releases read, before compiling (a record counts its ``releases``, at least 1).
        n_processes: distinct contracting processes (ocids), one row each in ``tenders``.
        tenders, awards, suppliers, contracts, items, parties: the tables (docs/procurement.md).
        compiled: one compiled release per process, for tools that need the OCDS JSON (read
            from the cache only when first asked for).
    """

    source: str
    n_releases: int
    n_processes: int
    tenders: pd.DataFrame
    awards: pd.DataFrame
    suppliers: pd.DataFrame
    contracts: pd.DataFrame
    items: pd.DataFrame
    parties: pd.DataFrame
    _compiled: tuple[dict[str, Any], ...] | Callable[[], tuple[dict[str, Any], ...]] = field(
        repr=False, default=()
    )

    @property
    def compiled(self) -> tuple[dict[str, Any], ...]:
        """One compiled release per process (the OCDS JSON), in the order of ``tenders``."""
        if callable(self._compiled):
            object.__setattr__(self, "_compiled", self._compiled())
        return self._compiled

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The six tables by name, in the order of the docs."""
        return {name: getattr(self, name) for name in COLUMNS}

    def _summary(self) -> str:
        return MSG["summary"].format(
            source=self.source, processes=f"{self.n_processes:,}", releases=f"{self.n_releases:,}"
        )

    def __repr__(self) -> str:
        lines = [self._summary()]
        for name, table in self.tables.items():
            lines.append(f"  .{name:<10} {len(table):>8,} {MSG['rows']} · {MSG[name]}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        cells = "".join(
            f"<tr><td><code>.{name}</code></td><td style='text-align:right'>{len(table):,}</td>"
            f"<td>{html.escape(str(MSG[name]))}</td></tr>"
            for name, table in self.tables.items()
        )
        head = (
            f"<tr><th>{MSG['table']}</th><th>{MSG['rows']}</th><th>{MSG['one_row_per']}</th></tr>"
        )
        summary = html.escape(self._summary())
        return f"<p><b>{summary}</b></p><table><thead>{head}</thead><tbody>{cells}</tbody></table>"


def load(source: Source = "sample") -> ProcurementData:
    """Load OCDS contracting data as tidy tables, whatever shape the file has.

    Args:
        source: ``"sample"`` (the bundled sample, offline), ``"real"`` (downloads the official
            federal bulk file into the cache once; large), or the path of a file or folder
            (``.json``, ``.jsonl``, ``.json.gz``, ``.zip``), or a list of paths. Release
            packages, record packages, arrays of releases (PDN System 6), JSON Lines and single
            releases are all read; releases of the same process are compiled into one.

    Returns:
        ProcurementData with ``tenders``, ``awards``, ``suppliers``, ``contracts``, ``items``
        and ``parties`` tables, and the counts of releases and processes.

    Raises:
        SourceNotFoundError: the path does not exist.
        DataFormatError: the file is not OCDS or is broken; the message says where and why.
        KitError: ``"real"`` could not be downloaded; the message says where to get it by hand.
    """
    paths, label = _resolve(source)
    key = cache.cache_key(paths)
    cached = cache.read_entry(key) if key else None
    if cached is not None:
        return _from_entry(label, *cached, cache.folder(key))
    if bulk.is_large(files_of(paths)):
        return _parse_bulk(paths, label, key)
    data = _parse(paths, label)
    if key:
        counts = {"n_releases": data.n_releases, "n_processes": data.n_processes}
        cache.write_entry(key, data.tables, counts, data.compiled)
    return data


def _parse(paths: Source, label: str) -> ProcurementData:
    """Read, compile and flatten: the slow path the cache saves on later loads."""
    with _gc_paused():
        compiled = compile_entries(read(paths), label)
        try:
            tables = build_tables(compiled.releases, compiled.release_counts)
        except BadShape as error:
            problem = MSG["bad_shape"].format(ocid=error.ocid, key=error.key, kind=error.kind)
            raise DataFormatError(label, problem) from error
    return ProcurementData(
        source=label,
        n_releases=compiled.n_releases,
        n_processes=compiled.n_processes,
        _compiled=compiled.releases,
        **tables,
    )


def _from_entry(
    label: str, tables: dict[str, pd.DataFrame], meta: dict[str, Any], folder: Path
) -> ProcurementData:
    """The data of a cache entry folder; compiled releases read only when asked for."""
    return ProcurementData(
        source=label,
        n_releases=meta["n_releases"],
        n_processes=meta["n_processes"],
        _compiled=lambda: cache.read_compiled_file(folder / cache.COMPILED),
        **tables,
    )


def _parse_bulk(paths: Source, label: str, key: str | None) -> ProcurementData:
    """Large sources: streamed into a cache entry by :mod:`kit.procurement.bulk` with bounded
    memory, then read back from Parquet. Without a cache (turned off, a folder, a read-only
    cache) the entry is written to a temporary folder that lives as long as the data."""
    with _gc_paused():
        if key:
            with contextlib.suppress(OSError), cache.staging(key) as work:
                _write_bulk(paths, label, work)
            cached = cache.read_entry(key)
            if cached is not None:
                return _from_entry(label, *cached, cache.folder(key))
        folder = Path(tempfile.mkdtemp(prefix="kit-ocds-"))
        try:
            _write_bulk(paths, label, folder)
            data = _from_entry(label, *cache.read_folder(folder), folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    weakref.finalize(data, shutil.rmtree, folder, True)
    return data


def _write_bulk(paths: Source, label: str, folder: Path) -> None:
    try:
        if bulk.IN_WORKER:
            bulk.write_in_worker(files_of(paths), folder, label)
        else:
            bulk.write(read(paths), folder, label)
    except BadShape as error:
        problem = MSG["bad_shape"].format(ocid=error.ocid, key=error.key, kind=error.kind)
        raise DataFormatError(label, problem) from error


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small objects.

    Parsed JSON has no reference cycles, but each collection still walks every object, which
    made loading about twice as slow; reference counting still frees memory meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve(source: Source) -> tuple[Source, str]:
    """The paths to read and the label of the source (what ``ProcurementData.source`` says)."""
    if isinstance(source, str) and source == "sample":
        return bundled.path(SAMPLE), "sample"
    if isinstance(source, str) and source == "real":
        return bundled.fetch(REAL_URL, REAL_FILENAME, REAL_PAGE), "real"
    if isinstance(source, str | os.PathLike):
        return source, str(Path(source))
    paths = list(source)
    return paths, ", ".join(str(Path(path)) for path in paths)
