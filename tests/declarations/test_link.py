"""Linking people across S1, S2, S3 and procurement: the real S2 x S3 overlap, crafted cases."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.declarations.link import COLUMNS, link_people, person_keys
from kit.declarations.s1 import read_s1
from kit.declarations.s2 import read_s2
from kit.declarations.s3 import ZeroBasedMonthsWarning, read_s3_servidores
from tests.declarations import s1_fixture
from tests.declarations.files import english, write


@pytest.fixture(scope="module")
def s2(real_s2) -> pd.DataFrame:
    return read_s2(real_s2)


@pytest.fixture(scope="module")
def s3(real_s3) -> pd.DataFrame:
    with pytest.warns(ZeroBasedMonthsWarning):
        return read_s3_servidores(real_s3)


def test_the_sanctioned_officials_who_also_take_part_in_procurement(s3, s2):
    links = link_people(s3, s2)
    assert list(links.columns) == COLUMNS
    # SOURCES.md: 247 CURPs/names of the S3 file are also in S2. Found: 247 pairs, 247 distinct
    # S3 records and 247 distinct S2 ids (each published twice in S2: 494 rows, one pair each).
    assert len(links) == 247
    assert links["left_id"].nunique() == links["right_id"].nunique() == 247
    assert s2["id"].isin(links["right_id"]).sum() == 494
    # By CURP: 238. The other 9 carry the same CURP text in both files, but it is not a CURP
    # ("LODT800407HSNM R02": a space for a letter; "SAKA811106MSNLNUNDEFINED03"): they link by
    # RFC with homoclave (8) or by its first 10 characters (1, "CADA800023", no valid
    # homoclave), and by name. By name alone: all 247, and only those.
    assert links["method"].value_counts().to_dict() == {"curp": 238, "rfc": 8, "rfc10": 1}
    assert int(links["curp_equal"].sum()) == 238 and links["curp_equal"].isna().sum() == 9
    assert links["name_match"].all() and (links["name_score"] == 100).all()
    assert links["rfc10_equal"].all()
    names_only = link_people(s3, s2, rfc=None, curp=None)
    assert len(names_only) == 247
    assert set(names_only["left_id"]) == set(links["left_id"])
    ids_only = link_people(s3, s2, by_name=False)
    assert set(zip(ids_only["left_id"], ids_only["right_id"], strict=True)) == set(
        zip(links["left_id"], links["right_id"], strict=True)
    )


def test_keys_are_compared_without_accents_and_only_when_well_formed():
    frame = pd.DataFrame(
        {
            "curp": ["CÓGP760116HAGRVT08", "MAPE720722HAGGRundefined01", "PUDD930927MVZG N02"],
            "rfc": ["CÓGP760116E91", "XAXX010101000", "PUDD930927"],
        }
    )
    keys = person_keys(frame)
    assert keys["curp"].tolist() == ["COGP760116HAGRVT08", None, None]
    assert keys["rfc"].tolist() == ["COGP760116E91", None, None]  # generic RFC: never a key
    assert keys["rfc10"].tolist() == ["COGP760116", None, "PUDD930927"]


def _people(*rows) -> pd.DataFrame:
    columns = ["id", "nombre_completo", "rfc", "curp"]
    return pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows])


def test_homonyms_with_different_ids_are_not_linked_and_typos_are():
    left = _people(
        ("a1", "Juan Pérez López", "PELJ800101AB1", "PELJ800101HDFRPN01"),
        ("a2", "María Fernanda Ruiz Soto", None, None),
        ("a3", "Pedro Gil Ramos", "GIRP700505XY1", None),
    )
    right = _people(
        ("b1", "JUAN PEREZ LOPEZ", "PELJ800101CD2", "PELJ800101HJCRPN09"),  # a homonym
        ("b2", "Maria Fernanda Ruiz Zoto", None, None),  # a typo
        ("b3", "Pedro Gil Ramos", "GIRP700505QQ9", None),  # same base, other homoclave
    )
    with english():
        links = link_people(left, right)
    assert links["left_id"].tolist() == ["a2"]
    typo = links.iloc[0]
    assert (typo["method"], typo["right_id"], bool(typo["name_match"])) == ("name", "b2", True)
    assert 90 <= typo["name_score"] < 100
    assert pd.isna(typo["curp_equal"]) and pd.isna(typo["rfc_equal"])
    assert typo["evidence"].startswith("name 9") and "the names match" in typo["evidence"]


def test_a_declarants_partner_who_is_a_sanctioned_supplier(tmp_path):
    declared = read_s1(write(tmp_path, "s1.json", s1_fixture.declarations()))
    suppliers = pd.DataFrame(
        {
            "supplier_id": ["MX-RFC-IAOT780909H11", "MX-RFC-CQU010101AB1"],
            "supplier_name": ["IBAÑEZ ORTEGA TOMAS", "CONSTRUCTORA QUELVARA SA DE CV"],
            "rfc": ["IAOT780909H11", "CQU010101AB1"],
        }
    )
    partners = declared.dependants[declared.dependants["tipo"] == "pareja"]
    found = link_people(partners, suppliers)
    assert found["right_id"].unique().tolist() == ["MX-RFC-IAOT780909H11"]
    assert set(found["method"]) == {"rfc"} and found["rfc_equal"].all()
    # word order differs: the name still scores 100 on the sorted words
    assert (found["name_score"] == 100).all()
    companies = link_people(declared.companies, suppliers, name=("nombre_empresa", None))
    assert companies["right_id"].unique().tolist() == ["MX-RFC-CQU010101AB1"]
    assert companies["evidence"].str.contains("CQU010101AB1").all()


def test_a_table_without_a_name_column_is_refused_clearly():
    with pytest.raises(KeyError, match="nombre_completo"):
        link_people(pd.DataFrame({"rfc": ["X"]}), _people(("b", "Ana", None, None)))
