"""Tasks bound to data: three outcomes, progressive hints, hidden tests that raise."""

import pandas as pd
import pytest

from kit import tutorial
from kit.check import MIME_TYPE, Number, Outcome, Task, TaskFailed, TaskSet
from kit.i18n import Text, set_language


@pytest.fixture
def check():
    set_language("es")
    yield tutorial.TASKS.bind(tutorial.load())
    set_language("es")


def test_the_placeholder_is_not_attempted_not_incorrect(check):
    feedback = check.total.evaluate(...)
    assert feedback.outcome is Outcome.NOT_ATTEMPTED
    assert "reemplaza `...`" in feedback.message
    assert "Todavía no" not in str(feedback)


def test_a_right_answer_is_correct(check):
    data = tutorial.load()
    assert check.total.evaluate(data["monto"].sum()).passed
    assert check.directas.evaluate(data[data["metodo"] == "directa"]).passed


def test_wrong_answers_get_the_next_hint_each_time(check):
    first = check.total.evaluate(1.0)
    second = check.total.evaluate(2.0)
    third = check.total.evaluate(3.0)
    assert first.outcome is Outcome.INCORRECT
    assert "Pista 1 de 2" in first.hint_label and "columna `monto`" in first.hint
    assert "Pista 2 de 2" in second.hint_label
    assert third.hint == "" and "hint()" not in third.footer


def test_feedback_never_shows_the_expected_value(check):
    total = tutorial.load()["monto"].sum()
    for answer in (1.0, "texto", pd.DataFrame(), total * 100):
        shown = str(check.total.evaluate(answer)) + check.total.evaluate(answer)._repr_html_()
        assert f"{total:,.0f}" not in shown and str(int(total)) not in shown


def test_a_check_that_crashes_internally_shows_a_friendly_message():
    def broken(_):
        raise ZeroDivisionError

    bound = TaskSet("t", [Task("x", "x", broken, Number(), [], Text("a", "b"))]).bind(None)
    feedback = bound.x.evaluate(1.0)
    assert feedback.outcome is Outcome.ERROR
    assert "ZeroDivisionError" in feedback.message and "mentor" in feedback.message


def test_hidden_tests_raise_a_task_failed_with_a_short_traceback(check):
    with pytest.raises(TaskFailed, match="bienvenida/total") as caught:
        check.total.assert_correct(...)
    assert isinstance(caught.value, AssertionError)
    assert caught.value._render_traceback_()[0].startswith("❌")
    check.total.assert_correct(tutorial.load()["monto"].sum())


def test_feedback_carries_a_machine_readable_outcome(check):
    bundle = check.total.evaluate(...)._repr_mimebundle_()
    assert bundle[MIME_TYPE] == {
        "task": "bienvenida/total",
        "outcome": "not_attempted",
        "lang": "es",
    }
    assert "text/html" in bundle and "text/plain" in bundle


def test_english_feedback(check):
    set_language("en")
    feedback = check.total.evaluate(1.0)
    assert "Not yet" in str(feedback) and "Hint 1 of 2" in feedback.hint_label


def test_calling_a_check_prints_outside_jupyter(check, capsys):
    check.total(...)
    check.total.hint(2)
    check.total.hint(9)
    out = capsys.readouterr().out
    assert "Sin responder" in out and "Pista 2 de 2" in out and "Ya viste todas las pistas" in out


def test_duplicate_task_ids_are_refused():
    task = Task("a", "a", len, Number(), [], Text("a", "a"))
    with pytest.raises(ValueError, match="duplicate task ids"):
        TaskSet("dup", [task, task])


def test_unknown_task_names_the_known_ones(check):
    with pytest.raises(KeyError, match="total, directas"):
        check["nope"]
