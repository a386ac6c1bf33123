"""Everything the ``sanciones`` notebooks load at once: three lists and the procurement suppliers.

``load("sample")`` reads the bundled fictitious lists and the procurement sample. A folder reads
the real downloads laid out as ``ofac/`` (the SDN CSV set), ``sat_69b/`` (one 69-B CSV),
``sfp/`` (the SFP directory, CSV or Excel) and, optionally, ``procurement/`` (OCDS files; the
procurement sample otherwise).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from kit.errors import SourceNotFoundError
from kit.i18n import messages
from kit.procurement.load import ProcurementData
from kit.procurement.load import load as load_procurement
from kit.sanctions.ofac import SdnList, read_sdn
from kit.sanctions.sat69b import read_69b
from kit.sanctions.sfp import read_sfp

__all__ = ["SanctionsData", "load"]

MSG = messages(
    "sanctions_load",
    {
        "missing": (
            "{folder}: falta {what}. Se espera ofac/ (sdn.csv…), sat_69b/ (un .csv) y sfp/ "
            '(un .csv o .xlsx), o usa "sample".',
            "{folder}: {what} is missing. Expected ofac/ (sdn.csv…), sat_69b/ (one .csv) and "
            'sfp/ (one .csv or .xlsx), or use "sample".',
        ),
        "summary": (
            "Listas: {sdn} registros SDN de OFAC ({mx} con RFC o CURP), {sat} filas del 69-B del "
            "SAT, {sfp} sanciones de la SFP; {suppliers} proveedores en {awards} adjudicaciones.",
            "Lists: {sdn} OFAC SDN entries ({mx} with an RFC or CURP), {sat} SAT 69-B rows, "
            "{sfp} SFP sanctions; {suppliers} suppliers in {awards} awards.",
        ),
    },
)


@dataclass(frozen=True, repr=False)
class SanctionsData:
    """The three lists and the procurement data they are linked to."""

    sdn: SdnList
    sat69b: pd.DataFrame
    sfp: pd.DataFrame
    procurement: ProcurementData
    source: str

    @cached_property
    def awards(self) -> pd.DataFrame:
        """One row per supplier and award: who won what, when, from which buyer, for how much."""
        p = self.procurement
        awards = p.awards[["ocid", "award_id", "date", "value_amount", "value_currency"]]
        buyers = p.tenders[["ocid", "buyer_id", "buyer_name"]]
        return (
            p.suppliers.merge(awards, on=["ocid", "award_id"], how="left")
            .merge(buyers, on="ocid", how="left")
            .reset_index(drop=True)
        )

    @cached_property
    def suppliers(self) -> pd.DataFrame:
        """One row per supplier: its RFC, awards won, total amount (MXN) and distinct buyers."""
        awards = self.awards
        mxn = awards["value_amount"].where(awards["value_currency"].eq("MXN"))
        table = (
            awards.assign(monto_mxn=mxn)
            .groupby(["supplier_id"], dropna=False, as_index=False)
            .agg(
                supplier_name=("supplier_name", "first"),  # a supplier may be spelled two ways
                rfc=("rfc", "first"),
                adjudicaciones=("award_id", "nunique"),
                monto_mxn=("monto_mxn", "sum"),
                compradores=("buyer_id", "nunique"),
            )
        )
        return table.sort_values("supplier_id", ignore_index=True)

    def summary(self) -> str:
        mx = self.sdn.ids.loc[self.sdn.ids["kind"].isin(["RFC", "CURP"]), "ent_num"].nunique()
        return MSG["summary"].format(
            sdn=len(self.sdn.entries),
            mx=mx,
            sat=len(self.sat69b),
            sfp=len(self.sfp),
            suppliers=len(self.suppliers),
            awards=self.awards["award_id"].nunique(),
        )

    def __repr__(self) -> str:
        return f"SanctionsData({self.source}): {self.summary()}"

    def _repr_html_(self) -> str:
        return f"<p><strong>{html.escape(self.source)}</strong>: {html.escape(self.summary())}</p>"


def load(source: str | Path = "sample") -> SanctionsData:
    """The lists and the procurement suppliers from ``"sample"`` or a folder of downloads."""
    if str(source) == "sample":
        return SanctionsData(
            read_sdn("sample"), read_69b("sample"), read_sfp("sample"),
            load_procurement("sample"), "sample",
        )  # fmt: skip
    folder = Path(source)
    if not folder.is_dir():
        raise SourceNotFoundError(MSG["missing"].format(folder=folder, what=folder.name))
    sat = _one(folder / "sat_69b", ("*.csv",), folder)
    sfp = _one(folder / "sfp", ("*.csv", "*.xlsx"), folder)
    if not (folder / "ofac").is_dir():
        raise SourceNotFoundError(MSG["missing"].format(folder=folder, what="ofac/"))
    procurement = folder / "procurement"
    return SanctionsData(
        read_sdn(folder / "ofac"),
        read_69b(sat),
        read_sfp(sfp),
        load_procurement(procurement if procurement.is_dir() else "sample"),
        str(folder),
    )


def _one(folder: Path, patterns: tuple[str, ...], root: Path) -> Path:
    found = sorted(path for pattern in patterns for path in folder.glob(pattern))
    if not found:
        what = f"{folder.name}/{' o/or '.join(patterns)}"
        raise SourceNotFoundError(MSG["missing"].format(folder=root, what=what))
    return found[0]
