"""truth.json of the care sample: every planted fact, recounted from the generated rows."""

from __future__ import annotations

from typing import Any

from kit.samples.care_places import BENCHMARK, DEFICIT, SURPLUS, Alcaldia

__all__ = ["enoe_facts", "enut_facts", "supply_facts"]


def _mean(rows: list[list], value: int = 7, weight: int = 6) -> float:
    return sum(r[value] * r[weight] for r in rows) / sum(r[weight] for r in rows)


def enut_facts(rows: list[list]) -> dict[str, Any]:
    """Weighted mean weekly care hours (fac_per) of persons, by sex, children, partner, region."""
    persons = [r for r in rows if r[0] != "Nacional"]
    women = [r for r in persons if r[1] == "mujer"]
    men = [r for r in persons if r[1] == "hombre"]

    def by(column: int) -> dict[str, dict[str, float]]:
        return {
            value: {
                sexo: round(_mean([r for r in persons if r[column] == value and r[1] == sexo]), 4)
                for sexo in ("mujer", "hombre")
            }
            for value in sorted({r[column] for r in persons})
        }

    return {
        "persons": len(persons),
        "imputed_nacional_rows": len(rows) - len(persons),
        "weighted_mean_hours": round(_mean(persons), 4),
        "unweighted_mean_hours": round(sum(r[7] for r in persons) / len(persons), 4),
        "weighted_mean_hours_by_sex": {
            "mujer": round(_mean(women), 4),
            "hombre": round(_mean(men), 4),
        },
        "gap_hours_women_minus_men": round(_mean(women) - _mean(men), 4),
        "ratio_women_to_men": round(_mean(women) / _mean(men), 4),
        "weighted_mean_hours_by_sex_and_children": by(4),
        "weighted_mean_hours_by_sex_and_partner": by(5),
        "weighted_mean_hours_by_region_and_sex": by(0),
    }


def supply_facts(places: list[Alcaldia], bad: list[dict]) -> dict[str, Any]:
    """Establishments and people needing care per alcaldía, coverage, deficits, bad points."""
    need = {
        "guarderia": lambda p: p.people(0, 5),
        "asilo": lambda p: p.people(60),
        "discapacidad": lambda p: p.disabled,
    }
    coverage: dict[str, Any] = {}
    for service in ("guarderia", "asilo"):
        table = {}
        for p in places:
            people, count = need[service](p), p.supply[service]
            table[p.name] = {
                "cve_mun": p.cve_mun,
                "personas": people,
                "establecimientos": count,
                "personas_por_establecimiento": round(people / count, 2),
                "faltan": round(people / BENCHMARK[service] - count),
            }
        coverage[service] = {
            "benchmark_personas_por_establecimiento": BENCHMARK[service],
            "por_alcaldia": table,
            "mayores_deficits": list(DEFICIT[service]),
            "superavit": SURPLUS[service],
        }
    return {
        "establishments": sum(sum(p.supply.values()) for p in places),
        "establishments_by_alcaldia_and_service": {p.cve_mun: dict(p.supply) for p in places},
        "population": {
            p.cve_mun: {
                "municipio": p.name,
                "poblacion": p.population,
                "ninas_ninos_0_5": p.people(0, 5),
                "adultos_mayores": p.people(60),
                "discapacidad": p.disabled,
            }
            for p in places
        },
        "coverage": coverage,
        "bad_coordinates": bad,
        "boxes": {p.cve_mun: p.box.json() for p in places},
    }


def enoe_facts(rows: list[dict]) -> dict[str, Any]:
    """Weighted labour participation (clase1 == 1 among ages 15-98, fac_tri) by sex."""

    def rate(selected: list[dict]) -> float:
        total = sum(int(r["fac_tri"]) for r in selected)
        return round(sum(int(r["fac_tri"]) for r in selected if r["clase1"] == "1") / total, 4)

    adults = [r for r in rows if 15 <= int(r["eda"]) <= 98]
    out = {"persons": len(rows), "persons_15_98": len(adults)}
    for scope, chosen in (("nacional", adults), ("cdmx", [r for r in adults if r["ent"] == "9"])):
        out[f"participation_{scope}"] = {
            "mujer": rate([r for r in chosen if r["sex"] == "2"]),
            "hombre": rate([r for r in chosen if r["sex"] == "1"]),
        }
    return out
