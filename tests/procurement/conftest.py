"""Fixtures shared by the task tests: the sample, and checks bound to it in Spanish."""

import pytest

from kit.i18n import set_language
from kit.procurement import load


@pytest.fixture(scope="session")
def datos():
    return load("sample")


@pytest.fixture
def bind(datos):
    """``bind(TASKS)``: the notebook's checks on the sample, messages in Spanish."""
    set_language("es")
    yield lambda taskset: taskset.bind(datos)
    set_language("es")
