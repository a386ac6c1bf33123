"""Names and identifiers of the sanctions sample: list-side names, name variants, RFC and CURP.

List-side companies get brand words from their own syllables (never those of the procurement
sample), so a list record resembles a procurement supplier only where a link is planted. The
variant functions turn a supplier's name into the ways a list may write the same firm.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from kit.samples import names
from kit.samples._rng import Draw

__all__ = [
    "CURP_STATES",
    "ascii_text",
    "ascii_upper",
    "curp",
    "is_female",
    "list_brand",
    "options",
    "plain",
    "spanish_key",
    "split_legal_form",
    "with_wrong_check_digit",
    "written_rfc",
]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def options(text: str) -> tuple[str, ...]:
    """The ``|``-separated options of ``text``."""
    return tuple(text.split("|"))


_HEADS = _words("Ab Bra Cir Dal Ec Fra Gor Hu Ix Jal Kor Lem Mox Nir Op Pru Quin Rast Sul Tor")
_MIDDLES = _words("ar el in os un ev am ul ir")
_TAILS = _words("ko mex dia ral gon tis vel nor cas pel mun")

CURP_STATES = _words(
    "AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN "
    "ZS"
)
_CURP_SYMBOLS = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
_FEMALE = set(
    _words(
        "Adriana Alicia Araceli Beatriz Carmen Claudia Diana Elena Gabriela Guadalupe Irene "
        "Josefina Julia Laura Leticia Lorena Marcela Martha Norma Patricia Rocío Rosa Silvia "
        "Sofía Teresa Verónica María"
    )
)


def plain(text: str) -> str:
    """``text`` without accents (Ñ kept, as the SAT keeps it)."""
    out = []
    for char in text:
        if char in "Ññ":
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def ascii_text(text: str) -> str:
    """``text`` in ASCII, as OFAC writes every name (accents dropped, Ñ becomes N)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ascii_upper(text: str) -> str:
    """Upper case ASCII."""
    return ascii_text(text.upper())


def spanish_key(text: str) -> str:
    """Sort key of the SAT's lists: byte order, except that Ñ comes between N and O."""
    return text.replace("Ñ", "N\uffff")


def list_brand(draw: Draw, avoid: set[str]) -> str:
    """An invented brand word, unlike any word in ``avoid`` (upper case, no accents)."""
    while True:
        word = draw.choice(_HEADS) + draw.choice(_MIDDLES) + draw.choice(_TAILS)
        if word.upper() not in avoid:
            return word


def is_female(first: str) -> bool:
    """Whether a first name of :mod:`kit.samples.names` is a woman's."""
    return first.split()[0] in _FEMALE


def split_legal_form(name: str) -> tuple[str, str]:
    """``("Grupo Orlania", "S.A. de C.V.")`` from ``"Grupo Orlania, S.A. de C.V."``."""
    core, _, form = name.partition(", ")
    return core, form


def with_wrong_check_digit(rfc: str) -> str:
    """The same RFC with another check digit (a typo a checker should catch)."""
    right = names.rfc_check_digit(rfc[:-1])
    wrong = "0123456789"[("0123456789".find(right) + 3) % 10] if right.isdigit() else "7"
    return rfc[:-1] + wrong


def written_rfc(rfc: str, style: str) -> str:
    """An RFC as a list may write it: ``plain``, ``dashes``, ``lower_case``, ``spaces``, or
    ``incomplete`` (without the homoclave, as older records give it)."""
    letters = len(rfc) - 9
    head, digits, tail = rfc[:letters], rfc[letters : letters + 6], rfc[letters + 6 :]
    return {
        "plain": rfc,
        "dashes": f"{head}-{digits}-{tail}",
        "lower_case": rfc.lower(),
        "spaces": f"{head} {digits} {tail}",
        "incomplete": f"{head}-{digits}",
    }[style]


def curp(first: str, surname: str, second: str, born: date, female: bool, draw: Draw) -> str:
    """A CURP of the RENAPO structure with a valid check digit."""
    given = names._plain_words(first)
    if len(given) > 1 and given[0] in {"MARIA", "JOSE"}:
        given = given[1:]
    family, other = names._plain_words(surname)[0], names._plain_words(second)[0]
    vowel = next((c for c in family[1:] if c in "AEIOU"), "X")
    letters = family[0] + vowel + other[0] + given[0][0]

    def inner(word: str) -> str:
        return next((c for c in word[1:] if c not in "AEIOU"), "X")

    body = (
        f"{letters}{born:%y%m%d}{'M' if female else 'H'}{draw.choice(CURP_STATES)}"
        f"{inner(family)}{inner(other)}{inner(given[0])}"
        f"{draw.integer(0, 9) if born.year < 2000 else draw.choice('ABCDEFGH')}"
    )
    total = sum(_CURP_SYMBOLS.index(c) * (18 - i) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)
