"""kit.db.connect: DuckDB views over the Parquet cache or DataFrames, same numbers as pandas."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.errors import KitError, SourceNotFoundError
from kit.i18n import set_language
from kit.procurement import load

DOCS = Path(__file__).resolve().parents[1] / "docs" / "duckdb.md"


@pytest.fixture(scope="module")
def datos():
    return load("sample")


def view_sql(con, name: str) -> str:
    [(sql,)] = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = ?", [name]).fetchall()
    return sql


def methods(con) -> pd.Series:
    counts = con.sql("SELECT procurement_method, count(*) AS n FROM tenders GROUP BY 1").df()
    return counts.set_index("procurement_method")["n"].sort_index()


@pytest.mark.parametrize("cache", [True, False])
def test_counts_and_sums_match_pandas(datos, cache):
    con = kit.db.connect(procurement="sample", cache=cache)
    expected = datos.tenders["procurement_method"].value_counts().sort_index()
    assert methods(con).to_dict() == expected.to_dict()
    [(total,)] = con.sql("SELECT sum(value_amount) FROM awards").fetchall()
    assert total == pytest.approx(datos.awards["value_amount"].sum(), rel=1e-12)
    [(rows,)] = con.sql("SELECT count(*) FROM items WHERE stage = 'award'").fetchall()
    assert rows == int(datos.items["stage"].eq("award").sum())


def test_views_read_the_parquet_cache_when_there_is_one(datos):
    folder = kit.db.procurement_folder("sample")
    assert folder is not None and (folder / "tenders.parquet").is_file()
    for con in (kit.db.connect(procurement="sample"), kit.db.connect(datos)):
        for table in ("tenders", "awards", "suppliers", "contracts", "items", "parties"):
            sql = view_sql(con, table)
            assert "read_parquet" in sql and str(folder / f"{table}.parquet") in sql
        plan = con.sql("EXPLAIN SELECT sum(value_amount) FROM awards").fetchall()
        assert "PARQUET" in str(plan).upper()


def test_without_the_cache_the_dataframes_are_scanned(datos, monkeypatch):
    con = kit.db.connect(datos, cache=False)
    assert "read_parquet" not in view_sql(con, "tenders")
    assert methods(con).sum() == len(datos.tenders)
    monkeypatch.setenv("KIT_NO_CACHE", "1")
    assert kit.db.procurement_folder("sample") is None
    assert "read_parquet" not in view_sql(kit.db.connect(procurement="sample"), "awards")


def test_changed_tables_are_not_replaced_by_the_cached_ones(datos):
    fewer = dataclasses.replace(datos, tenders=datos.tenders.head(10))
    con = kit.db.connect(fewer)
    assert con.sql("SELECT count(*) FROM tenders").fetchall() == [(10,)]
    assert "read_parquet" not in view_sql(con, "tenders")


def test_a_dataframe_by_name_and_a_second_source_with_a_prefix(datos):
    victimas = pd.DataFrame({"alcaldia": ["Tlalpan", "Coyoacán", "Tlalpan"], "n": [3, 4, 5]})
    con = kit.db.connect(datos, victimas=victimas, muestra=datos)
    got = con.sql("SELECT alcaldia, sum(n) AS n FROM victimas GROUP BY 1 ORDER BY 1").fetchall()
    assert got == [("Coyoacán", 4), ("Tlalpan", 8)]
    joined = con.sql("SELECT count(*) FROM tenders JOIN muestra_tenders USING (ocid)").fetchall()
    assert joined == [(len(datos.tenders),)]


def test_parquet_files_and_folders(tmp_path):
    frame = pd.DataFrame({"x": [1, 2, 3]})
    frame.to_parquet(tmp_path / "resultados 2024.parquet")
    frame.to_parquet(tmp_path / "otros.parquet")
    con = kit.db.connect(tmp_path / "otros.parquet", mia=tmp_path / "resultados 2024.parquet")
    assert con.sql("SELECT sum(x) FROM otros").fetchall() == [(6,)]
    assert con.sql("SELECT sum(x) FROM mia").fetchall() == [(6,)]
    con = kit.db.connect(tmp_path)  # one view per file
    assert con.sql("SELECT count(*) FROM resultados_2024").fetchall() == [(3,)]
    con = kit.db.connect(todo=tmp_path)  # a folder by name: one table
    assert con.sql("SELECT count(*) FROM todo").fetchall() == [(6,)]


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: kit.db.connect(pd.DataFrame({"a": [1]})), KitError, "connect(victimas=df)"),
        (lambda: kit.db.connect(**{"mi tabla": pd.DataFrame()}), KitError, "'mi tabla'"),
        (lambda: kit.db.connect(x=42), KitError, "int"),
        (lambda: kit.db.connect(procurement=pd.DataFrame()), KitError, "DataFrame"),
        (lambda: kit.db.connect(t=Path("no/existe.parquet")), SourceNotFoundError, "no existe"),
        (lambda: kit.db.connect(procurment="sample"), SourceNotFoundError, "procurement="),
        (lambda: kit.db.connect(t=DOCS), KitError, "no es Parquet"),
    ],
)
def test_errors_say_what_to_do(call, error, words):
    with pytest.raises(error) as caught:
        call()
    assert words in str(caught.value)


def test_a_table_registered_twice_is_an_error_in_both_languages(datos):
    with pytest.raises(KitError, match="dos veces"):
        kit.db.connect(datos, tenders=datos.tenders)
    set_language("en")
    with pytest.raises(KitError, match="registered twice"):
        kit.db.connect(datos, TENDERS=datos.tenders)


def test_unknown_tables_in_sql_are_duckdb_errors(datos):
    import duckdb

    con = kit.db.connect(datos)
    with pytest.raises(duckdb.CatalogException, match="licitaciones"):
        con.sql("SELECT * FROM licitaciones")


def test_the_example_queries_of_the_docs_run_on_the_sample(datos):
    queries = re.findall(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(queries) >= 3
    con = kit.db.connect(datos)
    results = [con.sql(query).df() for query in queries]
    assert all(not result.empty for result in results)
    top = results[1]  # top suppliers: the same first supplier and amount as pandas
    rows = datos.awards.merge(datos.suppliers, on=["ocid", "award_id"])
    amounts = rows.loc[rows["value_currency"].eq("MXN")].groupby("supplier_name")["value_amount"]
    assert top["supplier_name"].iloc[0] == amounts.sum().idxmax()
    assert top["amount_mxn"].iloc[0] == pytest.approx(amounts.sum().max())


def test_import_kit_does_not_import_duckdb():
    code = "import sys, kit; print('duckdb' in sys.modules, 'pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
    code = "import sys, kit; kit.db; print('duckdb' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True"]
