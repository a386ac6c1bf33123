"""Does ``kit flags`` read OCDS files of any shape and print Cardinal's JSON or a table?"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kit.cli import main
from kit.i18n import set_language

pytest.importorskip("kit.procurement.load")

PERIOD_5_DAYS = {"startDate": "2024-01-01T00:00:00Z", "endDate": "2024-01-06T00:00:00Z"}
PERIOD_20_DAYS = {"startDate": "2024-01-01T00:00:00Z", "endDate": "2024-01-21T00:00:00Z"}
BUYER = {"id": "B1", "name": "Secretaría de Pruebas", "roles": ["buyer"]}
SUPPLIER = {
    "id": "MX-RFC-AAA010101AAA",
    "name": "Proveedora Única SA de CV",
    "roles": ["supplier"],
    "identifier": {"scheme": "MX-RFC", "id": "AAA010101AAA"},
}


def release(ocid: str, tender: dict, awards: list[dict] | None = None) -> dict:
    return {
        "ocid": ocid,
        "id": f"{ocid}-1",
        "date": "2024-01-01T00:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        "parties": [BUYER, SUPPLIER],
        "buyer": {"id": BUYER["id"], "name": BUYER["name"]},
        "tender": {"id": ocid, "status": "complete", **tender},
        "awards": awards or [],
    }


def direct_award(ocid: str, amount: float, date: str, code: str) -> dict:
    return release(
        ocid,
        {"title": f"Compra {ocid}", "procurementMethod": "direct"},
        [
            {
                "id": f"{ocid}-a",
                "status": "active",
                "date": date,
                "value": {"amount": amount, "currency": "MXN"},
                "suppliers": [{"id": SUPPLIER["id"], "name": SUPPLIER["name"]}],
                "items": [{"id": "1", "classification": {"scheme": "UNSPSC", "id": code}}],
            }
        ],
    )


RELEASES = [
    # ocds-a: 5-day tender period (R003) and one tenderer in an open tender (R018).
    release("ocds-a", {"title": "Papelería", "procurementMethod": "open",
                       "tenderPeriod": PERIOD_5_DAYS, "numberOfTenderers": 1}),
    release("ocds-b", {"title": "Limpieza", "procurementMethod": "open",
                       "tenderPeriod": PERIOD_20_DAYS, "numberOfTenderers": 3}),
    # Three direct awards of 100,000 + 120,000 + 90,000 MXN to one RFC in 19 days.
    direct_award("ocds-c", 100_000, "2024-02-01T00:00:00Z", "14111500"),
    direct_award("ocds-d", 120_000, "2024-02-10T00:00:00Z", "44121600"),
    direct_award("ocds-e", 90_000, "2024-02-20T00:00:00Z", "72101500"),
]  # fmt: skip


@pytest.fixture(autouse=True)
def spanish_afterwards():
    yield
    set_language("es")


@pytest.fixture
def package(tmp_path):
    path = tmp_path / "paquete.json"
    package = {"uri": "https://example.org/p.json", "version": "1.1", "releases": RELEASES}
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_has_cardinal_shape_and_values(package, capsys):
    code, out, _ = run(capsys, "flags", str(package))
    assert code == 0
    result = json.loads(out)
    assert result["OCID"] == {"ocds-a": {"R003": 1.0, "R018": 1.0}}
    # One supplier in three processes is below Cardinal's default minimum of 20: no quartiles.
    assert result["Meta"] == {"R048": {"q1": None, "q3": None, "upper_fence": None}}
    assert "Extended" not in result
    assert out.startswith('{"OCID":{"ocds-a":{"R003":1.0,"R018":1.0}}')  # compact, like Cardinal


def test_options_mirror_cardinal_settings(package, capsys):
    argv = ["flags", str(package), "--r003-threshold", "3", "--r018-methods", "selective"]
    code, out, _ = run(capsys, *argv, "--r048-minimum-processes", "1", "--r048-threshold", "3")
    assert code == 0
    result = json.loads(out)
    assert "OCID" not in result  # 5 days is not below 3; "open" is no longer competitive
    assert result["Tenderer"] == {"MX-RFC-AAA010101AAA": {"R048": 3.0}}  # segments 14, 44, 72
    assert result["Meta"] == {"R048": {"upper_fence": 3.0}}


def test_extended_adds_the_mexican_indicators(package, capsys):
    code, out, _ = run(capsys, "flags", str(package), "--extended", "--no-meta")
    assert code == 0
    result = json.loads(out)
    assert "Meta" not in result
    extended = result["Extended"]
    assert extended["OCID"] == {o: {"MX_SPLITTING": 1.0} for o in ("ocds-c", "ocds-d", "ocds-e")}
    # B1: 3 of 5 processes direct (0.6, not flagged); all value to one supplier (HHI 1).
    assert extended["Buyer"] == {"B1": {"MX_SPLITTING": 1.0, "MX_CONCENTRATION": 1.0}}
    higher = json.loads(run(capsys, "flags", str(package), "--extended",
                            "--splitting-threshold", "400000")[1])  # fmt: skip
    assert "MX_SPLITTING" not in higher["Extended"]["Buyer"]["B1"]


def test_reads_json_lines_gzip_and_several_files(tmp_path, capsys):
    lines = tmp_path / "procesos.jsonl.gz"
    with gzip.open(lines, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in RELEASES[:2])
    array = tmp_path / "arreglo.json"
    array.write_text(json.dumps(RELEASES[2:]), encoding="utf-8")
    code, out, _ = run(capsys, "flags", str(lines), str(array), "--extended")
    assert code == 0
    result = json.loads(out)
    assert result["OCID"] == {"ocds-a": {"R003": 1.0, "R018": 1.0}}
    assert set(result["Extended"]["OCID"]) == {"ocds-c", "ocds-d", "ocds-e"}


def test_table_view_in_spanish_and_english(package, capsys):
    code, out, _ = run(capsys, "flags", str(package), "--format", "table", "--extended")
    assert code == 0
    assert "Banderas rojas" in out and "Proceso" in out and "Comprador" in out
    assert "ocds-a" in out and "R003, R018" in out and "Papelería" in out
    assert "MX_CONCENTRATION=1" in out
    assert "Periodo corto para presentar ofertas" in out  # the counts table
    assert "5 procesos; 4 con al menos una bandera roja" in out
    code, out, _ = run(capsys, "--lang", "en", "flags", str(package), "--format", "table")
    assert "Red flags" in out and "Short submission period" in out and "Process" in out


def test_table_view_says_when_nothing_is_flagged(tmp_path, capsys):
    path = tmp_path / "limpio.json"
    path.write_text(json.dumps([RELEASES[1]]), encoding="utf-8")
    _, out, _ = run(capsys, "--lang", "en", "flags", str(path), "--format", "table")
    assert "No red flags were found." in out


def test_output_file(package, tmp_path, capsys):
    target = tmp_path / "resultados.json"
    code, out, err = run(capsys, "flags", str(package), "--output", str(target))
    assert (code, out) == (0, "")
    assert "resultados.json" in err
    assert json.loads(target.read_text(encoding="utf-8"))["OCID"]["ocds-a"]["R003"] == 1.0


def test_unwritable_output_is_one_clear_line(package, tmp_path, capsys):
    target = tmp_path / "no-existe" / "r.json"
    code, _, err = run(capsys, "flags", str(package), "--output", str(target))
    assert code == 1
    assert err.startswith("kit flags: ") and err.count("\n") == 1


def test_malformed_file_exits_1_with_one_line(tmp_path, capsys):
    broken = tmp_path / "roto.json"
    broken.write_text('{"releases": [{"ocid": "x", ', encoding="utf-8")
    code, out, err = run(capsys, "flags", str(broken))
    assert (code, out) == (1, "")
    assert err.startswith("kit flags: ") and "roto.json" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_exits_1(tmp_path, capsys):
    code, _, err = run(capsys, "flags", str(tmp_path / "no-hay.json"))
    assert code == 1
    assert "no-hay.json" in err


def test_unknown_indicator_code_exits_1(package, capsys):
    code, _, err = run(capsys, "flags", str(package), "--indicators", "R003|R024")
    assert code == 1
    assert "R024" in err


def test_settings_file_like_cardinal(package, tmp_path, capsys):
    ini = tmp_path / "settings.ini"
    ini.write_text("[R018]\nprocurement_methods = open\n", encoding="utf-8")
    code, out, _ = run(capsys, "flags", str(package), "--settings", str(ini))
    assert code == 0
    assert json.loads(out) == {"OCID": {"ocds-a": {"R018": 1.0}}, "Meta": {}}
    code, _, err = run(capsys, "flags", str(package), "--settings", str(tmp_path / "no.ini"))
    assert code == 1 and "no.ini" in err


def test_help_explains_every_indicator_in_spanish_then_english(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["flags", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for code, es, en in [
        ("R003", "Periodo corto para presentar ofertas", "Short submission period"),
        ("R018", "Una sola oferta recibida", "Single bid received"),
        ("R048", "Proveedor heterogéneo", "Heterogeneous supplier"),
        ("MX_DIRECT_SHARE", "Proporción de adjudicaciones directas", "Direct award share"),
        ("MX_SPLITTING", "Fraccionamiento de contratos", "Contract splitting"),
        ("MX_CONCENTRATION", "Concentración de proveedores", "Supplier concentration"),
    ]:
        lines = [line for line in out.splitlines() if line.strip().startswith(code + " ")]
        assert len(lines) == 2, code
        assert es in lines[0] and en in lines[1]
    for option in ("--r003-threshold", "--r018-methods", "--r048-digits", "--extended"):
        assert option in out


def test_the_bundled_sample_by_name(capsys):
    truth_file = Path(__file__).parents[2] / "kit" / "data" / "procurement" / "truth.json"
    if not truth_file.exists():
        pytest.skip("kit/data/procurement/truth.json is not generated yet")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "flags", "sample", "--extended")
    assert code == 0
    result = json.loads(out)
    single = {ocid for ocid, codes in result["OCID"].items() if "R018" in codes}
    assert single == set(truth["R018_single_bid"]["ocids"])
    buyers = result["Extended"]["Buyer"]
    concentrated = {b for b, codes in buyers.items() if "MX_CONCENTRATION" in codes}
    assert concentrated == {b["id"] for b in truth["supplier_concentration"]["buyers"]}
