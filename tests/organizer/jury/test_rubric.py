"""Is the rubric read as written, and is a broken rubric refused with a clear, located error?"""

from __future__ import annotations

import tomllib

import pytest

from kit.errors import KitError, SourceNotFoundError
from kit.organizer.jury.rubric import RubricError, default_rubric_text, load_rubric


def test_the_default_rubric_has_the_five_datathon_criteria_in_both_languages():
    rubric = load_rubric()
    assert rubric.ids == [
        "impacto",
        "datos_abiertos",
        "solidez_tecnica",
        "viabilidad",
        "comunicacion",
    ]
    assert rubric["impacto"].name.es == "Impacto público"
    assert rubric["impacto"].name.en == "Public impact"
    for criterion in rubric:
        assert criterion.description.es and criterion.description.en
        assert criterion.description.es != criterion.description.en
        assert (criterion.low, criterion.high) == (1, 5)
    assert sum(rubric.weights.values()) == pytest.approx(1)
    assert rubric.weights["impacto"] == pytest.approx(0.30)
    assert rubric.weights["viabilidad"] == pytest.approx(0.15)


def test_the_printed_default_is_the_toml_that_is_loaded():
    text = default_rubric_text()
    assert text.startswith("# Rúbrica por omisión")
    assert [entry["id"] for entry in tomllib.loads(text)["criteria"]] == load_rubric().ids


def test_criteria_are_found_by_id_name_or_alias_whatever_the_case_or_accents():
    rubric = load_rubric()
    for written in ("solidez_tecnica", "Solidez técnica", "TECHNICAL SOUNDNESS", " soundness "):
        assert rubric.find(written).id == "solidez_tecnica", written
    assert rubric.find("Uso de datos abiertos").id == "datos_abiertos"
    assert rubric.find("originalidad") is None


def test_weights_are_normalised_and_a_criterion_may_have_its_own_scale(tmp_path):
    path = tmp_path / "propia.toml"
    path.write_text(
        '[scale]\nmin = 1\nmax = 5\n\n[[criteria]]\nid = "a"\nname = "Alfa"\nweight = 1\n\n'
        '[[criteria]]\nid = "b"\nname = "Beta"\nweight = 3\nscale = { min = 0, max = 10 }\n',
        encoding="utf-8",
    )
    rubric = load_rubric(path)
    assert rubric.weights == {"a": 0.25, "b": 0.75}
    assert (rubric["a"].low, rubric["a"].high) == (1, 5)
    assert (rubric["b"].low, rubric["b"].high) == (0, 10)
    assert rubric["a"].name.es == rubric["a"].name.en == "Alfa"  # one string: both languages
    assert rubric.source == str(path)


CRITERION = '[[criteria]]\nid = "{id}"\nname = "{name}"\nweight = {weight}\n'
SCALE = "[scale]\nmin = 1\nmax = 5\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (SCALE + CRITERION.format(id="a", name="A", weight=0), "positive number"),
        (SCALE + CRITERION.format(id="a", name="A", weight=-2), "positive number"),
        (SCALE + CRITERION.format(id="a", name="A", weight="true"), "positive number"),
        (SCALE + CRITERION.format(id="a", name="A", weight='"mucho"'), "positive number"),
        ("[scale]\nmin = 5\nmax = 1\n" + CRITERION.format(id="a", name="A", weight=1), "min < max"),
        ("[scale]\nmin = 3\nmax = 3\n" + CRITERION.format(id="a", name="A", weight=1), "min < max"),
        (CRITERION.format(id="a", name="A", weight=1), "min < max"),  # no scale at all
        (
            SCALE + CRITERION.format(id="a", name="A", weight=1)
            + CRITERION.format(id="A", name="B", weight=1),
            "'A' is repeated",
        ),
        (
            SCALE + CRITERION.format(id="a", name="Datos", weight=1)
            + CRITERION.format(id="b", name="datos", weight=1),
            "names two criteria",
        ),
        (SCALE, "has no criteria"),
        (SCALE + '[[criteria]]\nid = "a"\nweight = 1\n', "lacks 'name'"),
        ('[[criteria]\nid = "a"', "not valid TOML"),
    ],
)  # fmt: skip
def test_a_broken_rubric_is_refused_naming_the_file_and_the_problem(tmp_path, text, problem):
    from kit.i18n import set_language

    set_language("en")
    path = tmp_path / "mala.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RubricError, match=problem) as error:
        load_rubric(path)
    assert isinstance(error.value, KitError)
    assert str(error.value).startswith(str(path))


def test_a_missing_rubric_file_says_how_to_start_one(tmp_path):
    with pytest.raises(SourceNotFoundError, match="--print-rubric") as error:
        load_rubric(tmp_path / "no-existe.toml")
    assert "no-existe.toml" in str(error.value)


def test_a_default_rubric_missing_from_the_installation_is_a_clear_error(monkeypatch):
    from kit.organizer.jury import rubric

    monkeypatch.setattr(rubric, "_DEFAULT", "no-instalada.toml")
    with pytest.raises(RubricError, match="--rubric") as error:
        load_rubric()
    assert "no-instalada.toml" in str(error.value)
