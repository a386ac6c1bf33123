"""The task sets of the ``sanciones`` track: sane expected values on the sample, checks that
accept the notebooks' answers and name the typical mistakes."""

from __future__ import annotations

import importlib
import json
import pkgutil

import pandas as pd
import pytest

from kit import data as bundled
from kit.check import Outcome, TaskFailed
from kit.i18n import set_language
from kit.sanctions import load as load_module
from kit.sanctions import tasks
from kit.sanctions.names import normalise_series
from kit.sanctions.rfc import validate_series
from kit.sanctions.tasks import enlace, listas, rfc_nombres

MODULES = sorted(
    info.name for info in pkgutil.iter_modules(tasks.__path__) if info.name != "compare"
)
TASKSETS = [importlib.import_module(f"kit.sanctions.tasks.{name}").TASKS for name in MODULES]
TASKS = [(taskset, task) for taskset in TASKSETS for task in taskset.tasks]
IDS = [f"{taskset.name}/{task.id}" for taskset, task in TASKS]


@pytest.fixture(scope="module")
def datos():
    return load_module.load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads(bundled.path("sanctions/truth.json").read_text(encoding="utf-8"))


@pytest.fixture
def bind(datos):
    """``bind(TASKS)``: the notebook's checks on the sample, messages in Spanish."""
    set_language("es")
    yield lambda taskset: taskset.bind(datos)
    set_language("es")


def true_links(truth, lista=None):
    return [
        link
        for link in truth["links"]
        if link["true_link"] and (lista is None or link["list"] == lista)
    ]


def verdict(bound, answer):
    """(outcome, message) of a check, the way the notebook shows it."""
    feedback = bound.evaluate(answer)
    return feedback.outcome, feedback.message


# --- the track ------------------------------------------------------------------------------


def test_every_notebook_of_the_track_has_its_task_set_loading_the_lists():
    assert sorted(taskset.name for taskset in TASKSETS) == [f"sanciones-0{n}" for n in (1, 2, 3)]
    assert all(taskset.load is load_module.load for taskset in TASKSETS)
    assert len(TASKS) >= 8


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


# --- 01 las listas ----------------------------------------------------------------------------


def test_listas_expected_values_are_the_sample_truth(datos, truth):
    sat = truth["sat_69b"]
    assert listas.definitive_rows(datos) == sat["by_situation"]["Definitivo"]
    shares = listas.situation_shares(datos)
    assert shares.sum() == pytest.approx(1)
    assert shares["presunto"] == pytest.approx(sat["by_situation"]["Presunto"] / sat["rows"])
    assert listas.entries_by_program(datos).to_dict() == truth["ofac"]["programs"]
    written = {r["rfc"] for r in truth["ofac"]["mexico"]["rfcs"] if r["status"] != "incomplete"}
    assert listas.ofac_rfcs(datos) == written


def test_listas_checks_accept_the_notebook_answers(bind, datos):
    check = bind(listas.TASKS)
    sat, ids = datos.sat69b, datos.sdn.ids
    check.n_definitivos.assert_correct((sat["situacion"] == "definitivo").sum())
    check.proporcion_situacion.assert_correct(sat["situacion"].value_counts(normalize=True))
    check.proporcion_situacion.assert_correct(
        sat["situacion"].astype(str).value_counts(normalize=True)
    )
    check.entradas_por_programa.assert_correct(datos.sdn.programs["program"].value_counts())
    check.entradas_por_programa.assert_correct(
        datos.sdn.entries["programs"].explode().value_counts()
    )
    rfcs = ids[(ids["kind"] == "RFC") & (ids["well_formed"])]["value"]
    check.rfcs_ofac.assert_correct(set(rfcs))
    check.rfcs_ofac.assert_correct(list(rfcs))  # repeats and a list are fine


def test_listas_checks_name_the_typical_mistakes(bind, datos):
    check = bind(listas.TASKS)
    sat, ids = datos.sat69b, datos.sdn.ids
    counts = sat["situacion"].value_counts()
    outcome, message = verdict(check.proporcion_situacion, counts)
    assert outcome is Outcome.INCORRECT and "conteos" in message and "normalize=True" in message
    _, message = verdict(check.proporcion_situacion, counts / counts.sum() * 100)
    assert "porcentaje" in message
    _, message = verdict(check.n_definitivos, (sat["situacion_publicada"] == "definitivo").sum())
    assert "menor" in message and "mucho" in message
    _, message = verdict(check.entradas_por_programa, datos.sdn.entries["programs"].value_counts())
    assert "varios programas" in message and "explode" in message
    outcome, message = verdict(check.rfcs_ofac, set(ids.loc[ids["kind"] == "RFC", "value"]))
    assert outcome is Outcome.INCORRECT and "no deberían estar" in message
    _, message = verdict(check.rfcs_ofac, set(ids.loc[ids["kind"] == "RFC", "text"]))
    assert "R.F.C." in message  # the participant sees their own extra values


# --- 02 RFC y nombres -------------------------------------------------------------------------


def test_rfc_nombres_expected_values_are_the_sample_truth(datos, truth):
    sat = truth["sat_69b"]
    published = sat["rows"] - len(sat["suppressed"]["rows"])
    assert rfc_nombres.invalid_rfc_share(datos) == pytest.approx(
        len(sat["invalid_check_digit"]) / published
    )
    on_69b = rfc_nombres.on_69b(datos)
    planted = {(link["supplier"]["supplier_id"], link["record"]["no"])
               for link in true_links(truth, "sat_69b")}  # fmt: skip
    assert set(zip(on_69b["supplier_id"], on_69b["no"], strict=True)) == planted
    on_ofac = rfc_nombres.on_ofac(datos)
    assert "MX-RFC-XAXX010101000" not in set(on_ofac["supplier_id"])
    by_rfc = {(link["supplier"]["supplier_id"], link["record"]["ent_num"])
              for link in true_links(truth, "ofac") if link["record"]["rfc"]}  # fmt: skip
    assert set(zip(on_ofac["supplier_id"], on_ofac["ent_num"], strict=True)) == by_rfc
    exact = {link["supplier"]["supplier_id"] for link in true_links(truth, "sfp")
             if "typo" not in link["variants"]}  # fmt: skip
    assert rfc_nombres.sfp_name_matches(datos) == exact


def test_rfc_nombres_checks_accept_the_notebook_answers(bind, datos):
    check = bind(rfc_nombres.TASKS)
    valid = validate_series(datos.sat69b["rfc"].dropna())
    check.rfc_invalidos.assert_correct((~valid["ok"]).mean())
    suppliers = datos.suppliers.assign(
        clave=normalise_series(datos.suppliers["supplier_name"])["sorted_key"]
    )
    sfp = normalise_series(datos.sfp["proveedor_contratista"])["sorted_key"]
    check.en_sfp.assert_correct(set(suppliers.loc[suppliers["clave"].isin(sfp), "supplier_id"]))
    unibles = datos.suppliers[validate_series(datos.suppliers["rfc"])["joinable"]]
    check.en_69b.assert_correct(unibles.merge(datos.sat69b, on="rfc"))
    rfc_ofac = rfc_nombres.ofac_rfc_table(datos)
    check.en_ofac.assert_correct(unibles.merge(rfc_ofac, on="rfc"))


def test_rfc_nombres_checks_name_the_typical_mistakes(bind, datos):
    check = bind(rfc_nombres.TASKS)
    every_row = validate_series(datos.sat69b["rfc"])  # suppressed rows count as failing
    _, message = verdict(check.rfc_invalidos, (~every_row["ok"]).mean())
    assert "mayor" in message
    _, message = verdict(check.rfc_invalidos, rfc_nombres.invalid_rfc_share(datos) * 100)
    assert "porcentaje" in message
    upper = datos.suppliers["supplier_name"].str.upper()
    raw = set(datos.suppliers.loc[upper.isin(datos.sfp["proveedor_contratista"]), "supplier_id"])
    _, message = verdict(check.en_sfp, raw)
    assert "faltan" in message
    everyone = datos.suppliers.merge(rfc_nombres.ofac_rfc_table(datos), on="rfc")
    _, message = verdict(check.en_ofac, everyone)
    assert "XAXX010101000" in message and "genérico" in message
    unibles = rfc_nombres.joinable_suppliers(datos)
    _, message = verdict(check.en_69b, unibles.merge(datos.sat69b, on="rfc")["situacion"])
    assert "Serie" in message
    _, message = verdict(check.en_69b, unibles.merge(datos.sat69b[["rfc", "no"]], on="rfc"))
    assert "faltan columnas" in message and "situacion" in message


# --- 03 enlace difuso -------------------------------------------------------------------------


def test_enlace_expected_values_are_the_sample_truth(datos, truth):
    assert len(enlace.planted_links(datos)) == truth["link_counts"]["total"]
    with_rfc = enlace.candidates(datos)
    planted = enlace.planted_links(datos)
    found = with_rfc[enlace.KEYS].merge(planted, on=enlace.KEYS, how="left")
    assert found["true_link"].eq(True).all()  # with the RFC as evidence: no homonym, no trap
    assert len(found) == truth["link_counts"]["true"]
    precision, recall = enlace.names_precision(datos), enlace.names_recall(datos)
    assert 0.5 < precision < 1 and 0.8 < recall < 1  # names alone take homonyms in
    layer = enlace.transparency_layer(datos)
    assert set(layer["supplier_id"]) == {
        link["supplier"]["supplier_id"] for link in true_links(truth)
    }
    several = layer.set_index("supplier_id")["n_listas"].gt(1)
    assert set(several[several].index) == set(truth["suppliers_on_several_lists"])
    during = {
        a for link in true_links(truth, "sfp") for a in link["record"]["awards_during_sanction"]
    }
    assert enlace.awards_during_disqualification(datos) == during


def test_planted_links_exist_only_for_the_sample(datos):
    other = load_module.SanctionsData(
        datos.sdn, datos.sat69b, datos.sfp, datos.procurement, "/descargas"
    )
    assert enlace.planted_links(other).empty
    assert list(enlace.planted_links(other).columns) == [*enlace.KEYS, "true_link", "kind"]
    check = enlace.TASKS.bind(other)  # nothing to measure: any number goes, the notebook runs on
    for value in (0.0, float("nan"), 1):
        check.precision_nombres.assert_correct(value)
        check.exhaustividad_nombres.assert_correct(value)
    assert check.precision_nombres.evaluate("alto").outcome is Outcome.INCORRECT
    assert check.precision_nombres.evaluate(...).outcome is Outcome.NOT_ATTEMPTED


def test_enlace_checks_accept_the_notebook_answers(bind, datos):
    check = bind(enlace.TASKS)
    clave = enlace.KEYS
    nombres = enlace.candidates(datos, use_rfc=False)
    verdad = enlace.planted_links(datos)
    verdaderos = verdad[verdad["true_link"]]
    marcados = nombres.merge(verdaderos, on=clave, how="left", indicator=True)
    check.precision_nombres.assert_correct((marcados["_merge"] == "both").mean())
    encontrados = verdaderos.merge(nombres[clave], on=clave, how="left", indicator=True)
    check.exhaustividad_nombres.assert_correct((encontrados["_merge"] == "both").mean())
    enlaces = enlace.candidates(datos)
    n_listas = enlaces.groupby("left_id")["lista"].nunique().rename("n_listas")
    check.capa.assert_correct(
        datos.suppliers.merge(n_listas, left_on="supplier_id", right_index=True)
    )
    check.durante_inhabilitacion.assert_correct(_during(datos, enlaces))


def _during(datos, enlaces, with_end=True):
    sfp = enlaces[enlaces["lista"] == "sfp"]
    periodos = sfp.merge(datos.sfp, left_on="right_id", right_index=True)
    adjudicaciones = datos.awards.assign(dia=enlace.local_day(datos.awards["date"]))
    tabla = adjudicaciones.merge(periodos, left_on="supplier_id", right_on="left_id")
    dentro = tabla["dia"] >= tabla["inicio_sancion"]
    if with_end:
        dentro &= tabla["dia"] <= tabla["fin_sancion"]
    return set(tabla.loc[dentro, "award_id"])


def test_enlace_checks_name_the_typical_mistakes(bind, datos):
    check = bind(enlace.TASKS)
    _, message = verdict(check.precision_nombres, enlace.names_recall(datos))
    assert "mayor" in message
    _, message = verdict(check.exhaustividad_nombres, enlace.names_recall(datos) * 100)
    assert "porcentaje" in message
    enlaces = enlace.candidates(datos)
    counted = enlaces.groupby("left_id")["lista"].count().rename("n_listas")
    _, message = verdict(
        check.capa, datos.suppliers.merge(counted, left_on="supplier_id", right_index=True)
    )
    assert "`n_listas`" in message and "valores distintos" in message
    distinct = enlaces.groupby("left_id")["lista"].nunique().rename("n_listas")
    every = datos.suppliers.merge(distinct, left_on="supplier_id", right_index=True, how="left")
    _, message = verdict(check.capa, every)
    assert "no deberían estar" in message
    _, message = verdict(check.durante_inhabilitacion, _during(datos, enlaces, with_end=False))
    assert "no deberían estar" in message


def test_a_check_never_raises_on_a_wrong_type(bind):
    for taskset in TASKSETS:
        for bound in bind(taskset):
            outcome, _ = verdict(bound, "texto")
            assert outcome in (Outcome.INCORRECT, Outcome.ERROR)
            outcome, _ = verdict(bound, pd.DataFrame({"x": [1]}))
            assert outcome in (Outcome.INCORRECT, Outcome.ERROR)


@pytest.mark.parametrize(("taskset", "task"), TASKS, ids=IDS)
def test_the_answer_survives_the_graders_json_round_trip(bind, datos, taskset, task):
    """``kit grade`` records answers as JSON data and judges them in its own process."""
    from kit.organizer.grade.answers import dump
    from kit.organizer.grade.answers import load as read_back

    answer = task.expected(datos)
    if task.id == "proporcion_situacion":  # as the notebook computes it: a categorical index
        answer = datos.sat69b["situacion"].value_counts(normalize=True)
    recorded = json.loads(json.dumps(dump(answer), allow_nan=False))
    bind(taskset)[task.id].assert_correct(read_back(recorded))
