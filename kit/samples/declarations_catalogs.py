"""Catalogs of the declarations sample: posts, areas and the PDN's coded values (clave, valor).

The coded values follow the PDN data specifications (S1 declaraciones v2 of the DOF 2019
formats, S2 v1.1, S3 servidores and particulares): the same claves a real file carries, so a
reader written on the sample works on a download.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AREAS",
    "BIRTH_STATES",
    "ENTIDAD",
    "FALTAS_PARTICULAR",
    "FALTAS_SERVIDOR",
    "GENERO",
    "NIVEL_RESPONSABILIDAD",
    "POSTS",
    "RAMOS",
    "SANCIONES_PARTICULAR",
    "SANCIONES_SERVIDOR",
    "TIPO_AREA",
    "TIPO_PROCEDIMIENTO",
    "Post",
    "cv",
]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def cv(clave: object, valor: str) -> dict[str, object]:
    """A coded value as the PDN writes it."""
    return {"clave": clave, "valor": valor}


@dataclass(frozen=True)
class Post:
    """A rung of the state's salary scale: who declares in full, who takes part in purchases."""

    rank: int  # 0 = head of the institution
    name: str
    level: str  # nivel del puesto (tabulador)
    salary: int  # monthly net pay in MXN, 2021
    share: float  # share of an institution's staff
    complete: bool  # declaracionCompleta (simplified format below jefe de departamento)


POSTS = (
    Post(0, "Titular de la Dependencia", "G11", 98_000, 0.0, True),
    Post(1, "Director General", "J11", 72_000, 0.03, True),
    Post(2, "Director de Área", "M11", 48_000, 0.07, True),
    Post(3, "Subdirector de Área", "N11", 34_000, 0.12, True),
    Post(4, "Jefe de Departamento", "O11", 24_000, 0.20, True),
    Post(5, "Enlace Administrativo", "P11", 17_000, 0.15, True),
    Post(6, "Analista", "A21", 13_000, 0.23, False),
    Post(7, "Auxiliar Administrativo", "A11", 10_000, 0.20, False),
)

# area | takes part in procurement: S2 tipoArea claves ("" = not in S2)
AREAS = (
    ("Dirección de Recursos Materiales y Servicios Generales", "C RC"),
    ("Dirección Técnica", "R T"),
    ("Dirección de Administración", ""),
    ("Dirección Jurídica", ""),
    ("Dirección de Planeación y Evaluación", ""),
    ("Departamento de Adquisiciones", "C RC"),
    ("Dirección de Recursos Humanos", ""),
    ("Dirección de Obras y Mantenimiento", "RE T"),
    ("Dirección de Finanzas", ""),
    ("Órgano Interno de Control", ""),
)

TIPO_AREA = {
    "T": "TÉCNICA",
    "RE": "RESPONSABLE DE LA EJECUCIÓN",
    "RC": "RESPONSABLE DE LA CONTRATACIÓN",
    "O": "OTRA",
    "C": "CONTRATANTE",
    "R": "REQUIRENTE",
}
NIVEL_RESPONSABILIDAD = {"A": "ATENCIÓN", "T": "TRAMITACIÓN", "R": "RESOLUCIÓN", "O": "OTRO"}
TIPO_PROCEDIMIENTO = {
    1: "CONTRATACIONES PÚBLICAS",
    2: "CONCESIONES, LICENCIAS, PERMISOS, AUTORIZACIONES Y SUS PRÓRROGAS",
    3: "ENAJENACIÓN DE BIENES MUEBLES",
    4: "ASIGNACIÓN Y EMISIÓN DE DICTÁMENES DE AVALÚOS NACIONALES",
    5: "OTRO",
}
RAMOS = (
    cv(28, "Participaciones a Entidades Federativas y Municipios"),
    cv(33, "Aportaciones Federales para Entidades Federativas y Municipios"),
)
GENERO = {"M": cv("M", "MASCULINO"), "F": cv("F", "FEMENINO")}

# The fictitious state has no INEGI code; 33 is outside the real catalog (01-32) on purpose.
ENTIDAD = cv("33", "Nueva Galicia")
MUNICIPIOS = {
    "Villa de Galicia": cv("001", "Villa de Galicia"),
    "Puerto Azalea": cv("004", "Puerto Azalea"),
    "San Telmo de las Flores": cv("007", "San Telmo de las Flores"),
    "Tlalmira": cv("010", "Tlalmira"),
    "Ocotal": cv("012", "Ocotal"),
}

#: Two-letter state codes of the CURP (RENAPO), where people were born.
BIRTH_STATES = _words(
    "AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ "
    "YN ZS"
)

# S3 servidores: tipoFalta clave | valor | causa (causaMotivoHechos)
FALTAS_SERVIDOR = (
    ("VPC", "VIOLACIÓN PROCEDIMIENTOS DE CONTRATACIÓN", "ADJUDICÓ SIN CUMPLIR LOS REQUISITOS"),
    ("ABCI", "ACTUACIÓN BAJO CONFLICTO DE INTERÉS", "INTERVINO EN UNA CONTRATACIÓN CON INTERÉS"),
    ("NAD", "NEGLIGENCIA ADMINISTRATIVA", "OMITIÓ SUPERVISAR LA ENTREGA DE BIENES"),
    ("IDSP", "INCUMPLIMIENTO EN DECLARACIÓN DE SITUACIÓN PATRIMONIAL", "DECLARACIÓN EXTEMPORÁNEA"),
    ("AUT", "ABUSO DE AUTORIDAD", "USO INDEBIDO DE SUS ATRIBUCIONES"),
    ("CEX", "COHECHO O EXTORSIÓN", "SOLICITÓ UN BENEFICIO A UN PROVEEDOR"),
    ("DRP", "DESVÍO DE RECURSOS PÚBLICOS", "PAGOS POR BIENES NO ENTREGADOS"),
    ("EOCI", "ENRIQUECIMIENTO OCULTO U OCULTAMIENTO DE CONFLICTO DE INTERÉS", "OMITIÓ DECLARAR"),
)
FALTAS_PARTICULAR = (
    "PROPORCIONÓ INFORMACIÓN FALSA EN UN PROCEDIMIENTO DE CONTRATACIÓN",
    "NO FORMALIZÓ EL CONTRATO ADJUDICADO",
    "NO ENTREGÓ LOS BIENES EN EL PLAZO PACTADO",
    "COLUSIÓN CON OTROS LICITANTES",
)
SANCIONES_SERVIDOR = {
    "I": "INHABILITADO",
    "M": "MULTADO",
    "S": "SUSPENSIÓN DEL EMPLEO, CARGO O COMISIÓN",
    "D": "DESTITUCIÓN DEL EMPLEO, CARGO O COMISIÓN",
    "A": "AMONESTACIÓN",
}
SANCIONES_PARTICULAR = {"I": "INHABILITADO", "M": "MULTADO", "A": "AMONESTACIÓN"}

ESCOLARIDAD = (
    (cv("BCH", "BACHILLERATO"), "BACHILLERATO GENERAL"),
    (cv("LIC", "LICENCIATURA"), "ADMINISTRACIÓN"),
    (cv("LIC", "LICENCIATURA"), "CONTADURÍA PÚBLICA"),
    (cv("LIC", "LICENCIATURA"), "DERECHO"),
    (cv("LIC", "LICENCIATURA"), "INGENIERÍA CIVIL"),
    (cv("LIC", "LICENCIATURA"), "ECONOMÍA"),
    (cv("MAE", "MAESTRÍA"), "ADMINISTRACIÓN PÚBLICA"),
)
SECTORES = (
    cv("COMS", "COMERCIO AL POR MAYOR"),
    cv("CONS", "CONSTRUCCIÓN"),
    cv("SPRO", "SERVICIOS PROFESIONALES, CIENTÍFICOS Y TÉCNICOS"),
    cv("AGRI", "AGRICULTURA"),
    cv("SALU", "SERVICIOS DE SALUD Y ASISTENCIA SOCIAL"),
)
TIPO_PARTICIPACION = (cv("SOCI", "SOCIO"), cv("ACCI", "ACCIONISTA"))
