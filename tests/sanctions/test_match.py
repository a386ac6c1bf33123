"""Record linkage: RFC first, then names within blocks, each pair with its evidence.

All names and RFCs are invented; RFCs get a correct check digit unless a test breaks it.
"""

import pandas as pd
import pytest

from kit.i18n import set_language
from kit.sanctions import synthetic
from kit.sanctions.match import COLUMNS, link
from kit.sanctions.rfc import check_digit


def rfc(base: str) -> str:
    return base + check_digit(base)


QUELVARA = rfc("CQU080808HL")  # Constructora Quelvara
OTHER_QUELVARA = rfc("CQU151120PZ")  # a homonym: another company, same initials


def suppliers(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["supplier_id", "supplier_name", "rfc"])


def listed(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["list_id", "name", "rfc"])


def run(left, right, **options) -> pd.DataFrame:
    return link(left, right, ids=("supplier_id", "list_id"), **options)


def test_equal_rfcs_link_whatever_the_names_say():
    left = suppliers(("S1", "Grupo Zafiro, S.A. de C.V.", QUELVARA), ("S2", "Otra, S.C.", ""))
    ofac_style = f"{QUELVARA[:3]}-{QUELVARA[3:9]}-{QUELVARA[9:]}"
    right = listed(("L1", "CONSTRUCTORA QUELVARA SA DE CV", ofac_style))
    found = run(left, right)
    assert list(found.columns) == COLUMNS
    assert found[["left_id", "right_id", "method"]].values.tolist() == [["S1", "L1", "rfc"]]
    row = found.iloc[0]
    assert row["rfc_equal"] and row["name_score"] < 60
    assert f"mismo RFC {QUELVARA}" in row["evidence"]
    assert row["rfc_initials_fit"] == 0.0  # renamed: "Grupo Zafiro" (GZA) does not explain CQU


def test_generic_rfcs_never_link_by_rfc():
    left = suppliers(("S1", "Ana Gómez Morales", "XAXX010101000"))
    right = listed(("L1", "LUIS PEREZ RUIZ", "XAXX010101000"))
    assert run(left, right).empty


@pytest.mark.parametrize(
    ("written", "form_equal"),
    [
        ("CONSTRUCTORA QUELVARA, S. A. DE C. V.", True),  # legal form spelled otherwise
        ("Constructora Quelvara", None),  # legal form dropped
        ("QUELVARA CONSTRUCTORA SA DE CV", True),  # word order
        ("CONSTRUCTORA QUELVRA, S.A. DE C.V.", True),  # one letter dropped
        ("Const. Quelvara, S.A. de C.V.", True),  # abbreviation
        ("Constructora Quelvara, S. de R.L. de C.V.", False),  # another legal form
    ],
)
def test_name_variants_link_with_their_evidence(written, form_equal):
    left = suppliers(("S1", "Constructora Quelvara, S.A. de C.V.", QUELVARA))
    found = run(left, listed(("L1", written, "")))  # the list gives no RFC
    assert found[["left_id", "right_id", "method"]].values.tolist() == [["S1", "L1", "name"]]
    row = found.iloc[0]
    assert row["name_score"] >= 90 and row["words_match"]
    assert pd.isna(row["rfc_equal"]) and "sin RFC que comparar" in row["evidence"]
    equal = row["legal_form_equal"]
    assert (None if pd.isna(equal) else bool(equal)) is form_equal


def test_accents_and_case_do_not_count():
    left = suppliers(("S1", "Compañía Farmacéutica Lumtec, S.A.", QUELVARA))
    found = run(left, listed(("L1", "COMPANIA FARMACEUTICA LUMTEC S.A.", "")))
    assert found["name_score"].tolist() == [100.0]


def test_homonyms_with_two_valid_rfcs_do_not_link():
    left = suppliers(
        ("S1", "Constructora Quelvara, S.A. de C.V.", QUELVARA),
        ("S2", "Constructora Quelvara, S.A. de C.V.", OTHER_QUELVARA),
    )
    right = listed(("L1", "CONSTRUCTORA QUELVARA SA DE CV", OTHER_QUELVARA))
    found = run(left, right)
    assert found[["left_id", "method"]].values.tolist() == [["S2", "rfc"]]


def test_without_the_lists_rfc_both_homonyms_are_candidates():
    left = suppliers(
        ("S1", "Constructora Quelvara, S.A. de C.V.", QUELVARA),
        ("S2", "Constructora Quelvara, S.A. de C.V.", OTHER_QUELVARA),
    )
    found = run(left, listed(("L1", "CONSTRUCTORA QUELVARA SA DE CV", "")))
    assert sorted(found["left_id"]) == ["S1", "S2"]  # names alone cannot tell them apart


def test_an_rfc_with_a_typo_in_its_check_digit_lets_the_names_decide():
    typo = QUELVARA[:-1] + ("1" if QUELVARA[-1] != "1" else "2")
    left = suppliers(("S1", "Constructora Quelvara, S.A. de C.V.", typo))
    found = run(left, listed(("L1", "CONSTRUCTORA QUELVARA SA DE CV", OTHER_QUELVARA)))
    assert found["method"].tolist() == ["name"] and not found["rfc_equal"].iloc[0]
    assert "dígito verificador inválido" in found["evidence"].iloc[0]


def test_companies_sharing_generic_words_but_not_their_brand_do_not_link():
    left = suppliers(("S1", "Mantenimiento Industrial Sucovati, S.A. de C.V.", ""))
    right = listed(("L1", "MANTENIMIENTO INDUSTRIAL SEGUCA, S.A. DE C.V.", ""))
    assert run(left, right, block=None).empty  # ratio 90, but SUCOVATI is not SEGUCA


def test_evidence_speaks_the_chosen_language():
    left = suppliers(("S1", "Constructora Quelvara, S.A. de C.V.", QUELVARA))
    right = listed(("L1", "QUELVARA CONSTRUCTORA", QUELVARA))
    try:
        set_language("en")
        english = run(left, right)["evidence"].iloc[0]
    finally:
        set_language("es")
    spanish = run(left, right)["evidence"].iloc[0]
    assert english.startswith(f"same RFC {QUELVARA}; name 100/100")
    assert spanish.startswith(f"mismo RFC {QUELVARA}; nombre 100/100")


def test_index_ids_repeated_rows_and_a_list_without_rfcs():
    left = pd.DataFrame(
        {
            "supplier_name": ["Grupo Lumtec, S.A.", "Grupo Lumtec, S.A.", "Zafiro Hnos."],
            "rfc": [rfc("GLU100101AB")] * 2 + [""],
        },
        index=["a", "a", "b"],  # a supplier once per award
    )
    right = pd.DataFrame({"nombre": ["GRUPO LUMTEC SA", "ZAFIRO HERMANOS"]}, index=[7, 8])
    found = link(left, right, right_on="nombre", rfc=("rfc", None))
    assert found[["left_id", "right_id"]].values.tolist() == [["a", 7], ["b", 8]]


def test_clear_errors_for_a_missing_column_or_an_unknown_block():
    left = suppliers(("S1", "Grupo Lumtec", ""))
    with pytest.raises(KeyError, match="'nombre'"):
        link(left, listed(("L1", "X", "")), right_on="nombre")
    with pytest.raises(ValueError, match="block"):
        run(left, listed(("L1", "X", "")), block="prefix")


@pytest.fixture(scope="module")
def planted():
    return synthetic.generate(5_000, 1_000, seed=11)


def score(found: pd.DataFrame, pairs: pd.DataFrame) -> tuple[float, float]:
    found_pairs = set(zip(found["left_id"], found["right_id"], strict=True))
    truth = set(zip(pairs["supplier_id"], pairs["list_id"], strict=True))
    hits = len(found_pairs & truth)
    return hits / max(len(found_pairs), 1), hits / len(truth)


def test_precision_and_recall_on_a_planted_set(planted):
    found = link(planted.suppliers, planted.listed, ids=("supplier_id", "list_id"))
    precision, recall = score(found, planted.truth)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert score(found, planted.traps)[1] == 0  # no homonym trap is linked


def test_blocks_miss_nothing_that_comparing_every_pair_finds(planted):
    options = {"ids": ("supplier_id", "list_id")}
    blocked = link(planted.suppliers, planted.listed, **options)
    everything = link(planted.suppliers, planted.listed, block=None, **options)
    assert set(zip(blocked["left_id"], blocked["right_id"], strict=True)) == set(
        zip(everything["left_id"], everything["right_id"], strict=True)
    )


def test_the_planted_set_is_deterministic_and_its_traps_are_real_homonyms(planted):
    again = synthetic.generate(5_000, 1_000, seed=11)
    pd.testing.assert_frame_equal(planted.suppliers, again.suppliers)
    pd.testing.assert_frame_equal(planted.truth, again.truth)
    assert len(planted.suppliers) == 5_000 and len(planted.listed) == 1_000
    assert set(planted.truth["variant"]) == set(synthetic.VARIANTS)
    traps = planted.traps.merge(planted.suppliers, on="supplier_id").merge(
        planted.listed, on="list_id"
    )
    assert 80 <= len(traps) <= 100  # up to trap_share × listed, drawn among listed RFCs
    assert (traps["rfc_x"] != traps["rfc_y"]).all() and (traps["rfc_y"] != "").all()
