"""Names shared by every Mexico City file: alcaldías, transport lines and station keys.

- FGJ writes alcaldías in upper case without accents (``CUAUHTEMOC``, ``GUSTAVO A MADERO``);
  :func:`alcaldia` gives the official name (``Cuauhtémoc``, ``Gustavo A. Madero``) for the 16
  alcaldías and leaves anything else (``CDMX (INDETERMINADA)``, a municipio of the Estado de
  México) as published.
- Ridership files label lines ``Línea 1``, ``linea 1``, ``linea_ 1``, ``Linea A``, ``L1``;
  :func:`line_label` gives ``1``, ``A``. A named service keeps its name (``Línea 1 Nochebús`` →
  ``1 Nochebús``); a description in brackets is dropped (``Línea 10 (Trolebús elevado)`` →
  ``10``).
- :func:`station_key` is the join key between the station layer and ridership: lower case, no
  accents, no punctuation (``Pino SuÃ¡rez`` must be repaired first; see ``kit.cdmx._csv``).
"""

from __future__ import annotations

import re
import unicodedata

from kit.care.alcaldias import ALCALDIAS as CODES_TO_NAMES

__all__ = ["ALCALDIAS", "CLAVES_INEGI", "alcaldia", "line_label", "plain", "station_key"]

#: The 16 alcaldías: official name -> INEGI municipal key (entity 09), from the one list of the kit.
CLAVES_INEGI = {name: code for code, name in CODES_TO_NAMES.items()}


def plain(text: str) -> str:
    """Lower case, no accents, letters and digits separated by single spaces."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


def _alcaldia_keys() -> dict[str, str]:
    keys = {plain(name): name for name in CLAVES_INEGI}
    keys["magdalena contreras"] = "La Magdalena Contreras"
    keys["cuajimalpa"] = "Cuajimalpa de Morelos"
    keys["gustavo a madero"] = "Gustavo A. Madero"
    return keys


_ALCALDIA_KEYS = _alcaldia_keys()
#: The 16 official names in alphabetical order (accents ignored).
ALCALDIAS = tuple(sorted(CLAVES_INEGI, key=plain))


def alcaldia(name: str | None) -> str | None:
    """The official name of an alcaldía as FGJ (or anyone) spells it; other values unchanged."""
    if name is None or not str(name).strip():
        return None
    return _ALCALDIA_KEYS.get(plain(str(name)), str(name).strip())


_LINE_PREFIX = re.compile(r"^(?:l[ií]nea|linea|l)[\s_.:-]*", re.IGNORECASE)
_BRACKETS = re.compile(r"\s*\(.*?\)\s*")


def line_label(label: str | None) -> str | None:
    """``Línea 1`` / ``linea_ 1`` / ``L1`` → ``1``; ``Linea a`` → ``A``; ``linea_ 1_nochebus``
    → ``1 Nochebús``; ``Línea 10 (Trolebús elevado)`` → ``10``. Empty stays None."""
    if label is None or not str(label).strip():
        return None
    text = _BRACKETS.sub(" ", str(label)).replace("_", " ").strip()
    text = _LINE_PREFIX.sub("", text).strip()
    code, _, rest = text.partition(" ")
    code = code.upper()
    if code.isdigit():
        code = str(int(code))
    rest = rest.strip()
    if plain(rest) == "nochebus":
        rest = "Nochebús"
    return f"{code} {rest}" if rest else code


def station_key(name: str | None) -> str | None:
    """The key that joins a station's name across files: ``Gómez Farías`` → ``gomez farias``."""
    if name is None or not str(name).strip():
        return None
    return plain(str(name)) or None
