"""Is the output of ``indicators_json`` shaped and valued like Cardinal's ``indicators`` command?

The first tests use small tables built here; the last ones load OCDS JSON Lines written in the
style of Cardinal's own test fixtures (``tests/fixtures/indicators/R*.jsonl``) and expect the
same output Cardinal's ``*.expected`` files give.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kit.errors import DataFormatError
from kit.procurement.cardinal import Settings, _round, flag_table, indicators_json
from tests.procurement.stand_in import Tables, tables


def sample_tables() -> Tables:
    """p1 raises R003 and R018; supplier S1 has the highest variety; buyer B1 awards directly."""
    tenders, awards, suppliers, items = [], [], [], []
    start = "2024-01-01T00:00:00Z"
    periods = {"p1": "2024-01-05T00:00:00Z", "p2": "2024-02-01T00:00:00Z"}
    for ocid, end in periods.items():
        tenders.append(
            {"ocid": ocid, "status": "active", "procurement_method": "open", "title": f"T {ocid}",
             "buyer_id": "B0", "buyer_name": "Comprador cero", "tender_start": start,
             "tender_end": end, "number_of_tenderers": 1 + (ocid == "p2")}
        )  # fmt: skip
    codes = {"S1": ["10", "20", "30"], "S2": ["10"], "S3": ["10"], "S4": ["20"], "S5": ["30"]}
    for k, (name, segments) in enumerate(codes.items()):
        ocid = f"d{k}"
        tenders.append({"ocid": ocid, "status": "active", "procurement_method": "direct",
                        "buyer_id": "B1", "buyer_name": "Comprador uno"})  # fmt: skip
        awards.append({"ocid": ocid, "award_id": "a", "status": "active", "supplier_count": 1,
                       "value_amount": 100_000.0, "value_currency": "MXN",
                       "date": f"2024-03-0{k + 1}"})  # fmt: skip
        suppliers.append({"ocid": ocid, "award_id": "a", "supplier_id": name,
                          "supplier_name": f"Empresa {name}", "rfc": "AAA010101AAA"})  # fmt: skip
        items += [{"ocid": ocid, "stage": "award", "parent_id": "a",
                   "classification_id": f"{code}000000"} for code in segments]  # fmt: skip
    return tables(tenders=tenders, awards=awards, suppliers=suppliers, items=items)


MINIMUM_1 = {"r048_minimum_contracting_processes": 1}


def test_default_output_has_cardinal_groups_values_and_meta():
    result = indicators_json(sample_tables(), MINIMUM_1)
    assert list(result) == ["OCID", "Tenderer", "Meta"]
    assert result["OCID"] == {"p1": {"R003": 1.0, "R018": 1.0}}
    # Varieties 3, 1, 1, 1, 1: q1 = 1, q3 = 5/3, fence = 8/3; S1 (3) is above it.
    assert result["Tenderer"] == {"S1": {"R048": 3.0}}
    assert result["Meta"] == {"R048": {"q1": 1.0, "q3": 1.6667, "upper_fence": 2.6667}}
    json.dumps(result, allow_nan=False)


def test_no_meta_and_a_fixed_threshold_like_cardinal_settings():
    result = indicators_json(sample_tables(), {**MINIMUM_1, "r048_threshold": 1, "meta": False})
    assert "Meta" not in result
    assert set(result["Tenderer"]) == {"S1", "S2", "S3", "S4", "S5"}
    meta = indicators_json(sample_tables(), {**MINIMUM_1, "r048_threshold": 1})["Meta"]
    assert meta == {"R048": {"upper_fence": 1.0}}


def test_empty_groups_are_left_out_and_missing_fences_are_null():
    result = indicators_json(tables())
    assert result == {"Meta": {"R048": {"q1": None, "q3": None, "upper_fence": None}}}
    assert indicators_json(tables(), Settings(indicators=("R003",), meta=False)) == {}


def test_only_the_chosen_indicators_run():
    result = indicators_json(sample_tables(), Settings(indicators=("R018",)))
    assert result == {"OCID": {"p1": {"R018": 1.0}}, "Meta": {}}


def test_excluded_procurement_method_details_leave_every_indicator():
    data = sample_tables()
    details = data.tenders["ocid"].map({"p1": "Sorteo", "p2": "Licitación"})
    data = replace(data, tenders=data.tenders.assign(procurement_method_details=details))
    result = indicators_json(data, {**MINIMUM_1, "exclude_procurement_method_details": ("Sorteo",)})
    assert "OCID" not in result


def test_extended_section_only_when_asked():
    assert "Extended" not in indicators_json(sample_tables())
    extended = indicators_json(sample_tables(), {"extended": True})["Extended"]
    # B1: 5 of 5 processes direct; 5 awards of 100,000 to one RFC within 5 days; one RFC only.
    assert extended["Buyer"] == {
        "B1": {"MX_DIRECT_SHARE": 1.0, "MX_SPLITTING": 1.0, "MX_CONCENTRATION": 1.0}
    }
    assert extended["OCID"] == {f"d{k}": {"MX_SPLITTING": 1.0} for k in range(5)}
    assert extended["Meta"]["MX_SPLITTING"]["threshold"] == 300_000.0


def test_flag_table_has_one_row_per_flagged_entity_with_names():
    data = sample_tables()
    table = flag_table(indicators_json(data, {**MINIMUM_1, "extended": True}), data)
    assert table["group"].tolist()[:2] == ["OCID", "OCID"]
    rows = {(row.group, row.id): row for row in table.itertuples()}
    assert rows["OCID", "p1"].name == "T p1"
    assert rows["OCID", "p1"].indicators == {"R003": 1.0, "R018": 1.0}
    assert rows["Buyer", "B1"].name == "Comprador uno"
    assert rows["Tenderer", "S1"].name == "Empresa S1"


def test_meta_values_are_rounded_like_cardinal():
    assert _round(8 / 3) == 2.6667
    assert _round(-8 / 3) == -2.6667
    assert _round(0.5) == 0.5
    assert _round(float("nan")) is None


def test_settings_from_a_cardinal_settings_file(tmp_path):
    ini = tmp_path / "settings.ini"
    ini.write_text(
        "currency = MXN\n\n[exclusions]\nprocurement_method_details = Sorteo|Otro\n\n"
        "[R003]\nthreshold = 10 # legal minimum\nprocurement_methods = open|selective\n\n"
        "[R003.procurement_method_details]\nLicitación Pública = 20\n\n"
        "[R048]\n; digits = 2\nminimum_contracting_processes = 1\n\n[R024]\nthreshold = 0.05\n",
        encoding="utf-8",
    )
    settings = Settings.from_ini(ini, meta=False)
    assert settings.indicators == ("R003", "R048")
    assert settings.r003_threshold == 10
    assert settings.r003_procurement_methods == ("open", "selective")
    assert settings.r003_procurement_method_details == {"Licitación Pública": 20}
    assert settings.exclude_procurement_method_details == ("Sorteo", "Otro")
    assert (settings.r048_digits, settings.r048_minimum_contracting_processes) == (2, 1)
    assert settings.meta is False


def test_a_broken_settings_file_names_the_file(tmp_path):
    ini = tmp_path / "broken.ini"
    ini.write_text("[R003]\nthreshold = quince\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"broken\.ini"):
        Settings.from_ini(ini)


# Loaded from OCDS JSON Lines, like Cardinal's fixtures -------------------------------------


def period(start: str, end: str | None) -> dict:
    return {"startDate": start, **({"endDate": end} if end else {})}


R003_LINES = [
    {"ocid": "F", "tender": {"id": "1", "procurementMethod": "open",
     "tenderPeriod": period("2020-08-03T18:00:00-05:00", "2020-08-04T18:00:00-05:00")}},
    {"ocid": "adequate", "tender": {"id": "1", "procurementMethod": "open",
     "tenderPeriod": period("2020-08-03T18:00:00-05:00", "2020-08-19T18:00:00-05:00")}},
    {"ocid": "no end date", "tender": {"id": "1", "procurementMethod": "open",
     "tenderPeriod": period("2020-08-03T18:00:00-05:00", None)}},
    {"ocid": "cancelled", "tender": {"id": "1", "status": "cancelled", "procurementMethod": "open",
     "tenderPeriod": period("2020-08-03T18:00:00-05:00", "2020-08-04T18:00:00-05:00")}},
]  # fmt: skip
R018_LINES = [
    {"ocid": method, "tender": {"id": "1", "numberOfTenderers": 1, "procurementMethod": method}}
    for method in ("open", "selective", "limited", "direct")
] + [
    {"ocid": "missing", "tender": {"id": "1", "numberOfTenderers": 1}},
    {"ocid": "two", "tender": {"id": "1", "numberOfTenderers": 2, "procurementMethod": "open"}},
]


def r048_line(ocid: str, status: str, suppliers: list[str], codes: list[str]) -> dict:
    items = [{"id": str(k), "classification": {"scheme": "UNSPSC", "id": code}}
             for k, code in enumerate(codes)]  # fmt: skip
    parties = [{"id": s, "name": f"Empresa {s}", "roles": ["supplier"]} for s in suppliers]
    award = {"id": "a", "status": status, "items": items,
             "suppliers": [{"id": s, "name": f"Empresa {s}"} for s in suppliers]}  # fmt: skip
    return {"ocid": ocid, "parties": parties, "awards": [award]}


R048_LINES = [
    r048_line("F", "active", ["F"], ["10000000", "11000000"]),
    *(r048_line(str(k), "active", [str(k)], ["10000000"]) for k in range(1, 5)),
    *(r048_line(f"{s} award", s, ["S"], ["10000000", "11000000"])
      for s in ("pending", "cancelled", "unsuccessful")),
    r048_line("multiple suppliers", "active", ["S", "T"], ["10000000", "11000000"]),
]  # fmt: skip

CASES = {
    "R003": (R003_LINES, {"OCID": {"F": {"R003": 1.0}}}),
    "R018": (R018_LINES, {"OCID": {"open": {"R018": 1.0}, "selective": {"R018": 1.0}}}),
    "R048": (R048_LINES, {"Tenderer": {"F": {"R048": 2.0}}}),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_loaded_fixtures_give_cardinal_expected_output(code, tmp_path):
    load = pytest.importorskip("kit.procurement.load").load
    lines, expected = CASES[code]
    path = tmp_path / f"{code}.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    settings = Settings(indicators=(code,), meta=False, r048_minimum_contracting_processes=1)
    assert indicators_json(load(path), settings) == expected
