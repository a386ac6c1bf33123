"""Which FGJ crime names are crimes against a passenger of public transport, and of which system.

FGJ has no "place" column: the transport system is only in the crime's name
(``ROBO A PASAJERO A BORDO DE METROBUS SIN VIOLENCIA``). :func:`transport_of` reads it with one
rule: **the name must place the victim as a passenger** (``A PASAJERO``, ``A BORDO DE``, or in a
passenger terminal) **of a named mode**. Therefore, on purpose:

- ``PERDIDA DE LA VIDA POR SUICIDIO EN EL METRO`` is not a crime against a passenger (FGJ files
  it as a non-criminal fact): None;
- ``ROBO A TRANSEUNTE CONDUCTOR DE TAXI ...`` (the driver is the victim), ``ROBO DE VEHICULO DE
  SERVICIO DE TRANSPORTE`` (the vehicle is stolen), ``ATAQUE A LAS VIAS DE COMUNICACION (DAÑO A
  VIAS O MEDIOS DE TRANSPORTE)`` and ``ROBO A PASAJERO / CONDUCTOR DE VEHICULO`` (a private car)
  are None;
- ``ROBO A TRANSEUNTE A BORDO DE TAXI ...`` is ``Taxi`` (a passenger on board);
- pesero, colectivo and microbús are ``Microbús``; RTP, Ecobús, autobús foráneo, Tren Suburbano,
  "transporte público" without a mode and passenger terminals are ``Otro transporte``.

Sexual crimes (``ABUSO SEXUAL``, ``ACOSO SEXUAL``) name no place: they are None here, and placed
near a station only through their coordinates (:func:`kit.cdmx.exposure.nearest_station`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kit.cdmx.text import plain

__all__ = ["SISTEMAS", "transport_of"]

#: The values of the ``transporte`` column, in this order (ridership systems first).
SISTEMAS = (
    "Metro",
    "Metrobús",
    "Trolebús",
    "Tren Ligero",
    "Cablebús",
    "Microbús",
    "Taxi",
    "Otro transporte",
)
_PASSENGER = re.compile(r"\b(pasajero|pasajeros|a bordo de)\b")
_NOT_A_PASSENGER = re.compile(r"\b(suicidio|conductor de taxi|robo de vehiculo)\b")
#: (pattern on the plain name, system): the first that matches wins; order matters (metrobus
#: before metro).
_MODES = (
    (r"\bmetrobus\b", "Metrobús"),
    (r"\bmetro\b", "Metro"),
    (r"\btrolebus\b", "Trolebús"),
    (r"\btren ligero\b", "Tren Ligero"),
    (r"\bcablebus\b", "Cablebús"),
    (r"\b(pesero|colectivo|microbus)\b", "Microbús"),
    (r"\btaxi\b", "Taxi"),
    (
        r"\b(rtp|ecobus|autobus foraneo|tren suburbano|transporte publico|terminal de pasajeros)\b",
        "Otro transporte",
    ),
)


@lru_cache(maxsize=4096)
def transport_of(delito: str | None) -> str | None:
    """The public-transport system a crime name places its victim in, or None (rule above).

    Args:
        delito: the crime's name as FGJ publishes it (accents and case do not matter).

    Returns:
        One of :data:`SISTEMAS`, or None when the name does not make the victim a passenger.
    """
    if not delito:
        return None
    name = plain(str(delito))
    if _NOT_A_PASSENGER.search(name) or not _PASSENGER.search(name):
        return None
    for pattern, system in _MODES:
        if re.search(pattern, name):
            return system
    return None
