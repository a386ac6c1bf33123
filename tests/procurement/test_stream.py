"""Does the streaming reader give what reading the whole file gave, without reading it whole?"""

from __future__ import annotations

import builtins
import gzip
import io
import json
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kit.errors import DataFormatError
from kit.i18n import set_language
from kit.procurement import read as reading
from kit.procurement.read import gunzip, read_file
from kit.procurement.synthetic import write_releases


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


def release(ocid: str, number: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "ocid": ocid,
        "id": f"{ocid}-{number}",
        "date": f"2024-0{number}-01T00:00:00Z",
        "tag": ["tender"],
        "tender": {"id": "t", "value": {"amount": 10.5, "currency": "MXN"}, "numberOfTenderers": 3},
        **extra,
    }


def record(ocid: str, compiled: bool) -> dict[str, Any]:
    body: dict[str, Any] = {"ocid": ocid, "releases": [release(ocid, 1), release(ocid, 2)]}
    if compiled:
        body["compiledRelease"] = {**release(ocid, 2), "tag": ["compiled"]}
    return body


SHAPES: dict[str, Any] = {
    "package, metadata first": {"uri": "u", "publisher": {"name": "p"}, "releases": [
        release("a"), release("b"), release("a", 2)]},
    "package, metadata after": {"releases": [release("a"), release(" b ")], "uri": "u"},
    "record package": {"records": [record("a", True), record("b", False)], "version": "1.1"},
    "bare array": [release("a"), release("b", price=1e-7, big=10**30, text="ñ\u2028")],
    "single release": release("a"),
    "single record": record("a", False),
    "package whose releases are not a list": {"releases": {"a": 1}},
    "not OCDS": [{"nombres": "ANA"}],
    "release without ocid": {"releases": [release("a"), {"tag": ["award"]}]},
    "record with linked releases only": {"records": [{"ocid": "a", "releases": [{"url": "u"}]}]},
    "a number": 42,
}  # fmt: skip


def old_entries(path: Path) -> list[tuple[Any, ...]] | str:
    """What the reader gave before it streamed: the whole file decoded and parsed at once."""
    lines = path.name.removesuffix(".gz").endswith(".jsonl")
    try:
        raw = gunzip(path.read_bytes(), path)
        return [_key(e) for e in reading._read_bytes(raw, lines, str(path))]
    except DataFormatError as error:
        return f"{error.path}: {error.problem}"


def new_entries(path: Path) -> list[tuple[Any, ...]] | str:
    try:
        return [_key(entry) for entry in read_file(path)]
    except DataFormatError as error:
        return f"{error.path}: {error.problem}"


def _key(entry: reading.Entry) -> tuple[Any, ...]:
    return entry.ocid, entry.n_releases, entry.path, json.dumps(entry.release)


def write(path: Path, value: Any, indent: int | None, compress: bool = False) -> Path:
    raw = json.dumps(value, indent=indent, ensure_ascii=False).encode()
    path.write_bytes(gzip.compress(raw) if compress else raw)
    return path


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("indent", [None, 1], ids=["one line", "pretty"])
@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_streams_to_what_reading_it_whole_gave(tmp_path, shape, indent, compress):
    path = write(
        tmp_path / ("f.json.gz" if compress else "f.json"), SHAPES[shape], indent, compress
    )
    old = old_entries(path)
    assert new_entries(path) == old
    if shape in ("bare array", "record package", "package, metadata first"):
        assert isinstance(old, list) and len(old) >= 2  # the comparison has something to compare


def test_json_lines_with_either_suffix_and_a_byte_order_mark(tmp_path):
    lines = [release("a"), {"releases": [release("b")]}, record("c", True), release("a", 2)]
    text = "\ufeff" + "\n".join(json.dumps(line) for line in lines) + "\n\n"
    for name in ("d.jsonl", "d.json"):
        (tmp_path / name).write_text(text, encoding="utf-8")
        got = new_entries(tmp_path / name)
        assert got == old_entries(tmp_path / name)
        assert [ocid for ocid, *_ in got] == ["a", "b", "c", "a"]


def test_zip_members_stream_like_files(tmp_path):
    with zipfile.ZipFile(tmp_path / "bulk.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("b.json", json.dumps([release("b")], indent=1))
        archive.writestr("a.jsonl", json.dumps(release("a")) + "\n")
        archive.writestr("LEEME.txt", "no es OCDS")
    got = [(e.ocid, e.path) for e in read_file(tmp_path / "bulk.zip")]
    assert got == [
        ("a", f"{tmp_path / 'bulk.zip'}:a.jsonl"),
        ("b", f"{tmp_path / 'bulk.zip'}:b.json"),
    ]


BROKEN = {
    "invalid JSON, pretty": '{"releases": [\n  {"ocid": "x",}\n]}',
    "cut short": '[\n  {"ocid": "a", "tag": ["tender"]},\n  {"ocid": "b", "tag": [',
    "NaN and a huge number (json accepts both)": '[\n{"ocid": "a", "x": NaN, "y": 1e400}\n]',
    "huge integer": '[\n{"ocid": "a", "n": 123456789012345678901234567890}\n]',
    "trailing garbage": '[\n{"ocid": "a"}\n] x',
    "empty": " \n\n ",
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_small_broken_file_is_reported_exactly_as_before(tmp_path, case):
    path = tmp_path / "roto.json"
    path.write_text(BROKEN[case], encoding="utf-8")
    assert new_entries(path) == old_entries(path)


def test_invalid_utf8_is_another_format_as_before(tmp_path):
    path = tmp_path / "latin1.json"
    text = json.dumps([release("a", title="Papelería")], indent=1, ensure_ascii=False)
    path.write_bytes(text.encode("latin-1"))
    got = new_entries(path)
    assert got == old_entries(path) and "UTF-8" in got


def test_a_large_broken_file_names_the_last_good_item_and_the_text_near_the_error(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(reading, "REPARSE_LIMIT", 0)  # as if the file were gigabytes
    path = tmp_path / "grande.json"
    good = ",\n".join(json.dumps(release(f"p{i}")) for i in range(3))
    path.write_text("[\n" + good + ',\n{"ocid": "p3", "tag": [tender]}]', encoding="utf-8")
    with pytest.raises(DataFormatError) as error:
        list(read_file(path))
    assert error.value.path == str(path)
    assert error.value.problem.startswith("después de [2]: no es JSON válido")
    assert "[tender]" in error.value.problem  # the text around the error, to search for

    path.write_text("[\n" + good + ',\n{"ocid": "p3", "ta', encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"después de \[2\]: el archivo termina a la mitad"):
        list(read_file(path))

    package = tmp_path / "paquete.json"
    package.write_text('{"releases": [\n' + good + ",\n{", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"después de releases\[2\]: el archivo termina"):
        list(read_file(package))


def test_a_large_file_with_a_huge_integer_is_read_by_the_slow_parser(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "REPARSE_LIMIT", 0)
    path = tmp_path / "grande.json"
    path.write_text(BROKEN["huge integer"], encoding="utf-8")
    (entry,) = read_file(path)
    assert entry.release["n"] == 123456789012345678901234567890


def test_numbers_keep_the_types_json_gives(tmp_path):
    value = [release("a", amounts=[1, 2.5, -0.0, 1e-7, 10**18, 3.0])]
    path = write(tmp_path / "n.json", value, indent=1)
    (entry,) = read_file(path)
    assert entry.release["amounts"] == [1, 2.5, -0.0, 1e-7, 10**18, 3.0]
    assert [type(v) for v in entry.release["amounts"]] == [int, float, float, float, int, float]


class _Counting(io.RawIOBase):
    """A file that counts the bytes handed out."""

    def __init__(self, path: Path, counter: list[int]) -> None:
        self.handle = builtins.open(path, "rb")  # noqa: SIM115 (closed by close())
        self.counter = counter

    def readinto(self, buffer: Any) -> int:
        size = self.handle.readinto(buffer)
        self.counter[0] += size
        return size

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.handle.close()
        super().close()


@pytest.fixture(scope="module")
def big_array(tmp_path_factory) -> Path:
    """About 20 MB of synthetic releases in one JSON array."""
    path = tmp_path_factory.mktemp("big") / "s6.json"
    write_releases(path, 8_000, seed=7)
    return path


@pytest.mark.parametrize("shape", ["array", "package", "json lines", "gzip"])
def test_the_first_release_comes_before_the_file_is_read(tmp_path, big_array, monkeypatch, shape):
    path = tmp_path / {"json lines": "s6.jsonl", "gzip": "s6.json.gz"}.get(shape, "s6.json")
    text = big_array.read_bytes()  # "[", then one release a line, each but the last with ","
    lines = text.splitlines()[1:-1]
    if shape == "package":
        path.write_bytes(b'{"releases": ' + text + b', "uri": "u"}')
    elif shape == "json lines":
        path.write_bytes(b"\n".join(line.rstrip(b",") for line in lines) + b"\n")
    elif shape == "gzip":
        path.write_bytes(gzip.compress(text, compresslevel=1))
    else:
        path.write_bytes(text)
    counter = [0]

    def counting_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        assert mode == "rb"
        return io.BufferedReader(_Counting(Path(file), counter))

    monkeypatch.setattr(reading, "open", counting_open, raising=False)
    monkeypatch.setattr(reading.gzip, "open", lambda file, mode: gzip.GzipFile(
        fileobj=counting_open(file, mode), mode="rb"))  # fmt: skip
    entries = read_file(path)
    first = next(entries)
    assert first.ocid == json.loads(lines[0].rstrip(b","))["ocid"]
    size = path.stat().st_size
    assert counter[0] < min(size / 4, 2 * 2**20), f"read {counter[0]:,} of {size:,} bytes"
    assert sum(1 for _ in entries) == len(lines) - 1
    assert counter[0] >= size  # and then all of it


def test_memory_while_reading_stays_far_below_the_file_size(tmp_path):
    path = tmp_path / "s6.json"
    write_releases(path, 2_000, seed=3)  # about 5 MB; parsed whole it takes ten times that
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_file(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 2_000
    assert peak < path.stat().st_size / 5, f"peak {peak:,} bytes for {path.stat().st_size:,}"
