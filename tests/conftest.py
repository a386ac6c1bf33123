"""Test-wide settings: parsed data are cached in a temporary folder, never the user's cache."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def isolated_cache(tmp_path_factory):
    patcher = pytest.MonkeyPatch()
    patcher.setenv("KIT_CACHE", str(tmp_path_factory.mktemp("kit-cache")))
    yield
    patcher.undo()


@pytest.fixture(autouse=True)
def spanish_again_after_each_test():
    """A test that switches the kit to English (``kit --lang en``) must not leak it to the next."""
    yield
    from kit.i18n import set_language

    set_language("es")
