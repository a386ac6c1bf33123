"""The manifest: team folder names are safe, paths are checked, the JSON round-trips."""

import json
from datetime import UTC, datetime

import pytest

from kit.submission.errors import SubmissionError
from kit.submission.manifest import (
    FORMAT,
    Manifest,
    parse_manifest,
    path_problem,
    slugify,
    track_problem,
)
from tests.submission.helpers import manifest_for


@pytest.mark.parametrize(
    ("team", "slug"),
    [
        ("Los Ñandúes", "los-nandues"),
        ("  Datos   Claros!! ", "datos-claros"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows", "c-windows"),
        ("con", "con-equipo"),
        ("Equipo 7 · CDMX", "equipo-7-cdmx"),
        ("x" * 100, "x" * 60),
        ("¡¿…?!", ""),
        ("数据", ""),
    ],
)
def test_a_team_name_becomes_a_safe_folder_name(team, slug):
    assert slugify(team) == slug


@pytest.mark.parametrize(
    "name", ["../x", "demo/../../x", "/etc/passwd", "C:/x", "demo\\x", "demo//x", "./x", ""]
)
def test_unsafe_paths_are_named(name):
    assert path_problem(name)


def test_safe_paths_and_track_names_pass():
    assert path_problem("demo/datos/tabla.csv") is None
    assert track_problem("contrataciones") is None
    assert track_problem("../x") and track_problem("mi trabajo") and track_problem("")


def test_a_manifest_round_trips_through_its_json():
    manifest = Manifest(
        team="Datos Claros",
        members=("Ana", "Luis"),
        track="demo",
        kit_version="0.1.0",
        created=datetime(2025, 5, 1, 12, tzinfo=UTC),
        license="MIT",
        ran=False,
        notebooks={"demo/a.ipynb": "0" * 64},
        files={"demo/LICENSE": "f" * 64},
    )
    data = json.loads(manifest.dumps())
    assert list(data) == [
        "format", "team", "members", "track", "kit_version", "created", "license", "ran",
        "notebooks", "files",
    ]  # fmt: skip
    assert data["format"] == FORMAT and data["created"] == "2025-05-01T12:00:00Z"
    assert parse_manifest(manifest.dumps(), "x.zip") == manifest


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"format": "otro/1"}, "formato"),
        ({"members": "Ana"}, "'members'"),
        ({"members": []}, "integrantes"),
        ({"members": [f"p{i}" for i in range(7)]}, "integrantes"),
        ({"ran": "yes"}, "'ran'"),
        ({"team": "!!!"}, "letra o número"),
        ({"track": "../x"}, "track"),
        ({"created": "ayer"}, "ISO 8601"),
        ({"notebooks": {"otro/a.ipynb": "0" * 64}}, "no está dentro"),
        ({"notebooks": {"demo/a.ipynb": "xyz"}}, "sha256"),
        ({"files": {"demo/a.ipynb": "0" * 64}}, "'notebooks'"),
        ({"notebooks": {"demo/../a.ipynb": "0" * 64}}, ".."),
    ],
)
def test_a_bad_manifest_is_refused_naming_the_problem(changes, expected):
    raw = json.dumps(manifest_for({}, **changes)).encode()
    with pytest.raises(SubmissionError, match=r"^x\.zip: ") as error:
        parse_manifest(raw, "x.zip")
    assert expected in str(error.value)


def test_a_manifest_missing_fields_or_not_json_is_refused():
    data = manifest_for({})
    del data["license"], data["ran"]
    with pytest.raises(SubmissionError, match="license, ran"):
        parse_manifest(json.dumps(data).encode(), "x.zip")
    with pytest.raises(SubmissionError, match="JSON"):
        parse_manifest(b"{nope", "x.zip")
    with pytest.raises(SubmissionError, match="objeto"):
        parse_manifest(b"[]", "x.zip")
