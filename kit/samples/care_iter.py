"""The census file of the care sample, in the layout of INEGI's ITER 2020 for Mexico City.

``conjunto_de_datos_iter_09CSV20.csv``: UTF-8 with a byte order mark, CRLF, the 286 published
columns. Rows as INEGI orders them: the entity's total (``MUN`` 000, ``LOC`` 0000), then for each
alcaldía its total (``LOC`` 0000, ``NOM_LOC`` "Total del Municipio"), its localities and, for some,
the grouped rows of localities of one and of two dwellings (``LOC`` 9998 and 9999). Small
localities have their figures withheld with ``*``, as INEGI does for confidentiality. Every
count of a municipal total is the sum of its localities' people, and the entity's total is the
sum of the municipal totals.
"""

from __future__ import annotations

import csv
import io

from kit.samples._rng import Draw
from kit.samples.care_iter_layout import AVERAGES, COUNTS, HEADER, HOUSING
from kit.samples.care_places import Alcaldia, apportion

__all__ = ["ENTITY", "iter_rows", "write_iter"]

ENTITY = "Ciudad de México"
_SMALL = {  # alcaldía -> (locality code, kind) of its smaller localities
    "004": (("0011", "medium"), ("0034", "tiny")),
    "008": (("0017", "medium"),),
    "009": (("0020", "medium"), ("0042", "medium"), ("0118", "tiny")),
    "010": (("0025", "tiny"),),
    "011": (("0009", "medium"), ("0061", "tiny")),
    "012": (("0026", "medium"), ("0057", "medium"), ("0203", "tiny")),
    "013": (("0033", "medium"), ("0075", "tiny")),
}
_GROUPED = ("009", "011", "012", "013")  # alcaldías with LOC 9998 / 9999 rows
_PREFIX = ("Paraje", "Rancho", "Ampliación", "Barrio", "Colonia")
_SYLLABLES = ("tla", "co", "xi", "mi", "to", "pan", "cal", "te", "zin", "ya", "huel", "na")
_SHOWN = {"POBTOT", "VIVTOT", "TVIVHAB"}  # what a withheld row still shows


def _split(name: str) -> tuple[str, str] | None:
    for f, m in ((f"{name}_F", f"{name}_M"), (f"{name}F", f"{name}M")):
        if f in HEADER:
            return f, m
    return None


def _age_values(women: list[int], men: list[int]) -> dict[str, float]:
    out: dict[str, float] = {"POBTOT": sum(women) + sum(men), "POBFEM": sum(women)}
    out["POBMAS"] = sum(men)

    def put(name: str, low: int, high: int = 100) -> None:
        f, m = sum(women[low : high + 1]), sum(men[low : high + 1])
        out.update({name: f + m, f"{name}_F": f, f"{name}_M": m})

    for name, low in (("P_3YMAS", 3), ("P_5YMAS", 5), ("P_12YMAS", 12), ("P_15YMAS", 15)):
        put(name, low)
    put("P_18YMAS", 18)
    put("P_0A2", 0, 2)
    for low, high in ((3, 5), (6, 11), (8, 14), (12, 14), (15, 17), (18, 24)):
        put(f"P_{low}A{high}", low, high)
    out["P_15A49_F"] = sum(women[15:50])
    put("P_60YMAS", 60)
    out["REL_H_M"] = round(100 * out["POBMAS"] / max(out["POBFEM"], 1), 2)
    out["POB0_14"] = out["P_0A2"] + out["P_3YMAS"] - out["P_15YMAS"]
    out["POB15_64"] = sum(women[15:65]) + sum(men[15:65])
    out["POB65_MAS"] = sum(women[65:]) + sum(men[65:])
    for low in range(0, 85, 5):
        put(f"P_{low}A{low + 4}", low, low + 4)
    put("P_85YMAS", 85)
    return out


def _values(women: list[int], men: list[int], disabled: int, look: dict) -> dict[str, float]:
    """Every column of one place, from its people and its drawn rates (``look``)."""
    out = _age_values(women, men)
    out["PCON_DISC"] = disabled
    for name, (base, rate, share) in COUNTS.items():
        total = round(out[base] * rate * look[name])
        out[name] = total
        pair = _split(name)
        if pair:
            women_share = share if share is not None else 0.52
            out[pair[0]] = round(total * women_share)
            out[pair[1]] = total - out[pair[0]]
    for name, (base, rate) in HOUSING.items():
        factor = rate * look[name]
        out[name] = round(out[base] * (min(1.0, factor) if name.startswith("VPH_") else factor))
    for name in AVERAGES:
        out[name] = look[name]
    out["GRAPROES_F"] = round(look["GRAPROES"] - 0.15, 2)
    out["GRAPROES_M"] = round(look["GRAPROES"] + 0.17, 2)
    return out


def _look(draw: Draw) -> dict[str, float]:
    """One place's rates: every count's rate jittered, every average drawn."""
    out = {name: draw.uniform(0.9, 1.1) for name in (*COUNTS, *HOUSING)}
    out.update({name: round(draw.uniform(*span), 2) for name, span in AVERAGES.items()})
    return out


def _dms(value: float, positive: str, negative: str) -> str:
    hemisphere = positive if value >= 0 else negative
    seconds = round(abs(value) * 3600 * 1000)
    degrees, rest = divmod(seconds, 3600 * 1000)
    minutes, millis = divmod(rest, 60 * 1000)
    return f"{degrees}°{minutes:02d}'{millis / 1000:06.3f}\" {hemisphere}"


def _tamloc(people: int) -> str:
    limits = (250, 500, 1000, 2500, 5000, 10000, 15000, 30000, 50000, 100000, 250000, 500000)
    return str(1 + sum(people >= limit for limit in (*limits, 1000000)))


def _name(draw: Draw) -> str:
    word = "".join(draw.choice(_SYLLABLES) for _ in range(draw.integer(2, 3)))
    return f"{draw.choice(_PREFIX)} {word.capitalize()}"


def _row(place: Alcaldia | None, loc: str, name: str, values: dict, where: dict) -> list[str]:
    mun, mun_name = (place.code, place.name) if place else ("000", f"Total de la entidad {ENTITY}")
    geo = {"ENTIDAD": "09", "NOM_ENT": ENTITY, "MUN": mun, "NOM_MUN": mun_name}
    geo.update({"LOC": loc, "NOM_LOC": name, **where})
    out = []
    for column in HEADER:
        value = geo.get(column, values.get(column, "*"))
        out.append(f"{value:.2f}" if isinstance(value, float) else str(value))
    return out


def _locality(draw: Draw, place: Alcaldia, people: int) -> dict[str, str]:
    box = place.box
    lat = draw.uniform(box.lat_min, box.lat_max)
    lon = draw.uniform(box.lon_min, box.lon_max)
    where = {"LONGITUD": _dms(lon, "E", "W"), "LATITUD": _dms(lat, "N", "S")}
    return {**where, "ALTITUD": str(draw.integer(2230, 2900)), "TAMLOC": _tamloc(people)}


def _withheld(people: int, dwellings: int) -> dict[str, int]:
    return {"POBTOT": people, "VIVTOT": dwellings, "TVIVHAB": dwellings}


def _alcaldia_rows(draw: Draw, place: Alcaldia) -> tuple[list[list[str]], dict]:
    """The municipal total and the localities of one alcaldía; also its total's values."""
    look = _look(draw)
    blank = {"LONGITUD": "", "LATITUD": "", "ALTITUD": "", "TAMLOC": ""}
    total = _values(place.women, place.men, place.disabled, look)
    rows = [_row(place, "0000", "Total del Municipio", total, blank)]
    women, men = list(place.women), list(place.men)
    disabled = place.disabled
    others = []
    for loc, kind in _SMALL.get(place.code, ()):
        size = draw.integer(300, 3000) if kind == "medium" else draw.integer(5, 20)
        others.append((loc, kind, size))
    if place.code in _GROUPED:
        others += [("9998", "one", draw.integer(3, 12)), ("9999", "two", draw.integer(6, 20))]
    small_rows = []
    for loc, kind, size in others:
        cut_w = apportion(size // 2, [max(w, 1e-9) for w in women])
        cut_m = apportion(size - size // 2, [max(m, 1e-9) for m in men])
        women = [a - b for a, b in zip(women, cut_w, strict=True)]
        men = [a - b for a, b in zip(men, cut_m, strict=True)]
        share = round(disabled * size / place.population)
        disabled -= share
        if kind == "medium":
            values = _values(cut_w, cut_m, share, look)
            small_rows.append(_row(place, loc, _name(draw), values, _locality(draw, place, size)))
        else:
            dwellings = {"one": 1, "two": 2}.get(kind, 1) * max(1, size // 4)
            where = _locality(draw, place, size) if kind == "tiny" else blank
            name = {
                "one": "Localidades de una vivienda",
                "two": "Localidades de dos viviendas",
            }.get(kind) or _name(draw)
            small_rows.append(_row(place, loc, name, _withheld(size, dwellings), where))
    main = _values(women, men, disabled, look)
    where = _locality(draw, place, main["POBTOT"])
    rows.append(_row(place, "0001", place.name, main, where))
    rows += sorted(small_rows, key=lambda r: r[HEADER.index("LOC")])
    return rows, total


def iter_rows(draw: Draw, places: list[Alcaldia]) -> list[list[str]]:
    """All rows: the entity's total first, then each alcaldía's."""
    body, totals = [], []
    for place in places:
        rows, total = _alcaldia_rows(draw, place)
        body += rows
        totals.append(total)
    entity: dict[str, float] = {}
    people = sum(t["POBTOT"] for t in totals)
    for column in HEADER[9:]:
        if column == "TAMLOC":
            continue
        if isinstance(totals[0][column], float):  # averages weighted by population
            mean = sum(t[column] * t["POBTOT"] for t in totals) / people
            entity[column] = round(mean, 2)
        else:
            entity[column] = sum(t[column] for t in totals)
    entity["REL_H_M"] = round(100 * entity["POBMAS"] / entity["POBFEM"], 2)
    blank = {"LONGITUD": "", "LATITUD": "", "ALTITUD": "", "TAMLOC": ""}
    return [_row(None, "0000", "Total de la Entidad", entity, blank), *body]


def write_iter(rows: list[list[str]]) -> bytes:
    """The CSV bytes: UTF-8 with BOM, CRLF, quoted only where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
