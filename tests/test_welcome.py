"""The welcome notebook's helpers: tracks from the kit itself, rules from parameters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pytest

from kit import tutorial
from kit.errors import DataFormatError, KitError, SourceNotFoundError
from kit.i18n import set_language
from kit.welcome import Rules, tracks_table

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("es")


def test_the_tracks_table_comes_from_the_challenge_notebooks():
    table = tracks_table(ROOT).set_index("reto")
    tracks = sorted(p.name for p in (ROOT / "challenges").iterdir() if p.name != "bienvenida")
    assert sorted(table.index) == tracks
    metas = [
        nbformat.read(p, as_version=4).metadata["kit"]
        for p in sorted((ROOT / "challenges" / "contrataciones").glob("*.ipynb"))
    ]
    row = table.loc["contrataciones"]
    assert row["cuadernos"] == len(metas)
    assert row["minutos"] == sum(m["minutes"] for m in metas)
    assert metas[0]["title"]["es"] in row["de qué trata"]


def test_the_tracks_table_speaks_english(english):
    table = tracks_table(ROOT)
    assert list(table.columns) == ["track", "what it is about", "notebooks", "minutes", "level"]
    assert "Meet OCDS" in " ".join(table["what it is about"])


def test_the_tracks_table_is_found_from_a_work_copy_below_the_kit(monkeypatch):
    monkeypatch.chdir(ROOT / "challenges" / "bienvenida")
    assert len(tracks_table()) == len(tracks_table(ROOT))


def test_a_folder_outside_any_kit_says_what_to_do(tmp_path):
    with pytest.raises(KitError):
        tracks_table(tmp_path)


def test_rules_come_from_the_parameters():
    rules = Rules(2, 6, "2026-12-06T23:59", "MIT")
    lines = rules.lines(today=dt.date(2026, 11, 23))
    assert "de 2 a 6 personas" in lines[0]
    assert "2026-12-06 23:59" in lines[1] and "faltan 13 días" in lines[1]
    assert "--add-license MIT" in lines[2]
    assert any("señal de riesgo" in line for line in lines)
    assert "el plazo ya cerró" in rules.lines(today=dt.date(2027, 1, 1))[1]
    assert rules._repr_markdown_().startswith("### Reglas de este datatón")


def test_rules_in_english(english):
    text = Rules(3, 5, "2026-12-06T23:59", "Apache-2.0").lines(today=dt.date(2026, 12, 6))
    assert "3 to 5 people" in text[0] and "0 days left" in text[1]


def test_the_practice_table_reads_a_csv_of_the_same_shape(tmp_path):
    path = tmp_path / "contratos.csv"
    tutorial.load().head(2).to_csv(path, index=False)
    assert len(tutorial.load(path)) == 2
    path.write_text("contrato,monto\nC-1,3\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"contratos\.csv.*comprador, metodo"):
        tutorial.load(path)
    with pytest.raises(SourceNotFoundError, match=r"nada\.csv"):
        tutorial.load(tmp_path / "nada.csv")


@pytest.mark.parametrize(("name", "other"), [("00_bienvenida", "English"), ("00_welcome", "Espa")])
def test_each_welcome_notebook_speaks_one_language(name, other):
    nb = nbformat.read(ROOT / "challenges" / "bienvenida" / f"{name}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "<details" not in text and other not in text
    assert "kit start" in text and "check." in text
