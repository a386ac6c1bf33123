"""README's two commands are the ones CI runs, and they do all the set-up."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def commands(text: str) -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    return [line for block in blocks for line in block.splitlines() if line and line[0] != "#"]


def test_ci_runs_exactly_the_readme_test_command():
    readme = commands((ROOT / "README.md").read_text(encoding="utf-8"))
    ci = [line for line in (ROOT / ".ci/run").read_text().splitlines() if "pytest" in line]
    assert ci == [readme[1]]


def test_the_two_commands_install_and_run_validate_and_the_suite():
    first, second = commands((ROOT / "README.md").read_text(encoding="utf-8"))[:2]
    assert "pip install -e ." in first and first.endswith("kit validate")
    assert 'pip install -e ".[test]"' in second and second.endswith("python -m pytest")


def test_english_and_spanish_sections_give_the_same_commands():
    spanish, english = (ROOT / "README.md").read_text(encoding="utf-8").split("## English")
    assert commands(spanish)[:2] == commands(english)[:2]
    english_only = [line.replace("kit --lang en ", "kit ") for line in commands(english)]
    assert commands(spanish) == english_only


def test_the_participants_command_checks_the_machine_and_starts_a_work_copy():
    participant = commands((ROOT / "README.md").read_text(encoding="utf-8"))[2]
    assert "pip install -e ." in participant
    assert participant.index("kit doctor") < participant.index("kit start")
