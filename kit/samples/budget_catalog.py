"""What the budget sample is made of: five real ramos, invented units and programmes.

Ramo numbers and names, the functional classification (finalidad, función, subfunción), the
modalidades, the chapters and partidas of the Clasificador por Objeto del Gasto, types of
spending, sources of funds and states follow the published catalogues. Units (UR) are generic
and every programme is invented, marked ``(muestra)``, except the two overhead programmes every
ramo has (``M001`` and ``O001``), whose generic names are kept on purpose: the same key in
every ramo is a lesson of its own. ``E010`` exists in two ramos for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ENTIDADES",
    "FINALIDADES",
    "MODALIDADES",
    "PARTIDAS",
    "PROGRAMS",
    "RAMOS",
    "Program",
    "Ramo",
    "ramo_name",
]


@dataclass(frozen=True)
class Ramo:
    """A ramo, its units, and its functional home (finalidad, función, "other" subfunción)."""

    id: str
    names: tuple[tuple[int, str], ...]  # (first year, name), the latest first year wins
    units: dict[str, str]
    finalidad: str
    funcion: str
    other: str


@dataclass(frozen=True)
class Program:
    """An invented programme: ramo, modalidad + number, name, subfunción, units, size."""

    ramo: str
    modalidad: str
    pp: int
    name: str
    subfuncion: str
    units: tuple[str, ...]
    size: float  # approved 2019, millions of pesos
    first: int = 2019
    last: int = 2024

    @property
    def key(self) -> str:
        return f"{self.ramo}-{self.modalidad}{self.pp:03d}"

    @property
    def programa(self) -> str:
        return f"{self.modalidad}{self.pp:03d}"


_ADMIN = {"700": "Unidad de Administración y Finanzas", "112": "Órgano Interno de Control"}

RAMOS = {
    "09": Ramo(
        "09",
        ((2019, "Comunicaciones y Transportes"),
         (2021, "Infraestructura, Comunicaciones y Transportes")),
        {"210": "Unidad de Infraestructura Carretera", "211": "Unidad de Caminos Rurales",
         "212": "Unidad de Transporte Ferroviario", "213": "Unidad de Puertos", **_ADMIN},
        "3", "5", "6",
    ),
    "11": Ramo(
        "11", ((2019, "Educación Pública"),),
        {"310": "Unidad de Educación Básica", "311": "Unidad de Educación Media Superior",
         "312": "Unidad de Educación Superior", "313": "Coordinación de Becas", **_ADMIN},
        "2", "5", "6",
    ),
    "12": Ramo(
        "12", ((2019, "Salud"),),
        {"310": "Unidad de Atención Médica", "311": "Unidad de Prevención y Promoción de la Salud",
         "312": "Unidad de Infraestructura en Salud", "313": "Unidad de Regulación Sanitaria",
         **_ADMIN},
        "2", "3", "4",
    ),
    "20": Ramo(
        "20", ((2019, "Bienestar"),),
        {"210": "Unidad de Pensiones", "211": "Unidad de Becas y Apoyos",
         "212": "Unidad de Proyectos Comunitarios", **_ADMIN},
        "2", "6", "9",
    ),
    "36": Ramo(
        "36", ((2019, "Seguridad y Protección Ciudadana"),),
        {"210": "Unidad de Operación Policial", "211": "Unidad del Sistema Penitenciario",
         "212": "Unidad de Protección Civil", "213": "Unidad de Coordinación con Municipios",
         **_ADMIN},
        "1", "7", "3",
    ),
}  # fmt: skip

#: finalidad -> (name, {función -> (name, {subfunción -> name})}) (CONAC functional classes).
FINALIDADES = {
    "1": ("Gobierno", {
        "2": ("Justicia", {"3": "Reclusión y Readaptación Social"}),
        "7": ("Asuntos de Orden Público y de Seguridad Interior", {
            "1": "Policía", "2": "Protección Civil",
            "3": "Otros Asuntos de Orden Público y Seguridad",
            "4": "Sistema Nacional de Seguridad Pública"}),
    }),
    "2": ("Desarrollo Social", {
        "3": ("Salud", {
            "1": "Prestación de Servicios de Salud a la Comunidad",
            "2": "Prestación de Servicios de Salud a la Persona",
            "3": "Generación de Recursos para la Salud",
            "4": "Rectoría del Sistema de Salud"}),
        "5": ("Educación", {
            "1": "Educación Básica", "2": "Educación Media Superior", "3": "Educación Superior",
            "5": "Educación para Adultos",
            "6": "Otros Servicios Educativos y Actividades Inherentes"}),
        "6": ("Protección Social", {
            "2": "Edad Avanzada", "3": "Familia e Hijos", "8": "Otros Grupos Vulnerables",
            "9": "Otros de Seguridad Social y Asistencia Social"}),
    }),
    "3": ("Desarrollo Económico", {
        "5": ("Transporte", {
            "1": "Transporte por Carretera", "2": "Transporte por Agua y Puertos",
            "3": "Transporte por Ferrocarril", "6": "Otros Relacionados con Transporte"}),
    }),
}  # fmt: skip

MODALIDADES = {
    "S": "Sujetos a Reglas de Operación",
    "U": "Otros Subsidios",
    "E": "Prestación de Servicios Públicos",
    "B": "Provisión de Bienes Públicos",
    "P": "Planeación, seguimiento y evaluación de políticas públicas",
    "G": "Regulación y supervisión",
    "K": "Proyectos de Inversión",
    "M": "Apoyo al proceso presupuestario y para mejorar la eficiencia institucional",
    "O": "Apoyo a la función pública y al mejoramiento de la gestión",
}

#: partida -> name (Clasificador por Objeto del Gasto). The chapter is the first digit.
PARTIDAS = {
    "11301": "Sueldos base",
    "15402": "Compensación garantizada",
    "21101": "Materiales y útiles de oficina",
    "25301": "Medicinas y productos farmacéuticos",
    "26103": "Combustibles, lubricantes y aditivos para vehículos destinados a servicios "
    "administrativos",
    "31101": "Servicio de energía eléctrica",
    "33104": "Otras asesorías para la operación de programas",
    "35801": "Servicios de lavandería, limpieza e higiene",
    "43401": "Subsidios a la prestación de servicios públicos",
    "43801": "Subsidios a Entidades Federativas y Municipios",
    "44106": "Compensaciones por servicios de carácter social",
    "44201": "Becas y otras ayudas para programas de capacitación",
    "53101": "Equipo médico y de laboratorio",
    "55101": "Equipo de defensa y seguridad",
    "62201": "Edificación no habitacional",
    "62501": "Construcción de vías de comunicación",
}

#: The partidas a programme of each modalidad spends on (first ones weigh more).
SPENDING = {
    "S": ("44106", "44201", "43801", "33104", "21101"),
    "U": ("43801", "43401", "33104", "21101"),
    "E": ("11301", "15402", "21101", "31101", "33104", "35801"),
    "B": ("25301", "21101", "33104"),
    "P": ("11301", "33104", "21101"),
    "G": ("11301", "26103", "33104"),
    "K": ("62501", "62201", "33104"),
    "M": ("11301", "15402", "21101", "31101", "35801"),
    "O": ("11301", "33104"),
}

ENTIDADES = {
    "7": "Chiapas",
    "9": "Ciudad de México",
    "14": "Jalisco",
    "15": "México",
    "19": "Nuevo León",
    "20": "Oaxaca",
    "21": "Puebla",
    "30": "Veracruz de Ignacio de la Llave",
    "34": "No Distribuible Geográficamente",
}

TIPOS_GASTO = {
    "1": "Gasto corriente",
    "2": "Gasto de capital diferente de obra pública",
    "3": "Gasto de obra pública",
    "7": "Gasto corriente por concepto de gastos indirectos de programas de subsidios",
}
FUENTES = {"1": "Recursos fiscales", "4": "Ingresos propios"}


def _p(ramo: str, key: str, name: str, sub: str, units: str, size: float, **years: int) -> Program:
    return Program(ramo, key[0], int(key[1:]), name, sub, tuple(units.split()), size, **years)


PROGRAMS: tuple[Program, ...] = (
    # 09 Infraestructura, Comunicaciones y Transportes
    _p("09", "K003", "Proyectos de Construcción de Carreteras (muestra)", "1", "210", 24_000),
    _p("09", "K031", "Proyectos de Construcción de Caminos Rurales (muestra)", "1", "211", 9_500),
    _p("09", "E017", "Conservación de Infraestructura Carretera (muestra)", "1", "210 211", 7_200),
    _p("09", "K040", "Proyectos Ferroviarios de Carga y Pasajeros (muestra)", "3", "212", 14_000),
    _p("09", "G004", "Supervisión y Verificación del Transporte (muestra)", "1", "210", 1_100),
    _p("09", "E028", "Operación de Puertos y Marina Mercante (muestra)", "2", "213", 2_300),
    _p("09", "S071", "Programa de Empleo Temporal en Caminos (muestra)", "1", "211", 1_600),
    _p("09", "P001", "Conducción de la Política de Transportes (muestra)", "6", "210", 650),
    _p("09", "M001", "Actividades de apoyo administrativo", "6", "700", 3_900),
    _p("09", "O001", "Actividades de apoyo a la función pública y buen gobierno", "6", "112", 160),
    # 11 Educación Pública
    _p("11", "S243", "Programa de Becas de Educación Básica (muestra)", "1", "313", 28_000,
       last=2020),
    _p("11", "S247", "Programa de Desarrollo Profesional Docente (muestra)", "6", "310", 1_900),
    _p("11", "S072", "Programa de Becas de Educación Media Superior (muestra)", "2", "313",
       31_000),
    _p("11", "E010", "Servicios de Educación Superior y Posgrado (muestra)", "3", "312",
       42_000),
    _p("11", "E007", "Servicios de Educación Media Superior (muestra)", "2", "311", 36_000),
    _p("11", "E064", "Educación para Adultos (muestra)", "5", "310", 2_600),
    _p("11", "S270", "Programa Nacional de Inglés en la Escuela (muestra)", "1", "310", 850),
    _p("11", "U080", "Apoyos a Centros y Organizaciones de Educación (muestra)", "6", "311",
       5_400),
    _p("11", "K009", "Proyectos de Infraestructura Educativa (muestra)", "1", "310 311", 3_300),
    _p("11", "P001", "Diseño de la Política Educativa (muestra)", "6", "310", 1_200),
    _p("11", "M001", "Actividades de apoyo administrativo", "6", "700", 6_800),
    _p("11", "O001", "Actividades de apoyo a la función pública y buen gobierno", "6", "112", 240),
    # 12 Salud
    _p("12", "E023", "Atención a la Salud en Hospitales Federales (muestra)", "2", "310",
       52_000),
    _p("12", "S200", "Fortalecimiento de la Atención Médica Rural (muestra)", "2", "310", 1_400),
    _p("12", "E036", "Programa de Vacunación (muestra)", "1", "311", 2_700),
    _p("12", "P018", "Prevención y Control de Enfermedades (muestra)", "1", "311", 4_100),
    _p("12", "E010", "Formación de Recursos Humanos para la Salud (muestra)", "3", "310", 4_900),
    _p("12", "S039", "Atención a Personas con Discapacidad (muestra)", "2", "310", 180),
    _p("12", "G005", "Regulación y Vigilancia Sanitaria (muestra)", "4", "313", 1_250),
    _p("12", "K011", "Proyectos de Infraestructura de Salud (muestra)", "3", "312", 6_200),
    _p("12", "U013", "Equipamiento de Unidades Médicas (muestra)", "2", "312 310", 3_600),
    _p("12", "M001", "Actividades de apoyo administrativo", "4", "700", 5_100),
    _p("12", "O001", "Actividades de apoyo a la función pública y buen gobierno", "4", "112", 190),
    # 20 Bienestar
    _p("20", "S176", "Pensión para Personas Adultas Mayores (muestra)", "2", "210", 100_000),
    _p("20", "S286", "Pensión para Personas con Discapacidad (muestra)", "8", "210", 8_500),
    _p("20", "S287", "Programa de Becas para Jóvenes en Formación (muestra)", "8", "211", 11_000,
       first=2021),
    _p("20", "S174", "Apoyo para el Bienestar de Niñas y Niños (muestra)", "3", "211", 2_100),
    _p("20", "S070", "Programa de Coinversión Comunitaria (muestra)", "8", "212", 160),
    _p("20", "U010", "Proyectos Productivos Comunitarios (muestra)", "8", "212", 15_000),
    _p("20", "E003", "Servicios a Grupos con Necesidades de Protección (muestra)", "8", "211",
       420),
    _p("20", "P002", "Coordinación de Programas para el Bienestar (muestra)", "9", "210", 900),
    _p("20", "M001", "Actividades de apoyo administrativo", "9", "700", 2_400),
    _p("20", "O001", "Actividades de apoyo a la función pública y buen gobierno", "9", "112", 110),
    # 36 Seguridad y Protección Ciudadana
    _p("36", "E903", "Operativos para la Prevención del Delito (muestra)", "1", "210", 3_100),
    _p("36", "E904", "Administración del Sistema Penitenciario (muestra)", "3", "211", 16_500),
    _p("36", "U007", "Subsidios para la Seguridad Municipal (muestra)", "4", "213", 4_000),
    _p("36", "E002", "Protección Civil y Gestión de Riesgos (muestra)", "2", "212", 540),
    _p("36", "P021", "Políticas de Seguridad Pública (muestra)", "4", "213", 870),
    _p("36", "K023", "Proyectos de Infraestructura Penitenciaria (muestra)", "3", "211", 1_300),
    _p("36", "M001", "Actividades de apoyo administrativo", "3", "700", 2_900),
    _p("36", "O001", "Actividades de apoyo a la función pública y buen gobierno", "3", "112", 95),
)  # fmt: skip


def ramo_name(ramo: str, year: int) -> str:
    """The ramo's published name in ``year`` (ramo 09 was renamed in 2021)."""
    return [name for first, name in RAMOS[ramo].names if first <= year][-1]


def funcion_of(program: Program) -> tuple[str, str, str]:
    """(finalidad, función, subfunción) codes of a programme."""
    ramo = RAMOS[program.ramo]
    if program.ramo == "36" and program.subfuncion == "3" and program.modalidad in "EK":
        return "1", "2", "3"  # penitentiary: Justicia / Reclusión y Readaptación Social
    return ramo.finalidad, ramo.funcion, program.subfuncion
