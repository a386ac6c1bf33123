"""Do the files and the plot say what the ranking says, rounded as ties were decided?"""

from __future__ import annotations

import pandas as pd
import pytest

from kit.i18n import set_language
from kit.organizer.jury import judge
from kit.organizer.jury.plot import plot_ranking
from kit.organizer.jury.report import display_rows, ranking_csv, to_markdown, write_ranking
from tests.organizer.jury.sheets import full_sheet

SCORES = {("Jurado 1", "Equipo Ámbar"): (5, 5), ("Jurado 1", "Equipo Cobalto"): (3, 3),
          ("Jurado 1", "Equipo Jade"): (1, 1), ("Jurado 2", "Equipo Ámbar"): (3, 3),
          ("Jurado 2", "Equipo Cobalto"): (5, 5), ("Jurado 2", "Equipo Jade"): (1, 1)}  # fmt: skip
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def ranking(write_csv, write_rubric):
    return judge(write_csv(full_sheet(SCORES)), write_rubric())


def test_the_files_are_written_and_the_plot_is_a_png(ranking, tmp_path):
    paths = write_ranking(ranking, tmp_path / "reports" / "jury", "puntajes.csv")
    assert [p.name for p in paths] == ["ranking.csv", "ranking.md", "ranking.png"]
    assert paths[2].read_bytes().startswith(PNG)
    written = pd.read_csv(paths[0])
    assert written["team"].tolist() == ranking.table["team"].tolist()
    assert list(written.columns) == ["rank", "tied", "team", "impacto", "tecnica", "total",
                                     "spread", "jurors"]  # fmt: skip


def test_numbers_are_rounded_to_the_precision_that_decides_ties(ranking):
    csv = ranking_csv(ranking)
    assert (csv["total"] == csv["total"].round(2)).all()
    assert not any(str(value) == "-0.0" for value in csv["impacto"])
    _, rows = display_rows(ranking)
    assert rows[0][0] == "1=" and rows[1][0] == "1="  # Ámbar and Cobalto are tied
    assert all(len(cell.split(".")[1]) == 2 for cell in rows[0][2:5])


def test_markdown_explains_the_method_shows_the_plot_and_lists_warnings(ranking):
    text = to_markdown(ranking, "puntajes.csv")
    assert text.startswith("# Ranking del jurado")
    assert "`puntajes.csv`" in text and "2 decimales" in text
    assert "| Lugar | Equipo | Impacto (75%) | Técnica (25%) |" in text
    assert "![Ranking del jurado](ranking.png)" in text
    assert "## Advertencias (0)" in text and "Sin advertencias." in text


def test_markdown_in_english_with_a_warning(write_csv, write_rubric):
    rows = [*full_sheet(SCORES), ("Jurado 2", "Equipo Jade", "tecnica", 8)]
    ranking = judge(write_csv(rows), write_rubric())
    set_language("en")
    text = to_markdown(ranking)
    assert text.startswith("# Jury ranking") and "| Rank | Team | Impact (75%) |" in text
    assert "## Warnings (1)" in text and "- Score 8 outside the 1–5 scale" in text


def test_the_plot_shows_places_jurors_and_means_with_markers_and_language(ranking):
    figure = plot_ranking(ranking)
    ax = figure.axes[0]
    assert ax.get_title() == "Ranking del jurado"
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert sorted(labels) == ["1=  Equipo Cobalto", "1=  Equipo Ámbar", "3  Equipo Jade"]
    jurors, means = ax.collections[0], ax.lines[0]
    assert len(jurors.get_offsets()) == 6  # one hollow circle per juror and team
    assert means.get_marker() == "D"  # the mean is a diamond, not just another colour
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["Total de cada jurado", "Media ± desviación estándar entre jurados"]
    set_language("en")
    english = plot_ranking(ranking)
    assert english.axes[0].get_title() == "Jury ranking"
    assert "weighted z" in english.axes[0].get_xlabel()
