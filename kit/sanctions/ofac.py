"""OFAC's Specially Designated Nationals (SDN) list, legacy CSV set.

The US Treasury's Office of Foreign Assets Control publishes the SDN list as four CSV files
(https://ofac.treasury.gov/sanctions-list-service): ``sdn.csv`` (one row per entry),
``add.csv`` (addresses), ``alt.csv`` (aliases) and ``sdn_comments.csv``. An entry is what OFAC
published about a person, company, vessel or aircraft, nothing more.

Quirks, and what this reader does about them:

- no header row: the columns are fixed by OFAC's documentation (:data:`SDN_COLUMNS`, ...);
- ``-0-`` (with a trailing space) stands for an empty value: read as missing;
- CRLF line ends and a final 0x1A byte (an old end-of-file marker): ignored;
- ``SDN_Type`` is ``-0-`` for entities: read as ``"entity"``; the others are lower-cased;
- several programs in one field, ``SDGT] [IRGC``: a tuple of program codes;
- the remarks field is cut at 1000 characters and the rest goes to ``sdn_comments.csv``, which
  continues the text mid-word: the continuation is appended as is. Without that file a
  1000-character remark may be incomplete: ``remarks_incomplete`` says so;
- identifiers live inside the remarks ("R.F.C. AUGM-501102-PM3 (Mexico); C.U.R.P. ...;
  Passport ... (Colombia)"): :attr:`SdnList.ids` extracts them, one row per identifier.
  Mexican RFC and CURP values are normalised (no dashes, spaces or ``#``); the published text of
  each identifier stays in ``text``. RFCs in the list are often incomplete (10 characters, no
  *homoclave*): ``well_formed`` tells the complete ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import Text, messages
from kit.sanctions import _csv
from kit.sanctions._csv import Record, Source

__all__ = [
    "ADD_COLUMNS",
    "ALT_COLUMNS",
    "ID_COLUMNS",
    "SDN_COLUMNS",
    "SdnList",
    "extract_ids",
    "read_sdn",
]

SDN_COLUMNS = (
    "ent_num", "name", "sdn_type", "programs", "title", "call_sign",
    "vess_type", "tonnage", "grt", "vess_flag", "vess_owner", "remarks",
)  # fmt: skip
ADD_COLUMNS = ("ent_num", "add_num", "address", "city_state_postal", "country", "remarks")
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "remarks")
ID_COLUMNS = ("ent_num", "kind", "value", "country", "alt", "well_formed", "text")
FILES = {"sdn": "sdn.csv", "add": "add.csv", "alt": "alt.csv", "comments": "sdn_comments.csv"}
SAMPLE = "sanctions/ofac"
#: Longest remark the legacy sdn.csv holds; longer ones continue in sdn_comments.csv.
REMARKS_LIMIT = 1000
_NULL = "-0-"

MSG = messages(
    "sanctions.ofac",
    {
        "what": ("la lista SDN de OFAC", "OFAC's SDN list"),
        "what_add": ("add.csv (direcciones de OFAC)", "add.csv (OFAC addresses)"),
        "what_alt": ("alt.csv (alias de OFAC)", "alt.csv (OFAC aliases)"),
        "what_comments": (
            "sdn_comments.csv (continuación de observaciones)",
            "sdn_comments.csv (remarks continuation)",
        ),
        "expected": (
            "filas sin encabezado que empiezan con el número de entrada, como "
            '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",…',
            'rows without a header that start with the entry number, such as 36,"AEROCARIBBEAN '
            'AIRLINES",-0- ,"CUBA",…',
        ),
        "no_sdn": (
            "la carpeta no tiene sdn.csv; descarga los archivos CSV de la lista SDN de "
            "https://ofac.treasury.gov/sanctions-list-service",
            "the folder has no sdn.csv; download the SDN list's CSV files from "
            "https://ofac.treasury.gov/sanctions-list-service",
        ),
        "bad_number": (
            "línea {line}: {column} debe ser un número entero y es {value!r}",
            "line {line}: {column} must be a whole number and is {value!r}",
        ),
    },
)


@dataclass(frozen=True)
class SdnList:
    """The SDN list as four tables that share ``ent_num``.

    Attributes:
        entries: one row per entry: :data:`SDN_COLUMNS` plus ``remarks_incomplete``.
        addresses: :data:`ADD_COLUMNS` (empty when ``add.csv`` was not there).
        aliases: :data:`ALT_COLUMNS` (empty when ``alt.csv`` was not there).
        ids: identifiers found in the remarks, :data:`ID_COLUMNS`.
        files: the files read.
    """

    entries: pd.DataFrame
    addresses: pd.DataFrame
    aliases: pd.DataFrame
    ids: pd.DataFrame
    files: tuple[str, ...]

    @property
    def programs(self) -> pd.DataFrame:
        """One row per entry and program (``ent_num``, ``program``)."""
        table = self.entries[["ent_num", "programs"]].explode("programs")
        table = table.rename(columns={"programs": "program"}).dropna(subset=["program"])
        return table.astype({"program": "string"}).reset_index(drop=True)

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in ("entries", "addresses", "aliases", "ids")
        )
        return f"SdnList({sizes})"


def read_sdn(source: Source = "sample") -> SdnList:
    """Read OFAC's SDN list (legacy CSV files) into an :class:`SdnList`.

    Args:
        source: a folder with ``sdn.csv`` and, when present, ``add.csv``, ``alt.csv`` and
            ``sdn_comments.csv``; the path of ``sdn.csv`` (the other three are read from its
            folder; a file with another name is read alone); or ``"sample"``.

    Raises:
        DataFormatError: a file is cut, has the wrong columns or encoding, or is another list.
        SourceNotFoundError: the path, or ``sdn.csv`` in the folder, does not exist.
    """
    found = _files(_csv.existing(source, SAMPLE))
    sdn = _rows(found["sdn"], len(SDN_COLUMNS), MSG["what"])
    extra = {
        key: _rows(found[key], width, MSG[f"what_{key}"]) if found.get(key) else None
        for key, width in (("add", len(ADD_COLUMNS)), ("alt", len(ALT_COLUMNS)), ("comments", 2))
    }
    entries = _entries(sdn, extra["comments"], found["sdn"], found.get("comments"))
    return SdnList(
        entries=entries,
        addresses=_table(extra["add"], ADD_COLUMNS, found.get("add")),
        aliases=_table(extra["alt"], ALT_COLUMNS, found.get("alt")),
        ids=extract_ids(entries),
        files=tuple(str(path) for path in found.values() if path),
    )


def _files(path: Path) -> dict[str, Path | None]:
    """sdn.csv and its companions (names compared without case) in ``path`` or its folder.

    A file not named sdn.csv stands alone: its folder's add.csv may belong to another download.
    """
    if not path.is_dir():
        alone = path.name.lower() != FILES["sdn"]
        found = {key: None if alone else _companion(path.parent, key) for key in FILES}
        return {**found, "sdn": path}
    found = {key: _companion(path, key) for key in FILES}
    if found["sdn"] is None:
        raise SourceNotFoundError(f"{path}: {MSG['no_sdn'].get()}")
    return found


def _companion(folder: Path, key: str) -> Path | None:
    return next((f for f in folder.iterdir() if f.name.lower() == FILES[key] and f.is_file()), None)


def _rows(path: Path, width: int, what: Text) -> list[Record]:
    text, _ = _csv.read_text(path)
    rows = _csv.records(text.rstrip("\x1a"), path)
    if rows and _csv.normal(rows[0][1][0]) in ("ent_num", "ent num"):
        rows = rows[1:]  # a header row some copies add
    first = rows[0][1] if rows else []
    if len(first) != width or not first[0].strip().isdigit():
        raise _csv.not_the_list(path, what, MSG["expected"], rows)
    _csv.check_width(rows, width, path, what, complete=_csv.ends_cleanly(text))
    return rows


def _value(text: str) -> str | None:
    """``-0-`` and blanks as None; anything else as published (a remark cut at 1000 characters
    can end in a space that joins it to its continuation)."""
    return None if text.strip() in (_NULL, "") else text


def _table(rows: list[Record] | None, columns: tuple[str, ...], path: Path | None) -> pd.DataFrame:
    """A typed frame of ``rows`` (numbers in the ``*_num`` columns, text elsewhere)."""
    rows = rows or []
    data: dict[str, object] = {}
    for index, name in enumerate(columns):
        values = [_value(fields[index]) for _, fields in rows]
        if name.endswith("_num"):
            data[name] = pd.array(_numbers(values, rows, name, path), dtype="int64")
        else:
            data[name] = pd.array(values, dtype="string")
    frame = pd.DataFrame(data, columns=list(columns))
    if "alt_type" in frame:
        frame["alt_type"] = frame["alt_type"].str.lower()
    return frame


def _numbers(
    values: list[str | None], rows: list[Record], column: str, path: Path | None
) -> list[int]:
    try:
        return [int(value) for value in values]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        for (line, _), value in zip(rows, values, strict=True):
            if value is None or not value.isdigit():
                problem = MSG["bad_number"].format(line=line, column=column, value=value)
                raise DataFormatError(path, problem) from None
        raise


def _entries(
    rows: list[Record], comments: list[Record] | None, path: Path, comments_path: Path | None
) -> pd.DataFrame:
    frame = _table(rows, SDN_COLUMNS, path)
    more: dict[int, str] = {}
    continued = _table(comments, ("ent_num", "remarks"), comments_path)
    for number, text in zip(continued["ent_num"], _objects(continued["remarks"]), strict=True):
        more[number] = more.get(number, "") + (text or "")
    if more:
        frame["remarks"] = pd.array(
            [
                (remarks or "") + more[number] if number in more else remarks
                for number, remarks in zip(
                    frame["ent_num"], _objects(frame["remarks"]), strict=True
                )
            ],
            dtype="string",
        )
    long = frame["remarks"].str.len().eq(REMARKS_LIMIT).fillna(False).astype(bool)
    frame["remarks_incomplete"] = long if comments is None else False
    frame["sdn_type"] = frame["sdn_type"].str.lower().fillna("entity")
    frame["programs"] = [_programs(text) for text in frame["programs"]]
    for name in ("tonnage", "grt"):
        frame[name] = pd.to_numeric(
            frame[name].str.replace(",", "", regex=False), errors="coerce"
        ).astype("Int64")
    return frame


def _objects(column: pd.Series) -> list[str | None]:
    return [None if pd.isna(value) else value for value in column]


def _programs(text: object) -> tuple[str, ...]:
    if not isinstance(text, str):
        return ()
    return tuple(part.strip(" []") for part in text.split("] [") if part.strip(" []"))


# Identifiers inside the remarks.

#: "<kind> <value> (<country>)<extra>", the country being the last parenthesis of the segment.
_SEGMENT = re.compile(
    r"(?P<alt>alt\.\s+)?(?P<body>.+?)\s+\((?P<country>[A-Z][^()\d]*)\)(?P<extra>[^()]*)"
)
_MEXICAN = re.compile(r"(?P<kind>R\.?F\.?C\.?|C\.?U\.?R\.?P\.?)\s*(?:No\.?|#)?\s*(?P<value>.+)")
_SEPARATOR = re.compile(r"(?P<kind>.+?)(?:\s+No\.?|\s*#|:)\s+(?P<value>\S.*)")
_NOT_IDS = re.compile(
    r"(DOB|POB|Linked To|[afn]\.k\.a|nationality|citizen|Gender|Website|Email|Phone|Telephone"
    r"|Fax|Digital Currency|Address|Additional Sanctions|Organization|Executive Order)\b",
    re.IGNORECASE,
)
_WELL_FORMED = {
    "RFC": re.compile(r"[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}"),
    "CURP": re.compile(r"[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d"),
}


def extract_ids(entries: pd.DataFrame) -> pd.DataFrame:
    """Identifiers written in the remarks ("<kind> [No.] <value> (<country>)"), one per row.

    ``kind`` is ``RFC`` or ``CURP`` for Mexico's (values without dashes or spaces), else the
    kind as OFAC wrote it ("Tax ID", "Passport", "Cedula", ...). ``alt`` marks "alt." ones.
    """
    rows = [
        (number, *found)
        for number, remarks in zip(entries["ent_num"], entries["remarks"], strict=True)
        if isinstance(remarks, str)
        for segment in remarks.split(";")
        if (found := _identifier(segment.strip()))
    ]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(ID_COLUMNS)
    data = dict(zip(ID_COLUMNS, columns, strict=True))
    return pd.DataFrame(
        {
            "ent_num": pd.array(data["ent_num"], dtype="int64"),
            **{name: pd.array(data[name], dtype="string") for name in ("kind", "value", "country")},
            "alt": pd.array(data["alt"], dtype="bool"),
            "well_formed": pd.array(data["well_formed"], dtype="boolean"),
            "text": pd.array(data["text"], dtype="string"),
        }
    )


def _identifier(segment: str) -> tuple[str, str, str, bool, bool | None, str] | None:
    """(kind, value, country, alt, well_formed, text) of one remarks segment, if an identifier."""
    found = _SEGMENT.fullmatch(segment)
    if not found or _NOT_IDS.match(found["body"]):
        return None
    body, country, alt = found["body"], found["country"].strip(), bool(found["alt"])
    text = segment.rstrip(".")
    if mexican := _MEXICAN.fullmatch(body):
        kind = "RFC" if mexican["kind"].startswith("R") else "CURP"
        value = re.sub(r"[\s\-#.]", "", mexican["value"]).upper()
        return kind, value, country, alt, bool(_WELL_FORMED[kind].fullmatch(value)), text
    kind, value = _split(body)
    if not kind or not value or not any(char.isdigit() for char in value):
        return None
    return kind, value, country, alt, None, text


def _split(body: str) -> tuple[str, str]:
    """Kind and value: at "No." / "#" / ":" when there is one, else before the first number."""
    if separated := _SEPARATOR.fullmatch(body):
        return separated["kind"].strip(), separated["value"].strip()
    words = body.split()
    for index, word in enumerate(words):
        if any(char.isdigit() for char in word):
            return " ".join(words[:index]), " ".join(words[index:])
    return "", ""
