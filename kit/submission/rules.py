"""The rules of the participation bases a pack must keep; each check returns what is broken.

Every check returns a list (empty when the rule holds) so ``kit submit`` can list every broken
rule at once, each with what to do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from kit.i18n import messages
from kit.submission.errors import BrokenRule, SubmissionError
from kit.submission.licence import LICENCES, LicenceFile
from kit.submission.manifest import MAX_MEMBERS, slugify, track_problem

__all__ = [
    "check_licence",
    "check_notebooks",
    "check_team",
    "check_track",
    "clean_name",
    "read_members_file",
]

MSG = messages(
    "submission_rules",
    {
        "team_empty": (
            "Falta el nombre del equipo: usa --team NOMBRE.",
            "The team has no name: use --team NAME.",
        ),
        "team_unusable": (
            "El nombre del equipo {team!r} necesita al menos una letra o número (sin acentos "
            "cuenta igual) para nombrar su carpeta.",
            "Team name {team!r} needs at least one letter or digit to name its folder.",
        ),
        "members_none": (
            "Faltan integrantes: usa --member NOMBRE (una vez por persona) o --members-file "
            "ARCHIVO (un nombre por línea).",
            "No members: use --member NAME (once per person) or --members-file FILE (one name "
            "per line).",
        ),
        "members_many": (
            "El equipo tiene {n} integrantes; las bases permiten {max} como máximo.",
            "The team has {n} members; the bases allow {max} at most.",
        ),
        "member_empty": (
            "Hay {n} nombre(s) de integrante vacío(s); escribe el nombre de cada persona.",
            "{n} member name(s) are empty; write each person's name.",
        ),
        "member_twice": (
            "{name!r} aparece {n} veces en la lista de integrantes; cada persona va una vez.",
            "{name!r} appears {n} times among the members; list each person once.",
        ),
        "licence_missing": (
            "No hay archivo de licencia (LICENSE, LICENSE.md, COPYING…) en {folder} ni en su "
            "carpeta superior. Las bases piden una licencia abierta para el código: agrega la "
            "licencia MIT con --add-license MIT, o copia el texto de otra ({choices}).",
            "No licence file (LICENSE, LICENSE.md, COPYING…) in {folder} or its parent. The "
            "bases ask for an open licence for the code: add the MIT licence with --add-license "
            "MIT, or copy the text of another one ({choices}).",
        ),
        "licence_unknown": (
            "{path}: no reconozco una licencia abierta en este texto. Copia el texto completo "
            "de una ({choices}) o agrega la línea 'SPDX-License-Identifier: MIT' (con su id).",
            "{path}: no open licence recognised in this text. Copy the full text of one "
            "({choices}) or add the line 'SPDX-License-Identifier: MIT' (with its id).",
        ),
        "no_notebooks": (
            "{folder} no tiene cuadernos (.ipynb): ¿es la carpeta de trabajo del reto?",
            "{folder} holds no notebooks (.ipynb): is it the track's work folder?",
        ),
        "unreadable": (
            "{path}: no se pudo leer ({error}).",
            "{path}: could not be read ({error}).",
        ),
    },
)


def clean_name(name: str) -> str:
    """A person's or team's name with its spaces tidied (``"  Ana   López "`` → ``"Ana López"``)."""
    return " ".join(name.split())


def read_members_file(path: Path) -> list[str]:
    """Names in ``path``, one per line; blank lines are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SubmissionError(path, MSG["unreadable"].format(path=path, error=error)) from None
    return [clean_name(line) for line in text.splitlines() if line.strip()]


def check_team(team: str, members: Sequence[str]) -> list[BrokenRule]:
    """A named team of 1 to 6 people, each named once (case and spacing do not count)."""
    broken = []
    if not clean_name(team):
        broken.append(_broken("team", "team_empty"))
    elif not slugify(team):
        broken.append(_broken("team", "team_unusable", team=team))
    names = [clean_name(member) for member in members]
    if not names:
        broken.append(_broken("members", "members_none"))
    if len(names) > MAX_MEMBERS:
        broken.append(_broken("members", "members_many", n=len(names), max=MAX_MEMBERS))
    if "" in names:
        broken.append(_broken("members", "member_empty", n=names.count("")))
    counts = Counter(name.casefold() for name in names if name)
    spelled = {name.casefold(): name for name in reversed(names)}  # first spelling wins
    for key, n in counts.items():
        if n > 1:
            broken.append(_broken("members", "member_twice", name=spelled[key], n=n))
    return broken


def check_track(track: str) -> list[BrokenRule]:
    """A track name that can name a folder inside the zip."""
    problem = track_problem(track)
    return [BrokenRule("track", problem)] if problem else []


def check_licence(folder: Path, found: LicenceFile | None) -> list[BrokenRule]:
    """An open licence file, recognised from its text."""
    choices = ", ".join(LICENCES)
    if found is None:
        return [_broken("licence", "licence_missing", folder=folder, choices=choices)]
    if found.spdx is None:
        return [_broken("licence", "licence_unknown", path=found.path, choices=choices)]
    return []


def check_notebooks(folder: Path, notebooks: Iterable[str]) -> list[BrokenRule]:
    """A work folder holds at least one notebook."""
    if any(True for _ in notebooks):
        return []
    return [_broken("notebooks", "no_notebooks", folder=folder)]


def _broken(rule: str, key: str, **values: object) -> BrokenRule:
    return BrokenRule(rule, MSG[key].format(**values))
