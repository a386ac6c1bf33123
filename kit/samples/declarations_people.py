"""Fictitious people of the declarations sample: names, sex, birth date, RFC and CURP.

A CURP (Clave Única de Registro de Población) has 18 characters: the same 4 letters as the RFC
(first surname's initial and first inner vowel, second surname's initial, first given name's
initial), the birth date ``YYMMDD``, the sex (``H``/``M``), the two-letter state of birth, the
first inner consonant of each surname and of the given name, a differentiator (a digit for people
born before 2000, a letter after) and RENAPO's check digit (:func:`curp_check_digit`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from kit.samples import names
from kit.samples._rng import Draw
from kit.samples.declarations_catalogs import BIRTH_STATES

__all__ = ["CURP_SYMBOLS", "Person", "Registry", "curp", "curp_check_digit"]

#: Value of each symbol in the CURP check digit is its position here.
CURP_SYMBOLS = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
_VOWELS = "AEIOU"
_SKIPPED_GIVEN = {"MARIA", "MA", "JOSE", "J"}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# RENAPO's list of words that must not be spelled by the first four letters (second letter -> X)
_INCONVENIENT = set(
    _words(
        "BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA "
        "CULO FALO FETO GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA "
        "KOJE KOJI KOJO KOLA KULO LILO LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION "
        "MOCO MOKO MULA MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO QULO RATA ROBA "
        "ROBE ROBO RUIN SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY"
    )
)


def curp_check_digit(base: str) -> str:
    """RENAPO's check digit of the first 17 characters of a CURP."""
    total = sum(CURP_SYMBOLS.index(c) * (18 - i) for i, c in enumerate(base[:17]))
    return str((10 - total % 10) % 10)


def _plain(text: str) -> list[str]:
    """Upper-case ASCII words (Ñ kept), as RENAPO reads a name."""
    text = text.upper().replace("Ñ", "\0")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return [w.replace("\0", "Ñ") for w in text.split()]


def _given(first: str) -> str:
    words = _plain(first)
    return words[1] if len(words) > 1 and words[0] in _SKIPPED_GIVEN else words[0]


def _inner_consonant(word: str) -> str:
    found = next((c for c in word[1:] if c.isalpha() and c not in _VOWELS), "X")
    return "X" if found == "Ñ" else found


def curp(person: Person, state: str, draw: Draw) -> str:
    """A CURP with valid structure and check digit for ``person``, born in ``state``."""
    surname, second, given = (
        _plain(person.surname)[0],
        _plain(person.second)[0],
        _given(person.first),
    )
    vowel = next((c for c in surname[1:] if c in _VOWELS), "X")
    letters = (surname[0] + vowel + second[0] + given[0]).replace("Ñ", "X")
    if letters in _INCONVENIENT:
        letters = letters[0] + "X" + letters[2:]
    inner = _inner_consonant(surname) + _inner_consonant(second) + _inner_consonant(given)
    pool = "0123456789" if person.born.year < 2000 else "ABCDEFGHIJKLMNPQRSTUVWXYZ"
    base = f"{letters}{person.born:%y%m%d}{person.sex}{state}{inner}{draw.choice(pool)}"
    return base + curp_check_digit(base)


@dataclass
class Person:
    """One fictitious person; ``sex`` is the CURP's H or M."""

    first: str
    surname: str
    second: str
    sex: str
    born: date
    rfc: str = ""
    curp: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.surname} {self.second}"

    @property
    def genero(self) -> str:
        """S2/S3 genero clave: F or M."""
        return "F" if self.sex == "M" else "M"

    def key(self) -> dict[str, str]:
        """How the truth names a person: the full name, RFC and CURP."""
        return {"nombre": self.name, "rfc": self.rfc, "curp": self.curp}


_FEMALE = set(
    _words(
        "Adriana Alicia Araceli Beatriz Carmen Claudia Diana Elena Gabriela Guadalupe Irene "
        "Josefina Julia Laura Leticia Lorena Marcela Martha Norma Patricia Rocío Rosa "
        "Silvia Sofía Teresa Verónica"
    )
)


def _sex(first: str) -> str:
    head = first.split()[0]
    if head == "María":
        return "M"
    return "M" if head in _FEMALE else "H"


class Registry:
    """Every person made so far: full names, RFCs and CURPs never repeat unless asked to."""

    def __init__(self, reserved_names: set[str], reserved_rfcs: set[str]) -> None:
        self.names = set(reserved_names)
        self.ids = set(reserved_rfcs)

    def person(self, draw: Draw, born: tuple[int, int], like: Person | None = None) -> Person:
        """A new person born in the year range; with ``like``, a homonym of that person."""
        while True:
            first, surname, second = (
                (like.first, like.surname, like.second) if like else names.person_name(draw)
            )
            day = date(draw.integer(*born), draw.integer(1, 12), draw.integer(1, 28))
            person = Person(first, surname, second, _sex(first), day)
            if like is None and person.name in self.names:
                continue
            person.rfc = names.person_rfc(first, surname, second, day, draw)
            person.curp = curp(person, draw.choice(BIRTH_STATES), draw)
            if person.rfc in self.ids or person.curp in self.ids:
                continue
            if like and (person.rfc[:10] == like.rfc[:10] or person.curp[:16] == like.curp[:16]):
                continue  # a homonym is another person: another birth date or place
            self.names.add(person.name)
            self.ids.update((person.rfc, person.curp))
            return person

    def relative(self, draw: Draw, born: tuple[int, int], surname: str, second: str) -> Person:
        """A child of the given surnames, with a name nobody else has."""
        while True:
            first = names.person_name(draw)[0]
            if f"{first} {surname} {second}" in self.names:
                continue
            day = date(draw.integer(*born), draw.integer(1, 12), draw.integer(1, 28))
            person = Person(first, surname, second, _sex(first), day)
            person.curp = curp(person, draw.choice(BIRTH_STATES), draw)
            if person.curp in self.ids:
                continue
            self.names.add(person.name)
            self.ids.add(person.curp)
            return person
