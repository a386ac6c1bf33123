"""Everything the ``declaraciones`` notebooks load at once: S1, S2, S3 and the S6 procurement data.

``load("sample")`` reads the bundled fictitious sample of the Plataforma Digital Nacional (PDN)
systems and the procurement sample whose buyers they work for. A folder reads real downloads
laid out as ``s1/`` (declarations), ``s2/`` (officials in procurement), ``s3_servidores/``,
``s3_particulares/`` (sanctions; JSON files each) and, optionally, ``procurement/`` (OCDS files;
the procurement sample otherwise).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from kit.declarations.s1 import Declarations, read_s1
from kit.declarations.s2 import read_s2
from kit.declarations.s3 import read_s3_particulares, read_s3_servidores
from kit.errors import SourceNotFoundError
from kit.i18n import messages
from kit.procurement.load import ProcurementData
from kit.procurement.load import load as load_procurement

__all__ = ["FOLDERS", "DeclarationsData", "load"]

#: The sub-folders of a folder of real downloads, one per system.
FOLDERS = ("s1", "s2", "s3_servidores", "s3_particulares")

MSG = messages(
    "declarations_load",
    {
        "missing": (
            "{folder}: falta la carpeta {what}/. Se esperan s1/, s2/, s3_servidores/ y "
            's3_particulares/ (archivos JSON de la PDN), o usa "sample".',
            "{folder}: folder {what}/ is missing. Expected s1/, s2/, s3_servidores/ and "
            's3_particulares/ (PDN JSON files), or use "sample".',
        ),
        "summary": (
            "S1: {s1} declaraciones de {people} personas; S2: {s2} registros; S3: {s3s} "
            "servidores y {s3p} particulares sancionados; S6: {awards} adjudicaciones de "
            "{buyers} compradores.",
            "S1: {s1} declarations of {people} people; S2: {s2} records; S3: {s3s} sanctioned "
            "officials and {s3p} sanctioned individuals or companies; S6: {awards} awards of "
            "{buyers} buyers.",
        ),
    },
)


@dataclass(frozen=True, repr=False)
class DeclarationsData:
    """The PDN systems S1, S2, S3 and the procurement data (S6) they are crossed with."""

    s1: Declarations
    s2: pd.DataFrame
    s3_servidores: pd.DataFrame
    s3_particulares: pd.DataFrame
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

    def summary(self) -> str:
        return MSG["summary"].format(
            s1=len(self.s1.declarations),
            people=self.s1.declarations["curp"].nunique(),
            s2=len(self.s2),
            s3s=len(self.s3_servidores),
            s3p=len(self.s3_particulares),
            awards=self.awards["award_id"].nunique(),
            buyers=self.awards["buyer_id"].nunique(),
        )

    def __repr__(self) -> str:
        return f"DeclarationsData({self.source}): {self.summary()}"

    def _repr_html_(self) -> str:
        return f"<p><strong>{html.escape(self.source)}</strong>: {html.escape(self.summary())}</p>"


def load(source: str | Path = "sample") -> DeclarationsData:
    """S1, S2, S3 and the procurement data from ``"sample"`` or a folder of downloads."""
    if str(source) == "sample":
        return DeclarationsData(
            read_s1("sample"), read_s2("sample"), read_s3_servidores("sample"),
            read_s3_particulares("sample"), load_procurement("sample"), "sample",
        )  # fmt: skip
    folder = Path(source)
    files = {name: _one(folder, name) for name in FOLDERS}
    procurement = folder / "procurement"
    return DeclarationsData(
        read_s1(files["s1"]),
        read_s2(files["s2"]),
        read_s3_servidores(files["s3_servidores"]),
        read_s3_particulares(files["s3_particulares"]),
        load_procurement(procurement if procurement.is_dir() else "sample"),
        str(folder),
    )


def _one(root: Path, name: str) -> Path:
    """The first JSON file (``.json`` or ``.json.gz``) of ``root/name``."""
    found = sorted((root / name).glob("*.json")) + sorted((root / name).glob("*.json.gz"))
    if not found:
        raise SourceNotFoundError(MSG["missing"].format(folder=root, what=name))
    return found[0]
