"""Record linkage: which suppliers are on a sanctions list, and on what evidence.

:func:`link` works in two passes, as a careful analyst would:

1. **RFC**: equal joinable RFCs (:func:`kit.sanctions.rfc.is_joinable`: well formed, never the
   generic ``XAXX010101000``) link whatever the names say: a renamed company keeps its RFC.
2. **Names**, for everything else: names normalised by :mod:`kit.sanctions.names` are compared
   with RapidFuzz, but only within **blocks** of records that share something distinctive, never
   all against all: a rare word; the first or last letters of a rare word (a typo spoils only
   one end) or its letters sorted (two letters swapped); two common words together (people's
   names are made of common words); the whole sorted key. Inside each block
   ``rapidfuzz.process.cdist`` scores every pair at once, loosely; the few candidates left are
   scored exactly with ``process.cpdist`` (pairwise, all cores).

A name match needs a name score of at least ``threshold`` and every word of each name within one
edit of a word of the other (long generic words such as MANTENIMIENTO INDUSTRIAL can carry a
high score between two different companies; the brand tells them apart). It is refused when
both sides carry different valid RFCs: two taxpayers with the same name are homonyms, not one.
If one of the two RFCs fails its check digit, it may be a typo of the other, and the names
decide. A word is *common* when its block would hold more than :data:`MAX_BLOCK_PAIRS` pairs
(left rows × right rows): it says too little to be a block on its own.

Every pair keeps its evidence, so a person can check it: a match on a list is a reason to look
closer, never proof.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from kit.i18n import messages
from kit.sanctions import rfc as rfcs
from kit.sanctions.names import normalise_series

__all__ = ["COLUMNS", "link"]

COLUMNS = [
    "left_id",
    "right_id",
    "left_name",
    "right_name",
    "method",
    "rfc_equal",
    "name_score",
    "token_set",
    "words_match",
    "legal_form_equal",
    "rfc_initials_fit",
    "evidence",
]
#: A block whose pairs (left rows × right rows) exceed this is too common to say anything.
MAX_BLOCK_PAIRS = 20_000
_LOOSE = 10  # blocks keep pairs up to this many points under the threshold; exact scores decide

MSG = messages(
    "sanctions.match",
    {
        "missing_column": (
            "la tabla {side} no tiene la columna '{column}' (columnas: {columns})",
            "the {side} table has no column '{column}' (columns: {columns})",
        ),
        "bad_block": (
            "block debe ser 'tokens' o None (sin bloques: todos contra todos), no {value!r}",
            "block must be 'tokens' or None (no blocks: all against all), not {value!r}",
        ),
        "same_rfc": ("mismo RFC {rfc}", "same RFC {rfc}"),
        "name": ("nombre {score:.0f}/100", "name {score:.0f}/100"),
        "order": ("mismas palabras en otro orden", "same words in another order"),
        "rfc_typo": (
            "RFC distinto, uno con dígito verificador inválido (¿error de captura?)",
            "different RFC, one with a wrong check digit (a typo?)",
        ),
        "no_rfc": ("sin RFC que comparar", "no RFC to compare"),
        "form_equal": ("misma forma jurídica ({form})", "same legal form ({form})"),
        "form_differs": (
            "forma jurídica distinta ({left} / {right})",
            "different legal form ({left} / {right})",
        ),
        "words": (
            "alguna palabra no tiene pareja en el otro nombre",
            "some word has no counterpart in the other name",
        ),
        "initials": (
            "el nombre explica {share:.0%} de las letras del RFC",
            "the name explains {share:.0%} of the RFC's letters",
        ),
    },
)


@dataclass(frozen=True)
class _Side:
    """One table, read once: ids, names, normalised names, their words and RFC checks."""

    ids: np.ndarray
    names: np.ndarray
    norm: pd.DataFrame
    rfc: pd.DataFrame | None
    words: pd.DataFrame  # one row per (row, word of the matching key)

    @classmethod
    def read(cls, frame: pd.DataFrame, side: str, name: str, id_col: str | None, rfc: str | None):
        for column in (name, id_col, rfc):
            if column is not None and column not in frame.columns:
                columns = ", ".join(map(str, frame.columns))
                raise KeyError(
                    MSG["missing_column"].format(side=side, column=column, columns=columns)
                )
        ids = frame.index.to_series() if id_col is None else frame[id_col]
        table = pd.DataFrame({"id": ids.to_numpy(), "name": frame[name].to_numpy()})
        table["rfc"] = frame[rfc].to_numpy() if rfc is not None else ""
        table = table.drop_duplicates(ignore_index=True)  # a supplier once per award reads once
        norm = normalise_series(table["name"])
        words = norm["key"].reset_index(drop=True).str.split().explode().dropna()
        words = pd.DataFrame({"row": words.index.to_numpy(), "token": words.to_numpy()})
        checked = rfcs.validate_series(table["rfc"]) if rfc is not None else None
        names = table["name"].to_numpy()
        return cls(table["id"].to_numpy(), names, norm, checked, words.drop_duplicates())

    def column(self, name: str, rows: np.ndarray) -> np.ndarray:
        return self.norm[name].to_numpy()[rows]


def link(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    left_on: str = "supplier_name",
    right_on: str = "name",
    rfc: tuple[str | None, str | None] | None = ("rfc", "rfc"),
    ids: tuple[str | None, str | None] = (None, None),
    threshold: float = 90.0,
    block: str | None = "tokens",
) -> pd.DataFrame:
    """Candidate pairs of records that are the same taxpayer, each with its evidence.

    Rows repeating the same id, name and RFC (a supplier once per award) are read once.

    Args:
        left, right: the two tables (for example suppliers and a sanctions list).
        left_on, right_on: their name columns.
        rfc: their RFC columns; None for a side (or for both) without RFCs.
        ids: their id columns; None uses the table's index.
        threshold: least name score (0-100) for a name match; 90 accepts one typo in a name of
            about ten letters, 85 is looser, 95 stricter.
        block: ``"tokens"`` (default) compares only records that share a block (see the module
            docstring); None compares every pair (slow: for small tables, or to see what the
            blocks miss).

    Returns:
        One row per pair, sorted by ``left_id``: ``left_id``, ``right_id``, ``left_name``,
        ``right_name``, ``method`` (``"rfc"`` or ``"name"``), ``rfc_equal`` (NA unless both
        RFCs are joinable), ``name_score`` (the better of RapidFuzz's ratio on the matching
        keys and on their sorted words), ``token_set`` (token_set_ratio: high when one name
        holds the other's words), ``words_match`` (every word of each matching key has a
        counterpart at most one edit away in the other), ``legal_form_equal`` (NA when a form
        is unknown), ``rfc_initials_fit`` (:func:`kit.sanctions.rfc.name_fits_rfc` of one
        side's name against the other's RFC, NaN without one) and ``evidence`` (a sentence in
        the current language). A name match needs ``name_score >= threshold``, ``words_match``
        and no two different valid RFCs.
    """
    if block not in ("tokens", None):
        raise ValueError(MSG["bad_block"].format(value=block))
    left_rfc, right_rfc = rfc if rfc is not None else (None, None)
    a = _Side.read(left, "left", left_on, ids[0], left_rfc)
    b = _Side.read(right, "right", right_on, ids[1], right_rfc)
    counts = a.words["token"].value_counts().mul(b.words["token"].value_counts(), fill_value=0)
    common = frozenset(counts.index[counts > MAX_BLOCK_PAIRS])
    by_rfc = _rfc_pairs(a, b)
    pairs = np.union1d(by_rfc, _name_candidates(a, b, threshold - _LOOSE, block, common))
    table = _scores(a, b, pairs // len(b.ids), pairs % len(b.ids), np.isin(pairs, by_rfc))
    table = table[(table["method"] == "rfc") | (table["name_score"] >= threshold)].copy()
    keys = zip(a.column("key", table["i"]), b.column("key", table["j"]), strict=True)
    table["words_match"] = [_words_match(x, y) for x, y in keys]
    name_match = table["words_match"] & ~table["aux_conflict"]
    table = _details(a, b, table[(table["method"] == "rfc") | name_match])
    table = table.sort_values(["left_id", "name_score"], ascending=[True, False], kind="stable")
    return table[COLUMNS].reset_index(drop=True)


def _rfc_pairs(a: _Side, b: _Side) -> np.ndarray:
    """Pair codes (left row × len(right) + right row) of equal joinable RFCs."""
    if a.rfc is None or b.rfc is None:
        return np.zeros(0, dtype=np.int64)
    left = pd.DataFrame({"rfc": a.rfc["rfc"].to_numpy(), "i": np.arange(len(a.ids))})
    right = pd.DataFrame({"rfc": b.rfc["rfc"].to_numpy(), "j": np.arange(len(b.ids))})
    joinable = left[a.rfc["joinable"].to_numpy()], right[b.rfc["joinable"].to_numpy()]
    merged = joinable[0].merge(joinable[1], on="rfc")
    return merged["i"].to_numpy(np.int64) * len(b.ids) + merged["j"].to_numpy(np.int64)


def _name_candidates(
    a: _Side, b: _Side, cutoff: float, block: str | None, common: frozenset[str]
) -> np.ndarray:
    """Pair codes whose sorted keys score at least ``cutoff`` within some block."""
    left, right = a.norm["sorted_key"].to_numpy(), b.norm["sorted_key"].to_numpy()
    plain_a, plain_b = a.norm["key"].to_numpy(), b.norm["key"].to_numpy()
    if block is None:
        blocks = iter([(np.flatnonzero(left != ""), np.flatnonzero(right != ""))])
    else:
        blocks = _blocks(_keys(a, common), _keys(b, common))
    found = [np.zeros(0, dtype=np.int64)]
    for rows_a, rows_b in blocks:
        for start in range(0, len(rows_a), 4096):  # bounded memory for big blocks
            chunk = rows_a[start : start + 4096]
            workers = -1 if len(chunk) * len(rows_b) > 50_000 else 1
            scores = [  # sorted words see through order; plain keys, a typo that reorders
                process.cdist(
                    keys[chunk],
                    keys_b[rows_b],
                    scorer=fuzz.ratio,
                    score_cutoff=cutoff,
                    dtype=np.uint8,
                    workers=workers,
                )
                for keys, keys_b in ((left, right), (plain_a, plain_b))
            ]
            i, j = np.nonzero(np.maximum(*scores))
            found.append(chunk[i].astype(np.int64) * len(right) + rows_b[j])
    return np.unique(np.concatenate(found))


def _keys(side: _Side, common: frozenset[str]) -> pd.DataFrame:
    """The (row, block key) pairs of one side: each rare word, its first and last letters (a
    typo spoils one end only) and its letters sorted, each pair of common words (people's
    names are made of common words) and the whole sorted key."""
    is_common = side.words["token"].isin(common)
    rare, usual = side.words[~is_common], side.words[is_common]
    length = rare["token"].str.len().to_numpy()
    keys = [rare.assign(key="w:" + rare["token"])]
    for n in (3, 4):  # the first and last n letters of words of at least n + 2
        ends = rare[length >= n + 2]
        keys += [ends.assign(key=f"p{n}:" + ends["token"].str[:n])]
        keys += [ends.assign(key=f"s{n}:" + ends["token"].str[-n:])]
    letters = rare[length >= 4]  # its letters sorted: two letters swapped across the middle
    keys.append(letters.assign(key=["a:" + "".join(sorted(w)) for w in letters["token"]]))
    both = usual.merge(usual, on="row")
    both = both[both["token_x"] < both["token_y"]]
    keys.append(
        pd.DataFrame({"row": both["row"], "key": "c:" + both["token_x"] + " " + both["token_y"]})
    )
    whole = side.norm["sorted_key"].to_numpy()
    named = np.flatnonzero(whole != "")
    keys.append(pd.DataFrame({"row": named, "key": "k:" + whole[named]}))
    return pd.concat([k[["row", "key"]] for k in keys], ignore_index=True).drop_duplicates()


def _blocks(keys_a: pd.DataFrame, keys_b: pd.DataFrame) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Rows of each block found on both sides and small enough to be informative (a whole
    sorted key is always informative)."""
    codes, uniques = pd.factorize(pd.concat([keys_a["key"], keys_b["key"]], ignore_index=True))
    code_a, code_b = codes[: len(keys_a)], codes[len(keys_a) :]
    count_a = np.bincount(code_a, minlength=len(uniques)).astype(np.int64)
    count_b = np.bincount(code_b, minlength=len(uniques)).astype(np.int64)
    whole = np.asarray(uniques.str.startswith("k:"), dtype=bool)
    small = (count_a * count_b <= MAX_BLOCK_PAIRS) | whole
    rows_a = keys_a["row"].to_numpy()[np.argsort(code_a, kind="stable")]
    rows_b = keys_b["row"].to_numpy()[np.argsort(code_b, kind="stable")]
    start_a, start_b = np.cumsum(count_a) - count_a, np.cumsum(count_b) - count_b
    for k in np.flatnonzero((count_a > 0) & (count_b > 0) & small):
        yield (
            rows_a[start_a[k] : start_a[k] + count_a[k]],
            rows_b[start_b[k] : start_b[k] + count_b[k]],
        )


def _words_match(key_a: str, key_b: str) -> bool:
    """Every word of each key has a counterpart at most one edit away in the other key.

    Two companies can share long generic words (MANTENIMIENTO INDUSTRIAL) and score high on the
    whole name; the one word that differs, their brand or a surname, tells them apart. A typo
    (one letter changed, dropped, added or two swapped) is one edit.
    """
    words_a, words_b = key_a.split(), key_b.split()
    return _covered(words_a, words_b) and _covered(words_b, words_a)


def _covered(words: list[str], others: list[str]) -> bool:
    return all(
        word in others or any(OSA.distance(word, other, score_cutoff=1) <= 1 for other in others)
        for word in words
    )


def _scores(a: _Side, b: _Side, i: np.ndarray, j: np.ndarray, by_rfc: np.ndarray) -> pd.DataFrame:
    """Scores and RFC facts of every candidate pair (vectorised)."""
    key_a, key_b = a.column("key", i), b.column("key", j)
    plain = process.cpdist(key_a, key_b, scorer=fuzz.ratio, workers=-1)
    ordered = process.cpdist(a.column("sorted_key", i), b.column("sorted_key", j), workers=-1)
    form_a, form_b = a.column("legal_form", i), b.column("legal_form", j)
    known = pd.notna(form_a) & pd.notna(form_b)
    table = pd.DataFrame(
        {
            "i": i,
            "j": j,
            "method": np.where(by_rfc, "rfc", "name"),
            "name_score": np.maximum(plain, ordered).round(1),
            "token_set": process.cpdist(key_a, key_b, scorer=fuzz.token_set_ratio, workers=-1),
            "legal_form_equal": pd.array(np.where(known, form_a == form_b, None), dtype="boolean"),
            "aux_reordered": ordered - plain >= 5,
            "aux_form_a": form_a,
            "aux_form_b": form_b,
        }
    )
    table["token_set"] = table["token_set"].round(1)
    return table.join(_rfc_facts(a, b, i, j))


def _rfc_facts(a: _Side, b: _Side, i: np.ndarray, j: np.ndarray) -> pd.DataFrame:
    """``rfc_equal`` (NA without two joinable RFCs) and ``aux_conflict`` (two valid, different)."""
    if a.rfc is None or b.rfc is None:
        none = pd.array([None] * len(i), dtype="boolean")
        return pd.DataFrame({"rfc_equal": none, "aux_conflict": np.zeros(len(i), dtype=bool)})
    rfc_a, rfc_b = a.rfc["rfc"].to_numpy()[i], b.rfc["rfc"].to_numpy()[j]
    both = a.rfc["joinable"].to_numpy()[i] & b.rfc["joinable"].to_numpy()[j]
    valid = a.rfc["check_digit_ok"].to_numpy()[i] & b.rfc["check_digit_ok"].to_numpy()[j]
    equal = rfc_a == rfc_b
    return pd.DataFrame(
        {
            "rfc_equal": pd.array(np.where(both, equal, None), dtype="boolean"),
            "aux_conflict": both & valid & ~equal,
        }
    )


def _details(a: _Side, b: _Side, table: pd.DataFrame) -> pd.DataFrame:
    """Ids, names, the initials feature and the evidence sentence of the kept pairs."""
    i, j = table["i"].to_numpy(), table["j"].to_numpy()
    table = table.assign(
        left_id=a.ids[i], right_id=b.ids[j], left_name=a.names[i], right_name=b.names[j]
    )
    table["rfc_initials_fit"] = _fits(a, b, i, j)
    table["aux_rfc"] = a.rfc["rfc"].to_numpy()[i] if a.rfc is not None else ""
    table["evidence"] = [_sentence(row) for row in table.itertuples(index=False)]
    return table


def _fits(a: _Side, b: _Side, i: np.ndarray, j: np.ndarray) -> list[float]:
    """Each pair's name on one side against the RFC on the other (the right side's first)."""
    no = np.zeros(len(i), dtype=bool)
    right = b.rfc["joinable"].to_numpy()[j] if b.rfc is not None else no
    left = a.rfc["joinable"].to_numpy()[i] & ~right if a.rfc is not None else no
    rfc_b = b.rfc["rfc"].to_numpy()[j] if b.rfc is not None else no
    rfc_a = a.rfc["rfc"].to_numpy()[i] if a.rfc is not None else no
    fits = []
    for k in range(len(i)):
        if right[k]:
            fits.append(rfcs.name_fits_rfc(a.names[i[k]], rfc_b[k]))
        elif left[k]:
            fits.append(rfcs.name_fits_rfc(b.names[j[k]], rfc_a[k]))
        else:
            fits.append(float("nan"))
    return fits


def _sentence(row) -> str:
    """The evidence of one pair, in the current language."""
    parts = [MSG["same_rfc"].format(rfc=row.aux_rfc)] if row.method == "rfc" else []
    parts.append(MSG["name"].format(score=row.name_score))
    if row.aux_reordered:
        parts.append(str(MSG["order"]))
    if row.method == "name":
        parts.append(str(MSG["no_rfc"] if pd.isna(row.rfc_equal) else MSG["rfc_typo"]))
    elif not row.words_match:
        parts.append(str(MSG["words"]))
    if not pd.isna(row.legal_form_equal):
        if row.legal_form_equal:
            parts.append(MSG["form_equal"].format(form=row.aux_form_a))
        else:
            parts.append(MSG["form_differs"].format(left=row.aux_form_a, right=row.aux_form_b))
    if not pd.isna(row.rfc_initials_fit):
        parts.append(MSG["initials"].format(share=row.rfc_initials_fit))
    return "; ".join(parts)
