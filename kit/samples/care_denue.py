"""The care establishments of the care sample, in the layout of INEGI's DENUE CSV download.

``denue_inegi_62_.csv``: the 41 published columns (``id`` ... ``fecha_alta``), Latin-1
(ISO-8859-1) as INEGI's older downloads, CRLF. Guarderías (SCIAN 624411/624412), asilos
(623311/623312) and residences for people with disabilities or addictions (6232xx) in the 16
alcaldías, as many as :mod:`kit.samples.care_places` planted. Names and *razón social* are
invented (upper case, as DENUE writes them; *razón social* often empty); addresses are invented
streets with each alcaldía's postal code prefix; coordinates fall inside the alcaldía's box.

A few establishments are planted with coordinates to clean: empty, latitude and longitude
swapped, ``0,0``, and a point far outside Mexico City. Their alcaldía (``cve_mun``) is right, so
counts by alcaldía are not affected.
"""

from __future__ import annotations

import csv
import io

from kit.samples._rng import Draw
from kit.samples.care_places import Alcaldia

__all__ = ["ACTIVITIES", "BAD_COORDINATES", "HEADER", "denue_rows", "write_denue"]

HEADER = tuple(
    [
        "id",
        "nom_estab",
        "raz_social",
        "codigo_act",
        "nombre_act",
        "per_ocu",
        "tipo_vial",
        "nom_vial",
        "tipo_v_e_1",
        "nom_v_e_1",
        "tipo_v_e_2",
        "nom_v_e_2",
        "tipo_v_e_3",
        "nom_v_e_3",
        "numero_ext",
        "letra_ext",
        "edificio",
        "edificio_e",
        "numero_int",
        "letra_int",
        "tipo_asent",
        "nomb_asent",
        "tipoCenCom",
        "nom_CenCom",
        "num_local",
        "cod_postal",
        "cve_ent",
        "entidad",
        "cve_mun",
        "municipio",
        "cve_loc",
        "localidad",
        "ageb",
        "manzana",
        "telefono",
        "correoelec",
        "www",
        "tipoUniEco",
        "latitud",
        "longitud",
        "fecha_alta",
    ]
)
_RETARDO = "Residencias del sector {} para el cuidado de personas con problemas de retardo mental"
_ADICCION = (
    "Residencias del sector {} para el cuidado de personas con problemas de trastorno mental y "
    "adicción"
)
ACTIVITIES = {  # service -> ((code, name, public?), ...)
    "guarderia": (
        ("624411", "Guarderías del sector privado", False),
        ("624412", "Guarderías del sector público", True),
    ),
    "asilo": (
        ("623311", "Asilos y otras residencias del sector privado para el cuidado de ancianos", 0),
        ("623312", "Asilos y otras residencias del sector público para el cuidado de ancianos", 1),
    ),
    "discapacidad": (
        ("623211", _RETARDO.format("privado"), False),
        ("623212", _RETARDO.format("público"), True),
        ("623221", _ADICCION.format("privado"), False),
        ("623222", _ADICCION.format("público"), True),
    ),
}
_PUBLIC_SHARE = {"guarderia": 0.4, "asilo": 0.15, "discapacidad": 0.25}
BANDS = (
    "0 a 5 personas",
    "6 a 10 personas",
    "11 a 30 personas",
    "31 a 50 personas",
    "51 a 100 personas",
    "101 a 250 personas",
)
_BAND_WEIGHTS = {True: (0.1, 0.2, 0.35, 0.2, 0.13, 0.02), False: (0.45, 0.3, 0.2, 0.04, 0.01, 0)}
_KINDS = {
    "guarderia": ("ESTANCIA INFANTIL", "GUARDERIA", "CENTRO DE DESARROLLO INFANTIL", "KINDER"),
    "asilo": ("CASA HOGAR PARA ANCIANOS", "ASILO", "RESIDENCIA DE DIA", "CASA DE REPOSO"),
    "discapacidad": ("CENTRO DE ATENCION INTEGRAL", "RESIDENCIA", "CASA DE APOYO"),
}
_START = ("CO", "TA", "MI", "LU", "XO", "PE", "RI", "NA", "CA", "TE", "YO", "MA", "SI", "CHI")
_MIDDLE = ("LO", "RA", "NE", "MI", "TI", "QUE", "RU", "BE", "LA")
_END = ("LINES", "RITAS", "LOTES", "ÑITOS", "CHITOS", "NITAS", "RINES", "BELLAS")
_STREETS = ("CALLE", "AVENIDA", "CERRADA", "ANDADOR", "CALZADA", "PRIVADA")
_SETTLEMENTS = ("COLONIA", "BARRIO", "PUEBLO", "UNIDAD HABITACIONAL", "FRACCIONAMIENTO")
_FORMS = ("S.C.", "S.A. DE C.V.", "A.C.", "S. DE R.L. DE C.V.")
BAD_COORDINATES = ("sin_coordenadas", "sin_coordenadas", "invertidas", "invertidas", "cero")
BAD_COORDINATES += ("fuera_de_la_ciudad",)


def _word(draw: Draw) -> str:
    return draw.choice(_START) + draw.choice(_MIDDLE) + draw.choice(_END)


def _plain(draw: Draw) -> str:
    return (draw.choice(_START) + draw.choice(_MIDDLE) + draw.choice(_MIDDLE)).replace("QUE", "CA")


def _row(draw: Draw, place: Alcaldia, service: str, ident: int) -> dict[str, str]:
    public = draw.chance(_PUBLIC_SHARE[service])
    code, activity, _ = draw.choice([a for a in ACTIVITIES[service] if bool(a[2]) == public])
    article = "LAS" if _word(draw).endswith("AS") else "LOS"
    name = f"{draw.choice(_KINDS[service])} {article} {_word(draw)}"
    company = ""
    if not public and draw.chance(0.55):
        company = f"{_plain(draw)} {_plain(draw)} {draw.choice(_FORMS)}"
    box = place.box
    lat, lon = draw.uniform(box.lat_min, box.lat_max), draw.uniform(box.lon_min, box.lon_max)
    between = draw.chance(0.6)
    return {
        "id": str(ident),
        "nom_estab": name,
        "raz_social": company,
        "codigo_act": code,
        "nombre_act": activity,
        "per_ocu": draw.weighted(BANDS, _BAND_WEIGHTS[public]),
        "tipo_vial": draw.choice(_STREETS),
        "nom_vial": _plain(draw),
        "tipo_v_e_1": "CALLE" if between else "",
        "nom_v_e_1": _plain(draw) if between else "",
        "tipo_v_e_2": "CALLE" if between else "",
        "nom_v_e_2": _plain(draw) if between else "",
        "numero_ext": str(draw.integer(1, 350)),
        "tipo_asent": draw.choice(_SETTLEMENTS),
        "nomb_asent": f"{_plain(draw)}",
        "cod_postal": f"{place.postal}{draw.integer(0, 999):03d}",
        "cve_ent": "09",
        "entidad": "Ciudad de México",
        "cve_mun": place.code,
        "municipio": place.name,
        "cve_loc": "0001",
        "localidad": place.name,
        "ageb": f"{draw.integer(1, 999):03d}{draw.choice('0123456789A')}",
        "manzana": f"{draw.integer(1, 60):03d}",
        "tipoUniEco": "Fijo",
        "latitud": f"{lat:.8f}",
        "longitud": f"{lon:.8f}",
        "fecha_alta": f"{draw.integer(2010, 2023)}-{draw.choice(('07', '12', '11', '05'))}",
    }


def denue_rows(draw: Draw, places: list[Alcaldia]) -> tuple[list[dict], list[dict]]:
    """Every establishment (sorted by id) and the planted bad coordinates (id, kind, alcaldía)."""
    ids = iter(
        sorted(draw.sample(range(10000, 9999999, 37), sum(sum(p.supply.values()) for p in places)))
    )
    rows = [
        _row(draw, place, service, next(ids))
        for place in places
        for service, count in place.supply.items()
        for _ in range(count)
    ]
    rows.sort(key=lambda r: int(r["id"]))
    bad = []
    for kind, row in zip(BAD_COORDINATES, draw.sample(rows, len(BAD_COORDINATES)), strict=True):
        if kind == "sin_coordenadas":
            row["latitud"] = row["longitud"] = ""
        elif kind == "invertidas":
            row["latitud"], row["longitud"] = row["longitud"], row["latitud"]
        elif kind == "cero":
            row["latitud"] = row["longitud"] = "0.00000000"
        else:
            row["latitud"], row["longitud"] = "20.67123456", "-103.34567890"
        bad.append({"id": row["id"], "kind": kind, "cve_mun": "09" + row["cve_mun"]})
    return rows, sorted(bad, key=lambda b: int(b["id"]))


def write_denue(rows: list[dict]) -> bytes:
    """The CSV bytes: Latin-1, CRLF, every column of the published header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("latin-1")
