"""Is the ranking fair to strict and generous jurors, true to the weights, and honest on ties?"""

from __future__ import annotations

import pandas as pd
import pytest

from kit.errors import DataFormatError
from kit.organizer.jury import judge
from kit.organizer.jury.ranking import competition_ranks, normalise, rank_scores
from kit.organizer.jury.rubric import load_rubric
from kit.organizer.jury.scores import Scores, read_scores
from tests.organizer.jury.sheets import full_sheet


def row_of(ranking, team: str) -> pd.Series:
    return ranking.table.set_index("team").loc[team]


def test_a_strict_and_a_generous_juror_with_the_same_ordering_weigh_the_same(
    write_csv, write_rubric
):
    # Two panels: the strict juror spreads teams A, B, C over the whole scale (5, 3, 1), the
    # generous one keeps teams D, E, F high and close (5, 4.5, 4). Same ordering, same shape.
    strict = {("Estricta", t): (s, s) for t, s in (("A", 5), ("B", 3), ("C", 1))}
    generous = {("Generoso", t): (s, s) for t, s in (("D", 5), ("E", 4.5), ("F", 4))}
    path = write_csv(full_sheet(strict | generous))
    rubric = load_rubric(write_rubric())
    raw = read_scores(path, rubric).table.groupby("team")["score"].mean()
    assert raw["E"] > raw["B"] and raw["F"] > raw["C"]  # raw means favour the generous panel

    ranking = judge(path, write_rubric())
    assert row_of(ranking, "A")["total"] == pytest.approx(row_of(ranking, "D")["total"])
    assert row_of(ranking, "C")["total"] == pytest.approx(row_of(ranking, "F")["total"])
    assert ranking.places == ["1=", "1=", "3=", "3=", "5=", "5="]
    assert ranking.table["team"].tolist() == ["A", "D", "B", "E", "C", "F"]


def test_a_juror_using_another_part_of_the_scale_does_not_change_the_totals(
    write_csv, write_rubric
):
    # The same three teams; juror 2 gives everyone two points more than juror 1.
    one = {("Jurado 1", t): s for t, s in (("A", (3, 1)), ("B", (2, 2)), ("C", (1, 3)))}
    two = {("Jurado 2", t): (a + 2, b + 2) for (_, t), (a, b) in one.items()}
    ranking = judge(write_csv(full_sheet(one | two)), write_rubric())
    totals = ranking.juror_totals.pivot(index="team", columns="juror", values="total")
    pd.testing.assert_series_equal(totals["Jurado 1"], totals["Jurado 2"], check_names=False)
    assert ranking.table["spread"].tolist() == pytest.approx([0, 0, 0])


def test_the_weights_of_the_rubric_decide_between_strengths(write_csv, write_rubric):
    # Impacto: P > Q > R for both jurors; técnica: Q > R > P.
    scores = {
        ("Jurado 1", "P"): (5, 1),
        ("Jurado 1", "Q"): (3, 5),
        ("Jurado 1", "R"): (1, 3),
        ("Jurado 2", "P"): (4, 2),
        ("Jurado 2", "Q"): (3, 4),
        ("Jurado 2", "R"): (2, 3),
    }
    path = write_csv(full_sheet(scores))
    impact_first = judge(path, write_rubric(impact=3, technique=1, name="impacto.toml"))
    technique_first = judge(path, write_rubric(impact=1, technique=3, name="tecnica.toml"))
    assert impact_first.table["team"].iloc[0] == "P"
    assert technique_first.table["team"].iloc[0] == "Q"
    assert technique_first.table["team"].iloc[-1] == "P"


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    ranks, tied = competition_ranks(pd.Series([0.5, 0.123, 0.124, -1.0]), precision=2)
    assert (ranks, tied) == ([1, 2, 2, 4], [False, True, True, False])
    ranks, tied = competition_ranks(pd.Series([0.5, 0.123, 0.124, -1.0]), precision=3)
    assert (ranks, tied) == ([1, 3, 2, 4], [False, False, False, False])


def test_float_noise_never_splits_a_tie():
    ranks, tied = competition_ranks(pd.Series([0.1 + 0.2, 0.3, 0.30499999999]), precision=2)
    assert ranks == [1, 1, 1] and all(tied)


def test_a_tie_in_the_data_is_shown_as_a_tie(write_csv, write_rubric):
    # Juror 1 prefers X, juror 2 prefers Y by exactly as much: X and Y share first place.
    scores = {
        ("Jurado 1", "X"): (5, 5),
        ("Jurado 1", "Y"): (3, 3),
        ("Jurado 1", "Z"): (1, 1),
        ("Jurado 2", "X"): (3, 3),
        ("Jurado 2", "Y"): (5, 5),
        ("Jurado 2", "Z"): (1, 1),
    }
    ranking = judge(write_csv(full_sheet(scores)), write_rubric())
    assert ranking.places == ["1=", "1=", "3"]
    assert set(ranking.table["team"][:2]) == {"X", "Y"}
    assert ranking.table["tied"].tolist() == [True, True, False]


def test_z_scores_are_per_juror_and_criterion_and_flat_jurors_get_zero():
    table = pd.DataFrame(
        {
            "juror": ["J1"] * 4 + ["J2"] * 2,
            "team": ["A", "B", "A", "B", "A", "B"],
            "criterion": ["c1", "c1", "c2", "c2", "c1", "c1"],
            "score": [4.0, 2.0, 3.0, 3.0, 5.0, 1.0],
        }
    )
    with_z, warnings = normalise(table)
    assert with_z["z"].tolist() == [1.0, -1.0, 0.0, 0.0, 1.0, -1.0]
    assert [(w.kind, w.values) for w in warnings] == [
        ("zero_spread", {"juror": "J1", "criterion": "c2", "value": "3"})
    ]


def test_the_total_is_the_weighted_sum_of_criteria_and_the_mean_of_jurors(write_csv, write_rubric):
    scores = {
        ("Jurado 1", "A"): (5, 2),
        ("Jurado 1", "B"): (3, 4),
        ("Jurado 1", "C"): (1, 3),
        ("Jurado 2", "A"): (4, 5),
        ("Jurado 2", "B"): (4, 1),
        ("Jurado 2", "C"): (2, 3),
        ("Jurado 3", "A"): (5, 5),
        ("Jurado 3", "B"): (2, 3),
    }
    rows = [r for r in full_sheet(scores) if r[:3] != ("Jurado 2", "B", "tecnica")]
    ranking = judge(write_csv(rows), write_rubric(impact=3, technique=1))
    table = ranking.table.set_index("team")
    weighted = 0.75 * table["impacto"] + 0.25 * table["tecnica"]
    pd.testing.assert_series_equal(table["total"], weighted, check_names=False)
    by_juror = ranking.juror_totals.groupby("team")["total"]
    pd.testing.assert_series_equal(table["total"], by_juror.mean(), check_names=False)
    pd.testing.assert_series_equal(table["spread"], by_juror.std(), check_names=False)
    assert table["jurors"].to_dict() == {"A": 3, "B": 3, "C": 2}
    kinds = {w.kind for w in ranking.warnings}
    assert {"missing_criteria", "missing_team"} <= kinds


def test_a_team_scored_by_one_juror_has_no_spread(write_csv, write_rubric):
    scores = {("Jurado 1", "A"): (5, 4), ("Jurado 1", "B"): (2, 3), ("Jurado 2", "A"): (4, 4),
              ("Jurado 2", "C"): (2, 1)}  # fmt: skip
    ranking = judge(write_csv(full_sheet(scores)), write_rubric())
    assert pd.isna(row_of(ranking, "B")["spread"]) and row_of(ranking, "B")["jurors"] == 1


def test_nothing_left_to_rank_is_an_error_naming_the_file(write_rubric):
    empty = Scores(pd.DataFrame(columns=["row", "juror", "team", "criterion", "score"]),
                   source="vacio.csv")  # fmt: skip
    with pytest.raises(DataFormatError, match=r"vacio\.csv"):
        rank_scores(empty, load_rubric(write_rubric()))
