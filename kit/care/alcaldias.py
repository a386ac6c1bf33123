"""Mexico City's 16 alcaldías: INEGI's five-digit codes and official names, with accents.

Every reader of the ``cuidados`` track joins on ``cve_mun`` (``09002`` … ``09017``: entity ``09``
plus INEGI's three-digit municipal code) and shows :data:`ALCALDIAS`' names, so a table read
from DENUE, the census or a derived file speaks the same language. Standard library only, so the
rest of the kit can import it freely.
"""

from __future__ import annotations

import unicodedata

__all__ = ["ALCALDIAS", "CDMX", "code_of", "is_alcaldia", "name_of"]

#: INEGI's code of Mexico City as an entity (``cve_ent``).
CDMX = "09"

#: Five-digit INEGI code -> official name (Marco Geoestadístico), in code order.
ALCALDIAS: dict[str, str] = {
    "09002": "Azcapotzalco",
    "09003": "Coyoacán",
    "09004": "Cuajimalpa de Morelos",
    "09005": "Gustavo A. Madero",
    "09006": "Iztacalco",
    "09007": "Iztapalapa",
    "09008": "La Magdalena Contreras",
    "09009": "Milpa Alta",
    "09010": "Álvaro Obregón",
    "09011": "Tláhuac",
    "09012": "Tlalpan",
    "09013": "Xochimilco",
    "09014": "Benito Juárez",
    "09015": "Cuauhtémoc",
    "09016": "Miguel Hidalgo",
    "09017": "Venustiano Carranza",
}


def _plain(text: str) -> str:
    """Lower case, no accents, single spaces: 'Álvaro  Obregón' and 'alvaro obregon' match."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().replace(".", ". ").split())


_BY_NAME = {_plain(name): code for code, name in ALCALDIAS.items()}
_BY_NAME[_plain("Magdalena Contreras")] = "09008"
_BY_NAME[_plain("Cuajimalpa")] = "09004"


def is_alcaldia(code: object) -> bool:
    """Is ``code`` (``"09007"``, ``9007`` or ``"9007"``) one of the 16 alcaldías?"""
    return str(code).strip().zfill(5) in ALCALDIAS


def name_of(code: object) -> str | None:
    """The official name of an alcaldía code, or None when it is not one."""
    return ALCALDIAS.get(str(code).strip().zfill(5))


def code_of(name: str) -> str | None:
    """The code of an alcaldía name written with or without accents, or None."""
    return _BY_NAME.get(_plain(name))
