"""Graded tasks of ``declaraciones/03_intereses_y_patrimonio``: declared interests (S1) that meet
contracts (S6), and wealth that grows beyond declared income.

- A **conflict** is a company in which a declarant (or their partner) declares a participation,
  whose RFC is the RFC of a supplier awarded by the institution where the declarant works (S1
  ``ente_publico`` = the award's ``buyer_name``).
- **Wealth growth**: homes and vehicles in a person's last declaration with assets, acquired
  after their first one, paid in cash (``CONTADO``: a loan does not come out of income), against
  the net income declared in the declarations after the first one.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.check import Frame, Task, TaskSet
from kit.declarations.load import load
from kit.declarations.tasks.compare import KnownSet, Slips
from kit.i18n import Text

__all__ = ["TASKS", "TIMES", "conflicts", "grew_beyond_income", "wealth_growth"]

#: Officials whose cash purchases exceed this many times their declared income are flagged.
TIMES = 3
CONFLICT_KEY = ["curp", "rfc_empresa", "buyer_id"]
ASSET_COLUMNS = ["id", "tipo_operacion", "valor_adquisicion", "fecha_adquisicion", "forma_pago"]


_COMPANY_RFC = {"rfc": "rfc_empresa"}  # the supplier's RFC is the declared company's


def conflicts(data: Any) -> pd.DataFrame:
    """One row per declarant, declared company and own institution that awarded it: amounts."""
    s1 = data.s1
    stakes = s1.companies[s1.companies["tipo_operacion"] != "BAJA"]
    people = s1.declarations[["id", "curp", "nombre_completo", "ente_publico"]]
    stakes = stakes.merge(people, on="id")[
        ["curp", "nombre_completo", "ente_publico", "nombre_empresa", "rfc"]
    ].drop_duplicates()
    stakes = stakes.rename(columns=_COMPANY_RFC)
    awards = data.awards.rename(columns=_COMPANY_RFC | {"buyer_name": "ente_publico"})
    table = stakes.merge(awards, on=["rfc_empresa", "ente_publico"])
    return (
        table.groupby(CONFLICT_KEY, as_index=False)
        .agg(
            nombre_completo=("nombre_completo", "first"),
            nombre_empresa=("nombre_empresa", "first"),
            ente_publico=("ente_publico", "first"),
            adjudicaciones=("award_id", "nunique"),
            monto_mxn=("value_amount", "sum"),
        )
        .sort_values("monto_mxn", ascending=False, ignore_index=True)
    )


def wealth_growth(data: Any, cash_only: bool = True) -> pd.DataFrame:
    """Per person (CURP): assets acquired since the first declaration, income since, their ratio."""
    s1 = data.s1
    assets = pd.concat([s1.real_estate[ASSET_COLUMNS], s1.vehicles[ASSET_COLUMNS]])
    declarations = s1.declarations[["id", "curp", "fecha", "ingreso_neto_declarante_anual_mxn"]]
    with_assets = declarations[declarations["id"].isin(set(assets["id"]))].sort_values("fecha")
    first = with_assets.groupby("curp")["fecha"].min().rename("primera")
    last = with_assets.groupby("curp")["id"].last().rename("id").reset_index()
    later = with_assets.merge(first, on="curp")
    income = (
        later[later["fecha"] > later["primera"]]
        .groupby("curp")["ingreso_neto_declarante_anual_mxn"]
        .sum()
        .rename("ingreso_mxn")
    )
    bought = assets.merge(last, on="id").merge(first, on="curp")
    new = (bought["tipo_operacion"] != "BAJA") & (bought["fecha_adquisicion"] > bought["primera"])
    if cash_only:
        new &= bought["forma_pago"] == "CONTADO"
    acquired = bought[new].groupby("curp")["valor_adquisicion"].sum().rename("adquirido_mxn")
    table = pd.concat([acquired, income], axis=1).fillna({"adquirido_mxn": 0.0})
    table = table[table["ingreso_mxn"] > 0]
    table["veces"] = table["adquirido_mxn"] / table["ingreso_mxn"]
    table.index.name = "curp"
    return table.sort_values("veces", ascending=False).reset_index()


def grew_beyond_income(data: Any) -> KnownSet:
    """CURPs whose cash purchases since their first declaration exceed TIMES their income."""
    cash = wealth_growth(data)
    gross = wealth_growth(data, cash_only=False)
    return KnownSet(
        cash.loc[cash["veces"] > TIMES, "curp"],
        {"credit": gross.loc[gross["veces"] > TIMES, "curp"]},
    )


TASKS = TaskSet(
    "declaraciones-03",
    [
        Task(
            id="conflictos",
            variable="conflictos",
            expected=conflicts,
            compare=Frame(key=CONFLICT_KEY, columns=["monto_mxn"], rel_tol=1e-6),
            points=2,
            hints=[
                Text(
                    "Une las participaciones (`datos.s1.companies`) con las declaraciones "
                    '(`datos.s1.declarations`) por `"id"` para saber quién declaró y dónde '
                    "trabaja (`ente_publico`). Renombra el RFC de la empresa a `rfc_empresa`.",
                    "Join the participations (`datos.s1.companies`) with the declarations "
                    '(`datos.s1.declarations`) on `"id"` to know who declared and where they '
                    "work (`ente_publico`). Rename the company RFC to `rfc_empresa`.",
                ),
                Text(
                    "Une con `datos.awards` por el RFC **y** por la institución: el "
                    "`buyer_name` de la adjudicación debe ser el `ente_publico` del declarante. "
                    "Antes quita las filas repetidas (una persona declara la empresa cada año).",
                    "Join with `datos.awards` on the RFC **and** the institution: the award's "
                    "`buyer_name` must be the declarant's `ente_publico`. Drop repeated rows "
                    "first (a person declares the company every year).",
                ),
                Text(
                    'Agrupa por `["curp", "rfc_empresa", "buyer_id"]` y suma `value_amount` en '
                    "una columna `monto_mxn`; `as_index=False` deja una tabla.",
                    'Group by `["curp", "rfc_empresa", "buyer_id"]` and add up `value_amount` '
                    "into a column `monto_mxn`; `as_index=False` leaves a table.",
                ),
            ],
            title=Text(
                "Tabla de declarantes, empresas declaradas e instituciones propias que las "
                "contrataron.",
                "Table of declarants, declared companies and own institutions that awarded them.",
            ),
        ),
        Task(
            id="patrimonio",
            variable="crecen_mas_que_ingreso",
            expected=grew_beyond_income,
            compare=Slips(),
            points=2,
            hints=[
                Text(
                    "Parte de `crecimiento` (la tabla que construiste): su columna `veces` divide "
                    "lo adquirido entre el ingreso declarado.",
                    "Start from `crecimiento` (the table you built): its column `veces` divides "
                    "what was acquired by the declared income.",
                ),
                Text(
                    f"Quédate con las filas con `veces > {TIMES}` y guarda `set(...)` de su "
                    'columna `"curp"`. Revisa que solo cuentes bienes pagados de contado.',
                    f"Keep the rows with `veces > {TIMES}` and store `set(...)` of their "
                    '`"curp"` column. Check that you count only assets paid in cash.',
                ),
            ],
            title=Text(
                f"Personas cuyas compras de contado superan {TIMES} veces su ingreso declarado.",
                f"People whose cash purchases exceed {TIMES} times their declared income.",
            ),
        ),
    ],
    load=load,
)
