"""Mexican RFC (Registro Federal de Contribuyentes): structure, SAT check digit, joinability.

An RFC is the strongest key for linking a supplier to a sanctions list, so it is worth reading
carefully before joining on it:

* a **persona moral** (company) has 12 characters: 3 letters (``A-Z``, ``&``, ``Ñ``) from its
  name, the date of incorporation ``YYMMDD``, a 2-character homoclave and a check digit;
* a **persona física** has 13: 4 letters from surnames and given name, birth date, homoclave,
  check digit;
* the **generic** RFCs ``XAXX010101000`` (público en general) and ``XEXX010101000``
  (foreigners) have the right shape but stand for thousands of different people: never a key.

The last character is the SAT check digit (:func:`check_digit`). Real lists break it now and
then: 0.22% of the RFCs on SAT's 69-B list (2026), 0.25% (2022) and 0.54% of ComprasMX 2026
suppliers, measured on the files in ``shared/real``; lists typed by hand are said to reach 7%
(not measured here). ``validate(..., tolerant=True)`` therefore turns a bad check digit into a
warning instead of a rejection: a typo in the digit does not make the RFC someone else's. The
69-B list also writes ``XXXXXXXXXXXX`` where it has no RFC: not a date, never joinable.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from kit.i18n import messages

__all__ = [
    "FISICA",
    "GENERIC",
    "GENERIC_RFCS",
    "MORAL",
    "RfcCheck",
    "RfcProblem",
    "RfcWarning",
    "check_digit",
    "is_joinable",
    "name_fits_rfc",
    "name_letters",
    "normalise",
    "validate",
    "validate_series",
]

MORAL, FISICA, GENERIC = "moral", "física", "generic"
GENERIC_RFCS = frozenset({"XAXX010101000", "XEXX010101000"})
"""Público en general (nationals) and foreigners: valid shape, never the same taxpayer."""

#: Value of each symbol in the check-digit sum is its position here (space pads a moral RFC).
SYMBOLS = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
#: The homoclave is drawn from these 34 symbols (no 0, no O): SAT's homoclave table.
HOMOCLAVE_SYMBOLS = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ&Ñ"

MSG = messages(
    "sanctions.rfc",
    {
        "empty": ("RFC vacío", "empty RFC"),
        "length": (
            "{n} caracteres: un RFC tiene 12 (persona moral) o 13 (persona física)",
            "{n} characters: an RFC has 12 (persona moral) or 13 (persona física)",
        ),
        "letters": (
            "las primeras {k} posiciones deben ser letras (A-Z, & o Ñ), no '{found}'",
            "the first {k} positions must be letters (A-Z, & or Ñ), not '{found}'",
        ),
        "date": ("'{found}' no es una fecha AAMMDD real", "'{found}' is not a real YYMMDD date"),
        "homoclave": (
            "homoclave '{found}' con símbolos que el SAT no usa (solo 1-9 y A-Z sin O)",
            "homoclave '{found}' has symbols the SAT does not use (only 1-9 and A-Z but O)",
        ),
        "check_digit": (
            "dígito verificador '{found}', el SAT daría '{expected}'",
            "check digit '{found}', the SAT would give '{expected}'",
        ),
        "ok": ("RFC {rfc}: persona {kind}, válido", "RFC {rfc}: persona {kind}, valid"),
        "generic": (
            "RFC {rfc}: genérico, no identifica a nadie (no sirve para unir tablas)",
            "RFC {rfc}: generic, identifies no one (not a join key)",
        ),
        "forgiven": (
            "{n} RFC con dígito verificador incorrecto se aceptaron (modo tolerante)",
            "{n} RFCs with a wrong check digit were accepted (tolerant mode)",
        ),
        "bad": ("RFC {rfc}: no válido: {problems}", "RFC {rfc}: not valid: {problems}"),
        "warned": (
            "RFC {rfc}: aceptado con aviso: {problems}",
            "RFC {rfc}: accepted, warning: {problems}",
        ),
    },
)


class RfcWarning(UserWarning):
    """RFCs were accepted in tolerant mode although their check digit is wrong."""


@dataclass(frozen=True)
class RfcProblem:
    """One thing wrong with an RFC: a stable ``code`` and a message in the current language."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RfcCheck:
    """What :func:`validate` found.

    Attributes:
        rfc: the RFC after :func:`normalise`.
        kind: ``"moral"``, ``"física"``, ``"generic"``, or None when the length fits neither.
        ok: no problems (in tolerant mode a bad check digit is a warning, not a problem).
        problems: codes ``empty``, ``length``, ``letters``, ``date``, ``homoclave``,
            ``check_digit``, each with a bilingual message.
        warnings: problems forgiven by tolerant mode.
    """

    rfc: str
    kind: str | None
    ok: bool
    problems: tuple[RfcProblem, ...] = ()
    warnings: tuple[RfcProblem, ...] = field(default=())

    @property
    def joinable(self) -> bool:
        """Safe to use as a join key: well formed (a wrong check digit is forgiven), not generic.

        A typo in the check digit does not make the RFC somebody else's; a generic RFC is
        everybody's.
        """
        forgivable = all(p.code == "check_digit" for p in self.problems)
        return forgivable and self.kind in (MORAL, FISICA)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)

    def __str__(self) -> str:
        if self.kind == GENERIC:
            return MSG["generic"].format(rfc=self.rfc)
        if not self.ok:
            return MSG["bad"].format(rfc=self.rfc, problems="; ".join(map(str, self.problems)))
        if self.warnings:
            return MSG["warned"].format(rfc=self.rfc, problems="; ".join(map(str, self.warnings)))
        return MSG["ok"].format(rfc=self.rfc, kind=self.kind)


# Spaces (no-break ones too), dashes, dots, underscores and slashes; the same characters for
# Python's re and for Arrow's, which validate_series uses.
_SEPARATOR_CLASS = "[\t\n\x0b\x0c\r \u00a0\u2007\u202f\u3000._/-]+"
_SEPARATORS = re.compile(_SEPARATOR_CLASS)


def normalise(rfc: object) -> str:
    """Upper-case, without spaces, dashes, dots or slashes (OFAC writes ``ABC-010203-XY1``).

    Missing values (None, NaN) give ``""``.
    """
    if rfc is None or (isinstance(rfc, float) and rfc != rfc):
        return ""
    return _SEPARATORS.sub("", unicodedata.normalize("NFC", str(rfc)).upper())


def check_digit(base: str) -> str:
    """The SAT check digit of the first 11 (moral) or 12 (física) characters of an RFC.

    Each character is valued by its position in ``0-9 A-N & O-Z space Ñ``; a moral RFC is padded
    with a leading space to 12 characters; the sum of value × weight (weights 13 down to 2) is
    taken mod 11: remainder 0 gives ``0``, 1 gives ``A``, otherwise ``11 - remainder``.

    Raises:
        ValueError: a character outside that table.
    """
    padded = base.upper().rjust(12)
    total = sum(SYMBOLS.index(char) * (13 - i) for i, char in enumerate(padded))
    remainder = total % 11
    if remainder == 0:
        return "0"
    return "A" if remainder == 1 else str(11 - remainder)


def validate(rfc: object, *, tolerant: bool = False) -> RfcCheck:
    """Check an RFC's structure, date, homoclave and SAT check digit.

    Args:
        rfc: any spelling (normalised first: case, spaces, dashes and dots do not matter).
        tolerant: a wrong check digit becomes a warning and the RFC stays ``ok``. Real lists
            carry 0.2%–7% RFCs with a failing check digit (0.2%–0.5% on the lists measured,
            see the module docstring); for linking, such an RFC is still far more likely its
            owner's than anybody else's.

    Returns:
        RfcCheck with ``kind``, ``ok``, ``problems``, ``warnings`` and ``joinable``.
    """
    value = normalise(rfc)
    if value in GENERIC_RFCS:
        return RfcCheck(value, GENERIC, True)
    problems = list(_problems(value))
    kind = {12: MORAL, 13: FISICA}.get(len(value))
    warnings: tuple[RfcProblem, ...] = ()
    if tolerant and [p.code for p in problems] == ["check_digit"]:
        warnings, problems = tuple(problems), []
    return RfcCheck(value, kind, not problems, tuple(problems), warnings)


def _problems(value: str) -> list[RfcProblem]:
    """Every problem of a normalised RFC, in the order the characters come."""
    if not value:
        return [RfcProblem("empty", str(MSG["empty"]))]
    if len(value) not in (12, 13):
        return [RfcProblem("length", MSG["length"].format(n=len(value)))]
    k = len(value) - 9
    letters, digits, homoclave = value[:k], value[k : k + 6], value[k + 6 : k + 8]
    found: list[RfcProblem] = []
    if not all(c in LETTERS for c in letters):
        found.append(RfcProblem("letters", MSG["letters"].format(k=k, found=letters)))
    if not _is_date(digits):
        found.append(RfcProblem("date", MSG["date"].format(found=digits)))
    if not all(c in HOMOCLAVE_SYMBOLS for c in homoclave):
        found.append(RfcProblem("homoclave", MSG["homoclave"].format(found=homoclave)))
    if all(c in SYMBOLS for c in value[:-1]):
        expected = check_digit(value[:-1])
        if value[-1] != expected:
            message = MSG["check_digit"].format(found=value[-1], expected=expected)
            found.append(RfcProblem("check_digit", message))
    return found


def _is_date(digits: str) -> bool:
    """``YYMMDD`` is a day of the 1900s or the 2000s (the century is not written)."""
    if not (len(digits) == 6 and digits.isascii() and digits.isdigit()):
        return False
    year, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def is_joinable(rfc: object) -> bool:
    """Whether ``rfc`` can link records: well formed (check digit forgiven), never generic."""
    return validate(rfc).joinable


# --- vectorised -------------------------------------------------------------------------------

_TABLE_SIZE = 256  # every symbol of the RFC alphabet is below U+0100 (Ñ is U+00D1)


def _lookup(symbols: str) -> np.ndarray:
    """Code point -> position in ``symbols`` (-1 for any other character)."""
    table = np.full(_TABLE_SIZE, -1, dtype=np.int16)
    for i, char in enumerate(symbols):
        table[ord(char)] = i
    return table


_VALUE = _lookup(SYMBOLS)
_IS_LETTER = _lookup(LETTERS) >= 0
_IS_HOMOCLAVE = _lookup(HOMOCLAVE_SYMBOLS) >= 0
_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
_WEIGHTS = np.arange(13, 1, -1)


def validate_series(rfcs: pd.Series, *, tolerant: bool = False) -> pd.DataFrame:
    """:func:`validate` for a whole column at once (numpy; 200,000 RFCs in about half a second).

    With ``tolerant=True`` a wrong check digit alone is forgiven, as in :func:`validate`, and
    one :class:`RfcWarning` says how many RFCs were forgiven.

    Returns:
        A frame on ``rfcs``' index with ``rfc`` (normalised), ``kind`` (moral, física, generic
        or missing), ``ok``, ``check_digit_ok``, ``joinable`` and ``problems`` (the problem
        codes separated by spaces, ``""`` when none; a forgiven check digit is not listed).
    """
    text = pd.Series(rfcs.to_numpy(dtype=object), dtype="str").fillna("")
    values = text.str.normalize("NFC").str.upper().str.replace(_SEPARATOR_CLASS, "", regex=True)
    n = len(values)
    length = values.str.len().to_numpy()
    codes = _code_points(values, length)
    generic = values.isin(GENERIC_RFCS).to_numpy()
    shaped = np.isin(length, (12, 13))
    letters_ok = _IS_LETTER[codes[:, 1:4]].all(axis=1) & (_IS_LETTER[codes[:, 0]] | (length == 12))
    date_ok = _dates_ok(codes[:, 4:10])
    homoclave_ok = _IS_HOMOCLAVE[codes[:, 10:12]].all(axis=1)
    digit_state = _check_digits(codes)  # 1 right, 0 wrong, -1 not computable
    checks = {
        "letters": shaped & ~letters_ok,
        "date": shaped & ~date_ok,
        "homoclave": shaped & ~homoclave_ok,
        "check_digit": shaped & (digit_state == 0),
    }
    found = np.full(n, "", dtype=object)
    found[length == 0] = "empty "
    found[(length > 0) & ~shaped] = "length "
    for code, mask in checks.items():
        found[mask & ~generic] += code + " "  # object arrays add strings element by element
    problems = pd.Series(found, dtype=object).str.rstrip().to_numpy()
    forgiven = pd.Series(found, dtype=object).str.replace("check_digit ", "").eq("").to_numpy()
    kind = np.where(length == 12, MORAL, np.where(length == 13, FISICA, None))
    if tolerant:
        _warn_forgiven(int((forgiven & (problems != "")).sum()))
        problems = np.where(forgiven, "", problems)
    return pd.DataFrame(
        {
            "rfc": values.to_numpy(),
            "kind": np.where(generic, GENERIC, kind),
            "ok": problems == "",
            "check_digit_ok": (digit_state == 1) | generic,
            "joinable": forgiven & shaped & ~generic,
            "problems": problems,
        },
        index=rfcs.index,
    )


def _warn_forgiven(count: int) -> None:
    if count:
        warnings.warn(MSG["forgiven"].format(n=count), RfcWarning, stacklevel=3)


def _code_points(values: pd.Series, length: np.ndarray) -> np.ndarray:
    """An ``n × 13`` array of code points, a moral RFC shifted right behind a space.

    Code points outside the RFC alphabet's range are clipped to a value that is never a symbol.
    """
    padded = values.where(length != 12, " " + values).to_numpy(dtype=str)
    fixed = padded.astype("<U13")  # longer values are cut: their length is already wrong
    points = fixed.view(np.uint32).reshape(len(values), 13)
    return np.minimum(points, _TABLE_SIZE - 1).astype(np.intp)


def _dates_ok(digits: np.ndarray) -> np.ndarray:
    numbers = digits - ord("0")
    all_digits = ((numbers >= 0) & (numbers <= 9)).all(axis=1)
    numbers = np.where(all_digits[:, None], numbers, 0)
    year = numbers[:, 0] * 10 + numbers[:, 1]
    month = numbers[:, 2] * 10 + numbers[:, 3]
    day = numbers[:, 4] * 10 + numbers[:, 5]
    valid_month = (month >= 1) & (month <= 12)
    longest = _DAYS[np.where(valid_month, month, 0)]
    longest = np.where((month == 2) & (year % 4 != 0), 28, longest)  # 1900+yy or 2000+yy
    return all_digits & valid_month & (day >= 1) & (day <= longest)


def _check_digits(codes: np.ndarray) -> np.ndarray:
    values = _VALUE[codes[:, :12]]
    computable = (values >= 0).all(axis=1)
    remainder = (values.astype(np.int64) * _WEIGHTS).sum(axis=1) % 11
    expected = np.where(
        remainder == 0, ord("0"), np.where(remainder == 1, ord("A"), ord("0") + 11 - remainder)
    )
    return np.where(computable, (codes[:, 12] == expected).astype(np.int8), -1)


# --- names and initials -----------------------------------------------------------------------

#: Words the SAT leaves out when it takes a company's initials (simplified list).
SKIPPED_WORDS = frozenset(
    {"DE", "DEL", "LA", "LAS", "LOS", "EL", "Y", "E", "EN", "PARA", "POR", "CON", "A", "AL"}
    | {"SUS", "THE", "OF", "AND", "COMPANIA", "CIA", "SOCIEDAD", "SOC", "COOPERATIVA", "COOP"}
    | {"MC", "MAC", "VAN", "VON"}
)
_GIVEN_SKIPPED = frozenset({"MARIA", "MA", "JOSE", "J"})


def name_fits_rfc(name: object, rfc: object) -> float:
    """How well a name explains the letters of an RFC: a cheap matching feature.

    The SAT builds the letters from the name. This recomputes them, simplified, and returns the
    share of letter positions that agree (1.0: the name fits; an ``X`` in the RFC matches
    anything, as the SAT writes X for missing letters and for defused words).

    * persona moral: legal form removed (:func:`kit.sanctions.names.split_legal_form`), words
      in :data:`SKIPPED_WORDS` dropped; three or more words give their three initials, two give
      the first's initial and the second's first two letters, one gives its first three.
    * persona física: first surname's initial and first inner vowel, second surname's initial,
      first given name's initial (skipping María and José in compound names). The name may
      come as *given names, surnames* or as *surnames, given names*: the better fit wins.

    Simplified: numbers are dropped instead of spelled out, initials written as "A.B.C." count as
    one word, compound surnames (de la Cruz) are not special, and accents and Ñ fold to plain
    letters. It is evidence that two records are the same taxpayer, not proof.

    Returns:
        A float between 0 and 1, or NaN when the RFC is not a personal or company RFC.
    """
    value = normalise(rfc)
    if value in GENERIC_RFCS or len(value) not in (12, 13):
        return float("nan")
    letters = _fold(value[: len(value) - 9])
    candidates = _moral_initials(str(name)) if len(letters) == 3 else _fisica_initials(str(name))
    if not candidates:
        return 0.0
    return max(_agreement(letters, c) for c in candidates)


def name_letters(name: object, kind: str = MORAL) -> str:
    """The letters the SAT would put at the start of the RFC of ``name`` (simplified).

    The rules are :func:`name_fits_rfc`'s; a persona física's name is read as given names
    first. ``""`` when the name has too few words.
    """
    found = _moral_initials(str(name)) if kind == MORAL else _fisica_initials(str(name))
    return found[0] if found else ""


def _agreement(letters: str, computed: str) -> float:
    computed = computed.ljust(len(letters), "X")[: len(letters)]
    hits = sum(a in (b, "X", "&") for a, b in zip(letters, computed, strict=True))
    return hits / len(letters)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _moral_initials(name: str) -> tuple[str, ...]:
    from kit.sanctions.names import split_legal_form  # names imports nothing from here

    core, _ = split_legal_form(name)
    words = [w for w in core.split() if w not in SKIPPED_WORDS and not w.isdigit()]
    if not words:
        return ()
    if len(words) >= 3:
        return (words[0][0] + words[1][0] + words[2][0],)
    if len(words) == 2:
        return (words[0][0] + words[1][:2],)
    return (words[0][:3].ljust(3, "X"),)


@lru_cache(maxsize=65536)
def _fisica_initials(name: str) -> tuple[str, ...]:
    words = [w for w in re.split(r"[^A-Z]+", _fold(name)) if w and w not in SKIPPED_WORDS]
    if len(words) < 3:
        return ()
    given_first = (words[:-2], words[-2], words[-1])
    surnames_first = (words[2:], words[0], words[1])
    return tuple(_person(*parts) for parts in (given_first, surnames_first) if parts[0])


def _person(given: list[str], surname: str, second: str) -> str:
    if len(given) > 1 and given[0] in _GIVEN_SKIPPED:
        given = given[1:]
    vowel = next((c for c in surname[1:] if c in "AEIOU"), "X")
    return surname[0] + vowel + second[0] + given[0][0]
