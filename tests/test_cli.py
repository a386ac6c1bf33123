"""The `kit` command: every subcommand explains itself; errors are one line and exit 1."""

import pytest

from kit.cli import command_names, main


def test_every_command_has_a_bilingual_help(capsys):
    assert {"release", "validate", "flags"} <= set(command_names())
    for name in command_names():
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        text = capsys.readouterr().out
        assert f"kit {name}" in text and len(text) > 200


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "Datathon kit" in capsys.readouterr().out


def test_a_kit_error_is_one_line_without_traceback(tmp_path, capsys):
    assert main(["release", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kit release: ") and "Traceback" not in err and "--root" in err
