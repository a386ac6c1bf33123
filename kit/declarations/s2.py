"""PDN System 2: public officials who take part in public procurement (S2).

The PDN publishes S2 in two layouts, both read here and told apart record by record:

* **v1** (``PDNMX/api_docs``, ``S2/oas/OAS_API_servidores_intervienen_contrataciones.json``):
  flat records with ``fechaCaptura``, ``ejercicioFiscal``, ``ramo{clave,valor}``, ``rfc`` (13
  characters, with homoclave), ``curp``, ``nombres``, ``primerApellido``, ``segundoApellido``,
  ``genero{clave,valor}``, ``institucionDependencia{nombre,siglas,clave}``, ``puesto``,
  ``tipoArea[]``, ``nivelResponsabilidad[]``, ``tipoProcedimiento[]`` and
  ``superiorInmediato{…}``. The published specification writes ``puesto`` as
  ``{nombre, nivel}``, ``nivelResponsabilidad`` as a list of claves and ``tipoProcedimiento``
  as a list of integers; files also carry ``puesto`` as plain text and both lists as
  ``{clave, valor}`` objects (the datatón 2021 file does): all are read.
* **v1.1** (``PDNMX/script-migracion-s2``, README "v1 a v1.1"): ``fecha``, ``ejercicio``,
  ``datosGenerales{nombre, primerApellido, segundoApellido, curp, rfc, sexo}``,
  ``empleoCargoComision{nombreEntePublico, siglasEntePublico, nivelJerarquico, denominacion,
  …}``, ``tipoProcedimiento`` (a text or a list) and one section per procedure
  (``contratacionAdquisiciones`` — also spelled ``contratacionAdquisiones`` —,
  ``contratacionObra``, ``otorgamientoConcesiones``, ``enajenacionBienes``,
  ``dictaminacionAvaluos``/``avaluosJustipreciacion``) holding ``tipoArea`` and
  ``nivelesResponsabilidad{<stage>: "SI"|"NO"}``. v1.1 has no ``ramo`` and no
  ``superiorInmediato``: those columns are empty. No published v1.1 file was found to test on;
  the reader follows that README.

Records are kept as published: a file that repeats a record (the datatón 2021 file holds 2,463
records twice) gives repeated rows; ``attrs["ids_repetidos"]`` counts the ids seen more than once.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from kit.declarations import _json
from kit.declarations._json import Rec, Source
from kit.i18n import messages

__all__ = ["COLUMNS", "SAMPLE", "read_s2"]

SAMPLE = "s2.json.gz"
COLUMNS = [
    "id", "fecha_captura", "ejercicio_fiscal", "ramo_clave", "ramo",
    "rfc", "curp", "nombres", "primer_apellido", "segundo_apellido", "nombre_completo", "genero",
    "institucion_clave", "institucion_nombre", "institucion_siglas", "puesto", "puesto_nivel",
    "tipo_area", "nivel_responsabilidad", "tipo_procedimiento",
    "superior_nombres", "superior_primer_apellido", "superior_segundo_apellido",
    "superior_curp", "superior_rfc", "superior_puesto", "observaciones",
]  # fmt: skip

MSG = messages(
    "declarations.s2",
    {
        "what": ("S2 (servidores públicos en contrataciones)", "S2 (officials in procurement)"),
        "hint": (
            "un registro S2 v1 tiene 'nombres' e 'institucionDependencia'; uno v1.1, "
            "'datosGenerales' y 'empleoCargoComision'. ¿Es un archivo de otro sistema (S1, S3)?",
            "an S2 v1 record has 'nombres' and 'institucionDependencia'; a v1.1 one, "
            "'datosGenerales' and 'empleoCargoComision'. Is it a file of another system (S1, S3)?",
        ),
    },
)

_V11_SECTIONS = (
    "contratacionAdquisiciones",
    "contratacionAdquisiones",
    "contratacionObra",
    "otorgamientoConcesiones",
    "enajenacionBienes",
    "dictaminacionAvaluos",
    "avaluosJustipreciacion",
)
_SEXO = {"HOMBRE": "M", "MASCULINO": "M", "MUJER": "F", "FEMENINO": "F"}


def read_s2(source: Source = "sample") -> pd.DataFrame:
    """Read a PDN S2 file (officials who take part in procurement) into one row per record.

    Args:
        source: path of a ``.json`` or ``.json.gz`` file (a JSON array of records or one page
            of the PDN API, ``{"pagination": …, "results": […]}``), or ``"sample"`` for the
            bundled sample ``kit/data/declarations/s2.json.gz``.

    Returns:
        A DataFrame with :data:`COLUMNS`: ``id``; ``fecha_captura`` (datetime, UTC);
        ``ejercicio_fiscal`` (Int64); ``ramo_clave`` (Int64) and ``ramo``; ``rfc`` and ``curp``
        as published (stripped, upper case); ``nombres``, ``primer_apellido``,
        ``segundo_apellido`` and ``nombre_completo``; ``genero`` (F, M or O); the institution's
        ``institucion_clave``, ``institucion_nombre``, ``institucion_siglas``; ``puesto`` and
        ``puesto_nivel``; the tuples ``tipo_area`` (claves such as ``"T"``, ``"RC"``),
        ``nivel_responsabilidad`` (``"A"``, ``"T"``, ``"R"``) and ``tipo_procedimiento``
        (claves 1-4 in v1, the published names in v1.1); the immediate superior's
        ``superior_*`` fields; ``observaciones``. ``attrs`` holds ``formato`` (``"v1"`` or
        ``"v1.1"``), ``archivo``, ``ids_repetidos`` and ``fechas_no_leidas``.

    Raises:
        DataFormatError: not JSON, not a list of S2 records, a record without ``id`` or names,
            a field of the wrong type, or records of both layouts in one file; the message
            names the file, the record (position and id), the field and the problem.
        SourceNotFoundError: the path (or the bundled sample) does not exist.
    """
    path = _json.path_of(source, SAMPLE)
    rows, layout = [], None
    for rec in _json.records(path, _json.load(path, MSG["what"].get())):
        found = _layout(rec)
        layout = _json.check_layout(rec, found, layout)
        rows.append(_v1(rec) if found == "v1" else _v11(rec))
    frame = _frame(rows)
    ids = Counter(frame["id"].dropna())
    frame.attrs.update(
        formato=layout,
        archivo=str(path),
        ids_repetidos=sum(1 for n in ids.values() if n > 1),
        fechas_no_leidas=frame.attrs.get("fechas_no_leidas", {}),
    )
    return frame


def _layout(rec: Rec) -> str:
    if "datosGenerales" in rec.data or "empleoCargoComision" in rec.data:
        return "v1.1"
    if "nombres" in rec.data or "institucionDependencia" in rec.data:
        return "v1"
    raise _json.layout_error(rec, MSG["what"].get(), MSG["hint"].get())


def _v1(rec: Rec) -> dict:
    ramo = rec.obj("ramo")
    institution = rec.obj("institucionDependencia")
    puesto, nivel = _puesto(rec, "puesto")
    boss = rec.obj("superiorInmediato")
    boss_puesto = _puesto(boss, "puesto")[0] if boss else None
    genero = rec.code("genero")[0]
    return {
        "id": rec.text("id", required=True),
        "fecha_captura": rec.text("fechaCaptura"),
        "ejercicio_fiscal": rec.text("ejercicioFiscal"),
        "ramo_clave": ramo.text("clave") if ramo else None,
        "ramo": ramo.text("valor") if ramo else None,
        **_person(rec, "nombres", "primerApellido", "segundoApellido", "rfc", "curp"),
        "genero": genero.upper() if genero else None,
        "institucion_clave": institution.text("clave") if institution else None,
        "institucion_nombre": institution.text("nombre") if institution else None,
        "institucion_siglas": institution.text("siglas") if institution else None,
        "puesto": puesto,
        "puesto_nivel": nivel,
        "tipo_area": rec.codes("tipoArea"),
        "nivel_responsabilidad": rec.codes("nivelResponsabilidad"),
        "tipo_procedimiento": rec.codes("tipoProcedimiento"),
        "superior_nombres": boss.text("nombres") if boss else None,
        "superior_primer_apellido": boss.text("primerApellido") if boss else None,
        "superior_segundo_apellido": boss.text("segundoApellido") if boss else None,
        "superior_curp": _upper(boss.text("curp")) if boss else None,
        "superior_rfc": _upper(boss.text("rfc")) if boss else None,
        "superior_puesto": boss_puesto,
        "observaciones": rec.text("observaciones"),
    }


def _v11(rec: Rec) -> dict:
    general = rec.obj("datosGenerales", required=True)
    job = rec.obj("empleoCargoComision")
    sexo = general.text("sexo")
    areas: list[str] = []
    stages: list[str] = []
    for section in _V11_SECTIONS:
        part = rec.obj(section)
        if part is None:
            continue
        area = part.text("tipoArea")
        if area and area not in areas:
            areas.append(area)
        levels = part.obj("nivelesResponsabilidad")
        for stage, value in levels.data.items() if levels else ():
            said = levels.flag(stage) if isinstance(value, bool) else levels.text(stage)
            if (said is True or str(said).upper() in ("SI", "SÍ")) and stage not in stages:
                stages.append(stage)
    key = "tipoProcedimiento" if "tipoProcedimiento" in rec.data else "tipoProcedimineto"
    procedures = rec.raw(key)
    procedure = (rec.text(key),) if isinstance(procedures, str) else rec.codes(key)
    return {
        "id": rec.text("id", required=True),
        "fecha_captura": rec.text("fecha"),
        "ejercicio_fiscal": rec.text("ejercicio"),
        **_person(general, "nombre", "primerApellido", "segundoApellido", "rfc", "curp"),
        "genero": _SEXO.get((sexo or "").upper(), sexo),
        "institucion_nombre": job.text("nombreEntePublico") if job else None,
        "institucion_siglas": job.text("siglasEntePublico") if job else None,
        "puesto": job.text("denominacion") if job else None,
        "puesto_nivel": job.code("nivelJerarquico")[0] if job else None,
        "tipo_area": tuple(areas),
        "nivel_responsabilidad": tuple(stages),
        "tipo_procedimiento": tuple(p for p in procedure if p),
        "observaciones": rec.text("observaciones"),
    }


def _person(rec: Rec, given: str, first: str, second: str, rfc: str, curp: str) -> dict:
    names = {
        "nombres": rec.text(given, required=True),
        "primer_apellido": rec.text(first, required=True),
        "segundo_apellido": rec.text(second),
    }
    return {
        "rfc": _upper(_json.joined_rfc(rec, rfc)),
        "curp": _upper(rec.text(curp)),
        **names,
        "nombre_completo": _json.full_name(*names.values()),
    }


def _puesto(rec: Rec, path: str) -> tuple[str | None, str | None]:
    """``puesto`` as text, or as ``{nombre, nivel}``."""
    if isinstance(rec.raw(path), dict):
        sub = rec.obj(path)
        return sub.text("nombre"), sub.text("nivel")
    return rec.text(path), None


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def _frame(rows: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=COLUMNS)
    texts = [c for c in COLUMNS if c not in _SPECIAL]
    frame = pd.DataFrame({c: _json.strings(table[c]) for c in texts}, columns=COLUMNS)
    captured = table["fecha_captura"].tolist()
    frame["fecha_captura"] = _json.timestamps(captured)
    for column in ("ejercicio_fiscal", "ramo_clave"):
        frame[column] = pd.to_numeric(table[column], errors="coerce").astype("Int64")
    for column in ("tipo_area", "nivel_responsabilidad", "tipo_procedimiento"):
        frame[column] = [value if isinstance(value, tuple) else () for value in table[column]]
    left = _json.unread(captured, frame["fecha_captura"])
    frame.attrs["fechas_no_leidas"] = {"fecha_captura": len(left)} if left else {}
    return frame


_SPECIAL = {
    "fecha_captura",
    "ejercicio_fiscal",
    "ramo_clave",
    "tipo_area",
    "nivel_responsabilidad",
    "tipo_procedimiento",
}
