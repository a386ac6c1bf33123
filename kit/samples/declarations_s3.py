"""S3 records: sanctioned public servants and sanctioned private parties (particulares).

The layout is the PDN's S3 specification as its capture tools write it: for servants
``servidorPublicoSancionado`` (RFC with homoclave, CURP, names, genero, puesto, nivel), the fault
(``tipoFalta``), the sanctions (``tipoSancion``), the fine (``multa``) and, for disqualifications,
``inhabilitacion`` with ``plazo``, ``fechaInicial`` and ``fechaFinal``; for private parties
``particularSancionado`` (name or company name, RFC, ``tipoPersona`` F or M, address, director).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kit.samples.declarations_catalogs import (
    ENTIDAD,
    FALTAS_SERVIDOR,
    GENERO,
    MUNICIPIOS,
    SANCIONES_PARTICULAR,
    SANCIONES_SERVIDOR,
    cv,
)
from kit.samples.declarations_people import Person
from kit.samples.declarations_s1 import record_id
from kit.samples.declarations_staff import Institution

__all__ = ["Sanction", "particular_record", "servidor_record"]

CONTRALORIA = "Secretaría de la Contraloría del Estado de Nueva Galicia"
TRIBUNAL = "Tribunal de Justicia Administrativa del Estado de Nueva Galicia"
_MXN = cv("MXN", "Peso mexicano")


@dataclass
class Sanction:
    """One sanction as planned: who, where, when, what."""

    key: str  # S3-S-0001 or S3-P-0001
    person: Person | None  # a sanctioned servant
    inst: Institution
    resolved: date
    sanctions: tuple[str, ...]  # claves of SANCIONES_*
    fault: int  # index in FALTAS_SERVIDOR (servants) or FALTAS_PARTICULAR
    years: int = 0  # disqualification term
    fine: int = 0
    post: tuple[str, str] = ("", "")  # puesto, nivel
    company: tuple[str, str] | None = None  # name and RFC of a particular (moral or física)
    director: Person | None = None
    contract: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def start(self) -> date:
        return self.resolved + timedelta(days=15)

    @property
    def end(self) -> date:
        start = self.start
        return date(start.year + self.years, start.month, start.day) - timedelta(days=1)

    @property
    def expediente(self) -> str:
        number = int(self.key[-4:])
        return f"{self.inst.code}/OIC/{number:03d}/{self.resolved.year}"


def _common(s: Sanction, captured: date) -> dict:
    return {
        "id": record_id("s3", s.key),
        "fechaCaptura": str(captured),
        "expediente": s.expediente,
        "institucionDependencia": {
            "nombre": s.inst.name,
            "siglas": s.inst.code,
            "clave": s.inst.clave,
        },
    }


def _tail(s: Sanction, record: dict) -> dict:
    if "M" in s.sanctions:
        record["multa"] = {"monto": float(s.fine), "moneda": _MXN}
    if "I" in s.sanctions:
        plazo = f"{s.years} año" + ("s" if s.years > 1 else "")
        record["inhabilitacion"] = {
            "plazo": plazo,
            "fechaInicial": str(s.start),
            "fechaFinal": str(s.end),
        }
    record["observaciones"] = ""
    return record


def servidor_record(s: Sanction) -> dict:
    """The S3 record of a sanctioned servant."""
    person = s.person or Person("", "", "", "H", s.resolved)
    clave, valor, causa = FALTAS_SERVIDOR[s.fault]
    grave = "I" in s.sanctions or "D" in s.sanctions
    record = _common(s, s.resolved + timedelta(days=5 + int(s.key[-2:]) % 30))
    record |= {
        "servidorPublicoSancionado": {
            "rfc": person.rfc,
            "curp": person.curp,
            "nombres": person.first,
            "primerApellido": person.surname,
            "segundoApellido": person.second,
            "genero": GENERO[person.genero],
            "puesto": s.post[0],
            "nivel": s.post[1],
        },
        "autoridadSancionadora": TRIBUNAL if grave else f"Órgano Interno de Control, {s.inst.code}",
        "tipoFalta": {"clave": clave, "valor": valor, "descripcion": causa},
        "tipoSancion": [
            {"clave": c, "valor": SANCIONES_SERVIDOR[c], "descripcion": ""} for c in s.sanctions
        ],
        "causaMotivoHechos": causa,
        "resolucion": {"url": "", "fechaResolucion": str(s.resolved)},
    }
    return _tail(s, record)


def _names(person: Person | None) -> dict:
    if person is None:
        return {"nombres": "", "primerApellido": "", "segundoApellido": "", "curp": ""}
    return {
        "nombres": person.first,
        "primerApellido": person.surname,
        "segundoApellido": person.second,
        "curp": person.curp,
    }


def particular_record(s: Sanction, fault: str, responsible: Person) -> dict:
    """The S3 record of a sanctioned company (persona moral) or person (persona física)."""
    name, rfc = s.company or ("", "")
    kind = "M" if len(rfc) == 12 else "F"
    party = {
        "nombreRazonSocial": name,
        "objetoSocial": s.contract if kind == "M" else "",
        "rfc": rfc,
        "tipoPersona": kind,
        "telefono": "",
        "domicilioMexico": {
            "pais": cv("MX", "México"),
            "entidadFederativa": ENTIDAD,
            "municipio": MUNICIPIOS["Villa de Galicia"],
            "codigoPostal": "",
            "localidad": MUNICIPIOS["Villa de Galicia"],
            "vialidad": cv("CALLE", ""),
            "numeroExterior": "",
            "numeroInterior": "",
        },
    }
    if kind == "M":
        party["directorGeneral"] = _names(s.director)
        party["apoderadoLegal"] = _names(None)
    record = _common(s, s.resolved + timedelta(days=7 + int(s.key[-2:]) % 30))
    record |= {
        "particularSancionado": party,
        "objetoContrato": s.contract,
        "autoridadSancionadora": CONTRALORIA,
        "tipoFalta": fault,
        "tipoSancion": [
            {"clave": c, "valor": SANCIONES_PARTICULAR[c], "descripcion": ""} for c in s.sanctions
        ],
        "causaMotivoHechos": fault,
        "acto": "",
        "responsableSancion": {k: v for k, v in _names(responsible).items() if k != "curp"},
        "resolucion": {"sentido": "SANCIONATORIA", "url": "", "fechaNotificacion": str(s.resolved)},
    }
    return _tail(s, record)
