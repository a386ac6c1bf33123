"""Fictitious Mexican people, companies and their RFCs (Registro Federal de Contribuyentes).

Company names are built from invented brand words so that no real firm is named; people get
common first names and surnames, so they are never used for the planted red flags. RFCs follow
the SAT's structure (3 letters for a *persona moral*, 4 for a *persona física*, a date, a
2-character homoclave) and carry a valid SAT check digit.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from kit.samples._rng import Draw
from kit.sanctions.rfc import GENERIC, HOMOCLAVE_SYMBOLS, validate
from kit.sanctions.rfc import check_digit as rfc_check_digit

__all__ = [
    "GENERIC_RFC",
    "company_name",
    "is_valid_rfc",
    "moral_rfc",
    "person_name",
    "person_rfc",
    "rfc_check_digit",
]

GENERIC_RFC = "XAXX010101000"
"""The SAT's generic RFC for the general public (público en general); not check-digit valid."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words the SAT skips when taking initials, and 4-letter words it defuses by ending them in X.
_SKIPPED = {"DE", "DEL", "LA", "LAS", "LOS", "EL", "Y", "E", "EN", "PARA", "POR", "CON", "A"}
_INCONVENIENT = set(
    _words(
        "BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COJA COJE COJI COJO CULO FETO GUEY JOTO "
        "KACA KACO KAGA KAGO KAKA KOGE KOJO KULO MAME MAMO MEAR MEAS MEON MION MOCO MULA PEDA "
        "PEDO PENE PUTA PUTO QULO RATA RUIN"
    )
)

FIRST_NAMES = _words(
    "Adriana Alejandro Alicia Andrés Araceli Arturo Beatriz Carlos Carmen Claudia Daniel Diana "
    "Eduardo Elena Enrique Fernando Gabriela Guadalupe Héctor Irene Jorge Josefina Julia Laura "
    "Leticia Lorena Luis Manuel Marcela Mario Martha Miguel Norma Óscar Patricia Raúl Ricardo "
    "Rocío Rosa Salvador Sergio Silvia Sofía Teresa Verónica Víctor"
)
COMPOUND_FIRST = ("María Fernanda", "José Luis", "María Elena", "José Antonio", "María Isabel")
SURNAMES = _words(
    "Aguilar Alvarado Ávila Barrera Cabrera Campos Castillo Contreras Cortés Cruz Delgado Díaz "
    "Domínguez Espinoza Estrada Flores Fuentes Gallegos García Gómez Guerrero Gutiérrez Herrera "
    "Hernández Jiménez Juárez Lara León López Luna Maldonado Medina Mendoza Molina Morales "
    "Navarro Ortega Ortiz Pacheco Pérez Ramírez Ramos Reyes Ríos Rivera Robles Rojas Romero "
    "Salazar Sánchez Sandoval Soto Suárez Torres Valdez Vargas Vázquez Vega Velázquez Zamora"
)

_BRAND_HEADS = _words(
    "Al Ber Cal Dor Fen Gal Il Lum Mar Nov Or Quel Ser Tal Ven Xal Zan Yar Bel Cor"
)
_BRAND_MIDDLES = _words("a e i o ra ri ta te no ma la ve")
_BRAND_TAILS = _words("tec via nia lia ro sa ton dan pra xa lux rium")

SECTOR_TRADES = {
    "oficina": ("Papelería y Suministros", "Tecnología Empresarial", "Sistemas Informáticos"),
    "limpieza": ("Servicios de Limpieza", "Higiene Institucional", "Químicos y Limpieza"),
    "alimentos": ("Alimentos y Eventos", "Abarrotes y Víveres", "Banquetes"),
    "electrico": ("Materiales Eléctricos", "Ferretería Industrial", "Iluminación"),
    "construccion": ("Constructora", "Edificaciones", "Ingeniería y Obras", "Maquinaria"),
    "salud": ("Distribuidora Médica", "Farmacéutica", "Insumos Hospitalarios", "Equipos Médicos"),
    "transporte": ("Automotriz", "Combustibles", "Flotillas y Transportes"),
    "seguridad": ("Seguridad Privada", "Uniformes", "Protección Táctica"),
    "profesionales": ("Consultores", "Asesores Asociados", "Agente de Seguros"),
}
LEGAL_FORMS = (
    "S.A. de C.V.",
    "S.A. de C.V.",
    "S.A. de C.V.",
    "S. de R.L. de C.V.",
    "S.A.P.I. de C.V.",
)


def is_valid_rfc(rfc: str) -> bool:
    """Whether ``rfc`` is a taxpayer's RFC: SAT structure, a real date, the right check digit.

    The rules and the check digit (:func:`rfc_check_digit`) live in :mod:`kit.sanctions.rfc`.
    """
    check = validate(rfc)
    return check.ok and check.kind != GENERIC


def _plain_words(text: str) -> list[str]:
    """Upper-case words without accents or punctuation (the SAT's reading of a name)."""
    decomposed = unicodedata.normalize("NFKD", text.upper())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return ["".join(c for c in word if c.isalnum()) for word in ascii_text.split()]


def _finish(letters: str, day: date, draw: Draw) -> str:
    """Letters + YYMMDD + a random 2-character homoclave + the check digit."""
    homoclave = draw.choice(HOMOCLAVE_SYMBOLS) + draw.choice(HOMOCLAVE_SYMBOLS)
    base = f"{letters}{day:%y%m%d}{homoclave}"
    return base + rfc_check_digit(base)


def moral_rfc(name: str, founded: date, draw: Draw) -> str:
    """RFC of a company: initials of its first three significant words (legal form left out)."""
    core = name.split(",")[0]  # the legal form (S.A. de C.V., ...) follows a comma
    words = [w for w in _plain_words(core) if w and w not in _SKIPPED]
    if len(words) >= 3:
        letters = words[0][0] + words[1][0] + words[2][0]
    elif len(words) == 2:
        letters = words[0][0] + words[1][:2]
    else:
        letters = words[0][:3].ljust(3, "X")
    return _finish(letters, founded, draw)


def person_rfc(first: str, surname: str, second_surname: str, born: date, draw: Draw) -> str:
    """RFC of a person: surname's letter and first inner vowel, second surname, first name."""
    given = _plain_words(first)
    if len(given) > 1 and given[0] in {"MARIA", "JOSE"}:
        given = given[1:]
    family = _plain_words(surname)[0]
    vowel = next((c for c in family[1:] if c in "AEIOU"), "X")
    letters = family[0] + vowel + _plain_words(second_surname)[0][0] + given[0][0]
    if letters in _INCONVENIENT:
        letters = letters[:3] + "X"
    return _finish(letters, born, draw)


def person_name(draw: Draw) -> tuple[str, str, str]:
    """A first name and two surnames."""
    first = draw.choice(COMPOUND_FIRST) if draw.chance(0.12) else draw.choice(FIRST_NAMES)
    return first, draw.choice(SURNAMES), draw.choice(SURNAMES)


def brand(draw: Draw) -> str:
    """An invented brand word such as *Quelvara*."""
    head, middle = draw.choice(_BRAND_HEADS), draw.choice(_BRAND_MIDDLES)
    return head + middle + draw.choice(_BRAND_TAILS)


def company_name(draw: Draw, trade: str) -> str:
    """A company name in one of the usual Mexican shapes, with its legal form."""
    word = brand(draw)
    shape = draw.integer(0, 3)
    if shape == 0:
        core = f"Grupo {word}"
    elif shape == 1:
        core = f"{word} {trade}"
    else:
        core = f"{trade} {word}"
    return f"{core}, {draw.choice(LEGAL_FORMS)}"
