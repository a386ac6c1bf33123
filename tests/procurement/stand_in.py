"""Small hand-written tables shaped exactly like ``load()``'s, for indicator tests."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kit.procurement.tables import COLUMNS, DATES


@dataclass(frozen=True)
class Tables:
    """Stand-in for ``kit.procurement.load.ProcurementData`` with the same table columns."""

    tenders: pd.DataFrame
    awards: pd.DataFrame
    suppliers: pd.DataFrame
    contracts: pd.DataFrame
    items: pd.DataFrame
    parties: pd.DataFrame
    compiled: tuple = ()
    source: str = "test"
    n_releases: int = 0
    n_processes: int = 0


def tables(**rows: list[dict]) -> Tables:
    """Tables from lists of row dicts; missing fields are missing values, dates become UTC."""
    frames = {}
    for name, columns in COLUMNS.items():
        frame = pd.DataFrame(rows.get(name, []), columns=list(columns))
        for column in DATES & set(columns):
            frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
        if "value_amount" in frame:
            frame["value_amount"] = frame["value_amount"].astype(float)
        frames[name] = frame
    tenders = frames["tenders"]
    tenders["number_of_tenderers"] = tenders["number_of_tenderers"].astype("Int64")
    return Tables(**frames, n_processes=len(tenders))
