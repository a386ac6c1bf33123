"""The bundled declarations sample (PDN S1, S2, S3) is what the generator writes, in the PDN's
formats, and holds what truth.json says.

Planted cases and facts are recounted from the files with plain Python (RFC and CURP check
digits written again here), and crossed with the procurement sample's awards; the generator's
internals are not trusted.
"""

import gzip
import json
import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from kit import data
from kit.samples import GENERATORS, declarations

BUNDLED = data.DATA_DIR / "declarations"
REAL = Path(__file__).resolve().parents[3] / "shared" / "real" / "procurement" / "pdn"
ARRAYS = ("s1.json.gz", "s2.json.gz", "s3_servidores.json.gz", "s3_particulares.json.gz")
RFC_SYMBOLS = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
CURP_SYMBOLS = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
CURP = re.compile(r"^[A-Z][AEIOUX][A-Z]{2}\d{6}[HM][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d$")
RFC_FISICA = re.compile(r"^[A-ZÑ&]{4}\d{6}[1-9A-NP-Z]{2}[0-9A]$")
INCOME = {
    "INICIAL": "ingresoMensualNetoDeclarante",
    "MODIFICACIÓN": "ingresoAnualNetoDeclarante",
    "CONCLUSIÓN": "ingresoConclusionNetoDeclarante",
}
OTHER_INCOME_WORDS = {"INICIAL": ("Anual", "Conclusion"), "MODIFICACIÓN": ("Mensual", "Conclusion")}
OTHER_INCOME_WORDS["CONCLUSIÓN"] = ("Mensual", "Anual")


def rfc_ok(rfc: str) -> bool:
    total = sum(RFC_SYMBOLS.index(c) * (13 - i) for i, c in enumerate(rfc[:-1].rjust(12)))
    return {0: "0", 1: "A"}.get(total % 11, str(11 - total % 11)) == rfc[-1]


def curp_ok(curp: str) -> bool:
    total = sum(CURP_SYMBOLS.index(c) * (18 - i) for i, c in enumerate(curp[:17]))
    return str((10 - total % 10) % 10) == curp[-1] and bool(CURP.match(curp))


def s1_curp(record: dict) -> str:
    return record["declaracion"]["situacionPatrimonial"]["datosGenerales"]["curp"]


def s1_day(record: dict) -> str:
    return record["metadata"]["actualizacion"][:10]


def paths(value, prefix: str = "") -> set[tuple[str, str]]:
    """Every leaf of a JSON value as (dotted path, type name); list items as ``[]``."""
    if isinstance(value, dict):
        return {p for k, v in value.items() for p in paths(v, f"{prefix}.{k}" if prefix else k)}
    if isinstance(value, list):
        return {p for v in value for p in paths(v, f"{prefix}[]")}
    return {(prefix, type(value).__name__)}


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(BUNDLED.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def truth(files) -> dict:
    return json.loads(files["truth.json"])


@pytest.fixture(scope="module")
def records(files) -> dict[str, list[dict]]:
    return {name: json.loads(gzip.decompress(files[name])) for name in ARRAYS}


@pytest.fixture(scope="module")
def s1(records):
    return records["s1.json.gz"]


@pytest.fixture(scope="module")
def s2(records):
    return records["s2.json.gz"]


@pytest.fixture(scope="module")
def s3s(records):
    return records["s3_servidores.json.gz"]


@pytest.fixture(scope="module")
def s3p(records):
    return records["s3_particulares.json.gz"]


@pytest.fixture(scope="module")
def by_id(records) -> dict[str, dict]:
    return {r["id"]: r for rows in records.values() for r in rows}


@pytest.fixture(scope="module")
def awards() -> list[dict]:
    """Awards of the procurement sample with buyer, supplier RFC and date in Mexico's time."""
    from kit import procurement

    loaded = procurement.load("sample")
    table = loaded.suppliers.merge(loaded.awards[["award_id", "date"]], on="award_id")
    table = table.merge(loaded.tenders[["ocid", "buyer_id", "buyer_name"]], on="ocid")
    return [
        {
            "award_id": r.award_id,
            "ocid": r.ocid,
            "buyer_id": r.buyer_id,
            "buyer_name": r.buyer_name,
            "rfc": r.rfc,
            "name": r.supplier_name,
            "date": str((r.date - timedelta(hours=6)).date()),
        }
        for r in table.itertuples()
    ]


# --- determinism, files and manifest -----------------------------------------------------------


def test_the_generator_is_registered():
    assert GENERATORS["declarations"] == "kit.samples.declarations"


def test_the_bundled_files_are_exactly_what_the_generator_writes(tmp_path, files):
    written = declarations.write(tmp_path)
    assert sorted(p.name for p in written) == sorted(files)
    for path in written:
        assert path.read_bytes() == files[path.name], f"{path.name}: python -m kit.samples"


def test_two_runs_give_the_same_bytes(files):
    again, _ = declarations.generate()
    assert again == files


def test_arrays_are_gzipped_json_arrays_with_a_fixed_timestamp(files, records):
    for name in ARRAYS:
        assert files[name][:2] == b"\x1f\x8b" and files[name][4:8] == b"\0\0\0\0", name
        assert isinstance(records[name], list) and records[name], name


def test_the_sample_is_well_under_three_megabytes(files):
    assert sum(len(content) for content in files.values()) < 2_000_000


def test_the_manifest_describes_every_file(files, truth):
    entries = data.manifest()
    listed = {n.removeprefix("declarations/") for n in entries if n.startswith("declarations/")}
    assert listed == set(files)
    for name, content in files.items():
        entry = entries[f"declarations/{name}"]
        assert entry["bytes"] == len(content)
        assert entry["sha256"] == data.sha256(BUNDLED / name)
        assert entry["generator"] == "kit.samples.declarations"
        assert entry["seed"] == truth["seed"]
    counts = truth["counts"]
    assert entries["declarations/s1.json.gz"]["rows"] == {
        "declarations": counts["s1"]["declarations"],
        "declarants": counts["s1"]["declarants"],
    }
    assert entries["declarations/s2.json.gz"]["rows"]["records"] == counts["s2"]["records"]


# --- formats -----------------------------------------------------------------------------------


def test_s1_records_follow_the_v2_format_and_name_income_by_type(s1):
    for record in s1:
        assert set(record) == {"id", "metadata", "declaracion"}
        meta, tipo = record["metadata"], record["metadata"]["tipo"]
        assert set(meta) == {
            "actualizacion",
            "institucion",
            "tipo",
            "declaracionCompleta",
            "actualizacionConflictoInteres",
        }
        patrimonial = record["declaracion"]["situacionPatrimonial"]
        ingresos = patrimonial["ingresos"]
        assert INCOME[tipo] in ingresos, record["id"]
        assert not any(w in key for key in ingresos for w in OTHER_INCOME_WORDS[tipo])
        assert "actividadIndustialComercialEmpresarial" in ingresos  # sic, as the PDN spells it
        general = patrimonial["datosGenerales"]
        assert set(general["rfc"]) == {"rfc", "homoClave"} and len(general["rfc"]["rfc"]) == 10
        complete = {"bienesInmuebles", "vehiculos", "adeudos", "datosPareja", "inversiones"}
        if meta["declaracionCompleta"]:
            assert complete <= set(patrimonial) and "interes" in record["declaracion"]
            assert "participacion" in record["declaracion"]["interes"]
        else:
            assert not complete & set(patrimonial) and "interes" not in record["declaracion"]
        if tipo == "INICIAL":
            assert "actividadAnualAnterior" in patrimonial
        if tipo == "CONCLUSIÓN":  # the conclusion format's date is the day the post ended
            assert patrimonial["datosEmpleoCargoComision"]["fechaTomaPosesion"] < s1_day(record)


def test_s1_coded_values_are_the_pdn_catalogs(s1):
    types, states, operations = Counter(), Counter(), Counter()
    for record in s1:
        types[record["metadata"]["tipo"]] += 1
        job = record["declaracion"]["situacionPatrimonial"]["datosEmpleoCargoComision"]
        states[(job["nivelOrdenGobierno"], job["ambitoPublico"])] += 1
        for section, key in (("bienesInmuebles", "bienInmueble"), ("vehiculos", "vehiculo")):
            for item in record["declaracion"]["situacionPatrimonial"].get(section, {}).get(key, []):
                operations[item["tipoOperacion"]] += 1
                assert item["formaPago"] in {"CONTADO", "CRÉDITO"}
    assert set(types) == {"INICIAL", "MODIFICACIÓN", "CONCLUSIÓN"}
    assert {level for level, _ in states} == {"ESTATAL"}
    assert {scope for _, scope in states} <= {"EJECUTIVO", "JUDICIAL", "ÓRGANO AUTÓNOMO"}
    assert set(operations) == {"AGREGAR", "SIN_CAMBIOS", "BAJA"}


S2_FIELDS = {
    "id", "fechaCaptura", "ejercicioFiscal", "ramo", "rfc", "curp", "nombres", "primerApellido",
    "segundoApellido", "genero", "institucionDependencia", "puesto", "tipoArea",
    "nivelResponsabilidad", "tipoProcedimiento", "superiorInmediato", "observaciones",
}  # fmt: skip
S3S_FIELDS = {
    "id", "fechaCaptura", "expediente", "institucionDependencia", "servidorPublicoSancionado",
    "autoridadSancionadora", "tipoFalta", "tipoSancion", "causaMotivoHechos", "resolucion",
    "observaciones",
}  # fmt: skip
S3P_FIELDS = {
    "id", "fechaCaptura", "expediente", "institucionDependencia", "particularSancionado",
    "objetoContrato", "autoridadSancionadora", "tipoFalta", "tipoSancion", "causaMotivoHechos",
    "acto", "responsableSancion", "resolucion", "observaciones",
}  # fmt: skip
#: Fields of the S3 specification that the datatón 2021 synthetic file happens not to carry.
S3S_SPEC_EXTRAS = {
    ("institucionDependencia.siglas", "str"),
    ("institucionDependencia.clave", "str"),
    ("servidorPublicoSancionado.nivel", "str"),
    ("resolucion.url", "str"),
}


def test_s2_and_s3_records_have_the_specification_fields(s2, s3s, s3p):
    for record in s2:
        assert set(record) == S2_FIELDS, record["id"]
        assert set(record["puesto"]) == {"nombre", "nivel"}
        assert isinstance(record["ramo"]["clave"], int) and isinstance(
            record["ejercicioFiscal"], str
        )
        assert all(isinstance(p["clave"], int) for p in record["tipoProcedimiento"])
    for record in s3s:
        assert set(record) - {"multa", "inhabilitacion"} == S3S_FIELDS, record["id"]
        assert ("inhabilitacion" in record) == any(s["clave"] == "I" for s in record["tipoSancion"])
        assert ("multa" in record) == any(s["clave"] == "M" for s in record["tipoSancion"])
    for record in s3p:
        assert set(record) - {"multa", "inhabilitacion"} == S3P_FIELDS, record["id"]
        party = record["particularSancionado"]
        assert party["tipoPersona"] in {"F", "M"}
        assert len(party["rfc"]) == (12 if party["tipoPersona"] == "M" else 13)
        assert ("directorGeneral" in party) == (party["tipoPersona"] == "M")


def test_s2_fields_and_types_are_those_of_the_real_datathon_file(s2):
    real = REAL / "s2_synthetic_dataton2021" / "02_serPub_contraPub.json.gz"
    if not real.is_file():
        pytest.skip(f"real S2 file not found at {real} (../shared is absent)")
    theirs = set().union(*(paths(r) for r in json.loads(gzip.decompress(real.read_bytes()))))
    ours = set().union(*(paths(r) for r in s2))
    assert ours <= theirs, sorted(ours - theirs)


def test_s3_fields_and_types_are_those_of_the_real_datathon_file_or_the_spec(s3s):
    real = REAL / "s3_synthetic_dataton2021" / "03_serPub_sancion.json"
    if not real.is_file():
        pytest.skip(f"real S3 file not found at {real} (../shared is absent)")
    theirs = set().union(*(paths(r) for r in json.loads(real.read_text(encoding="utf-8"))))
    ours = set().union(*(paths(r) for r in s3s))
    assert ours - theirs <= S3S_SPEC_EXTRAS, sorted(ours - theirs - S3S_SPEC_EXTRAS)
    assert {p for p, _ in theirs} - {p for p, _ in ours} <= {
        "servidorPublicoSancionado.rfc.rfc",  # the v2 way of writing the RFC
        "servidorPublicoSancionado.rfc.homoClave",
    }


# --- people ------------------------------------------------------------------------------------


def people(s1, s2, s3s) -> list[tuple[str, str, str]]:
    """(full name, RFC, CURP) of every declarant, S2 servant, superior and sanctioned servant."""

    def who(p: dict, given: str, rfc: str) -> tuple[str, str, str]:
        return f"{p[given]} {p['primerApellido']} {p['segundoApellido']}", rfc, p["curp"]

    out = []
    for r in s1:
        g = r["declaracion"]["situacionPatrimonial"]["datosGenerales"]
        out.append(who(g, "nombre", g["rfc"]["rfc"] + g["rfc"]["homoClave"]))
    for r in s2:
        out += [who(p, "nombres", p["rfc"]) for p in (r, r["superiorInmediato"])]
    for r in s3s:
        p = r["servidorPublicoSancionado"]
        out.append(who(p, "nombres", p["rfc"]))
    return out


def test_every_person_has_a_valid_rfc_and_curp_that_agree(s1, s2, s3s):
    for name, rfc, curp in set(people(s1, s2, s3s)):
        assert RFC_FISICA.match(rfc) and rfc_ok(rfc), (name, rfc)
        assert curp_ok(curp), (name, curp)
        assert rfc[4:10] == curp[4:10], (name, rfc, curp)  # same birth date
        # same letters, but for the word each authority defuses (SAT: 4th letter X, RENAPO: 2nd)
        assert rfc[0] == curp[0] and rfc[2] == curp[2], (name, rfc, curp)
        assert rfc[1] == curp[1] or curp[1] == "X", (name, rfc, curp)
        assert rfc[3] == curp[3] or rfc[3] == "X", (name, rfc, curp)


def test_one_curp_is_one_rfc_and_one_name(s1, s2, s3s):
    by_curp = defaultdict(set)
    for name, rfc, curp in people(s1, s2, s3s):
        by_curp[curp].add((name, rfc))
    assert all(len(found) == 1 for found in by_curp.values())


def test_the_only_namesakes_are_the_planted_homonyms(s1, s2, s3s, truth):
    by_name = defaultdict(set)
    for name, _, curp in people(s1, s2, s3s):
        by_name[name].add(curp)
    shared = {name for name, curps in by_name.items() if len(curps) > 1}
    assert shared == {pair["nombre"] for pair in truth["homonyms"]["pairs"]}


def test_institutions_are_the_procurement_buyers(s1, s2, truth, awards):
    buyers = {a["buyer_id"]: a["buyer_name"] for a in awards}
    listed = {i["buyer_id"]: i["nombre"] for i in truth["institutions"]}
    assert listed == buyers
    assert {r["metadata"]["institucion"] for r in s1} == set(buyers.values())
    assert {r["institucionDependencia"]["nombre"] for r in s2} <= set(buyers.values())
    assert all("Nueva Galicia" in name for name in buyers.values())


# --- facts -------------------------------------------------------------------------------------


def test_counts_per_type_year_and_institution_are_recounted(s1, s2, s3s, s3p, truth):
    counts = truth["counts"]
    assert counts["s1"]["declarations"] == len(s1)
    assert counts["s1"]["declarants"] == len({s1_curp(r) for r in s1}) > 2000
    assert counts["s1"]["by_type"] == dict(Counter(r["metadata"]["tipo"] for r in s1))
    assert counts["s1"]["by_year"] == dict(Counter(s1_day(r)[:4] for r in s1))
    assert counts["s1"]["complete"] == sum(r["metadata"]["declaracionCompleta"] for r in s1)
    assert set(counts["s1"]["by_year"]) == {"2021", "2022", "2023", "2024"}
    for inst in truth["institutions"]:
        mine = [r for r in s1 if r["metadata"]["institucion"] == inst["nombre"]]
        assert inst["declarations"] == len(mine)
        assert inst["declarants"] == len({s1_curp(r) for r in mine})
        assert inst["by_type"] == dict(Counter(r["metadata"]["tipo"] for r in mine))
        assert inst["s2_records"] == sum(
            r["institucionDependencia"]["siglas"] == inst["siglas"] for r in s2
        )
    assert counts["s2"]["records"] == len(s2)
    assert counts["s2"]["by_year"] == dict(Counter(r["ejercicioFiscal"] for r in s2))
    assert counts["s3_servidores"]["records"] == len(s3s)
    assert counts["s3_particulares"]["records"] == len(s3p)
    assert counts["s3_servidores"]["with_inhabilitacion"] == sum("inhabilitacion" in r for r in s3s)


def test_each_official_files_in_order_and_on_time(s1):
    by_person = defaultdict(list)
    for record in s1:
        by_person[s1_curp(record)].append(record)
    for found in by_person.values():
        found.sort(key=s1_day)
        kinds = [r["metadata"]["tipo"] for r in found]
        assert "INICIAL" not in kinds[1:] and "CONCLUSIÓN" not in kinds[:-1], kinds
        modification_years = [
            s1_day(r)[:4] for r in found if r["metadata"]["tipo"] == "MODIFICACIÓN"
        ]
        assert len(modification_years) == len(set(modification_years))
        assert all(s1_day(r)[5:7] == "05" for r in found if r["metadata"]["tipo"] == "MODIFICACIÓN")


# --- planted cases -----------------------------------------------------------------------------


def test_company_cases_declare_suppliers_of_their_own_institution(truth, by_id, awards):
    cases = truth["company_conflicts"]["cases"]
    assert len(cases) == 8 and {c["relation"] for c in cases} == {"DECLARANTE", "PAREJA"}
    for case in cases:
        supplier, buyer = case["supplier"]["rfc"], case["institution"]["buyer_id"]
        own = {a["award_id"] for a in awards if a["rfc"] == supplier and a["buyer_id"] == buyer}
        assert own, case["id"]
        assert {a["award_id"] for a in case["awards_from_own_institution"]} == own
        assert {a["name"] for a in awards if a["rfc"] == supplier} == {
            case["supplier"]["supplier_name"]
        }
        assert case["s1_ids"] and case["s2_ids"], case["id"]
        for sid in case["s1_ids"]:
            record = by_id[sid]
            assert s1_curp(record) == case["curp"]
            assert record["metadata"]["institucion"] == case["institution"]["nombre"]
            stakes = record["declaracion"]["interes"]["participacion"]["participacion"]
            assert any(
                s["rfc"] == supplier and s["tipoRelacion"] == case["relation"] for s in stakes
            )
        for sid in case["s2_ids"]:
            assert by_id[sid]["curp"] == case["curp"]
            assert by_id[sid]["institucionDependencia"]["siglas"] == case["institution"]["siglas"]


def test_company_traps_declare_suppliers_that_never_sold_to_their_institution(truth, awards):
    traps = truth["company_conflicts"]["traps"]
    assert len(traps) == 3
    for trap in traps:
        supplier, buyer = trap["supplier"]["rfc"], trap["institution"]["buyer_id"]
        buyers = {a["buyer_id"] for a in awards if a["rfc"] == supplier}
        assert buyers and buyer not in buyers and sorted(buyers) == trap["buyers_of_supplier"]


def test_no_other_declared_company_is_a_procurement_supplier(s1, truth, awards):
    suppliers = {a["rfc"] for a in awards}
    planted = {(c["curp"], c["supplier"]["rfc"]) for c in truth["company_conflicts"]["cases"]}
    planted |= {(c["curp"], c["supplier"]["rfc"]) for c in truth["company_conflicts"]["traps"]}
    found = set()
    for record in s1:
        interest = record["declaracion"].get("interes", {})
        for stake in interest.get("participacion", {}).get("participacion", []):
            if stake["rfc"] in suppliers:
                found.add((s1_curp(record), stake["rfc"]))
    assert found == planted


def wealth(found: list[dict]) -> float | None:
    """(homes and vehicles bought since the first complete declaration - loans taken meanwhile)
    / net income declared in the later declarations."""
    complete = sorted((r for r in found if r["metadata"]["declaracionCompleta"]), key=s1_day)
    if len(complete) < 2:
        return None
    since, last = s1_day(complete[0]), complete[-1]["declaracion"]["situacionPatrimonial"]
    items = last["bienesInmuebles"].get("bienInmueble", []) + last["vehiculos"].get("vehiculo", [])
    bought = sum(
        i["valorAdquisicion"]["valor"]
        for i in items
        if i["tipoOperacion"] != "BAJA" and i["fechaAdquisicion"] > since
    )
    loans = sum(
        d["montoOriginal"]["valor"]
        for d in last["adeudos"].get("adeudo", [])
        if d["fechaAdquisicion"] > since
    )
    earned = sum(
        r["declaracion"]["situacionPatrimonial"]["ingresos"][INCOME[r["metadata"]["tipo"]]]["valor"]
        for r in complete[1:]
    )
    return (bought - loans) / earned


def test_wealth_cases_buy_far_beyond_their_income_and_nobody_else_does(s1, truth):
    by_person = defaultdict(list)
    for record in s1:
        by_person[s1_curp(record)].append(record)
    planted = {c["curp"]: c for c in truth["wealth_growth"]["cases"]}
    assert len(planted) == 8
    ratios = {curp: wealth(found) for curp, found in by_person.items()}
    for curp, case in planted.items():
        assert ratios[curp] >= 3, case["id"]
        assert ratios[curp] == pytest.approx(case["ratio"], abs=1e-3)
        assert case["declarations"] == [
            r["id"]
            for r in sorted(by_person[curp], key=s1_day)
            if r["metadata"]["declaracionCompleta"]
        ]
    others = [r for curp, r in ratios.items() if curp not in planted and r is not None]
    assert max(others) <= 1 and max(others) == pytest.approx(
        truth["wealth_growth"]["max_ratio_not_planted"], abs=1e-3
    )


def test_disqualified_servants_are_still_in_s2_during_the_disqualification(truth, by_id, s2, s3s):
    cases = truth["disqualified_in_s2"]["cases"]
    assert len(cases) == 6 and any(c["sanctioned_by"] != c["works_at"] for c in cases)
    for case in cases:
        sanction = by_id[case["s3_id"]]
        ban = sanction["inhabilitacion"]
        assert ban == case["inhabilitacion"]
        assert sanction["servidorPublicoSancionado"]["curp"] == case["curp"]
        assert sanction["institucionDependencia"]["siglas"] == case["sanctioned_by"]
        start, end = ban["fechaInicial"], ban["fechaFinal"]
        listed = [
            r for r in s2 if r["curp"] == case["curp"] and start <= r["fechaCaptura"][:10] <= end
        ]
        assert listed and [r["id"] for r in listed] == [r["id"] for r in case["s2_in_period"]]
        assert all(start[:4] <= r["ejercicioFiscal"] <= end[:4] for r in listed)
        assert all(r["institucionDependencia"]["siglas"] == case["works_at"] for r in listed)
    planted = {c["curp"] for c in cases}
    for record in s3s:  # nobody else disqualified is listed in S2 during the period
        ban = record.get("inhabilitacion")
        curp = record["servidorPublicoSancionado"]["curp"]
        if ban and curp not in planted:
            assert not [
                r
                for r in s2
                if r["curp"] == curp
                and ban["fechaInicial"] <= r["fechaCaptura"][:10] <= ban["fechaFinal"]
            ], record["id"]


def test_disqualified_suppliers_win_awards_during_the_disqualification(truth, by_id, awards):
    cases = truth["disqualified_suppliers_awarded"]["cases"]
    assert len(cases) == 3
    for case in cases:
        record = by_id[case["s3_id"]]
        ban = record["inhabilitacion"]
        assert record["particularSancionado"]["rfc"] == case["supplier_rfc"]
        inside = {
            a["award_id"]
            for a in awards
            if a["rfc"] == case["supplier_rfc"]
            and ban["fechaInicial"] <= a["date"] <= ban["fechaFinal"]
        }
        assert inside and inside == {a["award_id"] for a in case["awards_in_period"]}
    for case in truth["disqualified_suppliers_awarded"]["not_cases"]:
        record = by_id[case["s3_id"]]
        ban = record.get("inhabilitacion")
        if ban:
            assert not [
                a
                for a in awards
                if a["rfc"] == case["supplier_rfc"]
                and ban["fechaInicial"] <= a["date"] <= ban["fechaFinal"]
            ]


def test_only_planted_private_parties_are_procurement_suppliers(s3p, truth, awards):
    suppliers = {a["rfc"] for a in awards} | {a["name"] for a in awards}
    planted = truth["disqualified_suppliers_awarded"]
    expected = {c["supplier_rfc"] for c in planted["cases"] + planted["not_cases"]}
    found = {
        r["particularSancionado"]["rfc"]
        for r in s3p
        if suppliers
        & {r["particularSancionado"]["rfc"], r["particularSancionado"]["nombreRazonSocial"]}
    }
    assert found == expected


def test_declarants_are_of_working_age(s1):
    for record in s1:
        curp = s1_curp(record)
        year = int(curp[4:6]) + (1900 if curp[16].isdigit() else 2000)
        assert 18 <= int(s1_day(record)[:4]) - year <= 67, (curp, s1_day(record))


def test_homonyms_are_different_people_with_records_on_each_side(truth, by_id):
    pairs = truth["homonyms"]["pairs"]
    assert len(pairs) == 5
    for pair in pairs:
        first, second = pair["people"]
        assert first["rfc"] != second["rfc"] and first["curp"] != second["curp"]
        assert first["rfc"][:4] == second["rfc"][:4]  # same letters: same name
        for side in pair["people"]:
            ids = side["s1_ids"] + side["s2_ids"] + side["s3_ids"]
            assert ids, pair["id"]
            for rid in ids:
                record = by_id[rid]
                text = json.dumps(record, ensure_ascii=False)
                assert side["curp"] in text and pair["nombre"].split()[-1] in text


def test_every_planted_id_exists(truth, by_id):
    text = json.dumps({k: v for k, v in truth.items() if k not in ("counts", "institutions")})
    ids = set(
        re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", text)
    )
    assert len(ids) > 100 and ids <= set(by_id)


# --- the readers of kit.declarations -----------------------------------------------------------


def test_the_kit_readers_read_the_sample(truth):
    s1_reader = pytest.importorskip("kit.declarations.s1")
    s2_reader = pytest.importorskip("kit.declarations.s2")
    s3_reader = pytest.importorskip("kit.declarations.s3")
    counts = truth["counts"]
    found = s1_reader.read_s1("sample")
    assert len(found.declarations) == counts["s1"]["declarations"]
    assert found.declarations["curp"].nunique() == counts["s1"]["declarants"]
    assert len(s2_reader.read_s2("sample")) == counts["s2"]["records"]
    assert len(s3_reader.read_s3_servidores("sample")) == counts["s3_servidores"]["records"]
    assert len(s3_reader.read_s3_particulares("sample")) == counts["s3_particulares"]["records"]
    stakes = found.companies
    for case in truth["company_conflicts"]["cases"]:
        assert case["supplier"]["rfc"] in set(stakes["rfc"]), case["id"]


def test_dates_are_within_the_sample_years(s1, s2):
    assert min(s1_day(r) for r in s1) >= "2021-01-01"
    assert max(s1_day(r) for r in s1) <= str(date(2024, 10, 31))
    assert {r["ejercicioFiscal"] for r in s2} == {"2021", "2022", "2023", "2024"}
