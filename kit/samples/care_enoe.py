"""The labour-force persons of the care sample, in the layout of ENOE's SDEMT table (2020+).

``ENOEN_SDEMT324.csv``: households of Mexico City (``ent`` 9) and four other states, every
member with ``sex`` (1 man, 2 woman), ``eda`` (age; 99 = not stated), ``clase1`` (1 economically
active, 2 not active; 0 under 15) and ``clase2`` (1 employed, 2 unemployed, 3 available, 4 not
available), and the quarterly weight ``fac_tri``. Monthly fields (``est_d_men``, ``t_loc_men``,
``fac_mes``) are empty outside the month's subsample, as published.

The columns are a realistic subset of SDEMT's 114 (the identification block, sex and age,
children, marital status, the classification fields, schooling, hours, income and both
weights): the full published list could not be confirmed. Women's participation is planted
clearly below men's, a little less so in Mexico City.
"""

from __future__ import annotations

import csv
import io

from kit.samples._rng import Draw

__all__ = ["COLUMNS", "STATES", "enoe_rows", "write_enoe"]

COLUMNS = [
    "r_def",
    "loc",
    "mun",
    "est",
    "est_d_tri",
    "est_d_men",
    "ageb",
    "t_loc_tri",
    "t_loc_men",
    "cd_a",
    "ent",
    "con",
    "upm",
    "d_sem",
    "n_pro_viv",
    "v_sel",
    "n_hog",
    "h_mud",
    "n_ent",
    "per",
    "n_ren",
    "c_res",
    "par_c",
    "sex",
    "eda",
    "n_hij",
    "e_con",
    "clase1",
    "clase2",
    "niv_ins",
    "anios_esc",
    "hrsocup",
    "ingocup",
    "fac_tri",
    "fac_mes",
]
# ent -> (households sampled, people 15+ in millions, municipalities, women's and men's
# participation at prime age)
STATES = {
    9: (480, 7.6, tuple(range(2, 18)), 0.66, 0.96),
    15: (300, 13.6, (33, 57, 58, 104), 0.56, 0.97),
    14: (170, 6.7, (39, 120), 0.58, 0.97),
    19: (170, 4.6, (39, 46), 0.56, 0.97),
    20: (170, 3.2, (67,), 0.54, 0.96),
}


def _participates(draw: Draw, age: int, prime: float) -> bool:
    """Prime-age rate, lower for the young and after 55."""
    scale = 0.45 if age < 20 else 0.8 if age < 25 else 1.0 if age < 55 else 0.7 if age < 65 else 0.3
    return draw.chance(prime * scale)


def _member(draw: Draw, position: int, head_age: int) -> tuple[int, int, int]:
    """(par_c, sex, age) of a household's n-th member."""
    if position == 0:
        return 101, draw.weighted((1, 2), (0.68, 0.32)), head_age
    if position == 1 and draw.chance(0.7):
        return 201, draw.weighted((1, 2), (0.15, 0.85)), max(18, head_age + draw.integer(-6, 4))
    age = max(0, head_age - draw.integer(18, 38))
    return 301, draw.integer(1, 2), age if draw.chance(0.97) else 99


def enoe_rows(draw: Draw) -> list[dict]:
    rows = []
    for ent, (households, millions, municipalities, women, men) in STATES.items():
        weight = millions * 1e6 / (households * 2.1)
        for house in range(households):
            mun = draw.choice(municipalities)
            monthly = draw.chance(1 / 3)
            base = {
                "r_def": "0", "loc": "", "mun": str(mun), "est": str(draw.integer(10, 40)),
                "est_d_tri": str(draw.integer(100, 899)), "ageb": "0",
                "t_loc_tri": "1" if ent == 9 else str(draw.weighted((1, 2, 3, 4), (6, 2, 1, 1))),
                "cd_a": "1" if ent == 9 else str(draw.integer(2, 40)), "ent": str(ent),
                "con": str(draw.integer(1000, 9999)), "upm": str(ent * 100000 + house),
                "d_sem": str(draw.integer(1, 13)), "n_pro_viv": str(draw.integer(1, 40)),
                "v_sel": str(draw.integer(1, 9)), "n_hog": "1", "h_mud": "0",
                "n_ent": str(draw.integer(1, 5)), "per": "324",
            }  # fmt: skip
            if monthly:
                base.update({"est_d_men": base["est_d_tri"], "t_loc_men": base["t_loc_tri"]})
            fac = round(weight * draw.uniform(0.7, 1.3))
            head_age = draw.integer(20, 85)
            for n in range(draw.weighted((1, 2, 3, 4, 5), (0.12, 0.25, 0.25, 0.24, 0.14))):
                par_c, sex, age = _member(draw, n, head_age)
                row = {**base, "n_ren": str(n + 1), "c_res": "1", "par_c": str(par_c)}
                row.update({"sex": str(sex), "eda": str(age), "fac_tri": str(fac)})
                row["fac_mes"] = str(fac * 3) if monthly else ""
                rows.append(_classify(draw, row, age, sex, women if sex == 2 else men))
    return rows


def _classify(draw: Draw, row: dict, age: int, sex: int, prime: float) -> dict:
    adult = 15 <= age <= 98
    row["n_hij"] = str(draw.integer(0, 4)) if sex == 2 and age >= 15 else "0"
    row["e_con"] = str(draw.integer(1, 6)) if age >= 12 else "0"
    if not adult:
        row.update({"clase1": "0", "clase2": "0", "niv_ins": "0", "anios_esc": "0"})
        return {**row, "hrsocup": "0", "ingocup": "0"}
    active = _participates(draw, age, prime)
    employed = active and draw.chance(0.96)
    clase2 = 1 if employed else 2 if active else draw.weighted((3, 4), (0.15, 0.85))
    row.update({"clase1": "1" if active else "2", "clase2": str(clase2)})
    row["niv_ins"] = str(draw.weighted((1, 2, 3, 4), (0.1, 0.2, 0.3, 0.4)))
    row["anios_esc"] = str(draw.integer(3, 18))
    row["hrsocup"] = str(draw.integer(8, 60)) if employed else "0"
    row["ingocup"] = str(round(draw.lognormal(9000, 0.6, 3), -2)) if employed else "0"
    return row


def write_enoe(rows: list[dict]) -> bytes:
    """The CSV bytes: UTF-8, CRLF."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
