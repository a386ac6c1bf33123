"""Conformance: does load() read the real OCDS files of Mexican publishers exactly right?

The files live in ``../shared/real/procurement`` (see its SOURCES.md) and are never copied into
the repository. Counts are derived here with plain ``json`` (the truth) and also hard-coded as
observed, so a change in either the loader or the files is caught.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from kit.errors import DataFormatError
from kit.procurement.compile import DuplicateIdWarning
from kit.procurement.load import load

pytestmark = pytest.mark.real

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "procurement"
OCDS = REAL / "ocds"

#: file -> (releases, distinct ocids), as observed in the files.
COUNTS = {
    "mx_pdn_s6_states_2024/aguascalientes_releases.json": (56, 54),
    "mx_pdn_s6_states_2024/bajaCaliforniaSur_releases.json": (37, 37),
    "mx_pdn_s6_states_2024/chihuahua_releases.json": (25, 25),
    "mx_pdn_s6_states_2024/edomex_releases.json": (53, 52),
    "mx_pdn_s6_states_2024/jalisco_releases.json": (3, 3),
    "mx_pdn_s6_states_2024/michoacan_releases.json": (6, 6),
    "mx_pdn_s6_states_2024/morelos_releases.json": (1, 1),
    "mx_pdn_s6_states_2024/puebla_releases.json": (1, 1),
    "mx_pdn_s6_states_2024/quintanaRoo_releases.json": (1, 1),
    "mx_pdn_s6_states_2024/veracruz_releases.json": (163, 163),
    "mx_apf_compranet_2017/record-package-1.json": (1, 1),
    "mx_apf_compranet_2017/record-package-2.json": (1, 1),
    "mx_cdmx_2015/release-package-1.json": (2, 1),
    "mx_cdmx_2015/release-package-2.json": (2, 1),
    "mx_jalisco_2017/ocds-xs1qbl-SFIN-03-0007-00-2017.json": (5, 1),
    "mx_jalisco_2017/ocds-xs1qbl-SSEG-16-0252-00-2017.json": (5, 1),
}


@pytest.fixture(scope="module", autouse=True)
def real_files():
    if not OCDS.is_dir():
        pytest.skip(f"real OCDS files not found at {OCDS} (the shared/ folder is not checked out)")


def truth(path: Path) -> tuple[int, int]:
    """Releases and ocids counted independently, with nothing but ``json``."""
    value = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(value, list):
        return len(value), len({release["ocid"] for release in value})
    if "releases" in value:
        return len(value["releases"]), len({release["ocid"] for release in value["releases"]})
    records = value["records"]
    return sum(max(len(r.get("releases", [])), 1) for r in records), len(
        {r["ocid"] for r in records}
    )


@pytest.fixture(scope="module")
def loaded():
    """Each real file loaded once for the whole module."""
    with pytest.warns(DuplicateIdWarning):  # edomex repeats a party id within one release
        return {name: load(OCDS / name) for name in COUNTS}


def test_every_real_file_is_listed():
    on_disk = {path.relative_to(OCDS).as_posix() for path in OCDS.glob("*/*.json")}
    assert on_disk == set(COUNTS)


@pytest.mark.parametrize("name", COUNTS)
def test_counts_of_releases_and_processes(name, loaded):
    data = loaded[name]
    assert truth(OCDS / name) == COUNTS[name]
    assert (data.n_releases, data.n_processes) == COUNTS[name]
    assert len(data.tenders) == data.n_processes == data.tenders["ocid"].nunique()
    assert data.tenders["release_count"].sum() == data.n_releases
    assert len(data.compiled) == data.n_processes


def test_a_folder_and_a_list_give_the_sum(loaded):
    states = OCDS / "mx_pdn_s6_states_2024"
    with pytest.warns(DuplicateIdWarning):
        folder = load(states)
    assert (folder.n_releases, folder.n_processes) == (346, 343)
    with pytest.warns(DuplicateIdWarning):
        everything = load([OCDS / name for name in COUNTS])
    assert everything.n_releases == sum(n for n, _ in COUNTS.values()) == 362
    assert everything.n_processes == sum(n for _, n in COUNTS.values()) == 349


def row(table: pd.DataFrame, **where: str) -> pd.Series:
    mask = pd.Series(True, index=table.index)
    for column, value in where.items():
        mask &= table[column].eq(value).fillna(False)
    assert mask.sum() == 1, where
    return table.loc[mask].iloc[0]


def test_aguascalientes_pdn_values(loaded):
    data = loaded["mx_pdn_s6_states_2024/aguascalientes_releases.json"]
    tender = row(data.tenders, ocid="ocds-ty10ed-01-02-2024-09:04:03")
    assert tender["buyer_name"] == (
        "COMISION DE AGUA POTABLE, ALCANTARILLADO Y SANEAMIENTO DEL MUNICIPIO DE JESUS MARIA"
    )
    assert tender["procurement_method"] == "selective"
    assert tender["procurement_method_details"] == "Invitación a cuando menos tres personas"
    assert tender["number_of_tenderers"] == 3
    assert tender["tender_start"] == pd.Timestamp("2024-01-22T12:01:00", tz="UTC")
    supplier = row(data.suppliers, ocid="ocds-ty10ed-01-02-2024-09:04:03")
    assert supplier["supplier_name"] == "SEASO, S.A. DE C.V"  # leading space trimmed
    assert supplier["rfc"] == "SEA190123GQ4"  # identifier.scheme "MX-RFC"
    # the same release published twice (only the PDN's _id differs) counts twice
    assert row(data.tenders, ocid="ocds-ty10ed-15-05-2024-08:25:41")["release_count"] == 2
    # one release has no buyer, and its parties have no roles: the buyer is unknown
    assert pd.isna(row(data.tenders, ocid="ocds-ty10ed-28-05-2024-13:01:11")["buyer_id"])


def test_edomex_compiles_two_releases_by_date(loaded):
    data = loaded["mx_pdn_s6_states_2024/edomex_releases.json"]
    tender = row(data.tenders, ocid="ocds-tzbkr7-INFOEM-IR-001-2022")
    assert tender["release_count"] == 2
    assert tender["date"] == pd.Timestamp("2022-08-15T12:18:49", tz="UTC")  # the later release
    assert tender["tender_start"] == pd.Timestamp("2022-02-01T15:01:54", tz="UTC")
    assert tender["tender_end"] == pd.Timestamp("2022-12-31T15:02:00", tz="UTC")


def test_quality_lessons_survive_loading(loaded):
    chihuahua = loaded["mx_pdn_s6_states_2024/chihuahua_releases.json"].tenders
    assert chihuahua["number_of_tenderers"].eq(1).all()  # a publisher default, not a fact
    michoacan = loaded["mx_pdn_s6_states_2024/michoacan_releases.json"].tenders
    assert michoacan["number_of_tenderers"].eq(0).all()
    veracruz = loaded["mx_pdn_s6_states_2024/veracruz_releases.json"].awards
    assert veracruz["value_currency"].isna().sum() == 131  # award values without currency
    bcs = loaded["mx_pdn_s6_states_2024/bajaCaliforniaSur_releases.json"]
    assert bcs.tenders["procurement_method_details"].isna().all()
    assert bcs.parties["identifier_scheme"].isna().sum() == 71  # empty or missing schemes


def test_apf_record_package_rfc_in_words(loaded):
    data = loaded["mx_apf_compranet_2017/record-package-1.json"]
    tender = data.tenders.iloc[0]
    assert tender["buyer_name"] == "Instituto Nacional de Antropología e Historia"
    assert tender["procurement_method"] == "direct"
    parties = data.parties.set_index("party_id")
    supplier = parties.loc["GAB0709244G5"]
    assert supplier["identifier_scheme"] == "Registro Federal de Contribuyentes de México"
    assert supplier["rfc"] == "GAB0709244G5"
    assert supplier["roles"] == "supplier;tenderer"
    # the procuring entity's scheme is a CompraNet code, not an RFC
    assert pd.isna(parties.loc["INA450815GV1-048D00001", "rfc"])
    assert list(data.suppliers["rfc"]) == ["GAB0709244G5", "GAB0709244G5"]
    second = loaded["mx_apf_compranet_2017/record-package-2.json"].tenders.iloc[0]
    assert second["buyer_name"] == "Secretaría de Marina"


def test_cdmx_release_package_is_compiled(loaded):
    data = loaded["mx_cdmx_2015/release-package-1.json"]
    compiled = data.compiled[0]
    assert compiled["id"] == "OCDS-87SD3T-AD-SF-DRM-063-2015-2017-06-05T00:00:00-06:00"
    tender = data.tenders.iloc[0]
    assert tender["date"] == pd.Timestamp("2017-06-05T06:00:00", tz="UTC")
    assert (tender["value_amount"], tender["value_currency"]) == (1311264.0, "MXN")
    assert tender["number_of_tenderers"] == 2
    assert tender["buyer_id"] == "GDF9712054NA"  # OCDS 1.0: the reference only has identifier.id
    # OCDS 1.0 supplier references have no id, so the merge rules cannot match them: repeated
    assert data.awards.loc[0, "supplier_count"] == 2
    assert data.suppliers["supplier_id"].eq("C&C021030KX2").all()
    assert data.suppliers["rfc"].isna().all()  # the identifier has no scheme
    second = loaded["mx_cdmx_2015/release-package-2.json"]
    award = second.compiled[0]["awards"][0]["value"]
    assert award["exchangeRate"] == 17.7526  # null in the first release, set in the second
    assert (second.awards.loc[0, "value_amount"], second.awards.loc[0, "value_currency"]) == (
        75464.96,
        "USD",
    )
    assert second.tenders.loc[0, "number_of_tenderers"] == 1


def test_jalisco_record_counts_its_linked_releases(loaded):
    data = loaded["mx_jalisco_2017/ocds-xs1qbl-SFIN-03-0007-00-2017.json"]
    tender = data.tenders.iloc[0]
    assert tender["release_count"] == 5
    assert tender["procurement_method_details"] == "Licitación Pública"
    assert data.awards.loc[0, "value_amount"] == 179568.0
    assert data.parties["identifier_scheme"].isin(["DEP-GOB-JAL", "PROV-GOB-JAL"]).all()
    assert data.parties["rfc"].isna().all()  # local registries, not RFCs


def test_a_pdn_file_that_is_not_ocds_is_refused():
    s2 = REAL / "pdn" / "s2_synthetic_dataton2021" / "02_serPub_contraPub.json.gz"
    if not s2.is_file():
        pytest.skip(f"{s2} not found")
    with pytest.raises(DataFormatError, match="OCDS") as error:
        load(s2)
    assert "'fechaCaptura'" in error.value.problem
