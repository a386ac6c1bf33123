"""Reading submissions: a good zip round-trips; every unsafe or altered zip is refused clearly."""

import json
import stat
import struct
import zipfile

import pytest

from kit.submission import read
from kit.submission.errors import SubmissionError
from kit.submission.manifest import MANIFEST_NAME
from kit.submission.read import Submission, extract, read_submission
from tests.submission.helpers import NOTEBOOK, manifest_for, submission_zip, write_zip

GOOD = {
    "demo/01_ok.ipynb": NOTEBOOK,
    "demo/LICENSE": b"MIT License ...",
    "demo/datos/tabla.csv": b"a,b\n1,2\n",
}


def refused(path, match: str) -> SubmissionError:
    with pytest.raises(SubmissionError) as error:
        read_submission(path)
    assert str(error.value).startswith(f"{path}: "), error.value
    assert match in str(error.value), error.value
    return error.value


def test_a_good_zip_reads_with_typed_fields(tmp_path):
    path = submission_zip(tmp_path / "datos-claros__demo.zip", GOOD)
    submission = read_submission(path)
    assert isinstance(submission, Submission) and submission.path == path
    assert (submission.team, submission.team_slug) == ("Datos Claros", "datos-claros")
    assert submission.members == ("Ana", "Luis") and submission.ran is True
    assert submission.created.year == 2025 and submission.created.tzinfo is not None
    assert submission.notebooks == {"01_ok.ipynb": NOTEBOOK}
    assert submission.files == {"LICENSE": GOOD["demo/LICENSE"], "datos/tabla.csv": b"a,b\n1,2\n"}


def test_extract_writes_team_and_track_folders_and_replaces_an_earlier_copy(tmp_path):
    path = submission_zip(tmp_path / "s.zip", GOOD)
    target = extract(path, tmp_path / "entregas")
    assert target == (tmp_path / "entregas" / "datos-claros" / "demo").resolve()
    assert (target / "01_ok.ipynb").read_bytes() == NOTEBOOK
    assert (target / "datos" / "tabla.csv").read_bytes() == b"a,b\n1,2\n"
    (target / "sobrante.txt").write_text("de antes")
    assert extract(read_submission(path), tmp_path / "entregas") == target
    assert not (target / "sobrante.txt").exists()


def test_a_team_name_that_tries_to_climb_stays_inside_the_destination(tmp_path):
    manifest = manifest_for(GOOD, team="../../../tmp/evil")
    path = submission_zip(tmp_path / "s.zip", GOOD, manifest)
    target = extract(path, tmp_path / "entregas")
    assert target == (tmp_path / "entregas" / "tmp-evil" / "demo").resolve()


def test_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "equipo.zip"
    path.write_bytes(b"esto no es un zip")
    refused(path, "no es un zip válido")
    refused(tmp_path / "no-existe.zip", "no existe")


def test_a_corrupt_zip_is_refused(tmp_path):
    path = submission_zip(tmp_path / "s.zip", {"demo/a.csv": b"x" * 5000})
    data = bytearray(path.read_bytes())
    start = data.index(b"demo/a.csv") + len("demo/a.csv")
    data[start + 10 : start + 20] = b"\xff" * 10  # inside the compressed bytes of demo/a.csv
    path.write_bytes(bytes(data))
    refused(path, "zip dañado en 'demo/a.csv'")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../x.csv", "'..'"),
        ("demo/../../x.csv", "'..'"),
        ("/etc/cron.d/x", "ruta absoluta"),
        ("C:/Windows/x", "ruta absoluta"),
        ("demo\\..\\x.csv", "barra invertida"),
    ],
)
def test_zip_slip_paths_are_refused(tmp_path, name, problem):
    files = {**GOOD, name: b"malo"}
    manifest = manifest_for(GOOD)
    path = submission_zip(tmp_path / "s.zip", files, manifest)
    refused(path, problem)


def test_a_symlink_entry_is_refused(tmp_path):
    link = zipfile.ZipInfo("demo/datos.csv")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    manifest = manifest_for({**GOOD, "demo/datos.csv": b"/etc/passwd"})
    path = write_zip(
        tmp_path / "s.zip",
        [(MANIFEST_NAME, json.dumps(manifest).encode()), *GOOD.items(), (link, b"/etc/passwd")],
    )
    refused(path, "enlace simbólico")


def test_a_zip_bomb_is_refused_before_decompressing(tmp_path):
    path = tmp_path / "bomba.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(MANIFEST_NAME, json.dumps(manifest_for(GOOD)))
        info = zipfile.ZipInfo("demo/ceros.csv")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as stream:
            for _ in range(101):
                stream.write(bytes(1 << 20))
    assert path.stat().st_size < 1 << 20  # 101 MB of zeros in about 100 KB
    refused(path, "¿bomba zip?")


def test_a_header_that_lies_about_its_size_is_caught(tmp_path):
    path = submission_zip(tmp_path / "s.zip", {"demo/a.csv": bytes(5000)})
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo("demo/a.csv").header_offset
    data = bytearray(path.read_bytes())
    central = data.rindex(b"demo/a.csv") - 46  # the central directory's record of the file
    struct.pack_into("<I", data, local + 22, 10)  # both headers now claim 10 bytes, not 5000
    struct.pack_into("<I", data, central + 24, 10)
    path.write_bytes(bytes(data))
    refused(path, "zip dañado en 'demo/a.csv'")


def test_a_file_whose_hash_differs_from_the_manifest_is_refused(tmp_path):
    manifest = manifest_for(GOOD)
    path = submission_zip(tmp_path / "s.zip", {**GOOD, "demo/LICENSE": b"otra cosa"}, manifest)
    refused(path, "'demo/LICENSE': su sha256 no coincide")


def test_a_notebook_listed_but_absent_is_refused(tmp_path):
    manifest = manifest_for({**GOOD, "demo/02_falta.ipynb": NOTEBOOK})
    path = submission_zip(tmp_path / "s.zip", GOOD, manifest)
    refused(path, "'demo/02_falta.ipynb' está en el manifiesto pero falta")


def test_a_file_not_in_the_manifest_is_refused(tmp_path):
    path = submission_zip(tmp_path / "s.zip", {**GOOD, "demo/extra.py": b"x"}, manifest_for(GOOD))
    refused(path, "'demo/extra.py' está en el zip pero no en el manifiesto")


def test_missing_or_bad_manifest_is_refused(tmp_path):
    refused(write_zip(tmp_path / "a.zip", list(GOOD.items())), MANIFEST_NAME)
    bad = manifest_for(GOOD, format="otra-cosa/2")
    refused(submission_zip(tmp_path / "b.zip", GOOD, bad), "formato 'otra-cosa/2'")
    refused(write_zip(tmp_path / "c.zip", [(MANIFEST_NAME, b"\x00\x01")]), "JSON")


def test_duplicate_and_too_many_entries_are_refused(tmp_path, monkeypatch):
    twice = [(MANIFEST_NAME, json.dumps(manifest_for(GOOD)).encode()), *GOOD.items()]
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = write_zip(tmp_path / "a.zip", [*twice, ("demo/LICENSE", b"otra")])
    refused(path, "aparece dos veces")
    monkeypatch.setattr(read, "MAX_FILES", 2)
    refused(submission_zip(tmp_path / "b.zip", GOOD), "el máximo es 2")


def test_messages_follow_the_language(tmp_path):
    from kit.i18n import set_language

    path = tmp_path / "x.zip"
    path.write_bytes(b"nope")
    set_language("en")
    try:
        refused(path, "not a valid zip")
    finally:
        set_language("es")
