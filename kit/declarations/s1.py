"""PDN System 1: asset and interest declarations of public officials (S1 v2, DOF 2019 formats).

Read from ``PDNMX/api_docs``, ``S1/oas/OAS_API_Declaraciones_{Inicial,Modificacion,
Conclusion}.json`` (API version 2.0). A record is ``{"id", "metadata": {"actualizacion",
"institucion", "tipo": "INICIAL" | "MODIFICACIÓN" | "CONCLUSIÓN"}, "declaracion":
{"situacionPatrimonial": {…}, "interes": {…}}}``. :func:`read_s1` returns the sections teams use
as tidy frames (a :class:`Declarations`), each keyed by the declaration's ``id``:

* ``declarations``: one row per declaration (declarant, institution, position, type, dates);
* ``income``: declared income by concept, with the period and the annual value in MXN
  (:mod:`kit.declarations.income` documents the rule per type);
* ``real_estate`` (``bienesInmuebles``) and ``vehicles`` (``vehiculos``);
* ``companies``: ``interes.participacion``, participation in companies, societies or
  associations (declarant, partner or dependant);
* ``other_interests``: ``participacionTomaDecisiones``, ``apoyos``, ``representacion``,
  ``clientesPrincipales`` and ``beneficiosPrivados``, one row per item with its counterpart;
* ``dependants``: ``datosPareja`` and ``datosDependienteEconomico``.

Not read: ``bienesMuebles``, ``inversiones``, ``adeudos``, ``prestamoOComodato``,
``fideicomisos``, ``experienciaLaboral``, ``actividadAnualAnterior`` and the addresses. Items keep
their ``tipoOperacion`` (AGREGAR, MODIFICAR, SIN_CAMBIOS, BAJA): filter BAJA out to count what a
person holds. Public versions of declarations leave confidential fields out (CURP, homoclave):
they are empty here, never an error. The obsolete 2018 layout (``informacion_personal``,
snake_case) is refused with a clear message.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from kit.data import table_cache
from kit.data.cache import file_key
from kit.declarations import _json
from kit.declarations import _s1_items as items
from kit.declarations import income as rules
from kit.declarations._json import Rec, Source
from kit.i18n import messages

__all__ = ["COLUMNS", "SAMPLE", "Declarations", "read_s1"]

SAMPLE = "s1.json.gz"
#: Bump when the tables' columns or types change, so older cached tables are not read.
CACHE_FORMAT = 1
#: The modules whose code decides the tables: a change to any of them means parsing again.
RULES = ("s1.py", "_s1_items.py", "income.py", "_json.py")
COLUMNS = {
    "declarations": [
        "id", "tipo", "fecha", "anio", "anio_ingresos", "institucion_captura", "nombres",
        "primer_apellido", "segundo_apellido", "nombre_completo", "curp", "rfc", "ente_publico",
        "area_adscripcion", "cargo", "nivel_cargo", "nivel_orden_gobierno", "ambito_publico",
        "fecha_toma_posesion", "ingreso_neto_declarante_anual_mxn",
    ],
    "income": [
        "id", "tipo", "concepto", "valor", "moneda", "periodo", "factor_anual", "valor_anual",
        "valor_anual_mxn",
    ],
    "real_estate": [
        "id", "tipo_operacion", "tipo_inmueble", "titular", "porcentaje_propiedad",
        "superficie_terreno_m2", "superficie_construccion_m2", "forma_adquisicion", "forma_pago",
        "valor_adquisicion", "moneda", "fecha_adquisicion", "transmisor", "transmisor_rfc",
        "transmisor_relacion", "entidad_federativa", "municipio", "pais", "motivo_baja",
    ],
    "vehicles": [
        "id", "tipo_operacion", "tipo_vehiculo", "titular", "marca", "modelo", "anio",
        "forma_adquisicion", "forma_pago", "valor_adquisicion", "moneda", "fecha_adquisicion",
        "transmisor", "transmisor_rfc", "transmisor_relacion", "motivo_baja",
    ],
    "companies": [
        "id", "tipo_operacion", "tipo_relacion", "nombre_empresa", "rfc",
        "porcentaje_participacion", "tipo_participacion", "recibe_remuneracion",
        "monto_mensual", "moneda", "pais", "entidad_federativa", "sector",
    ],
    "other_interests": [
        "id", "seccion", "tipo_operacion", "tipo_relacion", "contraparte", "contraparte_rfc",
        "tipo_persona", "detalle", "recibe_remuneracion", "monto_mensual", "moneda", "sector",
    ],
    "dependants": [
        "id", "tipo", "relacion", "nombres", "primer_apellido", "segundo_apellido",
        "nombre_completo", "rfc", "curp", "fecha_nacimiento", "es_dependiente_economico",
        "habita_domicilio_declarante", "actividad_laboral", "empleador", "empleador_rfc",
        "proveedor_contratista_gobierno",
    ],
}  # fmt: skip
_DATES = {"fecha_adquisicion", "fecha_nacimiento", "fecha_toma_posesion"}
_NUMBERS = {
    "valor", "factor_anual", "valor_anual", "valor_anual_mxn", "porcentaje_propiedad",
    "superficie_terreno_m2", "superficie_construccion_m2", "valor_adquisicion",
    "porcentaje_participacion", "monto_mensual", "ingreso_neto_declarante_anual_mxn",
}  # fmt: skip
_FLAGS = {
    "recibe_remuneracion",
    "es_dependiente_economico",
    "habita_domicilio_declarante",
    "proveedor_contratista_gobierno",
}

MSG = messages(
    "declarations.s1",
    {
        "what": ("S1 (declaraciones patrimoniales)", "S1 (asset declarations)"),
        "hint": (
            "un registro S1 v2 tiene 'metadata' y 'declaracion'. Si tiene "
            "'informacion_personal' es el formato de 2018, que este lector no lee.",
            "an S1 v2 record has 'metadata' and 'declaracion'. One with "
            "'informacion_personal' is in the 2018 layout, which this reader does not read.",
        ),
        "tipo": (
            "'metadata.tipo' es {found!r}; debe ser INICIAL, MODIFICACIÓN o CONCLUSIÓN.",
            "'metadata.tipo' is {found!r}; it must be INICIAL, MODIFICACIÓN or CONCLUSIÓN.",
        ),
        "period": (
            "'{field}' es un campo de una declaración de {other}, pero esta es de {tipo}: los "
            "montos se leerían con el periodo equivocado.",
            "'{field}' is a field of a {other} declaration, but this one is {tipo}: its "
            "amounts would be read over the wrong period.",
        ),
    },
)


@dataclass(frozen=True)
class Declarations:
    """The sections of a set of S1 declarations, as frames keyed by declaration ``id``.

    Attributes: ``declarations``, ``income``, ``real_estate``, ``vehicles``, ``companies``,
    ``other_interests``, ``dependants`` (columns in :data:`COLUMNS`) and ``archivo``.
    """

    declarations: pd.DataFrame
    income: pd.DataFrame
    real_estate: pd.DataFrame
    vehicles: pd.DataFrame
    companies: pd.DataFrame
    other_interests: pd.DataFrame
    dependants: pd.DataFrame
    archivo: str = ""

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{f.name}={len(getattr(self, f.name))}" for f in fields(self) if f.name != "archivo"
        )
        return f"Declarations({sizes})"


def read_s1(source: Source = "sample") -> Declarations:
    """Read a PDN S1 v2 file (asset and interest declarations, DOF 2019 formats).

    Args:
        source: path of a ``.json`` or ``.json.gz`` file (a JSON array of declarations or one
            page of the PDN API, ``{"pagination": …, "results": […]}``), or ``"sample"`` for
            ``kit/data/declarations/s1.json.gz``.

    Returns:
        A :class:`Declarations`. ``declarations`` holds ``tipo``, ``fecha`` (when it was
        filed), ``anio``, ``anio_ingresos`` (the year its income refers to: the filing year for
        INICIAL, the year before for MODIFICACIÓN, the year the job ended for CONCLUSIÓN), the
        declarant (names, ``curp``, ``rfc`` with homoclave when published), the position
        (``ente_publico``, ``area_adscripcion``, ``cargo``, ``nivel_cargo``, …,
        ``fecha_toma_posesion``: the start, or for a CONCLUSIÓN the end, of the job) and
        ``ingreso_neto_declarante_anual_mxn``. ``income`` has one row per declared concept with
        ``valor``, ``moneda``, ``periodo``, ``factor_anual``, ``valor_anual`` and
        ``valor_anual_mxn`` (rules in :mod:`kit.declarations.income`). Other frames: see
        :data:`COLUMNS`; catalogue fields hold the ``clave``, ``titular`` is a tuple of claves,
        areas are in square metres. In ``other_interests``, ``contraparte`` is the institution,
        client, representative or giver, ``detalle`` the programme, role, representation,
        company or kind of benefit, and ``tipo_relacion`` says whose interest it is (for
        ``apoyos``, the ``beneficiarioPrograma`` clave). ``dependants`` has the partner
        (``tipo`` ``"pareja"``, ``relacion`` such as ``CONYUGE``) and each dependant
        (``relacion``: the ``parentescoRelacion`` clave), with their employer and whether they
        sell to the government (``proveedor_contratista_gobierno``).

    Raises:
        DataFormatError: not JSON, not a list of declarations, a declaration without ``id``,
            ``metadata.tipo``/``actualizacion`` or the declarant's names, an unknown type,
            income fields of another type's period, or a field of the wrong type; the message
            names the file, the record (position and id), the field and the problem.
        SourceNotFoundError: the path (or the bundled sample) does not exist.
    """
    path = _json.path_of(source, SAMPLE)
    frames = table_cache.cached("declarations-s1", _cache_key(path), lambda: _parse(path))
    return Declarations(**frames, archivo=str(path))


def _parse(path: Path) -> dict[str, pd.DataFrame]:
    tables: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    for rec in _json.records(path, _json.load(path, MSG["what"].get())):
        _read_declaration(rec, tables)
    frames = {name: _frame(rows, COLUMNS[name]) for name, rows in tables.items()}
    income = frames["income"]
    net = income[income["concepto"] == "ingreso_neto_declarante"]
    by_id = net.drop_duplicates("id").set_index("id")["valor_anual_mxn"]
    main = frames["declarations"]
    main["ingreso_neto_declarante_anual_mxn"] = main["id"].map(by_id).astype("float64")
    return frames


def _cache_key(path: Path) -> str | None:
    """Parsed tables are cached (:mod:`kit.data.table_cache`) under the file and the code of
    the rules that read it: editing either means parsing again."""
    return file_key(path, f"s1-{CACHE_FORMAT}", rules=(Path(__file__).parent, RULES))


def _read_declaration(rec: Rec, tables: dict[str, list[dict]]) -> None:
    if "metadata" not in rec.data or "declaracion" not in rec.data:
        raise _json.layout_error(rec, MSG["what"].get(), MSG["hint"].get())
    did = rec.text("id", required=True)
    meta = rec.obj("metadata", required=True)
    tipo = _tipo(meta)
    filed = meta.text("actualizacion", required=True)
    situation = rec.obj("declaracion", required=True).obj("situacionPatrimonial", required=True)
    interest = rec.obj("declaracion").obj("interes")
    job = situation.obj("datosEmpleoCargoComision")
    start = job.text("fechaTomaPosesion") if job else None
    tables["declarations"].append(
        {
            "id": did,
            "tipo": tipo,
            "fecha": filed,
            "institucion_captura": meta.text("institucion"),
            **_declarant(situation.obj("datosGenerales", required=True)),
            **_job(job),
        }
    )
    ended = _json.dates([start])[0] if tipo == rules.CONCLUSION else None
    tables["income"] += _income(situation.obj("ingresos"), did, tipo, ended)
    tables["real_estate"] += [
        items.property_row(did, item)
        for item in items.items_of(situation, "bienesInmuebles", "bienInmueble")
    ]
    tables["vehicles"] += [
        items.vehicle_row(did, item) for item in items.items_of(situation, "vehiculos", "vehiculo")
    ]
    if interest:
        tables["companies"] += [
            items.company_row(did, item)
            for item in items.items_of(interest, "participacion", "participacion")
        ]
        tables["other_interests"] += items.other_interests(did, interest)
    tables["dependants"] += items.dependants(did, situation)


def _tipo(meta: Rec) -> str:
    found = meta.text("tipo", required=True)
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", found.upper()) if not unicodedata.combining(c)
    )
    canonical = {"INICIAL": rules.INICIAL, "MODIFICACION": rules.MODIFICACION}
    canonical["CONCLUSION"] = rules.CONCLUSION
    if plain not in canonical:
        raise meta.fail(MSG["tipo"].format(found=found))
    return canonical[plain]


def _declarant(general: Rec) -> dict:
    names = {
        "nombres": general.text("nombre", required=True),
        "primer_apellido": general.text("primerApellido", required=True),
        "segundo_apellido": general.text("segundoApellido"),
    }
    return {
        **names,
        "nombre_completo": _json.full_name(*names.values()),
        "curp": items.upper(general.text("curp")),
        "rfc": items.upper(_json.joined_rfc(general, "rfc")),
    }


def _job(job: Rec | None) -> dict:
    if job is None:
        return {}
    return {
        "ente_publico": job.text("nombreEntePublico"),
        "area_adscripcion": job.text("areaAdscripcion"),
        "cargo": job.text("empleoCargoComision"),
        "nivel_cargo": job.text("nivelEmpleoCargoComision"),
        "nivel_orden_gobierno": job.text("nivelOrdenGobierno"),
        "ambito_publico": job.text("ambitoPublico"),
        "fecha_toma_posesion": job.text("fechaTomaPosesion"),
    }


def _income(section: Rec | None, did: str, tipo: str, ended: pd.Timestamp | None) -> list[dict]:
    if section is None:
        return []
    for name, other in rules.other_fields(tipo).items():
        if section.raw(name) is not None:
            raise section.fail(
                MSG["period"].format(field=section.name(name), other=other, tipo=tipo)
            )
    factor = rules.annual_factor(tipo, ended)
    rows = []
    for concept in rules.CONCEPTS:
        if concept in rules.FIELDS:
            amount = section.obj(rules.field(concept, tipo))
        else:
            key = next((k for k in rules.SECTIONS[concept] if section.raw(k) is not None), None)
            part = section.obj(key) if key else None
            amount = part.obj("remuneracionTotal") if part else None
        if amount is None or amount.raw("valor") is None:
            continue
        value, currency = amount.number("valor"), amount.text("moneda")
        annual = value * factor
        rows.append(
            {
                "id": did,
                "tipo": tipo,
                "concepto": concept,
                "valor": value,
                "moneda": currency,
                "periodo": rules.PERIODS[tipo],
                "factor_anual": factor,
                "valor_anual": annual,
                "valor_anual_mxn": annual if (currency or "").upper() == "MXN" else float("nan"),
            }
        )
    return rows


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(index=pd.RangeIndex(len(rows)))
    for column in columns:
        values = [row.get(column) for row in rows]
        if column == "fecha":
            frame[column] = _json.timestamps(values)
        elif column in _DATES:
            frame[column] = _json.dates(values)
        elif column in _NUMBERS:
            frame[column] = pd.Series(values, dtype="float64")
        elif column in _FLAGS:
            frame[column] = pd.array(values, dtype="boolean")
        elif column == "titular":
            frame[column] = [v if isinstance(v, tuple) else () for v in values]
        elif column in ("anio", "anio_ingresos"):
            frame[column] = pd.array([None if v is None else int(v) for v in values], "Int64")
        else:
            frame[column] = _json.strings(values)
    return _years(frame) if "anio_ingresos" in columns else frame


def _years(frame: pd.DataFrame) -> pd.DataFrame:
    """``anio`` (year filed) and ``anio_ingresos`` (year the income refers to)."""
    filed = frame["fecha"].dt.year.astype("Int64")
    frame["anio"] = filed
    ended = frame["fecha_toma_posesion"].dt.year.astype("Int64")
    frame["anio_ingresos"] = filed.where(frame["tipo"] == rules.INICIAL)
    frame.loc[frame["tipo"] == rules.MODIFICACION, "anio_ingresos"] = filed - 1
    frame.loc[frame["tipo"] == rules.CONCLUSION, "anio_ingresos"] = ended
    return frame
