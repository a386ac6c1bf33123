"""The time-use persons of the care sample, in the layout of the ENUT 2019 person-level table.

``region,sexo,niv,trab_dom,tiene_hij,pareja,fac_per,hrs_cuidado,tot_cuidado_nac_percap,saldo``,
one row per person aged 12+ in the 6 macro-regions, then 5 rows of region ``Nacional`` that are
imputed group medians, not persons (as in the real table). Weekly hours of unpaid domestic and
care work depend on sex, children, partner, schooling and hired domestic help: women carry
about 2.5-3 times men's hours.

The design is planted so that weights matter: women in *Mesoamérica Central* are sampled at
three times the rate of the rest and people with children at twice, so the unweighted mean of
hours is visibly above the weighted one. ``fac_per`` (persons represented) is each stratum's
population over its sample size, with a little noise.
"""

from __future__ import annotations

import csv
import io
import math

from kit.samples._rng import Draw

__all__ = ["COLUMNS", "OVERSAMPLED", "REGIONS", "enut_rows", "write_enut"]

COLUMNS = (
    "region",
    "sexo",
    "niv",
    "trab_dom",
    "tiene_hij",
    "pareja",
    "fac_per",
    "hrs_cuidado",
    "tot_cuidado_nac_percap",
    "saldo",
)
# region -> (people aged 12+, in millions; hours added to everyone's expected hours)
REGIONS = {
    "Aridoamérica Occidental": (11.4, -1.0),
    "Aridoamérica Oriental": (9.7, 1.5),
    "Mesoamérica": (8.1, 0.5),
    "Mesoamérica Central": (20.3, 0.0),
    "Mesoamérica Occidental": (12.2, -0.5),
    "Zona Maya": (5.2, 0.8),
}
OVERSAMPLED = {"women in Mesoamérica Central": 3.0, "people with children": 2.0}
SCHOOLING = ("Primaria o menos", "Secundaria", "Preparatoria", "Licenciatura o más")
_PER_REGION = 420  # persons sampled per region before over-sampling
_SHARE = {"mujer": 0.52, "hombre": 0.48}
_WITH_CHILDREN = 0.32


def _hours(draw: Draw, sexo: str, kids: bool, partner: bool, niv: str, helped: bool) -> float:
    """Weekly hours: an expected value by profile, times a skewed draw, to the minute."""
    if sexo == "mujer":
        mean = 25.0 + 14.0 * kids + 9.0 * partner - 4.0 * (niv == SCHOOLING[3]) - 9.0 * helped
    else:
        mean = 9.5 + 3.5 * kids + 2.0 * partner - 1.0 * (niv == SCHOOLING[3]) - 2.0 * helped
    if draw.chance(0.02):
        return 0.0
    sigma = 0.6
    hours = mean * math.exp(sigma * draw.normal() - sigma * sigma / 2)
    return min(168.0, round(hours * 60) / 60)


def _person(draw: Draw, region: str, sexo: str, kids: bool, weight: int, shift: float) -> list:
    niv = draw.weighted(SCHOOLING, (0.22, 0.29, 0.27, 0.22))
    partner = draw.chance(0.70 if kids else 0.35)
    helped = draw.chance(0.15 if niv == SCHOOLING[3] else 0.04)
    hours = _hours(draw, sexo, kids, partner, niv, helped)
    if hours:
        hours = min(168.0, max(0.0, round((hours + shift) * 60) / 60))
    return [
        region,
        sexo,
        niv,
        "Sí contrata" if helped else "No contrata",
        "Sí tiene" if kids else "No tiene",
        "Sí tiene" if partner else "No tiene",
        weight,
        hours,
    ]


def enut_rows(draw: Draw) -> list[list]:
    """Persons by region and stratum, then the 5 imputed ``Nacional`` rows; hours as floats."""
    persons = []
    for region, (millions, shift) in REGIONS.items():
        for sexo, share in _SHARE.items():
            for kids in (False, True):
                people = millions * 1e6 * share * (_WITH_CHILDREN if kids else 1 - _WITH_CHILDREN)
                rate = _PER_REGION / (millions * 1e6)
                if sexo == "mujer" and region == "Mesoamérica Central":
                    rate *= OVERSAMPLED["women in Mesoamérica Central"]
                if kids:
                    rate *= OVERSAMPLED["people with children"]
                size = max(2, round(people * rate))
                for _ in range(size):
                    weight = round(people / size * draw.uniform(0.85, 1.15))
                    persons.append(_person(draw, region, sexo, kids, weight, shift))
    mean = sum(p[6] * p[7] for p in persons) / sum(p[6] for p in persons)
    imputed = []
    for _ in range(5):
        model = draw.choice(persons)
        group = sorted(p[7] for p in persons if p[1] == model[1] and p[4] == model[4])
        imputed.append(["Nacional", *model[1:6], draw.integer(5000, 30000), group[len(group) // 2]])
    return [[*row, mean, row[7] - mean] for row in persons + imputed]


def write_enut(rows: list[list]) -> bytes:
    """The CSV bytes: UTF-8, LF, floats as Python writes them (``9.75``, ``6.166666666666667``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([*row[:7], *(repr(float(v)) for v in row[7:])] for row in rows)
    return buffer.getvalue().encode("utf-8")
