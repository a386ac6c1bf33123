"""Plumbing shared by the list readers: find the file, decode its bytes, split it into rows.

**Decoding.** The files come in different encodings: SAT's 69-B list is Windows-1252, copies passed
around are often re-saved as UTF-8, OFAC's files are ASCII. A fixed ``encoding=`` would be wrong
for some of them, so the bytes decide. Spanish text written in Windows-1252 with any accent is
never valid UTF-8 (an accented letter is one byte 0xC0-0xFF followed by a plain letter, which
UTF-8 forbids), so valid UTF-8 is read as UTF-8 and anything else as Windows-1252. What cannot be
decoded right raises :class:`~kit.errors.DataFormatError` rather than returning wrong names:

- both encodings in one file (UTF-8 sequences such as ``Ã³`` next to bytes UTF-8 forbids): a
  file pasted together or edited with the wrong setting;
- text converted twice (``InformaciÃ³n``): every accented name would be wrong;
- replacement characters (``�``): a tool already threw the accents away.

One repair is safe and done: C1 control characters (U+0080-U+009F) never occur in real text. They
appear when Windows-1252 punctuation (“ ” – …) was read as Latin-1 and saved as UTF-8 (seen in a
copy of the 69-B list), and map back one to one.

**Rows.** :func:`records` reads with ``csv`` in strict mode and keeps the line where each record
starts (names may hold line breaks), so every error can say "line N". :func:`check_width` tells a
file cut short (its last record is incomplete) from a row with the wrong number of columns. A
file cut exactly at a line break cannot be told from a complete one.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd

from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import Text, messages

Source = str | os.PathLike[str]
#: One CSV record: the line where it starts and its fields.
Record = tuple[int, list[str]]

MSG = messages(
    "sanctions.files",
    {
        "not_found": (
            "No existe {path}. Revisa la ruta o usa 'sample' para la muestra incluida en el kit.",
            "{path} does not exist. Check the path, or use 'sample' for the kit's bundled sample.",
        ),
        "no_sample": (
            "La muestra {name} todavía no está en {folder}. Reinstala el kit (pip install -e .) "
            "o pasa la ruta de un archivo descargado.",
            "The sample {name} is not in {folder} yet. Reinstall the kit (pip install -e .) or "
            "pass the path of a downloaded file.",
        ),
        "empty": (
            "el archivo está vacío; ¿se interrumpió la descarga? Descárgalo de nuevo.",
            "the file is empty; was the download interrupted? Download it again.",
        ),
        "binary": (
            "no es un archivo de texto CSV (empieza con bytes de {kind}); guárdalo como CSV o "
            "usa el archivo original.",
            "is not a CSV text file (it starts with the bytes of {kind}); save it as CSV or use "
            "the original file.",
        ),
        "mixed": (
            "línea {line}: el archivo mezcla dos codificaciones (UTF-8 y Windows-1252); los "
            "acentos saldrían mal. Descarga el archivo original de nuevo, sin editarlo.",
            "line {line}: the file mixes two encodings (UTF-8 and Windows-1252); accents would "
            "come out wrong. Download the original file again and do not edit it.",
        ),
        "undecodable": (
            "línea {line}: hay bytes que no son texto ni en UTF-8 ni en Windows-1252; "
            "descarga el archivo original de nuevo.",
            "line {line}: some bytes are text neither in UTF-8 nor in Windows-1252; download "
            "the original file again.",
        ),
        "double": (
            "línea {line}: el texto se convirtió dos veces de codificación ({sample!r} en vez "
            "de letras con acento); descarga el archivo original de nuevo.",
            "line {line}: the text was converted between encodings twice ({sample!r} instead "
            "of accented letters); download the original file again.",
        ),
        "replaced": (
            "línea {line}: tiene caracteres de reemplazo '\ufffd': algún programa ya perdió los "
            "acentos al guardarlo. Descarga el archivo original de nuevo.",
            "line {line}: it holds replacement characters '\ufffd': a program already lost the "
            "accents when saving it. Download the original file again.",
        ),
        "cut_quote": (
            "el archivo termina dentro de un campo entre comillas que empieza en la línea "
            "{line}: parece cortado (¿descarga interrumpida?). Descárgalo de nuevo.",
            "the file ends inside a quoted field that starts on line {line}: it looks cut off "
            "(interrupted download?). Download it again.",
        ),
        "bad_quote": (
            "línea {line}: comillas mal cerradas ({error}). Si lo editaste a mano revisa esa "
            "línea; si no, descárgalo de nuevo.",
            "line {line}: badly closed quotes ({error}). If you edited it by hand look at that "
            "line; otherwise download it again.",
        ),
        "cut": (
            "la última línea ({line}) tiene {found} columnas de {expected}: el archivo parece "
            "cortado (¿descarga interrumpida?). Descárgalo de nuevo.",
            "the last line ({line}) has {found} columns out of {expected}: the file looks cut "
            "off (interrupted download?). Download it again.",
        ),
        "width": (
            "línea {line}: tiene {found} columnas y {what} tiene {expected}. Si lo abriste y "
            "guardaste con Excel u otro programa, usa el archivo original.",
            "line {line}: it has {found} columns and {what} has {expected}. If you opened and "
            "saved it with Excel or another program, use the original file.",
        ),
        "not_list": (
            "no es {what}: {found}",
            "is not {what}: {found}",
        ),
        "looks_like": ("parece {other}", "it looks like {other}"),
        "first_line": (
            "esperaba {expected}; la primera línea es {line!r}",
            "expected {expected}; the first line is {line!r}",
        ),
    },
)

#: What :func:`identify` recognises, named for people and with the reader to use.
LISTS = messages(
    "sanctions.lists",
    {
        "sdn": (
            "la lista SDN de OFAC (sdn.csv); léela con kit.sanctions.ofac.read_sdn",
            "OFAC's SDN list (sdn.csv); read it with kit.sanctions.ofac.read_sdn",
        ),
        "ofac_add": (
            "las direcciones de OFAC (add.csv); pasa a read_sdn la carpeta o el sdn.csv",
            "OFAC's addresses (add.csv); pass read_sdn the folder or sdn.csv",
        ),
        "ofac_alt": (
            "los alias de OFAC (alt.csv); pasa a read_sdn la carpeta o el sdn.csv",
            "OFAC's aliases (alt.csv); pass read_sdn the folder or sdn.csv",
        ),
        "ofac_comments": (
            "la continuación de observaciones de OFAC (sdn_comments.csv); pasa a read_sdn la "
            "carpeta o el sdn.csv",
            "OFAC's remarks continuation (sdn_comments.csv); pass read_sdn the folder or sdn.csv",
        ),
        "sat69b": (
            "la lista 69-B del SAT; léela con kit.sanctions.sat69b.read_69b",
            "SAT's 69-B list; read it with kit.sanctions.sat69b.read_69b",
        ),
        "sfp": (
            "el directorio de proveedores sancionados de la SFP; léelo con "
            "kit.sanctions.sfp.read_sfp",
            "SFP's directory of sanctioned suppliers; read it with kit.sanctions.sfp.read_sfp",
        ),
    },
)

_MAGIC = {
    b"PK\x03\x04": "ZIP/Excel (.xlsx)",
    b"\xd0\xcf\x11\xe0": "Excel 97 (.xls)",
    b"%PDF": "PDF",
}
#: UTF-8 for Ã+, or for ‘ ’ “ ” – — …: bytes a Spanish Windows-1252 text never holds ("Ã", "â€").
_UTF8_MARK = re.compile(rb"\xc3[\x80-\xbf]|\xe2\x80[\x90-\xbf]")
_HIGH = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
#: The same marks decoded once too often: "Ã³" for "ó", "â€œ" for "“", "Â¿" for "¿".
_DOUBLE = re.compile(f"Ã[{re.escape(_HIGH)}\x80-\xbf]|â€[{re.escape(_HIGH)}]|Â[\xa0-\xbf]")
_C1 = re.compile("[\x80-\x9f]")
_SPACE = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")


def sample(name: str) -> Path:
    """The bundled sample ``kit/data/<name>``; a clear error when it is not there (yet)."""
    from kit.data import DATA_DIR

    target = DATA_DIR / name
    if not target.exists():
        raise SourceNotFoundError(MSG["no_sample"].format(name=name, folder=target.parent))
    return target


def existing(source: Source, sample_name: str) -> Path:
    """The path ``source`` names (``"sample"``: the bundled ``sample_name``); it must exist."""
    if isinstance(source, str) and source == "sample":
        return sample(sample_name)
    path = Path(source)
    if not path.exists():
        raise SourceNotFoundError(MSG["not_found"].format(path=path))
    return path


def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read with (see the module's docstring)."""
    raw = path.read_bytes()
    if not raw.strip(b"\x1a\r\n\t "):
        raise DataFormatError(path, MSG["empty"].get())
    return decode(raw, path)


def decode(raw: bytes, path: object) -> tuple[str, str]:
    """Bytes to text: UTF-8 (with or without BOM) or Windows-1252, never a wrong guess."""
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise DataFormatError(path, MSG["binary"].format(kind=kind))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = raw.decode("utf-16"), "utf-16"
    else:
        text, encoding = _decode_8bit(raw, path)
    for pattern, key in ((_DOUBLE, "double"), (re.compile("\ufffd"), "replaced")):
        if found := pattern.search(text):
            line = text.count("\n", 0, found.start()) + 1
            raise DataFormatError(path, MSG[key].format(line=line, sample=found.group()))
    return _C1.sub(_from_cp1252, text), encoding


def _decode_8bit(raw: bytes, path: object) -> tuple[str, str]:
    encoding = "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        if _UTF8_MARK.search(raw):
            raise DataFormatError(path, MSG["mixed"].format(line=line)) from error
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataFormatError(path, MSG["undecodable"].format(line=line)) from error


def _from_cp1252(match: re.Match[str]) -> str:
    return match.group().encode("latin-1").decode("cp1252", errors="replace")


def records(text: str, path: object) -> list[Record]:
    """Every non-blank CSV record of ``text`` with the line it starts on (strict quoting)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: list[Record] = []
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return out
        except csv.Error as error:
            key = "cut_quote" if "end of data" in str(error) else "bad_quote"
            raise DataFormatError(path, MSG[key].format(line=start, error=error)) from error
        if fields and any(fields):
            out.append((start, fields))


def ends_cleanly(text: str) -> bool:
    """Does the text end with a line break (OFAC adds a 0x1A byte after it)?"""
    return text.rstrip("\x1a").endswith(("\n", "\r"))


def check_width(
    rows: list[Record], expected: int, path: object, what: Text, *, complete: bool
) -> None:
    """Every record has ``expected`` fields; ``complete``: the text ends with a line break."""
    for index, (line, fields) in enumerate(rows):
        if len(fields) == expected:
            continue
        last = index == len(rows) - 1
        if last and len(fields) < expected and not complete:
            problem = MSG["cut"].format(line=line, found=len(fields), expected=expected)
        else:
            problem = MSG["width"].format(
                line=line, found=len(fields), expected=expected, what=what.get()
            )
        raise DataFormatError(path, problem)


def normal(text: str) -> str:
    """Lower case, no accents, single spaces: for comparing headers and labels."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SPACE.sub(" ", plain).strip().lower()


def identify(rows: list[Record]) -> str | None:
    """Which known list the first records look like (a key of :data:`LISTS`), if any."""
    if not rows:
        return None
    first = [normal(field) for field in rows[0][1]]
    if first[0].startswith("informacion actualizada") or first[:2] in (
        ["no", "rfc"],
        ["rfc", "nombre del contribuyente"],
    ):
        return "sat69b"
    if first[0] == "proveedor y contratista":
        return "sfp"
    if first[0].isdigit():
        return {12: "sdn", 6: "ofac_add", 5: "ofac_alt", 2: "ofac_comments"}.get(len(first))
    return None


def not_the_list(path: object, what: Text, expected: Text, rows: list[Record]) -> DataFormatError:
    """The error for a file that is another list (named when recognised) or no list at all."""
    other = identify(rows)
    if other is not None:
        found = MSG["looks_like"].format(other=LISTS[other].get())
    else:
        line = ",".join(rows[0][1])[:80] if rows else ""
        found = MSG["first_line"].format(expected=expected.get(), line=line)
    return DataFormatError(path, MSG["not_list"].format(what=what.get(), found=found))


def clean(value: str | None) -> str | None:
    """Runs of spaces and line breaks as one space, trimmed; empty text as None."""
    if value is None:
        return None
    if _ODD_SPACE.search(value):
        value = _SPACE.sub(" ", value)
    return value.strip() or None


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre setiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        start=1,
    )
    for name in names.split()
}
#: Date shapes seen in the lists: (pattern, strptime format); tried in order on what is left.
_DATE_SHAPES = (
    (r"\d{1,2}/\d{1,2}/\d{4}", "%d/%m/%Y"),
    (r"\d{1,2}/\d{1,2}/\d{2}", "%d/%m/%y"),
    (r"\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y"),
    (r"\d{1,2}-\d{1,2}-\d{2}", "%d-%m-%y"),
    (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d"),
    (r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}", "%Y-%m-%d %H:%M:%S"),
)
_TEXT_DATE = re.compile(r"(\d{1,2}) de ([a-z]+) de (\d{4})")
#: Five-digit Excel day numbers, 32000-69999 (years 1987-2091): a date cell saved as a number.
_EXCEL = re.compile(r"(3[2-9]|[4-6]\d)\d{3}")


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates in any of the lists' shapes, and the texts that are none of them.

    Shapes: dd/mm/yyyy, dd/mm/yy, dd-mm-yyyy, dd-mm-yy, yyyy-mm-dd, "5 de marzo de 2019" and
    Excel day numbers (``44014`` is 2020-07-02: a date cell a spreadsheet saved as a number).
    A text holding two dates ("25/05/2022 - 26/04/2021") is not a date: it comes back unparsed
    (NaT) and listed, never guessed.
    """
    texts = values.astype("string").str.strip().str.replace(r"\.$", "", regex=True)
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    left = texts.notna() & texts.ne("")
    for pattern, fmt in _DATE_SHAPES:
        hit = left & texts.str.fullmatch(pattern).fillna(False).astype(bool)
        if hit.any():
            out[hit] = pd.to_datetime(texts[hit], format=fmt, errors="coerce")
            left &= out.isna()
    if left.any():
        for index, text in texts[left].items():
            out[index] = _one_date(str(text))
        left &= out.isna()
    return out, texts[left]


def _one_date(text: str) -> pd.Timestamp | None:
    if _EXCEL.fullmatch(text):
        return pd.Timestamp("1899-12-30") + pd.Timedelta(days=int(text))
    found = _TEXT_DATE.fullmatch(normal(text))
    if found and found.group(2) in _MONTHS:
        day, month, year = int(found.group(1)), _MONTHS[found.group(2)], int(found.group(3))
        try:
            return pd.Timestamp(year=year, month=month, day=day)
        except ValueError:
            return None
    return None


def text_date(text: str) -> pd.Timestamp | None:
    """The date in a Spanish phrase such as "Información actualizada al 18 de mayo de 2021"."""
    found = _TEXT_DATE.search(normal(text))
    return _one_date(found.group()) if found else None
