"""Flatten compiled releases into six tidy pandas tables.

One row per process, award, supplier of an award, contract, item and party, joined by ``ocid``
(and ``award_id``/``contract_id``). Real files are messy, so every optional field may be missing
(NA), numbers may arrive as strings and ids as numbers; but a block that has the wrong shape (an
``awards`` that is not a list) is an error, never silently dropped. Rows are gathered as plain
lists and each table is built with one DataFrame constructor, which keeps a few thousand
processes well under a second.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from kit.procurement.read import json_kind

__all__ = [
    "COLUMNS",
    "DATES",
    "FLOATS",
    "INTS",
    "BadShape",
    "add_process",
    "build_tables",
    "frames",
    "new_rows",
    "rfc_of",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "tenders": (
        "ocid", "release_count", "date", "buyer_id", "buyer_name", "tender_id", "title", "status",
        "procurement_method", "procurement_method_details", "main_procurement_category",
        "number_of_tenderers", "tender_start", "tender_end", "value_amount", "value_currency",
        "award_count", "contract_count",
    ),
    "awards": (
        "ocid", "award_id", "status", "date", "title", "value_amount", "value_currency",
        "supplier_count",
    ),
    "suppliers": ("ocid", "award_id", "supplier_id", "supplier_name", "rfc"),
    "contracts": (
        "ocid", "contract_id", "award_id", "status", "date_signed", "period_start", "period_end",
        "value_amount", "value_currency",
    ),
    "items": (
        "ocid", "stage", "parent_id", "item_id", "description", "classification_scheme",
        "classification_id", "quantity", "unit_name", "unit_amount", "unit_currency",
    ),
    "parties": ("ocid", "party_id", "name", "roles", "rfc", "identifier_scheme", "identifier_id"),
}  # fmt: skip
#: Columns of pandas nullable ``Int64``, ``float64`` and UTC datetimes; every other one is text.
INTS = frozenset(
    ["release_count", "number_of_tenderers", "award_count", "contract_count", "supplier_count"]
)
FLOATS = frozenset(["value_amount", "quantity", "unit_amount"])
DATES = frozenset(
    ["date", "tender_start", "tender_end", "date_signed", "period_start", "period_end"]
)

#: Text columns whose values were already trimmed (or made NA) while gathering the rows.
_CLEAN = frozenset(["ocid", "stage", "parent_id", "award_id", "contract_id", "supplier_id"])
_CLEAN |= {"supplier_name", "rfc", "roles", "buyer_id", "buyer_name"}
_RFC_SCHEME = re.compile(r"\bRFC\b|registro\s+federal\s+de\s+contribuyentes", re.IGNORECASE)

Row = list[Any]
Parties = dict[str, dict[str, Any]]


class BadShape(ValueError):
    """A block of a release has the wrong JSON type (``key`` says where, ``kind`` what it is)."""

    def __init__(self, ocid: str, key: str, kind: str) -> None:
        self.ocid, self.key, self.kind = ocid, key, kind
        super().__init__(f"{ocid}: {key} ({kind})")


def build_tables(
    compiled: Sequence[dict[str, Any]], release_counts: Mapping[str, int]
) -> dict[str, pd.DataFrame]:
    """The six tables of ``compiled`` releases, keyed by name (columns in :data:`COLUMNS`).

    Raises:
        BadShape: a block that must be an object or a list of objects is something else.
    """
    rows = new_rows()
    for release in compiled:
        add_process(release, release_counts.get(release["ocid"], 1), rows)
    return frames(rows)


def new_rows() -> dict[str, list[Row]]:
    """Empty rows of every table, to fill with :func:`add_process` and turn into :func:`frames`."""
    return {name: [] for name in COLUMNS}


def frames(rows: Mapping[str, list[Row]]) -> dict[str, pd.DataFrame]:
    """The six typed tables of gathered ``rows`` (batches of them give the same dtypes)."""
    return {name: _frame(name, rows[name]) for name in COLUMNS}


def add_process(release: dict[str, Any], count: int, rows: dict[str, list[Row]]) -> None:
    """Append the rows of one compiled release (``count`` releases read) to ``rows``.

    Raises:
        BadShape: as :func:`build_tables`; ``rows`` may then hold part of this process.
    """
    try:
        _add_process(release, count, rows)
    except _Shape as error:
        raise BadShape(release["ocid"], error.key, error.kind) from None


def _add_process(release: dict[str, Any], count: int, rows: dict[str, list[Row]]) -> None:
    ocid = release["ocid"]
    party_list = _dicts(release, "parties")
    parties = {key: party for party in party_list if (key := _text(party.get("id")))}
    tender = _block(release, "tender")
    awards, contracts = _dicts(release, "awards"), _dicts(release, "contracts")
    rows["tenders"].append(_tender_row(release, tender, parties, count))
    rows["items"].extend(_item_rows(ocid, "tender", None, tender, "tender.items"))
    for award in awards:
        award_id = _text(award.get("id"))
        suppliers = _dicts(award, "suppliers", "awards.suppliers")
        rows["awards"].append(_award_row(ocid, award_id, award, len(suppliers)))
        rows["suppliers"].extend(_supplier_row(ocid, award_id, s, parties) for s in suppliers)
        rows["items"].extend(_item_rows(ocid, "award", award_id, award, "awards.items"))
    for contract in contracts:
        contract_id = _text(contract.get("id"))
        rows["contracts"].append(_contract_row(ocid, contract_id, contract))
        rows["items"].extend(_item_rows(ocid, "contract", contract_id, contract, "contracts.items"))
    rows["parties"].extend(_party_row(ocid, party) for party in party_list)


def _tender_row(
    release: dict[str, Any], tender: dict[str, Any], parties: Parties, count: int
) -> Row:
    buyer_id, buyer_name = _buyer(release, parties)
    period = _dict(tender.get("tenderPeriod"))
    amount, currency = _value(tender.get("value"))
    texts = ("status", "procurementMethod", "procurementMethodDetails", "mainProcurementCategory")
    awards, contracts = release.get("awards") or [], release.get("contracts") or []
    return [
        *(release["ocid"], count, release.get("date"), buyer_id, buyer_name),
        *(tender.get("id"), _text(tender.get("title")) or release.get("title")),
        *(tender.get(key) for key in texts),
        *(_int(tender.get("numberOfTenderers")), period.get("startDate"), period.get("endDate")),
        *(amount, currency, len(awards), len(contracts)),
    ]


def _buyer(release: dict[str, Any], parties: Parties) -> tuple[str | None, str | None]:
    """The buyer's id and name: ``buyer``, else the party with the role buyer."""
    buyer = _block(release, "buyer")
    if not buyer:
        buyer = next((p for p in parties.values() if "buyer" in _roles(p)), {})
    buyer_id = _ref_id(buyer)
    party = parties.get(buyer_id, {}) if buyer_id else {}
    return buyer_id, _text(buyer.get("name")) or _text(party.get("name"))


def _award_row(ocid: str, award_id: str | None, award: dict[str, Any], n_suppliers: int) -> Row:
    amount, currency = _value(award.get("value"))
    status, date, title = award.get("status"), award.get("date"), award.get("title")
    return [ocid, award_id, status, date, title, amount, currency, n_suppliers]


def _supplier_row(ocid: str, award_id: str | None, ref: dict[str, Any], parties: Parties) -> Row:
    supplier_id = _ref_id(ref)
    party = parties.get(supplier_id, {}) if supplier_id else {}
    name = _text(ref.get("name")) or _text(party.get("name"))
    return [ocid, award_id, supplier_id, name, rfc_of(party) or rfc_of(ref)]


def _contract_row(ocid: str, contract_id: str | None, contract: dict[str, Any]) -> Row:
    period = _dict(contract.get("period"))
    amount, currency = _value(contract.get("value"))
    award_id, status = _text(contract.get("awardID")), contract.get("status")
    return [
        *(ocid, contract_id, award_id, status, contract.get("dateSigned")),
        *(period.get("startDate"), period.get("endDate"), amount, currency),
    ]


def _item_rows(
    ocid: str, stage: str, parent: str | None, block: dict[str, Any], where: str
) -> list[Row]:
    rows = []
    for item in _dicts(block, "items", where):
        classification, unit = _dict(item.get("classification")), _dict(item.get("unit"))
        amount, currency = _value(unit.get("value"))
        rows.append([
            *(ocid, stage, parent, item.get("id"), item.get("description")),
            *(classification.get("scheme"), classification.get("id"), item.get("quantity")),
            *(unit.get("name"), amount, currency),
        ])  # fmt: skip
    return rows


def _party_row(ocid: str, party: dict[str, Any]) -> Row:
    identifier = _dict(party.get("identifier"))
    roles = ";".join(sorted(set(_roles(party)))) or None
    return [
        *(ocid, party.get("id"), party.get("name"), roles, rfc_of(party)),
        *(identifier.get("scheme"), identifier.get("id")),
    ]


def rfc_of(organization: Mapping[str, Any]) -> str | None:
    """The RFC of an organization, if one of its identifiers uses an RFC scheme.

    Mexican publishers write the scheme as ``MX-RFC`` or in words ("Registro Federal de
    Contribuyentes de México"); ``additionalIdentifiers`` count too. Upper case, trimmed.
    """
    extra = organization.get("additionalIdentifiers")
    extra = [i for i in extra if isinstance(i, dict)] if isinstance(extra, list) else []
    for identifier in [organization.get("identifier"), *extra]:
        if isinstance(identifier, dict) and _rfc_scheme(str(identifier.get("scheme") or "")):
            value = _text(identifier.get("id"))
            if value:
                return value.upper()
    return None


@lru_cache(maxsize=1024)
def _rfc_scheme(scheme: str) -> bool:
    """Whether a scheme names the RFC (publishers use a handful of schemes: remember them)."""
    return _RFC_SCHEME.search(scheme) is not None


def _frame(name: str, rows: list[Row]) -> pd.DataFrame:
    names = COLUMNS[name]
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    return pd.DataFrame(
        {col: _column(col, values) for col, values in zip(names, columns, strict=True)}
    )


def _column(name: str, values: Sequence[Any]) -> Any:
    """One typed column from raw JSON values (comprehensions: the common case costs no call)."""
    if name in DATES:  # always microseconds (pandas infers the unit from the data otherwise)
        texts = [value if type(value) is str else None for value in values]
        return pd.to_datetime(texts, utc=True, errors="coerce", format="ISO8601").as_unit("us")
    if name in INTS:
        return pd.array(values, dtype="Int64")
    if name in FLOATS:
        numbers = [value if type(value) is float else _float(value) for value in values]
        return pd.array(numbers, dtype="float64")
    if name not in _CLEAN:
        values = [(v.strip() or None) if type(v) is str else _text(v) for v in values]
    return _strings(values)


def _strings(values: Sequence[str | None]) -> Any:
    """A ``string`` array of text or None; built by Arrow directly when that is the storage
    (four times faster than ``pd.array``, same result)."""
    if pd.StringDtype().storage == "pyarrow":
        import pyarrow as pa

        try:
            return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
    return pd.array(values, dtype="string")


def _ref_id(ref: Mapping[str, Any]) -> str | None:
    """An organization reference's id; OCDS 1.0 references only carry ``identifier.id``."""
    return _text(ref.get("id")) or _text(_dict(ref.get("identifier")).get("id"))


def _roles(party: Mapping[str, Any]) -> list[str]:
    roles = party.get("roles")
    return [role for role in map(_text, roles) if role] if isinstance(roles, list) else []


def _value(value: Any) -> tuple[Any, Any]:
    """The raw amount and currency of a Value (a bare number counts as an amount)."""
    if isinstance(value, dict):
        return value.get("amount"), value.get("currency")
    return value, None


def _text(value: Any) -> str | None:
    """Trimmed text; ids that arrive as numbers become text; empty or structured values are NA."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _float(value: Any) -> float | None:
    """A number, also from text such as ``"1,234.50"`` or ``"$ 99"``; anything else is NA."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", "").replace("$", "").strip())
        except ValueError:
            return None
    return None


def _int(value: Any) -> int | None:
    number = _float(value)
    return int(number) if number is not None and number.is_integer() else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class _Shape(Exception):
    def __init__(self, key: str, kind: str) -> None:
        self.key, self.kind = key, kind


def _block(parent: dict[str, Any], key: str) -> dict[str, Any]:
    """``parent[key]`` when it is an object ({} when missing or null); else a shape error."""
    value = parent.get(key)
    if value is None or isinstance(value, dict):
        return value or {}
    raise _Shape(key, json_kind(value))


def _dicts(parent: dict[str, Any], key: str, where: str | None = None) -> list[dict[str, Any]]:
    """``parent[key]`` when it is a list of objects ([] when missing or null); else an error."""
    value = parent.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Shape(where or key, json_kind(value))
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise _Shape(f"{where or key}[{index}]", json_kind(item))
    return value
