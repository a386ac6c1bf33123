"""Graded tasks of ``sanciones/03_enlace_difuso`` and the helpers the notebook builds on.

The notebook links the procurement suppliers to the three lists with
:func:`kit.sanctions.match.link`, first by names alone and then with the RFC as evidence,
measures both against the links planted in the sample (``kit/data/sanctions/truth.json``), and
builds the transparency layer: which linked suppliers won contracts, for how much, from whom::

    from kit.sanctions.tasks import enlace
    enlace.candidates(datos)            # accepted pairs of the three lists, with evidence
    enlace.planted_links(datos)         # the sample's planted truth (empty for other sources)

The planted truth exists only for the sample: with real lists, precision and recall cannot be
measured this way (a person has to review the pairs).
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from kit import data as bundled
from kit.check import Frame, Task, TaskSet, Values
from kit.i18n import Text
from kit.sanctions.load import load
from kit.sanctions.match import link
from kit.sanctions.tasks.compare import SampleMeasure
from kit.sanctions.tasks.rfc_nombres import ofac_rfc_table

__all__ = [
    "KEYS",
    "LISTS",
    "TASKS",
    "THRESHOLD",
    "awards_during_disqualification",
    "candidates",
    "local_day",
    "names_precision",
    "names_recall",
    "ofac_names",
    "planted_links",
    "transparency_layer",
]

#: The lists, as ``lista`` names them (the same names as the sample's truth.json).
LISTS = ("sat_69b", "ofac", "sfp")
#: What identifies a pair: the list, the supplier (``left_id``) and the list's record.
KEYS = ["lista", "left_id", "right_id"]
#: Name score (0-100) of the notebook's tasks.
THRESHOLD = 90
#: Award dates are published in UTC; sanctions are dated in Mexico.
MEXICO = "America/Mexico_City"
TRUTH = "sanctions/truth.json"


def ofac_names(data: Any) -> pd.DataFrame:
    """Every name of the SDN list, entries and aliases, with the entry's RFC when it has one.

    Columns ``ent_num``, ``name``, ``origen`` (``"nombre"`` or ``"alias"``) and ``rfc``
    (missing when the remarks give none; one row per RFC when they give several).
    """
    entries = data.sdn.entries[["ent_num", "name"]].assign(origen="nombre")
    aliases = data.sdn.aliases[["ent_num", "alt_name"]].rename(columns={"alt_name": "name"})
    names = pd.concat([entries, aliases.assign(origen="alias")], ignore_index=True)
    return names.merge(ofac_rfc_table(data), on="ent_num", how="left")


def candidates(data: Any, use_rfc: bool = True, threshold: float = THRESHOLD) -> pd.DataFrame:
    """Pairs of a supplier and a list record accepted by :func:`~kit.sanctions.match.link`.

    Args:
        data: what :func:`kit.sanctions.load.load` returned.
        use_rfc: give ``link`` the RFCs (an equal RFC links, two different valid RFCs refuse a
            name match); ``False`` links by names alone.
        threshold: least name score (0-100) of a name match.

    Returns:
        One row per pair, ``lista`` first, then the columns of ``link`` (``right_id`` is the
        69-B's ``no``, the SDN's ``ent_num`` or the row of ``datos.sfp``). A pair found twice
        (an SDN name and its alias) is kept once, with its best evidence.
    """
    suppliers = data.suppliers
    rfc = ("rfc", "rfc") if use_rfc else None
    parts = {
        "sat_69b": link(
            suppliers, data.sat69b, right_on="nombre", rfc=rfc, ids=("supplier_id", "no"),
            threshold=threshold,
        ),
        "ofac": link(
            suppliers, ofac_names(data), right_on="name", rfc=rfc,
            ids=("supplier_id", "ent_num"), threshold=threshold,
        ),
        "sfp": link(
            suppliers, data.sfp, right_on="proveedor_contratista",
            rfc=("rfc", None) if use_rfc else None, ids=("supplier_id", None), threshold=threshold,
        ),
    }  # fmt: skip
    table = pd.concat(
        [part.assign(lista=name) for name, part in parts.items()], ignore_index=True
    ).astype({"right_id": "Int64"})
    table = table.assign(by_rfc=table["method"].eq("rfc"))
    table = table.sort_values(["by_rfc", "name_score"], ascending=False, kind="stable")
    table = table.drop_duplicates(KEYS).drop(columns="by_rfc")
    table = table.sort_values(KEYS, kind="stable", ignore_index=True)
    return table[["lista", *[c for c in table.columns if c != "lista"]]]


def planted_links(data: Any) -> pd.DataFrame:
    """The pairs planted in the sample: the :data:`KEYS` columns, ``true_link`` and ``kind``.

    ``true_link`` is False for the traps (homonyms, a shared generic RFC). Empty unless ``data``
    is the bundled sample: only the sample has a known truth.
    """
    columns = [*KEYS, "true_link", "kind"]
    if getattr(data, "source", None) != "sample":
        return _typed(pd.DataFrame(columns=columns))
    truth = json.loads(bundled.path(TRUTH).read_text(encoding="utf-8"))
    rows = [
        (item["list"], item["supplier"]["supplier_id"], _record_id(item), item["true_link"],
         item["kind"])
        for item in truth["links"]
    ]  # fmt: skip
    return _typed(pd.DataFrame(rows, columns=columns))


def _record_id(item: dict) -> int:
    """The record's id as :func:`candidates` writes it (the SFP's row numbers start at 1)."""
    record = item["record"]
    if item["list"] == "sat_69b":
        return record["no"]
    if item["list"] == "ofac":
        return record["ent_num"]
    return record["row"] - 1


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype(
        {"lista": "str", "left_id": "str", "right_id": "Int64", "true_link": "bool", "kind": "str"}
    )


def _found(pairs: pd.DataFrame, others: pd.DataFrame) -> pd.Series:
    """For each row of ``pairs``, whether ``others`` has the same pair (merge with indicator)."""
    marked = pairs[KEYS].merge(others[KEYS].drop_duplicates(), on=KEYS, how="left", indicator=True)
    return marked["_merge"].eq("both")


def names_precision(data: Any) -> float:
    """Share of the pairs linked by names alone (at :data:`THRESHOLD`) that are true links.

    NaN without a planted truth (any source but the sample): there is nothing to measure.
    """
    truth = planted_links(data)
    if truth.empty:
        return float("nan")
    return float(_found(candidates(data, use_rfc=False), truth[truth["true_link"]]).mean())


def names_recall(data: Any) -> float:
    """Share of the true links that linking by names alone (at :data:`THRESHOLD`) finds.

    NaN without a planted truth (any source but the sample): there is nothing to measure.
    """
    truth = planted_links(data)
    if truth.empty:
        return float("nan")
    return float(_found(truth[truth["true_link"]], candidates(data, use_rfc=False)).mean())


def transparency_layer(data: Any) -> pd.DataFrame:
    """The suppliers linked (with RFC evidence) to some list, with what they won.

    One row per supplier: the columns of ``data.suppliers`` (awards, amount in MXN, distinct
    buyers) and ``n_listas``, on how many of the three lists it was found.
    """
    per_supplier = candidates(data).groupby("left_id")["lista"].nunique().rename("n_listas")
    return data.suppliers.merge(per_supplier, left_on="supplier_id", right_index=True)


def local_day(dates: pd.Series) -> pd.Series:
    """UTC timestamps as the calendar day in Mexico City (naive, at midnight)."""
    return dates.dt.tz_convert(MEXICO).dt.tz_localize(None).dt.normalize()


def awards_during_disqualification(data: Any) -> set[str]:
    """Awards won by a supplier linked to an SFP sanction, between its start and end dates."""
    links = candidates(data)
    sfp = links.loc[links["lista"].eq("sfp"), ["left_id", "right_id"]]
    periods = sfp.merge(
        data.sfp[["inicio_sancion", "fin_sancion"]], left_on="right_id", right_index=True
    )
    awards = data.awards.assign(dia=local_day(data.awards["date"]))
    awards = awards.merge(periods, left_on="supplier_id", right_on="left_id")
    inside = awards["dia"].ge(awards["inicio_sancion"]) & awards["dia"].le(awards["fin_sancion"])
    return set(awards.loc[inside.fillna(False).astype(bool), "award_id"])


TASKS = TaskSet(
    "sanciones-03",
    [
        Task(
            id="precision_nombres",
            variable="precision_nombres",
            expected=names_precision,
            compare=SampleMeasure(rel_tol=1e-6, kind="proportion"),
            hints=[
                Text(
                    "Une `nombres` con `verdaderos` por las tres columnas de `CLAVE`, con "
                    '`how="left"` e `indicator=True`, como en el ejemplo de juguete.',
                    "Join `nombres` with `verdaderos` on the three columns of `CLAVE`, with "
                    '`how="left"` and `indicator=True`, as in the toy example.',
                ),
                Text(
                    'La columna `_merge` dice `"both"` cuando la pareja es un enlace verdadero. '
                    '`(tabla["_merge"] == "both").mean()` es la proporción.',
                    'Column `_merge` says `"both"` when the pair is a true link. '
                    '`(table["_merge"] == "both").mean()` is the share.',
                ),
            ],
            title=Text(
                "Precisión del enlace solo por nombres (muestra).",
                "Precision of linking by names alone (sample).",
            ),
        ),
        Task(
            id="exhaustividad_nombres",
            variable="exhaustividad_nombres",
            expected=names_recall,
            compare=SampleMeasure(rel_tol=1e-6, kind="proportion"),
            hints=[
                Text(
                    "Ahora al revés: parte de `verdaderos` (los enlaces que existen) y busca "
                    "cada uno en `nombres`.",
                    "Now the other way round: start from `verdaderos` (the links that exist) and "
                    "look for each one in `nombres`.",
                ),
                Text(
                    '`verdaderos.merge(nombres[CLAVE], on=CLAVE, how="left", indicator=True)` y '
                    'la proporción de `"both"` en `_merge`.',
                    '`verdaderos.merge(nombres[CLAVE], on=CLAVE, how="left", indicator=True)` and '
                    'the share of `"both"` in `_merge`.',
                ),
            ],
            title=Text(
                "Exhaustividad del enlace solo por nombres (muestra).",
                "Recall of linking by names alone (sample).",
            ),
        ),
        Task(
            id="capa",
            variable="capa",
            expected=transparency_layer,
            compare=Frame(key=["supplier_id"], columns=["n_listas", "monto_mxn", "compradores"]),
            hints=[
                Text(
                    'Agrupa `enlaces` por `"left_id"` (el proveedor) y cuenta las listas '
                    "**distintas** de cada uno: un proveedor puede salir dos veces en la misma "
                    "lista.",
                    'Group `enlaces` by `"left_id"` (the supplier) and count the **distinct** '
                    "lists of each: a supplier can appear twice on the same list.",
                ),
                Text(
                    '`.groupby("left_id")["lista"].nunique()` da una Serie; ponle nombre con '
                    '`.rename("n_listas")`.',
                    '`.groupby("left_id")["lista"].nunique()` gives a Series; name it with '
                    '`.rename("n_listas")`.',
                ),
                Text(
                    "Únela con `datos.suppliers`: "
                    '`datos.suppliers.merge(serie, left_on="supplier_id", right_index=True)`. '
                    "La unión interna deja solo a los proveedores enlazados.",
                    "Join it with `datos.suppliers`: "
                    '`datos.suppliers.merge(series, left_on="supplier_id", right_index=True)`. '
                    "The inner join keeps only the linked suppliers.",
                ),
            ],
            title=Text(
                "Capa de transparencia: proveedores enlazados, lo que ganaron y de quién.",
                "Transparency layer: linked suppliers, what they won and from whom.",
            ),
            points=2,
        ),
        Task(
            id="durante_inhabilitacion",
            variable="durante_inhabilitacion",
            expected=awards_during_disqualification,
            compare=Values(),
            hints=[
                Text(
                    "Parte de `periodos` (proveedor, inicio y fin de su sanción de la SFP) y "
                    'únelo con `adjudicaciones` por proveedor: `left_on="supplier_id", '
                    'right_on="left_id"`.',
                    "Start from `periodos` (supplier, start and end of its SFP sanction) and "
                    'join it with `adjudicaciones` by supplier: `left_on="supplier_id", '
                    'right_on="left_id"`.',
                ),
                Text(
                    "Compara la columna `dia` con `inicio_sancion` (`>=`) y con `fin_sancion` "
                    "(`<=`), cada condición entre paréntesis y unidas con `&`.",
                    "Compare column `dia` with `inicio_sancion` (`>=`) and with `fin_sancion` "
                    "(`<=`), each condition in parentheses, joined with `&`.",
                ),
                Text(
                    'Filtra las filas y toma `set(...["award_id"])`.',
                    'Filter the rows and take `set(...["award_id"])`.',
                ),
            ],
            title=Text(
                "Adjudicaciones ganadas durante una inhabilitación de la SFP.",
                "Awards won during an SFP disqualification.",
            ),
            points=2,
        ),
    ],
    load=load,
)
