"""RFC rules: structure, dates, homoclave, SAT check digit, generic RFCs, tolerance, names.

Every RFC here is fictitious: a made-up base completed with the check digit computed by hand or
by the code under test where the test is about something else.
"""

import warnings

import pandas as pd
import pytest

from kit.i18n import set_language
from kit.procurement import load
from kit.samples import names as sample_names
from kit.sanctions import rfc
from kit.sanctions.rfc import RfcWarning, check_digit, is_joinable, name_fits_rfc, validate


def complete(base: str) -> str:
    return base + check_digit(base)


# The check digit, worked by hand: " ABC010203XY" has values 37,10,11,12,0,1,0,2,0,3,34,35;
# times 13..2 they sum to 1046 = 95 * 11 + 1, and remainder 1 is written "A".
def test_check_digit_worked_by_hand():
    assert check_digit("ABC010203XY") == "A"
    assert validate("ABC010203XYA").ok
    assert validate("ABC010203XY1").codes == ("check_digit",)


@pytest.mark.parametrize(
    ("base", "remainder", "digit"),
    [
        ("GOMA800101Q5", 0, "0"),  # persona física, 12 characters, no padding
        ("GQU080808HM", 1, "A"),
        ("GQU080808HR", 2, "9"),
        ("ÑAÑ140114GY", 7, "4"),  # Ñ is worth 38
        ("AD&061011ET", 6, "5"),  # & is worth 24
        ("GQU080808HL", 10, "1"),
    ],
)
def test_check_digit_against_an_independent_sum(base, remainder, digit):
    symbols = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
    total = sum(symbols.index(c) * (13 - i) for i, c in enumerate(base.rjust(12)))
    assert total % 11 == remainder
    assert check_digit(base) == digit


def test_the_samples_generator_uses_this_check_digit():
    assert sample_names.rfc_check_digit is rfc.check_digit


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (complete("GQU080808HL"), "moral"),
        (complete("AD&061011ET"), "moral"),  # & is a letter of company RFCs
        (complete("ÑAÑ140114GY"), "moral"),
        (complete("GOMA800101Q5"), "física"),
        (complete("PEHL000229AB"), "física"),  # 29 February 2000
    ],
)
def test_well_formed_rfcs_are_valid_and_joinable(value, kind):
    check = validate(value)
    assert (check.ok, check.kind, check.problems, check.joinable) == (True, kind, (), True)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("GQU080808HL", "length"),
        ("GOMA800101Q5A1", "length"),
        ("", "empty"),
        (None, "empty"),
        (complete("G1U080808HL"), "letters"),
        (complete("GQU081308HL"), "date"),  # month 13
        (complete("GQU010229HL"), "date"),  # 2001 and 1901 are not leap years
        (complete("GQU080800HL"), "date"),  # day 0
        (complete("GQU080808H0"), "homoclave"),  # SAT's homoclave never uses 0 ...
        (complete("GQU080808OL"), "homoclave"),  # ... nor O
        ("GQU080808HL" + "B", "check_digit"),  # only 0-9 and A are check digits
    ],
)
def test_each_broken_rule_has_its_code(value, code):
    check = validate(value)
    assert not check.ok
    assert check.codes[0] == code


def test_normalisation_reads_the_ways_lists_write_an_rfc():
    value = complete("GQU080808HL")
    spaced = f" {value[:3].lower()}-{value[3:9]}-{value[9:]} "  # OFAC: ABC-010203-XY1
    assert rfc.normalise(spaced) == value
    assert rfc.normalise(f"{value[:3]}.{value[3:9]}.{value[9:]}") == value
    assert validate(spaced).ok
    assert rfc.normalise(None) == rfc.normalise(float("nan")) == ""


@pytest.mark.parametrize("generic", ["XAXX010101000", "XEXX010101000", "xaxx-010101-000"])
def test_generic_rfcs_have_a_valid_shape_but_never_join(generic):
    check = validate(generic)
    assert check.ok and check.kind == "generic"
    assert not check.joinable
    assert not is_joinable(generic)


def test_tolerant_mode_warns_instead_of_rejecting_a_wrong_check_digit():
    wrong = "ABC010203XY1"  # right digit is A
    strict, tolerant = validate(wrong), validate(wrong, tolerant=True)
    assert not strict.ok and strict.codes == ("check_digit",)
    assert tolerant.ok and tolerant.problems == ()
    assert [w.code for w in tolerant.warnings] == ["check_digit"]
    assert "'A'" in str(tolerant.warnings[0])
    # a wrong digit does not make the RFC someone else's: it still joins in both modes
    assert strict.joinable and tolerant.joinable and is_joinable(wrong)
    # other problems are never forgiven
    assert not validate(complete("GQU081308HL")[:-1] + "1", tolerant=True).ok


def test_tolerant_series_counts_the_forgiven_in_one_warning():
    column = pd.Series(["ABC010203XY1", "ABC010203XYA", "GQU081308HL1", "ABC010203XY2"])
    with pytest.warns(RfcWarning, match="2 RFC"):
        table = rfc.validate_series(column, tolerant=True)
    assert table["ok"].tolist() == [True, True, False, True]
    assert table["check_digit_ok"].tolist() == [False, True, False, False]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        strict = rfc.validate_series(column)  # strict mode says it in the table, no warning
    assert strict["problems"].tolist() == ["check_digit", "", "date check_digit", "check_digit"]


def test_messages_come_in_both_languages():
    check = validate("ABC991332XY1")
    try:
        set_language("en")
        english = str(validate("ABC991332XY1"))
    finally:
        set_language("es")
    assert "no es una fecha" in str(check) and "is not a real YYMMDD date" in english


MIXED = [
    complete("GQU080808HL"),
    "ABC010203XY1",
    "XAXX010101000",
    "xexx010101000",
    complete("GOMA800101Q5"),
    "abc991332xy1",
    "12345",
    "",
    None,
    float("nan"),
    "ÄBC010203XY1",
    complete("GQU080808H0"),
    "XXXXXXXXXXXX",  # SAT 69-B writes this where an RFC is unknown
    complete("PEHL000229AB"),
]


@pytest.mark.parametrize("tolerant", [False, True])
def test_validate_series_agrees_with_validate_value_by_value(tolerant):
    column = pd.Series(MIXED, index=range(100, 100 + len(MIXED)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RfcWarning)
        table = rfc.validate_series(column, tolerant=tolerant)
    assert list(table.columns) == ["rfc", "kind", "ok", "check_digit_ok", "joinable", "problems"]
    assert table.index.equals(column.index)
    for index, value in column.items():
        check, row = validate(value, tolerant=tolerant), table.loc[index]
        kind = row["kind"] if isinstance(row["kind"], str) else None
        assert (row["rfc"], kind, row["ok"]) == (check.rfc, check.kind, check.ok), value
        assert row["problems"] == " ".join(check.codes), value
        assert row["joinable"] == check.joinable == is_joinable(value), value


def test_validate_series_keeps_a_repeated_index_on_many_values():
    column = pd.Series(MIXED * 15_000, index=[0] * len(MIXED) * 15_000)  # 210,000 values
    table = rfc.validate_series(column)
    assert len(table) == len(column)
    assert table["ok"].sum() == 15_000 * sum(validate(v).ok for v in MIXED)


def test_every_rfc_of_the_procurement_sample_is_valid_and_fits_its_name():
    suppliers = load("sample").suppliers.drop_duplicates("rfc")
    personal = suppliers[suppliers["rfc"] != "XAXX010101000"]
    table = rfc.validate_series(personal["rfc"])
    assert table["ok"].all() and table["check_digit_ok"].all() and table["joinable"].all()
    assert set(table["kind"]) == {"moral", "física"}
    fits = [
        name_fits_rfc(n, r) for n, r in zip(personal["supplier_name"], personal["rfc"], strict=True)
    ]
    assert min(fits) == 1.0


def test_name_fits_rfc_follows_the_initials():
    moral = complete("GQU080808HL")  # Grupo Quelvara: two words, G + QU
    assert name_fits_rfc("Grupo Quelvara, S.A. de C.V.", moral) == 1.0
    assert name_fits_rfc("GRUPO QUELVARA SA DE CV", moral) == 1.0
    assert name_fits_rfc("Zafiro Lomtec, S.A. de C.V.", moral) == 0.0
    three = complete("SIQ100101AB")  # three words or more: their initials, "de" skipped
    assert name_fits_rfc("Servicios Integrales de Quelvara, S.C.", three) == 1.0
    assert name_fits_rfc("Compañía Servicios Integrales Quelvara, S.C.", three) == 1.0
    person = complete("GOMA800101Q5")  # Gómez Morales Ana: G + O + M + A
    assert name_fits_rfc("Ana Gómez Morales", person) == 1.0
    assert name_fits_rfc("GOMEZ MORALES ANA", person) == 1.0  # surnames first, as SAT lists
    assert name_fits_rfc("María Ana Gómez Morales", person) == 1.0  # María skipped
    assert name_fits_rfc("Ana Gómez Ruiz", person) == 0.75
    assert pd.isna(name_fits_rfc("Grupo Quelvara", "XAXX010101000"))
    assert pd.isna(name_fits_rfc("Grupo Quelvara", "12345"))
