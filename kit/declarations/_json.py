"""Plumbing shared by the PDN readers: find the file, parse it, and read records field by field.

A PDN file is a JSON array of records, or one page of the PDN API (``{"pagination": …,
"results": […]}``), plain or gzip-compressed. :func:`load` returns the records; :class:`Rec`
reads one record's fields by dotted path (``"servidorPublicoSancionado.rfc.homoClave"``) and
checks each value's JSON type. Every problem raises :class:`~kit.errors.DataFormatError` naming
the file, the record (its position in the list and its ``id``), the field and what is wrong:
a reader never returns a wrong value silently.

Leniencies, each on purpose: a text field may hold a number (``"ejercicioFiscal": 2018``), read
as text; a number field may hold a numeric text (``"12000"``); ``null`` is a missing value.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

import kit.data
from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import messages
from kit.procurement.read import gunzip, json_kind

Source = str | os.PathLike[str]

MSG = messages(
    "declarations.files",
    {
        "not_found": (
            "No existe {path}. Revisa la ruta o usa 'sample' para la muestra incluida en el kit.",
            "{path} does not exist. Check the path, or use 'sample' for the kit's bundled sample.",
        ),
        "no_sample": (
            "La muestra {name} todavía no está en {folder}. Reinstala el kit (pip install -e .) "
            "o pasa la ruta de un archivo JSON descargado de la PDN.",
            "The sample {name} is not in {folder} yet. Reinstall the kit (pip install -e .) or "
            "pass the path of a JSON file downloaded from the PDN.",
        ),
        "empty": (
            "el archivo está vacío; ¿se interrumpió la descarga? Descárgalo de nuevo.",
            "the file is empty; was the download interrupted? Download it again.",
        ),
        "not_utf8": (
            "no es texto UTF-8 ({error}); ¿es otro formato (Excel, PDF, ZIP, RAR)?",
            "is not UTF-8 text ({error}); is it another format (Excel, PDF, ZIP, RAR)?",
        ),
        "invalid_json": (
            "no es JSON válido: {error} (línea {line}, columna {column}). Si lo editaste a mano, "
            "revisa esa posición; si lo descargaste, descárgalo de nuevo.",
            "is not valid JSON: {error} (line {line}, column {column}). If you edited it by "
            "hand, look at that position; if you downloaded it, download it again.",
        ),
        "shape": (
            "esperaba una lista de registros de {what} o una página de la API de la PDN "
            '({{"pagination": …, "results": […]}}); encontré {found}.',
            "expected a list of {what} records or a page of the PDN API "
            '({{"pagination": …, "results": […]}}); found {found}.',
        ),
        "found_keys": ("un objeto con las claves {keys}", "an object with the keys {keys}"),
        "found_type": ("un valor de tipo {kind}", "a value of type {kind}"),
        "record": (
            "registro [{index}], id {rid}: {problem}",
            "record [{index}], id {rid}: {problem}",
        ),
        "no_id": ("sin id", "no id"),
        "not_object": (
            "no es un objeto JSON sino {kind}; cada registro debe ser un objeto {{…}}.",
            "is not a JSON object but {kind}; every record must be an object {{…}}.",
        ),
        "missing": (
            "falta el campo obligatorio '{field}'.",
            "the required field '{field}' is missing.",
        ),
        "type": (
            "'{field}' debe ser de tipo {expected}, no {found} ({value}).",
            "'{field}' must be of type {expected}, not {found} ({value}).",
        ),
        "not_number": (
            "'{field}' debe ser un número, no el texto {value!r}.",
            "'{field}' must be a number, not the text {value!r}.",
        ),
        "layout_unknown": (
            "no se reconoce como registro de {what} (claves: {keys}); {hint}",
            "is not recognisable as a record of {what} (keys: {keys}); {hint}",
        ),
        "layout_mixed": (
            "está en el formato {found} pero los registros anteriores están en {first}; un "
            "archivo debe tener un solo formato. Separa los registros en dos archivos.",
            "is in the {found} layout but the records before it are in {first}; a file must "
            "hold one layout. Split the records into two files.",
        ),
    },
)

#: A record's JSON type names, as :func:`kit.procurement.read.json_kind` writes them.
STRING, NUMBER, OBJECT, ARRAY, BOOLEAN = "string", "number", "object", "array", "boolean"


def path_of(source: Source, sample: str) -> Path:
    """The file ``source`` names: a path, or ``"sample"`` for ``kit/data/declarations/<sample>``."""
    if isinstance(source, str) and source == "sample":
        target = kit.data.DATA_DIR / "declarations" / sample
        if not target.is_file():
            folder = target.parent
            raise SourceNotFoundError(MSG["no_sample"].format(name=sample, folder=folder))
        return target
    path = Path(source)
    if not path.is_file():
        raise SourceNotFoundError(MSG["not_found"].format(path=path))
    return path


def load(path: Path, what: str) -> list[Any]:
    """The records of a PDN JSON file (array or API page; plain or gzip), not yet checked."""
    raw = gunzip(path.read_bytes(), path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFormatError(path, MSG["not_utf8"].format(error=error)) from error
    if not text.strip():
        raise DataFormatError(path, MSG["empty"].get())
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        problem = MSG["invalid_json"].format(error=error.msg, line=error.lineno, column=error.colno)
        raise DataFormatError(path, problem) from error
    if isinstance(value, dict) and isinstance(value.get("results"), list):
        return value["results"]
    if isinstance(value, list):
        return value
    raise DataFormatError(path, MSG["shape"].format(what=what, found=_found(value)))


def _found(value: Any) -> str:
    if isinstance(value, dict):
        keys = ", ".join(repr(key) for key in list(value)[:8]) or "{}"
        return MSG["found_keys"].format(keys=keys)
    return MSG["found_type"].format(kind=json_kind(value))


def records(path: Path, items: Sequence[Any], id_key: str = "id") -> Iterator[Rec]:
    """One :class:`Rec` per item; an item that is not a JSON object raises."""
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            rid = MSG["no_id"].get()
            problem = MSG["not_object"].format(kind=json_kind(item))
            raise DataFormatError(path, MSG["record"].format(index=index, rid=rid, problem=problem))
        yield Rec(path, index, item, item.get(id_key))


class Rec:
    """One record of a file, read field by field with the file and the record in every error."""

    __slots__ = ("data", "index", "path", "prefix", "rid")

    def __init__(self, path: Path, index: int, data: dict[str, Any], rid: Any, prefix: str = ""):
        self.path, self.index, self.data, self.rid, self.prefix = path, index, data, rid, prefix

    def fail(self, problem: str) -> DataFormatError:
        """The error for this record: file, position, id and ``problem``."""
        rid = repr(self.rid) if self.rid not in (None, "") else MSG["no_id"].get()
        text = MSG["record"].format(index=self.index, rid=rid, problem=problem)
        return DataFormatError(self.path, text)

    def name(self, path: str) -> str:
        return f"{self.prefix}{path}"

    def raw(self, path: str) -> Any:
        """The value at a dotted path; None when absent or null (objects expected on the way)."""
        value: Any = self.data
        walked = []
        for part in path.split("."):
            if value is None:
                return None
            if not isinstance(value, dict):
                raise self._type(".".join(walked), OBJECT, value)
            value = value.get(part)
            walked.append(part)
        return value

    def _type(self, path: str, expected: str, value: Any) -> DataFormatError:
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        problem = MSG["type"].format(
            field=self.name(path), expected=expected, found=json_kind(value), value=shown
        )
        return self.fail(problem)

    def _missing(self, path: str) -> DataFormatError:
        return self.fail(MSG["missing"].format(field=self.name(path)))

    def text(self, path: str, required: bool = False) -> str | None:
        """A text field (a number is read as text); blank text is missing."""
        value = self.raw(path)
        if isinstance(value, bool | dict | list):
            raise self._type(path, STRING, value)
        if isinstance(value, int | float):
            value = str(value)
        if value is None or not value.strip():
            if required:
                raise self._missing(path)
            return None
        return value.strip()

    def number(self, path: str, required: bool = False) -> float | None:
        """A number field (a numeric text is accepted)."""
        value = self.raw(path)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self._missing(path)
            return None
        if isinstance(value, bool | dict | list):
            raise self._type(path, NUMBER, value)
        if isinstance(value, str):
            try:
                return float(value.replace(",", ""))
            except ValueError:
                problem = MSG["not_number"].format(field=self.name(path), value=value)
                raise self.fail(problem) from None
        return float(value)

    def flag(self, path: str) -> bool | None:
        value = self.raw(path)
        if value is None or isinstance(value, bool):
            return value
        raise self._type(path, BOOLEAN, value)

    def obj(self, path: str, required: bool = False) -> Rec | None:
        """The object at ``path`` as a :class:`Rec` (so its own errors say where it is)."""
        value = self.raw(path)
        if value is None:
            if required:
                raise self._missing(path)
            return None
        if not isinstance(value, dict):
            raise self._type(path, OBJECT, value)
        return Rec(self.path, self.index, value, self.rid, f"{self.name(path)}.")

    def items(self, path: str, required: bool = False) -> list[Any]:
        """The list at ``path`` (empty when absent)."""
        value = self.raw(path)
        if value is None:
            if required:
                raise self._missing(path)
            return []
        if not isinstance(value, list):
            raise self._type(path, ARRAY, value)
        return value

    def objects(self, path: str) -> list[Rec]:
        """The objects of the list at ``path``, each as a :class:`Rec` named ``path[i]``."""
        found = []
        for i, item in enumerate(self.items(path)):
            if not isinstance(item, dict):
                raise self._type(f"{path}[{i}]", OBJECT, item)
            found.append(Rec(self.path, self.index, item, self.rid, f"{self.name(path)}[{i}]."))
        return found

    def code(self, path: str) -> tuple[str | None, str | None]:
        """A catalogue value: ``{"clave": …, "valor": …}`` or a plain text (then it is both)."""
        value = self.raw(path)
        if isinstance(value, dict):
            sub = self.obj(path)
            return sub.text("clave"), sub.text("valor")
        text = self.text(path)
        return text, text

    def codes(self, path: str) -> tuple[Any, ...]:
        """The ``clave`` of every item of a catalogue list (items may be plain values too)."""
        found = []
        for i, item in enumerate(self.items(path)):
            if isinstance(item, dict):
                clave = Rec(self.path, self.index, item, self.rid, self.name(f"{path}[{i}]."))
                value = clave.raw("clave")
                if isinstance(value, dict | list | bool):
                    raise clave._type("clave", STRING, value)
                if value is not None and value != "":
                    found.append(value)
            elif isinstance(item, str | int | float) and not isinstance(item, bool):
                found.append(item)
            else:
                raise self._type(f"{path}[{i}]", OBJECT, item)
        return tuple(found)


def layout_error(rec: Rec, what: str, hint: str) -> DataFormatError:
    keys = ", ".join(repr(key) for key in list(rec.data)[:8]) or "{}"
    return rec.fail(MSG["layout_unknown"].format(what=what, keys=keys, hint=hint))


def check_layout(rec: Rec, found: str, first: str | None) -> str:
    """The file's layout: the first record's; a record in another layout raises."""
    if first is not None and found != first:
        raise rec.fail(MSG["layout_mixed"].format(found=found, first=first))
    return found


# --- values ---------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_DATE_ONLY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def dates(values: Sequence[str | None]) -> pd.Series:
    """Dates (``YYYY-MM-DD``, anything after the day ignored) as datetime64; unreadable: NaT."""
    texts = [m.group(0) if v and (m := _DATE.match(v)) else None for v in values]
    return pd.to_datetime(pd.Series(texts, dtype="object"), format="%Y-%m-%d", errors="coerce")


def timestamps(values: Sequence[str | None]) -> pd.Series:
    """ISO 8601 dates or date-times as naive datetime64 in UTC; unreadable: NaT."""
    parsed = pd.to_datetime(
        pd.Series(list(values), dtype="object"), format="ISO8601", errors="coerce", utc=True
    )
    return parsed.dt.tz_localize(None)


def unread(texts: Sequence[str | None], parsed: pd.Series) -> list[str]:
    """The texts that were given but could not be read as dates."""
    return [t for t, p in zip(texts, parsed, strict=True) if t and pd.isna(p)]


def zero_based(texts: Sequence[str | None]) -> bool:
    """Among plain ``YYYY-MM-DD`` texts, month 00 appears and 12 never does: months from 0."""
    months = {m.group(2) for t in texts if t and (m := _DATE_ONLY.match(t))}
    return "00" in months and "12" not in months


def joined_rfc(rec: Rec, path: str) -> str | None:
    """An RFC written as text, or as ``{"rfc": 10 characters, "homoClave": 3}`` (joined)."""
    value = rec.raw(path)
    if isinstance(value, dict):
        sub = rec.obj(path)
        base, homoclave = sub.text("rfc"), sub.text("homoClave")
        return (base or "") + (homoclave or "") or None
    return rec.text(path)


def full_name(*parts: str | None) -> str | None:
    words = " ".join(part for part in parts if part)
    return words or None


def strings(values: Sequence[Any]) -> pd.Series:
    return pd.Series(list(values), dtype="string")
