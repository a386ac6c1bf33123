"""From the jury's sheet to a tidy table of valid scores, and a warning for everything left out.

Each check drops the rows it cannot trust and says which rows and why: a ranking must never be
silently wrong, and organizers need to know what to fix before announcing it. Rows that pass
every check form :attr:`Scores.table`: one row per juror, team and criterion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kit.organizer.jury.files import CONFLICT_COLUMNS, SCORE_COLUMNS, read_sheet
from kit.organizer.jury.issues import JuryWarning
from kit.organizer.jury.keys import fold
from kit.organizer.jury.rubric import Rubric

__all__ = ["Scores", "check_scores", "parse_score", "read_conflicts", "read_scores"]

_NO_CONFLICTS = pd.DataFrame({"row": [], "juror": [], "team": []})


@dataclass
class Scores:
    """Valid scores (``row, juror, team, criterion, score``; criterion = rubric id) + warnings."""

    table: pd.DataFrame
    warnings: list[JuryWarning] = field(default_factory=list)
    source: str = ""


def read_scores(path: str | Path, rubric: Rubric, conflicts: str | Path | None = None) -> Scores:
    """Read a scores sheet (CSV or .xlsx) and, if given, the list of conflicts of interest."""
    pairs = read_conflicts(conflicts) if conflicts is not None else _NO_CONFLICTS
    source = str(conflicts) if conflicts is not None else ""
    return check_scores(read_sheet(path, SCORE_COLUMNS), rubric, pairs, str(path), source)


def read_conflicts(path: str | Path) -> pd.DataFrame:
    """Pairs (juror, team) that may not count: a juror who advised or knows a team, say."""
    return read_sheet(path, CONFLICT_COLUMNS)


def check_scores(
    sheet: pd.DataFrame,
    rubric: Rubric,
    conflicts: pd.DataFrame = _NO_CONFLICTS,
    source: str = "",
    conflicts_source: str = "",
) -> Scores:
    """Keep the scores that can be used; explain every one that cannot (see the module doc)."""
    warnings: list[JuryWarning] = []
    frame = _complete(sheet, warnings)
    frame = _same_names(frame, warnings)
    frame = _without_conflicts(frame, conflicts, conflicts_source, warnings)
    frame = _numeric(frame, warnings)
    frame = _known_criteria(frame, rubric, warnings)
    frame = _in_scale(frame, rubric, warnings)
    frame = _deduplicated(frame, warnings)
    table = frame[["row", "juror", "team", "criterion", "score"]].reset_index(drop=True)
    warnings += _gaps(table, rubric, conflicts)
    return Scores(table, warnings, source)


def parse_score(text: str) -> float | None:
    """The number in a score cell (``4``, ``4.5`` or ``4,5``), or None if it is not one."""
    text = text.strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _complete(frame: pd.DataFrame, warnings: list[JuryWarning]) -> pd.DataFrame:
    blank = (frame[["juror", "team", "criterion"]] == "").any(axis=1)
    if blank.any():
        warnings.append(JuryWarning("incomplete", rows=tuple(frame.loc[blank, "row"])))
    return frame[~blank]


def _same_names(frame: pd.DataFrame, warnings: list[JuryWarning]) -> pd.DataFrame:
    """One spelling per juror and per team (the first one in the file)."""
    frame = frame.copy()
    for column in ("juror", "team"):
        keys = frame[column].map(fold)
        first = frame.groupby(keys, sort=False)[column].first()
        for key, spellings in frame.groupby(keys, sort=False)[column]:
            variants = list(dict.fromkeys(spellings))
            if len(variants) > 1:
                values = {"name": first[key], "variants": ", ".join(variants)}
                warnings.append(JuryWarning("spelling", values))
        frame[column] = keys.map(first)
    return frame


def _without_conflicts(
    frame: pd.DataFrame, conflicts: pd.DataFrame, source: str, warnings: list[JuryWarning]
) -> pd.DataFrame:
    jurors = set(frame["juror"].map(fold))
    teams = set(frame["team"].map(fold))
    for pair in conflicts.itertuples():
        unknown = [name for name, known in ((pair.juror, jurors), (pair.team, teams))
                   if fold(name) not in known]  # fmt: skip
        if unknown:
            values = {"path": source, "juror": pair.juror, "team": pair.team, "name": unknown[0]}
            warnings.append(JuryWarning("conflict_unknown", values))
    pairs = {(fold(pair.juror), fold(pair.team)) for pair in conflicts.itertuples()}
    hit = pd.Series(
        [(fold(j), fold(t)) in pairs for j, t in zip(frame["juror"], frame["team"], strict=True)],
        index=frame.index,
        dtype=bool,
    )
    for (juror, team), rows in frame[hit].groupby(["juror", "team"], sort=False)["row"]:
        values = {"juror": juror, "team": team, "n": len(rows)}
        warnings.append(JuryWarning("conflict", values, tuple(rows)))
    return frame[~hit]


def _numeric(frame: pd.DataFrame, warnings: list[JuryWarning]) -> pd.DataFrame:
    frame = frame.assign(value=frame["score"].map(parse_score))
    bad = frame["value"].isna()
    for row in frame[bad].itertuples():
        values = {"value": row.score, "juror": row.juror, "team": row.team}
        values["criterion"] = row.criterion
        warnings.append(JuryWarning("non_numeric", values, (row.row,)))
    return frame[~bad]


def _known_criteria(
    frame: pd.DataFrame, rubric: Rubric, warnings: list[JuryWarning]
) -> pd.DataFrame:
    """Criteria written as in the rubric (id, a name or an alias) become the rubric's id."""
    found = frame["criterion"].map(rubric.find)
    unknown = found.isna()
    valid = ", ".join(rubric.ids)
    for _, rows in frame[unknown].groupby(frame["criterion"].map(fold), sort=False):
        values = {"criterion": rows["criterion"].iloc[0], "valid": valid, "n": len(rows)}
        warnings.append(JuryWarning("unknown_criterion", values, tuple(rows["row"])))
    known = frame[~unknown].copy()
    known["criterion"] = found[~unknown].map(lambda criterion: criterion.id)
    return known


def _in_scale(frame: pd.DataFrame, rubric: Rubric, warnings: list[JuryWarning]) -> pd.DataFrame:
    inside = pd.Series(
        [rubric[c].in_scale(v) for c, v in zip(frame["criterion"], frame["value"], strict=True)],
        index=frame.index,
        dtype=bool,
    )
    for row in frame[~inside].itertuples():
        criterion = rubric[row.criterion]
        values = {"value": row.score, "low": f"{criterion.low:g}", "high": f"{criterion.high:g}"}
        values |= {"criterion": row.criterion, "juror": row.juror, "team": row.team}
        warnings.append(JuryWarning("out_of_scale", values, (row.row,)))
    return frame[inside]


def _deduplicated(frame: pd.DataFrame, warnings: list[JuryWarning]) -> pd.DataFrame:
    """A repeated row counts once; a cell scored twice differently does not count at all."""
    keep = pd.Series(True, index=frame.index)
    for (juror, team, criterion), rows in frame.groupby(["juror", "team", "criterion"]):
        if len(rows) == 1:
            continue
        values = {"juror": juror, "team": team, "criterion": criterion}
        if rows["value"].nunique() == 1:
            keep[rows.index[1:]] = False
            warnings.append(JuryWarning("duplicate", values, tuple(rows["row"].iloc[1:])))
        else:
            keep[rows.index] = False
            values["values"] = ", ".join(rows["score"])
            warnings.append(JuryWarning("duplicate_conflict", values, tuple(rows["row"])))
    return frame[keep].assign(score=frame["value"])


def _gaps(table: pd.DataFrame, rubric: Rubric, conflicts: pd.DataFrame) -> list[JuryWarning]:
    """Criteria nobody scored, jurors who skipped criteria of a team, teams a juror skipped."""
    found: list[JuryWarning] = []
    scored = [cid for cid in rubric.ids if cid in set(table["criterion"])]
    for cid in rubric.ids:
        if cid not in scored:
            found.append(JuryWarning("unscored_criterion", {"criterion": cid}))
    for (juror, team), rows in table.groupby(["juror", "team"], sort=False):
        missing = [cid for cid in scored if cid not in set(rows["criterion"])]
        if missing:
            values = {"juror": juror, "team": team, "criteria": ", ".join(missing)}
            found.append(JuryWarning("missing_criteria", values))
    excused = {(fold(pair.juror), fold(pair.team)) for pair in conflicts.itertuples()}
    jurors = list(dict.fromkeys(table["juror"]))
    for team, rows in table.groupby("team", sort=False):
        expected = [j for j in jurors if (fold(j), fold(team)) not in excused]
        absent = [j for j in expected if j not in set(rows["juror"])]
        if absent:
            values = {"team": team, "jurors": ", ".join(absent), "total": len(expected)}
            values["n"] = len(expected) - len(absent)
            found.append(JuryWarning("missing_team", values))
    return found
