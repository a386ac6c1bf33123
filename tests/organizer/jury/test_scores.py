"""Does each problem of a jury sheet raise its warning and keep its rows out of the ranking?"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import set_language
from kit.organizer.jury.rubric import load_rubric
from kit.organizer.jury.scores import parse_score, read_scores
from tests.organizer.jury.sheets import full_sheet

#: Two jurors, two teams, both criteria: nothing to warn about.
CLEAN = {
    ("Jurado 1", "Equipo Ámbar"): (5, 4),
    ("Jurado 1", "Equipo Cobalto"): (3, 2),
    ("Jurado 2", "Equipo Ámbar"): (4, 4),
    ("Jurado 2", "Equipo Cobalto"): (2, 3),
}


@pytest.fixture
def rubric(write_rubric):
    return load_rubric(write_rubric())


def kinds(scores) -> list[str]:
    return [warning.kind for warning in scores.warnings]


def one(scores, kind: str):
    found = [warning for warning in scores.warnings if warning.kind == kind]
    assert len(found) == 1, (kind, [str(w) for w in scores.warnings])
    return found[0]


def test_a_clean_sheet_gives_every_score_and_no_warning(write_csv, rubric):
    scores = read_scores(write_csv(full_sheet(CLEAN)), rubric)
    assert scores.warnings == []
    assert len(scores.table) == 8
    assert list(scores.table.columns) == ["row", "juror", "team", "criterion", "score"]
    assert scores.table["score"].dtype == float
    assert scores.table["row"].tolist() == list(range(2, 10))  # header is row 1


def test_spanish_headers_in_any_case_with_accents_spaces_and_semicolons(write_csv, rubric):
    header = (" JURADO", "Equipo ", "Critério", "puntaje")
    path = write_csv(full_sheet(CLEAN), header=header, sep=";")
    scores = read_scores(path, rubric)
    assert scores.warnings == []
    assert scores.table.equals(read_scores(write_csv(full_sheet(CLEAN), "en.csv"), rubric).table)


def test_excel_input_reads_like_the_same_csv(tmp_path, write_csv, rubric):
    rows = full_sheet(CLEAN)
    excel = tmp_path / "puntajes.xlsx"
    frame = pd.DataFrame(rows, columns=["Jurado", "Equipo", "Criterio", "Puntaje"])
    frame.to_excel(excel, index=False)
    from_excel = read_scores(excel, rubric)
    assert from_excel.warnings == []
    pd.testing.assert_frame_equal(from_excel.table, read_scores(write_csv(rows), rubric).table)


def test_criteria_may_be_written_as_names_or_aliases(write_csv, rubric):
    rows = [(j, t, {"impacto": "Impacto", "tecnica": "TECHNIQUE"}[c], s)
            for j, t, c, s in full_sheet(CLEAN)]  # fmt: skip
    scores = read_scores(write_csv(rows), rubric)
    assert scores.warnings == []
    assert set(scores.table["criterion"]) == {"impacto", "tecnica"}


def test_decimal_comma_is_a_number_and_text_is_not():
    assert parse_score("4,5") == 4.5
    assert parse_score(" 3 ") == 3.0
    for text in ("", "cuatro", "4/5", "nan", "inf", "1,234.5"):
        assert parse_score(text) is None, text


def test_non_numeric_scores_are_reported_with_their_row_and_left_out(write_csv, rubric):
    rows = full_sheet(CLEAN)
    rows[3] = ("Jurado 1", "Equipo Cobalto", "tecnica", "bueno")  # row 5 of the file
    scores = read_scores(write_csv(rows), rubric)
    warning = one(scores, "non_numeric")
    assert warning.rows == (5,) and "«bueno»" in str(warning)
    assert 5 not in set(scores.table["row"])
    assert one(scores, "missing_criteria").values["criteria"] == "tecnica"


def test_out_of_scale_scores_are_reported_and_left_out(write_csv, rubric):
    rows = full_sheet(CLEAN)
    rows[0] = ("Jurado 1", "Equipo Ámbar", "impacto", 7)
    rows[1] = ("Jurado 1", "Equipo Ámbar", "tecnica", 0)
    scores = read_scores(write_csv(rows), rubric)
    found = [w for w in scores.warnings if w.kind == "out_of_scale"]
    assert [w.rows for w in found] == [(2,), (3,)]
    assert "1–5" in str(found[0])
    assert {2, 3}.isdisjoint(scores.table["row"])
    assert len(scores.table) == 6


def test_unknown_criteria_are_left_out_and_unscored_rubric_criteria_reported(write_csv, rubric):
    rows = [(j, t, "originalidad" if c == "tecnica" else c, s) for j, t, c, s in full_sheet(CLEAN)]
    scores = read_scores(write_csv(rows), rubric)
    unknown = one(scores, "unknown_criterion")
    assert unknown.values["n"] == 4 and unknown.rows == (3, 5, 7, 9)
    assert one(scores, "unscored_criterion").values["criterion"] == "tecnica"
    assert set(scores.table["criterion"]) == {"impacto"}
    assert "missing_criteria" not in kinds(scores)  # nobody scored it: not each juror's gap


def test_a_juror_who_skipped_a_criterion_and_a_team_nobody_gave_all_jurors(write_csv, rubric):
    rows = [r for r in full_sheet(CLEAN) if r[:3] != ("Jurado 2", "Equipo Ámbar", "tecnica")]
    rows += [("Jurado 1", "Equipo Jade", "impacto", 4), ("Jurado 1", "Equipo Jade", "tecnica", 4)]
    scores = read_scores(write_csv(rows), rubric)
    gap = one(scores, "missing_criteria")
    assert gap.values == {"juror": "Jurado 2", "team": "Equipo Ámbar", "criteria": "tecnica"}
    team = one(scores, "missing_team")
    assert team.values == {"team": "Equipo Jade", "jurors": "Jurado 2", "n": 1, "total": 2}


def test_a_repeated_row_counts_once_and_a_contradiction_not_at_all(write_csv, rubric):
    rows = full_sheet(CLEAN)
    rows.append(rows[0])  # row 10: same score again
    rows.append(("Jurado 2", "Equipo Cobalto", "tecnica", 5))  # row 11: contradicts row 9
    scores = read_scores(write_csv(rows), rubric)
    assert one(scores, "duplicate").rows == (10,)
    contradiction = one(scores, "duplicate_conflict")
    assert contradiction.rows == (9, 11) and contradiction.values["values"] == "3, 5"
    table = scores.table
    assert (table["row"] == 2).sum() == 1 and {9, 10, 11}.isdisjoint(table["row"])
    assert len(table) == 7


def test_conflicts_of_interest_are_left_out_and_excuse_the_missing_team(write_csv, rubric):
    conflicts = write_csv([("jurado 2", "EQUIPO ÁMBAR")], "conflictos.csv", ("Jurado", "Equipo"))
    scores = read_scores(write_csv(full_sheet(CLEAN)), rubric, conflicts)
    warning = one(scores, "conflict")
    assert warning.values == {"juror": "Jurado 2", "team": "Equipo Ámbar", "n": 2}
    assert warning.rows == (6, 7)
    remaining = scores.table[scores.table["juror"] == "Jurado 2"]
    assert set(remaining["team"]) == {"Equipo Cobalto"}
    assert "missing_team" not in kinds(scores)  # abstaining was the right thing to do


def test_a_conflict_naming_nobody_in_the_scores_is_reported(write_csv, rubric):
    conflicts = write_csv([("Jurado 9", "Equipo Ámbar")], "conflictos.csv", ("juror", "team"))
    scores = read_scores(write_csv(full_sheet(CLEAN)), rubric, conflicts)
    warning = one(scores, "conflict_unknown")
    assert warning.values["name"] == "Jurado 9" and "conflictos.csv" in str(warning)
    assert len(scores.table) == 8


def test_names_differing_in_case_or_accents_are_one_team_with_a_warning(write_csv, rubric):
    rows = full_sheet(CLEAN)
    rows[4] = ("Jurado 2", "equipo ambar", "impacto", 4)
    scores = read_scores(write_csv(rows), rubric)
    assert one(scores, "spelling").values["variants"] == "Equipo Ámbar, equipo ambar"
    assert set(scores.table["team"]) == {"Equipo Ámbar", "Equipo Cobalto"}


def test_blank_rows_are_skipped_and_incomplete_rows_reported(write_csv, rubric):
    rows = full_sheet(CLEAN)
    rows.insert(2, ("", "", "", ""))  # row 4: blank (Excel leaves these)
    rows.append(("", "Equipo Ámbar", "impacto", 3))  # row 11: no juror
    scores = read_scores(write_csv(rows), rubric)
    assert one(scores, "incomplete").rows == (11,)
    assert scores.table["row"].tolist() == [2, 3, 5, 6, 7, 8, 9, 10]


def test_warnings_read_in_english_too(write_csv, rubric):
    rows = full_sheet(CLEAN)
    rows[0] = ("Jurado 1", "Equipo Ámbar", "impacto", 9)
    warning = one(read_scores(write_csv(rows), rubric), "out_of_scale")
    assert str(warning).startswith("Puntaje 9 fuera de la escala") and "(fila 2)" in str(warning)
    set_language("en")
    assert str(warning).startswith("Score 9 outside the 1–5 scale") and "(row 2)" in str(warning)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "is empty"),
        ("jurado,equipo,criterio,puntaje\n", "is empty"),
        ("jurado,equipo,puntaje\nA,B,3\n", "missing columns criterio|criterion"),
        ("Puntajes del jurado\njurado,equipo,criterio,puntaje\n", "missing columns"),
        ("jurado,juror,equipo,criterio,puntaje\nA,A,B,impacto,3\n", "two columns mean 'juror'"),
        ('jurado,equipo,criterio,puntaje\n"A,B,impacto,3\n', "could not be read as CSV"),
    ],
)
def test_a_malformed_sheet_raises_naming_the_file(tmp_path, rubric, content, problem):
    set_language("en")
    path = tmp_path / "hoja.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFormatError, match=re.escape(problem)) as error:
        read_scores(path, rubric)
    assert str(error.value).startswith(str(path))


def test_an_unreadable_excel_file_says_what_to_do(tmp_path, rubric):
    set_language("en")
    fake = tmp_path / "puntajes.xlsx"
    fake.write_text("esto no es un libro de Excel", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"save it again as \.xlsx or \.csv") as error:
        read_scores(fake, rubric)
    assert "puntajes.xlsx" in str(error.value)
    old = tmp_path / "puntajes.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DataFormatError, match=r"save it as \.xlsx or \.csv"):
        read_scores(old, rubric)


def test_a_missing_sheet_is_named(tmp_path, rubric):
    with pytest.raises(SourceNotFoundError, match=r"no-hay\.csv"):
        read_scores(tmp_path / "no-hay.csv", rubric)


def test_a_windows_1252_csv_from_excel_is_read(tmp_path, rubric):
    path = tmp_path / "excel.csv"
    text = "jurado;equipo;criterio;puntaje\nJurado 1;Equipo Ámbar;impacto;4\n"
    path.write_bytes(text.encode("cp1252"))
    assert read_scores(path, rubric).table["team"].tolist() == ["Equipo Ámbar"]
