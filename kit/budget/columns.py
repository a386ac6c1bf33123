"""The headers Hacienda publishes and the tidy columns :func:`kit.budget.read.read_budget` returns.

Each tidy column is found in a file by any of its published names (case, accents, a BOM and
spaces do not matter), so every documented variant is read by name, not by position:

- **Cuenta Pública 2020-2024** (``cuenta_publica_<año>_gf_ecd_epe.csv``, Latin-1, 32 columns):
  ``CICLO`` (``Ciclo`` from 2022), ``ID_RAMO``, ``DESC_RAMO``, ``ID_UR``, ``DESC_UR``,
  ``GPO_FUNCIONAL``, ``DESC_GPO_FUNCIONAL``, ``ID_FUNCION``, ``DESC_FUNCION``, ``ID_SUBFUNCION``,
  ``DESC_SUBFUNCION``, ``ID_AI``, ``DESC_AI``, ``ID_MODALIDAD``, ``DESC_MODALIDAD``, ``ID_PP``,
  ``DESC_PP``, ``ID_OBJETO_DEL_GASTO``, ``DESC_OBJETO_DEL_GASTO``, ``ID_TIPOGASTO``,
  ``DESC_TIPOGASTO``, ``ID_FF``, ``DESC_FF``, ``ID_ENTIDAD_FEDERATIVA``, ``ENTIDAD_FEDERATIVA``,
  ``ID_CLAVE_CARTERA``, ``MONTO_APROBADO``, ``MONTO_MODIFICADO``, ``MONTO_DEVENGADO``,
  ``MONTO_PAGADO``, ``ADEFAS``, ``EJERCICIO`` (``MONTO_EJERCIDO`` in 2024).
- **Cuenta Pública 2025, short names**: ``Ciclo``, ``R``, ``RAMO_DESC``, ``UR``, ``UR_DESC``,
  ``FI``, ``FIN_DESC``, ``FU``, ``FUN_DESC``, ``SF``, ``SF_DESC``, ``AI``, ``AI_DESC``, ``MOD``,
  ``MOD_DESC``, ``PP``, ``PP_DESC``, ``PTDA``, ``PTDA_DESC``, ``TG``, ``TG_DESC``, ``FF``,
  ``FF_DESC``, ``EF``, ``EF_DESC``, ``PPI``, ``Original_Bruto``, ``Modificado_Bruto``,
  ``Devengado``, ``Pagado``, ``Adefas``, ``Ejercido_Bruto``. Names ending ``_descripción``
  (``R_descripción``…) and ``Original``/``Ejercicio``, seen in an older export, are read too.
- **Cuenta Pública 2008-2017** and the **PEF** (approved budget, ``PEF_<año>.csv``): the
  classification by chapter ``ID_CAPITULO``, ``DESC_CAPITULO``, ``ID_CONCEPTO``…,
  ``ID_PARTIDA_ESPECIFICA``; amounts ``MONTO_APROBADO`` (PEF up to 2023, ``MONTO_PEF_<año>``
  from 2024), ``MONTO_MODIFICADO``, ``MONTO_EJERCIDO`` (to 2012) or ``MONTO_EJERCICIO``.
- **Avance del ejercicio** (``pef_ac01_avance_<t>t_<año>.csv``): ``MONTO_APROBADO``,
  ``MONTO_MODIFICADO``, ``MONTO_PAGADO`` (and a monthly calendar column that is not read).

A proposal (PPEF, ``MONTO_PROYECTO``) is not an approved budget and is refused.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "AMOUNTS",
    "CAPITULOS",
    "CICLO",
    "COLUMNS",
    "FIELDS",
    "LAYOUTS",
    "REQUIRED",
    "TEXT",
    "Field",
    "find",
    "is_proposal",
    "key",
    "layout",
    "published_name",
]


@dataclass(frozen=True)
class Field:
    """A tidy column and the header names Hacienda has published it under (first: usual one)."""

    name: str
    headers: tuple[str, ...]


#: Text columns of the tidy table, each with its published names (normalised by :func:`key`).
TEXT: tuple[Field, ...] = (
    Field("ramo", ("ID_RAMO", "R")),
    Field("desc_ramo", ("DESC_RAMO", "RAMO_DESC", "R_DESCRIPCION")),
    Field("ur", ("ID_UR", "UR")),
    Field("desc_ur", ("DESC_UR", "UR_DESC", "UR_DESCRIPCION")),
    Field("finalidad", ("GPO_FUNCIONAL", "FI")),
    Field("desc_finalidad", ("DESC_GPO_FUNCIONAL", "FIN_DESC", "FI_DESCRIPCION")),
    Field("funcion", ("ID_FUNCION", "FUNCION", "FU")),
    Field("desc_funcion", ("DESC_FUNCION", "FUN_DESC", "FU_DESCRIPCION")),
    Field("subfuncion", ("ID_SUBFUNCION", "SUBFUNCION", "SF")),
    Field("desc_subfuncion", ("DESC_SUBFUNCION", "SF_DESC", "SF_DESCRIPCION")),
    Field("ai", ("ID_AI", "AI")),
    Field("desc_ai", ("DESC_AI", "AI_DESC", "AI_DESCRIPCION")),
    Field("modalidad", ("ID_MODALIDAD", "MODALIDAD", "MOD", "M")),
    Field("desc_modalidad", ("DESC_MODALIDAD", "MOD_DESC", "M_DESCRIPCION")),
    Field("pp", ("ID_PP", "PP")),
    Field("desc_pp", ("DESC_PP", "PP_DESC", "PP_DESCRIPCION")),
    Field(
        "partida",
        ("ID_OBJETO_DEL_GASTO", "OBJETO_DEL_GASTO", "PTDA", "ID_PARTIDA_ESPECIFICA"),
    ),
    Field(
        "desc_partida",
        ("DESC_OBJETO_DEL_GASTO", "PTDA_DESC", "PTDA_DESCRIPCION", "DESC_PARTIDA_ESPECIFICA"),
    ),
    Field("capitulo", ("ID_CAPITULO",)),
    Field("desc_capitulo", ("DESC_CAPITULO",)),
    Field("tipo_gasto", ("ID_TIPOGASTO", "TIPOGASTO", "TG")),
    Field("desc_tipo_gasto", ("DESC_TIPOGASTO", "TG_DESC", "TG_DESCRIPCION")),
    Field("ff", ("ID_FF", "FF")),
    Field("desc_ff", ("DESC_FF", "FF_DESC", "FF_DESCRIPCION")),
    Field("entidad", ("ID_ENTIDAD_FEDERATIVA", "EF")),
    Field(
        "desc_entidad",
        ("ENTIDAD_FEDERATIVA", "DESC_ENTIDAD_FEDERATIVA", "EF_DESC", "EF_DESCRIPCION"),
    ),
    Field("cartera", ("ID_CLAVE_CARTERA", "CLAVE_CARTERA", "PPI")),
)

#: Amount columns (pesos), each with its published names. ``MONTO_PEF_<año>`` is aprobado too.
AMOUNTS: tuple[Field, ...] = (
    Field("aprobado", ("MONTO_APROBADO", "ORIGINAL_BRUTO", "ORIGINAL")),
    Field("modificado", ("MONTO_MODIFICADO", "MODIFICADO_BRUTO", "MODIFICADO")),
    Field("devengado", ("MONTO_DEVENGADO", "DEVENGADO")),
    Field("pagado", ("MONTO_PAGADO", "PAGADO")),
    Field("adefas", ("ADEFAS", "MONTO_ADEFAS")),
    Field("ejercido", ("EJERCICIO", "MONTO_EJERCIDO", "MONTO_EJERCICIO", "EJERCIDO_BRUTO")),
)

CICLO = Field("ciclo", ("CICLO",))
FIELDS: tuple[Field, ...] = (CICLO, *TEXT, *AMOUNTS)
#: Without these a file cannot be summed by programme and year.
REQUIRED = ("ciclo", "ramo", "ur", "modalidad", "pp", "aprobado")

#: Every column of the tidy table, in order (``programa`` is modalidad + ``pp``: ``E001``).
COLUMNS: tuple[str, ...] = (
    "ciclo",
    *[f.name for f in TEXT[:15]],
    "programa",
    *[f.name for f in TEXT[15:]],
    *[f.name for f in AMOUNTS],
    "archivo",
    "formato",
)

#: The layouts, by the amounts they publish, with the header a person should look for.
LAYOUTS = {
    "cuenta_publica": "Cuenta Pública (CICLO, ID_RAMO, ID_UR, ID_MODALIDAD, ID_PP, "
    "ID_OBJETO_DEL_GASTO, MONTO_APROBADO, MONTO_MODIFICADO, MONTO_DEVENGADO, MONTO_PAGADO, "
    "ADEFAS, EJERCICIO)",
    "avance": "Avance del ejercicio (CICLO, ID_RAMO, ID_UR, ID_MODALIDAD, ID_PP, "
    "MONTO_APROBADO, MONTO_MODIFICADO, MONTO_PAGADO)",
    "pef": "PEF aprobado (CICLO, ID_RAMO, ID_UR, ID_MODALIDAD, ID_PP, ID_CAPITULO, "
    "MONTO_APROBADO o MONTO_PEF_<año>)",
}

#: Chapters of the Clasificador por Objeto del Gasto (CONAC): the first digit of a partida.
CAPITULOS = {
    "1000": "Servicios personales",
    "2000": "Materiales y suministros",
    "3000": "Servicios generales",
    "4000": "Transferencias, asignaciones, subsidios y otras ayudas",
    "5000": "Bienes muebles, inmuebles e intangibles",
    "6000": "Inversión pública",
    "7000": "Inversiones financieras y otras provisiones",
    "8000": "Participaciones y aportaciones",
    "9000": "Deuda pública",
}

_PEF_AMOUNT = re.compile(r"MONTO_PEF_\d{4}")
_SPACES = re.compile(r"\s+")


def key(name: str) -> str:
    """A header as compared: no BOM, accents or surrounding spaces, upper case, ``_`` for spaces."""
    plain = unicodedata.normalize("NFKD", name.replace("\ufeff", "")).encode("ascii", "ignore")
    return _SPACES.sub("_", plain.decode().strip()).upper()


def find(header: list[str]) -> dict[str, int]:
    """Position in ``header`` of every tidy column the file publishes (first match wins)."""
    keys = [key(name) for name in header]
    found: dict[str, int] = {}
    for field in FIELDS:
        for name in field.headers:
            if name in keys:
                found[field.name] = keys.index(name)
                break
    if "aprobado" not in found:
        pef = [i for i, name in enumerate(keys) if _PEF_AMOUNT.fullmatch(name)]
        if pef:
            found["aprobado"] = pef[0]
    return found


def layout(found: dict[str, int]) -> str:
    """Which layout the amounts a file publishes make it: a key of :data:`LAYOUTS`."""
    if "modificado" in found and ("ejercido" in found or "devengado" in found):
        return "cuenta_publica"
    if "modificado" in found and "pagado" in found:
        return "avance"
    return "pef"


def is_proposal(header: list[str]) -> bool:
    """A PPEF (budget proposal) file: ``MONTO_PROYECTO`` and no approved amount."""
    return "MONTO_PROYECTO" in {key(name) for name in header}


def published_name(field: str) -> str:
    """The usual published header of a tidy column (for messages)."""
    return next(f.headers[0] for f in FIELDS if f.name == field)
