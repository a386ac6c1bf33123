"""The task sets of the ``declaraciones`` track: expected values are the sample's planted truth,
the checks accept the notebooks' answers, name the typical mistakes and survive the grader."""

from __future__ import annotations

import importlib
import json
import pkgutil

import pandas as pd
import pytest

from kit import data as bundled
from kit.check import Outcome, TaskFailed
from kit.declarations import load as load_module
from kit.declarations import tasks
from kit.declarations.tasks import s1_s6, s2_s3, sistemas

MODULES = sorted(
    info.name for info in pkgutil.iter_modules(tasks.__path__) if info.name != "compare"
)
TASKSETS = [importlib.import_module(f"kit.declarations.tasks.{name}").TASKS for name in MODULES]
TASKS = [(taskset, task) for taskset in TASKSETS for task in taskset.tasks]
IDS = [f"{taskset.name}/{task.id}" for taskset, task in TASKS]


@pytest.fixture(scope="module")
def datos():
    return load_module.load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads(bundled.path("declarations/truth.json").read_text(encoding="utf-8"))


@pytest.fixture
def bind(datos):
    """``bind(TASKS)``: the notebook's checks on the sample, messages in Spanish."""
    from kit.i18n import set_language

    set_language("es")
    yield lambda taskset: taskset.bind(datos)
    set_language("es")


def verdict(bound, answer):
    feedback = bound.evaluate(answer)
    return feedback.outcome, feedback.message


# --- the track ------------------------------------------------------------------------------


def test_every_notebook_of_the_track_has_its_task_set_loading_the_pdn_systems():
    assert sorted(t.name for t in TASKSETS) == [f"declaraciones-0{n}" for n in (1, 2, 3)]
    assert all(taskset.load is load_module.load for taskset in TASKSETS)
    assert len(TASKS) >= 8


def test_the_loader_bundles_the_four_systems_and_procurement(datos):
    assert len(datos.s1.declarations) and len(datos.s2) and len(datos.s3_servidores)
    assert len(datos.s3_particulares) and datos.awards["buyer_id"].notna().all()
    assert "S1:" in datos._repr_html_() and "S6:" in repr(datos)


def test_a_folder_without_the_systems_says_what_is_missing(tmp_path):
    from kit.errors import SourceNotFoundError

    with pytest.raises(SourceNotFoundError, match="s1"):
        load_module.load(tmp_path)


@pytest.mark.parametrize(("taskset", "task"), TASKS, ids=IDS)
def test_every_task_has_a_title_and_two_or_three_hints_in_both_languages(taskset, task):
    assert task.title.es and task.title.en and task.points in (1, 2)
    assert 2 <= len(task.hints) <= 3, task.id
    assert all(hint.es and hint.en and hint.es != hint.en for hint in task.hints)


@pytest.mark.parametrize(("taskset", "task"), TASKS, ids=IDS)
def test_the_placeholder_is_not_attempted(bind, taskset, task):
    bound = bind(taskset)[task.id]
    assert bound.evaluate(...).outcome is Outcome.NOT_ATTEMPTED
    with pytest.raises(TaskFailed, match="reemplaza"):
        bound.assert_correct(...)


@pytest.mark.parametrize(("taskset", "task"), TASKS, ids=IDS)
def test_the_expected_answer_passes_its_own_check(bind, datos, taskset, task):
    bind(taskset)[task.id].assert_correct(task.expected(datos))


@pytest.mark.parametrize(("taskset", "task"), TASKS, ids=IDS)
def test_the_answer_survives_the_graders_json_round_trip(bind, datos, taskset, task):
    """``kit grade`` records answers as JSON data and judges them in its own process."""
    from kit.organizer.grade.answers import dump
    from kit.organizer.grade.answers import load as read_back

    answer = task.expected(datos)
    if isinstance(answer, frozenset):  # as a notebook computes it: a plain set
        answer = set(answer)
    recorded = json.loads(json.dumps(dump(answer), allow_nan=False))
    bind(taskset)[task.id].assert_correct(read_back(recorded))


def test_a_check_never_raises_on_a_wrong_type(bind):
    for taskset in TASKSETS:
        for bound in bind(taskset):
            for wrong in ("texto", pd.DataFrame({"x": [1]}), 3):
                outcome, _ = verdict(bound, wrong)
                assert outcome in (Outcome.INCORRECT, Outcome.ERROR)


# --- 01 sistemas ----------------------------------------------------------------------------


def test_sistemas_expected_values_are_the_sample_truth(datos, truth):
    counts = truth["counts"]
    assert sistemas.declarations_by_type(datos).to_dict() == counts["s1"]["by_type"]
    assert sistemas.sanctions_by_fault(datos).to_dict() == counts["s3_servidores"]["by_tipo_falta"]
    shares = sistemas.s2_share(datos)
    institutions = {i["nombre"]: i for i in truth["institutions"]}
    assert set(shares.index) == set(institutions)
    assert shares.between(0, 1).all()
    for name, share in shares.items():  # people in S2 of an institution, over its declarants
        i = institutions[name]
        assert share == pytest.approx(i["s2_people"] / i["declarants"], abs=0.05)


def test_sistemas_checks_accept_the_notebook_answers_and_name_the_mistakes(bind, datos):
    check = bind(sistemas.TASKS)
    s1 = datos.s1.declarations
    check.por_tipo.assert_correct(s1["tipo"].value_counts())
    check.por_falta.assert_correct(datos.s3_servidores["tipo_falta_clave"].value_counts())
    marked = s1.assign(en_s2=s1["curp"].isin(datos.s2["curp"]))
    people = marked.drop_duplicates(["ente_publico", "curp"])
    check.proporcion_s2.assert_correct(people.groupby("ente_publico")["en_s2"].mean())
    _, message = verdict(check.proporcion_s2, people.groupby("ente_publico")["en_s2"].mean() * 100)
    assert "porcentaje" in message
    outcome, message = verdict(
        check.proporcion_s2, marked.groupby("ente_publico")["en_s2"].mean()
    )  # declarations, not people: the shares are off
    assert outcome is Outcome.INCORRECT
    _, message = verdict(check.por_tipo, s1.drop_duplicates("curp")["tipo"].value_counts())
    assert "`declaraciones_por_tipo`" in message


# --- 02 S2 x S3 -----------------------------------------------------------------------------


def planted_s2(truth):
    return {r["id"] for case in truth["disqualified_in_s2"]["cases"] for r in case["s2_in_period"]}


def test_s2_s3_expected_values_are_the_sample_truth(datos, truth):
    cases = truth["disqualified_in_s2"]["cases"]
    assert s2_s3.records_during(datos) == planted_s2(truth)
    assert s2_s3.people_during(datos) == len(cases)
    assert s2_s3.institutions_during(datos) == {
        r["siglas"] for case in cases for r in case["s2_in_period"]
    }
    not_cases = {case["curp"] for case in truth["disqualified_in_s2"]["not_cases"]}
    assert not_cases.isdisjoint(s2_during := set(s2_s3.s2_during(datos)["curp"]))
    homonyms = {p["curp"] for pair in truth["homonyms"]["pairs"] for p in pair["people"]}
    by_name = s2_s3.s2_during(datos, "nombre_completo")
    assert len(set(by_name["id"])) > len(planted_s2(truth))  # names alone take homonyms in
    assert s2_during.isdisjoint(homonyms - {c["curp"] for c in cases})


def test_s2_s3_checks_accept_the_notebook_answers(bind, datos):
    check = bind(s2_s3.TASKS)
    s3 = datos.s3_servidores
    inhabilitados = s3[s3["inhabilitacion_fecha_inicial"].notna()]
    tabla = datos.s2.merge(inhabilitados, on="curp", suffixes=("", "_s3"))
    dia = tabla["fecha_captura"].dt.normalize()
    dentro = (dia >= tabla["inhabilitacion_fecha_inicial"]) & (
        dia <= tabla["inhabilitacion_fecha_final"]
    )
    check.registros.assert_correct(set(tabla.loc[dentro, "id"]))
    check.registros.assert_correct(list(tabla.loc[dentro, "id"]))
    check.personas.assert_correct(tabla.loc[dentro, "curp"].nunique())
    check.instituciones.assert_correct(set(tabla.loc[dentro, "institucion_siglas"]))
    by_rfc = datos.s2.merge(inhabilitados, on="rfc", suffixes=("", "_s3"))
    dia = by_rfc["fecha_captura"].dt.normalize()
    ok = (dia >= by_rfc["inhabilitacion_fecha_inicial"]) & (
        dia <= by_rfc["inhabilitacion_fecha_final"]
    )
    check.registros.assert_correct(set(by_rfc.loc[ok, "id"]))  # the RFC links the same people


def test_s2_s3_checks_name_the_typical_mistakes(bind, datos):
    check = bind(s2_s3.TASKS)
    by_name = s2_s3.s2_during(datos, "nombre_completo")
    outcome, message = verdict(check.registros, set(by_name["id"]))
    assert outcome is Outcome.INCORRECT and "homónimos" in message and "CURP" in message
    _, message = verdict(check.personas, len(s2_s3.s2_during(datos)))  # records, not people
    assert "mayor" in message
    some = set(list(s2_s3.records_during(datos))[:3])
    _, message = verdict(check.registros, some)
    assert "faltan" in message


# --- 03 S1 x S6 -----------------------------------------------------------------------------


def test_s1_s6_conflicts_are_the_planted_cases_and_not_the_traps(datos, truth):
    table = s1_s6.conflicts(datos)
    cases = truth["company_conflicts"]["cases"]
    expected = {(c["curp"], c["supplier"]["rfc"], c["institution"]["buyer_id"]) for c in cases}
    assert set(zip(table["curp"], table["rfc_empresa"], table["buyer_id"], strict=True)) == expected
    traps = {t["curp"] for t in truth["company_conflicts"]["traps"]}
    assert traps.isdisjoint(table["curp"])
    amounts = table.set_index("curp")["monto_mxn"]
    for case in cases:
        total = sum(a["amount"] for a in case["awards_from_own_institution"])
        assert amounts[case["curp"]] == pytest.approx(total, rel=1e-6)


def test_s1_s6_wealth_growth_finds_the_planted_cases(datos, truth):
    planted = {c["curp"]: c for c in truth["wealth_growth"]["cases"]}
    assert s1_s6.grew_beyond_income(datos) == set(planted)
    growth = s1_s6.wealth_growth(datos).set_index("curp")
    for curp, case in planted.items():
        assert growth.loc[curp, "ingreso_mxn"] == pytest.approx(case["income"])
        assert growth.loc[curp, "veces"] == pytest.approx(case["ratio"], abs=0.1)
    others = growth.drop(index=list(planted))["veces"]
    assert others.max() <= truth["wealth_growth"]["max_ratio_not_planted"] + 0.1


def test_s1_s6_checks_accept_the_notebook_answers_and_name_the_mistakes(bind, datos):
    check = bind(s1_s6.TASKS)
    table = s1_s6.conflicts(datos)
    check.conflictos.assert_correct(table[["curp", "rfc_empresa", "buyer_id", "monto_mxn"]])
    growth = s1_s6.wealth_growth(datos)
    check.patrimonio.assert_correct(set(growth.loc[growth["veces"] > s1_s6.TIMES, "curp"]))
    gross = s1_s6.wealth_growth(datos, cash_only=False)
    outcome, message = verdict(check.patrimonio, set(gross.loc[gross["veces"] > 3, "curp"]))
    assert outcome is Outcome.INCORRECT and "crédito" in message
    s1 = datos.s1
    stakes = s1.companies.merge(s1.declarations[["id", "curp"]], on="id")
    anywhere = (
        stakes.rename(columns={"rfc": "rfc_empresa"})
        .merge(datos.awards.rename(columns={"rfc": "rfc_empresa"}), on="rfc_empresa")
        .drop_duplicates(["curp", "rfc_empresa", "award_id"])
        .groupby(["curp", "rfc_empresa", "buyer_id"], as_index=False)["value_amount"]
        .sum()
        .rename(columns={"value_amount": "monto_mxn"})
    )  # awards from any buyer, not only the declarant's own institution
    _, message = verdict(check.conflictos, anywhere)
    assert "no deberían estar" in message
    _, message = verdict(check.conflictos, table.drop(columns="monto_mxn"))
    assert "faltan columnas" in message
