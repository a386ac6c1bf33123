"""S1 records: the asset and interest declarations (declaraciones v2, DOF 2019 formats).

Each official files an *inicial* declaration within 60 days of taking office, a *modificación*
every May for the previous year while in office, and a *conclusión* within 60 days of leaving.
Officials below jefe de departamento file the simplified format (``declaracionCompleta`` false:
no family, assets nor interests). Income fields change name with the type, as in the PDN's API:
``...Mensual...`` for *inicial*, ``...Anual...`` for *modificación* (the previous year) and
``...Conclusion...`` for *conclusión* (the current year up to the day of leaving), whose
``fechaTomaPosesion`` is the day the post ended.
"""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date, timedelta

from kit.samples._rng import Draw
from kit.samples.declarations_catalogs import ENTIDAD, ESCOLARIDAD, MUNICIPIOS, cv
from kit.samples.declarations_s1_assets import holdings, ingresos, interes
from kit.samples.declarations_staff import FIRST_DAY, Official

__all__ = ["CONCLUSION", "INICIAL", "MODIFICACION", "declarations", "file_dates", "record_id"]

INICIAL, MODIFICACION, CONCLUSION = "INICIAL", "MODIFICACIÓN", "CONCLUSIÓN"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/dataton-kit/samples/declarations")
_FUNCTIONS = {
    "Oficina de la persona Titular": "Dirigir y representar a la institución",
    "Dirección de Recursos Materiales y Servicios Generales": "Adquirir bienes y servicios",
    "Departamento de Adquisiciones": "Tramitar procedimientos de adquisición",
    "Dirección Técnica": "Definir requerimientos técnicos",
    "Dirección de Obras y Mantenimiento": "Ejecutar y supervisar obras",
    "Dirección de Administración": "Administrar recursos",
    "Dirección de Planeación y Evaluación": "Planear y evaluar programas",
    "Dirección Jurídica": "Atender asuntos jurídicos",
    "Dirección de Recursos Humanos": "Administrar personal",
    "Dirección de Finanzas": "Administrar el presupuesto",
    "Órgano Interno de Control": "Vigilar el ejercicio de los recursos",
}


def record_id(*parts: object) -> str:
    """A stable UUID for a record, from what identifies it (no random draw needed)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def file_dates(official: Official, draw: Draw) -> None:
    """Decide when the official filed each declaration of 2021-2024."""
    filings = []
    if official.start >= FIRST_DAY:
        filings.append((INICIAL, official.start + timedelta(days=draw.integer(12, 58))))
    for year in range(2021, 2025):
        stays = official.end is None or official.end > date(year, 5, 31)
        if official.start <= date(year - 1, 11, 1) and stays:
            filings.append((MODIFICACION, date(year, 5, draw.integer(2, 31))))
    if official.end is not None:
        filings.append((CONCLUSION, official.end + timedelta(days=draw.integer(8, 58))))
    official.filings = filings


def declarations(official: Official) -> list[dict]:
    """Every S1 record of one official, oldest first."""
    out = []
    for i, (tipo, day) in enumerate(official.filings):
        before = official.filings[i - 1][1] if i else date(day.year - 1, 5, 15)
        out.append(_record(official, tipo, day, None if tipo == INICIAL else before))
    return out


def _record(official: Official, tipo: str, day: date, before: date | None) -> dict:
    complete = official.post.complete
    patrimonial = {
        "datosGenerales": _generales(official),
        "datosCurricularesDeclarante": _estudios(official, before),
        "datosEmpleoCargoComision": _empleo(official, tipo, before),
        "experienciaLaboral": _experiencia(official, before),
    }
    if complete:
        patrimonial["datosPareja"] = _pareja(official)
        patrimonial["datosDependientesEconomicos"] = _dependientes(official)
    patrimonial["ingresos"] = ingresos(official, tipo, day)
    if tipo == INICIAL:
        public = bool(official.previous_job and official.previous_job[0] == "PUB")
        patrimonial["actividadAnualAnterior"] = {"servidorPublicoAnioAnterior": public}
    declaracion: dict = {"situacionPatrimonial": patrimonial}
    changed = False
    if complete:
        patrimonial.update(holdings(official, day, before))
        declaracion["interes"], changed = interes(official, day, before)
    minute = (official.slot * 7 + day.toordinal()) % 540
    return {
        "id": record_id("s1", official.key, tipo, day),
        "metadata": {
            "actualizacion": f"{day}T{9 + minute // 60:02d}:{minute % 60:02d}:00-06:00",
            "institucion": official.inst.name,
            "tipo": tipo,
            "declaracionCompleta": complete,
            "actualizacionConflictoInteres": changed and tipo != INICIAL,
        },
        "declaracion": declaracion,
    }


def _op(added: date, before: date | None) -> str:
    return "AGREGAR" if before is None or added > before else "SIN_CAMBIOS"


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if c.isascii() and c.isalpha())


def _generales(official: Official) -> dict:
    person = official.person
    user = f"{_ascii(person.first.split()[0])}.{_ascii(person.surname)}"
    married = official.spouse is not None
    out = {
        "nombre": person.first,
        "primerApellido": person.surname,
        "segundoApellido": person.second,
        "curp": person.curp,
        "rfc": {"rfc": person.rfc[:10], "homoClave": person.rfc[10:]},
        "correoElectronico": {
            "institucional": f"{user}@{official.inst.code.lower()}.nuevagalicia.gob.mx",
            "personal": "",
        },
        "telefono": {"casa": "", "celularPersonal": ""},
        "situacionPersonalEstadoCivil": cv("CAS", "CASADO (A)")
        if married
        else cv("SOL", "SOLTERO (A)"),
        "paisNacimiento": "MX",
        "nacionalidad": "MX",
        "aclaracionesObservaciones": "",
    }
    if married:
        out["regimenMatrimonial"] = cv("SBI", "SEPARACIÓN DE BIENES")
    return out


def _estudios(official: Official, before: date | None) -> dict:
    nivel, carrera = ESCOLARIDAD[official.education]
    finished = date(official.person.born.year + 23, 7, 15)
    item = {
        "tipoOperacion": _op(finished, before),
        "nivel": nivel,
        "institucionEducativa": {
            "nombre": "Universidad Estatal de Nueva Galicia",
            "ubicacion": "MX",
        },
        "carreraAreaConocimiento": carrera,
        "estatus": "FINALIZADO",
        "documentoObtenido": "TÍTULO" if nivel["clave"] != "BCH" else "CERTIFICADO",
        "fechaObtencion": str(finished),
    }
    return {"escolaridad": [item], "aclaracionesObservaciones": ""}


def _address(official: Official) -> dict:
    locality = official.inst.locality
    return {
        "calle": "Avenida Constitución",
        "numeroExterior": str(100 + official.inst.index * 12),
        "numeroInterior": "",
        "coloniaLocalidad": "Centro",
        "municipioAlcaldia": MUNICIPIOS.get(locality, MUNICIPIOS["Villa de Galicia"]),
        "entidadFederativa": ENTIDAD,
        "codigoPostal": f"{99000 + official.inst.index * 10}",
    }


def _empleo(official: Official, tipo: str, before: date | None) -> dict:
    """The post; in a conclusión, fechaTomaPosesion is the day it ended (DOF 2019 format)."""
    inst, post = official.inst, official.post
    taken = official.end if tipo == CONCLUSION and official.end else official.start
    return {
        "tipoOperacion": _op(official.start, before),
        "nivelOrdenGobierno": "ESTATAL",
        "ambitoPublico": inst.ambito,
        "nombreEntePublico": inst.name,
        "areaAdscripcion": official.area,
        "empleoCargoComision": post.name,
        "contratadoPorHonorarios": False,
        "nivelEmpleoCargoComision": post.level,
        "funcionPrincipal": _FUNCTIONS[official.area],
        "fechaTomaPosesion": str(taken),
        "telefonoOficina": {"telefono": "", "extension": ""},
        "domicilioMexico": _address(official),
        "aclaracionesObservaciones": "",
    }


def _experiencia(official: Official, before: date | None) -> dict:
    if official.previous_job is None:
        return {"ninguno": True, "aclaracionesObservaciones": ""}
    sector, ente, puesto, start, end = official.previous_job
    item: dict = {"tipoOperacion": _op(end, before)}
    if sector == "PUB":
        item |= {
            "ambitoSector": cv("PUB", "PÚBLICO"),
            "nivelOrdenGobierno": "ESTATAL",
            "ambitoPublico": "EJECUTIVO",
            "nombreEntePublico": ente,
            "areaAdscripcion": "Dirección de Administración",
            "empleoCargoComision": puesto,
            "funcionPrincipal": "Administrar recursos",
        }
    else:
        item |= {
            "ambitoSector": cv("PRV", "PRIVADO"),
            "nombreEmpresaSociedadAsociacion": ente,
            "rfc": "",
            "area": "Administración",
            "puesto": puesto,
            "sector": cv("SPRO", "SERVICIOS PROFESIONALES, CIENTÍFICOS Y TÉCNICOS"),
        }
    item |= {"fechaIngreso": str(start), "fechaEgreso": str(end), "ubicacion": "MX"}
    return {"ninguno": False, "experiencia": [item], "aclaracionesObservaciones": ""}


def _pareja(official: Official) -> dict:
    spouse = official.spouse
    if spouse is None:
        return {"ninguno": True, "aclaracionesObservaciones": ""}
    works = official.spouse_income > 0
    return {
        "ninguno": False,
        "nombre": spouse.first,
        "primerApellido": spouse.surname,
        "segundoApellido": spouse.second,
        "fechaNacimiento": str(spouse.born),
        "rfc": spouse.rfc,
        "relacionConDeclarante": "CÓNYUGE",
        "ciudadanoExtranjero": False,
        "curp": spouse.curp,
        "esDependienteEconomico": not works,
        "habitaDomicilioDeclarante": True,
        "lugarDondeReside": "MÉXICO",
        "actividadLaboral": cv("PRI", "PRIVADO") if works else cv("NIN", "NINGUNO"),
        "aclaracionesObservaciones": "",
    }


def _dependientes(official: Official) -> dict:
    if not official.dependents:
        return {"ninguno": True, "aclaracionesObservaciones": ""}
    items = [
        {
            "nombre": child.first,
            "primerApellido": child.surname,
            "segundoApellido": child.second,
            "fechaNacimiento": str(child.born),
            "rfc": "",
            "parentescoRelacion": cv("HIJ", "HIJO(A)"),
            "extranjero": False,
            "curp": child.curp,
            "habitaDomicilioDeclarante": True,
            "lugarDondeReside": "MÉXICO",
            "actividadLaboral": cv("NIN", "NINGUNO"),
        }
        for child in official.dependents
    ]
    return {"ninguno": False, "dependienteEconomico": items, "aclaracionesObservaciones": ""}
