"""``kit-submission.json``: what a submission zip declares, how it is checked, how it is written.

The grader trusts nothing in a zip it has not checked against this manifest, and trusts the
manifest only after :func:`parse_manifest` has checked every field. The limits here are shared
by both sides, so ``kit submit`` never writes a zip that the grader would refuse.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kit.i18n import messages
from kit.submission.errors import SubmissionError

__all__ = [
    "FORMAT",
    "MANIFEST_NAME",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_MEMBERS",
    "MAX_TOTAL_BYTES",
    "Manifest",
    "parse_manifest",
    "path_problem",
    "slugify",
    "track_problem",
]

FORMAT = "dataton-kit-submission/1"
MANIFEST_NAME = "kit-submission.json"
MAX_MEMBERS = 6
MAX_FILE_BYTES = 20 * 1024 * 1024  # bigger files are left out of a pack (with a warning)
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # a zip that unpacks to more is refused (zip bomb)
MAX_FILES = 2000
MAX_MANIFEST_BYTES = 2 * 1024 * 1024
MAX_SLUG = 60
#: Names Windows cannot use for a folder, whatever the extension.
WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {
    f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)
}
TRACK = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
SHA256 = re.compile(r"[0-9a-f]{64}")

MSG = messages(
    "submission_manifest",
    {
        "track": (
            "{track!r} no sirve como nombre de track: usa letras sin acento, números, - o _ "
            "(máximo 64), por ejemplo --track contrataciones",
            "{track!r} cannot be a track name: use unaccented letters, digits, - or _ "
            "(64 at most), for example --track contrataciones",
        ),
        "path_empty": ("ruta vacía", "empty path"),
        "path_backslash": ("{name!r}: ruta con barra invertida (\\)", "{name!r}: backslash (\\)"),
        "path_absolute": ("{name!r}: ruta absoluta", "{name!r}: absolute path"),
        "path_parent": ("{name!r}: ruta con '..'", "{name!r}: path with '..'"),
        "path_part": (
            "{name!r}: ruta con partes vacías, '.' o caracteres de control",
            "{name!r}: path with empty or '.' parts or control characters",
        ),
        "json": (
            "{name} no es JSON válido ({error})",
            "{name} is not valid JSON ({error})",
        ),
        "not_object": ("{name} no es un objeto JSON", "{name} is not a JSON object"),
        "format": (
            "formato {found!r} desconocido; se esperaba {expected!r}",
            "unknown format {found!r}; expected {expected!r}",
        ),
        "missing": ("faltan campos en el manifiesto: {fields}", "manifest lacks fields: {fields}"),
        "type": (
            "el campo {field!r} del manifiesto debe ser {kind}",
            "manifest field {field!r} must be {kind}",
        ),
        "team": (
            "el nombre del equipo {team!r} necesita al menos una letra o número para nombrar "
            "su carpeta",
            "team name {team!r} needs at least one letter or digit to name its folder",
        ),
        "members": (
            "el manifiesto debe listar de 1 a {max} integrantes con nombre",
            "the manifest must list 1 to {max} named members",
        ),
        "created": (
            "'created' no es una fecha ISO 8601: {value!r}",
            "'created' is not an ISO 8601 date: {value!r}",
        ),
        "outside": (
            "{name!r} no está dentro de la carpeta del track {track!r}",
            "{name!r} is not inside the track folder {track!r}",
        ),
        "hash": (
            "{name!r}: el sha256 del manifiesto no es hexadecimal de 64 caracteres",
            "{name!r}: the manifest's sha256 is not 64 hex characters",
        ),
        "kind": (
            "{name!r}: los cuadernos (.ipynb) van en 'notebooks' y los demás archivos en 'files'",
            "{name!r}: notebooks (.ipynb) go under 'notebooks', other files under 'files'",
        ),
    },
)

_KINDS = {
    "team": ("texto", "a string"),
    "members": ("una lista de textos", "a list of strings"),
    "track": ("texto", "a string"),
    "kit_version": ("texto", "a string"),
    "created": ("texto", "a string"),
    "license": ("texto", "a string"),
    "ran": ("true o false", "true or false"),
    "notebooks": ("un objeto ruta → sha256", "an object path → sha256"),
    "files": ("un objeto ruta → sha256", "an object path → sha256"),
}
KIND = messages("submission_manifest_kinds", _KINDS)
FIELDS = tuple(_KINDS)


def slugify(name: str) -> str:
    """The folder name of a team: safe on every system, the same for the same name.

    The rule: accents are dropped (``ñ`` → ``n``), letters are lower-cased, every run of other
    characters becomes one ``-``, leading and trailing ``-`` go, and the result is cut to 60
    characters. A Windows device name (``con``, ``nul``, ``com1``…) gets ``-equipo`` appended.
    A name with no letter or digit gives ``""``, which no check accepts.
    """
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    return f"{slug}-equipo" if slug in WINDOWS_DEVICES else slug


def track_problem(track: str) -> str | None:
    """Why ``track`` cannot name the track folder of a zip, or None when it can."""
    return None if TRACK.fullmatch(track) else MSG["track"].format(track=track)


def path_problem(name: str) -> str | None:
    """Why ``name`` (a path inside a zip) is unsafe to write anywhere, or None when it is safe."""
    if not name:
        return str(MSG["path_empty"])
    if "\\" in name:
        return MSG["path_backslash"].format(name=name)
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return MSG["path_absolute"].format(name=name)
    parts = name.split("/")
    if ".." in parts:
        return MSG["path_parent"].format(name=name)
    if any(part in ("", ".") or not part.isprintable() for part in parts):
        return MSG["path_part"].format(name=name)
    return None


@dataclass(frozen=True)
class Manifest:
    """The manifest of one submission; paths are ``<track>/<path in the work folder>``.

    ``notebooks`` holds every ``.ipynb`` file, ``files`` every other file; each maps to the
    sha256 of the file's bytes. ``ran`` says whether every notebook ran from a clean kernel.
    """

    team: str
    members: tuple[str, ...]
    track: str
    kit_version: str
    created: datetime
    license: str
    ran: bool
    notebooks: dict[str, str]
    files: dict[str, str]

    @property
    def team_slug(self) -> str:
        return slugify(self.team)

    def to_dict(self) -> dict[str, Any]:
        created = self.created.astimezone(UTC).isoformat(timespec="seconds")
        return {
            "format": FORMAT,
            "team": self.team,
            "members": list(self.members),
            "track": self.track,
            "kit_version": self.kit_version,
            "created": created.replace("+00:00", "Z"),
            "license": self.license,
            "ran": self.ran,
            "notebooks": dict(sorted(self.notebooks.items())),
            "files": dict(sorted(self.files.items())),
        }

    def dumps(self) -> bytes:
        return (json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse_manifest(raw: bytes, where: object) -> Manifest:
    """The manifest in ``raw``, every field checked; :class:`SubmissionError` names ``where``."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise SubmissionError(where, MSG["json"].format(name=MANIFEST_NAME, error=error)) from None
    if not isinstance(data, dict):
        raise SubmissionError(where, MSG["not_object"].format(name=MANIFEST_NAME))
    if data.get("format") != FORMAT:
        found = data.get("format")
        raise SubmissionError(where, MSG["format"].format(found=found, expected=FORMAT))
    missing = [name for name in FIELDS if name not in data]
    if missing:
        raise SubmissionError(where, MSG["missing"].format(fields=", ".join(missing)))
    for name in FIELDS:
        if not _has_type(name, data[name]):
            raise SubmissionError(where, MSG["type"].format(field=name, kind=KIND[name]))
    return _checked(data, where)


def _has_type(name: str, value: object) -> bool:
    if name == "ran":
        return isinstance(value, bool)
    if name == "members":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if name in ("notebooks", "files"):
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    return isinstance(value, str)


def _checked(data: dict[str, Any], where: object) -> Manifest:
    """Checks of meaning, after the types are known to be right."""
    problem = track_problem(data["track"])
    if problem:
        raise SubmissionError(where, problem)
    if not slugify(data["team"]):
        raise SubmissionError(where, MSG["team"].format(team=data["team"]))
    members = tuple(data["members"])
    if not 1 <= len(members) <= MAX_MEMBERS or not all(m.strip() for m in members):
        raise SubmissionError(where, MSG["members"].format(max=MAX_MEMBERS))
    try:
        created = datetime.fromisoformat(data["created"])
    except ValueError:
        raise SubmissionError(where, MSG["created"].format(value=data["created"])) from None
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    for key, notebook in (("notebooks", True), ("files", False)):
        for name, digest in data[key].items():
            _check_entry(name, digest, data["track"], notebook, where)
    return Manifest(
        team=data["team"],
        members=members,
        track=data["track"],
        kit_version=data["kit_version"],
        created=created,
        license=data["license"],
        ran=data["ran"],
        notebooks=dict(data["notebooks"]),
        files=dict(data["files"]),
    )


def _check_entry(name: str, digest: str, track: str, notebook: bool, where: object) -> None:
    problem = path_problem(name)
    if problem:
        raise SubmissionError(where, problem)
    if not name.startswith(f"{track}/"):
        raise SubmissionError(where, MSG["outside"].format(name=name, track=track))
    if name.endswith(".ipynb") != notebook:
        raise SubmissionError(where, MSG["kind"].format(name=name))
    if not SHA256.fullmatch(digest):
        raise SubmissionError(where, MSG["hash"].format(name=name))
