import pytest

from kit.i18n import get_language, set_language


@pytest.fixture(autouse=True)
def same_language():
    """`kit --lang en` switches the language for the process; put it back after each test."""
    before = get_language()
    yield
    set_language(before)
