"""Does kit.procurement.load read every OCDS shape, compile, flatten, and fail with clear errors?"""

from __future__ import annotations

import dataclasses
import gzip
import json
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kit import data as bundled
from kit.errors import DataFormatError, KitError, SourceNotFoundError
from kit.i18n import CATALOG, get_language, placeholders, set_language
from kit.procurement import compile as compiling
from kit.procurement.load import REAL_PAGE, SAMPLE, ProcurementData, load
from kit.procurement.tables import COLUMNS, DATES, FLOATS, INTS, rfc_of

OCID = "ocds-abc123-0001"


def release(ocid: str = OCID, rid: str = "1", date: str = "2024-01-10T10:00:00Z", **extra: Any):
    """A small but complete release, written the way Mexican publishers write them."""
    body: dict[str, Any] = {
        "ocid": ocid,
        "id": rid,
        "date": date,
        "tag": ["tender"],
        "initiationType": "tender",
        "parties": [
            {
                "id": "MX-RFC-MUN850101AB1",
                "name": "Municipio de Ejemplo",
                "roles": ["procuringEntity", "buyer"],
                "identifier": {"scheme": "MX-RFC", "id": "mun850101ab1 "},
            },
            {
                "id": "PROV-7",
                "name": "Proveedora Ejemplo SA de CV",
                "roles": ["supplier"],
                "identifier": {"scheme": "", "id": "7"},
                "additionalIdentifiers": [
                    {"scheme": "Registro Federal de Contribuyentes", "id": "PEJ010203XY9"}
                ],
            },
        ],
        "buyer": {"id": "MX-RFC-MUN850101AB1"},
        "tender": {
            "id": "T-1",
            "title": "Compra de papelería",
            "status": "active",
            "procurementMethod": "direct",
            "procurementMethodDetails": "Adjudicación directa",
            "mainProcurementCategory": "goods",
            "numberOfTenderers": "3",
            "tenderPeriod": {"startDate": "2024-01-01T00:00:00-06:00", "endDate": "2024-01-05"},
            "value": {"amount": "1,000.50", "currency": "MXN"},
            "items": [
                {
                    "id": 1,
                    "description": "Hojas",
                    "classification": {"scheme": "CUCOP", "id": 21101},
                    "quantity": "10",
                    "unit": {"name": "Caja", "value": {"amount": 100.05, "currency": "MXN"}},
                }
            ],
        },
    }
    body.update(extra)
    return body


def award_release(date: str = "2024-02-01T10:00:00Z", amount: float = 900.0) -> dict[str, Any]:
    """The second release of the same process: the award and the contract."""
    awarded = {
        "id": 5,
        "status": "active",
        "date": "2024-01-31",
        "title": "Adjudicación",
        "value": {"amount": amount, "currency": "MXN"},
        "suppliers": [{"id": "PROV-7"}],
        "items": [{"id": "1", "description": "Hojas", "quantity": 10}],
    }
    contract = {
        "id": "C-1",
        "awardID": "5",
        "status": "active",
        "dateSigned": "2024-02-02T12:00:00Z",
        "period": {"startDate": "2024-02-03T00:00:00Z", "endDate": "2024-12-31T00:00:00Z"},
        "value": {"amount": amount},
    }
    return release(
        rid="2", date=date, tag=["award", "contract"], awards=[awarded], contracts=[contract]
    )


def write(path: Path, value: Any, compress: bool = False) -> Path:
    raw = json.dumps(value, ensure_ascii=False).encode()
    path.write_bytes(gzip.compress(raw) if compress else raw)
    return path


def problem(error: pytest.ExceptionInfo[DataFormatError]) -> str:
    return error.value.problem


@pytest.fixture(autouse=True)
def spanish():
    """Every test starts in Spanish (the default) and leaves the language as it found it."""
    before = get_language()
    set_language("es")
    yield
    set_language(before)


def compiled_record() -> dict[str, Any]:
    releases = [release(), award_release()]
    compiled = compiling.merger().create_compiled_release(releases)
    return {"records": [{"ocid": OCID, "releases": releases, "compiledRelease": compiled}]}


SHAPES = {
    "release package": lambda: {"uri": "x", "releases": [release(), award_release()]},
    "record package, compiledRelease": compiled_record,
    "record package, releases only": lambda: {
        "records": [{"ocid": OCID, "releases": [release(), award_release()]}]
    },
    "bare array (PDN System 6)": lambda: [release(), award_release()],
}


@pytest.mark.parametrize("compress", [False, True], ids=["json", "gzip"])
@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_gives_the_same_tables(tmp_path, shape, compress):
    value = SHAPES[shape]()
    name = "data.json.gz" if compress else "data.json"
    data = load(write(tmp_path / name, value, compress))
    assert (data.n_releases, data.n_processes) == (2, 1)
    assert data.tenders.loc[0, "release_count"] == 2
    assert data.awards.loc[0, "value_amount"] == 900.0
    assert data.contracts.loc[0, "award_id"] == "5"


def load_one(releases: list[dict[str, Any]]) -> ProcurementData:
    """Load releases given in memory through a temporary file."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return load(write(Path(folder) / "p.json", {"releases": releases}))


def test_json_lines_mix_releases_records_and_packages(tmp_path):
    lines = [
        release(ocid="ocds-a"),
        {"ocid": "ocds-b", "releases": [release(ocid="ocds-b")]},
        {"releases": [release(ocid="ocds-c")]},
        {**award_release(), "ocid": "ocds-a"},
    ]
    text = "\n".join(json.dumps(line) for line in lines) + "\n\n"
    for name in ("data.jsonl", "data.json"):  # also JSON Lines saved with a .json suffix
        (tmp_path / name).write_text(text, encoding="utf-8")
        data = load(tmp_path / name)
        assert (data.n_releases, data.n_processes) == (4, 3)
        assert list(data.tenders["ocid"]) == ["ocds-a", "ocds-b", "ocds-c"]
    compressed = tmp_path / "data.jsonl.gz"
    compressed.write_bytes(gzip.compress(text.encode()))
    assert load(compressed).n_releases == 4


def test_a_single_release_object(tmp_path):
    data = load(write(tmp_path / "one.json", release()))
    assert (data.n_releases, data.n_processes, len(data.tenders)) == (1, 1, 1)
    assert data.compiled[0]["tag"] == ["compiled"]
    assert data.compiled[0]["id"] == f"{OCID}-2024-01-10T10:00:00Z"


def test_directory_reads_json_jsonl_and_gz_sorted_and_ignores_the_rest(tmp_path):
    write(tmp_path / "b.json", [release(ocid="ocds-b")])
    write(tmp_path / "a.json.gz", {"releases": [release(ocid="ocds-a")]}, compress=True)
    (tmp_path / "c.jsonl").write_text(json.dumps(release(ocid="ocds-c")), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not data", encoding="utf-8")
    data = load(tmp_path)
    assert list(data.tenders["ocid"]) == ["ocds-a", "ocds-b", "ocds-c"]
    assert data.source == str(tmp_path)


def test_a_list_of_paths_is_one_source(tmp_path):
    first = write(tmp_path / "1.json", [release()])
    second = write(tmp_path / "2.json", [award_release()])
    data = load([first, str(second)])
    assert (data.n_releases, data.n_processes) == (2, 1)
    assert data.source == f"{first}, {second}"


def test_zip_members_are_read(tmp_path):
    with zipfile.ZipFile(tmp_path / "bulk.zip", "w") as archive:
        archive.writestr("bulk/contrataciones.json", json.dumps([release(), award_release()]))
        archive.writestr("LEEME.txt", "no es OCDS")
    assert load(tmp_path / "bulk.zip").n_processes == 1


def test_two_releases_compile_into_the_latest_state():
    data = load_one([award_release(date="2024-03-01T00:00:00Z", amount=950.0), release()])
    compiled = data.compiled[0]
    assert compiled["tag"] == ["compiled"]
    assert compiled["date"] == "2024-03-01T00:00:00Z"
    assert compiled["id"] == f"{OCID}-2024-03-01T00:00:00Z"
    assert compiled["tender"]["title"] == "Compra de papelería"  # kept from the first release
    assert data.awards.loc[0, "value_amount"] == 950.0
    assert data.tenders.loc[0, "date"] == pd.Timestamp("2024-03-01", tz="UTC")


def test_a_process_with_one_release_is_not_merged(monkeypatch):
    def no_merging():
        raise AssertionError("merged a process that has a single release")

    monkeypatch.setattr(compiling, "merger", no_merging)
    data = load_one([release(ocid="ocds-a"), release(ocid="ocds-b")])
    assert data.n_processes == 2


def test_merger_uses_the_shipped_schema():
    schema = json.loads(compiling.SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/1__1__5/release-schema.json")
    assert ("awards", "suppliers") not in compiling.merger().merge_rules  # merged by id
    assert compiling.merger().merge_rules[("tag",)] == "omitWhenMerged"


def test_tables_have_the_contract_columns_and_types():
    data = load_one([release(), award_release()])
    for name, table in data.tables.items():
        assert tuple(table.columns) == COLUMNS[name]
        for column in table.columns:
            dtype = table[column].dtype
            if column in INTS:
                assert dtype == "Int64", column
            elif column in FLOATS:
                assert dtype == "float64", column
            elif column in DATES:
                assert isinstance(dtype, pd.DatetimeTZDtype) and str(dtype.tz) == "UTC", column
            else:
                assert dtype == "string", column


def test_messy_values_are_read_tolerantly():
    tenders = load_one([release()]).tenders
    row = tenders.iloc[0]
    assert row["number_of_tenderers"] == 3  # "3" as text
    assert row["value_amount"] == 1000.5  # "1,000.50" as text
    assert row["tender_start"] == pd.Timestamp("2024-01-01T06:00:00", tz="UTC")
    assert row["tender_end"] == pd.Timestamp("2024-01-05", tz="UTC")
    assert row["buyer_name"] == "Municipio de Ejemplo"  # resolved through parties
    items = load_one([release()]).items
    assert items.loc[0, "classification_id"] == "21101"  # a number became text
    assert items.loc[0, "quantity"] == 10.0 and items.loc[0, "unit_amount"] == 100.05


def test_missing_blocks_become_na_not_errors():
    bare = {"ocid": "ocds-x", "id": "1", "date": "fecha inválida", "tag": ["planning"]}
    data = load_one([bare])
    row = data.tenders.iloc[0]
    assert pd.isna(row["buyer_id"]) and pd.isna(row["value_amount"]) and pd.isna(row["date"])
    assert row["award_count"] == 0
    assert all(len(data.tables[name]) == 0 for name in ("awards", "suppliers", "items", "parties"))


def test_suppliers_resolve_names_and_rfc_through_parties():
    data = load_one([release(), award_release()])
    supplier = data.suppliers.iloc[0]
    assert supplier["supplier_name"] == "Proveedora Ejemplo SA de CV"
    assert supplier["rfc"] == "PEJ010203XY9"  # from additionalIdentifiers, scheme in words
    parties = data.parties.set_index("party_id")
    assert parties.loc["MX-RFC-MUN850101AB1", "rfc"] == "MUN850101AB1"  # upper case, trimmed
    assert parties.loc["MX-RFC-MUN850101AB1", "roles"] == "buyer;procuringEntity"
    assert pd.isna(parties.loc["PROV-7", "identifier_scheme"])  # empty scheme is NA


def test_rfc_needs_an_rfc_scheme():
    assert rfc_of({"identifier": {"scheme": "MX-RFC", "id": " abc010101ab1"}}) == "ABC010101AB1"
    assert rfc_of({"identifier": {"scheme": "Identificador único en Compranet", "id": "X"}}) is None
    assert rfc_of({"identifier": {"id": "ABC010101AB1"}}) is None
    assert rfc_of({"identifier": {"scheme": "MX-RFC"}}) is None


def test_buyer_falls_back_to_the_party_with_the_buyer_role():
    data = load_one([release(buyer=None)])
    assert data.tenders.loc[0, "buyer_id"] == "MX-RFC-MUN850101AB1"


def test_items_of_every_stage_name_their_parent():
    items = load_one([release(), award_release()]).items
    assert list(items["stage"]) == ["tender", "award"]
    assert pd.isna(items.loc[0, "parent_id"]) and items.loc[1, "parent_id"] == "5"


def test_repr_shows_counts_in_the_current_language():
    data = load_one([release(), award_release()])
    assert "1 procesos, 2 entregas" in repr(data)
    set_language("en")
    assert "1 processes, 2 releases" in repr(data)
    assert "<table>" in data._repr_html_() and "award" in data._repr_html_()
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.n_releases = 3  # type: ignore[misc]


# Failures: each names the file and what is wrong.


def test_missing_path(tmp_path):
    with pytest.raises(SourceNotFoundError, match=r"no-existe\.json"):
        load(tmp_path / "no-existe.json")


@pytest.mark.parametrize("text", ["", "  \n\n"])
def test_empty_file(tmp_path, text):
    (tmp_path / "vacío.json").write_text(text, encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"vacío\.json") as error:
        load(tmp_path / "vacío.json")
    assert "vacío" in problem(error)


def test_invalid_json_says_line_and_column(tmp_path):
    (tmp_path / "roto.json").write_text('{"releases": [\n  {"ocid": "x",}\n]}', encoding="utf-8")
    with pytest.raises(DataFormatError) as error:
        load(tmp_path / "roto.json")
    assert "línea 2, columna 16" in problem(error)
    assert error.value.path == str(tmp_path / "roto.json")


def test_bad_json_lines_line_is_named(tmp_path):
    text = json.dumps(release()) + "\n" + json.dumps(release(ocid="b")) + "\n{roto\n"
    (tmp_path / "data.jsonl").write_text(text, encoding="utf-8")
    with pytest.raises(DataFormatError, match="línea 3"):
        load(tmp_path / "data.jsonl")


def test_a_json_that_is_not_ocds(tmp_path):
    servidores = [{"id": "1", "nombres": "ANA", "rfc": "XAXX010101000"}]
    with pytest.raises(DataFormatError, match="no parece OCDS") as error:
        load(write(tmp_path / "s2.json", servidores))
    assert "'nombres'" in problem(error) and "[0]" in problem(error)
    with pytest.raises(DataFormatError, match="no parece OCDS"):
        load(write(tmp_path / "numero.json", 42))


def test_a_release_without_ocid_is_pointed_at(tmp_path):
    broken = release()
    del broken["ocid"]
    with pytest.raises(DataFormatError, match=r"releases\[1\].*'ocid'"):
        load(write(tmp_path / "p.json", {"releases": [release(), broken]}))


def test_releases_must_be_a_list(tmp_path):
    with pytest.raises(DataFormatError, match="'releases' debe ser una lista, no object"):
        load(write(tmp_path / "p.json", {"releases": {"a": release()}}))


def test_a_block_of_the_wrong_shape_is_an_error(tmp_path):
    with pytest.raises(DataFormatError, match=f"{OCID}.*'awards'.*object"):
        load(write(tmp_path / "p.json", [release(awards={"id": "1"})]))


def test_record_with_only_linked_releases(tmp_path):
    record = {"ocid": OCID, "releases": [{"url": "https://x/1.json", "date": "2024-01-01"}]}
    with pytest.raises(DataFormatError, match="compiledRelease"):
        load(write(tmp_path / "r.json", {"records": [record]}))


def test_releases_that_cannot_be_merged(tmp_path):
    undated = award_release()
    del undated["date"]
    with pytest.raises(DataFormatError, match=f"2 entregas del proceso {OCID}.*'date'"):
        load(write(tmp_path / "p.json", [release(), undated]))


def test_damaged_gzip_and_empty_folder(tmp_path):
    (tmp_path / "corto.json.gz").write_bytes(gzip.compress(b'{"releases": []}')[:12])
    with pytest.raises(DataFormatError, match="dañado"):
        load(tmp_path / "corto.json.gz")
    (tmp_path / "vacía").mkdir()
    with pytest.raises(DataFormatError, match="no tiene archivos"):
        load(tmp_path / "vacía")


def test_a_package_without_releases_is_not_silently_empty(tmp_path):
    with pytest.raises(DataFormatError, match="ninguna entrega"):
        load(write(tmp_path / "p.json", {"uri": "x", "releases": []}))


def test_errors_speak_english_when_asked(tmp_path):
    set_language("en")
    with pytest.raises(DataFormatError, match="does not look like OCDS"):
        load(write(tmp_path / "x.json", {"hola": 1}))


def test_every_procurement_message_has_both_languages_with_the_same_placeholders():
    keys = [key for key in CATALOG if key.startswith("procurement.")]
    assert len(keys) > 15
    for key in keys:
        text = CATALOG[key]
        assert text.es.strip() and text.en.strip(), key
        assert placeholders(text.es) == placeholders(text.en), key


def test_real_says_where_to_download_by_hand_when_offline(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_CACHE", str(tmp_path))

    def offline(*args, **kwargs):
        raise OSError("sin red")

    monkeypatch.setattr(bundled.urllib.request, "urlopen", offline)
    with pytest.raises(KitError, match=REAL_PAGE):
        load("real")


def test_sample_loads():
    if not (bundled.DATA_DIR / SAMPLE).is_file():
        pytest.skip(f"the bundled sample {SAMPLE} is not generated yet (python -m kit.samples)")
    data = load("sample")
    assert data.source == "sample" and data.n_processes > 0
    assert data.n_releases >= data.n_processes == len(data.tenders)
