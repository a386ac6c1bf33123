"""The same person across PDN systems (S1, S2, S3) and procurement (S6): candidates and evidence.

:func:`link_people` pairs the rows of two tables that may be the same person, by three keys and
by name, and keeps for every pair what agreed and what did not:

* **CURP** (18 characters): equal valid CURPs. The strongest key: one per person for life.
* **RFC** with homoclave (13 characters for a person, 12 for a company): equal RFCs that
  :func:`kit.sanctions.rfc.validate_series` finds joinable (well formed, a wrong check digit
  forgiven, never the generic ``XAXX010101000``). The homoclave tells apart two people whose
  names and birth dates give the same first ten characters.
* **RFC base** (the first 10 characters of a persona física's RFC: four letters from the name
  and the birth date ``YYMMDD``): equal bases. Weaker: people with the same initials born the
  same day share it, and some lists publish it without homoclave. A pair found only by the
  base is kept when no CURP and no full RFC disagree, and says so.
* **Name**: full names normalised by :mod:`kit.sanctions.names` and compared by
  :func:`kit.sanctions.match.link` (blocks of shared words; a name score of at least
  ``threshold`` and every word within one edit). A pair found only by name is refused when both
  sides carry valid, different CURPs or full RFCs: homonyms are two people.

Keys are compared after upper-casing, removing spaces, dashes and dots, and folding accents
(``CÓGP…`` is ``COGP…``; Ñ is kept): RFCs and CURPs never carry accents, but files do. A key
that is not well formed after that (``…HAGGRundefined01``, a space where a letter should be)
links nothing. Every candidate is a reason to look closer, not a proof of identity.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from kit.i18n import messages
from kit.sanctions import rfc as rfcs
from kit.sanctions.match import link
from kit.sanctions.names import normalise_series

__all__ = ["COLUMNS", "link_people", "person_keys"]

COLUMNS = [
    "left_id", "right_id", "left_name", "right_name", "method", "curp_equal", "rfc_equal",
    "rfc10_equal", "name_score", "name_match", "evidence", "left_row", "right_row",
]  # fmt: skip
#: Name columns looked for, in order, when ``name`` is not given.
NAME_COLUMNS = ("nombre_completo", "nombre_razon_social", "supplier_name", "name", "nombre")
ID_COLUMNS = ("id", "supplier_id", "party_id")
_CURP = re.compile(r"^[A-ZÑ]{4}\d{6}[HMX][A-ZÑ]{5}[A-Z\dÑ]\d$")
_RFC10 = re.compile(r"^[A-ZÑ&]{4}\d{6}")
_GENERIC10 = {code[:10] for code in rfcs.GENERIC_RFCS}
_SEPARATORS = re.compile(r"[\s._/-]+")
_STRENGTH = {"curp": 0, "rfc": 1, "rfc10": 2, "name": 3}

MSG = messages(
    "declarations.link",
    {
        "no_name": (
            "la tabla {side} no tiene columna de nombre ({wanted}); indica name=(…, …)",
            "the {side} table has no name column ({wanted}); pass name=(…, …)",
        ),
        "missing": (
            "la tabla {side} no tiene la columna '{column}' (columnas: {columns})",
            "the {side} table has no column '{column}' (columns: {columns})",
        ),
        "curp": ("misma CURP {curp}", "same CURP {curp}"),
        "curp_differs": ("CURP distinta", "different CURP"),
        "rfc": ("mismo RFC {rfc}", "same RFC {rfc}"),
        "rfc_differs": ("RFC con homoclave distinto", "different RFC with homoclave"),
        "rfc10": (
            "mismos 10 primeros caracteres del RFC ({rfc10})",
            "same first 10 characters of the RFC ({rfc10})",
        ),
        "name": ("nombre {score:.0f}/100", "name {score:.0f}/100"),
        "name_match": ("los nombres coinciden", "the names match"),
    },
)


def person_keys(frame: pd.DataFrame, rfc: str | None = "rfc", curp: str | None = "curp"):
    """The comparable keys of a table: ``curp`` (valid, else None), ``rfc`` (joinable, else
    None) and ``rfc10`` (a persona física's RFC base, else None), on ``frame``'s index."""
    n = len(frame)
    out = pd.DataFrame(index=frame.index)
    curps = _clean(frame[curp]) if curp else pd.Series([""] * n, index=frame.index)
    out["curp"] = curps.where(curps.str.fullmatch(_CURP.pattern), None)
    texts = _clean(frame[rfc]) if rfc else pd.Series([""] * n, index=frame.index)
    checked = rfcs.validate_series(texts)
    out["rfc"] = texts.where(checked["joinable"].to_numpy(), None)
    base = texts.str[:10]
    physical = texts.str.len().isin([10, 13]) & base.str.match(_RFC10.pattern)
    out["rfc10"] = base.where(physical & ~base.isin(_GENERIC10), None)
    return out


def _clean(values: pd.Series) -> pd.Series:
    """Upper case, no separators, accents folded (Ñ kept)."""

    def one(value: object) -> str:
        if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
            return ""
        text = _SEPARATORS.sub("", str(value).upper()).replace("Ñ", "\0")
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
        return text.replace("\0", "Ñ")

    return pd.Series([one(v) for v in values], index=values.index, dtype="object")


def link_people(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    name: tuple[str | None, str | None] = (None, None),
    rfc: tuple[str | None, str | None] | None = ("rfc", "rfc"),
    curp: tuple[str | None, str | None] | None = ("curp", "curp"),
    ids: tuple[str | None, str | None] = (None, None),
    threshold: float = 90.0,
    by_name: bool = True,
) -> pd.DataFrame:
    """Pairs of rows of ``left`` and ``right`` that may be the same person, with the evidence.

    Works on the frames of :func:`~kit.declarations.s2.read_s2`, the S3 readers,
    ``read_s1(...).declarations`` or ``.dependants`` (``.companies`` with
    ``name=("nombre_empresa", …)``), and procurement suppliers or parties.

    Args:
        left, right: the two tables.
        name: their full-name columns; None looks for ``nombre_completo``,
            ``nombre_razon_social``, ``supplier_name``, ``name``, ``nombre``.
        rfc, curp: their RFC and CURP columns; None for a side without one (a column missing
            from a table counts as None), or None for both.
        ids: their id columns; None looks for ``id``, ``supplier_id``, ``party_id``, else uses
            the row's position.
        threshold: least name score (0-100) for a pair found by name.
        by_name: also look for pairs by name (False: ids only).

    Returns:
        One row per pair of ids (a record published twice pairs once), sorted by ``left_id``:
        ``left_id``, ``right_id``, ``left_name``, ``right_name``; ``method``, the strongest key
        that agreed (``"curp"``, ``"rfc"``: full RFC with homoclave, ``"rfc10"``: the first 10
        characters, ``"name"``); ``curp_equal``, ``rfc_equal``, ``rfc10_equal`` (NA unless both
        sides have that key); ``name_score`` (0-100, the better of the normalised names and
        their sorted words); ``name_match`` (the names match by :func:`kit.sanctions.match.link`
        rules); ``evidence`` (a sentence in the current language); ``left_row`` and
        ``right_row`` (positions in the input tables).
    """
    a = _side(left, "left", name[0], _pick(rfc, 0), _pick(curp, 0), ids[0])
    b = _side(right, "right", name[1], _pick(rfc, 1), _pick(curp, 1), ids[1])
    pairs = [_equal(a, b, key) for key in ("curp", "rfc", "rfc10")]
    named = _by_name(a, b, threshold) if by_name else _no_pairs()
    pairs.append(named[["i", "j"]])
    found = pd.concat(pairs, ignore_index=True).drop_duplicates(ignore_index=True)
    table = _evidence(a, b, found, set(zip(named["i"], named["j"], strict=True)))
    return _finish(table)


def _pick(columns: tuple[str | None, str | None] | None, side: int) -> str | None:
    return columns[side] if columns is not None else None


def _side(
    frame: pd.DataFrame, side: str, name: str | None, rfc: str | None, curp: str | None, id_col
) -> pd.DataFrame:
    name = name or next((c for c in NAME_COLUMNS if c in frame.columns), None)
    if name is None:
        raise KeyError(MSG["no_name"].format(side=side, wanted=", ".join(NAME_COLUMNS)))
    id_col = id_col or next((c for c in ID_COLUMNS if c in frame.columns), None)
    for column in (name, id_col):
        if column is not None and column not in frame.columns:
            columns = ", ".join(map(str, frame.columns))
            raise KeyError(MSG["missing"].format(side=side, column=column, columns=columns))
    keys = person_keys(
        frame,
        rfc if rfc in frame.columns else None,
        curp if curp in frame.columns else None,
    )
    rows = np.arange(len(frame))
    return pd.DataFrame(
        {
            "id": frame[id_col].to_numpy(dtype=object) if id_col else rows,
            "name": frame[name].astype("object").where(frame[name].notna(), "").to_numpy(),
            "curp": keys["curp"].to_numpy(),
            "rfc": keys["rfc"].to_numpy(),
            "rfc10": keys["rfc10"].to_numpy(),
        }
    )


def _no_pairs() -> pd.DataFrame:
    return pd.DataFrame({"i": np.zeros(0, dtype=np.int64), "j": np.zeros(0, dtype=np.int64)})


def _equal(a: pd.DataFrame, b: pd.DataFrame, key: str) -> pd.DataFrame:
    left = pd.DataFrame({"k": a[key], "i": np.arange(len(a))}).dropna()
    right = pd.DataFrame({"k": b[key], "j": np.arange(len(b))}).dropna()
    return left.merge(right, on="k")[["i", "j"]]


def _by_name(a: pd.DataFrame, b: pd.DataFrame, threshold: float) -> pd.DataFrame:
    left = pd.DataFrame({"row": np.arange(len(a)), "name": a["name"]})
    right = pd.DataFrame({"row": np.arange(len(b)), "name": b["name"]})
    left, right = left[left["name"] != ""], right[right["name"] != ""]
    if left.empty or right.empty:
        return _no_pairs()
    found = link(
        left, right, left_on="name", right_on="name", rfc=None, ids=("row", "row"),
        threshold=threshold,
    )  # fmt: skip
    return pd.DataFrame(
        {"i": found["left_id"].astype(np.int64), "j": found["right_id"].astype(np.int64)}
    )


def _evidence(a: pd.DataFrame, b: pd.DataFrame, found: pd.DataFrame, named: set) -> pd.DataFrame:
    i, j = found["i"].to_numpy(np.int64), found["j"].to_numpy(np.int64)
    table = pd.DataFrame(
        {
            "left_id": a["id"].to_numpy()[i],
            "right_id": b["id"].to_numpy()[j],
            "left_name": a["name"].to_numpy()[i],
            "right_name": b["name"].to_numpy()[j],
            "left_row": i,
            "right_row": j,
        }
    )
    for key in ("curp", "rfc", "rfc10"):
        x, y = a[key].to_numpy()[i], b[key].to_numpy()[j]
        both = pd.notna(x) & pd.notna(y)
        table[f"{key}_equal"] = pd.array(np.where(both, x == y, None), dtype="boolean")
        table[f"aux_{key}"] = x
    table["name_score"] = _scores(a["name"].to_numpy()[i], b["name"].to_numpy()[j])
    table["name_match"] = [(x, y) in named for x, y in zip(i, j, strict=True)]
    table["method"] = np.select(
        [table["curp_equal"].fillna(False), table["rfc_equal"].fillna(False),
         table["rfc10_equal"].fillna(False)],
        ["curp", "rfc", "rfc10"],
        "name",
    )  # fmt: skip
    conflict = table["curp_equal"].eq(False).fillna(False) | table["rfc_equal"].eq(False).fillna(
        False
    )
    weak = table["method"].isin(["rfc10", "name"])
    return table[~(weak & conflict)].reset_index(drop=True)


def _scores(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    if len(left) == 0:
        return np.zeros(0)
    norm_a = normalise_series(pd.Series(left, dtype=object))
    norm_b = normalise_series(pd.Series(right, dtype=object))
    plain = process.cpdist(norm_a["key"].to_numpy(), norm_b["key"].to_numpy(), scorer=fuzz.ratio)
    ordered = process.cpdist(
        norm_a["sorted_key"].to_numpy(), norm_b["sorted_key"].to_numpy(), scorer=fuzz.ratio
    )
    return np.maximum(plain, ordered).round(1)


def _finish(table: pd.DataFrame) -> pd.DataFrame:
    table["evidence"] = [_sentence(row) for row in table.itertuples(index=False)]
    table["aux_strength"] = table["method"].map(_STRENGTH)
    table = table.sort_values(
        ["left_id", "aux_strength", "name_score", "right_id"],
        ascending=[True, True, False, True],
        kind="stable",
        key=lambda column: column.astype(str) if column.name in ("left_id", "right_id") else column,
    )
    ided = table["left_id"].notna() & table["right_id"].notna()
    repeated = ided & table.duplicated(["left_id", "right_id"])
    return table[~repeated][COLUMNS].reset_index(drop=True)


def _state(value: object) -> bool | None:
    """A nullable boolean as True, False or None."""
    return None if value is None or value is pd.NA else bool(value)


def _sentence(row) -> str:
    parts = []
    curp, rfc = _state(row.curp_equal), _state(row.rfc_equal)
    if curp is not None:
        parts.append(MSG["curp"].format(curp=row.aux_curp) if curp else str(MSG["curp_differs"]))
    if rfc is not None:
        parts.append(MSG["rfc"].format(rfc=row.aux_rfc) if rfc else str(MSG["rfc_differs"]))
    if _state(row.rfc10_equal) and not rfc:
        parts.append(MSG["rfc10"].format(rfc10=row.aux_rfc10))
    parts.append(MSG["name"].format(score=row.name_score))
    if row.name_match:
        parts.append(str(MSG["name_match"]))
    return "; ".join(parts)
