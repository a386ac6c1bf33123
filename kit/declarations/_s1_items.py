"""The item lists of an S1 v2 declaration, one row each: assets, interests, partner, dependants.

Helpers of :mod:`kit.declarations.s1` (which documents the frames they fill).
"""

from __future__ import annotations

from kit.declarations import _json
from kit.declarations._json import Rec
from kit.i18n import messages

_AREA = {"m2": 1.0, "ha": 10_000.0, "km2": 1_000_000.0}

MSG = messages(
    "declarations.s1_items",
    {
        "unit": (
            "'{field}' tiene la unidad {unit!r}; debe ser m2, ha o km2.",
            "'{field}' has the unit {unit!r}; it must be m2, ha or km2.",
        ),
    },
)


def items_of(rec: Rec, section: str, key: str) -> list[Rec]:
    part = rec.obj(section)
    return part.objects(key) if part else []


def _money(item: Rec, path: str) -> dict:
    amount = item.obj(path)
    if amount is None:
        return {"moneda": None}
    return {"valor": amount.number("valor"), "moneda": amount.text("moneda")}


def _transmitter(item: Rec) -> dict:
    people = item.objects("transmisor")
    return {
        "transmisor": joined(p.text("nombreRazonSocial") for p in people),
        "transmisor_rfc": joined(upper(p.text("rfc")) for p in people),
        "transmisor_relacion": joined(p.code("relacion")[0] for p in people),
    }


def _acquisition(item: Rec) -> dict:
    money = _money(item, "valorAdquisicion")
    return {
        "tipo_operacion": item.text("tipoOperacion"),
        "titular": item.codes("titular"),
        "forma_adquisicion": item.code("formaAdquisicion")[0],
        "forma_pago": item.text("formaPago"),
        "valor_adquisicion": money.get("valor"),
        "moneda": money["moneda"],
        "fecha_adquisicion": item.text("fechaAdquisicion"),
        "motivo_baja": item.code("motivoBaja")[0],
        **_transmitter(item),
    }


def property_row(did: str, item: Rec) -> dict:
    mexico, abroad = item.obj("domicilioMexico"), item.obj("domicilioExtranjero")
    return {
        "id": did,
        "tipo_inmueble": item.code("tipoInmueble")[0],
        "porcentaje_propiedad": item.number("porcentajePropiedad"),
        "superficie_terreno_m2": _area(item, "superficieTerreno"),
        "superficie_construccion_m2": _area(item, "superficieConstruccion"),
        **_acquisition(item),
        "entidad_federativa": mexico.code("entidadFederativa")[1] if mexico else None,
        "municipio": mexico.code("municipioAlcaldia")[1] if mexico else None,
        "pais": abroad.text("pais") if abroad else ("MX" if mexico else None),
    }


def _area(item: Rec, path: str) -> float | None:
    area = item.obj(path)
    if area is None or area.raw("valor") is None:
        return None
    unit = area.text("unidad") or "m2"
    if unit not in _AREA:
        raise area.fail(MSG["unit"].format(field=area.name("unidad"), unit=unit))
    return area.number("valor") * _AREA[unit]


def vehicle_row(did: str, item: Rec) -> dict:
    return {
        "id": did,
        "tipo_vehiculo": item.code("tipoVehiculo")[0],
        "marca": item.text("marca"),
        "modelo": item.text("modelo"),
        "anio": item.number("anio"),
        **_acquisition(item),
    }


def company_row(did: str, item: Rec) -> dict:
    where = item.obj("ubicacion")
    money = _money(item, "montoMensual")
    return {
        "id": did,
        "tipo_operacion": item.text("tipoOperacion"),
        "tipo_relacion": item.text("tipoRelacion"),
        "nombre_empresa": item.text("nombreEmpresaSociedadAsociacion"),
        "rfc": upper(item.text("rfc")),
        "porcentaje_participacion": item.number("porcentajeParticipacion"),
        "tipo_participacion": item.code("tipoParticipacion")[0],
        "recibe_remuneracion": item.flag("recibeRemuneracion"),
        "monto_mensual": money.get("valor"),
        "moneda": money["moneda"],
        "pais": where.text("pais") if where else None,
        "entidad_federativa": where.code("entidadFederativa")[1] if where else None,
        "sector": item.code("sector")[0],
    }


#: other_interests: section -> (list key, counterpart object or None, name, rfc, detail, money).
_INTERESTS = {
    "participacionTomaDecisiones": (
        "participacion", None, "nombreInstitucion", "rfc", "puestoRol", "montoMensual"
    ),
    "apoyos": ("apoyo", None, "institucionOtorgante", None, "nombrePrograma", "montoApoyoMensual"),
    "representacion": (
        "representacion", None, "nombreRazonSocial", "rfc", "tipoRepresentacion", "montoMensual"
    ),
    "clientesPrincipales": (
        "cliente", "clientePrincipal", "nombreRazonSocial", "rfc", None, "montoAproximadoGanancia"
    ),
    "beneficiosPrivados": (
        "beneficio", "otorgante", "nombreRazonSocial", "rfc", None, "montoMensualAproximado"
    ),
}  # fmt: skip
_SECTION_NAMES = {
    "participacionTomaDecisiones": "participacion_toma_decisiones",
    "apoyos": "apoyos",
    "representacion": "representacion",
    "clientesPrincipales": "clientes_principales",
    "beneficiosPrivados": "beneficios_privados",
}


def other_interests(did: str, interest: Rec) -> list[dict]:
    rows = []
    for section, (key, inner, name, rfc, detail, amount) in _INTERESTS.items():
        for item in items_of(interest, section, key):
            who = item.obj(inner) if inner else item
            money = _money(item, amount)
            rows.append(
                {
                    "id": did,
                    "seccion": _SECTION_NAMES[section],
                    "tipo_operacion": item.text("tipoOperacion"),
                    "tipo_relacion": item.text("tipoRelacion") or _beneficiary(item),
                    "contraparte": who.text(name) if who else None,
                    "contraparte_rfc": upper(who.text(rfc)) if who and rfc else None,
                    "tipo_persona": who.text("tipoPersona") if who else None,
                    "detalle": item.text(detail) if detail else _detail(item),
                    "recibe_remuneracion": item.flag("recibeRemuneracion"),
                    "monto_mensual": money.get("valor"),
                    "moneda": money["moneda"],
                    "sector": item.code("sector")[0],
                }
            )
    return rows


def _beneficiary(item: Rec) -> str | None:
    """``beneficiarioPrograma`` (apoyos) as a clave: who receives the support."""
    return item.code("beneficiarioPrograma")[0] if "beneficiarioPrograma" in item.data else None


def _detail(item: Rec) -> str | None:
    if "tipoBeneficio" in item.data:
        return item.code("tipoBeneficio")[1]
    company = item.obj("empresa")
    return company.text("nombreEmpresaServicio") if company else None


def dependants(did: str, situation: Rec) -> list[dict]:
    rows = []
    partner = situation.obj("datosPareja")
    if partner and partner.flag("ninguno") is not True and partner.text("nombre"):
        row = _relative(did, partner, "pareja", partner.text("relacionConDeclarante"))
        rows.append(row | {"es_dependiente_economico": partner.flag("esDependienteEconomico")})
    for item in items_of(situation, "datosDependienteEconomico", "dependienteEconomico"):
        row = _relative(did, item, "dependiente_economico", item.code("parentescoRelacion")[0])
        rows.append(row | {"es_dependiente_economico": True})
    return rows


def _relative(did: str, person: Rec, kind: str, relation: str | None) -> dict:
    names = {
        "nombres": person.text("nombre"),
        "primer_apellido": person.text("primerApellido"),
        "segundo_apellido": person.text("segundoApellido"),
    }
    private = person.obj("actividadLaboralSectorPrivadoOtro")
    public = person.obj("actividadLaboralSectorPublico")
    return {
        "id": did,
        "tipo": kind,
        "relacion": relation,
        **names,
        "nombre_completo": _json.full_name(*names.values()),
        "rfc": upper(_json.joined_rfc(person, "rfc")),
        "curp": upper(person.text("curp")),
        "fecha_nacimiento": person.text("fechaNacimiento"),
        "habita_domicilio_declarante": person.flag("habitaDomicilioDeclarante"),
        "actividad_laboral": person.code("actividadLaboral")[0],
        "empleador": (private.text("nombreEmpresaSociedadAsociacion") if private else None)
        or (public.text("nombreEntePublico") if public else None),
        "empleador_rfc": upper(private.text("rfc")) if private else None,
        "proveedor_contratista_gobierno": private.flag("proveedorContratistaGobierno")
        if private
        else person.flag("proveedorContratistaGobierno"),
    }


def joined(values) -> str | None:
    kept = [v for v in values if v]
    return "; ".join(kept) or None


def upper(value: str | None) -> str | None:
    return value.upper() if value else None
