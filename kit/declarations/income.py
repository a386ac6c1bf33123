"""Declared income (S1 ``ingresos``) brought to one yardstick: a year, in pesos.

The three declarations of the DOF 2019 formats report income over different periods, with
different field names (``PDNMX/api_docs``, ``S1/oas/OAS_API_Declaraciones_{Inicial,
Modificacion,Conclusion}.json``; the search parameter ``totalIngresosNetos`` there names the
three: ``ingresoMensualNetoDeclarante`` (INICIAL), ``ingresoAnualNetoDeclarante``
(MODIFICACIÓN), ``ingresoConclusionNetoDeclarante`` (CONCLUSIÓN)):

==============  =========================================  ========================  ==========
tipo            period of the amounts                      fields                    to a year
==============  =========================================  ========================  ==========
INICIAL         one month, at the start of the job         ``…Mensual…``             × 12
MODIFICACIÓN    1 January – 31 December of the year before  ``…Anual…``              × 1
CONCLUSIÓN      1 January – the day the job ended          ``…Conclusion…``          × days of
                                                                                     the year /
                                                                                     days covered
==============  =========================================  ========================  ==========

The conclusion's period is the DOF 2019 conclusion format's (section "Ingresos netos … entre el
1 de enero y la fecha de conclusión"); the specification's own description of that section
("para la declaración de inicio los ingresos a reportar son mensuales") is a copy of the
initial one and is not followed. The day the job ended is
``datosEmpleoCargoComision.fechaTomaPosesion``, which the conclusion format describes as "la
fecha en que inició/concluyó el encargo"; without it a conclusion's amounts are not annualised
(NaN). An annualised conclusion assumes the income was even through the year: a bonus paid at
the end of the job inflates it.

``valor_anual_mxn`` is the annual value when the currency is ``MXN``; other currencies are not
converted (no exchange rate is assumed): NaN.
"""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd

__all__ = ["CONCEPTS", "FIELDS", "PERIODS", "annual_factor"]

INICIAL, MODIFICACION, CONCLUSION = "INICIAL", "MODIFICACIÓN", "CONCLUSIÓN"

#: The period each type of declaration reports its income over.
PERIODS = {INICIAL: "mensual", MODIFICACION: "anual", CONCLUSION: "enero_a_conclusion"}

#: Income concepts whose field name depends on the type: concept -> field per type.
FIELDS = {
    "remuneracion_cargo_publico": (
        "remuneracionMensualCargoPublico",
        "remuneracionAnualCargoPublico",
        "remuneracionConclusionCargoPublico",
    ),
    "otros_ingresos_total": (
        "otrosIngresosMensualesTotal",
        "otrosIngresosAnualesTotal",
        "otrosIngresosConclusionTotal",
    ),
    "ingreso_neto_declarante": (
        "ingresoMensualNetoDeclarante",
        "ingresoAnualNetoDeclarante",
        "ingresoConclusionNetoDeclarante",
    ),
    "ingreso_neto_pareja_dependiente": (
        "ingresoMensualNetoParejaDependiente",
        "ingresoAnualNetoParejaDependiente",
        "ingresoConclusionNetoParejaDependiente",
    ),
    "total_ingresos_netos": (
        "totalIngresosMensualesNetos",
        "totalIngresosAnualesNetos",
        "totalIngresosConclusionNetos",
    ),
}
#: Concepts with the same field in every type; their amount is ``<field>.remuneracionTotal``.
#: The specification spells the first ``actividadIndustialComercialEmpresarial`` (sic); both
#: spellings are read.
SECTIONS = {
    "actividad_industrial_comercial_empresarial": (
        "actividadIndustialComercialEmpresarial",
        "actividadIndustrialComercialEmpresarial",
    ),
    "actividad_financiera": ("actividadFinanciera",),
    "servicios_profesionales": ("serviciosProfesionales",),
    "enajenacion_bienes": ("enajenacionBienes",),
    "otros_ingresos": ("otrosIngresos",),
}
#: Every concept, in the order the formats list them.
CONCEPTS = (
    "remuneracion_cargo_publico",
    "otros_ingresos_total",
    *SECTIONS,
    "ingreso_neto_declarante",
    "ingreso_neto_pareja_dependiente",
    "total_ingresos_netos",
)
_TYPES = (INICIAL, MODIFICACION, CONCLUSION)


def field(concept: str, tipo: str) -> str:
    """The field of ``concept`` in a declaration of type ``tipo``."""
    return FIELDS[concept][_TYPES.index(tipo)]


def other_fields(tipo: str) -> dict[str, str]:
    """Fields that belong to the other two types: field -> the type it belongs to."""
    return {
        names[i]: kind for names in FIELDS.values() for i, kind in enumerate(_TYPES) if kind != tipo
    }


def annual_factor(tipo: str, ended: date | pd.Timestamp | None = None) -> float:
    """What to multiply a declaration's amounts by to get a year's worth (see the module).

    Args:
        tipo: ``"INICIAL"``, ``"MODIFICACIÓN"`` or ``"CONCLUSIÓN"``.
        ended: for a conclusion, the day the job ended (NaN without it).
    """
    if tipo == INICIAL:
        return 12.0
    if tipo == MODIFICACION:
        return 1.0
    if ended is None or pd.isna(ended):
        return float("nan")
    day = ended.date() if isinstance(ended, pd.Timestamp) else ended
    covered = day.timetuple().tm_yday
    return (366 if calendar.isleap(day.year) else 365) / covered
