"""Red flags on a million contracting processes: `kit flags --extended`'s code vs pandas apply.

A national OCDS feed (the federal CompraNet bulk file, PDN System 6) holds about a million
contracting processes. This script builds the kit's six tidy tables at that size directly with
numpy and pandas (seeded; the column names and dtypes of ``kit.procurement.tables``; about 2,000
buyers and 100,000 suppliers with skewed sizes, buyers that favour some suppliers, suppliers that
specialise in a few item segments, open/selective/direct/limited methods), writes them as Parquet
in a temporary folder outside the repository, and then, each in a fresh process (wall time and
peak resident memory), computes:

- kit: every indicator the way ``kit flags --extended`` does
  (``kit.procurement.cardinal.indicators_json`` with ``extended=True``, then ``json.dumps``):
  R003, R018, R048, MX_DIRECT_SHARE, MX_SPLITTING and MX_CONCENTRATION;
- baseline: the same six indicators written the way a participant writes them first, with
  ``DataFrame.apply`` per process and ``groupby(...).apply`` per buyer, supplier or pair. It runs on
  the first ``--baseline-processes`` processes; its time per process is scaled to the full size.

The kit also runs on the baseline's subset, and the two must flag the same processes, buyers and
suppliers (the script says so, or lists what differs). Reading the Parquet files is timed apart.

    python benchmarks/red_flags_full_size.py [--processes 1000000] [--baseline-processes 20000]
        [--small] [--keep] [--folder DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

try:  # the runner's RESULT lines (benchmarks/_result.py), when run from benchmarks/
    from _result import result
except ImportError:  # imported from elsewhere (the tests): the figures are printed only
    result = None

NAME = "red_flags_full_size"
TARGET_SECONDS = 60.0
SEGMENTS = 60  # two-digit item segments (CUCOP-like codes 21… to 80…)
TABLES = ("tenders", "awards", "suppliers", "contracts", "items", "parties")
DAY_US = 86_400 * 1_000_000
START_2018 = np.datetime64("2018-01-01T00:00:00", "us").astype(np.int64)
METHODS = np.array(["open", "selective", "direct", "limited"], dtype=object)
DETAILS = np.array(
    [
        "Licitación Pública",
        "Invitación a cuando menos tres personas",
        "Adjudicación Directa",
        "Adjudicación Directa por Excepción",
    ],
    dtype=object,
)
TITLES = (
    "Adquisición de medicamentos", "Servicio de limpieza", "Mantenimiento de vehículos",
    "Adquisición de papelería", "Servicio de vigilancia", "Obra de pavimentación",
    "Adquisición de equipo de cómputo", "Servicio de impresión", "Arrendamiento de inmuebles",
    "Adquisición de uniformes", "Consultoría", "Adquisición de alimentos",
)  # fmt: skip
UNITS = ("Pieza", "Servicio", "Caja", "Litro", "Metro cuadrado", "Kilogramo")
WORDS = (
    "Grupo", "Comercializadora", "Servicios", "Constructora", "Distribuidora", "Soluciones",
    "Proveedora", "Consorcio", "Industrias", "Tecnología",
)  # fmt: skip
NAMES = (
    "Alfa", "Norte", "Azteca", "Del Valle", "Integral", "Pacífico", "Sierra", "Central", "Omega",
    "Maya", "Vértice", "Nova", "Jade", "Olmeca", "Bajío", "Laguna", "Estrella", "Sol",
)  # fmt: skip
FORMS = ("S.A. de C.V.", "S. de R.L. de C.V.", "S.A.P.I. de C.V.", "S.C.")


def build_tables(processes: int, seed: int = 2025, buyers: int = 0, suppliers: int = 0) -> dict:
    """The six tables for ``processes`` processes, with the kit's columns and dtypes.

    ``buyers`` and ``suppliers`` default to 0.2 % and 10 % of the processes (2,000 and 100,000
    at a million), so smaller runs keep the same density per buyer.
    """
    rng = np.random.default_rng(seed)
    n_buyers = buyers or max(10, round(processes * 0.002))
    n_suppliers = suppliers or max(50, round(processes * 0.1))
    world = _world(rng, n_buyers, n_suppliers)
    tenders, process = _tenders(rng, processes, world)
    awards, award = _awards(rng, tenders, process)
    suppliers_table, supplier_of = _suppliers(rng, award, process, world)
    contracts = _contracts(rng, awards, award)
    per_process = contracts["ocid"].value_counts()
    tenders["contract_count"] = _ints(tenders["ocid"].map(per_process).fillna(0).to_numpy())
    items = _items(rng, process, award, supplier_of, world)
    parties = _parties(tenders, suppliers_table, world, process)
    return {
        "tenders": tenders,
        "awards": awards,
        "suppliers": suppliers_table,
        "contracts": contracts,
        "items": items,
        "parties": parties,
    }


def _text(values: Any) -> pd.Series:
    return pd.Series(values, dtype="string")


def _numbered(prefix: str, numbers: np.ndarray, width: int = 0) -> pd.Series:
    text = pd.Series(numbers, dtype="int64").astype("string")
    return prefix + (text.str.zfill(width) if width else text)


def _dates(microseconds: np.ndarray, missing: np.ndarray | None = None) -> pd.Series:
    values = microseconds.astype("datetime64[us]")
    if missing is not None:
        values[missing] = np.datetime64("NaT")
    return pd.Series(values).dt.tz_localize("UTC")


def _ints(values: np.ndarray, missing: np.ndarray | None = None) -> pd.Series:
    mask = np.zeros(len(values), dtype=bool) if missing is None else missing
    return pd.Series(pd.arrays.IntegerArray(values.astype(np.int64), mask))


def _pick(rng: np.random.Generator, labels: Any, n: int, p: list[float]) -> np.ndarray:
    return np.asarray(labels, dtype=object)[rng.choice(len(p), n, p=np.asarray(p) / sum(p))]


def _world(rng: np.random.Generator, n_buyers: int, n_suppliers: int) -> dict[str, Any]:
    """Buyers and suppliers: names, RFCs, sizes, habits."""
    buyer_rank = np.arange(1, n_buyers + 1)
    buyer_weight = 1 / buyer_rank**0.9
    supplier_weight = 1 / (np.arange(n_suppliers) + 20.0) ** 1.05
    rfc = _rfcs(rng, n_suppliers)
    cn = rng.random(n_suppliers) < 0.15  # a CompraNet id instead of the RFC as OCDS id
    supplier_ids = np.where(cn, "CN-" + np.arange(n_suppliers).astype(str), "MX-RFC-" + rfc)
    supplier_rfc = np.where(cn & (rng.random(n_suppliers) < 0.6), None, rfc)
    names = [
        f"{WORDS[a]} {NAMES[b]} {i}, {FORMS[c]}"
        for i, (a, b, c) in enumerate(
            zip(
                rng.integers(0, len(WORDS), n_suppliers),
                rng.integers(0, len(NAMES), n_suppliers),
                rng.integers(0, len(FORMS), n_suppliers),
                strict=True,
            )
        )
    ]
    buyer_rfc = _rfcs(rng, n_buyers)
    return {
        "buyer_weight": buyer_weight / buyer_weight.sum(),
        "buyer_id": "MX-RFC-" + buyer_rfc,
        "buyer_name": np.array([f"Dependencia {i} de Nueva Galicia" for i in buyer_rank]),
        # the share of a buyer's processes that are direct awards: mean 0.6, some above 0.8
        "buyer_direct": rng.beta(6, 4, n_buyers),
        # 5 % of buyers give most of their awards to one supplier
        "captured": rng.random(n_buyers) < 0.05,
        "favourites": rng.choice(
            n_suppliers, (n_buyers, 40), p=supplier_weight / supplier_weight.sum()
        ),
        "supplier_weight": supplier_weight / supplier_weight.sum(),
        "supplier_id": supplier_ids,
        "supplier_rfc": supplier_rfc,
        "supplier_name": np.array(names, dtype=object),
        # suppliers specialise in one item segment (of 60); 3 % sell anything
        "segment": rng.integers(0, SEGMENTS, n_suppliers),
        "generalist": rng.random(n_suppliers) < 0.03,
    }


def _rfcs(rng: np.random.Generator, n: int) -> np.ndarray:
    """RFC-shaped codes: three letters, a yymmdd date, three characters."""
    letters = rng.integers(65, 91, (n, 3), dtype=np.uint8)
    date = np.column_stack(
        [
            rng.integers(48, 58, (n, 2), dtype=np.uint8),
            rng.choice(np.frombuffer(b"01", np.uint8), (n, 1)),
            rng.integers(49, 58, (n, 1), dtype=np.uint8),
            rng.choice(np.frombuffer(b"012", np.uint8), (n, 1)),
            rng.integers(49, 58, (n, 1), dtype=np.uint8),
        ]
    )
    tail = rng.choice(np.frombuffer(b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789", np.uint8), (n, 3))
    raw = np.ascontiguousarray(np.column_stack([letters, date, tail]))
    return raw.view("S12").ravel().astype(str).astype(object)


def _tenders(rng: np.random.Generator, n: int, world: dict) -> tuple[pd.DataFrame, dict]:
    buyer = rng.choice(len(world["buyer_weight"]), n, p=world["buyer_weight"])
    direct = rng.random(n) < world["buyer_direct"][buyer]
    other = rng.choice([0, 1, 3], n, p=[0.55, 0.33, 0.12])
    method = np.where(direct, 2, other)
    no_method = rng.random(n) < 0.01
    status = _pick(
        rng, ["complete", "active", "cancelled", "unsuccessful", None], n, [88, 7, 3, 1, 1]
    )
    tenderers = np.select(
        [method == 0, method == 1, method == 2],
        [
            np.where(rng.random(n) < 0.2, 1, 2 + rng.poisson(2.5, n)),
            rng.integers(1, 5, n),
            np.ones(n, dtype=np.int64),
        ],
        rng.integers(1, 3, n),
    )
    no_tenderers = (rng.random(n) < 0.04) | ((method == 2) & (rng.random(n) < 0.3))
    start = START_2018 + rng.integers(0, 7 * 365 * DAY_US, n)
    days = np.select(  # open: the legal minimum of 15 days is usually kept
        [method == 0, method == 1, method == 2],
        [
            np.where(rng.random(n) < 0.12, rng.uniform(3, 15, n), 15 + rng.gamma(2, 5, n)),
            rng.gamma(3, 3, n),
            rng.uniform(0, 3, n),
        ],
        rng.gamma(2, 3, n),
    )
    end = start + (days * DAY_US).astype(np.int64)
    no_period = (rng.random(n) < 0.05) | ((method == 2) & (rng.random(n) < 0.3))
    value = np.where(method == 2, rng.lognormal(11.3, 1.2, n), rng.lognormal(13, 1.5, n))
    currency = _pick(rng, ["MXN", "USD", None], n, [97, 2, 1])
    n_awards = rng.choice([0, 1, 2, 3], n, p=[0.04, 0.82, 0.11, 0.03])
    n_awards[status == "cancelled"] = 0
    title = np.asarray(TITLES, dtype=object)[rng.integers(0, len(TITLES), n)]
    number = np.arange(n)
    ocid = _numbered("ocds-bench0-", number, 7)
    tenders = pd.DataFrame(
        {
            "ocid": ocid,
            "release_count": _ints(1 + rng.poisson(0.3, n)),
            "date": _dates(end + rng.integers(1, 30 * DAY_US, n)),
            "buyer_id": _text(world["buyer_id"][buyer]),
            "buyer_name": _text(world["buyer_name"][buyer]),
            "tender_id": _numbered("T-", number, 7),
            "title": _text(title),
            "status": _text(status),
            "procurement_method": _text(np.where(no_method, None, METHODS[method])),
            "procurement_method_details": _text(np.where(no_method, None, DETAILS[method])),
            "main_procurement_category": _text(
                _pick(rng, ["goods", "services", "works"], n, [50, 35, 15])
            ),
            "number_of_tenderers": _ints(tenderers, no_tenderers),
            "tender_start": _dates(start, no_period),
            "tender_end": _dates(end, no_period | (rng.random(n) < 0.01)),
            "value_amount": np.where(rng.random(n) < 0.02, np.nan, np.round(value, 2)),
            "value_currency": _text(currency),
            "award_count": _ints(n_awards),
            "contract_count": _ints(n_awards),  # counted again once contracts are drawn
        }
    )
    process = {"buyer": buyer, "method": method, "end": end, "value": value, "ocid": ocid}
    process.update(n_awards=n_awards, currency=currency, title=title)
    return tenders, process


def _awards(rng: np.random.Generator, tenders: pd.DataFrame, process: dict) -> tuple:
    of = np.repeat(np.arange(len(tenders)), process["n_awards"])
    n = len(of)
    rank = np.arange(n) - np.repeat(
        np.cumsum(process["n_awards"]) - process["n_awards"], process["n_awards"]
    )
    ocid = process["ocid"].take(of).reset_index(drop=True)
    award_id = ocid + "-A" + pd.Series(rank + 1).astype("string")
    date = process["end"][of] + rng.integers(DAY_US // 2, 20 * DAY_US, n)
    share = rng.uniform(0.7, 1.0, n) / process["n_awards"][of]
    value = np.round(process["value"][of] * share, 2)
    supplier_count = rng.choice([1, 2, 3], n, p=[0.93, 0.05, 0.02])
    awards = pd.DataFrame(
        {
            "ocid": ocid,
            "award_id": award_id,
            "status": _text(
                _pick(
                    rng,
                    ["active", None, "cancelled", "unsuccessful", "pending"],
                    n,
                    [90, 5, 2, 2, 1],
                )
            ),
            "date": _dates(date, rng.random(n) < 0.03),
            "title": _text(process["title"][of]),
            "value_amount": np.where(rng.random(n) < 0.02, np.nan, value),
            "value_currency": _text(process["currency"][of]),
            "supplier_count": _ints(supplier_count),
        }
    )
    return awards, {"of": of, "date": date, "supplier_count": supplier_count}


def _suppliers(rng: np.random.Generator, award: dict, process: dict, world: dict) -> tuple:
    of_award = np.repeat(np.arange(len(award["of"])), award["supplier_count"])
    n = len(of_award)
    buyer = process["buyer"][award["of"][of_award]]
    favourite = world["favourites"][buyer, rng.integers(0, 40, n) // rng.integers(1, 6, n)]
    anyone = rng.choice(len(world["supplier_weight"]), n, p=world["supplier_weight"])
    supplier = np.where(rng.random(n) < 0.6, favourite, anyone)
    captor = world["captured"][buyer] & (rng.random(n) < 0.7)
    supplier[captor] = world["favourites"][buyer[captor], 0]
    ocid = process["ocid"].take(award["of"][of_award]).reset_index(drop=True)
    number = np.arange(len(award["of"])) - np.searchsorted(award["of"], award["of"], side="left")
    award_ids = ocid + "-A" + pd.Series(number[of_award] + 1).astype("string")
    table = pd.DataFrame(
        {
            "ocid": ocid,
            "award_id": award_ids,
            "supplier_id": _text(world["supplier_id"][supplier]),
            "supplier_name": _text(world["supplier_name"][supplier]),
            "rfc": _text(world["supplier_rfc"][supplier]),
        }
    )
    first = np.full(len(award["of"]), -1)
    first[of_award[::-1]] = supplier[::-1]
    return table, first


def _contracts(rng: np.random.Generator, awards: pd.DataFrame, award: dict) -> pd.DataFrame:
    keep = ~awards["status"].isin(["cancelled", "unsuccessful", "pending"]).to_numpy(bool)
    index = np.flatnonzero(keep)
    n = len(index)
    signed = award["date"][index] + rng.integers(0, 10 * DAY_US, n)
    begin = signed + rng.integers(0, 15 * DAY_US, n)
    return pd.DataFrame(
        {
            "ocid": awards["ocid"].take(index).reset_index(drop=True),
            "contract_id": awards["award_id"].take(index).reset_index(drop=True) + "-C",
            "award_id": awards["award_id"].take(index).reset_index(drop=True),
            "status": _text(_pick(rng, ["active", "terminated", None], n, [70, 25, 5])),
            "date_signed": _dates(signed, rng.random(n) < 0.05),
            "period_start": _dates(begin),
            "period_end": _dates(begin + rng.integers(30 * DAY_US, 365 * DAY_US, n)),
            "value_amount": awards["value_amount"].take(index).reset_index(drop=True),
            "value_currency": awards["value_currency"].take(index).reset_index(drop=True),
        }
    )


def _items(rng, process: dict, award: dict, supplier_of: np.ndarray, world: dict) -> pd.DataFrame:
    """Tender items per process; each award repeats its process's items (CUCOP-like codes)."""
    n_processes = len(process["buyer"])
    # the segment of a process: its first supplier's; a random one for generalists and 3 %
    segment = rng.integers(0, SEGMENTS, n_processes)
    first_award = np.full(n_processes, -1)
    first_award[award["of"][::-1]] = np.arange(len(award["of"]))[::-1]
    has = first_award >= 0
    chosen = supplier_of[first_award[has]]
    home = np.where(
        world["generalist"][chosen] | (rng.random(len(chosen)) < 0.03),
        rng.integers(0, SEGMENTS, len(chosen)),
        world["segment"][chosen],
    )
    segment[has] = home
    count = rng.choice([1, 2, 3, 4], n_processes, p=[0.5, 0.3, 0.15, 0.05])
    of = np.repeat(np.arange(n_processes), count)
    m = len(of)
    item_no = np.arange(m) - np.repeat(np.cumsum(count) - count, count)
    code = (21 + segment[of]) * 1_000_000 + rng.integers(100, 999, m) * 1_000 + item_no
    no_code = rng.random(m) < 0.03
    # award items: the tender items again, once per award of the process
    per_process_start = np.cumsum(count) - count
    award_count = count[award["of"]]
    a_rows = np.repeat(np.arange(len(award["of"])), award_count)
    a_item = np.arange(len(a_rows)) - np.repeat(np.cumsum(award_count) - award_count, award_count)
    source = per_process_start[award["of"][a_rows]] + a_item
    rows = np.concatenate([np.arange(m), source])
    stage = np.concatenate([np.zeros(m, dtype=bool), np.ones(len(source), dtype=bool)])
    award_rank = np.arange(len(award["of"])) - np.searchsorted(award["of"], award["of"])
    ocid = process["ocid"].take(of[rows]).reset_index(drop=True)
    parent = pd.Series(pd.NA, index=range(len(rows)), dtype="string")
    parent[m:] = (
        ocid[m:].reset_index(drop=True) + "-A" + pd.Series(award_rank[a_rows] + 1).astype("string")
    ).to_numpy()
    codes = pd.Series(code[rows]).astype("string").mask(no_code[rows])
    k = len(rows)
    return pd.DataFrame(
        {
            "ocid": ocid,
            "stage": _text(np.where(stage, "award", "tender")),
            "parent_id": parent,
            "item_id": pd.Series(item_no[rows] + 1).astype("string"),
            "description": "Artículo " + codes.fillna("sin clave"),
            "classification_scheme": _text(np.where(no_code[rows], None, "CUCOP")),
            "classification_id": codes,
            "quantity": rng.integers(1, 5_000, k).astype(float),
            "unit_name": _text(np.asarray(UNITS, dtype=object)[rng.integers(0, len(UNITS), k)]),
            "unit_amount": np.round(rng.lognormal(5, 1.5, k), 2),
            "unit_currency": _text(np.full(k, "MXN", dtype=object)),
        }
    )


def _parties(
    tenders: pd.DataFrame, suppliers: pd.DataFrame, world: dict, process: dict
) -> pd.DataFrame:
    buyer_rfc = tenders["buyer_id"].str.removeprefix("MX-RFC-")
    buyers = pd.DataFrame(
        {
            "ocid": tenders["ocid"],
            "party_id": tenders["buyer_id"],
            "name": tenders["buyer_name"],
            "roles": _text(np.full(len(tenders), "buyer;procuringEntity", dtype=object)),
            "rfc": buyer_rfc,
            "identifier_scheme": _text(np.full(len(tenders), "MX-RFC", dtype=object)),
            "identifier_id": buyer_rfc,
        }
    )
    sellers = suppliers.drop_duplicates(["ocid", "supplier_id"])
    sellers = pd.DataFrame(
        {
            "ocid": sellers["ocid"],
            "party_id": sellers["supplier_id"],
            "name": sellers["supplier_name"],
            "roles": _text(np.full(len(sellers), "supplier", dtype=object)),
            "rfc": sellers["rfc"],
            "identifier_scheme": _text(np.where(sellers["rfc"].isna(), "MX-CPA", "MX-RFC")),
            "identifier_id": sellers["rfc"].fillna(sellers["supplier_id"]),
        }
    )
    return pd.concat([buyers, sellers], ignore_index=True)


# Parquet files: written once by the parent, read by each fresh process -------------------------


def write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> None:
    """Each table as Parquet, and its dtypes (Parquet keeps most, not every resolution)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_parquet(folder / f"{name}.parquet", index=False)
    dtypes = {name: table.dtypes.astype(str).to_dict() for name, table in tables.items()}
    (folder / "dtypes.json").write_text(json.dumps(dtypes), encoding="utf-8")


def read_tables(folder: Path, limit: int | None = None) -> dict[str, pd.DataFrame]:
    """The tables as the kit holds them in memory; ``limit``: only the first processes (the
    other tables are filtered while reading, so memory is that of the subset)."""
    dtypes = json.loads((folder / "dtypes.json").read_text(encoding="utf-8"))
    tables: dict[str, pd.DataFrame] = {}
    kept = None
    for name in TABLES:
        filters = None if kept is None else [("ocid", "in", kept)]
        table = pd.read_parquet(folder / f"{name}.parquet", filters=filters)
        if name == "tenders" and limit is not None:
            table = table.iloc[:limit].reset_index(drop=True)
            kept = table["ocid"].tolist()
        for column, dtype in dtypes[name].items():
            if str(table[column].dtype) != dtype:
                table[column] = table[column].astype(dtype)
        tables[name] = table
    return tables


# The kit: what `kit flags --extended` computes --------------------------------------------------


def kit_flags(tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """``kit flags --extended``'s result: Cardinal's JSON object with the ``Extended`` key."""
    from types import SimpleNamespace

    from kit.procurement.cardinal import Settings, indicators_json

    result = indicators_json(SimpleNamespace(**tables), Settings(extended=True))
    json.dumps(result, ensure_ascii=False, separators=(",", ":"))  # what the command prints
    return result


def kit_summary(result: dict[str, Any]) -> dict[str, dict[str, float]]:
    """``{code: {id: value}}`` from the kit's JSON (OCID, Buyer and Tenderer groups)."""
    out: dict[str, dict[str, float]] = {}
    for section in (result, result.get("Extended", {})):
        for group in ("OCID", "Buyer", "Tenderer"):
            for key, codes in section.get(group, {}).items():
                for code, value in codes.items():
                    out.setdefault(f"{code}/{group}", {})[key] = value
    return out


# The baseline: the same indicators as a participant writes them first --------------------------

NOT_AWARDED = ("cancelled", "unsuccessful", "pending")


def baseline_flags(
    tables: dict[str, pd.DataFrame], details: bool = False
) -> dict[str, dict[str, float]]:
    """The six indicators with ``apply`` per process and ``groupby().apply`` per group.

    Returns ``{"CODE/Group": {id: value}}`` for what is flagged, as :func:`kit_summary`; with
    ``details``, also every supplier's processes and variety and every buyer's direct share
    and HHI (keys ending in ``/all``), flagged or not.
    """
    tenders, awards = tables["tenders"], tables["awards"]
    suppliers, contracts, items = tables["suppliers"], tables["contracts"], tables["items"]
    out: dict[str, dict[str, float]] = {}
    live = tenders[tenders["status"].fillna("") != "cancelled"]

    def short_period(row: pd.Series) -> bool:
        if pd.isna(row["tender_start"]) or pd.isna(row["tender_end"]):
            return False
        return int((row["tender_end"] - row["tender_start"]).total_seconds() / 86_400) < 15

    r003 = live[live.apply(short_period, axis=1).astype(bool)] if len(live) else live
    out["R003/OCID"] = dict.fromkeys(r003["ocid"], 1.0)

    def single_bid(row: pd.Series) -> bool:
        method, count = row["procurement_method"], row["number_of_tenderers"]
        competitive = isinstance(method, str) and method in ("open", "selective")
        return competitive and not pd.isna(count) and count == 1

    r018 = live[live.apply(single_bid, axis=1).astype(bool)] if len(live) else live
    out["R018/OCID"] = dict.fromkeys(r018["ocid"], 1.0)
    varieties = _baseline_varieties(tenders, awards, suppliers, items)
    out["R048/Tenderer"] = _baseline_r048(varieties)

    def direct_share(group: pd.DataFrame) -> float:
        known = group["procurement_method"].notna().sum()
        return (group["procurement_method"] == "direct").sum() / known if known else np.nan

    shares = live.dropna(subset=["buyer_id"]).groupby("buyer_id").apply(direct_share)
    out["MX_DIRECT_SHARE/Buyer"] = shares[shares > 0.8].to_dict()
    cancelled = set(tenders.loc[tenders["status"] == "cancelled", "ocid"])
    awarded = awards[~awards["status"].isin(NOT_AWARDED) & ~awards["ocid"].isin(cancelled)]
    process = tenders[["ocid", "buyer_id", "procurement_method"]].drop_duplicates("ocid")
    awarded = awarded.merge(process, on="ocid", how="left")
    splits, groups = _baseline_splitting(awarded, suppliers, contracts)
    out["MX_SPLITTING/OCID"] = dict.fromkeys(splits, 1.0)
    out["MX_SPLITTING/Buyer"] = groups
    hhis = _baseline_concentration(awarded, suppliers)
    out["MX_CONCENTRATION/Buyer"] = hhis[hhis > 0.25].to_dict()
    if details:
        out["R048 processes/all"] = varieties["processes"].astype(float).to_dict()
        out["R048 variety/all"] = varieties["variety"].astype(float).to_dict()
        out["MX_DIRECT_SHARE/all"] = shares.dropna().to_dict()
        out["MX_CONCENTRATION/all"] = hhis.dropna().to_dict()
    return {code: values for code, values in out.items() if values}


def _supplier_key(frame: pd.DataFrame) -> pd.Series:
    rfc = frame["rfc"].str.strip().str.upper()
    return rfc.mask(rfc == "").fillna(frame["supplier_id"])


def _baseline_varieties(tenders, awards, suppliers, items) -> pd.DataFrame:
    """Per supplier id: processes and variety of its single-supplier active award items."""
    cancelled = set(tenders.loc[tenders["status"] == "cancelled", "ocid"])
    listed = suppliers.groupby(["ocid", "award_id"]).size().rename("listed").reset_index()
    awards = awards.merge(listed, on=["ocid", "award_id"], how="left")
    count = awards["supplier_count"].astype("Float64").fillna(awards["listed"].astype("Float64"))
    single = awards[
        (awards["status"] == "active").fillna(False)
        & (count == 1).fillna(False)
        & ~awards["ocid"].isin(cancelled)
    ]
    award_items = items[(items["stage"] == "award").fillna(False)].dropna(
        subset=["classification_id"]
    )
    rows = (
        single[["ocid", "award_id"]]
        .merge(suppliers.dropna(subset=["supplier_id"]), on=["ocid", "award_id"])
        .merge(award_items.rename(columns={"parent_id": "award_id"}), on=["ocid", "award_id"])
    )
    if rows.empty:
        return pd.DataFrame({"processes": [], "variety": []})

    def profile(group: pd.DataFrame) -> pd.Series:
        return pd.Series(
            {
                "processes": group["ocid"].nunique(),
                "variety": group["classification_id"].str[:2].nunique(),
            }
        )

    return rows.groupby("supplier_id").apply(profile)


def _baseline_r048(per_supplier: pd.DataFrame) -> dict[str, float]:
    eligible = per_supplier[per_supplier["processes"] >= 20]
    if eligible.empty:
        return {}
    q1, q3 = np.quantile(eligible["variety"], [0.25, 0.75], method="median_unbiased")
    flagged = eligible[eligible["variety"] >= q3 + 1.5 * (q3 - q1)]
    return flagged["variety"].astype(float).to_dict()


def _baseline_splitting(awarded, suppliers, contracts) -> tuple[list[str], dict[str, float]]:
    rows = awarded[
        (awarded["procurement_method"] == "direct").fillna(False)
        & (awarded["value_currency"] == "MXN").fillna(False)
        & (awarded["value_amount"] < 300_000).fillna(False)
        & awarded["buyer_id"].notna()
    ]
    rows = rows.merge(suppliers, on=["ocid", "award_id"])
    rows = rows[rows.groupby(["ocid", "award_id"])["ocid"].transform("size") == 1]
    signed = contracts.groupby(["ocid", "award_id"], as_index=False)["date_signed"].min()
    rows = rows.merge(signed, on=["ocid", "award_id"], how="left")
    rows = rows.assign(when=rows["date"].fillna(rows["date_signed"]), key=_supplier_key(rows))
    rows = rows.dropna(subset=["when", "key"])
    window = pd.Timedelta(days=30)

    def windows(group: pd.DataFrame) -> pd.Series:
        group = group.sort_values("when", kind="stable")
        dates, values = list(group["when"]), list(group["value_amount"])
        ocids, start, found, groups, reach = list(group["ocid"]), 0, set(), 0, -1
        for end in range(len(dates)):
            while dates[end] - dates[start] > window:
                start += 1
            if end - start + 1 >= 2 and round(sum(values[start : end + 1]) * 100) > 30_000_000:
                found.update(ocids[start : end + 1])
                groups += start > reach
                reach = end
        return pd.Series({"ocids": found, "groups": groups})

    if rows.empty:
        return [], {}
    per_pair = rows.groupby(["buyer_id", "key"]).apply(windows)
    ocids = sorted(set().union(*per_pair["ocids"]))
    per_buyer = per_pair.groupby(level="buyer_id")["groups"].sum()
    return ocids, per_buyer[per_buyer > 0].astype(float).to_dict()


def _baseline_concentration(awarded, suppliers) -> pd.Series:
    """Each buyer's HHI (NaN without value in MXN)."""
    rows = awarded.merge(suppliers, on=["ocid", "award_id"]).dropna(subset=["buyer_id"])
    rows["value"] = rows["value_amount"] / rows.groupby(["ocid", "award_id"])["ocid"].transform(
        "size"
    )
    rows["key"] = _supplier_key(rows)
    counted = rows[(rows["value_currency"] == "MXN").fillna(False) & rows["value_amount"].notna()]
    if counted.empty:
        return pd.Series(dtype=float)

    def hhi(group: pd.DataFrame) -> float:
        per_supplier = group.groupby("key")["value"].sum()
        total = per_supplier.sum()
        return float(((per_supplier / total) ** 2).sum()) if total > 0 else np.nan

    return counted.groupby("buyer_id").apply(hhi)


def compare(kit: dict[str, dict[str, float]], baseline: dict[str, dict[str, float]]) -> list[str]:
    """What the two disagree on: ids flagged by one only, or values that differ."""
    problems = []
    for code in sorted(set(kit) | set(baseline)):
        mine, theirs = kit.get(code, {}), baseline.get(code, {})
        only_kit, only_base = set(mine) - set(theirs), set(theirs) - set(mine)
        if only_kit or only_base:
            problems.append(
                f"{code}: kit only {sorted(only_kit)[:5]} ({len(only_kit)}), "
                f"baseline only {sorted(only_base)[:5]} ({len(only_base)})"
            )
        off = [k for k in set(mine) & set(theirs) if not np.isclose(mine[k], theirs[k])]
        if off:
            problems.append(f"{code}: {len(off)} values differ, e.g. {off[0]}")
    return problems


# Fresh processes ---------------------------------------------------------------------------------


def probe(kind: str, folder: Path, limit: int | None, out: Path) -> None:
    """Run in a fresh interpreter: read the tables, compute, write figures (and flags) to JSON."""
    start = time.perf_counter()
    tables = read_tables(folder, limit)
    read_seconds = time.perf_counter() - start
    loaded_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    flags = kit_summary(kit_flags(tables)) if kind == "kit" else baseline_flags(tables)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "processes": len(tables["tenders"]),
        "read_seconds": read_seconds,
        "seconds": seconds,
        "loaded_peak_mib": loaded_peak,
        "peak_mib": peak,
        "flagged": {code: len(values) for code, values in flags.items()},
    }
    if limit is not None:
        figures["flags"] = flags
    out.write_text(json.dumps(figures), encoding="utf-8")


def measure(kind: str, folder: Path, limit: int | None = None) -> dict[str, Any]:
    out = folder / f"result-{kind}-{limit or 'all'}.json"
    command = [sys.executable, __file__, "--probe", kind, "--folder", str(folder)]
    if limit is not None:
        command += ["--limit", str(limit)]
    subprocess.run([*command, "--out", str(out)], check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def _results(kit: dict[str, Any], base: dict[str, Any] | None) -> None:
    """The headline figures as ``RESULT`` lines for ``benchmarks/run_all.py``."""
    if result is None:
        return
    scale = f"{kit['processes']:,} processes"
    estimate = base["seconds"] / base["processes"] * kit["processes"] if base else None
    name = f"pandas apply per process and group (run on {base['processes']:,}, scaled)"
    result(NAME, "red flags (kit flags --extended), wall time", kit=kit["seconds"],
           baseline=estimate, unit="s", baseline_name=name if base else "",
           target=f"<= {TARGET_SECONDS:.0f} s", passed=kit["seconds"] <= TARGET_SECONDS,
           scale=scale, read_seconds=round(kit["read_seconds"], 2))  # fmt: skip
    result(NAME, "red flags (kit flags --extended), peak memory", kit=kit["peak_mib"],
           baseline=None, unit="MiB", baseline_name="", scale=scale,
           after_reading_mib=round(kit["loaded_peak_mib"]))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=1_000_000)
    parser.add_argument("--baseline-processes", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--small", action="store_true", help="20,000 processes, baseline 5,000")
    parser.add_argument("--folder", type=Path, help="where to write the tables (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the Parquet files")
    parser.add_argument("--no-baseline", action="store_true", help="time the kit only")
    parser.add_argument("--probe", choices=["kit", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        probe(args.probe, args.folder, args.limit, args.out)
        return 0
    if args.small:
        args.processes, args.baseline_processes = 20_000, 5_000
    subset = min(args.baseline_processes, args.processes)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="red-flags-full-"))
    try:
        start = time.perf_counter()
        tables = build_tables(args.processes, args.seed)
        rows = ", ".join(f"{name} {len(table):,}" for name, table in tables.items())
        write_tables(tables, folder)
        del tables
        size = sum(f.stat().st_size for f in folder.glob("*.parquet")) / 2**20
        print(f"tables: {rows} ({size:.0f} MiB of Parquet in {folder}, "
              f"{time.perf_counter() - start:.0f} s to build)")  # fmt: skip
        print(f"machine: {os.cpu_count()} cores, {platform.platform()}, "
              f"Python {platform.python_version()}, pandas {pd.__version__}, "
              f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
        kit = measure("kit", folder)
        print(
            f"kit flags --extended  {kit['processes']:>9,} processes: {kit['seconds']:7.1f} s "
            f"({kit['seconds'] / kit['processes'] * 1e6:6.1f} µs/process), peak memory "
            f"{kit['peak_mib']:,.0f} MiB ({kit['loaded_peak_mib']:,.0f} MiB after reading the "
            f"tables in {kit['read_seconds']:.1f} s)"
        )
        print("  flagged: " + ", ".join(f"{c} {n:,}" for c, n in sorted(kit["flagged"].items())))
        verdict = "PASS" if kit["seconds"] <= TARGET_SECONDS else "MISS"
        if args.no_baseline:
            print(f"kit {kit['seconds']:.1f} s vs target {TARGET_SECONDS:.0f} s: {verdict}")
            _results(kit, None)
            return 0
        kit_part = measure("kit", folder, subset)
        base = measure("baseline", folder, subset)
        rate = base["seconds"] / base["processes"]
        estimate = rate * kit["processes"]
        print(
            f"baseline (apply)      {base['processes']:>9,} processes: {base['seconds']:7.1f} s "
            f"({rate * 1e6:6.1f} µs/process), peak memory {base['peak_mib']:,.0f} MiB; "
            f"kit on the same subset {kit_part['seconds']:.2f} s"
        )
        problems = compare(kit_part["flags"], base["flags"])
        agree = "yes" if not problems else "NO\n  " + "\n  ".join(problems)
        print(f"same flags on the subset ({subset:,} processes): {agree}")
        scaled = "" if base["processes"] == kit["processes"] else " (scaled per process)"
        print(f"baseline at {kit['processes']:,} processes{scaled}: {estimate:.1f} s")
        print(f"ratio baseline / kit: {estimate / kit['seconds']:.1f}")
        print(f"kit {kit['seconds']:.1f} s vs target {TARGET_SECONDS:.0f} s: {verdict}")
        _results(kit, base)
        return 0 if not problems else 1
    finally:
        if not args.keep and not args.folder:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
