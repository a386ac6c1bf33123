"""Mexican company (and person) names brought to one spelling, so that lists can be compared.

The same company is written ``Constructora Quelvara, S.A. de C.V.`` in a contract,
``CONSTRUCTORA QUELVARA SA DE CV`` on a SAT list and ``QUELVARA CONSTRUCTORA, S. A. DE C. V.``
by hand. Matching has to see through case, accents, punctuation, the many spellings of the
legal form, abbreviations (Cía., Hnos.) and word order. Choices, each for a reason:

* **Accents** are removed with :mod:`unicodedata` (NFKD, combining marks dropped): lists drop
  them at random, and the standard library does it without a new dependency. Ñ becomes N for
  the same reason. Letters of other scripts are kept.
* **Punctuation** becomes a space, apostrophes vanish (``O'Farrill`` → ``OFARRILL``), ``&``
  becomes ``Y``. Dotted initials are glued (``S. A. DE C. V.`` → ``SA DE CV``), which makes
  every spelling of a legal form the same words; a lone letter without a dot stays a word
  (``FINANCIERA X, S.A.`` → ``FINANCIERA X SA``).
* **Legal forms** are recognised only at the end of the name, from :data:`LEGAL_FORMS` (a table
  of spellings, spelled-out forms included; "DE" may be missing), and separated: two records of
  the same company often differ only there, and the form is evidence of its own.
* **Abbreviations** (:data:`ABBREVIATIONS`) are expanded and **stop words**
  (:data:`STOP_WORDS`: de, la, y ...) dropped in the matching ``key``; ``sorted_key`` also
  sorts its words, for names written in another order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

__all__ = [
    "ABBREVIATIONS",
    "LEGAL_FORMS",
    "STOP_WORDS",
    "LegalForm",
    "matching_key",
    "normalise",
    "normalise_series",
    "split_legal_form",
]


@dataclass(frozen=True)
class LegalForm:
    """A Mexican legal form: its ``code``, its usual spelling, the other spellings seen."""

    code: str
    spelling: str
    variants: tuple[str, ...] = ()


LEGAL_FORMS: tuple[LegalForm, ...] = (
    LegalForm(
        "SA_CV",
        "S.A. de C.V.",
        ("SA DE CV", "S.A.C.V.", "Sociedad Anónima de Capital Variable"),
    ),
    LegalForm("SA", "S.A.", ("Sociedad Anónima",)),
    LegalForm("SAB_CV", "S.A.B. de C.V.", ("Sociedad Anónima Bursátil de Capital Variable",)),
    LegalForm(
        "SAPI_CV",
        "S.A.P.I. de C.V.",
        ("Sociedad Anónima Promotora de Inversión de Capital Variable",),
    ),
    LegalForm("SAPI", "S.A.P.I.", ("Sociedad Anónima Promotora de Inversión",)),
    LegalForm("SAPIB_CV", "S.A.P.I.B. de C.V."),
    LegalForm("SAS_CV", "S.A.S. de C.V."),
    LegalForm("SAS", "S.A.S.", ("Sociedad por Acciones Simplificada",)),
    LegalForm(
        "SRL_CV",
        "S. de R.L. de C.V.",
        ("S.R.L. de C.V.", "Sociedad de Responsabilidad Limitada de Capital Variable"),
    ),
    LegalForm("SRL", "S. de R.L.", ("S.R.L.", "Sociedad de Responsabilidad Limitada")),
    LegalForm("SRL_MI", "S. de R.L. M.I.", ("S. de R.L. MI", "S. de R.L. de M.I.")),
    LegalForm("SC", "S.C.", ("Sociedad Civil",)),
    LegalForm("SCP", "S.C.P."),
    LegalForm("AC", "A.C.", ("Asociación Civil",)),
    LegalForm("IAP", "I.A.P.", ("Institución de Asistencia Privada",)),
    LegalForm("AEP", "A. en P.", ("Asociación en Participación",)),
    LegalForm(
        "SC_RL_CV",
        "S.C. de R.L. de C.V.",
        ("Sociedad Cooperativa de Responsabilidad Limitada de Capital Variable",),
    ),
    LegalForm("SC_RL", "S.C. de R.L.", ("Sociedad Cooperativa de Responsabilidad Limitada",)),
    LegalForm("SC_C_RL_CV", "S.C. de C. de R.L. de C.V."),
    LegalForm(
        "SPR_RL",
        "S.P.R. de R.L.",
        ("S. de P.R. de R.L.", "Sociedad de Producción Rural de Responsabilidad Limitada"),
    ),
    LegalForm("SPR_RL_CV", "S.P.R. de R.L. de C.V.", ("S. de P.R. de R.L. de C.V.",)),
    LegalForm("SPR_RI", "S.P.R. de R.I.", ("S. de P.R. de R.I.",)),
    LegalForm("S_NC", "S. en N.C.", ("S. en N.C. de C.V.", "Sociedad en Nombre Colectivo")),
    LegalForm("S_CS", "S. en C.S.", ("Sociedad en Comandita Simple",)),
    LegalForm("S_CA", "S. en C. por A.", ("Sociedad en Comandita por Acciones",)),
    LegalForm("SNC", "S.N.C.", ("Sociedad Nacional de Crédito",)),
    LegalForm(
        "SOFOM_ENR",
        "SOFOM E.N.R.",
        (
            "S.A. de C.V. SOFOM E.N.R.",
            "S.A.P.I. de C.V. SOFOM E.N.R.",
            "Sociedad Financiera de Objeto Múltiple Entidad No Regulada",
        ),
    ),
    LegalForm(
        "SOFOM_ER",
        "SOFOM E.R.",
        ("S.A. de C.V. SOFOM E.R.", "Sociedad Financiera de Objeto Múltiple Entidad Regulada"),
    ),
)
"""The legal forms recognised at the end of a name (and, with "DE" dropped, their variants)."""

STOP_WORDS = frozenset(
    {"DE", "DEL", "LA", "LAS", "LOS", "EL", "Y", "E", "EN", "PARA", "POR", "CON", "A", "AL"}
    | {"THE", "OF", "AND"}
)
"""Words left out of the matching key: they carry no identity and are dropped at random."""

ABBREVIATIONS: dict[str, str] = {
    "CIA": "COMPANIA",
    "HNOS": "HERMANOS",
    "INTL": "INTERNACIONAL",
    "NAL": "NACIONAL",
    "GPO": "GRUPO",
    "SERV": "SERVICIOS",
    "SERVS": "SERVICIOS",
    "DIST": "DISTRIBUIDORA",
    "DISTR": "DISTRIBUIDORA",
    "CONST": "CONSTRUCTORA",
    "CONSTR": "CONSTRUCTORA",
    "COMERC": "COMERCIALIZADORA",
    "ADMON": "ADMINISTRACION",
    "PROD": "PRODUCTOS",
    "PRODS": "PRODUCTOS",
    "MATS": "MATERIALES",
    "SIST": "SISTEMAS",
}
"""Abbreviations expanded in the matching key (only those with one clear reading)."""

_COMBINING = re.compile("[\u0300-\u036f]")  # accents, tilde, diaeresis after NFKD
_APOSTROPHES = re.compile("['’`]")
_INITIALS = re.compile(r"(?<=\b\w)\.\s*(?=\w\b)")  # "S. A." -> "SA"; "X, S.A." -> "X SA"
_NOT_WORD = re.compile(r"[\W_]+")


def normalise(name: object) -> str:
    """Upper case, no accents, punctuation as spaces, dotted initials glued, one space between.

    ``"Cía. Hnos. Pérez & Asoc., S. A. de C. V."`` → ``"CIA HNOS PEREZ Y ASOC SA DE CV"``.
    Missing values (None, NaN) give ``""``.
    """
    if name is None or (isinstance(name, float) and name != name):
        return ""
    return _normalise(str(name))


@lru_cache(maxsize=1 << 16)
def _normalise(text: str) -> str:
    plain = _COMBINING.sub("", unicodedata.normalize("NFKD", text.upper()))
    plain = _INITIALS.sub("", _APOSTROPHES.sub("", plain.replace("&", " Y ")))
    return _NOT_WORD.sub(" ", plain).strip()


def _form_table() -> tuple[dict[tuple[str, ...], str], int]:
    """Every spelling (and the spelling without "DE") as a tuple of words -> code."""
    table: dict[tuple[str, ...], str] = {}
    for form in LEGAL_FORMS:
        for spelling in (form.spelling, *form.variants):
            words = tuple(_normalise(spelling).split())
            table.setdefault(words, form.code)
            table.setdefault(tuple(w for w in words if w != "DE"), form.code)
    return table, max(map(len, table))


_FORMS, _LONGEST_FORM = _form_table()
# The same table as one regular expression for whole columns: the leftmost match at the end
# of a name is its longest form; the space before it keeps at least one word of the name.
_FORM_AT_END = " (?:{})$".format(
    "|".join(sorted((" ".join(words) for words in _FORMS), key=len, reverse=True))
)
_FORM_CODES = {" ".join(words): code for words, code in _FORMS.items()}


def split_legal_form(name: object) -> tuple[str, str | None]:
    """The normalised name without its legal form, and the form's code (None if none).

    ``"Grupo Quelvara, S. A. de C. V."`` → ``("GRUPO QUELVARA", "SA_CV")``. Only the end of the
    name is read; a name that would be left empty keeps its words and gets no form.
    """
    return _split(normalise(name))


@lru_cache(maxsize=1 << 16)
def _split(text: str) -> tuple[str, str | None]:
    words = text.split()
    size = _form_at_end(words)
    if not size:
        return text, None
    found = _FORMS[tuple(words[-size:])]
    words = words[:-size]
    if found.startswith("SOFOM"):  # "S.A. de C.V., Sociedad Financiera de Objeto Múltiple..."
        words = words[: len(words) - _form_at_end(words)]
    return " ".join(words), found


def _form_at_end(words: list[str]) -> int:
    """How many of the last words spell a legal form (0: none; the first word never counts)."""
    for size in range(min(_LONGEST_FORM, len(words) - 1), 0, -1):
        if tuple(words[-size:]) in _FORMS:
            return size
    return 0


def matching_key(core: str, *, sort: bool = False) -> str:
    """Words of a normalised core with abbreviations expanded and stop words dropped."""
    words = [ABBREVIATIONS.get(w, w) for w in core.split()]
    kept = [w for w in words if w not in STOP_WORDS] or words
    return " ".join(sorted(kept) if sort else kept)


COLUMNS = ["normalised", "core", "legal_form", "key", "sorted_key"]


def normalise_series(names: pd.Series) -> pd.DataFrame:
    """:func:`normalise`, :func:`split_legal_form` and :func:`matching_key` for a whole column.

    Each distinct name is worked once, with pandas' string methods over all of them at once
    (Arrow kernels; 200,000 names in about a second). The result is the same as the functions'
    name by name (tested).

    Returns:
        A frame on ``names``' index with ``normalised``, ``core`` (without the legal form),
        ``legal_form`` (code or None), ``key`` (matching key of the core) and ``sorted_key``
        (the same words sorted).
    """
    codes, uniques = pd.factorize(names.astype(object), use_na_sentinel=False)
    text = _normalise_many(pd.Series(uniques, dtype=object))
    core, form = _split_many(text)
    key = [matching_key(c) for c in core]
    table = pd.DataFrame(
        {
            "normalised": text.to_numpy(dtype=object),
            "core": core,
            "legal_form": form,
            "key": key,
            "sorted_key": [" ".join(sorted(k.split())) for k in key],
        },
        columns=COLUMNS,
        dtype=object,
    )
    return table.iloc[codes].set_axis(names.index)


def _normalise_many(values: pd.Series) -> pd.Series:
    """:func:`_normalise` of every value (None and NaN give "")."""
    missing = values.isna().to_numpy()
    text = values.where(~missing, "").map(lambda t: unicodedata.normalize("NFKD", str(t).upper()))
    text = text.astype("str").str.replace(_COMBINING.pattern, "", regex=True)
    text = text.str.replace("&", " Y ", regex=False).str.replace(
        _APOSTROPHES.pattern, "", regex=True
    )
    text = text.str.replace(_INITIALS, "", regex=True)  # lookarounds: Python's re, not Arrow's
    # [^\p{L}\p{N}] is Python's [\W_]: letters and numbers of any script are word characters.
    return text.str.replace(r"[^\p{L}\p{N}]+", " ", regex=True).str.strip()


def _split_many(text: pd.Series) -> tuple[list[str], list[str | None]]:
    """:func:`_split` of every normalised name: the cores and the legal forms' codes."""
    whole = text.tolist()
    core = text.str.replace(_FORM_AT_END, "", regex=True).tolist()
    form = [_FORM_CODES.get(t[len(c) + 1 :]) for t, c in zip(whole, core, strict=True)]
    sofom = [i for i, code in enumerate(form) if code and code.startswith("SOFOM")]
    if sofom:
        again = pd.Series([core[i] for i in sofom], dtype="str").str.replace(
            _FORM_AT_END, "", regex=True
        )
        for i, shorter in zip(sofom, again.tolist(), strict=True):
            core[i] = shorter
    return core, form
