"""Company names brought to one spelling: legal forms, accents, punctuation, words and order.

Every name here is invented (brand words like Quelvara, Lumtec).
"""

import pandas as pd
import pytest

from kit.sanctions.names import (
    LEGAL_FORMS,
    matching_key,
    normalise,
    normalise_series,
    split_legal_form,
)


def test_every_legal_form_has_its_own_code():
    codes = [form.code for form in LEGAL_FORMS]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    "form", [(f.code, s) for f in LEGAL_FORMS for s in (f.spelling, *f.variants)], ids=str
)
def test_every_spelling_in_the_table_is_recognised_and_separated(form):
    code, spelling = form
    assert split_legal_form(f"Quelvara Servicios, {spelling}") == ("QUELVARA SERVICIOS", code)
    assert split_legal_form(f"QUELVARA SERVICIOS {spelling.upper()}")[1] == code


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("S.A. de C.V.", "SA_CV"),
        ("SA DE CV", "SA_CV"),
        ("S. A. DE C. V.", "SA_CV"),
        ("S.A DE C.V", "SA_CV"),
        ("S.A.DE C.V.", "SA_CV"),
        ("S.A. DE C.V..", "SA_CV"),
        ("S.A. DE .C.V.", "SA_CV"),
        ("s.a. de c.v.", "SA_CV"),
        ("S.A. C.V.", "SA_CV"),  # "de" left out
        ("S. de R.L. de C.V.", "SRL_CV"),
        ("S.DE R.L. DE C.V.", "SRL_CV"),
        ("S. DE R. L. DE C. V.", "SRL_CV"),
        ("S.A.P.I. de C.V.", "SAPI_CV"),
        ("S.A.P.I DE C.V.", "SAPI_CV"),
        ("SAPI DE CV", "SAPI_CV"),
        ("S.A.B. de C.V.", "SAB_CV"),
        ("S.C.", "SC"),
        ("S. C.", "SC"),
        ("A.C.", "AC"),
        ("S.A.", "SA"),
        ("S. de R.L.", "SRL"),
        ("S.A. de C.V., SOFOM, E.N.R.", "SOFOM_ENR"),
        ("SOFOM E.N.R.", "SOFOM_ENR"),
        ("S.A.S.", "SAS"),
        ("S.P.R. de R.L.", "SPR_RL"),
        ("S.C. de R.L. de C.V.", "SC_RL_CV"),
        ("I.A.P.", "IAP"),
        ("Sociedad Anónima de Capital Variable", "SA_CV"),
    ],
)
def test_the_spellings_seen_on_real_lists(written, code):
    assert split_legal_form(f"Constructora Lumtec, {written}") == ("CONSTRUCTORA LUMTEC", code)


def test_a_lone_letter_before_the_form_stays_a_word():
    assert split_legal_form("Financiera X, S.A. de C.V.") == ("FINANCIERA X", "SA_CV")
    assert split_legal_form("Grupo A S.A.") == ("GRUPO A", "SA")


def test_legal_forms_are_read_only_at_the_end_and_never_empty_a_name():
    assert split_legal_form("Quelvara Servicios") == ("QUELVARA SERVICIOS", None)
    assert split_legal_form("S.A. de C.V.") == ("SA DE CV", None)
    assert split_legal_form("SC Quelvara Servicios") == ("SC QUELVARA SERVICIOS", None)
    assert split_legal_form("Grupo SA, S.A. de C.V.") == ("GRUPO SA", "SA_CV")
    assert split_legal_form(None) == ("", None)


def test_accents_tilde_and_case_fold():
    assert normalise("Compañía Constructora Pérez Ávila") == "COMPANIA CONSTRUCTORA PEREZ AVILA"
    assert normalise("LINGÜÍSTICA Y TRADUCCIÓN") == normalise("linguistica y traduccion")
    assert normalise("ÑANDÚ Soluciones") == "NANDU SOLUCIONES"


def test_punctuation_and_spaces():
    assert normalise("  O'Farrill   Hnos.;  Quelvara-Lumtec ") == "OFARRILL HNOS QUELVARA LUMTEC"
    assert normalise("Pérez & Asociados") == "PEREZ Y ASOCIADOS"
    assert normalise("A.B.C. Consultores") == "ABC CONSULTORES"
    assert normalise(float("nan")) == normalise(None) == ""


def test_abbreviations_and_stop_words_do_not_change_the_key():
    def key(name):
        return matching_key(split_legal_form(name)[0])

    assert key("Cía. Constructora Quelvara, S.A.") == key("Compañía Constructora Quelvara")
    assert key("Quelvara Hnos.") == key("QUELVARA HERMANOS S. DE R.L.")
    assert key("Gpo. Quelvara Int'l") == key("Grupo Quelvara Internacional")
    assert key("Servicios de la Costa y del Mar") == "SERVICIOS COSTA MAR"


def test_the_sorted_key_sees_through_word_order():
    first, second = "Quelvara Constructora del Norte", "Constructora del Norte Quelvara"
    assert matching_key(normalise(first)) != matching_key(normalise(second))
    assert matching_key(normalise(first), sort=True) == matching_key(normalise(second), sort=True)
    assert matching_key(normalise(first), sort=True) == "CONSTRUCTORA NORTE QUELVARA"


def test_normalise_series_matches_the_functions_name_by_name():
    column = pd.Series(
        [
            "Grupo Quelvara, S.A. de C.V.",
            "GRUPO QUELVARA SA DE CV",
            None,
            "Quelvara Grupo",
            "Grupo Quelvara, S.A. de C.V.",
            "Lumtec Hnos., S.C.",
        ],
        index=[10, 11, 12, 13, 10, 15],
    )
    table = normalise_series(column)
    assert list(table.columns) == ["normalised", "core", "legal_form", "key", "sorted_key"]
    assert table.index.equals(column.index)
    for position, name in enumerate(column):
        core, form = split_legal_form(name)
        row = table.iloc[position]
        assert row["normalised"] == normalise(name)
        assert (row["core"], row["legal_form"]) == (core, form)
        assert row["key"] == matching_key(core)
        assert row["sorted_key"] == matching_key(core, sort=True)
    assert table["sorted_key"].iloc[0] == table["sorted_key"].iloc[3] == "GRUPO QUELVARA"
    assert table["key"].iloc[5] == "LUMTEC HERMANOS"
    assert normalise_series(pd.Series([], dtype=object)).empty


EXOTIC = [
    "Straße Logistik GmbH",  # ß upper-cases to SS
    "ﬁnanzas Quelvara",  # a ligature NFKD splits
    "O´Farrill Hnos.",  # a lone acute accent
    "Línea\nDos",
    12345,
    "",
    "   ",
    "ООО ЛУМТЕК",  # other scripts keep their letters
    "½ Luna, S.C.",
    "Quelvara_Lumtec",
    "Quelvara S.A. de C.V. Sociedad Financiera de Objeto Múltiple, Entidad No Regulada",
    "Ⅻ Servicios",
]


def assert_same_as_the_functions(column: pd.Series) -> None:
    table = normalise_series(column)
    for name, row in zip(column, table.itertuples(index=False), strict=True):
        core, form = split_legal_form(name)
        expected = (normalise(name), core, form, matching_key(core), matching_key(core, sort=True))
        assert tuple(row) == expected, name


def test_the_column_version_agrees_with_the_functions_on_many_names():
    from kit.sanctions.synthetic import generate

    data = generate(3_000, 600, seed=5)
    column = pd.concat([data.suppliers["supplier_name"], data.listed["name"]])
    assert_same_as_the_functions(pd.concat([column, pd.Series(EXOTIC, dtype=object)]))


@pytest.mark.real
def test_the_column_version_agrees_on_the_real_69b_list(real_sanctions):
    path = real_sanctions / "sat_69b" / "Listado_completo_69-B_2026-03_rfc_nombre_situacion.csv"
    if not path.exists():
        pytest.skip(f"{path.name} not in {path.parent}")
    names = pd.read_csv(path, usecols=[1]).iloc[:, 0]
    assert_same_as_the_functions(names)
    forms = normalise_series(names)["legal_form"]
    assert forms.notna().mean() > 0.7  # most listed taxpayers are companies with a form
