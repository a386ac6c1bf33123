"""The ways a sanctions list writes the name of a procurement supplier differently.

Each variant takes a supplier's name as the procurement sample writes it (``"Grupo Orlania, S.A.
de C.V."``, ``"Ricardo Sandoval Ortiz"``) and returns it changed in one way; the list's own style
(upper case, OFAC's ASCII) is applied afterwards by the list's module.
"""

from __future__ import annotations

from collections.abc import Callable

from kit.samples import names
from kit.samples._rng import Draw
from kit.samples.sanctions_names import plain, split_legal_form

__all__ = ["ABBREVIATIONS", "VARIANTS", "applies", "brand_word", "variant"]

RESPELLINGS = {
    "S.A. de C.V.": ("SA de CV", "S.A de C.V.", "S. A. de C. V.", "S.A. de C.V"),
    "S. de R.L. de C.V.": ("S de RL de CV", "S. de R.L de C.V.", "S. DE R.L. DE C.V"),
    "S.A.P.I. de C.V.": ("SAPI de CV", "S.A.P.I de C.V.", "S.A.P.I. DE C.V"),
}
NEW_FORMS = {  # a company that changed its legal form keeps its RFC
    "S.A. de C.V.": "S.A.P.I. de C.V.",
    "S. de R.L. de C.V.": "S.A. de C.V.",
    "S.A.P.I. de C.V.": "S.A. de C.V.",
}
ABBREVIATIONS = {
    "Compañía": "Cía.",
    "Comercializadora": "Comer.",
    "Constructora": "Const.",
    "Consultores": "Cons.",
    "Distribuidora": "Distr.",
    "Edificaciones": "Edif.",
    "Equipos": "Eqs.",
    "Grupo": "Gpo.",
    "Ingeniería": "Ing.",
    "Materiales": "Mat.",
    "Servicios": "Servs.",
    "Sistemas": "Sist.",
    "Suministros": "Sum.",
}
_TRADE_WORDS = {
    word for trades in names.SECTOR_TRADES.values() for trade in trades for word in trade.split()
} | {"Grupo", "Comercializadora", "Servicios", "Integrales", "y"}


def brand_word(name: str) -> str | None:
    """The invented brand word of a company name (``Orlania``), None for a person."""
    core, form = split_legal_form(name)
    if not form:
        return None
    words = [w for w in core.split() if w not in _TRADE_WORDS]
    return words[0] if len(words) == 1 else None


def _spelled(name: str, draw: Draw) -> str:
    core, form = split_legal_form(name)
    respelled = draw.choice(RESPELLINGS[form])
    return f"{core} {respelled}" if draw.chance(0.5) else f"{core}, {respelled}"


def _dropped(name: str, draw: Draw) -> str:
    return split_legal_form(name)[0]


def _accents(name: str, draw: Draw) -> str:
    return plain(name)


def _swapped(name: str, draw: Draw) -> str:
    """Brand and trade words change places; a person's surnames come first."""
    core, form = split_legal_form(name)
    words = core.split()
    if not form:  # a person: "Ricardo Sandoval Ortiz" -> "Sandoval Ortiz Ricardo"
        return " ".join([*words[-2:], *words[:-2]])
    brand = brand_word(name)
    rest = [w for w in words if w != brand]
    swapped = [*rest, brand] if words[0] == brand else [brand, *rest]
    return f"{' '.join(swapped)}, {form}"


def _typo(name: str, draw: Draw) -> str:
    """One letter of the brand word replaced by another."""
    brand = brand_word(name) or ""
    at = draw.integer(2, len(brand) - 2)
    pool = "aeiou" if brand[at] in "aeiou" else "bcdfglmnprstv"
    letter = draw.choice([c for c in pool if c != brand[at]])
    return name.replace(brand, brand[:at] + letter + brand[at + 1 :], 1)


def _abbreviated(name: str, draw: Draw) -> str:
    word = next(w for w in name.split() if w in ABBREVIATIONS)
    return name.replace(word, ABBREVIATIONS[word], 1)


def _form_changed(name: str, draw: Draw) -> str:
    core, form = split_legal_form(name)
    return f"{core}, {NEW_FORMS[form]}"


def _near(name: str, draw: Draw) -> str:
    """A different firm whose name differs by little: its brand in the plural."""
    core, form = split_legal_form(name)
    brand = brand_word(name) or ""
    return f"{core.replace(brand, brand + 's')}, {form}"


def _and_company(name: str, draw: Draw) -> str:
    """A different firm named like this one *y Compañía* (written *y Cía.*)."""
    core, form = split_legal_form(name)
    return f"{core} y Cía., {form}"


VARIANTS: dict[str, Callable[[str, Draw], str]] = {
    "legal_form_spelled": _spelled,
    "legal_form_dropped": _dropped,
    "accents_removed": _accents,
    "word_order_swapped": _swapped,
    "typo": _typo,
    "abbreviation": _abbreviated,
    "legal_form_changed": _form_changed,
    "near_identical_name": _near,
    "and_company_added": _and_company,
}


def applies(how: str, name: str) -> bool:
    """Whether the variant ``how`` can change ``name``."""
    core, form = split_legal_form(name)
    brand = brand_word(name)
    return {
        "legal_form_spelled": form in RESPELLINGS,
        "legal_form_dropped": bool(form),
        "accents_removed": plain(name) != name,
        "word_order_swapped": (brand is not None and not core.startswith("Grupo"))
        or (not form and len(core.split()) == 3),
        "typo": brand is not None and len(brand) >= 6,
        "abbreviation": any(w in ABBREVIATIONS for w in name.split()),
        "legal_form_changed": form in NEW_FORMS,
        "near_identical_name": brand is not None and not brand.endswith("s"),
        "and_company_added": bool(form),
    }[how]


def variant(name: str, how: str, draw: Draw) -> str:
    """``name`` changed by the variant ``how`` (one of :data:`VARIANTS`)."""
    return VARIANTS[how](name, draw)
