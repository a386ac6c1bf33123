"""Taxpayer names of the 69-B sample, with the SAT's ways of writing them.

Court rulings and courts are invented (the *Nueva Galicia* courts do not exist); the shapes are
the list's: upper case, accents sometimes kept, legal forms spelled several ways, and the rows'
quirks (trailing or non-breaking spaces, quotes, a note after ``//``).
"""

from __future__ import annotations

from kit.samples._rng import Draw
from kit.samples.sanctions_names import options
from kit.samples.sanctions_sat_dates import MONTHS

__all__ = ["QUIRKS", "company", "ruling_texts", "suppressed_name", "with_quirk"]

_SHAPES = options(
    "COMERCIALIZADORA {}|SERVICIOS INTEGRALES {}|CONSTRUCTORA {}|{} CONSULTORES|"
    "GRUPO EMPRESARIAL {}|OUTSOURCING {}|ASESORES {}|SOLUCIONES {}|{} Y ASOCIADOS|"
    "DISTRIBUIDORA {}|CORPORATIVO {}|ADMINISTRADORA {}|PUBLICIDAD {}|EDIFICACIONES {}|"
    "CONSTRUCCIÓN Y MANTENIMIENTO {}|ASESORÍA {}|TECNOLOGÍA {}|LOGÍSTICA {}|"
    "SERVICIOS ADMINISTRATIVOS {}|CONSULTORÍA {}|MAQUILADORA {}|TRANSPORTES {}|PROMOTORA {}|"
    "GESTIÓN EMPRESARIAL {}|{}"
)
_FORMS = options(
    "S.A. DE C.V.|S. DE R.L. DE C.V.|S.C.|S.A DE C.V.|S.A.P.I. DE C.V.|S.C. DE R.L. DE C.V.|"
    "S.A. DE C.V|S.C.P.|A.C.|S.A.|S. DE R.L.|S.P.R. DE R.L."
)
_FORM_WEIGHTS = (600, 60, 50, 6, 5, 7, 3, 3, 3, 2, 2, 3)
_COURTS = (
    "Sala Regional de Nueva Galicia",
    "Primera Sala Regional de Puerto Azalea",
    "Segunda Sala Regional de Villa de Galicia",
    "Sala Regional del Ocotal",
)
QUIRKS = (
    "trailing_space",
    "non_breaking_space",
    "double_space",
    "curly_quotes",
    "straight_quotes",
    "note",
)
_QUIRK_SHARES = (0.10, 0.01, 0.01, 0.004, 0.003, 0.011)


def company(draw: Draw, brand: str) -> str:
    """A company name as the 69-B list writes it."""
    core = draw.choice(_SHAPES).format(brand)
    form = draw.weighted(_FORMS, _FORM_WEIGHTS)
    return f"{core}, {form}" if draw.chance(0.93) else f"{core} {form}"


def _expediente(draw: Draw) -> str:
    year, room = draw.integer(14, 22), draw.integer(1, 30)
    return f"{draw.integer(100, 9999)}/{year}-{room:02d}-0{draw.integer(1, 3)}-{draw.integer(1, 9)}"


def ruling_texts(draw: Draw) -> list[str]:
    """The court orders that suppressed RFCs; the last one holds line breaks, as one real does."""
    court = [draw.choice(_COURTS) for _ in range(4)]
    return [
        "Información suprimida en cumplimiento a la declaratoria de nulidad emitida por la "
        f"{court[0]} del Tribunal Federal de Justicia Administrativa, en el expediente "
        f"{_expediente(draw)}.",
        "Información suprimida en cumplimiento a la sentencia dictada por la "
        f"{court[1]}, dentro del Juicio de Nulidad {_expediente(draw)}",
        "Información suprimida en cumplimiento a lo ordenado por la "
        f"{court[2]}, derivado del juicio contencioso administrativo federal {_expediente(draw)}",
        "Información suprimida en  cumplimiento  a  la  declaratoria de  nulidad  emitida  por "
        f"la  {court[3]} \ndel Tribunal Federal de Justicia Administrativa, en el expediente "
        f"\n{_expediente(draw)}.",
    ]


def suppressed_name(draw: Draw, texts: list[str], index: int) -> str:
    """The name cell of a suppressed row: one court order covers several taxpayers."""
    if index == 0:
        return texts[-1]
    return draw.weighted(texts[:-1], (6, 3, 2))


def _note(draw: Draw) -> str:
    day, month, year = draw.integer(1, 28), draw.choice(MONTHS), draw.integer(2017, 2023)
    return (
        f"En cumplimiento a la sentencia de fecha {day} de {month} de {year}, dictada por la "
        f"{draw.choice(_COURTS)} del Tribunal Federal de Justicia Administrativa, en el Juicio "
        f"de Nulidad {_expediente(draw)}"
    )


def with_quirk(draw: Draw, name: str) -> tuple[str, str | None]:
    """``name`` with one of the list's quirks, in about the real shares, and the quirk's name."""
    quirk = draw.weighted((*QUIRKS, None), (*_QUIRK_SHARES, 1 - sum(_QUIRK_SHARES)))
    core, comma, form = name.partition(", ")
    if quirk in ("curly_quotes", "straight_quotes") and not comma:
        quirk = None
    if quirk == "trailing_space":
        return name + ("  " if draw.chance(0.2) else " "), quirk
    if quirk == "non_breaking_space":
        return (f"{core},\xa0 {form}" if comma else name + "\xa0"), quirk
    if quirk == "double_space":
        return name.replace(" ", "  ", 1), quirk
    if quirk == "curly_quotes":
        return f"“{core}”, {form}", quirk
    if quirk == "straight_quotes":
        return f'"{core}", {form}', quirk
    if quirk == "note":
        return f"{name}{draw.choice((' // ', '// '))}{_note(draw)}", quirk
    return name, None
