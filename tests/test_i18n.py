"""Every message of the kit exists in Spanish and English, from one source."""

import importlib
import pkgutil

import pytest

import kit
from kit.i18n import CATALOG, Text, get_language, placeholders, set_language, t

SKIP = {"kit.organizer.forkserver", "kit.organizer.kernel_preload"}


def import_every_module():
    for info in pkgutil.walk_packages(kit.__path__, "kit."):
        if info.name not in SKIP and not info.name.endswith("__main__"):
            importlib.import_module(info.name)


def test_every_message_has_both_languages_with_the_same_placeholders():
    import_every_module()
    assert len(CATALOG) > 50
    for key, text in CATALOG.items():
        assert text.es.strip() and text.en.strip(), key
        assert placeholders(text.es) == placeholders(text.en), key
        assert text.es != text.en or len(text.es) < 12, f"{key} is not translated"


def test_spanish_is_the_default_and_english_can_be_chosen():
    assert get_language() == "es"
    try:
        set_language("en")
        assert t("check.correct") == "Correct!"
        assert str(Text("hola", "hello")) == "hello"
    finally:
        set_language("es")
    assert t("check.correct") == "¡Correcto!"


def test_an_unknown_language_is_refused_clearly():
    with pytest.raises(ValueError, match="LANG must be one of"):
        set_language("fr")
