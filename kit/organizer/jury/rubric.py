"""The rubric: which criteria the jury scores, on what scale, and how much each one weighs.

A rubric is a TOML file (stdlib ``tomllib``) so organizers can copy the default one
(``kit jury --print-rubric``), edit it in any text editor and keep it next to their scores. It is
checked on load: a typo in a weight must stop the ranking, not change it silently.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from importlib import resources
from pathlib import Path

from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import Text, messages
from kit.organizer.jury.keys import fold

__all__ = ["Criterion", "Rubric", "RubricError", "default_rubric_text", "load_rubric"]

MSG = messages(
    "jury.rubric",
    {
        "not_found": (
            "{path}: no existe el archivo de rúbrica. Crea uno con `kit jury --print-rubric`.",
            "{path}: the rubric file does not exist. Start one with `kit jury --print-rubric`.",
        ),
        "not_shipped": (
            "falta en esta instalación del kit; reinstala el kit o pasa tu rúbrica con --rubric.",
            "is missing from this installation of the kit; reinstall it or pass --rubric.",
        ),
        "not_toml": (
            "no es TOML válido ({error}). Compáralo con `kit jury --print-rubric`.",
            "is not valid TOML ({error}). Compare it with `kit jury --print-rubric`.",
        ),
        "no_criteria": (
            "no tiene criterios: agrega bloques [[criteria]] con id, name y weight.",
            "has no criteria: add [[criteria]] blocks with id, name and weight.",
        ),
        "missing_field": (
            "al criterio número {n} le falta «{field}».",
            "criterion number {n} lacks '{field}'.",
        ),
        "bad_name": (
            "criterio «{id}»: {field} debe ser un texto o una tabla con es y en.",
            "criterion '{id}': {field} must be a string or a table with es and en.",
        ),
        "bad_weight": (
            "criterio «{id}»: el peso debe ser un número positivo, no {value}.",
            "criterion '{id}': the weight must be a positive number, not {value}.",
        ),
        "bad_scale": (
            "escala de «{id}»: min y max deben ser números con min < max (hay {low} y {high}).",
            "scale of '{id}': min and max must be numbers with min < max (found {low} and {high}).",
        ),
        "duplicate_id": (
            "el id «{id}» se repite: cada criterio necesita un id propio.",
            "the id '{id}' is repeated: each criterion needs its own id.",
        ),
        "ambiguous": (
            "«{name}» nombra a dos criterios ({first} y {second}); cambia un nombre o alias.",
            "'{name}' names two criteria ({first} and {second}); change a name or alias.",
        ),
    },
)

_DEFAULT = "rubric.toml"


class RubricError(DataFormatError):
    """A rubric file that cannot be used (names the file and what to fix)."""


@dataclass(frozen=True)
class Criterion:
    """One thing the jury scores; ``weight`` is normalised (all criteria sum to 1)."""

    id: str
    name: Text
    description: Text
    weight: float
    low: float
    high: float
    aliases: tuple[str, ...] = ()

    def in_scale(self, score: float) -> bool:
        return self.low <= score <= self.high


@dataclass(frozen=True)
class Rubric:
    """The criteria in the order the rubric lists them, and where they came from."""

    criteria: tuple[Criterion, ...]
    source: str

    def __iter__(self) -> Iterator[Criterion]:
        return iter(self.criteria)

    def __len__(self) -> int:
        return len(self.criteria)

    @property
    def ids(self) -> list[str]:
        return [criterion.id for criterion in self.criteria]

    @property
    def weights(self) -> dict[str, float]:
        return {criterion.id: criterion.weight for criterion in self.criteria}

    def __getitem__(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def find(self, written: str) -> Criterion | None:
        """The criterion a jury sheet means by ``written`` (its id, a name or an alias)."""
        return self._names.get(fold(written))

    @cached_property
    def _names(self) -> dict[str, Criterion]:
        return _lookup(self.criteria)


def default_rubric_text() -> str:
    """The TOML of the rubric shipped with the kit, comments included (to copy and edit)."""
    try:
        return resources.files(__package__).joinpath(_DEFAULT).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise RubricError(f"kit/organizer/jury/{_DEFAULT}", MSG["not_shipped"].get()) from error


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Read and check a rubric file; ``None`` gives the default rubric of the kit."""
    if path is None:
        return parse_rubric(default_rubric_text(), f"kit/organizer/jury/{_DEFAULT}")
    path = Path(path)
    if not path.is_file():
        raise SourceNotFoundError(MSG["not_found"].format(path=path))
    return parse_rubric(path.read_text(encoding="utf-8-sig"), str(path))


def parse_rubric(text: str, source: str) -> Rubric:
    """The rubric in ``text``; ``source`` names it in errors."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RubricError(source, MSG["not_toml"].format(error=error)) from error
    entries = data.get("criteria")
    if not isinstance(entries, list) or not entries:
        raise RubricError(source, MSG["no_criteria"].get())
    scale = _table(data.get("scale"))
    raw = [_criterion(entry, n, scale, source) for n, entry in enumerate(entries, start=1)]
    total = sum(criterion.weight for criterion in raw)
    criteria = tuple(replace(criterion, weight=criterion.weight / total) for criterion in raw)
    _check_unique(criteria, source)
    return Rubric(criteria, source)


def _criterion(entry: object, n: int, scale: Mapping, source: str) -> Criterion:
    if not isinstance(entry, Mapping):
        raise RubricError(source, MSG["missing_field"].format(n=n, field="id"))
    for field in ("id", "name", "weight"):
        if field not in entry:
            raise RubricError(source, MSG["missing_field"].format(n=n, field=field))
    cid = str(entry["id"]).strip()
    weight = entry["weight"]
    if not _number(weight) or weight <= 0:
        raise RubricError(source, MSG["bad_weight"].format(id=cid, value=weight))
    own = _table(entry.get("scale"))
    low, high = own.get("min", scale.get("min")), own.get("max", scale.get("max"))
    if not (_number(low) and _number(high) and low < high):
        raise RubricError(source, MSG["bad_scale"].format(id=cid, low=low, high=high))
    return Criterion(
        id=cid,
        name=_text(entry["name"], cid, "name", source),
        description=_text(entry.get("description", ""), cid, "description", source),
        weight=float(weight),
        low=float(low),
        high=float(high),
        aliases=tuple(str(alias) for alias in entry.get("aliases", ())),
    )


def _table(value: object) -> Mapping:
    """A scale table; absent is empty, and a bare value fails the scale check (min = max)."""
    if value is None or isinstance(value, Mapping):
        return value or {}
    return {"min": value, "max": value}


def _number(value: object) -> bool:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return is_number and math.isfinite(value)


def _text(value: object, cid: str, field: str, source: str) -> Text:
    """A name or description: one string for both languages, or ``{es = ..., en = ...}``."""
    if isinstance(value, str):
        return Text(value, value)
    if isinstance(value, Mapping) and ("es" in value or "en" in value):
        es, en = value.get("es", value.get("en")), value.get("en", value.get("es"))
        return Text(str(es), str(en))
    raise RubricError(source, MSG["bad_name"].format(id=cid, field=field))


def _check_unique(criteria: tuple[Criterion, ...], source: str) -> None:
    seen: set[str] = set()
    for criterion in criteria:
        if fold(criterion.id) in seen:
            raise RubricError(source, MSG["duplicate_id"].format(id=criterion.id))
        seen.add(fold(criterion.id))
    _lookup(criteria, source)


def _lookup(criteria: tuple[Criterion, ...], source: str | None = None) -> dict[str, Criterion]:
    """Every way of writing each criterion, folded; two criteria may not share one."""
    found: dict[str, Criterion] = {}
    for criterion in criteria:
        names = (criterion.id, criterion.name.es, criterion.name.en, *criterion.aliases)
        for name in {fold(name) for name in names}:
            other = found.setdefault(name, criterion)
            if other is not criterion and source is not None:
                problem = MSG["ambiguous"].format(name=name, first=other.id, second=criterion.id)
                raise RubricError(source, problem)
    return found
