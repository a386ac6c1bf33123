"""Open licences are recognised from their text; a missing or unknown one says how to fix it."""

from pathlib import Path

import pytest

from kit.submission.errors import SubmissionError
from kit.submission.licence import LICENCES, add_licence, detect, find_licence
from kit.submission.rules import check_licence

HEADS = {
    "Apache-2.0": "                                 Apache License\n"
    "                           Version 2.0, January 2004\n",
    "GPL-2.0": "GNU GENERAL PUBLIC LICENSE\n   Version 2, June 1991\n",
    "GPL-3.0": "                    GNU GENERAL PUBLIC LICENSE\n   Version 3, 29 June 2007\n\n"
    "... use the GNU Lesser General Public License instead of this License.",
    "LGPL-2.1": "GNU LESSER GENERAL PUBLIC LICENSE\n Version 2.1, February 1999\n",
    "LGPL-3.0": "GNU LESSER GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007\n",
    "AGPL-3.0": "GNU AFFERO GENERAL PUBLIC LICENSE\n Version 3, 19 November 2007\n",
    "MPL-2.0": "Mozilla Public License Version 2.0\n==================================\n",
    "Unlicense": "This is free and unencumbered software released into the public domain.\n",
    "CC0-1.0": "Creative Commons Legal Code\n\nCC0 1.0 Universal\n",
    "CC-BY-4.0": "Creative Commons Attribution 4.0 International Public License\n",
    "BSD-2-Clause": "Copyright (c) 2025, Equipo\n\nRedistribution and use in source and binary "
    "forms, with or without modification, are permitted provided that ...",
    "BSD-3-Clause": "Redistribution and use in source and binary forms, with or without\n"
    "modification, are permitted ... Neither the name of the copyright holder nor the names "
    "of its contributors may be used to endorse or promote products derived from this software",
}


@pytest.mark.parametrize("spdx", sorted(HEADS))
def test_each_open_licence_is_recognised_from_its_text(spdx):
    assert detect(HEADS[spdx]) == spdx


def test_the_mit_text_written_by_the_kit_is_recognised(tmp_path):
    path = add_licence(tmp_path, "MIT", "Datos Claros", year=2025)
    assert path.name == "LICENSE"
    assert "Copyright (c) 2025 Datos Claros" in path.read_text()
    assert detect(path.read_text()) == "MIT"
    assert find_licence(tmp_path).spdx == "MIT"


def test_an_spdx_line_is_enough_and_unknown_texts_are_not_recognised():
    assert detect("# SPDX-License-Identifier: GPL-3.0-or-later\n") == "GPL-3.0"
    assert detect("SPDX-License-Identifier: Apache-2.0") == "Apache-2.0"
    assert detect("SPDX-License-Identifier: Propietaria") is None
    assert detect("MIT") is None
    assert detect("Todos los derechos reservados.") is None
    assert detect("Attribution-NonCommercial 4.0 International, Creative Commons") is None


COMMON = Path("/usr/share/common-licenses")


@pytest.mark.parametrize(
    ("name", "spdx"),
    [("GPL-2", "GPL-2.0"), ("GPL-3", "GPL-3.0"), ("LGPL-2.1", "LGPL-2.1"),
     ("LGPL-3", "LGPL-3.0"), ("Apache-2.0", "Apache-2.0"), ("MPL-2.0", "MPL-2.0"),
     ("CC0-1.0", "CC0-1.0"), ("BSD", "BSD-3-Clause")],
)  # fmt: skip
def test_full_licence_texts_of_the_system_are_recognised(name, spdx):
    if not (COMMON / name).is_file():
        pytest.skip(f"{COMMON / name} is not on this system")
    assert detect((COMMON / name).read_text(errors="replace")) == spdx


def test_the_licence_may_sit_in_the_parent_folder(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    (tmp_path / "LICENSE.md").write_text(HEADS["Apache-2.0"])
    found = find_licence(folder)
    assert found.path == tmp_path / "LICENSE.md" and found.spdx == "Apache-2.0"


def test_missing_and_unknown_licences_break_the_rule_saying_how_to_fix_it(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    (missing,) = check_licence(folder, find_licence(folder))
    assert missing.rule == "licence" and "--add-license MIT" in missing.message
    (folder / "LICENSE.txt").write_text("Todos los derechos reservados.")
    (unknown,) = check_licence(folder, find_licence(folder))
    assert "LICENSE.txt" in unknown.message and "SPDX-License-Identifier" in unknown.message
    assert all(spdx in unknown.message for spdx in LICENCES)


def test_adding_a_licence_never_overwrites_one(tmp_path):
    (tmp_path / "COPYING").write_text("mine")
    with pytest.raises(SubmissionError, match="COPYING"):
        add_licence(tmp_path, "MIT", "Equipo")
    assert (tmp_path / "COPYING").read_text() == "mine"
