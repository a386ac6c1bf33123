"""Does ``kit jury`` rank a sheet end to end, explain itself in both languages, fail clearly?"""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from kit.cli import main
from kit.organizer.jury.rubric import default_rubric_text
from tests.organizer.jury.sheets import full_sheet

#: The default rubric's five criteria, scored by three fictitious jurors for three teams.
CRITERIA = ("impacto", "datos_abiertos", "solidez_tecnica", "viabilidad", "comunicacion")
LEVELS = {"Equipo Ámbar": 5, "Equipo Cobalto": 3, "Equipo Jade": 2}
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def sheet(write_csv):
    rows = [
        (juror, team, criterion, max(1, min(5, level + shift + (i % 2))))
        for juror, shift in (("Jurado 1", -1), ("Jurado 2", 0), ("Jurado 3", 1))
        for team, level in LEVELS.items()
        for i, criterion in enumerate(CRITERIA)
    ]
    return write_csv(rows, header=("Jurado", "Equipo", "Criterio", "Puntaje"))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ranks_a_sheet_and_writes_csv_markdown_and_png(sheet, tmp_path, capsys):
    folder = tmp_path / "salida"
    code, out, err = run(capsys, "jury", str(sheet), "--output-dir", str(folder))
    assert (code, err) == (0, "")
    assert "Ranking del jurado" in out and "Impacto público" in out and "(30%)" in out
    assert out.index("Equipo Ámbar") < out.index("Equipo Cobalto") < out.index("Equipo Jade")
    assert "Escrito:" in out
    ranking = pd.read_csv(folder / "ranking.csv")
    assert ranking["team"].tolist() == ["Equipo Ámbar", "Equipo Cobalto", "Equipo Jade"]
    assert ranking["rank"].tolist() == [1, 2, 3] and ranking["jurors"].tolist() == [3, 3, 3]
    assert (folder / "ranking.png").read_bytes().startswith(PNG)
    assert "![Ranking del jurado](ranking.png)" in (folder / "ranking.md").read_text("utf-8")


def test_english_output_warnings_conflicts_and_precision(sheet, write_csv, tmp_path, capsys):
    with sheet.open("a", encoding="utf-8") as handle:
        handle.write("Jurado 2,Equipo Jade,impacto,12\n")  # out of scale
    conflicts = write_csv([("Jurado 3", "Equipo Cobalto")], "conflictos.csv", ("jurado", "equipo"))
    argv = ["--lang", "en", "jury", str(sheet), "--conflicts", str(conflicts), "--precision", "3"]
    code, out, _ = run(capsys, *argv, "--output-dir", str(tmp_path / "en"))
    assert code == 0
    assert "Jury ranking" in out and "Public impact" in out and "Warnings: 2" in out
    assert "Jurado 3 has a conflict of interest with Equipo Cobalto; scores left out: 5." in out
    assert "outside the 1–5 scale" in out
    md = (tmp_path / "en" / "ranking.md").read_text("utf-8")
    assert "## Warnings (2)" in md and "3 decimals" in md
    ranking = pd.read_csv(tmp_path / "en" / "ranking.csv")
    assert ranking.set_index("team").loc["Equipo Cobalto", "jurors"] == 2


def test_print_rubric_gives_the_default_toml_to_copy(capsys):
    code, out, _ = run(capsys, "jury", "--print-rubric")
    assert code == 0 and out == default_rubric_text()
    assert len(tomllib.loads(out)["criteria"]) == 5


def test_print_rubric_checks_and_prints_a_given_rubric(write_rubric, capsys):
    path = write_rubric()
    code, out, _ = run(capsys, "jury", "--print-rubric", "--rubric", str(path))
    assert code == 0 and out == path.read_text("utf-8")


def test_a_custom_rubric_changes_the_columns(write_csv, write_rubric, tmp_path, capsys):
    sheet = write_csv(full_sheet({("J1", "A"): (5, 1), ("J1", "B"): (1, 5)}), "dos.csv")
    argv = ["jury", str(sheet), "--rubric", str(write_rubric()), "--output-dir", str(tmp_path)]
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "Impacto (75%)" in out and "Técnica (25%)" in out
    assert "Solidez" not in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["jury"], "PUNTAJES.csv"),
        (["jury", "{tmp}/no-hay.csv"], "no-hay.csv"),
        (["jury", "{sheet}", "--precision", "9"], "--precision"),
        (["jury", "{sheet}", "--rubric", "{tmp}/mala.toml"], "mala.toml"),
        (["jury", "--print-rubric", "--rubric", "{tmp}/mala.toml"], "mala.toml"),
    ],
)
def test_user_errors_are_one_line_and_exit_1(sheet, tmp_path, capsys, argv, expected):
    (tmp_path / "mala.toml").write_text("[[criteria]]\nid = 'a'\n", encoding="utf-8")
    argv = [a.format(tmp=tmp_path, sheet=sheet) for a in argv]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert err.startswith("kit jury: ") and expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_sheet_with_no_valid_score_shows_the_warnings_then_fails(write_csv, capsys):
    sheet = write_csv([("Jurado 1", "Equipo Ámbar", "originalidad", 4)], "malo.csv")
    code, out, err = run(capsys, "jury", str(sheet))
    assert code == 1
    assert "«originalidad» que no está en la rúbrica" in out
    assert err.startswith("kit jury: ") and "malo.csv" in err


def test_an_unwritable_output_folder_is_a_clear_error(sheet, tmp_path, capsys):
    blocker = tmp_path / "ocupado"
    blocker.write_text("un archivo, no una carpeta", encoding="utf-8")
    code, _, err = run(capsys, "jury", str(sheet), "--output-dir", str(blocker))
    assert code == 1 and "--output-dir" in err and err.count("\n") == 1


def test_an_excel_sheet_from_the_command_line(tmp_path, capsys):
    rows = [("J1", "A", "impacto", 5), ("J1", "B", "impacto", 2)]
    excel = tmp_path / "puntajes.xlsx"
    frame = pd.DataFrame(rows, columns=["jurado", "equipo", "criterio", "puntaje"])
    frame.to_excel(excel)  # with pandas' index as an extra, unnamed column: ignored
    code, out, _ = run(capsys, "jury", str(excel), "--output-dir", str(tmp_path / "x"))
    assert code == 0 and out.index("A ") < out.index("B ")
    assert "Nadie calificó «datos_abiertos»" in out


def test_help_is_spanish_then_english(capsys):
    with pytest.raises(SystemExit) as done:
        main(["jury", "--help"])
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    spanish = out.index("Ordena los proyectos con los puntajes del jurado")
    english = out.index("Ranks projects from the jury's scores")
    assert spanish < english
    for option in ("--rubric", "--conflicts", "--output-dir", "--precision", "--print-rubric"):
        assert option in out
    assert "conflictos de interés (jurado, equipo)" in out
    assert "conflicts of interest (juror, team)" in out
    assert "reports/jury" in out
