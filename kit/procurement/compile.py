"""Compile the releases of each contracting process into one compiled release.

A process (one ``ocid``) is published as several releases over time: the tender, then the award,
then the contract. Analysis needs the latest state of each process, which OCDS calls the
compiled release. Merging follows the OCDS merge rules through ``ocdsmerge`` with the release
schema shipped in ``schema/`` (never downloaded), and only for ocids with more than one release:
most processes have one, and copying it is much cheaper than merging it.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import DataFormatError
from kit.i18n import messages
from kit.procurement.read import Entry

if TYPE_CHECKING:
    import ocdsmerge

__all__ = [
    "SCHEMA_PATH",
    "Compiled",
    "DuplicateIdWarning",
    "as_compiled",
    "compile_entries",
    "compile_group",
    "merger",
]

#: How ocdsmerge words a duplicate id: "Multiple objects have the `id` value 'x' in the `a` array".
_DUPLICATE = re.compile(r"`id` value (?P<id>.+) in the `(?P<array>[^`]+)` array")
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "release-schema.json"

MSG = messages(
    "procurement",
    {
        "merge_failed": (
            "no pude compilar las {count} entregas del proceso {ocid}: {error}",
            "could not compile the {count} releases of process {ocid}: {error}",
        ),
        "merge_no_date": (
            "al menos una entrega no tiene 'date' (fecha), que hace falta para ordenarlas",
            "at least one release has no 'date', which is needed to put them in order",
        ),
        "duplicate_id": (
            "proceso {ocid}: varios objetos de '{array}' tienen el id {id}; al compilar se "
            "conserva solo el último",
            "process {ocid}: several objects in '{array}' have the id {id}; compiling keeps "
            "only the last one",
        ),
        "nothing": (
            "no contiene ninguna entrega (release) OCDS",
            "contains no OCDS release",
        ),
    },
)


class DuplicateIdWarning(UserWarning):
    """Two objects in one array of a release share an ``id``, so merging keeps only one."""


@dataclass(frozen=True)
class Compiled:
    """The compiled releases of a source, with how many releases each process had."""

    releases: tuple[dict[str, Any], ...]
    release_counts: dict[str, int]
    n_releases: int

    @property
    def n_processes(self) -> int:
        return len(self.releases)


@cache
def merger() -> ocdsmerge.Merger:
    """One ``ocdsmerge.Merger`` for the shipped OCDS 1.1.5 schema (its rules are built once)."""
    import ocdsmerge  # imported here: loading it pulls in requests and jsonref

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return ocdsmerge.Merger(schema=schema)


def compile_entries(entries: Iterable[Entry], source: str) -> Compiled:
    """Group ``entries`` by ocid (first-seen order) and compile each group.

    Raises:
        DataFormatError: nothing was read, or a group cannot be merged.
    """
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.ocid, []).append(entry)
    if not groups:
        raise DataFormatError(source, MSG["nothing"].get())
    counts = {ocid: sum(entry.n_releases for entry in group) for ocid, group in groups.items()}
    releases = tuple(compile_group(ocid, group) for ocid, group in groups.items())
    return Compiled(releases, counts, sum(counts.values()))


def compile_group(ocid: str, group: list[Entry]) -> dict[str, Any]:
    """The compiled release of one process from its entries (in the order they were read).

    Raises:
        DataFormatError: the releases cannot be merged (no dates, wrong types).
    """
    if len(group) == 1:
        return as_compiled(ocid, group[0].release)
    from ocdsmerge.exceptions import MissingDateKeyError, NullDateValueError, OCDSMergeError

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            compiled = merger().create_compiled_release([entry.release for entry in group])
    except (OCDSMergeError, TypeError, AttributeError) as error:
        no_date = isinstance(error, MissingDateKeyError | NullDateValueError)
        reason = MSG["merge_no_date"].get() if no_date else error
        problem = MSG["merge_failed"].format(count=len(group), ocid=ocid, error=reason)
        raise DataFormatError(group[0].path, problem) from error
    for warning in caught:
        _warn_again(ocid, warning.message)
    compiled["ocid"] = ocid  # as grouped (trimmed), so tables and counts agree
    return compiled


def _warn_again(ocid: str, message: Warning | str) -> None:
    """Repeat an ocdsmerge warning naming the process, in the kit's language when we know it."""
    found = _DUPLICATE.search(str(message))
    if found is None:
        warnings.warn(message, stacklevel=3)
        return
    text = MSG["duplicate_id"].format(ocid=ocid, id=found["id"], array=found["array"])
    warnings.warn(text, DuplicateIdWarning, stacklevel=3)


def as_compiled(ocid: str, release: dict[str, Any]) -> dict[str, Any]:
    """A lone release is already its process's latest state: tag it as compiled, like ocdsmerge."""
    if release.get("tag") == ["compiled"] and release.get("ocid") == ocid:
        return release
    date = release.get("date")
    identifier = f"{ocid}-{date}" if date else ocid
    return {**release, "ocid": ocid, "id": identifier, "tag": ["compiled"]}
