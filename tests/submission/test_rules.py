"""Team rules: 1 to 6 named members, each once; a team name that can name a folder."""

import pytest

from kit.submission.errors import SubmissionError
from kit.submission.rules import check_team, check_track, read_members_file


def rules(team, members):
    return [(rule.rule, rule.message) for rule in check_team(team, members)]


def test_a_named_team_of_one_to_six_breaks_no_rule():
    assert check_team("Datos Claros", ["Ana"]) == []
    assert check_team("Datos Claros", [f"Persona {i}" for i in range(6)]) == []


def test_seven_members_are_too_many():
    ((rule, message),) = rules("Datos Claros", [f"Persona {i}" for i in range(7)])
    assert rule == "members" and "7 integrantes" in message and "6 como máximo" in message


def test_no_members_says_how_to_list_them():
    ((_, message),) = rules("Datos Claros", [])
    assert "--member" in message and "--members-file" in message


def test_every_broken_team_rule_is_listed_at_once():
    broken = rules("  ", ["Ana", " ", "ana  ", "Luis", "ANA"])
    messages = " | ".join(message for _, message in broken)
    assert [rule for rule, _ in broken] == ["team", "members", "members"]
    assert "--team" in messages and "1 nombre(s) de integrante vacío(s)" in messages
    assert "'Ana' aparece 3 veces" in messages


@pytest.mark.parametrize("team", ["!!!", "数据"])
def test_a_team_name_without_letters_or_digits_is_refused(team):
    ((rule, message),) = rules(team, ["Ana"])
    assert rule == "team" and "letra o número" in message


def test_track_names_must_name_a_folder():
    assert check_track("contrataciones") == []
    (broken,) = check_track("mi trabajo")
    assert broken.rule == "track" and "--track" in broken.message


def test_members_file_has_one_name_per_line(tmp_path):
    path = tmp_path / "equipo.txt"
    path.write_text("\ufeffAna  López\n\n  Luis\n", encoding="utf-8")
    assert read_members_file(path) == ["Ana López", "Luis"]
    with pytest.raises(SubmissionError, match=r"no-existe\.txt"):
        read_members_file(tmp_path / "no-existe.txt")
