"""What every task set of the track must satisfy, whichever notebook it belongs to."""

import importlib
import pkgutil

import pytest

from kit.check import Outcome, TaskFailed
from kit.procurement import tasks

TASKSETS = [
    importlib.import_module(f"kit.procurement.tasks.{info.name}").TASKS
    for info in pkgutil.iter_modules(tasks.__path__)
]
TASKS = [(taskset, task) for taskset in TASKSETS for task in taskset.tasks]
IDS = [f"{taskset.name}/{task.id}" for taskset, task in TASKS]


def test_every_notebook_of_the_track_has_its_task_set():
    names = sorted(taskset.name for taskset in TASKSETS)
    assert names == [f"contrataciones-0{n}" for n in range(1, 5)]


@pytest.mark.parametrize(("taskset", "task"), TASKS, ids=IDS)
def test_every_task_has_a_title_and_two_or_three_hints_in_both_languages(taskset, task):
    assert task.title.es and task.title.en
    assert 2 <= len(task.hints) <= 3, task.id
    assert all(hint.es and hint.en and hint.es != hint.en for hint in task.hints)


@pytest.mark.parametrize(("taskset", "task"), TASKS, ids=IDS)
def test_the_placeholder_is_not_attempted(bind, taskset, task):
    bound = bind(taskset)[task.id]
    feedback = bound.evaluate(...)
    assert feedback.outcome is Outcome.NOT_ATTEMPTED
    assert "reemplaza `...`" in feedback.message
    with pytest.raises(TaskFailed, match="reemplaza"):
        bound.assert_correct(...)
